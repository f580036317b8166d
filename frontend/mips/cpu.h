/*
 * MIPS32 guest CPU state (MIPS32 Release 2, o32 user mode, big or little endian) and the
 * exit codes its translated code returns. The IR globals (GPRs, HI/LO, pc) are fields of
 * this struct; translated code and helpers read and write it through `env`.
 */
#ifndef XEMU_MIPS_CPU_H
#define XEMU_MIPS_CPU_H

#include <stddef.h>
#include <stdint.h>

typedef struct CPUMIPSState {
    uint32_t gpr[32]; /* gpr[0] is always 0: the translator never writes it */
    uint32_t pc;
    uint32_t hi, lo;
    /*
     * Delay-slot state carried across a TB boundary (TB flag MIPS_TBFLAG_DS): when set,
     * the insn at pc is the delay slot of a branch that was taken (or not, for a plain
     * branch whose slot still executes) and execution continues at btarget after it.
     * Happens when a branch is the last word of a page, or a branch sits in a delay slot.
     * Cleared by the TB that executes the slot.
     */
    uint32_t ds;
    uint32_t btarget;
    /* LL/SC: address of the last LL (or UINT32_MAX: no reservation) and the value read. */
    uint32_t lladdr;
    uint32_t llval;
    uint32_t userlocal; /* UserLocal (RDHWR $29), set by set_thread_area */
    /* FPU (CP1). */
    uint32_t fcsr;   /* FCSR (CP1 reg 31): RM, flags, enables, cause, FS, FCC[7:0], NAN2008/ABS2008 */
    uint32_t fir;    /* FIR (CP1 reg 0), read-only */
    /*
     * FP mode, part of the TB key (flags = ds | fpmode << 1):
     *   bit 0 (MIPS_FPMODE_FR): Status.FR, chosen at exec from the ELF's FP ABI;
     *   bit 1 (MIPS_FPMODE_TRAPS): some FCSR enable bit is set, so FP ops must check for
     *   traps (kept in sync by every FCSR write: CTC1, sigreturn, exec).
     * Register layout by FR:
     *  FR=1: fpr[n] is the 64-bit register n; a single is its low 32 bits.
     *  FR=0: single register n is the low 32 bits of fpr[n]; the double in the even/odd
     *        pair n, n+1 is (fpr[n+1] low 32 bits) << 32 | (fpr[n] low 32 bits); the upper
     *        halves of fpr[] are unused (MFHC1/MTHC1 of $fN access fpr[N+1] low bits).
     */
    uint32_t fpmode;
    uint32_t pad0;
    uint64_t fpr[32] __attribute__((aligned(16)));
    /* Filled when translated code exits with a trap/exception code. */
    uint32_t exception_insn; /* pc of the insn that raised it (the branch for a delay slot) */
    uint32_t error_code;     /* BREAK/trap code field; FP cause bits for MIPS_EXCP_FPE */
    uint32_t badvaddr;       /* address for MIPS_EXCP_ADEL/ADES */
    uint32_t pad1;
    void *cpu; /* back pointer to the owning linux-user CPUState */
} CPUMIPSState;

/* TB flags for MIPS (what the translation depends on besides the pc). */
#define MIPS_TBFLAG_DS 1u    /* env->ds: first insn is a delay slot, then jump to env->btarget */
#define MIPS_TBFLAG_FR 2u    /* env->fpmode bit 0: Status.FR = 1 */
#define MIPS_TBFLAG_TRAPS 4u /* env->fpmode bit 1: FP ops check FCSR enables */
#define MIPS_FPMODE_FR 1u
#define MIPS_FPMODE_TRAPS 2u

/* exit_tb codes. 0 means "continue at env->pc". env->pc is the insn that raised the
 * exception, or the branch whose delay slot raised it (as the kernel's EPC). */
enum {
    MIPS_EXIT_NONE = 0,
    MIPS_EXCP_SYSCALL = 1,  /* SYSCALL: env->pc is the SYSCALL insn */
    MIPS_EXCP_RI = 2,       /* reserved / unimplemented insn: SIGILL ILL_ILLOPC */
    MIPS_EXCP_BREAK = 3,    /* BREAK: error_code = the whole code field (bits 25:6) */
    MIPS_EXCP_TRAP = 4,     /* TEQ/TNE/TGE..., TEQI...: error_code = code (bits 15:6, 0 for imm) */
    MIPS_EXCP_OVERFLOW = 5, /* ADD/ADDI/SUB overflow: SIGFPE FPE_INTOVF */
    MIPS_EXCP_FPE = 6,      /* FP exception with its enable set: error_code = FCSR cause bits */
    MIPS_EXCP_ADEL = 7,     /* address error on load/fetch (unaligned LL, jump to odd address) */
    MIPS_EXCP_ADES = 8,     /* address error on store (unaligned SC) */
    MIPS_EXCP_FETCH = 9,    /* insn fetch from an unmapped or non-exec page: SIGSEGV at
                             * badvaddr (the insn; pc is the EPC) */
    MIPS_EXCP_YIELD = 10,   /* WAIT/PAUSE: just return to the loop */
};

/* FCSR fields. */
#define FCSR_RM_MASK 3u          /* 0 nearest, 1 toward zero, 2 +inf, 3 -inf */
#define FCSR_FLAGS_SHIFT 2       /* I U O Z V in bits 6:2 (sticky) */
#define FCSR_ENABLES_SHIFT 7     /* I U O Z V in bits 11:7 */
#define FCSR_CAUSE_SHIFT 12      /* I U O Z V E in bits 17:12 */
#define FCSR_NAN2008 (1u << 18)
#define FCSR_ABS2008 (1u << 19)
#define FCSR_FCC0 (1u << 23)
#define FCSR_FS (1u << 24)
/* Exception bits within each field, as in the manual: Inexact, Underflow, Overflow,
 * Divide-by-zero, inValid (and Unimplemented in the cause field). */
#define FP_I 1u
#define FP_U 2u
#define FP_O 4u
#define FP_Z 8u
#define FP_V 16u
#define FP_E 32u

/* Condition code n (0..7) of FCSR: bit 23 for cc0, bits 25..31 for cc1..cc7. */
static inline unsigned fcsr_fcc_bit(unsigned cc)
{
    return cc == 0 ? 23 : 24 + cc;
}

#endif
