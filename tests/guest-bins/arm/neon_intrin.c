/*
 * Advanced SIMD (NEON) data processing through arm_neon.h intrinsics: every instruction
 * group (3 same, 3 different lengths, by scalar, shifts by immediate, 2 misc, VEXT/VTBL/
 * VDUP, modified immediates, core<->scalar transfers) on fixed inputs with edge values
 * (saturation extremes, NaN, denormals, infinities, -0.0). Prints each result in hex,
 * and FPSCR's cumulative flags and QC after the groups that set them. Built with
 * -mfpu=neon -O2; the reference output comes from qemu-arm.
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t get_fpscr(void)
{
    uint32_t v;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(v));
    return v;
}

static void set_fpscr(uint32_t v)
{
    __asm__ volatile("vmsr fpscr, %0" : : "r"(v));
}

/* Prints FPSCR's QC and cumulative flags, then clears them. */
static void flags(const char *what)
{
    uint32_t f = get_fpscr();
    printf("  %s flags %08x\n", what, f & 0x0800009fu);
    set_fpscr(f & ~0x0800009fu);
}

static void pq(const char *name, uint8x16_t v)
{
    uint64_t w[2];
    memcpy(w, &v, 16);
    printf("%-12s %016llx %016llx\n", name, (unsigned long long)w[1], (unsigned long long)w[0]);
}

static void pd(const char *name, uint8x8_t v)
{
    uint64_t w;
    memcpy(&w, &v, 8);
    printf("%-12s %016llx\n", name, (unsigned long long)w);
}

/* Casts to the byte vector types through memcpy, whatever the element type. */
#define SHOWQ(name, x) do { uint8x16_t b_; __typeof__(x) t_ = (x); memcpy(&b_, &t_, 16); \
                            pq(name, b_); } while (0)
#define SHOWD(name, x) do { uint8x8_t b_; __typeof__(x) t_ = (x); memcpy(&b_, &t_, 8); \
                            pd(name, b_); } while (0)

/* Inputs, volatile loads so the compiler cannot fold the operations. */
static volatile uint32_t in_u32[8] = {
    0x80000000u, 0x7fffffffu, 0x00000001u, 0xffffffffu,
    0x12345678u, 0xfedcba98u, 0x00010000u, 0x8000ffffu,
};
static volatile uint32_t in_b32[8] = {
    0x7fffffffu, 0x80000000u, 0xffffffffu, 0x00000002u,
    0x0f0f0f0fu, 0x01020304u, 0x7fff8000u, 0x80017fffu,
};
static volatile uint32_t in_f32[8] = {
    0x3f800000u, 0xc0000000u, 0x7f800000u, 0xff800000u, /* 1, -2, inf, -inf */
    0x7fc00000u, 0x7f800001u, 0x00000001u, 0x80000000u, /* qNaN, sNaN, denormal, -0 */
};
static volatile uint32_t in_g32[8] = {
    0x40490fdbu, 0x3f000000u, 0x00000000u, 0x7f7fffffu, /* pi, 0.5, 0, max */
    0xbf800000u, 0x3fc00000u, 0x00800000u, 0xc2c80000u, /* -1, 1.5, min normal, -100 */
};

static uint32x4_t ld(volatile uint32_t *p)
{
    uint32_t t[4] = { p[0], p[1], p[2], p[3] };
    return vld1q_u32(t);
}

static void three_same(void)
{
    printf("-- 3 same\n");
    for (int k = 0; k < 2; k++) {
        uint32x4_t a = ld(in_u32 + 4 * k), b = ld(in_b32 + 4 * k);
        int8x16_t a8 = vreinterpretq_s8_u32(a), b8 = vreinterpretq_s8_u32(b);
        int16x8_t a16 = vreinterpretq_s16_u32(a), b16 = vreinterpretq_s16_u32(b);
        int32x4_t as = vreinterpretq_s32_u32(a), bs = vreinterpretq_s32_u32(b);
        int64x2_t a64 = vreinterpretq_s64_u32(a), b64 = vreinterpretq_s64_u32(b);
        uint8x16_t au8 = vreinterpretq_u8_u32(a), bu8 = vreinterpretq_u8_u32(b);
        uint16x8_t au16 = vreinterpretq_u16_u32(a), bu16 = vreinterpretq_u16_u32(b);
        uint64x2_t au64 = vreinterpretq_u64_u32(a), bu64 = vreinterpretq_u64_u32(b);
        SHOWQ("vhadd.s8", vhaddq_s8(a8, b8));
        SHOWQ("vhadd.u16", vhaddq_u16(au16, bu16));
        SHOWQ("vrhadd.s32", vrhaddq_s32(as, bs));
        SHOWQ("vrhadd.u8", vrhaddq_u8(au8, bu8));
        SHOWQ("vhsub.s16", vhsubq_s16(a16, b16));
        SHOWQ("vhsub.u32", vhsubq_u32(a, b));
        SHOWQ("vqadd.s8", vqaddq_s8(a8, b8));
        SHOWQ("vqadd.u16", vqaddq_u16(au16, bu16));
        SHOWQ("vqadd.s32", vqaddq_s32(as, bs));
        SHOWQ("vqadd.s64", vqaddq_s64(a64, b64));
        SHOWQ("vqadd.u64", vqaddq_u64(au64, bu64));
        flags("vqadd");
        SHOWQ("vqsub.s16", vqsubq_s16(a16, b16));
        SHOWQ("vqsub.u32", vqsubq_u32(a, b));
        SHOWQ("vqsub.s64", vqsubq_s64(a64, b64));
        SHOWQ("vqsub.u64", vqsubq_u64(au64, bu64));
        flags("vqsub");
        SHOWQ("vand", vandq_u32(a, b));
        SHOWQ("vbic", vbicq_u32(a, b));
        SHOWQ("vorr", vorrq_u32(a, b));
        SHOWQ("vorn", vornq_u32(a, b));
        SHOWQ("veor", veorq_u32(a, b));
        SHOWQ("vbsl", vbslq_u32(a, b, vdupq_n_u32(0x33cc55aau)));
        SHOWQ("vcgt.s8", vcgtq_s8(a8, b8));
        SHOWQ("vcgt.u16", vcgtq_u16(au16, bu16));
        SHOWQ("vcge.s32", vcgeq_s32(as, bs));
        SHOWQ("vcge.u32", vcgeq_u32(a, b));
        SHOWQ("vceq.i8", vceqq_s8(a8, b8));
        SHOWQ("vtst.i16", vtstq_s16(a16, b16));
        SHOWQ("vshl.s8", vshlq_s8(a8, b8));
        SHOWQ("vshl.u16", vshlq_u16(au16, b16));
        SHOWQ("vshl.s32", vshlq_s32(as, bs));
        SHOWQ("vshl.s64", vshlq_s64(a64, b64));
        SHOWQ("vrshl.s8", vrshlq_s8(a8, b8));
        SHOWQ("vrshl.u32", vrshlq_u32(a, bs));
        SHOWQ("vrshl.u64", vrshlq_u64(au64, b64));
        SHOWQ("vqshl.s8", vqshlq_s8(a8, b8));
        SHOWQ("vqshl.u16", vqshlq_u16(au16, b16));
        SHOWQ("vqshl.s64", vqshlq_s64(a64, b64));
        flags("vqshl");
        SHOWQ("vqrshl.s16", vqrshlq_s16(a16, b16));
        SHOWQ("vqrshl.u32", vqrshlq_u32(a, bs));
        flags("vqrshl");
        SHOWQ("vmax.s8", vmaxq_s8(a8, b8));
        SHOWQ("vmax.u32", vmaxq_u32(a, b));
        SHOWQ("vmin.s16", vminq_s16(a16, b16));
        SHOWQ("vmin.u8", vminq_u8(au8, bu8));
        SHOWQ("vabd.s8", vabdq_s8(a8, b8));
        SHOWQ("vabd.u32", vabdq_u32(a, b));
        SHOWQ("vaba.s16", vabaq_s16(a16, a16, b16));
        SHOWQ("vadd.i8", vaddq_s8(a8, b8));
        SHOWQ("vadd.i64", vaddq_s64(a64, b64));
        SHOWQ("vsub.i16", vsubq_s16(a16, b16));
        SHOWQ("vmul.i8", vmulq_s8(a8, b8));
        SHOWQ("vmul.i32", vmulq_s32(as, bs));
        SHOWQ("vmul.p8", vmulq_p8(vreinterpretq_p8_u32(a), vreinterpretq_p8_u32(b)));
        SHOWQ("vmla.i16", vmlaq_s16(a16, a16, b16));
        SHOWQ("vmls.i32", vmlsq_s32(as, as, bs));
        SHOWD("vpadd.i8", vpadd_s8(vget_low_s8(a8), vget_high_s8(b8)));
        SHOWD("vpmax.s16", vpmax_s16(vget_low_s16(a16), vget_high_s16(b16)));
        SHOWD("vpmin.u32", vpmin_u32(vget_low_u32(a), vget_high_u32(b)));
        SHOWQ("vqdmulh.s16", vqdmulhq_s16(a16, b16));
        SHOWQ("vqdmulh.s32", vqdmulhq_s32(as, as));
        SHOWQ("vqrdmulh.s16", vqrdmulhq_s16(a16, a16));
        SHOWQ("vqrdmulh.s32", vqrdmulhq_s32(as, bs));
        flags("vqdmulh");
    }
}

static void float_ops(void)
{
    printf("-- float\n");
    set_fpscr(get_fpscr() & ~0x0800009fu);
    for (int k = 0; k < 2; k++) {
        for (int j = 0; j < 2; j++) {
            float32x4_t a = vreinterpretq_f32_u32(ld(in_f32 + 4 * k));
            float32x4_t b = vreinterpretq_f32_u32(ld((j ? in_f32 : in_g32) + 4 * (1 - k)));
            float32x4_t c = vreinterpretq_f32_u32(ld(in_g32 + 4 * k));
            SHOWQ("vadd.f32", vaddq_f32(a, b));
            flags("vadd");
            SHOWQ("vsub.f32", vsubq_f32(a, b));
            flags("vsub");
            SHOWQ("vmul.f32", vmulq_f32(a, b));
            flags("vmul");
            SHOWQ("vmla.f32", vmlaq_f32(c, a, b));
            flags("vmla");
            SHOWQ("vmls.f32", vmlsq_f32(c, a, b));
            flags("vmls");
            SHOWQ("vabd.f32", vabdq_f32(a, b));
            flags("vabd");
            SHOWQ("vceq.f32", vceqq_f32(a, b));
            flags("vceq");
            SHOWQ("vcge.f32", vcgeq_f32(a, b));
            flags("vcge");
            SHOWQ("vcgt.f32", vcgtq_f32(a, b));
            flags("vcgt");
            SHOWQ("vacge.f32", vcageq_f32(a, b));
            SHOWQ("vacgt.f32", vcagtq_f32(a, b));
            flags("vacg");
            SHOWQ("vmax.f32", vmaxq_f32(a, b));
            SHOWQ("vmin.f32", vminq_f32(a, b));
            flags("vmaxmin");
            SHOWD("vpadd.f32", vpadd_f32(vget_low_f32(a), vget_high_f32(b)));
            SHOWD("vpmax.f32", vpmax_f32(vget_low_f32(a), vget_high_f32(b)));
            SHOWD("vpmin.f32", vpmin_f32(vget_high_f32(a), vget_low_f32(b)));
            flags("vp");
            SHOWQ("vrecps.f32", vrecpsq_f32(a, b));
            flags("vrecps");
            SHOWQ("vrsqrts.f32", vrsqrtsq_f32(a, b));
            flags("vrsqrts");
            SHOWQ("vrecpe.f32", vrecpeq_f32(b));
            flags("vrecpe");
            SHOWQ("vrsqrte.f32", vrsqrteq_f32(b));
            flags("vrsqrte");
            SHOWQ("vabs.f32", vabsq_f32(a));
            SHOWQ("vneg.f32", vnegq_f32(a));
            SHOWQ("vceq0.f32", vceqq_f32(a, vdupq_n_f32(0)));
            SHOWQ("vcle0.f32", vcleq_f32(b, vdupq_n_f32(0)));
            SHOWQ("vclt0.f32", vcltq_f32(b, vdupq_n_f32(0)));
            flags("vc0");
            SHOWQ("vcvt.s32.f32", vcvtq_s32_f32(b));
            SHOWQ("vcvt.u32.f32", vcvtq_u32_f32(a));
            flags("vcvt");
            SHOWQ("vcvt.s32.f32#8", vcvtq_n_s32_f32(b, 8));
            SHOWQ("vcvt.u32.f32#31", vcvtq_n_u32_f32(b, 31));
            flags("vcvtn");
            SHOWQ("vcvt.f32.s32", vcvtq_f32_s32(vreinterpretq_s32_f32(a)));
            SHOWQ("vcvt.f32.u32#16", vcvtq_n_f32_u32(vreinterpretq_u32_f32(b), 16));
            flags("vcvtf");
        }
    }
    /* Mantissa sweep of the estimates. */
    for (uint32_t x = 0x3f800000u; x < 0x40800000u; x += 0x000a3a17u) {
        uint32x2_t v = vdup_n_u32(x);
        uint32x2_t r = vreinterpret_u32_f32(vrecpe_f32(vreinterpret_f32_u32(v)));
        uint32x2_t s = vreinterpret_u32_f32(vrsqrte_f32(vreinterpret_f32_u32(v)));
        uint32x2_t ui = vrecpe_u32(vdup_n_u32(x << 1 | 0x80000000u));
        uint32x2_t us = vrsqrte_u32(vdup_n_u32(x << 1));
        printf("est %08x %08x %08x %08x %08x\n", x, vget_lane_u32(r, 0), vget_lane_u32(s, 0),
               vget_lane_u32(ui, 0), vget_lane_u32(us, 0));
    }
    SHOWD("vrecpe.u32", vrecpe_u32(vcreate_u32(0x7fffffff80000000ull)));
    SHOWD("vrsqrte.u32", vrsqrte_u32(vcreate_u32(0x3fffffff40000000ull)));
    flags("est");
}

static void three_diff(void)
{
    printf("-- 3 diff\n");
    for (int k = 0; k < 2; k++) {
        uint32x4_t a = ld(in_u32 + 4 * k), b = ld(in_b32 + 4 * k);
        int8x8_t a8 = vreinterpret_s8_u32(vget_low_u32(a));
        int8x8_t b8 = vreinterpret_s8_u32(vget_high_u32(b));
        int16x4_t a16 = vreinterpret_s16_u32(vget_high_u32(a));
        int16x4_t b16 = vreinterpret_s16_u32(vget_low_u32(b));
        int32x2_t as = vreinterpret_s32_u32(vget_low_u32(a));
        int32x2_t bs = vreinterpret_s32_u32(vget_low_u32(b));
        uint8x8_t au8 = vreinterpret_u8_s8(a8), bu8 = vreinterpret_u8_s8(b8);
        uint16x4_t au16 = vreinterpret_u16_s16(a16), bu16 = vreinterpret_u16_s16(b16);
        uint32x2_t au = vreinterpret_u32_s32(as), bu = vreinterpret_u32_s32(bs);
        SHOWQ("vaddl.s8", vaddl_s8(a8, b8));
        SHOWQ("vaddl.u16", vaddl_u16(au16, bu16));
        SHOWQ("vaddw.s32", vaddw_s32(vreinterpretq_s64_u32(a), bs));
        SHOWQ("vsubl.u8", vsubl_u8(au8, bu8));
        SHOWQ("vsubw.s16", vsubw_s16(vreinterpretq_s32_u32(b), a16));
        SHOWD("vaddhn.i16", vaddhn_s16(vreinterpretq_s16_u32(a), vreinterpretq_s16_u32(b)));
        SHOWD("vraddhn.i32", vraddhn_s32(vreinterpretq_s32_u32(a), vreinterpretq_s32_u32(b)));
        SHOWD("vsubhn.i64", vsubhn_s64(vreinterpretq_s64_u32(a), vreinterpretq_s64_u32(b)));
        SHOWD("vrsubhn.i16", vrsubhn_s16(vreinterpretq_s16_u32(a), vreinterpretq_s16_u32(b)));
        SHOWQ("vabal.s8", vabal_s8(vreinterpretq_s16_u32(a), a8, b8));
        SHOWQ("vabdl.u32", vabdl_u32(au, bu));
        SHOWQ("vmlal.s16", vmlal_s16(vreinterpretq_s32_u32(b), a16, b16));
        SHOWQ("vmlsl.u32", vmlsl_u32(vreinterpretq_u64_u32(a), au, bu));
        SHOWQ("vmull.s8", vmull_s8(a8, b8));
        SHOWQ("vmull.u32", vmull_u32(au, bu));
        SHOWQ("vmull.p8", vmull_p8(vreinterpret_p8_s8(a8), vreinterpret_p8_s8(b8)));
        SHOWQ("vqdmull.s16", vqdmull_s16(a16, a16));
        SHOWQ("vqdmull.s32", vqdmull_s32(as, bs));
        flags("vqdmull");
        SHOWQ("vqdmlal.s16", vqdmlal_s16(vreinterpretq_s32_u32(b), a16, b16));
        SHOWQ("vqdmlsl.s32", vqdmlsl_s32(vreinterpretq_s64_u32(a), as, as));
        flags("vqdmlal");
    }
}

static void by_scalar(void)
{
    printf("-- by scalar\n");
    uint32x4_t a = ld(in_u32), b = ld(in_b32 + 4);
    int16x8_t a16 = vreinterpretq_s16_u32(a);
    int16x4_t b16 = vreinterpret_s16_u32(vget_low_u32(b));
    int32x4_t as = vreinterpretq_s32_u32(a);
    int32x2_t bs = vreinterpret_s32_u32(vget_high_u32(b));
    float32x4_t fa = vreinterpretq_f32_u32(ld(in_g32));
    float32x2_t fb = vreinterpret_f32_u32(vget_low_u32(ld(in_f32)));
    SHOWQ("vmla.i16[3]", vmlaq_lane_s16(a16, a16, b16, 3));
    SHOWQ("vmls.i32[1]", vmlsq_lane_s32(as, as, bs, 1));
    SHOWQ("vmul.i16[1]", vmulq_lane_s16(a16, b16, 1));
    SHOWQ("vmul.f32[1]", vmulq_lane_f32(fa, fb, 1));
    SHOWQ("vmla.f32[0]", vmlaq_lane_f32(fa, fa, fb, 0));
    SHOWQ("vmls.f32[1]", vmlsq_lane_f32(fa, fa, fb, 1));
    flags("vmul.f");
    SHOWQ("vmull.s16[2]", vmull_lane_s16(vget_low_s16(a16), b16, 2));
    SHOWQ("vmull.u32[0]", vmull_lane_u32(vget_high_u32(a), vreinterpret_u32_s32(bs), 0));
    SHOWQ("vmlal.s32[1]", vmlal_lane_s32(vreinterpretq_s64_u32(b), vget_low_s32(as), bs, 1));
    SHOWQ("vmlsl.u16[0]", vmlsl_lane_u16(a, vget_high_u16(vreinterpretq_u16_u32(a)),
                                        vreinterpret_u16_s16(b16), 0));
    SHOWQ("vqdmull.s16[1]", vqdmull_lane_s16(vget_low_s16(a16), b16, 1));
    SHOWQ("vqdmlal.s32[0]", vqdmlal_lane_s32(vreinterpretq_s64_u32(b), vget_low_s32(as),
                                            vget_low_s32(as), 0));
    SHOWQ("vqdmlsl.s16[3]", vqdmlsl_lane_s16(as, vget_high_s16(a16), b16, 3));
    SHOWQ("vqdmulh.s16[1]", vqdmulhq_lane_s16(a16, b16, 1));
    SHOWQ("vqrdmulh.s32[0]", vqrdmulhq_lane_s32(as, vget_low_s32(as), 0));
    flags("vqdm");
}

static void shifts(void)
{
    printf("-- shift imm\n");
    for (int k = 0; k < 2; k++) {
        uint32x4_t a = ld(in_u32 + 4 * k), b = ld(in_b32 + 4 * k);
        int8x16_t a8 = vreinterpretq_s8_u32(a);
        int16x8_t a16 = vreinterpretq_s16_u32(a);
        int32x4_t as = vreinterpretq_s32_u32(a);
        int64x2_t a64 = vreinterpretq_s64_u32(a);
        uint8x16_t au8 = vreinterpretq_u8_u32(a);
        uint16x8_t au16 = vreinterpretq_u16_u32(a);
        uint64x2_t au64 = vreinterpretq_u64_u32(a);
        SHOWQ("vshr.s8#3", vshrq_n_s8(a8, 3));
        SHOWQ("vshr.u16#16", vshrq_n_u16(au16, 16));
        SHOWQ("vshr.s64#63", vshrq_n_s64(a64, 63));
        SHOWQ("vsra.u32#7", vsraq_n_u32(b, a, 7));
        SHOWQ("vrshr.s16#5", vrshrq_n_s16(a16, 5));
        SHOWQ("vrshr.u64#64", vrshrq_n_u64(au64, 64));
        SHOWQ("vrsra.s32#32", vrsraq_n_s32(vreinterpretq_s32_u32(b), as, 32));
        SHOWQ("vsri.8#3", vsriq_n_u8(vreinterpretq_u8_u32(b), au8, 3));
        SHOWQ("vsri.64#64", vsriq_n_u64(vreinterpretq_u64_u32(b), au64, 64));
        SHOWQ("vshl.i16#9", vshlq_n_s16(a16, 9));
        SHOWQ("vsli.32#31", vsliq_n_u32(b, a, 31));
        SHOWQ("vsli.64#0", vsliq_n_u64(vreinterpretq_u64_u32(b), au64, 0));
        SHOWQ("vqshl.s8#6", vqshlq_n_s8(a8, 6));
        SHOWQ("vqshl.u32#4", vqshlq_n_u32(a, 4));
        SHOWQ("vqshl.s64#1", vqshlq_n_s64(a64, 1));
        SHOWQ("vqshlu.s16#3", vqshluq_n_s16(a16, 3));
        flags("vqshl");
        SHOWD("vshrn.i16#3", vshrn_n_s16(a16, 3));
        SHOWD("vrshrn.i32#16", vrshrn_n_s32(as, 16));
        SHOWD("vqshrn.s64#1", vqshrn_n_s64(a64, 1));
        SHOWD("vqshrn.u16#2", vqshrn_n_u16(au16, 2));
        SHOWD("vqrshrn.s32#3", vqrshrn_n_s32(as, 3));
        SHOWD("vqrshrn.u64#32", vqrshrn_n_u64(au64, 32));
        SHOWD("vqshrun.s16#1", vqshrun_n_s16(a16, 1));
        SHOWD("vqrshrun.s32#9", vqrshrun_n_s32(as, 9));
        flags("vqshrn");
        SHOWQ("vshll.s8#3", vshll_n_s8(vget_low_s8(a8), 3));
        SHOWQ("vshll.u16#16", vshll_n_u16(vget_high_u16(au16), 16));
        SHOWQ("vmovl.s32", vmovl_s32(vget_low_s32(as)));
        SHOWQ("vmovl.u8", vmovl_u8(vget_high_u8(au8)));
    }
}

static void misc(void)
{
    printf("-- 2 misc\n");
    for (int k = 0; k < 2; k++) {
        uint32x4_t a = ld(in_u32 + 4 * k), b = ld(in_b32 + 4 * k);
        int8x16_t a8 = vreinterpretq_s8_u32(a);
        int16x8_t a16 = vreinterpretq_s16_u32(a);
        int32x4_t as = vreinterpretq_s32_u32(a);
        uint8x16_t au8 = vreinterpretq_u8_u32(a);
        uint16x8_t au16 = vreinterpretq_u16_u32(a);
        SHOWQ("vrev64.8", vrev64q_u8(au8));
        SHOWQ("vrev64.32", vrev64q_u32(a));
        SHOWQ("vrev32.16", vrev32q_u16(au16));
        SHOWQ("vrev16.8", vrev16q_u8(au8));
        SHOWQ("vpaddl.s8", vpaddlq_s8(a8));
        SHOWQ("vpaddl.u32", vpaddlq_u32(a));
        SHOWQ("vpadal.s16", vpadalq_s16(vreinterpretq_s32_u32(b), a16));
        SHOWQ("vpadal.u8", vpadalq_u8(vreinterpretq_u16_u32(b), au8));
        SHOWQ("vcls.s8", vclsq_s8(a8));
        SHOWQ("vcls.s32", vclsq_s32(as));
        SHOWQ("vclz.i16", vclzq_s16(a16));
        SHOWQ("vclz.i32", vclzq_u32(a));
        SHOWQ("vcnt.8", vcntq_u8(au8));
        SHOWQ("vmvn", vmvnq_u32(a));
        SHOWQ("vqabs.s8", vqabsq_s8(a8));
        SHOWQ("vqneg.s32", vqnegq_s32(as));
        flags("vqabs");
        SHOWQ("vcgt0.s8", vcgtq_s8(a8, vdupq_n_s8(0)));
        SHOWQ("vcge0.s16", vcgeq_s16(a16, vdupq_n_s16(0)));
        SHOWQ("vceq0.i32", vceqq_s32(as, vdupq_n_s32(0)));
        SHOWQ("vcle0.s32", vcleq_s32(as, vdupq_n_s32(0)));
        SHOWQ("vclt0.s8", vcltq_s8(a8, vdupq_n_s8(0)));
        SHOWQ("vabs.s16", vabsq_s16(a16));
        SHOWQ("vneg.s8", vnegq_s8(a8));
        uint32x4x2_t t = vtrnq_u32(a, b);
        SHOWQ("vtrn.32a", t.val[0]);
        SHOWQ("vtrn.32b", t.val[1]);
        uint8x8x2_t t8 = vtrn_u8(vget_low_u8(au8), vget_high_u8(au8));
        SHOWD("vtrn.8a", t8.val[0]);
        SHOWD("vtrn.8b", t8.val[1]);
        uint16x8x2_t u = vuzpq_u16(au16, vreinterpretq_u16_u32(b));
        SHOWQ("vuzp.16a", u.val[0]);
        SHOWQ("vuzp.16b", u.val[1]);
        uint8x16x2_t z = vzipq_u8(au8, vreinterpretq_u8_u32(b));
        SHOWQ("vzip.8a", z.val[0]);
        SHOWQ("vzip.8b", z.val[1]);
        uint16x4x2_t z16 = vzip_u16(vget_low_u16(au16), vget_high_u16(au16));
        SHOWD("vzip.16a", z16.val[0]);
        SHOWD("vzip.16b", z16.val[1]);
        SHOWD("vmovn.i16", vmovn_s16(a16));
        SHOWD("vmovn.i64", vmovn_u64(vreinterpretq_u64_u32(a)));
        SHOWD("vqmovn.s32", vqmovn_s32(as));
        SHOWD("vqmovn.u16", vqmovn_u16(au16));
        SHOWD("vqmovun.s16", vqmovun_s16(a16));
        flags("vqmovn");
        uint32x4_t wide, src = ld(in_g32 + 4 * k);
        uint32x2_t narrow;
        /* The half-precision extension, whatever -mfpu says. */
        __asm__(".fpu neon-fp16\n\tvcvt.f32.f16 %q0, %P1" : "=w"(wide) : "w"(vget_low_u32(a)));
        __asm__(".fpu neon-fp16\n\tvcvt.f16.f32 %P0, %q1" : "=w"(narrow) : "w"(src));
        SHOWQ("vcvt.f32.f16", wide);
        SHOWD("vcvt.f16.f32", narrow);
        flags("vcvt.f16");
    }
}

static void permute(void)
{
    printf("-- vext vtbl vdup vmov\n");
    uint32x4_t a = ld(in_u32), b = ld(in_b32);
    uint8x16_t a8 = vreinterpretq_u8_u32(a), b8 = vreinterpretq_u8_u32(b);
    SHOWQ("vext.8#5", vextq_u8(a8, b8, 5));
    SHOWQ("vext.32#3", vextq_u32(a, b, 3));
    SHOWD("vext.8#7", vext_u8(vget_low_u8(a8), vget_high_u8(b8), 7));
    uint8x8_t idx = vcreate_u8(0x1f0f200807100003ull);
    uint8x8x2_t t2 = { { vget_low_u8(a8), vget_high_u8(a8) } };
    uint8x8x4_t t4 = { { vget_low_u8(a8), vget_high_u8(a8), vget_low_u8(b8),
                         vget_high_u8(b8) } };
    SHOWD("vtbl1", vtbl1_u8(vget_low_u8(a8), idx));
    SHOWD("vtbl2", vtbl2_u8(t2, idx));
    SHOWD("vtbl4", vtbl4_u8(t4, idx));
    SHOWD("vtbx1", vtbx1_u8(vget_low_u8(b8), vget_low_u8(a8), idx));
    SHOWD("vtbx4", vtbx4_u8(vget_high_u8(b8), t4, vcreate_u8(0x2120ff1f1e000102ull)));
    SHOWQ("vdup.8[5]", vdupq_lane_u8(vget_low_u8(a8), 5));
    SHOWQ("vdup.16[3]", vdupq_lane_u16(vget_high_u16(vreinterpretq_u16_u8(a8)), 3));
    SHOWD("vdup.32[1]", vdup_lane_u32(vget_low_u32(b), 1));
    volatile uint32_t r = in_u32[4];
    SHOWQ("vdup.8 r", vdupq_n_u8((uint8_t)r));
    SHOWQ("vdup.16 r", vdupq_n_u16((uint16_t)r));
    SHOWD("vdup.32 r", vdup_n_u32(r));
    uint8x8_t d = vget_low_u8(b8);
    d = vset_lane_u8((uint8_t)r, d, 6);
    SHOWD("vmov.8 d[6]", d);
    uint16x4_t h = vset_lane_u16((uint16_t)r, vget_low_u16(vreinterpretq_u16_u32(a)), 1);
    SHOWD("vmov.16 d[1]", h);
    printf("vmov.s8 %08x vmov.u8 %08x vmov.s16 %08x vmov.u16 %08x\n",
           (uint32_t)vgetq_lane_s8(vreinterpretq_s8_u32(a), 3),
           (uint32_t)vgetq_lane_u8(a8, 15),
           (uint32_t)vgetq_lane_s16(vreinterpretq_s16_u32(b), 7),
           (uint32_t)vgetq_lane_u16(vreinterpretq_u16_u32(a), 1));
}

/* One register and a modified immediate: every cmode/op form, through inline asm. */

static void imm_one(const char *name, uint64_t v)
{
    printf("%-24s %016llx\n", name, (unsigned long long)v);
}

#define IMMV(text) do { uint32_t lo_, hi_;                                          \
        __asm__ volatile("vmov.i32 d16, #0x00ab0000\n\t"                             \
                         "vorr.i32 d16, #0x000000cd\n\t"                             \
                         text "\n\t" "vmov %0, %1, d16"                              \
                         : "=r"(lo_), "=r"(hi_) : : "d16");                          \
        imm_one(text, (uint64_t)hi_ << 32 | lo_); } while (0)

static void immediates(void)
{
    printf("-- modified immediate\n");
    IMMV("vmov.i32 d16, #0x000000a5");
    IMMV("vmov.i32 d16, #0x0000a500");
    IMMV("vmov.i32 d16, #0x00a50000");
    IMMV("vmov.i32 d16, #0xa5000000");
    IMMV("vmov.i16 d16, #0x00a5");
    IMMV("vmov.i16 d16, #0xa500");
    IMMV("vmov.i32 d16, #0x0000a5ff");
    IMMV("vmov.i32 d16, #0x00a5ffff");
    IMMV("vmov.i8 d16, #0xa5");
    IMMV("vmov.i64 d16, #0xff00ff0000ffff00");
    IMMV("vmov.f32 d16, #-1.25");
    IMMV("vmov.f32 d16, #31.0");
    IMMV("vmvn.i32 d16, #0x000000a5");
    IMMV("vmvn.i32 d16, #0xa5000000");
    IMMV("vmvn.i16 d16, #0xa500");
    IMMV("vmvn.i32 d16, #0x0000a5ff");
    IMMV("vmvn.i32 d16, #0x00a5ffff");
    IMMV("vorr.i32 d16, #0x0000a500");
    IMMV("vorr.i32 d16, #0x00a50000");
    IMMV("vorr.i16 d16, #0x00a5");
    IMMV("vorr.i16 d16, #0xa500");
    IMMV("vbic.i32 d16, #0x000000ff");
    IMMV("vbic.i32 d16, #0x00ff0000");
    IMMV("vbic.i16 d16, #0x00ff");
    IMMV("vbic.i16 d16, #0xab00");
}

int main(void)
{
    set_fpscr(0);
    three_same();
    float_ops();
    three_diff();
    by_scalar();
    shifts();
    misc();
    permute();
    immediates();
    flags("end");
    return 0;
}
