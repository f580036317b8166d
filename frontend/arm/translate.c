/*
 * ARM translator core: the translation loop shared by A32 and Thumb, the IR globals for
 * guest registers and flags, and the `gen_` helpers the decoders (a32.c, t32.c, vfp.c)
 * build instruction semantics from: register access with the PC-read offsets and the
 * three kinds of PC writes, conditions on the split NZCV representation of cpu.h, flag
 * computation for add/sub, the ARM shifter (immediate and register forms with ARM's
 * saturating amounts and carry-out rules), exits and exceptions, and the shared
 * semantics of the "media" instructions both A32 and T32 have.
 */
#include "frontend/arm/translate.h"

#include <glib.h>

#include "frontend/arm/arm_helper.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

IRTemp cpu_R[16];
IRTemp cpu_NF, cpu_ZF, cpu_CF, cpu_VF, cpu_QF, cpu_GE;

static const char *const reg_names[16] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
};

void arm_translate_init(void)
{
    for (int i = 0; i < 16; i++) {
        cpu_R[i] = ir_global_register(IR_I32, ENV_OFF(regs[i]), reg_names[i]);
    }
    cpu_NF = ir_global_register(IR_I32, ENV_OFF(NF), "NF");
    cpu_ZF = ir_global_register(IR_I32, ENV_OFF(ZF), "ZF");
    cpu_CF = ir_global_register(IR_I32, ENV_OFF(CF), "CF");
    cpu_VF = ir_global_register(IR_I32, ENV_OFF(VF), "VF");
    cpu_QF = ir_global_register(IR_I32, ENV_OFF(QF), "QF");
    cpu_GE = ir_global_register(IR_I32, ENV_OFF(GE), "GE");

    /* Parse every table now: lazy parsing in decode_dispatch would race between threads. */
    decode_table_init(&arm_a32_table);
    decode_table_init(&arm_a32_uncond_table);
    decode_table_init(&arm_t16_table);
    decode_table_init(&arm_t32_table);
    decode_table_init(&arm_vfp_table);
}

/* ---- Small IR shorthands ---- */


/* ---- Registers ---- */

IRTemp load_reg(DisasContext *s, int r)
{
    IRTemp t = new_tmp(s);
    if (r == 15) {
        ir_movi_i32(s->f, t, s->pc + (s->thumb ? 4 : 8));
    } else {
        ir_mov_i32(s->f, t, cpu_R[r]);
    }
    return t;
}

void gen_set_pc(DisasContext *s, uint32_t pc)
{
    ir_movi_i32(s->f, cpu_R[15], pc);
}

void store_reg(DisasContext *s, int r, IRTemp v)
{
    if (r == 15) {
        /* BranchWritePC: ARM state ignores bits [1:0], Thumb bit 0. */
        ir_andi_i32(s->f, cpu_R[15], v, s->thumb ? ~1u : ~3u);
        s->is_jmp = DISAS_JUMP;
    } else {
        ir_mov_i32(s->f, cpu_R[r], v);
    }
}

void store_reg_alu(DisasContext *s, int r, IRTemp v)
{
    if (r == 15 && !s->thumb) {
        gen_bx(s, v);
    } else {
        store_reg(s, r, v);
    }
}

void store_reg_load(DisasContext *s, int r, IRTemp v)
{
    if (r == 15) {
        gen_bx(s, v);
    } else {
        store_reg(s, r, v);
    }
}

IRTemp gen_ldenv(DisasContext *s, int32_t off)
{
    IRTemp t = new_tmp(s);
    ir_ldenv_i32(s->f, t, off);
    return t;
}

/* ---- IT state and exits ---- */

/* ITAdvance(): the IT state the insn after one executed with state `it` sees. */
static uint32_t it_advance(uint32_t it)
{
    if ((it & 7) == 0) {
        return 0;
    }
    return (it & 0xe0) | ((it << 1) & 0x1f);
}

/* The IT state the next insn must see, given the current insn. */
static uint32_t next_itstate(DisasContext *s)
{
    return s->it_set ? s->itstate : it_advance(s->itstate);
}

static void gen_exit_it(DisasContext *s, int code, uint32_t it)
{
    if (s->thumb) {
        ir_stenv_i32(s->f, tconst(s, it), ENV_OFF(condexec));
    }
    ir_exit_tb(s->f, code);
}

void gen_exit(DisasContext *s, int code)
{
    gen_exit_it(s, code, next_itstate(s));
}

/*
 * pc already written (to dest): chain if a slot is free, then leave with code 0. A
 * jump to this TB's own start in the same mode is marked as the TB's loop slot.
 */
static void gen_goto_tb(DisasContext *s, uint32_t dest, uint32_t it)
{
    if (s->next_slot < 2) {
        if (s->thumb) {
            ir_stenv_i32(s->f, tconst(s, it), ENV_OFF(condexec));
        }
        if (dest == s->tb_pc && it == s->tb_itstate && s->f->loop_slot < 0) {
            s->f->loop_slot = (int)s->next_slot;
        }
        ir_goto_tb(s->f, s->next_slot++);
        ir_exit_tb(s->f, 0);
    } else {
        gen_exit_it(s, 0, it);
    }
}

void gen_jmp(DisasContext *s, uint32_t dest)
{
    gen_set_pc(s, dest);
    gen_goto_tb(s, dest, next_itstate(s));
    s->is_jmp = DISAS_NORETURN;
}

void gen_jmp_switch(DisasContext *s, uint32_t dest, bool to_thumb)
{
    gen_set_pc(s, dest);
    ir_stenv_i32(s->f, tconst(s, to_thumb), ENV_OFF(thumb));
    /* The TB key changes with the mode: no chaining through a slot. IT state is 0 after. */
    ir_stenv_i32(s->f, tconst(s, 0), ENV_OFF(condexec));
    ir_exit_tb(s->f, 0);
    s->is_jmp = DISAS_NORETURN;
}

void gen_bx(DisasContext *s, IRTemp addr)
{
    IRTemp t = new_tmp(s);
    ir_andi_i32(s->f, t, addr, 1);
    ir_stenv_i32(s->f, t, ENV_OFF(thumb));
    ir_andi_i32(s->f, cpu_R[15], addr, ~1u);
    s->is_jmp = DISAS_JUMP;
}

void gen_exception_insn(DisasContext *s, int excp)
{
    gen_set_pc(s, s->pc);
    gen_exit_it(s, excp, s->itstate);
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_next(DisasContext *s, int excp)
{
    gen_set_pc(s, s->next_pc);
    gen_exit(s, excp);
    s->is_jmp = DISAS_NORETURN;
}

bool gen_undef(DisasContext *s)
{
    if (xemu_log_enabled(LOG_UNIMP)) {
        if (s->thumb && s->next_pc - s->pc == 2) {
            xemu_log("undefined/unimplemented T16 insn at 0x%08x: %04x\n", s->pc, s->insn);
        } else {
            xemu_log("undefined/unimplemented %s insn at 0x%08x: %08x\n",
                     s->thumb ? "T32" : "A32", s->pc, s->insn);
        }
    }
    ir_stenv_i32(s->f, tconst(s, s->insn), ENV_OFF(exception_insn));
    gen_exception_insn(s, ARM_EXCP_UDEF);
    return true;
}

/* ---- Conditions ---- */

/*
 * Flags are NF (bit 31 = N), ZF (Z iff ZF == 0), CF (0/1), VF (bit 31 = V). Each ARM
 * condition pair is one test; `holds` says whether the returned branch condition on
 * (a, b) means the ARM condition holds.
 */
void gen_test_cc_skip(DisasContext *s, unsigned cond, IRLabel skip)
{
    IRFunc *f = s->f;
    IRTemp zero = tconst(s, 0);
    IRTemp t;

    switch (cond) {
    case 0: /* EQ: Z */
        ir_brcond_i32(f, IR_COND_NE, cpu_ZF, zero, skip);
        break;
    case 1: /* NE */
        ir_brcond_i32(f, IR_COND_EQ, cpu_ZF, zero, skip);
        break;
    case 2: /* CS */
        ir_brcond_i32(f, IR_COND_EQ, cpu_CF, zero, skip);
        break;
    case 3: /* CC */
        ir_brcond_i32(f, IR_COND_NE, cpu_CF, zero, skip);
        break;
    case 4: /* MI */
        ir_brcond_i32(f, IR_COND_GE, cpu_NF, zero, skip);
        break;
    case 5: /* PL */
        ir_brcond_i32(f, IR_COND_LT, cpu_NF, zero, skip);
        break;
    case 6: /* VS */
        ir_brcond_i32(f, IR_COND_GE, cpu_VF, zero, skip);
        break;
    case 7: /* VC */
        ir_brcond_i32(f, IR_COND_LT, cpu_VF, zero, skip);
        break;
    case 8: /* HI: C && !Z. (-C) & ZF != 0 iff C set and Z clear. */
    case 9: /* LS */
        t = new_tmp(s);
        ir_neg_i32(f, t, cpu_CF);
        ir_and_i32(f, t, t, cpu_ZF);
        ir_brcond_i32(f, cond == 8 ? IR_COND_EQ : IR_COND_NE, t, zero, skip);
        break;
    case 10: /* GE: N == V */
    case 11: /* LT */
        t = new_tmp(s);
        ir_xor_i32(f, t, cpu_NF, cpu_VF);
        ir_brcond_i32(f, cond == 10 ? IR_COND_LT : IR_COND_GE, t, zero, skip);
        break;
    case 12: /* GT: !Z && N == V */
    case 13: { /* LE */
        IRTemp z = new_tmp(s);
        t = new_tmp(s);
        ir_xor_i32(f, t, cpu_NF, cpu_VF);
        ir_sari_i32(f, t, t, 31);            /* -1 iff N != V */
        ir_setcond_i32(f, IR_COND_EQ, z, cpu_ZF, zero); /* 1 iff Z */
        ir_or_i32(f, t, t, z);               /* != 0 iff LE */
        ir_brcond_i32(f, cond == 12 ? IR_COND_NE : IR_COND_EQ, t, zero, skip);
        break;
    }
    default: /* AL */
        break;
    }
}

IRTemp gen_test_cc(DisasContext *s, unsigned cond)
{
    IRTemp r = new_tmp(s);
    IRLabel l = ir_new_label(s->f);
    ir_movi_i32(s->f, r, 0);
    gen_test_cc_skip(s, cond, l);
    ir_movi_i32(s->f, r, 1);
    ir_set_label(s->f, l);
    return r;
}

/* ---- Flags ---- */

void gen_logic_CC(DisasContext *s, IRTemp result)
{
    ir_mov_i32(s->f, cpu_NF, result);
    ir_mov_i32(s->f, cpu_ZF, result);
}

/*
 * ADDS/SUBS: result, then C, then V from the same inputs, in this order: the JIT
 * compiles the three as one host add/sub and reads C and V from the host flags.
 */
IRTemp gen_add_CC(DisasContext *s, IRTemp a, IRTemp b)
{
    IRFunc *f = s->f;
    IRTemp res = new_tmp(s), c = new_tmp(s), v = new_tmp(s);
    ir_add_i32(f, res, a, b);
    ir_setcond_i32(f, IR_COND_LTU, c, res, a);
    ir_addv_i32(f, v, a, b);
    ir_mov_i32(f, cpu_CF, c);
    ir_mov_i32(f, cpu_VF, v);
    gen_logic_CC(s, res);
    return res;
}

IRTemp gen_sub_CC(DisasContext *s, IRTemp a, IRTemp b)
{
    IRFunc *f = s->f;
    IRTemp res = new_tmp(s), c = new_tmp(s), v = new_tmp(s);
    ir_sub_i32(f, res, a, b);
    ir_setcond_i32(f, IR_COND_GEU, c, a, b);
    ir_subv_i32(f, v, a, b);
    ir_mov_i32(f, cpu_CF, c);
    ir_mov_i32(f, cpu_VF, v);
    gen_logic_CC(s, res);
    return res;
}

IRTemp gen_adc_CC(DisasContext *s, IRTemp a, IRTemp b)
{
    IRFunc *f = s->f;
    IRTemp a64 = new_tmp64(s), b64 = new_tmp64(s), c64 = new_tmp64(s);
    IRTemp res = new_tmp(s), c = new_tmp(s), v = new_tmp(s), t = new_tmp(s);
    ir_extu_i32_i64(f, a64, a);
    ir_extu_i32_i64(f, b64, b);
    ir_extu_i32_i64(f, c64, cpu_CF);
    ir_add_i64(f, a64, a64, b64);
    ir_add_i64(f, a64, a64, c64);
    ir_extrl_i64_i32(f, res, a64);
    ir_extrh_i64_i32(f, c, a64);
    ir_xor_i32(f, v, res, a);
    ir_xor_i32(f, t, a, b);
    ir_andc_i32(f, v, v, t);
    ir_mov_i32(f, cpu_CF, c);
    ir_mov_i32(f, cpu_VF, v);
    gen_logic_CC(s, res);
    return res;
}

IRTemp gen_sbc_CC(DisasContext *s, IRTemp a, IRTemp b)
{
    /* a - b - !C == a + ~b + C, with the same carry and overflow. */
    IRTemp nb = new_tmp(s);
    ir_not_i32(s->f, nb, b);
    return gen_adc_CC(s, a, nb);
}

IRTemp gen_adc(DisasContext *s, IRTemp a, IRTemp b)
{
    IRTemp res = new_tmp(s);
    ir_add_i32(s->f, res, a, b);
    ir_add_i32(s->f, res, res, cpu_CF);
    return res;
}

IRTemp gen_sbc(DisasContext *s, IRTemp a, IRTemp b)
{
    IRTemp res = new_tmp(s);
    ir_sub_i32(s->f, res, a, b);
    ir_add_i32(s->f, res, res, cpu_CF);
    ir_subi_i32(s->f, res, res, 1);
    return res;
}

/* ---- Shifter ---- */

void gen_set_CF_bit31(DisasContext *s, uint32_t value)
{
    ir_movi_i32(s->f, cpu_CF, value >> 31);
}

IRTemp gen_shift_imm(DisasContext *s, IRTemp v, int shtype, int imm5, bool set_carry)
{
    IRFunc *f = s->f;
    IRTemp res = new_tmp(s);
    IRTemp c = set_carry ? new_tmp(s) : 0;

    switch (shtype) {
    case 0: /* LSL */
        if (imm5 == 0) {
            ir_mov_i32(f, res, v);
            return res;
        }
        if (set_carry) {
            ir_extract_i32(f, c, v, 32 - imm5, 1);
        }
        ir_shli_i32(f, res, v, imm5);
        break;
    case 1: /* LSR */
        if (imm5 == 0) {
            if (set_carry) {
                ir_shri_i32(f, c, v, 31);
            }
            ir_movi_i32(f, res, 0);
        } else {
            if (set_carry) {
                ir_extract_i32(f, c, v, imm5 - 1, 1);
            }
            ir_shri_i32(f, res, v, imm5);
        }
        break;
    case 2: /* ASR */
        if (imm5 == 0) {
            imm5 = 32;
        }
        if (set_carry) {
            ir_extract_i32(f, c, v, imm5 - 1, 1);
        }
        ir_sari_i32(f, res, v, imm5 == 32 ? 31 : imm5);
        break;
    default: /* ROR, RRX */
        if (imm5 == 0) {
            IRTemp t = new_tmp(s);
            if (set_carry) {
                ir_andi_i32(f, c, v, 1);
            }
            ir_shri_i32(f, res, v, 1);
            ir_shli_i32(f, t, cpu_CF, 31);
            ir_or_i32(f, res, res, t);
        } else {
            if (set_carry) {
                ir_extract_i32(f, c, v, imm5 - 1, 1);
            }
            ir_rotri_i32(f, res, v, imm5);
        }
        break;
    }
    if (set_carry) {
        ir_mov_i32(f, cpu_CF, c);
    }
    return res;
}

IRTemp gen_shift_reg(DisasContext *s, IRTemp v, int shtype, IRTemp amount, bool set_carry)
{
    IRFunc *f = s->f;
    IRTemp n = new_tmp(s), res = new_tmp(s), c = new_tmp(s), t = new_tmp(s);
    IRTemp zero = tconst(s, 0), k31 = tconst(s, 31), k32 = tconst(s, 32);

    ir_ext8u_i32(f, n, amount);
    switch (shtype) {
    case 0: /* LSL: n >= 32 gives 0; carry is bit 32-n for 1..32, 0 beyond */
        ir_shl_i32(f, t, v, n);
        ir_movcond_i32(f, IR_COND_GEU, res, n, k32, zero, t);
        if (set_carry) {
            IRTemp sh = new_tmp(s);
            ir_sub_i32(f, sh, k32, n);       /* 0..31 for n in 1..32 */
            ir_shr_i32(f, c, v, sh);
            ir_andi_i32(f, c, c, 1);
            ir_movcond_i32(f, IR_COND_GTU, c, n, k32, zero, c);
        }
        break;
    case 1: /* LSR */
        ir_shr_i32(f, t, v, n);
        ir_movcond_i32(f, IR_COND_GEU, res, n, k32, zero, t);
        if (set_carry) {
            IRTemp sh = new_tmp(s);
            ir_subi_i32(f, sh, n, 1);        /* 0..31 for n in 1..32 */
            ir_shr_i32(f, c, v, sh);
            ir_andi_i32(f, c, c, 1);
            ir_movcond_i32(f, IR_COND_GTU, c, n, k32, zero, c);
        }
        break;
    case 2: { /* ASR: amounts >= 32 behave as 31 for the result, 32 for the carry */
        IRTemp sh = new_tmp(s);
        ir_movcond_i32(f, IR_COND_GTU, sh, n, k31, k31, n);
        ir_sar_i32(f, res, v, sh);
        if (set_carry) {
            IRTemp sc = new_tmp(s);
            ir_movcond_i32(f, IR_COND_GTU, sc, n, k32, k32, n);
            ir_subi_i32(f, sc, sc, 1);
            ir_sar_i32(f, c, v, sc);
            ir_andi_i32(f, c, c, 1);
        }
        break;
    }
    default: /* ROR: carry is bit 31 of the result */
        ir_rotr_i32(f, res, v, n);           /* rotation count mod 32 is exact */
        if (set_carry) {
            ir_shri_i32(f, c, res, 31);
        }
        break;
    }
    if (set_carry) {
        /* Amount 0 leaves C unchanged. */
        ir_movcond_i32(f, IR_COND_EQ, cpu_CF, n, zero, cpu_CF, c);
    }
    return res;
}

/* ---- Memory ---- */

/* MO_64 accesses use i64 temps (ld_i64/st_i64); all others i32. */
IRTemp gen_ld(DisasContext *s, IRTemp addr, MemOp mo)
{
    if ((mo & MO_SIZE) == MO_64) {
        IRTemp t = new_tmp64(s);
        ir_ld_i64(s->f, t, addr, mo);
        return t;
    }
    IRTemp t = new_tmp(s);
    ir_ld_i32(s->f, t, addr, mo);
    return t;
}

void gen_st(DisasContext *s, IRTemp val, IRTemp addr, MemOp mo)
{
    if ((mo & MO_SIZE) == MO_64) {
        ir_st_i64(s->f, val, addr, mo);
    } else {
        ir_st_i32(s->f, val, addr, mo);
    }
}

/* ---- Status register ---- */

IRTemp gen_read_apsr(DisasContext *s)
{
    IRFunc *f = s->f;
    IRTemp r = new_tmp(s), t = new_tmp(s), z = new_tmp(s);
    ir_andi_i32(f, r, cpu_NF, CPSR_N);
    ir_setcondi_i32(f, IR_COND_EQ, z, cpu_ZF, 0);
    ir_shli_i32(f, z, z, 30);
    ir_or_i32(f, r, r, z);
    ir_shli_i32(f, t, cpu_CF, 29);
    ir_or_i32(f, r, r, t);
    ir_shri_i32(f, t, cpu_VF, 31);
    ir_shli_i32(f, t, t, 28);
    ir_or_i32(f, r, r, t);
    ir_shli_i32(f, t, cpu_QF, 27);
    ir_or_i32(f, r, r, t);
    ir_shli_i32(f, t, cpu_GE, 16);
    ir_or_i32(f, r, r, t);
    return r;
}

void gen_write_nzcv(DisasContext *s, IRTemp v)
{
    IRFunc *f = s->f;
    IRTemp t = new_tmp(s);
    ir_andi_i32(f, cpu_NF, v, CPSR_N);
    ir_andc_i32(f, t, tconst(s, CPSR_Z), v);  /* ZF == 0 iff Z */
    ir_mov_i32(f, cpu_ZF, t);
    ir_extract_i32(f, cpu_CF, v, 29, 1);
    ir_shli_i32(f, cpu_VF, v, 3);
}

void gen_write_apsr(DisasContext *s, IRTemp v, unsigned mask)
{
    if (mask & 2) {
        gen_write_nzcv(s, v);
        ir_extract_i32(s->f, cpu_QF, v, 27, 1);
    }
    if (mask & 1) {
        ir_extract_i32(s->f, cpu_GE, v, 16, 4);
    }
}

/* ---- Media instruction semantics ---- */

static IRTemp call2(DisasContext *s, IRHelper *h, IRTemp a, IRTemp b)
{
    IRTemp r = new_tmp(s);
    ir_callv(s->f, h, r, a, b);
    return r;
}

static IRTemp call2_64(DisasContext *s, IRHelper *h, IRTemp a, IRTemp b)
{
    IRTemp r = new_tmp64(s);
    ir_callv(s->f, h, r, a, b);
    return r;
}

/* Splits a helper's (flag << 32 | result) into the result and an OR into QF. */
static IRTemp split_q(DisasContext *s, IRTemp r64)
{
    IRTemp res = new_tmp(s), q = new_tmp(s);
    ir_extrl_i64_i32(s->f, res, r64);
    ir_extrh_i64_i32(s->f, q, r64);
    ir_or_i32(s->f, cpu_QF, cpu_QF, q);
    return res;
}

IRTemp gen_qaddsub(DisasContext *s, unsigned op, IRTemp rm, IRTemp rn)
{
    static IRHelper *const h[4] = {
        &helper_info_arm_qadd, &helper_info_arm_qsub,
        &helper_info_arm_qdadd, &helper_info_arm_qdsub,
    };
    return split_q(s, call2_64(s, h[op & 3], rm, rn));
}

/*
 * Unsigned byte-lane add/sub without a helper (glibc's string functions live on UADD8
 * and UQSUB8): lanes added with their top bits handled apart so no carry crosses a
 * lane. mode 0 = modulo with GE[i] = carry out of lane i (add) or no borrow (sub),
 * gathered from bits 7, 15, 23, 31 into 3:0 by one multiply whose partial products
 * never overlap; mode 1 = saturating (a borrowing lane becomes 0, a carrying lane 0xff).
 */
static IRTemp gen_uaddsub8(DisasContext *s, bool sub, bool saturate, IRTemp a, IRTemp b)
{
    IRFunc *f = s->f;
    const uint32_t H = 0x80808080u;
    IRTemp x = new_tmp(s), y = new_tmp(s), r = new_tmp(s), t = new_tmp(s), c = new_tmp(s);
    if (sub) {
        ir_ori_i32(f, x, a, H);
        ir_andi_i32(f, y, b, ~H);
        ir_sub_i32(f, r, x, y);
        ir_not_i32(f, t, b);
        ir_xor_i32(f, t, a, t);          /* ~(a ^ b) */
        ir_andi_i32(f, x, t, H);
        ir_xor_i32(f, r, r, x);
        ir_and_i32(f, c, t, r);          /* borrow = (~a & b) | (~(a ^ b) & r) */
        ir_andc_i32(f, y, b, a);
        ir_or_i32(f, c, c, y);
    } else {
        ir_andi_i32(f, x, a, ~H);
        ir_andi_i32(f, y, b, ~H);
        ir_add_i32(f, r, x, y);
        ir_xor_i32(f, t, a, b);
        ir_andi_i32(f, x, t, H);
        ir_xor_i32(f, r, r, x);
        ir_andc_i32(f, c, t, r);         /* carry = (a & b) | ((a ^ b) & ~r) */
        ir_and_i32(f, y, a, b);
        ir_or_i32(f, c, c, y);
    }
    ir_shri_i32(f, c, c, 7);
    ir_andi_i32(f, c, c, 0x01010101u);
    if (saturate) {
        ir_muli_i32(f, c, c, 0xffu);     /* lanes that wrapped */
        if (sub) {
            ir_andc_i32(f, r, r, c);
        } else {
            ir_or_i32(f, r, r, c);
        }
        return r;
    }
    ir_muli_i32(f, c, c, 0x01020408u);
    ir_extract_i32(f, cpu_GE, c, 24, 4);
    if (sub) {
        ir_xori_i32(f, cpu_GE, cpu_GE, 0xf);
    }
    return r;
}

IRTemp gen_parallel_addsub(DisasContext *s, unsigned prefix, unsigned op, IRTemp rn,
                           IRTemp rm)
{
    if ((prefix == 5 || prefix == 6) && (op == 4 || op == 7)) {
        return gen_uaddsub8(s, op == 7, prefix == 6, rn, rm);
    }
    IRTemp opc = tconst(s, (prefix << 3) | op);
    IRTemp r64 = new_tmp64(s);
    IRTemp res = new_tmp(s);
    ir_callv(s->f, &helper_info_arm_paddsub, r64, opc, rn, rm);
    ir_extrl_i64_i32(s->f, res, r64);
    if (prefix == 1 || prefix == 5) {
        ir_extrh_i64_i32(s->f, cpu_GE, r64);
    }
    return res;
}

/* SEL: GE bit i spread to a byte mask (bit i lands at 8i via one multiply). */
IRTemp gen_sel(DisasContext *s, IRTemp rn, IRTemp rm)
{
    IRFunc *f = s->f;
    IRTemp m = new_tmp(s), r = new_tmp(s), t = new_tmp(s);
    ir_muli_i32(f, m, cpu_GE, 0x00204081u);
    ir_andi_i32(f, m, m, 0x01010101u);
    ir_muli_i32(f, m, m, 0xffu);
    ir_and_i32(f, r, rn, m);
    ir_andc_i32(f, t, rm, m);
    ir_or_i32(f, r, r, t);
    return r;
}

IRTemp gen_usad8(DisasContext *s, IRTemp rn, IRTemp rm)
{
    return call2(s, &helper_info_arm_usad8, rn, rm);
}

IRTemp gen_ssat(DisasContext *s, IRTemp v, unsigned bits)
{
    return split_q(s, call2_64(s, &helper_info_arm_ssat, v, tconst(s, bits)));
}

IRTemp gen_usat(DisasContext *s, IRTemp v, unsigned bits)
{
    return split_q(s, call2_64(s, &helper_info_arm_usat, v, tconst(s, bits)));
}

IRTemp gen_ssat16(DisasContext *s, IRTemp v, unsigned bits)
{
    return split_q(s, call2_64(s, &helper_info_arm_ssat16, v, tconst(s, bits)));
}

IRTemp gen_usat16(DisasContext *s, IRTemp v, unsigned bits)
{
    return split_q(s, call2_64(s, &helper_info_arm_usat16, v, tconst(s, bits)));
}

IRTemp gen_rbit(DisasContext *s, IRTemp v)
{
    IRTemp r = new_tmp(s);
    ir_callv(s->f, &helper_info_arm_rbit, r, v);
    return r;
}

IRTemp gen_rev16(DisasContext *s, IRTemp v)
{
    IRFunc *f = s->f;
    IRTemp a = new_tmp(s), b = new_tmp(s), r = new_tmp(s);
    ir_shri_i32(f, a, v, 8);
    ir_andi_i32(f, a, a, 0x00ff00ff);
    ir_andi_i32(f, b, v, 0x00ff00ff);
    ir_shli_i32(f, b, b, 8);
    ir_or_i32(f, r, a, b);
    return r;
}

IRTemp gen_revsh(DisasContext *s, IRTemp v)
{
    IRFunc *f = s->f;
    IRTemp a = new_tmp(s), b = new_tmp(s), r = new_tmp(s);
    ir_extract_i32(f, a, v, 8, 8);
    ir_shli_i32(f, b, v, 24);
    ir_sari_i32(f, b, b, 16);
    ir_or_i32(f, r, a, b);
    return r;
}

IRTemp gen_xtb16(DisasContext *s, IRTemp v, bool is_signed)
{
    IRFunc *f = s->f;
    IRTemp lo = new_tmp(s), hi = new_tmp(s), r = new_tmp(s);
    if (is_signed) {
        ir_sextract_i32(f, lo, v, 0, 8);
        ir_sextract_i32(f, hi, v, 16, 8);
    } else {
        ir_extract_i32(f, lo, v, 0, 8);
        ir_extract_i32(f, hi, v, 16, 8);
    }
    ir_deposit_i32(f, r, lo, hi, 16, 16);
    return r;
}

IRTemp gen_add16(DisasContext *s, IRTemp a, IRTemp b)
{
    IRFunc *f = s->f;
    IRTemp lo = new_tmp(s), hi = new_tmp(s), t = new_tmp(s), r = new_tmp(s);
    ir_add_i32(f, lo, a, b);                /* low half correct */
    ir_andi_i32(f, hi, a, 0xffff0000u);
    ir_andi_i32(f, t, b, 0xffff0000u);
    ir_add_i32(f, hi, hi, t);               /* high half without carry from below */
    ir_deposit_i32(f, r, hi, lo, 0, 16);
    return r;
}

IRTemp gen_mul16(DisasContext *s, IRTemp a, bool a_top, IRTemp b, bool b_top)
{
    IRFunc *f = s->f;
    IRTemp x = new_tmp(s), y = new_tmp(s), r = new_tmp(s);
    ir_sextract_i32(f, x, a, a_top ? 16 : 0, 16);
    ir_sextract_i32(f, y, b, b_top ? 16 : 0, 16);
    ir_mul_i32(f, r, x, y);
    return r;
}

IRTemp gen_add_setq(DisasContext *s, IRTemp a, IRTemp b)
{
    IRFunc *f = s->f;
    IRTemp r = new_tmp(s), v = new_tmp(s), t = new_tmp(s);
    ir_add_i32(f, r, a, b);
    ir_xor_i32(f, v, r, a);
    ir_xor_i32(f, t, a, b);
    ir_andc_i32(f, v, v, t);
    ir_shri_i32(f, v, v, 31);
    ir_or_i32(f, cpu_QF, cpu_QF, v);
    return r;
}

void gen_mull(DisasContext *s, IRTemp *lo, IRTemp *hi, IRTemp a, IRTemp b, bool is_signed)
{
    IRFunc *f = s->f;
    IRTemp a64 = new_tmp64(s), b64 = new_tmp64(s);
    *lo = new_tmp(s);
    *hi = new_tmp(s);
    if (is_signed) {
        ir_ext_i32_i64(f, a64, a);
        ir_ext_i32_i64(f, b64, b);
    } else {
        ir_extu_i32_i64(f, a64, a);
        ir_extu_i32_i64(f, b64, b);
    }
    ir_mul_i64(f, a64, a64, b64);
    ir_extrl_i64_i32(f, *lo, a64);
    ir_extrh_i64_i32(f, *hi, a64);
}

/* ---- Exclusive monitor ---- */

/* Unaligned exclusive accesses fault with SIGBUS. */
static void gen_check_align(DisasContext *s, IRTemp addr, unsigned size)
{
    IRLabel ok = ir_new_label(s->f);
    ir_brcond_i32(s->f, IR_COND_TSTEQ, addr, tconst(s, (1u << size) - 1), ok);
    ir_stenv_i32(s->f, addr, ENV_OFF(exception_insn));
    gen_set_pc(s, s->pc);
    gen_exit_it(s, ARM_EXCP_ALIGN, s->itstate);
    ir_set_label(s->f, ok);
}

void gen_ldrex(DisasContext *s, IRTemp addr, unsigned size, int rt, int rt2)
{
    IRFunc *f = s->f;
    IRTemp v64 = new_tmp64(s);
    gen_check_align(s, addr, size == 3 ? 3 : size);
    if (size == 3) {
        IRTemp lo = new_tmp(s), hi = new_tmp(s);
        ir_ld_i64(f, v64, addr, MO_UQ);
        ir_extrl_i64_i32(f, lo, v64);
        ir_extrh_i64_i32(f, hi, v64);
        ir_stenv_i32(f, addr, ENV_OFF(exclusive_addr));
        ir_stenv_i32(f, tconst(s, size), ENV_OFF(exclusive_size));
        ir_stenv_i64(f, v64, ENV_OFF(exclusive_val));
        store_reg(s, rt, lo);
        store_reg(s, rt2, hi);
    } else {
        IRTemp v = gen_ld(s, addr, (MemOp)size);
        ir_extu_i32_i64(f, v64, v);
        ir_stenv_i32(f, addr, ENV_OFF(exclusive_addr));
        ir_stenv_i32(f, tconst(s, size), ENV_OFF(exclusive_size));
        ir_stenv_i64(f, v64, ENV_OFF(exclusive_val));
        store_reg(s, rt, v);
    }
}

void gen_strex(DisasContext *s, int rd, IRTemp addr, unsigned size, int rt, int rt2)
{
    IRFunc *f = s->f;
    IRTemp v64 = new_tmp64(s);
    IRTemp r = new_tmp(s);
    gen_check_align(s, addr, size);
    if (size == 3) {
        /* load_reg: a (UNPREDICTABLE) PC operand reads as the insn's pc, not env's. */
        ir_concat_i32_i64(f, v64, load_reg(s, rt), load_reg(s, rt2));
    } else {
        ir_extu_i32_i64(f, v64, load_reg(s, rt));
    }
    ir_callv(f, &helper_info_arm_strex, r, addr, v64, tconst(s, size));
    store_reg(s, rd, r);
}

void gen_barrier(DisasContext *s)
{
    ir_call0(s->f, &helper_info_arm_barrier, 0);
}

void gen_clrex(DisasContext *s)
{
    ir_stenv_i32(s->f, tconst(s, 0xffffffffu), ENV_OFF(exclusive_addr));
}

/* ---- The translation loop ---- */

/* Reads the guest code at pc if its page is executable. */
static bool fetch16(uint32_t pc, uint32_t *out)
{
    if (!(mmu_page_flags(pc) & PAGE_EXEC)) {
        return false;
    }
    *out = *(const uint16_t *)g2h(pc);
    return true;
}

static bool fetch32(uint32_t pc, uint32_t *out)
{
    if (!(mmu_page_flags(pc) & PAGE_EXEC)) {
        return false;
    }
    *out = *(const uint32_t *)g2h(pc);
    return true;
}

/*
 * Fetches the insn at s->pc into s->insn and sets next_pc. False if (part of) it is not
 * executable.
 */
static bool fetch_insn(DisasContext *s)
{
    if (!s->thumb) {
        s->next_pc = s->pc + 4;
        return fetch32(s->pc, &s->insn);
    }
    uint32_t hw1, hw2;
    if (!fetch16(s->pc, &hw1)) {
        s->next_pc = s->pc + 2;
        return false;
    }
    if ((hw1 >> 11) >= 0x1d) {
        s->next_pc = s->pc + 4;
        if (!fetch16(s->pc + 2, &hw2)) {
            return false;
        }
        s->insn = (hw1 << 16) | hw2;
    } else {
        s->next_pc = s->pc + 2;
        s->insn = hw1;
    }
    return true;
}

static void translate_one(DisasContext *s)
{
    IRLabel skip = 0;
    bool cond_skip = false;
    bool ok;

    if (s->thumb) {
        s->cond = (s->itstate != 0) ? (s->itstate >> 4) : 14;
        if (s->cond == 15) {
            s->cond = 14;
        }
    } else {
        unsigned c = s->insn >> 28;
        s->cond = c == 15 ? 14 : c;
    }
    if (s->cond != 14) {
        cond_skip = true;
        skip = ir_new_label(s->f);
        gen_test_cc_skip(s, s->cond, skip);
    }

    if (!s->thumb) {
        ok = arm_decode_a32(s, s->insn);
    } else if (s->next_pc - s->pc == 4) {
        ok = arm_decode_t32(s, s->insn);
    } else {
        ok = arm_decode_t16(s, s->insn);
    }
    if (!ok) {
        gen_undef(s);
    }

    switch (s->is_jmp) {
    case DISAS_JUMP:
        gen_exit(s, 0);
        break;
    case DISAS_UPDATE:
        gen_set_pc(s, s->next_pc);
        gen_exit(s, 0);
        break;
    default:
        break;
    }
    if (cond_skip) {
        ir_set_label(s->f, skip);
        if (s->is_jmp != DISAS_NEXT) {
            /* Not executed: continue with the next insn in a new TB. */
            gen_set_pc(s, s->next_pc);
            gen_goto_tb(s, s->next_pc, next_itstate(s));
            s->is_jmp = DISAS_NORETURN;
        }
    }
}

uint32_t arm_translate(IRFunc *f, uint32_t pc, uint32_t flags, unsigned max_insns)
{
    DisasContext ctx = { 0 };
    DisasContext *s = &ctx;
    uint32_t start = pc;

    s->f = f;
    s->pc = pc;
    s->thumb = (flags & ARM_TBFLAG_THUMB) != 0;
    s->itstate = s->thumb ? (flags >> ARM_TBFLAG_IT_SHIFT) & 0xff : 0;
    s->tb_pc = pc;
    s->tb_itstate = s->itstate;
    s->is_jmp = DISAS_NEXT;
    if (max_insns == 0 || max_insns > 64) {
        max_insns = 64;
    }

    for (;;) {
        if (!fetch_insn(s)) {
            if (s->nb_insns == 0) {
                /*
                 * Fetch fault: regs[15] is the insn, exception_insn the faulting address
                 * (differs for a T32 insn whose second half is on the next page).
                 */
                uint32_t fault = (mmu_page_flags(s->pc) & PAGE_EXEC) ? s->pc + 2 : s->pc;
                ir_insn_start(f, s->pc);
                ir_stenv_i32(f, tconst(s, fault), ENV_OFF(exception_insn));
                gen_set_pc(s, s->pc);
                gen_exit_it(s, ARM_EXCP_PREFETCH_ABORT, s->itstate);
                return s->next_pc - start;
            }
            /* End the TB before the unmapped insn; the next TB raises the fault. */
            gen_set_pc(s, s->pc);
            gen_goto_tb(s, s->pc, s->itstate);
            return s->pc - start;
        }
        ir_insn_start(f, s->pc);
        s->it_set = false;
        translate_one(s);
        s->nb_insns++;
        if (s->is_jmp != DISAS_NEXT) {
            break;
        }
        s->itstate = next_itstate(s);
        s->pc = s->next_pc;
        if (s->nb_insns >= max_insns ||
            (s->pc & GUEST_PAGE_MASK) != (start & GUEST_PAGE_MASK)) {
            gen_set_pc(s, s->pc);
            gen_goto_tb(s, s->pc, s->itstate);
            break;
        }
    }
    return s->next_pc - start;
}

IRTemp gen_rev_family(DisasContext *s, unsigned op, IRTemp v)
{
    switch (op) {
    case 0: {
        IRTemp r = new_tmp(s);
        ir_bswap32_i32(s->f, r, v);
        return r;
    }
    case 1:
        return gen_rev16(s, v);
    case 2:
        return gen_rbit(s, v);
    default:
        return gen_revsh(s, v);
    }
}
