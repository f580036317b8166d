/*
 * The ARM guest thread loop: run translated code, and handle what makes it stop —
 * system calls (EABI: number in r7, arguments r0-r6, result in r0), undefined
 * instructions, breakpoints and faults, which become guest signals.
 */
#define _GNU_SOURCE
#include <signal.h>

#include "frontend/arm/cpu.h"
#include "linux-user/signal.h"
#include "linux-user/syscall.h"
#include "linux-user/xemu.h"

void arm_cpu_loop(CPUState *cpu)
{
    CPUARMState *env = cpu->env;
    for (;;) {
        int code = cpu_exec(cpu);
        switch (code) {
        case ARM_EXCP_SWI: {
            uint32_t args[8] = { env->regs[0], env->regs[1], env->regs[2], env->regs[3],
                                 env->regs[4], env->regs[5], env->regs[6], 0 };
            uint32_t nr = env->regs[7];
            int32_t ret;
            if (nr >= 0x0f0000 && nr <= 0x0fffff) {
                ret = arm_private_syscall(cpu, (int32_t)nr, args);
            } else {
                ret = do_syscall(cpu, (int32_t)nr, args);
            }
            if (sys_is_restart(ret)) {
                /* Run it again after the signal, as the kernel rewinds the PC. */
                env->regs[15] -= env->thumb ? 2 : 4;
                cpu->syscall_restart = ret;
            } else if (ret != SYS_NO_RESULT) {
                env->regs[0] = (uint32_t)ret;
            }
            break;
        }
        case ARM_EXCP_UDEF:
            force_guest_signal(cpu, SIGILL, ILL_ILLOPC, env->regs[15]);
            break;
        case ARM_EXCP_BKPT:
            force_guest_signal(cpu, SIGTRAP, TRAP_BRKPT, env->regs[15]);
            break;
        case ARM_EXCP_PREFETCH_ABORT:
            force_guest_signal(cpu, SIGSEGV, SEGV_MAPERR, env->regs[15]);
            break;
        case ARM_EXCP_ALIGN:
            force_guest_signal(cpu, SIGBUS, BUS_ADRALN, env->exception_insn);
            break;
        case ARM_EXCP_YIELD:
        case EXCP_INTERRUPT:
            break;
        case EXCP_HOST_FAULT:
            force_guest_signal(cpu, cpu->fault_signo, cpu->fault_code, cpu->fault_addr);
            break;
        default:
            xemu_error("internal error: unknown exit code %d at pc 0x%08x", code,
                       env->regs[15]);
            die_with_signal(SIGABRT);
        }
        signal_process_pending(cpu);
    }
}
