/*
 * intops: ARMv7 integer corner cases, each computed by the instruction itself (inline
 * asm, so the compiler cannot fold it) and printed in hex:
 *   - register-specified shifts with counts 0..257 (only the low byte counts; >= 32
 *     gives 0 / sign fill; ROR is mod 32) and the shifter carry-out
 *   - NZCV after ADDS/ADCS/SUBS/SBCS/RSBS on boundary values, read with MRS APSR
 *   - SDIV/UDIV including division by zero (result 0) and INT_MIN / -1
 *   - saturation: QADD/QSUB/QDADD/QDSUB/SSAT/USAT/SSAT16/USAT16 and the sticky Q flag
 *   - CLZ/RBIT/REV/REV16/REVSH, UBFX/SBFX/BFI/BFC
 *   - multiplies: SMULL/UMULL/SMLAL/UMLAL/UMAAL/MLS/SMMUL(R)/SMMLA/SMLABB (Q)/SMUAD/SMULWB
 *   - parallel add/sub (SADD16, UADD8, SSUB8, USUB16, QADD8, UHADD8, SHSUB16, SASX, USAX)
 *     with the GE flags, SEL, USAD8/USADA8
 *   - C-level 64-bit arithmetic (library calls __aeabi_ldivmod etc.)
 * Built with -march=armv7ve (ARMv7-A + the integer divide instructions) in ARM and Thumb.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static const uint32_t vals[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe,
                                 0xffffffff, 0x12345678, 0xdeadbeef };
#define NVALS (sizeof vals / sizeof vals[0])

static uint32_t apsr(void)
{
    uint32_t r;
    __asm__ volatile("mrs %0, APSR" : "=r"(r));
    return r;
}

/* Sets N Z C V Q (bits 31..27) from f and clears the GE bits. */
static void set_flags(uint32_t f)
{
    __asm__ volatile("msr APSR_nzcvqg, %0" ::"r"(f) : "cc");
}

/* Returns one of 8 rotating buffers, so several calls may share one printf. */
static const char *nzcv(uint32_t a)
{
    static char buf[8][8];
    static unsigned next;
    char *s = buf[next++ % 8];
    s[0] = (a >> 31) & 1 ? 'N' : '-';
    s[1] = (a >> 30) & 1 ? 'Z' : '-';
    s[2] = (a >> 29) & 1 ? 'C' : '-';
    s[3] = (a >> 28) & 1 ? 'V' : '-';
    s[4] = (a >> 27) & 1 ? 'Q' : '-';
    s[5] = 0;
    return s;
}

static void shifts(void)
{
    static const uint32_t counts[] = { 0, 1, 4, 31, 32, 33, 63, 64, 255, 256, 257 };
    static const uint32_t in[] = { 0x80000001, 0x7ffffff0, 0xdeadbeef };
    printf("== register shifts: value count -> lsl lsr asr ror (result/carry)\n");
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        for (unsigned j = 0; j < sizeof counts / sizeof counts[0]; j++) {
            uint32_t v = in[i], c = counts[j], r[4], f[4];
            /* Carry in is set, so a zero shift count shows that C is left alone. */
            set_flags(0x20000000);
            __asm__ volatile("lsls %0, %1, %2" : "=r"(r[0]) : "r"(v), "r"(c) : "cc");
            f[0] = apsr();
            set_flags(0x20000000);
            __asm__ volatile("lsrs %0, %1, %2" : "=r"(r[1]) : "r"(v), "r"(c) : "cc");
            f[1] = apsr();
            set_flags(0x20000000);
            __asm__ volatile("asrs %0, %1, %2" : "=r"(r[2]) : "r"(v), "r"(c) : "cc");
            f[2] = apsr();
            set_flags(0x20000000);
            __asm__ volatile("rors %0, %1, %2" : "=r"(r[3]) : "r"(v), "r"(c) : "cc");
            f[3] = apsr();
            printf("%08" PRIx32 " %3" PRIu32 " ->", v, c);
            for (int k = 0; k < 4; k++)
                printf(" %08" PRIx32 "/%d", r[k], (int)(f[k] >> 29) & 1);
            printf("\n");
        }
    }
    /* RRX and immediate shifts by 32 (LSR #32, ASR #32 encodings). */
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        uint32_t v = in[i], a, b, c, fa, fb, fc;
        set_flags(0x20000000);
        __asm__ volatile("rrxs %0, %1" : "=r"(a) : "r"(v) : "cc");
        fa = apsr();
        set_flags(0);
        __asm__ volatile("lsrs %0, %1, #32" : "=r"(b) : "r"(v) : "cc");
        fb = apsr();
        set_flags(0);
        __asm__ volatile("asrs %0, %1, #32" : "=r"(c) : "r"(v) : "cc");
        fc = apsr();
        printf("%08" PRIx32 " rrx=%08" PRIx32 "/%s lsr32=%08" PRIx32 "/%s", v, a, nzcv(fa), b,
               nzcv(fb));
        printf(" asr32=%08" PRIx32 "/%s\n", c, nzcv(fc));
    }
}

static void addsub_flags(void)
{
    printf("== flags: a b -> adds adcs(C=1) subs sbcs(C=0) rsbs\n");
    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = 0; j < NVALS; j += 1) {
            uint32_t a = vals[i], b = vals[j], r[5], f[5];
            set_flags(0);
            __asm__ volatile("adds %0, %1, %2" : "=r"(r[0]) : "r"(a), "r"(b) : "cc");
            f[0] = apsr();
            set_flags(0x20000000);
            __asm__ volatile("adcs %0, %1, %2" : "=r"(r[1]) : "r"(a), "r"(b) : "cc");
            f[1] = apsr();
            set_flags(0);
            __asm__ volatile("subs %0, %1, %2" : "=r"(r[2]) : "r"(a), "r"(b) : "cc");
            f[2] = apsr();
            set_flags(0);
            __asm__ volatile("sbcs %0, %1, %2" : "=r"(r[3]) : "r"(a), "r"(b) : "cc");
            f[3] = apsr();
            set_flags(0);
            __asm__ volatile("rsbs %0, %1, %2" : "=r"(r[4]) : "r"(a), "r"(b) : "cc");
            f[4] = apsr();
            printf("%08" PRIx32 " %08" PRIx32 ":", a, b);
            for (int k = 0; k < 5; k++)
                printf(" %08" PRIx32 "/%.4s", r[k], nzcv(f[k]));
            printf("\n");
        }
    }
    /* Logical ops with S: C comes from the shifter, V is untouched. */
    printf("== logical flags (V and C preset)\n");
    for (unsigned i = 0; i < NVALS; i++) {
        uint32_t a = vals[i], r1, r2, r3, f1, f2, f3;
        set_flags(0x30000000);
        __asm__ volatile("ands %0, %1, %1, lsl #1" : "=r"(r1) : "r"(a) : "cc");
        f1 = apsr();
        set_flags(0x30000000);
        __asm__ volatile("eors %0, %1, %1, lsr #1" : "=r"(r2) : "r"(a) : "cc");
        f2 = apsr();
        set_flags(0x30000000);
        __asm__ volatile("movs %0, %1" : "=r"(r3) : "r"(a) : "cc");
        f3 = apsr();
        printf("%08" PRIx32 ": ands=%08" PRIx32 "/%.4s eors=%08" PRIx32 "/%.4s", a, r1, nzcv(f1),
               r2, nzcv(f2));
        printf(" movs=%08" PRIx32 "/%.4s\n", r3, nzcv(f3));
    }
}

static void divide(void)
{
    printf("== sdiv udiv\n");
    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = 0; j < NVALS; j++) {
            uint32_t a = vals[i], b = vals[j], s, u;
            __asm__ volatile("sdiv %0, %1, %2" : "=r"(s) : "r"(a), "r"(b));
            __asm__ volatile("udiv %0, %1, %2" : "=r"(u) : "r"(a), "r"(b));
            printf("%08" PRIx32 " / %08" PRIx32 " = %08" PRIx32 " %08" PRIx32 "\n", a, b, s, u);
        }
    }
}

#define SSAT(n, x)                                                                   \
    ({                                                                               \
        uint32_t r_;                                                                 \
        __asm__ volatile("ssat %0, #" #n ", %1" : "=r"(r_) : "r"(x) : "cc");         \
        r_;                                                                          \
    })
#define USAT(n, x)                                                                   \
    ({                                                                               \
        uint32_t r_;                                                                 \
        __asm__ volatile("usat %0, #" #n ", %1" : "=r"(r_) : "r"(x) : "cc");         \
        r_;                                                                          \
    })
#define OP2(insn, a, b)                                                              \
    ({                                                                               \
        uint32_t r_;                                                                 \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b) : "cc");      \
        r_;                                                                          \
    })
#define OP1(insn, a)                                                                 \
    ({                                                                               \
        uint32_t r_;                                                                 \
        __asm__ volatile(insn " %0, %1" : "=r"(r_) : "r"(a) : "cc");                 \
        r_;                                                                          \
    })

static void saturate(void)
{
    printf("== qadd qsub qdadd qdsub (result/Q)\n");
    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = 0; j < NVALS; j += 2) {
            uint32_t a = vals[i], b = vals[j], r[4], q[4];
            set_flags(0);
            r[0] = OP2("qadd", a, b);
            q[0] = apsr() >> 27 & 1;
            set_flags(0);
            r[1] = OP2("qsub", a, b);
            q[1] = apsr() >> 27 & 1;
            set_flags(0);
            r[2] = OP2("qdadd", a, b);
            q[2] = apsr() >> 27 & 1;
            set_flags(0);
            r[3] = OP2("qdsub", a, b);
            q[3] = apsr() >> 27 & 1;
            printf("%08" PRIx32 " %08" PRIx32 ":", a, b);
            for (int k = 0; k < 4; k++)
                printf(" %08" PRIx32 "/%" PRIu32, r[k], q[k]);
            printf("\n");
        }
    }
    /* Q is sticky: a non-saturating op leaves it set. */
    set_flags(0);
    (void)OP2("qadd", 0x7fffffffu, 1u);
    (void)OP2("qadd", 1u, 1u);
    printf("sticky Q after saturate+normal: %" PRIu32 "\n", apsr() >> 27 & 1);

    printf("== ssat usat (result/Q)\n");
    static const uint32_t sv[] = { 0, 1, 127, 128, 255, 256, 0xffffff80, 0xffffff7f,
                                   0x7fffffff, 0x80000000, 0xffffffff, 0x00012345 };
    for (unsigned i = 0; i < sizeof sv / sizeof sv[0]; i++) {
        uint32_t x = sv[i], r[6], q[6];
        set_flags(0); r[0] = SSAT(1, x); q[0] = apsr() >> 27 & 1;
        set_flags(0); r[1] = SSAT(8, x); q[1] = apsr() >> 27 & 1;
        set_flags(0); r[2] = SSAT(32, x); q[2] = apsr() >> 27 & 1;
        set_flags(0); r[3] = USAT(0, x); q[3] = apsr() >> 27 & 1;
        set_flags(0); r[4] = USAT(8, x); q[4] = apsr() >> 27 & 1;
        set_flags(0); r[5] = USAT(31, x); q[5] = apsr() >> 27 & 1;
        printf("%08" PRIx32 ": ssat1,8,32 usat0,8,31 =", x);
        for (int k = 0; k < 6; k++)
            printf(" %08" PRIx32 "/%" PRIu32, r[k], q[k]);
        printf("\n");
    }
    printf("== ssat16 usat16\n");
    static const uint32_t hv[] = { 0x7fff8000, 0x00ff0100, 0xff80ff7f, 0x12345678, 0 };
    for (unsigned i = 0; i < sizeof hv / sizeof hv[0]; i++) {
        uint32_t x = hv[i], a, b, qa, qb;
        set_flags(0);
        __asm__ volatile("ssat16 %0, #8, %1" : "=r"(a) : "r"(x) : "cc");
        qa = apsr() >> 27 & 1;
        set_flags(0);
        __asm__ volatile("usat16 %0, #8, %1" : "=r"(b) : "r"(x) : "cc");
        qb = apsr() >> 27 & 1;
        printf("%08" PRIx32 ": ssat16#8=%08" PRIx32 "/%" PRIu32 " usat16#8=%08" PRIx32 "/%" PRIu32
               "\n", x, a, qa, b, qb);
    }
}

static void bits(void)
{
    printf("== clz rbit rev rev16 revsh\n");
    for (unsigned i = 0; i < NVALS; i++) {
        uint32_t x = vals[i];
        printf("%08" PRIx32 ": %2" PRIu32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32
               "\n", x, OP1("clz", x), OP1("rbit", x), OP1("rev", x), OP1("rev16", x),
               OP1("revsh", x));
    }
    printf("== ubfx sbfx bfi bfc\n");
    for (unsigned i = 0; i < NVALS; i++) {
        uint32_t x = vals[i], a, b, c, d, e, f, g = 0x55555555, h = 0xaaaaaaaa, k;
        __asm__("ubfx %0, %1, #4, #8" : "=r"(a) : "r"(x));
        __asm__("sbfx %0, %1, #4, #8" : "=r"(b) : "r"(x));
        __asm__("ubfx %0, %1, #0, #32" : "=r"(c) : "r"(x));
        __asm__("sbfx %0, %1, #31, #1" : "=r"(d) : "r"(x));
        __asm__("bfi %0, %1, #8, #12" : "+r"(g) : "r"(x));
        __asm__("bfi %0, %1, #0, #32" : "+r"(h) : "r"(x));
        e = g;
        f = h;
        k = x;
        __asm__("bfc %0, #3, #27" : "+r"(k));
        printf("%08" PRIx32 ": %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32
               " %08" PRIx32 " %08" PRIx32 "\n", x, a, b, c, d, e, f, k);
    }
}

static void multiply(void)
{
    printf("== smull umull smlal umlal umaal (hi:lo), acc=0x80000000:fffffff0\n");
    for (unsigned i = 0; i < NVALS; i += 1) {
        for (unsigned j = i; j < NVALS; j += 2) {
            uint32_t a = vals[i], b = vals[j];
            uint32_t sl, sh, ul, uh, al = 0xfffffff0, ah = 0x80000000, bl = 0xfffffff0,
                                     bh = 0x80000000, cl = 0xfffffff0, ch = 0x80000000;
            __asm__("smull %0, %1, %2, %3" : "=&r"(sl), "=&r"(sh) : "r"(a), "r"(b));
            __asm__("umull %0, %1, %2, %3" : "=&r"(ul), "=&r"(uh) : "r"(a), "r"(b));
            __asm__("smlal %0, %1, %2, %3" : "+r"(al), "+r"(ah) : "r"(a), "r"(b));
            __asm__("umlal %0, %1, %2, %3" : "+r"(bl), "+r"(bh) : "r"(a), "r"(b));
            __asm__("umaal %0, %1, %2, %3" : "+r"(cl), "+r"(ch) : "r"(a), "r"(b));
            printf("%08" PRIx32 "*%08" PRIx32 ": %08" PRIx32 ":%08" PRIx32 " %08" PRIx32
                   ":%08" PRIx32 " %08" PRIx32 ":%08" PRIx32, a, b, sh, sl, uh, ul, ah, al);
            printf(" %08" PRIx32 ":%08" PRIx32 " %08" PRIx32 ":%08" PRIx32 "\n", bh, bl, ch, cl);
        }
    }
    printf("== mls smmul smmulr smmla smlabb(Q) smuad(Q) smulwb smlsd\n");
    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = 0; j < NVALS; j += 3) {
            uint32_t a = vals[i], b = vals[j], acc = 0x7ffffff0, r[8], q1, q2;
            __asm__("mls %0, %1, %2, %3" : "=r"(r[0]) : "r"(a), "r"(b), "r"(acc));
            __asm__("smmul %0, %1, %2" : "=r"(r[1]) : "r"(a), "r"(b));
            __asm__("smmulr %0, %1, %2" : "=r"(r[2]) : "r"(a), "r"(b));
            __asm__("smmla %0, %1, %2, %3" : "=r"(r[3]) : "r"(a), "r"(b), "r"(acc));
            set_flags(0);
            __asm__ volatile("smlabb %0, %1, %2, %3" : "=r"(r[4]) : "r"(a), "r"(b), "r"(acc) : "cc");
            q1 = apsr() >> 27 & 1;
            set_flags(0);
            __asm__ volatile("smuad %0, %1, %2" : "=r"(r[5]) : "r"(a), "r"(b) : "cc");
            q2 = apsr() >> 27 & 1;
            __asm__("smulwb %0, %1, %2" : "=r"(r[6]) : "r"(a), "r"(b));
            __asm__("smlsd %0, %1, %2, %3" : "=r"(r[7]) : "r"(a), "r"(b), "r"(acc));
            printf("%08" PRIx32 " %08" PRIx32 ": %08" PRIx32 " %08" PRIx32 " %08" PRIx32
                   " %08" PRIx32, a, b, r[0], r[1], r[2], r[3]);
            printf(" %08" PRIx32 "/%" PRIu32 " %08" PRIx32 "/%" PRIu32 " %08" PRIx32 " %08" PRIx32
                   "\n", r[4], q1, r[5], q2, r[6], r[7]);
        }
    }
}

static void parallel(void)
{
    static const uint32_t pv[] = { 0x00000000, 0x7fff8000, 0x80808080, 0x7f7f0101,
                                   0xffff0001, 0x12345678, 0xfedcba98 };
    const unsigned n = sizeof pv / sizeof pv[0];
#define PAR(insn)                                                                    \
    do {                                                                             \
        uint32_t r_, g_;                                                             \
        set_flags(0);                                                                \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b) : "cc");     \
        g_ = apsr() >> 16 & 0xf;                                                     \
        printf(" %08" PRIx32 "/%" PRIx32, r_, g_);                                   \
    } while (0)
    printf("== sadd16 uadd8 ssub8 usub16 sasx usax (result/GE) qadd8 uhadd8 shsub16 uqsub8 usad8 "
           "sel-after-usub8\n");
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j++) {
            uint32_t a = pv[i], b = pv[j], s;
            printf("%08" PRIx32 " %08" PRIx32 ":", a, b);
            PAR("sadd16");
            PAR("uadd8");
            PAR("ssub8");
            PAR("usub16");
            PAR("sasx");
            PAR("usax");
            printf(" %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32,
                   OP2("qadd8", a, b), OP2("uhadd8", a, b), OP2("shsub16", a, b),
                   OP2("uqsub8", a, b), OP2("usad8", a, b));
            /* SEL picks bytes of a where a >= b (unsigned, from usub8's GE), else b. */
            __asm__ volatile("usub8 %0, %1, %2\n\t"
                             "sel %0, %1, %2"
                             : "=&r"(s)
                             : "r"(a), "r"(b)
                             : "cc");
            printf(" %08" PRIx32 "\n", s);
        }
    }
    uint32_t acc = 1000, r;
    __asm__("usada8 %0, %1, %2, %3" : "=r"(r) : "r"(0x01ff7f00u), "r"(0xff0180ffu), "r"(acc));
    printf("usada8 = %" PRIu32 "\n", r);
}

static void c_level(void)
{
    printf("== 64-bit C arithmetic\n");
    static const int64_t sv[] = { 0, 1, -1, 7, -7, INT64_MAX, INT64_MIN, 0x100000000LL,
                                  -0x123456789aLL };
    const unsigned n = sizeof sv / sizeof sv[0];
    volatile int64_t va, vb;
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j++) {
            va = sv[i];
            vb = sv[j];
            int64_t a = va, b = vb;
            if (b == 0 || (a == INT64_MIN && b == -1))
                continue;
            printf("%" PRId64 " %" PRId64 ": / %" PRId64 " %% %" PRId64 " u/ %" PRIu64
                   " u%% %" PRIu64 " * %016" PRIx64 "\n",
                   a, b, a / b, a % b, (uint64_t)a / (uint64_t)b, (uint64_t)a % (uint64_t)b,
                   (uint64_t)a * (uint64_t)b);
        }
    }
    volatile unsigned sh;
    for (sh = 0; sh < 64; sh += 7) {
        uint64_t x = 0x8123456789abcdefULL;
        int64_t y = (int64_t)x;
        printf("shift %2u: %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n", sh, x << sh, x >> sh,
               (uint64_t)(y >> sh));
    }
}

int main(void)
{
    /* Line-buffered: output up to a crash still reaches the log. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    shifts();
    addsub_flags();
    divide();
    saturate();
    bits();
    multiply();
    parallel();
    c_level();
    printf("done\n");
    return 0;
}
