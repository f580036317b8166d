/*
 * NEON alignment hints: a VLDn/VSTn whose :64/:128/:256 (or element-sized) hint the
 * address does not meet takes an alignment fault, which Linux does not fix up (only
 * plain loads/stores and LDM/STM/LDRD/STRD are, arch/arm/mm/alignment.c): the process
 * dies with SIGBUS (status 135). argv[1] picks the case; each first runs the same
 * instruction on an aligned address, which must work, and prints that.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t buf[128] __attribute__((aligned(32)));

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    uint8_t *p;
    for (int i = 0; i < 128; i++) {
        buf[i] = (uint8_t)i;
    }
    for (int k = 0; k < 2; k++) {
        /* k = 0: aligned, k = 1: misaligned by the offset named in the case */
        if (strcmp(what, "multiple") == 0) {
            p = buf + 32 + 8 * k; /* :128 on an 8-byte aligned address */
            __asm__ volatile("vld1.8 {d0-d1}, [%0:128]" : : "r"(p) : "d0", "d1", "memory");
        } else if (strcmp(what, "lane") == 0) {
            p = buf + 16 + 2 * k; /* :32 on a 2-byte aligned address */
            __asm__ volatile("vst1.32 {d0[1]}, [%0:32]" : : "r"(p) : "d0", "memory");
        } else if (strcmp(what, "dup") == 0) {
            p = buf + 8 + k; /* :16 on an odd address */
            __asm__ volatile("vld1.16 {d0[]}, [%0:16]" : : "r"(p) : "d0", "memory");
        } else if (strcmp(what, "vld4") == 0) {
            /*
             * :128 on an 8-byte aligned address, with writeback. (qemu-user 7.2 does not
             * check :256 hints at all, so that one is not used here.)
             */
            p = buf + 64 + 8 * k;
            __asm__ volatile("vld4.16 {d0-d3}, [%0:128]!" : "+r"(p) : : "d0", "d1", "d2", "d3",
                             "memory");
        } else {
            printf("usage: neon_ls_align multiple|lane|dup|vld4\n");
            return 2;
        }
        printf("%s: %s access done\n", what, k ? "misaligned" : "aligned");
        fflush(stdout);
    }
    return 0;
}
