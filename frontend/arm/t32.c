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

#include "frontend/arm/translate.h"

#define FLD(c) decode_field(e, insn, (c))
#define SFLD(c) decode_sfield(e, insn, (c))

/* ------------------------------------------------------------------------ */
/* Small IR conveniences                                                     */
/* ------------------------------------------------------------------------ */

static IRTemp new_tmp(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I32);
}

static IRTemp new_tmp64(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I64);
}

static IRTemp tconst(DisasContext *s, uint32_t v)
{
    return ir_const_i32(s->f, v);
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
static bool trans_t16_addsub_reg(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, FLD('o') ? DP_SUB : DP_ADD, t16_setflags(s), FLD('d'), load_reg(s, FLD('n')),
           load_reg(s, FLD('m')));
    return true;
}

/* ADD{S} <Rd>, <Rn>, #<imm3> / SUB{S} <Rd>, <Rn>, #<imm3> */
static bool trans_t16_addsub_imm3(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, FLD('o') ? DP_SUB : DP_ADD, t16_setflags(s), FLD('d'), load_reg(s, FLD('n')),
           tconst(s, FLD('i')));
    return true;
}

/* LSL{S} <Rd>, <Rm>, #<imm5> / LSR{S} / ASR{S}  (LSL #0 is MOVS <Rd>, <Rm>) */
static bool trans_t16_shift_imm(DisasContext *s, uint32_t insn, const DecodeEntry *e)
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
static bool trans_t16_imm8(DisasContext *s, uint32_t insn, const DecodeEntry *e)
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
static bool trans_t16_dp(DisasContext *s, uint32_t insn, const DecodeEntry *e)
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
static bool trans_t16_add_hi(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rd = FLD('d');
    gen_dp(s, DP_ADD, false, rd, load_reg(s, rd), load_reg(s, FLD('m')));
    return true;
}

/* CMP <Rn>, <Rm>  (high registers) */
static bool trans_t16_cmp_hi(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, DP_SUB, true, -1, load_reg(s, FLD('n')), load_reg(s, FLD('m')));
    return true;
}

/* MOV <Rd>, <Rm>  (high registers, no flags; Rd == PC branches) */
static bool trans_t16_mov_hi(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg_alu(s, FLD('d'), load_reg(s, FLD('m')));
    return true;
}

/* BX <Rm> */
static bool trans_t16_BX(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_bx(s, load_reg(s, FLD('m')));
    return true;
}

/* BLX <Rm> */
static bool trans_t16_BLX_reg(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp dest = load_reg(s, FLD('m'));
    store_reg(s, 14, tconst(s, s->next_pc | 1));
    gen_bx(s, dest);
    return true;
}

/* LDR <Rt>, <label>  (PC-relative, Align(PC, 4)) */
static bool trans_t16_LDR_lit(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_load_to_reg(s, FLD('t'), tconst(s, thumb_pc_aligned(s) + FLD('i') * 4), MO_UL);
    return true;
}

/* STR STRH STRB LDRSB LDR LDRH LDRB LDRSH <Rt>, [<Rn>, <Rm>] */
static bool trans_t16_ldst_reg(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    static const uint8_t mops[8] = { MO_UL, MO_UW, MO_UB, MO_SB, MO_UL, MO_UW, MO_UB, MO_SW };
    int op = FLD('o');
    gen_ldst(s, op >= 3, mops[op], FLD('t'), FLD('n'), load_reg(s, FLD('m')), true, true,
             false);
    return true;
}

/* STR/LDR/STRB/LDRB <Rt>, [<Rn>{, #<imm5>}] */
static bool trans_t16_ldst_imm(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool byte = FLD('B');
    gen_ldst(s, FLD('L'), byte ? MO_UB : MO_UL, FLD('t'), FLD('n'),
             tconst(s, FLD('i') << (byte ? 0 : 2)), true, true, false);
    return true;
}

/* STRH/LDRH <Rt>, [<Rn>{, #<imm5>}] */
static bool trans_t16_ldsth_imm(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_ldst(s, FLD('L'), MO_UW, FLD('t'), FLD('n'), tconst(s, FLD('i') << 1), true, true,
             false);
    return true;
}

/* STR/LDR <Rt>, [SP{, #<imm8>}] */
static bool trans_t16_ldst_sp(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_ldst(s, FLD('L'), MO_UL, FLD('t'), 13, tconst(s, FLD('i') << 2), true, true, false);
    return true;
}

/* ADR <Rd>, <label> */
static bool trans_t16_ADR(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    store_reg(s, FLD('d'), tconst(s, thumb_pc_aligned(s) + (FLD('i') << 2)));
    return true;
}

/* ADD <Rd>, SP, #<imm8> */
static bool trans_t16_add_sp_imm(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, DP_ADD, false, FLD('d'), load_reg(s, 13), tconst(s, FLD('i') << 2));
    return true;
}

/* ADD SP, SP, #<imm7> / SUB SP, SP, #<imm7> */
static bool trans_t16_adjust_sp(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_dp(s, FLD('o') ? DP_SUB : DP_ADD, false, 13, load_reg(s, 13),
           tconst(s, FLD('i') << 2));
    return true;
}

/* CBZ <Rn>, <label> / CBNZ <Rn>, <label> */
static bool trans_t16_CBZ(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRLabel not_taken = ir_new_label(s->f);
    IRTemp v = load_reg(s, FLD('n'));
    ir_brcondi_i32(s->f, FLD('o') ? IR_COND_EQ : IR_COND_NE, v, 0, not_taken);
    gen_branch_if(s, not_taken, s->pc + 4 + (FLD('i') << 1));
    return true;
}

/* SXTH SXTB UXTH UXTB <Rd>, <Rm> */
static bool trans_t16_extend(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int op = FLD('o');
    store_reg(s, FLD('d'), gen_extend(s, load_reg(s, FLD('m')), !(op & 1), op >> 1));
    return true;
}

/* PUSH <registers>  (STMDB SP!) */
static bool trans_t16_PUSH(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_ldm_stm(s, 13, FLD('r') | (FLD('l') << 14), false, true, true);
}

/* POP <registers>  (LDMIA SP!; POP {pc} interworks) */
static bool trans_t16_POP(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_ldm_stm(s, 13, FLD('r') | (FLD('p') << 15), true, true, false);
}

/* SETEND <endian_specifier>  (only LE is supported) */
static bool trans_t16_SETEND(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return FLD('E') ? gen_undef(s) : true;
}

/* CPS<effect> <iflags>  (executes as a NOP in User mode) */
static bool trans_t16_CPS(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return true;
}

/* REV REV16 REVSH <Rd>, <Rm> */
static bool trans_t16_rev(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRTemp v = load_reg(s, FLD('m')), r;
    switch (FLD('o')) {
    case 0:
        r = new_tmp(s);
        ir_bswap32_i32(s->f, r, v);
        break;
    case 1:
        r = gen_rev16(s, v);
        break;
    case 3:
        r = gen_revsh(s, v);
        break;
    default:
        return false;
    }
    store_reg(s, FLD('d'), r);
    return true;
}

/* BKPT #<imm8> */
static bool trans_t16_BKPT(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_exception_insn(s, ARM_EXCP_BKPT);
    return true;
}

/* WFE/WFI/YIELD: give the host a chance to run other threads. */
static void gen_yield(DisasContext *s)
{
    gen_set_pc(s, s->next_pc);
    gen_exit(s, ARM_EXCP_YIELD);
    s->is_jmp = DISAS_NORETURN;
}

/* NOP YIELD WFE WFI SEV  (hints; unallocated hints are NOPs) */
static bool trans_t16_hint(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    unsigned op = FLD('o');
    if (op >= 1 && op <= 3) {
        gen_yield(s);
    }
    return true;
}

/* IT{<x>{<y>{<z>}}} <firstcond> */
static bool trans_t16_IT(DisasContext *s, uint32_t insn, const DecodeEntry *e)
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
static bool trans_t16_STM(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_ldm_stm(s, FLD('n'), FLD('r'), false, true, false);
}

/* LDM <Rn>{!}, <registers>  (writeback unless Rn is in the list) */
static bool trans_t16_LDM(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int rn = FLD('n');
    uint32_t list = FLD('r');
    return gen_ldm_stm(s, rn, list, true, !(list & (1u << rn)), false);
}

/* UDF #<imm8> */
static bool trans_t16_UDF(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_undef(s);
}

/* SVC #<imm8> */
static bool trans_t16_SVC(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_exception_next(s, ARM_EXCP_SWI);
    return true;
}

/* B<c> <label> */
static bool trans_t16_B_cond(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    IRLabel not_taken = ir_new_label(s->f);
    gen_test_cc_skip(s, FLD('c'), not_taken);
    gen_branch_if(s, not_taken, s->pc + 4 + (SFLD('i') << 1));
    return true;
}

/* B <label> */
static bool trans_t16_B(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    gen_jmp(s, s->pc + 4 + (SFLD('i') << 1));
    return true;
}

static DecodeEntry t16_entries[] = {
    DECODE(t16_addsub_reg,  "000110ommmnnnddd"),
    DECODE(t16_addsub_imm3, "000111oiiinnnddd"),
    DECODE(t16_shift_imm,   "000ttiiiiimmmddd"),
    DECODE(t16_imm8,        "001oodddiiiiiiii"),
    DECODE(t16_dp,          "010000oooommmddd"),
    DECODE(t16_add_hi,      "01000100dmmmmddd"),
    DECODE(t16_cmp_hi,      "01000101nmmmmnnn"),
    DECODE(t16_mov_hi,      "01000110dmmmmddd"),
    DECODE(t16_BX,          "010001110mmmm000"),
    DECODE(t16_BLX_reg,     "010001111mmmm000"),
    DECODE(t16_LDR_lit,     "01001tttiiiiiiii"),
    DECODE(t16_ldst_reg,    "0101ooommmnnnttt"),
    DECODE(t16_ldst_imm,    "011BLiiiiinnnttt"),
    DECODE(t16_ldsth_imm,   "1000Liiiiinnnttt"),
    DECODE(t16_ldst_sp,     "1001Ltttiiiiiiii"),
    DECODE(t16_ADR,         "10100dddiiiiiiii"),
    DECODE(t16_add_sp_imm,  "10101dddiiiiiiii"),
    DECODE(t16_adjust_sp,   "10110000oiiiiiii"),
    DECODE(t16_CBZ,         "1011o0i1iiiiinnn"),
    DECODE(t16_extend,      "10110010oommmddd"),
    DECODE(t16_PUSH,        "1011010lrrrrrrrr"),
    DECODE(t16_SETEND,      "101101100101E000"),
    DECODE(t16_CPS,         "10110110011-0---"),
    DECODE(t16_rev,         "10111010oommmddd"),
    DECODE(t16_POP,         "1011110prrrrrrrr"),
    DECODE(t16_BKPT,        "10111110iiiiiiii"),
    DECODE(t16_hint,        "10111111oooo0000"),
    DECODE(t16_IT,          "10111111ccccmmmm"),
    DECODE(t16_STM,         "11000nnnrrrrrrrr"),
    DECODE(t16_LDM,         "11001nnnrrrrrrrr"),
    DECODE(t16_UDF,         "11011110iiiiiiii"),
    DECODE(t16_SVC,         "11011111iiiiiiii"),
    DECODE(t16_B_cond,      "1101cccciiiiiiii"),
    DECODE(t16_B,           "11100iiiiiiiiiii"),
};

DECODE_TABLE(arm_t16_table, "t16", 16, t16_entries);

bool arm_decode_t16(DisasContext *s, uint32_t insn)
{
    return decode_dispatch(&arm_t16_table, s, insn);
}
