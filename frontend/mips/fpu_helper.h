/*
 * C helpers for the MIPS32r2 FPU (CP1): arithmetic, compares and conversions with the
 * exact MIPS semantics of FCSR (rounding mode, FS flush, cause/flags/enables, the legacy
 * or IEEE 754-2008 NaN encoding), computed on the host's SSE unit. Operands and results
 * are raw IEEE bit patterns (uint32_t single or word, uint64_t double or long). Every
 * helper overwrites the FCSR cause field with what this operation raised and ORs it into
 * the sticky flags, except when a raised exception is enabled: then the flags stay and
 * the translated code (which checks only in TBs with MIPS_TBFLAG_TRAPS) raises SIGFPE
 * without writing the destination; compares then leave the condition code alone.
 * Moves, ABS and NEG are plain IR (non-arithmetic, as qemu-mips treats them).
 */
#ifndef XEMU_MIPS_FPU_HELPER_H
#define XEMU_MIPS_FPU_HELPER_H

#include <stdint.h>

#include "frontend/mips/cpu.h"
#include "ir/ir.h"

/* Default NaNs: legacy (FCSR.NAN2008 = 0) and IEEE 754-2008. */
#define MIPS_F32_DNAN_LEGACY 0x7fbfffffu
#define MIPS_F64_DNAN_LEGACY 0x7ff7ffffffffffffull
#define MIPS_F32_DNAN_2008 0x7fc00000u
#define MIPS_F64_DNAN_2008 0x7ff8000000000000ull

/* FCSR bits CTC1 $31 can change (bits 22:18 are read-only: NAN2008, ABS2008). */
#define MIPS_FCSR_WRITE_MASK 0xff83ffffu

/* Rounding argument of the float -> integer helpers: 0..3 a fixed FCSR.RM value, or: */
#define MIPS_RND_FCSR 4u

/* MADD.fmt family (COP1X): fd = [-](fs * ft -/+ fr), product and sum rounded apart. */
enum { MIPS_MADD = 0, MIPS_MSUB = 1, MIPS_NMADD = 2, MIPS_NMSUB = 3 };

/* ---- C entry points (also used by the unit tests) ---- */
uint32_t helper_mips_add_s(CPUMIPSState *env, uint32_t a, uint32_t b);
uint32_t helper_mips_sub_s(CPUMIPSState *env, uint32_t a, uint32_t b);
uint32_t helper_mips_mul_s(CPUMIPSState *env, uint32_t a, uint32_t b);
uint32_t helper_mips_div_s(CPUMIPSState *env, uint32_t a, uint32_t b);
uint64_t helper_mips_add_d(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_mips_sub_d(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_mips_mul_d(CPUMIPSState *env, uint64_t a, uint64_t b);
uint64_t helper_mips_div_d(CPUMIPSState *env, uint64_t a, uint64_t b);
uint32_t helper_mips_sqrt_s(CPUMIPSState *env, uint32_t a);
uint64_t helper_mips_sqrt_d(CPUMIPSState *env, uint64_t a);
/* RECIP: 1 / a. RSQRT: 1 / sqrt(a), two roundings (as qemu-mips). */
uint32_t helper_mips_recip_s(CPUMIPSState *env, uint32_t a);
uint64_t helper_mips_recip_d(CPUMIPSState *env, uint64_t a);
uint32_t helper_mips_rsqrt_s(CPUMIPSState *env, uint32_t a);
uint64_t helper_mips_rsqrt_d(CPUMIPSState *env, uint64_t a);
/* kind MIPS_MADD...: fs * ft rounded, then +/- fr rounded, then negated for NM*. */
uint32_t helper_mips_madd_s(CPUMIPSState *env, uint32_t fs, uint32_t ft, uint32_t fr,
                            uint32_t kind);
uint64_t helper_mips_madd_d(CPUMIPSState *env, uint64_t fs, uint64_t ft, uint64_t fr,
                            uint32_t kind);
/* C.cond.fmt: desc = cond (0..15) | cc << 4; sets or clears FCSR condition code cc. */
void helper_mips_cmp_s(CPUMIPSState *env, uint32_t a, uint32_t b, uint32_t desc);
void helper_mips_cmp_d(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t desc);
/* CVT between formats. */
uint64_t helper_mips_cvt_d_s(CPUMIPSState *env, uint32_t a);
uint32_t helper_mips_cvt_s_d(CPUMIPSState *env, uint64_t a);
uint32_t helper_mips_cvt_s_w(CPUMIPSState *env, uint32_t a);
uint64_t helper_mips_cvt_d_w(CPUMIPSState *env, uint32_t a);
uint32_t helper_mips_cvt_s_l(CPUMIPSState *env, uint64_t a);
uint64_t helper_mips_cvt_d_l(CPUMIPSState *env, uint64_t a);
/* CVT/ROUND/TRUNC/CEIL/FLOOR to W or L; rnd = FCSR.RM value or MIPS_RND_FCSR. */
uint32_t helper_mips_to_w_s(CPUMIPSState *env, uint32_t a, uint32_t rnd);
uint32_t helper_mips_to_w_d(CPUMIPSState *env, uint64_t a, uint32_t rnd);
uint64_t helper_mips_to_l_s(CPUMIPSState *env, uint32_t a, uint32_t rnd);
uint64_t helper_mips_to_l_d(CPUMIPSState *env, uint64_t a, uint32_t rnd);
/* CFC1: control register reg (0 FIR, 25 FCCR, 26 FEXR, 28 FENR, 31 FCSR). */
uint32_t helper_mips_cfc1(CPUMIPSState *env, uint32_t reg);
/*
 * CTC1: writes control register reg and env->fpmode's TRAPS bit. Returns the FCSR cause
 * field when a cause bit is enabled (or E is set): the insn must raise SIGFPE.
 */
uint32_t helper_mips_ctc1(CPUMIPSState *env, uint32_t reg, uint32_t val);

/* ---- Descriptors for ir_call ---- */
IR_HELPER_DECL(mips_add_s);
IR_HELPER_DECL(mips_sub_s);
IR_HELPER_DECL(mips_mul_s);
IR_HELPER_DECL(mips_div_s);
IR_HELPER_DECL(mips_add_d);
IR_HELPER_DECL(mips_sub_d);
IR_HELPER_DECL(mips_mul_d);
IR_HELPER_DECL(mips_div_d);
IR_HELPER_DECL(mips_sqrt_s);
IR_HELPER_DECL(mips_sqrt_d);
IR_HELPER_DECL(mips_recip_s);
IR_HELPER_DECL(mips_recip_d);
IR_HELPER_DECL(mips_rsqrt_s);
IR_HELPER_DECL(mips_rsqrt_d);
IR_HELPER_DECL(mips_madd_s);
IR_HELPER_DECL(mips_madd_d);
IR_HELPER_DECL(mips_cmp_s);
IR_HELPER_DECL(mips_cmp_d);
IR_HELPER_DECL(mips_cvt_d_s);
IR_HELPER_DECL(mips_cvt_s_d);
IR_HELPER_DECL(mips_cvt_s_w);
IR_HELPER_DECL(mips_cvt_d_w);
IR_HELPER_DECL(mips_cvt_s_l);
IR_HELPER_DECL(mips_cvt_d_l);
IR_HELPER_DECL(mips_to_w_s);
IR_HELPER_DECL(mips_to_w_d);
IR_HELPER_DECL(mips_to_l_s);
IR_HELPER_DECL(mips_to_l_d);
IR_HELPER_DECL(mips_cfc1);
IR_HELPER_DECL(mips_ctc1);

#endif
