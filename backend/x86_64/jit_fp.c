/*
 * Inline SSE code for floating-point helpers (see jit_int.h and IRFpInline in ir/ir.h).
 *
 * The helper stays the reference: the inline code computes with the host SSE unit only
 * where x86 and the guest provably agree, and otherwise calls the helper on a slow path
 * with the original operands. For ARM (FPSCR) the fast path of an arithmetic op needs:
 *
 * - FPSCR in the common mode: RMode = round to nearest, FZ = 0, DN = 0, which is also
 *   the host's MXCSR (xemu keeps the default: nearest, all exceptions masked, no
 *   FTZ/DAZ). Denormal operands are then plain IEEE operands on both sides.
 * - FPSCR.IXC already set. Within the checks below the only flag the operation can
 *   raise is Inexact, and a sticky flag that is already set needs no update: FPSCR is
 *   left as it is. (Until a program's first inexact operation the helper runs; after
 *   that, practically everything takes the fast path.)
 * - A result the two architectures produce identically, without other flags: finite
 *   and with a biased exponent of at least 2 (so neither tiny before nor after
 *   rounding: ARM detects tininess before rounding, x86 after). That excludes every
 *   NaN (operand NaNs propagate differently, x86's default NaN is negative), infinities
 *   (overflow, division by zero), zeros and denormals (underflow). For add and sub any
 *   finite result qualifies: a sum that is tiny or zero is exact, so no flag is raised.
 *
 * One test of FPSCR (mode bits and IXC) goes before the operation and one test of the
 * result's exponent after it; either failing jumps to the slow path. Compares need only
 * FZ = 0 and ordered operands, int -> double conversions need nothing, int -> float
 * needs a value of at most 2^24 in magnitude (exact).
 *
 * The slow path is out of line: the fast path jumps over it (a taken jump, no other
 * cost). It saves the caller-saved registers that hold a value (the allocator's state
 * is not touched), calls the helper with the operands from their registers, puts the
 * result where the fast path puts it and resumes after the fast path.
 */
#include "backend/x86_64/jit_int.h"

/* ---- ARM FPSCR ---- */

#define ARM_IXC (1u << 4)
#define ARM_FZ (1u << 24)
#define ARM_MODE_MASK (3u << 22 | ARM_FZ | 1u << 25) /* RMode, FZ, DN */
#define ARM_NZCV_MASK 0xf0000000u

/* VFP_FIX_* descriptor bits of frontend/arm/vfp_helper.h (float <-> integer). */
#define ARM_FIX_FBITS_MASK 0x3fu
#define ARM_FIX_UNSIGNED (1u << 8)
#define ARM_FIX_SIZE16 (1u << 9)
#define ARM_FIX_RZ (1u << 10)

/* ---- Slow path ---- */

typedef struct FpSlow {
    X86Label entry;  /* the fast path jumps here */
    X86Label resume; /* and the slow path returns here */
    const void *fn;
    uint8_t nb_args;
    uint8_t arg_kind[IR_MAX_HELPER_ARGS];
    int8_t arg_reg[IR_MAX_HELPER_ARGS]; /* the operand's register, X86_NOREG: arg_imm */
    uint64_t arg_imm[IR_MAX_HELPER_ARGS];
    uint32_t save;   /* caller-saved registers to preserve */
    int8_t out;      /* register for the result, or -1 */
    bool out64;
} FpSlow;

static const X86Reg arg_regs[] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };

/*
 * Describes the helper call: operand k is in register inr[k], or when that is
 * X86_NOREG, the constant operand in[k].
 */
static void slow_init(Ctx *c, FpSlow *s, IRHelper *h, const IRTemp *in, const X86Reg *inr,
                      X86Reg out)
{
    x86_label_init(&s->entry);
    x86_label_init(&s->resume);
    s->fn = h->fn;
    s->nb_args = h->nb_args;
    unsigned n = 0;
    for (unsigned k = 0; k < h->nb_args; k++) {
        s->arg_kind[k] = h->args[k];
        if (h->args[k] == IRH_ENV) {
            s->arg_reg[k] = REG_ENV;
            continue;
        }
        s->arg_reg[k] = (int8_t)inr[n];
        if (inr[n] == X86_NOREG) {
            g_assert(c->ts[in[n]].val == V_CONST);
            s->arg_imm[k] = c->ts[in[n]].cst;
        }
        n++;
    }
    s->save = 0;
    for (int r = 0; r < 16; r++) {
        if ((CALLER_SAVED & RB(r)) && c->reg_temp[r] >= 0 && r != (int)out) {
            s->save |= RB(r);
        }
    }
    s->out = (int8_t)out;
    s->out64 = h->ret == IRH_I64;
}

static void slow_emit(X86Buf *b, FpSlow *s)
{
    X86Reg pushed[16];
    unsigned np = 0;
    for (int r = 0; r < 16; r++) {
        if (s->save & RB(r)) {
            x86_push_r(b, (X86Reg)r);
            pushed[np++] = (X86Reg)r;
        }
    }
    /* Generated code runs with rsp 16-aligned; keep it so at the call. */
    int32_t pad = (np & 1) ? 8 : 0;
    if (pad) {
        x86_sub_ri(b, 64, X86_RSP, pad);
    }
    /*
     * Arguments: a caller-saved source is read back from its stack slot, so writing
     * the argument registers in any order is safe; other sources (env, callee-saved
     * registers) are never argument registers.
     */
    for (unsigned k = 0; k < s->nb_args; k++) {
        X86Reg src = (X86Reg)s->arg_reg[k];
        int slot = -1;
        for (unsigned j = 0; j < np; j++) {
            if (pushed[j] == src) {
                slot = (int)j;
            }
        }
        if (src == X86_NOREG) {
            x86_mov_ri(b, 64, arg_regs[k], s->arg_imm[k]);
        } else if (slot >= 0) {
            x86_mov_rm(b, 64, arg_regs[k], x86_mem(X86_RSP, pad + 8 * (int32_t)(np - 1 - slot)));
        } else if (src != arg_regs[k]) {
            g_assert(!(CALLER_SAVED & RB(src)));
            x86_mov_rr(b, 64, arg_regs[k], src);
        }
    }
    if (!x86_call_ptr(b, s->fn)) {
        x86_mov_ri(b, 64, X86_RAX, (uintptr_t)s->fn);
        x86_call_r(b, X86_RAX);
    }
    if (s->out >= 0) {
        /* An i32 return value's upper half is undefined: the 32-bit move clears it. */
        if (s->out64) {
            if (s->out != X86_RAX) {
                x86_mov_rr(b, 64, (X86Reg)s->out, X86_RAX);
            }
        } else {
            x86_mov_rr(b, 32, (X86Reg)s->out, X86_RAX);
        }
    }
    if (pad) {
        x86_add_ri(b, 64, X86_RSP, pad);
    }
    while (np) {
        x86_pop_r(b, pushed[--np]);
    }
}

/* The end of a fast path: jump over the slow path, which resumes after itself. */
static void slow_finish(Ctx *c, FpSlow *s)
{
    x86_jmp_label(c->b, &s->resume);
    x86_label_bind(c->b, &s->entry);
    slow_emit(c->b, s);
    x86_label_bind(c->b, &s->resume);
}

/* ---- Fast path pieces ---- */

/* A scratch register for this op (no temp in it, locked until the op ends). */
static X86Reg scratch(Ctx *c)
{
    X86Reg r = ra_alloc(c, 0);
    c->locked |= RB(r);
    return r;
}

static X86Mem csr(const IRFpInline *fp)
{
    return x86_mem(REG_ENV, fp->csr_off);
}

/* To the slow path unless FPSCR is in the common mode with IXC set. */
static void check_mode_ixc(Ctx *c, const IRFpInline *fp, X86Reg t, FpSlow *s)
{
    x86_mov_rm(c->b, 32, t, csr(fp));
    x86_and_ri(c->b, 32, t, (int32_t)(ARM_MODE_MASK | ARM_IXC));
    x86_cmp_ri(c->b, 32, t, ARM_IXC);
    x86_jcc_label(c->b, X86_CC_NE, &s->entry);
}

/*
 * To the slow path unless r (raw bits of the precision dp) is finite and, unless
 * `any_finite`, has a biased exponent of at least 2. t is clobbered.
 */
static void check_result(Ctx *c, bool dp, X86Reg r, X86Reg t, bool any_finite, FpSlow *s)
{
    X86Buf *b = c->b;
    if (!dp) {
        /* 2 * |r|: the exponent in the top 8 bits. */
        if (any_finite) {
            x86_lea(b, 32, t, x86_mem_idx(r, r, 1, 0));
            x86_cmp_ri(b, 32, t, (int32_t)0xff000000u);
        } else {
            x86_lea(b, 32, t, x86_mem_idx(r, r, 1, -(int32_t)(2u << 24)));
            x86_cmp_ri(b, 32, t, (int32_t)(0xffu << 24) - (int32_t)(2u << 24));
        }
        x86_jcc_label(b, X86_CC_AE, &s->entry);
        return;
    }
    x86_lea(b, 64, t, x86_mem_idx(r, r, 1, 0));
    x86_shift_ri(b, X86_SHR, 64, t, 53); /* the biased exponent */
    if (any_finite) {
        x86_cmp_ri(b, 32, t, 0x7ff);
        x86_jcc_label(b, X86_CC_E, &s->entry);
    } else {
        x86_sub_ri(b, 32, t, 2);
        x86_cmp_ri(b, 32, t, 0x7ff - 2);
        x86_jcc_label(b, X86_CC_AE, &s->entry);
    }
}

static void to_xmm(Ctx *c, bool dp, X86Reg x, X86Reg r)
{
    x86_movd_xr(c->b, dp ? 64 : 32, x, r);
}

/* ---- Operations ---- */

/* add, sub, mul, div, sqrt, fused multiply-add. */
static bool gen_arith(Ctx *c, IRHelper *h, const IRFpInline *fp, int out, const IRTemp *in,
                      unsigned nb_in)
{
    static const X86SseOp sse_op[2][5] = {
        { X86_ADDSS, X86_SUBSS, X86_MULSS, X86_DIVSS, X86_SQRTSS },
        { X86_ADDSD, X86_SUBSD, X86_MULSD, X86_DIVSD, X86_SQRTSD },
    };
    bool dp = fp->dp;
    unsigned need = fp->op == IR_FP_SQRT ? 1 : fp->op == IR_FP_MULADD ? 3 : 2;
    if (out < 0 || nb_in != need ||
        (fp->op == IR_FP_MULADD && !(jit_host_feat & X86_FEAT_FMA))) {
        return false;
    }
    X86Buf *b = c->b;
    X86Reg inr[3];
    for (unsigned k = 0; k < nb_in; k++) {
        inr[k] = ra_load(c, in[k]);
    }
    X86Reg d = scratch(c), t = scratch(c);
    FpSlow s;
    slow_init(c, &s, h, in, inr, d);

    check_mode_ixc(c, fp, t, &s);
    to_xmm(c, dp, X86_XMM0, inr[0]);
    if (fp->op == IR_FP_MULADD) {
        /* in0 + in1 * in2: vfmadd231 xmm0 = xmm1 * xmm2 + xmm0. */
        to_xmm(c, dp, X86_XMM1, inr[1]);
        to_xmm(c, dp, X86_XMM2, inr[2]);
        x86_fma_xxx(b, dp ? X86_VFMADD231SD : X86_VFMADD231SS, X86_XMM0, X86_XMM1, X86_XMM2);
    } else if (fp->op == IR_FP_SQRT) {
        x86_sse_xx(b, sse_op[dp][4], X86_XMM0, X86_XMM0);
    } else {
        to_xmm(c, dp, X86_XMM1, inr[1]);
        x86_sse_xx(b, sse_op[dp][fp->op - IR_FP_ADD], X86_XMM0, X86_XMM1);
    }
    x86_movd_rx(b, dp ? 64 : 32, d, X86_XMM0);
    check_result(c, dp, d, t, fp->op == IR_FP_ADD || fp->op == IR_FP_SUB, &s);
    slow_finish(c, &s);
    ra_set_out(c, (IRTemp)out, d);
    return true;
}

/* FPCompare: NZCV into FPSCR. Ordered operands without FZ raise nothing. */
static bool gen_cmp(Ctx *c, IRHelper *h, const IRFpInline *fp, int out, const IRTemp *in,
                    unsigned nb_in)
{
    if (out >= 0 || nb_in != 2) {
        return false;
    }
    X86Buf *b = c->b;
    bool dp = fp->dp;
    X86Reg inr[2] = { ra_load(c, in[0]), ra_load(c, in[1]) };
    X86Reg t = scratch(c), u = scratch(c);
    FpSlow s;
    slow_init(c, &s, h, in, inr, X86_NOREG);

    x86_test_mi(b, 32, csr(fp), (int32_t)ARM_FZ);
    x86_jcc_label(b, X86_CC_NZ, &s.entry);
    to_xmm(c, dp, X86_XMM0, inr[0]);
    to_xmm(c, dp, X86_XMM1, inr[1]);
    x86_sse_xx(b, dp ? X86_UCOMISD : X86_UCOMISS, X86_XMM0, X86_XMM1);
    x86_jcc_label(b, X86_CC_P, &s.entry);
    /* NZCV: 0010 greater, 0110 equal, 1000 less (movs leave the flags alone). */
    x86_mov_ri(b, 32, t, 0x2u << 28);
    x86_mov_ri(b, 32, u, 0x6u << 28);
    x86_cmov_rr(b, X86_CC_E, 32, t, u);
    x86_mov_ri(b, 32, u, 0x8u << 28);
    x86_cmov_rr(b, X86_CC_B, 32, t, u);
    x86_mov_rm(b, 32, u, csr(fp));
    x86_and_ri(b, 32, u, (int32_t)~ARM_NZCV_MASK);
    x86_or_rr(b, 32, u, t);
    x86_mov_mr(b, 32, csr(fp), u);
    slow_finish(c, &s);
    return true;
}

/* Single <-> double. */
static bool gen_cvt(Ctx *c, IRHelper *h, const IRFpInline *fp, int out, const IRTemp *in,
                    unsigned nb_in)
{
    if (out < 0 || nb_in != 1) {
        return false;
    }
    X86Buf *b = c->b;
    X86Reg a = ra_load(c, in[0]);
    X86Reg d = scratch(c), t = scratch(c);
    FpSlow s;
    slow_init(c, &s, h, in, &a, d);
    if (fp->dp) {
        /* f32 -> f64 is exact: only NaNs and (with FZ) denormals need the helper. */
        x86_test_mi(b, 32, csr(fp), (int32_t)ARM_FZ);
        x86_jcc_label(b, X86_CC_NZ, &s.entry);
        x86_lea(b, 32, t, x86_mem_idx(a, a, 1, 0));
        x86_cmp_ri(b, 32, t, (int32_t)0xff000000u);
        x86_jcc_label(b, X86_CC_A, &s.entry);
        to_xmm(c, false, X86_XMM0, a);
        x86_sse_xx(b, X86_CVTSS2SD, X86_XMM0, X86_XMM0);
        x86_movd_rx(b, 64, d, X86_XMM0);
    } else {
        check_mode_ixc(c, fp, t, &s);
        to_xmm(c, true, X86_XMM0, a);
        x86_sse_xx(b, X86_CVTSD2SS, X86_XMM0, X86_XMM0);
        x86_movd_rx(b, 32, d, X86_XMM0);
        check_result(c, false, d, t, false, &s);
    }
    slow_finish(c, &s);
    ra_set_out(c, (IRTemp)out, d);
    return true;
}

/* The descriptor operand of a float <-> integer helper, when known at compile time. */
static bool const_desc(Ctx *c, IRTemp k, uint32_t *desc)
{
    if (c->ts[k].val != V_CONST) {
        return false;
    }
    *desc = (uint32_t)c->ts[k].cst;
    return true;
}

/*
 * Float -> S32/U32 rounding toward zero (VCVT, the C cast). cvtt to 64 bits is exact
 * truncation; a value outside the 32-bit range (NaN, infinity, overflow: 0x8000...)
 * needs ARM's saturation and Invalid, the helper's job. Needs FZ = 0 (denormal inputs)
 * and IXC set (a fraction is Inexact).
 */
static bool gen_to_int(Ctx *c, IRHelper *h, const IRFpInline *fp, int out, const IRTemp *in,
                       unsigned nb_in)
{
    uint32_t desc;
    if (out < 0 || nb_in != 2 || !const_desc(c, in[1], &desc) ||
        (desc & (ARM_FIX_FBITS_MASK | ARM_FIX_SIZE16 | ARM_FIX_RZ)) != ARM_FIX_RZ) {
        return false;
    }
    X86Buf *b = c->b;
    X86Reg inr[2] = { ra_load(c, in[0]), X86_NOREG };
    X86Reg d = scratch(c), t = scratch(c);
    FpSlow s;
    slow_init(c, &s, h, in, inr, d);
    x86_mov_rm(b, 32, t, csr(fp));
    x86_and_ri(b, 32, t, (int32_t)(ARM_FZ | ARM_IXC));
    x86_cmp_ri(b, 32, t, ARM_IXC);
    x86_jcc_label(b, X86_CC_NE, &s.entry);
    to_xmm(c, fp->dp, X86_XMM0, inr[0]);
    if (fp->dp) {
        x86_cvttsd2si(b, 64, d, X86_XMM0);
    } else {
        x86_cvttss2si(b, 64, d, X86_XMM0);
    }
    if (desc & ARM_FIX_UNSIGNED) {
        x86_mov_rr(b, 64, t, d);
        x86_shift_ri(b, X86_SHR, 64, t, 32);
        x86_jcc_label(b, X86_CC_NZ, &s.entry);
    } else {
        x86_movsxd_rr(b, t, d);
        x86_cmp_rr(b, 64, t, d);
        x86_jcc_label(b, X86_CC_NE, &s.entry);
        x86_mov_rr(b, 32, d, d);
    }
    slow_finish(c, &s);
    ra_set_out(c, (IRTemp)out, d);
    return true;
}

/*
 * S32/U32 -> float (VCVT, rounding per FPSCR). To double it is exact whatever the mode:
 * no slow path. To single it is exact up to 2^24 in magnitude; larger values take the
 * helper.
 */
static bool gen_from_int(Ctx *c, IRHelper *h, const IRFpInline *fp, int out,
                         const IRTemp *in, unsigned nb_in)
{
    uint32_t desc;
    if (out < 0 || nb_in != 2 || !const_desc(c, in[1], &desc) ||
        (desc & (ARM_FIX_FBITS_MASK | ARM_FIX_SIZE16))) {
        return false;
    }
    X86Buf *b = c->b;
    bool is_unsigned = desc & ARM_FIX_UNSIGNED;
    X86Reg inr[2] = { ra_load(c, in[0]), X86_NOREG };
    X86Reg d = scratch(c);
    /* i32 values are zero-extended in their register: a 64-bit source is the U32. */
    int w = is_unsigned ? 64 : 32;
    if (fp->dp) {
        x86_sse_xx(b, X86_XORPS, X86_XMM0, X86_XMM0); /* no false dependency */
        x86_cvtsi2sd(b, w, X86_XMM0, inr[0]);
        x86_movd_rx(b, 64, d, X86_XMM0);
        ra_set_out(c, (IRTemp)out, d);
        return true;
    }
    X86Reg t = scratch(c);
    FpSlow s;
    slow_init(c, &s, h, in, inr, d);
    if (is_unsigned) {
        x86_cmp_ri(b, 32, inr[0], 1 << 24);
        x86_jcc_label(b, X86_CC_A, &s.entry);
    } else {
        x86_lea(b, 32, t, x86_mem(inr[0], 1 << 24));
        x86_cmp_ri(b, 32, t, 2 << 24);
        x86_jcc_label(b, X86_CC_A, &s.entry);
    }
    x86_sse_xx(b, X86_XORPS, X86_XMM0, X86_XMM0);
    x86_cvtsi2ss(b, w, X86_XMM0, inr[0]);
    x86_movd_rx(b, 32, d, X86_XMM0);
    slow_finish(c, &s);
    ra_set_out(c, (IRTemp)out, d);
    return true;
}

bool jit_fp_inline(Ctx *c, IRHelper *h, int out, const IRTemp *in, unsigned nb_in)
{
    const IRFpInline *fp = h->fp;
    if (!fp || fp->flavour != IR_FP_ARM) {
        return false; /* MIPS FCSR: not yet */
    }
    switch ((IRFpOp)fp->op) {
    case IR_FP_ADD:
    case IR_FP_SUB:
    case IR_FP_MUL:
    case IR_FP_DIV:
    case IR_FP_SQRT:
    case IR_FP_MULADD:
        return gen_arith(c, h, fp, out, in, nb_in);
    case IR_FP_CMP:
    case IR_FP_CMPE:
        return gen_cmp(c, h, fp, out, in, nb_in);
    case IR_FP_CVT:
        return gen_cvt(c, h, fp, out, in, nb_in);
    case IR_FP_TO_INT:
        return gen_to_int(c, h, fp, out, in, nb_in);
    case IR_FP_FROM_INT:
        return gen_from_int(c, h, fp, out, in, nb_in);
    }
    return false;
}
