/*
 * Advanced SIMD (NEON) decoder: data processing (A32 1111 001x, T32 111x 1111) and the
 * core<->scalar transfers of the coprocessor space that vfp.c leaves (VMOV of 8- and
 * 16-bit scalars, VDUP from a core register). Each pattern is one instruction group of
 * the ARM ARM's Advanced SIMD tables (A7.4); its handler rejects the UNDEFINED (and the
 * UNPREDICTABLE) encodings of the group, then either emits IR (the modified-immediate
 * moves and the transfers, which are a few loads and stores of env) or one call of the
 * group's helper in neon_helper.c with the instruction as its argument.
 */
#include "frontend/arm/neon.h"
#include "frontend/arm/neon_helper.h"

#define BIT(x, n) (((x) >> (n)) & 1u)
#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))
#define TRANS(name) static bool trans_##name(DisasContext *s, uint32_t insn, \
                                             const DecodeEntry *e)

/* D:Vd, N:Vn, M:Vm as the data-processing encodings spell them. */
static unsigned vd(uint32_t insn) { return BIT(insn, 22) << 4 | BITS(insn, 15, 12); }
static unsigned vn(uint32_t insn) { return BIT(insn, 7) << 4 | BITS(insn, 19, 16); }
static unsigned vm(uint32_t insn) { return BIT(insn, 5) << 4 | BITS(insn, 3, 0); }

/* Q registers are even-numbered D pairs: an odd register number with Q = 1 is UNDEFINED. */
static bool odd(unsigned reg, bool q)
{
    return q && (reg & 1);
}

/* Emits the group helper call; the instruction is its only argument. */
static bool gen_helper(DisasContext *s, IRHelper *h, uint32_t insn)
{
    ir_callv(s->f, h, 0, tconst(s, insn));
    return true;
}

/* ---- Three registers of the same length ---- */

/* Valid sizes and Q of the integer ops, indexed by op:B (A7.4.1). */
static bool int_3same_ok(unsigned op, unsigned b, unsigned u, unsigned sz, bool q)
{
    switch (op << 1 | b) {
    case 1: case 5: case 8: case 9: case 10: case 11: case 16:
        return true;                   /* VQADD, VQSUB, VSHL & co, VADD/VSUB: also .64 */
    case 3:
        return true;                   /* the logic ops: size selects the op */
    case 19:
        return u ? sz == 0 : sz != 3;  /* VMUL.P8 / VMUL */
    case 20: case 21:
        return sz != 3 && !q;          /* VPMAX, VPMIN */
    case 22:
        return sz == 1 || sz == 2;     /* VQDMULH, VQRDMULH */
    case 23:
        return !u && sz != 3 && !q;    /* VPADD */
    default:
        return sz != 3;
    }
}

/* The float ops: op (bits [11:8]) >= 12, B, U, and bit 21 picking one of a pair. */
static bool fp_3same_ok(unsigned op, unsigned b, unsigned u, unsigned hi, bool q)
{
    bool pairwise = u && !b && (op == 15 || (op == 13 && !hi));
    if (pairwise && q) {
        return false;
    }
    switch (op) {
    case 12: return b && !u;                   /* VFMA, VFMS */
    case 13: return !(b && u && hi);
    case 14: return b ? u : (u || !hi);
    default: return !(b && u);
    }
}

/* V<op><c>.<dt> <Qd>, <Qn>, <Qm>  (and <Dd>, <Dn>, <Dm>) */
TRANS(N3SAME)
{
    unsigned op = BITS(insn, 11, 8), b = BIT(insn, 4), u = BIT(insn, 24);
    unsigned sz = BITS(insn, 21, 20);
    bool q = BIT(insn, 6);
    if (odd(vd(insn), q) || odd(vn(insn), q) || odd(vm(insn), q)) {
        return false;
    }
    if (op >= 12 ? (sz & 1) || !fp_3same_ok(op, b, u, BIT(insn, 21), q)
                 : !int_3same_ok(op, b, u, sz, q)) {
        return false;
    }
    if (op == 12 && !arm_has_feature(ARM_FEATURE_VFP4)) {
        return false; /* VFMA/VFMS are VFPv4 */
    }
    return gen_helper(s, &helper_info_neon_3same, insn);
}

/* ---- Three registers of different lengths ---- */

/* V<op>L <Qd>, <Dn>, <Dm>  /  V<op>W <Qd>, <Qn>, <Dm>  /  V<op>HN <Dd>, <Qn>, <Qm> */
TRANS(N3DIFF)
{
    unsigned op = BITS(insn, 11, 8), u = BIT(insn, 24), sz = BITS(insn, 21, 20);
    if (sz == 3) {
        return false; /* VEXT, two registers misc, VTBL, VDUP */
    }
    switch (op) {
    case 1: case 3:                    /* VADDW, VSUBW */
        return !odd(vd(insn), 1) && !odd(vn(insn), 1) &&
               gen_helper(s, &helper_info_neon_3diff, insn);
    case 4: case 6:                    /* V{R}ADDHN, V{R}SUBHN */
        return !odd(vn(insn), 1) && !odd(vm(insn), 1) &&
               gen_helper(s, &helper_info_neon_3diff, insn);
    case 9: case 11: case 13:          /* VQDMLAL, VQDMLSL, VQDMULL */
        if (u || sz == 0) {
            return false;
        }
        break;
    case 14:                           /* VMULL.P8 (.P64 is ARMv8) */
        if (u || sz != 0) {
            return false;
        }
        break;
    case 15:
        return false;
    default:
        break;
    }
    return !odd(vd(insn), 1) && gen_helper(s, &helper_info_neon_3diff, insn);
}

/* ---- Two registers and a scalar ---- */

/* V<op><c>.<dt> <Qd>, <Qn>, <Dm[x]>  (VMLA, VMLAL, VQDMULH... by scalar) */
TRANS(N2SCALAR)
{
    unsigned op = BITS(insn, 11, 8), sz = BITS(insn, 21, 20);
    bool bit24 = BIT(insn, 24);
    if (sz == 3) {
        return false;
    }
    if (sz == 0 || op >= 14) {
        return false;
    }
    switch (op) {
    case 2: case 6: case 10:           /* VMLAL, VMLSL, VMULL */
        return !odd(vd(insn), 1) && gen_helper(s, &helper_info_neon_2scalar, insn);
    case 3: case 7: case 11:           /* VQDMLAL, VQDMLSL, VQDMULL */
        return !bit24 && !odd(vd(insn), 1) && gen_helper(s, &helper_info_neon_2scalar, insn);
    case 1: case 5: case 9:            /* float */
        if (sz != 2) {
            return false;
        }
        break;
    default:
        break;
    }
    if (odd(vd(insn), bit24) || odd(vn(insn), bit24)) {
        return false;
    }
    return gen_helper(s, &helper_info_neon_2scalar, insn);
}

/* ---- Two registers and a shift amount ---- */

/* V<op><c>.<dt> <Qd>, <Qm>, #<imm> */
TRANS(NSHIFT)
{
    unsigned op = BITS(insn, 11, 8), u = BIT(insn, 24), imm6 = BITS(insn, 21, 16);
    bool l = BIT(insn, 7), q = BIT(insn, 6);
    if (!l && imm6 < 8) {
        return false; /* one register and a modified immediate */
    }
    switch (op) {
    case 4: case 6:                    /* VSRI, VQSHLU */
        if (!u) {
            return false;
        }
        break;
    case 8: case 9:                    /* the narrowing shifts (bit 6 is an op bit) */
        return !l && !odd(vm(insn), 1) && gen_helper(s, &helper_info_neon_shift, insn);
    case 10:                           /* VSHLL, VMOVL */
        return !l && !q && !odd(vd(insn), 1) && gen_helper(s, &helper_info_neon_shift, insn);
    case 11: case 12: case 13:
        return false;
    case 14: case 15:                  /* VCVT fixed-point: 32-bit only */
        if (l || imm6 < 32) {
            return false;
        }
        break;
    default:
        break;
    }
    if (odd(vd(insn), q) || odd(vm(insn), q)) {
        return false;
    }
    return gen_helper(s, &helper_info_neon_shift, insn);
}

/* ---- One register and a modified immediate ---- */

/*
 * VMOV<c>.<dt> <Qd>, #<imm>  /  VMVN  /  VORR  /  VBIC (immediate). Plain IR: the
 * immediate is expanded now, moves store it, VORR/VBIC combine it with each D half.
 */
TRANS(NIMM)
{
    unsigned cmode = BITS(insn, 11, 8), op = BIT(insn, 5), d = vd(insn);
    bool q = BIT(insn, 6);
    uint8_t imm8 = (uint8_t)(BIT(insn, 24) << 7 | BITS(insn, 18, 16) << 4 | BITS(insn, 3, 0));
    if (odd(d, q) || (cmode == 15 && op)) {
        return false;
    }
    uint64_t imm = neon_expand_imm(op, cmode, imm8);
    bool orr_bic = (cmode & 1) && cmode < 12;
    bool invert = op && !orr_bic && cmode != 14; /* VMVN; cmode 1110 op 1 is a VMOV */
    for (unsigned k = 0; k <= q; k++) {
        int32_t off = ENV_VFP_D(d + k);
        if (!orr_bic) {
            ir_stenv_i64(s->f, ir_const_i64(s->f, invert ? ~imm : imm), off);
            continue;
        }
        IRTemp v = new_tmp64(s), r = new_tmp64(s);
        ir_ldenv_i64(s->f, v, off);
        if (op) {
            ir_andi_i64(s->f, r, v, ~imm);             /* VBIC */
        } else {
            ir_or_i64(s->f, r, v, ir_const_i64(s->f, imm)); /* VORR */
        }
        ir_stenv_i64(s->f, r, off);
    }
    return true;
}

/* ---- Two registers, miscellaneous ---- */

/* Valid encodings of the A = bits [17:16] = 00 ops, by bits [10:7]. */
static bool misc_a0_ok(unsigned op4, unsigned sz)
{
    switch (op4) {
    case 0: case 1: case 2: return op4 + sz < 3;    /* VREV64, VREV32, VREV16 */
    case 10: case 11: return sz == 0;               /* VCNT, VMVN */
    case 3: case 6: case 7: return false;
    default: return sz != 3;
    }
}

/* V<op><c>.<dt> <Qd>, <Qm> */
TRANS(N2MISC)
{
    unsigned a = BITS(insn, 17, 16), op4 = BITS(insn, 10, 7), sz = BITS(insn, 19, 18);
    bool q = BIT(insn, 6);
    bool ok;
    switch (a) {
    case 0:
        ok = misc_a0_ok(op4, sz);
        break;
    case 1:
        ok = sz != 3 && (op4 & 7) != 5 && (!(op4 & 8) || sz == 2);
        break;
    case 2:
        switch (op4) {
        case 0: ok = sz == 0; break;                             /* VSWP */
        case 1: ok = sz != 3; break;                             /* VTRN */
        case 2: case 3: ok = sz != 3 && (q || sz != 2); break;   /* VUZP, VZIP */
        case 4: case 5:                                          /* VMOVN, VQMOV{U}N */
            return sz != 3 && !odd(vm(insn), 1) && gen_helper(s, &helper_info_neon_2misc, insn);
        case 6:                                                  /* VSHLL #esize */
            return sz != 3 && !q && !odd(vd(insn), 1) &&
                   gen_helper(s, &helper_info_neon_2misc, insn);
        case 12:                                                 /* VCVT.F16.F32 */
            return sz == 1 && !q && !odd(vm(insn), 1) &&
                   gen_helper(s, &helper_info_neon_2misc, insn);
        case 14:                                                 /* VCVT.F32.F16 */
            return sz == 1 && !q && !odd(vd(insn), 1) &&
                   gen_helper(s, &helper_info_neon_2misc, insn);
        default: ok = false; break;
        }
        break;
    default:
        ok = sz == 2 && op4 >= 8; /* VRECPE, VRSQRTE, VCVT */
        break;
    }
    if (!ok || odd(vd(insn), q) || odd(vm(insn), q)) {
        return false;
    }
    return gen_helper(s, &helper_info_neon_2misc, insn);
}

/* ---- VEXT, VTBL, VDUP ---- */

/* VEXT<c>.8 <Qd>, <Qn>, <Qm>, #<imm> */
TRANS(VEXT)
{
    bool q = BIT(insn, 6);
    if ((!q && BIT(insn, 11)) || odd(vd(insn), q) || odd(vn(insn), q) || odd(vm(insn), q)) {
        return false;
    }
    return gen_helper(s, &helper_info_neon_vext, insn);
}

/* VTBL<c>.8 <Dd>, <list>, <Dm>  /  VTBX */
TRANS(VTBL)
{
    if (vn(insn) + BITS(insn, 9, 8) + 1 > 32) {
        return false; /* UNPREDICTABLE: the list runs past D31 */
    }
    return gen_helper(s, &helper_info_neon_vtbl, insn);
}

/* VDUP<c>.<size> <Qd>, <Dm[x]> */
TRANS(VDUP_scalar)
{
    if ((BITS(insn, 19, 16) & 7) == 0 || odd(vd(insn), BIT(insn, 6))) {
        return false;
    }
    return gen_helper(s, &helper_info_neon_vdup, insn);
}

/* ---- Core register <-> scalar transfers (coprocessor space) ---- */

/* Element size (log2 bytes) and index of VMOV's opc1:opc2 fields; false if UNDEFINED. */
static bool scalar_sel(uint32_t insn, unsigned *sz, unsigned *idx)
{
    unsigned opc1 = BITS(insn, 22, 21), opc2 = BITS(insn, 6, 5);
    if (opc1 & 2) {
        *sz = 0;
        *idx = (opc1 & 1) << 2 | opc2;
    } else if (opc2 & 1) {
        *sz = 1;
        *idx = (opc1 & 1) << 1 | opc2 >> 1;
    } else if (opc2 == 0) {
        *sz = 2;
        *idx = opc1 & 1;
    } else {
        return false;
    }
    return true;
}

/* VMOV<c>.<size> <Dd[x]>, <Rt> */
TRANS(VMOV_to_scalar)
{
    unsigned sz, idx, d = BIT(insn, 7) << 4 | BITS(insn, 19, 16), t = BITS(insn, 15, 12);
    if (t == 15 || !scalar_sel(insn, &sz, &idx)) {
        return false;
    }
    unsigned byte = idx << sz;
    int32_t off = ENV_VFP_S(2 * d + byte / 4);
    IRTemp old = new_tmp(s), v = new_tmp(s);
    ir_ldenv_i32(s->f, old, off);
    ir_deposit_i32(s->f, v, old, load_reg(s, (int)t), (byte & 3) * 8, 8u << sz);
    ir_stenv_i32(s->f, v, off);
    return true;
}

/* VMOV<c>.<dt> <Rt>, <Dn[x]>  (U: zero- rather than sign-extend) */
TRANS(VMOV_from_scalar)
{
    unsigned sz, idx, n = BIT(insn, 7) << 4 | BITS(insn, 19, 16), t = BITS(insn, 15, 12);
    bool u = BIT(insn, 23);
    if (t == 15 || !scalar_sel(insn, &sz, &idx) || (u && sz == 2)) {
        return false;
    }
    unsigned byte = idx << sz;
    IRTemp w = new_tmp(s), v = new_tmp(s);
    ir_ldenv_i32(s->f, w, ENV_VFP_S(2 * n + byte / 4));
    if (sz == 2) {
        ir_mov_i32(s->f, v, w);
    } else if (u) {
        ir_extract_i32(s->f, v, w, (byte & 3) * 8, 8u << sz);
    } else {
        ir_sextract_i32(s->f, v, w, (byte & 3) * 8, 8u << sz);
    }
    store_reg(s, (int)t, v);
    return true;
}

/* VDUP<c>.<size> <Qd>, <Rt> */
TRANS(VDUP_core)
{
    unsigned d = BIT(insn, 7) << 4 | BITS(insn, 19, 16), t = BITS(insn, 15, 12);
    unsigned be = BIT(insn, 22) << 1 | BIT(insn, 5);
    bool q = BIT(insn, 21);
    if (t == 15 || be == 3 || odd(d, q)) {
        return false;
    }
    IRTemp v = load_reg(s, (int)t), w = v;
    if (be != 0) {
        w = new_tmp(s);
        IRTemp x = new_tmp(s);
        ir_andi_i32(s->f, x, v, be == 2 ? 0xffu : 0xffffu);
        ir_muli_i32(s->f, w, x, be == 2 ? 0x01010101u : 0x00010001u);
    }
    IRTemp dw = new_tmp64(s);
    ir_concat_i32_i64(s->f, dw, w, w);
    for (unsigned k = 0; k <= q; k++) {
        ir_stenv_i64(s->f, dw, ENV_VFP_D(d + k));
    }
    return true;
}

/* ---- Tables ---- */

/*
 * A32 layout (T32 callers convert). Field letters are documentation only: handlers read
 * the bits with BIT/BITS. U unsigned/op, D/N/M register top bits, d/n/m register
 * fields, z size, o op, Q quadword, i immediate, L the 64-bit shift bit, c cmode.
 * Groups whose size field is 11 (VEXT, misc, VTBL, VDUP) come before the 3-diff and
 * scalar groups, whose handlers decline size 11.
 */
static DecodeEntry neon_entries[] = {
    DECODE(N3SAME,      "1111 001U 0Dzz nnnn dddd oooo NQMo mmmm"),
    DECODE(NIMM,        "1111 001i 1D00 0iii dddd cccc 0Qo1 iiii"),
    DECODE(NSHIFT,      "1111 001U 1Dii iiii dddd oooo LQM1 mmmm"),
    DECODE(VEXT,        "1111 0010 1D11 nnnn dddd iiii NQM0 mmmm"),
    DECODE(N2MISC,      "1111 0011 1D11 zzoo dddd 0ooo oQM0 mmmm"),
    DECODE(VTBL,        "1111 0011 1D11 nnnn dddd 10ii NoM0 mmmm"),
    DECODE(VDUP_scalar, "1111 0011 1D11 iiii dddd 1100 0QM0 mmmm"),
    DECODE(N3DIFF,      "1111 001U 1Dzz nnnn dddd oooo N0M0 mmmm"),
    DECODE(N2SCALAR,    "1111 001Q 1Dzz nnnn dddd oooo N1M0 mmmm"),
};

static DecodeEntry neon_xfer_entries[] = {
    DECODE(VMOV_to_scalar,   "---- 1110 0oo0 dddd tttt 1011 Doo1 0000"),
    DECODE(VMOV_from_scalar, "---- 1110 Uoo1 nnnn tttt 1011 Noo1 0000"),
    DECODE(VDUP_core,        "---- 1110 1BQ0 dddd tttt 1011 D0E1 0000"),
};

DECODE_TABLE(arm_neon_table, "neon", 32, neon_entries);
DECODE_TABLE(arm_neon_xfer_table, "neon-xfer", 32, neon_xfer_entries);

/* A CPU model without Advanced SIMD (-cpu) UNDEFs the whole space. */
bool neon_translate_dp(DisasContext *s, uint32_t insn)
{
    return arm_has_feature(ARM_FEATURE_NEON) && decode_dispatch(&arm_neon_table, s, insn);
}

bool neon_translate_xfer(DisasContext *s, uint32_t insn)
{
    return arm_has_feature(ARM_FEATURE_NEON) && decode_dispatch(&arm_neon_xfer_table, s, insn);
}
