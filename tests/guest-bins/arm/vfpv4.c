/*
 * VFPv4 fused multiply-add (VFMA/VFMS/VFNMA/VFNMS, F32 and F64) and the half-precision
 * conversions VCVTB/VCVTT in both directions: results as bit patterns and the FPSCR
 * cumulative flags after each instruction, under every rounding mode, FZ, DN and AHP.
 * The operands are chosen where a fused result differs from the unfused one (a single
 * rounding), and around the edges: NaN selection order, Inf * 0 + qNaN, signed zeros,
 * overflow, tiny results, half-precision denormals and ties, AHP saturation.
 * Built with -mfpu=neon-vfpv4 -mfp16-format=ieee.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define RN (0u << 22)
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)
#define FZ (1u << 24)
#define DN (1u << 25)
#define AHP (1u << 26)

static const char *mode_name(uint32_t m)
{
    static char buf[32];
    static const char *rn[4] = { "RN", "RP", "RM", "RZ" };
    snprintf(buf, sizeof(buf), "%s%s%s%s", rn[(m >> 22) & 3], m & FZ ? "+FZ" : "",
             m & DN ? "+DN" : "", m & AHP ? "+AHP" : "");
    return buf;
}

static void flags(uint32_t fpscr)
{
    printf(" [%s%s%s%s%s%s]", fpscr & 0x80 ? "D" : "", fpscr & 0x10 ? "X" : "",
           fpscr & 0x08 ? "U" : "", fpscr & 0x04 ? "O" : "", fpscr & 0x02 ? "Z" : "",
           fpscr & 0x01 ? "I" : "");
}

/* ---- Fused multiply-add ---- */

#define FMA_S(insn)                                                                      \
    static uint32_t insn##_s(uint32_t mode, uint32_t d, uint32_t n, uint32_t m, uint32_t *f) \
    {                                                                                    \
        __asm__ volatile("vmsr fpscr, %[c]\n\t"                                          \
                         "vmov s0, %[d]\n\tvmov s1, %[n]\n\tvmov s2, %[m]\n\t"           \
                         #insn ".f32 s0, s1, s2\n\t"                                     \
                         "vmov %[d], s0\n\tvmrs %[c], fpscr"                             \
                         : [d] "+r"(d), [c] "+r"(mode)                                   \
                         : [n] "r"(n), [m] "r"(m)                                        \
                         : "s0", "s1", "s2");                                            \
        *f = mode;                                                                       \
        return d;                                                                        \
    }
#define FMA_D(insn)                                                                      \
    static uint64_t insn##_d(uint32_t mode, uint64_t d, uint64_t n, uint64_t m, uint32_t *f) \
    {                                                                                    \
        __asm__ volatile("vmsr fpscr, %[c]\n\t"                                          \
                         "vmov d0, %Q[d], %R[d]\n\tvmov d1, %Q[n], %R[n]\n\t"            \
                         "vmov d2, %Q[m], %R[m]\n\t"                                     \
                         #insn ".f64 d0, d1, d2\n\t"                                     \
                         "vmov %Q[d], %R[d], d0\n\tvmrs %[c], fpscr"                     \
                         : [d] "+r"(d), [c] "+r"(mode)                                   \
                         : [n] "r"(n), [m] "r"(m)                                        \
                         : "d0", "d1", "d2");                                            \
        *f = mode;                                                                       \
        return d;                                                                        \
    }
FMA_S(vfma) FMA_S(vfms) FMA_S(vfnma) FMA_S(vfnms)
FMA_D(vfma) FMA_D(vfms) FMA_D(vfnma) FMA_D(vfnms)

/* Unfused VMLA for contrast: the product is rounded first. */
static uint32_t vmla_s(uint32_t mode, uint32_t d, uint32_t n, uint32_t m, uint32_t *f)
{
    __asm__ volatile("vmsr fpscr, %[c]\n\t"
                     "vmov s0, %[d]\n\tvmov s1, %[n]\n\tvmov s2, %[m]\n\t"
                     "vmla.f32 s0, s1, s2\n\t"
                     "vmov %[d], s0\n\tvmrs %[c], fpscr"
                     : [d] "+r"(d), [c] "+r"(mode)
                     : [n] "r"(n), [m] "r"(m)
                     : "s0", "s1", "s2");
    *f = mode;
    return d;
}

typedef uint32_t (*FmaS)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t *);
typedef uint64_t (*FmaD)(uint32_t, uint64_t, uint64_t, uint64_t, uint32_t *);

static const struct {
    const char *name;
    FmaS s;
    FmaD d;
} fma_ops[] = {
    { "vfma", vfma_s, vfma_d },
    { "vfms", vfms_s, vfms_d },
    { "vfnma", vfnma_s, vfnma_d },
    { "vfnms", vfnms_s, vfnms_d },
};

static void test_fma_s(uint32_t mode, uint32_t d, uint32_t n, uint32_t m)
{
    printf("f32 %-10s d=%08x n=%08x m=%08x:", mode_name(mode), d, n, m);
    for (unsigned k = 0; k < 4; k++) {
        uint32_t f, r = fma_ops[k].s(mode, d, n, m, &f);
        printf(" %08x", r);
        flags(f);
    }
    uint32_t f, r = vmla_s(mode, d, n, m, &f);
    printf(" vmla %08x", r);
    flags(f);
    printf("\n");
}

static void test_fma_d(uint32_t mode, uint64_t d, uint64_t n, uint64_t m)
{
    printf("f64 %-10s d=%016llx n=%016llx m=%016llx:\n   ", mode_name(mode),
           (unsigned long long)d, (unsigned long long)n, (unsigned long long)m);
    for (unsigned k = 0; k < 4; k++) {
        uint32_t f;
        uint64_t r = fma_ops[k].d(mode, d, n, m, &f);
        printf(" %016llx", (unsigned long long)r);
        flags(f);
    }
    printf("\n");
}

static void fma_tests(void)
{
    static const uint32_t modes[] = { RN, RP, RM, RZ, RN | FZ, RN | DN };
    static const uint32_t s_cases[][3] = {
        /* d, n, m */
        { 0xbf800000, 0x3f800001, 0x3f7ffffe }, /* -1 + (1+u)(1-2u): fused -2u^2-ish */
        { 0x3f800000, 0x3f800001, 0x3f800001 }, /* 1 + (1+u)^2 */
        { 0x00000000, 0x3f800000, 0xbf800000 }, /* +0 + 1*-1 */
        { 0x80000000, 0x00000000, 0x3f800000 }, /* -0 + +0*1: signed zero per mode */
        { 0x00000000, 0x00000000, 0x80000000 }, /* +0 + +0*-0 */
        { 0x7f7fffff, 0x7f7fffff, 0x40000000 }, /* overflow */
        { 0x00800000, 0x00800000, 0xbf000000 }, /* tiny: min normal - min normal/2 */
        { 0x00000001, 0x3f800000, 0x3f800000 }, /* denormal addend (FZ: IDC) */
        { 0x3f800000, 0x00400000, 0x40000000 }, /* denormal multiplicand */
        { 0x7fc00001, 0x7f800000, 0x00000000 }, /* qNaN + Inf*0: default NaN, IOC */
        { 0x3f800000, 0x7f800000, 0x00000000 }, /* 1 + Inf*0: IOC */
        { 0x7fc00001, 0x7fc00002, 0x7f800003 }, /* sNaN m wins over qNaNs */
        { 0x7f800004, 0x7fc00002, 0x3f800000 }, /* sNaN d first */
        { 0x3f800000, 0x7fc00002, 0xffc00005 }, /* qNaN n before qNaN m */
        { 0xff800000, 0x7f800000, 0x3f800000 }, /* -Inf + Inf*1: IOC */
        { 0x3eaaaaab, 0x40400000, 0xbeaaaaab }, /* 1/3 rounding residue */
    };
    for (unsigned i = 0; i < sizeof(s_cases) / sizeof(s_cases[0]); i++) {
        for (unsigned k = 0; k < sizeof(modes) / sizeof(modes[0]); k++) {
            test_fma_s(modes[k], s_cases[i][0], s_cases[i][1], s_cases[i][2]);
        }
    }
    static const uint64_t d_cases[][3] = {
        { 0xbff0000000000000ull, 0x3ff0000000000001ull, 0x3feffffffffffffeull },
        { 0x3ff0000000000000ull, 0x3ff0000000000001ull, 0x3ff0000000000001ull },
        { 0x8000000000000000ull, 0x0000000000000000ull, 0x3ff0000000000000ull },
        { 0x7fefffffffffffffull, 0x7fefffffffffffffull, 0x4000000000000000ull },
        { 0x0010000000000000ull, 0x0010000000000000ull, 0xbfe0000000000000ull },
        { 0x0000000000000001ull, 0x3ff0000000000000ull, 0x3ff0000000000000ull },
        { 0x7ff8000000000001ull, 0x7ff0000000000000ull, 0x0000000000000000ull },
        { 0x7ff8000000000001ull, 0x7ff8000000000002ull, 0x7ff0000000000003ull },
        { 0x3fd5555555555555ull, 0x4008000000000000ull, 0xbfd5555555555555ull },
    };
    for (unsigned i = 0; i < sizeof(d_cases) / sizeof(d_cases[0]); i++) {
        for (unsigned k = 0; k < sizeof(modes) / sizeof(modes[0]); k++) {
            test_fma_d(modes[k], d_cases[i][0], d_cases[i][1], d_cases[i][2]);
        }
    }
}

/* ---- Half precision ---- */

/* VCVTB/VCVTT.F16.F32: s0 starts as `old`; the other half must survive. */
static uint32_t cvt_to_f16(uint32_t mode, bool top, uint32_t old, uint32_t a, uint32_t *f)
{
    if (top) {
        __asm__ volatile("vmsr fpscr, %[c]\n\tvmov s0, %[o]\n\tvmov s1, %[a]\n\t"
                         "vcvtt.f16.f32 s0, s1\n\tvmov %[o], s0\n\tvmrs %[c], fpscr"
                         : [o] "+r"(old), [c] "+r"(mode)
                         : [a] "r"(a)
                         : "s0", "s1");
    } else {
        __asm__ volatile("vmsr fpscr, %[c]\n\tvmov s0, %[o]\n\tvmov s1, %[a]\n\t"
                         "vcvtb.f16.f32 s0, s1\n\tvmov %[o], s0\n\tvmrs %[c], fpscr"
                         : [o] "+r"(old), [c] "+r"(mode)
                         : [a] "r"(a)
                         : "s0", "s1");
    }
    *f = mode;
    return old;
}

static uint32_t cvt_from_f16(uint32_t mode, bool top, uint32_t h2, uint32_t *f)
{
    uint32_t r;
    if (top) {
        __asm__ volatile("vmsr fpscr, %[c]\n\tvmov s1, %[h]\n\t"
                         "vcvtt.f32.f16 s0, s1\n\tvmov %[r], s0\n\tvmrs %[c], fpscr"
                         : [r] "=r"(r), [c] "+r"(mode)
                         : [h] "r"(h2)
                         : "s0", "s1");
    } else {
        __asm__ volatile("vmsr fpscr, %[c]\n\tvmov s1, %[h]\n\t"
                         "vcvtb.f32.f16 s0, s1\n\tvmov %[r], s0\n\tvmrs %[c], fpscr"
                         : [r] "=r"(r), [c] "+r"(mode)
                         : [h] "r"(h2)
                         : "s0", "s1");
    }
    *f = mode;
    return r;
}

static void f16_tests(void)
{
    static const uint32_t modes[] = { RN, RP, RM, RZ, RN | FZ, RN | DN, RN | AHP,
                                      RZ | AHP, RN | AHP | DN };
    static const uint32_t to_half[] = {
        0x3f800000, /* 1.0 */
        0x477fe000, /* 65504, largest half */
        0x477ff000, /* 65520: rounds to Inf in RN (AHP: 65536) */
        0x47800000, /* 65536 */
        0x48000000, /* 131072: beyond AHP's largest, saturates with IOC */
        0x3f801000, /* 1 + 2^-11: a tie, to even */
        0x3f803000, /* 1 + 3*2^-11: a tie, to even (up) */
        0x3f800001, /* just above 1: inexact */
        0xbf800001, /* just below -1 */
        0x33800000, /* 2^-24, smallest half denormal */
        0x33000000, /* 2^-25: tie between 0 and 2^-24 */
        0x33000001, /* just above 2^-25 */
        0x38800000, /* 2^-14, smallest half normal */
        0x387fc000, /* largest half denormal */
        0x387fe000, /* tie between largest denormal and smallest normal */
        0x00000001, /* f32 denormal (FZ: IDC, flushed) */
        0x80000000, /* -0 */
        0x7f800000, /* Inf */
        0xff800000, /* -Inf */
        0x7fc12345, /* qNaN with payload */
        0xff812345, /* sNaN, negative */
    };
    for (unsigned k = 0; k < sizeof(modes) / sizeof(modes[0]); k++) {
        printf("to f16 %s:\n", mode_name(modes[k]));
        for (unsigned i = 0; i < sizeof(to_half) / sizeof(to_half[0]); i++) {
            uint32_t fb, ft;
            uint32_t b = cvt_to_f16(modes[k], false, 0xdeadbeef, to_half[i], &fb);
            uint32_t t = cvt_to_f16(modes[k], true, 0xdeadbeef, to_half[i], &ft);
            printf("  %08x -> b %08x", to_half[i], b);
            flags(fb);
            printf(" t %08x", t);
            flags(ft);
            printf("\n");
        }
    }
    static const uint16_t from_half[] = {
        0x3c00, 0x7bff, 0xfbff, 0x0001, 0x8001, 0x03ff, 0x0400, 0x0000, 0x8000,
        0x7c00, 0xfc00, 0x7e01, 0x7d01, 0xfd55, 0x7fff, 0xffff, 0x3555,
    };
    static const uint32_t from_modes[] = { RN, RN | FZ, RN | DN, RN | AHP, RZ | AHP | FZ };
    for (unsigned k = 0; k < sizeof(from_modes) / sizeof(from_modes[0]); k++) {
        printf("from f16 %s:\n", mode_name(from_modes[k]));
        for (unsigned i = 0; i < sizeof(from_half) / sizeof(from_half[0]); i++) {
            uint32_t fb, ft, h = from_half[i];
            uint32_t b = cvt_from_f16(from_modes[k], false, 0x12340000 | h, &fb);
            uint32_t t = cvt_from_f16(from_modes[k], true, h << 16 | 0x5678, &ft);
            printf("  %04x -> b %08x", h, b);
            flags(fb);
            printf(" t %08x", t);
            flags(ft);
            printf("\n");
        }
    }
}

/* The C view: __fp16 conversions compile to the same instructions. */
static void fp16_c(void)
{
    volatile float in[] = { 0.1f, 1000.5f, -3.0e-5f, 70000.0f };
    for (unsigned i = 0; i < 4; i++) {
        __fp16 h = (__fp16)in[i];
        uint16_t bits;
        memcpy(&bits, &h, 2);
        printf("__fp16 %a -> %04x -> %a\n", (double)in[i], bits, (double)(float)h);
    }
}

int main(void)
{
    fma_tests();
    f16_tests();
    __asm__ volatile("vmsr fpscr, %0" : : "r"(0));
    fp16_c();
    return 0;
}
