/* Process-wide runtime state: the options in force and the loaded program's image. */
#include "linux-user/elfload.h"
#include "linux-user/xemu.h"

XemuOptions xemu_opts = { .stack_size = 8u << 20 };
ImageInfo image_info;
