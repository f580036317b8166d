/*
 * Differential fuzzer for the MIPS guest: random valid instruction sequences drawn from
 * the frontend's own decode tables (integer and FPU: the fixed bits of a pattern, the
 * free ones random) run from one random initial state through cpu_exec(), as a guest
 * thread would: on the IR interpreter with the IR unoptimized (the reference), then on
 * the JIT with fresh TBs, again with the TBs left cached and chained, and with one insn
 * per TB (which splits every branch from its delay slot: the MIPS_TBFLAG_DS path). All
 * guest state must come out identical: exit code, GPRs, HI/LO, pc, delay-slot state,
 * LL/SC reservation, FPRs, FCSR, exception fields, the data region, and for a host fault
 * the signal, address and faulting insn. Both byte orders run (guest_arch is switched
 * between the two descriptors, which share one translator).
 *
 * A drawn encoding is kept only if translating it, a NOP and a SYSCALL covers all three
 * (trial translation at a scratch page): that rejects branches (their delay slot ends
 * the TB early), exceptions, reserved encodings and TB-ending insns. Control flow comes
 * back in controlled form: forward branches of every kind (likely ones too, and links)
 * with a drawn delay-slot insn, J/JAL, JR/JALR through a register set by LUI/ORI,
 * sequences that start near a page end (a branch whose slot is on the next page), and
 * counted loops (ADDIU rC; head: body; ADDIU rC,-1; BNE rC,$0,head; slot) whose TB at
 * head is the JIT's self-loop. Sequences end with SYSCALL (sometimes BREAK or TEQ).
 *
 * Environment: XEMU_FUZZ_SEED=n (only this seed), XEMU_FUZZ_CASES=n (per seed and test),
 * XEMU_FUZZ_CASE=n (only case n, dumped), XEMU_FUZZ_LOG=1 (-d in_asm,op,op_opt,out_asm).
 */
#define _GNU_SOURCE
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>


#include "frontend/mips/cpu.h"
#include "frontend/mips/translate.h"
#include "ir/interp.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"
#define FUZZ_NAME "test_mips_fuzz"
#include "fuzz_harness.h"

extern const GuestArch mips_guest_arch_be, mips_guest_arch_le;


#define MAX_INSNS 160
#define DEFAULT_CASES 1500
#define SANITIZER_DIVISOR 5

#define MIPS_NOP 0x00000000u
#define MIPS_SYSCALL 0x0000000cu

static const uint64_t fixed_seeds[] = { 1, 2, 0x5eed0003 };

/* ---- Pools ---- */

typedef struct Pool {
    DecodeTable *table;
    const DecodeEntry **entries;
    unsigned n;
} Pool;

static Pool pool_int, pool_fpu;

static void pool_init(Pool *p, DecodeTable *t)
{
    decode_table_init(t);
    p->table = t;
    p->entries = g_new0(const DecodeEntry *, t->nb_entries);
    for (size_t k = 0; k < t->nb_entries; k++) {
        p->entries[p->n++] = &t->entries[k];
    }
    g_assert_cmpuint(p->n, >, 0);
}

static uint32_t pool_draw(Pool *p, Rng *r)
{
    const DecodeEntry *e = p->entries[rng_below(r, p->n)];
    return e->match | (rng32(r) & ~e->mask);
}

/* ---- Process set-up ---- */

static CPUState *cpu;
static void fuzz_setup(void)
{
    cpu = fuzz_process_setup();

    pool_init(&pool_int, &mips_int_table);
    pool_init(&pool_fpu, &mips_fpu_table);
}

/* ---- Encoders ---- */

static void put_word(uint8_t *p, uint32_t w)
{
    if (guest_arch->big_endian) {
        w = __builtin_bswap32(w);
    }
    memcpy(p, &w, 4);
}

static uint32_t enc_i(unsigned op, unsigned rs, unsigned rt, uint32_t imm)
{
    return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff);
}

static uint32_t enc_r(unsigned rs, unsigned rt, unsigned rd, unsigned sa, unsigned funct)
{
    return rs << 21 | rt << 16 | rd << 11 | sa << 6 | funct;
}

/* ---- Trial translation ---- */

/* Whether IR of f writes GPR reg. */
static bool ir_writes_gpr(const IRFunc *f, unsigned reg)
{
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        const IRInsn *i = &f->insns[k];
        for (unsigned o = 0; o < i->nb_out; o++) {
            if (i->args[o] == cpu_gpr[reg]) {
                return true;
            }
        }
    }
    return false;
}

/*
 * Plain insn: translating (w, NOP, SYSCALL) covers 12 bytes. avoid >= 0: w must not
 * write that GPR (a loop counter).
 */
static bool trial_ok(uint32_t w, uint32_t flags, int avoid)
{
    uint8_t *p = g2h(TRIAL_BASE);
    put_word(p, w);
    put_word(p + 4, MIPS_NOP);
    put_word(p + 8, MIPS_SYSCALL);
    IRFunc f;
    ir_func_init(&f);
    uint32_t n = guest_arch->translate(&f, TRIAL_BASE, flags, 3);
    bool ok = n == 12;
    if (ok && avoid >= 0) {
        ok = !ir_writes_gpr(&f, (unsigned)avoid);
    }
    ir_func_free(&f);
    return ok;
}

/* Nondeterministic or unwanted encodings the trial cannot reject. */
static bool excluded(uint32_t w)
{
    /* RDHWR $2 (cycle counter) differs between runs. */
    if ((w >> 26) == 0x1f && (w & 0x3f) == 0x3b && ((w >> 11) & 31) == 2) {
        return true;
    }
    return false;
}

/* ---- Cases ---- */

typedef enum Kind { K_PLAIN, K_BRANCH, K_JUMP, K_TERM, K_FIXED } Kind;

typedef struct Insn {
    uint32_t word;
    uint8_t kind;
    bool no_target; /* ORI/JR of a register jump: branching there skips the LUI/ORI */
    int target; /* K_BRANCH/K_JUMP: index of the target insn, resolved at the end */
} Insn;

typedef struct Case {
    uint64_t seed;
    unsigned index;
    bool be;
    uint32_t start; /* address of insn 0 */
    unsigned nb;
    int loop_lo, loop_hi; /* the loop's ADDIU set-up .. its BNE's delay slot, or -1 */
    Insn insns[MAX_INSNS];
    CPUMIPSState init;
    uint8_t mem[DATA_SIZE];
} Case;

typedef struct Gen {
    Case *c;
    Rng *r;
    uint32_t flags;
    int avoid; /* loop counter register inside a loop body, else -1 */
} Gen;

static void emit(Gen *g, Kind k, uint32_t w, int target)
{
    g_assert_cmpuint(g->c->nb, <, MAX_INSNS);
    Insn *i = &g->c->insns[g->c->nb++];
    i->word = w;
    i->kind = (uint8_t)k;
    i->no_target = false;
    i->target = target;
}

static uint32_t draw_plain(Gen *g)
{
    for (;;) {
        Pool *p = rng_pct(g->r, 20) ? &pool_fpu : &pool_int;
        uint32_t w = pool_draw(p, g->r);
        if (!excluded(w) && trial_ok(w, g->flags, g->avoid)) {
            return w;
        }
    }
}

static unsigned rand_reg(Gen *g)
{
    for (;;) {
        unsigned r = rng_below(g->r, 32);
        if ((int)r != g->avoid) {
            return r;
        }
    }
}

/* A forward conditional branch (target resolved later) and its delay slot. */
static void fz_branch(Gen *g, unsigned nb_total)
{
    static const uint32_t regimm_rt[] = { 0x00, 0x01, 0x02, 0x03, 0x10, 0x11, 0x12, 0x13 };
    uint32_t w;
    unsigned rs = rand_reg(g), rt = rand_reg(g);
    switch (rng_below(g->r, 4)) {
    case 0: /* BEQ BNE BLEZ BGTZ */
        w = enc_i(4 + rng_below(g->r, 4), rs, rt, 0);
        break;
    case 1: /* BEQL BNEL BLEZL BGTZL */
        w = enc_i(0x14 + rng_below(g->r, 4), rs, rt, 0);
        break;
    default: { /* REGIMM: BLTZ BGEZ BLTZL BGEZL BLTZAL BGEZAL BLTZALL BGEZALL */
        unsigned k = rng_below(g->r, 8);
        if (g->avoid == 31 && k >= 4) {
            k -= 4;
        }
        w = enc_i(1, rs, regimm_rt[k], 0);
        break;
    }
    }
    if ((w >> 26) >= 6 && (w >> 26) <= 7) {
        w &= ~(31u << 16); /* BLEZ/BGTZ: rt must be 0 */
    }
    if ((w >> 26) >= 0x16 && (w >> 26) <= 0x17) {
        w &= ~(31u << 16);
    }
    unsigned here = g->c->nb;
    unsigned span = nb_total > here + 2 ? nb_total - here - 2 : 1;
    emit(g, K_BRANCH, w, (int)(here + 2 + rng_below(g->r, span + 1)));
    emit(g, K_PLAIN, draw_plain(g), -1);
}

/* J/JAL forward, or JR/JALR through a register loaded by LUI/ORI. */
static void fz_jump(Gen *g, unsigned nb_total)
{
    unsigned here = g->c->nb;
    bool link_ok = g->avoid != 31;
    if (rng_pct(g->r, 50)) {
        uint32_t op = link_ok && rng_pct(g->r, 50) ? 3 : 2;
        unsigned span = nb_total > here + 2 ? nb_total - here - 2 : 1;
        emit(g, K_JUMP, op << 26, (int)(here + 2 + rng_below(g->r, span + 1)));
        emit(g, K_PLAIN, draw_plain(g), -1);
        return;
    }
    unsigned rx;
    do {
        rx = rand_reg(g);
    } while (rx == 0);
    unsigned span = nb_total > here + 4 ? nb_total - here - 4 : 1;
    int target = (int)(here + 4 + rng_below(g->r, span + 1));
    /* LUI/ORI get the target address at resolution (K_FIXED words patched). */
    emit(g, K_FIXED, enc_i(0xf, 0, rx, 0), target);
    emit(g, K_FIXED, enc_i(0xd, rx, rx, 0), target);
    g->c->insns[g->c->nb - 1].no_target = true;
    unsigned rd = link_ok && rng_pct(g->r, 50) ? rand_reg(g) : 0;
    if (rd == rx) {
        rd = 0; /* JALR rd == rs is UNPREDICTABLE */
    }
    emit(g, K_FIXED, rd ? enc_r(rx, 0, rd, 0, 0x09) : enc_r(rx, 0, 0, 0, 0x08), -1);
    g->c->insns[g->c->nb - 1].no_target = true;
    emit(g, K_PLAIN, draw_plain(g), -1);
}

static void fz_loop(Gen *g)
{
    unsigned rc;
    do {
        rc = rand_reg(g);
    } while (rc == 0 || rc == 31);
    unsigned count = 1 + rng_below(g->r, 5);
    g->c->loop_lo = (int)g->c->nb;
    emit(g, K_FIXED, enc_i(9, 0, rc, count), -1); /* ADDIU rc, $0, count */
    unsigned head = g->c->nb;
    g->avoid = (int)rc;
    unsigned body = 1 + rng_below(g->r, 10);
    for (unsigned k = 0; k < body; k++) {
        emit(g, K_PLAIN, draw_plain(g), -1);
    }
    emit(g, K_FIXED, enc_i(9, rc, rc, 0xffff), -1); /* ADDIU rc, rc, -1 */
    uint32_t off = (uint32_t)((int32_t)head - (int32_t)(g->c->nb + 1));
    emit(g, K_FIXED, enc_i(5, rc, 0, off), -1);      /* BNE rc, $0, head */
    emit(g, K_PLAIN, draw_plain(g), -1);            /* delay slot */
    g->c->loop_hi = (int)g->c->nb - 1;
    g->avoid = -1;
}

static uint32_t gen_reg_value(Rng *r)
{
    switch (rng_below(r, 6)) {
    case 0:
        return rng32(r);
    case 1:
        return rng_below(r, 64) - 32;
    case 2: {
        static const uint32_t edges[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x8000, 0xffff8000 };
        return edges[rng_below(r, G_N_ELEMENTS(edges))];
    }
    case 3:
        return DATA_BASE + 0x100 + rng_below(r, DATA_SIZE - 0x200);
    default: /* mid-region: most 16-bit offsets stay inside it */
        return DATA_BASE + DATA_SIZE / 2 + 4 * rng_below(r, 256) - 512;
    }
}

static uint64_t gen_fp(Rng *r)
{
    static const uint64_t specials[] = {
        0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0x7ff0000000000000ull,
        0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull,
        0x000fffffffffffffull, 0x7fefffffffffffffull, 0x41dfffffffc00000ull,
        0x000000007f800000ull, 0x000000007fc00000ull, 0x000000007fa00000ull,
        0x000000003f800000ull, 0x0000000000400000ull,
    };
    switch (rng_below(r, 4)) {
    case 0:
        return specials[rng_below(r, G_N_ELEMENTS(specials))];
    case 1: { /* a modest double */
        double d = (double)(int32_t)rng32(r) / (1 + rng_below(r, 1000));
        uint64_t v;
        memcpy(&v, &d, 8);
        return v;
    }
    case 2: { /* a modest float in each half */
        float a = (float)(int16_t)rng32(r) / 8, b = (float)(int16_t)rng32(r) / 3;
        uint32_t x, y;
        memcpy(&x, &a, 4);
        memcpy(&y, &b, 4);
        return (uint64_t)y << 32 | x;
    }
    default:
        return rng64(r);
    }
}

static uint64_t case_seed(uint64_t seed, bool be, unsigned index)
{
    Rng r = { seed ^ (be ? 0xbe00000000ull : 0) ^ ((uint64_t)index << 40) };
    return rng64(&r);
}

static void gen_case(Case *c, bool be, uint64_t seed, unsigned index)
{
    Rng r = { case_seed(seed, be, index) };
    memset(c, 0, sizeof(*c));
    c->seed = seed;
    c->index = index;
    c->be = be;
    c->loop_lo = c->loop_hi = -1;

    CPUMIPSState *e = &c->init;
    for (int k = 1; k < 32; k++) {
        e->gpr[k] = gen_reg_value(&r);
    }
    e->hi = gen_reg_value(&r);
    e->lo = gen_reg_value(&r);
    e->lladdr = rng_pct(&r, 50) ? UINT32_MAX : DATA_BASE + (rng_below(&r, DATA_SIZE) & ~3u);
    e->llval = rng32(&r);
    e->userlocal = rng32(&r);
    e->fir = 0x00f30739u;
    e->fcsr = rng_below(&r, 4);                          /* RM */
    e->fcsr |= (rng32(&r) & 0x7c);                       /* sticky flags */
    e->fcsr |= rng_pct(&r, 50) ? (rng32(&r) & 0xfe800000u) : 0; /* FCCs */
    if (rng_pct(&r, 10)) {
        e->fcsr |= FCSR_FS;
    }
    if (rng_pct(&r, 10)) {
        e->fcsr |= FCSR_NAN2008 | FCSR_ABS2008;
    }
    e->fpmode = rng_pct(&r, 50) ? MIPS_FPMODE_FR : 0;
    if (rng_pct(&r, 10)) {
        e->fcsr |= (rng32(&r) & 0x1f) << FCSR_ENABLES_SHIFT;
        if (e->fcsr & (0x1fu << FCSR_ENABLES_SHIFT)) {
            e->fpmode |= MIPS_FPMODE_TRAPS;
        }
    }
    for (int k = 0; k < 32; k++) {
        e->fpr[k] = gen_fp(&r);
    }
    for (uint32_t k = 0; k < DATA_SIZE; k += 4) {
        uint32_t v = rng32(&r);
        memcpy(c->mem + k, &v, 4);
    }

    /* Start near the end of the first page in one case of four. */
    uint32_t off = rng_pct(&r, 25) ? GUEST_PAGE_SIZE - 4 * (1 + rng_below(&r, 12))
                                   : 4 * rng_below(&r, 64);
    c->start = CODE_BASE + off;
    e->pc = c->start;

    code_writable(true); /* for the trial translations */
    Gen g = { c, &r, (e->fpmode << 1), -1 };
    unsigned body = 1 + rng_below(&r, rng_pct(&r, 10) ? 60 : 24);
    unsigned planned = body + 2;
    bool looped = false;
    while (c->nb < body && c->nb < MAX_INSNS - 24) {
        unsigned k = rng_below(&r, 100);
        if (k < 12) {
            fz_branch(&g, planned + 4);
        } else if (k < 16) {
            fz_jump(&g, planned + 4);
        } else if (k < 20 && !looped) {
            fz_loop(&g);
            looped = true;
        } else {
            emit(&g, K_PLAIN, draw_plain(&g), -1);
        }
    }
    /* Branch targets beyond the end land on the terminator. */
    unsigned k = rng_below(&r, 10);
    uint32_t term = k == 0 ? 0x0007000du              /* BREAK 7 */
                  : k == 1 ? enc_r(rand_reg(&g), rand_reg(&g), 0, 0, 0x34) /* TEQ */
                           : MIPS_SYSCALL;
    emit(&g, K_TERM, term, -1);
    emit(&g, K_TERM, MIPS_SYSCALL, -1); /* after a TEQ that did not trap */

    /* Resolve targets. */
    for (unsigned i = 0; i < c->nb; i++) {
        Insn *in = &c->insns[i];
        if (in->target < 0) {
            continue;
        }
        unsigned t = (unsigned)in->target < c->nb ? (unsigned)in->target : c->nb - 2;
        /* Never into a loop past its set-up: the counter would be arbitrary. */
        if (c->loop_lo >= 0 && (int)t > c->loop_lo && (int)t <= c->loop_hi) {
            t = (unsigned)c->loop_lo;
        }
        while (c->insns[t].no_target) {
            t--;
        }
        uint32_t taddr = c->start + 4 * t;
        if (in->kind == K_BRANCH) {
            in->word = (in->word & 0xffff0000u) | ((t - i - 1) & 0xffff);
        } else if (in->kind == K_JUMP) {
            in->word = (in->word & 0xfc000000u) | ((taddr >> 2) & 0x03ffffff);
        } else if ((in->word >> 26) == 0xf) { /* LUI */
            in->word |= taddr >> 16;
        } else { /* ORI */
            in->word |= taddr & 0xffff;
        }
    }
    g_assert_cmpuint(off + 4 * c->nb, <=, CODE_SIZE);
    code_writable(false);
}

/* ---- Running ---- */

typedef enum Engine { ENG_INTERP, ENG_JIT, ENG_JIT_AGAIN, ENG_JIT_SINGLE } Engine;
static const char *const engine_names[] = {
    "interp", "jit", "jit (TBs cached and chained)", "jit (one insn per TB)",
};

typedef struct RunResult {
    int rc;
    CPUMIPSState env;
    int fault_signo, fault_code;
    uint32_t fault_addr, cur_insn_pc;
    uint8_t mem[DATA_SIZE];
} RunResult;

static void load_code(const Case *c)
{
    code_writable(true);
    uint8_t *p = g2h(CODE_BASE);
    memset(p, 0, CODE_SIZE);
    for (unsigned i = 0; i < c->nb; i++) {
        put_word(p + (c->start - CODE_BASE) + 4 * i, c->insns[i].word);
    }
    code_writable(false);
}

static void run_case(const Case *c, Engine eng, RunResult *out)
{
    bool jit = eng != ENG_INTERP;
    CPUMIPSState *env = cpu->env;
    *env = c->init;
    env->cpu = cpu;
    memcpy(g2h(DATA_BASE), c->mem, DATA_SIZE);
    if (eng != ENG_JIT_AGAIN) {
        xemu_opts.interp = !jit;
        xemu_opts.one_insn_per_tb = eng == ENG_JIT_SINGLE;
        xemu_log_mask = jit ? xemu_log_mask & ~LOG_NOOPT : xemu_log_mask | LOG_NOOPT;
        tb_flush_all();
    }
    cpu->fault_signo = cpu->fault_code = 0;
    cpu->fault_addr = cpu->cur_insn_pc = 0;
    snprintf(crash_note, sizeof(crash_note),
             "/mips_fuzz/%s case %u (XEMU_FUZZ_SEED=0x%" G_GINT64_MODIFIER "x XEMU_FUZZ_CASE=%u), "
             "engine %s", c->be ? "be" : "le", c->index, c->seed, c->index, engine_names[eng]);
    alarm(20);
#if FUZZ_SANITIZED
    __lsan_disable();
#endif
    int rc = cpu_exec(cpu);
#if FUZZ_SANITIZED
    __lsan_enable();
#endif
    alarm(0);
    crash_note[0] = 0;
    out->rc = rc;
    out->env = *env;
    out->env.cpu = NULL;
    out->fault_signo = cpu->fault_signo;
    out->fault_code = cpu->fault_code;
    out->fault_addr = cpu->fault_addr;
    out->cur_insn_pc = cpu->cur_insn_pc;
    memcpy(out->mem, g2h(DATA_BASE), DATA_SIZE);
}

#define DIFF32(name, a, b)                                                              \
    do {                                                                                \
        if ((a) != (b)) {                                                               \
            g_string_append_printf(d, "  %-16s %08x  %08x\n", name, (unsigned)(a), (unsigned)(b)); \
        }                                                                               \
    } while (0)

static GString *compare(const RunResult *a, const RunResult *b)
{
    GString *d = g_string_new("");
    const CPUMIPSState *x = &a->env, *y = &b->env;
    DIFF32("exit", a->rc, b->rc);
    for (int k = 0; k < 32; k++) {
        char n[8];
        snprintf(n, sizeof(n), "$%d", k);
        DIFF32(n, x->gpr[k], y->gpr[k]);
    }
    DIFF32("pc", x->pc, y->pc);
    DIFF32("hi", x->hi, y->hi);
    DIFF32("lo", x->lo, y->lo);
    DIFF32("ds", x->ds, y->ds);
    if (x->ds || y->ds) {
        DIFF32("btarget", x->btarget, y->btarget);
    }
    DIFF32("lladdr", x->lladdr, y->lladdr);
    DIFF32("llval", x->llval, y->llval);
    DIFF32("userlocal", x->userlocal, y->userlocal);
    DIFF32("fcsr", x->fcsr, y->fcsr);
    DIFF32("fpmode", x->fpmode, y->fpmode);
    for (int k = 0; k < 32; k++) {
        if (x->fpr[k] != y->fpr[k]) {
            g_string_append_printf(d, "  f%-15d %016" G_GINT64_MODIFIER "x  %016"
                                   G_GINT64_MODIFIER "x\n", k, x->fpr[k], y->fpr[k]);
        }
    }
    if (a->rc != 0 && a->rc != MIPS_EXCP_SYSCALL) {
        DIFF32("exception_insn", x->exception_insn, y->exception_insn);
        DIFF32("error_code", x->error_code, y->error_code);
        DIFF32("badvaddr", x->badvaddr, y->badvaddr);
    }
    if (a->rc == EXCP_HOST_FAULT || b->rc == EXCP_HOST_FAULT) {
        DIFF32("fault_signo", a->fault_signo, b->fault_signo);
        DIFF32("fault_code", a->fault_code, b->fault_code);
        DIFF32("fault_addr", a->fault_addr, b->fault_addr);
        DIFF32("cur_insn_pc", a->cur_insn_pc, b->cur_insn_pc);
    }
    unsigned shown = 0;
    for (uint32_t k = 0; k < DATA_SIZE; k++) {
        if (a->mem[k] != b->mem[k]) {
            if (shown++ == 8) {
                g_string_append(d, "  ... more memory differences\n");
                break;
            }
            g_string_append_printf(d, "  mem %08x      %02x  %02x\n", DATA_BASE + k, a->mem[k],
                                   b->mem[k]);
        }
    }
    return d;
}

static void dump_case(const Case *c)
{
    g_printerr("case %u (%s), start 0x%08x, fpmode %u, fcsr %08x:\n", c->index,
               c->be ? "be" : "le", c->start, c->init.fpmode, c->init.fcsr);
    for (unsigned i = 0; i < c->nb; i++) {
        uint32_t pc = c->start + 4 * i;
        g_printerr("  ");
        guest_arch->disas(stderr, pc, 0);
    }
}

static unsigned env_uint(const char *name, unsigned def)
{
    const char *v = g_getenv(name);
    return v ? (unsigned)g_ascii_strtoull(v, NULL, 0) : def;
}

static uint64_t random_seed;
static Case the_case;
static RunResult res_ref, res_jit;

typedef struct Stats {
    unsigned cases, ended, faults, exits_other, loops_run;
} Stats;

/* Runs one case on every engine; false (and a report) on a mismatch. */
static bool check_case(const Case *c, Stats *st, bool dump)
{
    load_code(c);
    if (dump) {
        dump_case(c);
    }
    run_case(c, ENG_INTERP, &res_ref);
    st->cases++;
    st->ended += res_ref.rc == MIPS_EXCP_SYSCALL;
    st->loops_run += c->loop_lo >= 0 && res_ref.rc == MIPS_EXCP_SYSCALL;
    st->faults += res_ref.rc == EXCP_HOST_FAULT;
    st->exits_other += res_ref.rc != MIPS_EXCP_SYSCALL && res_ref.rc != EXCP_HOST_FAULT;
    static const Engine others[] = { ENG_JIT, ENG_JIT_AGAIN, ENG_JIT_SINGLE };
    for (size_t k = 0; k < G_N_ELEMENTS(others); k++) {
        run_case(c, others[k], &res_jit);
        GString *d = compare(&res_ref, &res_jit);
        if (d->len) {
            if (!dump) {
                dump_case(c);
            }
            g_printerr("MISMATCH %s vs interp (reproduce: XEMU_FUZZ_SEED=0x%" G_GINT64_MODIFIER
                       "x XEMU_FUZZ_CASE=%u test_mips_fuzz -p /mips_fuzz/%s)\n  %-16s %-8s  %s\n%s",
                       engine_names[others[k]], c->seed, c->index, c->be ? "be" : "le", "",
                       "interp", "jit", d->str);
            g_string_free(d, TRUE);
            return false;
        }
        g_string_free(d, TRUE);
    }
    return true;
}

static void fuzz_endian(gconstpointer data)
{
    bool be = GPOINTER_TO_INT(data) != 0;
    guest_arch = be ? &mips_guest_arch_be : &mips_guest_arch_le;
    cpu->arch = guest_arch;
    tb_flush_all();
    unsigned cases = env_uint("XEMU_FUZZ_CASES", DEFAULT_CASES);
    if (FUZZ_SANITIZED && !g_getenv("XEMU_FUZZ_CASES")) {
        cases /= SANITIZER_DIVISOR;
    }
    const char *only_seed = g_getenv("XEMU_FUZZ_SEED");
    const char *only_case = g_getenv("XEMU_FUZZ_CASE");
    uint64_t seeds[G_N_ELEMENTS(fixed_seeds) + 1];
    unsigned nb_seeds = 0;
    if (only_seed) {
        seeds[nb_seeds++] = g_ascii_strtoull(only_seed, NULL, 0);
    } else {
        for (size_t k = 0; k < G_N_ELEMENTS(fixed_seeds); k++) {
            seeds[nb_seeds++] = fixed_seeds[k];
        }
        seeds[nb_seeds++] = random_seed;
    }
    Stats st = { 0 };
    bool ok = true;
    for (unsigned s = 0; s < nb_seeds && ok; s++) {
        for (unsigned i = 0; i < cases && ok; i++) {
            if (only_case && i != (unsigned)atoi(only_case)) {
                continue;
            }
            gen_case(&the_case, be, seeds[s], i);
            ok = check_case(&the_case, &st, only_case != NULL);
        }
    }
    g_test_message("%s: %u cases, %u ran to the final SYSCALL (%u through a loop), "
                   "%u host faults, %u other exceptions", be ? "be" : "le", st.cases, st.ended,
                   st.loops_run, st.faults, st.exits_other);
    g_assert_true(ok);
    /* The generator must produce what it claims: faults and exceptions, not only SYSCALL. */
    if (!only_case && st.cases >= 200) {
        g_assert_cmpuint(st.faults, >, 0);
        g_assert_cmpuint(st.exits_other, >, 0);
        g_assert_cmpuint(st.ended, >, st.cases / 5);
        g_assert_cmpuint(st.loops_run, >, 0);
    }
}

/* The harness catches a broken engine: a JIT whose ADDU is off by one must mismatch. */
static void test_harness(void)
{
    guest_arch = &mips_guest_arch_le;
    cpu->arch = guest_arch;
    Case *c = &the_case;
    memset(c, 0, sizeof(*c));
    c->start = CODE_BASE;
    c->init.pc = CODE_BASE;
    c->init.gpr[4] = 5;
    c->init.gpr[5] = 7;
    c->init.lladdr = UINT32_MAX;
    c->insns[0].word = enc_r(4, 5, 2, 0, 0x21); /* ADDU v0, a0, a1 */
    c->insns[1].word = MIPS_SYSCALL;
    c->nb = 2;
    load_code(c);
    run_case(c, ENG_INTERP, &res_ref);
    g_assert_cmpint(res_ref.rc, ==, MIPS_EXCP_SYSCALL);
    g_assert_cmpuint(res_ref.env.gpr[2], ==, 12);
    g_assert_cmpuint(res_ref.env.pc, ==, CODE_BASE + 4);
    run_case(c, ENG_JIT, &res_jit);
    res_jit.env.gpr[2]++; /* what a broken engine would give */
    GString *d = compare(&res_ref, &res_jit);
    g_assert_cmpuint(d->len, >, 0);
    g_string_free(d, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    fuzz_setup();
    if (g_getenv("XEMU_FUZZ_LOG")) {
        xemu_log_mask |= LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM | LOG_EXEC;
    }
    random_seed = ((uint64_t)g_random_int() << 32) | g_random_int();
    g_test_message("random seed this run: XEMU_FUZZ_SEED=0x%" G_GINT64_MODIFIER "x", random_seed);
    g_test_add_func("/mips_fuzz/harness", test_harness);
    g_test_add_data_func("/mips_fuzz/le", GINT_TO_POINTER(0), fuzz_endian);
    g_test_add_data_func("/mips_fuzz/be", GINT_TO_POINTER(1), fuzz_endian);
    return g_test_run();
}
