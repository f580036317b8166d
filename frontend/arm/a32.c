/*
 * A32 (ARM state) decoder: the ARMv7-A integer instruction set for user mode, as two
 * pattern tables (conditional space, and the cond == 0b1111 unconditional space) with one
 * `trans_<INSN>` handler per pattern and the ARM ARM syntax line above it. The translation
 * loop in translate.c has already emitted the condition test; handlers only produce the
 * instruction's effect, using the shared `gen_` helpers. UNPREDICTABLE encodings that real
 * code never uses are treated as UNDEFINED (the handler returns false).
 */
#include "frontend/arm/translate.h"
#include "frontend/arm/neon.h"

#include <glib.h>

#define F(c) decode_field(e, insn, (c))
#define TRANS(name) static bool trans_##name(DisasContext *s, uint32_t insn, \
                                             const DecodeEntry *e)

static IRTemp tmp(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I32);
}

static IRTemp tmp64(DisasContext *s)
{
    return ir_new_temp(s->f, IR_I64);
}

static IRTemp cst(DisasContext *s, uint32_t v)
{
    return ir_const_i32(s->f, v);
}

static uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

/* ---------------------------------------------------------------------------------- */
/* Data processing                                                                     */
/* ---------------------------------------------------------------------------------- */

enum { OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
       OP_TST, OP_TEQ, OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN };

static bool dp_is_logic(unsigned op)
{
    return op <= OP_EOR || op == OP_TST || op == OP_TEQ || op >= OP_ORR;
}

/*
 * The ALU part shared by the three operand forms. The shifter carry (logic ops with S)
 * has already been written to CF.
 */
static bool do_dp(DisasContext *s, unsigned op, bool S, int rd, int rn, IRTemp b)
{
    IRFunc *f = s->f;
    IRTemp a = 0, r = tmp(s);
    bool test = op >= OP_TST && op <= OP_CMN;

    if (S && rd == 15 && !test) {
        return false; /* SUBS PC, LR etc.: exception return, UNPREDICTABLE in user mode */
    }
    if (op != OP_MOV && op != OP_MVN) {
        a = load_reg(s, rn);
    }
    switch (op) {
    case OP_AND: case OP_TST:
        ir_and_i32(f, r, a, b);
        break;
    case OP_EOR: case OP_TEQ:
        ir_xor_i32(f, r, a, b);
        break;
    case OP_ORR:
        ir_or_i32(f, r, a, b);
        break;
    case OP_BIC:
        ir_andc_i32(f, r, a, b);
        break;
    case OP_MOV:
        ir_mov_i32(f, r, b);
        break;
    case OP_MVN:
        ir_not_i32(f, r, b);
        break;
    case OP_SUB: case OP_CMP:
        if (S) {
            r = gen_sub_CC(s, a, b);
        } else {
            ir_sub_i32(f, r, a, b);
        }
        break;
    case OP_RSB:
        if (S) {
            r = gen_sub_CC(s, b, a);
        } else {
            ir_sub_i32(f, r, b, a);
        }
        break;
    case OP_ADD: case OP_CMN:
        if (S) {
            r = gen_add_CC(s, a, b);
        } else {
            ir_add_i32(f, r, a, b);
        }
        break;
    case OP_ADC:
        r = S ? gen_adc_CC(s, a, b) : gen_adc(s, a, b);
        break;
    case OP_SBC:
        r = S ? gen_sbc_CC(s, a, b) : gen_sbc(s, a, b);
        break;
    case OP_RSC:
        r = S ? gen_sbc_CC(s, b, a) : gen_sbc(s, b, a);
        break;
    }
    if (S && dp_is_logic(op)) {
        gen_logic_CC(s, r);
    }
    if (!test) {
        store_reg_alu(s, rd, r);
    }
    return true;
}

/* Rn, or -1 for MOV/MVN which have none. */
static int dp_rn(uint32_t insn, const DecodeEntry *e, unsigned op)
{
    return (op == OP_MOV || op == OP_MVN) ? -1 : (int)F('n');
}

/* Operand forms: modified immediate, register shifted by immediate, by register. */
static bool do_dp_imm(DisasContext *s, uint32_t insn, const DecodeEntry *e, unsigned op)
{
    bool test = op >= OP_TST && op <= OP_CMN;
    bool S = test || F('S');
    unsigned rot = F('r') * 2;
    uint32_t imm = ror32(F('i'), rot);
    int rd = test ? 0 : F('d');

    if (S && rd == 15 && !test) {
        return false;
    }
    if (S && dp_is_logic(op) && rot != 0) {
        gen_set_CF_bit31(s, imm);
    }
    return do_dp(s, op, S, rd, dp_rn(insn, e, op), cst(s, imm));
}

static bool do_dp_reg(DisasContext *s, uint32_t insn, const DecodeEntry *e, unsigned op)
{
    bool test = op >= OP_TST && op <= OP_CMN;
    bool S = test || F('S');
    int rd = test ? 0 : F('d');

    if (S && rd == 15 && !test) {
        return false;
    }
    IRTemp b = gen_shift_imm(s, load_reg(s, F('m')), F('y'), F('a'), S && dp_is_logic(op));
    return do_dp(s, op, S, rd, dp_rn(insn, e, op), b);
}

static bool do_dp_rsr(DisasContext *s, uint32_t insn, const DecodeEntry *e, unsigned op)
{
    bool test = op >= OP_TST && op <= OP_CMN;
    bool S = test || F('S');
    int rd = test ? 0 : F('d');

    /* Any of Rd, Rn, Rm, Rs being the PC is UNPREDICTABLE. */
    if ((!test && rd == 15) || F('m') == 15 || F('s') == 15 ||
        dp_rn(insn, e, op) == 15) {
        return false;
    }
    IRTemp b = gen_shift_reg(s, load_reg(s, F('m')), F('y'), load_reg(s, F('s')),
                             S && dp_is_logic(op));
    return do_dp(s, op, S, rd, dp_rn(insn, e, op), b);
}

#define DP_FORMS(NAME, OP)                                                        \
    TRANS(NAME##_imm) { return do_dp_imm(s, insn, e, OP); }                       \
    TRANS(NAME##_reg) { return do_dp_reg(s, insn, e, OP); }                       \
    TRANS(NAME##_rsr) { return do_dp_rsr(s, insn, e, OP); }

/*
 * Each line below is three handlers, for the operand forms
 *   #<const>   <Rm>{, <shift> #<imm>}   <Rm>, <type> <Rs>
 */
/* AND{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(AND, OP_AND)
/* EOR{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(EOR, OP_EOR)
/* SUB{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(SUB, OP_SUB)
/* RSB{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(RSB, OP_RSB)
/* ADD{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(ADD, OP_ADD)
/* ADC{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(ADC, OP_ADC)
/* SBC{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(SBC, OP_SBC)
/* RSC{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(RSC, OP_RSC)
/* TST<c> <Rn>, <operand> */
DP_FORMS(TST, OP_TST)
/* TEQ<c> <Rn>, <operand> */
DP_FORMS(TEQ, OP_TEQ)
/* CMP<c> <Rn>, <operand> */
DP_FORMS(CMP, OP_CMP)
/* CMN<c> <Rn>, <operand> */
DP_FORMS(CMN, OP_CMN)
/* ORR{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(ORR, OP_ORR)
/* MOV{S}<c> <Rd>, <operand>  (LSL/LSR/ASR/ROR/RRX are MOV with a shifted register) */
DP_FORMS(MOV, OP_MOV)
/* BIC{S}<c> <Rd>, <Rn>, <operand> */
DP_FORMS(BIC, OP_BIC)
/* MVN{S}<c> <Rd>, <operand> */
DP_FORMS(MVN, OP_MVN)

/* MOVW<c> <Rd>, #<imm16> */
TRANS(MOVW)
{
    if (F('d') == 15) {
        return false;
    }
    store_reg(s, F('d'), cst(s, F('i')));
    return true;
}

/* MOVT<c> <Rd>, #<imm16> */
TRANS(MOVT)
{
    int rd = F('d');
    if (rd == 15) {
        return false;
    }
    IRTemp r = tmp(s);
    ir_deposit_i32(s->f, r, cpu_R[rd], cst(s, F('i')), 16, 16);
    store_reg(s, rd, r);
    return true;
}

/* ---------------------------------------------------------------------------------- */
/* Status register, hints, misc                                                        */
/* ---------------------------------------------------------------------------------- */

/* MRS<c> <Rd>, APSR */
TRANS(MRS)
{
    if (F('R') || F('d') == 15) {
        return false; /* SPSR: UNPREDICTABLE in user mode */
    }
    IRTemp r = gen_read_apsr(s);
    ir_ori_i32(s->f, r, r, 0x10); /* M[4:0] = User */
    store_reg(s, F('d'), r);
    return true;
}

static bool do_msr(DisasContext *s, bool R, unsigned mask, IRTemp v)
{
    if (R) {
        return false;
    }
    /* Only the nzcvq (mask bit 3) and g (bit 2) fields are writable in user mode. */
    gen_write_apsr(s, v, (mask >> 2) & 3);
    return true;
}

/* MSR<c> APSR_<fields>, <Rn> */
TRANS(MSR_reg)
{
    if (F('n') == 15 || F('R')) {
        return false;
    }
    return do_msr(s, F('R'), F('M'), load_reg(s, F('n')));
}

/* MSR<c> APSR_<fields>, #<const> */
TRANS(MSR_imm)
{
    if (F('M') == 0) {
        return false; /* hints are matched earlier */
    }
    return do_msr(s, F('R'), F('M'), cst(s, ror32(F('i'), F('r') * 2)));
}

/* NOP<c> / YIELD<c> / WFE<c> / WFI<c> / SEV<c> / DBG<c> #<option> */
TRANS(HINT)
{
    switch (F('o')) {
    case 1: /* YIELD */
    case 2: /* WFE */
    case 3: /* WFI */
        /* Give other guest threads a chance in spin loops. */
        gen_exception_next(s, ARM_EXCP_YIELD);
        return true;
    default: /* NOP, SEV, DBG, and unallocated hints execute as NOP */
        return true;
    }
}

/* BX<c> <Rm>  (also BXJ<c> <Rm>: no Jazelle, so it behaves as BX) */
TRANS(BX)
{
    gen_bx(s, load_reg(s, F('m')));
    return true;
}

/* BLX<c> <Rm> */
TRANS(BLX_reg)
{
    int rm = F('m');
    if (rm == 15) {
        return false;
    }
    IRTemp dest = load_reg(s, rm);
    store_reg(s, 14, cst(s, s->pc + 4));
    gen_bx(s, dest);
    return true;
}

/* CLZ<c> <Rd>, <Rm> */
TRANS(CLZ)
{
    if (F('d') == 15 || F('m') == 15) {
        return false;
    }
    IRTemp r = tmp(s);
    ir_clz_i32(s->f, r, load_reg(s, F('m')));
    store_reg(s, F('d'), r);
    return true;
}

/* QADD<c> / QSUB<c> / QDADD<c> / QDSUB<c> <Rd>, <Rm>, <Rn> */
TRANS(QADDSUB)
{
    if (F('d') == 15 || F('n') == 15 || F('m') == 15) {
        return false;
    }
    unsigned op = F('o');
    /* op bit 0: subtract, bit 1: double Rn. Helper numbering: 0 QADD 1 QSUB 2 QDADD 3 QDSUB. */
    IRTemp r = gen_qaddsub(s, ((op & 2) ? 2 : 0) | (op & 1), load_reg(s, F('m')),
                           load_reg(s, F('n')));
    store_reg(s, F('d'), r);
    return true;
}

/* BKPT #<imm16> */
TRANS(BKPT)
{
    if (s->cond != 14) {
        return false; /* UNPREDICTABLE when conditional */
    }
    gen_exception_insn(s, ARM_EXCP_BKPT);
    return true;
}

/* UDF #<imm16> */
TRANS(UDF)
{
    if ((insn >> 28) != 14) {
        return false;
    }
    ir_stenv_i32(s->f, cst(s, insn), ENV_OFF(exception_insn));
    gen_exception_insn(s, ARM_EXCP_UDEF);
    return true;
}

/* SVC<c> #<imm24> */
TRANS(SVC)
{
    gen_exception_next(s, ARM_EXCP_SWI);
    return true;
}

/* ---------------------------------------------------------------------------------- */
/* Multiplies                                                                          */
/* ---------------------------------------------------------------------------------- */

/* MUL{S}<c> <Rd>, <Rn>, <Rm> */
TRANS(MUL)
{
    int rd = F('d'), rn = F('n'), rm = F('m');
    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp r = tmp(s);
    ir_mul_i32(s->f, r, load_reg(s, rn), load_reg(s, rm));
    if (F('S')) {
        gen_logic_CC(s, r);
    }
    store_reg(s, rd, r);
    return true;
}

/* MLA{S}<c> <Rd>, <Rn>, <Rm>, <Ra> */
TRANS(MLA)
{
    int rd = F('d'), rn = F('n'), rm = F('m'), ra = F('a');
    if (rd == 15 || rn == 15 || rm == 15 || ra == 15) {
        return false;
    }
    IRTemp r = tmp(s);
    ir_mul_i32(s->f, r, load_reg(s, rn), load_reg(s, rm));
    ir_add_i32(s->f, r, r, load_reg(s, ra));
    if (F('S')) {
        gen_logic_CC(s, r);
    }
    store_reg(s, rd, r);
    return true;
}

/* MLS<c> <Rd>, <Rn>, <Rm>, <Ra> */
TRANS(MLS)
{
    int rd = F('d'), rn = F('n'), rm = F('m'), ra = F('a');
    if (rd == 15 || rn == 15 || rm == 15 || ra == 15) {
        return false;
    }
    IRTemp r = tmp(s);
    ir_mul_i32(s->f, r, load_reg(s, rn), load_reg(s, rm));
    ir_sub_i32(s->f, r, load_reg(s, ra), r);
    store_reg(s, rd, r);
    return true;
}

/* (hi:lo) as one i64 temp. */
static IRTemp pair64(DisasContext *s, IRTemp lo, IRTemp hi)
{
    IRTemp t = tmp64(s);
    ir_concat_i32_i64(s->f, t, lo, hi);
    return t;
}

static void store_pair64(DisasContext *s, int rlo, int rhi, IRTemp v, bool S)
{
    IRTemp lo = tmp(s), hi = tmp(s);
    ir_extrl_i64_i32(s->f, lo, v);
    ir_extrh_i64_i32(s->f, hi, v);
    if (S) {
        ir_mov_i32(s->f, cpu_NF, hi);
        ir_or_i32(s->f, cpu_ZF, lo, hi);
    }
    store_reg(s, rlo, lo);
    store_reg(s, rhi, hi);
}

static IRTemp ext64(DisasContext *s, IRTemp v, bool is_signed)
{
    IRTemp t = tmp64(s);
    if (is_signed) {
        ir_ext_i32_i64(s->f, t, v);
    } else {
        ir_extu_i32_i64(s->f, t, v);
    }
    return t;
}

/* UMULL/UMLAL/SMULL/SMLAL{S}<c> <RdLo>, <RdHi>, <Rn>, <Rm> */
TRANS(MULL)
{
    int rhi = F('h'), rlo = F('l'), rn = F('n'), rm = F('m');
    bool is_signed = F('U') /* bit 22: 1 for SMULL/SMLAL */, acc = F('A');
    if (rhi == 15 || rlo == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp p = tmp64(s);
    ir_mul_i64(s->f, p, ext64(s, load_reg(s, rn), is_signed),
               ext64(s, load_reg(s, rm), is_signed));
    if (acc) {
        ir_add_i64(s->f, p, p, pair64(s, cpu_R[rlo], cpu_R[rhi]));
    }
    store_pair64(s, rlo, rhi, p, F('S'));
    return true;
}

/* UMAAL<c> <RdLo>, <RdHi>, <Rn>, <Rm> */
TRANS(UMAAL)
{
    int rhi = F('h'), rlo = F('l'), rn = F('n'), rm = F('m');
    if (rhi == 15 || rlo == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp p = tmp64(s);
    ir_mul_i64(s->f, p, ext64(s, load_reg(s, rn), false), ext64(s, load_reg(s, rm), false));
    ir_add_i64(s->f, p, p, ext64(s, cpu_R[rlo], false));
    ir_add_i64(s->f, p, p, ext64(s, cpu_R[rhi], false));
    store_pair64(s, rlo, rhi, p, false);
    return true;
}

/* SMLA<x><y><c> / SMLAW<y> / SMULW<y> / SMLAL<x><y> / SMUL<x><y> (halfword multiplies) */
TRANS(SMULxy)
{
    int rd = F('d'), ra = F('a'), rm = F('m'), rn = F('n');
    bool n_top = F('N'), m_top = F('M');
    IRFunc *f = s->f;

    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    if ((F('o') == 0 || (F('o') == 1 && !n_top) || F('o') == 2) && ra == 15) {
        return false;
    }
    switch (F('o')) {
    case 0: { /* SMLAxy */
        IRTemp p = gen_mul16(s, load_reg(s, rn), n_top, load_reg(s, rm), m_top);
        store_reg(s, rd, gen_add_setq(s, p, load_reg(s, ra)));
        return true;
    }
    case 1: { /* SMLAWy (N == 0) / SMULWy (N == 1): (Rn * Rm.y)[47:16] */
        IRTemp y = tmp(s), p = tmp64(s), r = tmp(s);
        ir_sextract_i32(f, y, load_reg(s, rm), m_top ? 16 : 0, 16);
        ir_mul_i64(f, p, ext64(s, load_reg(s, rn), true), ext64(s, y, true));
        ir_sari_i64(f, p, p, 16);
        ir_extrl_i64_i32(f, r, p);
        if (!n_top) {
            r = gen_add_setq(s, r, load_reg(s, ra));
        }
        store_reg(s, rd, r);
        return true;
    }
    case 2: { /* SMLALxy RdLo=a, RdHi=d */
        IRTemp p = gen_mul16(s, load_reg(s, rn), n_top, load_reg(s, rm), m_top);
        IRTemp acc = pair64(s, cpu_R[ra], cpu_R[rd]);
        ir_add_i64(f, acc, acc, ext64(s, p, true));
        store_pair64(s, ra, rd, acc, false);
        return true;
    }
    default: /* SMULxy */
        store_reg(s, rd, gen_mul16(s, load_reg(s, rn), n_top, load_reg(s, rm), m_top));
        return true;
    }
}

/* The two 16x16 products of the dual multiplies, Rm swapped when M. */
static void dual_products(DisasContext *s, int rn, int rm, bool swap, IRTemp *p1, IRTemp *p2)
{
    IRTemp m = load_reg(s, rm);
    IRTemp n = load_reg(s, rn);
    if (swap) {
        ir_rotri_i32(s->f, m, m, 16);
    }
    *p1 = gen_mul16(s, n, false, m, false);
    *p2 = gen_mul16(s, n, true, m, true);
}

/* SMLAD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>  /  SMUAD{X}<c> <Rd>, <Rn>, <Rm> */
TRANS(SMLAD)
{
    int rd = F('d'), ra = F('a'), rm = F('m'), rn = F('n');
    IRFunc *f = s->f;
    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp p1, p2;
    dual_products(s, rn, rm, F('M'), &p1, &p2);
    /* Exact sum in 64 bits; Q if it does not fit in 32. */
    IRTemp sum = ext64(s, p1, true);
    ir_add_i64(f, sum, sum, ext64(s, p2, true));
    if (ra != 15) {
        ir_add_i64(f, sum, sum, ext64(s, load_reg(s, ra), true));
    }
    IRTemp r = tmp(s), q = tmp(s);
    ir_extrl_i64_i32(f, r, sum);
    ir_setcond_i64(f, IR_COND_NE, q, sum, ext64(s, r, true));
    ir_or_i32(f, cpu_QF, cpu_QF, q);
    store_reg(s, rd, r);
    return true;
}

/* SMLSD{X}<c> <Rd>, <Rn>, <Rm>, <Ra>  /  SMUSD{X}<c> <Rd>, <Rn>, <Rm> */
TRANS(SMLSD)
{
    int rd = F('d'), ra = F('a'), rm = F('m'), rn = F('n');
    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp p1, p2, r = tmp(s);
    dual_products(s, rn, rm, F('M'), &p1, &p2);
    ir_sub_i32(s->f, r, p1, p2); /* cannot overflow */
    if (ra != 15) {
        r = gen_add_setq(s, r, load_reg(s, ra));
    }
    store_reg(s, rd, r);
    return true;
}

/* SMLALD{X}<c> / SMLSLD{X}<c> <RdLo>, <RdHi>, <Rn>, <Rm> */
TRANS(SMLALD)
{
    int rhi = F('h'), rlo = F('l'), rm = F('m'), rn = F('n');
    IRFunc *f = s->f;
    if (rhi == 15 || rlo == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp p1, p2;
    dual_products(s, rn, rm, F('M'), &p1, &p2);
    IRTemp acc = pair64(s, cpu_R[rlo], cpu_R[rhi]);
    ir_add_i64(f, acc, acc, ext64(s, p1, true));
    if (F('o')) {
        ir_sub_i64(f, acc, acc, ext64(s, p2, true));
    } else {
        ir_add_i64(f, acc, acc, ext64(s, p2, true));
    }
    store_pair64(s, rlo, rhi, acc, false);
    return true;
}

static bool do_smmla(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool sub)
{
    int rd = F('d'), ra = F('a'), rm = F('m'), rn = F('n');
    IRFunc *f = s->f;
    if (rd == 15 || rn == 15 || rm == 15 || (sub && ra == 15)) {
        return false;
    }
    IRTemp p = tmp64(s);
    ir_mul_i64(f, p, ext64(s, load_reg(s, rn), true), ext64(s, load_reg(s, rm), true));
    if (ra != 15) {
        IRTemp acc = pair64(s, cst(s, 0), load_reg(s, ra));
        if (sub) {
            ir_sub_i64(f, p, acc, p);
        } else {
            ir_add_i64(f, p, p, acc);
        }
    }
    if (F('R')) {
        ir_addi_i64(f, p, p, 0x80000000u);
    }
    IRTemp r = tmp(s);
    ir_extrh_i64_i32(f, r, p);
    store_reg(s, rd, r);
    return true;
}

/* SMMUL{R}<c> <Rd>, <Rn>, <Rm>  /  SMMLA{R}<c> <Rd>, <Rn>, <Rm>, <Ra> */
TRANS(SMMLA)
{
    return do_smmla(s, insn, e, false);
}

/* SMMLS{R}<c> <Rd>, <Rn>, <Rm>, <Ra> */
TRANS(SMMLS)
{
    return do_smmla(s, insn, e, true);
}

/* SDIV<c> / UDIV<c> <Rd>, <Rn>, <Rm> */
TRANS(DIV)
{
    int rd = F('d'), rn = F('n'), rm = F('m');
    if (rd == 15 || rn == 15 || rm == 15 || !arm_has_feature(ARM_FEATURE_IDIVA)) {
        return false; /* UNPREDICTABLE; or a CPU model without divide (Cortex-A9) */
    }
    IRTemp r = tmp(s);
    if (F('U')) {
        ir_divu_i32(s->f, r, load_reg(s, rn), load_reg(s, rm));
    } else {
        ir_div_i32(s->f, r, load_reg(s, rn), load_reg(s, rm));
    }
    store_reg(s, rd, r);
    return true;
}

/* ---------------------------------------------------------------------------------- */
/* Media instructions                                                                  */
/* ---------------------------------------------------------------------------------- */

/* <prefix>ADD16 / ASX / SAX / SUB16 / ADD8 / SUB8<c> <Rd>, <Rn>, <Rm> */
TRANS(PARALLEL)
{
    unsigned prefix = F('p'), op = F('o');
    int rd = F('d'), rn = F('n'), rm = F('m');
    if (prefix == 0 || prefix == 4 || op == 5 || op == 6) {
        return false;
    }
    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    store_reg(s, rd, gen_parallel_addsub(s, prefix, op, load_reg(s, rn), load_reg(s, rm)));
    return true;
}

/* PKHBT<c> <Rd>, <Rn>, <Rm>{, LSL #<imm>}  /  PKHTB<c> <Rd>, <Rn>, <Rm>{, ASR #<imm>} */
TRANS(PKH)
{
    int rd = F('d'), rn = F('n'), rm = F('m');
    bool tb = F('T');
    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp sh = gen_shift_imm(s, load_reg(s, rm), tb ? 2 : 0, F('i'), false);
    IRTemp r = tmp(s);
    if (tb) {
        ir_deposit_i32(s->f, r, load_reg(s, rn), sh, 0, 16);
    } else {
        ir_deposit_i32(s->f, r, sh, load_reg(s, rn), 0, 16);
    }
    store_reg(s, rd, r);
    return true;
}

/* SSAT<c> / USAT<c> <Rd>, #<imm>, <Rn>{, <shift>} */
TRANS(SAT)
{
    int rd = F('d'), rn = F('n');
    if (rd == 15 || rn == 15) {
        return false;
    }
    IRTemp v = gen_shift_imm(s, load_reg(s, rn), F('S') ? 2 : 0, F('i'), false);
    IRTemp r = F('U') ? gen_usat(s, v, F('w')) : gen_ssat(s, v, F('w') + 1);
    store_reg(s, rd, r);
    return true;
}

/* SSAT16<c> / USAT16<c> <Rd>, #<imm>, <Rn> */
TRANS(SAT16)
{
    int rd = F('d'), rn = F('n');
    if (rd == 15 || rn == 15) {
        return false;
    }
    IRTemp v = load_reg(s, rn);
    IRTemp r = F('U') ? gen_usat16(s, v, F('w')) : gen_ssat16(s, v, F('w') + 1);
    store_reg(s, rd, r);
    return true;
}

/* SEL<c> <Rd>, <Rn>, <Rm> */
TRANS(SEL)
{
    int rd = F('d'), rn = F('n'), rm = F('m');
    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    store_reg(s, rd, gen_sel(s, load_reg(s, rn), load_reg(s, rm)));
    return true;
}

/* REV<c> / REV16<c> / RBIT<c> / REVSH<c> <Rd>, <Rm> */
TRANS(REV)
{
    int rd = F('d'), rm = F('m');
    if (rd == 15 || rm == 15) {
        return false;
    }
    store_reg(s, rd, gen_rev_family(s, (F('o') << 1) | F('h'), load_reg(s, rm)));
    return true;
}

/*
 * SXTAB16/SXTB16/SXTAB/SXTB/SXTAH/SXTH and the U forms:
 * <op><c> <Rd>, {<Rn>,} <Rm>{, ROR #<rotation>}
 */
TRANS(EXTEND)
{
    int rd = F('d'), rn = F('n'), rm = F('m');
    unsigned op = F('o');
    bool is_signed = !(op & 4);
    IRFunc *f = s->f;

    if ((op & 3) == 1 || rd == 15 || rm == 15) {
        return false;
    }
    IRTemp v = load_reg(s, rm), r;
    if (F('r')) {
        ir_rotri_i32(f, v, v, F('r') * 8);
    }
    if ((op & 3) == 0) { /* XTB16 */
        r = gen_xtb16(s, v, is_signed);
        if (rn != 15) {
            r = gen_add16(s, load_reg(s, rn), r);
        }
    } else {
        r = tmp(s);
        if ((op & 3) == 2) {
            (is_signed ? ir_ext8s_i32 : ir_ext8u_i32)(f, r, v);
        } else {
            (is_signed ? ir_ext16s_i32 : ir_ext16u_i32)(f, r, v);
        }
        if (rn != 15) {
            ir_add_i32(f, r, r, load_reg(s, rn));
        }
    }
    store_reg(s, rd, r);
    return true;
}

/* USAD8<c> <Rd>, <Rn>, <Rm>  /  USADA8<c> <Rd>, <Rn>, <Rm>, <Ra> */
TRANS(USAD8)
{
    int rd = F('d'), ra = F('a'), rm = F('m'), rn = F('n');
    if (rd == 15 || rn == 15 || rm == 15) {
        return false;
    }
    IRTemp r = gen_usad8(s, load_reg(s, rn), load_reg(s, rm));
    if (ra != 15) {
        ir_add_i32(s->f, r, r, load_reg(s, ra));
    }
    store_reg(s, rd, r);
    return true;
}

/* SBFX<c> / UBFX<c> <Rd>, <Rn>, #<lsb>, #<width> */
TRANS(BFX)
{
    int rd = F('d'), rn = F('n');
    unsigned lsb = F('l'), width = F('w') + 1;
    if (rd == 15 || rn == 15 || lsb + width > 32) {
        return false;
    }
    IRTemp r = tmp(s);
    if (F('U')) {
        ir_extract_i32(s->f, r, load_reg(s, rn), lsb, width);
    } else {
        ir_sextract_i32(s->f, r, load_reg(s, rn), lsb, width);
    }
    store_reg(s, rd, r);
    return true;
}

/* BFI<c> <Rd>, <Rn>, #<lsb>, #<width>  /  BFC<c> <Rd>, #<lsb>, #<width> */
TRANS(BFI)
{
    int rd = F('d'), rn = F('n');
    unsigned lsb = F('l'), msb = F('M');
    if (rd == 15 || msb < lsb) {
        return false;
    }
    IRTemp r = tmp(s);
    ir_deposit_i32(s->f, r, cpu_R[rd], rn == 15 ? cst(s, 0) : load_reg(s, rn), lsb,
                   msb - lsb + 1);
    store_reg(s, rd, r);
    return true;
}

/* ---------------------------------------------------------------------------------- */
/* Loads and stores                                                                    */
/* ---------------------------------------------------------------------------------- */

/*
 * Addressing shared by all single loads/stores: returns the access address and sets
 * *wb to the writeback value (0 when there is no writeback). P=0 is post-indexed with
 * writeback (the W=1 "T" forms behave the same in user mode).
 */
static IRTemp ls_address(DisasContext *s, int rn, IRTemp off, bool P, bool U, bool W,
                         IRTemp *wb)
{
    IRTemp base = load_reg(s, rn);
    IRTemp sum = tmp(s);
    if (U) {
        ir_add_i32(s->f, sum, base, off);
    } else {
        ir_sub_i32(s->f, sum, base, off);
    }
    *wb = (!P || W) ? sum : 0;
    return P ? sum : base;
}

/* Checked before any IR is emitted: UNPREDICTABLE forms are refused. */
static bool ldst_ok(bool L, int rt, int rn, bool P, bool W, MemOp mo)
{
    bool wb = !P || W;
    if (wb && rn == 15) {
        return false;
    }
    if (rt == 15 && L && mo != MO_UL) {
        return false;
    }
    return true;
}

static void do_ldst(DisasContext *s, bool L, int rt, int rn, IRTemp addr, IRTemp wb, MemOp mo)
{
    if (L) {
        IRTemp v = gen_ld(s, addr, mo);
        if (wb) {
            store_reg(s, rn, wb);
        }
        store_reg_load(s, rt, v);
    } else {
        gen_st(s, load_reg(s, rt), addr, mo);
        if (wb) {
            store_reg(s, rn, wb);
        }
    }
}

static bool do_ldst_imm(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool L, MemOp mo)
{
    if (!ldst_ok(L, F('t'), F('n'), F('P'), F('W'), mo)) {
        return false;
    }
    IRTemp wb;
    IRTemp addr = ls_address(s, F('n'), cst(s, F('i')), F('P'), F('U'), F('W'), &wb);
    do_ldst(s, L, F('t'), F('n'), addr, wb, mo);
    return true;
}

static bool do_ldst_reg(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool L, MemOp mo)
{
    if (F('m') == 15 || !ldst_ok(L, F('t'), F('n'), F('P'), F('W'), mo)) {
        return false;
    }
    IRTemp off = gen_shift_imm(s, load_reg(s, F('m')), F('y'), F('a'), false);
    IRTemp wb;
    IRTemp addr = ls_address(s, F('n'), off, F('P'), F('U'), F('W'), &wb);
    do_ldst(s, L, F('t'), F('n'), addr, wb, mo);
    return true;
}

/* LDR{T}<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!}  /  LDR{T}<c> <Rt>, [<Rn>], #+/-<imm12> */
TRANS(LDR_imm) { return do_ldst_imm(s, insn, e, true, MO_UL); }
/* LDRB{T}<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!}  and post-indexed */
TRANS(LDRB_imm) { return do_ldst_imm(s, insn, e, true, MO_UB); }
/* STR{T}<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!}  and post-indexed */
TRANS(STR_imm) { return do_ldst_imm(s, insn, e, false, MO_UL); }
/* STRB{T}<c> <Rt>, [<Rn>{, #+/-<imm12>}]{!}  and post-indexed */
TRANS(STRB_imm) { return do_ldst_imm(s, insn, e, false, MO_UB); }
/* LDR{T}<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  and post-indexed */
TRANS(LDR_reg) { return do_ldst_reg(s, insn, e, true, MO_UL); }
/* LDRB{T}<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  and post-indexed */
TRANS(LDRB_reg) { return do_ldst_reg(s, insn, e, true, MO_UB); }
/* STR{T}<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  and post-indexed */
TRANS(STR_reg) { return do_ldst_reg(s, insn, e, false, MO_UL); }
/* STRB{T}<c> <Rt>, [<Rn>, +/-<Rm>{, <shift>}]{!}  and post-indexed */
TRANS(STRB_reg) { return do_ldst_reg(s, insn, e, false, MO_UB); }

/* Halfword, signed byte and doubleword forms: validity, checked before any IR. */
static bool ldst_extra_ok(uint32_t insn, const DecodeEntry *e)
{
    unsigned sh = F('s');
    bool L = F('L'), P = F('P'), W = F('W');
    int rt = F('t'), rn = F('n');
    bool wb = !P || W;

    if (sh == 0) {
        return false;
    }
    if (!L && sh >= 2) { /* LDRD (sh == 2) / STRD (sh == 3): Rt even, not R14 */
        if ((rt & 1) || rt == 14 || (wb && rn == 15)) {
            return false;
        }
        return !(sh == 2 && wb && (rn == rt || rn == rt + 1));
    }
    return rt != 15 && !(wb && rn == 15);
}

static void do_ldst_extra(DisasContext *s, uint32_t insn, const DecodeEntry *e, IRTemp off)
{
    unsigned sh = F('s');
    bool L = F('L');
    int rt = F('t'), rn = F('n');
    IRTemp wb;
    IRTemp addr = ls_address(s, rn, off, F('P'), F('U'), F('W'), &wb);

    if (sh == 1) { /* STRH / LDRH */
        do_ldst(s, L, rt, rn, addr, wb, MO_UW);
        return;
    }
    if (L) { /* LDRSB / LDRSH */
        do_ldst(s, true, rt, rn, addr, wb, sh == 2 ? MO_SB : MO_SW);
        return;
    }
    /*
     * LDRD/STRD as two word accesses. No alignment check: Linux fixes up unaligned
     * LDRD/STRD for user space, so they work there (slowly).
     */
    IRTemp addr2 = tmp(s);
    ir_addi_i32(s->f, addr2, addr, 4);
    if (sh == 2) {
        IRTemp lo = gen_ld(s, addr, MO_UL);
        IRTemp hi = gen_ld(s, addr2, MO_UL);
        if (wb) {
            store_reg(s, rn, wb);
        }
        store_reg(s, rt, lo);
        store_reg(s, rt + 1, hi);
    } else {
        gen_st(s, load_reg(s, rt), addr, MO_UL);
        gen_st(s, load_reg(s, rt + 1), addr2, MO_UL);
        if (wb) {
            store_reg(s, rn, wb);
        }
    }
}

/* LDRH/STRH/LDRSB/LDRSH/LDRD/STRD{T}<c> <Rt>, [<Rn>{, #+/-<imm8>}]{!} and post-indexed */
TRANS(LDST_extra_imm)
{
    if (!ldst_extra_ok(insn, e)) {
        return false;
    }
    do_ldst_extra(s, insn, e, cst(s, F('i')));
    return true;
}

/* LDRH/STRH/LDRSB/LDRSH/LDRD/STRD{T}<c> <Rt>, [<Rn>, +/-<Rm>]{!} and post-indexed */
TRANS(LDST_extra_reg)
{
    if (F('m') == 15 || !ldst_extra_ok(insn, e)) {
        return false;
    }
    do_ldst_extra(s, insn, e, load_reg(s, F('m')));
    return true;
}

static bool do_ldm_stm(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool L)
{
    uint32_t list = F('r');
    int rn = F('n');
    bool P = F('P'), U = F('U'), W = F('W');
    unsigned n = __builtin_popcount(list);
    IRFunc *f = s->f;

    if (F('S') || list == 0 || rn == 15) {
        return false; /* user/exception-return forms, UNPREDICTABLE forms */
    }
    IRTemp base = load_reg(s, rn);
    IRTemp addr = tmp(s);
    /* Lowest address accessed. */
    uint32_t start = U ? (P ? 4 : 0) : (P ? -4u * n : -4u * n + 4);
    ir_addi_i32(f, addr, base, start);

    IRTemp vals[16] = { 0 };
    unsigned k = 0;
    for (int r = 0; r < 16; r++) {
        if (!(list & (1u << r))) {
            continue;
        }
        IRTemp a = tmp(s);
        ir_addi_i32(f, a, addr, 4 * k++);
        if (L) {
            vals[r] = gen_ld(s, a, MO_UL);
        } else {
            gen_st(s, load_reg(s, r), a, MO_UL);
        }
    }
    if (W && !(L && (list & (1u << rn)))) {
        IRTemp nb = tmp(s);
        ir_addi_i32(f, nb, base, U ? 4 * n : -4 * n);
        store_reg(s, rn, nb);
    }
    if (L) {
        for (int r = 0; r < 16; r++) {
            if (list & (1u << r)) {
                store_reg_load(s, r, vals[r]);
            }
        }
    }
    return true;
}

/* LDM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>  (POP) */
TRANS(LDM) { return do_ldm_stm(s, insn, e, true); }
/* STM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>  (PUSH) */
TRANS(STM) { return do_ldm_stm(s, insn, e, false); }

/* LDREX{B,H,D}<c> <Rt>, [<Rn>] */
TRANS(LDREX)
{
    static const unsigned sizes[4] = { 2, 3, 0, 1 };
    unsigned size = sizes[F('z')];
    int rt = F('t'), rn = F('n');
    if (rt == 15 || rn == 15 || (size == 3 && ((rt & 1) || rt == 14))) {
        return false;
    }
    gen_ldrex(s, load_reg(s, rn), size, rt, rt + 1);
    return true;
}

/* STREX{B,H,D}<c> <Rd>, <Rt>, [<Rn>] */
TRANS(STREX)
{
    static const unsigned sizes[4] = { 2, 3, 0, 1 };
    unsigned size = sizes[F('z')];
    int rd = F('d'), rt = F('t'), rn = F('n');
    if (rd == 15 || rt == 15 || rn == 15 || rd == rn || rd == rt ||
        (size == 3 && ((rt & 1) || rt == 14 || rd == rt + 1))) {
        return false;
    }
    gen_strex(s, rd, load_reg(s, rn), size, rt, rt + 1);
    return true;
}

/* ---------------------------------------------------------------------------------- */
/* Branches                                                                            */
/* ---------------------------------------------------------------------------------- */

/* B<c> <label> */
TRANS(B)
{
    gen_jmp(s, s->pc + 8 + ((uint32_t)decode_sfield(e, insn, 'i') << 2));
    return true;
}

/* BL<c> <label> */
TRANS(BL)
{
    store_reg(s, 14, cst(s, s->pc + 4));
    gen_jmp(s, s->pc + 8 + ((uint32_t)decode_sfield(e, insn, 'i') << 2));
    return true;
}

/* BLX <label>  (to Thumb) */
TRANS(BLX_imm)
{
    uint32_t dest = s->pc + 8 + ((uint32_t)decode_sfield(e, insn, 'i') << 2) + (F('H') << 1);
    store_reg(s, 14, cst(s, s->pc + 4));
    gen_jmp_switch(s, dest, true);
    return true;
}

/* ---------------------------------------------------------------------------------- */
/* Coprocessor, barriers, unconditional space                                          */
/* ---------------------------------------------------------------------------------- */

/* MRC<c> / MCR<c> p15, <opc1>, <Rt>, <CRn>, <CRm>, <opc2> */
TRANS(CP15)
{
    unsigned opc1 = F('o'), crn = F('n'), crm = F('m'), opc2 = F('p');
    bool L = F('L');
    int rt = F('t');

    if (opc1 != 0 || rt == 15) {
        return false;
    }
    if (crn == 13 && crm == 0 && (opc2 == 2 || opc2 == 3)) {
        int32_t off = opc2 == 2 ? ENV_OFF(tpidrurw) : ENV_OFF(tpidruro);
        if (L) {
            store_reg(s, rt, gen_ldenv(s, off));
        } else {
            if (opc2 == 3) {
                return false; /* TPIDRURO is read-only at PL0 */
            }
            ir_stenv_i32(s->f, load_reg(s, rt), off);
        }
        return true;
    }
    /* The ARMv6 CP15 barrier operations, still user-accessible on Linux. */
    if (!L && crn == 7 && ((crm == 5 && opc2 == 4) || (crm == 10 && (opc2 == 4 || opc2 == 5)))) {
        if (crm == 10) {
            gen_barrier(s); /* CP15DSB, CP15DMB */
        } else {
            s->is_jmp = DISAS_UPDATE; /* CP15ISB */
        }
        return true;
    }
    return false;
}

/* VFP (coprocessors 10 and 11), then the Advanced SIMD scalar/core transfers there. */
TRANS(VFP)
{
    return arm_decode_vfp(s, insn) || neon_translate_xfer(s, insn);
}

/* Advanced SIMD data processing (1111 001x). */
TRANS(NEON_DP)
{
    return neon_translate_dp(s, insn);
}

/* Advanced SIMD element and structure loads/stores (1111 0100 xxx0). */
TRANS(NEON_LS)
{
    return neon_translate_ls(s, insn);
}

/* SETEND <endian_specifier> */
TRANS(SETEND)
{
    return F('E') == 0; /* big-endian data is not supported */
}

/* PLD/PLDW/PLI [<Rn>, ...] and unallocated memory hints: no-ops */
TRANS(PLD)
{
    return true;
}

/* CLREX */
TRANS(CLREX)
{
    gen_clrex(s);
    return true;
}

/* DSB/DMB/ISB #<option>: DSB/DMB fence the host; an ISB ends the TB. */
TRANS(BARRIER)
{
    switch (F('o')) {
    case 0: /* DSB */
    case 1: /* DMB */
        gen_barrier(s);
        return true;
    case 2: /* ISB */
        s->is_jmp = DISAS_UPDATE;
        return true;
    default:
        return false;
    }
}

/* ---------------------------------------------------------------------------------- */
/* Tables                                                                              */
/* ---------------------------------------------------------------------------------- */

static DecodeEntry a32_entries[] = {
    /* Misc (op = 00, op1 = 10xx0): before data processing. */
    DECODE(MRS,            "cccc00010R00----dddd----0000----"),
    DECODE(MSR_reg,        "cccc00010R10MMMM--------0000nnnn"),
    DECODE(BX,             "cccc00010010------------0001mmmm"),
    DECODE(BX,             "cccc00010010------------0010mmmm"),
    DECODE(BLX_reg,        "cccc00010010------------0011mmmm"),
    DECODE(CLZ,            "cccc00010110----dddd----0001mmmm"),
    DECODE(QADDSUB,        "cccc00010oo0nnnndddd----0101mmmm"),
    DECODE(BKPT,           "cccc00010010------------0111----"),
    DECODE(SMULxy,         "cccc00010oo0ddddaaaammmm1MN0nnnn"),
    /* Multiplies and synchronization (bits 7:4 = 1001). */
    DECODE(MUL,            "cccc0000000Sdddd----mmmm1001nnnn"),
    DECODE(MLA,            "cccc0000001Sddddaaaammmm1001nnnn"),
    DECODE(UMAAL,          "cccc00000100hhhhllllmmmm1001nnnn"),
    DECODE(MLS,            "cccc00000110ddddaaaammmm1001nnnn"),
    DECODE(MULL,           "cccc00001UAShhhhllllmmmm1001nnnn"),
    DECODE(STREX,          "cccc00011zz0nnnndddd----1001tttt"),
    DECODE(LDREX,          "cccc00011zz1nnnntttt----1001----"),
    /* Extra loads/stores (bits 7:4 = 1ss1, ss != 00). */
    DECODE(LDST_extra_imm, "cccc000PU1WLnnnnttttiiii1ss1iiii"),
    DECODE(LDST_extra_reg, "cccc000PU0WLnnnntttt----1ss1mmmm"),
    /* Immediate data processing and its special cases. */
    DECODE(MOVW,           "cccc00110000iiiiddddiiiiiiiiiiii"),
    DECODE(MOVT,           "cccc00110100iiiiddddiiiiiiiiiiii"),
    DECODE(HINT,           "cccc001100100000--------oooooooo"),
    DECODE(MSR_imm,        "cccc00110R10MMMM----rrrriiiiiiii"),
#define DP(NAME, OPC)                                                            \
    DECODE(NAME##_imm, "cccc001" OPC "Snnnnddddrrrriiiiiiii"),                    \
    DECODE(NAME##_reg, "cccc000" OPC "Snnnnddddaaaaayy0mmmm"),                    \
    DECODE(NAME##_rsr, "cccc000" OPC "Snnnnddddssss0yy1mmmm")
#define DP_TEST(NAME, OPC)                                                       \
    DECODE(NAME##_imm, "cccc001" OPC "1nnnn----rrrriiiiiiii"),                    \
    DECODE(NAME##_reg, "cccc000" OPC "1nnnn----aaaaayy0mmmm"),                    \
    DECODE(NAME##_rsr, "cccc000" OPC "1nnnn----ssss0yy1mmmm")
#define DP_MOVE(NAME, OPC)                                                       \
    DECODE(NAME##_imm, "cccc001" OPC "S----ddddrrrriiiiiiii"),                    \
    DECODE(NAME##_reg, "cccc000" OPC "S----ddddaaaaayy0mmmm"),                    \
    DECODE(NAME##_rsr, "cccc000" OPC "S----ddddssss0yy1mmmm")
    DP(AND, "0000"), DP(EOR, "0001"), DP(SUB, "0010"), DP(RSB, "0011"),
    DP(ADD, "0100"), DP(ADC, "0101"), DP(SBC, "0110"), DP(RSC, "0111"),
    DP_TEST(TST, "1000"), DP_TEST(TEQ, "1001"), DP_TEST(CMP, "1010"), DP_TEST(CMN, "1011"),
    DP(ORR, "1100"), DP_MOVE(MOV, "1101"), DP(BIC, "1110"), DP_MOVE(MVN, "1111"),
    /* Media (op = 011, bit 4 = 1). */
    DECODE(PARALLEL,       "cccc01100pppnnnndddd----ooo1mmmm"),
    DECODE(SEL,            "cccc01101000nnnndddd----1011mmmm"),
    DECODE(PKH,            "cccc01101000nnnnddddiiiiiT01mmmm"),
    DECODE(SAT16,          "cccc01101U10wwwwdddd----0011nnnn"),
    DECODE(SAT,            "cccc01101U1wwwwwddddiiiiiS01nnnn"),
    DECODE(REV,            "cccc01101o11----dddd----h011mmmm"),
    DECODE(EXTEND,         "cccc01101ooonnnnddddrr--0111mmmm"),
    DECODE(SMLAD,          "cccc01110000ddddaaaammmm00M1nnnn"),
    DECODE(SMLSD,          "cccc01110000ddddaaaammmm01M1nnnn"),
    DECODE(DIV,            "cccc011100U1dddd----mmmm0001nnnn"),
    DECODE(SMLALD,         "cccc01110100hhhhllllmmmm0oM1nnnn"),
    DECODE(SMMLA,          "cccc01110101ddddaaaammmm00R1nnnn"),
    DECODE(SMMLS,          "cccc01110101ddddaaaammmm11R1nnnn"),
    DECODE(USAD8,          "cccc01111000ddddaaaammmm0001nnnn"),
    DECODE(BFX,            "cccc01111U1wwwwwddddlllll101nnnn"),
    DECODE(BFI,            "cccc0111110MMMMMddddlllll001nnnn"),
    DECODE(UDF,            "cccc01111111------------1111----"),
    /* Word and unsigned byte loads/stores. */
    DECODE(STR_imm,        "cccc010PU0W0nnnnttttiiiiiiiiiiii"),
    DECODE(LDR_imm,        "cccc010PU0W1nnnnttttiiiiiiiiiiii"),
    DECODE(STRB_imm,       "cccc010PU1W0nnnnttttiiiiiiiiiiii"),
    DECODE(LDRB_imm,       "cccc010PU1W1nnnnttttiiiiiiiiiiii"),
    DECODE(STR_reg,        "cccc011PU0W0nnnnttttaaaaayy0mmmm"),
    DECODE(LDR_reg,        "cccc011PU0W1nnnnttttaaaaayy0mmmm"),
    DECODE(STRB_reg,       "cccc011PU1W0nnnnttttaaaaayy0mmmm"),
    DECODE(LDRB_reg,       "cccc011PU1W1nnnnttttaaaaayy0mmmm"),
    /* Block transfers and branches. */
    DECODE(STM,            "cccc100PUSW0nnnnrrrrrrrrrrrrrrrr"),
    DECODE(LDM,            "cccc100PUSW1nnnnrrrrrrrrrrrrrrrr"),
    DECODE(B,              "cccc1010iiiiiiiiiiiiiiiiiiiiiiii"),
    DECODE(BL,             "cccc1011iiiiiiiiiiiiiiiiiiiiiiii"),
    /* Coprocessors and supervisor call. */
    DECODE(SVC,            "cccc1111iiiiiiiiiiiiiiiiiiiiiiii"),
    DECODE(CP15,           "cccc1110oooLnnnntttt1111ppp1mmmm"),
    DECODE(VFP,            "cccc110-------------101---------"),
    DECODE(VFP,            "cccc1110------------101---------"),
};

static DecodeEntry a32_uncond_entries[] = {
    DECODE(SETEND,         "1111000100000001------E-0000----"),
    DECODE(CLREX,          "111101010111------------0001----"),
    DECODE(BARRIER,        "111101010111------------01oo----"),
    DECODE(PLD,            "111101----01--------------------"),
    DECODE(BLX_imm,        "1111101Hiiiiiiiiiiiiiiiiiiiiiiii"),
    /* Advanced SIMD data processing and element/structure loads/stores. */
    DECODE(NEON_DP,        "1111001-------------------------"),
    DECODE(NEON_LS,        "11110100---0--------------------"),
};

DECODE_TABLE(arm_a32_table, "a32", 32, a32_entries);
DECODE_TABLE(arm_a32_uncond_table, "a32-uncond", 32, a32_uncond_entries);

bool arm_decode_a32(DisasContext *s, uint32_t insn)
{
    if ((insn >> 28) == 0xf) {
        return decode_dispatch(&arm_a32_uncond_table, s, insn);
    }
    return decode_dispatch(&arm_a32_table, s, insn);
}
