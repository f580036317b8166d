/*
 * C helpers for Advanced SIMD (NEON) data processing. Each helper executes one
 * instruction group over the 64/128-bit register contents in env->vfp_d, with the
 * element loops in C. The argument is the instruction itself in its A32 form: the
 * helper reads the register numbers, sizes and op bits from it; the translator (neon.c)
 * has already rejected the UNDEFINED encodings, so a helper never sees one. Saturation
 * sets FPSCR.QC; floating point uses the "standard FPSCR value" (flush-to-zero, default
 * NaN, round to nearest) and ORs its exceptions into FPSCR's cumulative flags.
 */
#ifndef XEMU_ARM_NEON_HELPER_H
#define XEMU_ARM_NEON_HELPER_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "ir/ir.h"

/* Three registers of the same length (VADD, VQADD, VSHL, VMAX, VADD.F32, ...). */
void helper_neon_3same(CPUARMState *env, uint32_t insn);
/* Three registers of different lengths (VADDL, VADDHN, VMULL, VQDMLAL, ...). */
void helper_neon_3diff(CPUARMState *env, uint32_t insn);
/* Two registers and a scalar (VMLA, VMULL, VQDMULH... by scalar). */
void helper_neon_2scalar(CPUARMState *env, uint32_t insn);
/* Two registers and a shift amount (VSHR, VSRI, VQSHRN, VSHLL, VCVT fixed). */
void helper_neon_shift(CPUARMState *env, uint32_t insn);
/* Two registers, miscellaneous (VREV, VPADDL, VCLZ, VZIP, VMOVN, VRECPE, VCVT, ...). */
void helper_neon_2misc(CPUARMState *env, uint32_t insn);
/* VEXT, VTBL/VTBX and VDUP (scalar). */
void helper_neon_vext(CPUARMState *env, uint32_t insn);
void helper_neon_vtbl(CPUARMState *env, uint32_t insn);
void helper_neon_vdup(CPUARMState *env, uint32_t insn);

/*
 * The plain-IR forms of the common integer instructions (neon.c): emits insn (A32 form,
 * already accepted by the decoder) as IR on 64-bit words and returns true, or returns
 * false having emitted nothing (then the group helper above is the implementation).
 * neon_ir_enabled = false makes the translator call the helpers for everything (tests).
 */
bool neon_gen_ir(IRFunc *f, uint32_t insn);
extern bool neon_ir_enabled;
/* VADD/VSUB/VMUL/VMLA/VMLS.F32 lanes computed by the host when provably exact (false: tests). */
extern bool neon_fp_fast_enabled;

/*
 * The generic vector form of insn (the `vec` decoder of the group helpers, neon_vec.c;
 * see IRVecDesc in ir/ir.h). neon_vec_enabled = false keeps the translator from
 * preferring helper calls the JIT inlines (tests).
 */
bool neon_vec_decode(uint32_t insn, IRVecDesc *v);
extern bool neon_vec_enabled;

/* AdvSIMDExpandImm: the 64-bit value of a one-register modified immediate. */
uint64_t neon_expand_imm(unsigned op, unsigned cmode, uint8_t imm8);

/* The ARM ARM estimate functions (bit-exact), also used by the unit tests. */
uint32_t neon_recpe_u32(uint32_t a);
uint32_t neon_rsqrte_u32(uint32_t a);
uint32_t neon_recpe_f32(CPUARMState *env, uint32_t a);
uint32_t neon_rsqrte_f32(CPUARMState *env, uint32_t a);

IR_HELPER_DECL(neon_3same);
IR_HELPER_DECL(neon_3diff);
IR_HELPER_DECL(neon_2scalar);
IR_HELPER_DECL(neon_shift);
IR_HELPER_DECL(neon_2misc);
IR_HELPER_DECL(neon_vext);
IR_HELPER_DECL(neon_vtbl);
IR_HELPER_DECL(neon_vdup);

#endif
