/*
 * The MIPS guest thread loop (o32): run translated code and handle what makes it stop.
 *
 * System calls follow the o32 convention of the kernel's scall32-o32.S: number in v0,
 * arguments 1-4 in a0-a3 and 5-8 on the user stack at sp+16..sp+28; the result comes
 * back in v0 with a3 = 0, or a positive errno in v0 with a3 = 1. pipe() also returns
 * the second descriptor in v1 (done by its handler in syscall_mips.c). syscall(4000)
 * runs another syscall whose number is in a0.
 *
 * Exceptions become the signals a MIPS kernel sends (arch/mips/kernel/traps.c): reserved
 * instruction SIGILL, BREAK/trap codes 6 and 7 SIGFPE (overflow, divide by zero), other
 * codes SIGTRAP, integer overflow and enabled FP exceptions SIGFPE, address errors
 * SIGBUS. The numbers passed to force_guest_signal are host signals: the process dies of
 * the same signal a MIPS process would, by name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>

#include "frontend/mips/cpu.h"
#include "linux-user/mips/mips_user.h"
#include "linux-user/signal.h"
#include "linux-user/syscall.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

/* The kernel's EMAXERRNO on MIPS: results in [-1133, -1] are errors. */
#define MIPS_EMAXERRNO 1133

/* First address user mode cannot reach (kseg0). */
#define MIPS_KSEG0 0x80000000u

/* BREAK / trap codes (asm/break.h). */
#define BRK_OVERFLOW 6
#define BRK_DIVZERO 7

/* Reads the four stack arguments; false if the kernel would fail with EFAULT. */
static bool mips_stack_args(uint32_t sp, uint32_t *out)
{
    /* scall32-o32.S: sp and sp + 32 must be user addresses, all four loads must work. */
    if (((sp | (sp + 32)) & MIPS_KSEG0) || !mmu_access_ok(sp + 16, 16, PAGE_READ)) {
        return false;
    }
    for (int i = 0; i < 4; i++) {
        out[i] = get_guest_u32(g2h(sp + 16 + 4 * i));
    }
    return true;
}

int32_t mips_syscall(CPUState *cpu)
{
    CPUMIPSState *env = cpu->env;
    uint32_t nr = env->gpr[2];
    uint32_t stk[4];
    uint32_t args[8];

    if (!mips_stack_args(env->gpr[29], stk)) {
        return -sys_host_to_guest_errno(EFAULT);
    }
    if (nr == MIPS_NR_syscall) {
        /* sys_syscall: the number is in a0, every argument moves down one place. */
        nr = env->gpr[4];
        uint32_t shifted[8] = { env->gpr[5], env->gpr[6], env->gpr[7], stk[0],
                                stk[1],      stk[2],      stk[3],      0 };
        memcpy(args, shifted, sizeof(args));
        if (nr == MIPS_NR_syscall) {
            return -sys_host_to_guest_errno(EINVAL); /* no recursion */
        }
    } else {
        uint32_t direct[8] = { env->gpr[4], env->gpr[5], env->gpr[6], env->gpr[7],
                               stk[0],      stk[1],      stk[2],      stk[3] };
        memcpy(args, direct, sizeof(args));
    }
    return do_syscall(cpu, (int32_t)nr, args);
}

void mips_handle_syscall(CPUState *cpu)
{
    CPUMIPSState *env = cpu->env;
    env->pc += 4; /* past the SYSCALL, as the kernel's EPC + 4 */
    int32_t ret = mips_syscall(cpu);
    if (ret == SYS_NO_RESULT) {
        return; /* sigreturn restored every register */
    }
    if (sys_is_restart(ret)) {
        /* Run it again after the signal: v0 and the arguments are still in place. */
        env->pc -= 4;
        cpu->syscall_restart = ret;
        return;
    }
    if (ret < 0 && ret >= -MIPS_EMAXERRNO) {
        env->gpr[2] = (uint32_t)-ret;
        env->gpr[7] = 1;
    } else {
        env->gpr[2] = (uint32_t)ret;
        env->gpr[7] = 0;
    }
}

/* do_trap_or_bp(): the signal for a BREAK or trap instruction code. */
static void mips_trap_signal(CPUState *cpu, uint32_t code, bool is_break, uint32_t pc)
{
    if (code >= (1u << 10)) {
        /* A 20-bit BREAK code: the kernel swaps its halves, "break 7" -> 7. */
        code = ((code & 0x3ffu) << 10) | (code >> 10);
    }
    switch (code) {
    case BRK_OVERFLOW:
        force_guest_signal(cpu, SIGFPE, FPE_INTOVF, pc);
        break;
    case BRK_DIVZERO:
        force_guest_signal(cpu, SIGFPE, FPE_INTDIV, pc);
        break;
    default:
        /* BREAK: TRAP_BRKPT; trap instructions: force_sig(SIGTRAP), SI_KERNEL. */
        force_guest_signal(cpu, SIGTRAP, is_break ? TRAP_BRKPT : SI_KERNEL, 0);
        break;
    }
}

/* do_fpe(): si_code from the FCSR cause bits, in the kernel's priority order. */
int mips_fpe_code(uint32_t cause)
{
    /* Accept the bits either in FCSR position (17:12) or already shifted down. */
    cause = (cause | (cause >> FCSR_CAUSE_SHIFT)) & 0x3fu;
    if (cause & FP_V) {
        return FPE_FLTINV;
    }
    if (cause & FP_Z) {
        return FPE_FLTDIV;
    }
    if (cause & FP_O) {
        return FPE_FLTOVF;
    }
    if (cause & FP_U) {
        return FPE_FLTUND;
    }
    if (cause & FP_I) {
        return FPE_FLTRES;
    }
    return FPE_FLTINV;
}

void mips_cpu_loop(CPUState *cpu)
{
    CPUMIPSState *env = cpu->env;
    for (;;) {
        int code = cpu_exec(cpu);
        switch (code) {
        case MIPS_EXCP_SYSCALL:
            mips_handle_syscall(cpu);
            break;
        case MIPS_EXCP_RI:
            force_guest_signal(cpu, SIGILL, ILL_ILLOPC, env->pc);
            break;
        case MIPS_EXCP_BREAK:
            mips_trap_signal(cpu, env->error_code, true, env->pc);
            break;
        case MIPS_EXCP_TRAP:
            mips_trap_signal(cpu, env->error_code, false, env->pc);
            break;
        case MIPS_EXCP_OVERFLOW:
            force_guest_signal(cpu, SIGFPE, FPE_INTOVF, env->pc);
            break;
        case MIPS_EXCP_FPE:
            force_guest_signal(cpu, SIGFPE, mips_fpe_code(env->error_code), env->pc);
            break;
        case MIPS_EXCP_ADEL:
        case MIPS_EXCP_ADES:
            force_guest_signal(cpu, SIGBUS, BUS_ADRERR, env->badvaddr);
            break;
        case MIPS_EXCP_FETCH:
            /* badvaddr is the insn that could not be fetched; env->pc the EPC (the
             * branch, when that insn is a delay slot on the next page). */
            if (env->badvaddr >= MIPS_KSEG0) {
                /* Address error on fetch: do_ade() sends SIGBUS. */
                force_guest_signal(cpu, SIGBUS, BUS_ADRERR, env->badvaddr);
            } else {
                force_guest_signal(cpu, SIGSEGV,
                                   (mmu_page_flags(env->badvaddr) & PAGE_VALID) ? SEGV_ACCERR
                                                                                : SEGV_MAPERR,
                                   env->badvaddr);
            }
            break;
        case MIPS_EXCP_YIELD:
        case EXCP_INTERRUPT:
            break;
        case EXCP_HOST_FAULT:
            if (cpu->fault_addr >= MIPS_KSEG0) {
                /*
                 * User mode cannot address kseg0 and above: the CPU raises an address
                 * error, not a TLB fault, and do_ade() sends SIGBUS.
                 */
                force_guest_signal(cpu, SIGBUS, BUS_ADRERR, cpu->fault_addr);
            } else {
                force_guest_signal(cpu, cpu->fault_signo, cpu->fault_code, cpu->fault_addr);
            }
            break;
        default:
            xemu_error("internal error: unknown exit code %d at pc 0x%08x", code, env->pc);
            die_with_signal(SIGABRT);
        }
        signal_process_pending(cpu);
    }
}
