/*
 * Thumb decoders: the 16-bit (T16) and 32-bit (T32, Thumb-2) instruction sets of
 * ARMv7-A in user mode. Two pattern tables, arm_t16_table and arm_t32_table, map each
 * encoding to one trans_<INSN> handler that emits IR through the shared gen_ functions
 * of translate.h. Both decoders live in one file because they share most semantics
 * (ALU ops, load/store multiple, extends, branches). A T32 insn arrives as
 * (hw1 << 16) | hw2, so patterns below are written "hw1 hw2". The translation loop
 * (translate.c) handles the IT state and conditional execution of insns inside IT
 * blocks; handlers here only handle conditions encoded in the insn itself (B<c>, CBZ).
 * VFP coprocessor space (cp10/cp11) is forwarded to arm_decode_vfp().
 */
#include <glib.h>
#include <stddef.h>

#include "frontend/arm/neon.h"
#include "frontend/arm/translate.h"

#define FLD(c) decode_field(e, insn, (c))
#define SFLD(c) decode_sfield(e, insn, (c))

/* ------------------------------------------------------------------------ */
/* Small IR conveniences                                                     */
/* ------------------------------------------------------------------------ */


/* The 64-bit accumulator RdHi:RdLo of the long multiply-accumulates. */
static IRTemp load_reg_pair(DisasContext *s, int rlo, int rhi)
{
    IRTemp acc = new_tmp64(s);
    ir_concat_i32_i64(s->f, acc, load_reg(s, rlo), load_reg(s, rhi));
    return acc;
}

static void store_reg_pair(DisasContext *s, int rlo, int rhi, IRTemp acc)
{
    IRTemp lo = new_tmp(s), hi = new_tmp(s);
    ir_extrl_i64_i32(s->f, lo, acc);
    ir_extrh_i64_i32(s->f, hi, acc);
    store_reg(s, rlo, lo);
    store_reg(s, rhi, hi);
}

/* Align(PC, 4) as seen by the current Thumb insn: the literal-pool base. */
static uint32_t thumb_pc_aligned(DisasContext *s)
{
    return (s->pc + 4) & ~3u;
}

/* Outside an IT block the 16-bit data-processing insns set flags; inside they don't. */
static bool t16_setflags(DisasContext *s)
{
    return s->itstate == 0;
}

/*
 * Conditional direct branch encoded in the insn (B<c>, CBZ/CBNZ): the taken path
 * leaves the TB; the not-taken path ends the TB and continues at next_pc.
 */
static void gen_branch_if(DisasContext *s, IRLabel not_taken, uint32_t dest)
{
    gen_jmp(s, dest);
    ir_set_label(s->f, not_taken);
    gen_jmp(s, s->next_pc);
    s->is_jmp = DISAS_NORETURN;
}

/* ------------------------------------------------------------------------ */
/* Semantics shared by T16 and T32                                           */
/* ------------------------------------------------------------------------ */

/* Data-processing opcodes of T32 (insn bits 24:21); T16 ops map onto them. MOV/MVN
 * are the Rn == 15 forms of ORR/ORN. */
enum {
    DP_AND = 0, DP_BIC = 1, DP_ORR = 2, DP_ORN = 3, DP_EOR = 4,
    DP_ADD = 8, DP_ADC = 10, DP_SBC = 11, DP_SUB = 13, DP_RSB = 14,
    DP_MOV = 16, DP_MVN = 17,
};

static bool dp_is_logical(int op)
{
    return op < 8 || op >= 16;
}

/*
 * Rd = a <op> b, setting flags when `setflags`. For logical ops the caller has already
 * set C from the shifter or immediate. rd < 0 is a compare/test form (flags only).
 */
static void gen_dp(DisasContext *s, int op, bool setflags, int rd, IRTemp a, IRTemp b)
{
    IRFunc *f = s->f;
    IRTemp r = new_tmp(s);
    switch (op) {
    case DP_AND:
        ir_and_i32(f, r, a, b);
        break;
    case DP_BIC:
        ir_andc_i32(f, r, a, b);
        break;
    case DP_ORR:
        ir_or_i32(f, r, a, b);
        break;
    case DP_ORN: {
        IRTemp t = new_tmp(s);
        ir_not_i32(f, t, b);
        ir_or_i32(f, r, a, t);
        break;
    }
    case DP_EOR:
        ir_xor_i32(f, r, a, b);
        break;
    case DP_MOV:
        ir_mov_i32(f, r, b);
        break;
    case DP_MVN:
        ir_not_i32(f, r, b);
        break;
    case DP_ADD:
        if (setflags) {
            r = gen_add_CC(s, a, b);
        } else {
            ir_add_i32(f, r, a, b);
        }
        break;
    case DP_ADC:
        r = setflags ? gen_adc_CC(s, a, b) : gen_adc(s, a, b);
        break;
    case DP_SBC:
        r = setflags ? gen_sbc_CC(s, a, b) : gen_sbc(s, a, b);
        break;
    case DP_SUB:
        if (setflags) {
            r = gen_sub_CC(s, a, b);
        } else {
            ir_sub_i32(f, r, a, b);
        }
        break;
    case DP_RSB:
        if (setflags) {
            r = gen_sub_CC(s, b, a);
        } else {
            ir_sub_i32(f, r, b, a);
        }
        break;
    default:
        g_assert_not_reached();
    }
    if (setflags && dp_is_logical(op)) {
        gen_logic_CC(s, r);
    }
    if (rd >= 0) {
        store_reg_alu(s, rd, r);
    }
}

/*
 * LDM/STM (increment after, or decrement before when `db`). Loads go to temps first so
 * a fault leaves the registers untouched; the PC is written last and interworks. When
 * the base is in a load list the loaded value wins over the writeback.
 */
static bool gen_ldm_stm(DisasContext *s, int rn, uint32_t list, bool load, bool wback,
                        bool db)
{
    IRFunc *f = s->f;
    int n = __builtin_popcount(list);
    if (n == 0) {
        return gen_undef(s);
    }
    IRTemp base = load_reg(s, rn);
    IRTemp start = new_tmp(s);
    if (db) {
        ir_subi_i32(f, start, base, 4 * n);
    } else {
        ir_mov_i32(f, start, base);
    }
    IRTemp vals[16] = { 0 };
    int k = 0;
    for (int r = 0; r < 16; r++) {
        if (!(list & (1u << r))) {
            continue;
        }
        IRTemp addr = new_tmp(s);
        ir_addi_i32(f, addr, start, 4 * k++);
        if (load) {
            vals[r] = gen_ld(s, addr, MO_UL);
        } else {
            gen_st(s, load_reg(s, r), addr, MO_UL);
        }
    }
    if (wback && !(load && (list & (1u << rn)))) {
        IRTemp nb = new_tmp(s);
        if (db) {
            ir_mov_i32(f, nb, start);
        } else {
            ir_addi_i32(f, nb, base, 4 * n);
        }
        store_reg(s, rn, nb);
    }
    if (load) {
        for (int r = 0; r < 15; r++) {
            if (list & (1u << r)) {
                store_reg(s, r, vals[r]);
            }
        }
        if (list & (1u << 15)) {
            store_reg_load(s, 15, vals[15]);
        }
    }
    return true;
}

/*
 * Single load/store: base Rn, `offs` added (u) or subtracted, pre-indexed (p) or
 * post-indexed, with writeback (w). A load into the PC interworks.
 */
static void gen_ldst(DisasContext *s, bool load, MemOp mo, int rt, int rn, IRTemp offs,
                     bool p, bool u, bool w)
{
    IRFunc *f = s->f;
    IRTemp base = load_reg(s, rn);
    IRTemp oaddr = new_tmp(s);
    if (u) {
        ir_add_i32(f, oaddr, base, offs);
    } else {
        ir_sub_i32(f, oaddr, base, offs);
    }
    IRTemp addr = p ? oaddr : base;
    if (load) {
        IRTemp v = gen_ld(s, addr, mo);
        if (w) {
            store_reg(s, rn, oaddr);
        }
        if (rt == 15) {
            store_reg_load(s, 15, v);
        } else {
            store_reg(s, rt, v);
        }
    } else {
        gen_st(s, load_reg(s, rt), addr, mo);
        if (w) {
            store_reg(s, rn, oaddr);
        }
    }
}

static void gen_load_to_reg(DisasContext *s, int rt, IRTemp addr, MemOp mo)
{
    IRTemp v = gen_ld(s, addr, mo);
    if (rt == 15) {
        store_reg_load(s, 15, v);
    } else {
        store_reg(s, rt, v);
    }
}

/* SXTB/SXTH/UXTB/UXTH on a value already rotated; size 0 = byte, 1 = halfword. */
static IRTemp gen_extend(DisasContext *s, IRTemp v, int size, bool is_unsigned)
{
    IRTemp r = new_tmp(s);
    if (size == 0) {
        (is_unsigned ? ir_ext8u_i32 : ir_ext8s_i32)(s->f, r, v);
    } else {
        (is_unsigned ? ir_ext16u_i32 : ir_ext16s_i32)(s->f, r, v);
    }
    return r;
}

/* ------------------------------------------------------------------------ */
/* T16                                                                       */
/* ------------------------------------------------------------------------ */

/* ADD{S} <Rd>, <Rn>, <Rm> / SUB{S} <Rd>, <Rn>, <Rm> */
static bool trans_ADD_SUB_reg_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, FLD('o') ? DP_SUB : DP_ADD, t16_setflags(s), FLD('d'), load_reg(s, FLD('n')),
           load_reg(s, FLD('m')));
    return true;
}

/* ADD{S} <Rd>, <Rn>, #<imm3> / SUB{S} <Rd>, <Rn>, #<imm3> */
static bool trans_ADD_SUB_imm3_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, FLD('o') ? DP_SUB : DP_ADD, t16_setflags(s), FLD('d'), load_reg(s, FLD('n')),
           tconst(s, FLD('i')));
    return true;
}

/* LSL{S} <Rd>, <Rm>, #<imm5> / LSR{S} / ASR{S}  (LSL #0 is MOVS <Rd>, <Rm>) */
static bool trans_LSL_LSR_ASR_imm_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool sf = t16_setflags(s);
    IRTemp r = gen_shift_imm(s, load_reg(s, FLD('m')), FLD('t'), FLD('i'), sf);
    if (sf) {
        gen_logic_CC(s, r);
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* MOV{S} <Rd>, #<imm8> / CMP <Rn>, #<imm8> / ADD{S} <Rdn>, #<imm8> / SUB{S} <Rdn>, #<imm8> */
static bool trans_MOV_CMP_ADD_SUB_imm8_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rd = FLD('d');
    IRTemp imm = tconst(s, FLD('i'));
    switch (FLD('o')) {
    case 0:
        gen_dp(s, DP_MOV, t16_setflags(s), rd, imm, imm);
        break;
    case 1:
        gen_dp(s, DP_SUB, true, -1, load_reg(s, rd), imm);
        break;
    case 2:
        gen_dp(s, DP_ADD, t16_setflags(s), rd, load_reg(s, rd), imm);
        break;
    default:
        gen_dp(s, DP_SUB, t16_setflags(s), rd, load_reg(s, rd), imm);
        break;
    }
    return true;
}

/*
 * AND EOR LSL LSR ASR ADC SBC ROR TST RSB(NEG) CMP CMN ORR MUL BIC MVN
 *   <op>{S} <Rdn>, <Rm>
 */
static bool trans_ALU_reg_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    static const int8_t dp_ops[16] = {
        DP_AND, DP_EOR, -1, -1, -1, DP_ADC, DP_SBC, -1,
        DP_AND, DP_RSB, DP_SUB, DP_ADD, DP_ORR, -1, DP_BIC, DP_MVN,
    };
    IRFunc *f = s->f;
    int op = FLD('o'), rd = FLD('d');
    bool sf = t16_setflags(s);
    IRTemp a = load_reg(s, rd), b = load_reg(s, FLD('m'));
    switch (op) {
    case 2: case 3: case 4: case 7: { /* LSL, LSR, ASR, ROR by register */
        static const int shtype[8] = { [2] = 0, [3] = 1, [4] = 2, [7] = 3 };
        IRTemp amt = new_tmp(s);
        ir_andi_i32(f, amt, b, 0xff);
        IRTemp r = gen_shift_reg(s, a, shtype[op], amt, sf);
        if (sf) {
            gen_logic_CC(s, r);
        }
        store_reg(s, rd, r);
        return true;
    }
    case 8: case 10: case 11: /* TST, CMP, CMN */
        gen_dp(s, dp_ops[op], true, -1, a, b);
        return true;
    case 9: /* RSBS <Rd>, <Rn>, #0 */
        gen_dp(s, DP_RSB, sf, rd, b, tconst(s, 0));
        return true;
    case 13: { /* MULS <Rdm>, <Rn>, <Rdm> */
        IRTemp r = new_tmp(s);
        ir_mul_i32(f, r, a, b);
        if (sf) {
            gen_logic_CC(s, r);
        }
        store_reg(s, rd, r);
        return true;
    }
    default:
        gen_dp(s, dp_ops[op], sf, rd, a, b);
        return true;
    }
}

/* ADD <Rdn>, <Rm>  (high registers, no flags; Rdn == PC branches) */
static bool trans_ADD_hi_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rd = FLD('d');
    gen_dp(s, DP_ADD, false, rd, load_reg(s, rd), load_reg(s, FLD('m')));
    return true;
}

/* CMP <Rn>, <Rm>  (high registers) */
static bool trans_CMP_hi_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, DP_SUB, true, -1, load_reg(s, FLD('n')), load_reg(s, FLD('m')));
    return true;
}

/* MOV <Rd>, <Rm>  (high registers, no flags; Rd == PC branches) */
static bool trans_MOV_hi_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg_alu(s, FLD('d'), load_reg(s, FLD('m')));
    return true;
}

/* BX <Rm> */
static bool trans_BX_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_bx(s, load_reg(s, FLD('m')));
    return true;
}

/* BLX <Rm> */
static bool trans_BLX_reg_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp dest = load_reg(s, FLD('m'));
    store_reg(s, 14, tconst(s, s->next_pc | 1));
    gen_bx(s, dest);
    return true;
}

/* LDR <Rt>, <label>  (PC-relative, Align(PC, 4)) */
static bool trans_LDR_lit_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_load_to_reg(s, FLD('t'), tconst(s, thumb_pc_aligned(s) + FLD('i') * 4), MO_UL);
    return true;
}

/* STR STRH STRB LDRSB LDR LDRH LDRB LDRSH <Rt>, [<Rn>, <Rm>] */
static bool trans_LDR_STR_reg_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    static const uint8_t mops[8] = { MO_UL, MO_UW, MO_UB, MO_SB, MO_UL, MO_UW, MO_UB, MO_SW };
    int op = FLD('o');
    gen_ldst(s, op >= 3, mops[op], FLD('t'), FLD('n'), load_reg(s, FLD('m')), true, true,
             false);
    return true;
}

/* STR/LDR/STRB/LDRB <Rt>, [<Rn>{, #<imm5>}] */
static bool trans_LDR_STR_imm_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool byte = FLD('B');
    gen_ldst(s, FLD('L'), byte ? MO_UB : MO_UL, FLD('t'), FLD('n'),
             tconst(s, FLD('i') << (byte ? 0 : 2)), true, true, false);
    return true;
}

/* STRH/LDRH <Rt>, [<Rn>{, #<imm5>}] */
static bool trans_LDRH_STRH_imm_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_ldst(s, FLD('L'), MO_UW, FLD('t'), FLD('n'), tconst(s, FLD('i') << 1), true, true,
             false);
    return true;
}

/* STR/LDR <Rt>, [SP{, #<imm8>}] */
static bool trans_LDR_STR_sp_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_ldst(s, FLD('L'), MO_UL, FLD('t'), 13, tconst(s, FLD('i') << 2), true, true, false);
    return true;
}

/* ADR <Rd>, <label> */
static bool trans_ADR_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), tconst(s, thumb_pc_aligned(s) + (FLD('i') << 2)));
    return true;
}

/* ADD <Rd>, SP, #<imm8> */
static bool trans_ADD_sp_imm_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, DP_ADD, false, FLD('d'), load_reg(s, 13), tconst(s, FLD('i') << 2));
    return true;
}

/* ADD SP, SP, #<imm7> / SUB SP, SP, #<imm7> */
static bool trans_ADD_SUB_sp_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, FLD('o') ? DP_SUB : DP_ADD, false, 13, load_reg(s, 13),
           tconst(s, FLD('i') << 2));
    return true;
}

/* CBZ <Rn>, <label> / CBNZ <Rn>, <label> */
static bool trans_CBZ_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRLabel not_taken = ir_new_label(s->f);
    IRTemp v = load_reg(s, FLD('n'));
    ir_brcondi_i32(s->f, FLD('o') ? IR_COND_EQ : IR_COND_NE, v, 0, not_taken);
    gen_branch_if(s, not_taken, s->pc + 4 + (FLD('i') << 1));
    return true;
}

/* SXTH SXTB UXTH UXTB <Rd>, <Rm> */
static bool trans_SXT_UXT_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int op = FLD('o');
    store_reg(s, FLD('d'), gen_extend(s, load_reg(s, FLD('m')), !(op & 1), op >> 1));
    return true;
}

/* PUSH <registers>  (STMDB SP!) */
static bool trans_PUSH_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_ldm_stm(s, 13, FLD('r') | (FLD('l') << 14), false, true, true);
}

/* POP <registers>  (LDMIA SP!; POP {pc} interworks) */
static bool trans_POP_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_ldm_stm(s, 13, FLD('r') | (FLD('p') << 15), true, true, false);
}

/* SETEND <endian_specifier>  (only LE is supported) */
static bool trans_SETEND_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return FLD('E') ? gen_undef(s) : true;
}

/* CPS<effect> <iflags>  (executes as a NOP in User mode) */
static bool trans_CPS_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return true;
}

/* REV REV16 REVSH <Rd>, <Rm> */
static bool trans_REV_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    if (FLD('o') == 2) {
        return false; /* HLT (ARMv8) */
    }
    store_reg(s, FLD('d'), gen_rev_family(s, FLD('o'), load_reg(s, FLD('m'))));
    return true;
}

/* BKPT #<imm8> */
static bool trans_BKPT_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_exception_insn(s, ARM_EXCP_BKPT);
    return true;
}

/* WFE/WFI/YIELD: give other guest threads a chance in spin loops. */
static void gen_yield(DisasContext *s)
{
    gen_exception_next(s, ARM_EXCP_YIELD);
}

/* NOP YIELD WFE WFI SEV  (hints; unallocated hints are NOPs) */
static bool trans_HINT_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned op = FLD('o');
    if (op >= 1 && op <= 3) {
        gen_yield(s);
    }
    return true;
}

/* IT{<x>{<y>{<z>}}} <firstcond> */
static bool trans_IT_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned cond = FLD('c'), mask = FLD('m');
    if (cond == 15 || (cond == 14 && __builtin_popcount(mask) != 1)) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    s->itstate = (cond << 4) | mask;
    s->it_set = true;
    return true;
}

/* STM <Rn>!, <registers> */
static bool trans_STM_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_ldm_stm(s, FLD('n'), FLD('r'), false, true, false);
}

/* LDM <Rn>{!}, <registers>  (writeback unless Rn is in the list) */
static bool trans_LDM_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rn = FLD('n');
    uint32_t list = FLD('r');
    return gen_ldm_stm(s, rn, list, true, !(list & (1u << rn)), false);
}

/* UDF #<imm8> */
static bool trans_UDF_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_undef(s);
}

/* SVC #<imm8> */
static bool trans_SVC_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_exception_next(s, ARM_EXCP_SWI);
    return true;
}

/* B<c> <label> */
static bool trans_B_cond_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRLabel not_taken = ir_new_label(s->f);
    gen_test_cc_skip(s, FLD('c'), not_taken);
    gen_branch_if(s, not_taken, s->pc + 4 + ((uint32_t)SFLD('i') << 1));
    return true;
}

/* B <label> */
static bool trans_B_T16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_jmp(s, s->pc + 4 + ((uint32_t)SFLD('i') << 1));
    return true;
}

static DecodeEntry t16_entries[] = {
    DECODE(ADD_SUB_reg_T16,           "000110ommmnnnddd"),
    DECODE(ADD_SUB_imm3_T16,          "000111oiiinnnddd"),
    DECODE(LSL_LSR_ASR_imm_T16,       "000ttiiiiimmmddd"),
    DECODE(MOV_CMP_ADD_SUB_imm8_T16,  "001oodddiiiiiiii"),
    DECODE(ALU_reg_T16,               "010000oooommmddd"),
    DECODE(ADD_hi_T16,                "01000100dmmmmddd"),
    DECODE(CMP_hi_T16,                "01000101nmmmmnnn"),
    DECODE(MOV_hi_T16,                "01000110dmmmmddd"),
    DECODE(BX_T16,                    "010001110mmmm---"),
    DECODE(BLX_reg_T16,               "010001111mmmm---"),
    DECODE(LDR_lit_T16,               "01001tttiiiiiiii"),
    DECODE(LDR_STR_reg_T16,           "0101ooommmnnnttt"),
    DECODE(LDR_STR_imm_T16,           "011BLiiiiinnnttt"),
    DECODE(LDRH_STRH_imm_T16,         "1000Liiiiinnnttt"),
    DECODE(LDR_STR_sp_T16,            "1001Ltttiiiiiiii"),
    DECODE(ADR_T16,                   "10100dddiiiiiiii"),
    DECODE(ADD_sp_imm_T16,            "10101dddiiiiiiii"),
    DECODE(ADD_SUB_sp_T16,            "10110000oiiiiiii"),
    DECODE(CBZ_T16,                   "1011o0i1iiiiinnn"),
    DECODE(SXT_UXT_T16,               "10110010oommmddd"),
    DECODE(PUSH_T16,                  "1011010lrrrrrrrr"),
    DECODE(SETEND_T16,                "101101100101E000"),
    DECODE(CPS_T16,                   "10110110011-0---"),
    DECODE(REV_T16,                   "10111010oommmddd"),
    DECODE(POP_T16,                   "1011110prrrrrrrr"),
    DECODE(BKPT_T16,                  "10111110iiiiiiii"),
    DECODE(HINT_T16,                  "10111111oooo0000"),
    DECODE(IT_T16,                    "10111111ccccmmmm"),
    DECODE(STM_T16,                   "11000nnnrrrrrrrr"),
    DECODE(LDM_T16,                   "11001nnnrrrrrrrr"),
    DECODE(UDF_T16,                   "11011110iiiiiiii"),
    DECODE(SVC_T16,                   "11011111iiiiiiii"),
    DECODE(B_cond_T16,                "1101cccciiiiiiii"),
    DECODE(B_T16,                     "11100iiiiiiiiiii"),
};

DECODE_TABLE(arm_t16_table, "t16", 16, t16_entries);

bool arm_decode_t16(DisasContext *s, uint32_t insn)
{
    return decode_dispatch(&arm_t16_table, s, insn);
}

/* ------------------------------------------------------------------------ */
/* T32: data processing                                                      */
/* ------------------------------------------------------------------------ */

/* ThumbExpandImm: `rotated` says whether the carry-out is bit 31 (else C unchanged). */
static uint32_t t32_expand_imm(uint32_t imm12, bool *rotated)
{
    uint32_t imm8 = imm12 & 0xff;
    if ((imm12 >> 10) == 0) {
        *rotated = false;
        switch ((imm12 >> 8) & 3) {
        case 0:
            return imm8;
        case 1:
            return imm8 * 0x00010001u;
        case 2:
            return imm8 * 0x01000100u;
        default:
            return imm8 * 0x01010101u;
        }
    }
    *rotated = true;
    uint32_t unrot = 0x80 | (imm12 & 0x7f), rot = imm12 >> 7; /* rot is 8..31 */
    return (unrot >> rot) | (unrot << (32 - rot));
}

/* Whether bits 24:21 name an allocated op of the modified-immediate/shifted forms. */
static bool t32_dp_op_valid(int op)
{
    return op <= DP_EOR || op == DP_ADD || op == DP_ADC || op == DP_SBC || op == DP_SUB ||
           op == DP_RSB;
}

/*
 * Common tail of the T32 data-processing forms: resolves TST/TEQ/CMN/CMP (Rd == PC with
 * S) and MOV/MVN (ORR/ORN with Rn == PC), then computes. `b` is the second operand, with
 * the carry already set for flag-setting logical ops.
 */
static void gen_t32_dp(DisasContext *s, int op, bool setflags, int rd, int rn, IRTemp b)
{
    if (rd == 15 && setflags &&
        (op == DP_AND || op == DP_EOR || op == DP_ADD || op == DP_SUB)) {
        rd = -1;
    }
    if (rn == 15 && (op == DP_ORR || op == DP_ORN)) {
        op = op == DP_ORR ? DP_MOV : DP_MVN;
    }
    IRTemp a = (op == DP_MOV || op == DP_MVN) ? b : load_reg(s, rn);
    gen_dp(s, op, setflags, rd, a, b);
}

/*
 * AND/TST BIC ORR/MOV ORN/MVN EOR/TEQ ADD/CMN ADC SBC SUB/CMP RSB
 *   <op>{S}<c>.W <Rd>, <Rn>, #<const>
 */
static bool trans_ALU_imm_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int op = FLD('o');
    bool sf = FLD('S'), rotated;
    if (!t32_dp_op_valid(op)) {
        return false;
    }
    uint32_t imm = t32_expand_imm(FLD('i'), &rotated);
    if (sf && rotated && dp_is_logical(op)) {
        gen_set_CF_bit31(s, imm);
    }
    gen_t32_dp(s, op, sf, FLD('d'), FLD('n'), tconst(s, imm));
    return true;
}

/*
 * AND/TST BIC ORR/MOV ORN/MVN EOR/TEQ ADD/CMN ADC SBC SUB/CMP RSB
 *   <op>{S}<c>.W <Rd>, <Rn>, <Rm>{, <shift>}   (MOV with shift is LSL/LSR/ASR/ROR/RRX #)
 */
static bool trans_ALU_reg_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int op = FLD('o');
    bool sf = FLD('S');
    if (!t32_dp_op_valid(op)) {
        return false;
    }
    IRTemp b = gen_shift_imm(s, load_reg(s, FLD('m')), FLD('t'), FLD('i'),
                             sf && dp_is_logical(op));
    gen_t32_dp(s, op, sf, FLD('d'), FLD('n'), b);
    return true;
}

/* PKHBT <Rd>, <Rn>, <Rm>{, LSL #<imm>} / PKHTB <Rd>, <Rn>, <Rm>{, ASR #<imm>} */
static bool trans_PKH_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool tb = FLD('T');
    IRTemp rn = load_reg(s, FLD('n'));
    IRTemp b = gen_shift_imm(s, load_reg(s, FLD('m')), tb ? 2 : 0, FLD('i'), false);
    IRTemp r = new_tmp(s);
    if (tb) {
        ir_deposit_i32(s->f, r, rn, b, 0, 16);
    } else {
        ir_deposit_i32(s->f, r, b, rn, 0, 16);
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* LSL/LSR/ASR/ROR{S}<c>.W <Rd>, <Rn>, <Rm> */
static bool trans_LSL_LSR_ASR_ROR_reg_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool sf = FLD('S');
    IRTemp r = gen_shift_reg(s, load_reg(s, FLD('n')), FLD('t'), load_reg(s, FLD('m')), sf);
    if (sf) {
        gen_logic_CC(s, r);
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* ADDW <Rd>, <Rn>, #<imm12> / ADR.W <Rd>, <label> (Rn == PC) */
static bool trans_ADDW_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rn = FLD('n');
    IRTemp a = rn == 15 ? tconst(s, thumb_pc_aligned(s)) : load_reg(s, rn);
    gen_dp(s, DP_ADD, false, FLD('d'), a, tconst(s, FLD('i')));
    return true;
}

/* SUBW <Rd>, <Rn>, #<imm12> / ADR.W <Rd>, <label> (Rn == PC, label before the insn) */
static bool trans_SUBW_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rn = FLD('n');
    IRTemp a = rn == 15 ? tconst(s, thumb_pc_aligned(s)) : load_reg(s, rn);
    gen_dp(s, DP_SUB, false, FLD('d'), a, tconst(s, FLD('i')));
    return true;
}

static uint32_t t32_imm16(uint32_t insn, const DecodeEntry *e)
{
    return (FLD('k') << 12) | (FLD('j') << 11) | FLD('i');
}

/* MOVW <Rd>, #<imm16> */
static bool trans_MOVW_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), tconst(s, t32_imm16(insn, e)));
    return true;
}

/* MOVT <Rd>, #<imm16> */
static bool trans_MOVT_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rd = FLD('d');
    IRTemp r = new_tmp(s);
    ir_deposit_i32(s->f, r, load_reg(s, rd), tconst(s, t32_imm16(insn, e)), 16, 16);
    store_reg(s, rd, r);
    return true;
}

/* SSAT16 <Rd>, #<imm>, <Rn> */
static bool trans_SSAT16_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), gen_ssat16(s, load_reg(s, FLD('n')), FLD('s') + 1));
    return true;
}

/* USAT16 <Rd>, #<imm>, <Rn> */
static bool trans_USAT16_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), gen_usat16(s, load_reg(s, FLD('n')), FLD('s')));
    return true;
}

/* SSAT <Rd>, #<imm>, <Rn>{, <shift>} */
static bool trans_SSAT_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp v = gen_shift_imm(s, load_reg(s, FLD('n')), FLD('h') ? 2 : 0, FLD('i'), false);
    store_reg(s, FLD('d'), gen_ssat(s, v, FLD('s') + 1));
    return true;
}

/* USAT <Rd>, #<imm>, <Rn>{, <shift>} */
static bool trans_USAT_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp v = gen_shift_imm(s, load_reg(s, FLD('n')), FLD('h') ? 2 : 0, FLD('i'), false);
    store_reg(s, FLD('d'), gen_usat(s, v, FLD('s')));
    return true;
}

/* SBFX <Rd>, <Rn>, #<lsb>, #<width> / UBFX */
static bool trans_SBFX_UBFX_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned lsb = FLD('i'), width = FLD('w') + 1;
    if (lsb + width > 32) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    IRTemp r = new_tmp(s);
    if (FLD('U')) {
        ir_extract_i32(s->f, r, load_reg(s, FLD('n')), lsb, width);
    } else {
        ir_sextract_i32(s->f, r, load_reg(s, FLD('n')), lsb, width);
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* BFI <Rd>, <Rn>, #<lsb>, #<width> / BFC <Rd>, #<lsb>, #<width> (Rn == PC) */
static bool trans_BFI_BFC_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rd = FLD('d'), rn = FLD('n');
    unsigned lsb = FLD('i'), msb = FLD('m');
    if (msb < lsb) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    IRTemp r = new_tmp(s);
    IRTemp src = rn == 15 ? tconst(s, 0) : load_reg(s, rn);
    ir_deposit_i32(s->f, r, load_reg(s, rd), src, lsb, msb - lsb + 1);
    store_reg(s, rd, r);
    return true;
}

/* SXTAH SXTAB16 SXTAB UXTAH UXTAB16 UXTAB <Rd>, <Rn>, <Rm>{, <rotation>}
 * (SXTH SXTB16 SXTB UXTH UXTB16 UXTB when Rn == PC) */
static bool trans_SXTA_UXTA_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int op = FLD('o'), rn = FLD('n');
    bool is_unsigned = op & 1;
    if (op >= 6) {
        return false;
    }
    IRTemp v = load_reg(s, FLD('m'));
    unsigned rot = FLD('r') * 8;
    if (rot) {
        IRTemp t = new_tmp(s);
        ir_rotri_i32(s->f, t, v, rot);
        v = t;
    }
    IRTemp r;
    if ((op >> 1) == 1) {
        r = gen_xtb16(s, v, !is_unsigned);
        if (rn != 15) {
            r = gen_add16(s, load_reg(s, rn), r);
        }
    } else {
        r = gen_extend(s, v, op >> 1 ? 0 : 1, is_unsigned);
        if (rn != 15) {
            IRTemp t = new_tmp(s);
            ir_add_i32(s->f, t, load_reg(s, rn), r);
            r = t;
        }
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/*
 * {S,Q,SH,U,UQ,UH}{ADD16,ASX,SAX,SUB16,ADD8,SUB8} <Rd>, <Rn>, <Rm>
 */
static bool trans_PARALLEL_addsub_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    /* T32 op1 -> A32 op2 numbering used by gen_parallel_addsub; -1 unallocated. */
    static const int8_t ops[8] = { 4, 0, 1, -1, 7, 3, 2, -1 };
    unsigned op2 = FLD('p');
    int op = ops[FLD('o')];
    if (op < 0 || (op2 & 3) == 3) {
        return false;
    }
    unsigned prefix = (op2 & 4) + (op2 & 3) + 1;
    store_reg(s, FLD('d'),
              gen_parallel_addsub(s, prefix, op, load_reg(s, FLD('n')), load_reg(s, FLD('m'))));
    return true;
}

/* QADD QDADD QSUB QDSUB <Rd>, <Rm>, <Rn> */
static bool trans_QADD_QSUB_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    static const uint8_t ops[4] = { 0, 2, 1, 3 };
    store_reg(s, FLD('d'), gen_qaddsub(s, ops[FLD('o')], load_reg(s, FLD('m')),
                                       load_reg(s, FLD('n'))));
    return true;
}

/* REV REV16 RBIT REVSH <Rd>, <Rm> */
static bool trans_REV_RBIT_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), gen_rev_family(s, FLD('o'), load_reg(s, FLD('m'))));
    return true;
}

/* SEL <Rd>, <Rn>, <Rm> */
static bool trans_SEL_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), gen_sel(s, load_reg(s, FLD('n')), load_reg(s, FLD('m'))));
    return true;
}

/* CLZ <Rd>, <Rm> */
static bool trans_CLZ_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp r = new_tmp(s);
    ir_clz_i32(s->f, r, load_reg(s, FLD('m')));
    store_reg(s, FLD('d'), r);
    return true;
}

/* ------------------------------------------------------------------------ */
/* T32: multiplies and divides                                               */
/* ------------------------------------------------------------------------ */

/* MUL <Rd>, <Rn>, <Rm> / MLA <Rd>, <Rn>, <Rm>, <Ra> / MLS <Rd>, <Rn>, <Rm>, <Ra> */
static bool trans_MLA_MUL_MLS_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int ra = FLD('a');
    bool mls = FLD('o');
    IRTemp r = new_tmp(s);
    ir_mul_i32(s->f, r, load_reg(s, FLD('n')), load_reg(s, FLD('m')));
    if (mls) {
        IRTemp t = new_tmp(s);
        ir_sub_i32(s->f, t, load_reg(s, ra), r);
        r = t;
    } else if (ra != 15) {
        IRTemp t = new_tmp(s);
        ir_add_i32(s->f, t, r, load_reg(s, ra));
        r = t;
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* SMUL<x><y> <Rd>, <Rn>, <Rm> / SMLA<x><y> <Rd>, <Rn>, <Rm>, <Ra> */
static bool trans_SMLAxy_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int ra = FLD('a');
    IRTemp r = gen_mul16(s, load_reg(s, FLD('n')), FLD('N'), load_reg(s, FLD('m')), FLD('M'));
    if (ra != 15) {
        r = gen_add_setq(s, r, load_reg(s, ra));
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* SMULW<y> <Rd>, <Rn>, <Rm> / SMLAW<y> <Rd>, <Rn>, <Rm>, <Ra> */
static bool trans_SMLAWy_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    int ra = FLD('a');
    IRTemp h = new_tmp(s), r = new_tmp(s);
    IRTemp a64 = new_tmp64(s), b64 = new_tmp64(s);
    ir_sextract_i32(f, h, load_reg(s, FLD('m')), FLD('M') ? 16 : 0, 16);
    ir_ext_i32_i64(f, a64, load_reg(s, FLD('n')));
    ir_ext_i32_i64(f, b64, h);
    ir_mul_i64(f, a64, a64, b64);
    ir_sari_i64(f, a64, a64, 16);
    ir_extrl_i64_i32(f, r, a64);
    if (ra != 15) {
        r = gen_add_setq(s, r, load_reg(s, ra));
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* The two 16x16 products of the dual multiplies; X swaps the halves of Rm. */
static void gen_dual_products(DisasContext *s, uint32_t insn, const DecodeEntry *e,
                              IRTemp *p1, IRTemp *p2)
{
    IRTemp rn = load_reg(s, FLD('n')), rm = load_reg(s, FLD('m'));
    bool x = FLD('X');
    *p1 = gen_mul16(s, rn, false, rm, x);
    *p2 = gen_mul16(s, rn, true, rm, !x);
}

/*
 * SMUAD{X} <Rd>, <Rn>, <Rm> / SMLAD{X} <Rd>, <Rn>, <Rm>, <Ra>
 * SMUSD{X} <Rd>, <Rn>, <Rm> / SMLSD{X} <Rd>, <Rn>, <Rm>, <Ra>
 * The sum is formed in 64 bits; Q is set if it does not fit in 32.
 */
static bool trans_SMLAD_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    int ra = FLD('a');
    bool sub = (insn >> 22) & 1; /* op1 010 SMLAD, 100 SMLSD */
    IRTemp p1, p2;
    gen_dual_products(s, insn, e, &p1, &p2);
    IRTemp s64 = new_tmp64(s), t64 = new_tmp64(s);
    ir_ext_i32_i64(f, s64, p1);
    ir_ext_i32_i64(f, t64, p2);
    if (sub) {
        ir_sub_i64(f, s64, s64, t64);
    } else {
        ir_add_i64(f, s64, s64, t64);
    }
    if (ra != 15) {
        IRTemp a64 = new_tmp64(s);
        ir_ext_i32_i64(f, a64, load_reg(s, ra));
        ir_add_i64(f, s64, s64, a64);
    }
    IRTemp r = new_tmp(s), chk = new_tmp64(s), q = new_tmp(s);
    ir_extrl_i64_i32(f, r, s64);
    ir_ext_i32_i64(f, chk, r);
    ir_setcond_i64(f, IR_COND_NE, q, chk, s64);
    ir_or_i32(f, cpu_QF, cpu_QF, q);
    store_reg(s, FLD('d'), r);
    return true;
}

/* SMUSD{X} <Rd>, <Rn>, <Rm> / SMLSD{X} <Rd>, <Rn>, <Rm>, <Ra> */
static bool trans_SMLSD_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return trans_SMLAD_T32(s, insn, e);
}

/* SMLALD{X} <RdLo>, <RdHi>, <Rn>, <Rm> / SMLSLD{X} */
static bool trans_SMLALD_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    int rlo = FLD('l'), rhi = FLD('h');
    IRTemp p1, p2;
    gen_dual_products(s, insn, e, &p1, &p2);
    IRTemp acc = new_tmp64(s), t64 = new_tmp64(s);
    ir_mov_i64(f, acc, load_reg_pair(s, rlo, rhi));
    ir_ext_i32_i64(f, t64, p1);
    ir_add_i64(f, acc, acc, t64);
    t64 = new_tmp64(s);
    ir_ext_i32_i64(f, t64, p2);
    if (FLD('o')) {
        ir_sub_i64(f, acc, acc, t64);
    } else {
        ir_add_i64(f, acc, acc, t64);
    }
    store_reg_pair(s, rlo, rhi, acc);
    return true;
}

/* SMMUL{R} <Rd>, <Rn>, <Rm> / SMMLA{R} <Rd>, <Rn>, <Rm>, <Ra> (also SMMLS, below) */
static bool trans_SMMLA_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    int ra = FLD('a');
    bool mls = (insn >> 21) & 1; /* op1 101 SMMLA, 110 SMMLS */
    if (mls && ra == 15) {
        return false;
    }
    IRTemp a64 = new_tmp64(s), b64 = new_tmp64(s), acc = new_tmp64(s);
    ir_ext_i32_i64(f, a64, load_reg(s, FLD('n')));
    ir_ext_i32_i64(f, b64, load_reg(s, FLD('m')));
    ir_mul_i64(f, a64, a64, b64);
    if (ra != 15) {
        ir_concat_i32_i64(f, acc, tconst(s, 0), load_reg(s, ra));
        if (mls) {
            ir_sub_i64(f, acc, acc, a64);
        } else {
            ir_add_i64(f, acc, acc, a64);
        }
    } else {
        ir_mov_i64(f, acc, a64);
    }
    if (FLD('R')) {
        ir_addi_i64(f, acc, acc, 0x80000000u);
    }
    IRTemp r = new_tmp(s);
    ir_extrh_i64_i32(f, r, acc);
    store_reg(s, FLD('d'), r);
    return true;
}

/* SMMLS{R} <Rd>, <Rn>, <Rm>, <Ra> */
static bool trans_SMMLS_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return trans_SMMLA_T32(s, insn, e);
}

/* USAD8 <Rd>, <Rn>, <Rm> / USADA8 <Rd>, <Rn>, <Rm>, <Ra> */
static bool trans_USADA8_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int ra = FLD('a');
    IRTemp r = gen_usad8(s, load_reg(s, FLD('n')), load_reg(s, FLD('m')));
    if (ra != 15) {
        IRTemp t = new_tmp(s);
        ir_add_i32(s->f, t, r, load_reg(s, ra));
        r = t;
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* SMULL UMULL SMLAL UMLAL <RdLo>, <RdHi>, <Rn>, <Rm>  (U: unsigned, A: accumulate) */
static bool trans_MULL_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    int rlo = FLD('l'), rhi = FLD('h');
    IRTemp lo, hi;
    gen_mull(s, &lo, &hi, load_reg(s, FLD('n')), load_reg(s, FLD('m')), !FLD('U'));
    if (FLD('A')) {
        IRTemp p = new_tmp64(s), acc = new_tmp64(s);
        ir_concat_i32_i64(f, p, lo, hi);
        ir_concat_i32_i64(f, acc, load_reg(s, rlo), load_reg(s, rhi));
        ir_add_i64(f, acc, acc, p);
        lo = new_tmp(s);
        hi = new_tmp(s);
        ir_extrl_i64_i32(f, lo, acc);
        ir_extrh_i64_i32(f, hi, acc);
    }
    store_reg(s, rlo, lo);
    store_reg(s, rhi, hi);
    return true;
}

/* SMLAL<x><y> <RdLo>, <RdHi>, <Rn>, <Rm> */
static bool trans_SMLALxy_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    int rlo = FLD('l'), rhi = FLD('h');
    IRTemp p = gen_mul16(s, load_reg(s, FLD('n')), FLD('N'), load_reg(s, FLD('m')), FLD('M'));
    IRTemp p64 = new_tmp64(s), acc = new_tmp64(s);
    ir_ext_i32_i64(f, p64, p);
    ir_concat_i32_i64(f, acc, load_reg(s, rlo), load_reg(s, rhi));
    ir_add_i64(f, acc, acc, p64);
    store_reg_pair(s, rlo, rhi, acc);
    return true;
}

/* UMAAL <RdLo>, <RdHi>, <Rn>, <Rm> */
static bool trans_UMAAL_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    int rlo = FLD('l'), rhi = FLD('h');
    IRTemp lo, hi;
    gen_mull(s, &lo, &hi, load_reg(s, FLD('n')), load_reg(s, FLD('m')), false);
    IRTemp acc = new_tmp64(s), t = new_tmp64(s);
    ir_concat_i32_i64(f, acc, lo, hi);
    ir_extu_i32_i64(f, t, load_reg(s, rlo));
    ir_add_i64(f, acc, acc, t);
    t = new_tmp64(s);
    ir_extu_i32_i64(f, t, load_reg(s, rhi));
    ir_add_i64(f, acc, acc, t);
    lo = new_tmp(s);
    hi = new_tmp(s);
    ir_extrl_i64_i32(f, lo, acc);
    ir_extrh_i64_i32(f, hi, acc);
    store_reg(s, rlo, lo);
    store_reg(s, rhi, hi);
    return true;
}

/* SDIV <Rd>, <Rn>, <Rm> / UDIV  (division by zero gives 0) */
static bool trans_DIV_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    if (!arm_has_feature(ARM_FEATURE_IDIVT)) {
        return false; /* a CPU model without divide (Cortex-A9): UNDEFINED */
    }
    IRTemp r = new_tmp(s);
    (FLD('U') ? ir_divu_i32 : ir_div_i32)(s->f, r, load_reg(s, FLD('n')),
                                          load_reg(s, FLD('m')));
    store_reg(s, FLD('d'), r);
    return true;
}

/* ------------------------------------------------------------------------ */
/* T32: loads and stores                                                     */
/* ------------------------------------------------------------------------ */

static const MemOp t32_ld_mops[2][3] = {
    { MO_UB, MO_UW, MO_UL },
    { MO_SB, MO_SW, 0 },
};

/* Whether a load form is valid and, with Rt == PC on a byte/halfword, a hint. */
static bool t32_load_check(uint32_t insn, const DecodeEntry *e, bool *hint)
{
    unsigned sz = FLD('z');
    bool sign = FLD('Y');
    *hint = FLD('t') == 15 && sz != 2;
    return sz != 3 && !(sign && sz == 2);
}

/* LDR{B,SB,H,SH}<c>.W <Rt>, <label>  (PLD/PLI <label> when Rt == PC) */
static bool trans_LDR_lit_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool hint;
    if (!t32_load_check(insn, e, &hint)) {
        return false;
    }
    if (hint) {
        return true;
    }
    uint32_t base = thumb_pc_aligned(s), imm = FLD('i');
    uint32_t addr = FLD('U') ? base + imm : base - imm;
    gen_load_to_reg(s, FLD('t'), tconst(s, addr), t32_ld_mops[FLD('Y')][FLD('z')]);
    return true;
}

/* LDR{B,SB,H,SH}<c>.W <Rt>, [<Rn>{, #<imm12>}]  (PLD/PLDW/PLI when Rt == PC) */
static bool trans_LDR_imm12_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool hint;
    if (!t32_load_check(insn, e, &hint)) {
        return false;
    }
    if (hint) {
        return true;
    }
    gen_ldst(s, true, t32_ld_mops[FLD('Y')][FLD('z')], FLD('t'), FLD('n'),
             tconst(s, FLD('i')), true, true, false);
    return true;
}

/*
 * LDR{B,SB,H,SH}<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]!
 * LDR{B,SB,H,SH}T <Rt>, [<Rn>, #<imm8>]  (PUW == 110; user mode: a plain load)
 */
static bool trans_LDR_imm8_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool hint, p = FLD('p'), u = FLD('u'), w = FLD('w');
    if (!t32_load_check(insn, e, &hint) || (!p && !w)) {
        return false;
    }
    if (hint) {
        /* Only PLD/PLI [<Rn>, #-<imm8>] is a hint; other forms are UNPREDICTABLE. */
        return (p && !u && !w) ? true : gen_undef(s);
    }
    gen_ldst(s, true, t32_ld_mops[FLD('Y')][FLD('z')], FLD('t'), FLD('n'),
             tconst(s, FLD('i')), p, u, w);
    return true;
}

/* LDR{B,SB,H,SH}<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}] */
static bool trans_LDR_reg_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool hint;
    if (!t32_load_check(insn, e, &hint)) {
        return false;
    }
    if (hint) {
        return true;
    }
    IRTemp off = new_tmp(s);
    ir_shli_i32(s->f, off, load_reg(s, FLD('m')), FLD('i'));
    gen_ldst(s, true, t32_ld_mops[FLD('Y')][FLD('z')], FLD('t'), FLD('n'), off, true, true,
             false);
    return true;
}

/* STR{B,H}<c>.W <Rt>, [<Rn>{, #<imm12>}] */
static bool trans_STR_imm12_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned sz = FLD('z');
    if (sz == 3) {
        return false;
    }
    if (FLD('n') == 15) {
        return gen_undef(s);
    }
    gen_ldst(s, false, (MemOp)sz, FLD('t'), FLD('n'), tconst(s, FLD('i')), true, true, false);
    return true;
}

/* STR{B,H}<c> <Rt>, [<Rn>, #-<imm8>] / [<Rn>], #+/-<imm8> / [<Rn>, #+/-<imm8>]! / STR{B,H}T */
static bool trans_STR_imm8_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned sz = FLD('z');
    bool p = FLD('p'), w = FLD('w');
    if (sz == 3 || (!p && !w)) {
        return false;
    }
    if (FLD('n') == 15) {
        return gen_undef(s);
    }
    gen_ldst(s, false, (MemOp)sz, FLD('t'), FLD('n'), tconst(s, FLD('i')), p, FLD('u'), w);
    return true;
}

/* STR{B,H}<c>.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}] */
static bool trans_STR_reg_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned sz = FLD('z');
    if (sz == 3) {
        return false;
    }
    if (FLD('n') == 15) {
        return gen_undef(s);
    }
    IRTemp off = new_tmp(s);
    ir_shli_i32(s->f, off, load_reg(s, FLD('m')), FLD('i'));
    gen_ldst(s, false, (MemOp)sz, FLD('t'), FLD('n'), off, true, true, false);
    return true;
}

/*
 * LDRD <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}] (and post/pre-indexed forms, and <label>)
 * STRD <Rt>, <Rt2>, [<Rn>{, #+/-<imm>}] ...
 */
static bool trans_LDRD_STRD_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    bool p = FLD('p'), u = FLD('u'), w = FLD('w'), load = FLD('L');
    int rn = FLD('n'), rt = FLD('t'), rt2 = FLD('T');
    if (!p && !w) {
        return false; /* exclusives and table branches */
    }
    if (rn == 15 && (!load || w)) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    IRTemp base = rn == 15 ? tconst(s, thumb_pc_aligned(s)) : load_reg(s, rn);
    IRTemp oaddr = new_tmp(s);
    if (u) {
        ir_addi_i32(f, oaddr, base, FLD('i') << 2);
    } else {
        ir_subi_i32(f, oaddr, base, FLD('i') << 2);
    }
    IRTemp a1 = p ? oaddr : base, a2 = new_tmp(s);
    ir_addi_i32(f, a2, a1, 4);
    if (load) {
        IRTemp v1 = gen_ld(s, a1, MO_UL);
        IRTemp v2 = gen_ld(s, a2, MO_UL);
        store_reg(s, rt, v1);
        store_reg(s, rt2, v2);
        if (w) {
            store_reg(s, rn, oaddr); /* UNPREDICTABLE if rn is rt/rt2: base wins, as qemu */
        }
    } else {
        gen_st(s, load_reg(s, rt), a1, MO_UL);
        gen_st(s, load_reg(s, rt2), a2, MO_UL);
        if (w) {
            store_reg(s, rn, oaddr);
        }
    }
    return true;
}

/* LDREX <Rt>, [<Rn>{, #<imm>}] */
static bool trans_LDREX_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp addr = new_tmp(s);
    ir_addi_i32(s->f, addr, load_reg(s, FLD('n')), FLD('i') << 2);
    gen_ldrex(s, addr, 2, FLD('t'), 0);
    return true;
}

/* STREX <Rd>, <Rt>, [<Rn>{, #<imm>}] */
static bool trans_STREX_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp addr = new_tmp(s);
    ir_addi_i32(s->f, addr, load_reg(s, FLD('n')), FLD('i') << 2);
    gen_strex(s, FLD('d'), addr, 2, FLD('t'), 0);
    return true;
}

/* LDREXB <Rt>, [<Rn>] / LDREXH */
static bool trans_LDREXB_H_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_ldrex(s, load_reg(s, FLD('n')), FLD('z'), FLD('t'), 0);
    return true;
}

/* STREXB <Rd>, <Rt>, [<Rn>] / STREXH */
static bool trans_STREXB_H_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_strex(s, FLD('d'), load_reg(s, FLD('n')), FLD('z'), FLD('t'), 0);
    return true;
}

/* LDREXD <Rt>, <Rt2>, [<Rn>] */
static bool trans_LDREXD_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_ldrex(s, load_reg(s, FLD('n')), 3, FLD('t'), FLD('T'));
    return true;
}

/* STREXD <Rd>, <Rt>, <Rt2>, [<Rn>] */
static bool trans_STREXD_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_strex(s, FLD('d'), load_reg(s, FLD('n')), 3, FLD('t'), FLD('T'));
    return true;
}

/* TBB [<Rn>, <Rm>] / TBH [<Rn>, <Rm>, LSL #1] */
static bool trans_TBB_TBH_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRFunc *f = s->f;
    bool half = FLD('h');
    IRTemp addr = new_tmp(s), off = load_reg(s, FLD('m'));
    if (half) {
        ir_shli_i32(f, off, off, 1);
    }
    ir_add_i32(f, addr, load_reg(s, FLD('n')), off);
    IRTemp v = gen_ld(s, addr, half ? MO_UW : MO_UB);
    IRTemp dest = new_tmp(s);
    ir_shli_i32(f, dest, v, 1);
    ir_addi_i32(f, dest, dest, s->pc + 4);
    store_reg(s, 15, dest);
    return true;
}

/*
 * STM<c>.W <Rn>{!}, <registers> / LDM<c>.W (IA; POP.W when Rn == SP with writeback)
 * STMDB<c> <Rn>{!}, <registers> / LDMDB<c> (PUSH.W when Rn == SP with writeback)
 */
static bool trans_LDM_STM_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned mode = FLD('o');
    bool load = FLD('L');
    if (mode == 0 || mode == 3) {
        return false; /* SRS, RFE: not in user mode */
    }
    uint32_t list = FLD('r') | (FLD('m') << 14) | (load ? FLD('p') << 15 : 0);
    return gen_ldm_stm(s, FLD('n'), list, load, FLD('w'), mode == 2);
}

/* ------------------------------------------------------------------------ */
/* T32: branches and miscellaneous control                                   */
/* ------------------------------------------------------------------------ */

/* imm32 of B (T4), BL, BLX: SignExtend(S:I1:I2:imm10:imm11:'0'), I = NOT(J XOR S). */
static int32_t t32_branch_offset24(uint32_t insn)
{
    uint32_t sgn = (insn >> 26) & 1, j1 = (insn >> 13) & 1, j2 = (insn >> 11) & 1;
    uint32_t i1 = !(j1 ^ sgn), i2 = !(j2 ^ sgn);
    uint32_t v = (sgn << 24) | (i1 << 23) | (i2 << 22) | (((insn >> 16) & 0x3ff) << 12) |
                 ((insn & 0x7ff) << 1);
    return (int32_t)(v << 7) >> 7;
}

/* B<c>.W <label>  (T3: SignExtend(S:J2:J1:imm6:imm11:'0')) */
static bool trans_B_cond_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned cond = FLD('c');
    if (cond >= 14) {
        return false;
    }
    uint32_t v = (((insn >> 26) & 1) << 20) | (((insn >> 11) & 1) << 19) |
                 (((insn >> 13) & 1) << 18) | (((insn >> 16) & 0x3f) << 12) |
                 ((insn & 0x7ff) << 1);
    int32_t off = (int32_t)(v << 11) >> 11;
    IRLabel not_taken = ir_new_label(s->f);
    gen_test_cc_skip(s, cond, not_taken);
    gen_branch_if(s, not_taken, s->pc + 4 + off);
    return true;
}

/* B<c>.W <label>  (T4) */
static bool trans_B_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_jmp(s, s->pc + 4 + t32_branch_offset24(insn));
    return true;
}

/* BL <label> */
static bool trans_BL_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, 14, tconst(s, s->next_pc | 1));
    gen_jmp(s, s->pc + 4 + t32_branch_offset24(insn));
    return true;
}

/* BLX <label>  (to ARM state, target Align(PC, 4) + imm32) */
static bool trans_BLX_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    if (insn & 1) {
        return gen_undef(s); /* H == 1 */
    }
    store_reg(s, 14, tconst(s, s->next_pc | 1));
    gen_jmp_switch(s, thumb_pc_aligned(s) + t32_branch_offset24(insn), false);
    return true;
}

/* MSR<c> APSR_<bits>, <Rn> */
static bool trans_MSR_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned mask = FLD('k');
    if (mask == 0) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    gen_write_apsr(s, load_reg(s, FLD('n')), mask);
    return true;
}

/* MRS<c> <Rd>, APSR */
static bool trans_MRS_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), gen_read_apsr(s));
    return true;
}

/* NOP.W YIELD.W WFE.W WFI.W SEV.W DBG #<option>  (other hints are NOPs) */
static bool trans_HINT_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned op = FLD('o');
    if (op >= 1 && op <= 3) {
        gen_yield(s);
    }
    return true;
}

/* CPS<effect>.W <iflags>{, #<mode>}  (a NOP in User mode) */
static bool trans_CPS_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return true;
}

/* CLREX / DSB #<option> / DMB #<option> / ISB #<option> */
static bool trans_CLREX_DSB_DMB_ISB_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    switch (FLD('o')) {
    case 2:
        gen_clrex(s);
        return true;
    case 4:
    case 5:
        return true; /* x86 ordering is stronger than what the guest can observe */
    case 6:
        /* ISB: end the TB so code modified before it is retranslated. */
        s->is_jmp = DISAS_UPDATE;
        return true;
    default:
        return false;
    }
}

/* BXJ<c> <Rm>  (no Jazelle: behaves as BX) */
static bool trans_BXJ_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_bx(s, load_reg(s, FLD('m')));
    return true;
}

/* UDF.W #<imm16> */
static bool trans_UDF_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_undef(s);
}

/* ------------------------------------------------------------------------ */
/* T32: coprocessor space                                                    */
/* ------------------------------------------------------------------------ */

/*
 * VFP (cp10/cp11) loads/stores, transfers and data processing, then the Advanced SIMD
 * scalar/core transfers of the same space: forwarded in A32 form.
 */
static bool trans_VFP_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    if (((insn >> 24) & 3) == 3) {
        return false; /* Advanced SIMD data processing (111x 1111) */
    }
    uint32_t a32 = (insn & 0x0fffffffu) | 0xe0000000u;
    return arm_decode_vfp(s, a32) || neon_translate_xfer(s, a32);
}

/* Advanced SIMD data processing: T32 111U 1111 is A32 1111 001U. */
static bool trans_NEON_DP_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return neon_translate_dp(s, 0xf2000000u | (insn >> 4 & 0x01000000u) | (insn & 0x00ffffffu));
}

/* Advanced SIMD element and structure loads/stores: T32 1111 1001 is A32 1111 0100. */
static bool trans_NEON_LS_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return neon_translate_ls(s, 0xf4000000u | (insn & 0x00ffffffu));
}

/* MRC p15, <opc1>, <Rt>, <CRn>, <CRm>, <opc2>  (TPIDRURW, TPIDRURO) */
static bool trans_MRC_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned opc1 = FLD('o'), crn = FLD('n'), crm = FLD('m'), opc2 = FLD('p');
    int rt = FLD('t');
    if (opc1 != 0 || rt == 15 || crn != 13 || crm != 0 || (opc2 != 2 && opc2 != 3)) {
        return false;
    }
    store_reg(s, rt, gen_ldenv(s, opc2 == 3 ? ENV_OFF(tpidruro) : ENV_OFF(tpidrurw)));
    return true;
}

/* MCR p15, <opc1>, <Rt>, <CRn>, <CRm>, <opc2>  (TPIDRURW; CP15 barrier operations) */
static bool trans_MCR_T32(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned opc1 = FLD('o'), crn = FLD('n'), crm = FLD('m'), opc2 = FLD('p');
    if (opc1 != 0) {
        return false;
    }
    if (crn == 13 && crm == 0 && opc2 == 2) {
        ir_stenv_i32(s->f, load_reg(s, FLD('t')), ENV_OFF(tpidrurw));
        return true;
    }
    if (crn == 7 && ((crm == 10 && (opc2 == 4 || opc2 == 5)) || (crm == 5 && opc2 == 4))) {
        if (crm == 5) {
            s->is_jmp = DISAS_UPDATE; /* CP15ISB */
        }
        return true; /* CP15DSB, CP15DMB */
    }
    return false;
}

static DecodeEntry t32_entries[] = {
    /* Load/store multiple, dual, exclusive, table branch (1110 100x) */
    DECODE(STREX_T32,                 "111010000100nnnn ttttddddiiiiiiii"),
    DECODE(LDREX_T32,                 "111010000101nnnn tttt----iiiiiiii"),
    DECODE(STREXB_H_T32,              "111010001100nnnn tttt----010zdddd"),
    DECODE(STREXD_T32,                "111010001100nnnn ttttTTTT0111dddd"),
    DECODE(TBB_TBH_T32,               "111010001101nnnn --------000hmmmm"),
    DECODE(LDREXB_H_T32,              "111010001101nnnn tttt----010z----"),
    DECODE(LDREXD_T32,                "111010001101nnnn ttttTTTT0111----"),
    DECODE(LDRD_STRD_T32,             "1110100pu1wLnnnn ttttTTTTiiiiiiii"),
    DECODE(LDM_STM_T32,               "1110100oo0wLnnnn pm-rrrrrrrrrrrrr"),
    /* Data processing, shifted register (1110 101x) */
    DECODE(PKH_T32,                   "111010101100nnnn -iiiddddiiT0mmmm"),
    DECODE(ALU_reg_T32,               "1110101ooooSnnnn -iiiddddiittmmmm"),
    /* Coprocessor space (111x 11xx) */
    DECODE(VFP_T32,                   "111011---------- ----101---------"),
    DECODE(NEON_DP_T32,               "111-1111-------- ----------------"),
    DECODE(NEON_LS_T32,               "11111001---0---- ----------------"),
    DECODE(MRC_T32,                   "11101110ooo1nnnn tttt1111ppp1mmmm"),
    DECODE(MCR_T32,                   "11101110ooo0nnnn tttt1111ppp1mmmm"),
    /* Data processing, plain binary immediate (1111 0x1x, hw2 bit 15 clear) */
    DECODE(ADDW_T32,                  "11110i100000nnnn 0iiiddddiiiiiiii"),
    DECODE(MOVW_T32,                  "11110j100100kkkk 0iiiddddiiiiiiii"),
    DECODE(SUBW_T32,                  "11110i101010nnnn 0iiiddddiiiiiiii"),
    DECODE(MOVT_T32,                  "11110j101100kkkk 0iiiddddiiiiiiii"),
    DECODE(SSAT16_T32,                "11110-110010nnnn 0000dddd00--ssss"),
    DECODE(SSAT_T32,                  "11110-1100h0nnnn 0iiiddddii-sssss"),
    DECODE(SBFX_UBFX_T32,             "11110-11U100nnnn 0iiiddddii-wwwww"),
    DECODE(BFI_BFC_T32,               "11110-110110nnnn 0iiiddddii-mmmmm"),
    DECODE(USAT16_T32,                "11110-111010nnnn 0000dddd00--ssss"),
    DECODE(USAT_T32,                  "11110-1110h0nnnn 0iiiddddii-sssss"),
    /* Data processing, modified immediate (1111 0x0x, hw2 bit 15 clear) */
    DECODE(ALU_imm_T32,               "11110i0ooooSnnnn 0iiiddddiiiiiiii"),
    /* Branches and miscellaneous control (1111 0xxx, hw2 bit 15 set) */
    DECODE(MSR_T32,                   "111100111000nnnn 10-0kk00--------"),
    DECODE(HINT_T32,                  "111100111010---- 10-0-000oooooooo"),
    DECODE(CPS_T32,                   "111100111010---- 10-0------------"),
    DECODE(CLREX_DSB_DMB_ISB_T32,     "111100111011---- 10-0----oooo----"),
    DECODE(BXJ_T32,                   "111100111100mmmm 10-0------------"),
    DECODE(MRS_T32,                   "111100111110---- 10-0dddd--------"),
    DECODE(UDF_T32,                   "111101111111---- 1010------------"),
    DECODE(B_cond_T32,                "11110-cccc------ 10-0------------"),
    DECODE(B_T32,                     "11110----------- 10-1------------"),
    DECODE(BL_T32,                    "11110----------- 11-1------------"),
    DECODE(BLX_T32,                   "11110----------- 11-0------------"),
    /* Loads and stores (1111 100x) */
    DECODE(LDR_lit_T32,               "1111100YUzz11111 ttttiiiiiiiiiiii"),
    DECODE(LDR_imm12_T32,             "1111100Y1zz1nnnn ttttiiiiiiiiiiii"),
    DECODE(LDR_imm8_T32,              "1111100Y0zz1nnnn tttt1puwiiiiiiii"),
    DECODE(LDR_reg_T32,               "1111100Y0zz1nnnn tttt000000iimmmm"),
    DECODE(STR_imm12_T32,             "111110001zz0nnnn ttttiiiiiiiiiiii"),
    DECODE(STR_imm8_T32,              "111110000zz0nnnn tttt1puwiiiiiiii"),
    DECODE(STR_reg_T32,               "111110000zz0nnnn tttt000000iimmmm"),
    /* Data processing, register (1111 1010) */
    DECODE(LSL_LSR_ASR_ROR_reg_T32,   "111110100ttSnnnn 1111dddd0000mmmm"),
    DECODE(SXTA_UXTA_T32,             "111110100ooonnnn 1111dddd1-rrmmmm"),
    DECODE(PARALLEL_addsub_T32,       "111110101ooonnnn 1111dddd0pppmmmm"),
    DECODE(QADD_QSUB_T32,             "111110101000nnnn 1111dddd10oommmm"),
    DECODE(REV_RBIT_T32,              "111110101001---- 1111dddd10oommmm"),
    DECODE(SEL_T32,                   "111110101010nnnn 1111dddd1000mmmm"),
    DECODE(CLZ_T32,                   "111110101011---- 1111dddd1000mmmm"),
    /* Multiply, multiply accumulate, absolute difference (1111 1011 0) */
    DECODE(MLA_MUL_MLS_T32,           "111110110000nnnn aaaadddd000ommmm"),
    DECODE(SMLAxy_T32,                "111110110001nnnn aaaadddd00NMmmmm"),
    DECODE(SMLAD_T32,                 "111110110010nnnn aaaadddd000Xmmmm"),
    DECODE(SMLAWy_T32,                "111110110011nnnn aaaadddd000Mmmmm"),
    DECODE(SMLSD_T32,                 "111110110100nnnn aaaadddd000Xmmmm"),
    DECODE(SMMLA_T32,                 "111110110101nnnn aaaadddd000Rmmmm"),
    DECODE(SMMLS_T32,                 "111110110110nnnn aaaadddd000Rmmmm"),
    DECODE(USADA8_T32,                "111110110111nnnn aaaadddd0000mmmm"),
    /* Long multiply, divide (1111 1011 1) */
    DECODE(MULL_T32,                  "111110111AU0nnnn llllhhhh0000mmmm"),
    DECODE(DIV_T32,                   "1111101110U1nnnn 1111dddd1111mmmm"),
    DECODE(SMLALxy_T32,               "111110111100nnnn llllhhhh10NMmmmm"),
    DECODE(SMLALD_T32,                "11111011110onnnn llllhhhh110Xmmmm"),
    DECODE(UMAAL_T32,                 "111110111110nnnn llllhhhh0110mmmm"),
};

DECODE_TABLE(arm_t32_table, "t32", 32, t32_entries);

bool arm_decode_t32(DisasContext *s, uint32_t insn)
{
    return decode_dispatch(&arm_t32_table, s, insn);
}
