/*
 * MIPS translator core: the translation loop with its delay-slot machinery, the IR
 * globals for guest registers, and the `gen_` helpers the integer (mips.c) and FPU
 * (fpu.c) decoders build instruction semantics from: register access, exceptions,
 * guest-byte-order memory access, branch recording.
 *
 * Delay slots. A branch handler records its condition (as a comparison of temps taken
 * before the slot runs), its target and whether it is "likely", and writes its link
 * register; the loop then translates the delay-slot insn under `insn_start(branch pc)`
 * (so any fault in the slot reports the branch, like the kernel's EPC with Cause.BD)
 * and emits the branch: chained `goto_tb` exits for direct targets, `exit_tb 0` with
 * env->pc written for register targets. A branch-likely that is not taken skips the slot.
 *
 * When the slot cannot be in the same TB (it is on the next page, the TB's insn limit is
 * reached, -one-insn-per-tb) the TB ends after the branch with env->ds = 1, env->btarget
 * = the resolved next address and env->pc = the slot; the next TB is translated with
 * MIPS_TBFLAG_DS, runs its first insn as a delay slot, clears env->ds and continues at
 * env->btarget.
 *
 * A branch in a delay slot is UNPREDICTABLE in the architecture (qemu raises RI). We
 * implement what the classic pipeline does, with pc/next-pc semantics: the first
 * branch's resolved target R executes one insn as the second branch's delay slot, then
 * execution continues at the second branch's target (taken) or at R + 4 (not taken; a
 * not-taken likely second branch annuls the insn at R). The TB ends after the slot with
 * env->pc = R, env->ds = 1, env->btarget = the second branch's resolved target.
 * An exception in that insn at R reports R - 4 as its EPC (not the second branch).
 */
#include "frontend/mips/translate.h"

#include <glib.h>

#include "frontend/mips/mips_helper.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

IRTemp cpu_gpr[32];
IRTemp cpu_HI, cpu_LO;
static IRTemp cpu_pc;

static const char *const gpr_names[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5",
    "t6", "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1",
    "gp", "sp", "s8", "ra",
};

/* Branch kinds recorded by gen_branch & co. */
enum { BR_NONE, BR_COND, BR_ALWAYS, BR_REG };

void mips_translate_init(void)
{
    for (int i = 0; i < 32; i++) {
        cpu_gpr[i] = ir_global_register(IR_I32, ENV_OFF(gpr[i]), gpr_names[i]);
    }
    cpu_pc = ir_global_register(IR_I32, ENV_OFF(pc), "pc");
    cpu_HI = ir_global_register(IR_I32, ENV_OFF(hi), "HI");
    cpu_LO = ir_global_register(IR_I32, ENV_OFF(lo), "LO");

    /* Parse the tables now: lazy parsing in decode_dispatch would race between threads. */
    decode_table_init(&mips_int_table);
    decode_table_init(&mips_fpu_table);
}

/* ---- Registers ---- */

IRTemp load_gpr(DisasContext *s, int r)
{
    if (r == 0) {
        return tconst(s, 0);
    }
    IRTemp t = new_tmp(s);
    ir_mov_i32(s->f, t, cpu_gpr[r]);
    return t;
}

void store_gpr(DisasContext *s, int r, IRTemp v)
{
    if (r != 0) {
        ir_mov_i32(s->f, cpu_gpr[r], v);
    }
}

static void gen_set_pc(DisasContext *s, uint32_t pc)
{
    ir_movi_i32(s->f, cpu_pc, pc);
}

/* ---- Exits ---- */

/* The TB flags of the TB that runs next: this TB's FP mode, ds as given. */
static uint32_t next_flags(DisasContext *s, bool ds)
{
    return (s->tb_flags & ~MIPS_TBFLAG_DS) | (ds ? MIPS_TBFLAG_DS : 0);
}

/*
 * env->pc = dest (and env->ds as `ds` says, already written), then leave: through a chain
 * slot if one is free and `chain`, else with exit_tb 0. A jump to this TB's own key is
 * marked as its loop slot.
 */
static void gen_goto_tb(DisasContext *s, uint32_t dest, bool ds, bool chain)
{
    gen_set_pc(s, dest);
    if (chain && s->next_slot < 2) {
        if (dest == s->tb_pc && next_flags(s, ds) == s->tb_flags && s->f->loop_slot < 0) {
            s->f->loop_slot = (int)s->next_slot;
        }
        ir_goto_tb(s->f, s->next_slot++);
    }
    ir_exit_tb(s->f, 0);
}

static void gen_set_ds(DisasContext *s, uint32_t ds)
{
    ir_stenv_i32(s->f, tconst(s, ds), ENV_OFF(ds));
}

/* The pc an exception in the current insn reports: the branch for a delay slot. */
static uint32_t excp_pc(DisasContext *s)
{
    return s->in_delay_slot ? s->pc - 4 : s->pc;
}

/* Exit with `excp` at the current insn; does not touch is_jmp. */
static void gen_exit_excp(DisasContext *s, int excp)
{
    uint32_t pc = excp_pc(s);
    ir_stenv_i32(s->f, tconst(s, pc), ENV_OFF(exception_insn));
    gen_set_pc(s, pc);
    ir_exit_tb(s->f, (uint32_t)excp);
}

void gen_exception(DisasContext *s, int excp)
{
    gen_exit_excp(s, excp);
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_code(DisasContext *s, int excp, uint32_t code)
{
    ir_stenv_i32(s->f, tconst(s, code), ENV_OFF(error_code));
    gen_exception(s, excp);
}

void gen_exception_if(DisasContext *s, IRTemp cond, int excp, uint32_t code)
{
    IRLabel ok = ir_new_label(s->f);
    ir_brcond_i32(s->f, IR_COND_EQ, cond, tconst(s, 0), ok);
    ir_stenv_i32(s->f, tconst(s, code), ENV_OFF(error_code));
    gen_exit_excp(s, excp);
    ir_set_label(s->f, ok);
}

bool gen_reserved(DisasContext *s)
{
    if (xemu_log_enabled(LOG_UNIMP)) {
        xemu_log("reserved/unimplemented MIPS insn at 0x%08x: %08x\n", s->pc, s->insn);
    }
    gen_exception(s, MIPS_EXCP_RI);
    return true;
}

/* ---- Control flow ---- */

void gen_branch_cmp(DisasContext *s, IRCond cmp, IRTemp a, IRTemp b, uint32_t target,
                    bool likely)
{
    s->br_kind = BR_COND;
    s->br_cmp = cmp;
    s->br_cond = a;
    s->br_b = b;
    s->br_target = target;
    s->br_likely = likely;
    s->is_jmp = DISAS_BRANCH;
}

void gen_branch(DisasContext *s, IRTemp cond, uint32_t target, bool likely)
{
    gen_branch_cmp(s, IR_COND_NE, cond, tconst(s, 0), target, likely);
}

void gen_jump(DisasContext *s, uint32_t target)
{
    s->br_kind = BR_ALWAYS;
    s->br_target = target;
    s->br_likely = false;
    s->is_jmp = DISAS_BRANCH;
}

void gen_jump_reg(DisasContext *s, IRTemp dest)
{
    /* A private copy: the delay slot may overwrite the register dest was read from. */
    IRTemp t = new_tmp(s);
    ir_mov_i32(s->f, t, dest);
    s->br_kind = BR_REG;
    s->br_dest = t;
    s->br_likely = false;
    s->is_jmp = DISAS_BRANCH;
}

/* A recorded branch, saved while its delay slot is translated. */
typedef struct Branch {
    int kind;
    bool likely;
    IRCond cmp;
    IRTemp a, b, dest;
    uint32_t target;
    uint32_t pc; /* the branch insn */
} Branch;

static Branch branch_save(DisasContext *s)
{
    Branch br = {
        .kind = s->br_kind, .likely = s->br_likely, .cmp = s->br_cmp, .a = s->br_cond,
        .b = s->br_b, .dest = s->br_dest, .target = s->br_target, .pc = s->pc,
    };
    s->br_kind = BR_NONE;
    return br;
}

/* A temp with the address execution continues at after `br` (and its slot). */
static IRTemp branch_resolve(DisasContext *s, const Branch *br)
{
    IRTemp t = new_tmp(s);
    switch (br->kind) {
    case BR_REG:
        ir_mov_i32(s->f, t, br->dest);
        break;
    case BR_COND:
        if (!br->likely) {
            ir_movcond_i32(s->f, br->cmp, t, br->a, br->b, tconst(s, br->target),
                           tconst(s, br->pc + 8));
            break;
        }
        /* A likely branch is resolved on its taken path only. */
        /* fall through */
    default:
        ir_movi_i32(s->f, t, br->target);
        break;
    }
    return t;
}

/*
 * The slot of `br` runs in the next TB (MIPS_TBFLAG_DS): env->btarget = the resolved
 * target, env->ds = 1, env->pc = the slot. A likely branch not taken skips its slot.
 */
static void gen_branch_split(DisasContext *s, const Branch *br)
{
    bool likely = br->kind == BR_COND && br->likely;
    IRLabel not_taken = 0;
    if (likely) {
        not_taken = ir_new_label(s->f);
        ir_brcond_i32(s->f, ir_cond_invert(br->cmp), br->a, br->b, not_taken);
    }
    ir_stenv_i32(s->f, branch_resolve(s, br), ENV_OFF(btarget));
    gen_set_ds(s, 1);
    gen_goto_tb(s, br->pc + 4, true, true);
    if (likely) {
        ir_set_label(s->f, not_taken);
        gen_goto_tb(s, br->pc + 8, false, true);
    }
}

/*
 * After the slot: leave for the branch's destination. `chain` is false when the slot
 * changed state the TB key depends on (DISAS_UPDATE). For a likely branch the caller
 * has already branched around the slot for the not-taken case.
 */
static void gen_branch_finish(DisasContext *s, const Branch *br, bool chain)
{
    switch (br->kind) {
    case BR_REG:
        ir_mov_i32(s->f, cpu_pc, br->dest);
        ir_exit_tb(s->f, 0);
        break;
    case BR_COND:
        if (!br->likely) {
            IRLabel not_taken = ir_new_label(s->f);
            ir_brcond_i32(s->f, ir_cond_invert(br->cmp), br->a, br->b, not_taken);
            gen_goto_tb(s, br->target, false, chain);
            ir_set_label(s->f, not_taken);
            gen_goto_tb(s, br->pc + 8, false, chain);
            break;
        }
        /* The likely branch was taken. */
        /* fall through */
    default:
        gen_goto_tb(s, br->target, false, chain);
        break;
    }
}

/*
 * The delay slot was itself a branch (`second`, recorded in s). `first` is where the
 * first branch goes (a temp). See the note at the top: the insn at `first` becomes the
 * second branch's delay slot.
 */
static void gen_branch_in_slot(DisasContext *s, IRTemp first)
{
    Branch br2 = branch_save(s);
    IRFunc *f = s->f;
    IRTemp next = new_tmp(s);
    ir_addi_i32(f, next, first, 4);
    if (br2.kind == BR_COND && br2.likely) {
        IRLabel not_taken = ir_new_label(f);
        ir_brcond_i32(f, ir_cond_invert(br2.cmp), br2.a, br2.b, not_taken);
        ir_stenv_i32(f, tconst(s, br2.target), ENV_OFF(btarget));
        gen_set_ds(s, 1);
        ir_mov_i32(f, cpu_pc, first);
        ir_exit_tb(f, 0);
        ir_set_label(f, not_taken);
        gen_set_ds(s, 0);
        ir_mov_i32(f, cpu_pc, next);
        ir_exit_tb(f, 0);
        return;
    }
    IRTemp bt = new_tmp(s);
    switch (br2.kind) {
    case BR_REG:
        ir_mov_i32(f, bt, br2.dest);
        break;
    case BR_COND:
        ir_movcond_i32(f, br2.cmp, bt, br2.a, br2.b, tconst(s, br2.target), next);
        break;
    default:
        ir_movi_i32(f, bt, br2.target);
        break;
    }
    ir_stenv_i32(f, bt, ENV_OFF(btarget));
    gen_set_ds(s, 1);
    ir_mov_i32(f, cpu_pc, first);
    ir_exit_tb(f, 0);
}

/* ---- Memory ---- */

static MemOp guest_memop(DisasContext *s, MemOp mo)
{
    if (s->big_endian && (mo & MO_SIZE) != MO_8) {
        mo |= MO_BSWAP;
    }
    return mo;
}

IRTemp gen_ld(DisasContext *s, IRTemp addr, MemOp mo)
{
    mo = guest_memop(s, mo);
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
    mo = guest_memop(s, mo);
    if ((mo & MO_SIZE) == MO_64) {
        ir_st_i64(s->f, val, addr, mo);
    } else {
        ir_st_i32(s->f, val, addr, mo);
    }
}

IRTemp gen_addr(DisasContext *s, int base, int32_t offset)
{
    if (base == 0) {
        return tconst(s, (uint32_t)offset);
    }
    IRTemp t = new_tmp(s);
    if (offset == 0) {
        ir_mov_i32(s->f, t, cpu_gpr[base]);
    } else {
        ir_addi_i32(s->f, t, cpu_gpr[base], (uint32_t)offset);
    }
    return t;
}

void gen_sync(DisasContext *s)
{
    ir_call0(s->f, &helper_info_mips_sync, 0);
}

/* ---- The translation loop ---- */

/* Reads the insn word at pc if its page is executable. */
static bool fetch_insn(DisasContext *s, uint32_t pc, uint32_t *out)
{
    if (!(mmu_page_flags(pc) & PAGE_EXEC)) {
        return false;
    }
    uint32_t w = *(const uint32_t *)g2h(pc);
    *out = s->big_endian ? __builtin_bswap32(w) : w;
    return true;
}

bool mips_peek(DisasContext *s, unsigned k, uint32_t *insn)
{
    uint32_t at = s->pc + 4 * k;
    if (s->in_delay_slot || s->nb_insns + k + 1 > s->max_insns ||
        (at & GUEST_PAGE_MASK) != (s->pc & GUEST_PAGE_MASK)) {
        return false;
    }
    return fetch_insn(s, at, insn);
}

bool mips_peek_next(DisasContext *s, uint32_t *insn)
{
    return mips_peek(s, 1, insn);
}

bool mips_skip_later(DisasContext *s, unsigned k)
{
    if (s->nb_skip == G_N_ELEMENTS(s->skip_pc)) {
        return false;
    }
    s->skip_pc[s->nb_skip++] = s->pc + 4 * k;
    return true;
}

/* Decodes s->insn at s->pc. */
static void translate_one(DisasContext *s)
{
    s->is_jmp = DISAS_NEXT;
    s->consumed = 0;
    for (unsigned k = 0; k < s->nb_skip; k++) {
        if (s->skip_pc[k] == s->pc) {
            s->skip_pc[k] = s->skip_pc[--s->nb_skip];
            return;
        }
    }
    if (!mips_decode_int(s, s->insn)) {
        gen_reserved(s);
    }
}

/* Fetch fault at `pc` (reported for the insn at `epc`): SIGSEGV. */
static void gen_fetch_fault(DisasContext *s, uint32_t pc, uint32_t epc)
{
    ir_insn_start(s->f, epc);
    ir_stenv_i32(s->f, tconst(s, pc), ENV_OFF(badvaddr));
    ir_stenv_i32(s->f, tconst(s, epc), ENV_OFF(exception_insn));
    gen_set_pc(s, epc);
    ir_exit_tb(s->f, MIPS_EXCP_FETCH);
}

/*
 * The branch just translated at s->pc: translate its delay slot and emit the branch, or
 * split it from its slot. Returns the end address of the guest code covered.
 */
static uint32_t translate_branch(DisasContext *s)
{
    Branch br = branch_save(s);
    uint32_t slot_pc = br.pc + 4;
    uint32_t insn;

    if (s->nb_insns >= s->max_insns ||
        (slot_pc & GUEST_PAGE_MASK) != (br.pc & GUEST_PAGE_MASK) ||
        !fetch_insn(s, slot_pc, &insn)) {
        gen_branch_split(s, &br);
        return slot_pc;
    }

    bool likely = br.kind == BR_COND && br.likely;
    IRLabel not_taken = 0;
    if (likely) {
        not_taken = ir_new_label(s->f);
        ir_brcond_i32(s->f, ir_cond_invert(br.cmp), br.a, br.b, not_taken);
    }
    s->pc = slot_pc;
    s->insn = insn;
    s->in_delay_slot = true;
    ir_insn_start(s->f, br.pc);
    translate_one(s);
    s->nb_insns++;
    switch (s->is_jmp) {
    case DISAS_NORETURN:
        break;
    case DISAS_BRANCH: {
        IRTemp first = branch_resolve(s, &br);
        gen_branch_in_slot(s, first);
        break;
    }
    default:
        gen_branch_finish(s, &br, s->is_jmp == DISAS_NEXT);
        break;
    }
    if (likely) {
        ir_set_label(s->f, not_taken);
        gen_goto_tb(s, br.pc + 8, false, true);
    }
    s->is_jmp = DISAS_NORETURN;
    return slot_pc + 4;
}

/* A TB with MIPS_TBFLAG_DS: its first insn is the delay slot of the branch at pc - 4. */
static uint32_t translate_ds_tb(DisasContext *s)
{
    IRFunc *f = s->f;
    uint32_t pc = s->pc;
    if (!fetch_insn(s, pc, &s->insn)) {
        gen_set_ds(s, 0);
        gen_fetch_fault(s, pc, pc - 4);
        return 4;
    }
    /* Cleared first: every exit of this TB, exceptions included, leaves the slot. */
    gen_set_ds(s, 0);
    s->in_delay_slot = true;
    ir_insn_start(f, pc - 4);
    translate_one(s);
    s->nb_insns++;
    if (s->is_jmp == DISAS_NORETURN) {
        return 4;
    }
    IRTemp dest = new_tmp(s);
    ir_ldenv_i32(f, dest, ENV_OFF(btarget));
    if (s->is_jmp == DISAS_BRANCH) {
        gen_branch_in_slot(s, dest);
    } else {
        ir_mov_i32(f, cpu_pc, dest);
        ir_exit_tb(f, 0);
    }
    s->is_jmp = DISAS_NORETURN;
    return 4;
}

uint32_t mips_translate(IRFunc *f, uint32_t pc, uint32_t flags, unsigned max_insns)
{
    DisasContext ctx = { 0 };
    DisasContext *s = &ctx;
    uint32_t start = pc;

    s->f = f;
    s->pc = pc;
    s->big_endian = guest_arch->big_endian;
    s->fr = (flags & MIPS_TBFLAG_FR) != 0;
    s->fp_traps = (flags & MIPS_TBFLAG_TRAPS) != 0;
    s->tb_pc = pc;
    s->tb_flags = flags;
    s->is_jmp = DISAS_NEXT;
    if (max_insns == 0 || max_insns > 64) {
        max_insns = 64;
    }
    s->max_insns = max_insns;

    if (pc & 3) {
        /* Fetch from a misaligned pc (a jump to an odd address): address error, SIGBUS. */
        ir_insn_start(f, pc);
        if (flags & MIPS_TBFLAG_DS) {
            gen_set_ds(s, 0);
        }
        ir_stenv_i32(f, tconst(s, pc), ENV_OFF(badvaddr));
        gen_exit_excp(s, MIPS_EXCP_ADEL);
        return 4;
    }
    if (flags & MIPS_TBFLAG_DS) {
        return translate_ds_tb(s);
    }

    for (;;) {
        if (!fetch_insn(s, s->pc, &s->insn)) {
            if (s->nb_insns == 0) {
                gen_fetch_fault(s, s->pc, s->pc);
                return 4;
            }
            /* End the TB before the unfetchable insn; the next TB raises the fault. */
            gen_goto_tb(s, s->pc, false, true);
            return s->pc - start;
        }
        ir_insn_start(f, s->pc);
        translate_one(s);
        s->nb_insns++;
        if (s->consumed) {
            s->nb_insns += s->consumed;
            s->pc += 4 * s->consumed;
        }
        if (s->is_jmp == DISAS_BRANCH) {
            return translate_branch(s) - start;
        }
        if (s->is_jmp != DISAS_NEXT) {
            switch (s->is_jmp) {
            case DISAS_JUMP:
                ir_exit_tb(f, 0);
                break;
            case DISAS_UPDATE:
                gen_set_pc(s, s->pc + 4);
                ir_exit_tb(f, 0);
                break;
            default:
                break;
            }
            return s->pc + 4 - start;
        }
        s->pc += 4;
        if (s->nb_insns >= max_insns ||
            (s->pc & GUEST_PAGE_MASK) != (start & GUEST_PAGE_MASK)) {
            gen_goto_tb(s, s->pc, false, true);
            return s->pc - start;
        }
    }
}
