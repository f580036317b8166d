/*
 * NEON element and structure loads and stores: every VLD1-4/VST1-4 form (multiple
 * structures with 1-4 registers and each register spacing, one lane, all lanes), each
 * element size, alignment hints on aligned addresses, and the three writeback forms
 * (none, by the transfer size, by a register). Results are printed as hex bytes, so the
 * output is the exact register and memory contents. Built with -mfpu=neon.
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t src[256] __attribute__((aligned(32)));
static uint8_t dst[256] __attribute__((aligned(32)));
static uint8_t fill[64] __attribute__((aligned(8)));
static uint8_t out[64] __attribute__((aligned(8)));

static void hex(const char *label, const void *p, size_t n)
{
    const uint8_t *b = p;
    printf("%-22s", label);
    for (size_t i = 0; i < n; i++) {
        printf("%s%02x", (i && i % 8 == 0) ? " " : "", b[i]);
    }
    printf("\n");
}

static void reset_dst(void)
{
    memset(dst, 0xee, sizeof(dst));
}

#define SHOW(label, v)                                                                  \
    do {                                                                                \
        __typeof__(v) tmp_ = (v);                                                       \
        hex(label, &tmp_, sizeof(tmp_));                                                \
    } while (0)

/* ---- Intrinsics: loads ---- */

static void multiple_loads(void)
{
    SHOW("vld1_u8", vld1_u8(src + 1));
    SHOW("vld1q_u8", vld1q_u8(src + 3));
    SHOW("vld1_u16", vld1_u16((const uint16_t *)(src + 2)));
    SHOW("vld1q_u32", vld1q_u32((const uint32_t *)(src + 4)));
    SHOW("vld1q_u64", vld1q_u64((const uint64_t *)(src + 8)));
    SHOW("vld2_u8", vld2_u8(src + 5));
    SHOW("vld2q_u8", vld2q_u8(src + 7));
    SHOW("vld2_u16", vld2_u16((const uint16_t *)(src + 2)));
    SHOW("vld2q_u16", vld2q_u16((const uint16_t *)(src + 6)));
    SHOW("vld2_u32", vld2_u32((const uint32_t *)(src + 12)));
    SHOW("vld2q_f32", vld2q_f32((const float32_t *)(src + 16)));
    SHOW("vld3_u8", vld3_u8(src + 9));
    SHOW("vld3q_u8", vld3q_u8(src + 1));
    SHOW("vld3_u16", vld3_u16((const uint16_t *)(src + 2)));
    SHOW("vld3q_f32", vld3q_f32((const float32_t *)(src + 4)));
    SHOW("vld4_u8", vld4_u8(src + 11));
    SHOW("vld4q_u16", vld4q_u16((const uint16_t *)(src + 2)));
    SHOW("vld4_u32", vld4_u32((const uint32_t *)(src + 8)));
    SHOW("vld4q_u32", vld4q_u32((const uint32_t *)(src + 20)));
}

static void lane_loads(void)
{
    uint8x8_t b = vdup_n_u8(0xaa);
    uint16x4_t h = vdup_n_u16(0xbbbb);
    uint32x2_t w = vdup_n_u32(0xcccccccc);
    uint16x8_t hq = vdupq_n_u16(0xdddd);
    uint32x4_t wq = vdupq_n_u32(0x99999999);
    SHOW("vld1_lane_u8 5", vld1_lane_u8(src + 3, b, 5));
    SHOW("vld1_lane_u16 3", vld1_lane_u16((const uint16_t *)(src + 4), h, 3));
    SHOW("vld1_lane_u32 1", vld1_lane_u32((const uint32_t *)(src + 8), w, 1));
    SHOW("vld1q_lane_u16 6", vld1q_lane_u16((const uint16_t *)(src + 1), hq, 6));
    SHOW("vld1q_lane_u32 2", vld1q_lane_u32((const uint32_t *)(src + 5), wq, 2));
    uint8x8x2_t b2 = { { b, vdup_n_u8(0x11) } };
    SHOW("vld2_lane_u8 7", vld2_lane_u8(src + 13, b2, 7));
    uint16x8x2_t hq2 = { { hq, vdupq_n_u16(0x2222) } };
    SHOW("vld2q_lane_u16 5", vld2q_lane_u16((const uint16_t *)(src + 2), hq2, 5));
    uint32x4x2_t wq2 = { { wq, vdupq_n_u32(0x33333333) } };
    SHOW("vld2q_lane_u32 3", vld2q_lane_u32((const uint32_t *)(src + 7), wq2, 3));
    uint8x8x3_t b3 = { { b, vdup_n_u8(0x11), vdup_n_u8(0x22) } };
    SHOW("vld3_lane_u8 2", vld3_lane_u8(src + 17, b3, 2));
    uint16x8x3_t hq3 = { { hq, vdupq_n_u16(0x4444), vdupq_n_u16(0x5555) } };
    SHOW("vld3q_lane_u16 7", vld3q_lane_u16((const uint16_t *)(src + 6), hq3, 7));
    uint32x2x3_t w3 = { { w, vdup_n_u32(0x66666666), vdup_n_u32(0x77777777) } };
    SHOW("vld3_lane_u32 0", vld3_lane_u32((const uint32_t *)(src + 3), w3, 0));
    uint8x8x4_t b4 = { { b, vdup_n_u8(1), vdup_n_u8(2), vdup_n_u8(3) } };
    SHOW("vld4_lane_u8 4", vld4_lane_u8(src + 21, b4, 4));
    uint16x4x4_t h4 = { { h, vdup_n_u16(1), vdup_n_u16(2), vdup_n_u16(3) } };
    SHOW("vld4_lane_u16 1", vld4_lane_u16((const uint16_t *)(src + 10), h4, 1));
    uint32x4x4_t wq4 = { { wq, vdupq_n_u32(1), vdupq_n_u32(2), vdupq_n_u32(3) } };
    SHOW("vld4q_lane_u32 3", vld4q_lane_u32((const uint32_t *)(src + 12), wq4, 3));
}

static void dup_loads(void)
{
    SHOW("vld1_dup_u8", vld1_dup_u8(src + 7));
    SHOW("vld1q_dup_u8", vld1q_dup_u8(src + 9));
    SHOW("vld1_dup_u16", vld1_dup_u16((const uint16_t *)(src + 3)));
    SHOW("vld1q_dup_u32", vld1q_dup_u32((const uint32_t *)(src + 5)));
    SHOW("vld2_dup_u8", vld2_dup_u8(src + 11));
    SHOW("vld2_dup_u16", vld2_dup_u16((const uint16_t *)(src + 2)));
    SHOW("vld2_dup_u32", vld2_dup_u32((const uint32_t *)(src + 6)));
    SHOW("vld3_dup_u16", vld3_dup_u16((const uint16_t *)(src + 1)));
    SHOW("vld3_dup_u32", vld3_dup_u32((const uint32_t *)(src + 8)));
    SHOW("vld4_dup_u8", vld4_dup_u8(src + 13));
    SHOW("vld4_dup_u16", vld4_dup_u16((const uint16_t *)(src + 4)));
    SHOW("vld4_dup_u32", vld4_dup_u32((const uint32_t *)(src + 16)));
}

/* ---- Intrinsics: stores ---- */

static uint8x16_t pattern(uint8_t base)
{
    uint8_t b[16];
    for (int i = 0; i < 16; i++) {
        b[i] = (uint8_t)(base + i);
    }
    return vld1q_u8(b);
}

#define STORE(label, n, stmt)                                                           \
    do {                                                                                \
        reset_dst();                                                                    \
        stmt;                                                                           \
        hex(label, dst, n);                                                             \
    } while (0)

static void stores(void)
{
    uint8x16_t p0 = pattern(0x10), p1 = pattern(0x40), p2 = pattern(0x80);
    uint8x16_t p3 = pattern(0xc0);
    uint8_t *d = dst + 1;
    STORE("vst1_u8", 10, vst1_u8(d, vget_low_u8(p0)));
    STORE("vst1q_u16", 18, vst1q_u16((uint16_t *)d, vreinterpretq_u16_u8(p1)));
    STORE("vst1q_u64", 18, vst1q_u64((uint64_t *)d, vreinterpretq_u64_u8(p2)));
    uint8x8x2_t b2 = { { vget_low_u8(p0), vget_high_u8(p1) } };
    STORE("vst2_u8", 18, vst2_u8(d, b2));
    uint16x8x2_t h2 = { { vreinterpretq_u16_u8(p0), vreinterpretq_u16_u8(p2) } };
    STORE("vst2q_u16", 34, vst2q_u16((uint16_t *)d, h2));
    uint32x2x2_t w2 = { { vreinterpret_u32_u8(vget_low_u8(p3)),
                          vreinterpret_u32_u8(vget_high_u8(p1)) } };
    STORE("vst2_u32", 18, vst2_u32((uint32_t *)d, w2));
    uint8x8x3_t b3 = { { vget_low_u8(p0), vget_low_u8(p1), vget_low_u8(p2) } };
    STORE("vst3_u8", 26, vst3_u8(d, b3));
    uint32x4x3_t w3 = { { vreinterpretq_u32_u8(p0), vreinterpretq_u32_u8(p1),
                          vreinterpretq_u32_u8(p2) } };
    STORE("vst3q_u32", 50, vst3q_u32((uint32_t *)d, w3));
    uint16x4x4_t h4 = { { vreinterpret_u16_u8(vget_low_u8(p0)),
                          vreinterpret_u16_u8(vget_low_u8(p1)),
                          vreinterpret_u16_u8(vget_low_u8(p2)),
                          vreinterpret_u16_u8(vget_low_u8(p3)) } };
    STORE("vst4_u16", 34, vst4_u16((uint16_t *)d, h4));
    uint8x16x4_t b4 = { { p0, p1, p2, p3 } };
    STORE("vst4q_u8", 66, vst4q_u8(d, b4));
    /* one lane */
    STORE("vst1_lane_u8 6", 4, vst1_lane_u8(d, vget_low_u8(p1), 6));
    STORE("vst1q_lane_u16 5", 4, vst1q_lane_u16((uint16_t *)d, vreinterpretq_u16_u8(p2), 5));
    STORE("vst1_lane_u32 1", 6, vst1_lane_u32((uint32_t *)d,
                                               vreinterpret_u32_u8(vget_low_u8(p3)), 1));
    STORE("vst2q_lane_u16 6", 6, vst2q_lane_u16((uint16_t *)d, h2, 6));
    STORE("vst3_lane_u8 3", 5, vst3_lane_u8(d, b3, 3));
    STORE("vst3q_lane_u32 2", 14, vst3q_lane_u32((uint32_t *)d, w3, 2));
    STORE("vst4_lane_u16 2", 10, vst4_lane_u16((uint16_t *)d, h4, 2));
    uint32x2x4_t w4 = { { vreinterpret_u32_u8(vget_low_u8(p0)),
                          vreinterpret_u32_u8(vget_high_u8(p1)),
                          vreinterpret_u32_u8(vget_low_u8(p2)),
                          vreinterpret_u32_u8(vget_high_u8(p3)) } };
    STORE("vst4_lane_u32 1", 18, vst4_lane_u32((uint32_t *)d, w4, 1));
}

/* ---- Inline assembly: forms the intrinsics do not pick, hints and writeback ---- */

#define DREGS "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7"

/*
 * d0-d7 preset from `fill`, then INSN with %[p] = src + OFF and %[m] = RM, then d0-d7
 * and how far %[p] moved are printed.
 */
#define ASM_LD(label, insn, off, rm)                                                    \
    do {                                                                                \
        const uint8_t *p = src + (off);                                                 \
        uint32_t m = (rm);                                                              \
        __asm__ volatile("vldmia %[f], {d0-d7}\n\t" insn "\n\t"                         \
                         "vstmia %[o], {d0-d7}"                                         \
                         : [p] "+r"(p)                                                  \
                         : [f] "r"(fill), [o] "r"(out), [m] "r"(m)                      \
                         : DREGS, "memory");                                            \
        printf("%-22s+%d\n", label, (int)(p - src - (off)));                            \
        hex("", out, 64);                                                               \
    } while (0)

/* d0-d7 preset from src + 64, then INSN storing at %[p] = dst + OFF; dst printed. */
#define ASM_ST(label, insn, off, rm, n)                                                 \
    do {                                                                                \
        uint8_t *p = dst + (off);                                                       \
        uint32_t m = (rm);                                                              \
        reset_dst();                                                                    \
        __asm__ volatile("vldmia %[f], {d0-d7}\n\t" insn                                \
                         : [p] "+r"(p)                                                  \
                         : [f] "r"(src + 64), [m] "r"(m)                                \
                         : DREGS, "memory");                                            \
        printf("%-22s+%d\n", label, (int)(p - dst - (off)));                            \
        hex("", dst, n);                                                                \
    } while (0)

static void asm_forms(void)
{
    /* VLD1 with 1-4 registers, every element size, and the hints each allows. */
    ASM_LD("vld1.8 1reg", "vld1.8 {d1}, [%[p]]", 3, 0);
    ASM_LD("vld1.16 2reg :128", "vld1.16 {d2-d3}, [%[p]:128]", 32, 0);
    ASM_LD("vld1.32 3reg :64", "vld1.32 {d1-d3}, [%[p]:64]", 8, 0);
    ASM_LD("vld1.64 4reg :256", "vld1.64 {d4-d7}, [%[p]:256]", 64, 0);
    ASM_LD("vld1.8 4reg !", "vld1.8 {d0-d3}, [%[p]]!", 5, 0);
    ASM_LD("vld1.32 2reg rm", "vld1.32 {d5-d6}, [%[p]], %[m]", 4, 12);
    ASM_LD("vld1.8 1reg rm neg", "vld1.8 {d0}, [%[p]], %[m]", 40, (uint32_t)-7);
    /* VLD2 with spacing 1 and 2, and the four-register form */
    ASM_LD("vld2.8 inc1 :128 !", "vld2.8 {d0-d1}, [%[p]:128]!", 16, 0);
    ASM_LD("vld2.16 inc2", "vld2.16 {d1, d3}, [%[p]]", 2, 0);
    ASM_LD("vld2.32 4reg :256 !", "vld2.32 {d0-d3}, [%[p]:256]!", 32, 0);
    ASM_LD("vld2.8 4reg rm", "vld2.8 {d4-d7}, [%[p]], %[m]", 1, 3);
    /* VLD3 and VLD4 with spacing 1 and 2 */
    ASM_LD("vld3.8 inc1 :64 !", "vld3.8 {d0-d2}, [%[p]:64]!", 8, 0);
    ASM_LD("vld3.16 inc2", "vld3.16 {d1, d3, d5}, [%[p]]", 6, 0);
    ASM_LD("vld4.32 inc1 :256", "vld4.32 {d4-d7}, [%[p]:256]", 96, 0);
    ASM_LD("vld4.8 inc2 :128 rm", "vld4.8 {d0, d2, d4, d6}, [%[p]:128], %[m]", 48, 100);
    /* one lane, with spacing 2 and hints */
    ASM_LD("vld1.32 lane :32 !", "vld1.32 {d3[1]}, [%[p]:32]!", 4, 0);
    ASM_LD("vld1.16 lane :16", "vld1.16 {d2[3]}, [%[p]:16]", 2, 0);
    ASM_LD("vld2.8 lane :16 rm", "vld2.8 {d0[6], d1[6]}, [%[p]:16], %[m]", 10, 5);
    ASM_LD("vld2.32 lane inc2 :64", "vld2.32 {d1[1], d3[1]}, [%[p]:64]", 24, 0);
    ASM_LD("vld3.16 lane inc2 !", "vld3.16 {d0[2], d2[2], d4[2]}, [%[p]]!", 3, 0);
    ASM_LD("vld4.8 lane :32", "vld4.8 {d4[7], d5[7], d6[7], d7[7]}, [%[p]:32]", 12, 0);
    ASM_LD("vld4.16 lane inc2 :64", "vld4.16 {d0[1], d2[1], d4[1], d6[1]}, [%[p]:64]", 8, 0);
    ASM_LD("vld4.32 lane :128 !", "vld4.32 {d0[0], d1[0], d2[0], d3[0]}, [%[p]:128]!", 16,
           0);
    /* all lanes: VLD1 with two registers, spacing 2, hints, the 128-bit VLD4 form */
    ASM_LD("vld1.16 dup 2reg :16", "vld1.16 {d2[], d3[]}, [%[p]:16]", 6, 0);
    ASM_LD("vld1.32 dup :32 !", "vld1.32 {d1[]}, [%[p]:32]!", 12, 0);
    ASM_LD("vld2.8 dup inc2 :16", "vld2.8 {d0[], d2[]}, [%[p]:16]", 2, 0);
    ASM_LD("vld2.32 dup :64 rm", "vld2.32 {d4[], d5[]}, [%[p]:64], %[m]", 8, 20);
    ASM_LD("vld3.8 dup inc2 !", "vld3.8 {d1[], d3[], d5[]}, [%[p]]!", 9, 0);
    ASM_LD("vld4.16 dup :64", "vld4.16 {d0[], d1[], d2[], d3[]}, [%[p]:64]", 16, 0);
    ASM_LD("vld4.32 dup :128 inc2", "vld4.32 {d0[], d2[], d4[], d6[]}, [%[p]:128]", 32, 0);
    ASM_LD("vld4.8 dup :32 !", "vld4.8 {d4[], d5[], d6[], d7[]}, [%[p]:32]!", 4, 0);
    /* stores */
    ASM_ST("vst1.8 4reg !", "vst1.8 {d0-d3}, [%[p]]!", 3, 0, 40);
    ASM_ST("vst1.64 2reg :128", "vst1.64 {d2-d3}, [%[p]:128]", 16, 0, 40);
    ASM_ST("vst2.16 4reg rm", "vst2.16 {d0-d3}, [%[p]], %[m]", 1, 9, 40);
    ASM_ST("vst2.8 inc2", "vst2.8 {d1, d3}, [%[p]]", 2, 0, 24);
    ASM_ST("vst3.32 inc2 :64 !", "vst3.32 {d0, d2, d4}, [%[p]:64]!", 8, 0, 40);
    ASM_ST("vst4.8 :256", "vst4.8 {d4-d7}, [%[p]:256]", 32, 0, 72);
    ASM_ST("vst1.32 lane :32 rm", "vst1.32 {d5[1]}, [%[p]:32], %[m]", 4, 4, 12);
    ASM_ST("vst2.16 lane inc2 !", "vst2.16 {d0[3], d2[3]}, [%[p]]!", 5, 0, 12);
    ASM_ST("vst3.8 lane", "vst3.8 {d2[5], d3[5], d4[5]}, [%[p]]", 7, 0, 12);
    ASM_ST("vst4.32 lane inc2 :128", "vst4.32 {d0[1], d2[1], d4[1], d6[1]}, [%[p]:128]", 16, 0,
           36);
}

/* A writeback register that is also the index: [r, r] adds the base to itself. */
static void base_is_index(void)
{
    const uint8_t *p = src + 4;
    __asm__ volatile("vld1.8 {d0}, [%[p]], %[p]\n\tvstr d0, [%[o]]"
                     : [p] "+r"(p)
                     : [o] "r"(out)
                     : "d0", "memory");
    printf("%-22s%s\n", "vld1 rn==rm", p == src + 4 + (uintptr_t)(src + 4) ? "ok" : "bad");
    hex("", out, 8);
}

int main(void)
{
    for (int i = 0; i < 256; i++) {
        src[i] = (uint8_t)(i * 7 + 3);
    }
    for (int i = 0; i < 64; i++) {
        fill[i] = (uint8_t)(0xf0 | (i >> 3));
    }
    multiple_loads();
    lane_loads();
    dup_loads();
    stores();
    asm_forms();
    base_is_index();
    return 0;
}
