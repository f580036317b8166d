/* ARM CPU state helpers: packing the split flags into a CPSR/APSR word and back. */
#include "frontend/arm/cpu.h"

uint32_t arm_cpsr_read(const CPUARMState *env)
{
    uint32_t v = 0x10; /* user mode */
    v |= env->NF & CPSR_N;
    v |= env->ZF == 0 ? CPSR_Z : 0;
    v |= env->CF ? CPSR_C : 0;
    v |= env->VF & 0x80000000u ? CPSR_V : 0;
    v |= env->QF ? CPSR_Q : 0;
    v |= (env->GE & 0xf) << 16;
    v |= env->thumb ? CPSR_T : 0;
    /* ITSTATE: IT[1:0] in bits 26:25, IT[7:2] in bits 15:10. */
    v |= (env->condexec & 3) << 25;
    v |= (env->condexec >> 2) << 10;
    return v;
}

void arm_cpsr_write_nzcvq(CPUARMState *env, uint32_t val)
{
    env->NF = val & CPSR_N;
    env->ZF = (val & CPSR_Z) ? 0 : 1;
    env->CF = (val & CPSR_C) ? 1 : 0;
    env->VF = (val & CPSR_V) ? 0x80000000u : 0;
    env->QF = (val & CPSR_Q) ? 1 : 0;
    env->GE = (val >> 16) & 0xf;
}
