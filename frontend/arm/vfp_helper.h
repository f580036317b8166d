/*
 * C helpers for the ARM VFP (VFPv3-D32 + VFPv4 fused multiply-add, half-precision
 * conversions): the floating-point arithmetic, comparisons and conversions that
 * translated code calls through IR call ops. Operands and results are raw IEEE bit
 * patterns (uint32_t for single, uint64_t for double precision); every helper takes
 * env to read FPSCR (rounding mode, FZ, DN, AHP) and to OR in the cumulative exception
 * flags, so results and flags are bit-exact with ARM hardware. Moves, VABS/VNEG and
 * loads/stores are plain IR and need no helper. The arithmetic, compare and conversion
 * helpers (not the half-precision ones) carry an IRFpInline description, so the JIT can
 * run them as SSE code with the helper as its slow path (backend/x86_64/jit_fp.c).
 */
#ifndef XEMU_ARM_VFP_HELPER_H
#define XEMU_ARM_VFP_HELPER_H

#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "ir/ir.h"

/* The VFP model we report: VFPv3-D32 with VFPv4 FMA and half precision (Cortex-A15). */
#define VFP_FPSID 0x410430f0u
#define VFP_MVFR0 0x10110222u
#define VFP_MVFR1 0x11111111u
/* FPSCR bits a VMSR can change: NZCV, QC, AHP, DN, FZ, RMode, Stride, Len, IDC, IXC..IOC. */
#define VFP_FPSCR_WRITE_MASK 0xfff7009fu

/* Default NaNs (positive, quiet, zero payload): not the host's negative ones. */
#define VFP_F32_DEFAULT_NAN 0x7fc00000u
#define VFP_F64_DEFAULT_NAN 0x7ff8000000000000ull

/* Descriptor for the float<->integer/fixed-point helpers (passed as an i32 argument). */
#define VFP_FIX_FBITS_MASK 0x3fu   /* fraction bits, 0..32 (0 for plain integers) */
#define VFP_FIX_UNSIGNED (1u << 8) /* U32/U16 rather than S32/S16 */
#define VFP_FIX_SIZE16 (1u << 9)   /* 16-bit fixed-point operand (sign/zero-extended) */
#define VFP_FIX_RZ (1u << 10)      /* float->fixed: round toward zero, not the FPSCR mode */
#define VFP_FIX_RN (1u << 11)      /* fixed->float: round to nearest, not the FPSCR mode */

/* ---- C entry points (also used by the unit tests) ---- */
/* a op b, f32. */
uint32_t helper_vfp_add_s(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_sub_s(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_mul_s(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_div_s(CPUARMState *env, uint32_t a, uint32_t b);
/* a op b, f64. */
uint64_t helper_vfp_add_d(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_sub_d(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_mul_d(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_div_d(CPUARMState *env, uint64_t a, uint64_t b);
/* FPMulAdd(addend, op1, op2): addend + op1 * op2 with one rounding (VFMA family). */
uint32_t helper_vfp_fma_s(CPUARMState *env, uint32_t addend, uint32_t op1, uint32_t op2);
uint64_t helper_vfp_fma_d(CPUARMState *env, uint64_t addend, uint64_t op1, uint64_t op2);
uint32_t helper_vfp_sqrt_s(CPUARMState *env, uint32_t a);
uint64_t helper_vfp_sqrt_d(CPUARMState *env, uint64_t a);
/* FPCompare: sets FPSCR.NZCV. The cmpe forms also raise Invalid on quiet NaNs. */
void helper_vfp_cmp_s(CPUARMState *env, uint32_t a, uint32_t b);
void helper_vfp_cmpe_s(CPUARMState *env, uint32_t a, uint32_t b);
void helper_vfp_cmp_d(CPUARMState *env, uint64_t a, uint64_t b);
void helper_vfp_cmpe_d(CPUARMState *env, uint64_t a, uint64_t b);
/* VCVT between single and double precision. */
uint64_t helper_vfp_cvt_s_to_d(CPUARMState *env, uint32_t a);
uint32_t helper_vfp_cvt_d_to_s(CPUARMState *env, uint64_t a);
/*
 * Float -> integer/fixed-point, saturating (NaN -> 0), per a VFP_FIX_* descriptor. The
 * result is the 16- or 32-bit value sign- or zero-extended to 32 bits.
 */
uint32_t helper_vfp_to_fixed_s(CPUARMState *env, uint32_t a, uint32_t desc);
uint32_t helper_vfp_to_fixed_d(CPUARMState *env, uint64_t a, uint32_t desc);
/*
 * Integer/fixed-point (low 16 or 32 bits of x) -> float. VCVT between integer and float
 * rounds per FPSCR; the fixed-point form (with fbits) always rounds to nearest.
 */
uint32_t helper_vfp_from_fixed_s(CPUARMState *env, uint32_t x, uint32_t desc);
uint64_t helper_vfp_from_fixed_d(CPUARMState *env, uint32_t x, uint32_t desc);
/* Half precision (IEEE or, with FPSCR.AHP, the alternative format): low 16 bits. */
uint32_t helper_vfp_f16_to_f32(CPUARMState *env, uint32_t h);
uint32_t helper_vfp_f32_to_f16(CPUARMState *env, uint32_t a);
uint64_t helper_vfp_f16_to_f64(CPUARMState *env, uint32_t h);
uint32_t helper_vfp_f64_to_f16(CPUARMState *env, uint64_t a);

/* VFPExpandImm for VMOV (immediate). */
uint32_t vfp_expand_imm_s(uint8_t imm8);
uint64_t vfp_expand_imm_d(uint8_t imm8);

/* ---- Descriptors for ir_call ---- */
IR_HELPER_DECL(vfp_add_s);
IR_HELPER_DECL(vfp_sub_s);
IR_HELPER_DECL(vfp_mul_s);
IR_HELPER_DECL(vfp_div_s);
IR_HELPER_DECL(vfp_add_d);
IR_HELPER_DECL(vfp_sub_d);
IR_HELPER_DECL(vfp_mul_d);
IR_HELPER_DECL(vfp_div_d);
IR_HELPER_DECL(vfp_fma_s);
IR_HELPER_DECL(vfp_fma_d);
IR_HELPER_DECL(vfp_sqrt_s);
IR_HELPER_DECL(vfp_sqrt_d);
IR_HELPER_DECL(vfp_cmp_s);
IR_HELPER_DECL(vfp_cmpe_s);
IR_HELPER_DECL(vfp_cmp_d);
IR_HELPER_DECL(vfp_cmpe_d);
IR_HELPER_DECL(vfp_cvt_s_to_d);
IR_HELPER_DECL(vfp_cvt_d_to_s);
IR_HELPER_DECL(vfp_to_fixed_s);
IR_HELPER_DECL(vfp_to_fixed_d);
IR_HELPER_DECL(vfp_from_fixed_s);
IR_HELPER_DECL(vfp_from_fixed_d);
IR_HELPER_DECL(vfp_f16_to_f32);
IR_HELPER_DECL(vfp_f32_to_f16);
IR_HELPER_DECL(vfp_f16_to_f64);
IR_HELPER_DECL(vfp_f64_to_f16);

#endif
