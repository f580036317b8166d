/*
 * Inline SSE code for floating-point helpers (see jit_int.h and IRFpInline in ir/ir.h).
 *
 * The helper stays the reference: the inline code computes with the host SSE unit only
 * where x86 and the guest provably agree, and otherwise calls the helper with the
 * original operands. For ARM (FPSCR), an op that may be inexact (add, sub, mul, div,
 * sqrt, fused multiply-add, double -> single, float -> integer) is:
 *
 *     test FPSCR, RMode|FZ|DN     nonzero: helper   (MXCSR is the host default: round to
 *     op in xmm0, result to a GPR                    nearest, masked, no FTZ/DAZ; with
 *     check the result           rejected: below    FZ = 0 denormal operands are plain
 *     test FPSCR, IXC            set: done          IEEE operands on both sides)
 *     stmxcsr; test PE           clear: done (exact)
 *     redo: clear MXCSR's flags, op again, PE -> IXC (and UFC), done
 *
 * So the fast path, once a program has had its first inexact result, costs two tests of
 * FPSCR and a check of the result: a result that passes raises at most Inexact, which is
 * sticky and already set, so FPSCR stays as it is. A program whose arithmetic is exact
 * (integer-valued data) also stays inline: MXCSR.PE, clear after the op, proves it. PE
 * is sticky, so when it is set (left by an inexact op or other host code) the flags are
 * cleared and the op is run again: ldmxcsr costs tens of cycles, hence only then.
 *
 * The result check accepts what both architectures produce identically without flags
 * other than Inexact: a finite value with a biased exponent of at least 2, so neither
 * tiny before nor after rounding (ARM detects tininess before rounding, x86 after).
 * That rejects every NaN (operand NaNs propagate differently, x86's default NaN is
 * negative), infinities (overflow, division by zero), zeros and denormals (underflow).
 * For add and sub any finite result passes: a sum that is tiny or zero is exact. A
 * rejected result goes out of line: a zero product or quotient of a zero operand is
 * exact; other finite results get their flags from MXCSR (redo), where only exponent 1
 * (maybe the smallest normal rounded up from a tiny value) needs the helper.
 *
 * Compares need FZ = 0 and ordered operands; single -> double FZ = 0 and no NaN;
 * integer -> double nothing at all; integer -> single a magnitude of at most 2^24.
 *
 * The helper call saves the caller-saved registers that hold a value (the allocator's
 * state is not touched), keeps rsp 16-aligned, passes the operands from their registers
 * and puts the result where the fast path puts it. Out-of-line code is jumped over in
 * place: one taken jump on the fast path. (Moving it behind the TB would need a hook at
 * the end of jit_compile; measured, it made no difference worth one.)
 */
#include "backend/x86_64/jit_int.h"

#include <string.h>

/* ---- ARM FPSCR ---- */

#define ARM_IXC (1u << 4)
#define ARM_FZ (1u << 24)
#define ARM_RMODE_MASK (3u << 22)
#define ARM_MODE_MASK (ARM_RMODE_MASK | ARM_FZ | 1u << 25) /* RMode, FZ, DN */
#define ARM_NZCV_MASK 0xf0000000u

/* VFP_FIX_* descriptor bits of frontend/arm/vfp_helper.h (float <-> integer). */
#define ARM_FIX_FBITS_MASK 0x3fu
#define ARM_FIX_UNSIGNED (1u << 8)
#define ARM_FIX_SIZE16 (1u << 9)
#define ARM_FIX_RZ (1u << 10)


/* ---- Describing one op ---- */

typedef enum FpKind { FK_ARITH, FK_D_TO_S, FK_TO_INT } FpKind;

/* How to compute the op (inline, and again on the exact path). */
typedef struct FpGen {
    uint8_t kind;       /* FpKind */
    uint8_t op;         /* IRFpOp */
    bool dp;
    bool any_finite;    /* add/sub: every finite result is exact when tiny */
    bool is_unsigned;   /* FK_TO_INT */
    bool rz;            /* FK_TO_INT: toward zero, else per FPSCR (RN on the fast path) */
    int8_t inr[3];      /* operand registers */
    int8_t d, t;        /* result, scratch */
    int32_t csr_off;
    uint32_t mode;      /* csr bits that must be clear besides IXC */
} FpGen;

/* The labels and the helper call of one op. */
typedef struct FpCold {
    X86Label redo;      /* exact path: flags cleared, op again */
    X86Label rejected;  /* the fast path's result check fails to here */
    X86Label entry;     /* the helper call */
    X86Label resume;    /* back in line */
    FpGen g;
    JitCall call;
} FpCold;

static const X86Reg arg_regs[] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };

static void cold_init(Ctx *c, FpCold *k, IRHelper *h, const IRTemp *in, const X86Reg *inr,
                      X86Reg out)
{
    memset(k, 0, sizeof(*k));
    x86_label_init(&k->redo);
    x86_label_init(&k->rejected);
    x86_label_init(&k->entry);
    x86_label_init(&k->resume);
    jit_call_init(c, &k->call, h, in, inr, out);
}

void jit_call_init(Ctx *c, JitCall *k, IRHelper *h, const IRTemp *in, const X86Reg *inr,
                   X86Reg out)
{
    memset(k, 0, sizeof(*k));
    k->fn = h->fn;
    k->nb_args = h->nb_args;
    unsigned n = 0;
    for (unsigned a = 0; a < h->nb_args; a++) {
        if (h->args[a] == IRH_ENV) {
            k->arg_reg[a] = REG_ENV;
            continue;
        }
        k->arg_reg[a] = (int8_t)inr[n];
        if (inr[n] == X86_NOREG) {
            g_assert(c->ts[in[n]].val == V_CONST);
            k->arg_imm[a] = c->ts[in[n]].cst;
        }
        n++;
    }
    for (int r = 0; r < 16; r++) {
        if ((CALLER_SAVED & RB(r)) && c->reg_temp[r] >= 0 && r != (int)out) {
            k->save |= RB(r);
        }
    }
    k->out = (int8_t)out;
    k->out64 = h->ret == IRH_I64;
}

/* ---- Emitting ---- */

static X86Mem csr_at(int32_t off)
{
    return x86_mem(REG_ENV, off);
}

static void to_xmm(X86Buf *b, bool dp, X86Reg x, X86Reg r)
{
    x86_movd_xr(b, dp ? 64 : 32, x, r);
}

/*
 * To `fail` unless r (raw bits of the precision dp) is finite and, unless `any_finite`,
 * has a biased exponent of at least 2. t is clobbered.
 */
static void check_result(X86Buf *b, bool dp, X86Reg r, X86Reg t, bool any_finite,
                         X86Label *fail)
{
    if (!dp) {
        /* 2 * |r|: the exponent in the top 8 bits. */
        if (any_finite) {
            x86_lea(b, 32, t, x86_mem_idx(r, r, 1, 0));
            x86_cmp_ri(b, 32, t, (int32_t)0xff000000u);
        } else {
            x86_lea(b, 32, t, x86_mem_idx(r, r, 1, -(int32_t)(2u << 24)));
            x86_cmp_ri(b, 32, t, (int32_t)(0xffu << 24) - (int32_t)(2u << 24));
        }
        x86_jcc_label(b, X86_CC_AE, fail);
        return;
    }
    x86_lea(b, 64, t, x86_mem_idx(r, r, 1, 0));
    x86_shift_ri(b, X86_SHR, 64, t, 53); /* the biased exponent */
    if (any_finite) {
        x86_cmp_ri(b, 32, t, 0x7ff);
        x86_jcc_label(b, X86_CC_E, fail);
    } else {
        x86_sub_ri(b, 32, t, 2);
        x86_cmp_ri(b, 32, t, 0x7ff - 2);
        x86_jcc_label(b, X86_CC_AE, fail);
    }
}

/* The op: g->d = op(operands). */
static void emit_op(X86Buf *b, const FpGen *g)
{
    static const X86SseOp sse_op[2][5] = {
        { X86_ADDSS, X86_SUBSS, X86_MULSS, X86_DIVSS, X86_SQRTSS },
        { X86_ADDSD, X86_SUBSD, X86_MULSD, X86_DIVSD, X86_SQRTSD },
    };
    X86Reg d = (X86Reg)g->d;
    bool dp = g->dp;
    switch ((FpKind)g->kind) {
    case FK_ARITH:
        to_xmm(b, dp, X86_XMM0, (X86Reg)g->inr[0]);
        if (g->op == IR_FP_MULADD) {
            /* in0 + in1 * in2: vfmadd231 xmm0 = xmm1 * xmm2 + xmm0. */
            to_xmm(b, dp, X86_XMM1, (X86Reg)g->inr[1]);
            to_xmm(b, dp, X86_XMM2, (X86Reg)g->inr[2]);
            x86_fma_xxx(b, dp ? X86_VFMADD231SD : X86_VFMADD231SS, X86_XMM0, X86_XMM1,
                        X86_XMM2);
        } else if (g->op == IR_FP_SQRT) {
            x86_sse_xx(b, sse_op[dp][4], X86_XMM0, X86_XMM0);
        } else {
            to_xmm(b, dp, X86_XMM1, (X86Reg)g->inr[1]);
            x86_sse_xx(b, sse_op[dp][g->op - IR_FP_ADD], X86_XMM0, X86_XMM1);
        }
        x86_movd_rx(b, dp ? 64 : 32, d, X86_XMM0);
        break;
    case FK_D_TO_S:
        to_xmm(b, true, X86_XMM0, (X86Reg)g->inr[0]);
        x86_sse_xx(b, X86_CVTSD2SS, X86_XMM0, X86_XMM0);
        x86_movd_rx(b, 32, d, X86_XMM0);
        break;
    case FK_TO_INT:
        /* To 64 bits, truncating or rounding per MXCSR (to nearest, ties to even, as
         * FPSCR's RN): exact, and Precision exactly when a fraction is lost. */
        to_xmm(b, dp, X86_XMM0, (X86Reg)g->inr[0]);
        if (g->rz) {
            (dp ? x86_cvttsd2si : x86_cvttss2si)(b, 64, d, X86_XMM0);
        } else {
            (dp ? x86_cvtsd2si : x86_cvtss2si)(b, 64, d, X86_XMM0);
        }
        break;
    }
}

/* FK_TO_INT: to `fail` unless d fits the 32-bit result (then zero-extended). */
static void check_int_range(X86Buf *b, const FpGen *g, X86Label *fail)
{
    X86Reg d = (X86Reg)g->d, t = (X86Reg)g->t;
    if (g->is_unsigned) {
        x86_mov_rr(b, 64, t, d);
        x86_shift_ri(b, X86_SHR, 64, t, 32);
        x86_jcc_label(b, X86_CC_NZ, fail);
    } else {
        /* NaN, infinity and overflow give 0x8000000000000000: out of range too. */
        x86_movsxd_rr(b, t, d);
        x86_cmp_rr(b, 64, t, d);
        x86_jcc_label(b, X86_CC_NE, fail);
        x86_mov_rr(b, 32, d, d);
    }
}

/* The fast path's test of the result: to `fail` for anything that may raise more than IXC. */
static void fast_check(X86Buf *b, const FpGen *g, X86Label *fail)
{
    if (g->kind == FK_TO_INT) {
        check_int_range(b, g, fail);
    } else {
        check_result(b, g->kind == FK_ARITH && g->dp, (X86Reg)g->d, (X86Reg)g->t,
                     g->any_finite, fail);
    }
}

/* t = the biased exponent of the float result d. */
static void result_exponent(X86Buf *b, const FpGen *g)
{
    bool dp = g->kind == FK_ARITH && g->dp;
    X86Reg d = (X86Reg)g->d, t = (X86Reg)g->t;
    x86_lea(b, dp ? 64 : 32, t, x86_mem_idx(d, d, 1, 0));
    x86_shift_ri(b, X86_SHR, dp ? 64 : 32, t, dp ? 53 : 24);
}

/* mul/div: to `exact` if the result is a zero with a zero operand (no flag at all). */
static void zero_shortcut(X86Buf *b, const FpGen *g, X86Label *exact)
{
    if (g->kind != FK_ARITH || (g->op != IR_FP_MUL && g->op != IR_FP_DIV)) {
        return;
    }
    int w = g->dp ? 64 : 32;
    X86Reg t = (X86Reg)g->t;
    X86Label nonzero;
    x86_label_init(&nonzero);
    x86_lea(b, w, t, x86_mem_idx((X86Reg)g->d, (X86Reg)g->d, 1, 0));
    x86_test_rr(b, w, t, t);
    x86_jcc_label(b, X86_CC_NZ, &nonzero);
    for (unsigned k = 0; k < (g->op == IR_FP_MUL ? 2u : 1u); k++) {
        X86Reg a = (X86Reg)g->inr[k];
        x86_lea(b, w, t, x86_mem_idx(a, a, 1, 0));
        x86_test_rr(b, w, t, t);
        x86_jcc_label(b, X86_CC_Z, exact);
    }
    x86_label_bind(b, &nonzero);
}

/*
 * The exact path, reached in the common mode when IXC is clear or the fast path's check
 * rejected the result (d holds it). The host's Precision flag tells whether the op was
 * exact; it is sticky and ldmxcsr is slow (tens of cycles), so the flags are cleared and
 * the op run again only when PE is set after the op: in a program whose arithmetic stays
 * exact, PE stays clear. With the flags known every finite result is handled: exact,
 * nothing; inexact, IXC, plus UFC when the result is zero or denormal (tiny on both
 * sides). A result of exponent 1 (maybe the smallest normal rounded up from a tiny value:
 * ARM judges tininess before rounding, x86 after), infinities and NaNs take the helper.
 *
 * Layout (inline, falling through): after the IXC test, `stmxcsr; PE clear: resume`,
 * then `redo`: clear the flags, op again, flags into FPSCR. Out of line, `rejected`:
 * the fast check's failures.
 */
static void emit_redo(X86Buf *b, FpCold *k)
{
    const FpGen *g = &k->g;
    X86Mem csr = csr_at(g->csr_off);
    X86Reg t = (X86Reg)g->t;
    /* MXCSR holds the default controls (see the file comment): flags cleared. */
    x86_mov_mi(b, 32, jit_mxcsr_slot(), MXCSR_DEFAULT);
    x86_ldmxcsr(b, jit_mxcsr_slot());
    emit_op(b, g);
    if (g->kind == FK_TO_INT) {
        check_int_range(b, g, &k->entry); /* passes again: only zero-extends */
    }
    x86_stmxcsr(b, jit_mxcsr_slot());
    x86_test_mi(b, 8, jit_mxcsr_slot(), MXCSR_PE);
    x86_jcc_label(b, X86_CC_Z, &k->resume);
    if (g->kind == FK_TO_INT) {
        x86_alu_mi(b, X86_OR, 32, csr, ARM_IXC);
        x86_jmp_label(b, &k->resume);
        return;
    }
    X86Label normal;
    x86_label_init(&normal);
    result_exponent(b, g);
    x86_cmp_ri(b, 32, t, 1);
    x86_jcc_label(b, X86_CC_A, &normal);
    x86_jcc_label(b, X86_CC_E, &k->entry);
    x86_alu_mi(b, X86_OR, 32, csr, ARM_IXC | (1u << 3)); /* UFC */
    x86_jmp_label(b, &k->resume);
    x86_label_bind(b, &normal);
    x86_alu_mi(b, X86_OR, 32, csr, ARM_IXC);
    x86_jmp_label(b, &k->resume);
}

/* A result the fast check rejected (common mode; d holds it). */
static void emit_rejected(X86Buf *b, FpCold *k)
{
    const FpGen *g = &k->g;
    X86Reg t = (X86Reg)g->t;
    bool dp = g->kind == FK_ARITH && g->dp;
    result_exponent(b, g);
    x86_cmp_ri(b, 32, t, dp ? 0x7ff : 0xff);
    x86_jcc_label(b, X86_CC_E, &k->entry);
    zero_shortcut(b, g, &k->resume);
    x86_stmxcsr(b, jit_mxcsr_slot());
    x86_test_mi(b, 8, jit_mxcsr_slot(), MXCSR_PE);
    x86_jcc_label(b, X86_CC_Z, &k->resume);
    x86_jmp_label(b, &k->redo);
}

void jit_call_emit(X86Buf *b, const JitCall *k)
{
    X86Reg pushed[16];
    unsigned np = 0;
    for (int r = 0; r < 16; r++) {
        if (k->save & RB(r)) {
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
     * Arguments: a caller-saved source is read back from its stack slot, so writing the
     * argument registers in any order is safe; other sources (env, callee-saved
     * registers) are never argument registers.
     */
    for (unsigned a = 0; a < k->nb_args; a++) {
        X86Reg src = (X86Reg)k->arg_reg[a];
        int slot = -1;
        for (unsigned j = 0; j < np; j++) {
            if (pushed[j] == src) {
                slot = (int)j;
            }
        }
        if (src == X86_NOREG) {
            x86_mov_ri(b, 64, arg_regs[a], k->arg_imm[a]);
        } else if (slot >= 0) {
            x86_mov_rm(b, 64, arg_regs[a], x86_mem(X86_RSP, pad + 8 * (int32_t)(np - 1 - slot)));
        } else if (src != arg_regs[a]) {
            g_assert(!(CALLER_SAVED & RB(src)));
            x86_mov_rr(b, 64, arg_regs[a], src);
        }
    }
    if (!x86_call_ptr(b, k->fn)) {
        x86_mov_ri(b, 64, X86_RAX, (uintptr_t)k->fn);
        x86_call_r(b, X86_RAX);
    }
    if (k->out >= 0) {
        /* An i32 return value's upper half is undefined: the 32-bit move clears it. */
        if (!k->out64) {
            x86_mov_rr(b, 32, (X86Reg)k->out, X86_RAX);
        } else if (k->out != X86_RAX) {
            x86_mov_rr(b, 64, (X86Reg)k->out, X86_RAX);
        }
    }
    if (pad) {
        x86_add_ri(b, 64, X86_RSP, pad);
    }
    while (np) {
        x86_pop_r(b, pushed[--np]);
    }
}

/* The end of the inline part: the out-of-line part, jumped over. */
static void cold_finish(Ctx *c, FpCold *k)
{
    X86Buf *b = c->b;
    x86_jmp_label(b, &k->resume);
    x86_label_bind(b, &k->entry);
    jit_call_emit(b, &k->call);
    x86_label_bind(b, &k->resume);
}

/* ---- Operations ---- */

/* A scratch register for this op (no temp in it, locked until the op ends). */
static X86Reg scratch(Ctx *c)
{
    X86Reg r = ra_alloc(c, 0);
    c->locked |= RB(r);
    return r;
}

/*
 * An op that may be inexact, laid out as in the file comment; `mode` (in g) are the csr
 * bits that must be clear. Returns the result register.
 */
static X86Reg gen_inexact_op(Ctx *c, IRHelper *h, const IRFpInline *fp, FpGen *g,
                             const IRTemp *in, unsigned nb_reg_in)
{
    X86Reg inr[IR_MAX_HELPER_ARGS];
    for (unsigned a = 0; a < IR_MAX_HELPER_ARGS; a++) {
        inr[a] = a < nb_reg_in ? ra_load(c, in[a]) : X86_NOREG;
        if (a < 3) {
            g->inr[a] = (int8_t)inr[a];
        }
    }
    g->d = (int8_t)scratch(c);
    g->t = (int8_t)scratch(c);
    g->dp = fp->dp;
    g->op = fp->op;
    g->csr_off = fp->csr_off;
    FpCold k;
    cold_init(c, &k, h, in, inr, (X86Reg)g->d);
    k.g = *g;

    X86Buf *b = c->b;
    X86Mem csr = csr_at(fp->csr_off);
    x86_test_mi(b, 32, csr, (int32_t)g->mode);
    x86_jcc_label(b, X86_CC_NZ, &k.entry);
    emit_op(b, g);
    fast_check(b, g, g->kind == FK_TO_INT ? &k.entry : &k.rejected);
    /* IXC set: nothing to do (the usual case once a program computes inexactly). */
    x86_test_mi(b, 8, csr, ARM_IXC); /* IXC and PE are in the low bytes */
    x86_jcc_label(b, X86_CC_NZ, &k.resume);
    /* IXC clear: exact according to MXCSR, done; else the exact path. */
    x86_stmxcsr(b, jit_mxcsr_slot());
    x86_test_mi(b, 8, jit_mxcsr_slot(), MXCSR_PE);
    x86_jcc_label(b, X86_CC_Z, &k.resume);
    x86_label_bind(b, &k.redo);
    emit_redo(b, &k);
    if (g->kind != FK_TO_INT) {
        x86_label_bind(b, &k.rejected);
        emit_rejected(b, &k);
    }
    x86_label_bind(b, &k.entry);
    jit_call_emit(b, &k.call);
    x86_label_bind(b, &k.resume);
    return (X86Reg)g->d;
}

/* add, sub, mul, div, sqrt, fused multiply-add. */
static bool gen_arith(Ctx *c, IRHelper *h, const IRFpInline *fp, int out, const IRTemp *in,
                      unsigned nb_in)
{
    unsigned need = fp->op == IR_FP_SQRT ? 1 : fp->op == IR_FP_MULADD ? 3 : 2;
    if (out < 0 || nb_in != need ||
        (fp->op == IR_FP_MULADD && !(jit_host_feat & X86_FEAT_FMA))) {
        return false;
    }
    FpGen g = { .kind = FK_ARITH, .mode = ARM_MODE_MASK,
                .any_finite = fp->op == IR_FP_ADD || fp->op == IR_FP_SUB };
    ra_set_out(c, (IRTemp)out, gen_inexact_op(c, h, fp, &g, in, nb_in));
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
    X86Mem csr = csr_at(fp->csr_off);
    FpCold k;
    cold_init(c, &k, h, in, inr, X86_NOREG);

    x86_test_mi(b, 32, csr, (int32_t)ARM_FZ);
    x86_jcc_label(b, X86_CC_NZ, &k.entry);
    to_xmm(b, dp, X86_XMM0, inr[0]);
    to_xmm(b, dp, X86_XMM1, inr[1]);
    x86_sse_xx(b, dp ? X86_UCOMISD : X86_UCOMISS, X86_XMM0, X86_XMM1);
    x86_jcc_label(b, X86_CC_P, &k.entry);
    /* NZCV: 0010 greater, 0110 equal, 1000 less (movs leave the flags alone). */
    x86_mov_ri(b, 32, t, 0x2u << 28);
    x86_mov_ri(b, 32, u, 0x6u << 28);
    x86_cmov_rr(b, X86_CC_E, 32, t, u);
    x86_mov_ri(b, 32, u, 0x8u << 28);
    x86_cmov_rr(b, X86_CC_B, 32, t, u);
    x86_mov_rm(b, 32, u, csr);
    x86_and_ri(b, 32, u, (int32_t)~ARM_NZCV_MASK);
    x86_or_rr(b, 32, u, t);
    x86_mov_mr(b, 32, csr, u);
    cold_finish(c, &k);
    return true;
}

/* Single <-> double. */
static bool gen_cvt(Ctx *c, IRHelper *h, const IRFpInline *fp, int out, const IRTemp *in,
                    unsigned nb_in)
{
    if (out < 0 || nb_in != 1) {
        return false;
    }
    if (!fp->dp) {
        FpGen g = { .kind = FK_D_TO_S, .mode = ARM_MODE_MASK };
        ra_set_out(c, (IRTemp)out, gen_inexact_op(c, h, fp, &g, in, 1));
        return true;
    }
    /* f32 -> f64 is exact: only NaNs and (with FZ) denormals need the helper. */
    X86Buf *b = c->b;
    X86Reg a = ra_load(c, in[0]);
    X86Reg d = scratch(c), t = scratch(c);
    FpCold k;
    cold_init(c, &k, h, in, &a, d);
    x86_test_mi(b, 32, csr_at(fp->csr_off), (int32_t)ARM_FZ);
    x86_jcc_label(b, X86_CC_NZ, &k.entry);
    x86_lea(b, 32, t, x86_mem_idx(a, a, 1, 0));
    x86_cmp_ri(b, 32, t, (int32_t)0xff000000u);
    x86_jcc_label(b, X86_CC_A, &k.entry);
    to_xmm(b, false, X86_XMM0, a);
    x86_sse_xx(b, X86_CVTSS2SD, X86_XMM0, X86_XMM0);
    x86_movd_rx(b, 64, d, X86_XMM0);
    cold_finish(c, &k);
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
 * Float -> S32/U32, rounding toward zero (VCVT, the C cast) or per FPSCR (VCVTR, then
 * RMode must be RN). Inexact exactly when a fraction is dropped; FZ matters (denormal
 * inputs), DN does not.
 */
static bool gen_to_int(Ctx *c, IRHelper *h, const IRFpInline *fp, int out, const IRTemp *in,
                       unsigned nb_in)
{
    uint32_t desc;
    if (out < 0 || nb_in != 2 || !const_desc(c, in[1], &desc) ||
        (desc & (ARM_FIX_FBITS_MASK | ARM_FIX_SIZE16))) {
        return false;
    }
    bool rz = (desc & ARM_FIX_RZ) != 0;
    FpGen g = { .kind = FK_TO_INT, .mode = rz ? ARM_FZ : ARM_FZ | ARM_RMODE_MASK, .rz = rz,
                .is_unsigned = (desc & ARM_FIX_UNSIGNED) != 0 };
    ra_set_out(c, (IRTemp)out, gen_inexact_op(c, h, fp, &g, in, 1));
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
    X86Reg t = is_unsigned ? X86_NOREG : scratch(c);
    FpCold k;
    cold_init(c, &k, h, in, inr, d);
    if (is_unsigned) {
        x86_cmp_ri(b, 32, inr[0], 1 << 24);
    } else {
        x86_lea(b, 32, t, x86_mem(inr[0], 1 << 24));
        x86_cmp_ri(b, 32, t, 2 << 24);
    }
    x86_jcc_label(b, X86_CC_A, &k.entry);
    x86_sse_xx(b, X86_XORPS, X86_XMM0, X86_XMM0);
    x86_cvtsi2ss(b, w, X86_XMM0, inr[0]);
    x86_movd_rx(b, 32, d, X86_XMM0);
    cold_finish(c, &k);
    ra_set_out(c, (IRTemp)out, d);
    return true;
}


/* ---- MIPS FCSR ---- */

/*
 * MIPS (IR_FP_MIPS): every op overwrites the FCSR cause field, so the fast path must know
 * per op whether it was exact; MXCSR's sticky PE would need an ldmxcsr per op. Instead
 * an error-free transformation computes the rounding error: TwoSum for add/sub (SSE
 * only), and with FMA3 the residuals a*b - r (mul), a - r*b (div), a - r*r (sqrt), all
 * exact while nothing gets near the subnormal range: results (and div/sqrt dividends)
 * need a biased exponent of at least 2^(emin + 2p + 4) (53 single, 111 double); add/sub
 * take any finite result (a tiny sum is exact, and x86 and MIPS agree on it with FS = 0).
 * Inline only with FCSR.RM = nearest, FS = 0 and the Inexact enable clear (then the op
 * raises at most Inexact and nothing traps); anything else, NaNs, infinities, overflow,
 * results near the subnormal range, calls the helper. Then cause = I or 0 and the flags
 * take I: fcsr = (fcsr & ~cause) | (inexact ? I cause | I flag : 0).
 */
#define MIPS_FCSR_RM 3u
#define MIPS_FCSR_FS (1u << 24)
#define MIPS_FCSR_EN_I (1u << 7)
#define MIPS_FCSR_CAUSE (0x3fu << 12)
#define MIPS_FCSR_I (1u << 12 | 1u << 2)

/* t = biased exponent of the raw float bits in r. */
static void mips_exponent(X86Buf *b, bool dp, X86Reg t, X86Reg r)
{
    x86_lea(b, dp ? 64 : 32, t, x86_mem_idx(r, r, 1, 0));
    x86_shift_ri(b, X86_SHR, dp ? 64 : 32, t, dp ? 53 : 24);
}

/* To fail unless the raw float r has a biased exponent in [lo, max). */
static void mips_check_exp(X86Buf *b, bool dp, X86Reg t, X86Reg r, int lo, X86Label *fail)
{
    mips_exponent(b, dp, t, r);
    x86_sub_ri(b, 32, t, lo);
    x86_cmp_ri(b, 32, t, (dp ? 0x7ff : 0xff) - lo);
    x86_jcc_label(b, X86_CC_AE, fail);
}

static bool gen_mips_arith(Ctx *c, IRHelper *h, const IRFpInline *fp, int out,
                           const IRTemp *in, unsigned nb_in)
{
    IRFpOp op = (IRFpOp)fp->op;
    bool dp = fp->dp, sum = op == IR_FP_ADD || op == IR_FP_SUB;
    unsigned need = op == IR_FP_SQRT ? 1 : 2;
    if (out < 0 || nb_in != need || (!sum && !(jit_host_feat & X86_FEAT_FMA))) {
        return false;
    }
    static const X86SseOp sse_op[2][5] = {
        { X86_ADDSS, X86_SUBSS, X86_MULSS, X86_DIVSS, X86_SQRTSS },
        { X86_ADDSD, X86_SUBSD, X86_MULSD, X86_DIVSD, X86_SQRTSD },
    };
    X86Buf *b = c->b;
    int w = dp ? 64 : 32, lo = dp ? 111 : 53;
    X86Reg inr[2] = { ra_load(c, in[0]), need > 1 ? ra_load(c, in[1]) : X86_NOREG };
    X86Reg d = scratch(c), t = scratch(c), u = scratch(c);
    X86Reg e = X86_XMM5;
    FpCold k;
    cold_init(c, &k, h, in, inr, d);

    x86_test_mi(b, 32, csr_at(fp->csr_off),
                (int32_t)(MIPS_FCSR_RM | MIPS_FCSR_FS | MIPS_FCSR_EN_I));
    x86_jcc_label(b, X86_CC_NZ, &k.entry);
    if (op == IR_FP_SQRT || op == IR_FP_DIV) {
        /* a positive (sqrt) and far from the subnormal range */
        if (op == IR_FP_SQRT) {
            x86_test_rr(b, w, inr[0], inr[0]);
            x86_jcc_label(b, X86_CC_S, &k.entry);
        }
        mips_check_exp(b, dp, t, inr[0], lo, &k.entry);
    }
    to_xmm(b, dp, X86_XMM0, inr[0]);
    if (need > 1) {
        to_xmm(b, dp, X86_XMM1, inr[1]);
    }
    x86_movaps_xx(b, X86_XMM2, X86_XMM0);
    x86_sse_xx(b, sse_op[dp][op - IR_FP_ADD], X86_XMM2, op == IR_FP_SQRT ? X86_XMM0 : X86_XMM1);
    x86_movd_rx(b, w, d, X86_XMM2);
    if (sum) {
        /* finite; TwoSum: bb = r - a, e = (a - (r - bb)) +- (b -+ bb) */
        mips_exponent(b, dp, t, d);
        x86_cmp_ri(b, 32, t, dp ? 0x7ff : 0xff);
        x86_jcc_label(b, X86_CC_E, &k.entry);
        X86SseOp add = dp ? X86_ADDSD : X86_ADDSS, sub = dp ? X86_SUBSD : X86_SUBSS;
        x86_movaps_xx(b, X86_XMM3, X86_XMM2);
        x86_sse_xx(b, sub, X86_XMM3, X86_XMM0);      /* bb */
        x86_movaps_xx(b, X86_XMM4, X86_XMM2);
        x86_sse_xx(b, sub, X86_XMM4, X86_XMM3);      /* r - bb */
        x86_movaps_xx(b, e, X86_XMM0);
        x86_sse_xx(b, sub, e, X86_XMM4);             /* a - (r - bb) */
        if (op == IR_FP_ADD) {
            x86_sse_xx(b, sub, X86_XMM1, X86_XMM3);  /* b - bb */
            x86_sse_xx(b, add, e, X86_XMM1);
        } else {
            x86_sse_xx(b, add, X86_XMM1, X86_XMM3);  /* b + bb */
            x86_sse_xx(b, sub, e, X86_XMM1);
        }
    } else {
        mips_check_exp(b, dp, t, d, lo, &k.entry);
        if (op == IR_FP_MUL) {
            x86_movaps_xx(b, e, X86_XMM2);           /* a*b - r */
            x86_fma_xxx(b, dp ? X86_VFMSUB231SD : X86_VFMSUB231SS, e, X86_XMM0, X86_XMM1);
        } else {
            x86_movaps_xx(b, e, X86_XMM0);           /* a - r*b, a - r*r */
            x86_fma_xxx(b, dp ? X86_VFNMADD231SD : X86_VFNMADD231SS, e, X86_XMM2,
                        op == IR_FP_DIV ? X86_XMM1 : X86_XMM2);
        }
    }
    /* u = e != 0 ? cause I | flag I : 0 */
    x86_alu_rr(b, X86_XOR, 32, u, u);
    x86_movd_rx(b, w, t, e);
    x86_alu_rr(b, X86_ADD, w, t, t);
    x86_setcc(b, X86_CC_NZ, u);
    x86_neg_r(b, 32, u);
    x86_and_ri(b, 32, u, (int32_t)MIPS_FCSR_I);
    x86_mov_rm(b, 32, t, csr_at(fp->csr_off));
    x86_and_ri(b, 32, t, (int32_t)~MIPS_FCSR_CAUSE);
    x86_or_rr(b, 32, t, u);
    x86_mov_mr(b, 32, csr_at(fp->csr_off), t);
    cold_finish(c, &k);
    ra_set_out(c, (IRTemp)out, d);
    return true;
}

bool jit_fp_inline(Ctx *c, IRHelper *h, int out, const IRTemp *in, unsigned nb_in)
{
    const IRFpInline *fp = h->fp;
    if (fp && fp->flavour == IR_FP_MIPS) {
        switch ((IRFpOp)fp->op) {
        case IR_FP_ADD:
        case IR_FP_SUB:
        case IR_FP_MUL:
        case IR_FP_DIV:
        case IR_FP_SQRT:
            return gen_mips_arith(c, h, fp, out, in, nb_in);
        default:
            return false;
        }
    }
    if (!fp || fp->flavour != IR_FP_ARM) {
        return false;
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
