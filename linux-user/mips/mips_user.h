/*
 * Interfaces between the MIPS o32 user-mode pieces: the cpu loop (cpu_loop.c) and the
 * o32 syscall ABI (syscall_mips.c).
 */
#ifndef XEMU_MIPS_USER_H
#define XEMU_MIPS_USER_H

#include <stdint.h>

#include "linux-user/xemu.h"

/* o32 numbers the cpu loop needs (the full table is syscall_nr.h). */
#define MIPS_NR_BASE 4000
#define MIPS_NR_syscall 4000

/*
 * Runs the syscall the guest asked for with SYSCALL: number in v0, arguments a0-a3 and
 * the four words at sp+16 (-EFAULT if they are unreadable), syscall(4000) indirection.
 * Returns do_syscall()'s result (a negative guest errno on failure, or SYS_NO_RESULT).
 */
int32_t mips_syscall(CPUState *cpu);

/*
 * The whole SYSCALL exception: pc past the insn, mips_syscall(), then the o32 result
 * convention (v0 = value and a3 = 0, or v0 = positive errno and a3 = 1).
 */
void mips_handle_syscall(CPUState *cpu);

/* si_code of SIGFPE for FCSR cause bits, as the kernel's do_fpe(). */
int mips_fpe_code(uint32_t cause);

#endif
