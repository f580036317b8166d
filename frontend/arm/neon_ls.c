/*
 * Advanced SIMD element and structure loads and stores: VLD1-VLD4 and VST1-VST4 in their
 * three forms (multiple structures, one lane, all lanes), with alignment hints and
 * writeback. The A32 decoder routes the space 1111 0100 xxx0 here (T32 callers convert
 * to that layout). One instruction becomes: the alignment check, every memory access in
 * address order into temps (loads) or out of env (stores), then the register updates and
 * the base writeback, so a fault leaves the registers and the base unchanged.
 * The guest is little-endian: element order in memory is lane order, and a D register is
 * two 32-bit words in env (ENV_VFP_S), which is how elements are inserted and extracted.
 * References: ARM ARM (DDI 0406C) A7.7 and the VLDn/VSTn pages (decode and pseudocode).
 */
#include <glib.h>

#include "frontend/arm/neon.h"

#define FLD(c) decode_field(e, insn, (c))

/* One decoded transfer. */
typedef struct NeonLs {
    bool load;
    int d;           /* first D register */
    int n, m;        /* base register; m: 15 no writeback, 13 by xfer, else by R[m] */
    unsigned ebytes; /* element size in bytes */
    unsigned selem;  /* elements per structure: the n of VLDn */
    unsigned inc;    /* register spacing between the elements of one structure */
    unsigned rpt;    /* multiple: registers per structure element; all lanes: VLD1's T */
    unsigned align;  /* required address alignment in bytes (1: none) */
    unsigned lane;   /* one lane: its index */
} NeonLs;

/* Highest D register the transfer touches. */
static unsigned neon_ls_last_reg(const NeonLs *ls)
{
    return (unsigned)ls->d + ls->rpt - 1 + (ls->selem - 1) * ls->inc;
}

/* ---- Register words being read or built (index 2 * reg + half, as ENV_VFP_S) ---- */

typedef struct NeonWords {
    IRTemp w[64];
    bool cached[64];
} NeonWords;

static IRTemp neon_word(DisasContext *s, NeonWords *nw, unsigned k)
{
    if (!nw->cached[k]) {
        nw->w[k] = new_tmp(s);
        ir_ldenv_i32(s->f, nw->w[k], ENV_VFP_S(k));
        nw->cached[k] = true;
    }
    return nw->w[k];
}

/*
 * Lane `e` of D[reg] (ebytes 1, 2 or 4) becomes the low bits of v. `fresh`: the whole
 * register is being overwritten in lane order, so lane 0 of a word needs no old value
 * (v comes from a zero-extending load).
 */
static void neon_put_elem(DisasContext *s, NeonWords *nw, int reg, unsigned e,
                          unsigned ebytes, IRTemp v, bool fresh)
{
    unsigned bit = e * ebytes * 8, k = 2 * (unsigned)reg + bit / 32;
    if (ebytes == 4 || (fresh && bit % 32 == 0)) {
        nw->w[k] = v;
        nw->cached[k] = true;
        return;
    }
    IRTemp r = new_tmp(s);
    ir_deposit_i32(s->f, r, neon_word(s, nw, k), v, bit % 32, ebytes * 8);
    nw->w[k] = r;
}

static IRTemp neon_get_elem(DisasContext *s, NeonWords *nw, int reg, unsigned e,
                            unsigned ebytes)
{
    unsigned bit = e * ebytes * 8;
    IRTemp w = neon_word(s, nw, 2 * (unsigned)reg + bit / 32);
    if (ebytes == 4) {
        return w;
    }
    IRTemp v = new_tmp(s);
    ir_extract_i32(s->f, v, w, bit % 32, ebytes * 8);
    return v;
}

/* Writes every built word back to env. */
static void neon_flush(DisasContext *s, NeonWords *nw)
{
    for (unsigned k = 0; k < 64; k++) {
        if (nw->cached[k]) {
            ir_stenv_i32(s->f, nw->w[k], ENV_VFP_S(k));
        }
    }
}

/* ---- Addressing ---- */

static MemOp neon_memop(unsigned ebytes)
{
    return ebytes == 1 ? MO_UB : ebytes == 2 ? MO_UW : ebytes == 4 ? MO_UL : MO_UQ;
}

static IRTemp neon_addr(DisasContext *s, IRTemp base, unsigned off)
{
    if (off == 0) {
        return base;
    }
    IRTemp a = new_tmp(s);
    ir_addi_i32(s->f, a, base, off);
    return a;
}

/*
 * An alignment hint the address does not meet is an alignment fault whatever SCTLR.A
 * says, and Linux does not fix those up for NEON (arch/arm/mm/alignment.c knows no
 * VLDn/VSTn): SIGBUS, BUS_ADRALN, at this instruction, with the address.
 */
static void neon_check_align(DisasContext *s, IRTemp addr, unsigned align)
{
    if (align <= 1) {
        return;
    }
    IRLabel ok = ir_new_label(s->f);
    ir_brcond_i32(s->f, IR_COND_TSTEQ, addr, tconst(s, align - 1), ok);
    ir_stenv_i32(s->f, addr, ENV_OFF(exception_insn));
    int is_jmp = s->is_jmp;
    gen_exception_insn(s, ARM_EXCP_ALIGN); /* only on this path: the insn goes on */
    s->is_jmp = is_jmp;
    ir_set_label(s->f, ok);
}

/* Post-indexed writeback: Rm = 15 none, Rm = 13 by the bytes transferred, else by Rm. */
static void neon_writeback(DisasContext *s, const NeonLs *ls, IRTemp base, unsigned xfer)
{
    if (ls->m == 15) {
        return;
    }
    IRTemp nb = new_tmp(s);
    if (ls->m == 13) {
        ir_addi_i32(s->f, nb, base, xfer);
    } else {
        ir_add_i32(s->f, nb, base, load_reg(s, ls->m));
    }
    store_reg(s, ls->n, nb);
}

/* ---- The three forms ---- */

/*
 * Multiple structures: structure after structure, element k of each to D[d + r + k*inc]
 * (r: which register of a multi-register element list). VLD1/VST1 move whole D
 * registers, which in a little-endian guest is the same as element by element.
 */
static void neon_multiple(DisasContext *s, const NeonLs *ls)
{
    IRTemp base = load_reg(s, ls->n);
    unsigned elements = 8 / ls->ebytes, off = 0;
    NeonWords nw = { 0 };
    IRTemp d64[4];
    MemOp mo = neon_memop(ls->ebytes);

    neon_check_align(s, base, ls->align);
    for (unsigned r = 0; r < ls->rpt; r++) {
        if (ls->selem == 1) {
            int reg = ls->d + (int)r;
            IRTemp a = neon_addr(s, base, off);
            if (ls->load) {
                d64[r] = gen_ld(s, a, MO_UQ);
            } else {
                IRTemp v = new_tmp64(s);
                ir_ldenv_i64(s->f, v, ENV_VFP_D(reg));
                gen_st(s, v, a, MO_UQ);
            }
            off += 8;
            continue;
        }
        for (unsigned e = 0; e < elements; e++) {
            for (unsigned k = 0; k < ls->selem; k++) {
                int reg = ls->d + (int)(r + k * ls->inc);
                IRTemp a = neon_addr(s, base, off);
                if (ls->load) {
                    neon_put_elem(s, &nw, reg, e, ls->ebytes, gen_ld(s, a, mo), true);
                } else {
                    gen_st(s, neon_get_elem(s, &nw, reg, e, ls->ebytes), a, mo);
                }
                off += ls->ebytes;
            }
        }
    }
    if (ls->load) {
        if (ls->selem == 1) {
            for (unsigned r = 0; r < ls->rpt; r++) {
                ir_stenv_i64(s->f, d64[r], ENV_VFP_D(ls->d + (int)r));
            }
        } else {
            neon_flush(s, &nw);
        }
    }
    neon_writeback(s, ls, base, off);
}

/* One lane: element k of the structure to/from lane `lane` of D[d + k*inc]. */
static void neon_one_lane(DisasContext *s, const NeonLs *ls)
{
    IRTemp base = load_reg(s, ls->n);
    NeonWords nw = { 0 };
    MemOp mo = neon_memop(ls->ebytes);
    unsigned off = 0;

    neon_check_align(s, base, ls->align);
    for (unsigned k = 0; k < ls->selem; k++) {
        int reg = ls->d + (int)(k * ls->inc);
        IRTemp a = neon_addr(s, base, off);
        if (ls->load) {
            IRTemp v = gen_ld(s, a, mo);
            neon_put_elem(s, &nw, reg, ls->lane, ls->ebytes, v, false);
        } else {
            gen_st(s, neon_get_elem(s, &nw, reg, ls->lane, ls->ebytes), a, mo);
        }
        off += ls->ebytes;
    }
    if (ls->load) {
        /* Only the words that hold the lanes: the others were never read. */
        neon_flush(s, &nw);
    }
    neon_writeback(s, ls, base, off);
}

/* All lanes: element k replicated into every lane of D[d + k*inc] (VLD1: D[d..d+rpt-1]). */
static void neon_all_lanes(DisasContext *s, const NeonLs *ls)
{
    IRTemp base = load_reg(s, ls->n);
    IRTemp words[4];
    MemOp mo = neon_memop(ls->ebytes);
    unsigned off = 0;

    neon_check_align(s, base, ls->align);
    for (unsigned k = 0; k < ls->selem; k++) {
        IRTemp v = gen_ld(s, neon_addr(s, base, off), mo), w = v;
        if (ls->ebytes == 1) {
            w = new_tmp(s);
            ir_muli_i32(s->f, w, v, 0x01010101u);
        } else if (ls->ebytes == 2) {
            w = new_tmp(s);
            ir_deposit_i32(s->f, w, v, v, 16, 16);
        }
        words[k] = w;
        off += ls->ebytes;
    }
    for (unsigned k = 0; k < ls->selem; k++) {
        for (unsigned r = 0; r < ls->rpt; r++) {
            int reg = ls->d + (int)(k * ls->inc + r);
            ir_stenv_i32(s->f, words[k], ENV_VFP_S(2 * reg));
            ir_stenv_i32(s->f, words[k], ENV_VFP_S(2 * reg + 1));
        }
    }
    neon_writeback(s, ls, base, off);
}

/* The fields every form shares; n == 15 is UNPREDICTABLE, UNDEFINED here. */
static bool neon_ls_common(NeonLs *ls, uint32_t insn, const DecodeEntry *e)
{
    ls->d = (int)(FLD('D') << 4 | FLD('d'));
    ls->n = (int)FLD('n');
    ls->m = (int)FLD('m');
    ls->rpt = 1;
    ls->inc = 1;
    ls->align = 1;
    ls->lane = 0;
    return ls->n != 15;
}

/* Multiple-structure forms by the type field: structure size, registers each, spacing. */
static const struct {
    uint8_t selem, rpt, inc;
} neon_multi_types[16] = {
    [0x0] = { 4, 1, 1 }, [0x1] = { 4, 1, 2 }, [0x2] = { 1, 4, 1 }, [0x3] = { 2, 2, 2 },
    [0x4] = { 3, 1, 1 }, [0x5] = { 3, 1, 2 }, [0x6] = { 1, 3, 1 }, [0x7] = { 1, 1, 1 },
    [0x8] = { 2, 1, 1 }, [0x9] = { 2, 1, 2 }, [0xa] = { 1, 2, 1 },
};

/*
 * VLD1-4/VST1-4<c>.<size> <list>, [<Rn>{:<align>}]{!} / , <Rm>  (multiple structures)
 * type: VLD1 0111/1010/0110/0010 (1-4 regs), VLD2 1000/1001/0011, VLD3 0100/0101,
 * VLD4 0000/0001.
 */
static bool trans_VLDST_multiple(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    NeonLs ls;
    unsigned type = FLD('t'), size = FLD('s'), align = FLD('a');
    if (!neon_ls_common(&ls, insn, e) || neon_multi_types[type].selem == 0) {
        return false;
    }
    ls.load = FLD('L');
    ls.selem = neon_multi_types[type].selem;
    ls.rpt = neon_multi_types[type].rpt;
    ls.inc = neon_multi_types[type].inc;
    ls.ebytes = 1u << size;
    ls.align = align ? 4u << align : 1;
    switch (ls.selem) {
    case 1: /* 1 and 3 registers: align <= 64; 2 registers: <= 128 */
        if (((ls.rpt & 1) && (align & 2)) || (ls.rpt == 2 && align == 3)) {
            return false;
        }
        break;
    case 2:
        if (size == 3 || (ls.rpt == 1 && align == 3)) {
            return false;
        }
        break;
    case 3:
        if (size == 3 || (align & 2)) {
            return false;
        }
        break;
    default:
        if (size == 3) {
            return false;
        }
        break;
    }
    if (neon_ls_last_reg(&ls) > 31) {
        return false; /* UNPREDICTABLE */
    }
    neon_multiple(s, &ls);
    return true;
}

/*
 * VLD1-4/VST1-4<c>.<size> <list with Dd[x]>, [<Rn>{:<align>}]{!} / , <Rm>  (one lane)
 * index_align (i) holds the lane, the register spacing and the alignment, per size.
 */
static bool trans_VLDST_lane(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    NeonLs ls;
    unsigned size = FLD('s'), nn = FLD('N'), ia = FLD('i');
    bool a; /* the alignment bit(s) */
    if (!neon_ls_common(&ls, insn, e) || size == 3) {
        return false; /* size 3 with L = 1 is the all-lanes form, matched before */
    }
    ls.load = FLD('L');
    ls.selem = nn + 1;
    ls.ebytes = 1u << size;
    ls.lane = ia >> (size + 1);
    ls.inc = (size > 0 && (ia & (1u << size))) ? 2 : 1;
    a = size < 2 ? (ia & 1) : nn == 0 ? (ia & 3) == 3 : (nn == 1 ? (ia & 1) : (ia & 3));
    switch (nn) {
    case 0: /* VLD1: the bits between lane and a must be 0; 32-bit a is 00 or 11 */
        if ((size == 0 && (ia & 1)) || (size == 1 && (ia & 2)) ||
            (size == 2 && ((ia & 4) || ((ia & 3) != 0 && (ia & 3) != 3)))) {
            return false;
        }
        ls.inc = 1;
        ls.align = a ? ls.ebytes : 1;
        break;
    case 1:
        if (size == 2 && (ia & 2)) {
            return false;
        }
        ls.align = a ? 2 * ls.ebytes : 1;
        break;
    case 2: /* VLD3: no alignment */
        if ((size < 2 && (ia & 1)) || (size == 2 && (ia & 3))) {
            return false;
        }
        break;
    default:
        if (size == 2 && (ia & 3) == 3) {
            return false;
        }
        ls.align = !a ? 1 : size == 2 ? 4u << (ia & 3) : 4 * ls.ebytes;
        break;
    }
    if (neon_ls_last_reg(&ls) > 31) {
        return false;
    }
    neon_one_lane(s, &ls);
    return true;
}

/* VLD1-4<c>.<size> <list with Dd[]>, [<Rn>{:<align>}]{!} / , <Rm>  (to all lanes) */
static bool trans_VLD_all(DisasContext *s, uint32_t insn, const DecodeEntry *e)
{
    NeonLs ls;
    unsigned size = FLD('s'), nn = FLD('N');
    bool t = FLD('T'), a = FLD('a');
    if (!neon_ls_common(&ls, insn, e)) {
        return false;
    }
    ls.load = true;
    ls.selem = nn + 1;
    ls.ebytes = 1u << size;
    ls.inc = t ? 2 : 1;
    switch (nn) {
    case 0:
        if (size == 3 || (size == 0 && a)) {
            return false;
        }
        ls.rpt = t ? 2 : 1;
        ls.inc = 1;
        ls.align = a ? ls.ebytes : 1;
        break;
    case 1:
        if (size == 3) {
            return false;
        }
        ls.align = a ? 2 * ls.ebytes : 1;
        break;
    case 2:
        if (size == 3 || a) {
            return false;
        }
        break;
    default: /* size 3 with a: 32-bit elements, 128-bit aligned */
        if (size == 3 && !a) {
            return false;
        }
        ls.ebytes = size == 3 ? 4 : ls.ebytes;
        ls.align = !a ? 1 : size == 3 ? 16 : size == 2 ? 8 : 4 * ls.ebytes;
        break;
    }
    if (neon_ls_last_reg(&ls) > 31) {
        return false;
    }
    neon_all_lanes(s, &ls);
    return true;
}

/*
 * Field letters: D:d the first register, n Rn, m Rm, L load, t type, s size, a align,
 * N the structure size minus one, i index_align, T register spacing (or VLD1's count).
 */
static DecodeEntry neon_ls_entries[] = {
    DECODE(VLD_all,           "1111 0100 1D10 nnnn dddd 11NN ssTa mmmm"),
    DECODE(VLDST_lane,        "1111 0100 1DL0 nnnn dddd ssNN iiii mmmm"),
    DECODE(VLDST_multiple,    "1111 0100 0DL0 nnnn dddd tttt ssaa mmmm"),
};

DECODE_TABLE(arm_neon_ls_table, "neon-ls", 32, neon_ls_entries);

bool neon_translate_ls(DisasContext *s, uint32_t insn)
{
    static gsize parsed;
    if (g_once_init_enter(&parsed)) {
        decode_table_init(&arm_neon_ls_table); /* once, whichever thread comes first */
        g_once_init_leave(&parsed, 1);
    }
    if (!arm_has_feature(ARM_FEATURE_NEON)) {
        return false;
    }
    return decode_dispatch(&arm_neon_ls_table, s, insn);
}
