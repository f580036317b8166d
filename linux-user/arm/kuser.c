/*
 * The ARM kuser helper page: the page the Linux kernel maps at 0xffff0000 in every ARM
 * process, holding small routines at fixed addresses that old user space calls for TLS,
 * atomic compare-and-exchange and barriers (Documentation/arch/arm/kernel_user_helpers).
 * We provide real A32 code, executed by the translator like any guest code:
 *
 *   0xffff0ffc  __kuser_helper_version   5 (all helpers below are present)
 *   0xffff0fe0  __kuser_get_tls          r0 = TPIDRURO
 *   0xffff0fc0  __kuser_cmpxchg          r0 = old, r1 = new, r2 = ptr
 *   0xffff0fa0  __kuser_memory_barrier
 *   0xffff0f60  __kuser_cmpxchg64        r0 = &old, r1 = &new, r2 = ptr (64-bit)
 *
 * Both cmpxchg return r0 = 0 and C = 1 when *ptr was replaced, r0 != 0 and C = 0
 * otherwise. They clobber only r0, r3 and the flags (callers in inline asm rely on r1
 * and r2 surviving). The fixed 32-byte slots hold a branch to bodies lower in the page.
 *
 * The page also holds the signal return code, where the kernel has its sigpage: a guest
 * handler installed without SA_RESTORER returns there (linux-user/arm/signal.c sets lr):
 *
 *   0xffff0ec0  ARM sigreturn        mov r7, #119; svc 0
 *   0xffff0ec8  ARM rt_sigreturn     mov r7, #173; svc 0
 *   0xffff0ed0  Thumb sigreturn      movs r7, #119; svc 0    (lr = address + 1)
 *   0xffff0ed4  Thumb rt_sigreturn   movs r7, #173; svc 0
 *
 * The Thumb words are not in the A32 table below (they are two T16 halfwords each).
 *
 * The words below were produced from this source with arm-linux-gnueabihf-as
 * (-march=armv7-a) and checked against it; tests/unit/test_elf.c disassembles them
 * with capstone and compares them with the text column.
 *
 *   .org 0xe00
 *   cmpxchg_body:
 *       dmb ish
 *   1:  ldrex r3, [r2]
 *       cmp r3, r0
 *       bne 2f
 *       strex r3, r1, [r2]          @ r3 = 0 stored, 1 lost the reservation
 *       cmp r3, #0
 *       bne 1b
 *       dmb ish
 *       b kuser_ok
 *   2:  clrex
 *       dmb ish
 *       b kuser_fail
 *   .org 0xe40
 *   cmpxchg64_body:
 *       push {r4-r9}
 *       ldrd r4, r5, [r0]           @ expected
 *       ldrd r6, r7, [r1]           @ replacement
 *       dmb ish
 *   1:  ldrexd r8, r9, [r2]
 *       cmp r8, r4
 *       cmpeq r9, r5
 *       bne 2f
 *       strexd r3, r6, r7, [r2]
 *       cmp r3, #0
 *       bne 1b
 *       dmb ish
 *       pop {r4-r9}
 *       b kuser_ok
 *   2:  clrex
 *       dmb ish
 *       pop {r4-r9}
 *       b kuser_fail
 *   .org 0xea0
 *   kuser_ok:                       @ r0 = 0, C = 1 (0 - 0 does not borrow)
 *       mov r0, #0
 *       cmp r0, #0
 *       bx lr
 *   kuser_fail:                     @ r0 = 1, C = 0 (1 - 2 borrows)
 *       mov r0, #1
 *       cmp r0, #2
 *       bx lr
 *   .org 0xf60
 *       b cmpxchg64_body
 *   .org 0xfa0
 *       dmb ish
 *       bx lr
 *   .org 0xfc0
 *       b cmpxchg_body
 *   .org 0xfe0
 *       mrc p15, 0, r0, c13, c0, 3
 *       bx lr
 *   .org 0xffc
 *       .word 5
 */
#include <string.h>
#include <sys/mman.h>

#include "linux-user/elfload.h"
#include "softmmu/mmu.h"

/* Unused words of the page: "udf #0", so a stray jump traps instead of sliding. */
#define KUSER_FILL 0xe7f000f0u

const KuserInsn arm_kuser_code[] = {
    {0xe00, 0xf57ff05b, "dmb ish"},
    {0xe04, 0xe1923f9f, "ldrex r3, [r2]"},
    {0xe08, 0xe1530000, "cmp r3, r0"},
    {0xe0c, 0x1a000004, "bne 0xffff0e24"},
    {0xe10, 0xe1823f91, "strex r3, r1, [r2]"},
    {0xe14, 0xe3530000, "cmp r3, 0"},
    {0xe18, 0x1afffff9, "bne 0xffff0e04"},
    {0xe1c, 0xf57ff05b, "dmb ish"},
    {0xe20, 0xea00001e, "b 0xffff0ea0"},
    {0xe24, 0xf57ff01f, "clrex"},
    {0xe28, 0xf57ff05b, "dmb ish"},
    {0xe2c, 0xea00001e, "b 0xffff0eac"},

    {0xe40, 0xe92d03f0, "push {r4, r5, r6, r7, r8, r9}"},
    {0xe44, 0xe1c040d0, "ldrd r4, r5, [r0]"},
    {0xe48, 0xe1c160d0, "ldrd r6, r7, [r1]"},
    {0xe4c, 0xf57ff05b, "dmb ish"},
    {0xe50, 0xe1b28f9f, "ldrexd r8, r9, [r2]"},
    {0xe54, 0xe1580004, "cmp r8, r4"},
    {0xe58, 0x01590005, "cmpeq r9, r5"},
    {0xe5c, 0x1a000005, "bne 0xffff0e78"},
    {0xe60, 0xe1a23f96, "strexd r3, r6, r7, [r2]"},
    {0xe64, 0xe3530000, "cmp r3, 0"},
    {0xe68, 0x1afffff8, "bne 0xffff0e50"},
    {0xe6c, 0xf57ff05b, "dmb ish"},
    {0xe70, 0xe8bd03f0, "pop {r4, r5, r6, r7, r8, r9}"},
    {0xe74, 0xea000009, "b 0xffff0ea0"},
    {0xe78, 0xf57ff01f, "clrex"},
    {0xe7c, 0xf57ff05b, "dmb ish"},
    {0xe80, 0xe8bd03f0, "pop {r4, r5, r6, r7, r8, r9}"},
    {0xe84, 0xea000008, "b 0xffff0eac"},

    {0xea0, 0xe3a00000, "mov r0, 0"},
    {0xea4, 0xe3500000, "cmp r0, 0"},
    {0xea8, 0xe12fff1e, "bx lr"},
    {0xeac, 0xe3a00001, "mov r0, 1"},
    {0xeb0, 0xe3500002, "cmp r0, 2"},
    {0xeb4, 0xe12fff1e, "bx lr"},

    {0xec0, 0xe3a07077, "mov r7, 0x77"},                /* sigreturn (119) */
    {0xec4, 0xef000000, "svc 0"},
    {0xec8, 0xe3a070ad, "mov r7, 0xad"},                /* rt_sigreturn (173) */
    {0xecc, 0xef000000, "svc 0"},

    {0xf60, 0xeaffffb6, "b 0xffff0e40"},                /* __kuser_cmpxchg64 */
    {0xfa0, 0xf57ff05b, "dmb ish"},                     /* __kuser_memory_barrier */
    {0xfa4, 0xe12fff1e, "bx lr"},
    {0xfc0, 0xeaffff8e, "b 0xffff0e00"},                /* __kuser_cmpxchg */
    {0xfe0, 0xee1d0f70, "mrc p15, 0, r0, c13, c0, 3"},  /* __kuser_get_tls */
    {0xfe4, 0xe12fff1e, "bx lr"},
};
const unsigned arm_kuser_code_len = sizeof(arm_kuser_code) / sizeof(arm_kuser_code[0]);

/* Thumb signal return code: "movs r7, #NR" (0x27xx) then "svc 0" (0xdf00), one word each. */
static const struct {
    uint16_t offset;
    uint32_t insns;
} arm_kuser_thumb_code[] = {
    {0xed0, 0xdf002777}, /* sigreturn */
    {0xed4, 0xdf0027ad}, /* rt_sigreturn */
};

/* Fills a 4 KiB buffer with the page contents (little-endian words). */
void arm_kuser_fill(uint8_t *page)
{
    for (uint32_t off = 0; off < KUSER_PAGE_SIZE; off += 4) {
        uint32_t w = KUSER_FILL;
        memcpy(page + off, &w, 4);
    }
    for (unsigned i = 0; i < arm_kuser_code_len; i++) {
        uint32_t w = arm_kuser_code[i].insn;
        memcpy(page + arm_kuser_code[i].offset, &w, 4);
    }
    for (unsigned i = 0; i < sizeof(arm_kuser_thumb_code) / sizeof(arm_kuser_thumb_code[0]);
         i++) {
        memcpy(page + arm_kuser_thumb_code[i].offset, &arm_kuser_thumb_code[i].insns, 4);
    }
    uint32_t version = KUSER_HELPER_VERSION;
    memcpy(page + 0xffc, &version, 4);
}

bool arm_kuser_setup(void)
{
    int64_t r = mmu_mmap(KUSER_PAGE_ADDR, KUSER_PAGE_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0) {
        return false;
    }
    arm_kuser_fill(g2h(KUSER_PAGE_ADDR));
    if (mmu_mprotect(KUSER_PAGE_ADDR, KUSER_PAGE_SIZE, PROT_READ | PROT_EXEC) != 0) {
        return false;
    }
    mmu_set_name(KUSER_PAGE_ADDR, KUSER_PAGE_SIZE, "[vectors]");
    return true;
}
