/*
 * VFP decoder: VFPv3-D32 scalar data processing, VFPv4 fused multiply-add and the
 * half-precision conversions, core<->VFP register transfers, VMRS/VMSR and VFP
 * loads/stores, as one pattern table in A32 layout (bits [31:28] ignored: A32 and T32
 * callers handle the condition). VFP registers live in env (vfp_d[], S[2n] the low half
 * of D[n]) and are read and written with ldenv/stenv; arithmetic calls the helpers in
 * vfp_helper.c, which apply FPSCR (rounding, FZ, DN, AHP) and set its cumulative flags.
 * Sign manipulation (VABS, VNEG and the negations inside VNMLA & co.) is plain IR, as
 * FPNeg/FPAbs are in the ARM ARM. Short vectors (FPSCR.Len/Stride) are not modelled, as
 * on Cortex-A cores: every operation is scalar. Advanced SIMD encodings are not ours:
 * arm_decode_vfp returns false for them.
 */
#include "frontend/arm/translate.h"
#include "frontend/arm/vfp_helper.h"

#define FLD(c) decode_field(e, insn, (c))

/*
 * The CPU model's optional features (cpu.h). It lives here, with the VFP decoder that
 * checks some of them, so that the frontend library owns it (unit tests run with all).
 */
uint32_t arm_cpu_features = ARM_FEATURE_ALL;

/* ---- Registers ---- */

/* Register number from its 4-bit field and extra bit: Vx:b for S, b:Vx for D. */
static int vfp_regno(bool dp, uint32_t v4, uint32_t bit)
{
    return dp ? (int)(bit << 4 | v4) : (int)(v4 << 1 | bit);
}

static IRTemp vfp_load(DisasContext *s, bool dp, int reg)
{
    IRTemp t = ir_new_temp(s->f, dp ? IR_I64 : IR_I32);
    if (dp) {
        ir_ldenv_i64(s->f, t, ENV_VFP_D(reg));
    } else {
        ir_ldenv_i32(s->f, t, ENV_VFP_S(reg));
    }
    return t;
}

static void vfp_store(DisasContext *s, bool dp, int reg, IRTemp v)
{
    if (dp) {
        ir_stenv_i64(s->f, v, ENV_VFP_D(reg));
    } else {
        ir_stenv_i32(s->f, v, ENV_VFP_S(reg));
    }
}

static IRTemp vfp_new(DisasContext *s, bool dp)
{
    return ir_new_temp(s->f, dp ? IR_I64 : IR_I32);
}

/* FPNeg: flip the sign bit (NaNs included). */
static IRTemp vfp_neg(DisasContext *s, bool dp, IRTemp v)
{
    IRTemp t = vfp_new(s, dp);
    if (dp) {
        ir_xor_i64(s->f, t, v, ir_const_i64(s->f, 1ull << 63));
    } else {
        ir_xori_i32(s->f, t, v, 0x80000000u);
    }
    return t;
}

static IRTemp vfp_call2(DisasContext *s, bool dp, IRHelper *hs, IRHelper *hd, IRTemp a,
                        IRTemp b)
{
    IRTemp r = vfp_new(s, dp);
    ir_callv(s->f, dp ? hd : hs, r, a, b);
    return r;
}

/* Fields of the three-register data-processing layout. */
typedef struct VfpRegs {
    bool dp;
    int d, n, m;
} VfpRegs;

static VfpRegs vfp_regs3(uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r;
    r.dp = FLD('s');
    r.d = vfp_regno(r.dp, FLD('d'), FLD('D'));
    r.n = vfp_regno(r.dp, FLD('n'), FLD('N'));
    r.m = vfp_regno(r.dp, FLD('m'), FLD('M'));
    return r;
}

static VfpRegs vfp_regs2(uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r;
    r.dp = FLD('s');
    r.d = vfp_regno(r.dp, FLD('d'), FLD('D'));
    r.n = 0;
    r.m = vfp_regno(r.dp, FLD('m'), FLD('M'));
    return r;
}

/* ---- Three-operand arithmetic ---- */

static bool gen_vfp_binop(DisasContext *s, uint32_t insn, const DecodeEntry *e, IRHelper *hs,
                          IRHelper *hd)
{
    VfpRegs r = vfp_regs3(insn, e);
    IRTemp a = vfp_load(s, r.dp, r.n), b = vfp_load(s, r.dp, r.m);
    vfp_store(s, r.dp, r.d, vfp_call2(s, r.dp, hs, hd, a, b));
    return true;
}

/* VADD<c>.F32 <Sd>, <Sn>, <Sm>  /  VADD<c>.F64 <Dd>, <Dn>, <Dm> */
static bool trans_VADD(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_binop(s, insn, e, &helper_info_vfp_add_s, &helper_info_vfp_add_d);
}

/* VSUB<c>.F32 <Sd>, <Sn>, <Sm> */
static bool trans_VSUB(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_binop(s, insn, e, &helper_info_vfp_sub_s, &helper_info_vfp_sub_d);
}

/* VMUL<c>.F32 <Sd>, <Sn>, <Sm> */
static bool trans_VMUL(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_binop(s, insn, e, &helper_info_vfp_mul_s, &helper_info_vfp_mul_d);
}

/* VDIV<c>.F32 <Sd>, <Sn>, <Sm> */
static bool trans_VDIV(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_binop(s, insn, e, &helper_info_vfp_div_s, &helper_info_vfp_div_d);
}

/* VNMUL<c>.F32 <Sd>, <Sn>, <Sm>: FPNeg(FPMul(n, m)) */
static bool trans_VNMUL(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r = vfp_regs3(insn, e);
    IRTemp a = vfp_load(s, r.dp, r.n), b = vfp_load(s, r.dp, r.m);
    IRTemp p = vfp_call2(s, r.dp, &helper_info_vfp_mul_s, &helper_info_vfp_mul_d, a, b);
    vfp_store(s, r.dp, r.d, vfp_neg(s, r.dp, p));
    return true;
}

/*
 * The unfused multiply-accumulates: d = FPAdd(neg_d ? -d : d, neg_p ? -p : p) with
 * p = FPMul(n, m) rounded on its own, as the ARM ARM writes them.
 */
static bool gen_vfp_mac(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool neg_d,
                        bool neg_p)
{
    VfpRegs r = vfp_regs3(insn, e);
    IRTemp a = vfp_load(s, r.dp, r.n), b = vfp_load(s, r.dp, r.m);
    IRTemp p = vfp_call2(s, r.dp, &helper_info_vfp_mul_s, &helper_info_vfp_mul_d, a, b);
    IRTemp d = vfp_load(s, r.dp, r.d);
    if (neg_d) {
        d = vfp_neg(s, r.dp, d);
    }
    if (neg_p) {
        p = vfp_neg(s, r.dp, p);
    }
    vfp_store(s, r.dp, r.d,
              vfp_call2(s, r.dp, &helper_info_vfp_add_s, &helper_info_vfp_add_d, d, p));
    return true;
}

/* VMLA<c>.F32 <Sd>, <Sn>, <Sm>: d + n*m */
static bool trans_VMLA(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_mac(s, insn, e, false, false);
}

/* VMLS<c>.F32 <Sd>, <Sn>, <Sm>: d + -(n*m) */
static bool trans_VMLS(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_mac(s, insn, e, false, true);
}

/* VNMLA<c>.F32 <Sd>, <Sn>, <Sm>: -d + -(n*m) */
static bool trans_VNMLA(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_mac(s, insn, e, true, true);
}

/* VNMLS<c>.F32 <Sd>, <Sn>, <Sm>: -d + n*m */
static bool trans_VNMLS(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_mac(s, insn, e, true, false);
}

/* The fused ones: d = FPMulAdd(neg_d ? -d : d, neg_n ? -n : n, m). */
static bool gen_vfp_fma(DisasContext *s, uint32_t insn, const DecodeEntry *e, bool neg_d,
                        bool neg_n)
{
    if (!arm_has_feature(ARM_FEATURE_VFP4)) {
        return gen_undef(s); /* VFPv3 (Cortex-A9): no fused multiply-add */
    }
    VfpRegs r = vfp_regs3(insn, e);
    IRTemp a = vfp_load(s, r.dp, r.n), b = vfp_load(s, r.dp, r.m);
    IRTemp d = vfp_load(s, r.dp, r.d);
    if (neg_d) {
        d = vfp_neg(s, r.dp, d);
    }
    if (neg_n) {
        a = vfp_neg(s, r.dp, a);
    }
    IRTemp res = vfp_new(s, r.dp);
    ir_callv(s->f, r.dp ? &helper_info_vfp_fma_d : &helper_info_vfp_fma_s, res, d, a, b);
    vfp_store(s, r.dp, r.d, res);
    return true;
}

/* VFMA<c>.F32 <Sd>, <Sn>, <Sm>: d + n*m, one rounding */
static bool trans_VFMA(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_fma(s, insn, e, false, false);
}

/* VFMS<c>.F32 <Sd>, <Sn>, <Sm>: d + (-n)*m */
static bool trans_VFMS(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_fma(s, insn, e, false, true);
}

/* VFNMA<c>.F32 <Sd>, <Sn>, <Sm>: -d + (-n)*m */
static bool trans_VFNMA(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_fma(s, insn, e, true, true);
}

/* VFNMS<c>.F32 <Sd>, <Sn>, <Sm>: -d + n*m */
static bool trans_VFNMS(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    return gen_vfp_fma(s, insn, e, true, false);
}

/* ---- Two-operand data processing ---- */

/* VMOV<c>.F32 <Sd>, #<imm>  /  VMOV<c>.F64 <Dd>, #<imm> */
static bool trans_VMOV_imm(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s');
    int d = vfp_regno(dp, FLD('d'), FLD('D'));
    uint8_t imm8 = (uint8_t)FLD('i');
    if (dp) {
        vfp_store(s, true, d, ir_const_i64(s->f, vfp_expand_imm_d(imm8)));
    } else {
        vfp_store(s, false, d, ir_const_i32(s->f, vfp_expand_imm_s(imm8)));
    }
    return true;
}

/* VMOV<c>.F32 <Sd>, <Sm>  /  VMOV<c>.F64 <Dd>, <Dm> */
static bool trans_VMOV_reg(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r = vfp_regs2(insn, e);
    vfp_store(s, r.dp, r.d, vfp_load(s, r.dp, r.m));
    return true;
}

/* VABS<c>.F32 <Sd>, <Sm>: clear the sign bit */
static bool trans_VABS(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r = vfp_regs2(insn, e);
    IRTemp v = vfp_load(s, r.dp, r.m), t = vfp_new(s, r.dp);
    if (r.dp) {
        ir_andi_i64(s->f, t, v, ~(1ull << 63));
    } else {
        ir_andi_i32(s->f, t, v, 0x7fffffffu);
    }
    vfp_store(s, r.dp, r.d, t);
    return true;
}

/* VNEG<c>.F32 <Sd>, <Sm>: flip the sign bit */
static bool trans_VNEG(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r = vfp_regs2(insn, e);
    vfp_store(s, r.dp, r.d, vfp_neg(s, r.dp, vfp_load(s, r.dp, r.m)));
    return true;
}

/* VSQRT<c>.F32 <Sd>, <Sm> */
static bool trans_VSQRT(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r = vfp_regs2(insn, e);
    IRTemp res = vfp_new(s, r.dp);
    ir_callv(s->f, r.dp ? &helper_info_vfp_sqrt_d : &helper_info_vfp_sqrt_s, res,
             vfp_load(s, r.dp, r.m));
    vfp_store(s, r.dp, r.d, res);
    return true;
}

/* VCMP{E}<c>.F32 <Sd>, <Sm>: FPSCR.NZCV (E: quiet NaNs raise Invalid too) */
static bool trans_VCMP(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    VfpRegs r = vfp_regs2(insn, e);
    bool quiet_exc = FLD('E');
    IRHelper *h = r.dp ? (quiet_exc ? &helper_info_vfp_cmpe_d : &helper_info_vfp_cmp_d)
                       : (quiet_exc ? &helper_info_vfp_cmpe_s : &helper_info_vfp_cmp_s);
    ir_callv(s->f, h, 0, vfp_load(s, r.dp, r.d), vfp_load(s, r.dp, r.m));
    return true;
}

/* VCMP{E}<c>.F32 <Sd>, #0.0 */
static bool trans_VCMP_zero(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s'), quiet_exc = FLD('E');
    int d = vfp_regno(dp, FLD('d'), FLD('D'));
    IRHelper *h = dp ? (quiet_exc ? &helper_info_vfp_cmpe_d : &helper_info_vfp_cmp_d)
                     : (quiet_exc ? &helper_info_vfp_cmpe_s : &helper_info_vfp_cmp_s);
    IRTemp zero = dp ? ir_const_i64(s->f, 0) : ir_const_i32(s->f, 0);
    ir_callv(s->f, h, 0, vfp_load(s, dp, d), zero);
    return true;
}

/* VCVT<c>.F64.F32 <Dd>, <Sm>  /  VCVT<c>.F32.F64 <Sd>, <Dm> (sz is the source size) */
static bool trans_VCVT_sd(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool src_dp = FLD('s');
    int d = vfp_regno(!src_dp, FLD('d'), FLD('D'));
    int m = vfp_regno(src_dp, FLD('m'), FLD('M'));
    IRTemp res = vfp_new(s, !src_dp);
    ir_callv(s->f, src_dp ? &helper_info_vfp_cvt_d_to_s : &helper_info_vfp_cvt_s_to_d, res,
             vfp_load(s, src_dp, m));
    vfp_store(s, !src_dp, d, res);
    return true;
}

/* VCVT<c>.F32.<S32|U32> <Sd>, <Sm>  /  VCVT<c>.F64.<S32|U32> <Dd>, <Sm> */
static bool trans_VCVT_int_to_fp(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s'), is_signed = FLD('o');
    int d = vfp_regno(dp, FLD('d'), FLD('D'));
    int m = vfp_regno(false, FLD('m'), FLD('M'));
    IRTemp desc = ir_const_i32(s->f, is_signed ? 0 : VFP_FIX_UNSIGNED);
    IRTemp res = vfp_new(s, dp);
    ir_callv(s->f, dp ? &helper_info_vfp_from_fixed_d : &helper_info_vfp_from_fixed_s, res,
             vfp_load(s, false, m), desc);
    vfp_store(s, dp, d, res);
    return true;
}

/*
 * VCVT{R}<c>.<S32|U32>.F32 <Sd>, <Sm>  /  VCVT{R}<c>.<S32|U32>.F64 <Sd>, <Dm>
 * VCVT rounds toward zero (r = 1), VCVTR per FPSCR.
 */
static bool trans_VCVT_fp_to_int(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s'), is_signed = FLD('o'), rz = FLD('r');
    int d = vfp_regno(false, FLD('d'), FLD('D'));
    int m = vfp_regno(dp, FLD('m'), FLD('M'));
    IRTemp desc = ir_const_i32(s->f, (is_signed ? 0 : VFP_FIX_UNSIGNED) | (rz ? VFP_FIX_RZ : 0));
    IRTemp res = vfp_new(s, false);
    ir_callv(s->f, dp ? &helper_info_vfp_to_fixed_d : &helper_info_vfp_to_fixed_s, res,
             vfp_load(s, dp, m), desc);
    vfp_store(s, false, d, res);
    return true;
}

/*
 * VCVT<c>.<S16|U16|S32|U32>.F32 <Sd>, <Sd>, #<fbits>   (o = 1, to fixed, toward zero)
 * VCVT<c>.F32.<S16|U16|S32|U32> <Sd>, <Sd>, #<fbits>   (o = 0, from fixed, to nearest)
 * and the F64 forms on <Dd>. fbits = size - imm4:j.
 */
static bool trans_VCVT_fixed(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s'), to_fixed = FLD('o'), is_unsigned = FLD('U'), size32 = FLD('w');
    int d = vfp_regno(dp, FLD('d'), FLD('D'));
    unsigned size = size32 ? 32 : 16, imm5 = FLD('i') << 1 | FLD('j');
    if (imm5 > size) {
        return gen_undef(s); /* UNPREDICTABLE: negative fbits */
    }
    uint32_t desc = (size - imm5) | (is_unsigned ? VFP_FIX_UNSIGNED : 0) |
                    (size32 ? 0 : VFP_FIX_SIZE16);
    IRTemp v = vfp_load(s, dp, d);
    if (to_fixed) {
        IRTemp res = ir_new_temp(s->f, IR_I32);
        ir_callv(s->f, dp ? &helper_info_vfp_to_fixed_d : &helper_info_vfp_to_fixed_s, res, v,
                 ir_const_i32(s->f, desc | VFP_FIX_RZ));
        if (dp) {
            IRTemp w = ir_new_temp(s->f, IR_I64);
            if (is_unsigned) {
                ir_extu_i32_i64(s->f, w, res);
            } else {
                ir_ext_i32_i64(s->f, w, res);
            }
            res = w;
        }
        vfp_store(s, dp, d, res);
    } else {
        IRTemp x = v;
        if (dp) {
            x = ir_new_temp(s->f, IR_I32);
            ir_extrl_i64_i32(s->f, x, v);
        }
        IRTemp res = vfp_new(s, dp);
        ir_callv(s->f, dp ? &helper_info_vfp_from_fixed_d : &helper_info_vfp_from_fixed_s, res,
                 x, ir_const_i32(s->f, desc | VFP_FIX_RN));
        vfp_store(s, dp, d, res);
    }
    return true;
}

/*
 * VCVT{B|T}<c>.F32.F16 <Sd>, <Sm>   (o = 0: from the bottom/top half of Sm)
 * VCVT{B|T}<c>.F16.F32 <Sd>, <Sm>   (o = 1: into the bottom/top half of Sd, other kept)
 * sz = 1 (the F64 forms) is ARMv8: also accepted, it costs nothing.
 */
static bool trans_VCVT_f16(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s'), to_half = FLD('o'), top = FLD('T');
    if (to_half) {
        int d = vfp_regno(false, FLD('d'), FLD('D'));
        int m = vfp_regno(dp, FLD('m'), FLD('M'));
        IRTemp h = ir_new_temp(s->f, IR_I32), old = vfp_load(s, false, d);
        IRTemp res = ir_new_temp(s->f, IR_I32);
        ir_callv(s->f, dp ? &helper_info_vfp_f64_to_f16 : &helper_info_vfp_f32_to_f16, h,
                 vfp_load(s, dp, m));
        ir_deposit_i32(s->f, res, old, h, top ? 16 : 0, 16);
        vfp_store(s, false, d, res);
    } else {
        int d = vfp_regno(dp, FLD('d'), FLD('D'));
        int m = vfp_regno(false, FLD('m'), FLD('M'));
        IRTemp h = ir_new_temp(s->f, IR_I32), res = vfp_new(s, dp);
        ir_extract_i32(s->f, h, vfp_load(s, false, m), top ? 16 : 0, 16);
        ir_callv(s->f, dp ? &helper_info_vfp_f16_to_f64 : &helper_info_vfp_f16_to_f32, res, h);
        vfp_store(s, dp, d, res);
    }
    return true;
}

/* ---- Transfers between core and VFP registers ---- */

/* VMOV<c> <Sn>, <Rt>  /  VMOV<c> <Rt>, <Sn>  (o = 1: to core) */
static bool trans_VMOV_single(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int n = vfp_regno(false, FLD('n'), FLD('N')), t = FLD('t');
    if (t == 15) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    if (FLD('o')) {
        store_reg(s, t, vfp_load(s, false, n));
    } else {
        vfp_store(s, false, n, load_reg(s, t));
    }
    return true;
}

/* VMOV<c>.32 <Dd[x]>, <Rt> */
static bool trans_VMOV_to_scalar(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int d = vfp_regno(true, FLD('d'), FLD('D')), t = FLD('t');
    if (t == 15) {
        return gen_undef(s);
    }
    ir_stenv_i32(s->f, load_reg(s, t), ENV_VFP_S(2 * d + FLD('i')));
    return true;
}

/* VMOV<c>.32 <Rt>, <Dn[x]> */
static bool trans_VMOV_from_scalar(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int n = vfp_regno(true, FLD('n'), FLD('N')), t = FLD('t');
    if (t == 15) {
        return gen_undef(s);
    }
    IRTemp v = ir_new_temp(s->f, IR_I32);
    ir_ldenv_i32(s->f, v, ENV_VFP_S(2 * n + FLD('i')));
    store_reg(s, t, v);
    return true;
}

/* VMOV<c> <Sm>, <Sm1>, <Rt>, <Rt2>  /  VMOV<c> <Rt>, <Rt2>, <Sm>, <Sm1>  (o = 1: to core) */
static bool trans_VMOV_two_single(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int m = vfp_regno(false, FLD('m'), FLD('M')), t = FLD('t'), t2 = FLD('u');
    bool to_core = FLD('o');
    if (t == 15 || t2 == 15 || m == 31 || (to_core && t == t2)) {
        return gen_undef(s);
    }
    if (to_core) {
        IRTemp lo = vfp_load(s, false, m), hi = vfp_load(s, false, m + 1);
        store_reg(s, t, lo);
        store_reg(s, t2, hi);
    } else {
        vfp_store(s, false, m, load_reg(s, t));
        vfp_store(s, false, m + 1, load_reg(s, t2));
    }
    return true;
}

/* VMOV<c> <Dm>, <Rt>, <Rt2>  /  VMOV<c> <Rt>, <Rt2>, <Dm>  (o = 1: to core) */
static bool trans_VMOV_double(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int m = vfp_regno(true, FLD('m'), FLD('M')), t = FLD('t'), t2 = FLD('u');
    bool to_core = FLD('o');
    if (t == 15 || t2 == 15 || (to_core && t == t2)) {
        return gen_undef(s);
    }
    if (to_core) {
        IRTemp v = vfp_load(s, true, m);
        IRTemp lo = ir_new_temp(s->f, IR_I32), hi = ir_new_temp(s->f, IR_I32);
        ir_extrl_i64_i32(s->f, lo, v);
        ir_extrh_i64_i32(s->f, hi, v);
        store_reg(s, t, lo);
        store_reg(s, t2, hi);
    } else {
        IRTemp v = ir_new_temp(s->f, IR_I64);
        ir_concat_i32_i64(s->f, v, load_reg(s, t), load_reg(s, t2));
        vfp_store(s, true, m, v);
    }
    return true;
}

/*
 * VMRS<c> <Rt>, FPSCR  /  VMRS<c> APSR_nzcv, FPSCR (Rt = 15). User mode reads only
 * FPSCR; FPSID, MVFR0/1 and FPEXC are privileged (UNDEFINED here, as on Linux).
 */
static bool trans_VMRS(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int t = FLD('t');
    if (FLD('r') != 1) {
        return gen_undef(s);
    }
    IRTemp v = ir_new_temp(s->f, IR_I32);
    ir_ldenv_i32(s->f, v, ENV_OFF(fpscr));
    if (t != 15) {
        store_reg(s, t, v);
        return true;
    }
    /* APSR.NZCV = FPSCR[31:28], in the flag globals' representation (cpu.h). */
    IRTemp nz = ir_new_temp(s->f, IR_I32);
    ir_andi_i32(s->f, cpu_NF, v, 0x80000000u);
    ir_not_i32(s->f, nz, v);
    ir_andi_i32(s->f, cpu_ZF, nz, 0x40000000u);
    ir_extract_i32(s->f, cpu_CF, v, 29, 1);
    ir_shli_i32(s->f, cpu_VF, v, 3);
    return true;
}

/* VMSR<c> FPSCR, <Rt> */
static bool trans_VMSR(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    int t = FLD('t');
    if (FLD('r') != 1 || t == 15) {
        return gen_undef(s);
    }
    IRTemp v = ir_new_temp(s->f, IR_I32);
    ir_andi_i32(s->f, v, load_reg(s, t), VFP_FPSCR_WRITE_MASK);
    ir_stenv_i32(s->f, v, ENV_OFF(fpscr));
    return true;
}

/* ---- Loads and stores ---- */

/* Rn as a base address; the PC reads word-aligned (Align(PC, 4)) for literals. */
static IRTemp vfp_base(DisasContext *s, int n)
{
    IRTemp b = load_reg(s, n);
    if (n == 15) {
        IRTemp a = ir_new_temp(s->f, IR_I32);
        ir_andi_i32(s->f, a, b, ~3u);
        return a;
    }
    return b;
}

static void vfp_ld(DisasContext *s, bool dp, int reg, IRTemp addr)
{
    vfp_store(s, dp, reg, gen_ld(s, addr, dp ? MO_UQ : MO_UL));
}

static void vfp_st(DisasContext *s, bool dp, int reg, IRTemp addr)
{
    gen_st(s, vfp_load(s, dp, reg), addr, dp ? MO_UQ : MO_UL);
}

/*
 * VLDR<c> <Sd>, [<Rn>{, #+/-<imm>}]  /  VSTR<c> <Sd>, [<Rn>{, #+/-<imm>}]  (L = 1: load)
 * and the <Dd> forms; imm = imm8 * 4.
 */
static bool trans_VLDR_VSTR(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s'), load = FLD('L');
    int d = vfp_regno(dp, FLD('d'), FLD('D')), n = FLD('n');
    uint32_t off = FLD('i') * 4;
    if (n == 15 && !load && s->thumb) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    IRTemp addr = ir_new_temp(s->f, IR_I32);
    ir_addi_i32(s->f, addr, vfp_base(s, n), FLD('U') ? off : -off);
    if (load) {
        vfp_ld(s, dp, d, addr);
    } else {
        vfp_st(s, dp, d, addr);
    }
    return true;
}

/*
 * VLDM{IA|DB}<c> <Rn>{!}, <list>  /  VSTM{IA|DB}<c> <Rn>{!}, <list>, VPOP/VPUSH (the
 * SP! forms). P:U:W = 010 IA, 011 IA!, 101 DB!. The address range is imm8 words (an odd
 * imm8 with D registers is the old FLDMX/FSTMX, same transfers).
 */
static bool trans_VLDM_VSTM(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    bool dp = FLD('s'), load = FLD('L'), p = FLD('P'), u = FLD('U'), w = FLD('W');
    int d = vfp_regno(dp, FLD('d'), FLD('D')), n = FLD('n');
    unsigned imm8 = FLD('i');
    unsigned regs = dp ? imm8 / 2 : imm8;
    if (p == u || (p && !w)) {
        return gen_undef(s); /* P=U: other encodings or UNDEFINED; P=1 W=0 is VLDR */
    }
    if (regs == 0 || d + regs > 32 || (dp && regs > 16) || (n == 15 && (w || s->thumb))) {
        return gen_undef(s); /* UNPREDICTABLE */
    }
    IRTemp base = vfp_base(s, n);
    IRTemp addr = ir_new_temp(s->f, IR_I32);
    ir_addi_i32(s->f, addr, base, u ? 0 : -(imm8 * 4));
    for (unsigned k = 0; k < regs; k++) {
        IRTemp a = ir_new_temp(s->f, IR_I32);
        ir_addi_i32(s->f, a, addr, k * (dp ? 8 : 4));
        if (load) {
            vfp_ld(s, dp, d + (int)k, a);
        } else {
            vfp_st(s, dp, d + (int)k, a);
        }
    }
    if (w) {
        IRTemp nb = ir_new_temp(s->f, IR_I32);
        ir_addi_i32(s->f, nb, base, u ? imm8 * 4 : -(imm8 * 4));
        store_reg(s, n, nb);
    }
    return true;
}

/* ---- The table ---- */

/*
 * Field letters: D/N/M the extra register bit, d/n/m the 4-bit register fields, s sz
 * (F64), t/u core registers, i/j immediates, o the op bit, E VCMPE, T top half, r
 * round-toward-zero or a system register number, U unsigned/up, w 32-bit fixed size,
 * P/W/L addressing mode and load. Bits [31:28] are ignored.
 */
static DecodeEntry vfp_entries[] = {
    /* data processing: ---- 1110 opc1 opc2 Vd 101s opc3 M0 Vm */
    DECODE(VMLA,          "---- 1110 0D00 nnnn dddd 101s N0M0 mmmm"),
    DECODE(VMLS,          "---- 1110 0D00 nnnn dddd 101s N1M0 mmmm"),
    DECODE(VNMLS,         "---- 1110 0D01 nnnn dddd 101s N0M0 mmmm"),
    DECODE(VNMLA,         "---- 1110 0D01 nnnn dddd 101s N1M0 mmmm"),
    DECODE(VMUL,          "---- 1110 0D10 nnnn dddd 101s N0M0 mmmm"),
    DECODE(VNMUL,         "---- 1110 0D10 nnnn dddd 101s N1M0 mmmm"),
    DECODE(VADD,          "---- 1110 0D11 nnnn dddd 101s N0M0 mmmm"),
    DECODE(VSUB,          "---- 1110 0D11 nnnn dddd 101s N1M0 mmmm"),
    DECODE(VDIV,          "---- 1110 1D00 nnnn dddd 101s N0M0 mmmm"),
    DECODE(VFNMS,         "---- 1110 1D01 nnnn dddd 101s N0M0 mmmm"),
    DECODE(VFNMA,         "---- 1110 1D01 nnnn dddd 101s N1M0 mmmm"),
    DECODE(VFMA,          "---- 1110 1D10 nnnn dddd 101s N0M0 mmmm"),
    DECODE(VFMS,          "---- 1110 1D10 nnnn dddd 101s N1M0 mmmm"),
    DECODE(VMOV_imm,      "---- 1110 1D11 iiii dddd 101s 0000 iiii"),
    DECODE(VMOV_reg,      "---- 1110 1D11 0000 dddd 101s 01M0 mmmm"),
    DECODE(VABS,          "---- 1110 1D11 0000 dddd 101s 11M0 mmmm"),
    DECODE(VNEG,          "---- 1110 1D11 0001 dddd 101s 01M0 mmmm"),
    DECODE(VSQRT,         "---- 1110 1D11 0001 dddd 101s 11M0 mmmm"),
    DECODE(VCVT_f16,      "---- 1110 1D11 001o dddd 101s T1M0 mmmm"),
    DECODE(VCMP,          "---- 1110 1D11 0100 dddd 101s E1M0 mmmm"),
    DECODE(VCMP_zero,     "---- 1110 1D11 0101 dddd 101s E100 0000"),
    DECODE(VCVT_sd,       "---- 1110 1D11 0111 dddd 101s 11M0 mmmm"),
    DECODE(VCVT_int_to_fp,"---- 1110 1D11 1000 dddd 101s o1M0 mmmm"),
    DECODE(VCVT_fixed,    "---- 1110 1D11 1o1U dddd 101s w1j0 iiii"),
    DECODE(VCVT_fp_to_int,"---- 1110 1D11 110o dddd 101s r1M0 mmmm"),
    /* core <-> VFP transfers */
    DECODE(VMOV_single,   "---- 1110 000o nnnn tttt 1010 N001 0000"),
    DECODE(VMSR,          "---- 1110 1110 rrrr tttt 1010 0001 0000"),
    DECODE(VMRS,          "---- 1110 1111 rrrr tttt 1010 0001 0000"),
    DECODE(VMOV_to_scalar,   "---- 1110 00i0 dddd tttt 1011 D001 0000"),
    DECODE(VMOV_from_scalar, "---- 1110 00i1 nnnn tttt 1011 N001 0000"),
    DECODE(VMOV_two_single,  "---- 1100 010o uuuu tttt 1010 00M1 mmmm"),
    DECODE(VMOV_double,      "---- 1100 010o uuuu tttt 1011 00M1 mmmm"),
    /* loads and stores */
    DECODE(VLDR_VSTR,     "---- 1101 UD0L nnnn dddd 101s iiii iiii"),
    DECODE(VLDM_VSTM,     "---- 110P UDWL nnnn dddd 101s iiii iiii"),
};

DECODE_TABLE(arm_vfp_table, "vfp", 32, vfp_entries);

bool arm_decode_vfp(DisasContext *s, uint32_t insn)
{
    return decode_dispatch(&arm_vfp_table, s, insn);
}
