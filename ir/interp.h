/*
 * The IR interpreter: the reference engine every other engine is tested against.
 *
 * ir_interp_prepare() turns an optimized IRFunc into an IRProg: temp operands become
 * byte offsets from env (globals at their env field, TB temps in a scratch area that
 * the runtime allocates right behind env), labels become instruction indexes. Running
 * a prog is then a loop over a switch with no per-operand decisions.
 */
#ifndef XEMU_IR_INTERP_H
#define XEMU_IR_INTERP_H

#include "ir/ir.h"

typedef struct IRProg {
    uint32_t nb_insns;
    uint32_t frame_size; /* bytes of scratch needed behind env */
    IRInsn insns[];
} IRProg;

/* Bytes reserved for TB temps behind env (per thread). */
#define IR_INTERP_SCRATCH (1u << 20)

/* scratch_off: offset from env of the scratch area (env size, rounded up to 16). */
IRProg *ir_interp_prepare(const IRFunc *f, uint32_t scratch_off);
/*
 * Runs prog. Returns the exit code of the exit_tb that ended it. *cur_pc is updated
 * at every insn_start (for precise faults). guest_base comes from softmmu.
 */
uint32_t ir_interp_run(const IRProg *prog, void *env, uint32_t *cur_pc);
/* Calls helper h with raw 64-bit argument values (ENV arguments take env). */
uint64_t ir_helper_invoke(IRHelper *h, void *env, const uint64_t *vals);

#endif
