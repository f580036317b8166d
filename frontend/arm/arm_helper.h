/*
 * C helpers called from ARM translated code (through IR call ops) for semantics that are
 * long-winded in IR: saturating arithmetic, the parallel add/subtract family, USAD8, SEL,
 * RBIT and the exclusive-store compare-and-swap. Helpers that produce a flag (Q, GE)
 * return it in the high half of a uint64_t instead of touching env, so they stay pure.
 */
#ifndef XEMU_ARM_HELPER_H
#define XEMU_ARM_HELPER_H

#include "ir/ir.h"

/* (q << 32) | result; q is 1 if the result saturated. Arguments (Rm, Rn). */
IR_HELPER_DECL(arm_qadd);
IR_HELPER_DECL(arm_qsub);
IR_HELPER_DECL(arm_qdadd);
IR_HELPER_DECL(arm_qdsub);
/* (q << 32) | result, second argument the saturation width as encoded for the insn. */
IR_HELPER_DECL(arm_ssat);
IR_HELPER_DECL(arm_usat);
IR_HELPER_DECL(arm_ssat16);
IR_HELPER_DECL(arm_usat16);
/* (ge << 32) | result; args (prefix << 3 | op, Rn, Rm), see gen_parallel_addsub. */
IR_HELPER_DECL(arm_paddsub);
IR_HELPER_DECL(arm_sel);   /* (ge, Rn, Rm) */
IR_HELPER_DECL(arm_usad8); /* (Rn, Rm) */
IR_HELPER_DECL(arm_rbit);  /* (v) */
IR_HELPER_DECL(arm_barrier); /* (env) full memory fence */
/* (env, addr, value, log2 size): 0 if stored, 1 if the monitor was lost. */
IR_HELPER_DECL(arm_strex);

#endif
