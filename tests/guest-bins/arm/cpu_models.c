/*
 * -cpu models: AT_HWCAP as the model's kernel reports it, and the optional instructions
 * the model lacks raising SIGILL (status 132). Run under `-cpu MODEL` with argv[1] the
 * instruction to try after printing the HWCAP bits: "none", "sdiv" (IDIVA/IDIVT),
 * "vfma" (VFPv4), "neon" (a NEON load and add).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static const struct {
    unsigned bit;
    const char *name;
} hwcaps[] = {
    /* arch/arm/include/uapi/asm/hwcap.h; SWP is left out (kernel configuration). */
    { 1, "half" }, { 2, "thumb" }, { 4, "fastmult" }, { 6, "vfp" }, { 7, "edsp" },
    { 12, "neon" }, { 13, "vfpv3" }, { 14, "vfpv3d16" }, { 15, "tls" }, { 16, "vfpv4" },
    { 17, "idiva" }, { 18, "idivt" }, { 19, "vfpd32" }, { 20, "lpae" },
};

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "none";
    unsigned long hw = getauxval(AT_HWCAP);
    printf("hwcap:");
    for (unsigned i = 0; i < sizeof(hwcaps) / sizeof(hwcaps[0]); i++) {
        if (hw & (1ul << hwcaps[i].bit)) {
            printf(" %s", hwcaps[i].name);
        }
    }
    printf("\n%s:", what);
    fflush(stdout);
    if (strcmp(what, "sdiv") == 0) {
        volatile int a = -100, b = 7;
        int q;
        __asm__ volatile(".arch_extension idiv\n\tsdiv %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
        unsigned u;
        __asm__ volatile("udiv %0, %1, %2" : "=r"(u) : "r"(a), "r"(b));
        printf(" %d %u\n", q, u);
    } else if (strcmp(what, "vfma") == 0) {
        volatile float x = 2.0f, y = 3.0f, z = 1.0f;
        float r = z;
        __asm__ volatile(".fpu neon-vfpv4\n\tvfma.f32 %0, %1, %2" : "+t"(r) : "t"(x), "t"(y));
        printf(" %g\n", (double)r);
    } else if (strcmp(what, "neon") == 0) {
        static const uint32_t v[4] = { 1, 2, 3, 4 };
        uint32_t out[2];
        __asm__ volatile(".fpu neon\n\t"
                         "vld1.32 {d0-d1}, [%0]\n\t"
                         "vadd.i32 d0, d0, d1\n\t"
                         "vst1.32 {d0}, [%1]"
                         :
                         : "r"(v), "r"(out)
                         : "d0", "d1", "memory");
        printf(" %u %u\n", out[0], out[1]);
    } else {
        printf("\n");
    }
    return 0;
}
