/*
 * IR containers: the op table, global registration, temp/label allocation, emission,
 * printing for -d op/op_opt, and the verifier.
 */
#include "ir/ir.h"

#include <glib.h>
#include <inttypes.h>
#include <string.h>

bool (*ir_vec_supported)(const IRVecDesc *v);

const IROpDef ir_op_defs[IR_OP_COUNT] = {
#define IR_OP(n, o, i, c, f) [IR_OP_##n] = { #n, o, i, c, f },
#include "ir_ops.def"
#undef IR_OP
};

/* ---- Conditions ---- */

static const char *const cond_names[] = {
    "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu",
    "tsteq", "tstne", "always", "never",
};

const char *ir_cond_name(IRCond c)
{
    return (unsigned)c < G_N_ELEMENTS(cond_names) ? cond_names[c] : "?";
}

IRCond ir_cond_invert(IRCond c)
{
    static const IRCond inv[] = {
        [IR_COND_EQ] = IR_COND_NE, [IR_COND_NE] = IR_COND_EQ,
        [IR_COND_LT] = IR_COND_GE, [IR_COND_GE] = IR_COND_LT,
        [IR_COND_LE] = IR_COND_GT, [IR_COND_GT] = IR_COND_LE,
        [IR_COND_LTU] = IR_COND_GEU, [IR_COND_GEU] = IR_COND_LTU,
        [IR_COND_LEU] = IR_COND_GTU, [IR_COND_GTU] = IR_COND_LEU,
        [IR_COND_TSTEQ] = IR_COND_TSTNE, [IR_COND_TSTNE] = IR_COND_TSTEQ,
        [IR_COND_ALWAYS] = IR_COND_NEVER, [IR_COND_NEVER] = IR_COND_ALWAYS,
    };
    return inv[c];
}

bool ir_cond_eval32(IRCond c, uint32_t a, uint32_t b)
{
    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return (int32_t)a < (int32_t)b;
    case IR_COND_GE: return (int32_t)a >= (int32_t)b;
    case IR_COND_LE: return (int32_t)a <= (int32_t)b;
    case IR_COND_GT: return (int32_t)a > (int32_t)b;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_TSTEQ: return (a & b) == 0;
    case IR_COND_TSTNE: return (a & b) != 0;
    case IR_COND_ALWAYS: return true;
    case IR_COND_NEVER: return false;
    }
    g_assert_not_reached();
}

bool ir_cond_eval64(IRCond c, uint64_t a, uint64_t b)
{
    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return (int64_t)a < (int64_t)b;
    case IR_COND_GE: return (int64_t)a >= (int64_t)b;
    case IR_COND_LE: return (int64_t)a <= (int64_t)b;
    case IR_COND_GT: return (int64_t)a > (int64_t)b;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_TSTEQ: return (a & b) == 0;
    case IR_COND_TSTNE: return (a & b) != 0;
    case IR_COND_ALWAYS: return true;
    case IR_COND_NEVER: return false;
    }
    g_assert_not_reached();
}

/* ---- Globals (process-wide, registered at start-up before any translation) ---- */

static IRTempInfo global_temps[64];
static uint32_t nb_global_temps;

IRTemp ir_global_register(IRType type, int32_t env_off, const char *name)
{
    g_assert(nb_global_temps < G_N_ELEMENTS(global_temps));
    global_temps[nb_global_temps] = (IRTempInfo){
        .type = type, .is_global = 1, .env_off = env_off, .name = name,
    };
    return nb_global_temps++;
}

uint32_t ir_global_count(void)
{
    return nb_global_temps;
}

const IRTempInfo *ir_global_info(IRTemp t)
{
    g_assert(t < nb_global_temps);
    return &global_temps[t];
}

/* ---- Functions ---- */

void ir_func_init(IRFunc *f)
{
    memset(f, 0, sizeof(*f));
    f->cap_insns = 256;
    f->insns = g_new(IRInsn, f->cap_insns);
    f->cap_temps = 256 > nb_global_temps ? 256 : nb_global_temps * 2;
    f->temps = g_new(IRTempInfo, f->cap_temps);
    memcpy(f->temps, global_temps, nb_global_temps * sizeof(IRTempInfo));
    f->nb_temps = f->nb_globals = nb_global_temps;
    f->loop_slot = -1;
}

void ir_func_free(IRFunc *f)
{
    g_free(f->insns);
    g_free(f->temps);
    memset(f, 0, sizeof(*f));
}

IRTemp ir_new_temp(IRFunc *f, IRType type)
{
    if (f->nb_temps == f->cap_temps) {
        f->cap_temps *= 2;
        f->temps = g_renew(IRTempInfo, f->temps, f->cap_temps);
    }
    f->temps[f->nb_temps] = (IRTempInfo){ .type = type };
    return f->nb_temps++;
}

IRLabel ir_new_label(IRFunc *f)
{
    return f->nb_labels++;
}

IRInsn *ir_emit(IRFunc *f, IROpcode op)
{
    if (f->nb_insns == f->cap_insns) {
        f->cap_insns *= 2;
        f->insns = g_renew(IRInsn, f->insns, f->cap_insns);
    }
    IRInsn *i = &f->insns[f->nb_insns++];
    memset(i, 0, sizeof(*i));
    i->op = op;
    i->nb_out = ir_op_defs[op].nb_out;
    i->nb_in = ir_op_defs[op].nb_in;
    i->nb_cst = ir_op_defs[op].nb_cst;
    return i;
}

void ir_call(IRFunc *f, IRHelper *h, IRTemp ret, const IRTemp *args, unsigned nb)
{
    unsigned want = 0;
    for (unsigned k = 0; k < h->nb_args; k++) {
        want += h->args[k] != IRH_ENV;
    }
    g_assert(nb == want);
    IRInsn *i = ir_emit(f, IR_OP_call);
    unsigned n = 0;
    i->nb_out = h->ret != IRH_VOID;
    if (i->nb_out) {
        i->args[n++] = ret;
    }
    g_assert(nb + i->nb_out + 1 <= IR_MAX_ARGS);
    for (unsigned k = 0; k < nb; k++) {
        i->args[n++] = args[k];
    }
    i->nb_in = nb;
    i->nb_cst = 1;
    i->args[n] = (uintptr_t)h;
}

/* ---- Printing ---- */

static void print_temp(const IRFunc *f, FILE *out, IRTemp t)
{
    if (t < f->nb_globals) {
        fprintf(out, "%s", f->temps[t].name);
    } else {
        fprintf(out, "%s%u", f->temps[t].type == IR_I64 ? "q" : "t", t - f->nb_globals);
    }
}

static void print_insn(const IRFunc *f, FILE *out, const IRInsn *i)
{
    const IROpDef *d = &ir_op_defs[i->op];
    if (i->op == IR_OP_insn_start) {
        fprintf(out, " ---- %08" PRIx64 "\n", i->args[0]);
        return;
    }
    if (i->op == IR_OP_set_label) {
        fprintf(out, " L%" PRIu64 ":\n", i->args[0]);
        return;
    }
    fprintf(out, "  %-14s", i->op == IR_OP_call ? "call" : d->name);
    unsigned n = 0, total = i->nb_out + i->nb_in;
    for (; n < total; n++) {
        fprintf(out, "%s", n ? ", " : " ");
        print_temp(f, out, (IRTemp)i->args[n]);
    }
    const char *sep = total ? ", " : " ";
    switch (i->op) {
    case IR_OP_call:
        fprintf(out, "%s%s", sep, ((IRHelper *)(uintptr_t)i->args[n])->name);
        break;
    case IR_OP_br:
        fprintf(out, "%sL%" PRIu64, sep, i->args[n]);
        break;
    case IR_OP_brcond_i32:
        fprintf(out, "%s%s, L%" PRIu64, sep, ir_cond_name(i->args[n]), i->args[n + 1]);
        break;
    case IR_OP_setcond_i32:
    case IR_OP_setcond_i64:
    case IR_OP_movcond_i32:
        fprintf(out, "%s%s", sep, ir_cond_name(i->args[n]));
        break;
    case IR_OP_ld_i32:
    case IR_OP_st_i32:
    case IR_OP_ld_i64:
    case IR_OP_st_i64: {
        unsigned mo = i->args[n];
        fprintf(out, "%s%s%u%s", sep, (mo & MO_SIGN) ? "s" : "u", 8u << (mo & MO_SIZE),
                (mo & MO_BSWAP) ? "be" : "");
        break;
    }
    default:
        for (unsigned k = 0; k < i->nb_cst; k++) {
            fprintf(out, "%s0x%" PRIx64, (total || k) ? ", " : " ", i->args[n + k]);
        }
    }
    fputc('\n', out);
}

void ir_print(const IRFunc *f, FILE *out)
{
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        print_insn(f, out, &f->insns[k]);
    }
}

/* ---- Verifier ---- */

static bool verify_fail(FILE *err, const IRFunc *f, uint32_t k, const char *why)
{
    if (err) {
        fprintf(err, "IR verify: insn %u: %s\n", k, why);
        print_insn(f, err, &f->insns[k]);
    }
    return false;
}

static IRType in_type(const IRInsn *i, unsigned k)
{
    switch (i->op) {
    case IR_OP_ext_i32_i64:
    case IR_OP_extu_i32_i64:
    case IR_OP_concat_i32_i64:
        return IR_I32;
    case IR_OP_extrl_i64_i32:
    case IR_OP_extrh_i64_i32:
    case IR_OP_setcond_i64:
        return IR_I64;
    case IR_OP_ld_i64:
        return IR_I32; /* the address */
    case IR_OP_st_i64:
        return k == 0 ? IR_I64 : IR_I32;
    default:
        return (ir_op_defs[i->op].flags & IRF_I64) ? IR_I64 : IR_I32;
    }
}

bool ir_verify(const IRFunc *f, FILE *err)
{
    uint8_t *label_state = g_new0(uint8_t, f->nb_labels + 1); /* 1 used, 2 defined */
    bool ok = true;
    for (uint32_t k = 0; k < f->nb_insns && ok; k++) {
        const IRInsn *i = &f->insns[k];
        if (i->op >= IR_OP_COUNT) {
            ok = verify_fail(err, f, k, "bad opcode");
            break;
        }
        const IROpDef *d = &ir_op_defs[i->op];
        if (!(d->flags & IRF_CALL) &&
            (i->nb_out != d->nb_out || i->nb_in != d->nb_in || i->nb_cst != d->nb_cst)) {
            ok = verify_fail(err, f, k, "arity differs from the op table");
            break;
        }
        for (unsigned a = 0; a < (unsigned)(i->nb_out + i->nb_in); a++) {
            if (i->args[a] >= f->nb_temps) {
                ok = verify_fail(err, f, k, "temp out of range");
                break;
            }
            if (i->op == IR_OP_call) {
                continue;
            }
            IRType want = a < i->nb_out
                ? ((d->flags & IRF_I64) ? IR_I64 : IR_I32)
                : in_type(i, a - i->nb_out);
            if (f->temps[i->args[a]].type != want) {
                ok = verify_fail(err, f, k, "temp type mismatch");
                break;
            }
        }
        if (!ok) {
            break;
        }
        if ((i->op == IR_OP_ld_i32 || i->op == IR_OP_st_i32) &&
            (ir_insn_cst(i, 0) & MO_SIZE) == MO_64) {
            ok = verify_fail(err, f, k, "64-bit memop on a 32-bit load/store");
            break;
        }
        IRLabel l = UINT32_MAX;
        if (i->op == IR_OP_br || i->op == IR_OP_set_label) {
            l = i->args[0];
        } else if (i->op == IR_OP_brcond_i32) {
            l = i->args[3];
        }
        if (l != UINT32_MAX) {
            if (l >= f->nb_labels) {
                ok = verify_fail(err, f, k, "label out of range");
            } else if (i->op == IR_OP_set_label) {
                if (label_state[l] & 2) {
                    ok = verify_fail(err, f, k, "label defined twice");
                }
                label_state[l] |= 2;
            } else if (label_state[l] & 2) {
                ok = verify_fail(err, f, k, "backward branch");
            } else {
                label_state[l] |= 1;
            }
        }
    }
    for (uint32_t l = 0; ok && l < f->nb_labels; l++) {
        if (label_state[l] == 1) {
            if (err) {
                fprintf(err, "IR verify: label L%u used but never defined\n", l);
            }
            ok = false;
        }
    }
    if (ok && (f->nb_insns == 0 || (f->insns[f->nb_insns - 1].op != IR_OP_exit_tb &&
                                     f->insns[f->nb_insns - 1].op != IR_OP_br))) {
        if (err) {
            fprintf(err, "IR verify: the TB does not end with exit_tb\n");
        }
        ok = false;
    }
    g_free(label_state);
    return ok;
}
