/*
 * Advanced SIMD unit tests: the NEON decode tables (every entry reachable, real
 * encodings land on the right group), AdvSIMDExpandImm, and the estimate functions
 * (VRECPE/VRSQRTE, integer and float) on values whose results came from qemu-arm
 * (tests/guest-bins/arm/neon_intrin.c prints the same sweep), plus the special cases
 * of the ARM ARM's FPRecipEstimate/FPRSqrtEstimate and their FPSCR flags; and the
 * plain-IR forms of the common integer instructions (neon_gen_ir) against the group
 * helpers, on random valid encodings and random register contents.
 */
#include <glib.h>

#include "ir/interp.h"

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

/* ---- Plain-IR forms against the helpers ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Lane values that reach the corners: zero, all ones, sign bits, small values. */
static uint64_t rnd_word(void)
{
    static const uint64_t special[] = {
        0, ~0ull, 0x8000000080000000ull, 0x8080808080808080ull, 0x7fff7fff7fff7fffull,
        0x0001000100010001ull, 0xff00ff00ff00ff00ull, 0x00000000ffffffffull,
    };
    uint64_t r = rnd64();
    return (r & 7) == 0 ? special[(r >> 3) % G_N_ELEMENTS(special)] : rnd64();
}

/*
 * Translates insn (no condition) with or without the plain-IR forms and runs it under
 * the interpreter on env (which has the interpreter's scratch area behind it). Returns
 * false if the instruction is UNDEFINED; *ir_used tells whether no helper was called.
 */
static bool run_neon(uint32_t insn, CPUARMState *env, uint32_t scratch_off, bool use_ir,
                     bool optimize, bool *ir_used)
{
    IRFunc f;
    ir_func_init(&f);
    DisasContext s = { .f = &f, .cond = 14 };
    neon_ir_enabled = use_ir;
    bool ok = neon_translate_dp(&s, insn);
    neon_ir_enabled = true;
    *ir_used = true;
    for (uint32_t k = 0; k < f.nb_insns; k++) {
        *ir_used &= f.insns[k].op != IR_OP_call;
    }
    if (ok) {
        ir_exit_tb(&f, 0);
        g_assert_true(ir_verify(&f, stderr));
        if (optimize) {
            ir_optimize(&f);
        }
        IRProg *p = ir_interp_prepare(&f, scratch_off);
        uint32_t pc = 0;
        ir_interp_run(p, env, &pc);
        g_free(p);
    }
    ir_func_free(&f);
    return ok;
}

static void test_ir_forms(void)
{
    uint32_t scratch_off = (uint32_t)((sizeof(CPUARMState) + 15) & ~(size_t)15);
    CPUARMState *a = g_malloc0(scratch_off + IR_INTERP_SCRATCH);
    CPUARMState *b = g_malloc0(scratch_off + IR_INTERP_SCRATCH);
    unsigned covered = 0, n = g_test_slow() ? 2000000 : 300000;
    decode_table_init(&arm_neon_table);
    for (unsigned i = 0; i < n; i++) {
        /* Advanced SIMD data processing, A32: 1111 001x */
        uint32_t insn = 0xf2000000u | (uint32_t)(rnd64() & 0x01ffffffu);
        for (unsigned r = 0; r < 32; r++) {
            a->vfp_d[r] = rnd_word();
        }
        a->fpscr = (uint32_t)rnd64() & 0xf7c0009fu;
        *b = *a;
        bool ir_used, helper_only;
        if (!run_neon(insn, a, scratch_off, true, i & 1, &ir_used) || !ir_used) {
            continue;
        }
        g_assert_true(run_neon(insn, b, scratch_off, false, false, &helper_only));
        covered++;
        if (memcmp(a->vfp_d, b->vfp_d, sizeof(a->vfp_d)) || a->fpscr != b->fpscr) {
            for (unsigned r = 0; r < 32; r++) {
                if (a->vfp_d[r] != b->vfp_d[r]) {
                    g_test_message("insn %08x: D%u ir %016llx helper %016llx", insn, r,
                                   (unsigned long long)a->vfp_d[r],
                                   (unsigned long long)b->vfp_d[r]);
                }
            }
            g_test_message("insn %08x: fpscr ir %08x helper %08x", insn, a->fpscr, b->fpscr);
            g_assert_not_reached();
        }
    }
    g_test_message("%u of %u random encodings took the plain-IR forms", covered, n);
    g_assert_cmpuint(covered, >, n / 50);
    g_free(a);
    g_free(b);
}

/* A single that is often special: zero, denormal, tiny, huge, infinity, NaN. */
static uint32_t rnd_f32(void)
{
    static const uint32_t special[] = {
        0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00800000, 0x00ffffff, 0x01000000,
        0x7f7fffff, 0xff000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0x3f800000,
        0x3f800001, 0xbf7fffff, 0x33800000,
    };
    uint64_t r = rnd64();
    switch (r & 3) {
    case 0:
        return special[(r >> 2) % G_N_ELEMENTS(special)];
    case 1: /* exponents near the ends of the range */
        return (uint32_t)(r >> 8) & 0x81ffffffu;
    default:
        return (uint32_t)(r >> 16);
    }
}

/* VADD/VSUB/VMUL/VMLA/VMLS.F32: the host fast path against the full standard-FPSCR path. */
static void test_fp_fast(void)
{
    /* VADD, VSUB, VMUL, VMLA, VMLS (.F32 Q0, Q1, Q2) */
    static const uint32_t ops[] = { 0xf2000d40, 0xf2200d40, 0xf3000d50, 0xf2000d50,
                                    0xf2200d50 };
    CPUARMState a = { 0 }, b = { 0 };
    for (unsigned i = 0; i < 200000; i++) {
        uint32_t insn = ops[i % G_N_ELEMENTS(ops)] | 2u << 16 | 4u;      /* Vn = Q1, Vm = Q2 */
        for (unsigned r = 0; r < 6; r++) {
            a.vfp_d[r] = (uint64_t)rnd_f32() << 32 | rnd_f32();
        }
        a.fpscr = (uint32_t)rnd64() & 0x9fu;            /* some cumulative flags set */
        if (i & 8) {
            a.vfp_d[0] = a.vfp_d[2] ^ (rnd64() & 0x8000000080000000ull); /* d = +-n */
        }
        b = a;
        neon_fp_fast_enabled = true;
        helper_neon_3same(&a, insn);
        neon_fp_fast_enabled = false;
        helper_neon_3same(&b, insn);
        neon_fp_fast_enabled = true;
        if (a.vfp_d[0] != b.vfp_d[0] || a.vfp_d[1] != b.vfp_d[1] || a.fpscr != b.fpscr) {
            g_test_message("insn %08x n %016llx:%016llx m %016llx:%016llx: fast "
                           "%016llx:%016llx %08x, full %016llx:%016llx %08x", insn,
                           (unsigned long long)b.vfp_d[3], (unsigned long long)b.vfp_d[2],
                           (unsigned long long)b.vfp_d[5], (unsigned long long)b.vfp_d[4],
                           (unsigned long long)a.vfp_d[1], (unsigned long long)a.vfp_d[0],
                           a.fpscr, (unsigned long long)b.vfp_d[1],
                           (unsigned long long)b.vfp_d[0], b.fpscr);
            g_assert_not_reached();
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/neon/decode/reachable", test_reachable);
    g_test_add_func("/neon/decode/groups", test_groups);
    g_test_add_func("/neon/expand_imm", test_expand_imm);
    g_test_add_func("/neon/estimates", test_estimates);
    g_test_add_func("/neon/ir_forms", test_ir_forms);
    g_test_add_func("/neon/fp_fast", test_fp_fast);
    return g_test_run();
}
