/*
 * MIPS FPU helpers: IEEE arithmetic with the MIPS32r2 FCSR semantics on the host's SSE
 * unit. x86 and MIPS agree on everything IEEE 754 fixes (correct rounding in each mode,
 * tininess detected after rounding, Underflow only when tiny and inexact), so for
 * non-NaN operands the host result and MXCSR's flags are the MIPS result and cause
 * bits. The code around it supplies what differs:
 *  - NaNs. FCSR.NAN2008 = 0 (legacy): a quiet NaN has the top fraction bit clear, and
 *    every NaN result is the default NaN 0x7fbfffff / 0x7ff7ffffffffffff (as qemu-mips,
 *    which runs its softfloat in default-NaN mode then); Invalid when an operand is a
 *    (legacy) signalling NaN. NAN2008 = 1: IEEE encodings, the first signalling NaN
 *    operand (quieted) or else the first quiet one propagates, default NaN 0x7fc00000.
 *  - FCSR.FS: a result tiny before rounding becomes a zero of its sign with no cause
 *    bits at all; operands are not flushed (what qemu-mips does: softfloat's
 *    flush_to_zero without flush_inputs_to_zero, and no MIPS cause for its
 *    output_denormal flag).
 *  - Float -> integer: NaN and out-of-range give 0x7fffffff / 0x7fffffffffffffff with
 *    Invalid (legacy); with NAN2008, saturation by sign and NaN -> 0.
 * A round-to-nearest fast path without MXCSR (error-free transformations with the
 * host's FMA tell whether a result is exact) covers the common case; the general path
 * loads MXCSR with the FCSR rounding mode and reads its flags back. References: MIPS32
 * Architecture Vol. I (FPU) and Vol. II (instructions), qemu-mips 7.2 behaviour.
 */
#include "frontend/mips/fpu_helper.h"
#include "frontend/fpbits.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define MIPS_INLINE(OP, DP)                                                             \
    (&(const IRFpInline){ .op = IR_FP_##OP, .dp = (DP), .flavour = IR_FP_MIPS,          \
                          .csr_off = offsetof(CPUMIPSState, fcsr) })

/* ---- Formats ---- */

typedef struct Fmt {
    bool dp;
    uint64_t sign, exp, frac, quiet, min_normal, dnan_legacy, dnan_2008;
} Fmt;

static const Fmt f32 = {
    false, 0x80000000u, 0x7f800000u, 0x007fffffu, 0x00400000u, 0x00800000u,
    MIPS_F32_DNAN_LEGACY, MIPS_F32_DNAN_2008,
};
static const Fmt f64 = {
    true, 1ull << 63, 0x7ff0000000000000ull, 0x000fffffffffffffull, 1ull << 51,
    0x0010000000000000ull, MIPS_F64_DNAN_LEGACY, MIPS_F64_DNAN_2008,
};

static bool is_nan(const Fmt *f, uint64_t a)
{
    return (a & f->exp) == f->exp && (a & f->frac) != 0;
}

/* Signalling: quiet bit set (legacy) or clear (NAN2008). */
static bool is_snan(const Fmt *f, uint64_t a, uint32_t fcsr)
{
    return is_nan(f, a) && ((a & f->quiet) != 0) == !(fcsr & FCSR_NAN2008);
}

static uint64_t mag_of(const Fmt *f, uint64_t a)
{
    return a & ~f->sign;
}

static uint64_t default_nan(const Fmt *f, uint32_t fcsr)
{
    return (fcsr & FCSR_NAN2008) ? f->dnan_2008 : f->dnan_legacy;
}

/*
 * NaN operands: returns true with *r the result. Invalid if any is signalling; legacy:
 * the default NaN; 2008: the first signalling one quieted, else the first quiet one.
 */
static bool process_nans(const Fmt *f, uint32_t fcsr, const uint64_t *ops, unsigned n,
                         uint32_t *exc, uint64_t *r)
{
    int first_s = -1, first_q = -1;
    for (unsigned i = 0; i < n; i++) {
        if (!is_nan(f, ops[i])) {
            continue;
        }
        if (is_snan(f, ops[i], fcsr)) {
            first_s = first_s < 0 ? (int)i : first_s;
        } else {
            first_q = first_q < 0 ? (int)i : first_q;
        }
    }
    if (first_s < 0 && first_q < 0) {
        return false;
    }
    if (first_s >= 0) {
        *exc |= FP_V;
    }
    if (!(fcsr & FCSR_NAN2008)) {
        *r = f->dnan_legacy;
    } else {
        *r = first_s >= 0 ? ops[first_s] | f->quiet : ops[first_q];
    }
    return true;
}

/* ---- Bits ---- */

/* Value of a non-NaN operand as a host double (exact for both formats). */
static double to_double(const Fmt *f, uint64_t a)
{
    return f->dp ? f64_of(a) : (double)f32_of(a);
}

/* ---- The host FPU ---- */

enum { MX_IE = 1, MX_DE = 2, MX_ZE = 4, MX_OE = 8, MX_UE = 16, MX_PE = 32 };
enum { RM_RN = 0, RM_RZ = 1, RM_RP = 2, RM_RM = 3 }; /* FCSR.RM */

/* FCSR.RM (nearest, zero, +inf, -inf) to MXCSR.RC (nearest, down, up, zero). */
static const uint32_t mxcsr_rc[4] = { 0u << 13, 3u << 13, 2u << 13, 1u << 13 };

/* MXCSR flags to MIPS exception bits. */
static uint32_t mx_to_mips(uint32_t mx)
{
    return ((mx & MX_IE) ? FP_V : 0) | ((mx & MX_ZE) ? FP_Z : 0) |
           ((mx & MX_OE) ? FP_O : 0) | ((mx & MX_UE) ? FP_U : 0) |
           ((mx & MX_PE) ? FP_I : 0);
}

/* MXCSR set up for guest rounding mode `rm` (see fp_host_enter). */
static uint32_t host_enter(unsigned rm)
{
    return fp_host_enter(mxcsr_rc[rm & 3]);
}

typedef enum HOp { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT, H_CVT, H_I2F } HOp;

/*
 * op in the format f, rounding mode rm, MXCSR flags to *mx. H_CVT: a holds the other
 * format's bits; H_I2F: a is a signed 64-bit integer.
 */
static uint64_t host_run(const Fmt *f, HOp op, uint64_t a, uint64_t b, unsigned rm,
                         uint32_t *mx)
{
    uint32_t old = host_enter(rm);
    uint64_t r;
    if (!f->dp) {
        float x = f32_of(a), y = f32_of(b);
        double xd = f64_of(a);
        int64_t xi = (int64_t)a;
        switch (op) {
        case H_ADD: __asm__ volatile("addss %1, %0" : "+x"(x) : "x"(y)); break;
        case H_SUB: __asm__ volatile("subss %1, %0" : "+x"(x) : "x"(y)); break;
        case H_MUL: __asm__ volatile("mulss %1, %0" : "+x"(x) : "x"(y)); break;
        case H_DIV: __asm__ volatile("divss %1, %0" : "+x"(x) : "x"(y)); break;
        case H_SQRT: __asm__ volatile("sqrtss %0, %0" : "+x"(x)); break;
        case H_CVT: __asm__ volatile("cvtsd2ss %1, %0" : "=x"(x) : "x"(xd)); break;
        case H_I2F: __asm__ volatile("cvtsi2ssq %1, %0" : "=x"(x) : "r"(xi)); break;
        }
        r = bits_of_f32(x);
    } else {
        double x = f64_of(a), y = f64_of(b);
        float xs = f32_of(a);
        int64_t xi = (int64_t)a;
        switch (op) {
        case H_ADD: __asm__ volatile("addsd %1, %0" : "+x"(x) : "x"(y)); break;
        case H_SUB: __asm__ volatile("subsd %1, %0" : "+x"(x) : "x"(y)); break;
        case H_MUL: __asm__ volatile("mulsd %1, %0" : "+x"(x) : "x"(y)); break;
        case H_DIV: __asm__ volatile("divsd %1, %0" : "+x"(x) : "x"(y)); break;
        case H_SQRT: __asm__ volatile("sqrtsd %0, %0" : "+x"(x)); break;
        case H_CVT: __asm__ volatile("cvtss2sd %1, %0" : "=x"(x) : "x"(xs)); break;
        case H_I2F: __asm__ volatile("cvtsi2sdq %1, %0" : "=x"(x) : "r"(xi)); break;
        }
        r = bits_of_f64(x);
    }
    *mx = fp_host_leave(old);
    return r;
}

/*
 * The MIPS view of a host result r (non-NaN operands): a NaN is an Invalid Operation
 * (x86's default NaN is negative: the MIPS one instead); with FS a result tiny before
 * rounding is flushed. r below the smallest normal was tiny; r exactly the smallest
 * normal and inexact may be a tiny value rounded up, which the same op rounded toward
 * zero tells apart.
 */
static uint64_t fix_result(const Fmt *f, uint32_t fcsr, HOp op, uint64_t a, uint64_t b,
                           uint64_t r, uint32_t mx, uint32_t *exc)
{
    if (is_nan(f, r)) {
        *exc |= mx_to_mips(mx);
        return default_nan(f, fcsr);
    }
    if (fcsr & FCSR_FS) {
        uint64_t mag = mag_of(f, r);
        bool tiny = false;
        if (mag < f->min_normal) {
            tiny = mag != 0 || (mx & MX_PE);
        } else if (mag == f->min_normal && (mx & MX_PE)) {
            uint32_t mx_rz;
            tiny = mag_of(f, host_run(f, op, a, b, RM_RZ, &mx_rz)) < f->min_normal;
        }
        if (tiny) {
            return r & f->sign;
        }
    }
    *exc |= mx_to_mips(mx);
    return r;
}

/* libgcc initialises the CPU model before main: a load and a test. */
static bool host_has_fma(void)
{
    return __builtin_cpu_supports("fma");
}

/*
 * Round-to-nearest without MXCSR: for finite operands with a normal (or exactly zero)
 * result the only possible cause is Inexact, and an error-free transformation says
 * whether the result is exact: TwoSum for add/sub, the FMA residual a*b - r, a - q*b,
 * a - q*q for mul, div, sqrt (exact while nothing underflows, which the guard
 * magnitudes 2^(emin + 2p + 4) ensure). Anything else returns false. Inline asm keeps
 * the compiler from contracting or reordering; the host MXCSR is the default one.
 */
#define FAST_OPS(T, SFX)                                                                \
    static inline T add_##SFX(T a, T b)                                                 \
    { __asm__("add" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T sub_##SFX(T a, T b)                                                 \
    { __asm__("sub" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T mul_##SFX(T a, T b)                                                 \
    { __asm__("mul" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T div_##SFX(T a, T b)                                                 \
    { __asm__("div" #SFX " %1, %0" : "+x"(a) : "x"(b)); return a; }                     \
    static inline T sqrt_##SFX(T a)                                                     \
    { __asm__("sqrt" #SFX " %0, %0" : "+x"(a)); return a; }                             \
    /* c - a * b with one rounding */                                                   \
    static inline T fnma_##SFX(T a, T b, T c)                                           \
    { __asm__("vfnmadd231" #SFX " %2, %1, %0" : "+x"(c) : "x"(a), "x"(b)); return c; }  \
    static bool fast_rn_##SFX(const Fmt *f, HOp op, uint64_t ua, uint64_t ub,           \
                              uint64_t *out, bool *inexact)                             \
    {                                                                                   \
        const T guard = sizeof(T) == 4 ? (T)0x1p-74 : (T)0x1p-912;                      \
        if ((ua & f->exp) == f->exp || (ub & f->exp) == f->exp) {                       \
            return false;                                                               \
        }                                                                               \
        T a, b, r, e = 0;                                                               \
        memcpy(&a, &ua, sizeof(T));                                                     \
        memcpy(&b, &ub, sizeof(T));                                                     \
        bool a0 = mag_of(f, ua) == 0, b0 = mag_of(f, ub) == 0;                          \
        switch (op) {                                                                   \
        case H_SUB:                                                                     \
            b = -b;                                                                     \
            /* fall through */                                                          \
        case H_ADD: {                                                                   \
            r = add_##SFX(a, b);                                                        \
            T bb = sub_##SFX(r, a);                                                     \
            e = add_##SFX(sub_##SFX(a, sub_##SFX(r, bb)), sub_##SFX(b, bb));            \
            break;                                                                      \
        }                                                                               \
        case H_MUL:                                                                     \
            r = mul_##SFX(a, b);                                                        \
            if (a0 || b0) {                                                             \
                break;                                                                  \
            }                                                                           \
            if (!(r > guard || r < -guard)) {                                           \
                return false;                                                           \
            }                                                                           \
            e = fnma_##SFX(a, b, r);                                                    \
            break;                                                                      \
        case H_DIV:                                                                     \
            if (b0) {                                                                   \
                return false;                                                           \
            }                                                                           \
            r = div_##SFX(a, b);                                                        \
            if (a0) {                                                                   \
                break;                                                                  \
            }                                                                           \
            if (!(a > guard || a < -guard)) {                                           \
                return false;                                                           \
            }                                                                           \
            e = fnma_##SFX(r, b, a);                                                    \
            break;                                                                      \
        case H_SQRT:                                                                    \
            if ((ua & f->sign) && !a0) {                                                \
                return false;                                                           \
            }                                                                           \
            r = sqrt_##SFX(a);                                                          \
            if (a0) {                                                                   \
                break;                                                                  \
            }                                                                           \
            if (!(a > guard)) {                                                         \
                return false;                                                           \
            }                                                                           \
            e = fnma_##SFX(r, r, a);                                                    \
            break;                                                                      \
        default:                                                                        \
            return false;                                                               \
        }                                                                               \
        uint64_t ur = 0;                                                                \
        memcpy(&ur, &r, sizeof(T));                                                     \
        if ((ur & f->exp) == f->exp) {                                                  \
            return false;                                                               \
        }                                                                               \
        if (mag_of(f, ur) <= f->min_normal && !(mag_of(f, ur) == 0 && e == 0)) {        \
            return false;                                                               \
        }                                                                               \
        *out = ur;                                                                      \
        *inexact = e != 0;                                                              \
        return true;                                                                    \
    }

FAST_OPS(float, ss)
FAST_OPS(double, sd)

/* One arithmetic op (add, sub, mul, div, sqrt) with MIPS semantics; cause bits to *exc. */
static uint64_t fpu_arith(uint32_t fcsr, const Fmt *f, HOp op, uint64_t a, uint64_t b,
                          uint32_t *exc)
{
    uint64_t ops[2] = { a, b }, r;
    if (process_nans(f, fcsr, ops, op == H_SQRT ? 1 : 2, exc, &r)) {
        return r;
    }
    if ((fcsr & (FCSR_RM_MASK | FCSR_FS)) == 0 && host_has_fma()) {
        bool inexact;
        if (f->dp ? fast_rn_sd(f, op, a, b, &r, &inexact)
                  : fast_rn_ss(f, op, a, b, &r, &inexact)) {
            *exc |= inexact ? FP_I : 0;
            return r;
        }
    }
    uint32_t mx;
    r = host_run(f, op, a, b, fcsr & FCSR_RM_MASK, &mx);
    return fix_result(f, fcsr, op, a, b, r, mx, exc);
}

/*
 * FCSR after an op that raised exc: the cause field is overwritten; the flags take exc
 * unless an enabled exception traps (then the translated code raises SIGFPE).
 */
static void fpu_finish(CPUMIPSState *env, uint32_t exc)
{
    uint32_t fcsr = env->fcsr;
    uint32_t n = (fcsr & ~(0x3fu << FCSR_CAUSE_SHIFT)) | exc << FCSR_CAUSE_SHIFT;
    if (!(exc & (fcsr >> FCSR_ENABLES_SHIFT) & 0x1f)) {
        n |= exc << FCSR_FLAGS_SHIFT;
    }
    env->fcsr = n;
}

static bool fpu_traps(CPUMIPSState *env, uint32_t exc)
{
    return (exc & (env->fcsr >> FCSR_ENABLES_SHIFT) & 0x1f) != 0;
}

/* ---- Arithmetic ---- */

#define BINOP(name, OP)                                                                 \
    uint32_t helper_mips_##name##_s(CPUMIPSState *env, uint32_t a, uint32_t b)          \
    {                                                                                   \
        uint32_t exc = 0;                                                               \
        uint32_t r = (uint32_t)fpu_arith(env->fcsr, &f32, OP, a, b, &exc);              \
        fpu_finish(env, exc);                                                           \
        return r;                                                                       \
    }                                                                                   \
    uint64_t helper_mips_##name##_d(CPUMIPSState *env, uint64_t a, uint64_t b)          \
    {                                                                                   \
        uint32_t exc = 0;                                                               \
        uint64_t r = fpu_arith(env->fcsr, &f64, OP, a, b, &exc);                        \
        fpu_finish(env, exc);                                                           \
        return r;                                                                       \
    }

BINOP(add, H_ADD)
BINOP(sub, H_SUB)
BINOP(mul, H_MUL)
BINOP(div, H_DIV)

uint32_t helper_mips_sqrt_s(CPUMIPSState *env, uint32_t a)
{
    uint32_t exc = 0;
    uint32_t r = (uint32_t)fpu_arith(env->fcsr, &f32, H_SQRT, a, 0, &exc);
    fpu_finish(env, exc);
    return r;
}

uint64_t helper_mips_sqrt_d(CPUMIPSState *env, uint64_t a)
{
    uint32_t exc = 0;
    uint64_t r = fpu_arith(env->fcsr, &f64, H_SQRT, a, 0, &exc);
    fpu_finish(env, exc);
    return r;
}

static uint64_t fpu_one(const Fmt *f)
{
    return f->dp ? 0x3ff0000000000000ull : 0x3f800000u;
}

static uint64_t fpu_recip(CPUMIPSState *env, const Fmt *f, uint64_t a, bool rsqrt)
{
    uint32_t exc = 0, fcsr = env->fcsr;
    if (rsqrt) {
        a = fpu_arith(fcsr, f, H_SQRT, a, 0, &exc);
    }
    uint64_t r = fpu_arith(fcsr, f, H_DIV, fpu_one(f), a, &exc);
    fpu_finish(env, exc);
    return r;
}

uint32_t helper_mips_recip_s(CPUMIPSState *env, uint32_t a)
{
    return (uint32_t)fpu_recip(env, &f32, a, false);
}

uint64_t helper_mips_recip_d(CPUMIPSState *env, uint64_t a)
{
    return fpu_recip(env, &f64, a, false);
}

uint32_t helper_mips_rsqrt_s(CPUMIPSState *env, uint32_t a)
{
    return (uint32_t)fpu_recip(env, &f32, a, true);
}

uint64_t helper_mips_rsqrt_d(CPUMIPSState *env, uint64_t a)
{
    return fpu_recip(env, &f64, a, true);
}

/* MADD family: not fused on MIPS32r2; the causes of both steps together. */
static uint64_t fpu_madd(CPUMIPSState *env, const Fmt *f, uint64_t fs, uint64_t ft,
                         uint64_t fr, uint32_t kind)
{
    uint32_t exc = 0, fcsr = env->fcsr;
    uint64_t p = fpu_arith(fcsr, f, H_MUL, fs, ft, &exc);
    uint64_t r = fpu_arith(fcsr, f, (kind & 1) ? H_SUB : H_ADD, p, fr, &exc);
    if (kind & 2) {
        r ^= f->sign;
    }
    fpu_finish(env, exc);
    return r;
}

uint32_t helper_mips_madd_s(CPUMIPSState *env, uint32_t fs, uint32_t ft, uint32_t fr,
                            uint32_t kind)
{
    return (uint32_t)fpu_madd(env, &f32, fs, ft, fr, kind);
}

uint64_t helper_mips_madd_d(CPUMIPSState *env, uint64_t fs, uint64_t ft, uint64_t fr,
                            uint32_t kind)
{
    return fpu_madd(env, &f64, fs, ft, fr, kind);
}

IR_HELPER_DEF_FP(mips_add_s, MIPS_INLINE(ADD, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(mips_sub_s, MIPS_INLINE(SUB, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(mips_mul_s, MIPS_INLINE(MUL, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(mips_div_s, MIPS_INLINE(DIV, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF_FP(mips_add_d, MIPS_INLINE(ADD, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64, IRH_I64);
IR_HELPER_DEF_FP(mips_sub_d, MIPS_INLINE(SUB, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64, IRH_I64);
IR_HELPER_DEF_FP(mips_mul_d, MIPS_INLINE(MUL, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64, IRH_I64);
IR_HELPER_DEF_FP(mips_div_d, MIPS_INLINE(DIV, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64, IRH_I64);
IR_HELPER_DEF_FP(mips_sqrt_s, MIPS_INLINE(SQRT, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF_FP(mips_sqrt_d, MIPS_INLINE(SQRT, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64);
IR_HELPER_DEF(mips_recip_s, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF(mips_recip_d, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64);
IR_HELPER_DEF(mips_rsqrt_s, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF(mips_rsqrt_d, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64);
IR_HELPER_DEF(mips_madd_s, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32, IRH_I32, IRH_I32, IRH_I32);
IR_HELPER_DEF(mips_madd_d, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64, IRH_I64, IRH_I64, IRH_I32);

/* ---- Compare ---- */

/*
 * C.cond.fmt: cond bit 0 unordered, bit 1 equal, bit 2 less than, bit 3 signalling
 * (Invalid on quiet NaNs too). A trapping compare leaves the condition code alone.
 */
static void fpu_cmp(CPUMIPSState *env, const Fmt *f, uint64_t a, uint64_t b, uint32_t desc)
{
    uint32_t fcsr = env->fcsr, cond = desc & 15, exc = 0;
    bool c;
    if (is_nan(f, a) || is_nan(f, b)) {
        if ((cond & 8) || is_snan(f, a, fcsr) || is_snan(f, b, fcsr)) {
            exc = FP_V;
        }
        c = cond & 1;
    } else {
        double x = to_double(f, a), y = to_double(f, b);
        c = ((cond & 4) && x < y) || ((cond & 2) && x == y);
    }
    bool trap = fpu_traps(env, exc);
    fpu_finish(env, exc);
    if (!trap) {
        uint32_t bit = 1u << fcsr_fcc_bit((desc >> 4) & 7);
        env->fcsr = c ? env->fcsr | bit : env->fcsr & ~bit;
    }
}

void helper_mips_cmp_s(CPUMIPSState *env, uint32_t a, uint32_t b, uint32_t desc)
{
    fpu_cmp(env, &f32, a, b, desc);
}

void helper_mips_cmp_d(CPUMIPSState *env, uint64_t a, uint64_t b, uint32_t desc)
{
    fpu_cmp(env, &f64, a, b, desc);
}

IR_HELPER_DEF(mips_cmp_s, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32, IRH_I32, IRH_I32);
IR_HELPER_DEF(mips_cmp_d, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I64, IRH_I64, IRH_I32);

/* ---- Conversions between formats ---- */

uint64_t helper_mips_cvt_d_s(CPUMIPSState *env, uint32_t a)
{
    uint32_t fcsr = env->fcsr, exc = 0;
    uint64_t r;
    if (is_nan(&f32, a)) {
        exc = is_snan(&f32, a, fcsr) ? FP_V : 0;
        /* 2008: sign and fraction (quieted) moved to the top. */
        r = !(fcsr & FCSR_NAN2008)
                ? f64.dnan_legacy
                : ((uint64_t)(a & 0x80000000u) << 32) | f64.exp | f64.quiet |
                      ((uint64_t)(a & 0x007fffffu) << 29);
    } else {
        r = bits_of_f64((double)f32_of(a)); /* exact */
    }
    fpu_finish(env, exc);
    return r;
}

uint32_t helper_mips_cvt_s_d(CPUMIPSState *env, uint64_t a)
{
    uint32_t fcsr = env->fcsr, exc = 0, mx;
    uint64_t r;
    if (is_nan(&f64, a)) {
        exc = is_snan(&f64, a, fcsr) ? FP_V : 0;
        r = !(fcsr & FCSR_NAN2008)
                ? f32.dnan_legacy
                : (uint32_t)((a >> 32) & 0x80000000u) | 0x7fc00000u |
                      (uint32_t)((a >> 29) & 0x007fffffu);
        fpu_finish(env, exc);
        return (uint32_t)r;
    }
    if ((fcsr & (FCSR_RM_MASK | FCSR_FS)) == 0 && (a & f64.exp) != f64.exp) {
        /* A normal result is exact iff it converts back to the operand. */
        float x;
        double back;
        __asm__("cvtsd2ss %1, %0" : "=x"(x) : "x"(f64_of(a)));
        __asm__("cvtss2sd %1, %0" : "=x"(back) : "x"(x));
        r = bits_of_f32(x);
        if ((r & f32.exp) != f32.exp && mag_of(&f32, r) > f32.min_normal) {
            fpu_finish(env, bits_of_f64(back) != a ? FP_I : 0);
            return (uint32_t)r;
        }
    }
    r = host_run(&f32, H_CVT, a, 0, fcsr & FCSR_RM_MASK, &mx);
    r = fix_result(&f32, fcsr, H_CVT, a, 0, r, mx, &exc);
    fpu_finish(env, exc);
    return (uint32_t)r;
}

/* Integer -> float, rounded per FCSR.RM (exact for W -> D). */
static uint64_t fpu_from_int(CPUMIPSState *env, const Fmt *f, int64_t v)
{
    uint32_t mx = 0;
    uint64_t r;
    if (f->dp ? (v >= -(1ll << 53) && v <= (1ll << 53)) : (v >= -(1 << 24) && v <= (1 << 24))) {
        r = f->dp ? bits_of_f64((double)v) : bits_of_f32((float)v);
    } else {
        r = host_run(f, H_I2F, (uint64_t)v, 0, env->fcsr & FCSR_RM_MASK, &mx);
    }
    fpu_finish(env, (mx & MX_PE) ? FP_I : 0);
    return r;
}

uint32_t helper_mips_cvt_s_w(CPUMIPSState *env, uint32_t a)
{
    return (uint32_t)fpu_from_int(env, &f32, (int32_t)a);
}

uint64_t helper_mips_cvt_d_w(CPUMIPSState *env, uint32_t a)
{
    return fpu_from_int(env, &f64, (int32_t)a);
}

uint32_t helper_mips_cvt_s_l(CPUMIPSState *env, uint64_t a)
{
    return (uint32_t)fpu_from_int(env, &f32, (int64_t)a);
}

uint64_t helper_mips_cvt_d_l(CPUMIPSState *env, uint64_t a)
{
    return fpu_from_int(env, &f64, (int64_t)a);
}

/*
 * Float -> W or L in rounding mode rnd. Invalid (NaN, out of range) never also raises
 * Inexact. Legacy results 0x7fff..., 2008 saturated by sign and NaN -> 0.
 */
static uint64_t fpu_to_int(CPUMIPSState *env, const Fmt *f, uint64_t a, uint32_t rnd,
                           bool is64)
{
    uint32_t fcsr = env->fcsr;
    unsigned rm = rnd == MIPS_RND_FCSR ? (fcsr & FCSR_RM_MASK) : (rnd & 3);
    int64_t lo = is64 ? INT64_MIN : INT32_MIN, hi = is64 ? INT64_MAX : INT32_MAX;
    uint64_t mask = is64 ? ~0ull : 0xffffffffull;
    bool nan2008 = fcsr & FCSR_NAN2008;
    uint64_t r;
    if (is_nan(f, a)) {
        fpu_finish(env, FP_V);
        return nan2008 ? 0 : (uint64_t)hi & mask;
    }
    double x = to_double(f, a);
    int64_t v;
    bool inexact = false, in_range = fabs(x) < 0x1p63;
    if (in_range) {
        if (rm == RM_RZ) {
            v = (int64_t)x;
            inexact = (double)v != x;
        } else {
            uint32_t old = host_enter(rm);
            __asm__ volatile("cvtsd2si %1, %0" : "=r"(v) : "x"(x));
            inexact = (fp_host_leave(old) & MX_PE) != 0;
        }
        in_range = v >= lo && v <= hi;
    }
    if (!in_range) {
        fpu_finish(env, FP_V);
        r = (uint64_t)(nan2008 && x < 0 ? lo : hi);
        return r & mask;
    }
    fpu_finish(env, inexact ? FP_I : 0);
    return (uint64_t)v & mask;
}

uint32_t helper_mips_to_w_s(CPUMIPSState *env, uint32_t a, uint32_t rnd)
{
    return (uint32_t)fpu_to_int(env, &f32, a, rnd, false);
}

uint32_t helper_mips_to_w_d(CPUMIPSState *env, uint64_t a, uint32_t rnd)
{
    return (uint32_t)fpu_to_int(env, &f64, a, rnd, false);
}

uint64_t helper_mips_to_l_s(CPUMIPSState *env, uint32_t a, uint32_t rnd)
{
    return fpu_to_int(env, &f32, a, rnd, true);
}

uint64_t helper_mips_to_l_d(CPUMIPSState *env, uint64_t a, uint32_t rnd)
{
    return fpu_to_int(env, &f64, a, rnd, true);
}

IR_HELPER_DEF_FP(mips_cvt_d_s, MIPS_INLINE(CVT, 1), IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I32);
IR_HELPER_DEF_FP(mips_cvt_s_d, MIPS_INLINE(CVT, 0), IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I64);
IR_HELPER_DEF(mips_cvt_s_w, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF(mips_cvt_d_w, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I32);
IR_HELPER_DEF(mips_cvt_s_l, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I64);
IR_HELPER_DEF(mips_cvt_d_l, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64);
IR_HELPER_DEF(mips_to_w_s, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF(mips_to_w_d, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I64, IRH_I32);
IR_HELPER_DEF(mips_to_l_s, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I32, IRH_I32);
IR_HELPER_DEF(mips_to_l_d, IRH_NO_GLOBALS, IRH_I64, IRH_ENV, IRH_I64, IRH_I32);

/* ---- Control registers ---- */

uint32_t helper_mips_cfc1(CPUMIPSState *env, uint32_t reg)
{
    uint32_t fcsr = env->fcsr;
    switch (reg) {
    case 0:
        return env->fir;
    case 1:
    case 5:
        return 0; /* UFR/FRE: not implemented (as a 24Kf), read as 0 like qemu */
    case 25: /* FCCR: FCC7..FCC0 */
        return ((fcsr >> 24) & 0xfe) | ((fcsr >> 23) & 1);
    case 26: /* FEXR: cause and flags */
        return fcsr & 0x0003f07cu;
    case 28: /* FENR: enables, FS (as bit 2), RM */
        return (fcsr & 0x00000f83u) | ((fcsr >> 22) & 4);
    default:
        return fcsr;
    }
}

uint32_t helper_mips_ctc1(CPUMIPSState *env, uint32_t reg, uint32_t val)
{
    uint32_t fcsr = env->fcsr;
    switch (reg) {
    case 25:
        if (val & 0xffffff00u) {
            return 0;
        }
        fcsr = (fcsr & 0x017fffffu) | ((val & 0xfe) << 24) | ((val & 1) << 23);
        break;
    case 26:
        if (val & 0x007c0000u) {
            return 0;
        }
        fcsr = (fcsr & 0xfffc0f83u) | (val & 0x0003f07cu);
        break;
    case 28:
        if (val & 0x007c0000u) {
            return 0;
        }
        fcsr = (fcsr & 0xfefff07cu) | (val & 0x00000f83u) | ((val & 4) << 22);
        break;
    case 31:
        fcsr = (val & MIPS_FCSR_WRITE_MASK) | (fcsr & ~MIPS_FCSR_WRITE_MASK);
        break;
    default:
        return 0; /* no such register: ignored (as qemu-mips for a MIPS32r2 CPU) */
    }
    env->fcsr = fcsr;
    uint32_t enables = (fcsr >> FCSR_ENABLES_SHIFT) & 0x1f;
    uint32_t cause = (fcsr >> FCSR_CAUSE_SHIFT) & 0x3f;
    env->fpmode = (env->fpmode & ~MIPS_FPMODE_TRAPS) | (enables ? MIPS_FPMODE_TRAPS : 0);
    /* Unimplemented Operation (E) has no enable: it always traps. */
    return ((enables | FP_E) & cause) ? cause : 0;
}

IR_HELPER_DEF(mips_cfc1, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32);
IR_HELPER_DEF(mips_ctc1, IRH_NO_GLOBALS, IRH_I32, IRH_ENV, IRH_I32, IRH_I32);
