/*
 * The generic vector forms of Advanced SIMD instructions (IRVecDesc in ir/ir.h): the
 * `vec` decoder of the NEON group helpers. Given an A32-form data-processing instruction
 * the translator has accepted, it says which lane-wise operation on which env registers
 * the helper call computes, so that the JIT can emit host SSE code for it; the helper
 * remains the reference. Instructions without such a form return false.
 */
#include "frontend/arm/neon_helper.h"
#include "frontend/arm/translate.h"

#define BIT(x, n) (((x) >> (n)) & 1u)
#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

bool neon_vec_enabled = true;

static unsigned vd(uint32_t insn) { return BIT(insn, 22) << 4 | BITS(insn, 15, 12); }
static unsigned vn(uint32_t insn) { return BIT(insn, 7) << 4 | BITS(insn, 19, 16); }
static unsigned vm(uint32_t insn) { return BIT(insn, 5) << 4 | BITS(insn, 3, 0); }

/* Fills the register fields: d, n, m of `bytes` bytes (a Q register must be even). */
static bool regs(IRVecDesc *v, uint32_t insn, IRVecOp op, unsigned esz, bool dq, bool nq,
                 bool mq)
{
    unsigned d = vd(insn), n = vn(insn), m = vm(insn);
    if ((dq && (d & 1)) || (nq && (n & 1)) || (mq && (m & 1))) {
        return false;
    }
    *v = (IRVecDesc){
        .op = (uint8_t)op, .esz = (uint8_t)esz, .bytes = dq ? 16 : 8,
        .d = ENV_VFP_D(d), .n = ENV_VFP_D(n), .m = ENV_VFP_D(m),
        .sat_off = ENV_OFF(fpscr), .sat_bit = 27, /* FPSCR.QC */
    };
    return true;
}

/* A float op: single-precision lanes, FPSCR.IXC as the Inexact flag; has_n: Vn is a
 * register (not opcode bits). */
static bool float_regs(IRVecDesc *v, uint32_t insn, IRVecOp op, bool q, bool has_n)
{
    if (!regs(v, insn, op, 2, q, q && has_n, q)) {
        return false;
    }
    v->sat_bit = 4;
    return true;
}

/* The float forms of three-same (op 12-15, sz<0> = 0: F32). */
static bool vec_3same_float(uint32_t insn, IRVecDesc *v)
{
    unsigned op = BITS(insn, 11, 8), b = BIT(insn, 4), u = BIT(insn, 24), hi = BIT(insn, 21);
    IRVecOp o;
    if (BIT(insn, 20)) {
        return false;
    }
    switch (op << 3 | b << 2 | u << 1 | hi) {
    case 13 << 3 | 0: o = IR_VEC_FADD; break;
    case 13 << 3 | 1: o = IR_VEC_FSUB; break;
    case 13 << 3 | 4: o = IR_VEC_FMLA; break;
    case 13 << 3 | 5: o = IR_VEC_FMLS; break;
    case 13 << 3 | 6: o = IR_VEC_FMUL; break;
    case 14 << 3 | 0: o = IR_VEC_FCEQ; break;
    case 14 << 3 | 2: o = IR_VEC_FCGE; break;
    case 14 << 3 | 3: o = IR_VEC_FCGT; break;
    case 15 << 3 | 0: o = IR_VEC_FMAX; break;
    case 15 << 3 | 1: o = IR_VEC_FMIN; break;
    default: return false;
    }
    return float_regs(v, insn, o, BIT(insn, 6), true);
}

/* Three registers of the same length (A7.4.1). */
static bool vec_3same(uint32_t insn, IRVecDesc *v)
{
    unsigned op = BITS(insn, 11, 8), b = BIT(insn, 4), u = BIT(insn, 24);
    unsigned sz = BITS(insn, 21, 20);
    bool q = BIT(insn, 6);
    if (op >= 12) {
        return vec_3same_float(insn, v);
    }
    static const IRVecOp logic[8] = {
        IR_VEC_AND, IR_VEC_BIC, IR_VEC_ORR, IR_VEC_ORN,
        IR_VEC_EOR, IR_VEC_BSL, IR_VEC_BIT, IR_VEC_BIF,
    };
    IRVecOp o;
    switch (op << 1 | b) {
    case 0 << 1 | 1: o = u ? IR_VEC_QADDU : IR_VEC_QADD; break;
    case 1 << 1 | 0:
        if (!u) {
            return false;              /* VRHADD.S */
        }
        o = IR_VEC_RHADDU;
        break;
    case 1 << 1 | 1: return regs(v, insn, logic[u << 2 | sz], 3, q, q, q);
    case 2 << 1 | 1: o = u ? IR_VEC_QSUBU : IR_VEC_QSUB; break;
    case 3 << 1 | 0: o = u ? IR_VEC_CGTU : IR_VEC_CGT; break;
    case 3 << 1 | 1: o = u ? IR_VEC_CGEU : IR_VEC_CGE; break;
    case 6 << 1 | 0: o = u ? IR_VEC_MAXU : IR_VEC_MAX; break;
    case 6 << 1 | 1: o = u ? IR_VEC_MINU : IR_VEC_MIN; break;
    case 7 << 1 | 0: o = u ? IR_VEC_ABDU : IR_VEC_ABD; break;
    case 7 << 1 | 1: o = u ? IR_VEC_ABAU : IR_VEC_ABA; break;
    case 8 << 1 | 0: o = u ? IR_VEC_SUB : IR_VEC_ADD; break;
    case 8 << 1 | 1: o = u ? IR_VEC_CEQ : IR_VEC_TST; break;
    case 9 << 1 | 0: o = u ? IR_VEC_MLS : IR_VEC_MLA; break;
    case 9 << 1 | 1:
        if (u) {
            return false;              /* VMUL.P8 */
        }
        o = IR_VEC_MUL;
        break;
    default:
        return false;
    }
    return regs(v, insn, o, sz, q, q, q);
}

/* Two registers and a shift amount (A7.4.4): lane size and the encoded amount. */
static bool vec_shift(uint32_t insn, IRVecDesc *v)
{
    unsigned op = BITS(insn, 11, 8), u = BIT(insn, 24), imm = BIT(insn, 7) << 6 |
                                                                 BITS(insn, 21, 16);
    bool q = BIT(insn, 6);
    if (imm < 8) {
        return false;                  /* the one-register-and-immediate group */
    }
    unsigned esz = imm >= 64 ? 3 : imm >= 32 ? 2 : imm >= 16 ? 1 : 0;
    unsigned bits = 8u << esz, right = 2 * bits - imm, left = imm - bits;
    IRVecOp o;
    unsigned k;
    switch (op) {
    case 0: o = u ? IR_VEC_SHR : IR_VEC_SAR; k = right; break;
    case 1: o = u ? IR_VEC_USRA : IR_VEC_SSRA; k = right; break;
    case 4:
        if (!u) {
            return false;              /* UNDEFINED: the translator rejects it */
        }
        o = IR_VEC_SRI;
        k = right;
        break;
    case 5: o = u ? IR_VEC_SLI : IR_VEC_SHL; k = left; break;
    case 14: case 15:                  /* VCVT between F32 and fixed-point S32 */
        if (u || BIT(insn, 7) || imm < 32 ||
            !float_regs(v, insn, op == 14 ? IR_VEC_FCVT_FROM_S32 : IR_VEC_FCVT_TO_S32, q,
                        false)) {
            return false;
        }
        v->imm = (uint8_t)(64 - imm);  /* fraction bits */
        return true;
    case 10:                           /* VMOVL (VSHLL #0) */
        if (q || BIT(insn, 7) || left != 0) {
            return false;
        }
        return regs(v, insn, u ? IR_VEC_MOVLU : IR_VEC_MOVL, esz, true, false, false);
    default:
        return false;
    }
    if (!regs(v, insn, o, esz, q, false, q)) { /* Vn's bits are the shift amount */
        return false;
    }
    v->imm = (uint8_t)k;
    return true;
}

/* Two registers, miscellaneous (A7.4.5): VREV, VMVN, VMOVN, VABS/VNEG.F32, VCVT (F32, S32). */
static bool vec_2misc(uint32_t insn, IRVecDesc *v)
{
    unsigned a = BITS(insn, 17, 16), op4 = BITS(insn, 10, 7), sz = BITS(insn, 19, 18);
    bool q = BIT(insn, 6);
    if (a == 2 && op4 == 4 && !q && sz != 3) {
        return regs(v, insn, IR_VEC_MOVN, sz, false, false, true);
    }
    if (a == 1 && (op4 & 7) <= 4 && (op4 < 8 ? sz <= 2 : sz == 2)) {
        /* VCGT, VCGE, VCEQ, VCLE, VCLT #0: m against zero, as n or m of a compare */
        static const IRVecOp cmp[2][3] = {
            { IR_VEC_CGT, IR_VEC_CGE, IR_VEC_CEQ }, { IR_VEC_FCGT, IR_VEC_FCGE, IR_VEC_FCEQ },
        };
        unsigned kind = op4 & 7;
        IRVecOp o = cmp[op4 >> 3][kind <= 2 ? kind : kind == 3 ? 1 : 0];
        if (!(op4 & 8 ? float_regs(v, insn, o, q, false) : regs(v, insn, o, sz, q, false, q))) {
            return false;
        }
        if (kind <= 2) {
            v->n = v->m;                   /* m > 0, m >= 0, m == 0 */
            v->zero = 2;
        } else {
            v->zero = 1;                   /* 0 >= m, 0 > m */
        }
        return true;
    }
    if (a == 1 && sz == 2 && (op4 == 14 || op4 == 15)) {
        return float_regs(v, insn, op4 == 14 ? IR_VEC_FABS : IR_VEC_FNEG, q, false);
    }
    if (a == 3 && sz == 2 && (op4 == 12 || op4 == 14)) {   /* VCVT.F32.S32, VCVT.S32.F32 */
        return float_regs(v, insn, op4 == 12 ? IR_VEC_FCVT_FROM_S32 : IR_VEC_FCVT_TO_S32, q,
                          false);
    }
    if (a != 0) {
        return false;
    }
    if (op4 <= 2 && op4 + sz < 3) {
        if (!regs(v, insn, IR_VEC_REV, sz, q, q, q)) {
            return false;
        }
        v->imm = (uint8_t)(3 - op4);   /* VREV64, VREV32, VREV16: 2^imm-byte groups */
        return true;
    }
    if (op4 == 11 && sz == 0) {
        return regs(v, insn, IR_VEC_NOT, 3, q, q, q);
    }
    return false;
}

/* VEXT: bytes imm.. of m:n. */
static bool vec_ext(uint32_t insn, IRVecDesc *v)
{
    bool q = BIT(insn, 6);
    unsigned imm = BITS(insn, 11, 8);
    if ((!q && imm >= 8) || !regs(v, insn, IR_VEC_EXT, 0, q, q, q)) {
        return false;
    }
    v->imm = (uint8_t)imm;
    return true;
}

/* VDUP (scalar): every lane = Dm[x]. */
static bool vec_dup(uint32_t insn, IRVecDesc *v)
{
    unsigned imm4 = BITS(insn, 19, 16);
    bool q = BIT(insn, 6);
    if ((imm4 & 7) == 0) {
        return false;
    }
    unsigned esz = (imm4 & 1) ? 0 : (imm4 & 2) ? 1 : 2;
    if (!regs(v, insn, IR_VEC_DUP, esz, q, false, false)) {
        return false;
    }
    v->imm = (uint8_t)(imm4 >> (esz + 1));
    return true;
}

/* Three registers of different lengths (A7.4.2): VMULL, VMLAL (integer). */
static bool vec_3diff(uint32_t insn, IRVecDesc *v)
{
    unsigned op = BITS(insn, 11, 8), sz = BITS(insn, 21, 20);
    bool u = BIT(insn, 24);
    if (sz == 3) {
        return false;
    }
    switch (op) {
    case 8: return regs(v, insn, u ? IR_VEC_MLALU : IR_VEC_MLAL, sz, true, false, false);
    case 12: return regs(v, insn, u ? IR_VEC_MULLU : IR_VEC_MULL, sz, true, false, false);
    default: return false;
    }
}

/* Two registers and a scalar (A7.4.3): VMUL, VMLA, VMLS (integer and F32), VMULL,
 * VMLAL by Dm[x]. */
static bool vec_2scalar(uint32_t insn, IRVecDesc *v)
{
    unsigned op = BITS(insn, 11, 8), sz = BITS(insn, 21, 20);
    bool u = BIT(insn, 24);            /* Q for the same-length forms */
    if (sz != 1 && sz != 2) {
        return false;
    }
    static const IRVecOp same[12] = {
        [0] = IR_VEC_MLA, [1] = IR_VEC_FMLA, [4] = IR_VEC_MLS, [5] = IR_VEC_FMLS,
        [8] = IR_VEC_MUL, [9] = IR_VEC_FMUL,
    };
    bool ok;
    switch (op) {
    case 0: case 4: case 8:
        ok = regs(v, insn, same[op], sz, u, u, false);
        break;
    case 1: case 5: case 9:
        ok = sz == 2 && float_regs(v, insn, same[op], u, true);
        break;
    case 2: ok = regs(v, insn, u ? IR_VEC_MLALU : IR_VEC_MLAL, sz, true, false, false); break;
    case 10: ok = regs(v, insn, u ? IR_VEC_MULLU : IR_VEC_MULL, sz, true, false, false); break;
    default: return false;
    }
    if (!ok) {
        return false;
    }
    /* Dm[x]: 16-bit lanes, m = Vm<2:0> and x = M:Vm<3>; 32-bit, m = Vm, x = M. */
    unsigned m = sz == 1 ? BITS(insn, 2, 0) : BITS(insn, 3, 0);
    unsigned x = sz == 1 ? BIT(insn, 5) << 1 | BIT(insn, 3) : BIT(insn, 5);
    v->m = ENV_VFP_D(m) + (int32_t)(x << sz);
    v->scalar = 1;
    return true;
}

bool neon_vec_decode(uint32_t insn, IRVecDesc *v)
{
    if ((insn & 0xfe800000u) == 0xf2000000u) {
        return vec_3same(insn, v);
    }
    if ((insn & 0xfe800010u) == 0xf2800010u) {
        return vec_shift(insn, v);
    }
    if ((insn & 0xffb00010u) == 0xf2b00000u) {
        return vec_ext(insn, v);
    }
    if ((insn & 0xffb00810u) == 0xf3b00000u) {
        return vec_2misc(insn, v);
    }
    if ((insn & 0xffb00f90u) == 0xf3b00c00u) {
        return vec_dup(insn, v);
    }
    if ((insn & 0xfe800050u) == 0xf2800000u) {
        return vec_3diff(insn, v);
    }
    if ((insn & 0xfe800050u) == 0xf2800040u) {
        return vec_2scalar(insn, v);
    }
    return false;
}
