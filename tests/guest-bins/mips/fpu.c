/*
 * fpu: the MIPS32r2 FPU (legacy NaN encoding), built once per o32 FP ABI (-mfp32,
 * -mfpxx, -mfp64) with one shared expected output.  Values are printed as bit patterns.
 *   - the FR mode the program runs in matches its FP ABI: FP32 needs FR=0, FP64 needs
 *     FR=1, FPXX runs in either (the kernel picks; the output must not change)
 *   - all 16 C.cond.fmt conditions, single and double, on less / greater / equal /
 *     unordered (quiet NaN) / -0 vs +0 / inf vs inf / signaling NaN operands; the
 *     result read three ways (BC1F branch, MOVT, MOVF) on condition codes 0..7, the
 *     Invalid flag (signaling conditions raise it on any NaN, the others only on a
 *     signaling NaN); FCCR and BC1TL/BC1FL
 *   - the four rounding modes (fesetround, checked in FCSR.RM) for ADD, SUB, MUL, DIV,
 *     SQRT, CVT.S.D, CVT.W.D, CVT.S.W, and ROUND/TRUNC/CEIL/FLOOR.W (which ignore the mode),
 *     overflow and signed zeros
 *   - legacy NaNs: the default NaN (0x7ff7ffffffffffff / 0x7fbfffff) from invalid
 *     operations, Invalid raised by signaling NaN operands but not by quiet ones;
 *     out-of-range and NaN float->int conversions give 0x7fffffff in legacy mode
 *     (whatever the sign).  How a NaN operand's payload propagates differs between FPU
 *     implementations (and qemu), so only the NaN-ness of such results is printed.
 *   - MADD/MSUB/NMADD/NMSUB.D, unfused in MIPS32r2 (the product is rounded first)
 *   - the sticky flags through fetestexcept, denormal results, MOVN.D/MOVZ.D/MOVT.D,
 *     LDXC1/SDXC1, printf of floats and doubles
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bd(double x)
{
    uint64_t r;
    memcpy(&r, &x, 8);
    return r;
}
static uint32_t bs(float x)
{
    uint32_t r;
    memcpy(&r, &x, 4);
    return r;
}
static double db(uint64_t b)
{
    double x;
    memcpy(&x, &b, 8);
    return x;
}
static float sb(uint32_t b)
{
    float x;
    memcpy(&x, &b, 4);
    return x;
}

static uint32_t fcsr(void)
{
    uint32_t r;
    __asm__ volatile("cfc1 %0, $31" : "=r"(r));
    return r;
}
static void set_fcsr(uint32_t v)
{
    __asm__ volatile("ctc1 %0, $31" ::"r"(v));
}
/* Clears the sticky flags and the cause bits, keeps the rounding mode. */
static void clear_flags(void)
{
    set_fcsr(fcsr() & ~0x0003f07cu);
}
/* The sticky flags V Z O U I (FCSR bits 6..2) as letters, "-" for none. */
static const char *flags(void)
{
    static char buf[8][8];
    static unsigned n;
    char *p = buf[n++ % 8], *q = p;
    uint32_t f = fcsr();
    if (f & 0x40) *q++ = 'V';
    if (f & 0x20) *q++ = 'Z';
    if (f & 0x10) *q++ = 'O';
    if (f & 0x08) *q++ = 'U';
    if (f & 0x04) *q++ = 'I';
    if (q == p) *q++ = '-';
    *q = 0;
    return p;
}

/* ---- FR mode ----------------------------------------------------------------------- */

/* mtc1 $t0,$f1 ; mtc1 $t2,$f0 ; mthc1 $t1,$f0 ; mfc1 $t3,$f1 -- with FR=0, MTHC1 $f0
 * writes the odd register of the pair ($f1); with FR=1 $f1 is separate.  Encoded as
 * words because the FPXX and FP32 assemblers refuse odd registers. */
static int fr_mode(void)
{
    uint32_t r;
    __asm__ volatile("move $8, %1\n\tmove $9, %2\n\tmove $10, %3\n\t"
                     ".word 0x44880800\n\t"   /* mtc1  $t0, $f1 */
                     ".word 0x448a0000\n\t"   /* mtc1  $t2, $f0 */
                     ".word 0x44e90000\n\t"   /* mthc1 $t1, $f0 */
                     ".word 0x440b0800\n\t"   /* mfc1  $t3, $f1 */
                     "move %0, $11"
                     : "=r"(r)
                     : "r"(0x11111111), "r"(0x22222222), "r"(0x33333333)
                     : "$8", "$9", "$10", "$11", "$f0", "$f1");
    return r == 0x11111111 ? 1 : r == 0x22222222 ? 0 : -1;
}

static void check_fr(void)
{
    int fr = fr_mode();
#if __mips_fpr == 64
    int ok = fr == 1;
#elif __mips_fpr == 32
    int ok = fr == 0;
#else
    int ok = fr == 0 || fr == 1; /* FPXX: either mode */
#endif
    printf("FR mode %s for this FP ABI\n", ok ? "valid" : "WRONG");
    if (!ok)
        printf("  (FR probe gave %d, __mips_fpr %d)\n", fr, __mips_fpr);
}

/* ---- comparisons ------------------------------------------------------------------- */

/* One function per condition and format: returns bit 0 = BC1F not taken (condition
 * true), bit 1 = MOVT moved, bit 2 = MOVF moved. */
#define DEF_CMP(cond, cc, fmt, type)                                                   \
    static unsigned cmp_##fmt##_##cond(type a, type b)                                 \
    {                                                                                  \
        unsigned br, mt = 0, mf = 0;                                                   \
        __asm__ volatile("c." #cond "." #fmt " $fcc" #cc ", %3, %4\n\t"                \
                         "li %0, 1\n\t"                                                \
                         "bc1f $fcc" #cc ", 1f\n\t"                                    \
                         "nop\n\t"                                                     \
                         "b 2f\n\t"                                                    \
                         "nop\n"                                                       \
                         "1:\tli %0, 0\n"                                              \
                         "2:\tmovt %1, %5, $fcc" #cc "\n\t"                            \
                         "movf %2, %5, $fcc" #cc                                       \
                         : "=&r"(br), "+r"(mt), "+r"(mf)                               \
                         : "f"(a), "f"(b), "r"(1));                                    \
        return br | mt << 1 | mf << 2;                                                 \
    }
#define DEF_CMP2(cond, cc) DEF_CMP(cond, cc, s, float) DEF_CMP(cond, cc, d, double)
DEF_CMP2(f, 0)
DEF_CMP2(un, 1)
DEF_CMP2(eq, 2)
DEF_CMP2(ueq, 3)
DEF_CMP2(olt, 4)
DEF_CMP2(ult, 5)
DEF_CMP2(ole, 6)
DEF_CMP2(ule, 7)
DEF_CMP2(sf, 0)
DEF_CMP2(ngle, 1)
DEF_CMP2(seq, 2)
DEF_CMP2(ngl, 3)
DEF_CMP2(lt, 4)
DEF_CMP2(nge, 5)
DEF_CMP2(le, 6)
DEF_CMP2(ngt, 7)

struct cmp {
    const char *name;
    unsigned (*s)(float, float);
    unsigned (*d)(double, double);
};
#define CMP(c) { #c, cmp_s_##c, cmp_d_##c }
static const struct cmp cmps[16] = { CMP(f),  CMP(un),   CMP(eq),  CMP(ueq), CMP(olt), CMP(ult),
                                     CMP(ole), CMP(ule), CMP(sf),  CMP(ngle), CMP(seq), CMP(ngl),
                                     CMP(lt), CMP(nge),  CMP(le),  CMP(ngt) };

#define QNAN_D 0x7ff0000000000001ull /* legacy: quiet bit (51) clear */
#define SNAN_D 0x7ff8000000000000ull /* legacy: bit 51 set = signaling */
#define QNAN_S 0x7f800001u
#define SNAN_S 0x7fc00000u

static void compares(void)
{
    printf("== c.cond.fmt (T/F; V = Invalid raised)\n");
    static const char *const pname[] = { "lt", "gt", "eq", "un", "-0+0", "inf", "snan" };
    const double da[7] = { 1.0, 2.0, 1.5, db(QNAN_D), -0.0, INFINITY, db(SNAN_D) };
    const double dbv[7] = { 2.0, 1.0, 1.5, 1.0, 0.0, INFINITY, 1.0 };
    const float sa[7] = { 1.0f, 2.0f, 1.5f, sb(QNAN_S), -0.0f, INFINITY, sb(SNAN_S) };
    const float sbv[7] = { 2.0f, 1.0f, 1.5f, 1.0f, 0.0f, INFINITY, 1.0f };
    for (unsigned c = 0; c < 16; c++) {
        for (int fmt = 0; fmt < 2; fmt++) {
            printf("c.%-4s.%c", cmps[c].name, fmt ? 'd' : 's');
            for (unsigned p = 0; p < 7; p++) {
                clear_flags();
                unsigned r = fmt ? cmps[c].d(da[p], dbv[p]) : cmps[c].s(sa[p], sbv[p]);
                const char *f = flags();
                unsigned t = r & 1;
                int consistent = ((r >> 1) & 1) == t && ((r >> 2) & 1) == !t;
                printf(" %s:%c%s%s", pname[p], t ? 'T' : 'F', strcmp(f, "-") ? f : "",
                       consistent ? "" : "(movt/movf disagree)");
            }
            printf("\n");
        }
    }
    /* All eight condition codes at once, read through FCCR (FCR25). */
    double one = 1.0, two = 2.0;
    uint32_t fccr;
    __asm__ volatile("c.lt.d $fcc0, %1, %2\n\t"   /* T */
                     "c.lt.d $fcc1, %2, %1\n\t"   /* F */
                     "c.eq.d $fcc2, %1, %1\n\t"   /* T */
                     "c.f.d  $fcc3, %1, %1\n\t"   /* F */
                     "c.le.d $fcc4, %1, %2\n\t"   /* T */
                     "c.un.d $fcc5, %1, %2\n\t"   /* F */
                     "c.ule.d $fcc6, %2, %2\n\t"  /* T */
                     "c.olt.d $fcc7, %1, %2\n\t"  /* T */
                     "cfc1 %0, $25"
                     : "=r"(fccr) : "f"(one), "f"(two));
    printf("fccr %02" PRIx32 " fcsr cc bits %08" PRIx32 "\n", fccr, fcsr() & 0xfe800000u);
    /* Branch-likely on the FP condition: the slot runs only when taken. */
    unsigned taken = 0, nottaken = 0;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "c.eq.d $fcc3, %2, %2\n\t"
                     "bc1tl $fcc3, 1f\n\t"
                     "addiu %0, %0, 1\n"          /* runs: taken */
                     "1:\tbc1fl $fcc3, 2f\n\t"
                     "addiu %1, %1, 1\n"          /* annulled: not taken */
                     "2:\t.set pop"
                     : "+r"(taken), "+r"(nottaken) : "f"(one));
    printf("bc1tl slot ran %u, bc1fl slot ran %u\n", taken, nottaken);
}

/* ---- rounding ---------------------------------------------------------------------- */

#define OP2(name, insn, type)                                                          \
    static type name(type a, type b)                                                   \
    {                                                                                  \
        type r;                                                                        \
        __asm__ volatile(insn " %0, %1, %2" : "=f"(r) : "f"(a), "f"(b));               \
        return r;                                                                      \
    }
OP2(add_d, "add.d", double)
OP2(sub_d, "sub.d", double)
OP2(mul_d, "mul.d", double)
OP2(div_d, "div.d", double)
OP2(add_s, "add.s", float)
OP2(mul_s, "mul.s", float)
OP2(div_s, "div.s", float)

static double sqrt_d(double a)
{
    double r;
    __asm__ volatile("sqrt.d %0, %1" : "=f"(r) : "f"(a));
    return r;
}
static float sqrt_s(float a)
{
    float r;
    __asm__ volatile("sqrt.s %0, %1" : "=f"(r) : "f"(a));
    return r;
}
static float cvt_s_d(double a)
{
    float r;
    __asm__ volatile("cvt.s.d %0, %1" : "=f"(r) : "f"(a));
    return r;
}
static float cvt_s_w(int32_t a)
{
    float r;
    __asm__ volatile("mtc1 %1, %0\n\tcvt.s.w %0, %0" : "=&f"(r) : "r"(a));
    return r;
}
static double cvt_d_w(int32_t a)
{
    double r;
    __asm__ volatile("mtc1 %1, %0\n\tcvt.d.w %0, %0" : "=&f"(r) : "r"(a));
    return r;
}
#define TOW(name, insn, type)                                                          \
    static uint32_t name(type a)                                                       \
    {                                                                                  \
        float t;                                                                       \
        uint32_t r;                                                                    \
        __asm__ volatile(insn " %1, %2\n\tmfc1 %0, %1" : "=r"(r), "=&f"(t) : "f"(a));  \
        return r;                                                                      \
    }
TOW(cvt_w_d, "cvt.w.d", double)
TOW(round_w_d, "round.w.d", double)
TOW(trunc_w_d, "trunc.w.d", double)
TOW(ceil_w_d, "ceil.w.d", double)
TOW(floor_w_d, "floor.w.d", double)
TOW(cvt_w_s, "cvt.w.s", float)
TOW(round_w_s, "round.w.s", float)
TOW(trunc_w_s, "trunc.w.s", float)

static const int modes[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
static const char *const mode_names[4] = { "RN", "RZ", "RU", "RD" };

static void rounding(void)
{
    printf("== rounding modes\n");
    const double third = 1.0 / 3.0;
    for (int m = 0; m < 4; m++) {
        if (fesetround(modes[m]) != 0)
            printf("fesetround(%s) failed\n", mode_names[m]);
        printf("-- %s (FCSR.RM %" PRIu32 ")\n", mode_names[m], fcsr() & 3);
        clear_flags();
        printf("add.d 1+0.75ulp %016" PRIx64 " -1-0.75ulp %016" PRIx64 " -0+0 %016" PRIx64
               " 1-1 %016" PRIx64 " %s\n", bd(add_d(1.0, 0x1.8p-53)), bd(add_d(-1.0, -0x1.8p-53)),
               bd(add_d(-0.0, 0.0)), bd(add_d(1.0, -1.0)), flags());
        clear_flags();
        printf("sub.d 1-2^-60 %016" PRIx64 " -1-2^-60 %016" PRIx64 " max-(-max) %016" PRIx64
               " %s\n", bd(sub_d(1.0, 0x1p-60)), bd(sub_d(-1.0, 0x1p-60)),
               bd(sub_d(DBL_MAX, -DBL_MAX)), flags());
        clear_flags();
        printf("mul.d (1+u)^2 %016" PRIx64 " -(1+u)(1+u) %016" PRIx64 " max*-2 %016" PRIx64
               " min*0.3 %016" PRIx64 " %s\n", bd(mul_d(1.0 + 0x1p-52, 1.0 + 0x1p-52)),
               bd(mul_d(-1.0 - 0x1p-52, 1.0 + 0x1p-52)), bd(mul_d(DBL_MAX, -2.0)),
               bd(mul_d(DBL_MIN, 0.3)), flags());
        clear_flags();
        printf("div.d 1/3 %016" PRIx64 " -1/3 %016" PRIx64 " 2/3 %016" PRIx64 " 1/10 %016" PRIx64
               " %s\n", bd(div_d(1.0, 3.0)), bd(div_d(-1.0, 3.0)), bd(div_d(2.0, 3.0)),
               bd(div_d(1.0, 10.0)), flags());
        clear_flags();
        printf("sqrt.d 2 %016" PRIx64 " 3 %016" PRIx64 " 1e-300 %016" PRIx64 " -0 %016" PRIx64
               " %s\n", bd(sqrt_d(2.0)), bd(sqrt_d(3.0)), bd(sqrt_d(1e-300)), bd(sqrt_d(-0.0)),
               flags());
        clear_flags();
        printf("single: add %08" PRIx32 " mul %08" PRIx32 " div %08" PRIx32 " sqrt %08" PRIx32
               " %s\n", bs(add_s(1.0f, 0x1.8p-24f)), bs(mul_s(-1.0f - 0x1p-23f, 1.0f + 0x1p-23f)),
               bs(div_s(2.0f, 3.0f)), bs(sqrt_s(2.0f)), flags());
        clear_flags();
        printf("cvt.s.d third %08" PRIx32 " 1+2^-24 %08" PRIx32 " -1-2^-24 %08" PRIx32
               " 1e39 %08" PRIx32 " %s\n", bs(cvt_s_d(third)), bs(cvt_s_d(1.0 + 0x1p-24)),
               bs(cvt_s_d(-1.0 - 0x1p-24)), bs(cvt_s_d(1e39)), flags());
        clear_flags();
        printf("cvt.s.w 16777217 %08" PRIx32 " -16777219 %08" PRIx32 " 0x7fffffff %08" PRIx32
               " cvt.d.w min %016" PRIx64 " %s\n", bs(cvt_s_w(16777217)), bs(cvt_s_w(-16777219)),
               bs(cvt_s_w(0x7fffffff)), bd(cvt_d_w(INT32_MIN)), flags());
        static const double wv[] = { 2.5, -2.5, 3.5, -0.5, 1.7, -1.7, 0.49999999999999994 };
        for (unsigned i = 0; i < sizeof wv / sizeof wv[0]; i++) {
            clear_flags();
            printf("%a: cvt.w %" PRId32 " round %" PRId32 " trunc %" PRId32 " ceil %" PRId32
                   " floor %" PRId32 " | .s cvt %" PRId32 " round %" PRId32 " trunc %" PRId32
                   " %s\n", wv[i], (int32_t)cvt_w_d(wv[i]), (int32_t)round_w_d(wv[i]),
                   (int32_t)trunc_w_d(wv[i]), (int32_t)ceil_w_d(wv[i]),
                   (int32_t)floor_w_d(wv[i]), (int32_t)cvt_w_s((float)wv[i]),
                   (int32_t)round_w_s((float)wv[i]), (int32_t)trunc_w_s((float)wv[i]),
                   flags());
        }
    }
    fesetround(FE_TONEAREST);
}

/* ---- NaNs, conversions out of range ------------------------------------------------ */

static void nans(void)
{
    printf("== legacy NaN\n");
    double z = 0.0, inf = INFINITY, one = 1.0;
    float zs = 0.0f, infs = INFINITY;
    clear_flags();
    printf("0/0 %016" PRIx64 " %s\n", bd(div_d(z, z)), flags());
    clear_flags();
    printf("sqrt(-1) %016" PRIx64 " %s\n", bd(sqrt_d(-one)), flags());
    clear_flags();
    printf("inf-inf %016" PRIx64 " %s\n", bd(sub_d(inf, inf)), flags());
    clear_flags();
    printf("0*inf %016" PRIx64 " %s\n", bd(mul_d(z, inf)), flags());
    clear_flags();
    printf("inf/inf %016" PRIx64 " %s\n", bd(div_d(inf, inf)), flags());
    clear_flags();
    printf("1/0 %016" PRIx64 " -1/0 %016" PRIx64 " %s\n", bd(div_d(one, z)), bd(div_d(-one, z)),
           flags());
    clear_flags();
    printf("single 0/0 %08" PRIx32 " sqrt(-1) %08" PRIx32 " inf-inf %08" PRIx32 " %s\n",
           bs(div_s(zs, zs)), bs(sqrt_s(-1.0f)), bs(add_s(infs, -infs)), flags());
    clear_flags();
    double q = db(QNAN_D), s = db(SNAN_D);
    double rq = add_d(q, one);
    printf("qnan+1 is NaN %d %s\n", isnan(rq), flags());
    clear_flags();
    double rs = add_d(s, one);
    printf("snan+1 is NaN %d %s\n", isnan(rs), flags());
    clear_flags();
    rs = mul_d(one, s);
    printf("1*snan is NaN %d %s\n", isnan(rs), flags());
    clear_flags();
    float rss = add_s(sb(SNAN_S), 1.0f);
    printf("single snan+1 is NaN %d %s\n", isnan(rss), flags());
    double mv;
    __asm__ volatile("mov.d %0, %1" : "=f"(mv) : "f"(s));
    printf("mov.d snan %016" PRIx64 " (a copy)\n", bd(mv));
    printf("NAN macro %08" PRIx32 " nan(\"\") %016" PRIx64 "\n", bs(NAN), bd(__builtin_nan("")));
    double nd, ad;
    __asm__ volatile("neg.d %0, %2\n\tabs.d %1, %2" : "=&f"(nd), "=&f"(ad) : "f"(-2.5));
    printf("neg.d -2.5 %016" PRIx64 " abs.d -2.5 %016" PRIx64 "\n", bd(nd), bd(ad));
    __asm__ volatile("neg.d %0, %2\n\tabs.d %1, %2" : "=&f"(nd), "=&f"(ad) : "f"(-0.0));
    printf("neg.d -0 %016" PRIx64 " abs.d -0 %016" PRIx64 "\n", bd(nd), bd(ad));

    printf("== float -> int out of range (legacy: 0x7fffffff)\n");
    static const double big[] = { 2147483647.0, 2147483647.9, 2147483648.0, -2147483648.0,
                                  -2147483649.0, 1e10, -1e10, INFINITY, -INFINITY };
    for (unsigned i = 0; i < sizeof big / sizeof big[0]; i++) {
        clear_flags();
        printf("%.17g: trunc.w.d %08" PRIx32 " cvt.w.d %08" PRIx32 " %s\n", big[i],
               trunc_w_d(big[i]), cvt_w_d(big[i]), flags());
    }
    clear_flags();
    printf("nan: trunc.w.d %08" PRIx32 " round.w.s %08" PRIx32 " %s\n", trunc_w_d(q),
           round_w_s(sb(QNAN_S)), flags());
    volatile double vd = 3e9, vneg = -3.75, vll = 1e15;
    volatile float vf = 4e9f;
    printf("C: (unsigned)3e9 %u (int)-3.75 %d (unsigned)4e9f %u (long long)1e15 %lld "
           "(double)(1LL<<53)+1 %.17g\n", (unsigned)vd, (int)vneg, (unsigned)vf,
           (long long)vll, (double)((1LL << 53) + 1));
}

/* ---- multiply-add, flags, moves, indexed loads ------------------------------------- */

static void madd(void)
{
    printf("== madd.d msub.d nmadd.d nmsub.d (unfused)\n");
    double a = 1.0 + 0x1p-30, b = 1.0 - 0x1p-30, c = -1.0, r[4];
    __asm__ volatile("madd.d %0, %4, %5, %6\n\t"
                     "msub.d %1, %4, %5, %6\n\t"
                     "nmadd.d %2, %4, %5, %6\n\t"
                     "nmsub.d %3, %4, %5, %6"
                     : "=&f"(r[0]), "=&f"(r[1]), "=&f"(r[2]), "=&f"(r[3])
                     : "f"(c), "f"(a), "f"(b));
    printf("(1+2^-30)(1-2^-30) with -1: madd %016" PRIx64 " msub %016" PRIx64 " nmadd %016" PRIx64
           " nmsub %016" PRIx64 "\n", bd(r[0]), bd(r[1]), bd(r[2]), bd(r[3]));
    a = 3.0, b = 0.1, c = 0.7;
    __asm__ volatile("madd.d %0, %4, %5, %6\n\t"
                     "msub.d %1, %4, %5, %6\n\t"
                     "nmadd.d %2, %4, %5, %6\n\t"
                     "nmsub.d %3, %4, %5, %6"
                     : "=&f"(r[0]), "=&f"(r[1]), "=&f"(r[2]), "=&f"(r[3])
                     : "f"(c), "f"(a), "f"(b));
    printf("3*0.1 with 0.7: madd %016" PRIx64 " msub %016" PRIx64 " nmadd %016" PRIx64
           " nmsub %016" PRIx64 "\n", bd(r[0]), bd(r[1]), bd(r[2]), bd(r[3]));
    float fs[2], x = 1.5f, y = 2.25f, w = -0.5f;
    __asm__ volatile("madd.s %0, %2, %3, %4\n\tnmsub.s %1, %2, %3, %4"
                     : "=&f"(fs[0]), "=&f"(fs[1]) : "f"(w), "f"(x), "f"(y));
    printf("single 1.5*2.25 with -0.5: madd %08" PRIx32 " nmsub %08" PRIx32 "\n", bs(fs[0]),
           bs(fs[1]));
}

static void flags_and_moves(void)
{
    printf("== fetestexcept\n");
    volatile double one = 1.0, three = 3.0, zero = 0.0, tiny = DBL_MIN, big = DBL_MAX;
    static const struct {
        const char *name;
        int op;
    } ops[] = { { "1/3", 0 }, { "1/0", 1 }, { "0/0", 2 }, { "max*2", 3 }, { "min*0.3", 4 },
                { "min/4 (exact denormal)", 5 }, { "1+1", 6 } };
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        feclearexcept(FE_ALL_EXCEPT);
        double r = 0;
        switch (ops[i].op) {
        case 0: r = one / three; break;
        case 1: r = one / zero; break;
        case 2: r = zero / zero; break;
        case 3: r = big * 2.0; break;
        case 4: r = tiny * 0.3; break;
        case 5: r = tiny / 4.0; break;
        case 6: r = one + one; break;
        }
        int e = fetestexcept(FE_ALL_EXCEPT);
        printf("%s = %016" PRIx64 ":%s%s%s%s%s\n", ops[i].name, bd(r),
               e & FE_INVALID ? " invalid" : "", e & FE_DIVBYZERO ? " divbyzero" : "",
               e & FE_OVERFLOW ? " overflow" : "", e & FE_UNDERFLOW ? " underflow" : "",
               e & FE_INEXACT ? " inexact" : "");
    }
    feclearexcept(FE_ALL_EXCEPT);

    printf("== conditional moves, indexed loads\n");
    double src = 7.25, d1 = 1.0, d2 = 1.0, d3 = 1.0, d4 = 1.0;
    __asm__ volatile("movn.d %0, %4, %5\n\t"
                     "movz.d %1, %4, %5\n\t"
                     "c.lt.d $fcc2, %6, %7\n\t"
                     "movt.d %2, %4, $fcc2\n\t"
                     "movf.d %3, %4, $fcc2"
                     : "+f"(d1), "+f"(d2), "+f"(d3), "+f"(d4)
                     : "f"(src), "r"(5), "f"(one), "f"(three));
    printf("movn.d %g movz.d %g movt.d %g movf.d %g\n", d1, d2, d3, d4);
    static double arr[4] = { 1.5, 2.5, 3.5, 4.5 };
    double ld;
    __asm__ volatile("ldxc1 %0, %1(%2)" : "=f"(ld) : "r"(16), "r"(arr), "m"(arr));
    __asm__ volatile("sdxc1 %0, %1(%2)" ::"f"(ld), "r"(0), "r"(arr) : "memory");
    float lf;
    static float farr[2] = { 0.25f, 0.75f };
    __asm__ volatile("lwxc1 %0, %1(%2)" : "=f"(lf) : "r"(4), "r"(farr), "m"(farr));
    printf("ldxc1 arr[2] %g, sdxc1 into arr[0] -> %g, lwxc1 farr[1] %g\n", ld, arr[0], lf);
}

static void printing(void)
{
    printf("== printf\n");
    static const double v[] = { 0.1, -2.5e-310, 1e300, 123456.789, -0.0, 1.0 / 3.0 };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++)
        printf("%.17g %a %e %.3f %g\n", v[i], v[i], v[i], v[i], v[i]);
    volatile float f = 3.14159265f, g = 1e-40f;
    printf("float %.9g %a %g %a\n", f, f, g, g);
    printf("fcsr at exit %08" PRIx32 "\n", fcsr() & 0x0103f07fu);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* FS, Cause, Enables, Flags, RM: all zero at start-up (the kernel's default FCSR). */
    printf("fcsr at start %08" PRIx32 "\n", fcsr() & 0x0103f07fu);
    check_fr();
    compares();
    rounding();
    nans();
    madd();
    flags_and_moves();
    printing();
    return 0;
}
