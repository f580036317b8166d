/*
 * ARM guest signal frames: not written yet (stub).
 */
#include "linux-user/signal.h"

bool arm_setup_frame(CPUState *cpu, const GuestSiginfo *si, const GuestSigaction *ka,
                     uint64_t saved_mask)
{
    (void)cpu; (void)si; (void)ka; (void)saved_mask;
    return false;
}

bool arm_sigreturn(CPUState *cpu, bool rt)
{
    (void)cpu; (void)rt;
    return false;
}

void arm_syscall_eintr(CPUState *cpu)
{
    (void)cpu;
}
