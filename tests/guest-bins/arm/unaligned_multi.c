/*
 * Unaligned LDM/STM, PUSH/POP, LDRD/STRD: ARMv7 takes an alignment fault on them
 * whatever SCTLR.A says, and Linux's fixup (arch/arm/mm/alignment.c, do_alignment_ldmstm
 * and do_alignment_ldrdstrd) emulates them for user space, so they succeed and read and
 * write what an aligned copy would. The exclusives are not fixed up: an unaligned LDREX
 * is the last case and dies with SIGBUS (status 135). qemu-user raises SIGBUS at the
 * first unaligned LDM already (README.md).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t buf[96] __attribute__((aligned(16)));

static void reset(void)
{
    for (int i = 0; i < 96; i++) {
        buf[i] = (uint8_t)(0x11 * (i % 15) + i);
    }
}

static void hex(const char *label, const uint8_t *p, size_t n)
{
    printf("%-14s", label);
    for (size_t i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
    fflush(stdout);
}

/* Loaded words, with a check against a plain byte copy of the same memory. */
static void words(const char *label, const uint32_t *w, int n, const uint8_t *from,
                  int wb)
{
    printf("%-14s", label);
    for (int i = 0; i < n; i++) {
        printf("%08x ", (unsigned)w[i]);
    }
    printf("wb %+d %s\n", wb, memcmp(w, from, 4 * (size_t)n) == 0 ? "ok" : "MISMATCH");
    fflush(stdout);
}

/* Stored bytes, with a check that exactly [at, at + n) changed and holds `want`. */
static void stored(const char *label, const uint8_t *at, const void *want, size_t n)
{
    uint8_t ref[96];
    memcpy(ref, buf, sizeof(ref));
    reset();
    memcpy(buf + (at - buf), want, n); /* what an aligned-capable store gives */
    bool ok = memcmp(ref, buf, sizeof(ref)) == 0;
    memcpy(buf, ref, sizeof(ref));
    hex(label, buf + 8, 20);
    printf("%-14s%s\n", "", ok ? "ok" : "MISMATCH");
    fflush(stdout);
}

int main(void)
{
    uint32_t w[4];
    for (int off = 1; off < 4; off++) {
        char label[32];
        uint8_t *p = buf + 8 + off, *q;

        reset();
        printf("offset %d\n", off);
        fflush(stdout);
        q = p;
        __asm__ volatile("ldmia %[q]!, {r2, r3, r4, r5}\n\t"
                         "stmia %[w], {r2, r3, r4, r5}"
                         : [q] "+r"(q)
                         : [w] "r"(w)
                         : "r2", "r3", "r4", "r5", "memory");
        words("ldmia!", w, 4, p, (int)(q - p));

        q = p + 16;
        __asm__ volatile("ldmdb %[q]!, {r2, r3, r4}\n\t"
                         "stmia %[w], {r2, r3, r4}"
                         : [q] "+r"(q)
                         : [w] "r"(w)
                         : "r2", "r3", "r4", "memory");
        words("ldmdb!", w, 3, p + 4, (int)(q - (p + 16)));

        w[0] = 0xa1a2a3a4;
        w[1] = 0xb1b2b3b4;
        w[2] = 0xc1c2c3c4;
        q = p;
        __asm__ volatile("ldmia %[w], {r2, r3, r4}\n\t"
                         "stmia %[q]!, {r2, r3, r4}"
                         : [q] "+r"(q)
                         : [w] "r"(w)
                         : "r2", "r3", "r4", "memory");
        snprintf(label, sizeof(label), "stmia! wb %+d", (int)(q - p));
        stored(label, p, w, 12);

        reset();
        q = p + 12;
        __asm__ volatile("ldmia %[w], {r2, r3}\n\t"
                         "stmdb %[q]!, {r2, r3}"
                         : [q] "+r"(q)
                         : [w] "r"(w)
                         : "r2", "r3", "memory");
        snprintf(label, sizeof(label), "stmdb! wb %+d", (int)(q - p - 12));
        stored(label, p + 4, w, 8);

        reset();
        /* PUSH/POP on an unaligned stack pointer (sp saved in ip meanwhile) */
        q = p + 32;
        __asm__ volatile("mov ip, sp\n\t"
                         "mov sp, %[q]\n\t"
                         "ldmia %[w], {r2, r3}\n\t"
                         "push {r2, r3}\n\t"
                         "pop {r4, r5}\n\t"
                         "push {r4}\n\t"
                         "mov %[q], sp\n\t"
                         "mov sp, ip\n\t"
                         "stmia %[w], {r4, r5}"
                         : [q] "+r"(q)
                         : [w] "r"(w)
                         : "r2", "r3", "r4", "r5", "ip", "memory");
        snprintf(label, sizeof(label), "push/pop %+d", (int)(q - p - 32));
        hex(label, buf + 24, 20);
        printf("%-14s%08x %08x %s\n", "popped", (unsigned)w[0], (unsigned)w[1],
               w[0] == 0xa1a2a3a4 && w[1] == 0xb1b2b3b4 &&
                       memcmp(p + 28, &w[0], 4) == 0 ? "ok" : "MISMATCH");

        reset();
        /* A32 LDRD/STRD take an even/odd register pair: r2, r3 */
        __asm__ volatile("ldrd r2, r3, [%[p], #4]\n\t"
                         "stmia %[w], {r2, r3}"
                         :
                         : [p] "r"(p), [w] "r"(w)
                         : "r2", "r3", "memory");
        words("ldrd", w, 2, p + 4, 0);
        __asm__ volatile("movw r2, #0x0304\n\tmovt r2, #0x0102\n\t"
                         "movw r3, #0x0708\n\tmovt r3, #0x0506\n\t"
                         "strd r2, r3, [%[p]]"
                         :
                         : [p] "r"(p)
                         : "r2", "r3", "memory");
        static const uint32_t strd_val[2] = { 0x01020304, 0x05060708 };
        stored("strd", p, strd_val, 8);
    }
    /* Exclusives are not fixed up: SIGBUS. */
    printf("ldrex unaligned\n");
    fflush(stdout);
    uint32_t v;
    __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(buf + 10) : "memory");
    printf("ldrex did not fault: %08x\n", (unsigned)v);
    return 0;
}
