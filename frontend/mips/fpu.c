/*
 * MIPS32r2 FPU decoder: COP1 (moves, branches, .S/.D/.W/.L arithmetic, compares and
 * conversions), COP1X (indexed loads/stores, MADD family), LWC1/LDC1/SWC1/SDC1 and the
 * GPR MOVF/MOVT, as one pattern table. FP registers live in env->fpr[] and are read and
 * written with ldenv/stenv in the layout cpu.h documents for Status.FR (s->fr, a TB
 * flag): with FR=0 a double is the even/odd pair and odd register numbers for .D/.L are
 * reserved. Arithmetic calls the helpers in fpu_helper.c, which apply FCSR and write its
 * cause and flag bits; in TBs with MIPS_TBFLAG_TRAPS each of them is followed by a check
 * that raises SIGFPE (before the destination is written) when an enabled cause was
 * raised. MOV, ABS, NEG and the conditional moves are plain IR and never signal (as in
 * qemu-mips; ABS2008 makes no difference then). Paired single (.PS, fmt 22, and the
 * MIPS-3D ops) is not implemented: reserved (RI), which gcc never emits for o32.
 * Choices that follow qemu-mips where the manual says UNPREDICTABLE: fields the manual
 * marks zero are ignored; RECIP.D, RSQRT.D, the .L conversions and LUXC1/SUXC1 need
 * FR=1; LDC1/SDC1/LDXC1/SDXC1 of an odd register with FR=0 are reserved as well.
 */
#include "frontend/mips/translate.h"

#include "frontend/mips/fpu_helper.h"

#define F(c) decode_field(e, insn, (c))
#define SF(c) decode_sfield(e, insn, (c))
#define TRANS(name) static bool trans_##name(DisasContext *s, uint32_t insn, \
                                             const DecodeEntry *e)

/* Format field values. */
enum { FMT_S = 16, FMT_D = 17, FMT_W = 20, FMT_L = 21 };

/* ---- Registers ---- */

/* With FR=0 a 64-bit operand needs an even register. */
static bool reg64_ok(DisasContext *s, int r)
{
    return s->fr || !(r & 1);
}

static IRTemp load_fpr32(DisasContext *s, int r)
{
    IRTemp t = new_tmp(s);
    ir_ldenv_i32(s->f, t, ENV_FPR_LO(r));
    return t;
}

/* A single (or word) write keeps the upper half of the 64-bit register, as qemu-mips. */
static void store_fpr32(DisasContext *s, int r, IRTemp v)
{
    ir_stenv_i32(s->f, v, ENV_FPR_LO(r));
}

static IRTemp load_fpr64(DisasContext *s, int r)
{
    IRTemp t = new_tmp64(s);
    if (s->fr) {
        ir_ldenv_i64(s->f, t, ENV_FPR(r));
    } else {
        ir_concat_i32_i64(s->f, t, load_fpr32(s, r & ~1), load_fpr32(s, r | 1));
    }
    return t;
}

static void store_fpr64(DisasContext *s, int r, IRTemp v)
{
    if (s->fr) {
        ir_stenv_i64(s->f, v, ENV_FPR(r));
        return;
    }
    IRTemp lo = new_tmp(s), hi = new_tmp(s);
    ir_extrl_i64_i32(s->f, lo, v);
    ir_extrh_i64_i32(s->f, hi, v);
    store_fpr32(s, r & ~1, lo);
    store_fpr32(s, r | 1, hi);
}

static IRTemp load_fp(DisasContext *s, bool dp, int r)
{
    return dp ? load_fpr64(s, r) : load_fpr32(s, r);
}

static void store_fp(DisasContext *s, bool dp, int r, IRTemp v)
{
    if (dp) {
        store_fpr64(s, r, v);
    } else {
        store_fpr32(s, r, v);
    }
}

static IRTemp new_fp(DisasContext *s, bool dp)
{
    return dp ? new_tmp64(s) : new_tmp(s);
}

static IRTemp load_fcsr(DisasContext *s)
{
    IRTemp t = new_tmp(s);
    ir_ldenv_i32(s->f, t, ENV_OFF(fcsr));
    return t;
}

/* 1 if FCSR condition code cc is set, else 0. */
static IRTemp gen_fcc(DisasContext *s, unsigned cc)
{
    IRTemp t = new_tmp(s);
    ir_extract_i32(s->f, t, load_fcsr(s), fcsr_fcc_bit(cc), 1);
    return t;
}

/* ---- FP exceptions ---- */

/* if (hit != 0) raise SIGFPE with error_code = code (FCSR cause bits); else continue. */
static void gen_fpe_if(DisasContext *s, IRTemp hit, IRTemp code)
{
    IRLabel ok = ir_new_label(s->f);
    int is_jmp = s->is_jmp;
    ir_brcondi_i32(s->f, IR_COND_EQ, hit, 0, ok);
    ir_stenv_i32(s->f, code, ENV_OFF(error_code));
    gen_exception(s, MIPS_EXCP_FPE);
    s->is_jmp = is_jmp;
    ir_set_label(s->f, ok);
}

/*
 * After an arithmetic helper, in TBs where some enable is set: trap if a cause bit the
 * op raised is enabled (the helper then left the flags alone).
 */
static void gen_fpe_check(DisasContext *s)
{
    if (!s->fp_traps) {
        return;
    }
    IRTemp fcsr = load_fcsr(s), cause = new_tmp(s), en = new_tmp(s), hit = new_tmp(s);
    ir_extract_i32(s->f, cause, fcsr, FCSR_CAUSE_SHIFT, 6);
    ir_extract_i32(s->f, en, fcsr, FCSR_ENABLES_SHIFT, 5);
    ir_and_i32(s->f, hit, cause, en);
    gen_fpe_if(s, hit, cause);
}

/* r = helper(args...), then the trap check. */
static IRTemp gen_fp_call(DisasContext *s, bool dp_out, IRHelper *h, const IRTemp *args,
                          unsigned n)
{
    IRTemp r = new_fp(s, dp_out);
    ir_call(s->f, h, r, args, n);
    gen_fpe_check(s);
    return r;
}

/* ---- Moves between GPRs and FPRs, control registers ---- */

/* MFC1 rt, fs */
TRANS(MFC1)
{
    store_gpr(s, F('t'), load_fpr32(s, F('s')));
    return true;
}

/* MTC1 rt, fs */
TRANS(MTC1)
{
    store_fpr32(s, F('s'), load_gpr(s, F('t')));
    return true;
}

/* MFHC1 rt, fs: the high word of the 64-bit register (FR=0: the odd register's word) */
TRANS(MFHC1)
{
    int fs = F('s');
    IRTemp t = new_tmp(s);
    if (s->fr) {
        ir_ldenv_i32(s->f, t, ENV_FPR_HI(fs));
    } else {
        t = load_fpr32(s, fs | 1);
    }
    store_gpr(s, F('t'), t);
    return true;
}

/* MTHC1 rt, fs */
TRANS(MTHC1)
{
    int fs = F('s');
    IRTemp v = load_gpr(s, F('t'));
    if (s->fr) {
        ir_stenv_i32(s->f, v, ENV_FPR_HI(fs));
    } else {
        store_fpr32(s, fs | 1, v);
    }
    return true;
}

/* CFC1 rt, fs */
TRANS(CFC1)
{
    int fs = F('s');
    IRTemp t;
    if (fs == 31) {
        t = load_fcsr(s);
    } else if (fs == 0) {
        t = new_tmp(s);
        ir_ldenv_i32(s->f, t, ENV_OFF(fir));
    } else {
        t = new_tmp(s);
        ir_callv(s->f, &helper_info_mips_cfc1, t, tconst(s, (uint32_t)fs));
    }
    store_gpr(s, F('t'), t);
    return true;
}

/*
 * CTC1 rt, fs. May change the trap mode (a TB flag): the TB ends after it. Writing a
 * cause bit whose enable is set (or E) raises SIGFPE at once, with FCSR written.
 */
TRANS(CTC1)
{
    IRTemp trap = new_tmp(s);
    ir_callv(s->f, &helper_info_mips_ctc1, trap, tconst(s, F('s')), load_gpr(s, F('t')));
    gen_fpe_if(s, trap, trap);
    s->is_jmp = DISAS_UPDATE;
    return true;
}

/* MOVF rd, rs, cc / MOVT rd, rs, cc */
TRANS(MOVCI)
{
    int rd = F('d');
    if (rd == 0) {
        return true;
    }
    IRTemp r = new_tmp(s);
    ir_movcond_i32(s->f, IR_COND_EQ, r, gen_fcc(s, F('c')), tconst(s, F('v')),
                   load_gpr(s, F('s')), load_gpr(s, rd));
    store_gpr(s, rd, r);
    return true;
}

/* ---- Branches ---- */

/* BC1F cc, offset / BC1T / BC1FL / BC1TL (nd = likely, tf = branch if true) */
TRANS(BC1)
{
    IRTemp c = gen_fcc(s, F('c'));
    if (!F('v')) {
        IRTemp n = new_tmp(s);
        ir_xori_i32(s->f, n, c, 1);
        c = n;
    }
    gen_branch(s, c, s->pc + 4 + ((uint32_t)SF('i') << 2), F('n'));
    return true;
}

/* ---- Loads and stores ---- */

static void gen_fp_ld(DisasContext *s, bool dp, int ft, IRTemp addr)
{
    if (dp) {
        store_fpr64(s, ft, gen_ld(s, addr, MO_UQ));
    } else {
        store_fpr32(s, ft, gen_ld(s, addr, MO_UL));
    }
}

static void gen_fp_st(DisasContext *s, bool dp, int ft, IRTemp addr)
{
    gen_st(s, load_fp(s, dp, ft), addr, dp ? MO_UQ : MO_UL);
}

/* LWC1 ft, offset(base) / LDC1 (d) / SWC1 / SDC1 (S = store) */
TRANS(LDST1)
{
    bool dp = F('D'), store = F('S');
    int ft = F('t');
    if (dp && !reg64_ok(s, ft)) {
        return false;
    }
    IRTemp addr = gen_addr(s, F('b'), SF('i'));
    if (store) {
        gen_fp_st(s, dp, ft, addr);
    } else {
        gen_fp_ld(s, dp, ft, addr);
    }
    return true;
}

/* base + index (and LUXC1/SUXC1: aligned down to 8) */
static IRTemp gen_addr_idx(DisasContext *s, int base, int index, bool align8)
{
    IRTemp a = new_tmp(s);
    ir_add_i32(s->f, a, load_gpr(s, base), load_gpr(s, index));
    if (align8) {
        IRTemp b = new_tmp(s);
        ir_andi_i32(s->f, b, a, ~7u);
        a = b;
    }
    return a;
}

/* LWXC1 fd, index(base) / LDXC1 / LUXC1 */
static bool gen_ldx(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool dp, bool u)
{
    int fd = F('d');
    if ((dp && !reg64_ok(s, fd)) || (u && !s->fr)) {
        return false;
    }
    gen_fp_ld(s, dp, fd, gen_addr_idx(s, F('b'), F('k'), u));
    return true;
}

/* SWXC1 fs, index(base) / SDXC1 / SUXC1 */
static bool gen_stx(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool dp, bool u)
{
    int fs = F('s');
    if ((dp && !reg64_ok(s, fs)) || (u && !s->fr)) {
        return false;
    }
    gen_fp_st(s, dp, fs, gen_addr_idx(s, F('b'), F('k'), u));
    return true;
}

/* LWXC1 fd, index(base) */
TRANS(LWXC1) { return gen_ldx(s, insn, e, false, false); }
/* LDXC1 fd, index(base) */
TRANS(LDXC1) { return gen_ldx(s, insn, e, true, false); }
/* LUXC1 fd, index(base) */
TRANS(LUXC1) { return gen_ldx(s, insn, e, true, true); }
/* SWXC1 fs, index(base) */
TRANS(SWXC1) { return gen_stx(s, insn, e, false, false); }
/* SDXC1 fs, index(base) */
TRANS(SDXC1) { return gen_stx(s, insn, e, true, false); }
/* SUXC1 fs, index(base) */
TRANS(SUXC1) { return gen_stx(s, insn, e, true, true); }

/* PREFX hint, index(base): a no-op */
TRANS(PREFX)
{
    (void)insn;
    (void)e;
    (void)s;
    return true;
}

/* ---- Arithmetic ---- */

/* The S/D format bit 'F' of "1000F": true for D. With FR=0, 64-bit operands even. */
static bool fmt_regs_ok(DisasContext *s, bool dp, int a, int b, int c)
{
    return !dp || (reg64_ok(s, a) && reg64_ok(s, b) && reg64_ok(s, c));
}

static bool gen_binop(DisasContext *s, uint32_t insn, const DecodeEntry *e, IRHelper *hs,
                      IRHelper *hd)
{
    bool dp = F('F');
    int ft = F('t'), fs = F('s'), fd = F('d');
    if (!fmt_regs_ok(s, dp, ft, fs, fd)) {
        return false;
    }
    IRTemp args[2] = { load_fp(s, dp, fs), load_fp(s, dp, ft) };
    store_fp(s, dp, fd, gen_fp_call(s, dp, dp ? hd : hs, args, 2));
    return true;
}

static bool gen_unop(DisasContext *s, uint32_t insn, const DecodeEntry *e, IRHelper *hs,
                     IRHelper *hd)
{
    bool dp = F('F');
    int fs = F('s'), fd = F('d');
    if (!fmt_regs_ok(s, dp, fs, fd, 0)) {
        return false;
    }
    IRTemp a = load_fp(s, dp, fs);
    store_fp(s, dp, fd, gen_fp_call(s, dp, dp ? hd : hs, &a, 1));
    return true;
}

/* ADD.fmt fd, fs, ft */
TRANS(ADD) { return gen_binop(s, insn, e, &helper_info_mips_add_s, &helper_info_mips_add_d); }
/* SUB.fmt fd, fs, ft */
TRANS(SUB) { return gen_binop(s, insn, e, &helper_info_mips_sub_s, &helper_info_mips_sub_d); }
/* MUL.fmt fd, fs, ft */
TRANS(MUL) { return gen_binop(s, insn, e, &helper_info_mips_mul_s, &helper_info_mips_mul_d); }
/* DIV.fmt fd, fs, ft */
TRANS(DIV) { return gen_binop(s, insn, e, &helper_info_mips_div_s, &helper_info_mips_div_d); }
/* SQRT.fmt fd, fs */
TRANS(SQRT) { return gen_unop(s, insn, e, &helper_info_mips_sqrt_s, &helper_info_mips_sqrt_d); }

/* RECIP.fmt fd, fs (.D needs FR=1, as in qemu-mips) */
TRANS(RECIP)
{
    if (F('F') && !s->fr) {
        return false;
    }
    return gen_unop(s, insn, e, &helper_info_mips_recip_s, &helper_info_mips_recip_d);
}

/* RSQRT.fmt fd, fs */
TRANS(RSQRT)
{
    if (F('F') && !s->fr) {
        return false;
    }
    return gen_unop(s, insn, e, &helper_info_mips_rsqrt_s, &helper_info_mips_rsqrt_d);
}

/* MOV.fmt fd, fs / ABS.fmt (op 1) / NEG.fmt (op 2): sign-bit operations, no exceptions */
static bool gen_sign_op(DisasContext *s, uint32_t insn, const DecodeEntry *e, int op)
{
    bool dp = F('F');
    int fs = F('s'), fd = F('d');
    if (!fmt_regs_ok(s, dp, fs, fd, 0)) {
        return false;
    }
    IRTemp a = load_fp(s, dp, fs);
    if (op == 0) {
        store_fp(s, dp, fd, a);
        return true;
    }
    if (!dp) {
        IRTemp r = new_tmp(s);
        if (op == 1) {
            ir_andi_i32(s->f, r, a, 0x7fffffffu);
        } else {
            ir_xori_i32(s->f, r, a, 0x80000000u);
        }
        store_fpr32(s, fd, r);
        return true;
    }
    /* Doubles: on the high word only, so FR=0 needs no 64-bit value. */
    IRTemp r = new_tmp64(s);
    if (op == 1) {
        ir_andi_i64(s->f, r, a, ~(1ull << 63));
    } else {
        ir_xor_i64(s->f, r, a, ir_const_i64(s->f, 1ull << 63));
    }
    store_fpr64(s, fd, r);
    return true;
}

/* MOV.fmt fd, fs */
TRANS(MOV) { return gen_sign_op(s, insn, e, 0); }
/* ABS.fmt fd, fs */
TRANS(ABS) { return gen_sign_op(s, insn, e, 1); }
/* NEG.fmt fd, fs */
TRANS(NEG) { return gen_sign_op(s, insn, e, 2); }

/* fd = cond ? fs : fd, cond an i32 temp compared with 0 by `c` */
static bool gen_cond_move(DisasContext *s, uint32_t insn, const DecodeEntry *e, IRCond c,
                          IRTemp v)
{
    bool dp = F('F');
    int fs = F('s'), fd = F('d');
    if (!fmt_regs_ok(s, dp, fs, fd, 0)) {
        return false;
    }
    IRLabel skip = ir_new_label(s->f);
    ir_brcondi_i32(s->f, ir_cond_invert(c), v, 0, skip);
    store_fp(s, dp, fd, load_fp(s, dp, fs));
    ir_set_label(s->f, skip);
    return true;
}

/* MOVF.fmt fd, fs, cc / MOVT.fmt (tf = 1) */
TRANS(MOVCF)
{
    IRTemp c = gen_fcc(s, F('c'));
    return gen_cond_move(s, insn, e, F('v') ? IR_COND_NE : IR_COND_EQ, c);
}

/* MOVZ.fmt fd, fs, rt */
TRANS(MOVZ) { return gen_cond_move(s, insn, e, IR_COND_EQ, load_gpr(s, F('t'))); }
/* MOVN.fmt fd, fs, rt */
TRANS(MOVN) { return gen_cond_move(s, insn, e, IR_COND_NE, load_gpr(s, F('t'))); }

/*
 * MADD.fmt fd, fr, fs, ft (o = 0), MSUB (1), NMADD (2), NMSUB (3): not fused on
 * MIPS32r2. fmt3 0 = S, 1 = D (F), 6 = PS (not here: reserved).
 */
TRANS(MADD)
{
    bool dp = F('F');
    int fr = F('r'), ft = F('t'), fs = F('s'), fd = F('d');
    if (!fmt_regs_ok(s, dp, fr, ft, fs) || !fmt_regs_ok(s, dp, fd, 0, 0)) {
        return false;
    }
    unsigned kind = F('o');
    if (!s->fp_traps) {
        /*
         * Without enables, the same as MUL then ADD/SUB (then NEG) with the cause field
         * the union of both: each step can then use the JIT's inline fast path.
         */
        IRTemp ops[2] = { load_fp(s, dp, fs), load_fp(s, dp, ft) };
        IRTemp p = new_fp(s, dp), r = new_fp(s, dp);
        ir_call(s->f, dp ? &helper_info_mips_mul_d : &helper_info_mips_mul_s, p, ops, 2);
        IRTemp c1 = new_tmp(s);
        ir_andi_i32(s->f, c1, load_fcsr(s), 0x3fu << FCSR_CAUSE_SHIFT);
        ops[0] = p;
        ops[1] = load_fp(s, dp, fr);
        IRHelper *h = (kind & 1) ? (dp ? &helper_info_mips_sub_d : &helper_info_mips_sub_s)
                                 : (dp ? &helper_info_mips_add_d : &helper_info_mips_add_s);
        ir_call(s->f, h, r, ops, 2);
        IRTemp fcsr = new_tmp(s);
        ir_or_i32(s->f, fcsr, load_fcsr(s), c1);
        ir_stenv_i32(s->f, fcsr, ENV_OFF(fcsr));
        if (kind & 2) {
            IRTemp n = new_fp(s, dp);
            if (dp) {
                ir_xor_i64(s->f, n, r, ir_const_i64(s->f, 1ull << 63));
            } else {
                ir_xori_i32(s->f, n, r, 0x80000000u);
            }
            r = n;
        }
        store_fp(s, dp, fd, r);
        return true;
    }
    IRTemp args[4] = { load_fp(s, dp, fs), load_fp(s, dp, ft), load_fp(s, dp, fr),
                       tconst(s, kind) };
    store_fp(s, dp, fd,
             gen_fp_call(s, dp, dp ? &helper_info_mips_madd_d : &helper_info_mips_madd_s,
                         args, 4));
    return true;
}

/* C.cond.fmt cc, fs, ft */
TRANS(C_cond)
{
    bool dp = F('F');
    int ft = F('t'), fs = F('s');
    if (!fmt_regs_ok(s, dp, ft, fs, 0)) {
        return false;
    }
    IRTemp args[3] = { load_fp(s, dp, fs), load_fp(s, dp, ft),
                       tconst(s, F('o') | F('c') << 4) };
    ir_call(s->f, dp ? &helper_info_mips_cmp_d : &helper_info_mips_cmp_s, 0, args, 3);
    gen_fpe_check(s);
    return true;
}

/* ---- Conversions ---- */

/* CVT.S.D fd, fs */
TRANS(CVT_S_D)
{
    int fs = F('s');
    if (!reg64_ok(s, fs)) {
        return false;
    }
    IRTemp a = load_fpr64(s, fs);
    store_fpr32(s, F('d'), gen_fp_call(s, false, &helper_info_mips_cvt_s_d, &a, 1));
    return true;
}

/* CVT.D.S fd, fs */
TRANS(CVT_D_S)
{
    int fd = F('d');
    if (!reg64_ok(s, fd)) {
        return false;
    }
    IRTemp a = load_fpr32(s, F('s'));
    store_fpr64(s, fd, gen_fp_call(s, true, &helper_info_mips_cvt_d_s, &a, 1));
    return true;
}

/* CVT.S.W fd, fs / CVT.S.L (F = 1; FR=1 only) */
TRANS(CVT_S_WL)
{
    bool l = F('F');
    int fs = F('s');
    if (l && !s->fr) {
        return false;
    }
    IRTemp a = load_fp(s, l, fs);
    store_fpr32(s, F('d'), gen_fp_call(s, false, l ? &helper_info_mips_cvt_s_l
                                                   : &helper_info_mips_cvt_s_w, &a, 1));
    return true;
}

/* CVT.D.W fd, fs / CVT.D.L (F = 1; FR=1 only) */
TRANS(CVT_D_WL)
{
    bool l = F('F');
    int fd = F('d');
    if ((l && !s->fr) || !reg64_ok(s, fd)) {
        return false;
    }
    IRTemp a = load_fp(s, l, F('s'));
    store_fpr64(s, fd, gen_fp_call(s, true, l ? &helper_info_mips_cvt_d_l
                                              : &helper_info_mips_cvt_d_w, &a, 1));
    return true;
}

/* Float (F: D) to W or L (is64) in rounding mode rnd. */
static bool gen_to_int(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool is64,
                       uint32_t rnd)
{
    bool dp = F('F');
    int fs = F('s'), fd = F('d');
    if ((is64 && !s->fr) || (dp && !reg64_ok(s, fs))) {
        return false;
    }
    static IRHelper *const h[2][2] = {
        { &helper_info_mips_to_w_s, &helper_info_mips_to_w_d },
        { &helper_info_mips_to_l_s, &helper_info_mips_to_l_d },
    };
    IRTemp args[2] = { load_fp(s, dp, fs), tconst(s, rnd) };
    store_fp(s, is64, fd, gen_fp_call(s, is64, h[is64][dp], args, 2));
    return true;
}

/* Op field of ROUND/TRUNC/CEIL/FLOOR (0..3) to an FCSR.RM value. */
static const uint32_t rnd_of_op[4] = { 0 /* RN */, 1 /* RZ */, 2 /* +inf */, 3 /* -inf */ };

/* ROUND.L.fmt fd, fs / TRUNC.L / CEIL.L / FLOOR.L (o = 0..3) */
TRANS(RND_L) { return gen_to_int(s, insn, e, true, rnd_of_op[F('o')]); }
/* ROUND.W.fmt fd, fs / TRUNC.W / CEIL.W / FLOOR.W */
TRANS(RND_W) { return gen_to_int(s, insn, e, false, rnd_of_op[F('o')]); }
/* CVT.W.fmt fd, fs */
TRANS(CVT_W) { return gen_to_int(s, insn, e, false, MIPS_RND_FCSR); }
/* CVT.L.fmt fd, fs */
TRANS(CVT_L) { return gen_to_int(s, insn, e, true, MIPS_RND_FCSR); }

/* ---- The table ---- */

/*
 * Field letters: F the D (or L) bit of the format, t ft/rt, s fs/rs, d fd/rd, r fr,
 * b base, k index, c cc, n nd (likely), v tf, i offset, o an op/cond field, D/S
 * LDC1-vs-LWC1 and store bits of the CP1 load/store opcodes. '-' marks fields the
 * manual wants zero (ignored, as R2 cores and qemu-mips do).
 */
static DecodeEntry fpu_entries[] = {
    /* COP1 moves */
    DECODE(MFC1,     "010001 00000 ttttt sssss ----- ------"),
    DECODE(CFC1,     "010001 00010 ttttt sssss ----- ------"),
    DECODE(MFHC1,    "010001 00011 ttttt sssss ----- ------"),
    DECODE(MTC1,     "010001 00100 ttttt sssss ----- ------"),
    DECODE(CTC1,     "010001 00110 ttttt sssss ----- ------"),
    DECODE(MTHC1,    "010001 00111 ttttt sssss ----- ------"),
    DECODE(BC1,      "010001 01000 ccc nv iiiiiiiiiiiiiiii"),
    /* .S and .D */
    DECODE(ADD,      "010001 1000F ttttt sssss ddddd 000000"),
    DECODE(SUB,      "010001 1000F ttttt sssss ddddd 000001"),
    DECODE(MUL,      "010001 1000F ttttt sssss ddddd 000010"),
    DECODE(DIV,      "010001 1000F ttttt sssss ddddd 000011"),
    DECODE(SQRT,     "010001 1000F ----- sssss ddddd 000100"),
    DECODE(ABS,      "010001 1000F ----- sssss ddddd 000101"),
    DECODE(MOV,      "010001 1000F ----- sssss ddddd 000110"),
    DECODE(NEG,      "010001 1000F ----- sssss ddddd 000111"),
    DECODE(RND_L,    "010001 1000F ----- sssss ddddd 0010oo"),
    DECODE(RND_W,    "010001 1000F ----- sssss ddddd 0011oo"),
    DECODE(MOVCF,    "010001 1000F ccc-v sssss ddddd 010001"),
    DECODE(MOVZ,     "010001 1000F ttttt sssss ddddd 010010"),
    DECODE(MOVN,     "010001 1000F ttttt sssss ddddd 010011"),
    DECODE(RECIP,    "010001 1000F ----- sssss ddddd 010101"),
    DECODE(RSQRT,    "010001 1000F ----- sssss ddddd 010110"),
    DECODE(CVT_S_D,  "010001 10001 ----- sssss ddddd 100000"),
    DECODE(CVT_D_S,  "010001 10000 ----- sssss ddddd 100001"),
    DECODE(CVT_W,    "010001 1000F ----- sssss ddddd 100100"),
    DECODE(CVT_L,    "010001 1000F ----- sssss ddddd 100101"),
    DECODE(C_cond,   "010001 1000F ttttt sssss ccc-0 11oooo"),
    /* .W and .L sources */
    DECODE(CVT_S_WL, "010001 1010F ----- sssss ddddd 100000"),
    DECODE(CVT_D_WL, "010001 1010F ----- sssss ddddd 100001"),
    /* COP1X */
    DECODE(LWXC1,    "010011 bbbbb kkkkk ----- ddddd 000000"),
    DECODE(LDXC1,    "010011 bbbbb kkkkk ----- ddddd 000001"),
    DECODE(LUXC1,    "010011 bbbbb kkkkk ----- ddddd 000101"),
    DECODE(SWXC1,    "010011 bbbbb kkkkk sssss ----- 001000"),
    DECODE(SDXC1,    "010011 bbbbb kkkkk sssss ----- 001001"),
    DECODE(SUXC1,    "010011 bbbbb kkkkk sssss ----- 001101"),
    DECODE(PREFX,    "010011 bbbbb kkkkk ----- ----- 001111"),
    DECODE(MADD,     "010011 rrrrr ttttt sssss ddddd 1oo 00F"),
    /* LWC1 LDC1 SWC1 SDC1 */
    DECODE(LDST1,    "11 S D 01 bbbbb ttttt iiiiiiiiiiiiiiii"),
    /* MOVF / MOVT on GPRs (SPECIAL) */
    DECODE(MOVCI,    "000000 sssss ccc-v ddddd ----- 000001"),
};

DECODE_TABLE(mips_fpu_table, "mips-cop1", 32, fpu_entries);

bool mips_decode_fpu(DisasContext *s, uint32_t insn)
{
    return decode_dispatch(&mips_fpu_table, s, insn);
}
