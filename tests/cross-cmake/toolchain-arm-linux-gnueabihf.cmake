# CMake toolchain file for ARM hard-float Linux with Debian's cross compiler
# (apt-get install gcc-arm-linux-gnueabihf). The emulator that runs the built programs
# (try_run, add_test) is given separately:
#   -DCMAKE_CROSSCOMPILING_EMULATOR="/path/to/xemu-arm;-L;/usr/arm-linux-gnueabihf"
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
