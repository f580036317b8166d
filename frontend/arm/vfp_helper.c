/*
 * ARM VFP helpers: IEEE arithmetic with exact ARM semantics on top of the host's SSE
 * unit. The host computes the correctly rounded result in the FPSCR rounding mode (we
 * load MXCSR for the duration of the operation and read its sticky flags back); the
 * code around it supplies what differs on ARM: flush-to-zero of denormal inputs (IDC)
 * and of tiny results (UFC, detected *before* rounding, where x86 detects it after),
 * the ARM NaN rules (operand order for propagation, quieting, FPSCR.DN, the positive
 * default NaN where x86 produces a negative one), float->integer saturation instead of
 * x86's 0x80000000 "integer indefinite", and half-precision conversions (IEEE and the
 * alternative format), which are done in integer arithmetic. References: ARM ARM
 * (DDI 0406C) FPUnpack, FPProcessNaNs, FPRound, FPAdd/.../FPMulAdd, FPCompare,
 * FPToFixed, FixedToFP, FPConvert.
 */
#include "frontend/arm/vfp_helper.h"
#include "frontend/fpbits.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/*
 * What each helper computes, for the JIT's inline SSE form (ir/ir.h IRFpInline). The
 * helpers below stay the reference and the JIT's slow path.
 */
#define VFP_INLINE(OP, DP)                                                              \
    (&(const IRFpInline){ .op = IR_FP_##OP, .dp = (DP), .flavour = IR_FP_ARM,           \
                          .csr_off = offsetof(CPUARMState, fpscr) })

/* ---- Formats ---- */

/* One IEEE binary format, described by masks over a uint64_t holding the bits. */
typedef struct VfpFmt {
    bool dp;
    uint64_t sign, exp, frac, quiet, default_nan, min_normal;
} VfpFmt;

static const VfpFmt vfp_f32 = {
    false, 0x80000000u, 0x7f800000u, 0x007fffffu, 0x00400000u, VFP_F32_DEFAULT_NAN,
    0x00800000u,
};
static const VfpFmt vfp_f64 = {
    true, 1ull << 63, 0x7ff0000000000000ull, 0x000fffffffffffffull, 1ull << 51,
    VFP_F64_DEFAULT_NAN, 0x0010000000000000ull,
};

static bool vfp_is_nan(const VfpFmt *f, uint64_t a)
{
    return (a & f->exp) == f->exp && (a & f->frac) != 0;
}

static bool vfp_is_snan(const VfpFmt *f, uint64_t a)
{
    return vfp_is_nan(f, a) && !(a & f->quiet);
}

static bool vfp_is_denormal(const VfpFmt *f, uint64_t a)
{
    return (a & f->exp) == 0 && (a & f->frac) != 0;
}

static uint64_t vfp_abs(const VfpFmt *f, uint64_t a)
{
    return a & ~f->sign;
}

/* FPUnpack's flush: with FZ, a denormal input reads as a zero of the same sign (IDC). */
static uint64_t vfp_flush_in(const VfpFmt *f, uint64_t a, uint32_t fpscr, uint32_t *exc)
{
    if ((fpscr & FPSCR_FZ) && vfp_is_denormal(f, a)) {
        *exc |= FPSCR_IDC;
        return a & f->sign;
    }
    return a;
}

/* FPProcessNaN: a NaN operand becomes the (quieted) result, or the default NaN. */
static uint64_t vfp_process_nan(const VfpFmt *f, uint64_t a, uint32_t fpscr, uint32_t *exc)
{
    if (vfp_is_snan(f, a)) {
        *exc |= FPSCR_IOC;
    }
    return (fpscr & FPSCR_DN) ? f->default_nan : (a | f->quiet);
}

/*
 * FPProcessNaNs / FPProcessNaNs3: signalling NaNs first, in operand order, then quiet
 * NaNs in operand order. Returns true with *r set if some operand is a NaN.
 */
static bool vfp_process_nans(const VfpFmt *f, const uint64_t *ops, unsigned n, uint32_t fpscr,
                             uint32_t *exc, uint64_t *r)
{
    for (unsigned i = 0; i < n; i++) {
        if (vfp_is_snan(f, ops[i])) {
            *r = vfp_process_nan(f, ops[i], fpscr, exc);
            return true;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        if (vfp_is_nan(f, ops[i])) {
            *r = vfp_process_nan(f, ops[i], fpscr, exc);
            return true;
        }
    }
    return false;
}

/* ---- The host FPU ---- */

enum { MX_IE = 1, MX_DE = 2, MX_ZE = 4, MX_OE = 8, MX_UE = 16, MX_PE = 32 };
enum { RMODE_RN, RMODE_RP, RMODE_RM, RMODE_RZ };

/* ARM RMode (RN, RP, RM, RZ) to MXCSR.RC (nearest, down, up, toward zero). */
static const uint32_t mxcsr_rc[4] = { 0u << 13, 2u << 13, 1u << 13, 3u << 13 };

static unsigned vfp_rmode(uint32_t fpscr)
{
    return (fpscr >> FPSCR_RMODE_SHIFT) & 3;
}

/* MXCSR set up for guest rounding mode `rmode` (see fp_host_enter). */
static uint32_t host_enter(unsigned rmode)
{
    return fp_host_enter(mxcsr_rc[rmode]);
}

typedef enum VfpOp { VOP_ADD, VOP_SUB, VOP_MUL, VOP_DIV, VOP_SQRT, VOP_FMA, VOP_CVT } VfpOp;

/* One operation, kept so it can be re-run in another rounding mode. */
typedef struct HostOp {
    VfpOp op;
    uint64_t a, b, c; /* FMA: a * b + c. CVT: a is the other format's bits. */
} HostOp;

/* libgcc initialises the CPU model before main, so this is a load and a test. */
static bool host_has_fma(void)
{
    return __builtin_cpu_supports("fma");
}

/* Called through a volatile pointer so the call stays between host_enter and leave. */
static float (*volatile host_fmaf)(float, float, float) = fmaf;
static double (*volatile host_fma)(double, double, double) = fma;

/* Runs h in the given rounding mode; *mx gets the host exception flags. */
static uint64_t host_run(const VfpFmt *f, const HostOp *h, unsigned rmode, uint32_t *mx)
{
    bool fma_hw = h->op == VOP_FMA && host_has_fma();
    uint32_t old = host_enter(rmode);
    uint64_t r;
    if (!f->dp) {
        float x = f32_of(h->a), y = f32_of(h->b), z = f32_of(h->c);
        double xd = f64_of(h->a);
        switch (h->op) {
        case VOP_ADD: __asm__ volatile("addss %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_SUB: __asm__ volatile("subss %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_MUL: __asm__ volatile("mulss %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_DIV: __asm__ volatile("divss %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_SQRT: __asm__ volatile("sqrtss %0, %0" : "+x"(x)); break;
        case VOP_FMA:
            if (fma_hw) {
                __asm__ volatile("vfmadd213ss %2, %1, %0" : "+x"(x) : "x"(y), "x"(z));
            } else {
                x = host_fmaf(x, y, z);
            }
            break;
        case VOP_CVT: __asm__ volatile("cvtsd2ss %1, %0" : "=x"(x) : "x"(xd)); break;
        }
        r = bits_of_f32(x);
    } else {
        double x = f64_of(h->a), y = f64_of(h->b), z = f64_of(h->c);
        float xs = f32_of(h->a);
        switch (h->op) {
        case VOP_ADD: __asm__ volatile("addsd %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_SUB: __asm__ volatile("subsd %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_MUL: __asm__ volatile("mulsd %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_DIV: __asm__ volatile("divsd %1, %0" : "+x"(x) : "x"(y)); break;
        case VOP_SQRT: __asm__ volatile("sqrtsd %0, %0" : "+x"(x)); break;
        case VOP_FMA:
            if (fma_hw) {
                __asm__ volatile("vfmadd213sd %2, %1, %0" : "+x"(x) : "x"(y), "x"(z));
            } else {
                x = host_fma(x, y, z);
            }
            break;
        case VOP_CVT: __asm__ volatile("cvtss2sd %1, %0" : "=x"(x) : "x"(xs)); break;
        }
        r = bits_of_f64(x);
    }
    *mx = fp_host_leave(old);
    return r;
}

/*
 * FPRound's view of a host result r (already rounded, flags in mx). A NaN out of an
 * operation without NaN operands is an Invalid Operation: ARM's default NaN. Tininess
 * is judged on the unrounded value: r below the smallest normal means tiny; r exactly
 * the smallest normal and inexact may be a tiny value rounded up, which the same
 * operation rounded toward zero tells apart. Tiny with FZ: a signed zero and UFC (no
 * IXC); tiny without FZ: UFC only when inexact.
 */
static uint64_t vfp_round_result(const VfpFmt *f, const HostOp *h, uint64_t r, uint32_t mx,
                                 uint32_t fpscr, uint32_t *exc)
{
    uint32_t e = 0;
    e |= (mx & MX_IE) ? FPSCR_IOC : 0;
    e |= (mx & MX_ZE) ? FPSCR_DZC : 0;
    e |= (mx & MX_OE) ? FPSCR_OFC : 0;
    e |= (mx & MX_PE) ? FPSCR_IXC : 0;
    if (vfp_is_nan(f, r)) {
        *exc |= e;
        return f->default_nan;
    }
    uint64_t mag = vfp_abs(f, r);
    bool tiny = false;
    if (mag < f->min_normal) {
        tiny = mag != 0 || (mx & MX_PE);
    } else if (mag == f->min_normal && (mx & MX_PE)) {
        uint32_t mx_rz;
        uint64_t rz = host_run(f, h, RMODE_RZ, &mx_rz);
        tiny = vfp_abs(f, rz) < f->min_normal;
    }
    if (tiny && (fpscr & FPSCR_FZ)) {
        r &= f->sign;
        e = (e & ~FPSCR_IXC) | FPSCR_UFC;
    } else if (tiny && (mx & MX_PE)) {
        e |= FPSCR_UFC;
    }
    *exc |= e;
    return r;
}

/*
 * Round-to-nearest fast path, without MXCSR (whose ldmxcsr/stmxcsr round trip costs
 * more than the operation): for finite operands whose result is a normal number (or an
 * exact zero), the only flag is Inexact, and an error-free transformation tells whether
 * the result is exact: TwoSum for add/sub, an FMA residual for mul (a*b - r), div
 * (a - q*b) and sqrt (a - q*q). Those residuals are exact while nothing underflows,
 * which the magnitude guards ensure (2^(emin + 2p + 4)). Everything else (infinities,
 * zero divisors, overflow, tiny results, no host FMA) returns false for the general
 * path. The arithmetic is inline asm so the compiler neither contracts nor reorders it.
 * This relies on the host MXCSR controls being the default (round to nearest, no
 * FTZ/DAZ), as everywhere in xemu: code that changes them must restore them.
 */
#define VFP_FAST_OPS(T, SFX, FMA_SFX)                                                   \
    static inline T fast_add_##SFX(T a, T b)                                            \
    { __asm__("add" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T fast_sub_##SFX(T a, T b)                                            \
    { __asm__("sub" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T fast_mul_##SFX(T a, T b)                                            \
    { __asm__("mul" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T fast_div_##SFX(T a, T b)                                            \
    { __asm__("div" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T fast_sqrt_##SFX(T a)                                                \
    { __asm__("sqrt" #SFX " %0, %0" : "+x"(a)); return a; }                             \
    /* c - a * b, one rounding (exact for the residuals) */                             \
    static inline T fast_fnma_##SFX(T a, T b, T c)                                      \
    { __asm__("vfnmadd231" #FMA_SFX " %2, %1, %0" : "+x"(c) : "x"(a), "x"(b)); return c; }

VFP_FAST_OPS(float, ss, ss)
VFP_FAST_OPS(double, sd, sd)

#define VFP_FAST_PATH(T, SFX, OF, BITS, GUARD)                                          \
    static bool vfp_fast_rn_##SFX(const VfpFmt *f, VfpOp op, const uint64_t *ops,       \
                                  uint64_t *out, bool *inexact)                         \
    {                                                                                   \
        uint64_t ua = ops[0], ub = op == VOP_SQRT ? 0 : ops[1];                         \
        if ((ua & f->exp) == f->exp || (ub & f->exp) == f->exp) {                       \
            return false;                                                               \
        }                                                                               \
        T a = OF(ua), b = OF(ub), r, e = 0;                                             \
        switch (op) {                                                                   \
        case VOP_SUB:                                                                   \
            b = OF(ub ^ f->sign);                                                       \
            /* fall through */                                                          \
        case VOP_ADD: {                                                                 \
            r = fast_add_##SFX(a, b);                                                   \
            T bb = fast_sub_##SFX(r, a);                                                \
            e = fast_add_##SFX(fast_sub_##SFX(a, fast_sub_##SFX(r, bb)),                \
                               fast_sub_##SFX(b, bb));                                  \
            break;                                                                      \
        }                                                                               \
        case VOP_MUL:                                                                   \
            r = fast_mul_##SFX(a, b);                                                   \
            if (vfp_abs(f, ua) == 0 || vfp_abs(f, ub) == 0) {                           \
                break; /* an exact zero */                                              \
            }                                                                           \
            if (!(r > GUARD || r < -GUARD)) {                                           \
                return false;                                                           \
            }                                                                           \
            e = fast_fnma_##SFX(a, b, r);                                               \
            break;                                                                      \
        case VOP_DIV:                                                                   \
            if (vfp_abs(f, ub) == 0) {                                                  \
                return false;                                                           \
            }                                                                           \
            r = fast_div_##SFX(a, b);                                                   \
            if (vfp_abs(f, ua) == 0) {                                                  \
                break;                                                                  \
            }                                                                           \
            if (!(a > GUARD || a < -GUARD)) {                                           \
                return false;                                                           \
            }                                                                           \
            e = fast_fnma_##SFX(r, b, a);                                               \
            break;                                                                      \
        case VOP_SQRT:                                                                  \
            if ((ua & f->sign) && vfp_abs(f, ua) != 0) {                                \
                return false;                                                           \
            }                                                                           \
            r = fast_sqrt_##SFX(a);                                                     \
            if (vfp_abs(f, ua) == 0) {                                                  \
                break;                                                                  \
            }                                                                           \
            if (!(a > GUARD)) {                                                         \
                return false;                                                           \
            }                                                                           \
            e = fast_fnma_##SFX(r, r, a);                                               \
            break;                                                                      \
        default:                                                                        \
            return false;                                                               \
        }                                                                               \
        uint64_t ur = BITS(r);                                                          \
        if ((ur & f->exp) == f->exp) {                                                  \
            return false; /* overflow */                                                \
        }                                                                               \
        if (vfp_abs(f, ur) <= f->min_normal && !(vfp_abs(f, ur) == 0 && e == 0)) {      \
            return false; /* tiny, or on the boundary */                                \
        }                                                                               \
        *out = ur;                                                                      \
        *inexact = e != 0;                                                              \
        return true;                                                                    \
    }

VFP_FAST_PATH(float, ss, f32_of, bits_of_f32, 0x1p-74f)
VFP_FAST_PATH(double, sd, f64_of, bits_of_f64, 0x1p-912)

/* The common path of every arithmetic helper: flush, NaNs, host op, FPRound fix-ups. */
static uint64_t vfp_arith(CPUARMState *env, const VfpFmt *f, VfpOp op, uint64_t *ops,
                          unsigned n)
{
    uint32_t fpscr = env->fpscr, exc = 0, mx;
    uint64_t r;
    bool inexact;
    for (unsigned i = 0; i < n; i++) {
        ops[i] = vfp_flush_in(f, ops[i], fpscr, &exc);
    }
    if (vfp_process_nans(f, ops, n, fpscr, &exc, &r)) {
        env->fpscr |= exc;
        return r;
    }
    if (vfp_rmode(fpscr) == RMODE_RN && host_has_fma() &&
        (f->dp ? vfp_fast_rn_sd(f, op, ops, &r, &inexact)
               : vfp_fast_rn_ss(f, op, ops, &r, &inexact))) {
        env->fpscr |= exc | (inexact ? FPSCR_IXC : 0);
        return r;
    }
    HostOp h = { op, ops[0], n > 1 ? ops[1] : 0, 0 };
    if (op == VOP_FMA) {
        /* ops are (addend, op1, op2); the host computes a * b + c. */
        h.a = ops[1];
        h.b = ops[2];
        h.c = ops[0];
    }
    r = host_run(f, &h, vfp_rmode(fpscr), &mx);
    r = vfp_round_result(f, &h, r, mx, fpscr, &exc);
    env->fpscr |= exc;
    return r;
}

/* ---- Arithmetic ---- */

#define VFP_BINOP(name, OP)                                                            \
    uint32_t helper_vfp_##name##_s(CPUARMState *env, uint32_t a, uint32_t b)           \
    {                                                                                  \
        uint64_t ops[2] = { a, b };                                                    \
        return (uint32_t)vfp_arith(env, &vfp_f32, VOP_##OP, ops, 2);                         \
    }                                                                                  \
    uint64_t helper_vfp_##name##_d(CPUARMState *env, uint64_t a, uint64_t b)           \
    {                                                                                  \
        uint64_t ops[2] = { a, b };                                                    \
        return vfp_arith(env, &vfp_f64, VOP_##OP, ops, 2);                                   \
    }                                                                                  \
    IR_HELPER_DEF_FP(vfp_##name##_s, VFP_INLINE(OP, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, \
                     IRH_I32, IRH_I32);                                                \
    IR_HELPER_DEF_FP(vfp_##name##_d, VFP_INLINE(OP, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, \
                     IRH_I64, IRH_I64);

VFP_BINOP(add, ADD)
VFP_BINOP(sub, SUB)
VFP_BINOP(mul, MUL)
VFP_BINOP(div, DIV)

/*
 * FPMulAdd. Besides FPProcessNaNs3 (addend first), a quiet-NaN addend with an
 * infinity * zero product gives the default NaN and Invalid Operation.
 */
static uint64_t vfp_fma(CPUARMState *env, const VfpFmt *f, uint64_t addend, uint64_t op1,
                        uint64_t op2)
{
    uint32_t fpscr = env->fpscr, exc = 0;
    uint64_t a1 = vfp_flush_in(f, op1, fpscr, &exc);
    uint64_t a2 = vfp_flush_in(f, op2, fpscr, &exc);
    uint64_t ad = vfp_flush_in(f, addend, fpscr, &exc);
    bool inf1 = vfp_abs(f, a1) == f->exp, inf2 = vfp_abs(f, a2) == f->exp;
    bool zero1 = vfp_abs(f, a1) == 0, zero2 = vfp_abs(f, a2) == 0;
    if (vfp_is_nan(f, ad) && !vfp_is_snan(f, ad) && ((inf1 && zero2) || (zero1 && inf2))) {
        env->fpscr |= exc | FPSCR_IOC;
        return f->default_nan;
    }
    uint64_t ops[3] = { ad, a1, a2 };
    env->fpscr |= exc;
    return vfp_arith(env, f, VOP_FMA, ops, 3);
}

uint32_t helper_vfp_fma_s(CPUARMState *env, uint32_t addend, uint32_t op1, uint32_t op2)
{
    return (uint32_t)vfp_fma(env, &vfp_f32, addend, op1, op2);
}

uint64_t helper_vfp_fma_d(CPUARMState *env, uint64_t addend, uint64_t op1, uint64_t op2)
{
    return vfp_fma(env, &vfp_f64, addend, op1, op2);
}

uint32_t helper_vfp_sqrt_s(CPUARMState *env, uint32_t a)
{
    uint64_t ops[1] = { a };
    return (uint32_t)vfp_arith(env, &vfp_f32, VOP_SQRT, ops, 1);
}

uint64_t helper_vfp_sqrt_d(CPUARMState *env, uint64_t a)
{
    uint64_t ops[1] = { a };
    return vfp_arith(env, &vfp_f64, VOP_SQRT, ops, 1);
}

IR_HELPER_DEF_FP(vfp_fma_s, VFP_INLINE(MULADD, 0), IRH_NO_GLOBALS, IRH_I32,
                 IRH_ENV, IRH_I32, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(vfp_fma_d, VFP_INLINE(MULADD, 1), IRH_NO_GLOBALS, IRH_I64,
                 IRH_ENV, IRH_I64, IRH_I64, IRH_I64);
IR_HELPER_DEF_FP(vfp_sqrt_s, VFP_INLINE(SQRT, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF_FP(vfp_sqrt_d, VFP_INLINE(SQRT, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64);

/* ---- Comparison ---- */

/* Value of a non-NaN operand as a host double (exact for both formats). */
static double vfp_to_host_double(const VfpFmt *f, uint64_t a)
{
    return f->dp ? f64_of(a) : (double)f32_of(a);
}

/* FPCompare: NZCV = 0110 equal, 1000 less, 0010 greater, 0011 unordered. */
static void vfp_compare(CPUARMState *env, const VfpFmt *f, uint64_t a, uint64_t b,
                        bool quiet_nan_exc)
{
    uint32_t fpscr = env->fpscr, exc = 0, nzcv;
    a = vfp_flush_in(f, a, fpscr, &exc);
    b = vfp_flush_in(f, b, fpscr, &exc);
    if (vfp_is_nan(f, a) || vfp_is_nan(f, b)) {
        nzcv = 0x3;
        if (quiet_nan_exc || vfp_is_snan(f, a) || vfp_is_snan(f, b)) {
            exc |= FPSCR_IOC;
        }
    } else {
        double x = vfp_to_host_double(f, a), y = vfp_to_host_double(f, b);
        nzcv = x == y ? 0x6 : x < y ? 0x8 : 0x2;
    }
    env->fpscr = (fpscr & 0x0fffffffu) | (nzcv << 28) | exc;
}

void helper_vfp_cmp_s(CPUARMState *env, uint32_t a, uint32_t b)
{
    vfp_compare(env, &vfp_f32, a, b, false);
}

void helper_vfp_cmpe_s(CPUARMState *env, uint32_t a, uint32_t b)
{
    vfp_compare(env, &vfp_f32, a, b, true);
}

void helper_vfp_cmp_d(CPUARMState *env, uint64_t a, uint64_t b)
{
    vfp_compare(env, &vfp_f64, a, b, false);
}

void helper_vfp_cmpe_d(CPUARMState *env, uint64_t a, uint64_t b)
{
    vfp_compare(env, &vfp_f64, a, b, true);
}

IR_HELPER_DEF_FP(vfp_cmp_s, VFP_INLINE(CMP, 0), IRH_NO_GLOBALS, IRH_VOID,
                 IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(vfp_cmpe_s, VFP_INLINE(CMPE, 0), IRH_NO_GLOBALS, IRH_VOID,
                 IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(vfp_cmp_d, VFP_INLINE(CMP, 1), IRH_NO_GLOBALS, IRH_VOID,
                 IRH_ENV, IRH_I64, IRH_I64);
IR_HELPER_DEF_FP(vfp_cmpe_d, VFP_INLINE(CMPE, 1), IRH_NO_GLOBALS, IRH_VOID,
                 IRH_ENV, IRH_I64, IRH_I64);

/* ---- Single <-> double ---- */

uint64_t helper_vfp_cvt_s_to_d(CPUARMState *env, uint32_t a)
{
    uint32_t fpscr = env->fpscr, exc = 0;
    uint64_t r;
    a = (uint32_t)vfp_flush_in(&vfp_f32, a, fpscr, &exc);
    if (vfp_is_nan(&vfp_f32, a)) {
        /* FPConvertNaN: sign, quiet bit, fraction moved to the top. */
        r = vfp_process_nan(&vfp_f32, a, fpscr, &exc);
        r = (fpscr & FPSCR_DN) ? VFP_F64_DEFAULT_NAN
                               : ((r & 0x80000000u) << 32) | 0x7ff0000000000000ull |
                                     ((r & 0x007fffffu) << 29);
    } else {
        HostOp h = { VOP_CVT, a, 0, 0 };
        uint32_t mx;
        r = host_run(&vfp_f64, &h, RMODE_RN, &mx); /* exact */
    }
    env->fpscr |= exc;
    return r;
}

uint32_t helper_vfp_cvt_d_to_s(CPUARMState *env, uint64_t a)
{
    uint32_t fpscr = env->fpscr, exc = 0, mx;
    uint64_t r;
    a = vfp_flush_in(&vfp_f64, a, fpscr, &exc);
    if (vfp_is_nan(&vfp_f64, a)) {
        r = vfp_process_nan(&vfp_f64, a, fpscr, &exc);
        r = (fpscr & FPSCR_DN) ? VFP_F32_DEFAULT_NAN
                               : ((r >> 32) & 0x80000000u) | 0x7f800000u |
                                     ((r >> 29) & 0x007fffffu);
    } else {
        HostOp h = { VOP_CVT, a, 0, 0 };
        float x;
        double back;
        if (vfp_rmode(fpscr) == RMODE_RN && (a & vfp_f64.exp) != vfp_f64.exp) {
            /* Fast path: a normal result is exact iff it converts back to the input. */
            __asm__("cvtsd2ss %1, %0" : "=x"(x) : "x"(f64_of(a)));
            __asm__("cvtss2sd %1, %0" : "=x"(back) : "x"(x));
            r = bits_of_f32(x);
            if ((r & vfp_f32.exp) != vfp_f32.exp && vfp_abs(&vfp_f32, r) > vfp_f32.min_normal) {
                env->fpscr |= exc | (bits_of_f64(back) != a ? FPSCR_IXC : 0);
                return (uint32_t)r;
            }
        }
        r = host_run(&vfp_f32, &h, vfp_rmode(fpscr), &mx);
        r = vfp_round_result(&vfp_f32, &h, r, mx, fpscr, &exc);
    }
    env->fpscr |= exc;
    return (uint32_t)r;
}

IR_HELPER_DEF_FP(vfp_cvt_s_to_d, VFP_INLINE(CVT, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I32);
IR_HELPER_DEF_FP(vfp_cvt_d_to_s, VFP_INLINE(CVT, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I64);

/* ---- Integer and fixed point ---- */

/* cvtsd2si: x rounded to an integer in `rmode`; |x| < 2^63. */
static int64_t host_round_to_int(double x, unsigned rmode, bool *inexact)
{
    int64_t r;
    uint32_t old = host_enter(rmode);
    __asm__ volatile("cvtsd2si %1, %0" : "=r"(r) : "x"(x));
    *inexact = (fp_host_leave(old) & MX_PE) != 0;
    return r;
}

/*
 * FPToFixed: value * 2^fbits rounded (toward zero for VCVT, else per FPSCR), then
 * saturated. Out of range (and NaN, which reads as 0) raise Invalid Operation and
 * then never also Inexact.
 */
static uint32_t vfp_to_fixed(CPUARMState *env, const VfpFmt *f, uint64_t a, uint32_t desc)
{
    uint32_t fpscr = env->fpscr, exc = 0;
    unsigned fbits = desc & VFP_FIX_FBITS_MASK;
    bool is_unsigned = desc & VFP_FIX_UNSIGNED;
    unsigned rmode = (desc & VFP_FIX_RZ) ? RMODE_RZ : vfp_rmode(fpscr);
    int64_t lo, hi, v;
    bool inexact = false;
    uint32_t r;

    if (desc & VFP_FIX_SIZE16) {
        lo = is_unsigned ? 0 : -32768;
        hi = is_unsigned ? 65535 : 32767;
    } else {
        lo = is_unsigned ? 0 : INT32_MIN;
        hi = is_unsigned ? UINT32_MAX : INT32_MAX;
    }
    a = vfp_flush_in(f, a, fpscr, &exc);
    if (vfp_is_nan(f, a)) {
        env->fpscr |= exc | FPSCR_IOC;
        return 0;
    }
    /* Exact: a power-of-two scale of a double (overflow to infinity saturates anyway). */
    double x = vfp_to_host_double(f, a) * (double)(1ull << fbits);
    if (!(fabs(x) < 0x1p63)) {
        v = x < 0 ? INT64_MIN : INT64_MAX;
    } else if (rmode == RMODE_RZ) {
        v = (int64_t)x; /* cvttsd2si: truncates whatever MXCSR says */
        inexact = (double)v != x;
    } else {
        v = host_round_to_int(x, rmode, &inexact);
    }
    if (v < lo || v > hi) {
        r = (uint32_t)(v < lo ? lo : hi);
        exc |= FPSCR_IOC;
    } else {
        r = (uint32_t)v;
        exc |= inexact ? FPSCR_IXC : 0;
    }
    env->fpscr |= exc;
    return r;
}

uint32_t helper_vfp_to_fixed_s(CPUARMState *env, uint32_t a, uint32_t desc)
{
    return vfp_to_fixed(env, &vfp_f32, a, desc);
}

uint32_t helper_vfp_to_fixed_d(CPUARMState *env, uint64_t a, uint32_t desc)
{
    return vfp_to_fixed(env, &vfp_f64, a, desc);
}

/* FixedToFP: the exact integer rounded once to the format, then scaled exactly. */
static uint64_t vfp_from_fixed(CPUARMState *env, const VfpFmt *f, uint32_t x, uint32_t desc)
{
    unsigned fbits = desc & VFP_FIX_FBITS_MASK;
    bool is_unsigned = desc & VFP_FIX_UNSIGNED;
    int64_t v;
    uint64_t r;
    uint32_t mx;

    if (desc & VFP_FIX_SIZE16) {
        v = is_unsigned ? (int64_t)(uint16_t)x : (int64_t)(int16_t)x;
    } else {
        v = is_unsigned ? (int64_t)x : (int64_t)(int32_t)x;
    }
    if (f->dp || (v >= -(1 << 24) && v <= (1 << 24))) {
        /* Exact: no rounding, no flags. */
        return f->dp ? bits_of_f64((double)v / (double)(1ull << fbits))
                     : bits_of_f32((float)v / (float)(1ull << fbits));
    }
    uint32_t old = host_enter((desc & VFP_FIX_RN) ? RMODE_RN : vfp_rmode(env->fpscr));
    if (f->dp) {
        double d;
        __asm__ volatile("cvtsi2sdq %1, %0" : "=x"(d) : "r"(v));
        mx = fp_host_leave(old);
        r = bits_of_f64(d / (double)(1ull << fbits));
    } else {
        float s;
        __asm__ volatile("cvtsi2ssq %1, %0" : "=x"(s) : "r"(v));
        mx = fp_host_leave(old);
        r = bits_of_f32(s / (float)(1ull << fbits));
    }
    env->fpscr |= (mx & MX_PE) ? FPSCR_IXC : 0;
    return r;
}

uint32_t helper_vfp_from_fixed_s(CPUARMState *env, uint32_t x, uint32_t desc)
{
    return (uint32_t)vfp_from_fixed(env, &vfp_f32, x, desc);
}

uint64_t helper_vfp_from_fixed_d(CPUARMState *env, uint32_t x, uint32_t desc)
{
    return vfp_from_fixed(env, &vfp_f64, x, desc);
}

IR_HELPER_DEF_FP(vfp_to_fixed_s, VFP_INLINE(TO_INT, 0), IRH_NO_GLOBALS, IRH_I32,
                 IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(vfp_to_fixed_d, VFP_INLINE(TO_INT, 1), IRH_NO_GLOBALS, IRH_I32,
                 IRH_ENV, IRH_I64, IRH_I32);
IR_HELPER_DEF_FP(vfp_from_fixed_s, VFP_INLINE(FROM_INT, 0), IRH_NO_GLOBALS, IRH_I32,
                 IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(vfp_from_fixed_d, VFP_INLINE(FROM_INT, 1), IRH_NO_GLOBALS, IRH_I64,
                 IRH_ENV, IRH_I32, IRH_I32);

/* ---- Half precision ---- */

/*
 * FPRound to half precision of sign * sig * 2^e2 (sig != 0), in integer arithmetic.
 * FZ never applies to a half-precision result. With AHP the top exponent is a normal
 * binade and overflow saturates to the largest value with Invalid Operation.
 */
static uint32_t vfp_round_f16(bool sign, uint64_t sig, int e2, unsigned rmode, bool ahp,
                              uint32_t *exc)
{
    int msb = 63 - __builtin_clzll(sig);
    int e = msb + e2;                   /* value in [2^e, 2^(e+1)) */
    bool tiny = e < -14;
    int q = tiny ? -24 : e - 10;        /* exponent of one unit in the last place */
    int shift = q - e2;                 /* low bits of sig below that unit */
    uint64_t mant, rem = 0, half = 0;
    bool below_half = false;

    if (shift <= 0) {
        mant = sig << -shift;
    } else if (shift >= 64) {
        mant = 0;
        below_half = true; /* tiny, far below: sig < 2^(shift - 9) */
    } else {
        mant = sig >> shift;
        rem = sig & ((1ull << shift) - 1);
        half = 1ull << (shift - 1);
    }
    bool inexact = below_half || rem != 0;
    bool inc = false;
    if (inexact) {
        switch (rmode) {
        case RMODE_RN:
            inc = !below_half && (rem > half || (rem == half && (mant & 1)));
            break;
        case RMODE_RP: inc = !sign; break;
        case RMODE_RM: inc = sign; break;
        default: break;
        }
    }
    mant += inc;
    /* Denormal: the exponent field is 0 (a carry into bit 10 makes it the smallest normal). */
    uint32_t r = tiny ? (uint32_t)mant : (uint32_t)((e + 15) << 10) + (uint32_t)mant - 0x400;
    uint32_t s = sign ? 0x8000 : 0;
    if (!ahp && r >= 0x7c00) {
        *exc |= FPSCR_OFC | FPSCR_IXC;
        bool to_inf = rmode == RMODE_RN || (rmode == RMODE_RP && !sign) ||
                      (rmode == RMODE_RM && sign);
        return s | (to_inf ? 0x7c00 : 0x7bff);
    }
    if (ahp && r > 0x7fff) {
        *exc |= FPSCR_IOC;
        return s | 0x7fff;
    }
    if (inexact) {
        *exc |= FPSCR_IXC | (tiny ? FPSCR_UFC : 0);
    }
    return s | r;
}

/* FPConvert to half precision from f32 or f64 bits. */
static uint32_t vfp_to_f16(CPUARMState *env, const VfpFmt *f, uint64_t a)
{
    uint32_t fpscr = env->fpscr, exc = 0, r;
    bool ahp = fpscr & FPSCR_AHP;
    unsigned frac_bits = f->dp ? 52 : 23;
    int bias = f->dp ? 1023 : 127;

    a = vfp_flush_in(f, a, fpscr, &exc);
    bool sign = (a & f->sign) != 0;
    uint32_t s = sign ? 0x8000 : 0;
    uint64_t frac = a & f->frac;
    int exp = (int)((a & f->exp) >> frac_bits);
    if (vfp_is_nan(f, a)) {
        if (ahp) {
            r = s; /* no NaNs in the alternative format: a zero */
            exc |= FPSCR_IOC;
        } else {
            exc |= vfp_is_snan(f, a) ? FPSCR_IOC : 0;
            r = (fpscr & FPSCR_DN) ? 0x7e00 : s | 0x7e00 | (uint32_t)(frac >> (frac_bits - 10));
        }
    } else if ((a & f->exp) == f->exp) {
        if (ahp) {
            r = s | 0x7fff;
            exc |= FPSCR_IOC;
        } else {
            r = s | 0x7c00;
        }
    } else if (vfp_abs(f, a) == 0) {
        r = s;
    } else {
        uint64_t sig = exp ? frac | (1ull << frac_bits) : frac;
        int e2 = (exp ? exp : 1) - bias - (int)frac_bits;
        r = vfp_round_f16(sign, sig, e2, vfp_rmode(fpscr), ahp, &exc);
    }
    env->fpscr |= exc;
    return r;
}

/* FPConvert from half precision: exact; half denormals are never flushed. */
static uint64_t vfp_from_f16(CPUARMState *env, const VfpFmt *f, uint32_t h)
{
    uint32_t fpscr = env->fpscr;
    bool sign = h & 0x8000;
    unsigned exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
    unsigned frac_bits = f->dp ? 52 : 23;
    uint64_t s = sign ? f->sign : 0;

    if (exp == 31 && !(fpscr & FPSCR_AHP)) {
        if (frac == 0) {
            return s | f->exp;
        }
        if (!(frac & 0x200)) {
            env->fpscr |= FPSCR_IOC;
        }
        if (fpscr & FPSCR_DN) {
            return f->default_nan;
        }
        return s | f->exp | f->quiet | ((uint64_t)frac << (frac_bits - 10));
    }
    if (exp == 0 && frac == 0) {
        return s;
    }
    /* Exact in both formats: at most 11 significant bits, exponent in [-24, 16]. */
    double v = ldexp(exp ? (double)(frac | 0x400) : (double)frac, (exp ? (int)exp : 1) - 25);
    v = sign ? -v : v;
    return f->dp ? bits_of_f64(v) : bits_of_f32((float)v);
}

uint32_t helper_vfp_f16_to_f32(CPUARMState *env, uint32_t h)
{
    return (uint32_t)vfp_from_f16(env, &vfp_f32, h & 0xffff);
}

uint32_t helper_vfp_f32_to_f16(CPUARMState *env, uint32_t a)
{
    return vfp_to_f16(env, &vfp_f32, a);
}

uint64_t helper_vfp_f16_to_f64(CPUARMState *env, uint32_t h)
{
    return vfp_from_f16(env, &vfp_f64, h & 0xffff);
}

uint32_t helper_vfp_f64_to_f16(CPUARMState *env, uint64_t a)
{
    return vfp_to_f16(env, &vfp_f64, a);
}

IR_HELPER_DEF(vfp_f16_to_f32, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF(vfp_f32_to_f16, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF(vfp_f16_to_f64, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I32);
IR_HELPER_DEF(vfp_f64_to_f16, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I64);

/* ---- VFPExpandImm ---- */

/* imm8 = abcdefgh: a, NOT(b), b replicated, cdefgh, then zeros. */
uint32_t vfp_expand_imm_s(uint8_t imm8)
{
    uint32_t a = imm8 >> 7, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3f;
    return (a << 31) | ((b ^ 1) << 30) | ((b ? 0x1fu : 0) << 25) | (cdefgh << 19);
}

uint64_t vfp_expand_imm_d(uint8_t imm8)
{
    uint64_t a = imm8 >> 7, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3f;
    return (a << 63) | ((b ^ 1) << 62) | ((b ? 0xffull : 0) << 54) | (cdefgh << 48);
}
