/*
 * intops: MIPS32 Release 2 integer corner cases, each computed by the instruction itself
 * (inline asm, so the compiler cannot fold it) and printed in hex.  The output does not
 * depend on the byte order (the byte-order dependent loads are in unaligned.c).
 *   - ADDU/SUBU/ADDIU wrap-around, SLT/SLTU/SLTI/SLTIU (sign-extended immediate compared
 *     unsigned), ADD/ADDI/SUB without overflow (the trapping cases are in traps.c)
 *   - shifts by immediate and by register (only the low 5 bits of the count), ROTR/ROTRV
 *   - MULT/MULTU into HI/LO, MUL, MADD/MADDU/MSUB/MSUBU accumulating into HI/LO,
 *     MTHI/MTLO/MFHI/MFLO, DIV/DIVU (INT_MIN / -1; division by zero is UNPREDICTABLE and
 *     not tested)
 *   - CLZ/CLO, MOVN/MOVZ, EXT/INS at several positions and sizes, SEB/SEH/WSBH
 *   - LB/LBU/LH/LHU sign and zero extension, LUI/ORI/XORI/ANDI (zero-extended immediates)
 *   - LL/SC through the __atomic builtins and a hand-written LL/SC loop
 *   - the thread pointer (RDHWR $29, set up by the kernel/emulator for __thread)
 *   - C-level 64-bit arithmetic (libgcc __divdi3 & co., 64-bit shifts, compares)
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static const uint32_t vals[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe,
                                 0xffffffff, 0x12345678, 0xdeadbeef };
#define NVALS (sizeof vals / sizeof vals[0])

static void addsub(void)
{
    printf("== addu subu slt sltu\n");
    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = 0; j < NVALS; j += 3) {
            uint32_t a = vals[i], b = vals[j], add, sub, lt, ltu;
            __asm__("addu %0, %4, %5\n\tsubu %1, %4, %5\n\tslt %2, %4, %5\n\tsltu %3, %4, %5"
                    : "=&r"(add), "=&r"(sub), "=&r"(lt), "=&r"(ltu)
                    : "r"(a), "r"(b));
            printf("%08" PRIx32 " %08" PRIx32 ": addu %08" PRIx32 " subu %08" PRIx32
                   " slt %" PRIu32 " sltu %" PRIu32 "\n", a, b, add, sub, lt, ltu);
        }
    }
    printf("== immediates\n");
    for (unsigned i = 0; i < NVALS; i++) {
        uint32_t a = vals[i], r1, r2, r3, r4, r5, r6, r7;
        __asm__("addiu %0, %7, -32768\n\t"
                "slti %1, %7, -1\n\t"
                "sltiu %2, %7, -1\n\t" /* -1 sign-extends to 0xffffffff, compared unsigned */
                "sltiu %3, %7, 2\n\t"
                "ori %4, %7, 0x8000\n\t" /* logical immediates are zero-extended */
                "andi %5, %7, 0xff00\n\t"
                "xori %6, %7, 0xffff"
                : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4), "=&r"(r5), "=&r"(r6), "=&r"(r7)
                : "r"(a));
        printf("%08" PRIx32 ": addiu-32768 %08" PRIx32 " slti-1 %" PRIu32 " sltiu-1 %" PRIu32
               " sltiu2 %" PRIu32 " ori %08" PRIx32 " andi %08" PRIx32 " xori %08" PRIx32 "\n",
               a, r1, r2, r3, r4, r5, r6, r7);
    }
    uint32_t r1, r2, r3, r4;
    __asm__("lui %0, 0x8001\n\t"
            "li %1, 0x7ffffffe\n\t"
            "add %1, %1, 1\n\t"          /* no overflow: 0x7fffffff */
            "li %2, 0x80000001\n\t"
            "addi %2, %2, -1\n\t"        /* no overflow: 0x80000000 */
            "li %3, -5\n\t"
            "sub %3, %3, %2\n\t"         /* -5 - INT_MIN = 0x7ffffffb, no overflow */
            : "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4));
    printf("lui %08" PRIx32 " add %08" PRIx32 " addi %08" PRIx32 " sub %08" PRIx32 "\n", r1, r2,
           r3, r4);
    uint32_t z;
    __asm__("li $0, 5\n\taddiu %0, $0, 0" : "=r"(z)); /* writes to $zero are discarded */
    printf("$zero after li $0, 5: %" PRIu32 "\n", z);
}

static void shifts(void)
{
    printf("== shifts\n");
    static const uint32_t sv[] = { 0x80000001, 0x12345678, 0xfedcba98 };
    for (unsigned i = 0; i < 3; i++) {
        uint32_t a = sv[i], r[8];
        __asm__("sll %0, %8, 0\n\tsll %1, %8, 31\n\tsrl %2, %8, 1\n\tsrl %3, %8, 31\n\t"
                "sra %4, %8, 1\n\tsra %5, %8, 31\n\trotr %6, %8, 4\n\trotr %7, %8, 31"
                : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(r[4]),
                  "=&r"(r[5]), "=&r"(r[6]), "=&r"(r[7])
                : "r"(a));
        printf("%08" PRIx32 ": sll0 %08" PRIx32 " sll31 %08" PRIx32 " srl1 %08" PRIx32
               " srl31 %08" PRIx32 " sra1 %08" PRIx32 " sra31 %08" PRIx32 " rotr4 %08" PRIx32
               " rotr31 %08" PRIx32 "\n", a, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
    }
    /* Register counts: only bits 4..0 count (33 shifts by 1, 0xffffffe0 by 0). */
    static const uint32_t counts[] = { 0, 1, 4, 31, 32, 33, 63, 0xffffffe0, 0x80000007 };
    for (unsigned i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        uint32_t a = 0x87654321, c = counts[i], l, rl, ra, ro;
        __asm__("sllv %0, %4, %5\n\tsrlv %1, %4, %5\n\tsrav %2, %4, %5\n\trotrv %3, %4, %5"
                : "=&r"(l), "=&r"(rl), "=&r"(ra), "=&r"(ro)
                : "r"(a), "r"(c));
        printf("count %08" PRIx32 ": sllv %08" PRIx32 " srlv %08" PRIx32 " srav %08" PRIx32
               " rotrv %08" PRIx32 "\n", c, l, rl, ra, ro);
    }
}

static void muldiv(void)
{
    printf("== mult multu mul\n");
    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = i; j < NVALS; j += 2) {
            uint32_t a = vals[i], b = vals[j], shi, slo, uhi, ulo, m;
            __asm__("mult %5, %6\n\tmfhi %0\n\tmflo %1\n\t"
                    "multu %5, %6\n\tmfhi %2\n\tmflo %3\n\t"
                    "mul %4, %5, %6"
                    : "=&r"(shi), "=&r"(slo), "=&r"(uhi), "=&r"(ulo), "=&r"(m)
                    : "r"(a), "r"(b)
                    : "hi", "lo");
            printf("%08" PRIx32 " * %08" PRIx32 ": mult %08" PRIx32 ":%08" PRIx32
                   " multu %08" PRIx32 ":%08" PRIx32 " mul %08" PRIx32 "\n",
                   a, b, shi, slo, uhi, ulo, m);
        }
    }
    printf("== madd maddu msub msubu\n");
    static const uint32_t acc[][2] = { { 0, 0 }, { 0x7fffffff, 0xffffffff },
                                       { 0xffffffff, 0xffffffff }, { 0x80000000, 0 },
                                       { 0x00000001, 0x00000000 } };
    static const uint32_t ops[][2] = { { 2, 3 }, { 0xffffffff, 1 }, { 0x80000000, 0x80000000 },
                                       { 0x7fffffff, 0xffffffff }, { 0x10000, 0x10000 } };
    for (unsigned i = 0; i < 5; i++) {
        for (unsigned j = 0; j < 5; j++) {
            uint32_t h = acc[i][0], l = acc[i][1], a = ops[j][0], b = ops[j][1];
            uint32_t r[8];
            __asm__("mthi %8\n\tmtlo %9\n\tmadd %10, %11\n\tmfhi %0\n\tmflo %1\n\t"
                    "mthi %8\n\tmtlo %9\n\tmaddu %10, %11\n\tmfhi %2\n\tmflo %3\n\t"
                    "mthi %8\n\tmtlo %9\n\tmsub %10, %11\n\tmfhi %4\n\tmflo %5\n\t"
                    "mthi %8\n\tmtlo %9\n\tmsubu %10, %11\n\tmfhi %6\n\tmflo %7"
                    : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(r[4]),
                      "=&r"(r[5]), "=&r"(r[6]), "=&r"(r[7])
                    : "r"(h), "r"(l), "r"(a), "r"(b)
                    : "hi", "lo");
            printf("%08" PRIx32 ":%08" PRIx32 " %08" PRIx32 "*%08" PRIx32 ": madd %08" PRIx32
                   ":%08" PRIx32 " maddu %08" PRIx32 ":%08" PRIx32 " msub %08" PRIx32
                   ":%08" PRIx32 " msubu %08" PRIx32 ":%08" PRIx32 "\n",
                   h, l, a, b, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
        }
    }
    printf("== div divu\n");
    static const uint32_t dv[][2] = { { 7, 2 }, { (uint32_t)-7, 2 }, { 7, (uint32_t)-2 },
                                      { (uint32_t)-7, (uint32_t)-2 }, { 0x80000000, 0xffffffff },
                                      { 0x80000000, 1 }, { 0xffffffff, 0x10 },
                                      { 0x12345678, 0x1000 }, { 5, 0x80000000 },
                                      { 0xdeadbeef, 0xdeadbeef } };
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        uint32_t a = dv[i][0], b = dv[i][1], q, r, uq, ur;
        /* "div $0, a, b" is the real instruction (plain "div a, b" is a gas macro). */
        __asm__("div $0, %4, %5\n\tmflo %0\n\tmfhi %1\n\t"
                "divu $0, %4, %5\n\tmflo %2\n\tmfhi %3"
                : "=&r"(q), "=&r"(r), "=&r"(uq), "=&r"(ur)
                : "r"(a), "r"(b)
                : "hi", "lo");
        printf("%08" PRIx32 " / %08" PRIx32 ": div q %08" PRIx32 " r %08" PRIx32
               " divu q %08" PRIx32 " r %08" PRIx32 "\n", a, b, q, r, uq, ur);
    }
    uint32_t h, l;
    __asm__("mthi %2\n\tmtlo %3\n\tmfhi %0\n\tmflo %1"
            : "=&r"(h), "=&r"(l) : "r"(0xcafe0001u), "r"(0xbeef0002u) : "hi", "lo");
    printf("mthi/mtlo round trip %08" PRIx32 " %08" PRIx32 "\n", h, l);
}

static void bits(void)
{
    printf("== clz clo seb seh wsbh\n");
    static const uint32_t bv[] = { 0, 1, 0x80000000, 0xffffffff, 0x0000ffff, 0xffff0000,
                                   0x00800000, 0xfff7ffff, 0x12345678, 0x000080ff };
    for (unsigned i = 0; i < sizeof bv / sizeof bv[0]; i++) {
        uint32_t a = bv[i], z, o, b, h, w;
        __asm__("clz %0, %5\n\tclo %1, %5\n\tseb %2, %5\n\tseh %3, %5\n\twsbh %4, %5"
                : "=&r"(z), "=&r"(o), "=&r"(b), "=&r"(h), "=&r"(w)
                : "r"(a));
        printf("%08" PRIx32 ": clz %2" PRIu32 " clo %2" PRIu32 " seb %08" PRIx32 " seh %08" PRIx32
               " wsbh %08" PRIx32 "\n", a, z, o, b, h, w);
    }
    printf("== ext ins\n");
    uint32_t a = 0xdeadbeef, e[6], n[6];
    __asm__("ext %0, %6, 0, 1\n\text %1, %6, 0, 32\n\text %2, %6, 4, 8\n\t"
            "ext %3, %6, 31, 1\n\text %4, %6, 16, 16\n\text %5, %6, 3, 17"
            : "=&r"(e[0]), "=&r"(e[1]), "=&r"(e[2]), "=&r"(e[3]), "=&r"(e[4]), "=&r"(e[5])
            : "r"(a));
    printf("ext 0,1 %08" PRIx32 " 0,32 %08" PRIx32 " 4,8 %08" PRIx32 " 31,1 %08" PRIx32
           " 16,16 %08" PRIx32 " 3,17 %08" PRIx32 "\n", e[0], e[1], e[2], e[3], e[4], e[5]);
    uint32_t src = 0x12345678;
    for (unsigned i = 0; i < 6; i++)
        n[i] = a;
    __asm__("ins %0, %6, 0, 1\n\tins %1, %6, 0, 32\n\tins %2, %6, 4, 8\n\t"
            "ins %3, %6, 31, 1\n\tins %4, %6, 16, 16\n\tins %5, %6, 3, 17"
            : "+r"(n[0]), "+r"(n[1]), "+r"(n[2]), "+r"(n[3]), "+r"(n[4]), "+r"(n[5])
            : "r"(src));
    printf("ins 0,1 %08" PRIx32 " 0,32 %08" PRIx32 " 4,8 %08" PRIx32 " 31,1 %08" PRIx32
           " 16,16 %08" PRIx32 " 3,17 %08" PRIx32 "\n", n[0], n[1], n[2], n[3], n[4], n[5]);

    printf("== movn movz\n");
    static const uint32_t conds[] = { 0, 1, 0x80000000 };
    for (unsigned i = 0; i < 3; i++) {
        uint32_t mn = 0x1111, mz = 0x2222;
        __asm__("movn %0, %2, %3\n\tmovz %1, %2, %3"
                : "+r"(mn), "+r"(mz) : "r"(0xabcdu), "r"(conds[i]));
        printf("cond %08" PRIx32 ": movn %08" PRIx32 " movz %08" PRIx32 "\n", conds[i], mn, mz);
    }
    /* movn with rd == rt: the condition is read before the write. */
    uint32_t x = 7;
    __asm__("movn %0, $0, %0" : "+r"(x));
    printf("movn x, $0, x (x=7): %08" PRIx32 "\n", x);
}

static void loads(void)
{
    printf("== lb lbu lh lhu\n");
    static const volatile uint8_t b[4] = { 0x80, 0x7f, 0xff, 0x01 };
    static const volatile uint16_t h[2] = { 0x8001, 0x7ffe };
    int32_t sb0 = (int8_t)b[0], sb1 = (int8_t)b[1];
    uint32_t ub0 = b[0], ub2 = b[2];
    int32_t sh0 = (int16_t)h[0], sh1 = (int16_t)h[1];
    uint32_t uh0 = h[0];
    printf("lb %08" PRIx32 " %08" PRIx32 " lbu %08" PRIx32 " %08" PRIx32 " lh %08" PRIx32
           " %08" PRIx32 " lhu %08" PRIx32 "\n", (uint32_t)sb0, (uint32_t)sb1, ub0, ub2,
           (uint32_t)sh0, (uint32_t)sh1, uh0);
}

static int counter;
static __thread int tls_a = 41;
static __thread int tls_b[4];

static void atomics(void)
{
    printf("== ll sc (atomics)\n");
    int old = __atomic_fetch_add(&counter, 5, __ATOMIC_SEQ_CST);
    printf("fetch_add old %d new %d\n", old, counter);
    int expected = 5;
    int ok = __atomic_compare_exchange_n(&counter, &expected, 9, 0, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
    printf("cas 5->9: ok %d value %d\n", ok, counter);
    expected = 5;
    ok = __atomic_compare_exchange_n(&counter, &expected, 11, 0, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST);
    printf("cas 5->11: ok %d value %d expected now %d\n", ok, counter, expected);
    old = __atomic_exchange_n(&counter, -1, __ATOMIC_SEQ_CST);
    printf("exchange old %d new %d\n", old, counter);
    old = __atomic_fetch_and(&counter, 0xf0, __ATOMIC_SEQ_CST);
    printf("fetch_and old %d new %d\n", old, counter);
    old = __atomic_fetch_or(&counter, 0x0f, __ATOMIC_SEQ_CST);
    printf("fetch_or old %d new %d\n", old, counter);
    /* Sub-word atomics: gcc builds them from LL/SC on the containing word. */
    static volatile uint8_t bytes[4] = { 0xfe, 0x10, 0x20, 0x30 };
    uint8_t ob = __atomic_fetch_add(&bytes[0], 3, __ATOMIC_SEQ_CST);
    printf("byte fetch_add old %02x bytes %02x %02x %02x %02x\n", ob, bytes[0], bytes[1],
           bytes[2], bytes[3]);
    /* A hand-written LL/SC loop: SC writes 1 to its register on success. */
    uint32_t word = 100, tmp, okreg;
    __asm__ volatile("1: ll %0, %2\n\t"
                     "addiu %0, %0, 23\n\t"
                     "move %1, %0\n\t"
                     "sc %1, %2\n\t"
                     "beqz %1, 1b\n\t"
                     "nop"
                     : "=&r"(tmp), "=&r"(okreg), "+m"(word));
    printf("ll/sc loop: word %" PRIu32 " sc result %" PRIu32 "\n", word, okreg);

    printf("== tls (rdhwr $29)\n");
    tls_a++;
    tls_b[2] = tls_a * 2;
    printf("tls_a %d tls_b[2] %d\n", tls_a, tls_b[2]);
    void *tp;
    __asm__(".set push\n\t.set mips32r2\n\trdhwr %0, $29\n\t.set pop" : "=r"(tp));
    /* The o32 TLS layout (TLS variant I, thread pointer 0x7000 past the TCB end): the
     * offset of a static executable's variable from the thread pointer is fixed at link
     * time. */
    long off_a = (char *)&tls_a - (char *)tp, off_b = (char *)&tls_b[2] - (char *)tp;
    printf("tls offsets from rdhwr $29: %ld %ld\n", off_a, off_b);
}

static volatile int64_t s64[] = { 0, 1, -1, 7, -7, INT64_MAX, INT64_MIN, 0x123456789abcdefll,
                                  -0x100000000ll, 0xffffffffll };
static volatile uint64_t u64[] = { 0, 1, 3, 0xffffffffull, 0x100000000ull, UINT64_MAX,
                                   0x8000000000000000ull, 0xfedcba9876543210ull };

static void c_level(void)
{
    printf("== 64-bit C arithmetic\n");
    for (unsigned i = 0; i < sizeof s64 / sizeof s64[0]; i++) {
        for (unsigned j = 0; j < sizeof s64 / sizeof s64[0]; j += 3) {
            int64_t a = s64[i], b = s64[j];
            if (b == 0 || (a == INT64_MIN && b == -1))
                continue;
            printf("%" PRId64 " %" PRId64 ": * %" PRId64 " / %" PRId64 " %% %" PRId64 " < %d\n",
                   a, b, (int64_t)((uint64_t)a * (uint64_t)b), a / b, a % b, a < b);
        }
    }
    for (unsigned i = 0; i < sizeof u64 / sizeof u64[0]; i++) {
        uint64_t a = u64[i], b = u64[(i + 3) % (sizeof u64 / sizeof u64[0])];
        unsigned sh = (unsigned)(i * 9) & 63;
        printf("%016" PRIx64 " %016" PRIx64 ": + %016" PRIx64 " - %016" PRIx64 " <<%u %016" PRIx64
               " >>%u %016" PRIx64 " sar %016" PRIx64 " /u %016" PRIx64 " %%u %016" PRIx64 "\n",
               a, b, a + b, a - b, sh, a << sh, sh, a >> sh, (uint64_t)((int64_t)a >> sh),
               b ? a / b : 0, b ? a % b : 0);
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    addsub();
    shifts();
    muldiv();
    bits();
    loads();
    atomics();
    c_level();
    return 0;
}
