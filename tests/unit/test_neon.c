/*
 * Advanced SIMD unit tests: the NEON decode tables (every entry reachable, real
 * encodings land on the right group), AdvSIMDExpandImm, and the estimate functions
 * (VRECPE/VRSQRTE, integer and float) on values whose results came from qemu-arm
 * (tests/guest-bins/arm/neon_intrin.c prints the same sweep), plus the special cases
 * of the ARM ARM's FPRecipEstimate/FPRSqrtEstimate and their FPSCR flags.
 */
#include <glib.h>

#include "frontend/arm/neon.h"
#include "frontend/arm/neon_helper.h"

static void check_reachable(DecodeTable *t)
{
    char *report = NULL;
    decode_table_init(t);
    int bad = decode_table_check(t, NULL, &report);
    if (bad) {
        g_test_message("%s", report);
    }
    g_assert_cmpint(bad, ==, 0);
    g_free(report);
}

static void test_reachable(void)
{
    check_reachable(&arm_neon_table);
    check_reachable(&arm_neon_xfer_table);
}

static void expect(DecodeTable *t, uint32_t insn, const char *name)
{
    const DecodeEntry *e = decode_lookup(t, insn);
    g_assert_nonnull(e);
    g_assert_cmpstr(e->name, ==, name);
}

static void test_groups(void)
{
    decode_table_init(&arm_neon_table);
    decode_table_init(&arm_neon_xfer_table);
    expect(&arm_neon_table, 0xf2000840, "N3SAME");      /* vadd.i8 q0, q0, q0 */
    expect(&arm_neon_table, 0xf3000d50, "N3SAME");      /* vmul.f32 q0, q0, q0 */
    expect(&arm_neon_table, 0xf2800c00, "N3DIFF");      /* vmull.s8 q0, d0, d0 */
    expect(&arm_neon_table, 0xf2a00840, "N2SCALAR");    /* vmul.i32 d0, d0, d0[0] */
    expect(&arm_neon_table, 0xf2880010, "NSHIFT");      /* vshr.s8 d0, d0, #8 */
    expect(&arm_neon_table, 0xf2800050, "NIMM");        /* vmov.i32 q0, #0 */
    expect(&arm_neon_table, 0xf3b00000, "N2MISC");      /* vrev64.8 d0, d0 */
    expect(&arm_neon_table, 0xf2b00000, "VEXT");        /* vext.8 d0, d0, d0, #0 */
    expect(&arm_neon_table, 0xf3b00800, "VTBL");        /* vtbl.8 d0, {d0}, d0 */
    expect(&arm_neon_table, 0xf3b10c00, "VDUP_scalar"); /* vdup.8 d0, d0[0] */
    expect(&arm_neon_xfer_table, 0xee400b10, "VMOV_to_scalar");   /* vmov.8 d0[0], r0 */
    expect(&arm_neon_xfer_table, 0xeed00b10, "VMOV_from_scalar"); /* vmov.u8 r0, d0[0] */
    expect(&arm_neon_xfer_table, 0xee800b10, "VDUP_core");        /* vdup.32 d0, r0 */
}

static void test_expand_imm(void)
{
    g_assert_cmphex(neon_expand_imm(0, 0, 0xa5), ==, 0x000000a5000000a5ull);
    g_assert_cmphex(neon_expand_imm(0, 6, 0xa5), ==, 0xa5000000a5000000ull);
    g_assert_cmphex(neon_expand_imm(0, 8, 0xa5), ==, 0x00a500a500a500a5ull);
    g_assert_cmphex(neon_expand_imm(0, 10, 0xa5), ==, 0xa500a500a500a500ull);
    g_assert_cmphex(neon_expand_imm(0, 12, 0xa5), ==, 0x0000a5ff0000a5ffull);
    g_assert_cmphex(neon_expand_imm(0, 13, 0xa5), ==, 0x00a5ffff00a5ffffull);
    g_assert_cmphex(neon_expand_imm(0, 14, 0xa5), ==, 0xa5a5a5a5a5a5a5a5ull);
    g_assert_cmphex(neon_expand_imm(1, 14, 0xa5), ==, 0xff00ff0000ff00ffull);
    g_assert_cmphex(neon_expand_imm(0, 15, 0x70), ==, 0x3f8000003f800000ull); /* 1.0 */
    g_assert_cmphex(neon_expand_imm(0, 15, 0xf4), ==, 0xbfa00000bfa00000ull); /* -1.25 */
}

static void test_estimates(void)
{
    CPUARMState env = { 0 };
    /* x, recpe.f32(x), rsqrte.f32(x), recpe.u32(x << 1 | msb), rsqrte.u32(x << 1) */
    static const uint32_t rows[][5] = {
        { 0x3f800000, 0x3f7f8000, 0x3f7f8000, 0x80800000, 0xb5800000 },
        { 0x3fbd5c8a, 0x3f2d0000, 0x3f528000, 0x80800000, 0xb5800000 },
        { 0x3ffab914, 0x3f028000, 0x3f370000, 0x80000000, 0xb5000000 },
        { 0x40757228, 0x3e858000, 0x3f028000, 0xfe800000, 0xb4800000 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        g_assert_cmphex(neon_recpe_f32(&env, rows[i][0]), ==, rows[i][1]);
        g_assert_cmphex(neon_rsqrte_f32(&env, rows[i][0]), ==, rows[i][2]);
        g_assert_cmphex(neon_recpe_u32(rows[i][0] << 1 | 0x80000000u), ==, rows[i][3]);
        g_assert_cmphex(neon_rsqrte_u32(rows[i][0] << 1), ==, rows[i][4]);
    }
    g_assert_cmphex(env.fpscr, ==, 0);
    /* Out-of-range integer inputs give all ones. */
    g_assert_cmphex(neon_recpe_u32(0x7fffffff), ==, 0xffffffff);
    g_assert_cmphex(neon_rsqrte_u32(0x3fffffff), ==, 0xffffffff);
    /* 1/0 is infinity with DZC; a denormal flushes to zero first (IDC). */
    g_assert_cmphex(neon_recpe_f32(&env, 0x80000001), ==, 0xff800000);
    g_assert_cmphex(env.fpscr, ==, FPSCR_DZC | FPSCR_IDC);
    /* |x| >= 2^126 underflows to zero (UFC); 1/inf is zero, no flag. */
    env.fpscr = 0;
    g_assert_cmphex(neon_recpe_f32(&env, 0x7e800000), ==, 0);
    g_assert_cmphex(neon_recpe_f32(&env, 0xff800000), ==, 0x80000000);
    g_assert_cmphex(env.fpscr, ==, FPSCR_UFC);
    /* rsqrt of a negative number: default NaN, IOC; of -0: -inf, DZC. */
    env.fpscr = 0;
    g_assert_cmphex(neon_rsqrte_f32(&env, 0xbf800000), ==, 0x7fc00000);
    g_assert_cmphex(env.fpscr, ==, FPSCR_IOC);
    env.fpscr = 0;
    g_assert_cmphex(neon_rsqrte_f32(&env, 0x80000000), ==, 0xff800000);
    g_assert_cmphex(env.fpscr, ==, FPSCR_DZC);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/neon/decode/reachable", test_reachable);
    g_test_add_func("/neon/decode/groups", test_groups);
    g_test_add_func("/neon/expand_imm", test_expand_imm);
    g_test_add_func("/neon/estimates", test_estimates);
    return g_test_run();
}
