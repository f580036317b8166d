/*
 * IR optimizer.
 *
 * Forward pass: constant and copy propagation with one fold function per op family
 * (fold_add, fold_and, ...): each tries, in order, to produce a constant, to produce a
 * copy, or to simplify. Knowledge about temps is dropped at labels and, for globals,
 * across helper calls that may touch guest state.
 *
 * Backward pass: liveness. Branches only go forward, so live-in at every label is known
 * when a branch to it is met. Dead outputs of pure ops are deleted; writes to globals
 * that are overwritten before being read (dead flag computations, mostly) go too. Every
 * global is live at exits, at helper calls that may read guest state, and at guest
 * memory accesses (a fault there must see exact guest state).
 */
#include "ir/ir.h"

#include <glib.h>
#include <string.h>

typedef struct TempState {
    uint32_t epoch;   /* knowledge below is valid only if epoch == opt->epoch */
    uint32_t version; /* bumped on every write */
    bool is_const;
    uint64_t val;
    IRTemp copy_of;       /* == self when not a copy */
    uint32_t copy_version; /* version of copy_of when the copy was made */
} TempState;

/* A value stored to env by stenv, for forwarding to a later ldenv of the same bytes. */
typedef struct EnvVal {
    int32_t off;
    uint8_t size;
    IRTemp t;
    uint32_t version; /* of t when stored */
} EnvVal;

#define MAX_ENV_VALS 16

typedef struct Opt {
    IRFunc *f;
    TempState *ts;
    uint32_t epoch;
    EnvVal env[MAX_ENV_VALS];
    unsigned nb_env;
} Opt;

static TempState *ts_get(Opt *o, IRTemp t)
{
    TempState *s = &o->ts[t];
    if (s->epoch != o->epoch) {
        s->epoch = o->epoch;
        s->is_const = false;
        s->copy_of = t;
    }
    return s;
}

static bool is_const(Opt *o, IRTemp t, uint64_t *v)
{
    TempState *s = ts_get(o, t);
    if (s->is_const && v) {
        *v = s->val;
    }
    return s->is_const;
}

static void set_written(Opt *o, IRTemp t)
{
    TempState *s = ts_get(o, t);
    s->version++;
    s->is_const = false;
    s->copy_of = t;
}

static void set_const(Opt *o, IRTemp t, uint64_t v)
{
    set_written(o, t);
    o->ts[t].is_const = true;
    o->ts[t].val = v;
}

static void set_copy(Opt *o, IRTemp d, IRTemp src)
{
    uint64_t v;
    if (is_const(o, src, &v)) {
        set_const(o, d, v);
        return;
    }
    set_written(o, d);
    if (d != src) {
        o->ts[d].copy_of = src;
        o->ts[d].copy_version = ts_get(o, src)->version;
    }
}

/* The oldest valid source of a copy chain. */
static IRTemp resolve(Opt *o, IRTemp t)
{
    TempState *s = ts_get(o, t);
    if (s->copy_of != t && ts_get(o, s->copy_of)->version == s->copy_version &&
        o->f->temps[s->copy_of].type == o->f->temps[t].type) {
        return s->copy_of;
    }
    return t;
}

static void forget_globals(Opt *o)
{
    for (IRTemp t = 0; t < o->f->nb_globals; t++) {
        set_written(o, t);
    }
}

/* Rewrites insn i into `movi d, v` / `mov d, s`. */
static void make_movi(IRInsn *i, bool is64, uint64_t v)
{
    uint64_t d = i->args[0];
    memset(i, 0, sizeof(*i));
    i->op = is64 ? IR_OP_movi_i64 : IR_OP_movi_i32;
    i->nb_out = 1;
    i->nb_cst = 1;
    i->args[0] = d;
    i->args[1] = is64 ? v : (uint32_t)v;
}

static void make_mov(IRInsn *i, bool is64, IRTemp s)
{
    uint64_t d = i->args[0];
    memset(i, 0, sizeof(*i));
    i->op = is64 ? IR_OP_mov_i64 : IR_OP_mov_i32;
    i->nb_out = 1;
    i->nb_in = 1;
    i->args[0] = d;
    i->args[1] = s;
}

static void make_nop(IRInsn *i)
{
    memset(i, 0, sizeof(*i));
    i->op = IR_OP_insn_start; /* removed by the compaction at the end */
    i->nb_cst = 1;
    i->args[0] = UINT64_MAX;
}

/* Constant evaluation of a pure op with known inputs. */
static bool eval_op(const IRInsn *i, const uint64_t *in, uint64_t *out)
{
    uint32_t a = in[0], b = in[1];
    uint64_t qa = in[0], qb = in[1];
    switch (i->op) {
    case IR_OP_add_i32: *out = (uint32_t)(a + b); return true;
    case IR_OP_sub_i32: *out = (uint32_t)(a - b); return true;
    case IR_OP_mul_i32: *out = (uint32_t)(a * b); return true;
    case IR_OP_and_i32: *out = a & b; return true;
    case IR_OP_or_i32: *out = a | b; return true;
    case IR_OP_xor_i32: *out = a ^ b; return true;
    case IR_OP_andc_i32: *out = a & ~b; return true;
    case IR_OP_addv_i32: *out = ir_addv32(a, b); return true;
    case IR_OP_subv_i32: *out = ir_subv32(a, b); return true;
    case IR_OP_shl_i32: *out = (uint32_t)(a << (b & 31)); return true;
    case IR_OP_shr_i32: *out = a >> (b & 31); return true;
    case IR_OP_sar_i32: *out = (uint32_t)((int32_t)a >> (b & 31)); return true;
    case IR_OP_rotr_i32: *out = (b & 31) ? (uint32_t)((a >> (b & 31)) | (a << (32 - (b & 31)))) : a;
        return true;
    case IR_OP_neg_i32: *out = (uint32_t)-a; return true;
    case IR_OP_not_i32: *out = (uint32_t)~a; return true;
    case IR_OP_ext8s_i32: *out = (uint32_t)(int8_t)a; return true;
    case IR_OP_ext8u_i32: *out = (uint8_t)a; return true;
    case IR_OP_ext16s_i32: *out = (uint32_t)(int16_t)a; return true;
    case IR_OP_ext16u_i32: *out = (uint16_t)a; return true;
    case IR_OP_bswap32_i32: *out = __builtin_bswap32(a); return true;
    case IR_OP_clz_i32: *out = a ? __builtin_clz(a) : 32; return true;
    case IR_OP_ctz_i32: *out = a ? __builtin_ctz(a) : 32; return true;
    case IR_OP_extract_i32: {
        unsigned pos = i->args[2], len = i->args[3];
        *out = len >= 32 ? a >> pos : (a >> pos) & ((1u << len) - 1);
        return true;
    }
    case IR_OP_setcond_i32: *out = ir_cond_eval32(i->args[3], a, b); return true;
    case IR_OP_add_i64: *out = qa + qb; return true;
    case IR_OP_sub_i64: *out = qa - qb; return true;
    case IR_OP_mul_i64: *out = qa * qb; return true;
    case IR_OP_and_i64: *out = qa & qb; return true;
    case IR_OP_or_i64: *out = qa | qb; return true;
    case IR_OP_xor_i64: *out = qa ^ qb; return true;
    case IR_OP_shl_i64: *out = qa << (qb & 63); return true;
    case IR_OP_shr_i64: *out = qa >> (qb & 63); return true;
    case IR_OP_sar_i64: *out = (uint64_t)((int64_t)qa >> (qb & 63)); return true;
    case IR_OP_neg_i64: *out = -qa; return true;
    case IR_OP_ext_i32_i64: *out = (uint64_t)(int64_t)(int32_t)a; return true;
    case IR_OP_extu_i32_i64: *out = a; return true;
    case IR_OP_extrl_i64_i32: *out = (uint32_t)qa; return true;
    case IR_OP_extrh_i64_i32: *out = (uint32_t)(qa >> 32); return true;
    case IR_OP_concat_i32_i64: *out = a | ((uint64_t)b << 32); return true;
    case IR_OP_setcond_i64: *out = ir_cond_eval64(i->args[3], qa, qb); return true;
    default: return false;
    }
}

/* ---- Folds: identities once at least one input is known ---- */

static bool fold_add_sub_or_xor(Opt *o, IRInsn *i, bool is64)
{
    uint64_t v;
    IRTemp a = i->args[1], b = i->args[2];
    if (is_const(o, b, &v) && v == 0) {
        make_mov(i, is64, a);
        return true;
    }
    bool commutative = i->op != IR_OP_sub_i32 && i->op != IR_OP_sub_i64;
    if (commutative && is_const(o, a, &v) && v == 0) {
        make_mov(i, is64, b);
        return true;
    }
    if (a == b && (i->op == IR_OP_sub_i32 || i->op == IR_OP_sub_i64 ||
                   i->op == IR_OP_xor_i32 || i->op == IR_OP_xor_i64)) {
        make_movi(i, is64, 0);
        return true;
    }
    return false;
}

static bool fold_and(Opt *o, IRInsn *i, bool is64)
{
    uint64_t v, ones = is64 ? UINT64_MAX : UINT32_MAX;
    IRTemp a = i->args[1], b = i->args[2];
    for (int k = 0; k < 2; k++) {
        IRTemp c = k ? a : b, other = k ? b : a;
        if (is_const(o, c, &v)) {
            if (v == 0) {
                make_movi(i, is64, 0);
                return true;
            }
            if (v == ones) {
                make_mov(i, is64, other);
                return true;
            }
        }
    }
    if (a == b) {
        make_mov(i, is64, a);
        return true;
    }
    return false;
}

static bool fold_mul(Opt *o, IRInsn *i, bool is64)
{
    uint64_t v;
    for (int k = 1; k <= 2; k++) {
        if (is_const(o, i->args[k], &v)) {
            if (v == 0) {
                make_movi(i, is64, 0);
                return true;
            }
            if (v == 1) {
                make_mov(i, is64, i->args[3 - k]);
                return true;
            }
        }
    }
    return false;
}

static bool fold_shift(Opt *o, IRInsn *i, bool is64)
{
    uint64_t v;
    if (is_const(o, i->args[2], &v) && (v & (is64 ? 63 : 31)) == 0) {
        make_mov(i, is64, i->args[1]);
        return true;
    }
    if (is_const(o, i->args[1], &v) && v == 0) {
        make_movi(i, is64, 0);
        return true;
    }
    return false;
}

static bool fold_movcond(Opt *o, IRInsn *i)
{
    uint64_t a, b;
    if (is_const(o, i->args[1], &a) && is_const(o, i->args[2], &b)) {
        make_mov(i, false, ir_cond_eval32(i->args[5], a, b) ? i->args[3] : i->args[4]);
        return true;
    }
    if (i->args[3] == i->args[4]) {
        make_mov(i, false, i->args[3]);
        return true;
    }
    return false;
}

static bool fold_brcond(Opt *o, IRInsn *i)
{
    uint64_t a, b;
    if (is_const(o, i->args[0], &a) && is_const(o, i->args[1], &b)) {
        if (ir_cond_eval32(i->args[2], a, b)) {
            IRLabel l = i->args[3];
            memset(i, 0, sizeof(*i));
            i->op = IR_OP_br;
            i->nb_cst = 1;
            i->args[0] = l;
        } else {
            make_nop(i);
        }
        return true;
    }
    return false;
}

/* Drops the entries of v[0..*n) overlapping [off, off + size). */
static void env_ranges_forget(EnvVal *v, unsigned *n, int32_t off, int size)
{
    unsigned m = 0;
    for (unsigned k = 0; k < *n; k++) {
        if (v[k].off >= off + size || off >= v[k].off + v[k].size) {
            v[m++] = v[k];
        }
    }
    *n = m;
}

static void env_forget(Opt *o, int32_t off, int size)
{
    env_ranges_forget(o->env, &o->nb_env, off, size);
}

/* A helper that may read or write env beyond the globals it is told about. */
static bool helper_uses_env(const IRHelper *h)
{
    bool env = !(h->flags & IRH_NO_GLOBALS);
    for (unsigned a = 0; a < h->nb_args; a++) {
        env |= h->args[a] == IRH_ENV;
    }
    return env;
}

/*
 * stenv/ldenv forwarding (VFP registers live in env, not in globals): an ldenv of bytes
 * a stenv in the same block wrote becomes a copy of the stored temp. Helpers taking env
 * may write it: an FP helper only its control/status register, any other anything.
 */
static void env_track(Opt *o, IRInsn *i, bool is64)
{
    IRFunc *f = o->f;
    int size = is64 ? 8 : 4;
    switch (i->op) {
    case IR_OP_stenv_i32:
    case IR_OP_stenv_i64: {
        int32_t off = (int32_t)ir_insn_cst(i, 0);
        env_forget(o, off, size);
        if (o->nb_env < MAX_ENV_VALS) {
            IRTemp t = (IRTemp)i->args[0];
            o->env[o->nb_env++] = (EnvVal){ off, (uint8_t)size, t, ts_get(o, t)->version };
        }
        break;
    }
    case IR_OP_ldenv_i32:
    case IR_OP_ldenv_i64: {
        int32_t off = (int32_t)ir_insn_cst(i, 0);
        for (unsigned k = 0; k < o->nb_env; k++) {
            const EnvVal *e = &o->env[k];
            if (e->off == off && e->size == size && ts_get(o, e->t)->version == e->version &&
                f->temps[e->t].type == f->temps[i->args[0]].type) {
                make_mov(i, is64, e->t);
                break;
            }
        }
        break;
    }
    case IR_OP_call: {
        const IRHelper *h = (const IRHelper *)(uintptr_t)ir_insn_cst(i, 0);
        bool env = helper_uses_env(h);
        if (env && h->fp) {
            env_forget(o, h->fp->csr_off, 4);
        } else if (env) {
            o->nb_env = 0;
        }
        break;
    }
    default:
        break;
    }
}

static void forward_pass(Opt *o)
{
    IRFunc *f = o->f;
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        IRInsn *i = &f->insns[k];
        const IROpDef *d = &ir_op_defs[i->op];
        bool is64 = (d->flags & IRF_I64) != 0;

        if (i->op == IR_OP_set_label) {
            o->epoch++; /* values reaching a label from a branch are not tracked */
            o->nb_env = 0;
            continue;
        }
        /* Copy propagation into inputs. */
        for (unsigned a = i->nb_out; a < (unsigned)(i->nb_out + i->nb_in); a++) {
            i->args[a] = resolve(o, i->args[a]);
        }
        env_track(o, i, is64);
        switch (i->op) {
        case IR_OP_brcond_i32:
            fold_brcond(o, i);
            continue;
        case IR_OP_call: {
            IRHelper *h = (IRHelper *)(uintptr_t)ir_insn_cst(i, 0);
            if (!(h->flags & IRH_NO_GLOBALS)) {
                forget_globals(o);
            }
            break;
        }
        case IR_OP_add_i32: case IR_OP_sub_i32: case IR_OP_or_i32: case IR_OP_xor_i32:
        case IR_OP_add_i64: case IR_OP_sub_i64: case IR_OP_or_i64: case IR_OP_xor_i64:
            fold_add_sub_or_xor(o, i, is64);
            break;
        case IR_OP_and_i32: case IR_OP_and_i64:
            fold_and(o, i, is64);
            break;
        case IR_OP_mul_i32: case IR_OP_mul_i64:
            fold_mul(o, i, is64);
            break;
        case IR_OP_shl_i32: case IR_OP_shr_i32: case IR_OP_sar_i32: case IR_OP_rotr_i32:
        case IR_OP_shl_i64: case IR_OP_shr_i64: case IR_OP_sar_i64:
            fold_shift(o, i, is64);
            break;
        case IR_OP_movcond_i32:
            fold_movcond(o, i);
            break;
        case IR_OP_setcond_i32: {
            /* x >=u 0 is always true, x <u 0 never (ARM's C flag after CMP #0). */
            uint64_t v;
            IRCond c = (IRCond)i->args[3];
            if ((c == IR_COND_GEU || c == IR_COND_LTU) && is_const(o, i->args[2], &v) && !v) {
                make_movi(i, false, c == IR_COND_GEU);
            }
            break;
        }
        default:
            break;
        }
        d = &ir_op_defs[i->op]; /* a fold may have changed the op */
        /* Full constant folding. */
        if (i->nb_out == 1 && i->nb_in > 0 && !(d->flags & (IRF_SIDE | IRF_MEM | IRF_CALL))) {
            uint64_t in[4] = { 0 }, v;
            bool all = i->nb_in <= 4;
            for (unsigned a = 0; all && a < i->nb_in; a++) {
                all = is_const(o, i->args[1 + a], &in[a]);
            }
            if (all && eval_op(i, in, &v)) {
                bool out64 = f->temps[i->args[0]].type == IR_I64;
                make_movi(i, out64, v);
                d = &ir_op_defs[i->op];
            }
        }
        /* Record what the outputs now hold. */
        switch (i->op) {
        case IR_OP_movi_i32:
        case IR_OP_movi_i64:
            set_const(o, i->args[0], i->args[1]);
            break;
        case IR_OP_mov_i32:
        case IR_OP_mov_i64: {
            uint64_t v;
            if (i->args[0] == i->args[1]) {
                make_nop(i);
            } else if (is_const(o, i->args[1], &v)) {
                make_movi(i, i->op == IR_OP_mov_i64, v); /* lets the source die */
                set_const(o, i->args[0], v);
            } else if (i->args[0] < f->nb_globals && i->args[1] >= f->nb_globals) {
                /*
                 * `mov global, tmp`: later reads of tmp read the global instead, so tmp
                 * dies here and the JIT hands its register to the global.
                 */
                IRTemp g = (IRTemp)i->args[0], t = (IRTemp)i->args[1];
                set_written(o, g);
                TempState *st = ts_get(o, t);
                if (st->copy_of == t && f->temps[g].type == f->temps[t].type) {
                    st->copy_of = g;
                    st->copy_version = o->ts[g].version;
                }
            } else {
                set_copy(o, i->args[0], i->args[1]);
            }
            break;
        }
        default:
            for (unsigned a = 0; a < i->nb_out; a++) {
                set_written(o, i->args[a]);
            }
        }
    }
}

/* ---- Liveness ---- */

typedef uint64_t Word;
#define WBITS 64

static inline void bs_set(Word *s, uint32_t t) { s[t / WBITS] |= (Word)1 << (t % WBITS); }
static inline void bs_clr(Word *s, uint32_t t) { s[t / WBITS] &= ~((Word)1 << (t % WBITS)); }
static inline bool bs_test(const Word *s, uint32_t t) { return (s[t / WBITS] >> (t % WBITS)) & 1; }

static void set_globals_live(Word *live, uint32_t nb_globals)
{
    for (uint32_t t = 0; t < nb_globals; t++) {
        bs_set(live, t);
    }
}

/*
 * Dead env stores (backward): env ranges that a later stenv overwrites before anything
 * can read them. Reads are ldenv, exits and branches (the other side is not tracked),
 * guest memory accesses (a fault must see exact state) and helpers taking env (an FP
 * helper reads only its control/status register).
 */
typedef struct EnvKill {
    EnvVal r[MAX_ENV_VALS]; /* ranges only (.t unused) */
    unsigned n;
} EnvKill;

static void kill_read(EnvKill *k, int32_t off, int size)
{
    env_ranges_forget(k->r, &k->n, off, size);
}

/* True if the stenv i is dead; otherwise records it. */
static bool kill_store(EnvKill *k, const IRInsn *i, int size)
{
    int32_t off = (int32_t)ir_insn_cst(i, 0);
    for (unsigned j = 0; j < k->n; j++) {
        if (k->r[j].off <= off && off + size <= k->r[j].off + k->r[j].size) {
            return true;
        }
    }
    if (k->n < MAX_ENV_VALS) {
        k->r[k->n++] = (EnvVal){ .off = off, .size = (uint8_t)size };
    }
    return false;
}

static void backward_pass(IRFunc *f)
{
    EnvKill ek = { .n = 0 };
    uint32_t words = (f->nb_temps + WBITS - 1) / WBITS;
    Word *live = g_new0(Word, words);
    Word *at_label = g_new0(Word, (size_t)words * (f->nb_labels + 1));
    set_globals_live(live, f->nb_globals);

    for (uint32_t k = f->nb_insns; k-- > 0;) {
        IRInsn *i = &f->insns[k];
        const IROpDef *d = &ir_op_defs[i->op];
        switch (i->op) {
        case IR_OP_stenv_i32:
        case IR_OP_stenv_i64:
            if (kill_store(&ek, i, i->op == IR_OP_stenv_i64 ? 8 : 4)) {
                make_nop(i);
                continue;
            }
            break;
        case IR_OP_ldenv_i32:
        case IR_OP_ldenv_i64:
            kill_read(&ek, (int32_t)ir_insn_cst(i, 0), i->op == IR_OP_ldenv_i64 ? 8 : 4);
            break;
        case IR_OP_call: {
            const IRHelper *h = (const IRHelper *)(uintptr_t)ir_insn_cst(i, 0);
            if (h->fp) {
                kill_read(&ek, h->fp->csr_off, 4);
            } else if (helper_uses_env(h)) {
                ek.n = 0;
            }
            break;
        }
        default:
            if (d->flags & (IRF_MEM | IRF_BB_END)) {
                ek.n = 0;
            }
            break;
        }
        switch (i->op) {
        case IR_OP_exit_tb:
            memset(live, 0, words * sizeof(Word));
            set_globals_live(live, f->nb_globals);
            continue;
        case IR_OP_set_label:
            memcpy(&at_label[(size_t)words * i->args[0]], live, words * sizeof(Word));
            continue;
        case IR_OP_br:
            memcpy(live, &at_label[(size_t)words * i->args[0]], words * sizeof(Word));
            continue;
        case IR_OP_brcond_i32: {
            const Word *l = &at_label[(size_t)words * i->args[3]];
            for (uint32_t w = 0; w < words; w++) {
                live[w] |= l[w];
            }
            break;
        }
        default:
            break;
        }
        bool removable = !(d->flags & (IRF_SIDE | IRF_MEM)) && i->nb_out > 0;
        if (i->op == IR_OP_call) {
            IRHelper *h = (IRHelper *)(uintptr_t)ir_insn_cst(i, 0);
            removable = (h->flags & IRH_PURE) && i->nb_out > 0;
        }
        if (removable) {
            bool any = false;
            for (unsigned a = 0; a < i->nb_out; a++) {
                any |= bs_test(live, i->args[a]);
            }
            if (!any) {
                make_nop(i);
                continue;
            }
        }
        for (unsigned a = 0; a < i->nb_out; a++) {
            bs_clr(live, i->args[a]);
        }
        if (d->flags & IRF_MEM) {
            set_globals_live(live, f->nb_globals);
        }
        if (i->op == IR_OP_call) {
            IRHelper *h = (IRHelper *)(uintptr_t)ir_insn_cst(i, 0);
            if (!(h->flags & IRH_NO_GLOBALS)) {
                set_globals_live(live, f->nb_globals);
            }
        }
        for (unsigned a = i->nb_out; a < (unsigned)(i->nb_out + i->nb_in); a++) {
            bs_set(live, i->args[a]);
        }
    }
    g_free(live);
    g_free(at_label);
}

/* Drops the nops left by the passes (insn_start with an impossible pc). */
static void compact(IRFunc *f)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        IRInsn *i = &f->insns[k];
        if (i->op == IR_OP_insn_start && i->args[0] == UINT64_MAX) {
            continue;
        }
        f->insns[n++] = *i;
    }
    f->nb_insns = n;
}

/*
 * `op tmp, ...; mov global, tmp` with tmp used only by the mov becomes `op global, ...`:
 * the JIT then computes in place (`xor r6, r6, t` needs no copy of r6) instead of
 * allocating a register for tmp. Only adjacent pairs, so no other insn (a fault, a
 * helper) can see the global early.
 */
static void coalesce_movs(IRFunc *f)
{
    uint32_t *uses = g_new0(uint32_t, f->nb_temps);
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        const IRInsn *i = &f->insns[k];
        for (unsigned a = i->nb_out; a < (unsigned)(i->nb_out + i->nb_in); a++) {
            uses[i->args[a]]++;
        }
    }
    IRInsn *prev = NULL;
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        IRInsn *i = &f->insns[k];
        if (i->op == IR_OP_insn_start && i->args[0] == UINT64_MAX) {
            continue; /* a nop */
        }
        if ((i->op == IR_OP_mov_i32 || i->op == IR_OP_mov_i64) && prev &&
            i->args[0] < f->nb_globals && i->args[1] >= f->nb_globals && uses[i->args[1]] == 1 &&
            prev->nb_out == 1 && prev->args[0] == i->args[1] &&
            !(ir_op_defs[prev->op].flags & (IRF_SIDE | IRF_CALL)) &&
            f->temps[i->args[0]].type == f->temps[i->args[1]].type) {
            prev->args[0] = i->args[0];
            make_nop(i);
            continue;
        }
        prev = i;
    }
    g_free(uses);
}

void ir_optimize(IRFunc *f)
{
    Opt o = { .f = f, .epoch = 1 };
    o.ts = g_new0(TempState, f->nb_temps);
    forward_pass(&o);
    g_free(o.ts);
    backward_pass(f);
    coalesce_movs(f);
    compact(f);
}
