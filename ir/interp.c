/*
 * IR interpreter. See interp.h for the prepared form. Helpers are called through
 * libffi with a call descriptor built once per helper.
 */
#include "ir/interp.h"

#include <ffi.h>
#include <glib.h>
#include <string.h>

#include "softmmu/mmu.h"

IRProg *ir_interp_prepare(const IRFunc *f, uint32_t scratch_off)
{
    IRProg *p = g_malloc(sizeof(IRProg) + f->nb_insns * sizeof(IRInsn));
    uint32_t *label_pos = g_new0(uint32_t, f->nb_labels + 1);
    uint32_t n = 0;
    /* Labels become the index of the next real insn; set_label itself is dropped. */
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        if (f->insns[k].op == IR_OP_set_label) {
            label_pos[f->insns[k].args[0]] = n;
        } else {
            n++;
        }
    }
    n = 0;
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        const IRInsn *src = &f->insns[k];
        if (src->op == IR_OP_set_label) {
            continue;
        }
        IRInsn *d = &p->insns[n++];
        *d = *src;
        for (unsigned a = 0; a < (unsigned)(src->nb_out + src->nb_in); a++) {
            IRTemp t = (IRTemp)src->args[a];
            d->args[a] = t < f->nb_globals ? (uint64_t)f->temps[t].env_off
                                           : scratch_off + 8ull * (t - f->nb_globals);
        }
        unsigned c = src->nb_out + src->nb_in;
        if (src->op == IR_OP_br) {
            d->args[c] = label_pos[src->args[c]];
        } else if (src->op == IR_OP_brcond_i32) {
            d->args[c + 1] = label_pos[src->args[c + 1]];
        }
    }
    p->nb_insns = n;
    p->frame_size = 8 * (f->nb_temps - f->nb_globals);
    g_assert(p->frame_size <= IR_INTERP_SCRATCH);
    g_free(label_pos);
    return p;
}

/* ---- libffi helper calls ---- */

typedef struct HelperFFI {
    ffi_cif cif;
    ffi_type *types[IR_MAX_HELPER_ARGS];
} HelperFFI;

static ffi_type *kind_type(uint8_t k)
{
    switch (k) {
    case IRH_VOID: return &ffi_type_void;
    case IRH_I32: return &ffi_type_uint32;
    case IRH_I64: return &ffi_type_uint64;
    case IRH_ENV: return &ffi_type_pointer;
    }
    g_assert_not_reached();
}

static HelperFFI *helper_ffi(IRHelper *h)
{
    HelperFFI *hf = __atomic_load_n((HelperFFI **)&h->ffi, __ATOMIC_ACQUIRE);
    if (hf) {
        return hf;
    }
    hf = g_new0(HelperFFI, 1);
    for (unsigned k = 0; k < h->nb_args; k++) {
        hf->types[k] = kind_type(h->args[k]);
    }
    if (ffi_prep_cif(&hf->cif, FFI_DEFAULT_ABI, h->nb_args, kind_type(h->ret), hf->types)
        != FFI_OK) {
        g_error("libffi: cannot prepare a call to helper %s", h->name);
    }
    HelperFFI *expected = NULL;
    if (!__atomic_compare_exchange_n((HelperFFI **)&h->ffi, &expected, hf, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        g_free(hf); /* another thread won */
        hf = expected;
    }
    return hf;
}

uint64_t ir_helper_invoke(IRHelper *h, void *env, const uint64_t *vals)
{
    HelperFFI *hf = helper_ffi(h);
    uint32_t v32[IR_MAX_HELPER_ARGS];
    uint64_t v64[IR_MAX_HELPER_ARGS];
    void *envp = env;
    void *argp[IR_MAX_HELPER_ARGS];
    unsigned n = 0;
    for (unsigned k = 0; k < h->nb_args; k++) {
        switch (h->args[k]) {
        case IRH_ENV:
            argp[k] = &envp;
            break;
        case IRH_I32:
            v32[k] = (uint32_t)vals[n++];
            argp[k] = &v32[k];
            break;
        default:
            v64[k] = vals[n++];
            argp[k] = &v64[k];
            break;
        }
    }
    ffi_arg ret = 0;
    ffi_call(&hf->cif, FFI_FN(h->fn), &ret, argp);
    return h->ret == IRH_I32 ? (uint32_t)ret : (uint64_t)ret;
}

/* ---- Guest memory ---- */

static inline uint64_t mem_load(uint32_t addr, unsigned mo)
{
    void *p = g2h(addr);
    uint64_t v;
    switch (mo & MO_SIZE) {
    case MO_8: {
        uint8_t x;
        memcpy(&x, p, 1);
        return (mo & MO_SIGN) ? (uint64_t)(int64_t)(int8_t)x : x;
    }
    case MO_16: {
        uint16_t x;
        memcpy(&x, p, 2);
        if (mo & MO_BSWAP) {
            x = __builtin_bswap16(x);
        }
        return (mo & MO_SIGN) ? (uint64_t)(int64_t)(int16_t)x : x;
    }
    case MO_32: {
        uint32_t x;
        memcpy(&x, p, 4);
        if (mo & MO_BSWAP) {
            x = __builtin_bswap32(x);
        }
        return (mo & MO_SIGN) ? (uint64_t)(int64_t)(int32_t)x : x;
    }
    default:
        memcpy(&v, p, 8);
        return (mo & MO_BSWAP) ? __builtin_bswap64(v) : v;
    }
}

static inline void mem_store(uint32_t addr, uint64_t v, unsigned mo)
{
    void *p = g2h(addr);
    switch (mo & MO_SIZE) {
    case MO_8: {
        uint8_t x = v;
        memcpy(p, &x, 1);
        break;
    }
    case MO_16: {
        uint16_t x = v;
        if (mo & MO_BSWAP) {
            x = __builtin_bswap16(x);
        }
        memcpy(p, &x, 2);
        break;
    }
    case MO_32: {
        uint32_t x = v;
        if (mo & MO_BSWAP) {
            x = __builtin_bswap32(x);
        }
        memcpy(p, &x, 4);
        break;
    }
    default:
        if (mo & MO_BSWAP) {
            v = __builtin_bswap64(v);
        }
        memcpy(p, &v, 8);
        break;
    }
}

/* ---- The loop ---- */

uint32_t ir_interp_run(const IRProg *prog, void *env, uint32_t *cur_pc)
{
    char *base = env;
#define R32(k) (*(uint32_t *)(base + i->args[k]))
#define R64(k) (*(uint64_t *)(base + i->args[k]))
#define S32(k) (*(int32_t *)(base + i->args[k]))
#define S64(k) (*(int64_t *)(base + i->args[k]))
#define C(k) (i->args[k])
    for (uint32_t pc = 0;;) {
        const IRInsn *i = &prog->insns[pc++];
        switch ((IROpcode)i->op) {
        case IR_OP_insn_start:
            *cur_pc = (uint32_t)C(0);
            break;
        case IR_OP_set_label:
        case IR_OP_goto_tb:
            break;
        case IR_OP_br:
            pc = (uint32_t)C(0);
            break;
        case IR_OP_brcond_i32:
            if (ir_cond_eval32(C(2), R32(0), R32(1))) {
                pc = (uint32_t)C(3);
            }
            break;
        case IR_OP_exit_tb:
            return (uint32_t)C(0);
        case IR_OP_call: {
            IRHelper *h = (IRHelper *)(uintptr_t)C(i->nb_out + i->nb_in);
            uint64_t vals[IR_MAX_HELPER_ARGS];
            for (unsigned a = 0, k = 0; a < h->nb_args; a++) {
                if (h->args[a] != IRH_ENV) {
                    vals[k] = h->args[a] == IRH_I32 ? R32(i->nb_out + k) : R64(i->nb_out + k);
                    k++;
                }
            }
            uint64_t r = ir_helper_invoke(h, env, vals);
            if (i->nb_out) {
                if (h->ret == IRH_I32) {
                    R32(0) = (uint32_t)r; /* never clobber the neighbour of a 32-bit global */
                } else {
                    R64(0) = r;
                }
            }
            break;
        }

        case IR_OP_mov_i32: R32(0) = R32(1); break;
        case IR_OP_movi_i32: R32(0) = (uint32_t)C(1); break;
        case IR_OP_add_i32: R32(0) = R32(1) + R32(2); break;
        case IR_OP_sub_i32: R32(0) = R32(1) - R32(2); break;
        case IR_OP_mul_i32: R32(0) = R32(1) * R32(2); break;
        case IR_OP_and_i32: R32(0) = R32(1) & R32(2); break;
        case IR_OP_or_i32: R32(0) = R32(1) | R32(2); break;
        case IR_OP_xor_i32: R32(0) = R32(1) ^ R32(2); break;
        case IR_OP_andc_i32: R32(0) = R32(1) & ~R32(2); break;
        case IR_OP_addv_i32: R32(0) = ir_addv32(R32(1), R32(2)); break;
        case IR_OP_subv_i32: R32(0) = ir_subv32(R32(1), R32(2)); break;
        case IR_OP_shl_i32: R32(0) = R32(1) << (R32(2) & 31); break;
        case IR_OP_shr_i32: R32(0) = R32(1) >> (R32(2) & 31); break;
        case IR_OP_sar_i32: R32(0) = (uint32_t)(S32(1) >> (R32(2) & 31)); break;
        case IR_OP_rotr_i32: {
            uint32_t a = R32(1), n = R32(2) & 31;
            R32(0) = n ? (a >> n) | (a << (32 - n)) : a;
            break;
        }
        case IR_OP_div_i32: {
            int32_t a = S32(1), b = S32(2);
            R32(0) = b == 0 ? 0 : (b == -1 ? (uint32_t)-(uint32_t)a : (uint32_t)(a / b));
            break;
        }
        case IR_OP_divu_i32: {
            uint32_t b = R32(2);
            R32(0) = b ? R32(1) / b : 0;
            break;
        }
        case IR_OP_rem_i32: {
            int32_t a = S32(1), b = S32(2);
            R32(0) = b == 0 ? (uint32_t)a : (b == -1 ? 0 : (uint32_t)(a % b));
            break;
        }
        case IR_OP_remu_i32: {
            uint32_t b = R32(2);
            R32(0) = b ? R32(1) % b : R32(1);
            break;
        }
        case IR_OP_neg_i32: R32(0) = -R32(1); break;
        case IR_OP_not_i32: R32(0) = ~R32(1); break;
        case IR_OP_clz_i32: R32(0) = R32(1) ? __builtin_clz(R32(1)) : 32; break;
        case IR_OP_ctz_i32: R32(0) = R32(1) ? __builtin_ctz(R32(1)) : 32; break;
        case IR_OP_bswap32_i32: R32(0) = __builtin_bswap32(R32(1)); break;
        case IR_OP_ext8s_i32: R32(0) = (uint32_t)(int8_t)R32(1); break;
        case IR_OP_ext8u_i32: R32(0) = (uint8_t)R32(1); break;
        case IR_OP_ext16s_i32: R32(0) = (uint32_t)(int16_t)R32(1); break;
        case IR_OP_ext16u_i32: R32(0) = (uint16_t)R32(1); break;
        case IR_OP_extract_i32: {
            unsigned pos = C(2), len = C(3);
            uint32_t v = R32(1) >> pos;
            R32(0) = len >= 32 ? v : v & ((1u << len) - 1);
            break;
        }
        case IR_OP_sextract_i32: {
            unsigned pos = C(2), len = C(3);
            R32(0) = (uint32_t)((int32_t)(R32(1) << (32 - pos - len)) >> (32 - len));
            break;
        }
        case IR_OP_deposit_i32: {
            unsigned pos = C(3), len = C(4);
            uint32_t m = (len >= 32 ? ~0u : ((1u << len) - 1)) << pos;
            R32(0) = (R32(1) & ~m) | ((R32(2) << pos) & m);
            break;
        }
        case IR_OP_setcond_i32: R32(0) = ir_cond_eval32(C(3), R32(1), R32(2)); break;
        case IR_OP_movcond_i32:
            R32(0) = ir_cond_eval32(C(5), R32(1), R32(2)) ? R32(3) : R32(4);
            break;
        case IR_OP_ld_i32: R32(0) = (uint32_t)mem_load(R32(1), C(2)); break;
        case IR_OP_st_i32: mem_store(R32(1), R32(0), C(2)); break;
        case IR_OP_ldenv_i32: R32(0) = *(uint32_t *)(base + C(1)); break;
        case IR_OP_stenv_i32: *(uint32_t *)(base + C(1)) = R32(0); break;

        case IR_OP_mov_i64: R64(0) = R64(1); break;
        case IR_OP_movi_i64: R64(0) = C(1); break;
        case IR_OP_add_i64: R64(0) = R64(1) + R64(2); break;
        case IR_OP_sub_i64: R64(0) = R64(1) - R64(2); break;
        case IR_OP_mul_i64: R64(0) = R64(1) * R64(2); break;
        case IR_OP_and_i64: R64(0) = R64(1) & R64(2); break;
        case IR_OP_or_i64: R64(0) = R64(1) | R64(2); break;
        case IR_OP_xor_i64: R64(0) = R64(1) ^ R64(2); break;
        case IR_OP_shl_i64: R64(0) = R64(1) << (R64(2) & 63); break;
        case IR_OP_shr_i64: R64(0) = R64(1) >> (R64(2) & 63); break;
        case IR_OP_sar_i64: R64(0) = (uint64_t)(S64(1) >> (R64(2) & 63)); break;
        case IR_OP_neg_i64: R64(0) = -R64(1); break;
        case IR_OP_ext_i32_i64: R64(0) = (uint64_t)(int64_t)S32(1); break;
        case IR_OP_extu_i32_i64: R64(0) = R32(1); break;
        case IR_OP_extrl_i64_i32: R32(0) = (uint32_t)R64(1); break;
        case IR_OP_extrh_i64_i32: R32(0) = (uint32_t)(R64(1) >> 32); break;
        case IR_OP_concat_i32_i64: R64(0) = R32(1) | ((uint64_t)R32(2) << 32); break;
        case IR_OP_setcond_i64: R32(0) = ir_cond_eval64(C(3), R64(1), R64(2)); break;
        case IR_OP_ld_i64: R64(0) = mem_load(R32(1), C(2)); break;
        case IR_OP_st_i64: mem_store(R32(1), R64(0), C(2)); break;
        case IR_OP_ldenv_i64: R64(0) = *(uint64_t *)(base + C(1)); break;
        case IR_OP_stenv_i64: *(uint64_t *)(base + C(1)) = R64(0); break;
        case IR_OP_COUNT:
            g_assert_not_reached();
        }
    }
#undef R32
#undef R64
#undef S32
#undef S64
#undef C
}
