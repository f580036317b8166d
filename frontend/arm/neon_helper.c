/*
 * Advanced SIMD (NEON) data-processing helpers: one C function per instruction group,
 * which reads the operands out of env->vfp_d, loops over the elements and writes the
 * result back. Register contents are copied in first, so a destination that overlaps a
 * source reads the old value, as the ARM ARM's pseudocode does. The instruction (A32
 * form) carries the op bits; neon.c has already rejected UNDEFINED encodings. Integer
 * arithmetic is done in 128 bits so that saturation and rounding see the exact result.
 * Floating point follows the ARM ARM (DDI 0406C) with the standard FPSCR value: the
 * arithmetic reuses the VFP helpers with FPSCR temporarily switched to it, the rest
 * (compare, max/min, estimates) is written out here. References: ARM ARM A7 (Advanced
 * SIMD instructions), FPRecipEstimate, FPRSqrtEstimate, UnsignedRecipEstimate,
 * FPRecipStep, FPRSqrtStep, FPMax/FPMin, FPCompare*.
 */
#include "frontend/arm/neon_helper.h"
#include "frontend/arm/vfp_helper.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

typedef __int128 s128;
typedef unsigned __int128 u128;

#define BIT(x, n) (((x) >> (n)) & 1u)
#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

/* ---- Registers and elements ---- */

/* Register numbers as the A32 encoding spells them: D:Vd, N:Vn, M:Vm. */
static unsigned reg_d(uint32_t insn) { return BIT(insn, 22) << 4 | BITS(insn, 15, 12); }
static unsigned reg_n(uint32_t insn) { return BIT(insn, 7) << 4 | BITS(insn, 19, 16); }
static unsigned reg_m(uint32_t insn) { return BIT(insn, 5) << 4 | BITS(insn, 3, 0); }

/* Copies k D registers from r on (UNPREDICTABLE numbers past D31 wrap, never overflow). */
static void rd(const CPUARMState *env, unsigned r, unsigned k, uint64_t *v)
{
    for (unsigned i = 0; i < k; i++) {
        v[i] = env->vfp_d[(r + i) & 31];
    }
}

static void wr(CPUARMState *env, unsigned r, unsigned k, const uint64_t *v)
{
    for (unsigned i = 0; i < k; i++) {
        env->vfp_d[(r + i) & 31] = v[i];
    }
}

/* Element i of size 8 << sz bits (sz 0..3) in a vector of 64-bit words, zero-extended. */
static uint64_t eget(const uint64_t *v, unsigned sz, unsigned i)
{
    unsigned bits = 8u << sz;
    if (bits == 64) {
        return v[i];
    }
    unsigned per = 64 / bits;
    return (v[i / per] >> (i % per * bits)) & ((1ull << bits) - 1);
}

/* The same, sign-extended. */
static int64_t esget(const uint64_t *v, unsigned sz, unsigned i)
{
    unsigned sh = 64 - (8u << sz);
    return (int64_t)(eget(v, sz, i) << sh) >> sh;
}

/* Element as an exact integer: zero-extended if is_unsigned, else sign-extended. */
static s128 xget(const uint64_t *v, unsigned sz, unsigned i, bool is_unsigned)
{
    return is_unsigned ? (s128)eget(v, sz, i) : (s128)esget(v, sz, i);
}

/* Writes element i; x is truncated to the element size. */
static void eset(uint64_t *v, unsigned sz, unsigned i, uint64_t x)
{
    unsigned bits = 8u << sz;
    if (bits == 64) {
        v[i] = x;
        return;
    }
    unsigned per = 64 / bits, sh = i % per * bits;
    uint64_t mask = ((1ull << bits) - 1) << sh;
    v[i / per] = (v[i / per] & ~mask) | ((x << sh) & mask);
}

static uint64_t ones(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* ---- Saturation and shifts ---- */

/* x saturated to a signed or unsigned `bits`-bit integer; saturation sets FPSCR.QC. */
static uint64_t sat(CPUARMState *env, s128 x, unsigned bits, bool is_unsigned)
{
    s128 hi = is_unsigned ? ((s128)1 << bits) - 1 : ((s128)1 << (bits - 1)) - 1;
    s128 lo = is_unsigned ? 0 : -hi - 1;
    if (x > hi) {
        env->fpscr |= FPSCR_QC;
        return (uint64_t)hi;
    }
    if (x < lo) {
        env->fpscr |= FPSCR_QC;
        return (uint64_t)lo;
    }
    return (uint64_t)x;
}

/* x * 2^k for 0 <= k < 64 (x fits 65 bits, so the product fits 128). */
static s128 shl128(s128 x, unsigned k)
{
    return (s128)((u128)x << k);
}

/*
 * The shift-by-register family on one element v (already extended per is_unsigned):
 * sh > 0 shifts left, sh < 0 right (arithmetic for signed). round adds the rounding
 * constant of the right shift, saturate saturates the left shift to `bits` bits
 * (VQSHL/VQRSHL); otherwise the result is truncated by the caller.
 */
static uint64_t shift_elem(CPUARMState *env, s128 v, int sh, unsigned bits, bool is_unsigned,
                           bool round, bool saturate)
{
    if (sh >= 0) {
        if (sh >= (int)bits) {
            if (!saturate || v == 0) {
                return 0;
            }
            return sat(env, v > 0 ? (s128)1 << 100 : -((s128)1 << 100), bits, is_unsigned);
        }
        s128 r = shl128(v, (unsigned)sh);
        return saturate ? sat(env, r, bits, is_unsigned) : (uint64_t)r;
    }
    int k = -sh > 70 ? 70 : -sh;
    if (round) {
        v += (s128)1 << (k - 1);
    }
    s128 r = v >> k;
    return saturate ? sat(env, r, bits, is_unsigned) : (uint64_t)r;
}

/* Polynomial (carry-less) multiply over GF(2), of operands up to 32 bits. */
static uint64_t pmul(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 32; i++) {
        if (b >> i & 1) {
            r ^= a << i;
        }
    }
    return r;
}

static uint64_t abs_diff(s128 a, s128 b)
{
    return (uint64_t)(a > b ? a - b : b - a);
}

/* ---- Floating point under the standard FPSCR value ---- */

#define FPSCR_CUMULATIVE (FPSCR_IOC | FPSCR_DZC | FPSCR_OFC | FPSCR_UFC | FPSCR_IXC | FPSCR_IDC)

/*
 * StandardFPSCRValue(): FZ and DN set, round to nearest, AHP as in FPSCR. The VFP
 * helpers read the mode from env->fpscr, so it is swapped in for the operation and the
 * flags the operation raised are merged back into the guest's FPSCR.
 */
static uint32_t fp_std_enter(CPUARMState *env)
{
    uint32_t saved = env->fpscr;
    env->fpscr = (saved & (FPSCR_AHP | FPSCR_CUMULATIVE | FPSCR_QC)) | FPSCR_FZ | FPSCR_DN;
    return saved;
}

static void fp_std_leave(CPUARMState *env, uint32_t saved)
{
    env->fpscr = saved | (env->fpscr & (FPSCR_CUMULATIVE | FPSCR_QC));
}

static bool f32_is_nan(uint32_t a)
{
    return (a & 0x7fffffffu) > 0x7f800000u;
}

static bool f32_is_snan(uint32_t a)
{
    return f32_is_nan(a) && !(a & 0x00400000u);
}

static bool f32_is_zero(uint32_t a)
{
    return (a & 0x7fffffffu) == 0;
}

static bool f32_is_inf(uint32_t a)
{
    return (a & 0x7fffffffu) == 0x7f800000u;
}

/* FPUnpack's flush-to-zero of a denormal input (IDC). */
static uint32_t f32_flush(CPUARMState *env, uint32_t a)
{
    if ((a & 0x7f800000u) == 0 && (a & 0x007fffffu)) {
        env->fpscr |= FPSCR_IDC;
        return a & 0x80000000u;
    }
    return a;
}

static float f32_val(uint32_t a)
{
    float f;
    memcpy(&f, &a, sizeof(f));
    return f;
}

/* FPProcessNaNs under DN: the default NaN if a or b is a NaN (IOC for a signalling one). */
static bool f32_nans(CPUARMState *env, uint32_t a, uint32_t b, uint32_t *r)
{
    if (!f32_is_nan(a) && !f32_is_nan(b)) {
        return false;
    }
    if (f32_is_snan(a) || f32_is_snan(b)) {
        env->fpscr |= FPSCR_IOC;
    }
    *r = VFP_F32_DEFAULT_NAN;
    return true;
}

enum { FCMP_EQ, FCMP_GE, FCMP_GT };

/* FPCompareEQ/GE/GT as a lane mask. EQ signals only on signalling NaNs, GE/GT on all. */
static uint32_t f32_cmp(CPUARMState *env, unsigned kind, uint32_t a, uint32_t b)
{
    a = f32_flush(env, a);
    b = f32_flush(env, b);
    if (f32_is_nan(a) || f32_is_nan(b)) {
        if (kind != FCMP_EQ || f32_is_snan(a) || f32_is_snan(b)) {
            env->fpscr |= FPSCR_IOC;
        }
        return 0;
    }
    float x = f32_val(a), y = f32_val(b);
    bool r = kind == FCMP_EQ ? x == y : kind == FCMP_GE ? x >= y : x > y;
    return r ? 0xffffffffu : 0;
}

/* FPMax / FPMin: +0 is above -0; NaNs give the default NaN. */
static uint32_t f32_maxmin(CPUARMState *env, uint32_t a, uint32_t b, bool max)
{
    uint32_t r;
    a = f32_flush(env, a);
    b = f32_flush(env, b);
    if (f32_nans(env, a, b, &r)) {
        return r;
    }
    float x = f32_val(a), y = f32_val(b);
    if (x == y) {
        return max ? (a & b) : (a | b); /* equal values; for zeros, the sign rule */
    }
    return (x > y) == max ? a : b;
}

static uint32_t f32_abs(uint32_t a)
{
    return a & 0x7fffffffu;
}

static uint32_t f32_neg(uint32_t a)
{
    return a ^ 0x80000000u;
}

/*
 * The product of FPRecipStep / FPRSqrtStep: +0 for infinity times zero (after the
 * flush), else FPMul. Returns false with *r the NaN result when an operand is a NaN.
 */
static bool f32_step_product(CPUARMState *env, uint32_t a, uint32_t b, uint32_t *r)
{
    uint32_t fa = f32_flush(env, a), fb = f32_flush(env, b);
    if (f32_nans(env, fa, fb, r)) {
        return false;
    }
    if ((f32_is_inf(fa) && f32_is_zero(fb)) || (f32_is_zero(fa) && f32_is_inf(fb))) {
        *r = 0;
    } else {
        *r = helper_vfp_mul_s(env, a, b);
    }
    return true;
}

/* FPRecipStep: 2 - a * b. */
static uint32_t f32_recps(CPUARMState *env, uint32_t a, uint32_t b)
{
    uint32_t p;
    if (!f32_step_product(env, a, b, &p)) {
        return p;
    }
    return helper_vfp_sub_s(env, 0x40000000u, p);
}

/*
 * FPRSqrtStep: (3 - a * b) / 2 with one rounding. 3 - p is exact unless large, where
 * halving is exact, so the two roundings below give the single-rounded value.
 */
static uint32_t f32_rsqrts(CPUARMState *env, uint32_t a, uint32_t b)
{
    uint32_t p;
    if (!f32_step_product(env, a, b, &p)) {
        return p;
    }
    return helper_vfp_mul_s(env, helper_vfp_sub_s(env, 0x40400000u, p), 0x3f000000u);
}

/* recip_estimate(q / 512) for q in 256..511, as 256..511 (units of 1/256). */
static unsigned recip_estimate(unsigned q)
{
    /* s = floor(256 / ((q + 0.5) / 512) + 0.5), in integers. */
    return (2u * 262144u + (2 * q + 1)) / (2 * (2 * q + 1));
}

/* recip_sqrt_estimate for a = q / 512 (low, a < 0.5) or q / 256, q in 128..255. */
static unsigned rsqrt_estimate(unsigned q, bool low)
{
    double a = (q + 0.5) / (low ? 512.0 : 256.0);
    return (unsigned)floor(256.0 / sqrt(a) + 0.5);
}

uint32_t neon_recpe_u32(uint32_t a)
{
    if (!(a & 0x80000000u)) {
        return 0xffffffffu;
    }
    return recip_estimate(a >> 23) << 23;
}

uint32_t neon_rsqrte_u32(uint32_t a)
{
    if (!(a & 0xc0000000u)) {
        return 0xffffffffu;
    }
    bool low = !(a & 0x80000000u);
    unsigned q = low ? a >> 23 : a >> 24;
    return rsqrt_estimate(q, low) << 23;
}

uint32_t neon_recpe_f32(CPUARMState *env, uint32_t a)
{
    uint32_t r, sign = a & 0x80000000u;
    a = f32_flush(env, a);
    if (f32_nans(env, a, a, &r)) {
        return r;
    }
    if (f32_is_inf(a)) {
        return sign;
    }
    if (f32_is_zero(a)) {
        env->fpscr |= FPSCR_DZC;
        return sign | 0x7f800000u;
    }
    unsigned exp = a >> 23 & 0xff;
    if (exp >= 253) { /* |a| >= 2^126: the result underflows */
        env->fpscr |= FPSCR_UFC;
        return sign;
    }
    unsigned s = recip_estimate(256 + (a >> 15 & 0xff));
    return sign | (253 - exp) << 23 | (s & 0xff) << 15;
}

uint32_t neon_rsqrte_f32(CPUARMState *env, uint32_t a)
{
    uint32_t r;
    a = f32_flush(env, a);
    if (f32_nans(env, a, a, &r)) {
        return r;
    }
    if (f32_is_zero(a)) {
        env->fpscr |= FPSCR_DZC;
        return (a & 0x80000000u) | 0x7f800000u;
    }
    if (a & 0x80000000u) {
        env->fpscr |= FPSCR_IOC;
        return VFP_F32_DEFAULT_NAN;
    }
    if (f32_is_inf(a)) {
        return 0;
    }
    unsigned exp = a >> 23 & 0xff;
    unsigned s = rsqrt_estimate(128 + (a >> 16 & 0x7f), exp & 1);
    return ((380 - exp) / 2) << 23 | (s & 0xff) << 15;
}

/* ---- Three registers of the same length ---- */

static void int_3same(CPUARMState *env, unsigned op, unsigned b, unsigned u, unsigned sz,
                      unsigned regs, const uint64_t *n, const uint64_t *m, const uint64_t *d,
                      uint64_t *r)
{
    unsigned bits = 8u << sz, elems = regs * 64 / bits;
    for (unsigned i = 0; i < elems; i++) {
        s128 x = xget(n, sz, i, u), y = xget(m, sz, i, u), acc = (s128)eget(d, sz, i);
        uint64_t res = 0;
        int sh = (int8_t)eget(n, sz, i);
        s128 mv = xget(m, sz, i, u);
        s128 sx = esget(n, sz, i), sy = esget(m, sz, i);
        switch (op << 1 | b) {
        case 0: res = (uint64_t)((x + y) >> 1); break;                 /* VHADD */
        case 1: res = sat(env, x + y, bits, u); break;                 /* VQADD */
        case 2: res = (uint64_t)((x + y + 1) >> 1); break;             /* VRHADD */
        case 4: res = (uint64_t)((x - y) >> 1); break;                 /* VHSUB */
        case 5: res = sat(env, x - y, bits, u); break;                 /* VQSUB */
        case 6: res = x > y ? ~0ull : 0; break;                        /* VCGT */
        case 7: res = x >= y ? ~0ull : 0; break;                       /* VCGE */
        case 8: res = shift_elem(env, mv, sh, bits, u, false, false); break; /* VSHL */
        case 9: res = shift_elem(env, mv, sh, bits, u, false, true); break;  /* VQSHL */
        case 10: res = shift_elem(env, mv, sh, bits, u, true, false); break; /* VRSHL */
        case 11: res = shift_elem(env, mv, sh, bits, u, true, true); break;  /* VQRSHL */
        case 12: res = (uint64_t)(x > y ? x : y); break;               /* VMAX */
        case 13: res = (uint64_t)(x < y ? x : y); break;               /* VMIN */
        case 14: res = abs_diff(x, y); break;                          /* VABD */
        case 15: res = (uint64_t)acc + abs_diff(x, y); break;          /* VABA */
        case 16: res = u ? eget(n, sz, i) - eget(m, sz, i) : eget(n, sz, i) + eget(m, sz, i);
            break;                                                     /* VADD, VSUB */
        case 17:                                                       /* VTST, VCEQ */
            res = u ? (eget(n, sz, i) == eget(m, sz, i) ? ~0ull : 0)
                    : ((eget(n, sz, i) & eget(m, sz, i)) ? ~0ull : 0);
            break;
        case 18:                                                       /* VMLA, VMLS */
            res = u ? (uint64_t)acc - eget(n, sz, i) * eget(m, sz, i)
                    : (uint64_t)acc + eget(n, sz, i) * eget(m, sz, i);
            break;
        case 19:                                                       /* VMUL, VMUL.P8 */
            res = u ? pmul(eget(n, sz, i), eget(m, sz, i)) : eget(n, sz, i) * eget(m, sz, i);
            break;
        case 22: {                                                     /* VQDMULH, VQRDMULH */
            s128 p = 2 * sx * sy + (u ? (s128)1 << (bits - 1) : 0);
            res = sat(env, p >> bits, bits, false);
            break;
        }
        default:
            break;
        }
        eset(r, sz, i, res);
    }
}

/*
 * VPMAX, VPMIN, VPADD (integer; D registers only): the first half of the result from
 * pairs of n, the second from pairs of m.
 */
static void int_pairwise(unsigned op, unsigned b, unsigned u, unsigned sz, const uint64_t *n,
                         const uint64_t *m, uint64_t *r)
{
    unsigned half = 32u >> (3 + sz);
    for (unsigned i = 0; i < 2 * half; i++) {
        const uint64_t *v = i < half ? n : m;
        unsigned j = (i % half) * 2;
        s128 x = xget(v, sz, j, u), y = xget(v, sz, j + 1, u);
        uint64_t res;
        if (op == 11) {
            res = (uint64_t)(x + y);
        } else if (b) {
            res = (uint64_t)(x < y ? x : y);
        } else {
            res = (uint64_t)(x > y ? x : y);
        }
        eset(r, sz, i, res);
    }
}

/* One lane of the float three-same group; hi is bit 21 (the second op of a pair). */
static uint32_t fp_3same_lane(CPUARMState *env, unsigned op, unsigned b, unsigned u,
                              unsigned hi, uint32_t x, uint32_t y, uint32_t acc)
{
    switch (op << 3 | b << 2 | u << 1 | hi) {
    case 12 << 3 | 4: return helper_vfp_fma_s(env, acc, x, y);            /* VFMA */
    case 12 << 3 | 5: return helper_vfp_fma_s(env, acc, f32_neg(x), y);   /* VFMS */
    case 13 << 3 | 0: return helper_vfp_add_s(env, x, y);                 /* VADD */
    case 13 << 3 | 1: return helper_vfp_sub_s(env, x, y);                 /* VSUB */
    case 13 << 3 | 2: return helper_vfp_add_s(env, x, y);                 /* VPADD */
    case 13 << 3 | 3: return f32_abs(helper_vfp_sub_s(env, x, y));        /* VABD */
    case 13 << 3 | 4: return helper_vfp_add_s(env, acc, helper_vfp_mul_s(env, x, y));
    case 13 << 3 | 5: return helper_vfp_sub_s(env, acc, helper_vfp_mul_s(env, x, y));
    case 13 << 3 | 6: return helper_vfp_mul_s(env, x, y);                 /* VMUL */
    case 14 << 3 | 0: return f32_cmp(env, FCMP_EQ, x, y);                 /* VCEQ */
    case 14 << 3 | 2: return f32_cmp(env, FCMP_GE, x, y);                 /* VCGE */
    case 14 << 3 | 3: return f32_cmp(env, FCMP_GT, x, y);                 /* VCGT */
    case 14 << 3 | 6: return f32_cmp(env, FCMP_GE, f32_abs(x), f32_abs(y)); /* VACGE */
    case 14 << 3 | 7: return f32_cmp(env, FCMP_GT, f32_abs(x), f32_abs(y)); /* VACGT */
    case 15 << 3 | 0: case 15 << 3 | 2: return f32_maxmin(env, x, y, true);  /* VMAX, VPMAX */
    case 15 << 3 | 1: case 15 << 3 | 3: return f32_maxmin(env, x, y, false); /* VMIN, VPMIN */
    case 15 << 3 | 4: return f32_recps(env, x, y);                        /* VRECPS */
    case 15 << 3 | 5: return f32_rsqrts(env, x, y);                       /* VRSQRTS */
    default: return 0;
    }
}

/* Biased exponent of a single. */
static unsigned f32_exp(uint32_t a)
{
    return (a >> 23) & 0xff;
}

static uint32_t f32_bits(float v)
{
    uint32_t a;
    memcpy(&a, &v, 4);
    return a;
}

/*
 * VADD/VSUB/VMUL.F32 of one lane with the host's single precision, when that provably
 * gives the standard-FPSCR result: operands normal or zero (no flush, no NaN, no
 * infinity) and a result that is zero and exact or normal with a biased exponent of at
 * least 2 (so neither tiny, which FZ would flush, nor overflowed). Exactness, the only
 * flag left (IXC), comes from an error-free transformation: TwoSum for add/sub (in
 * round-to-nearest, the host's mode), the exact double product for mul. Returns false
 * for every other case, which takes the full path.
 */
static bool fp_fast_lane(unsigned kind, uint32_t x, uint32_t y, uint32_t *res, bool *inexact)
{
    unsigned ex = f32_exp(x), ey = f32_exp(y);
    if (ex == 0xff || ey == 0xff || (ex == 0 && (x << 1)) || (ey == 0 && (y << 1))) {
        return false;
    }
    float a = f32_val(x), b = f32_val(y), r;
    if (kind == 2) {
        double p = (double)a * (double)b;   /* exact: 24 + 24 bits */
        r = (float)p;
        *inexact = (double)r != p;
    } else {
        if (kind == 1) {
            b = -b;
        }
        r = a + b;
        float bb = r - a;
        float err = (a - (r - bb)) + (b - bb);
        *inexact = err != 0.0f;
    }
    uint32_t rb = f32_bits(r);
    unsigned er = f32_exp(rb);
    if (er == 0xff || (er < 2 && ((rb << 1) || *inexact))) {
        return false;
    }
    *res = rb;
    return true;
}

bool neon_fp_fast_enabled = true;

static void fp_3same(CPUARMState *env, unsigned op, unsigned b, unsigned u, unsigned hi,
                     unsigned regs, const uint64_t *n, const uint64_t *m, const uint64_t *d,
                     uint64_t *r)
{
    bool pairwise = u && !b && (op == 15 || (op == 13 && !hi));
    /* VADD, VSUB, VMUL (F32): the host computes the lanes it provably gets right. */
    int fast = op != 13 || pairwise || !neon_fp_fast_enabled ? -1
             : !b ? (u ? -1 : (int)hi)          /* VADD 0, VSUB 1 */
             : u ? (hi ? -1 : 2)                /* VMUL 2 */
             : 3 + (int)hi;                     /* VMLA 3, VMLS 4 */
    uint32_t saved = fp_std_enter(env);
    for (unsigned i = 0; i < regs * 2; i++) {
        uint32_t x, y, res;
        bool inexact;
        bool ok = false, ix2 = false;
        if (fast >= 0) {
            /* VMLA/VMLS: the product, rounded, then the sum, rounded (not fused). */
            ok = fp_fast_lane(fast >= 3 ? 2 : (unsigned)fast, (uint32_t)eget(n, 2, i),
                              (uint32_t)eget(m, 2, i), &res, &inexact) &&
                 (fast < 3 || fp_fast_lane((unsigned)fast - 3, (uint32_t)eget(d, 2, i), res,
                                           &res, &ix2));
        }
        if (ok) {
            if (inexact || ix2) {
                env->fpscr |= FPSCR_IXC;
            }
            eset(r, 2, i, res);
            continue;
        }
        if (pairwise) {
            const uint64_t *v = i < 1 ? n : m;
            x = (uint32_t)v[0];
            y = (uint32_t)(v[0] >> 32);
        } else {
            x = (uint32_t)eget(n, 2, i);
            y = (uint32_t)eget(m, 2, i);
        }
        eset(r, 2, i, fp_3same_lane(env, op, b, u, hi, x, y, (uint32_t)eget(d, 2, i)));
    }
    fp_std_leave(env, saved);
}

void helper_neon_3same(CPUARMState *env, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), b = BIT(insn, 4), u = BIT(insn, 24);
    unsigned sz = BITS(insn, 21, 20), regs = BIT(insn, 6) + 1;
    uint64_t n[2], m[2], d[2], r[2] = { 0, 0 };
    rd(env, reg_n(insn), regs, n);
    rd(env, reg_m(insn), regs, m);
    rd(env, reg_d(insn), regs, d);
    if (op >= 12) {
        fp_3same(env, op, b, u, BIT(insn, 21), regs, n, m, d, r);
    } else if (op == 1 && b) {
        for (unsigned k = 0; k < regs; k++) {
            switch (u << 2 | sz) {
            case 0: r[k] = n[k] & m[k]; break;                          /* VAND */
            case 1: r[k] = n[k] & ~m[k]; break;                         /* VBIC */
            case 2: r[k] = n[k] | m[k]; break;                          /* VORR */
            case 3: r[k] = n[k] | ~m[k]; break;                         /* VORN */
            case 4: r[k] = n[k] ^ m[k]; break;                          /* VEOR */
            case 5: r[k] = (d[k] & n[k]) | (~d[k] & m[k]); break;       /* VBSL */
            case 6: r[k] = (m[k] & n[k]) | (~m[k] & d[k]); break;       /* VBIT */
            default: r[k] = (~m[k] & n[k]) | (m[k] & d[k]); break;      /* VBIF */
            }
        }
    } else if (op == 10 || (op == 11 && b)) {
        int_pairwise(op, b, u, sz, n, m, r);
    } else {
        int_3same(env, op, b, u, sz, regs, n, m, d, r);
    }
    wr(env, reg_d(insn), regs, r);
}

/* ---- Three registers of different lengths ---- */

/*
 * The long/wide/narrow ops on elements of size sz (the narrow size). op is bits [11:8]
 * of the 3-diff encoding; the by-scalar long ops use the same numbers.
 */
static void diff_ops(CPUARMState *env, unsigned op, unsigned u, unsigned sz, const uint64_t *n,
                     const uint64_t *m, const uint64_t *d, uint64_t *r)
{
    unsigned bits = 8u << sz, wsz = sz + 1, elems = 64 / bits;
    for (unsigned i = 0; i < elems; i++) {
        s128 x = xget(n, sz, i, u), y = xget(m, sz, i, u);
        s128 acc = xget(d, wsz, i, false);
        uint64_t res;
        switch (op) {
        case 0: case 2:                                                /* VADDL, VSUBL */
            res = (uint64_t)(op == 0 ? x + y : x - y);
            break;
        case 1: case 3: {                                              /* VADDW, VSUBW */
            s128 w = xget(n, wsz, i, u);
            res = (uint64_t)(op == 1 ? w + y : w - y);
            break;
        }
        case 4: case 6: {                              /* V{R}ADDHN, V{R}SUBHN */
            uint64_t a = eget(n, wsz, i), c = eget(m, wsz, i);
            uint64_t s = (op == 4 ? a + c : a - c) + (u ? 1ull << (bits - 1) : 0);
            eset(r, sz, i, s >> bits);
            continue;
        }
        case 5: res = (uint64_t)acc + abs_diff(x, y); break;           /* VABAL */
        case 7: res = abs_diff(x, y); break;                           /* VABDL */
        case 8: res = (uint64_t)(acc + x * y); break;                  /* VMLAL */
        case 10: res = (uint64_t)(acc - x * y); break;                 /* VMLSL */
        case 12: res = (uint64_t)(x * y); break;                       /* VMULL */
        case 9: case 11: case 13: {                     /* VQDMLAL, VQDMLSL, VQDMULL */
            /* sat() returns in-range values sign-extended to 64 bits */
            s128 p = (s128)(int64_t)sat(env, 2 * x * y, 2 * bits, false);
            if (op == 13) {
                res = (uint64_t)p;
            } else {
                res = sat(env, op == 9 ? acc + p : acc - p, 2 * bits, false);
            }
            break;
        }
        case 14: res = pmul(eget(n, sz, i), eget(m, sz, i)); break;    /* VMULL.P8 */
        default: res = 0; break;
        }
        eset(r, wsz, i, res);
    }
}

void helper_neon_3diff(CPUARMState *env, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), u = BIT(insn, 24), sz = BITS(insn, 21, 20);
    uint64_t n[2], m[2], d[2], r[2] = { 0, 0 };
    rd(env, reg_n(insn), 2, n);
    rd(env, reg_m(insn), 2, m);
    rd(env, reg_d(insn), 2, d);
    diff_ops(env, op, u, sz, n, m, d, r);
    wr(env, reg_d(insn), op == 4 || op == 6 ? 1 : 2, r);
}

/* ---- Two registers and a scalar ---- */

void helper_neon_2scalar(CPUARMState *env, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), sz = BITS(insn, 21, 20), bit24 = BIT(insn, 24);
    unsigned vm = sz == 1 ? BITS(insn, 2, 0) : BITS(insn, 3, 0);
    unsigned idx = sz == 1 ? (BIT(insn, 5) << 1 | BIT(insn, 3)) : BIT(insn, 5);
    uint64_t sv = eget(&env->vfp_d[vm], sz, idx), m[2] = { 0, 0 };
    uint64_t n[2], d[2], r[2] = { 0, 0 };
    for (unsigned i = 0; i < (64u >> (3 + sz)) * 2; i++) {
        eset(m, sz, i, sv);
    }
    bool is_long = op == 2 || op == 3 || op == 6 || op == 7 || op == 10 || op == 11;
    unsigned regs = is_long ? 2 : bit24 + 1;
    rd(env, reg_n(insn), regs, n);
    rd(env, reg_d(insn), 2, d);
    if (is_long) {
        static const uint8_t diff_op[12] = { [2] = 8, [3] = 9, [6] = 10, [7] = 11,
                                             [10] = 12, [11] = 13 };
        diff_ops(env, diff_op[op], bit24, sz, n, m, d, r);
    } else if (op & 1 && op < 12) {
        /* VMLA.F32 (1), VMLS.F32 (5), VMUL.F32 (9) */
        fp_3same(env, 13, 1, op == 9, op == 5, regs, n, m, d, r);
    } else if (op < 12) {
        /* VMLA (0), VMLS (4), VMUL (8) */
        int_3same(env, 9, op == 8, op == 4, sz, regs, n, m, d, r);
    } else {
        /* VQDMULH (12), VQRDMULH (13) */
        int_3same(env, 11, 0, op == 13, sz, regs, n, m, d, r);
    }
    wr(env, reg_d(insn), regs, r);
}

/* ---- Two registers and a shift amount ---- */

static void fixed_cvt(CPUARMState *env, bool to_fixed, bool is_unsigned, unsigned fbits,
                      unsigned regs, const uint64_t *m, uint64_t *r)
{
    uint32_t saved = fp_std_enter(env);
    uint32_t desc = fbits | (is_unsigned ? VFP_FIX_UNSIGNED : 0);
    for (unsigned i = 0; i < regs * 2; i++) {
        uint32_t x = (uint32_t)eget(m, 2, i);
        x = to_fixed ? helper_vfp_to_fixed_s(env, x, desc | VFP_FIX_RZ)
                     : helper_vfp_from_fixed_s(env, x, desc | VFP_FIX_RN);
        eset(r, 2, i, x);
    }
    fp_std_leave(env, saved);
}

void helper_neon_shift(CPUARMState *env, uint32_t insn)
{
    unsigned op = BITS(insn, 11, 8), u = BIT(insn, 24), imm6 = BITS(insn, 21, 16);
    unsigned q = BIT(insn, 6), regs = q + 1;
    unsigned sz = BIT(insn, 7) ? 3 : imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0;
    unsigned bits = 8u << sz;
    unsigned rsh = (BIT(insn, 7) ? 64 : 2 * bits) - imm6, lsh = imm6 - (sz == 3 ? 0 : bits);
    unsigned elems = regs * 64 / bits;
    uint64_t m[2], d[2], r[2] = { 0, 0 };
    rd(env, reg_m(insn), 2, m);
    rd(env, reg_d(insn), 2, d);

    if (op >= 14) {
        fixed_cvt(env, op == 15, u, 64 - imm6, regs, m, r);
    } else if (op == 8 || op == 9) {
        /*
         * Narrowing right shifts, Qm elements of 2 * bits into Dd: VSHRN/VRSHRN (op 8,
         * U 0) truncate, VQSHRUN/VQRSHRUN (op 8, U 1) saturate signed to unsigned,
         * VQSHRN/VQRSHRN (op 9) keep the signedness U. Bit 6 selects rounding.
         */
        bool in_u = op == 9 ? u : !u, saturate = op == 9 || u;
        s128 rnd = q ? (s128)1 << (rsh - 1) : 0;
        for (unsigned i = 0; i < 64 / bits; i++) {
            s128 v = (xget(m, sz + 1, i, in_u) + rnd) >> rsh;
            eset(r, sz, i, saturate ? sat(env, v, bits, u) : (uint64_t)v);
        }
        regs = 1;
    } else if (op == 10) {
        /* VSHLL, VMOVL: Dm elements widened into Qd. */
        for (unsigned i = 0; i < 64 / bits; i++) {
            eset(r, sz + 1, i, (uint64_t)shl128(xget(m, sz, i, u), lsh));
        }
        regs = 2;
    } else {
        for (unsigned i = 0; i < elems; i++) {
            s128 v = xget(m, sz, i, u);
            uint64_t acc = eget(d, sz, i), res, mask;
            switch (op) {
            case 0: case 1: case 2: case 3:          /* VSHR, VSRA, VRSHR, VRSRA */
                res = shift_elem(env, v, -(int)rsh, bits, u, op & 2, false);
                if (op & 1) {
                    res += acc;
                }
                break;
            case 4:                                  /* VSRI */
                mask = rsh >= 64 ? 0 : ones(bits) >> rsh;
                res = (acc & ~mask) | ((rsh >= 64 ? 0 : eget(m, sz, i) >> rsh) & mask);
                break;
            case 5:                                  /* VSHL, VSLI */
                res = lsh >= 64 ? 0 : eget(m, sz, i) << lsh;
                if (u) {
                    mask = ones(bits) << lsh;
                    res = (acc & ~mask) | (res & mask);
                }
                break;
            case 6:                                  /* VQSHLU: signed in, unsigned out */
                res = shift_elem(env, xget(m, sz, i, false), (int)lsh, bits, true, false, true);
                break;
            default:                                 /* VQSHL */
                res = shift_elem(env, v, (int)lsh, bits, u, false, true);
                break;
            }
            eset(r, sz, i, res);
        }
    }
    wr(env, reg_d(insn), regs, r);
}

/* ---- Two registers, miscellaneous ---- */

static unsigned cls64(int64_t v, unsigned bits)
{
    unsigned n = 0;
    bool sign = v < 0;
    for (int b = (int)bits - 2; b >= 0 && ((v >> b) & 1) == sign; b--) {
        n++;
    }
    return n;
}

static unsigned clz_bits(uint64_t v, unsigned bits)
{
    unsigned n = 0;
    for (int b = (int)bits - 1; b >= 0 && !((v >> b) & 1); b--) {
        n++;
    }
    return n;
}

/* A=00: VREV, VPADDL, VCLS, VCLZ, VCNT, VMVN, VPADAL, VQABS, VQNEG. */
static void misc_a0(CPUARMState *env, unsigned op4, unsigned sz, unsigned regs,
                    const uint64_t *m, const uint64_t *d, uint64_t *r)
{
    unsigned bits = 8u << sz, elems = regs * 64 / bits;
    if (op4 == 4 || op4 == 5 || op4 == 12 || op4 == 13) {        /* VPADDL, VPADAL */
        bool u = op4 & 1;
        for (unsigned i = 0; i < elems / 2; i++) {
            s128 s = xget(m, sz, 2 * i, u) + xget(m, sz, 2 * i + 1, u);
            if (op4 >= 12) {
                s += (s128)eget(d, sz + 1, i);
            }
            eset(r, sz + 1, i, (uint64_t)s);
        }
        return;
    }
    for (unsigned i = 0; i < elems; i++) {
        uint64_t v = eget(m, sz, i), res = 0;
        s128 sv = esget(m, sz, i);
        switch (op4) {
        case 0: case 1: case 2: {                                 /* VREV64/32/16 */
            unsigned per = (64u >> op4) / bits;
            res = eget(m, sz, i ^ (per - 1));
            break;
        }
        case 8: res = cls64((int64_t)sv, bits); break;                    /* VCLS */
        case 9: res = clz_bits(v, bits); break;                           /* VCLZ */
        case 10: res = (uint64_t)__builtin_popcountll(v); break;          /* VCNT */
        case 11: res = ~v; break;                                         /* VMVN */
        case 14: res = sat(env, sv < 0 ? -sv : sv, bits, false); break;   /* VQABS */
        case 15: res = sat(env, -sv, bits, false); break;                 /* VQNEG */
        default: break;
        }
        eset(r, sz, i, res);
    }
}

/* A=01: the compares with zero, VABS, VNEG (integer and float). */
static void misc_a1(CPUARMState *env, unsigned op4, unsigned sz, unsigned regs,
                    const uint64_t *m, uint64_t *r)
{
    unsigned bits = 8u << sz, elems = regs * 64 / bits, kind = op4 & 7;
    if (op4 & 8) {
        uint32_t saved = fp_std_enter(env);
        for (unsigned i = 0; i < regs * 2; i++) {
            uint32_t x = (uint32_t)eget(m, 2, i), res = 0;
            switch (kind) {
            case 0: res = f32_cmp(env, FCMP_GT, x, 0); break;
            case 1: res = f32_cmp(env, FCMP_GE, x, 0); break;
            case 2: res = f32_cmp(env, FCMP_EQ, x, 0); break;
            case 3: res = f32_cmp(env, FCMP_GE, 0, x); break;
            case 4: res = f32_cmp(env, FCMP_GT, 0, x); break;
            case 6: res = f32_abs(x); break;
            case 7: res = f32_neg(x); break;
            default: break;
            }
            eset(r, 2, i, res);
        }
        fp_std_leave(env, saved);
        return;
    }
    for (unsigned i = 0; i < elems; i++) {
        int64_t v = esget(m, sz, i);
        uint64_t res = 0;
        switch (kind) {
        case 0: res = v > 0 ? ~0ull : 0; break;
        case 1: res = v >= 0 ? ~0ull : 0; break;
        case 2: res = v == 0 ? ~0ull : 0; break;
        case 3: res = v <= 0 ? ~0ull : 0; break;
        case 4: res = v < 0 ? ~0ull : 0; break;
        case 6: res = v < 0 ? -(uint64_t)v : (uint64_t)v; break;
        case 7: res = -(uint64_t)v; break;
        default: break;
        }
        eset(r, sz, i, res);
    }
}

/* VTRN, VUZP, VZIP: both registers change. */
static void misc_permute(unsigned op4, unsigned sz, unsigned regs, uint64_t *d, uint64_t *m)
{
    unsigned elems = regs * 64 / (8u << sz);
    uint64_t nd[2] = { 0, 0 }, nm[2] = { 0, 0 };
    for (unsigned i = 0; i < elems; i++) {
        unsigned j = 2 * i;
        switch (op4) {
        case 1:                                                   /* VTRN */
            eset(nd, sz, i, (i & 1) ? eget(m, sz, i - 1) : eget(d, sz, i));
            eset(nm, sz, i, (i & 1) ? eget(m, sz, i) : eget(d, sz, i + 1));
            break;
        case 2:                                                   /* VUZP */
            eset(nd, sz, i, j < elems ? eget(d, sz, j) : eget(m, sz, j - elems));
            eset(nm, sz, i, j + 1 < elems ? eget(d, sz, j + 1) : eget(m, sz, j + 1 - elems));
            break;
        default: {                                                /* VZIP */
            unsigned k = i / 2, h = i + elems;
            eset(nd, sz, i, (i & 1) ? eget(m, sz, k) : eget(d, sz, k));
            eset(nm, sz, i, (h & 1) ? eget(m, sz, h / 2) : eget(d, sz, h / 2));
            break;
        }
        }
    }
    memcpy(d, nd, sizeof(nd));
    memcpy(m, nm, sizeof(nm));
}

/* A=10: VSWP, VTRN, VUZP, VZIP, VMOVN, VQMOVN, VQMOVUN, VSHLL, VCVT half. */
static void misc_a2(CPUARMState *env, uint32_t insn, unsigned op4, unsigned sz, unsigned q)
{
    unsigned regs = q + 1, bits = 8u << sz;
    uint64_t m[2], d[2], r[2] = { 0, 0 };
    rd(env, reg_m(insn), 2, m);
    rd(env, reg_d(insn), 2, d);
    if (op4 <= 3) {
        if (op4 == 0) {                                           /* VSWP */
            wr(env, reg_m(insn), regs, d);
            wr(env, reg_d(insn), regs, m);
            return;
        }
        misc_permute(op4, sz, regs, d, m);
        wr(env, reg_m(insn), regs, m);
        wr(env, reg_d(insn), regs, d);
        return;
    }
    if (op4 == 4 || op4 == 5) {                                   /* VMOVN, VQMOV{U}N */
        for (unsigned i = 0; i < 64 / bits; i++) {
            uint64_t res;
            if (op4 == 4 && !q) {
                res = eget(m, sz + 1, i);
            } else if (op4 == 4) {
                res = sat(env, esget(m, sz + 1, i), bits, true);
            } else {
                res = sat(env, xget(m, sz + 1, i, q), bits, q);
            }
            eset(r, sz, i, res);
        }
        wr(env, reg_d(insn), 1, r);
        return;
    }
    if (op4 == 6) {                                               /* VSHLL #esize */
        for (unsigned i = 0; i < 64 / bits; i++) {
            eset(r, sz + 1, i, eget(m, sz, i) << bits);
        }
        wr(env, reg_d(insn), 2, r);
        return;
    }
    uint32_t saved = fp_std_enter(env);
    if (op4 == 12) {                                              /* VCVT.F16.F32 */
        for (unsigned i = 0; i < 4; i++) {
            eset(r, 1, i, helper_vfp_f32_to_f16(env, (uint32_t)eget(m, 2, i)));
        }
        wr(env, reg_d(insn), 1, r);
    } else {                                                      /* VCVT.F32.F16 */
        for (unsigned i = 0; i < 4; i++) {
            eset(r, 2, i, helper_vfp_f16_to_f32(env, (uint32_t)eget(m, 1, i)));
        }
        wr(env, reg_d(insn), 2, r);
    }
    fp_std_leave(env, saved);
}

/* A=11: VRECPE, VRSQRTE, VCVT between float and integer. */
static void misc_a3(CPUARMState *env, unsigned op4, unsigned regs, const uint64_t *m,
                    uint64_t *r)
{
    if (op4 >= 12) {
        fixed_cvt(env, op4 >= 14, op4 & 1, 0, regs, m, r);
        return;
    }
    uint32_t saved = fp_std_enter(env);
    for (unsigned i = 0; i < regs * 2; i++) {
        uint32_t x = (uint32_t)eget(m, 2, i), res;
        switch (op4) {
        case 8: res = neon_recpe_u32(x); break;
        case 9: res = neon_rsqrte_u32(x); break;
        case 10: res = neon_recpe_f32(env, x); break;
        default: res = neon_rsqrte_f32(env, x); break;
        }
        eset(r, 2, i, res);
    }
    fp_std_leave(env, saved);
}

void helper_neon_2misc(CPUARMState *env, uint32_t insn)
{
    unsigned a = BITS(insn, 17, 16), op4 = BITS(insn, 10, 7), sz = BITS(insn, 19, 18);
    unsigned q = BIT(insn, 6), regs = q + 1;
    uint64_t m[2], d[2], r[2] = { 0, 0 };
    if (a == 2) {
        misc_a2(env, insn, op4, sz, q);
        return;
    }
    rd(env, reg_m(insn), regs, m);
    rd(env, reg_d(insn), regs, d);
    if (a == 0) {
        misc_a0(env, op4, sz, regs, m, d, r);
    } else if (a == 1) {
        misc_a1(env, op4, sz, regs, m, r);
    } else {
        misc_a3(env, op4, regs, m, r);
    }
    wr(env, reg_d(insn), regs, r);
}

/* ---- VEXT, VTBL/VTBX, VDUP (scalar) ---- */

void helper_neon_vext(CPUARMState *env, uint32_t insn)
{
    unsigned regs = BIT(insn, 6) + 1, imm = BITS(insn, 11, 8), len = regs * 8;
    uint64_t src[4], r[2] = { 0, 0 };
    rd(env, reg_n(insn), regs, src);
    rd(env, reg_m(insn), regs, src + regs);
    for (unsigned i = 0; i < len; i++) {
        eset(r, 0, i, eget(src, 0, i + imm));
    }
    wr(env, reg_d(insn), regs, r);
}

void helper_neon_vtbl(CPUARMState *env, uint32_t insn)
{
    unsigned len = BITS(insn, 9, 8) + 1;
    bool vtbx = BIT(insn, 6);
    uint64_t table[4], idx[1], r[1];
    rd(env, reg_n(insn), len, table);
    rd(env, reg_m(insn), 1, idx);
    rd(env, reg_d(insn), 1, r);
    for (unsigned i = 0; i < 8; i++) {
        unsigned k = (unsigned)eget(idx, 0, i);
        if (k < len * 8) {
            eset(r, 0, i, eget(table, 0, k));
        } else if (!vtbx) {
            eset(r, 0, i, 0);
        }
    }
    wr(env, reg_d(insn), 1, r);
}

void helper_neon_vdup(CPUARMState *env, uint32_t insn)
{
    unsigned imm4 = BITS(insn, 19, 16), regs = BIT(insn, 6) + 1;
    unsigned sz = (imm4 & 1) ? 0 : (imm4 & 2) ? 1 : 2;
    unsigned idx = imm4 >> (sz + 1);
    uint64_t v = eget(&env->vfp_d[reg_m(insn)], sz, idx), r[2];
    for (unsigned i = 0; i < regs * (8u >> sz); i++) {
        eset(r, sz, i, v);
    }
    wr(env, reg_d(insn), regs, r);
}

/* ---- One register and a modified immediate ---- */

uint64_t neon_expand_imm(unsigned op, unsigned cmode, uint8_t imm8)
{
    uint64_t imm32;
    switch (cmode >> 1) {
    case 0: imm32 = imm8; break;
    case 1: imm32 = (uint32_t)imm8 << 8; break;
    case 2: imm32 = (uint32_t)imm8 << 16; break;
    case 3: imm32 = (uint32_t)imm8 << 24; break;
    case 4: return (uint64_t)imm8 * 0x0001000100010001ull;
    case 5: return ((uint64_t)imm8 << 8) * 0x0001000100010001ull;
    case 6:
        imm32 = (cmode & 1) ? ((uint32_t)imm8 << 16 | 0xffff) : ((uint32_t)imm8 << 8 | 0xff);
        break;
    default:
        if (!(cmode & 1) && !op) {
            return imm8 * 0x0101010101010101ull;
        }
        if (!(cmode & 1)) {
            uint64_t r = 0;
            for (unsigned i = 0; i < 8; i++) {
                if (imm8 >> i & 1) {
                    r |= 0xffull << (8 * i);
                }
            }
            return r;
        }
        /* cmode 1111, op 0: the float immediate */
        imm32 = (uint32_t)(imm8 >> 7) << 31 | (uint32_t)((imm8 >> 6 & 1) ^ 1) << 30 |
                ((imm8 >> 6 & 1) ? 0x1fu << 25 : 0) | (uint32_t)(imm8 & 0x3f) << 19;
        break;
    }
    return imm32 | imm32 << 32;
}

/* ---- Descriptors ---- */

IR_HELPER_DEF_VEC(neon_3same, neon_vec_decode, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
IR_HELPER_DEF_VEC(neon_3diff, neon_vec_decode, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
IR_HELPER_DEF_VEC(neon_2scalar, neon_vec_decode, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
IR_HELPER_DEF_VEC(neon_shift, neon_vec_decode, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
IR_HELPER_DEF_VEC(neon_2misc, neon_vec_decode, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
IR_HELPER_DEF_VEC(neon_vext, neon_vec_decode, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
IR_HELPER_DEF(neon_vtbl, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
IR_HELPER_DEF_VEC(neon_vdup, neon_vec_decode, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV, IRH_I32);
