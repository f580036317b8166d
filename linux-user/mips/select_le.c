/* xemu-mipsel: the little-endian MIPS guest. */
#include "linux-user/xemu.h"

extern const GuestArch mips_guest_arch_le;
const GuestArch *guest_arch = &mips_guest_arch_le;
