/*
 * ARM C helpers for translated code: saturation (QADD family, SSAT/USAT and the 16-bit
 * forms), parallel add/subtract with GE flags (S/Q/SH/U/UQ/UH x ADD16/ASX/SAX/SUB16/
 * ADD8/SUB8), SEL, USAD8, RBIT, and STREX's compare-and-swap against the value LDREX
 * saw. Declared for the IR with IR_HELPER_DEF; all but STREX are pure functions of their
 * arguments.
 */
#include "frontend/arm/arm_helper.h"

#include "frontend/arm/cpu.h"
#include "softmmu/mmu.h"

static uint64_t with_flag(uint32_t res, uint32_t flag)
{
    return ((uint64_t)flag << 32) | res;
}

/* Clamps v to a signed n-bit range; *sat set when it had to. */
static int64_t sat_signed(int64_t v, unsigned n, uint32_t *sat)
{
    int64_t max = ((int64_t)1 << (n - 1)) - 1, min = -((int64_t)1 << (n - 1));
    if (v > max) {
        *sat = 1;
        return max;
    }
    if (v < min) {
        *sat = 1;
        return min;
    }
    return v;
}

static int64_t sat_unsigned(int64_t v, unsigned n, uint32_t *sat)
{
    int64_t max = ((int64_t)1 << n) - 1;
    if (v > max) {
        *sat = 1;
        return max;
    }
    if (v < 0) {
        *sat = 1;
        return 0;
    }
    return v;
}

static uint64_t helper_arm_qadd(uint32_t rm, uint32_t rn)
{
    uint32_t q = 0;
    int64_t r = sat_signed((int64_t)(int32_t)rm + (int32_t)rn, 32, &q);
    return with_flag((uint32_t)r, q);
}

static uint64_t helper_arm_qsub(uint32_t rm, uint32_t rn)
{
    uint32_t q = 0;
    int64_t r = sat_signed((int64_t)(int32_t)rm - (int32_t)rn, 32, &q);
    return with_flag((uint32_t)r, q);
}

static uint64_t helper_arm_qdadd(uint32_t rm, uint32_t rn)
{
    uint32_t q = 0;
    int64_t d = sat_signed(2 * (int64_t)(int32_t)rn, 32, &q);
    int64_t r = sat_signed((int64_t)(int32_t)rm + d, 32, &q);
    return with_flag((uint32_t)r, q);
}

static uint64_t helper_arm_qdsub(uint32_t rm, uint32_t rn)
{
    uint32_t q = 0;
    int64_t d = sat_signed(2 * (int64_t)(int32_t)rn, 32, &q);
    int64_t r = sat_signed((int64_t)(int32_t)rm - d, 32, &q);
    return with_flag((uint32_t)r, q);
}

/* SSAT: saturate to `bits` (1..32) signed bits. */
static uint64_t helper_arm_ssat(uint32_t v, uint32_t bits)
{
    uint32_t q = 0;
    int64_t r = sat_signed((int32_t)v, bits, &q);
    return with_flag((uint32_t)r, q);
}

/* USAT: saturate to `bits` (0..31) unsigned bits. */
static uint64_t helper_arm_usat(uint32_t v, uint32_t bits)
{
    uint32_t q = 0;
    int64_t r = sat_unsigned((int32_t)v, bits, &q);
    return with_flag((uint32_t)r, q);
}

static uint64_t helper_arm_ssat16(uint32_t v, uint32_t bits)
{
    uint32_t q = 0;
    int64_t lo = sat_signed((int16_t)v, bits, &q);
    int64_t hi = sat_signed((int16_t)(v >> 16), bits, &q);
    return with_flag(((uint32_t)lo & 0xffff) | ((uint32_t)hi << 16), q);
}

static uint64_t helper_arm_usat16(uint32_t v, uint32_t bits)
{
    uint32_t q = 0;
    int64_t lo = sat_unsigned((int16_t)v, bits, &q);
    int64_t hi = sat_unsigned((int16_t)(v >> 16), bits, &q);
    return with_flag(((uint32_t)lo & 0xffff) | ((uint32_t)hi << 16), q);
}

/*
 * Parallel add/subtract. opc = prefix << 3 | op with the A32 field values:
 * prefix 1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH; op 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8,
 * 7 SUB8. Each lane is computed exactly in 32-bit int, then wrapped, saturated or halved.
 */
static uint64_t helper_arm_paddsub(uint32_t opc, uint32_t rn, uint32_t rm)
{
    unsigned prefix = opc >> 3, op = opc & 7;
    bool is_signed = prefix < 4;
    unsigned kind = prefix & 3; /* 1 modulo (GE), 2 saturating, 3 halving */
    unsigned width = op >= 4 ? 8 : 16, lanes = 32 / width;
    uint32_t mask = (1u << width) - 1, res = 0, ge = 0;

    for (unsigned i = 0; i < lanes; i++) {
        unsigned sh = i * width;
        /* ASX/SAX pair Rn's lane with Rm's other halfword. */
        unsigned msh = (op == 1 || op == 2) ? (16 - sh) : sh;
        bool sub;
        switch (op) {
        case 1: sub = i == 0; break;   /* ASX: lo -, hi + */
        case 2: sub = i == 1; break;   /* SAX: lo +, hi - */
        case 3: case 7: sub = true; break;
        default: sub = false; break;
        }
        int32_t a, b;
        if (is_signed) {
            a = (int32_t)(rn << (32 - width - sh)) >> (32 - width);
            b = (int32_t)(rm << (32 - width - msh)) >> (32 - width);
        } else {
            a = (int32_t)((rn >> sh) & mask);
            b = (int32_t)((rm >> msh) & mask);
        }
        int32_t r = sub ? a - b : a + b;
        uint32_t q = 0;
        bool lane_ge;
        if (is_signed) {
            lane_ge = r >= 0;
        } else {
            lane_ge = sub ? r >= 0 : r >= (int32_t)(1u << width);
        }
        switch (kind) {
        case 2:
            r = (int32_t)(is_signed ? sat_signed(r, width, &q) : sat_unsigned(r, width, &q));
            break;
        case 3:
            r >>= 1;
            break;
        default:
            if (lane_ge) {
                ge |= (width == 16 ? 3u : 1u) << (i * (width == 16 ? 2 : 1));
            }
            break;
        }
        res |= ((uint32_t)r & mask) << sh;
    }
    return with_flag(res, ge);
}

static uint32_t helper_arm_sel(uint32_t ge, uint32_t rn, uint32_t rm)
{
    uint32_t r = 0;
    for (int i = 0; i < 4; i++) {
        uint32_t m = 0xffu << (8 * i);
        r |= ((ge >> i) & 1) ? (rn & m) : (rm & m);
    }
    return r;
}

static uint32_t helper_arm_usad8(uint32_t rn, uint32_t rm)
{
    uint32_t sum = 0;
    for (int i = 0; i < 32; i += 8) {
        int a = (rn >> i) & 0xff, b = (rm >> i) & 0xff;
        sum += (uint32_t)(a > b ? a - b : b - a);
    }
    return sum;
}

static uint32_t helper_arm_rbit(uint32_t v)
{
    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
    v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(v);
}

/*
 * STREX: succeeds if the monitor is armed for this address and size and memory still
 * holds what LDREX read; the store itself is a host compare-and-swap, so it is atomic
 * against other guest threads. The monitor is cleared either way.
 */
static uint32_t helper_arm_strex(void *envp, uint32_t addr, uint64_t val, uint32_t size)
{
    CPUARMState *env = envp;
    bool ok = false;

    if (env->exclusive_addr != addr || env->exclusive_size != size) {
        env->exclusive_addr = UINT32_MAX;
        return 1;
    }
    env->exclusive_addr = UINT32_MAX;
    void *p = g2h(addr);
    switch (size) {
    case 0: {
        uint8_t expect = (uint8_t)env->exclusive_val;
        ok = __atomic_compare_exchange_n((uint8_t *)p, &expect, (uint8_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 1: {
        uint16_t expect = (uint16_t)env->exclusive_val;
        ok = __atomic_compare_exchange_n((uint16_t *)p, &expect, (uint16_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 2: {
        uint32_t expect = (uint32_t)env->exclusive_val;
        ok = __atomic_compare_exchange_n((uint32_t *)p, &expect, (uint32_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    default: {
        uint64_t expect = env->exclusive_val;
        ok = __atomic_compare_exchange_n((uint64_t *)p, &expect, val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    }
    return ok ? 0 : 1;
}

/*
 * DMB/DSB: x86 only reorders a later load before an earlier store, and a full fence
 * stops that. (An IR barrier op the JIT can inline would be cheaper.)
 */
static void helper_arm_barrier(void *env)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#define PURE (IRH_PURE | IRH_NO_GLOBALS)
IR_HELPER_DEF(arm_qadd, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_qsub, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_qdadd, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_qdsub, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_ssat, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_usat, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_ssat16, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_usat16, PURE, IRH_I64, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_paddsub, PURE, IRH_I64, IRH_I32, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_sel, PURE, IRH_I32, IRH_I32, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_usad8, PURE, IRH_I32, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_rbit, PURE, IRH_I32, IRH_I32);
IR_HELPER_DEF(arm_barrier, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV);
IR_HELPER_DEF(arm_strex, IRH_NO_GLOBALS | IRH_MEM, IRH_I32, IRH_ENV, IRH_I32, IRH_I64, IRH_I32);
