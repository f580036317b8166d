/*
 * vfp: VFP (and a little Advanced SIMD) floating-point corner cases.  Every result is
 * printed as its bit pattern in hex, with the cumulative exception flags of FPSCR after
 * the operation written as letters: I=invalid Z=divide-by-zero O=overflow U=underflow
 * X=inexact D=input-denormal ('-' when clear).
 * Operations are done by the instruction named (inline asm), so the compiler cannot fold
 * them and the host C library cannot interfere:
 *   - NaN propagation: which operand's payload wins (ARM: first sNaN, second sNaN, first
 *     qNaN, second qNaN), quieting, the default NaN 0x7fc00000 for invalid operations,
 *     and FPSCR.DN (default-NaN mode)
 *   - denormal results and inputs, with and without FPSCR.FZ (flush-to-zero)
 *   - each rounding mode set by fesetround() (arithmetic, VCVTR, rint)
 *   - float <-> int conversions, including out-of-range and NaN (saturating), and fixed
 *     point; half-precision conversions (VCVTB/VCVTT)
 *   - VSQRT, fused multiply-add (VFMA/VFMS/VFNMA/VFNMS) vs VMLA, VNMUL/VNMLA/VNMLS
 *   - VCMP/VCMPE and the NZCV flags they produce
 *   - NEON single-precision arithmetic, which always flushes denormals and uses the default
 *     NaN whatever FPSCR says ("standard FPSCR value"), and VRECPE/VRSQRTE estimates
 *   - printf of floats with %a %e %f %g
 * Built with -mfpu=vfpv4 (test vfp) and -mfpu=neon-vfpv4 (test vfp-neon, which adds the
 * NEON section) in ARM and Thumb.
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static uint32_t get_fpscr(void)
{
    uint32_t r;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(r));
    return r;
}
static void set_fpscr(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" ::"r"(v)); }

/* Keeps the control bits (rounding mode, FZ, DN), clears the cumulative flags. */
static void clear_flags(void) { set_fpscr(get_fpscr() & ~0x9fu); }

static const char *flags_str(uint32_t f)
{
    static char buf[8][8];
    static unsigned next;
    char *s = buf[next++ % 8];
    s[0] = f & 0x01 ? 'I' : '-';
    s[1] = f & 0x02 ? 'Z' : '-';
    s[2] = f & 0x04 ? 'O' : '-';
    s[3] = f & 0x08 ? 'U' : '-';
    s[4] = f & 0x10 ? 'X' : '-';
    s[5] = f & 0x80 ? 'D' : '-';
    s[6] = 0;
    return s;
}
static const char *flags(void) { return flags_str(get_fpscr()); }

#define F2(insn, a, b)                                                              \
    ({                                                                              \
        float r_;                                                                   \
        __asm__ volatile(insn " %0, %1, %2" : "=t"(r_) : "t"(a), "t"(b));           \
        r_;                                                                         \
    })
#define F1(insn, a)                                                                 \
    ({                                                                              \
        float r_;                                                                   \
        __asm__ volatile(insn " %0, %1" : "=t"(r_) : "t"(a));                       \
        r_;                                                                         \
    })
#define F3ACC(insn, acc, a, b)                                                      \
    ({                                                                              \
        float r_ = (acc);                                                           \
        __asm__ volatile(insn " %0, %1, %2" : "+t"(r_) : "t"(a), "t"(b));           \
        r_;                                                                         \
    })
#define D2(insn, a, b)                                                              \
    ({                                                                              \
        double r_;                                                                  \
        __asm__ volatile(insn " %P0, %P1, %P2" : "=w"(r_) : "w"(a), "w"(b));        \
        r_;                                                                         \
    })
#define D1(insn, a)                                                                 \
    ({                                                                              \
        double r_;                                                                  \
        __asm__ volatile(insn " %P0, %P1" : "=w"(r_) : "w"(a));                     \
        r_;                                                                         \
    })
#define D3ACC(insn, acc, a, b)                                                      \
    ({                                                                              \
        double r_ = (acc);                                                          \
        __asm__ volatile(insn " %P0, %P1, %P2" : "+w"(r_) : "w"(a), "w"(b));        \
        r_;                                                                         \
    })

/* Single-precision operands: numbers, quiet and signalling NaNs with payloads. */
static const uint32_t fops[] = {
    0x3f800000, /* 1.0 */
    0x80000000, /* -0.0 */
    0x7f800000, /* +inf */
    0x7fc12345, /* qNaN, payload 0x12345 */
    0xffc54321, /* -qNaN, payload 0x54321 */
    0x7f812345, /* sNaN, payload 0x12345 */
    0xff854321, /* -sNaN, payload 0x54321 */
};
#define NF (sizeof fops / sizeof fops[0])

static const uint64_t dops[] = {
    0x3ff0000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull,
    0x7ff8000000012345ull, 0xfff8000000054321ull, 0x7ff0000000012345ull,
    0xfff4000000054321ull,
};
#define ND (sizeof dops / sizeof dops[0])

static void nan_propagation(void)
{
    printf("== f32 a b: vadd vmul vdiv (bits/flags)\n");
    for (unsigned i = 0; i < NF; i++) {
        for (unsigned j = 0; j < NF; j++) {
            float a = bitsf(fops[i]), b = bitsf(fops[j]), r;
            printf("%08" PRIx32 " %08" PRIx32 ":", fops[i], fops[j]);
            clear_flags();
            r = F2("vadd.f32", a, b);
            printf(" %08" PRIx32 "/%s", fbits(r), flags());
            clear_flags();
            r = F2("vmul.f32", a, b);
            printf(" %08" PRIx32 "/%s", fbits(r), flags());
            clear_flags();
            r = F2("vdiv.f32", a, b);
            printf(" %08" PRIx32 "/%s\n", fbits(r), flags());
        }
    }
    printf("== f64 a b: vadd vsub vmul\n");
    for (unsigned i = 0; i < ND; i++) {
        for (unsigned j = 0; j < ND; j++) {
            double a = bitsd(dops[i]), b = bitsd(dops[j]), r;
            printf("%016" PRIx64 " %016" PRIx64 ":", dops[i], dops[j]);
            clear_flags();
            r = D2("vadd.f64", a, b);
            printf(" %016" PRIx64 "/%s", dbits(r), flags());
            clear_flags();
            r = D2("vsub.f64", a, b);
            printf(" %016" PRIx64 "/%s", dbits(r), flags());
            clear_flags();
            r = D2("vmul.f64", a, b);
            printf(" %016" PRIx64 "/%s\n", dbits(r), flags());
        }
    }
    printf("== three NaN operands: vfma.f32 acc=c a b (c + a*b)\n");
    static const uint32_t t[][3] = {
        { 0x7fc00001, 0x7fc00002, 0x7fc00003 }, { 0x7fc00001, 0x7f800002, 0x7fc00003 },
        { 0x7fc00001, 0x7fc00002, 0x7f800003 }, { 0x7f800001, 0x7fc00002, 0x7f800003 },
        { 0x7fc00001, 0x00000000, 0x7f800000 }, { 0x3f800000, 0x00000000, 0x7f800000 },
        { 0x7f800000, 0xff800000, 0x3f800000 }, { 0x7f800000, 0x3f800000, 0xff800000 },
    };
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        clear_flags();
        float r = F3ACC("vfma.f32", bitsf(t[i][0]), bitsf(t[i][1]), bitsf(t[i][2]));
        printf("c=%08" PRIx32 " a=%08" PRIx32 " b=%08" PRIx32 ": %08" PRIx32 "/%s\n", t[i][0],
               t[i][1], t[i][2], fbits(r), flags());
    }
    printf("== invalid operations -> default NaN\n");
    float inf = bitsf(0x7f800000), zero = 0.0f, one = 1.0f, m1 = -1.0f;
    clear_flags();
    printf("inf-inf %08" PRIx32 "/%s\n", fbits(F2("vsub.f32", inf, inf)), flags());
    clear_flags();
    printf("0*inf %08" PRIx32 "/%s\n", fbits(F2("vmul.f32", zero, inf)), flags());
    clear_flags();
    printf("0/0 %08" PRIx32 "/%s\n", fbits(F2("vdiv.f32", zero, zero)), flags());
    clear_flags();
    printf("inf/inf %08" PRIx32 "/%s\n", fbits(F2("vdiv.f32", inf, inf)), flags());
    clear_flags();
    printf("1/0 %08" PRIx32 "/%s\n", fbits(F2("vdiv.f32", one, zero)), flags());
    clear_flags();
    printf("-1/0 %08" PRIx32 "/%s\n", fbits(F2("vdiv.f32", m1, zero)), flags());
    clear_flags();
    printf("sqrt(-1) %08" PRIx32 "/%s\n", fbits(F1("vsqrt.f32", m1)), flags());
    clear_flags();
    printf("f64 inf-inf %016" PRIx64 "/%s\n",
           dbits(D2("vsub.f64", (double)inf, (double)inf)), flags());

    printf("== vabs vneg vmov of NaNs (no quieting, no flags)\n");
    for (unsigned i = 3; i < NF; i++) {
        float a = bitsf(fops[i]);
        clear_flags();
        float x = F1("vabs.f32", a), y = F1("vneg.f32", a), z = F1("vmov.f32", a);
        printf("%08" PRIx32 ": %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "/%s\n", fops[i], fbits(x),
               fbits(y), fbits(z), flags());
    }
    printf("== precision conversions of NaNs\n");
    for (unsigned i = 3; i < NF; i++) {
        float a = bitsf(fops[i]);
        double d;
        clear_flags();
        __asm__ volatile("vcvt.f64.f32 %P0, %1" : "=w"(d) : "t"(a));
        printf("f32->f64 %08" PRIx32 ": %016" PRIx64 "/%s\n", fops[i], dbits(d), flags());
    }
    for (unsigned i = 3; i < ND; i++) {
        double a = bitsd(dops[i]);
        float f;
        clear_flags();
        __asm__ volatile("vcvt.f32.f64 %0, %P1" : "=t"(f) : "w"(a));
        printf("f64->f32 %016" PRIx64 ": %08" PRIx32 "/%s\n", dops[i], fbits(f), flags());
    }

    printf("== default-NaN mode (FPSCR.DN=1)\n");
    uint32_t saved = get_fpscr();
    set_fpscr(saved | (1u << 25));
    for (unsigned i = 3; i < NF; i++) {
        float a = bitsf(fops[i]);
        clear_flags();
        float r = F2("vadd.f32", a, one);
        double d;
        __asm__ volatile("vcvt.f64.f32 %P0, %1" : "=w"(d) : "t"(a));
        printf("DN %08" PRIx32 "+1: %08" PRIx32 " f64:%016" PRIx64 "/%s\n", fops[i], fbits(r),
               dbits(d), flags());
    }
    set_fpscr(saved);
}

static void denormals(void)
{
    printf("== denormals\n");
    static const uint32_t v[] = { 0x00000001, 0x00400000, 0x007fffff, 0x00800000, 0x80000001,
                                  0x00800001 };
    float half = 0.5f, two = 2.0f, minnorm = bitsf(0x00800000);
    for (int fz = 0; fz < 2; fz++) {
        uint32_t saved = get_fpscr();
        if (fz)
            set_fpscr(saved | (1u << 24));
        for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
            float a = bitsf(v[i]);
            printf("FZ=%d %08" PRIx32 ":", fz, v[i]);
            clear_flags();
            printf(" *0.5=%08" PRIx32 "/%s", fbits(F2("vmul.f32", a, half)), flags());
            clear_flags();
            printf(" *2=%08" PRIx32 "/%s", fbits(F2("vmul.f32", a, two)), flags());
            clear_flags();
            printf(" +a=%08" PRIx32 "/%s", fbits(F2("vadd.f32", a, a)), flags());
            clear_flags();
            printf(" -minnorm=%08" PRIx32 "/%s", fbits(F2("vsub.f32", a, minnorm)), flags());
            clear_flags();
            printf(" sqrt=%08" PRIx32 "/%s\n", fbits(F1("vsqrt.f32", a)), flags());
        }
        double dd = bitsd(0x0000000000000001ull), dn = bitsd(0x0010000000000000ull);
        clear_flags();
        printf("FZ=%d f64 mindenorm*0.5=%016" PRIx64 "/%s", fz,
               dbits(D2("vmul.f64", dd, (double)half)), flags());
        clear_flags();
        printf(" minnorm*0.5=%016" PRIx64 "/%s", dbits(D2("vmul.f64", dn, (double)half)), flags());
        clear_flags();
        float f;
        __asm__ volatile("vcvt.f32.f64 %0, %P1" : "=t"(f) : "w"(dn));
        printf(" minnorm->f32=%08" PRIx32 "/%s\n", fbits(f), flags());
        set_fpscr(saved);
    }
}

static const struct {
    int mode;
    const char *name;
} modes[] = {
    { FE_TONEAREST, "nearest" },
    { FE_UPWARD, "upward" },
    { FE_DOWNWARD, "downward" },
    { FE_TOWARDZERO, "towardzero" },
};

static void rounding(void)
{
    printf("== rounding modes\n");
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        if (fesetround(modes[m].mode) != 0) {
            printf("fesetround(%s) failed\n", modes[m].name);
            continue;
        }
        printf("mode %s: fpscr.rmode=%" PRIu32 " fegetround ok=%d\n", modes[m].name,
               (get_fpscr() >> 22) & 3, fegetround() == modes[m].mode);
        float one = 1.0f, three = 3.0f, m1 = -1.0f, big = bitsf(0x7f7fffff);
        float tiny = bitsf(0x33800000); /* 2^-24: half an ulp of 1.0 */
        double d1 = 1.0, d3 = 3.0;
        clear_flags();
        printf("  1/3=%08" PRIx32 " -1/3=%08" PRIx32 " 1+2^-24=%08" PRIx32 " -1-2^-24=%08" PRIx32
               " max+max=%08" PRIx32 "/%s\n",
               fbits(F2("vdiv.f32", one, three)), fbits(F2("vdiv.f32", m1, three)),
               fbits(F2("vadd.f32", one, tiny)), fbits(F2("vsub.f32", m1, tiny)),
               fbits(F2("vadd.f32", big, big)), flags());
        printf("  f64 1/3=%016" PRIx64 " -1/3=%016" PRIx64 "\n", dbits(D2("vdiv.f64", d1, d3)),
               dbits(D2("vdiv.f64", -d1, d3)));
        double dv = bitsd(0x3ff0000010000000ull); /* 1 + 2^-24 + ... needs rounding */
        float f;
        __asm__ volatile("vcvt.f32.f64 %0, %P1" : "=t"(f) : "w"(dv));
        printf("  f64->f32(1+2^-24)=%08" PRIx32, fbits(f));
        __asm__ volatile("vcvt.f32.f64 %0, %P1" : "=t"(f) : "w"(-dv));
        printf(" neg=%08" PRIx32 "\n", fbits(f));
        static const float cv[] = { 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 2.75f, -2.25f };
        printf("  vcvtr.s32/vcvt.s32/rintf/lrintf:");
        for (unsigned i = 0; i < sizeof cv / sizeof cv[0]; i++) {
            float x = cv[i], r, z;
            __asm__ volatile("vcvtr.s32.f32 %0, %1" : "=t"(r) : "t"(x));
            __asm__ volatile("vcvt.s32.f32 %0, %1" : "=t"(z) : "t"(x));
            printf(" %g:%d/%d/%g/%ld", x, (int)fbits(r), (int)fbits(z), rintf(x), lrintf(x));
        }
        printf("\n");
        volatile double pd = 2.5, pe = 0.125;
        printf("  printf %%.0f(2.5)=%.0f %%.2f(0.125)=%.2f\n", pd, pe);
        /* int -> float: 2^24+1 is not representable. */
        int32_t iv = 16777217, ni = -16777217;
        float fi, fn;
        __asm__ volatile("vcvt.f32.s32 %0, %1" : "=t"(fi) : "t"(bitsf((uint32_t)iv)));
        __asm__ volatile("vcvt.f32.s32 %0, %1" : "=t"(fn) : "t"(bitsf((uint32_t)ni)));
        printf("  s32->f32 16777217=%08" PRIx32 " -16777217=%08" PRIx32 "\n", fbits(fi), fbits(fn));
    }
    fesetround(FE_TONEAREST);
}

static void conversions(void)
{
    printf("== float -> int (vcvt, round toward zero, saturating)\n");
    static const uint32_t v[] = { 0x00000000, 0x80000000, 0xbf000000 /* -0.5 */,
                                  0xbf800000 /* -1 */, 0x4effffff /* 2147483520 */,
                                  0x4f000000 /* 2^31 */, 0xcf000000 /* -2^31 */,
                                  0xcf000001 /* < -2^31 */, 0x4f800000 /* 2^32 */,
                                  0x4f7fffff /* 4294967040 */, 0x501502f9 /* 1e10 */,
                                  0xd01502f9 /* -1e10 */, 0x7f800000, 0xff800000, 0x7fc00000,
                                  0xffc12345, 0x7f812345, 0x00000001 };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        float a = bitsf(v[i]), s, u;
        clear_flags();
        __asm__ volatile("vcvt.s32.f32 %0, %1" : "=t"(s) : "t"(a));
        const char *fs = flags();
        clear_flags();
        __asm__ volatile("vcvt.u32.f32 %0, %1" : "=t"(u) : "t"(a));
        printf("%08" PRIx32 ": s32=%08" PRIx32 "/%s u32=%08" PRIx32 "/%s\n", v[i], fbits(s), fs,
               fbits(u), flags());
    }
    static const uint64_t dv[] = { 0x41dfffffffc00000ull /* 2^31-1 */,
                                   0x41dfffffffe00000ull /* 2^31-0.5 */,
                                   0x41e0000000000000ull /* 2^31 */,
                                   0xc1e0000000200000ull /* -2^31-1 */,
                                   0xc1dfffffffe00000ull, 0x41efffffffe00000ull /* 2^32-1 */,
                                   0x41f0000000000000ull /* 2^32 */, 0x7ff8000000000000ull,
                                   0xbfefffffffffffffull };
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        double a = bitsd(dv[i]);
        float s, u, r;
        clear_flags();
        __asm__ volatile("vcvt.s32.f64 %0, %P1" : "=t"(s) : "w"(a));
        const char *fs = flags();
        clear_flags();
        __asm__ volatile("vcvt.u32.f64 %0, %P1" : "=t"(u) : "w"(a));
        const char *fu = flags();
        __asm__ volatile("vcvtr.u32.f64 %0, %P1" : "=t"(r) : "w"(a));
        printf("%016" PRIx64 ": s32=%08" PRIx32 "/%s u32=%08" PRIx32 "/%s r.u32=%08" PRIx32 "\n",
               dv[i], fbits(s), fs, fbits(u), fu, fbits(r));
    }
    /* C conversions of in-range values, and what gcc does for out-of-range (it emits the
     * same saturating instruction, so the result is defined on ARM). */
    volatile float vf = 3.99f, vg = -3.99f;
    volatile double vd = 4294967295.5;
    printf("C: (int)3.99f=%d (int)-3.99f=%d (unsigned)4294967295.5=%u (long long)-3.99f=%lld\n",
           (int)vf, (int)vg, (unsigned)vd, (long long)vg);

    printf("== fixed point vcvt #16\n");
    static const uint32_t fx[] = { 0x3f800000, 0xbfc00000, 0x47000000 /* 32768 */,
                                   0xc7000000, 0x47000080, 0x7fc00000, 0x3e000000 };
    for (unsigned i = 0; i < sizeof fx / sizeof fx[0]; i++) {
        float a = bitsf(fx[i]), b;
        clear_flags();
        __asm__ volatile("vcvt.s32.f32 %0, %0, #16" : "+t"(a));
        const char *f1 = flags();
        b = a;
        __asm__ volatile("vcvt.f32.s32 %0, %0, #16" : "+t"(b));
        printf("%08" PRIx32 ": fix16=%08" PRIx32 "/%s back=%08" PRIx32 "\n", fx[i], fbits(a), f1,
               fbits(b));
    }

    printf("== half precision vcvtb/vcvtt\n");
    static const uint32_t hv[] = { 0x3f800000, 0x477fe000 /* 65504 */, 0x477ff000 /* round up */,
                                   0x47800000 /* 65536 */, 0x33800000 /* 2^-24 */,
                                   0x33000000 /* 2^-25 */, 0x387fc000, 0x7fc12345, 0x7f812345,
                                   0xff800000, 0x3eaaaaab };
    for (unsigned i = 0; i < sizeof hv / sizeof hv[0]; i++) {
        float a = bitsf(hv[i]), h = bitsf(0xdead0000), back;
        clear_flags();
        __asm__ volatile("vcvtb.f16.f32 %0, %1" : "+t"(h) : "t"(a));
        const char *f1 = flags();
        __asm__ volatile("vcvtt.f16.f32 %0, %1" : "+t"(h) : "t"(a));
        __asm__ volatile("vcvtt.f32.f16 %0, %1" : "=t"(back) : "t"(h));
        printf("%08" PRIx32 ": half(b,t)=%08" PRIx32 "/%s back=%08" PRIx32 "\n", hv[i], fbits(h),
               f1, fbits(back));
    }
    static const uint16_t hh[] = { 0x7c01, 0xfe00, 0x0001, 0x8400, 0x7bff };
    for (unsigned i = 0; i < sizeof hh / sizeof hh[0]; i++) {
        float h = bitsf(hh[i]), f;
        clear_flags();
        __asm__ volatile("vcvtb.f32.f16 %0, %1" : "=t"(f) : "t"(h));
        printf("half %04x -> %08" PRIx32 "/%s\n", hh[i], fbits(f), flags());
    }
}

static void sqrt_fma(void)
{
    printf("== sqrt\n");
    static const uint32_t sv[] = { 0x40000000, 0x80000000, 0x00000000, 0x7f800000, 0xff800000,
                                   0x00000001, 0x7fc12345, 0x7f812345, 0xbf800000, 0x3f800001 };
    for (unsigned i = 0; i < sizeof sv / sizeof sv[0]; i++) {
        float a = bitsf(sv[i]);
        clear_flags();
        float r = F1("vsqrt.f32", a);
        printf("sqrt(%08" PRIx32 ")=%08" PRIx32 "/%s", sv[i], fbits(r), flags());
        clear_flags();
        double d = D1("vsqrt.f64", (double)a);
        printf(" f64=%016" PRIx64 "/%s\n", dbits(d), flags());
    }
    volatile double two = 2.0;
    printf("libm sqrt(2)=%016" PRIx64 " sqrtf(2)=%08" PRIx32 "\n", dbits(sqrt(two)),
           fbits(sqrtf((float)two)));

    printf("== fused vs unfused multiply-add\n");
    float a = bitsf(0x3f800800); /* 1 + 2^-12 */
    float c = bitsf(0xbf801000); /* -(1 + 2^-11) */
    float zero = 0.0f;
    clear_flags();
    printf("vfma  c+a*a=%08" PRIx32 "/%s\n", fbits(F3ACC("vfma.f32", c, a, a)), flags());
    clear_flags();
    printf("vmla  c+a*a=%08" PRIx32 "/%s\n", fbits(F3ACC("vmla.f32", c, a, a)), flags());
    printf("vfms  c-a*a=%08" PRIx32 "\n", fbits(F3ACC("vfms.f32", c, a, a)));
    printf("vmls  c-a*a=%08" PRIx32 "\n", fbits(F3ACC("vmls.f32", c, a, a)));
    printf("vfnma -c-a*a=%08" PRIx32 "\n", fbits(F3ACC("vfnma.f32", c, a, a)));
    printf("vfnms -c+a*a=%08" PRIx32 "\n", fbits(F3ACC("vfnms.f32", c, a, a)));
    printf("vnmla -(c+a*a)=%08" PRIx32 "\n", fbits(F3ACC("vnmla.f32", c, a, a)));
    printf("vnmls -c+a*a=%08" PRIx32 "\n", fbits(F3ACC("vnmls.f32", c, a, a)));
    printf("vnmul -(a*c)=%08" PRIx32 "\n", fbits(F2("vnmul.f32", a, c)));
    printf("vnmul -(0*c)=%08" PRIx32 "\n", fbits(F2("vnmul.f32", zero, c)));
    /* Zero results: sign of exact zero sums. */
    float p1 = 1.0f, m1 = -1.0f;
    printf("vfma 1+1*-1=%08" PRIx32 " -0+0*-1=%08" PRIx32 "\n",
           fbits(F3ACC("vfma.f32", p1, p1, m1)), fbits(F3ACC("vfma.f32", -zero, zero, m1)));
    double da = bitsd(0x3ff0000008000000ull), dc = bitsd(0xbff0000010000000ull);
    printf("vfma.f64 c+a*a=%016" PRIx64 " vmla.f64=%016" PRIx64 "\n",
           dbits(D3ACC("vfma.f64", dc, da, da)), dbits(D3ACC("vmla.f64", dc, da, da)));
    double ea = bitsd(0x3ff0000000000001ull), ec = bitsd(0xbff0000000000002ull);
    volatile double vea = ea, vec = ec;
    printf("libm fma(1+u,1+u,-(1+2u))=%016" PRIx64 " fmaf=%08" PRIx32 "\n",
           dbits(fma(vea, vea, vec)), fbits(fmaf(a, a, c)));
}

static void compare(void)
{
    printf("== vcmp vcmpe: NZCV/flags\n");
    static const uint32_t p[][2] = {
        { 0x3f800000, 0x40000000 }, { 0x40000000, 0x3f800000 }, { 0x3f800000, 0x3f800000 },
        { 0x00000000, 0x80000000 }, { 0x7f800000, 0x7f800000 }, { 0xff800000, 0x7f800000 },
        { 0x7fc00000, 0x3f800000 }, { 0x3f800000, 0x7fc00000 }, { 0x7f812345, 0x3f800000 },
        { 0x00000001, 0x00000000 },
    };
    for (unsigned i = 0; i < sizeof p / sizeof p[0]; i++) {
        float a = bitsf(p[i][0]), b = bitsf(p[i][1]);
        uint32_t f1, f2;
        clear_flags();
        __asm__ volatile("vcmp.f32 %1, %2\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR"
                         : "=r"(f1) : "t"(a), "t"(b) : "cc");
        const char *e1 = flags();
        clear_flags();
        __asm__ volatile("vcmpe.f32 %1, %2\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR"
                         : "=r"(f2) : "t"(a), "t"(b) : "cc");
        printf("%08" PRIx32 " %08" PRIx32 ": vcmp=%" PRIx32 "/%s vcmpe=%" PRIx32 "/%s\n", p[i][0],
               p[i][1], f1 >> 28, e1, f2 >> 28, flags());
    }
    float zero = 0.0f, nan = bitsf(0x7fc00000);
    uint32_t f;
    __asm__ volatile("vcmp.f32 %1, #0\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR"
                     : "=r"(f) : "t"(zero) : "cc");
    printf("vcmp 0,#0=%" PRIx32, f >> 28);
    __asm__ volatile("vcmp.f32 %1, #0\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR"
                     : "=r"(f) : "t"(nan) : "cc");
    printf(" nan,#0=%" PRIx32 "\n", f >> 28);
    /* C comparisons through the flags (gcc uses vcmp/vcmpe + conditional code). */
    volatile float x = nan, y = 1.0f;
    printf("C: nan<1=%d nan>1=%d nan==nan=%d nan!=nan=%d isunordered=%d 1<=1=%d\n", x < y, x > y,
           x == x, x != x, isunordered(x, y), y <= y);
}

#ifdef __ARM_NEON
static void neon(void)
{
    printf("== NEON f32 (always flush-to-zero and default NaN)\n");
    static const uint64_t in[][2] = {
        { 0x0000000100400000ull, 0x0000000100000000ull }, /* denormals */
        { 0x7fc123457f812345ull, 0x3f8000003f800000ull }, /* NaN payloads */
        { 0x3f80000040000000ull, 0x4040000040800000ull },
        { 0x00800000807fffffull, 0x3f0000003f000000ull },
    };
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        uint64_t a = in[i][0], b = in[i][1], s, m, cv, re, rs;
        clear_flags();
        __asm__ volatile("vadd.f32 %P0, %P1, %P2" : "=w"(s) : "w"(a), "w"(b));
        __asm__ volatile("vmul.f32 %P0, %P1, %P2" : "=w"(m) : "w"(a), "w"(b));
        __asm__ volatile("vcvt.s32.f32 %P0, %P1" : "=w"(cv) : "w"(a));
        __asm__ volatile("vrecpe.f32 %P0, %P1" : "=w"(re) : "w"(b));
        __asm__ volatile("vrsqrte.f32 %P0, %P1" : "=w"(rs) : "w"(b));
        printf("%016" PRIx64 " %016" PRIx64 ": add=%016" PRIx64 " mul=%016" PRIx64, a, b, s, m);
        printf(" cvt=%016" PRIx64 " recpe(b)=%016" PRIx64 " rsqrte(b)=%016" PRIx64 " /%s\n", cv,
               re, rs, flags());
    }
    uint64_t ia = 0x7fffffff80000000ull, ib = 0x0000000100000001ull, r1, r2;
    __asm__ volatile("vqadd.s32 %P0, %P1, %P2" : "=w"(r1) : "w"(ia), "w"(ib));
    __asm__ volatile("vqsub.s32 %P0, %P1, %P2" : "=w"(r2) : "w"(ia), "w"(ib));
    printf("vqadd.s32=%016" PRIx64 " vqsub.s32=%016" PRIx64 " fpscr.QC=%" PRIu32 "\n", r1, r2,
           (get_fpscr() >> 27) & 1);
}
#endif

static void print_floats(void)
{
    printf("== printf of floats\n");
    static const uint32_t v[] = { 0x00000000, 0x80000000, 0x3f800000, 0x3dcccccd, 0x7f7fffff,
                                  0x00800000, 0x00000001, 0x7f800000, 0xff800000, 0x7fc00000,
                                  0xffc00000, 0x40490fdb, 0xc2f6e979 };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        double d = bitsf(v[i]);
        printf("%08" PRIx32 ": %a | %.3e | %g | %.9g | %f\n", v[i], d, d, d, d, d);
    }
    printf("%.17g %.17g %a %a\n", 0.1, 1.0 / 3.0, 0.1, DBL_MIN / 4);
    printf("%10.4f|%-10.2e|%+g|%G|%E\n", 3.14159265, 12345.678, 1e-5, 1e300, 6.02214076e23);
}

int main(void)
{
    /* Line-buffered: output up to a crash still reaches the log. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("initial fpscr control bits: %08" PRIx32 "\n", get_fpscr() & ~0x9fu);
    nan_propagation();
    denormals();
    rounding();
    conversions();
    sqrt_fma();
    compare();
#ifdef __ARM_NEON
    neon();
#endif
    print_floats();
    printf("done\n");
    return 0;
}
