/*
 * Inline SSE code for vector helpers (IRVecDesc in ir/ir.h): a call of a helper with a
 * `vec` decoder and a constant argument becomes the lane-wise operation itself, on the
 * guest registers. Sources come from the register cache below or from env (movq for
 * 8-byte registers, two 8-byte halves for 16), the op runs in xmm0-5, and the result
 * stays cached in xmm6-15 until something needs env current.
 *
 * SSE2 is the baseline; ops that need SSSE3 (pshufb, palignr) or SSE4.1 (pmulld, the
 * signed byte and unsigned word/dword max/min, pmovsx/zx) are supported only when the
 * host has them, and jit_vec_supported says which, so the frontend emits its open-coded
 * form or the plain helper call otherwise. With AVX the three-operand VEX forms save
 * the register copies of non-destructive ops. Constants (lane masks, shuffle tables)
 * come from the JIT's constant pool (jit_const128), read RIP-relative. Float ops have
 * an out-of-line path to the helper (see "Float ops").
 */
#include "backend/x86_64/jit_int.h"

#define XA X86_XMM0 /* n */
#define XB X86_XMM1 /* m */
#define XD X86_XMM2 /* d */
#define XT X86_XMM3
#define XU X86_XMM4

static bool has(unsigned feat) { return (jit_host_feat & feat) == feat; }

/* ---- What the host can do ---- */

bool jit_vec_supported(const IRVecDesc *v)
{
    bool sse41 = has(X86_FEAT_SSE41), ssse3 = has(X86_FEAT_SSSE3);
    unsigned e = v->esz;
    switch ((IRVecOp)v->op) {
    case IR_VEC_ADD: case IR_VEC_SUB:
    case IR_VEC_AND: case IR_VEC_BIC: case IR_VEC_ORR: case IR_VEC_ORN: case IR_VEC_EOR:
    case IR_VEC_BSL: case IR_VEC_BIT: case IR_VEC_BIF: case IR_VEC_NOT:
        return true;
    case IR_VEC_MUL: case IR_VEC_MLA: case IR_VEC_MLS:
        return e == 1 || (e == 2 && sse41);
    case IR_VEC_CEQ: case IR_VEC_TST: case IR_VEC_CGT: case IR_VEC_CGE:
        return e <= 2;
    case IR_VEC_CGTU: case IR_VEC_CGEU: case IR_VEC_MAXU: case IR_VEC_MINU:
    case IR_VEC_ABDU: case IR_VEC_ABAU:
        return e == 0 || (e <= 2 && sse41);
    case IR_VEC_MAX: case IR_VEC_MIN: case IR_VEC_ABD: case IR_VEC_ABA:
        return e == 1 || (e <= 2 && sse41);
    case IR_VEC_RHADDU:
        return e <= 1;
    case IR_VEC_QADD: case IR_VEC_QADDU: case IR_VEC_QSUB: case IR_VEC_QSUBU:
        return e <= 1 && sse41; /* saturation check: ptest */
    case IR_VEC_SHL: case IR_VEC_SHR: case IR_VEC_USRA: case IR_VEC_SRI: case IR_VEC_SLI:
        return true;
    case IR_VEC_SAR: case IR_VEC_SSRA:
        return e <= 2;
    case IR_VEC_REV:
        return e != 0 || v->imm == 1 || ssse3;
    case IR_VEC_DUP:
        return e <= 2;
    case IR_VEC_EXT:
        return v->bytes == 8 || ssse3;
    case IR_VEC_MOVL: case IR_VEC_MOVLU:
        return e <= 2 && sse41;
    case IR_VEC_MOVN:
        return e <= 2;
    case IR_VEC_MULL: case IR_VEC_MLAL:
        return (e == 0 && sse41) || e == 1 || (e == 2 && sse41);
    case IR_VEC_MULLU: case IR_VEC_MLALU:
        return (e == 0 && sse41) || e == 1 || e == 2;
    case IR_VEC_FADD: case IR_VEC_FSUB: case IR_VEC_FMUL: case IR_VEC_FMLA: case IR_VEC_FMLS:
    case IR_VEC_FMAX: case IR_VEC_FMIN: case IR_VEC_FCEQ: case IR_VEC_FCGE: case IR_VEC_FCGT:
    case IR_VEC_FABS: case IR_VEC_FNEG: case IR_VEC_FCVT_FROM_S32: case IR_VEC_FCVT_TO_S32:
        return e == 2;
    default:
        return false;
    }
}

/* ---- Emission helpers ---- */

typedef struct VecGen {
    Ctx *c;
    const IRVecDesc *v;
    IRHelper *h;          /* the helper and its operand (the instruction), for the */
    const IRTemp *in;     /* float ops' out-of-line call */
} VecGen;

/* ---- The register cache ----
 *
 * Results stay in xmm6..xmm15 (marked dirty) and later ops read them from there, so a
 * chain of NEON ops runs register to register instead of through store forwarding.
 * jit_vec_barrier stores dirty registers before any IR op that reads env or may fault
 * (memory ops: a fault must see the guest registers in env) and drops them where env may
 * change under them or the xmm registers do not survive: helper calls, stenv, and
 * block ends (branches, labels, exits, chaining), so each basic block starts empty.
 * An ldenv of bytes a register holds is a move from it instead (jit_vec_ldenv); a
 * register that a result or a stenv overwrites whole is dropped without a store.
 */

static X86Reg vc_reg(unsigned k) { return (X86Reg)(X86_XMM6 + k); }

static void mov_to_env(Ctx *c, X86Reg x, int32_t off, unsigned bytes)
{
    if (bytes == 16) {
        x86_movdqu_mx(c->b, x86_mem(REG_ENV, off), x);
    } else {
        x86_movq_mx(c->b, x86_mem(REG_ENV, off), x);
    }
}

static void vc_store(Ctx *c, VecCacheEntry *e, unsigned k)
{
    if (e->valid && e->dirty) {
        mov_to_env(c, vc_reg(k), e->off, e->bytes);
        e->dirty = false;
    }
}

/* env current for [off, off + bytes); with kill, no cached register overlaps it. */
static void vc_sync(Ctx *c, int32_t off, unsigned bytes, bool kill)
{
    for (unsigned k = 0; k < JIT_VC_N; k++) {
        VecCacheEntry *e = &c->vc[k];
        if (e->valid && e->off < off + (int32_t)bytes && off < e->off + (int32_t)e->bytes) {
            vc_store(c, e, k);
            e->valid &= !kill;
        }
    }
}

/* Cached registers lying entirely inside [off, off + bytes) dropped without a store:
 * the bytes are about to be overwritten whole (a vector result, a stenv), so storing
 * them first would be a dead store (openssl's Q accumulations: vadd q2, q2, q14). */
static void vc_drop_inside(Ctx *c, int32_t off, unsigned bytes)
{
    for (unsigned k = 0; k < JIT_VC_N; k++) {
        VecCacheEntry *e = &c->vc[k];
        if (e->valid && off <= e->off && e->off + e->bytes <= off + (int32_t)bytes) {
            e->valid = false;
        }
    }
}

void jit_vec_sync_all(Ctx *c, bool kill)
{
    for (unsigned k = 0; k < JIT_VC_N; k++) {
        vc_store(c, &c->vc[k], k);
        c->vc[k].valid &= !kill;
    }
}

/* The cached register holding all of [off, off + bytes) at a 4-byte lane boundary, or
 * -1 (valid entries never overlap: st drops the ones its result overlaps). */
static int vc_find(Ctx *c, int32_t off, unsigned bytes)
{
    for (unsigned k = 0; k < JIT_VC_N; k++) {
        VecCacheEntry *e = &c->vc[k];
        if (e->valid && e->off <= off && off + (int32_t)bytes <= e->off + e->bytes &&
            (off - e->off) % 4 == 0) {
            return (int)k;
        }
    }
    return -1;
}

/*
 * The word IR of D-register NEON ops reads halves of Q registers that vector ops keep
 * cached (openssl sha512: the rounds on d16-d31 in general registers read the message
 * schedule that q ops compute in xmm). Taken from the xmm register, such an ldenv needs
 * no store of the entry before it and no env load after the store; the entry stays
 * cached (and dirty) for the next vector op. jit_vec_barrier leaves these ldenvs alone.
 */
bool jit_vec_ldenv(Ctx *c, X86Reg d, int32_t off, unsigned bytes)
{
    int k = vc_find(c, off, bytes);
    if (k < 0) {
        return false;
    }
    VecCacheEntry *e = &c->vc[k];
    X86Reg x = vc_reg((unsigned)k);
    unsigned lane = (unsigned)(off - e->off) / 4;
    e->stamp = ++c->vc_clock;
    if (lane != 0) {
        /* the lane (and the next, for 8 bytes) to the bottom of a scratch register */
        x86_pshufd(c->b, XA, x, (uint8_t)(lane | ((lane + 1) & 3) << 2));
        x = XA;
    }
    x86_movd_rx(c->b, bytes == 8 ? 64 : 32, d, x);
    return true;
}

static void ld(VecGen *g, X86Reg x, int32_t off, unsigned bytes)
{
    Ctx *c = g->c;
    for (unsigned k = 0; k < JIT_VC_N; k++) {
        VecCacheEntry *e = &c->vc[k];
        if (e->valid && e->off == off && e->bytes == bytes) {
            e->stamp = ++c->vc_clock;
            x86_movaps_xx(c->b, x, vc_reg(k));
            return;
        }
    }
    vc_sync(c, off, bytes, false);
    if (bytes == 16) {
        /* Two 8-byte loads: the halves are often just written by 8-byte stores (the
         * D-register IR forms, VFP), which a 16-byte load cannot forward from (openssl
         * sha256: 154 -> 189 MB/s). */
        x86_movq_xm(c->b, x, x86_mem(REG_ENV, off));
        x86_movhps_xm(c->b, x, x86_mem(REG_ENV, off + 8));
    } else {
        x86_movq_xm(c->b, x, x86_mem(REG_ENV, off));
    }
}

/* The result in x becomes the cached value of d (bytes of it). */
static void st(VecGen *g, X86Reg x, unsigned bytes)
{
    Ctx *c = g->c;
    int32_t off = g->v->d;
    vc_drop_inside(c, off, bytes);
    vc_sync(c, off, bytes, true);
    unsigned victim = 0;
    for (unsigned k = 0; k < JIT_VC_N; k++) {
        if (!c->vc[k].valid) {
            victim = k;
            break;
        }
        if (c->vc[k].stamp < c->vc[victim].stamp) {
            victim = k;
        }
    }
    VecCacheEntry *e = &c->vc[victim];
    vc_store(c, e, victim);
    x86_movaps_xx(c->b, vc_reg(victim), x);
    *e = (VecCacheEntry){ .off = off, .bytes = (uint8_t)bytes, .valid = true, .dirty = true,
                          .stamp = ++c->vc_clock };
}

static void P(VecGen *g, X86PackedOp op, X86Reg d, X86Reg s)
{
    x86_packed_xx(g->c->b, op, d, s);
}

/* d = a op b without changing a (a copy, or the AVX three-operand form). */
static void P3(VecGen *g, X86PackedOp op, X86Reg d, X86Reg a, X86Reg b)
{
    if (has(X86_FEAT_AVX)) {
        x86_vpacked_xxx(g->c->b, op, d, a, b);
        return;
    }
    if (d != a) {
        x86_movaps_xx(g->c->b, d, a);
    }
    P(g, op, d, b);
}

static void copy(VecGen *g, X86Reg d, X86Reg s)
{
    x86_movaps_xx(g->c->b, d, s);
}

static void ones(VecGen *g, X86Reg x) { P(g, X86_PCMPEQD, x, x); }
static void zero(VecGen *g, X86Reg x) { P(g, X86_PXORX, x, x); }

/* XA = the n operand (a register, or zero). */
static void ld_n(VecGen *g, unsigned bytes)
{
    if (g->v->zero & 1) {
        zero(g, XA);
    } else {
        ld(g, XA, g->v->n, bytes);
    }
}

/* XB = the m operand: a register, zero, or for the by-scalar forms its lane repeated. */
static void ld_m(VecGen *g, unsigned bytes)
{
    const IRVecDesc *v = g->v;
    if (v->zero & 2) {
        zero(g, XB);
        return;
    }
    if (!v->scalar) {
        ld(g, XB, v->m, bytes);
        return;
    }
    /* 4 bytes at the lane (for a 16-bit lane in the top of Dm, 2 beyond it: still env). */
    vc_sync(g->c, v->m, 4, false);
    x86_movss_xm(g->c->b, XB, x86_mem(REG_ENV, v->m));
    if (v->esz == 1) {
        x86_pshuflw(g->c->b, XB, XB, 0);
    }
    x86_pshufd(g->c->b, XB, XB, 0);
}

/* x = the 128-bit constant hi:lo: from the constant pool, else through a scratch GPR. */
static void vconst(VecGen *g, X86Reg x, uint64_t lo, uint64_t hi)
{
    const void *p = jit_const128(lo, hi);
    if (p) {
        x86_movdqu_xm(g->c->b, x, x86_mem_rip(p));
        return;
    }
    X86Reg r = ra_alloc(g->c, 0);
    x86_mov_ri(g->c->b, 64, r, lo);
    x86_movd_xr(g->c->b, 64, x, r);
    if (hi == lo) {
        P(g, X86_PUNPCKLQDQ, x, x);
    } else {
        x86_mov_ri(g->c->b, 64, r, hi);
        x86_movd_xr(g->c->b, 64, XU, r);
        P(g, X86_PUNPCKLQDQ, x, XU);
    }
}

static uint64_t repl(uint64_t x, unsigned bits)
{
    for (unsigned w = bits; w < 64; w *= 2) {
        x |= x << w;
    }
    return x;
}

/* Per lane size: the op for esz 0..3, or -1. */
#define BY_ESZ(b, w, d, q) ((const int[4]){ (b), (w), (d), (q) })
static X86PackedOp pick(const int *ops, unsigned esz)
{
    g_assert(ops[esz] >= 0);
    return (X86PackedOp)ops[esz];
}

static X86PackedOp op_add(unsigned e) { return pick(BY_ESZ(X86_PADDB, X86_PADDW, X86_PADDD, X86_PADDQ), e); }
static X86PackedOp op_sub(unsigned e) { return pick(BY_ESZ(X86_PSUBB, X86_PSUBW, X86_PSUBD, X86_PSUBQ), e); }
static X86PackedOp op_ceq(unsigned e) { return pick(BY_ESZ(X86_PCMPEQB, X86_PCMPEQW, X86_PCMPEQD, X86_PCMPEQQ), e); }
static X86PackedOp op_cgt(unsigned e) { return pick(BY_ESZ(X86_PCMPGTB, X86_PCMPGTW, X86_PCMPGTD, -1), e); }
static X86PackedOp op_max(unsigned e) { return pick(BY_ESZ(X86_PMAXSB, X86_PMAXSW, X86_PMAXSD, -1), e); }
static X86PackedOp op_min(unsigned e) { return pick(BY_ESZ(X86_PMINSB, X86_PMINSW, X86_PMINSD, -1), e); }
static X86PackedOp op_maxu(unsigned e) { return pick(BY_ESZ(X86_PMAXUB, X86_PMAXUW, X86_PMAXUD, -1), e); }
static X86PackedOp op_minu(unsigned e) { return pick(BY_ESZ(X86_PMINUB, X86_PMINUW, X86_PMINUD, -1), e); }

/* Shift every lane of x by k (k may be the lane width; esz 0 uses word shifts and a
 * mask). kind: 0 left, 1 logical right, 2 arithmetic right. */
static void lane_shift(VecGen *g, X86Reg x, unsigned esz, unsigned kind, unsigned k)
{
    static const X86PShift sh[3][4] = {
        { X86_PSLLW, X86_PSLLW, X86_PSLLD, X86_PSLLQ },
        { X86_PSRLW, X86_PSRLW, X86_PSRLD, X86_PSRLQ },
        { X86_PSRAW, X86_PSRAW, X86_PSRAD, X86_PSRAD },
    };
    unsigned bits = 8u << esz;
    if (kind == 2 && k >= bits) {
        k = bits - 1;                  /* the same: every bit a copy of the sign */
    }
    if (esz != 0) {
        x86_pshift_xi(g->c->b, sh[kind][esz], x, (uint8_t)k);
        return;
    }
    if (k >= 8) {
        zero(g, x);
        return;
    }
    if (k == 0) {
        return;
    }
    /* Bytes: a word shift moves bits across the byte boundary; mask them off. For the
     * arithmetic shift, ((x >>> k) ^ s) - s with s the shifted sign bit. */
    x86_pshift_xi(g->c->b, kind == 0 ? X86_PSLLW : X86_PSRLW, x, (uint8_t)k);
    uint64_t keep = kind == 0 ? (0xffu << k) & 0xffu : 0xffu >> k;
    vconst(g, XT, repl(keep, 8), repl(keep, 8));
    P(g, X86_PANDX, x, XT);
    if (kind == 2) {
        vconst(g, XT, repl(0x80u >> k, 8), repl(0x80u >> k, 8));
        P(g, X86_PXORX, x, XT);
        P(g, X86_PSUBB, x, XT);
    }
}

/* x = a 16-byte shuffle for pshufb: result byte i = source byte idx[i]. */
static void shuffle(VecGen *g, X86Reg x, const uint8_t idx[16])
{
    uint64_t lo = 0, hi = 0;
    for (unsigned i = 0; i < 8; i++) {
        lo |= (uint64_t)idx[i] << (8 * i);
        hi |= (uint64_t)idx[8 + i] << (8 * i);
    }
    vconst(g, x, lo, hi);
}

/* VREV: lanes of 8 << esz bits reversed within 2^imm-byte groups. */
static void gen_rev(VecGen *g, X86Reg x, unsigned esz, unsigned group_log2)
{
    if (esz == 1 && group_log2 == 2) {
        x86_pshuflw(g->c->b, x, x, 0xb1);
        x86_pshufhw(g->c->b, x, x, 0xb1);
    } else if (esz == 1) {
        x86_pshuflw(g->c->b, x, x, 0x1b);
        x86_pshufhw(g->c->b, x, x, 0x1b);
    } else if (esz == 2) {
        x86_pshufd(g->c->b, x, x, 0xb1);
    } else if (group_log2 == 1) {
        copy(g, XT, x);
        x86_pshift_xi(g->c->b, X86_PSRLW, XT, 8);
        x86_pshift_xi(g->c->b, X86_PSLLW, x, 8);
        P(g, X86_PORX, x, XT);
    } else {
        uint8_t idx[16];
        unsigned group = 1u << group_log2;
        for (unsigned i = 0; i < 16; i++) {
            idx[i] = (uint8_t)((i & ~(group - 1)) + (group - 1 - (i & (group - 1))));
        }
        shuffle(g, XT, idx);
        P(g, X86_PSHUFB, x, XT);
    }
}

/* The saturating add/sub: wrap and saturate, and set the sticky bit if they differ. */
static void gen_sat(VecGen *g, X86PackedOp sat, X86PackedOp wrap)
{
    P3(g, sat, XT, XA, XB);
    P(g, wrap, XA, XB);
    P(g, X86_PXORX, XA, XT);
    if (g->v->bytes == 8) {
        x86_movq_xx(g->c->b, XA, XA); /* cached D registers have junk above */
    }
    x86_packed_xx(g->c->b, X86_PTEST, XA, XA);
    X86Label same;
    x86_label_init(&same);
    x86_jcc_label_short(g->c->b, X86_CC_E, &same);
    x86_alu_mi(g->c->b, X86_OR, 32, x86_mem(REG_ENV, g->v->sat_off),
               (int32_t)(1u << g->v->sat_bit));
    x86_label_bind(g->c->b, &same);
    st(g, XT, g->v->bytes);
}

/* The widened lanes of an 8-byte source in x (esz: its lane size), signed or not. */
static void widen(VecGen *g, X86Reg x, unsigned esz, bool sgn)
{
    static const X86PackedOp sx[] = { X86_PMOVSXBW, X86_PMOVSXWD, X86_PMOVSXDQ };
    static const X86PackedOp zx[] = { X86_PMOVZXBW, X86_PMOVZXWD, X86_PMOVZXDQ };
    P(g, sgn ? sx[esz] : zx[esz], x, x);
}

/* XA = the full products of the 8-byte registers in XA and XB (16 bytes). */
static void gen_mull(VecGen *g, unsigned esz, bool sgn)
{
    switch (esz) {
    case 0:
        widen(g, XA, 0, sgn);
        widen(g, XB, 0, sgn);
        P(g, X86_PMULLW, XA, XB);
        break;
    case 1:
        P3(g, X86_PMULLW, XT, XA, XB);
        P(g, sgn ? X86_PMULHW : X86_PMULHUW, XA, XB);
        P(g, X86_PUNPCKLWD, XT, XA);
        copy(g, XA, XT);
        break;
    default:
        x86_pshufd(g->c->b, XA, XA, 0x10);  /* lanes 0, 1 to 0, 2 */
        x86_pshufd(g->c->b, XB, XB, 0x10);
        P(g, sgn ? X86_PMULDQ : X86_PMULUDQ, XA, XB);
        break;
    }
}

/* ---- Float ops ----
 *
 * Single-precision lanes computed with packed SSE where the host gives the guest's
 * result (see IRVecDesc; the guest's mode is fixed: flush-to-zero, default NaN, round
 * to nearest). As for scalars in jit_fp.c, the fast path is the op and two checks:
 *   - a lane check: arithmetic results must be zero or normal with a biased exponent of
 *     at least 2 (so every NaN and infinity, which any NaN or infinite operand gives, is
 *     out too); compares, max and min need ordered operands; VCVT to integer a result
 *     other than INT32_MIN (NaN, out of range) and no denormal operand. A rejected lane
 *     sends the op to the helper (`entry`).
 *   - MXCSR, read with stmxcsr: Denormal (an operand the guest flushes) or Underflow (a
 *     product rounded to zero) send the op to `redo`, and so does Precision while the
 *     guest's sticky Inexact is clear. Once it is set, an inexact result changes nothing.
 * `redo` (out of line) clears MXCSR's flags and computes again: Denormal or Underflow
 * now, the helper; Precision, Inexact set. Flags are sticky, so a program whose values
 * stay normal or exact rarely comes here. `entry` (out of line) stores the dirty cached
 * registers, calls the helper keeping the GPRs, and reloads from env the xmm registers
 * the call clobbered (the result too), so both paths meet with the same cache state.
 * 8-byte operands are zero-extended first: zero lanes raise no flag.
 */
#define XV X86_XMM5

#define K_EXP_BIAS 0x7e000000u   /* 2x + bias > limit (signed): exponent outside 2..254 */
#define K_EXP_LIMIT 0x7cffffffu
#define K_DEN_BIAS 0x7fffffffu   /* limit > 2x + bias (signed): denormal */
#define K_DEN_LIMIT 0x80ffffffu
#define K_SIGN 0x80000000u       /* also INT32_MIN */

static bool is_float(unsigned op) { return op >= IR_VEC_FADD; }

static const void *kptr(uint32_t lane)
{
    uint64_t w = (uint64_t)lane << 32 | lane;
    return jit_const128(w, w);
}

/* The single 2^e (|e| <= 32). */
static uint32_t pow2(int e)
{
    return (uint32_t)(127 + e) << 23;
}

/* The constants of v's float code are in the pool (false: it is full). */
static bool float_consts(const IRVecDesc *v)
{
    static const uint32_t k[] = { K_EXP_BIAS, K_EXP_LIMIT, K_DEN_BIAS, K_DEN_LIMIT, K_SIGN };
    for (unsigned i = 0; i < G_N_ELEMENTS(k); i++) {
        if (!kptr(k[i])) {
            return false;
        }
    }
    return !v->imm || kptr(pow2(v->op == IR_VEC_FCVT_TO_S32 ? v->imm : -(int)v->imm));
}

static X86Mem kmem(uint32_t lane)
{
    const void *p = kptr(lane);
    g_assert(p);
    return x86_mem_rip(p);
}

typedef struct FloatGen {
    X86Reg r;              /* scratch GPR for movmskps */
    X86Label redo, entry, resume;
    JitCall call;
} FloatGen;

/* To `fail` if a lane of x (all ones: rejected) is set. */
static void reject_lanes(VecGen *g, FloatGen *k, X86Reg x)
{
    X86Buf *b = g->c->b;
    x86_movmskps(b, k->r, x);
    x86_test_ri(b, 32, k->r, g->v->bytes == 16 ? 15 : 3);
    x86_jcc_label(b, X86_CC_NZ, &k->entry);
}

/* Rejects lanes of x that are neither zero nor normal with exponent >= 2. */
static void check_result(VecGen *g, FloatGen *k, X86Reg x)
{
    X86Buf *b = g->c->b;
    P3(g, X86_PADDD, XV, x, x);        /* the exponent in the top 8 bits */
    zero(g, XU);
    P(g, X86_PCMPEQD, XU, XV);         /* zero lanes */
    x86_packed_xm(b, X86_PADDD, XV, kmem(K_EXP_BIAS));
    x86_packed_xm(b, X86_PCMPGTD, XV, kmem(K_EXP_LIMIT));
    P(g, X86_PANDNX, XU, XV);
    reject_lanes(g, k, XU);
}

static bool float_inexact(unsigned op)
{
    return op <= IR_VEC_FMLS || op == IR_VEC_FCVT_FROM_S32 || op == IR_VEC_FCVT_TO_S32;
}

/* XT = the op on XA, XB, XD, which stay intact; with k, the lane checks as well. */
static void float_op(VecGen *g, FloatGen *k)
{
    X86Buf *b = g->c->b;
    unsigned op = g->v->op;
    switch (op) {
    case IR_VEC_FADD: P3(g, X86_ADDPS, XT, XA, XB); break;
    case IR_VEC_FSUB: P3(g, X86_SUBPS, XT, XA, XB); break;
    case IR_VEC_FMUL: P3(g, X86_MULPS, XT, XA, XB); break;
    case IR_VEC_FMLA: case IR_VEC_FMLS:
        P3(g, X86_MULPS, XT, XA, XB);
        if (k) {
            check_result(g, k, XT);    /* the product is rounded on its own */
        }
        P3(g, op == IR_VEC_FMLA ? X86_ADDPS : X86_SUBPS, XU, XD, XT);
        copy(g, XT, XU);
        break;
    case IR_VEC_FMAX: case IR_VEC_FMIN:
        /* Both orders: they differ only for zeros of either sign, where and/or gives
         * the guest's +0 (max) and -0 (min). */
        P3(g, op == IR_VEC_FMAX ? X86_MAXPS : X86_MINPS, XT, XA, XB);
        P3(g, op == IR_VEC_FMAX ? X86_MAXPS : X86_MINPS, XU, XB, XA);
        P(g, op == IR_VEC_FMAX ? X86_PANDX : X86_PORX, XT, XU);
        break;
    case IR_VEC_FCEQ: copy(g, XT, XA); x86_cmpps(b, XT, XB, 0); break;
    case IR_VEC_FCGE: copy(g, XT, XB); x86_cmpps(b, XT, XA, 2); break; /* m <= n */
    case IR_VEC_FCGT: copy(g, XT, XB); x86_cmpps(b, XT, XA, 1); break; /* m < n */
    case IR_VEC_FCVT_FROM_S32:         /* fixed point: scaling by 2^-imm is exact */
        P(g, X86_CVTDQ2PS, XT, XB);
        if (g->v->imm) {
            x86_packed_xm(b, X86_MULPS, XT, kmem(pow2(-(int)g->v->imm)));
        }
        break;
    case IR_VEC_FCVT_TO_S32:           /* exact too, or infinite: INT32_MIN, rejected */
        copy(g, XT, XB);
        if (g->v->imm) {
            x86_packed_xm(b, X86_MULPS, XT, kmem(pow2(g->v->imm)));
        }
        P(g, X86_CVTTPS2DQ, XT, XT);
        break;
    default: g_assert_not_reached();
    }
    if (!k) {
        return;
    }
    switch (op) {
    case IR_VEC_FADD: case IR_VEC_FSUB: case IR_VEC_FMUL: case IR_VEC_FMLA: case IR_VEC_FMLS:
        check_result(g, k, XT);
        break;
    case IR_VEC_FCVT_TO_S32:
        P3(g, X86_PADDD, XV, XB, XB);
        x86_packed_xm(b, X86_PADDD, XV, kmem(K_DEN_BIAS));
        x86_movdqu_xm(b, XU, kmem(K_DEN_LIMIT));
        P(g, X86_PCMPGTD, XU, XV);     /* denormal operands */
        copy(g, XV, XT);
        x86_packed_xm(b, X86_PCMPEQD, XV, kmem(K_SIGN));
        P(g, X86_PORX, XU, XV);
        reject_lanes(g, k, XU);
        break;
    case IR_VEC_FCVT_FROM_S32:
        break;
    default:                           /* compares, max, min: NaN operands */
        copy(g, XV, XA);
        x86_cmpps(b, XV, XB, 3);
        reject_lanes(g, k, XV);
        break;
    }
}

/* A register of env into x (no cache). */
static void env_load(Ctx *c, X86Reg x, int32_t off, unsigned bytes)
{
    if (bytes == 16) {
        x86_movdqu_xm(c->b, x, x86_mem(REG_ENV, off));
    } else {
        x86_movq_xm(c->b, x, x86_mem(REG_ENV, off));
    }
}

/* The out-of-line helper call: env current, call, xmm registers back from env. */
static void float_call(VecGen *g, FloatGen *k)
{
    Ctx *c = g->c;
    for (unsigned i = 0; i < JIT_VC_N; i++) {
        VecCacheEntry *e = &c->vc[i];
        if (e->valid && e->dirty) {
            mov_to_env(c, vc_reg(i), e->off, e->bytes);
        }
    }
    jit_call_emit(c->b, &k->call);
    env_load(c, XT, g->v->d, g->v->bytes);
    for (unsigned i = 0; i < JIT_VC_N; i++) {
        VecCacheEntry *e = &c->vc[i];
        if (e->valid) {
            env_load(c, vc_reg(i), e->off, e->bytes);
        }
    }
}

static void gen_float(VecGen *g)
{
    Ctx *c = g->c;
    X86Buf *b = c->b;
    const IRVecDesc *v = g->v;
    unsigned op = v->op, nb = v->bytes;
    if (op == IR_VEC_FABS || op == IR_VEC_FNEG) {
        ld_m(g, nb);
        vconst(g, XT, op == IR_VEC_FABS ? 0x7fffffff7fffffffull : 0x8000000080000000ull,
               op == IR_VEC_FABS ? 0x7fffffff7fffffffull : 0x8000000080000000ull);
        P(g, op == IR_VEC_FABS ? X86_PANDX : X86_PXORX, XB, XT);
        st(g, XB, nb);
        return;
    }
    bool unary = op == IR_VEC_FCVT_FROM_S32 || op == IR_VEC_FCVT_TO_S32;
    if (!unary) {
        ld_n(g, nb);
    }
    ld_m(g, nb);
    if (op == IR_VEC_FMLA || op == IR_VEC_FMLS) {
        ld(g, XD, v->d, nb);
    }
    if (nb == 8) {                     /* the operands loaded above */
        if (!unary) {
            x86_movq_xx(b, XA, XA);
        }
        x86_movq_xx(b, XB, XB);
        if (op == IR_VEC_FMLA || op == IR_VEC_FMLS) {
            x86_movq_xx(b, XD, XD);
        }
    }
    FloatGen k;
    x86_label_init(&k.redo);
    x86_label_init(&k.entry);
    x86_label_init(&k.resume);
    k.r = ra_alloc(c, 0);
    c->locked |= RB(k.r);
    X86Reg inr[IR_MAX_HELPER_ARGS] = { X86_NOREG };
    jit_call_init(c, &k.call, g->h, g->in, inr, X86_NOREG);

    X86Mem flag = x86_mem(REG_ENV, v->sat_off);
    int32_t ixc = (int32_t)(1u << v->sat_bit);
    float_op(g, &k);
    x86_stmxcsr(b, jit_mxcsr_slot());
    x86_test_mi(b, 8, jit_mxcsr_slot(), MXCSR_DE | MXCSR_UE);
    x86_jcc_label(b, X86_CC_NZ, &k.redo);
    if (float_inexact(op)) {
        x86_test_mi(b, 32, flag, ixc);
        x86_jcc_label(b, X86_CC_NZ, &k.resume);
        x86_test_mi(b, 8, jit_mxcsr_slot(), MXCSR_PE);
        x86_jcc_label(b, X86_CC_NZ, &k.redo);
    }
    x86_jmp_label(b, &k.resume);

    x86_label_bind(b, &k.redo);
    x86_mov_mi(b, 32, jit_mxcsr_slot(), MXCSR_DEFAULT);
    x86_ldmxcsr(b, jit_mxcsr_slot());
    float_op(g, NULL);
    x86_stmxcsr(b, jit_mxcsr_slot());
    x86_test_mi(b, 8, jit_mxcsr_slot(), MXCSR_DE | MXCSR_UE);
    x86_jcc_label(b, X86_CC_NZ, &k.entry);
    if (float_inexact(op)) {
        x86_test_mi(b, 8, jit_mxcsr_slot(), MXCSR_PE);
        x86_jcc_label(b, X86_CC_Z, &k.resume);
        x86_alu_mi(b, X86_OR, 32, flag, ixc);
    }
    x86_jmp_label(b, &k.resume);

    x86_label_bind(b, &k.entry);
    float_call(g, &k);
    x86_label_bind(b, &k.resume);
    st(g, XT, nb);
}

static void gen(VecGen *g)
{
    const IRVecDesc *v = g->v;
    unsigned e = v->esz, nb = v->bytes, bits = 8u << e;
    X86Buf *b = g->c->b;
    switch ((IRVecOp)v->op) {
    case IR_VEC_ADD: case IR_VEC_SUB: case IR_VEC_AND: case IR_VEC_ORR: case IR_VEC_EOR:
    case IR_VEC_CEQ: case IR_VEC_CGT: case IR_VEC_MAX: case IR_VEC_MIN: case IR_VEC_MAXU:
    case IR_VEC_MINU: case IR_VEC_MUL: case IR_VEC_RHADDU: {
        X86PackedOp op;
        switch ((IRVecOp)v->op) {
        case IR_VEC_ADD: op = op_add(e); break;
        case IR_VEC_SUB: op = op_sub(e); break;
        case IR_VEC_AND: op = X86_PANDX; break;
        case IR_VEC_ORR: op = X86_PORX; break;
        case IR_VEC_EOR: op = X86_PXORX; break;
        case IR_VEC_CEQ: op = op_ceq(e); break;
        case IR_VEC_CGT: op = op_cgt(e); break;
        case IR_VEC_MAX: op = op_max(e); break;
        case IR_VEC_MIN: op = op_min(e); break;
        case IR_VEC_MAXU: op = op_maxu(e); break;
        case IR_VEC_MINU: op = op_minu(e); break;
        case IR_VEC_MUL: op = e == 1 ? X86_PMULLW : X86_PMULLD; break;
        default: op = e == 0 ? X86_PAVGB : X86_PAVGW; break;
        }
        ld_n(g, nb);
        ld_m(g, nb);
        P(g, op, XA, XB);
        st(g, XA, nb);
        return;
    }
    case IR_VEC_BIC:                   /* ~m & n */
        ld_n(g, nb);
        ld_m(g, nb);
        P(g, X86_PANDNX, XB, XA);
        st(g, XB, nb);
        return;
    case IR_VEC_ORN:
        ld_n(g, nb);
        ld_m(g, nb);
        ones(g, XT);
        P(g, X86_PXORX, XB, XT);
        P(g, X86_PORX, XA, XB);
        st(g, XA, nb);
        return;
    case IR_VEC_NOT:
        ld_m(g, nb);
        ones(g, XT);
        P(g, X86_PXORX, XB, XT);
        st(g, XB, nb);
        return;
    case IR_VEC_BSL: case IR_VEC_BIT: case IR_VEC_BIF: {
        /* sel ? x : y == y ^ ((x ^ y) & sel) */
        ld_n(g, nb);
        ld_m(g, nb);
        ld(g, XD, v->d, nb);
        X86Reg x = XA, y = XB, sel = XD;
        if (v->op == IR_VEC_BIT) {
            y = XD, sel = XB;
        } else if (v->op == IR_VEC_BIF) {
            x = XD, y = XA, sel = XB;
        }
        P(g, X86_PXORX, x, y);
        P(g, X86_PANDX, x, sel);
        P(g, X86_PXORX, x, y);
        st(g, x, nb);
        return;
    }
    case IR_VEC_MLA: case IR_VEC_MLS:
        ld_n(g, nb);
        ld_m(g, nb);
        ld(g, XD, v->d, nb);
        P(g, e == 1 ? X86_PMULLW : X86_PMULLD, XA, XB);
        P(g, v->op == IR_VEC_MLA ? op_add(e) : op_sub(e), XD, XA);
        st(g, XD, nb);
        return;
    case IR_VEC_TST:                   /* ~((n & m) == 0) */
        ld_n(g, nb);
        ld_m(g, nb);
        P(g, X86_PANDX, XA, XB);
        zero(g, XT);
        P(g, op_ceq(e), XA, XT);
        ones(g, XT);
        P(g, X86_PXORX, XA, XT);
        st(g, XA, nb);
        return;
    case IR_VEC_CGE:                   /* ~(m > n) */
        ld_n(g, nb);
        ld_m(g, nb);
        P(g, op_cgt(e), XB, XA);
        ones(g, XT);
        P(g, X86_PXORX, XB, XT);
        st(g, XB, nb);
        return;
    case IR_VEC_CGEU:                  /* maxu(n, m) == n */
        ld_n(g, nb);
        ld_m(g, nb);
        P(g, op_maxu(e), XB, XA);
        P(g, op_ceq(e), XB, XA);
        st(g, XB, nb);
        return;
    case IR_VEC_CGTU:                  /* ~(maxu(m, n) == m) */
        ld_n(g, nb);
        ld_m(g, nb);
        P(g, op_maxu(e), XA, XB);
        P(g, op_ceq(e), XA, XB);
        ones(g, XT);
        P(g, X86_PXORX, XA, XT);
        st(g, XA, nb);
        return;
    case IR_VEC_ABD: case IR_VEC_ABDU: case IR_VEC_ABA: case IR_VEC_ABAU: {
        bool u = v->op == IR_VEC_ABDU || v->op == IR_VEC_ABAU;
        ld_n(g, nb);
        ld_m(g, nb);
        P3(g, u ? op_maxu(e) : op_max(e), XT, XA, XB);
        P(g, u ? op_minu(e) : op_min(e), XA, XB);
        P(g, op_sub(e), XT, XA);
        if (v->op == IR_VEC_ABA || v->op == IR_VEC_ABAU) {
            ld(g, XD, v->d, nb);
            P(g, op_add(e), XT, XD);
        }
        st(g, XT, nb);
        return;
    }
    case IR_VEC_QADD: case IR_VEC_QADDU: case IR_VEC_QSUB: case IR_VEC_QSUBU: {
        static const X86PackedOp sat[4][2] = {
            { X86_PADDSB, X86_PADDSW }, { X86_PADDUSB, X86_PADDUSW },
            { X86_PSUBSB, X86_PSUBSW }, { X86_PSUBUSB, X86_PSUBUSW },
        };
        unsigned k = v->op - IR_VEC_QADD;
        ld_n(g, nb);
        ld_m(g, nb);
        gen_sat(g, sat[k][e], k < 2 ? op_add(e) : op_sub(e));
        return;
    }
    case IR_VEC_SHL: case IR_VEC_SHR: case IR_VEC_SAR:
        ld_m(g, nb);
        lane_shift(g, XB, e, v->op == IR_VEC_SHL ? 0 : v->op == IR_VEC_SHR ? 1 : 2, v->imm);
        st(g, XB, nb);
        return;
    case IR_VEC_USRA: case IR_VEC_SSRA:
        ld_m(g, nb);
        ld(g, XD, v->d, nb);
        lane_shift(g, XB, e, v->op == IR_VEC_USRA ? 1 : 2, v->imm);
        P(g, op_add(e), XD, XB);
        st(g, XD, nb);
        return;
    case IR_VEC_SRI: case IR_VEC_SLI: {
        bool left = v->op == IR_VEC_SLI;
        if (!left && v->imm >= bits) {
            return;                    /* d unchanged */
        }
        ld_m(g, nb);
        ld(g, XD, v->d, nb);
        lane_shift(g, XB, e, left ? 0 : 1, v->imm);
        if (e == 0) {
            uint64_t mask = repl((left ? 0xffu << v->imm : 0xffu >> v->imm) & 0xffu, 8);
            vconst(g, XT, mask, mask);
        } else {                       /* the mask is all ones shifted like m */
            ones(g, XT);
            lane_shift(g, XT, e, left ? 0 : 1, v->imm);
        }
        P(g, X86_PANDNX, XT, XD);      /* d's bits outside the mask */
        P(g, X86_PORX, XT, XB);
        st(g, XT, nb);
        return;
    }
    case IR_VEC_REV:
        ld_m(g, nb);
        gen_rev(g, XB, e, v->imm);
        st(g, XB, nb);
        return;
    case IR_VEC_DUP: {
        int32_t lane = v->m + (int32_t)(v->imm << e);
        /* movss loads the 4 bytes at the lane (beyond Dm only for its upper lanes,
         * still inside env), then the lane is broadcast. */
        vc_sync(g->c, lane, 4, false);
        x86_movss_xm(b, XB, x86_mem(REG_ENV, lane));
        if (e == 0) {
            P(g, X86_PUNPCKLBW, XB, XB);
        }
        if (e <= 1) {
            x86_pshuflw(b, XB, XB, 0);
        }
        x86_pshufd(b, XB, XB, 0);
        st(g, XB, nb);
        return;
    }
    case IR_VEC_EXT:
        ld_n(g, nb);
        ld_m(g, nb);
        if (nb == 16) {
            x86_palignr(b, XB, XA, v->imm);
            st(g, XB, 16);
        } else {
            x86_movq_xx(b, XA, XA);    /* a cached D register has junk above */
            x86_pshift_xi(b, X86_PSLLDQ, XB, 8);
            P(g, X86_PORX, XA, XB);
            x86_pshift_xi(b, X86_PSRLDQ, XA, v->imm);
            st(g, XA, 8);
        }
        return;
    case IR_VEC_MOVL: case IR_VEC_MOVLU:
        ld_m(g, 8);
        widen(g, XB, e, v->op == IR_VEC_MOVL);
        st(g, XB, 16);
        return;
    case IR_VEC_MOVN:
        ld_m(g, 16);
        if (e == 0) {
            x86_pshift_xi(b, X86_PSLLW, XB, 8);
            x86_pshift_xi(b, X86_PSRLW, XB, 8);
            P(g, X86_PACKUSWB, XB, XB);
        } else if (e == 1) {
            x86_pshift_xi(b, X86_PSLLD, XB, 16);
            x86_pshift_xi(b, X86_PSRAD, XB, 16);
            P(g, X86_PACKSSDW, XB, XB);
        } else {
            x86_pshufd(b, XB, XB, 0x08);
        }
        st(g, XB, 8);
        return;
    case IR_VEC_MULL: case IR_VEC_MULLU: case IR_VEC_MLAL: case IR_VEC_MLALU: {
        bool sgn = v->op == IR_VEC_MULL || v->op == IR_VEC_MLAL;
        ld_n(g, 8);
        ld_m(g, 8);
        gen_mull(g, e, sgn);
        if (v->op == IR_VEC_MLAL || v->op == IR_VEC_MLALU) {
            ld(g, XD, v->d, 16);
            P(g, op_add(e + 1), XA, XD);
        }
        st(g, XA, 16);
        return;
    }
    default:
        gen_float(g);
        return;
    }
}

/* The vector op helper call (h, in) computes, if the JIT inlines it. */
static bool inline_desc(Ctx *c, const IRHelper *h, const IRTemp *in, unsigned nb_in,
                        IRVecDesc *v)
{
    return h->vec && nb_in == 1 && c->ts[in[0]].val == V_CONST &&
           h->vec((uint32_t)c->ts[in[0]].cst, v) && jit_vec_supported(v);
}

bool jit_vec_inline(Ctx *c, IRHelper *h, const IRTemp *in, unsigned nb_in)
{
    IRVecDesc v;
    if (!inline_desc(c, h, in, nb_in, &v)) {
        return false;
    }
    VecGen g = { c, &v, h, in };
    if (is_float(v.op) && !float_consts(&v)) {
        return false;                  /* the constant pool is full */
    }
    gen(&g);
    return true;
}

void jit_vec_barrier(Ctx *c, const IRInsn *i)
{
    bool any = false;
    for (unsigned k = 0; k < JIT_VC_N; k++) {
        any |= c->vc[k].valid;
    }
    if (!any) {
        return;
    }
    const IROpDef *d = &ir_op_defs[i->op];
    switch (i->op) {
    case IR_OP_call:
        return;                        /* jit.c: inlined, or jit_vec_sync_all first */
    case IR_OP_ldenv_i32: case IR_OP_ldenv_i64: {
        int32_t off = (int32_t)ir_insn_cst(i, 0);
        unsigned bytes = i->op == IR_OP_ldenv_i64 ? 8 : 4;
        if (vc_find(c, off, bytes) < 0) {
            vc_sync(c, off, bytes, false);
        }                               /* else jit_vec_ldenv reads the register */
        return;
    }
    case IR_OP_stenv_i32: case IR_OP_stenv_i64: {
        int32_t off = (int32_t)ir_insn_cst(i, 0);
        unsigned bytes = i->op == IR_OP_stenv_i64 ? 8 : 4;
        vc_drop_inside(c, off, bytes);
        vc_sync(c, off, bytes, true);
        return;
    }
    case IR_OP_goto_tb:
        jit_vec_sync_all(c, true);
        return;
    default:
        if (d->flags & (IRF_BB_END | IRF_CALL)) {
            jit_vec_sync_all(c, true);
        } else if (d->flags & IRF_MEM) {
            jit_vec_sync_all(c, false);
        }
        return;
    }
}
