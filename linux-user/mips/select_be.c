/* xemu-mips: the big-endian MIPS guest. */
#include "linux-user/xemu.h"

extern const GuestArch mips_guest_arch_be;
const GuestArch *guest_arch = &mips_guest_arch_be;
