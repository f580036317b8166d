/*
 * unaligned: the partial-word loads and stores LWL/LWR/SWL/SWR, whose result depends on
 * the byte order (separate references unaligned.mips.ref and unaligned.mipsel.ref).
 *   - LWL and LWR alone at each of the four byte offsets of a word, merging into a
 *     register that holds 0xaaaaaaaa (which bytes are replaced is the point)
 *   - SWL and SWR alone at each offset into a buffer of 0xcc bytes
 *   - the unaligned-word idioms: LWL+LWR and SWL+SWR pairs at every alignment
 *   - the same through __attribute__((packed)) structures, which gcc compiles to
 *     LWL/LWR/SWL/SWR (32-bit fields) and byte accesses (16-bit fields)
 *   - plain loads and stores of each width at aligned addresses, printed per byte
 * No plain LW/LH at an unaligned address: real MIPS Linux emulates those in the kernel's
 * address error handler, qemu-user delivers SIGBUS (README.md).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t buf[16] __attribute__((aligned(8)));

static void fill(void)
{
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(0x10 + i * 0x11);
}

static void dump(const char *what)
{
    printf("%s:", what);
    for (unsigned i = 0; i < 12; i++)
        printf(" %02x", buf[i]);
    printf("\n");
}

/* One instruction per offset: the offset is an immediate, so each needs its own asm. */
#define LOAD1(insn, off)                                                      \
    ({                                                                        \
        uint32_t r_ = 0xaaaaaaaa;                                             \
        __asm__(insn " %0, " #off "(%1)" : "+r"(r_) : "r"(buf + 4), "m"(buf)); \
        r_;                                                                   \
    })
#define STORE1(insn, off, v) \
    __asm__ volatile(insn " %1, " #off "(%0)" ::"r"(buf + 4), "r"(v) : "memory")

static void single(void)
{
    printf("== lwl lwr alone (register was aaaaaaaa)\n");
    fill();
    printf("lwl +0 %08" PRIx32 " +1 %08" PRIx32 " +2 %08" PRIx32 " +3 %08" PRIx32 "\n",
           LOAD1("lwl", 0), LOAD1("lwl", 1), LOAD1("lwl", 2), LOAD1("lwl", 3));
    printf("lwr +0 %08" PRIx32 " +1 %08" PRIx32 " +2 %08" PRIx32 " +3 %08" PRIx32 "\n",
           LOAD1("lwr", 0), LOAD1("lwr", 1), LOAD1("lwr", 2), LOAD1("lwr", 3));
    printf("lwl -1 %08" PRIx32 " lwr -1 %08" PRIx32 " (previous word)\n", LOAD1("lwl", -1),
           LOAD1("lwr", -1));

    printf("== swl swr alone (storing 11223344)\n");
    uint32_t v = 0x11223344;
    static const char *const names[] = { "swl +0", "swl +1", "swl +2", "swl +3",
                                         "swr +0", "swr +1", "swr +2", "swr +3" };
    for (unsigned k = 0; k < 8; k++) {
        memset(buf, 0xcc, sizeof buf);
        switch (k) {
        case 0: STORE1("swl", 0, v); break;
        case 1: STORE1("swl", 1, v); break;
        case 2: STORE1("swl", 2, v); break;
        case 3: STORE1("swl", 3, v); break;
        case 4: STORE1("swr", 0, v); break;
        case 5: STORE1("swr", 1, v); break;
        case 6: STORE1("swr", 2, v); break;
        case 7: STORE1("swr", 3, v); break;
        }
        dump(names[k]);
    }
}

/* The unaligned word idiom at p (any alignment): what gas's ulw/usw macros expand to. */
static uint32_t ulw(const uint8_t *p)
{
    uint32_t r;
#ifdef __MIPSEB__
    __asm__("lwl %0, 0(%1)\n\tlwr %0, 3(%1)" : "=&r"(r) : "r"(p), "m"(*(const uint8_t(*)[4])p));
#else
    __asm__("lwl %0, 3(%1)\n\tlwr %0, 0(%1)" : "=&r"(r) : "r"(p), "m"(*(const uint8_t(*)[4])p));
#endif
    return r;
}

static void usw(uint8_t *p, uint32_t v)
{
#ifdef __MIPSEB__
    __asm__("swl %1, 0(%2)\n\tswr %1, 3(%2)" : "=m"(*(uint8_t(*)[4])p) : "r"(v), "r"(p));
#else
    __asm__("swl %1, 3(%2)\n\tswr %1, 0(%2)" : "=m"(*(uint8_t(*)[4])p) : "r"(v), "r"(p));
#endif
}

struct __attribute__((packed)) pk {
    uint8_t pad;
    uint32_t w;
    uint16_t h;
    int32_t s;
};

static void pairs(void)
{
    printf("== lwl+lwr pairs\n");
    fill();
    for (unsigned off = 0; off < 8; off++)
        printf("ulw +%u %08" PRIx32 "\n", off, ulw(buf + off));
    printf("== swl+swr pairs\n");
    for (unsigned off = 0; off < 8; off++) {
        memset(buf, 0xcc, sizeof buf);
        usw(buf + off, 0xa1b2c3d4);
        char what[16];
        snprintf(what, sizeof what, "usw +%u", off);
        dump(what);
    }

    printf("== packed structures\n");
    for (unsigned off = 0; off < 4; off++) {
        fill();
        struct pk *p = (struct pk *)(void *)(buf + off);
        printf("+%u: w %08" PRIx32 " h %04x s %08" PRIx32 "\n", off, p->w, p->h,
               (uint32_t)p->s);
        p->w = 0x01020304;
        p->h = 0x0506;
        p->s = -2;
        char what[16];
        snprintf(what, sizeof what, "+%u stored", off);
        dump(what);
    }
}

static void aligned(void)
{
    printf("== aligned stores, byte view\n");
    memset(buf, 0, sizeof buf);
    *(volatile uint32_t *)(void *)buf = 0x11223344;
    *(volatile uint16_t *)(void *)(buf + 4) = 0x5566;
    *(volatile uint16_t *)(void *)(buf + 6) = 0x7788;
    *(volatile uint8_t *)(buf + 8) = 0x99;
    dump("sw sh sh sb");
    printf("lw %08" PRIx32 " lhu %04x lbu %02x\n", *(volatile uint32_t *)(void *)(buf + 4),
           *(volatile uint16_t *)(void *)(buf + 2), *(volatile uint8_t *)(buf + 1));
    /* 64-bit values in o32: two words, high word first in big endian. */
    volatile uint64_t *d = (volatile uint64_t *)(void *)buf;
    *d = 0x0102030405060708ull;
    dump("64-bit store");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    single();
    pairs();
    aligned();
    return 0;
}
