/*
 * MIPS guest signal frames: not written yet (stub).
 */
#include "linux-user/signal.h"

bool mips_setup_frame(CPUState *cpu, const GuestSiginfo *si, const GuestSigaction *ka,
                     uint64_t saved_mask)
{
    (void)cpu; (void)si; (void)ka; (void)saved_mask;
    return false;
}

bool mips_sigreturn(CPUState *cpu, bool rt)
{
    (void)cpu; (void)rt;
    return false;
}

void mips_syscall_eintr(CPUState *cpu)
{
    (void)cpu;
}
