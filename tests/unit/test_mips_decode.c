/*
 * MIPS integer decoder tests: every entry of mips_int_table is reachable, sample
 * encodings (assembled by mipsel-linux-gnu-as) land on the expected handler, and the
 * translator produces valid IR for every entry (random field values, both byte orders,
 * mid-page, at a page end, with the delay-slot TB flag) and has the expected TB shapes:
 * a branch whose slot is on the next page ends the TB after the branch, LWL/LWR pairs
 * become one load, a misaligned pc raises an address error.
 */
#include <glib.h>
#include <string.h>
#include <sys/mman.h>

#include "frontend/mips/cpu.h"
#include "frontend/mips/translate.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"
#include "test_rng.h"

extern const GuestArch mips_guest_arch_be, mips_guest_arch_le;

#define CODE_BASE 0x10000000u

static void test_reachable(void)
{
    char *report;
    int bad = decode_table_check(&mips_int_table, NULL, &report);
    if (bad) {
        g_printerr("%s", report);
    }
    g_assert_cmpint(bad, ==, 0);
    g_free(report);
}

static const struct {
    uint32_t insn;
    const char *entry;
} samples[] = {
    { 0x00000000, "SLL" }, /* nop */
    { 0x00000040, "SLL" }, /* ssnop */
    { 0x000000c0, "SLL" }, /* ehb */
    { 0x00031100, "SLL" }, /* sll v0,v1,0x4 */
    { 0x00031102, "SRL" }, /* srl v0,v1,0x4 */
    { 0x00031103, "SRA" }, /* sra v0,v1,0x4 */
    { 0x00831004, "SHIFTV" }, /* sllv v0,v1,a0 */
    { 0x00831006, "SHIFTV" }, /* srlv v0,v1,a0 */
    { 0x00831007, "SHIFTV" }, /* srav v0,v1,a0 */
    { 0x03e00008, "JR" }, /* jr ra */
    { 0x03e00408, "JR" }, /* jr.hb ra */
    { 0x0320f809, "JALR" }, /* jalr t9 */
    { 0x03201409, "JALR" }, /* jalr.hb v0,t9 */
    { 0x0064100a, "MOVZ" }, /* movz v0,v1,a0 */
    { 0x0064100b, "MOVZ" }, /* movn v0,v1,a0 */
    { 0x0000000c, "SYSCALL" }, /* syscall */
    { 0x0007000d, "BREAK" }, /* break 0x7 */
    { 0x0000000f, "SYNC" }, /* sync */
    { 0x00001010, "MFHI" }, /* mfhi v0 */
    { 0x00400011, "MTHI" }, /* mthi v0 */
    { 0x00001012, "MFHI" }, /* mflo v0 */
    { 0x00400013, "MTHI" }, /* mtlo v0 */
    { 0x00430018, "MULT" }, /* mult v0,v1 */
    { 0x00430019, "MULT" }, /* multu v0,v1 */
    { 0x0043001a, "DIV" }, /* div zero,v0,v1 */
    { 0x0043001b, "DIV" }, /* divu zero,v0,v1 */
    { 0x00641020, "ADD" }, /* add v0,v1,a0 */
    { 0x00641021, "ADD" }, /* addu v0,v1,a0 */
    { 0x00641022, "SUB" }, /* sub v0,v1,a0 */
    { 0x00641023, "SUB" }, /* subu v0,v1,a0 */
    { 0x00641024, "LOGIC" }, /* and v0,v1,a0 */
    { 0x00641025, "LOGIC" }, /* or v0,v1,a0 */
    { 0x00641026, "LOGIC" }, /* xor v0,v1,a0 */
    { 0x00641027, "LOGIC" }, /* nor v0,v1,a0 */
    { 0x0064102a, "SLT" }, /* slt v0,v1,a0 */
    { 0x0064102b, "SLT" }, /* sltu v0,v1,a0 */
    { 0x00430030, "TRAP" }, /* tge v0,v1 */
    { 0x00430031, "TRAP" }, /* tgeu v0,v1 */
    { 0x00430032, "TRAP" }, /* tlt v0,v1 */
    { 0x00430033, "TRAP" }, /* tltu v0,v1 */
    { 0x004301f4, "TRAP" }, /* teq v0,v1,0x7 */
    { 0x00430036, "TRAP" }, /* tne v0,v1 */
    { 0x0440ffff, "REGIMM_B" }, /* bltz v0,0xb0 */
    { 0x0441ffff, "REGIMM_B" }, /* bgez v0,0xb4 */
    { 0x0442ffff, "REGIMM_B" }, /* bltzl v0,0xb8 */
    { 0x0443ffff, "REGIMM_B" }, /* bgezl v0,0xbc */
    { 0x04480005, "TRAPI" }, /* tgei v0,5 */
    { 0x04490005, "TRAPI" }, /* tgeiu v0,5 */
    { 0x044a0005, "TRAPI" }, /* tlti v0,5 */
    { 0x044b0005, "TRAPI" }, /* tltiu v0,5 */
    { 0x044c0005, "TRAPI" }, /* teqi v0,5 */
    { 0x044e0005, "TRAPI" }, /* tnei v0,5 */
    { 0x0450ffff, "REGIMM_B" }, /* bltzal v0,0xd8 */
    { 0x0451ffff, "REGIMM_B" }, /* bgezal v0,0xdc */
    { 0x0452ffff, "REGIMM_B" }, /* bltzall v0,0xe0 */
    { 0x0453ffff, "REGIMM_B" }, /* bgezall v0,0xe4 */
    { 0x0411ffff, "REGIMM_B" }, /* bal 0xe8 */
    { 0x045f0000, "NOP" }, /* synci 0(v0) */
    { 0x08000000, "J" }, /* j 0x0 */
    { 0x0c000000, "J" }, /* jal 0x0 */
    { 0x1043ffff, "BEQ" }, /* beq v0,v1,0xf8 */
    { 0x1443ffff, "BEQ" }, /* bne v0,v1,0xfc */
    { 0x1840ffff, "BLEZ" }, /* blez v0,0x100 */
    { 0x1c40ffff, "BLEZ" }, /* bgtz v0,0x104 */
    { 0x1000ffff, "BEQ" }, /* b 0x108 */
    { 0x2062ffff, "ADDI" }, /* addi v0,v1,-1 */
    { 0x2462ffff, "ADDI" }, /* addiu v0,v1,-1 */
    { 0x28620005, "SLTI" }, /* slti v0,v1,5 */
    { 0x2c620005, "SLTI" }, /* sltiu v0,v1,5 */
    { 0x30620005, "LOGICI" }, /* andi v0,v1,0x5 */
    { 0x34620005, "LOGICI" }, /* ori v0,v1,0x5 */
    { 0x38620005, "LOGICI" }, /* xori v0,v1,0x5 */
    { 0x3c020005, "LUI" }, /* lui v0,0x5 */
    { 0x40026000, "RESERVED" }, /* mfc0 v0,c0_status */
    { 0x44020000, "FPU" }, /* mfc1 v0,$f0 */
    { 0x44820000, "FPU" }, /* mtc1 v0,$f0 */
    { 0x46020800, "FPU" }, /* add.s $f0,$f1,$f2 */
    { 0x00601001, "FPU" }, /* movf v0,v1,$fcc0 */
    { 0x4c231020, "FPU" }, /* madd.s $f0,$f1,$f2,$f3 */
    { 0x4c62000f, "NOP" }, /* prefx 0x0,v0(v1) */
    { 0x5043ffff, "BEQ" }, /* beql v0,v1,0x148 */
    { 0x5443ffff, "BEQ" }, /* bnel v0,v1,0x14c */
    { 0x5840ffff, "BLEZ" }, /* blezl v0,0x150 */
    { 0x5c40ffff, "BLEZ" }, /* bgtzl v0,0x154 */
    { 0x70430000, "MADD" }, /* madd v0,v1 */
    { 0x70430001, "MADD" }, /* maddu v0,v1 */
    { 0x70641002, "MUL" }, /* mul v0,v1,a0 */
    { 0x70430004, "MADD" }, /* msub v0,v1 */
    { 0x70430005, "MADD" }, /* msubu v0,v1 */
    { 0x70621020, "CLZ" }, /* clz v0,v1 */
    { 0x70621021, "CLZ" }, /* clo v0,v1 */
    { 0x7000003f, "RESERVED" }, /* sdbbp */
    { 0x7c622100, "EXT" }, /* ext v0,v1,0x4,0x5 */
    { 0x7c624104, "INS" }, /* ins v0,v1,0x4,0x5 */
    { 0x7c0310a0, "WSBH" }, /* wsbh v0,v1 */
    { 0x7c031420, "SEB" }, /* seb v0,v1 */
    { 0x7c031620, "SEH" }, /* seh v0,v1 */
    { 0x7c03e83b, "RDHWR" }, /* rdhwr v1,$29 */
    { 0x80620004, "LOAD" }, /* lb v0,4(v1) */
    { 0x84620004, "LOAD" }, /* lh v0,4(v1) */
    { 0x88620004, "LWLR" }, /* lwl v0,4(v1) */
    { 0x8c620004, "LOAD" }, /* lw v0,4(v1) */
    { 0x90620004, "LOAD" }, /* lbu v0,4(v1) */
    { 0x94620004, "LOAD" }, /* lhu v0,4(v1) */
    { 0x98620004, "LWLR" }, /* lwr v0,4(v1) */
    { 0xa0620004, "STORE" }, /* sb v0,4(v1) */
    { 0xa4620004, "STORE" }, /* sh v0,4(v1) */
    { 0xa8620004, "LWLR" }, /* swl v0,4(v1) */
    { 0xac620004, "STORE" }, /* sw v0,4(v1) */
    { 0xb8620004, "LWLR" }, /* swr v0,4(v1) */
    { 0xbc600004, "RESERVED" }, /* cache 0x0,4(v1) */
    { 0x0000000f, "SYNC" }, /* sync */
    { 0xc0620004, "LL" }, /* ll v0,4(v1) */
    { 0xc4620004, "FPU" }, /* lwc1 $f2,4(v1) */
    { 0xcc600004, "NOP" }, /* pref 0x0,4(v1) */
    { 0xd4620004, "FPU" }, /* ldc1 $f2,4(v1) */
    { 0xe0620004, "SC" }, /* sc v0,4(v1) */
    { 0xe4620004, "FPU" }, /* swc1 $f2,4(v1) */
    { 0xf4620004, "FPU" }, /* sdc1 $f2,4(v1) */
    { 0xc8620004, "RESERVED" }, /* lwc2 $2,4(v1) */
    { 0x00231102, "SRL" }, /* rotr v0,v1,0x4 */
    { 0x00831046, "ROTRV" }, /* rotrv v0,v1,a0 */
};

static void test_samples(void)
{
    decode_table_init(&mips_int_table);
    for (size_t k = 0; k < G_N_ELEMENTS(samples); k++) {
        const DecodeEntry *e = decode_lookup(&mips_int_table, samples[k].insn);
        if (!e || strcmp(e->name, samples[k].entry) != 0) {
            g_printerr("%08x decodes as %s, want %s\n", samples[k].insn, e ? e->name : "nothing",
                       samples[k].entry);
        }
        g_assert_nonnull(e);
        g_assert_cmpstr(e->name, ==, samples[k].entry);
    }
}

/* ---- Translation ---- */

static void put_word(uint32_t addr, uint32_t w)
{
    if (guest_arch->big_endian) {
        w = __builtin_bswap32(w);
    }
    memcpy(g2h(addr), &w, 4);
}

/* Translates at pc; checks the IR before and after optimization. Returns the size. */
static uint32_t translate_checked(uint32_t pc, uint32_t flags, unsigned max, IRFunc *out)
{
    IRFunc f;
    ir_func_init(&f);
    uint32_t size = guest_arch->translate(&f, pc, flags, max);
    if (!ir_verify(&f, stderr)) {
        ir_print(&f, stderr);
        g_error("invalid IR at %08x flags %x", pc, flags);
    }
    if (out) {
        *out = f;
        return size;
    }
    ir_optimize(&f);
    if (!ir_verify(&f, stderr)) {
        ir_print(&f, stderr);
        g_error("invalid optimized IR at %08x flags %x", pc, flags);
    }
    ir_func_free(&f);
    return size;
}

static void setup_once(void)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    g_assert_true(mmu_init());
    guest_arch->init();
    int64_t a = mmu_mmap(CODE_BASE, 2 * GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    g_assert_cmpint(a, ==, (int64_t)CODE_BASE);
}

static unsigned count_ops(const IRFunc *f, IROpcode op)
{
    unsigned n = 0;
    for (uint32_t k = 0; k < f->nb_insns; k++) {
        n += f->insns[k].op == op;
    }
    return n;
}

static void test_translate_all(gconstpointer be)
{
    guest_arch = be ? &mips_guest_arch_be : &mips_guest_arch_le;
    setup_once();
    Rng r = { 0x1234567 + (be ? 1 : 0) };
    const uint32_t mid = CODE_BASE + 0x100, end = CODE_BASE + GUEST_PAGE_SIZE - 4;
    for (size_t k = 0; k < mips_int_table.nb_entries; k++) {
        const DecodeEntry *e = &mips_int_table.entries[k];
        for (int n = 0; n < 50; n++) {
            uint32_t w = e->match | (rng32(&r) & ~e->mask);
            uint32_t w2 = e->match | (rng32(&r) & ~e->mask); /* in the delay slot */
            put_word(mid, w);
            put_word(mid + 4, w2);
            put_word(mid + 8, 0x0000000c);
            put_word(end, w);
            put_word(end + 4, 0x0000000c);
            uint32_t flags = (uint32_t)rng_below(&r, 8) & ~MIPS_TBFLAG_DS;
            uint32_t size = translate_checked(mid, flags, 64, NULL);
            g_assert_cmpuint(size, >=, 4);
            g_assert_cmpuint(size, <=, 12);
            g_assert_cmpuint(translate_checked(mid, flags, 1, NULL), <=, 8);
            g_assert_cmpuint(translate_checked(mid, flags | MIPS_TBFLAG_DS, 64, NULL), ==, 4);
            g_assert_cmpuint(translate_checked(end, flags, 64, NULL), ==, 4);
            g_assert_cmpuint(translate_checked(end + 4, flags | MIPS_TBFLAG_DS, 64, NULL), ==, 4);
        }
    }
}

/* beq v0, v1, +16 at the last word of a page: the slot goes to a MIPS_TBFLAG_DS TB. */
static void test_page_end_branch(void)
{
    guest_arch = &mips_guest_arch_le;
    setup_once();
    uint32_t pc = CODE_BASE + GUEST_PAGE_SIZE - 8;
    put_word(pc, 0x00000000);          /* nop */
    put_word(pc + 4, 0x10430004);      /* beq v0, v1, +16 */
    put_word(pc + 8, 0x24420001);      /* addiu v0, v0, 1 (slot, next page) */
    IRFunc f;
    g_assert_cmpuint(translate_checked(pc, 0, 64, &f), ==, 8);
    unsigned stenv = 0;
    for (uint32_t k = 0; k < f.nb_insns; k++) {
        stenv += f.insns[k].op == IR_OP_stenv_i32 &&
                 (int32_t)ir_insn_cst(&f.insns[k], 0) == ENV_OFF(ds);
    }
    g_assert_cmpuint(stenv, ==, 1);
    g_assert_cmpuint(count_ops(&f, IR_OP_goto_tb), ==, 1);
    ir_func_free(&f);
    /* The slot TB: one insn, then env->btarget. */
    g_assert_cmpuint(translate_checked(pc + 8, MIPS_TBFLAG_DS, 64, &f), ==, 4);
    g_assert_cmpuint(count_ops(&f, IR_OP_ldenv_i32), ==, 1);
    g_assert_cmpuint(count_ops(&f, IR_OP_goto_tb), ==, 0);
    ir_func_free(&f);
}

/* A counted loop branching to its own start marks the loop slot. */
static void test_loop_slot(void)
{
    guest_arch = &mips_guest_arch_le;
    setup_once();
    uint32_t pc = CODE_BASE + 0x200;
    put_word(pc, 0x2442ffff);      /* addiu v0, v0, -1 */
    put_word(pc + 4, 0x1440fffe);  /* bnez v0, pc */
    put_word(pc + 8, 0x24630001);  /* addiu v1, v1, 1 */
    IRFunc f;
    g_assert_cmpuint(translate_checked(pc, 0, 64, &f), ==, 12);
    g_assert_cmpint(f.loop_slot, ==, 0);
    ir_func_free(&f);
    /* Not with the delay-slot flag (a different TB key). */
    g_assert_cmpuint(translate_checked(pc + 8, MIPS_TBFLAG_DS, 64, &f), ==, 4);
    g_assert_cmpint(f.loop_slot, ==, -1);
    ir_func_free(&f);
}

/* lwl/lwr pairs in both byte orders become one unaligned 32-bit load. */
static void test_unaligned_pairs(void)
{
    for (int be = 0; be < 2; be++) {
        guest_arch = be ? &mips_guest_arch_be : &mips_guest_arch_le;
        setup_once();
        uint32_t pc = CODE_BASE + 0x300;
        IRFunc f;
        /* LE: lwl v0, 3(a0); lwr v0, 0(a0). BE: lwl v0, 0(a0); lwr v0, 3(a0). */
        put_word(pc, be ? 0x88820000 : 0x88820003);
        put_word(pc + 4, be ? 0x98820003 : 0x98820000);
        put_word(pc + 8, 0x0000000c);
        g_assert_cmpuint(translate_checked(pc, 0, 64, &f), ==, 12);
        g_assert_cmpuint(count_ops(&f, IR_OP_ld_i32), ==, 1);
        ir_func_free(&f);
        /* The other byte order's pair is two separate merges. */
        put_word(pc, be ? 0x88820003 : 0x88820000);
        put_word(pc + 4, be ? 0x98820000 : 0x98820003);
        g_assert_cmpuint(translate_checked(pc, 0, 64, &f), ==, 12);
        g_assert_cmpuint(count_ops(&f, IR_OP_ld_i32), ==, 2);
        ir_func_free(&f);
        /* Base overwritten by the first: not a pair. lwl a0, 3(a0); lwr a0, 0(a0) */
        put_word(pc, be ? 0x88840000 : 0x88840003);
        put_word(pc + 4, be ? 0x98840003 : 0x98840000);
        g_assert_cmpuint(translate_checked(pc, 0, 64, &f), ==, 12);
        g_assert_cmpuint(count_ops(&f, IR_OP_ld_i32), ==, 2);
        ir_func_free(&f);
        /*
         * Halves interleaved as gcc schedules them, with an independent insn between:
         * lwl v0; lwl v1; lwr v0; addiu t0, a0, 1; lwr v1 (LE offsets 3/0 and 7/4).
         * Each pair is one load.
         */
        int d = be ? -3 : 0; /* BE: lwl at the low offset, lwr 3 above */
        put_word(pc, 0x88820003 + d);            /* lwl v0, 3(a0)  / 0(a0) */
        put_word(pc + 4, 0x88830007 + d);        /* lwl v1, 7(a0)  / 4(a0) */
        put_word(pc + 8, 0x98820000 - d);        /* lwr v0, 0(a0)  / 3(a0) */
        put_word(pc + 12, 0x24880001);           /* addiu t0, a0, 1 */
        put_word(pc + 16, 0x98830004 - d);       /* lwr v1, 4(a0)  / 7(a0) */
        put_word(pc + 20, 0x0000000c);
        g_assert_cmpuint(translate_checked(pc, 0, 64, &f), ==, 24);
        g_assert_cmpuint(count_ops(&f, IR_OP_ld_i32), ==, 2);
        ir_func_free(&f);
        /* An insn between that reads the half-loaded register blocks the fusion of
         * that pair: addu t0, v1, v1 instead of the addiu (v0 still fuses). */
        put_word(pc + 12, 0x00634021);
        g_assert_cmpuint(translate_checked(pc, 0, 64, &f), ==, 24);
        g_assert_cmpuint(count_ops(&f, IR_OP_ld_i32), ==, 3);
        ir_func_free(&f);
    }
}

/* A misaligned pc (jump to an odd address) raises ADEL without fetching. */
static void test_misaligned_pc(void)
{
    guest_arch = &mips_guest_arch_le;
    setup_once();
    IRFunc f;
    g_assert_cmpuint(translate_checked(CODE_BASE + 0x402, 0, 64, &f), ==, 4);
    const IRInsn *last = &f.insns[f.nb_insns - 1];
    g_assert_cmpint(last->op, ==, IR_OP_exit_tb);
    g_assert_cmpuint(last->args[0], ==, MIPS_EXCP_ADEL);
    ir_func_free(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mips_decode/int_reachable", test_reachable);
    g_test_add_func("/mips_decode/samples", test_samples);
    g_test_add_data_func("/mips_decode/translate_all_le", GINT_TO_POINTER(0), test_translate_all);
    g_test_add_data_func("/mips_decode/translate_all_be", GINT_TO_POINTER(1), test_translate_all);
    g_test_add_func("/mips_decode/page_end_branch", test_page_end_branch);
    g_test_add_func("/mips_decode/loop_slot", test_loop_slot);
    g_test_add_func("/mips_decode/unaligned_pairs", test_unaligned_pairs);
    g_test_add_func("/mips_decode/misaligned_pc", test_misaligned_pc);
    return g_test_run();
}
