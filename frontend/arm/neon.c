/*
 * Advanced SIMD (NEON) decoder: data processing (A32 1111 001x, T32 111x 1111) and the
 * core<->scalar transfers of the coprocessor space that vfp.c leaves (VMOV of 8- and
 * 16-bit scalars, VDUP from a core register). Each pattern is one instruction group of
 * the ARM ARM's Advanced SIMD tables (A7.4); its handler rejects the UNDEFINED (and the
 * UNPREDICTABLE) encodings of the group, then either emits IR (the modified-immediate
 * moves and the transfers, which are a few loads and stores of env, and the common
 * integer ops, which have a cheap form on 64-bit words: "Plain-IR forms" at the end) or
 * one call of the group's helper in neon_helper.c with the instruction as its argument.
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

/*
 * Emits the instruction: as plain IR when it has a cheap 64-bit-word form (see "Plain-IR
 * forms" below), else as a call of the group helper with the instruction as argument.
 * A call the JIT turns into host vector code (IRVecDesc) is preferred to the IR form when
 * it touches a Q register. An op on D registers only keeps its word form when it has
 * one: the JIT holds 64-bit words in general registers across the block, which measured
 * faster on D-register code (openssl sha512 93.6 against 62.5 MB/s, sha256 154 / 138).
 */
static bool gen_helper(DisasContext *s, IRHelper *h, uint32_t insn)
{
    IRVecDesc v;
    bool vec = neon_vec_enabled && h->vec && ir_vec_supported && h->vec(insn, &v) &&
               ir_vec_supported(&v) && (v.bytes == 16 || v.op == IR_VEC_MOVN);
    if (!vec && neon_ir_enabled && neon_gen_ir(s->f, insn)) {
        return true;
    }
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

/* ---- Plain-IR forms ---- */

/*
 * The integer instructions that compilers and hand-written NEON code (OpenSSL's SHA-2
 * and ChaCha20) use most have a cheap form on 64-bit words, in SIMD-within-a-register
 * style: lane-wise add/sub with the carries across lanes masked off, logic ops as they
 * are, immediate shifts as a word shift and a lane mask, VEXT as a funnel shift, VREV as
 * swaps of halves. As IR, they run without a call, the optimizer forwards a result
 * stored to env to the next instruction reading it, and the JIT keeps the words in host
 * registers across a run of NEON instructions. Everything else keeps the group helper
 * (which stays the reference: tests/unit/test_neon.c runs both on random operands).
 * Sources are loaded before any destination word is stored, so overlaps read the old
 * values.
 */
bool neon_ir_enabled = true;

static uint64_t ones64(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* x (a value of one lane of `bits` bits) repeated in every lane of a word. */
static uint64_t repl(uint64_t x, unsigned bits)
{
    return bits >= 64 ? x : (x & ones64(bits)) * (~0ull / ones64(bits));
}

static IRTemp ld_d(IRFunc *f, unsigned reg)
{
    IRTemp t = ir_new_temp(f, IR_I64);
    ir_ldenv_i64(f, t, ENV_VFP_D(reg & 31));
    return t;
}

static IRTemp op2(IRFunc *f, void (*op)(IRFunc *, IRTemp, IRTemp, IRTemp), IRTemp a, IRTemp b)
{
    IRTemp t = ir_new_temp(f, IR_I64);
    op(f, t, a, b);
    return t;
}

static IRTemp andi(IRFunc *f, IRTemp a, uint64_t v)
{
    return v == ~0ull ? a : op2(f, ir_and_i64, a, ir_const_i64(f, v));
}

static IRTemp xori(IRFunc *f, IRTemp a, uint64_t v)
{
    return op2(f, ir_xor_i64, a, ir_const_i64(f, v));
}

static IRTemp shli(IRFunc *f, IRTemp a, unsigned k)
{
    return k == 0 ? a : op2(f, ir_shl_i64, a, ir_const_i64(f, k));
}

static IRTemp shri(IRFunc *f, IRTemp a, unsigned k)
{
    return k == 0 ? a : op2(f, ir_shr_i64, a, ir_const_i64(f, k));
}

static IRTemp sari(IRFunc *f, IRTemp a, unsigned k)
{
    return k == 0 ? a : op2(f, ir_sar_i64, a, ir_const_i64(f, k));
}

/* Lane-wise a + b: the top bit of each lane added without carry-out (Hacker's Delight). */
static IRTemp lane_add(IRFunc *f, IRTemp a, IRTemp b, unsigned bits)
{
    if (bits == 64) {
        return op2(f, ir_add_i64, a, b);
    }
    uint64_t h = repl(1ull << (bits - 1), bits);
    IRTemp sum = op2(f, ir_add_i64, andi(f, a, ~h), andi(f, b, ~h));
    return op2(f, ir_xor_i64, sum, andi(f, op2(f, ir_xor_i64, a, b), h));
}

/* Lane-wise a - b: every lane's top bit set in a so no borrow crosses lanes. */
static IRTemp lane_sub(IRFunc *f, IRTemp a, IRTemp b, unsigned bits)
{
    if (bits == 64) {
        return op2(f, ir_sub_i64, a, b);
    }
    uint64_t h = repl(1ull << (bits - 1), bits);
    IRTemp dif = op2(f, ir_sub_i64, op2(f, ir_or_i64, a, ir_const_i64(f, h)), andi(f, b, ~h));
    return op2(f, ir_xor_i64, dif, andi(f, xori(f, op2(f, ir_xor_i64, a, b), ~0ull), h));
}

/* Lane-wise logical shifts by 0 <= k < bits (and right by k == bits: zero). */
static IRTemp lane_shr(IRFunc *f, IRTemp a, unsigned k, unsigned bits)
{
    if (k >= bits) {
        return ir_const_i64(f, 0);
    }
    return andi(f, shri(f, a, k), repl(ones64(bits) >> k, bits));
}

static IRTemp lane_shl(IRFunc *f, IRTemp a, unsigned k, unsigned bits)
{
    return andi(f, shli(f, a, k), repl(ones64(bits) << k, bits));
}

/*
 * Lane-wise arithmetic shift right, 0 < k <= bits: 64- and 32-bit lanes from host
 * arithmetic shifts, narrower ones as the logical shift with its sign bit (now at bit
 * bits - 1 - k) extended: (t ^ s) - s.
 */
static IRTemp lane_sar(IRFunc *f, IRTemp a, unsigned k, unsigned bits)
{
    k = k >= bits ? bits - 1 : k;   /* the same result: all sign bits */
    if (bits == 64) {
        return sari(f, a, k);
    }
    if (bits == 32) {
        IRTemp hi = andi(f, sari(f, a, k), 0xffffffff00000000ull);
        IRTemp lo = shri(f, sari(f, shli(f, a, 32), k), 32);
        return op2(f, ir_or_i64, hi, lo);
    }
    IRTemp t = lane_shr(f, a, k, bits);
    uint64_t sgn = repl(1ull << (bits - 1 - k), bits);
    return lane_sub(f, xori(f, t, sgn), ir_const_i64(f, sgn), bits);
}

/* All ones in the lanes of x that are zero, else zero (Hacker's Delight's zero test). */
static IRTemp lane_is_zero(IRFunc *f, IRTemp x, unsigned bits)
{
    uint64_t low = repl(ones64(bits - 1), bits);
    IRTemp y = op2(f, ir_add_i64, andi(f, x, low), ir_const_i64(f, low));
    IRTemp top = xori(f, op2(f, ir_or_i64, op2(f, ir_or_i64, y, x), ir_const_i64(f, low)), ~0ull);
    return op2(f, ir_mul_i64, shri(f, top, bits - 1), ir_const_i64(f, ones64(bits)));
}

/*
 * Lane-wise product (the low `bits` bits of each lane's product): the even and the odd
 * lanes are multiplied as lanes of twice the size, down to one 64-bit multiply.
 */
static IRTemp lane_mul(IRFunc *f, IRTemp a, IRTemp b, unsigned bits)
{
    if (bits == 64) {
        return op2(f, ir_mul_i64, a, b);
    }
    uint64_t e = repl(ones64(bits), 2 * bits);
    IRTemp pe = lane_mul(f, andi(f, a, e), andi(f, b, e), 2 * bits);
    IRTemp po = lane_mul(f, andi(f, shri(f, a, bits), e), andi(f, shri(f, b, bits), e),
                         2 * bits);
    return op2(f, ir_or_i64, andi(f, pe, e), shli(f, andi(f, po, e), bits));
}

/*
 * The 2^k lanes of `bits` bits in the low 32 bits of x (the rest zero) spread into lanes
 * of twice the size, zero- or sign-extended.
 */
static IRTemp widen(IRFunc *f, IRTemp x, unsigned bits, bool is_signed)
{
    if (bits == 32) {
        return is_signed ? sari(f, shli(f, x, 32), 32) : x;
    }
    IRTemp y = op2(f, ir_or_i64, andi(f, x, 0xffff), shli(f, andi(f, x, 0xffff0000u), 16));
    if (bits == 8) {
        y = op2(f, ir_or_i64, andi(f, y, 0x000000ff000000ffull),
                shli(f, andi(f, y, 0x0000ff000000ff00ull), 8));
    }
    if (is_signed) {
        uint64_t sgn = repl(1ull << (bits - 1), 2 * bits);
        y = lane_sub(f, xori(f, y, sgn), ir_const_i64(f, sgn), 2 * bits);
    }
    return y;
}

/* Half k (0 low, 1 high) of a word, in the low 32 bits. */
static IRTemp half(IRFunc *f, IRTemp w, unsigned k)
{
    return k ? shri(f, w, 32) : andi(f, w, 0xffffffffu);
}

/* The low `bits` bits of each lane of 2 * bits packed into the low 32 bits. */
static IRTemp narrow(IRFunc *f, IRTemp w, unsigned bits)
{
    IRTemp x = andi(f, w, repl(ones64(bits), 2 * bits));
    for (unsigned b = bits; b < 32; b *= 2) {
        x = andi(f, op2(f, ir_or_i64, x, shri(f, x, b)), repl(ones64(2 * b), 4 * b));
    }
    return x;
}

/* a with the bits of b where m is set: a ^ ((a ^ b) & m). */
static IRTemp select_bits(IRFunc *f, IRTemp m, IRTemp b, IRTemp a)
{
    return op2(f, ir_xor_i64, a, op2(f, ir_and_i64, op2(f, ir_xor_i64, a, b), m));
}

typedef IRTemp (*WordOp)(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m);

/*
 * Applies op to each of the 1 + q words: loads d (if uses_d) and m, and n unless the
 * group has no Vn field (two registers: shifts, misc), then stores d.
 */
static bool gen_words(IRFunc *f, uint32_t insn, bool q, bool uses_d, WordOp op)
{
    bool three = (insn & 0xfe800000u) == 0xf2000000u;
    unsigned d = vd(insn), n = vn(insn), m = vm(insn);
    if (odd(d, q) || (three && odd(n, q)) || odd(m, q)) {
        return false;
    }
    IRTemp r[2];
    IRTemp in[2][3];
    for (unsigned k = 0; k <= q; k++) {
        in[k][0] = uses_d ? ld_d(f, d + k) : 0;
        in[k][1] = three ? ld_d(f, n + k) : 0;
        in[k][2] = ld_d(f, m + k);
    }
    for (unsigned k = 0; k <= q; k++) {
        r[k] = op(f, insn, in[k][0], in[k][1], in[k][2]);
    }
    for (unsigned k = 0; k <= q; k++) {
        ir_stenv_i64(f, r[k], ENV_VFP_D(d + k));
    }
    return true;
}

static unsigned size_bits(uint32_t insn)
{
    return 8u << BITS(insn, 21, 20);
}

/* VADD / VSUB (integer) */
static IRTemp w_addsub(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)d;
    return BIT(insn, 24) ? lane_sub(f, n, m, size_bits(insn)) : lane_add(f, n, m, size_bits(insn));
}

/* VAND, VBIC, VORR, VORN, VEOR, VBSL, VBIT, VBIF */
static IRTemp w_logic(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    switch (BIT(insn, 24) << 2 | BITS(insn, 21, 20)) {
    case 0: return op2(f, ir_and_i64, n, m);
    case 1: return op2(f, ir_and_i64, n, xori(f, m, ~0ull));
    case 2: return op2(f, ir_or_i64, n, m);       /* also VMOV: n == m */
    case 3: return op2(f, ir_or_i64, n, xori(f, m, ~0ull));
    case 4: return op2(f, ir_xor_i64, n, m);
    case 5: return select_bits(f, d, n, m);     /* d ? n : m */
    case 6: return select_bits(f, m, n, d);     /* m ? n : d */
    default: return select_bits(f, xori(f, m, ~0ull), n, d); /* m ? d : n */
    }
}

/* VMUL, VMLA, VMLS (integer) */
static IRTemp w_mul(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    unsigned bits = size_bits(insn);
    IRTemp p = lane_mul(f, n, m, bits);
    if (BIT(insn, 4)) {
        return p;
    }
    return BIT(insn, 24) ? lane_sub(f, d, p, bits) : lane_add(f, d, p, bits);
}

/* VCEQ (U) and VTST (integer) */
static IRTemp w_ceq_tst(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)d;
    unsigned bits = size_bits(insn);
    if (BIT(insn, 24)) {
        return lane_is_zero(f, op2(f, ir_xor_i64, n, m), bits);
    }
    return xori(f, lane_is_zero(f, op2(f, ir_and_i64, n, m), bits), ~0ull);
}

/* VPADD (integer, D only): the pairwise sums of n, then of m. */
static IRTemp w_padd(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)d;
    unsigned bits = size_bits(insn);
    uint64_t e = repl(ones64(bits), 2 * bits);
    IRTemp sn = op2(f, ir_add_i64, andi(f, n, e), andi(f, shri(f, n, bits), e));
    IRTemp sm = op2(f, ir_add_i64, andi(f, m, e), andi(f, shri(f, m, bits), e));
    return op2(f, ir_or_i64, narrow(f, sn, bits), shli(f, narrow(f, sm, bits), 32));
}

static bool ir_3same(IRFunc *f, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), b = BIT(insn, 4), u = BIT(insn, 24);
    unsigned sz = BITS(insn, 21, 20);
    bool q = BIT(insn, 6);
    if (op == 8 && !b) {
        return gen_words(f, insn, q, false, w_addsub);
    }
    if (op == 1 && b) {
        return gen_words(f, insn, q, u && sz != 0, w_logic);
    }
    if (op == 9 && sz != 3 && !(b && u)) {
        return gen_words(f, insn, q, !b, w_mul);
    }
    if (op == 8 && b && sz != 3) {
        return gen_words(f, insn, q, false, w_ceq_tst);
    }
    if (op == 11 && b && !u && sz != 3 && !q) {
        return gen_words(f, insn, q, false, w_padd);
    }
    return false;
}

/* Dd = the low halves of the lanes of Qm (of 2 * bits), after shifting right by k. */
static bool gen_narrow(IRFunc *f, uint32_t insn, unsigned bits, unsigned k)
{
    unsigned d = vd(insn), m = vm(insn);
    if (odd(m, 1)) {
        return false;
    }
    IRTemp w0 = ld_d(f, m), w1 = ld_d(f, m + 1);
    IRTemp lo = narrow(f, lane_shr(f, w0, k, 2 * bits), bits);
    IRTemp hi = narrow(f, lane_shr(f, w1, k, 2 * bits), bits);
    ir_stenv_i64(f, op2(f, ir_or_i64, lo, shli(f, hi, 32)), ENV_VFP_D(d));
    return true;
}

/* VSHLL #k (k < bits) and VMOVL: Qd = the widened lanes of Dm shifted left. */
static bool gen_shll(IRFunc *f, uint32_t insn, unsigned bits, unsigned k, bool sgn)
{
    unsigned d = vd(insn), m = vm(insn);
    if (odd(d, 1)) {
        return false;
    }
    IRTemp w = ld_d(f, m), r[2];
    for (unsigned h = 0; h < 2; h++) {
        r[h] = lane_shl(f, widen(f, half(f, w, h), bits, sgn), k, 2 * bits);
    }
    for (unsigned h = 0; h < 2; h++) {
        ir_stenv_i64(f, r[h], ENV_VFP_D(d + h));
    }
    return true;
}

/* Lane size and shift amount of the shift-by-immediate group; right is 1..bits. */
static unsigned shift_bits(uint32_t insn)
{
    unsigned imm6 = BITS(insn, 21, 16);
    return BIT(insn, 7) ? 64 : imm6 >= 32 ? 32 : imm6 >= 16 ? 16 : 8;
}

static unsigned shift_right(uint32_t insn)
{
    return 2 * shift_bits(insn) - (BIT(insn, 7) << 6 | BITS(insn, 21, 16));
}

static unsigned shift_left(uint32_t insn)
{
    return (BIT(insn, 7) << 6 | BITS(insn, 21, 16)) - shift_bits(insn);
}

/* VSHR, VSRA (m shifted right, signed or unsigned by U) */
static IRTemp w_shr(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)n;
    unsigned bits = shift_bits(insn), k = shift_right(insn);
    IRTemp v = BIT(insn, 24) ? lane_shr(f, m, k, bits) : lane_sar(f, m, k, bits);
    return BIT(insn, 8) ? lane_add(f, d, v, bits) : v;
}

/* VSRI (right) and VSLI (left): the shifted lanes replace the bits they cover in d. */
static IRTemp w_insert(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)n;
    unsigned bits = shift_bits(insn);
    bool left = BIT(insn, 8);
    unsigned k = left ? shift_left(insn) : shift_right(insn);
    if (!left && k == bits) {
        return d;
    }
    uint64_t mask = repl(left ? ones64(bits) << k : ones64(bits) >> k, bits);
    IRTemp v = left ? shli(f, m, k) : shri(f, m, k);
    return select_bits(f, ir_const_i64(f, mask), v, d);
}

/* VSHL (immediate) */
static IRTemp w_shl(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)d;
    (void)n;
    return lane_shl(f, m, shift_left(insn), shift_bits(insn));
}

static bool ir_shift(IRFunc *f, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), u = BIT(insn, 24), bits = shift_bits(insn);
    bool q = BIT(insn, 6);
    if (!BIT(insn, 7) && BITS(insn, 21, 16) < 8) {
        return false;
    }
    switch (op) {
    case 0: case 1:
        return gen_words(f, insn, q, op == 1, w_shr);
    case 4:
        return u && gen_words(f, insn, q, true, w_insert);
    case 5:
        return gen_words(f, insn, q, u, u ? w_insert : w_shl);
    case 8:                         /* VSHRN (not rounding, not saturating) */
        return !u && !q && !BIT(insn, 7) && gen_narrow(f, insn, bits, shift_right(insn));
    case 10:                        /* VSHLL, VMOVL */
        return !q && !BIT(insn, 7) && gen_shll(f, insn, bits, shift_left(insn), !u);
    default:
        return false;
    }
}

/* VEXT: bytes imm.. of the concatenation m:n (n lowest), as funnel shifts of words. */
static bool ir_vext(IRFunc *f, uint32_t insn)
{
    bool q = BIT(insn, 6);
    unsigned d = vd(insn), n = vn(insn), m = vm(insn), imm = BITS(insn, 11, 8);
    if ((!q && imm >= 8) || odd(d, q) || odd(n, q) || odd(m, q)) {
        return false;
    }
    unsigned nw = q ? 2 : 1;
    IRTemp w[4];
    for (unsigned k = 0; k < nw; k++) {
        w[k] = ld_d(f, n + k);
        w[nw + k] = ld_d(f, m + k);
    }
    IRTemp r[2];
    unsigned sh = (imm & 7) * 8;
    for (unsigned k = 0; k < nw; k++) {
        unsigned j = imm / 8 + k;
        if (sh == 0) {
            r[k] = w[j];
        } else {
            r[k] = op2(f, ir_or_i64, shri(f, w[j], sh), shli(f, w[j + 1], 64 - sh));
        }
    }
    for (unsigned k = 0; k < nw; k++) {
        ir_stenv_i64(f, r[k], ENV_VFP_D(d + k));
    }
    return true;
}

/* VREV16/32/64 of `bits`-bit elements: swaps of halves from the element size up. */
static IRTemp w_rev(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)d;
    (void)n;
    unsigned bits = 8u << BITS(insn, 19, 18), group = 64u >> BITS(insn, 10, 7);
    IRTemp v = m;
    for (unsigned w = bits; w < group; w *= 2) {
        uint64_t lo = repl(ones64(w), 2 * w);
        IRTemp a = andi(f, shri(f, v, w), lo);
        IRTemp b = shli(f, andi(f, v, lo), w);
        v = op2(f, ir_or_i64, a, b);
    }
    return v;
}

/* VMVN (register) */
static IRTemp w_mvn(IRFunc *f, uint32_t insn, IRTemp d, IRTemp n, IRTemp m)
{
    (void)insn;
    (void)d;
    (void)n;
    return xori(f, m, ~0ull);
}

static bool ir_2misc(IRFunc *f, uint32_t insn)
{
    unsigned a = BITS(insn, 17, 16), op4 = BITS(insn, 10, 7), sz = BITS(insn, 19, 18);
    bool q = BIT(insn, 6);
    if (a == 2 && op4 == 4 && !BIT(insn, 6) && sz != 3) {
        return gen_narrow(f, insn, 8u << sz, 0);    /* VMOVN */
    }
    if (a != 0) {
        return false;
    }
    if (op4 <= 2 && op4 + sz < 3) {
        return gen_words(f, insn, q, false, w_rev);
    }
    if (op4 == 11 && sz == 0) {
        return gen_words(f, insn, q, false, w_mvn);
    }
    return false;
}

/* VDUP (scalar): the lane masked out and multiplied into every lane. */
static bool ir_vdup(IRFunc *f, uint32_t insn)
{
    unsigned imm4 = BITS(insn, 19, 16), d = vd(insn), m = vm(insn);
    bool q = BIT(insn, 6);
    if ((imm4 & 7) == 0 || odd(d, q)) {
        return false;
    }
    unsigned bits = (imm4 & 1) ? 8 : (imm4 & 2) ? 16 : 32;
    unsigned idx = imm4 >> (bits == 8 ? 1 : bits == 16 ? 2 : 3);
    IRTemp lane = andi(f, shri(f, ld_d(f, m), idx * bits), ones64(bits));
    IRTemp v = op2(f, ir_mul_i64, lane, ir_const_i64(f, repl(1, bits)));
    for (unsigned k = 0; k <= q; k++) {
        ir_stenv_i64(f, v, ENV_VFP_D(d + k));
    }
    return true;
}

/*
 * The long and wide ops: d (Q) = d? op (n or widened n) op widened m, per word k, where
 * m is Dm or, by scalar, the scalar in every lane. kind: 'a' add, 's' sub, 'm' multiply,
 * 'A' multiply-accumulate, 'S' multiply-subtract; wide: n is a Q register.
 */
static bool gen_long(IRFunc *f, uint32_t insn, char kind, bool wide, unsigned bits, bool sgn,
                     int scalar_idx)
{
    unsigned d = vd(insn), n = vn(insn), m = vm(insn);
    if (odd(d, 1) || (wide && odd(n, 1))) {
        return false;
    }
    IRTemp nw[2], mw, dw[2] = { 0, 0 };
    for (unsigned k = 0; k < 2; k++) {
        nw[k] = wide ? ld_d(f, n + k) : k ? nw[0] : ld_d(f, n);
        if (kind == 'A' || kind == 'S') {
            dw[k] = ld_d(f, d + k);
        }
    }
    if (scalar_idx >= 0) {
        unsigned reg = bits == 16 ? (m & 7) : (m & 15);
        IRTemp lane = andi(f, shri(f, ld_d(f, reg), (unsigned)scalar_idx * bits), ones64(bits));
        mw = op2(f, ir_mul_i64, lane, ir_const_i64(f, repl(1, bits)));
    } else {
        mw = ld_d(f, m);
    }
    IRTemp r[2];
    for (unsigned k = 0; k < 2; k++) {
        IRTemp a = wide ? nw[k] : widen(f, half(f, nw[k], k), bits, sgn);
        IRTemp b = widen(f, half(f, mw, k), bits, sgn);
        switch (kind) {
        case 'a': r[k] = lane_add(f, a, b, 2 * bits); break;
        case 's': r[k] = lane_sub(f, a, b, 2 * bits); break;
        case 'm': r[k] = lane_mul(f, a, b, 2 * bits); break;
        case 'A': r[k] = lane_add(f, dw[k], lane_mul(f, a, b, 2 * bits), 2 * bits); break;
        default:  r[k] = lane_sub(f, dw[k], lane_mul(f, a, b, 2 * bits), 2 * bits); break;
        }
    }
    for (unsigned k = 0; k < 2; k++) {
        ir_stenv_i64(f, r[k], ENV_VFP_D(d + k));
    }
    return true;
}

/* VADDL, VADDW, VSUBL, VSUBW, VMLAL, VMLSL, VMULL (integer) */
static bool ir_3diff(IRFunc *f, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), sz = BITS(insn, 21, 20);
    bool sgn = !BIT(insn, 24);
    if (sz == 3) {
        return false;
    }
    unsigned bits = 8u << sz;
    switch (op) {
    case 0: case 1: return gen_long(f, insn, 'a', op == 1, bits, sgn, -1);
    case 2: case 3: return gen_long(f, insn, 's', op == 3, bits, sgn, -1);
    case 8: return gen_long(f, insn, 'A', false, bits, sgn, -1);
    case 10: return gen_long(f, insn, 'S', false, bits, sgn, -1);
    case 12: return gen_long(f, insn, 'm', false, bits, sgn, -1);
    default: return false;
    }
}

/* VMLA, VMLS, VMUL (integer) and VMLAL, VMLSL, VMULL by scalar */
static bool ir_2scalar(IRFunc *f, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), sz = BITS(insn, 21, 20);
    if (sz != 1 && sz != 2) {
        return false;
    }
    unsigned bits = 8u << sz;
    int idx = (int)(sz == 1 ? BIT(insn, 5) << 1 | BIT(insn, 3) : BIT(insn, 5));
    bool sgn = !BIT(insn, 24);
    switch (op) {
    case 2: return gen_long(f, insn, 'A', false, bits, sgn, idx);
    case 6: return gen_long(f, insn, 'S', false, bits, sgn, idx);
    case 10: return gen_long(f, insn, 'm', false, bits, sgn, idx);
    case 0: case 4: case 8: break;
    default: return false;
    }
    bool q = BIT(insn, 24);
    unsigned d = vd(insn), n = vn(insn), m = vm(insn);
    if (odd(d, q) || odd(n, q)) {
        return false;
    }
    unsigned reg = bits == 16 ? (m & 7) : (m & 15);
    IRTemp lane = andi(f, shri(f, ld_d(f, reg), (unsigned)idx * bits), ones64(bits));
    IRTemp dup = op2(f, ir_mul_i64, lane, ir_const_i64(f, repl(1, bits)));
    IRTemp in[2][2], r[2];
    for (unsigned k = 0; k <= q; k++) {
        in[k][0] = ld_d(f, d + k);
        in[k][1] = ld_d(f, n + k);
    }
    for (unsigned k = 0; k <= q; k++) {
        IRTemp p = lane_mul(f, in[k][1], dup, bits);
        r[k] = op == 8 ? p : op == 0 ? lane_add(f, in[k][0], p, bits)
                                     : lane_sub(f, in[k][0], p, bits);
    }
    for (unsigned k = 0; k <= q; k++) {
        ir_stenv_i64(f, r[k], ENV_VFP_D(d + k));
    }
    return true;
}

/*
 * Emits insn (an A32-form Advanced SIMD data-processing instruction that neon.c has
 * accepted) as plain IR if it has a word form; false otherwise, with nothing emitted.
 */
bool neon_gen_ir(IRFunc *f, uint32_t insn)
{
    if ((insn & 0xfe800000u) == 0xf2000000u) {
        return ir_3same(f, insn);
    }
    if ((insn & 0xfe800010u) == 0xf2800010u) {
        return ir_shift(f, insn);
    }
    if ((insn & 0xffb00010u) == 0xf2b00000u) {
        return ir_vext(f, insn);
    }
    if ((insn & 0xffb00810u) == 0xf3b00000u) {
        return ir_2misc(f, insn);
    }
    if ((insn & 0xffb00f90u) == 0xf3b00c00u) {
        return ir_vdup(f, insn);
    }
    if ((insn & 0xfe800050u) == 0xf2800000u) {
        return ir_3diff(f, insn);
    }
    if ((insn & 0xfe800050u) == 0xf2800040u) {
        return ir_2scalar(f, insn);
    }
    return false;
}
