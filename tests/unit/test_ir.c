/*
 * IR unit tests: the verifier, each optimizer fold, dead code and dead global store
 * elimination, and interpreter semantics of the ops with defined corner cases.
 */
#include <glib.h>
#include <string.h>
#include <sys/mman.h>

#include "ir/interp.h"
#include "ir/ir.h"
#include "softmmu/mmu.h"

/* A fake guest state with two globals, followed by the interpreter's scratch area. */
typedef struct FakeEnv {
    uint32_t g0, g1;
    uint64_t fp;
} FakeEnv;

static IRTemp G0, G1;
static uint32_t scratch_off;

static FakeEnv *new_env(void)
{
    return g_malloc0(scratch_off + IR_INTERP_SCRATCH);
}

static uint32_t run(IRFunc *f, FakeEnv *env, bool optimize)
{
    g_assert_true(ir_verify(f, stderr));
    if (optimize) {
        ir_optimize(f);
        g_assert_true(ir_verify(f, stderr));
    }
    IRProg *p = ir_interp_prepare(f, scratch_off);
    uint32_t pc = 0;
    uint32_t code = ir_interp_run(p, env, &pc);
    g_free(p);
    return code;
}

static unsigned count_op(const IRFunc *f, IROpcode op)
{
    unsigned n = 0;
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        n += f->insns[k].op == op;
    }
    return n;
}

static void test_fold_constants(void)
{
    IRFunc f;
    ir_func_init(&f);
    IRTemp a = ir_const_i32(&f, 40), b = ir_const_i32(&f, 2), c = ir_new_temp(&f, IR_I32);
    ir_add_i32(&f, c, a, b);
    ir_shl_i32(&f, G0, c, ir_const_i32(&f, 1));
    ir_exit_tb(&f, 0);
    ir_optimize(&f);
    /* Everything folds into one constant store to the global. */
    g_assert_cmpuint(count_op(&f, IR_OP_add_i32), ==, 0);
    g_assert_cmpuint(count_op(&f, IR_OP_shl_i32), ==, 0);
    g_assert_cmpuint(f.nb_insns, ==, 2);
    g_assert_cmpuint(f.insns[0].op, ==, IR_OP_movi_i32);
    g_assert_cmpuint(f.insns[0].args[0], ==, G0);
    g_assert_cmpuint(f.insns[0].args[1], ==, 84);
    ir_func_free(&f);
}

static void test_fold_identities(void)
{
    IRFunc f;
    ir_func_init(&f);
    IRTemp t = ir_new_temp(&f, IR_I32), u = ir_new_temp(&f, IR_I32);
    ir_add_i32(&f, t, G1, ir_const_i32(&f, 0)); /* -> mov */
    ir_and_i32(&f, u, t, ir_const_i32(&f, 0xffffffff)); /* -> mov */
    ir_mov_i32(&f, G0, u);
    ir_exit_tb(&f, 0);
    ir_optimize(&f);
    g_assert_cmpuint(count_op(&f, IR_OP_add_i32), ==, 0);
    g_assert_cmpuint(count_op(&f, IR_OP_and_i32), ==, 0);
    /* Copy propagation leaves a single g0 = g1. */
    g_assert_cmpuint(f.nb_insns, ==, 2);
    g_assert_cmpuint(f.insns[0].op, ==, IR_OP_mov_i32);
    g_assert_cmpuint(f.insns[0].args[1], ==, G1);

    FakeEnv *env = new_env();
    env->g1 = 1234;
    IRProg *p = ir_interp_prepare(&f, scratch_off);
    uint32_t pc;
    ir_interp_run(p, env, &pc);
    g_assert_cmpuint(env->g0, ==, 1234);
    g_free(p);
    g_free(env);
    ir_func_free(&f);
}

static void test_fold_xor_self_and_mul(void)
{
    IRFunc f;
    ir_func_init(&f);
    IRTemp t = ir_new_temp(&f, IR_I32);
    ir_xor_i32(&f, t, G1, G1);
    ir_mul_i32(&f, G0, G1, ir_const_i32(&f, 1));
    ir_mov_i32(&f, G1, t);
    ir_exit_tb(&f, 0);
    ir_optimize(&f);
    g_assert_cmpuint(count_op(&f, IR_OP_xor_i32), ==, 0);
    g_assert_cmpuint(count_op(&f, IR_OP_mul_i32), ==, 0);
    ir_func_free(&f);
}

static void test_brcond_folding(void)
{
    IRFunc f;
    ir_func_init(&f);
    IRLabel l = ir_new_label(&f);
    ir_brcondi_i32(&f, IR_COND_EQ, ir_const_i32(&f, 3), 3, l); /* always taken */
    ir_movi_i32(&f, G0, 1);
    ir_exit_tb(&f, 1);
    ir_set_label(&f, l);
    ir_movi_i32(&f, G0, 2);
    ir_exit_tb(&f, 2);
    ir_optimize(&f);
    g_assert_cmpuint(count_op(&f, IR_OP_brcond_i32), ==, 0);
    g_assert_cmpuint(count_op(&f, IR_OP_br), ==, 1);
    FakeEnv *env = new_env();
    g_assert_cmpuint(run(&f, env, false), ==, 2);
    g_assert_cmpuint(env->g0, ==, 2);
    g_free(env);
    ir_func_free(&f);
}

static void test_dead_global_store(void)
{
    /* g0 written twice with no read in between: the first write is dead. */
    IRFunc f;
    ir_func_init(&f);
    IRTemp t = ir_new_temp(&f, IR_I32);
    ir_add_i32(&f, t, G1, G1);
    ir_mov_i32(&f, G0, t);       /* dead */
    ir_sub_i32(&f, G0, G1, G1);  /* overwrites */
    ir_exit_tb(&f, 0);
    ir_optimize(&f);
    g_assert_cmpuint(count_op(&f, IR_OP_add_i32), ==, 0);
    ir_func_free(&f);
}

static void test_store_kept_before_memory_access(void)
{
    /* A guest memory access may fault: globals written before it must stay exact. */
    IRFunc f;
    ir_func_init(&f);
    IRTemp t = ir_new_temp(&f, IR_I32), v = ir_new_temp(&f, IR_I32);
    ir_add_i32(&f, t, G1, G1);
    ir_mov_i32(&f, G0, t);
    ir_ld_i32(&f, v, G1, MO_UL);
    ir_mov_i32(&f, G0, v);
    ir_exit_tb(&f, 0);
    ir_optimize(&f);
    g_assert_cmpuint(count_op(&f, IR_OP_add_i32), ==, 1);
    ir_func_free(&f);
}

static void test_store_kept_across_branch(void)
{
    /* g0 is read on the branch path, so the write before the branch must stay. */
    IRFunc f;
    ir_func_init(&f);
    IRLabel l = ir_new_label(&f);
    ir_add_i32(&f, G0, G1, G1);
    ir_brcondi_i32(&f, IR_COND_EQ, G1, 0, l);
    ir_movi_i32(&f, G0, 7);
    ir_set_label(&f, l);
    ir_exit_tb(&f, 0);
    ir_optimize(&f);
    g_assert_cmpuint(count_op(&f, IR_OP_add_i32), ==, 1);
    FakeEnv *env = new_env();
    env->g1 = 0;
    run(&f, env, false);
    g_assert_cmpuint(env->g0, ==, 0);
    env->g1 = 5;
    run(&f, env, false);
    g_assert_cmpuint(env->g0, ==, 7);
    g_free(env);
    ir_func_free(&f);
}

static void test_verifier_rejects(void)
{
    IRFunc f;
    ir_func_init(&f);
    IRTemp q = ir_new_temp(&f, IR_I64);
    ir_add_i32(&f, G0, q, G1); /* type mismatch */
    ir_exit_tb(&f, 0);
    g_assert_false(ir_verify(&f, NULL));
    ir_func_free(&f);

    ir_func_init(&f);
    IRLabel l = ir_new_label(&f);
    ir_set_label(&f, l);
    ir_br(&f, l); /* backward branch */
    g_assert_false(ir_verify(&f, NULL));
    ir_func_free(&f);

    ir_func_init(&f);
    ir_movi_i32(&f, G0, 1); /* no exit */
    g_assert_false(ir_verify(&f, NULL));
    ir_func_free(&f);
}

/* Evaluates op(a, b) through the interpreter, without optimization. */
static uint32_t eval2(void (*gen)(IRFunc *, IRTemp, IRTemp, IRTemp), uint32_t a, uint32_t b)
{
    IRFunc f;
    ir_func_init(&f);
    gen(&f, G0, ir_const_i32(&f, a), ir_const_i32(&f, b));
    ir_exit_tb(&f, 0);
    FakeEnv *env = new_env();
    run(&f, env, false);
    uint32_t r = env->g0;
    g_free(env);
    ir_func_free(&f);
    return r;
}

static void test_interp_corner_cases(void)
{
    g_assert_cmpuint(eval2(ir_div_i32, 7, 0), ==, 0);
    g_assert_cmpuint(eval2(ir_div_i32, 0x80000000u, 0xffffffffu), ==, 0x80000000u);
    g_assert_cmpuint(eval2(ir_div_i32, (uint32_t)-7, 2), ==, (uint32_t)-3);
    g_assert_cmpuint(eval2(ir_divu_i32, 7, 0), ==, 0);
    g_assert_cmpuint(eval2(ir_rem_i32, 0x80000000u, 0xffffffffu), ==, 0);
    g_assert_cmpuint(eval2(ir_remu_i32, 9, 0), ==, 9);
    g_assert_cmpuint(eval2(ir_shl_i32, 1, 33), ==, 2); /* counts mod 32 */
    g_assert_cmpuint(eval2(ir_sar_i32, 0x80000000u, 31), ==, 0xffffffffu);
    g_assert_cmpuint(eval2(ir_rotr_i32, 0x12345678u, 8), ==, 0x78123456u);
    g_assert_cmpuint(eval2(ir_rotr_i32, 0x12345678u, 0), ==, 0x12345678u);
    g_assert_cmpuint(eval2(ir_andc_i32, 0xff, 0x0f), ==, 0xf0);
    /* V in bit 31 only: 0x7fffffff + 1 and INT_MIN - 1 overflow, 1 - 2 does not. */
    g_assert_cmpuint(eval2(ir_addv_i32, 0x7fffffff, 1), ==, 0x80000000u);
    g_assert_cmpuint(eval2(ir_addv_i32, 0x80000000u, 0x80000000u), ==, 0x80000000u);
    g_assert_cmpuint(eval2(ir_addv_i32, 0xffffffffu, 1), ==, 0);
    g_assert_cmpuint(eval2(ir_subv_i32, 0x80000000u, 1), ==, 0x80000000u);
    g_assert_cmpuint(eval2(ir_subv_i32, 0, 0x80000000u), ==, 0x80000000u);
    g_assert_cmpuint(eval2(ir_subv_i32, 1, 2), ==, 0);
}

/* The same expression with and without optimization must agree. */
static void test_optimizer_preserves_results(void)
{
    for (uint32_t seed = 0; seed < 200; seed++) {
        uint32_t vals[2] = { 0 };
        for (int opt = 0; opt < 2; opt++) {
            GRand *r = g_rand_new_with_seed(seed);
            IRFunc f;
            ir_func_init(&f);
            IRTemp t[8];
            for (int k = 0; k < 8; k++) {
                t[k] = ir_new_temp(&f, IR_I32);
                if (g_rand_boolean(r)) {
                    ir_movi_i32(&f, t[k], g_rand_int_range(r, 0, 4) == 0 ? 0 : g_rand_int(r));
                } else {
                    ir_mov_i32(&f, t[k], k & 1 ? G1 : G0);
                }
            }
            static void (*const ops[])(IRFunc *, IRTemp, IRTemp, IRTemp) = {
                ir_add_i32, ir_sub_i32, ir_mul_i32, ir_and_i32, ir_or_i32, ir_xor_i32,
                ir_shl_i32, ir_shr_i32, ir_sar_i32, ir_rotr_i32, ir_andc_i32,
                ir_addv_i32, ir_subv_i32,
            };
            for (int k = 0; k < 24; k++) {
                IRTemp d = t[g_rand_int_range(r, 0, 8)];
                ops[g_rand_int_range(r, 0, G_N_ELEMENTS(ops))](
                    &f, d, t[g_rand_int_range(r, 0, 8)], t[g_rand_int_range(r, 0, 8)]);
            }
            ir_mov_i32(&f, G0, t[0]);
            ir_add_i32(&f, G1, t[1], t[2]);
            ir_exit_tb(&f, 0);
            FakeEnv *env = new_env();
            env->g0 = 0x1234567;
            env->g1 = 0xfedcba9;
            run(&f, env, opt);
            vals[opt] = env->g0 ^ (env->g1 * 31);
            g_free(env);
            ir_func_free(&f);
            g_rand_free(r);
        }
        g_assert_cmpuint(vals[0], ==, vals[1]);
    }
}

static uint64_t helper_test_mix(void *env, uint32_t a, uint64_t b)
{
    return ((FakeEnv *)env)->g1 + a * 3 + b;
}
IR_HELPER_DEF(test_mix, IRH_PURE, IRH_I64, IRH_ENV, IRH_I32, IRH_I64);

/* An ldenv of bytes stored by a stenv earlier in the block reads the stored temp. */
static void test_env_forwarding(void)
{
    for (int with_call = 0; with_call < 2; with_call++) {
        IRFunc f;
        ir_func_init(&f);
        IRTemp t = ir_new_temp(&f, IR_I64), u = ir_new_temp(&f, IR_I64);
        IRTemp q = ir_new_temp(&f, IR_I64);
        ir_concat_i32_i64(&f, t, G0, G1);
        ir_stenv_i64(&f, t, offsetof(FakeEnv, fp));
        if (with_call) {
            /* A helper taking env may change any of it: the load must stay. */
            ir_callv(&f, &helper_info_test_mix, q, ir_const_i32(&f, 5), ir_const_i64(&f, 1));
        }
        ir_ldenv_i64(&f, u, offsetof(FakeEnv, fp));
        ir_extrh_i64_i32(&f, G0, u);
        ir_exit_tb(&f, 0);
        FakeEnv *env = new_env();
        env->g0 = 7;
        env->g1 = 9;
        run(&f, env, true);
        g_assert_cmpuint(count_op(&f, IR_OP_ldenv_i64), ==, with_call);
        g_assert_cmpuint(env->g0, ==, 9);
        g_assert_cmpuint(env->fp, ==, (9ull << 32) | 7);
        g_free(env);
        ir_func_free(&f);
    }
}

/* An env store overwritten before any read goes, unless a memory access may fault between. */
static void test_dead_env_store(void)
{
    for (int with_access = 0; with_access < 2; with_access++) {
        IRFunc f;
        ir_func_init(&f);
        IRTemp t = ir_new_temp(&f, IR_I64), u = ir_new_temp(&f, IR_I64);
        IRTemp v = ir_new_temp(&f, IR_I32);
        ir_concat_i32_i64(&f, t, G0, G1);
        ir_stenv_i64(&f, t, offsetof(FakeEnv, fp)); /* dead without the access */
        if (with_access) {
            ir_ld_i32(&f, v, G1, MO_UL);
            ir_mov_i32(&f, G1, v);
        }
        ir_concat_i32_i64(&f, u, G1, G0);
        ir_stenv_i64(&f, u, offsetof(FakeEnv, fp));
        ir_exit_tb(&f, 0);
        ir_optimize(&f);
        g_assert_cmpuint(count_op(&f, IR_OP_stenv_i64), ==, 1 + with_access);
        ir_func_free(&f);
    }
}

static void test_helper_call(void)
{
    IRFunc f;
    ir_func_init(&f);
    IRTemp q = ir_new_temp(&f, IR_I64);
    ir_callv(&f, &helper_info_test_mix, q, ir_const_i32(&f, 5), ir_const_i64(&f, 1ull << 40));
    ir_extrh_i64_i32(&f, G0, q);
    ir_extrl_i64_i32(&f, G1, q);
    ir_exit_tb(&f, 0);
    FakeEnv *env = new_env();
    env->g1 = 100;
    run(&f, env, true);
    g_assert_cmpuint(env->g0, ==, 1 << 8);
    g_assert_cmpuint(env->g1, ==, 115);
    g_free(env);
    ir_func_free(&f);
}

static void test_guest_memory_ops(void)
{
    g_assert_true(mmu_init());
    int64_t a = mmu_mmap(0x10000, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    g_assert_cmpint(a, ==, 0x10000);
    IRFunc f;
    ir_func_init(&f);
    IRTemp addr = ir_const_i32(&f, 0x10001), v = ir_new_temp(&f, IR_I32);
    ir_st_i32(&f, ir_const_i32(&f, 0x11223344), addr, MO_UL | MO_BSWAP); /* unaligned, BE */
    ir_ld_i32(&f, G0, addr, MO_UL);
    ir_ld_i32(&f, v, ir_const_i32(&f, 0x10001), MO_SB);
    ir_mov_i32(&f, G1, v);
    ir_exit_tb(&f, 0);
    FakeEnv *env = new_env();
    run(&f, env, true);
    g_assert_cmpuint(env->g0, ==, 0x44332211);
    g_assert_cmpuint(env->g1, ==, 0x11);
    g_assert_cmpuint(((uint8_t *)g2h(0x10004))[0], ==, 0x44);
    g_free(env);
    ir_func_free(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    G0 = ir_global_register(IR_I32, offsetof(FakeEnv, g0), "g0");
    G1 = ir_global_register(IR_I32, offsetof(FakeEnv, g1), "g1");
    scratch_off = (sizeof(FakeEnv) + 15) & ~15u;
    g_test_add_func("/ir/fold/constants", test_fold_constants);
    g_test_add_func("/ir/fold/identities", test_fold_identities);
    g_test_add_func("/ir/fold/xor_self_mul_one", test_fold_xor_self_and_mul);
    g_test_add_func("/ir/fold/brcond", test_brcond_folding);
    g_test_add_func("/ir/dce/dead_global_store", test_dead_global_store);
    g_test_add_func("/ir/dce/kept_before_memory_access", test_store_kept_before_memory_access);
    g_test_add_func("/ir/dce/kept_across_branch", test_store_kept_across_branch);
    g_test_add_func("/ir/verify/rejects", test_verifier_rejects);
    g_test_add_func("/ir/interp/corner_cases", test_interp_corner_cases);
    g_test_add_func("/ir/interp/helper_call", test_helper_call);
    g_test_add_func("/ir/opt/env_forwarding", test_env_forwarding);
    g_test_add_func("/ir/dce/dead_env_store", test_dead_env_store);
    g_test_add_func("/ir/interp/guest_memory", test_guest_memory_ops);
    g_test_add_func("/ir/opt/preserves_results", test_optimizer_preserves_results);
    return g_test_run();
}
