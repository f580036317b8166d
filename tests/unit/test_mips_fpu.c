/*
 * MIPS FPU unit tests: the helpers of frontend/mips/fpu_helper.c called directly on
 * corner cases (legacy and 2008 NaNs, default NaNs, FS flush, rounding modes, cause
 * overwrite and sticky flags, traps leaving flags and condition codes alone, float ->
 * integer saturation, unfused MADD, compares, CFC1/CTC1), and the COP1 decode table.
 *
 * Expected values come from qemu-mipsel 7.2 (softfloat), not from the helpers: a
 * mipsel program built with -mips32r2 -mfp64 (and a copy with EF_MIPS_NAN2008 set in
 * its ELF header) runs "ctc1 <fcsr_in>, $31; mtc1 the operands; <insn>; mfc1; cfc1
 * <fcsr_out>" over a grid of operands and modes; the rows below are a selection. The
 * whole grid (about 108,000 rows per build) also matches xemu under the JIT and --interp.
 */
#include <glib.h>
#include <string.h>

#include "frontend/mips/fpu_helper.h"
#include "frontend/mips/translate.h"

#define N2008 (FCSR_NAN2008 | FCSR_ABS2008)
#define FS FCSR_FS

static CPUMIPSState env;

static void test_legacy_nan(void)
{
    /* inf - inf: Invalid, the legacy default NaN. */
    env.fcsr = 0x7c;
    g_assert_cmphex(helper_mips_add_s(&env, 0x7f800000, 0xff800000), ==, 0x7fbfffff);
    g_assert_cmphex(env.fcsr, ==, 0x0001007c);
    /* 0x7fc00000 is signalling in the legacy encoding. */
    env.fcsr = 0x7c;
    g_assert_cmphex(helper_mips_add_s(&env, 0x3f800000, 0x7fc00000), ==, 0x7fbfffff);
    g_assert_cmphex(env.fcsr, ==, 0x0001007c);
    /* 0x7f800001 is quiet: no Invalid, and still the default NaN (no propagation). */
    env.fcsr = 0x7c;
    g_assert_cmphex(helper_mips_add_s(&env, 0x7f800001, 0x3f800000), ==, 0x7fbfffff);
    g_assert_cmphex(env.fcsr, ==, 0x0000007c);
    env.fcsr = 0x7c;
    g_assert_cmphex(helper_mips_mul_s(&env, 0x7fbfffff, 0x7fa00005), ==, 0x7fbfffff);
    g_assert_cmphex(env.fcsr, ==, 0x0000007c);
    /* cvt.d.s of a quiet NaN: the double default NaN. */
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_cvt_d_s(&env, 0x7f800001), ==, 0x7ff7ffffffffffffull);
    g_assert_cmphex(env.fcsr, ==, 0);
}

static void test_nan2008(void)
{
    env.fcsr = N2008 | 0x7c;
    g_assert_cmphex(helper_mips_add_s(&env, 0x3f800000, 0x7fc00000), ==, 0x7fc00000);
    g_assert_cmphex(env.fcsr, ==, 0x000c007c);
    /* A signalling NaN is quieted; it wins over an earlier quiet one. */
    env.fcsr = N2008 | 0x7c;
    g_assert_cmphex(helper_mips_add_s(&env, 0x7f800001, 0x3f800000), ==, 0x7fc00001);
    g_assert_cmphex(env.fcsr, ==, 0x000d007c);
    env.fcsr = N2008 | 0x7c;
    g_assert_cmphex(helper_mips_add_s(&env, 0xffc12345, 0x7fa00005), ==, 0x7fe00005);
    g_assert_cmphex(env.fcsr, ==, 0x000d007c);
    env.fcsr = N2008;
    g_assert_cmphex(helper_mips_cvt_d_s(&env, 0x7f800001), ==, 0x7ff8000020000000ull);
    g_assert_cmphex(env.fcsr, ==, 0x000d0040);
}

static void test_flags_and_modes(void)
{
    /* 1/0: Z cause and flag; the cause field is overwritten, flags accumulate. */
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_div_d(&env, 0x3ff0000000000000ull, 0), ==, 0x7ff0000000000000ull);
    g_assert_cmphex(env.fcsr, ==, 0x00008020);
    g_assert_cmphex(helper_mips_add_d(&env, 0x3ff0000000000000ull, 0x3ff0000000000000ull), ==,
                    0x4000000000000000ull);
    g_assert_cmphex(env.fcsr, ==, 0x00000020);
    /* Underflow: tiny and inexact. */
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_mul_d(&env, 0x0010000000000000ull, 0x3ca0000000000000ull), ==, 0);
    g_assert_cmphex(env.fcsr, ==, 0x0000300c);
    /* Overflow toward zero: the largest finite value. */
    env.fcsr = 0x7c | 1;
    g_assert_cmphex(helper_mips_mul_s(&env, 0x7f7fffff, 0x7f7fffff), ==, 0x7f7fffff);
    g_assert_cmphex(env.fcsr, ==, 0x0000507d);
    /* 1/pi rounded toward -inf. */
    env.fcsr = 0x7c | 3;
    g_assert_cmphex(helper_mips_div_s(&env, 0x3f800000, 0x40490fdb), ==, 0x3ea2f983);
    g_assert_cmphex(env.fcsr, ==, 0x0000107f);
}

static void test_flush(void)
{
    /* FS: a tiny result is a zero with no cause at all; operands are not flushed. */
    env.fcsr = FS | 0x7c;
    g_assert_cmphex(helper_mips_add_s(&env, 0x00000001, 0), ==, 0);
    g_assert_cmphex(env.fcsr, ==, 0x0100007c);
    env.fcsr = FS;
    g_assert_cmphex(helper_mips_mul_d(&env, 0x0010000000000000ull, 0x3ca0000000000000ull), ==, 0);
    g_assert_cmphex(env.fcsr, ==, 0x01000000);
    env.fcsr = FS;
    g_assert_cmphex(helper_mips_mul_d(&env, 0x0010000000000000ull, 0x3ff0000000000000ull), ==,
                    0x0010000000000000ull);
    g_assert_cmphex(env.fcsr, ==, FS);
}

static void test_to_int(void)
{
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_to_w_s(&env, 0x3fc00000, MIPS_RND_FCSR), ==, 2);
    g_assert_cmphex(env.fcsr, ==, 0x00001004);
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_to_w_s(&env, 0x3fc00000, 1), ==, 1); /* TRUNC */
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_to_w_s(&env, 0x7fc00000, MIPS_RND_FCSR), ==, 0x7fffffff);
    g_assert_cmphex(env.fcsr, ==, 0x00010040);
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_to_w_s(&env, 0x5f000000, MIPS_RND_FCSR), ==, 0x7fffffff);
    g_assert_cmphex(env.fcsr, ==, 0x00010040);
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_to_w_s(&env, 0xcf000000, MIPS_RND_FCSR), ==, 0x80000000);
    g_assert_cmphex(env.fcsr, ==, 0);
    env.fcsr = 1;
    g_assert_cmphex(helper_mips_to_l_d(&env, 0x43e0000000000000ull, MIPS_RND_FCSR), ==,
                    0x7fffffffffffffffull);
    g_assert_cmphex(env.fcsr, ==, 0x00010041);
    /* 2008: NaN -> 0, saturation by sign. */
    env.fcsr = N2008;
    g_assert_cmphex(helper_mips_to_w_s(&env, 0x7fc00000, MIPS_RND_FCSR), ==, 0);
    g_assert_cmphex(env.fcsr, ==, 0x000d0040);
    env.fcsr = N2008;
    g_assert_cmphex(helper_mips_to_w_d(&env, 0xc1f0000000000000ull, MIPS_RND_FCSR), ==, 0x80000000);
    g_assert_cmphex(env.fcsr, ==, 0x000d0040);
}

static void test_madd_unfused(void)
{
    /* (1 + 2^-52)^2 - (1 + 2^-51): 0 with a rounded product (fused: 2^-104). */
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_madd_d(&env, 0x3ff0000000000001ull, 0x3ff0000000000001ull,
                                       0xbff0000000000002ull, MIPS_MADD), ==, 0);
    g_assert_cmphex(env.fcsr, ==, 0x00001004);
    /* NMADD negates the NaN too. */
    env.fcsr = 0;
    g_assert_cmphex(helper_mips_madd_s(&env, 0x7f800000, 0, 0x3f800000, MIPS_NMADD), ==,
                    0xffbfffff);
    g_assert_cmphex(env.fcsr, ==, 0x00010040);
}

static void test_compare(void)
{
    /* c.eq.s with a legacy sNaN: Invalid; with a quiet NaN: nothing. */
    env.fcsr = 0;
    helper_mips_cmp_s(&env, 0x7fc00000, 0x3f800000, 2 | 3 << 4);
    g_assert_cmphex(env.fcsr, ==, 0x00010040);
    env.fcsr = 0;
    helper_mips_cmp_s(&env, 0x7f800001, 0x3f800000, 2 | 3 << 4);
    g_assert_cmphex(env.fcsr, ==, 0);
    /* c.sf.s: Invalid on quiet NaNs too. c.ngle.s sets the cc. */
    env.fcsr = 0;
    helper_mips_cmp_s(&env, 0x7f800001, 0x3f800000, 8 | 3 << 4);
    g_assert_cmphex(env.fcsr, ==, 0x00010040);
    env.fcsr = 0xfe800000;
    helper_mips_cmp_s(&env, 0x7f800001, 0x3f800000, 9 | 3 << 4);
    g_assert_cmphex(env.fcsr, ==, 0xfe810040);
    env.fcsr = 0;
    helper_mips_cmp_s(&env, 0x3f800000, 0x40490fdb, 12 | 3 << 4);
    g_assert_cmphex(env.fcsr, ==, 0x08000000);
    env.fcsr = 0;
    helper_mips_cmp_d(&env, 0, 0x8000000000000000ull, 2 | 0 << 4); /* 0 == -0, cc0 */
    g_assert_cmphex(env.fcsr, ==, FCSR_FCC0);
}

static void test_traps(void)
{
    /* Invalid enabled: cause written, flags and condition code untouched. */
    env.fcsr = (FP_V << FCSR_ENABLES_SHIFT) | FCSR_FCC0;
    helper_mips_cmp_d(&env, 0x7ff8000000000000ull, 0x3ff0000000000000ull, 12);
    g_assert_cmphex(env.fcsr, ==, 0x00810800);
    env.fcsr = FP_Z << FCSR_ENABLES_SHIFT;
    helper_mips_div_d(&env, 0x4014000000000000ull, 0);
    g_assert_cmphex(env.fcsr, ==, 0x00008400);
    /* CTC1: the trap mode bit; an enabled cause (or E) asks for SIGFPE. */
    env.fcsr = 0;
    env.fpmode = MIPS_FPMODE_FR;
    g_assert_cmphex(helper_mips_ctc1(&env, 31, (1u << 10) | (1u << 15)), ==, FP_Z | FP_O << 1);
    g_assert_cmphex(env.fcsr, ==, 0x00008400);
    g_assert_cmphex(env.fpmode, ==, MIPS_FPMODE_FR | MIPS_FPMODE_TRAPS);
    g_assert_cmphex(helper_mips_ctc1(&env, 31, 1u << 17), ==, FP_E);
    g_assert_cmphex(env.fpmode, ==, MIPS_FPMODE_FR);
    g_assert_cmphex(helper_mips_ctc1(&env, 31, 0), ==, 0);
}

static void test_control_regs(void)
{
    env.fcsr = 0;
    env.fir = 0x00739300;
    g_assert_cmphex(helper_mips_ctc1(&env, 31, 0xffffffff & ~0x3f000u), ==, 0);
    g_assert_cmphex(env.fcsr, ==, 0xff800fff); /* NAN2008/ABS2008 read-only */
    g_assert_cmphex(helper_mips_cfc1(&env, 25), ==, 0xff);
    g_assert_cmphex(helper_mips_cfc1(&env, 26), ==, 0x7c);
    g_assert_cmphex(helper_mips_cfc1(&env, 28), ==, 0xf87);
    g_assert_cmphex(helper_mips_cfc1(&env, 0), ==, 0x00739300);
    g_assert_cmphex(helper_mips_cfc1(&env, 1), ==, 0);
    env.fcsr = 0;
    helper_mips_ctc1(&env, 25, 0xa5);
    g_assert_cmphex(env.fcsr, ==, 0xa5800000u & ~(1u << 24));
    env.fcsr = 0;
    helper_mips_ctc1(&env, 28, 0x00000f87);
    g_assert_cmphex(env.fcsr, ==, 0x01000f83);
    helper_mips_ctc1(&env, 28, 0x00400000); /* reserved bits set: ignored */
    g_assert_cmphex(env.fcsr, ==, 0x01000f83);
}

static void test_decode_table(void)
{
    char *report = NULL;
    decode_table_init(&mips_fpu_table);
    int shadowed = decode_table_check(&mips_fpu_table, NULL, &report);
    if (shadowed) {
        g_test_message("%s", report);
    }
    g_assert_cmpint(shadowed, ==, 0);
    g_free(report);
    static const struct { uint32_t insn; const char *name; } cases[] = {
        { 0x46020800, "ADD" },      /* add.s $f0, $f1, $f2 */
        { 0x46221003, "DIV" },      /* div.d $f0, $f2, $f2 */
        { 0x4634023c, "C_cond" },   /* c.lt.d $fcc2, $f0, $f20 */
        { 0x45090003, "BC1" },      /* bc1t $fcc2, ... */
        { 0x44c2f800, "CTC1" },     /* ctc1 $2, $31 */
        { 0x46800021, "CVT_D_WL" }, /* cvt.d.w $f0, $f0 */
        { 0x4620000d, "RND_W" },    /* trunc.w.d $f0, $f0 */
        { 0x4c820021, "MADD" },     /* madd.d $f0, $f4, $f0, $f2 */
        { 0x4c430001, "LDXC1" },    /* ldxc1 $f0, $3($2) */
        { 0xd4400008, "LDST1" },    /* ldc1 $f0, 8($2) */
        { 0x02281001, "MOVCI" },    /* movf $2, $17, $fcc2 */
        { 0x463dd091, "MOVCF" },    /* movt.d $f2, $f26, $fcc7 */
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        const DecodeEntry *e = decode_lookup(&mips_fpu_table, cases[i].insn);
        g_assert_nonnull(e);
        g_assert_cmpstr(e->name, ==, cases[i].name);
    }
    /* Paired single and MIPS-3D are reserved. */
    g_assert_null(decode_lookup(&mips_fpu_table, 0x46c20800)); /* add.ps */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mips_fpu/legacy_nan", test_legacy_nan);
    g_test_add_func("/mips_fpu/nan2008", test_nan2008);
    g_test_add_func("/mips_fpu/flags_and_modes", test_flags_and_modes);
    g_test_add_func("/mips_fpu/flush", test_flush);
    g_test_add_func("/mips_fpu/to_int", test_to_int);
    g_test_add_func("/mips_fpu/madd_unfused", test_madd_unfused);
    g_test_add_func("/mips_fpu/compare", test_compare);
    g_test_add_func("/mips_fpu/traps", test_traps);
    g_test_add_func("/mips_fpu/control_regs", test_control_regs);
    g_test_add_func("/mips_fpu/decode_table", test_decode_table);
    return g_test_run();
}
