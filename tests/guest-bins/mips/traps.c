/*
 * traps: MIPS exceptions that kill a process with no handler installed.  argv[1] picks
 * one case; the program prints what it is about to do, runs one instruction that must
 * raise the signal, and would print "NOT TRAPPED" and exit 1 if it returned.
 * The expected shell status is 128 + the signal number (see CMakeLists.txt):
 *   add-overflow, addi-overflow, sub-overflow   Integer Overflow exception -> SIGFPE
 *   teq, tgei                                   Trap exception, code 0 -> SIGTRAP
 *   teq-divzero                                 teq with code 7 (BRK_DIVZERO) -> SIGFPE
 *   break                                       break 0 -> SIGTRAP
 *   break-divzero, break-overflow               break 7 / break 6 -> SIGFPE
 *   div-zero                                    C division by zero: gcc's "teq rt, $0, 7"
 *   ll-unaligned                                Address Error on LL (the kernel emulates
 *                                               unaligned LW/SW, never LL) -> SIGBUS
 *   null-store                                  TLB refill at address 0 -> SIGSEGV
 *   abort                                       abort() -> SIGABRT
 *   reserved-insn                               opcode 0x3b, reserved in MIPS32r2 -> SIGILL
 *   ld-mips64                                   LD, a MIPS64-only opcode -> SIGILL
 * Linux: arch/mips/kernel/traps.c (do_ov, do_tr, do_bp -> do_trap_or_bp, do_ri), unaligned.c
 * (do_ade: LL/SC not emulated).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int32_t big = 0x7fffffff, small = (int32_t)0x80000000, zero = 0, one = 1;
static uint32_t words[2] __attribute__((aligned(8)));

static int run(const char *what)
{
    int32_t r = 0;
    if (!strcmp(what, "add-overflow")) {
        int32_t a = big, b = one;
        __asm__ volatile("add %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    } else if (!strcmp(what, "addi-overflow")) {
        int32_t a = big;
        __asm__ volatile("addi %0, %1, 1" : "=r"(r) : "r"(a));
    } else if (!strcmp(what, "sub-overflow")) {
        int32_t a = small, b = one;
        __asm__ volatile("sub %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    } else if (!strcmp(what, "teq")) {
        int32_t a = one;
        __asm__ volatile("teq %0, %0" ::"r"(a));
    } else if (!strcmp(what, "tgei")) {
        int32_t a = zero;
        __asm__ volatile("tgei %0, 0" ::"r"(a));
    } else if (!strcmp(what, "teq-divzero")) {
        __asm__ volatile("teq $0, $0, 7");
    } else if (!strcmp(what, "break")) {
        __asm__ volatile("break 0");
    } else if (!strcmp(what, "break-divzero")) {
        __asm__ volatile("break 7");
    } else if (!strcmp(what, "break-overflow")) {
        __asm__ volatile("break 6");
    } else if (!strcmp(what, "div-zero")) {
        r = big / zero;
    } else if (!strcmp(what, "ll-unaligned")) {
        uintptr_t p = (uintptr_t)words + 2;
        __asm__ volatile("ll %0, 0(%1)" : "=r"(r) : "r"(p) : "memory");
    } else if (!strcmp(what, "null-store")) {
        volatile int32_t *p = (volatile int32_t *)(uintptr_t)zero;
        *p = 42;
    } else if (!strcmp(what, "abort")) {
        abort();
    } else if (!strcmp(what, "reserved-insn")) {
        __asm__ volatile(".word 0xec000000"); /* major opcode 0x3b */
    } else if (!strcmp(what, "ld-mips64")) {
        __asm__ volatile(".word 0xdc000000"); /* ld $0, 0($0) */
    } else {
        printf("unknown case '%s'\n", what);
        return 2;
    }
    printf("NOT TRAPPED: result %ld\n", (long)r);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        printf("usage: traps CASE\n");
        return 2;
    }
    printf("%s\n", argv[1]);
    fflush(stdout);
    return run(argv[1]);
}
