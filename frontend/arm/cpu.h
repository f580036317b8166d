/*
 * ARM guest CPU state (ARMv7-A user mode) and the exit codes its translated code returns.
 * The IR globals (registers, flags) are fields of this struct; translated code and helpers
 * read and write it through `env`.
 */
#ifndef XEMU_ARM_CPU_H
#define XEMU_ARM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct CPUARMState {
    uint32_t regs[16];
    /*
     * Flags kept apart, in the form cheapest to produce:
     *   NF: bit 31 is N.  ZF: Z is set iff ZF == 0.  CF: 0 or 1.  VF: bit 31 is V.
     */
    uint32_t NF, ZF, CF, VF;
    uint32_t QF;       /* sticky saturation flag, 0 or 1 */
    uint32_t GE;       /* GE[3:0] from the parallel add/sub instructions */
    uint32_t thumb;    /* 1 in Thumb state */
    uint32_t condexec; /* IT state: ITSTATE[7:0] as in the CPSR (cond in [7:4], mask [3:0]) */
    uint32_t tpidruro; /* TLS register (CP15 c13 c0 3), set by the set_tls syscall */
    uint32_t tpidrurw; /* CP15 c13 c0 2, user read/write */
    uint32_t fpscr;    /* full FPSCR: NZCV, AHP, DN, FZ, RMode, Stride, Len, cumulative flags */
    uint32_t fpexc;
    uint64_t vfp_d[32] __attribute__((aligned(16))); /* D0..D31; S[2n] is the low half of D[n] */
    /* Exclusive monitor for LDREX/STREX: address or -1 when open, and the loaded value. */
    uint32_t exclusive_addr;
    uint32_t exclusive_size;
    uint64_t exclusive_val;
    /* Filled when translated code exits with EXCP_UDEF/EXCP_BKPT etc. */
    uint32_t exception_insn;
    uint32_t pad0;
    void *cpu; /* back pointer to the owning linux-user CPUState */
} CPUARMState;

/* exit_tb codes. 0 means "continue at env->regs[15]". */
enum {
    ARM_EXIT_NONE = 0,
    ARM_EXCP_SWI = 1,     /* SVC: regs[15] is the next insn */
    ARM_EXCP_UDEF = 2,    /* undefined/unimplemented: regs[15] is the insn */
    ARM_EXCP_BKPT = 3,    /* BKPT/UDF-trap style: SIGTRAP, regs[15] is the insn */
    ARM_EXCP_YIELD = 4,   /* WFI/WFE/YIELD: just return to the loop */
    ARM_EXCP_PREFETCH_ABORT = 5, /* insn fetch from an unmapped/non-exec page: SIGSEGV at
                                  * regs[15] (the fault address) */
    ARM_EXCP_ALIGN = 6,   /* unaligned exclusive access: SIGBUS, regs[15] is the insn,
                           * exception_insn holds the faulting data address */
};

/* CPSR bits used by the frontend when it packs/unpacks the status word. */
#define CPSR_N (1u << 31)
#define CPSR_Z (1u << 30)
#define CPSR_C (1u << 29)
#define CPSR_V (1u << 28)
#define CPSR_Q (1u << 27)
#define CPSR_T (1u << 5)

/* FPSCR fields. */
#define FPSCR_IOC (1u << 0)
#define FPSCR_DZC (1u << 1)
#define FPSCR_OFC (1u << 2)
#define FPSCR_UFC (1u << 3)
#define FPSCR_IXC (1u << 4)
#define FPSCR_IDC (1u << 7)
#define FPSCR_RMODE_SHIFT 22
#define FPSCR_FZ (1u << 24)
#define FPSCR_DN (1u << 25)
#define FPSCR_AHP (1u << 26)
#define FPSCR_QC (1u << 27)

/*
 * Optional architecture features of the emulated CPU model (-cpu, linux-user/arm/target.c).
 * The translator UNDEFs instructions whose feature is absent; AT_HWCAP is derived from
 * the same mask. Set once at start-up, before anything is translated.
 */
#define ARM_FEATURE_NEON (1u << 0)  /* Advanced SIMD */
#define ARM_FEATURE_VFP4 (1u << 1)  /* VFPv4: fused multiply-add (VFMA/VFMS/VFNMA/VFNMS) */
#define ARM_FEATURE_IDIVA (1u << 2) /* SDIV/UDIV in A32 */
#define ARM_FEATURE_IDIVT (1u << 3) /* SDIV/UDIV in T32 */
#define ARM_FEATURE_LPAE (1u << 4)  /* Large Physical Address Extension (atomic LDRD/STRD) */
#define ARM_FEATURE_ALL 0x1fu
extern uint32_t arm_cpu_features; /* defined in vfp.c; ARM_FEATURE_ALL unless -cpu */

static inline bool arm_has_feature(uint32_t feature)
{
    return (arm_cpu_features & feature) != 0;
}

uint32_t arm_cpsr_read(const CPUARMState *env);
void arm_cpsr_write_nzcvq(CPUARMState *env, uint32_t val); /* user-writable APSR bits + GE */

#endif
