/*
 * ARM frontend internals shared by the A32, T32/T16 and VFP decoders: the per-TB
 * disassembly context, the IR globals for guest registers and flags, and the `gen_`
 * helpers that turn instruction semantics into IR. Decoders (a32.c, t32.c, vfp.c) hold
 * the pattern tables and `trans_<INSN>` handlers; everything they have in common lives in
 * translate.c behind this header.
 */
#ifndef XEMU_ARM_TRANSLATE_H
#define XEMU_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/arm/cpu.h"
#include "frontend/decode.h"
#include "ir/ir.h"

/* What the translation loop does after the current instruction. */
enum {
    DISAS_NEXT,     /* fall through to the next insn */
    DISAS_JUMP,     /* regs[15] (and thumb) written: end TB, look up the next one */
    DISAS_UPDATE,   /* state the TB depends on changed: end TB, continue at next_pc */
    DISAS_NORETURN, /* an exit_tb was already emitted on every path */
};

/* TB flags for ARM: bit 0 Thumb, bits [15:8] ITSTATE at TB entry. */
#define ARM_TBFLAG_THUMB 1u
#define ARM_TBFLAG_IT_SHIFT 8

typedef struct DisasContext {
    IRFunc *f;
    uint32_t pc;      /* address of the current insn */
    uint32_t next_pc; /* address after it (pc + 2 or 4) */
    bool thumb;
    uint32_t insn;    /* current insn; T32 as (hw1 << 16) | hw2 */
    /*
     * IT state of the current insn (0 outside an IT block). The loop derives `cond`
     * from it, and advances it after each insn. trans_IT sets `itstate` to the new
     * block's value and sets `it_set` so the loop does not advance it that time.
     */
    uint32_t itstate;
    bool it_set;
    unsigned cond;     /* condition the current insn executes under; 14 = always */
    int is_jmp;        /* DISAS_* */
    unsigned nb_insns;
    /* Private to translate.c: next free goto_tb chain slot (0, 1), and the TB's key. */
    unsigned next_slot;
    uint32_t tb_pc, tb_itstate;
} DisasContext;

/* IR globals, registered by arm_translate_init(). */
extern IRTemp cpu_R[16];
extern IRTemp cpu_NF, cpu_ZF, cpu_CF, cpu_VF, cpu_QF, cpu_GE;

#define ENV_OFF(field) ((int32_t)offsetof(CPUARMState, field))
#define ENV_VFP_D(n) ((int32_t)(offsetof(CPUARMState, vfp_d) + 8 * (n)))
#define ENV_VFP_S(n) ((int32_t)(offsetof(CPUARMState, vfp_d) + 4 * (n))) /* host is LE */

/* Shorthands for fresh temps. */
static inline IRTemp new_tmp(DisasContext *s) { return ir_new_temp(s->f, IR_I32); }
static inline IRTemp new_tmp64(DisasContext *s) { return ir_new_temp(s->f, IR_I64); }
static inline IRTemp tconst(DisasContext *s, uint32_t v) { return ir_const_i32(s->f, v); }

void arm_translate_init(void);
uint32_t arm_translate(IRFunc *f, uint32_t pc, uint32_t flags, unsigned max_insns);

/* ---- Decoders. Each returns true if it handled (translated) the insn. ---- */
bool arm_decode_a32(DisasContext *s, uint32_t insn);
bool arm_decode_t16(DisasContext *s, uint32_t insn);
bool arm_decode_t32(DisasContext *s, uint32_t insn);
/*
 * VFP (cp10/cp11) data processing, transfers and loads/stores. `insn` is in A32
 * layout; bits [31:28] are ignored (the condition is handled by the caller). T32
 * callers pass their 32-bit encoding with the top nibble forced to 0xE.
 */
bool arm_decode_vfp(DisasContext *s, uint32_t insn);
/* The decode tables, for the reachability unit test. */
extern DecodeTable arm_a32_table, arm_t16_table, arm_t32_table, arm_vfp_table;

/* ---- Registers ---- */
/* A new temp holding Rr; r == 15 reads as the insn address + 8 (A32) or + 4 (Thumb). */
IRTemp load_reg(DisasContext *s, int r);
/* Writes Rr. r == 15 is a branch without interworking (BranchWritePC). */
void store_reg(DisasContext *s, int r, IRTemp v);
/* A32 ALU results to the PC interwork (ALUWritePC); in Thumb same as store_reg. */
void store_reg_alu(DisasContext *s, int r, IRTemp v);
/* Loads to the PC always interwork (LoadWritePC). */
void store_reg_load(DisasContext *s, int r, IRTemp v);

/* ---- Control flow ---- */
void gen_bx(DisasContext *s, IRTemp addr);    /* BX: bit 0 selects Thumb */
void gen_jmp(DisasContext *s, uint32_t dest); /* direct branch, same instruction set */
/* Direct branch that also switches instruction set (BLX imm): dest already aligned. */
void gen_jmp_switch(DisasContext *s, uint32_t dest, bool to_thumb);
/* Raise exception `excp` (ARM_EXCP_*) at the current insn; sets DISAS_NORETURN. */
void gen_exception_insn(DisasContext *s, int excp);
/* UNDEFINED / unimplemented: logs under -d unimp, raises SIGILL at this insn. */
bool gen_undef(DisasContext *s);
/* Emits the exit: writes the IT state the next insn must see, then exit_tb(code). */
void gen_exit(DisasContext *s, int code);

/* Branch to `skip` unless condition `cond` (0..13) holds on NZCV. */
void gen_test_cc_skip(DisasContext *s, unsigned cond, IRLabel skip);

/* ---- Flags ---- */
void gen_logic_CC(DisasContext *s, IRTemp result);          /* N, Z (C, V unchanged) */
IRTemp gen_add_CC(DisasContext *s, IRTemp a, IRTemp b);     /* a + b, NZCV */
IRTemp gen_sub_CC(DisasContext *s, IRTemp a, IRTemp b);     /* a - b, NZCV */
IRTemp gen_adc_CC(DisasContext *s, IRTemp a, IRTemp b);     /* a + b + C, NZCV */
IRTemp gen_sbc_CC(DisasContext *s, IRTemp a, IRTemp b);     /* a - b - !C, NZCV */
IRTemp gen_adc(DisasContext *s, IRTemp a, IRTemp b);        /* a + b + C */
IRTemp gen_sbc(DisasContext *s, IRTemp a, IRTemp b);        /* a - b - !C */

/* ---- Shifter operands. shtype: 0 LSL, 1 LSR, 2 ASR, 3 ROR (ROR #0 = RRX). ---- */
/* Immediate shift as encoded (imm5 == 0 means LSR/ASR #32, RRX). If set_carry, CF = carry-out. */
IRTemp gen_shift_imm(DisasContext *s, IRTemp v, int shtype, int imm5, bool set_carry);
/* Register shift: amount is the low byte of `amount` (0..255), ARM saturating semantics. */
IRTemp gen_shift_reg(DisasContext *s, IRTemp v, int shtype, IRTemp amount, bool set_carry);
/* A32/T32 modified immediate that rotates: carry-out is bit 31 of the result. */
void gen_set_CF_bit31(DisasContext *s, uint32_t value);

/*
 * ---- Memory (little-endian guest; unaligned accesses allowed as on ARMv7 Linux) ----
 * A MO_64 access takes/returns an i64 temp, every other size an i32 temp.
 */
IRTemp gen_ld(DisasContext *s, IRTemp addr, MemOp mo);
void gen_st(DisasContext *s, IRTemp val, IRTemp addr, MemOp mo);

/* ---- Additions (translate.c) ---- */
/* A32 unconditional space (cond == 0b1111): a separate table, searched by arm_decode_a32. */
extern DecodeTable arm_a32_uncond_table;

/* Raise `excp` with regs[15] = the next insn (SVC); sets DISAS_NORETURN. */
void gen_exception_next(DisasContext *s, int excp);
/* Writes a constant to regs[15] (no exit). */
void gen_set_pc(DisasContext *s, uint32_t pc);
/* A temp holding 1 if condition `cond` (0..14) holds on NZCV, else 0. */
IRTemp gen_test_cc(DisasContext *s, unsigned cond);

/* APSR as MRS reads it: NZCVQ in [31:27], GE in [19:16]. */
IRTemp gen_read_apsr(DisasContext *s);
/* MSR APSR_<mask>: mask bit 1 (nzcvq) takes v[31:27], mask bit 0 (g) takes v[19:16]. */
void gen_write_apsr(DisasContext *s, IRTemp v, unsigned mask);
/* NZCV from v[31:28]; Q and GE unchanged (VMRS APSR_nzcv, FPSCR). */
void gen_write_nzcv(DisasContext *s, IRTemp v);

/* ---- Shared semantics for A32/T32 "media" instructions (helpers in arm_helper.c) ---- */
/* QADD/QSUB/QDADD/QDSUB: op 0 QADD, 1 QSUB, 2 QDADD, 3 QDSUB; sets Q on saturation. */
IRTemp gen_qaddsub(DisasContext *s, unsigned op, IRTemp rm, IRTemp rn);
/*
 * Parallel add/subtract. prefix: 1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH (A32 op1 field);
 * op: 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8 (A32 op2 field). S and U set GE.
 * The caller rejects the reserved combinations (prefix 0/4, op 5/6).
 */
IRTemp gen_parallel_addsub(DisasContext *s, unsigned prefix, unsigned op, IRTemp rn,
                           IRTemp rm);
IRTemp gen_sel(DisasContext *s, IRTemp rn, IRTemp rm);       /* SEL using GE */
IRTemp gen_usad8(DisasContext *s, IRTemp rn, IRTemp rm);     /* sum |rn.b - rm.b| */
/* SSAT/USAT to `bits` bits (SSAT 1..32, USAT 0..31; SSAT16 1..16, USAT16 0..15); set Q. */
IRTemp gen_ssat(DisasContext *s, IRTemp v, unsigned bits);
IRTemp gen_usat(DisasContext *s, IRTemp v, unsigned bits);
IRTemp gen_ssat16(DisasContext *s, IRTemp v, unsigned bits);
IRTemp gen_usat16(DisasContext *s, IRTemp v, unsigned bits);
IRTemp gen_rbit(DisasContext *s, IRTemp v);
IRTemp gen_rev16(DisasContext *s, IRTemp v);
IRTemp gen_revsh(DisasContext *s, IRTemp v);
/* The byte/bit reverse family by its common encoding: 0 REV, 1 REV16, 2 RBIT, 3 REVSH. */
IRTemp gen_rev_family(DisasContext *s, unsigned op, IRTemp v);
/* SXTB16/UXTB16 of an already rotated value. */
IRTemp gen_xtb16(DisasContext *s, IRTemp v, bool is_signed);
/* Adds 16-bit halves (SXTAB16/UXTAB16 accumulate). */
IRTemp gen_add16(DisasContext *s, IRTemp a, IRTemp b);
/* 16x16 signed multiply of the selected halves (top: use bits [31:16]). */
IRTemp gen_mul16(DisasContext *s, IRTemp a, bool a_top, IRTemp b, bool b_top);
/* a + b, setting Q on signed overflow (SMLAxy, SMLAD...). */
IRTemp gen_add_setq(DisasContext *s, IRTemp a, IRTemp b);
/* 64-bit results as (lo, hi) pairs. */
void gen_mull(DisasContext *s, IRTemp *lo, IRTemp *hi, IRTemp a, IRTemp b, bool is_signed);
/* Exclusive monitor: LDREX{B,H,D} and STREX{B,H,D}; size is log2 bytes (3 = D). */
void gen_ldrex(DisasContext *s, IRTemp addr, unsigned size, int rt, int rt2);
void gen_strex(DisasContext *s, int rd, IRTemp addr, unsigned size, int rt, int rt2);
void gen_clrex(DisasContext *s);
/* DMB/DSB: a full host memory fence (x86 can reorder a load before an older store). */
void gen_barrier(DisasContext *s);
/* TPIDRURO/TPIDRURW reads/writes (MRC/MCR p15, 0, Rt, c13, c0, {2,3}). */
IRTemp gen_ldenv(DisasContext *s, int32_t off);

#endif
