/*
 * The JIT's inline vector code (backend/x86_64/jit_vec.c) against the NEON helpers it
 * replaces. Random Advanced SIMD data-processing encodings (uniform, and aimed at each
 * group that has vector forms) are translated as the ARM frontend does; those that
 * become a call the JIT inlines are compiled and run with jit_enter on random register
 * contents (lane values at the corners: zero, all ones, sign bits), and the helper runs
 * directly on a copy. D0-D31 and FPSCR (QC) must come out identical. The helpers are
 * swapped for counting wrappers while the JIT runs, so the test also fails if the JIT
 * called the helper instead of inlining it.
 *
 * Host feature sets: what the host has, the same without AVX (two-operand SSE forms),
 * and SSE2 only (no SSSE3/SSE4.1: the frontend must then not ask for the forms that need
 * them). Every IRVecOp must have been inlined at least once with the host's features.
 *
 * Sequences: 2..12 accepted encodings of any kind (inlined, open-coded IR, helper calls)
 * in one block, sometimes with an env load/store of a D register between them, run by
 * the JIT and by the interpreter (which calls the helpers): this checks the JIT's cache
 * of guest vector registers in xmm (results reused by later ops, stored before env is
 * read, dropped where env is written or a call clobbers them). Env access sequences read
 * and write pieces of each op's destination in between (served from xmm, or dropping the
 * entry). Decode: forms whose Vn bits are not a register decode for Q registers.
 *
 * XEMU_JITVEC_SEED=n runs only that seed; XEMU_JITVEC_CASES=n sets the draws per set.
 */
#include <glib.h>
#include <stdlib.h>
#include <xmmintrin.h>
#include <string.h>

#include "backend/x86_64/jit.h"
#include "backend/x86_64/x86_asm.h"
#include "frontend/arm/neon.h"
#include "frontend/arm/neon_helper.h"
#include "ir/interp.h"
#include "tests/unit/test_rng.h"

/* Enough draws that every IRVecOp is inlined a few times per seed (also under ASan,
 * where 60000 take about 6 s). */
#define DEFAULT_CASES 60000

static uint8_t *area;
static CPUARMState *jenv;

static void setup_jit(unsigned disable_feat)
{
    uint32_t thread_off = (sizeof(CPUARMState) + 15) & ~15u;
    if (!area) {
        size_t size = thread_off + IR_INTERP_SCRATCH;
        g_assert(posix_memalign((void **)&area, 64, size) == 0);
        memset(area, 0, size);
        jenv = (CPUARMState *)area;
    }
    JitConfig cfg = {
        .thread_off = thread_off,
        .pc_off = offsetof(CPUARMState, regs[15]),
        .nochain = true,
        .disable_feat = disable_feat,
    };
    jit_init(&cfg);
}

/* Compiles f (the buffer flushed if full); returns the code. */
static const void *compile(const IRFunc *f)
{
    JitTBInfo info;
    if (!jit_compile(f, 1u << 20, &info)) {
        jit_flush();
        g_assert_true(jit_compile(f, 1u << 20, &info));
    }
    g_free(info.pcmap);
    g_free(info.fault_sites);
    return info.code;
}

/* ---- Counting wrappers for the group helpers ---- */

static IRHelper *const helpers[] = {
    &helper_info_neon_3same, &helper_info_neon_3diff, &helper_info_neon_shift,
    &helper_info_neon_2misc, &helper_info_neon_vext, &helper_info_neon_vdup,
    &helper_info_neon_2scalar,
};
static void *real_fn[G_N_ELEMENTS(helpers)];
static unsigned long helper_calls;

/* A call may clobber every xmm register; the wrappers do, so code that expects one to
 * survive a call fails the tests. */
static void clobber_xmm(void)
{
    __asm__ volatile("pcmpeqd %%xmm0, %%xmm0\n\t"
                     "movaps %%xmm0, %%xmm1\n\t movaps %%xmm0, %%xmm2\n\t"
                     "movaps %%xmm0, %%xmm3\n\t movaps %%xmm0, %%xmm4\n\t"
                     "movaps %%xmm0, %%xmm5\n\t movaps %%xmm0, %%xmm6\n\t"
                     "movaps %%xmm0, %%xmm7\n\t movaps %%xmm0, %%xmm8\n\t"
                     "movaps %%xmm0, %%xmm9\n\t movaps %%xmm0, %%xmm10\n\t"
                     "movaps %%xmm0, %%xmm11\n\t movaps %%xmm0, %%xmm12\n\t"
                     "movaps %%xmm0, %%xmm13\n\t movaps %%xmm0, %%xmm14\n\t"
                     "movaps %%xmm0, %%xmm15"
                     ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
                         "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
                         "xmm15");
}

#define WRAP(k)                                                          \
    static void wrap##k(CPUARMState *env, uint32_t insn)                 \
    {                                                                    \
        helper_calls++;                                                  \
        clobber_xmm();                                                   \
        ((void (*)(CPUARMState *, uint32_t))real_fn[k])(env, insn);      \
    }
WRAP(0) WRAP(1) WRAP(2) WRAP(3) WRAP(4) WRAP(5) WRAP(6)
static void *const wrappers[] = { wrap0, wrap1, wrap2, wrap3, wrap4, wrap5, wrap6 };

static void wrap_helpers(bool on)
{
    for (unsigned k = 0; k < G_N_ELEMENTS(helpers); k++) {
        if (!real_fn[k]) {
            real_fn[k] = helpers[k]->fn;
        }
        helpers[k]->fn = on ? wrappers[k] : real_fn[k];
    }
}

/* ---- Drawing encodings and register contents ---- */

static uint32_t draw_insn(Rng *r)
{
    /* The groups with vector forms: fixed bits, and the mask of them. */
    static const uint32_t group[][2] = {
        { 0xf2000000u, 0xfe800000u }, /* three registers, same length */
        { 0xf2800010u, 0xfe800010u }, /* shift by immediate */
        { 0xf2b00000u, 0xffb00010u }, /* VEXT */
        { 0xf3b00000u, 0xffb00810u }, /* two registers, miscellaneous */
        { 0xf3b00c00u, 0xffb00f90u }, /* VDUP (scalar) */
        { 0xf2800000u, 0xfe800050u }, /* three registers, different lengths */
        { 0xf2800040u, 0xfe800050u }, /* two registers and a scalar */
    };
    uint32_t x = rng32(r);
    if (rng_pct(r, 20)) {
        return 0xf2000000u | (x & 0x01ffffffu);
    }
    unsigned g = rng_below(r, G_N_ELEMENTS(group));
    uint32_t insn = group[g][0] | (x & ~group[g][1]);
    if (g == 3 && rng_pct(r, 50)) {    /* VMOVN and VREV are rare draws otherwise */
        insn = (insn & ~0x000307c0u) |
               (rng_pct(r, 50) ? 0x00020200u : rng_below(r, 3) << 7 | (x & 1) << 6);
    }
    if (g == 1 && rng_pct(r, 20)) {    /* VCVT F32 <-> fixed: op 14/15, L=0, imm6 >= 32 */
        insn = (insn & ~0x00200e80u) | 0xe00u | 0x200000u;
    }
    if (g == 1 && rng_pct(r, 30)) {    /* VMOVL: op 10, L=0, Q=0, imm6 = lane size */
        insn = (insn & ~0x003f0fc0u) | 0xa00u | (8u << rng_below(r, 3)) << 16;
    }
    if (g == 0 && rng_pct(r, 30)) {    /* the float forms: op 12-15, sz<0> = 0 (F32) */
        insn = (insn & ~0x00100c00u) | 0xc00u;
    } else if (g == 0 && rng_pct(r, 15)) { /* the logic ops: op 1, B 1 */
        insn = (insn & ~0x00000f10u) | 0x110u;
    }
    if (g == 3 && rng_pct(r, 10)) {    /* VMVN: A=0, op4 11, size 0 */
        insn = (insn & ~0x000f0780u) | 0x580u;
    }
    if (g == 3 && rng_pct(r, 25)) {    /* VABS/VNEG.F32 (A=1), VCVT F32<->S32 (A=3) */
        insn = (insn & ~0x000f0780u) | 0x80000u |
               (rng_pct(r, 50) ? 0x10700u | (x & 0x80u) : 0x30600u | (x & 0x100u));
    }
    if (g == 3 && rng_pct(r, 15)) {    /* compares with #0 (A=1, op4 0-4, 8-12) */
        insn = (insn & ~0x000307c0u) | 0x10000u | rng_below(r, 5) << 7 |
               (rng_pct(r, 50) ? 0x400u : 0) | (x & 0x40u);
    }
    return insn;
}

static uint64_t draw_word(Rng *r)
{
    static const uint64_t special[] = {
        0, ~0ull, 0x8000000080000000ull, 0x8080808080808080ull, 0x7fff7fff7fff7fffull,
        0x0001000100010001ull, 0xff00ff00ff00ff00ull, 0x00000000ffffffffull,
        0x7f7f7f7f7f7f7f7full, 0x8000800080008000ull, 0x7fffffff7fffffffull,
    };
    uint64_t w = rng64(r);
    if (rng_pct(r, 30)) {
        w = special[rng_below(r, G_N_ELEMENTS(special))];
    }
    if (rng_pct(r, 20)) {              /* mix lanes of two kinds */
        w ^= rng64(r) & 0x00ff00ff0000ffffull;
    }
    return w;
}

/* A single-precision lane: mostly normal values (moderate, near the bottom of the
 * range, near the top), small integers (exact arithmetic), and the special kinds. */
static uint32_t draw_f32(Rng *r)
{
    uint32_t sign = rng_pct(r, 30) ? 0x80000000u : 0, frac = rng32(r) & 0x7fffffu;
    switch (rng_below(r, 12)) {
    case 0: case 1: case 2: case 3:
        return sign | (100 + rng_below(r, 56)) << 23 | frac;
    case 4: return sign | (1 + rng_below(r, 70)) << 23 | frac;           /* tiny products */
    case 5: return sign | (190 + rng_below(r, 65)) << 23 | frac;         /* overflow */
    case 6: case 7: {                                                     /* small integers */
        float f = (float)(int)(rng_below(r, 2001) - 1000);
        uint32_t a;
        memcpy(&a, &f, 4);
        return a;
    }
    case 8: return sign;                                                  /* zero */
    case 9: return sign | (frac >> rng_below(r, 23));                     /* denormal */
    case 10: return sign | 0x7f800000u;                                   /* infinity */
    default: return sign | 0x7f800000u | (frac ? frac : 1);               /* NaN */
    }
}

static uint64_t draw_float_word(Rng *r, bool nice)
{
    if (nice) {                        /* normal, moderate, or small integers */
        uint32_t lane[2];
        for (unsigned k = 0; k < 2; k++) {
            do {
                lane[k] = draw_f32(r);
            } while (((lane[k] >> 23) & 0xff) < 100 || ((lane[k] >> 23) & 0xff) > 155);
        }
        return (uint64_t)lane[1] << 32 | lane[0];
    }
    if (rng_pct(r, 10)) {              /* integers for VCVT to float, and junk */
        return rng_pct(r, 50) ? rng64(r) : (uint64_t)(uint32_t)(rng32(r) >> rng_below(r, 32)) << 32 |
                                           (uint32_t)(rng32(r) >> rng_below(r, 32));
    }
    return (uint64_t)draw_f32(r) << 32 | draw_f32(r);
}

/* ---- One case ---- */

typedef struct Stats {
    unsigned long inlined, other;
    unsigned long float_fast, float_called; /* float ops without / with the helper call */
    unsigned long scalar, zero;             /* by-scalar forms, compares with #0 */
    unsigned long per_op[IR_VEC_OP_COUNT];
} Stats;

/*
 * Translates insn; if it became one call of a helper that the JIT inlines, runs it both
 * ways and compares. Returns false (nothing run) otherwise.
 */
static bool run_case(Rng *r, uint32_t insn, Stats *st)
{
    IRFunc f;
    ir_func_init(&f);
    DisasContext s = { .f = &f, .cond = 14 };
    /* Without the word IR forms, D-register ops are inlined vector calls too. */
    neon_ir_enabled = rng_pct(r, 50);
    bool ok = neon_translate_dp(&s, insn);
    neon_ir_enabled = true;
    const IRHelper *h = NULL;
    unsigned calls = 0;
    for (uint32_t k = 0; ok && k < f.nb_insns; k++) {
        if (f.insns[k].op == IR_OP_call) {
            h = (const IRHelper *)(uintptr_t)ir_insn_cst(&f.insns[k], 0);
            calls++;
        }
    }
    IRVecDesc v;
    if (!ok || calls != 1 || !h->vec || !h->vec(insn, &v) || !ir_vec_supported(&v)) {
        st->other += ok;
        ir_func_free(&f);
        return false;
    }
    ir_exit_tb(&f, 1);
    ir_optimize(&f);
    g_assert_true(ir_verify(&f, stderr));

    wrap_helpers(true);
    const void *code = compile(&f);

    bool fl = v.op >= IR_VEC_FADD, nice = rng_pct(r, 40);
    CPUARMState ref;
    memset(&ref, 0, sizeof(ref));
    for (unsigned k = 0; k < 32; k++) {
        ref.vfp_d[k] = fl ? draw_float_word(r, nice) : draw_word(r);
    }
    ref.fpscr = rng32(r) & 0xf7c0009fu;
    memcpy(jenv->vfp_d, ref.vfp_d, sizeof(ref.vfp_d));
    jenv->fpscr = ref.fpscr;

    /* The float code reads MXCSR's sticky flags, which other host code may leave set. */
    _mm_setcsr(0x1f80 | (rng_pct(r, 30) ? rng32(r) & 0x3f : 0));
    unsigned long before = helper_calls;
    g_assert_cmpuint(jit_enter(jenv, code), ==, 1);
    _mm_setcsr(0x1f80);
    if (fl) {
        /* Lanes the host cannot do go to the helper, once. */
        g_assert_cmpuint(helper_calls - before, <=, 1);
        st->float_called += helper_calls - before;
        st->float_fast += helper_calls == before;
    } else {
        g_assert_cmpuint(helper_calls, ==, before); /* inlined, not called */
    }
    wrap_helpers(false);
    ((void (*)(CPUARMState *, uint32_t))h->fn)(&ref, insn);

    if (memcmp(jenv->vfp_d, ref.vfp_d, sizeof(ref.vfp_d)) || jenv->fpscr != ref.fpscr) {
        for (unsigned k = 0; k < 32; k++) {
            if (jenv->vfp_d[k] != ref.vfp_d[k]) {
                g_test_message("insn %08x (vec op %u esz %u bytes %u imm %u): D%u jit %016llx "
                               "helper %016llx", insn, v.op, v.esz, v.bytes, v.imm, k,
                               (unsigned long long)jenv->vfp_d[k],
                               (unsigned long long)ref.vfp_d[k]);
            }
        }
        g_test_message("insn %08x: fpscr jit %08x helper %08x", insn, jenv->fpscr, ref.fpscr);
        g_assert_not_reached();
    }
    st->inlined++;
    st->per_op[v.op]++;
    st->scalar += v.scalar;
    st->zero += v.zero != 0;
    ir_func_free(&f);
    return true;
}

static unsigned long env_num(const char *name, unsigned long dflt)
{
    const char *s = getenv(name);
    return s ? strtoul(s, NULL, 0) : dflt;
}

static void run_set(unsigned disable_feat, Stats *st)
{
    setup_jit(disable_feat);
    unsigned long cases = env_num("XEMU_JITVEC_CASES", DEFAULT_CASES);
    uint64_t seeds[2] = { 1, g_test_rand_int() };
    unsigned nseeds = 2;
    if (getenv("XEMU_JITVEC_SEED")) {
        seeds[0] = env_num("XEMU_JITVEC_SEED", 1);
        nseeds = 1;
    }
    for (unsigned k = 0; k < nseeds; k++) {
        g_test_message("seed %#llx (XEMU_JITVEC_SEED), disabled features %#x",
                       (unsigned long long)seeds[k], disable_feat);
        Rng r = { seeds[k] };
        for (unsigned long i = 0; i < cases / nseeds; i++) {
            run_case(&r, draw_insn(&r), st);
        }
    }
    g_test_message("%lu inlined (%lu by scalar, %lu against #0), %lu other accepted "
                   "encodings; float ops: %lu inline only, %lu with the helper", st->inlined,
                   st->scalar, st->zero, st->other, st->float_fast, st->float_called);
    g_assert_cmpuint(st->inlined, >, cases / 10);
    g_assert_cmpuint(st->scalar, >, cases / 200);
    g_assert_cmpuint(st->zero, >, cases / 200);
    g_assert_cmpuint(st->float_fast, >, st->float_called / 20);
}

/* ---- Sequences against the interpreter ---- */

/* Word IR between vector ops: env reads and writes of guest vector registers. */
typedef enum EnvMix {
    ENV_OTHER,  /* sometimes D[a] = D[b] + 1 */
    ENV_DEST,   /* after each op, reads of any 4/8 bytes of its destination, written back
                 * into it (a D half, a lane) or into another D register */
} EnvMix;

/* The env accesses after an op that wrote Vd of insn (see EnvMix). */
static void add_env_access(Rng *r, IRFunc *f, uint32_t insn, EnvMix mix)
{
    if (mix == ENV_OTHER) {
        if (rng_pct(r, 15)) {
            IRTemp t = ir_new_temp(f, IR_I64), u = ir_new_temp(f, IR_I64);
            ir_ldenv_i64(f, t, (int32_t)offsetof(CPUARMState, vfp_d[rng_below(r, 32)]));
            ir_addi_i64(f, u, t, 1);
            ir_stenv_i64(f, u, (int32_t)offsetof(CPUARMState, vfp_d[rng_below(r, 32)]));
        }
        return;
    }
    /* The JIT serves reads inside a cached register from xmm, and drops an entry a write
     * covers whole without storing it (openssl sha512's D-register rounds around its
     * Q-register message schedule). */
    unsigned d = (insn >> 18 & 16) | (insn >> 12 & 15);
    int32_t dq = (int32_t)offsetof(CPUARMState, vfp_d[d & ~1u]);
    for (unsigned k = rng_below(r, 4); k > 0; k--) {
        IRTemp t, u;
        int32_t at = dq + 4 * (int32_t)rng_below(r, 4);
        if (rng_pct(r, 50)) {
            t = ir_new_temp(f, IR_I32), u = ir_new_temp(f, IR_I32);
            ir_ldenv_i32(f, t, at);
            ir_addi_i32(f, u, t, 0x1001);
        } else {
            t = ir_new_temp(f, IR_I64), u = ir_new_temp(f, IR_I64);
            ir_ldenv_i64(f, t, at & ~7);
            ir_addi_i64(f, u, t, 0x100000001ll);
        }
        int32_t to = rng_pct(r, 50) ? dq + 8 * (int32_t)rng_below(r, 2)
                                    : (int32_t)offsetof(CPUARMState, vfp_d[rng_below(r, 32)]);
        if (f->temps[u].type == IR_I32) {
            ir_stenv_i32(f, u, to + 4 * (int32_t)rng_below(r, 2));
        } else if (rng_pct(r, 70)) {
            ir_stenv_i64(f, u, to);
        }
    }
}

/*
 * 2..max accepted encodings of any kind (inlined, open-coded IR, helper calls), often
 * reusing the previous one's registers, with env accesses between them, run by the
 * interpreter on the unoptimized IR (the reference: it calls the helpers) and by the JIT,
 * whose helper calls clobber every xmm register. Returns the ops with an inline form.
 */
static unsigned run_sequence(Rng *r, unsigned max, EnvMix mix)
{
    IRFunc f;
    ir_func_init(&f);
    DisasContext s = { .f = &f, .cond = 14 };
    unsigned n = 2 + rng_below(r, max - 1), got = 0, inlined = 0;
    uint32_t insns[16];
    IRVecDesc v;
    for (unsigned tries = 0; got < n && tries < 200; tries++) {
        uint32_t insn = draw_insn(r);
        /* Often reuse registers of the previous insn, so results feed later ops. */
        if (got && rng_pct(r, 60)) {
            uint32_t prev = insns[got - 1];
            insn = (insn & ~0x0040f000u) | (prev & 0x0040f000u);             /* Vd */
            if (rng_pct(r, 50)) {
                insn = (insn & ~0x0000002fu) | ((prev >> 12) & 15) | ((prev >> 17) & 0x20);
            }
        }
        uint32_t mark = f.nb_insns;
        if (!neon_translate_dp(&s, insn)) {
            f.nb_insns = mark;
            continue;
        }
        insns[got++] = insn;
        inlined += neon_vec_decode(insn, &v) && ir_vec_supported(&v);
        add_env_access(r, &f, insn, mix);
    }
    ir_exit_tb(&f, 1);
    g_assert_true(ir_verify(&f, stderr));

    CPUARMState start;
    memset(&start, 0, sizeof(start));
    bool fl = rng_pct(r, 40), nice = rng_pct(r, 50);
    for (unsigned k = 0; k < 32; k++) {
        start.vfp_d[k] = fl ? draw_float_word(r, nice) : draw_word(r);
    }
    start.fpscr = rng32(r) & 0xf7c0009fu;

    uint32_t scratch_off = (uint32_t)((sizeof(CPUARMState) + 15) & ~(size_t)15);
    CPUARMState *ref = g_malloc0(scratch_off + IR_INTERP_SCRATCH);
    *ref = start;
    IRProg *p = ir_interp_prepare(&f, scratch_off);
    uint32_t pc = 0;
    ir_interp_run(p, ref, &pc);
    g_free(p);

    ir_optimize(&f);
    wrap_helpers(true);                /* compiled in: calls clobber every xmm register */
    const void *code = compile(&f);
    memcpy(jenv->vfp_d, start.vfp_d, sizeof(start.vfp_d));
    jenv->fpscr = start.fpscr;
    g_assert_cmpuint(jit_enter(jenv, code), ==, 1);
    wrap_helpers(false);

    if (memcmp(jenv->vfp_d, ref->vfp_d, sizeof(ref->vfp_d)) || jenv->fpscr != ref->fpscr) {
        for (unsigned k = 0; k < got; k++) {
            g_test_message("insn %u: %08x", k, insns[k]);
        }
        for (unsigned k = 0; k < 32; k++) {
            if (jenv->vfp_d[k] != ref->vfp_d[k]) {
                g_test_message("D%u jit %016llx interpreter %016llx", k,
                               (unsigned long long)jenv->vfp_d[k],
                               (unsigned long long)ref->vfp_d[k]);
            }
        }
        g_test_message("fpscr jit %08x interpreter %08x", jenv->fpscr, ref->fpscr);
        g_assert_not_reached();
    }
    g_free(ref);
    ir_func_free(&f);
    return inlined;
}

static void test_sequences(void)
{
    setup_jit(0);
    unsigned long cases = env_num("XEMU_JITVEC_CASES", DEFAULT_CASES) / 6, inlined = 0;
    uint64_t seed = getenv("XEMU_JITVEC_SEED") ? env_num("XEMU_JITVEC_SEED", 1)
                                               : (uint64_t)g_test_rand_int();
    g_test_message("seed %#llx (XEMU_JITVEC_SEED)", (unsigned long long)seed);
    Rng r = { seed };
    for (unsigned long i = 0; i < cases; i++) {
        inlined += run_sequence(&r, 12, ENV_OTHER);
    }
    g_test_message("%lu sequences, %lu ops with an inline form", cases, inlined);
    g_assert_cmpuint(inlined, >, cases);
}

static void test_env_access(void)
{
    unsigned long cases = env_num("XEMU_JITVEC_CASES", DEFAULT_CASES) / 6;
    uint64_t seed = getenv("XEMU_JITVEC_SEED") ? env_num("XEMU_JITVEC_SEED", 1)
                                               : (uint64_t)g_test_rand_int();
    g_test_message("seed %#llx (XEMU_JITVEC_SEED)", (unsigned long long)seed);
    Rng r = { seed };
    /* The host's features, then SSE2 only. */
    setup_jit(0);
    for (unsigned long i = 0; i < cases / 2; i++) {
        run_sequence(&r, 9, ENV_DEST);
    }
    setup_jit(X86_FEAT_AVX | X86_FEAT_AVX2 | X86_FEAT_FMA | X86_FEAT_SSE41 | X86_FEAT_SSSE3);
    for (unsigned long i = cases / 2; i < cases; i++) {
        run_sequence(&r, 9, ENV_DEST);
    }
    setup_jit(0);
}

/*
 * Forms whose Vn bits are not a register (shift amounts, opcode bits) decode for Q
 * registers whatever those bits are: an odd "Vn" once sent openssl sha512's Q shifts
 * with odd amounts to the word IR (encodings checked with the cross assembler).
 */
static void test_decode(void)
{
    static const uint32_t q_forms[] = {
        0xf3ed80d2u, /* vshr.u64 q12, q1, #19 */
        0xf3c3a0d2u, /* vshr.u64 q13, q1, #61 */
        0xf2ff80d6u, /* vshr.s64 q12, q3, #1 */
        0xf3f9a550u, /* vsli.32 q13, q0, #25 */
        0xf3f98740u, /* vabs.f32 q12, q0 */
        0xf3f905c2u, /* vcle.f32 q8, q1, #0 */
        0xf2e08e50u, /* vcvt.f32.s32 q12, q0, #32 */
    };
    for (unsigned k = 0; k < G_N_ELEMENTS(q_forms); k++) {
        IRVecDesc v;
        g_test_message("%08x", q_forms[k]);
        g_assert_true(neon_vec_decode(q_forms[k], &v));
        g_assert_cmpuint(v.bytes, ==, 16);
    }
}

static void test_host(void)
{
    Stats st = { 0 };
    run_set(0, &st);
    for (unsigned op = 0; op < IR_VEC_OP_COUNT; op++) {
        if (!st.per_op[op]) {
            g_test_message("vec op %u never inlined", op);
        }
        /* Every op has a form on an SSE4.1 host (the CI and development machines). */
        if (x86_cpu_features() & X86_FEAT_SSE41) {
            g_assert_cmpuint(st.per_op[op], >, 0);
        }
    }
}

static void test_no_avx(void)
{
    Stats st = { 0 };
    run_set(X86_FEAT_AVX | X86_FEAT_AVX2 | X86_FEAT_FMA, &st);
}

static void test_sse2_only(void)
{
    Stats st = { 0 };
    run_set(X86_FEAT_AVX | X86_FEAT_AVX2 | X86_FEAT_FMA | X86_FEAT_SSE41 | X86_FEAT_SSSE3,
            &st);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    decode_table_init(&arm_neon_table);
    g_test_add_func("/jit_vec/decode", test_decode);
    g_test_add_func("/jit_vec/host", test_host);
    g_test_add_func("/jit_vec/no_avx", test_no_avx);
    g_test_add_func("/jit_vec/sse2_only", test_sse2_only);
    g_test_add_func("/jit_vec/sequences", test_sequences);
    g_test_add_func("/jit_vec/env_access", test_env_access);
    return g_test_run();
}
