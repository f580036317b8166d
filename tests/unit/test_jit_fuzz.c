/*
 * Differential fuzzer for the execution engines. Random valid ARM instruction sequences
 * are drawn from the frontend's own decode tables (A32, T16, T32, VFP: the fixed bits of
 * a pattern, the free ones random) and run from one random initial state through
 * cpu_exec(), as a guest thread would: on the IR interpreter with the IR unoptimized
 * (the reference; `-d noopt`), then on the JIT with fresh TBs, with TBs left cached and
 * chained by runs of the same code from other states, and for every third case with one
 * insn per TB. Every piece of guest
 * state must come out identical: the exit code, registers, flags, IT state, FPSCR, VFP
 * registers, exclusive monitor, TLS registers, the whole data region, and for a host
 * fault the signal, faulting address and faulting insn.
 *
 * A sequence must end: an encoding is kept only if translating it followed by an SVC
 * covers both (trial translation at a scratch page), which rejects every branch, PC
 * write, exception and undefined encoding whatever its table entry is called. Control
 * flow comes back in controlled form: forward branches inside the sequence, A32<->Thumb
 * switches by BLX, ISB (ends the TB), Thumb IT blocks, code across a page boundary.
 * Each sequence ends with a terminator (mostly SVC; sometimes UDF, BKPT or YIELD).
 *
 * Advanced SIMD element/structure loads and stores (VLD1-4/VST1-4: multiple structures,
 * one lane, all lanes; A32 and T32), in the neon modes: from a random base they would
 * nearly always fault, so each is drawn from the NEON_LS / NEON_LS_T32 entry (fixed
 * bits from the pattern, the rest random: forms, sizes, alignment hints, registers) with
 * Rn forced to a base register that MOVW/MOVT first set (or SP as it is), and Rm = 15
 * (no writeback), 13 (post-increment by the transfer size) or a register (post-index by
 * its value); the trial translation rejects the UNDEFINED ones. The base is mostly in the
 * data region, else so that the access crosses into the read-only page (stores fault
 * part way, after writing the bytes before it), past it (loads fault part way), or starts
 * below the region; mostly aligned as the hint wants, else an alignment fault (SIGBUS,
 * the ALIGN exit) unless it happens to be aligned. The fuzz tests count how many ran to
 * completion in the reference run, and how many ended the run by a host or alignment
 * fault, and require some of each.
 *
 * Counted loops: in one case of four (in any mode, A32 or Thumb at that point) the
 * sequence also holds a loop of 1..5 iterations:
 *       MOVW/MOVT rB, edge    (sometimes: the walker's base; and its Rm, VLDn/VSTn)
 *       MOV   rC, #k          (rC per case: any register but SP and PC)
 *       ISB                   (sometimes: the first iteration starts a TB at head too)
 *     head:
 *       ...                   (1..12 insns: drawn, IT blocks, exclusive pairs, the walker;
 *                              in about a third of the loops also forward branches that
 *                              stay inside the body and ISB; the others' body is the
 *                              whole TB)
 *       SUBS  rC, rC, #1
 *       B<c>  head            (or ADD + CMP + B<c> counting up, SUBS + BEQ over + B,
 *                              SUBS + IT + B, SUB + CBZ over + B; T16 and T32 forms)
 * From the second iteration on, the TB at head jumps to its own start: the JIT's
 * self-loop, with globals pinned in host registers across iterations, so a fault inside
 * the body must restore them exactly. The walker (a post-indexed, LDM/STM, VLDM/VSTM or
 * in the neon modes VLDn/VSTn access with writeback: Rm = 13, or Rm set to a step up or
 * down, aligned to the hint or not) leaves the data region at a chosen iteration, so
 * such faults come from the self-loop TB; the body's other loads and stores mostly start
 * on bases in the region (a body VLDn/VSTn sets its own base). Body insns must not write
 * rC, by the frontend's IR and by capstone (regs_write); an insn capstone cannot decode
 * stays out. Forward branches never cross the loop's set-up or control insns, and runs of
 * the cached-TB check that enter inside a loop first give rC a value the loop reaches.
 * The loop has its own random numbers: the rest of the case is the one generated without
 * it.
 *
 * Guest layout: code at CODE_BASE (2 pages, read-only for the guest), a 64 KiB RW data
 * region with a read-only page after it and nothing mapped around. Registers point into
 * the region, at its edges, or anywhere (so some accesses fault: EXCP_HOST_FAULT).
 *
 * Seeds: a fixed list always runs, plus one random seed per run, printed. Environment:
 *   XEMU_FUZZ_SEED=n       run only this seed
 *   XEMU_FUZZ_CASES=n      cases per seed and test (default DEFAULT_CASES)
 *   XEMU_FUZZ_CASE=n       run only case n, and dump it
 *   XEMU_FUZZ_VERBOSE=1    dump every case; add /jit_fuzz/coverage (entries drawn)
 *   XEMU_FUZZ_MAX_FAILS=n  report up to n mismatches per test (default 1)
 *   XEMU_FUZZ_LOG=1        -d in_asm,op,op_opt,out_asm,exec (with XEMU_FUZZ_CASE)
 * Reproduce a failure with the line it prints, e.g.
 *   XEMU_FUZZ_SEED=0x1 XEMU_FUZZ_CASE=11 test_jit_fuzz -p /jit_fuzz/a32
 */
#define _GNU_SOURCE
#include <capstone/capstone.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>


#include "frontend/arm/cpu.h"
#include "frontend/arm/translate.h"
#include "frontend/arm/neon.h"
#include "frontend/arm/vfp_helper.h"
#include "ir/interp.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"
#define FUZZ_NAME "test_jit_fuzz"
#include "fuzz_harness.h"

/* ---- Guest layout ---- */


#define MAX_BODY 20   /* random instructions per sequence, */
#define LONG_BODY 48  /* or in one case of ten (register pressure in long TBs) */
#define MAX_INSNS 128 /* with IT padding, exclusive pairs, switches, terminator */

#define LOOP_PCT 25      /* cases with a counted loop */
#define MAX_LOOP_BODY 12 /* insns in its body (an exclusive pair may add a few) */
#define MAX_LOOP_COUNT 5 /* iterations */

/* Default volume: cases per seed and test (divided under sanitizers). */
#define DEFAULT_CASES 500
#define SANITIZER_DIVISOR 5

static const uint64_t fixed_seeds[] = { 1, 2, 0x5eed0003, 0xc0ffee };

/* ---- Instruction pools from the decode tables ---- */

typedef struct Pool {
    DecodeTable *table;
    const DecodeEntry **entries;
    unsigned *hits; /* per entry: encodings generated and kept */
    unsigned n;
} Pool;

static Pool pool_a32, pool_a32_uncond, pool_t16, pool_t32, pool_vfp, pool_neon, pool_neon_xfer;

/*
 * Advanced SIMD element/structure loads/stores (VLD1-4/VST1-4) are drawn from their own
 * decode-table entries, NEON_LS (A32) and NEON_LS_T32, not from the pools: their base
 * register is set first (gen_neon_ls, the walker). Generated and kept, by form: multiple
 * structures, one lane, all lanes; loads and stores.
 */
static const DecodeEntry *neon_ls_a32, *neon_ls_t32;
static unsigned neon_ls_hits[3][2];

/*
 * Entries not worth drawing: control flow and exceptions (the trial translation would
 * reject them anyway; this only saves time), the coprocessor forwarders (VFP encodings
 * come from pool_vfp, Advanced SIMD data processing and transfers from pool_neon and
 * pool_neon_xfer; Advanced SIMD loads/stores from random bases would nearly always
 * fault: gen_neon_ls draws them with a base set first), and IT (generated explicitly so
 * the IT state is tracked).
 */
static const char *const pool_skip[] = {
    "B", "BL", "BX", "BLX_reg", "BKPT", "UDF", "SVC", "VFP", "BLX_imm",
    "BX_T16", "BLX_reg_T16", "CBZ_T16", "BKPT_T16", "UDF_T16", "SVC_T16", "B_cond_T16",
    "B_T16", "IT_T16",
    "TBB_TBH_T32", "B_cond_T32", "B_T32", "BL_T32", "BLX_T32", "BXJ_T32", "UDF_T32",
    "VFP_T32", "NEON_DP", "NEON_DP_T32", "NEON_LS", "NEON_LS_T32",
    NULL,
};

static void pool_init(Pool *p, DecodeTable *t)
{
    decode_table_init(t);
    p->table = t;
    p->entries = g_new0(const DecodeEntry *, t->nb_entries);
    p->hits = g_new0(unsigned, t->nb_entries);
    p->n = 0;
    for (size_t k = 0; k < t->nb_entries; k++) {
        if (!g_strv_contains(pool_skip, t->entries[k].name)) {
            p->entries[p->n++] = &t->entries[k];
        }
    }
    g_assert_cmpuint(p->n, >, 0);
}

/* A random encoding of a random entry: fixed bits from the pattern, the rest random. */
static uint32_t pool_draw(Pool *p, Rng *r, unsigned *idx)
{
    *idx = rng_below(r, p->n);
    const DecodeEntry *e = p->entries[*idx];
    uint32_t w = e->match | (rng32(r) & ~e->mask);
    return p->table->width == 16 ? (w & 0xffff) : w;
}

/* ---- Generated cases ---- */

typedef enum Kind {
    K_PLAIN,  /* drawn from a table */
    K_IT,     /* Thumb IT */
    K_ISB,    /* ends the TB, continues */
    K_BRANCH, /* forward branch inside the segment */
    K_SWITCH, /* BLX to the other instruction set, at the next insn */
    K_PAD,    /* never executed: aligns the A32 code after a Thumb BLX */
    K_TERM,   /* ends the sequence */
    K_LOOP,   /* a loop's count set-up (MOV) or update (SUBS, ADD, CMP) */
    K_BACK,   /* a loop's branches: back to its head, or over that to leave */
} Kind;

/* Forward branch encodings. */
enum { BT_A32, BT_T16_COND, BT_T16, BT_T32_COND, BT_T32, BT_CBZ };

typedef struct Insn {
    uint32_t addr;
    uint32_t word;     /* A32 word, T16 halfword, or T32 (hw1 << 16) | hw2 */
    uint8_t size;
    bool thumb;
    uint8_t itstate;   /* IT state this insn executes under */
    uint8_t kind;
    uint8_t btype, cond, skip, cbz_rn;
    bool cbz_nz;
    bool neon_ls;      /* an Advanced SIMD element/structure load or store */
    uint8_t target;    /* K_BRANCH: index of the insn it branches to */
    const char *name;  /* table entry or pseudo-op name */
} Insn;

typedef struct Mode {
    const char *name;
    bool thumb;
    unsigned vfp_pct;    /* share of VFP encodings */
    unsigned branch_pct; /* forward branches */
    unsigned switch_pct; /* A32 <-> Thumb switches */
    unsigned neon_pct;   /* share of Advanced SIMD encodings (before the VFP draw) */
} Mode;

static const Mode modes[] = {
    { "a32", false, 6, 5, 3 },
    { "thumb", true, 6, 5, 3 },
    { "vfp-a32", false, 70, 2, 0 },
    { "vfp-t32", true, 70, 2, 0 },
    { "neon-a32", false, 10, 2, 0, 65 },
    { "neon-t32", true, 10, 2, 0, 65 },
};

/* Loop control forms. */
enum {
    LK_SUBS, /* SUBS rC, rC, #1; B<c> head */
    LK_UP,   /* ADD{S} rC, rC, #1; CMP rC, #n; B<c> head */
    LK_SKIP, /* SUBS rC, rC, #1; BEQ over; B head */
    LK_IT,   /* SUBS rC, rC, #1; IT <c>; B head (Thumb) */
    LK_CBZ,  /* SUB{S} rC, rC, #1; CBZ rC, over; B head (Thumb, rC low) */
};

/* The counted loop of a case (at most one). */
typedef struct Loop {
    bool on;
    bool whole_tb;  /* body without ISB or forward branches */
    bool self;      /* the TB at head (trial translation) ends in a jump to itself */
    bool head_tb;   /* an ISB before head: the first iteration starts a TB there too */
    uint8_t form;   /* LK_* */
    uint8_t reg;    /* rC */
    uint8_t count;  /* iterations */
    uint32_t init;  /* rC at the first iteration's head; then init + step per iteration */
    int step;
    unsigned mov, head, end; /* insn indices: MOV rC, first body insn, last loop insn */
} Loop;

typedef struct Case {
    const Mode *mode;
    uint64_t seed;
    unsigned index;
    Insn insns[MAX_INSNS];
    unsigned nb_insns;
    unsigned term;     /* index of the terminator */
    Loop loop;
    CPUARMState init;
    uint8_t *mem;      /* DATA_SIZE bytes: initial data region */
} Case;

/* What one run leaves behind. */
typedef struct RunResult {
    const char *engine;
    int rc;
    CPUARMState env;
    int fault_signo, fault_code;
    uint32_t fault_addr, cur_insn_pc;
    uint8_t *mem;      /* DATA_SIZE bytes */
} RunResult;

/* ---- Process set-up (as linux-user/main.c does for an ARM guest) ---- */

static CPUState *cpu;
static csh cs_a32, cs_t32; /* capstone with details: what a loop body insn writes */
static void fuzz_setup(void)
{
    cpu = fuzz_process_setup();
    guest_arch->init_thread(cpu->env, CODE_BASE, DATA_BASE + DATA_SIZE / 2);

    pool_init(&pool_a32, &arm_a32_table);
    pool_init(&pool_a32_uncond, &arm_a32_uncond_table);
    pool_init(&pool_t16, &arm_t16_table);
    pool_init(&pool_t32, &arm_t32_table);
    pool_init(&pool_vfp, &arm_vfp_table);
    pool_init(&pool_neon, &arm_neon_table);
    pool_init(&pool_neon_xfer, &arm_neon_xfer_table);
    for (size_t k = 0; k < arm_a32_uncond_table.nb_entries; k++) {
        if (!strcmp(arm_a32_uncond_table.entries[k].name, "NEON_LS")) {
            neon_ls_a32 = &arm_a32_uncond_table.entries[k];
        }
    }
    for (size_t k = 0; k < arm_t32_table.nb_entries; k++) {
        if (!strcmp(arm_t32_table.entries[k].name, "NEON_LS_T32")) {
            neon_ls_t32 = &arm_t32_table.entries[k];
        }
    }
    g_assert_nonnull(neon_ls_a32);
    g_assert_nonnull(neon_ls_t32);

    g_assert_cmpint(cs_open(CS_ARCH_ARM, CS_MODE_ARM, &cs_a32), ==, CS_ERR_OK);
    g_assert_cmpint(cs_open(CS_ARCH_ARM, CS_MODE_THUMB, &cs_t32), ==, CS_ERR_OK);
    cs_option(cs_a32, CS_OPT_DETAIL, CS_OPT_ON);
    cs_option(cs_t32, CS_OPT_DETAIL, CS_OPT_ON);
}

/* ---- Encoders for the instructions the generator writes itself ---- */

#define A32_SVC 0xef000000u
#define A32_UDF 0xe7f000f0u
#define A32_BKPT 0xe1200070u
#define A32_YIELD 0xe320f001u
#define A32_ISB 0xf57ff06fu
#define T16_SVC 0xdf00u
#define T16_UDF 0xde00u
#define T16_BKPT 0xbe00u
#define T16_YIELD 0xbf10u
#define T16_NOP 0xbf00u
#define T32_ISB 0xf3bf8f6fu

/* B<c> <target> */
static uint32_t enc_a32_b(uint32_t pc, uint32_t target, unsigned cond)
{
    uint32_t off = target - pc - 8;
    return (cond << 28) | 0x0a000000u | ((off >> 2) & 0xffffff);
}

/* BLX <target>: to Thumb. */
static uint32_t enc_a32_blx(uint32_t pc, uint32_t target)
{
    uint32_t off = target - pc - 8;
    return 0xfa000000u | (((off >> 1) & 1) << 24) | ((off >> 2) & 0xffffff);
}

/* B<c> <target> (T1): cond 0..13, offset -256..254. */
static uint32_t enc_t16_bcond(uint32_t pc, uint32_t target, unsigned cond)
{
    return 0xd000u | (cond << 8) | (((target - pc - 4) >> 1) & 0xff);
}

/* B <target> (T2) */
static uint32_t enc_t16_b(uint32_t pc, uint32_t target)
{
    return 0xe000u | (((target - pc - 4) >> 1) & 0x7ff);
}

/* CB{N}Z <Rn>, <target>: offset 0..126. */
static uint32_t enc_t16_cbz(uint32_t pc, uint32_t target, unsigned rn, bool nz)
{
    uint32_t off = target - pc - 4;
    return 0xb100u | (nz << 11) | (((off >> 6) & 1) << 9) | (((off >> 1) & 0x1f) << 3) | rn;
}

/* B<c>.W <target> (T3): S:J2:J1:imm6:imm11:'0'. */
static uint32_t enc_t32_bcond(uint32_t pc, uint32_t target, unsigned cond)
{
    uint32_t v = target - pc - 4;
    uint32_t hw1 = 0xf000u | (((v >> 20) & 1) << 10) | (cond << 6) | ((v >> 12) & 0x3f);
    uint32_t hw2 = 0x8000u | (((v >> 18) & 1) << 13) | (((v >> 19) & 1) << 11) |
                   ((v >> 1) & 0x7ff);
    return (hw1 << 16) | hw2;
}

/* The S:I1:I2:imm10:imm11 branch forms (B.W, BLX); J = NOT(I) XOR S. */
static uint32_t enc_t32_b24(uint32_t v, uint32_t hw2_top)
{
    uint32_t s = (v >> 24) & 1, i1 = (v >> 23) & 1, i2 = (v >> 22) & 1;
    uint32_t j1 = (i1 ^ 1) ^ s, j2 = (i2 ^ 1) ^ s;
    uint32_t hw1 = 0xf000u | (s << 10) | ((v >> 12) & 0x3ff);
    uint32_t hw2 = hw2_top | (j1 << 13) | (j2 << 11) | ((v >> 1) & 0x7ff);
    return (hw1 << 16) | hw2;
}

/* B.W <target> (T4) */
static uint32_t enc_t32_b(uint32_t pc, uint32_t target)
{
    return enc_t32_b24(target - pc - 4, 0x9000u);
}

/* BLX <target>: to A32, target 4-aligned, relative to Align(PC, 4). */
static uint32_t enc_t32_blx(uint32_t pc, uint32_t target)
{
    return enc_t32_b24(target - ((pc + 4) & ~3u), 0xc000u);
}

/*
 * Data processing with an 8-bit immediate, A32 opcode numbering. CMP: Rd ignored;
 * MOV: Rn ignored.
 */
enum { DP_SUB = 2, DP_ADD = 4, DP_CMP = 10, DP_MOV = 13 };

static uint32_t enc_a32_dp_imm(unsigned op, bool s, unsigned rd, unsigned rn, unsigned imm8)
{
    rn = op == DP_MOV ? 0 : rn;
    rd = op == DP_CMP ? 0 : rd;
    s |= op == DP_CMP;
    return 0xe2000000u | (op << 21) | ((uint32_t)s << 20) | (rn << 16) | (rd << 12) | imm8;
}

/* T32 (modified immediate, T1-T3 forms): MOV = ORR with Rn 15, CMP = SUBS with Rd 15. */
static uint32_t enc_t32_dp_imm(unsigned op, bool s, unsigned rd, unsigned rn, unsigned imm8)
{
    unsigned t32op = op == DP_MOV ? 2 : op == DP_ADD ? 8 : 13;
    rn = op == DP_MOV ? 15 : rn;
    rd = op == DP_CMP ? 15 : rd;
    s |= op == DP_CMP;
    uint32_t hw1 = 0xf000u | (t32op << 5) | ((uint32_t)s << 4) | rn;
    return (hw1 << 16) | (rd << 8) | imm8;
}

/* T16 MOVS/CMP/ADDS/SUBS Rdn, #imm8 (flags set outside an IT block): low registers. */
static uint32_t enc_t16_dp_imm8(unsigned op, unsigned rdn, unsigned imm8)
{
    unsigned t16op = op == DP_MOV ? 0 : op == DP_CMP ? 1 : op == DP_ADD ? 2 : 3;
    return 0x2000u | (t16op << 11) | (rdn << 8) | imm8;
}

/* T16 ADDS/SUBS Rd, Rn, #imm3 */
static uint32_t enc_t16_addsub_imm3(unsigned op, unsigned rd, unsigned rn, unsigned imm3)
{
    return (op == DP_SUB ? 0x1e00u : 0x1c00u) | (imm3 << 6) | (rn << 3) | rd;
}

/* ---- Writing and trying code ---- */

static void put_insn(uint8_t *p, uint32_t w, unsigned size, bool thumb)
{
    if (size == 2) {
        uint16_t h = (uint16_t)w;
        memcpy(p, &h, 2);
    } else if (thumb) {
        uint16_t h[2] = { (uint16_t)(w >> 16), (uint16_t)w };
        memcpy(p, h, 4);
    } else {
        memcpy(p, &w, 4);
    }
}

static uint32_t tb_flags(bool thumb, uint32_t itstate)
{
    return thumb ? ARM_TBFLAG_THUMB | (itstate << ARM_TBFLAG_IT_SHIFT) : 0;
}

/* The IR writes core register `reg` (its global, or its env slot). */
static bool ir_writes_reg(const IRFunc *f, unsigned reg)
{
    int32_t off = ENV_OFF(regs[reg]);
    for (uint32_t n = 0; n < f->nb_insns; n++) {
        const IRInsn *i = &f->insns[n];
        for (unsigned o = 0; o < i->nb_out; o++) {
            if (i->args[o] == cpu_R[reg]) {
                return true;
            }
        }
        if (i->op == IR_OP_stenv_i32 || i->op == IR_OP_stenv_i64) {
            int32_t at = (int32_t)i->args[1], size = i->op == IR_OP_stenv_i64 ? 8 : 4;
            if (at < off + 4 && off < at + size) {
                return true;
            }
        }
    }
    return false;
}

/* Capstone's core register numbers. */
static const arm_reg cs_core_reg[16] = {
    ARM_REG_R0, ARM_REG_R1, ARM_REG_R2, ARM_REG_R3, ARM_REG_R4, ARM_REG_R5,
    ARM_REG_R6, ARM_REG_R7, ARM_REG_R8, ARM_REG_R9, ARM_REG_R10, ARM_REG_R11,
    ARM_REG_R12, ARM_REG_SP, ARM_REG_LR, ARM_REG_PC,
};

/* Capstone does not decode it, or says it writes `reg` (explicitly, implicitly, writeback). */
static bool cs_may_write(uint32_t w, unsigned size, bool thumb, unsigned reg)
{
    csh h = thumb ? cs_t32 : cs_a32;
    uint8_t buf[4];
    put_insn(buf, w, size, thumb);
    cs_insn *insn;
    size_t n = cs_disasm(h, buf, size, TRIAL_BASE, 1, &insn);
    if (n != 1) {
        return true;
    }
    bool writes = insn->size != size;
    cs_regs rd, wr;
    uint8_t nb_rd, nb_wr;
    if (cs_regs_access(h, insn, rd, &nb_rd, wr, &nb_wr) != CS_ERR_OK) {
        writes = true;
    } else {
        for (unsigned k = 0; k < nb_wr; k++) {
            writes |= wr[k] == cs_core_reg[reg];
        }
    }
    cs_free(insn, n);
    return writes;
}

/*
 * True if the insn translates without ending the TB: translated with an SVC after it,
 * the TB must cover both. This rejects branches, PC writes, exceptions, undefined and
 * declined encodings, and TB-ending insns (ISB), whatever their table entry.
 * If avoid >= 0 (in a loop body), the insn must also not write register `avoid`, neither
 * by the frontend's IR nor by capstone (which misses some writeback and MRC; the IR
 * misses nothing but is only the frontend's view), and capstone must decode it.
 */
static bool trial_ok_avoid(uint32_t w, unsigned size, bool thumb, uint32_t itstate, int avoid)
{
    uint8_t *p = g2h(TRIAL_BASE);
    put_insn(p, w, size, thumb);
    put_insn(p + size, thumb ? T16_SVC : A32_SVC, thumb ? 2 : 4, thumb);
    IRFunc f;
    ir_func_init(&f);
    uint32_t n = guest_arch->translate(&f, TRIAL_BASE, tb_flags(thumb, itstate), 2);
    bool ok = n == size + (thumb ? 2u : 4u);
    if (ok && avoid >= 0) {
        ok = !ir_writes_reg(&f, (unsigned)avoid) &&
             !cs_may_write(w, size, thumb, (unsigned)avoid);
    }
    ir_func_free(&f);
    return ok;
}

static bool trial_ok(uint32_t w, unsigned size, bool thumb, uint32_t itstate)
{
    return trial_ok_avoid(w, size, thumb, itstate, -1);
}

/* ---- The generator ---- */

typedef struct Gen {
    Case *c;
    Rng *r;
    uint32_t pc;
    bool thumb;
    uint32_t itstate; /* IT state of the next insn */
    int loop_reg;     /* inside a loop body: its counter, which nothing may write; else -1 */
} Gen;

static uint32_t it_advance(uint32_t it)
{
    return (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
}

static Insn *emit(Gen *g, Kind kind, uint32_t w, unsigned size, const char *name)
{
    g_assert_cmpuint(g->c->nb_insns, <, MAX_INSNS);
    Insn *i = &g->c->insns[g->c->nb_insns++];
    memset(i, 0, sizeof(*i));
    i->addr = g->pc;
    i->word = w;
    i->size = (uint8_t)size;
    i->thumb = g->thumb;
    i->itstate = (uint8_t)g->itstate;
    i->kind = (uint8_t)kind;
    i->name = name;
    i->neon_ls = kind == K_PLAIN && size == 4 &&
                 (w & 0xff100000u) == (g->thumb ? 0xf9000000u : 0xf4000000u);
    g->pc += size;
    if (g->thumb) {
        g->itstate = kind == K_IT ? (w & 0xff) : it_advance(g->itstate);
    }
    return i;
}

/* A32 condition for a drawn insn: mostly AL. */
static uint32_t a32_cond(Rng *r)
{
    return rng_pct(r, 75) ? 14 : rng_below(r, 14);
}

/* One drawn insn that passes the trial, or a NOP after too many tries. */
static void gen_plain(Gen *g)
{
    Rng *r = g->r;
    for (int tries = 0; tries < 64; tries++) {
        Pool *p;
        uint32_t w;
        unsigned size = 4, idx;
        if (g->c->mode->neon_pct && rng_pct(r, g->c->mode->neon_pct)) {
            /* A32 form; Thumb: 1111 001U -> 111U 1111, the cp-space transfers 1110 */
            p = rng_pct(r, 10) ? &pool_neon_xfer : &pool_neon;
            w = pool_draw(p, r, &idx);
            if (p == &pool_neon_xfer) {
                w = (w & 0x0fffffffu) | ((g->thumb ? 14 : a32_cond(r)) << 28);
            } else if (g->thumb) {
                w = 0xef000000u | (w >> 24 & 1) << 28 | (w & 0x00ffffffu);
            }
        } else if (rng_pct(r, g->c->mode->vfp_pct)) {
            p = &pool_vfp;
            w = pool_draw(p, r, &idx);
            w = (w & 0x0fffffffu) | ((g->thumb ? 14 : a32_cond(r)) << 28);
        } else if (!g->thumb) {
            p = rng_pct(r, 4) ? &pool_a32_uncond : &pool_a32;
            w = pool_draw(p, r, &idx);
            if (p == &pool_a32) {
                w = (w & 0x0fffffffu) | (a32_cond(r) << 28);
            }
        } else if (rng_pct(r, 50)) {
            p = &pool_t16;
            w = pool_draw(p, r, &idx);
            size = 2;
            if ((w & 0xff00) == 0xbf00 && (w & 0xf)) {
                continue; /* IT is generated explicitly */
            }
        } else {
            p = &pool_t32;
            w = pool_draw(p, r, &idx);
        }
        if (trial_ok_avoid(w, size, g->thumb, g->itstate, g->loop_reg)) {
            p->hits[idx]++;
            emit(g, K_PLAIN, w, size, p->entries[idx]->name);
            return;
        }
    }
    if (g->thumb) {
        emit(g, K_PLAIN, T16_NOP, 2, "NOP");
    } else {
        emit(g, K_PLAIN, 0xe320f000u, 4, "NOP");
    }
}

/* Emits a hand-made 32-bit encoding if it passes the trial, counting its table entry. */
static bool emit_checked(Gen *g, uint32_t w, const char *name)
{
    if (!trial_ok_avoid(w, 4, g->thumb, g->itstate, g->loop_reg)) {
        return false;
    }
    Pool *p = g->thumb ? &pool_t32 : &pool_a32;
    const DecodeEntry *e = decode_lookup(p->table, w);
    for (unsigned k = 0; k < p->n; k++) {
        if (p->entries[k] == e) {
            p->hits[k]++;
        }
    }
    emit(g, K_PLAIN, w, 4, name);
    return true;
}

/*
 * Encodings random bits hardly ever hit: the CP15 TLS registers and barriers (A32 and
 * T32 share the encoding), Rt random.
 */
static void gen_cp15(Gen *g)
{
    static const uint32_t cp15[] = {
        0xee1d0f70u, /* mrc p15, 0, Rt, c13, c0, 3  (TPIDRURO) */
        0xee1d0f50u, /* mrc p15, 0, Rt, c13, c0, 2  (TPIDRURW) */
        0xee0d0f50u, /* mcr p15, 0, Rt, c13, c0, 2 */
        0xee070fbau, /* mcr p15, 0, Rt, c7, c10, 5  (CP15DMB) */
        0xee070f9au, /* mcr p15, 0, Rt, c7, c10, 4  (CP15DSB) */
    };
    uint32_t w = cp15[rng_below(g->r, G_N_ELEMENTS(cp15))] | (rng_below(g->r, 15) << 12);
    if (!g->thumb) {
        w = (w & 0x0fffffffu) | (a32_cond(g->r) << 28);
    }
    if (!emit_checked(g, w, "CP15")) {
        gen_plain(g);
    }
}

/* MOVW + MOVT: Rd = v. */
static void gen_mov32(Gen *g, unsigned rd, uint32_t v)
{
    for (int top = 0; top < 2; top++) {
        uint32_t imm = top ? v >> 16 : v & 0xffff, w;
        if (!g->thumb) {
            w = 0xe3000000u | (top << 22) | ((imm >> 12) << 16) | (rd << 12) | (imm & 0xfff);
        } else {
            uint32_t hw1 = 0xf240u | (top << 7) | (((imm >> 11) & 1) << 10) | (imm >> 12);
            uint32_t hw2 = (((imm >> 8) & 7) << 12) | (rd << 8) | (imm & 0xff);
            w = (hw1 << 16) | hw2;
        }
        emit(g, K_PLAIN, w, 4, top ? "MOVT (base)" : "MOVW (base)");
    }
}

/* ---- Advanced SIMD element and structure loads/stores ---- */

/*
 * What a valid VLDn/VSTn encoding (A32 layout; T32 bits 23:0 are the same) accesses:
 * the bytes [Rn, Rn + *xfer) in address order (every form is contiguous), with Rn
 * required to be a multiple of *align by the alignment hint (1: no hint), and the
 * writeback amount for Rm = 13 (*xfer). From the ARM ARM (DDI 0406C) VLDn/VSTn decode.
 * Its form (0 multiple structures, 1 one lane, 2 all lanes) is the return value.
 */
static unsigned neon_ls_info(uint32_t w, unsigned *xfer, unsigned *align)
{
    static const uint8_t multi_regs[16] = { 4, 4, 4, 4, 3, 3, 3, 1, 2, 2, 2 };
    unsigned nn = (w >> 8) & 3, size;
    if (!(w & (1u << 23))) {                /* multiple: type 11:8, align 5:4 */
        unsigned a = (w >> 4) & 3;
        *xfer = 8 * multi_regs[(w >> 8) & 15];
        *align = a ? 4u << a : 1;
        return 0;
    }
    if (((w >> 10) & 3) == 3) {             /* all lanes: size 7:6, a 4 */
        bool a = (w >> 4) & 1;
        size = (w >> 6) & 3;
        unsigned eb = size == 3 ? 4 : 1u << size;
        *xfer = eb * (nn + 1);
        *align = !a ? 1 : nn == 0 ? eb : nn == 1 ? 2 * eb : size == 3 ? 16 : size == 2 ? 8
                                                                              : 4 * eb;
        return 2;
    }
    size = (w >> 10) & 3;                   /* one lane: index_align 7:4 */
    unsigned ia = (w >> 4) & 15, eb = 1u << size;
    bool a = size < 2 ? (ia & 1) : nn == 0 ? (ia & 3) == 3 : nn == 1 ? (ia & 1) : (ia & 3);
    *xfer = eb * (nn + 1);
    *align = !a || nn == 2 ? 1 : nn == 0 ? eb : nn == 1 ? 2 * eb
                                          : size == 2 ? 4u << (ia & 3) : 4 * eb;
    return 1;
}

/* The NEON_LS / NEON_LS_T32 entry: fixed bits from the pattern, the rest random. */
static uint32_t neon_ls_draw(Rng *r, bool thumb, unsigned rn, unsigned rm)
{
    const DecodeEntry *e = thumb ? neon_ls_t32 : neon_ls_a32;
    uint32_t w = e->match | (rng32(r) & ~e->mask);
    return (w & ~0x000f000fu) | (rn << 16) | rm;
}

static void neon_ls_count(uint32_t w)
{
    unsigned xfer, align, form = neon_ls_info(w, &xfer, &align);
    neon_ls_hits[form][form == 2 || ((w >> 21) & 1)]++;
}

/*
 * A VLDn/VSTn with its base set first: MOVW/MOVT rB (not the loop counter; or SP as it
 * is), then the encoding drawn with Rn = rB and Rm = 15 (no writeback), 13 (by the
 * transfer size) or a register (by its value). The base is mostly in the middle of the
 * data region, else just below the read-only page (loads read across it, stores fault
 * part way after writing the bytes below), just below the end of the read-only page
 * (loads fault part way), below the region or anywhere; aligned to the hint or not
 * (SIGBUS, the ALIGN exit).
 */
static void gen_neon_ls(Gen *g)
{
    Rng *r = g->r;
    unsigned rb;
    do {
        rb = rng_pct(r, 8) ? 13 : rng_below(r, 15);
    } while ((int)rb == g->loop_reg);
    bool keep_sp = rb == 13;
    /* The IT state the access executes under, after MOVW/MOVT. */
    uint32_t it = keep_sp ? g->itstate : it_advance(it_advance(g->itstate));
    uint32_t w = 0;
    bool ok = false;
    for (int tries = 0; tries < 32 && !ok; tries++) {
        unsigned k = rng_below(r, 100), rm;
        if (k < 35) {
            rm = 15;
        } else if (k < 70) {
            rm = 13;
        } else {
            do {
                rm = rng_below(r, 15);
            } while (rm == 13);
        }
        w = neon_ls_draw(r, g->thumb, rb, rm);
        ok = trial_ok_avoid(w, 4, g->thumb, it, g->loop_reg);
    }
    if (!ok) {
        gen_plain(g);
        return;
    }
    unsigned xfer, align;
    neon_ls_info(w, &xfer, &align);
    bool load = (w >> 21) & 1; /* set in the all-lanes pattern */
    unsigned k = rng_below(r, 100), inside = 1 + rng_below(r, xfer);
    uint32_t base;
    if (k < 72) {
        base = DATA_BASE + 0x100 + rng_below(r, DATA_SIZE - 0x200);
    } else if (k < 84) {
        base = RO_BASE - inside;
    } else if (k < 94) {
        base = (load ? RO_BASE + GUEST_PAGE_SIZE : RO_BASE) - inside;
    } else if (k < 98) {
        base = DATA_BASE - inside;
    } else {
        base = rng32(r);
    }
    if (rng_pct(r, 80)) {
        base &= ~(align - 1);
    }
    if (!keep_sp) {
        gen_mov32(g, rb, base);
    }
    g_assert_cmpuint(g->itstate, ==, it);
    neon_ls_count(w);
    emit(g, K_PLAIN, w, 4, g->thumb ? "NEON_LS_T32" : "NEON_LS");
}

/*
 * MOVW/MOVT of an aligned address into the data, LDREX{B,H,D}, maybe a few random insns,
 * STREX{B,H,D} on the same base: exercises the exclusive monitor, which random
 * encodings on random bases hardly reach.
 */
static void gen_exclusive(Gen *g)
{
    Rng *r = g->r;
    unsigned rt, rn, rd, avoid = (unsigned)g->loop_reg; /* the loop counter, or huge */
    do {
        rt = rng_below(r, 6) * 2;
    } while (rt == avoid || rt + 1 == avoid);
    do {
        rn = rng_below(r, 13);
    } while (rn == rt || rn == rt + 1 || rn == avoid);
    do {
        rd = rng_below(r, 13);
    } while (rd == rn || rd == rt || rd == rt + 1 || rd == avoid);
    unsigned z = rng_below(r, 4); /* A32 size field: 0 word, 1 D, 2 B, 3 H */
    uint32_t ld, st;
    if (!g->thumb) {
        uint32_t cond = a32_cond(r) << 28;
        ld = cond | 0x01900f9fu | (z << 21) | (rn << 16) | (rt << 12);
        st = cond | 0x01800f90u | (z << 21) | (rn << 16) | (rd << 12) | rt;
    } else if (z == 0) {
        ld = 0xe8500f00u | (rn << 16) | (rt << 12);
        st = 0xe8400000u | (rn << 16) | (rt << 12) | (rd << 8);
    } else if (z == 1) {
        ld = 0xe8d0007fu | (rn << 16) | (rt << 12) | ((rt + 1) << 8);
        st = 0xe8c00070u | (rn << 16) | (rt << 12) | ((rt + 1) << 8) | rd;
    } else {
        uint32_t h = (z == 3) << 4;
        ld = 0xe8d00f4fu | (rn << 16) | (rt << 12) | h;
        st = 0xe8c00f40u | (rn << 16) | (rt << 12) | h | rd;
    }
    gen_mov32(g, rn, (DATA_BASE + 0x1000 + rng_below(r, DATA_SIZE - 0x2000)) & ~7u);
    if (!emit_checked(g, ld, "LDREX (pair)")) {
        gen_plain(g);
        return;
    }
    for (unsigned k = rng_below(r, 3); k > 0; k--) {
        gen_plain(g);
    }
    if (!emit_checked(g, st, "STREX (pair)")) {
        gen_plain(g);
    }
}

/* IT{x{y{z}}} <cond>: AL only with a single-insn mask form the frontend accepts. */
static void gen_it(Gen *g)
{
    unsigned cond = rng_below(g->r, 15);
    unsigned mask = cond == 14 ? 8u >> rng_below(g->r, 4) : 1 + rng_below(g->r, 15);
    emit(g, K_IT, 0xbf00u | (cond << 4) | mask, 2, "IT");
}

static void gen_branch(Gen *g)
{
    Rng *r = g->r;
    Insn *i;
    if (!g->thumb) {
        i = emit(g, K_BRANCH, 0, 4, "B (fwd)");
        i->btype = BT_A32;
        i->cond = (uint8_t)(rng_pct(r, 40) ? 14 : rng_below(r, 14));
    } else {
        static const uint8_t types[] = { BT_T16_COND, BT_T16, BT_T32_COND, BT_T32, BT_CBZ };
        unsigned t = types[rng_below(r, 5)];
        i = emit(g, K_BRANCH, 0, t == BT_T32_COND || t == BT_T32 ? 4 : 2,
                 t == BT_CBZ ? "CBZ (fwd)" : "B (fwd)");
        i->btype = (uint8_t)t;
        i->cond = (uint8_t)rng_below(r, 14);
        i->cbz_rn = (uint8_t)rng_below(r, 8);
        i->cbz_nz = rng_pct(r, 50);
    }
    i->skip = (uint8_t)rng_below(r, 5);
}

/* Ends an open IT block with NOPs (branches, switches and terminators stay outside). */
static void close_it(Gen *g)
{
    while (g->thumb && g->itstate) {
        emit(g, K_PLAIN, T16_NOP, 2, "NOP");
    }
}

static void gen_switch(Gen *g)
{
    close_it(g);
    if (!g->thumb) {
        emit(g, K_SWITCH, enc_a32_blx(g->pc, g->pc + 4), 4, "BLX (to Thumb)");
        g->thumb = true;
    } else {
        uint32_t pc = g->pc;
        uint32_t target = (pc + 4 + 3) & ~3u;
        emit(g, K_SWITCH, enc_t32_blx(pc, target), 4, "BLX (to A32)");
        if (g->pc != target) {
            emit(g, K_PAD, rng32(g->r) & 0xffff, 2, "(pad)");
        }
        g->thumb = false;
    }
}

static void gen_term(Gen *g)
{
    close_it(g);
    Rng *r = g->r;
    unsigned k = rng_below(r, 100);
    uint32_t w;
    const char *name;
    if (k < 88) {
        w = g->thumb ? T16_SVC | rng_below(r, 256) : A32_SVC | (rng32(r) & 0xffffff);
        name = "SVC (end)";
    } else if (k < 92) {
        w = g->thumb ? T16_UDF | rng_below(r, 256) : A32_UDF;
        name = "UDF (end)";
    } else if (k < 96) {
        w = g->thumb ? T16_BKPT | rng_below(r, 256) : A32_BKPT;
        name = "BKPT (end)";
    } else {
        w = g->thumb ? T16_YIELD : A32_YIELD;
        name = "YIELD (end)";
    }
    g->c->term = g->c->nb_insns;
    emit(g, K_TERM, w, g->thumb ? 2 : 4, name);
}

/* ---- Counted loops ---- */

/* A loop's own insns: must translate and continue (checked, so an encoder bug shows). */
static void emit_loop_insn(Gen *g, uint32_t w, unsigned size, const char *name)
{
    g_assert_true(trial_ok(w, size, g->thumb, g->itstate));
    emit(g, K_LOOP, w, size, name);
}

/*
 * rC = rC op #imm (MOV: rC = #imm; CMP: flags of rC - #imm), flags if `s`. Thumb: T16
 * forms (which set flags, outside IT blocks) for low registers, else T32.
 */
static void gen_loop_alu(Gen *g, unsigned op, bool s, unsigned rc, unsigned imm,
                         const char *name)
{
    Rng *r = g->r;
    if (!g->thumb) {
        emit_loop_insn(g, enc_a32_dp_imm(op, s, rc, rc, imm), 4, name);
    } else if ((s || op == DP_CMP) && rc < 8 && rng_pct(r, 60)) {
        if ((op == DP_ADD || op == DP_SUB) && rng_pct(r, 40)) {
            emit_loop_insn(g, enc_t16_addsub_imm3(op, rc, rc, imm), 2, name);
        } else {
            emit_loop_insn(g, enc_t16_dp_imm8(op, rc, imm), 2, name);
        }
    } else {
        emit_loop_insn(g, enc_t32_dp_imm(op, s, rc, rc, imm), 4, name);
    }
}

/* B<c> target (AL: B); in Thumb the 16-bit form when it reaches and sometimes. */
static void gen_loop_branch(Gen *g, uint32_t target, unsigned cond, bool wide,
                            const char *name)
{
    uint32_t pc = g->pc, w;
    unsigned size = 4;
    if (!g->thumb) {
        w = enc_a32_b(pc, target, cond);
    } else if (cond == 14 || g->itstate) {
        int32_t off = (int32_t)(target - pc - 4);
        if (!wide && off >= -2048 && off <= 2046) {
            w = enc_t16_b(pc, target);
            size = 2;
        } else {
            w = enc_t32_b(pc, target);
        }
    } else {
        int32_t off = (int32_t)(target - pc - 4);
        if (!wide && off >= -256 && off <= 254) {
            w = enc_t16_bcond(pc, target, cond);
            size = 2;
        } else {
            w = enc_t32_bcond(pc, target, cond);
        }
    }
    emit(g, K_BACK, w, size, name);
}

/*
 * A walker for a loop body: a load or store that steps its base register rB by
 * writeback (post-indexed LDR/STR{B,H}, LDM/STM IA/DB, VLDM/VSTM IA/DB), set up here by
 * MOVW/MOVT rB before the loop so that the access crosses out of the data region at a
 * chosen iteration (or not at all): the fault then comes from the self-loop TB, where
 * globals live in pinned host registers. Returns the encoding (0: none) for gen_loop to
 * place in the body.
 */
static uint32_t gen_walker(Gen *g, unsigned rc, unsigned count)
{
    Rng *r = g->r;
    unsigned rb, rt;
    do {
        rb = rng_below(r, 13);
    } while (rb == rc);
    do {
        rt = rng_below(r, 13);
    } while (rt == rc || rt == rb);
    bool down = rng_pct(r, 50), load = rng_pct(r, 50), thumb = g->thumb;
    /* 0, 1: LDR/STR; 2: LDM/STM; 3: VLDM/VSTM (VFP modes); 4: VLDn/VSTn (NEON modes). */
    unsigned kind = g->c->mode->neon_pct && rng_pct(r, 40)
                        ? 4 : rng_below(r, g->c->mode->vfp_pct > 50 ? 4 : 3);
    uint32_t w, stride, size, align = 1, rm_step = 0;
    int rm = -1;
    if (kind == 4) {
        /* Rm = 13: up by the transfer size; else Rm (set below) by +/-stride. */
        bool by_reg = down || rng_pct(r, 40);
        if (by_reg) {
            do {
                rm = (int)rng_below(r, 15);
            } while (rm == 13 || rm == (int)rc || rm == (int)rb);
        }
        bool ok = false;
        for (int tries = 0; tries < 32 && !ok; tries++) {
            w = neon_ls_draw(r, thumb, rb, by_reg ? (unsigned)rm : 13);
            ok = trial_ok_avoid(w, 4, thumb, 0, (int)rc);
        }
        if (!ok) {
            return 0;
        }
        neon_ls_count(w);
        neon_ls_info(w, &size, &align);
        load = (w >> 21) & 1;
        stride = size;
        if (by_reg && rng_pct(r, 50)) {
            stride = 1 + rng_below(r, 64);
        }
        if (rng_pct(r, 70)) { /* every iteration aligned as the hint wants (or not) */
            stride = (stride + align - 1) & ~(align - 1);
        }
        rm_step = down ? -stride : stride;
    } else if (kind < 2) {
        unsigned sz = rng_below(r, 3); /* 0 byte, 1 half, 2 word */
        size = 1u << sz;
        stride = rng_pct(r, 50) ? size : 1 + rng_below(r, 64);
        if (!thumb) {
            if (sz == 1) { /* LDRH/STRH Rt, [Rn], #+/-imm8 */
                w = 0xe04000b0u | (!down << 23) | (load << 20) | (rb << 16) | (rt << 12) |
                    ((stride >> 4) << 8) | (stride & 0xf);
            } else {       /* LDR{B}/STR{B} Rt, [Rn], #+/-imm12 */
                w = 0xe4000000u | (!down << 23) | ((sz == 0) << 22) | (load << 20) |
                    (rb << 16) | (rt << 12) | stride;
            }
        } else {           /* LDR{B,H}.W / STR{B,H}.W Rt, [Rn], #+/-imm8 */
            uint32_t hw1 = 0xf800u | (sz << 5) | (load << 4) | rb;
            w = (hw1 << 16) | (rt << 12) | 0x900u | (!down << 9) | stride;
        }
    } else if (kind == 2) {
        uint32_t list = 0;
        unsigned n = 0;
        while (n < 2 || rng_pct(r, 40)) { /* T32 LDM/STM want two or more */
            unsigned k = rng_below(r, 13);
            if (k != rc && k != rb && !(list & (1u << k))) {
                list |= 1u << k;
                n++;
            }
            if (n == 12) {
                break;
            }
        }
        size = stride = 4 * n;
        /* IA (P=0 U=1) up, DB (P=1 U=0) down; writeback. */
        uint32_t pu = down ? 2u : 1u;
        if (!thumb) {
            w = 0xe8200000u | (pu << 23) | (load << 20) | (rb << 16) | list;
        } else {
            uint32_t hw1 = 0xe820u | (pu << 7) | (load << 4) | rb;
            w = (hw1 << 16) | list;
        }
    } else {
        unsigned n = 1 + rng_below(r, 4), d = rng_below(r, 33 - n);
        size = stride = 8 * n;
        uint32_t pu = down ? 2u : 1u;
        w = 0xec200b00u | (pu << 23) | ((d >> 4) << 22) | (load << 20) | (rb << 16) |
            ((d & 15) << 12) | (2 * n);
    }
    /*
     * Iteration i (1-based) accesses [a_i, a_i + size): post-indexed and IA from
     * rB0 + (i-1) * step, DB below rB0 - (i-1) * stride. The first access out of the
     * region is at iteration `at`, `over` bytes out.
     */
    unsigned at = 1 + rng_below(r, count + 1);
    uint32_t over = 1 + rng_below(r, MIN(stride, size));
    if (kind == 2 || kind == 3) {
        if (rng_pct(r, 80)) {
            over = (over + 3) & ~3u;
        }
    } else if (kind == 4 && !(stride & (align - 1)) && rng_pct(r, 75)) {
        over = align * (1 + rng_below(r, MIN(stride, size) / align)); /* aligned a_at */
    }
    uint32_t rb0;
    if (down) {
        uint32_t lowest = DATA_BASE - over; /* a_at */
        rb0 = kind == 2 || kind == 3 ? lowest + size + (at - 1) * stride
                                     : lowest + (at - 1) * stride;
    } else {
        uint32_t edge = load ? RO_BASE + GUEST_PAGE_SIZE : RO_BASE;
        rb0 = edge + over - size - (at - 1) * stride; /* a_at + size = edge + over */
    }
    if (kind == 4 && (stride & (align - 1)) && rng_pct(r, 50)) {
        rb0 &= ~(align - 1); /* aligned at first, not at the second iteration */
    }
    gen_mov32(g, rb, rb0);
    if (rm >= 0) {
        gen_mov32(g, (unsigned)rm, rm_step);
    }
    return w;
}

/* One step of a loop body: no switches, no branches or ISB in a whole-TB body. */
static void gen_loop_step(Gen *g, bool whole_tb)
{
    unsigned p = rng_below(g->r, 100);
    if (p < 8 && !whole_tb && g->itstate == 0) {
        gen_branch(g);
    } else if (p < 12 && !whole_tb) {
        emit(g, K_ISB, g->thumb ? T32_ISB : A32_ISB, 4, "ISB");
    } else if (p < 15) {
        gen_exclusive(g);
    } else if (p < 16) {
        gen_cp15(g);
    } else if (p < 24 && g->thumb && g->itstate == 0) {
        gen_it(g);
    } else if (g->c->mode->neon_pct && rng_pct(g->r, 8)) {
        gen_neon_ls(g);
    } else {
        gen_plain(g);
    }
}

/*
 * The counted loop (see the header), drawn from its own generator r so that the rest of
 * the case comes out as without it.
 */
static void gen_loop(Gen *g, Rng *r)
{
    Case *c = g->c;
    Loop *l = &c->loop;
    Rng *main_r = g->r;
    g->r = r;
    close_it(g);

    unsigned rc;
    do {
        rc = g->thumb && rng_pct(r, 50) ? rng_below(r, 8) : rng_below(r, 15);
    } while (rc == 13);
    unsigned form, k = 1 + rng_below(r, MAX_LOOP_COUNT), p = rng_below(r, 100);
    if (!g->thumb) {
        form = p < 45 ? LK_SUBS : p < 75 ? LK_UP : LK_SKIP;
    } else {
        form = p < 35 ? LK_SUBS : p < 60 ? LK_UP : p < 75 ? LK_SKIP : p < 90 ? LK_IT : LK_CBZ;
        if (form == LK_CBZ && rc >= 8) {
            form = LK_SUBS;
        }
    }
    /* Down-counting exits when rC reaches 0 (NE, GT, HI) or -1 (PL, GE). */
    static const uint8_t down_to_0[] = { 1, 12, 8 }, down_to_m1[] = { 5, 10 };
    unsigned cond = 1;
    bool to_m1 = false;
    if (form == LK_SUBS || form == LK_IT) {
        to_m1 = rng_pct(r, 30);
        cond = to_m1 ? down_to_m1[rng_below(r, 2)] : down_to_0[rng_below(r, 3)];
    }
    memset(l, 0, sizeof(*l));
    l->on = true;
    l->form = (uint8_t)form;
    l->reg = (uint8_t)rc;
    l->count = (uint8_t)k;
    l->init = form == LK_UP ? 0 : to_m1 ? k - 1 : k;
    l->step = form == LK_UP ? 1 : -1;
    l->whole_tb = rng_pct(r, 65);

    uint32_t walker = rng_pct(r, 50) ? gen_walker(g, rc, k) : 0;
    l->mov = c->nb_insns;
    gen_loop_alu(g, DP_MOV, rng_pct(r, 50), rc, l->init, "MOV (loop count)");
    l->head_tb = rng_pct(r, 30);
    if (l->head_tb) {
        emit(g, K_ISB, g->thumb ? T32_ISB : A32_ISB, 4, "ISB");
    }
    l->head = c->nb_insns;
    uint32_t head = g->pc;
    g->loop_reg = (int)rc;
    unsigned n = 1 + rng_below(r, MAX_LOOP_BODY), walk_at = rng_below(r, n);
    while (c->nb_insns - l->head < n && c->nb_insns < MAX_INSNS - 32) {
        if (walker && g->itstate == 0 && c->nb_insns - l->head >= walk_at) {
            emit_checked(g, walker, "walker (loop)");
            walker = 0;
        } else {
            gen_loop_step(g, l->whole_tb);
        }
    }
    close_it(g);
    g->loop_reg = -1;

    bool wide = rng_pct(r, 40);
    switch (form) {
    case LK_SUBS:
        gen_loop_alu(g, DP_SUB, true, rc, 1, "SUBS (loop)");
        gen_loop_branch(g, head, cond, wide, "B<c> (loop back)");
        break;
    case LK_UP: {
        /* Up from 0: while rC != k, rC < k (LO, LT), or rC <= k - 1 (LS, LE). */
        static const uint8_t below_k[] = { 1, 3, 11 }, upto_k1[] = { 9, 13 };
        bool le = rng_pct(r, 30);
        cond = le ? upto_k1[rng_below(r, 2)] : below_k[rng_below(r, 3)];
        gen_loop_alu(g, DP_ADD, rng_pct(r, 50), rc, 1, "ADD (loop)");
        gen_loop_alu(g, DP_CMP, true, rc, le ? k - 1 : k, "CMP (loop)");
        gen_loop_branch(g, head, cond, wide, "B<c> (loop back)");
        break;
    }
    case LK_SKIP:
    case LK_CBZ: {
        /* Leave by a forward branch over the unconditional branch back. */
        unsigned bsize = g->thumb && !wide ? 2 : 4;
        gen_loop_alu(g, DP_SUB, form == LK_SKIP || rng_pct(r, 50), rc, 1,
                     form == LK_SKIP ? "SUBS (loop)" : "SUB (loop)");
        uint32_t pc = g->pc;
        if (form == LK_CBZ) {
            emit(g, K_BACK, enc_t16_cbz(pc, pc + 2 + bsize, rc, false), 2, "CBZ (loop exit)");
        } else if (!g->thumb) {
            emit(g, K_BACK, enc_a32_b(pc, pc + 8, 0), 4, "BEQ (loop exit)");
        } else if (rng_pct(r, 50)) {
            emit(g, K_BACK, enc_t16_bcond(pc, pc + 2 + bsize, 0), 2, "BEQ (loop exit)");
        } else {
            emit(g, K_BACK, enc_t32_bcond(pc, pc + 4 + bsize, 0), 4, "BEQ (loop exit)");
        }
        gen_loop_branch(g, head, 14, wide, "B (loop back)");
        g_assert_cmpuint(c->insns[c->nb_insns - 1].size, ==, bsize);
        break;
    }
    default: /* LK_IT */
        gen_loop_alu(g, DP_SUB, true, rc, 1, "SUBS (loop)");
        emit(g, K_IT, 0xbf08u | (cond << 4), 2, "IT (loop)");
        gen_loop_branch(g, head, 14, wide, "B (loop back, in IT)");
        break;
    }
    l->end = c->nb_insns - 1;
    g->r = main_r;
}

/*
 * Most loops should run to their end: the base registers of the body's random loads and
 * stores (capstone's memory operands, LDM/STM bases) mostly start in the middle of the
 * data region. The rest, and the walker, still fault in the loop.
 */
static void loop_tame_bases(Case *c, Rng *r)
{
    const Loop *l = &c->loop;
    for (unsigned k = l->head; k <= l->end; k++) {
        const Insn *i = &c->insns[k];
        if (i->kind != K_PLAIN) {
            continue;
        }
        csh h = i->thumb ? cs_t32 : cs_a32;
        uint8_t buf[4];
        put_insn(buf, i->word, i->size, i->thumb);
        cs_insn *insn;
        size_t n = cs_disasm(h, buf, i->size, i->addr, 1, &insn);
        if (n != 1) {
            continue;
        }
        const cs_arm *d = &insn->detail->arm;
        int base = -1;
        switch (insn->id) {
        case ARM_INS_LDM: case ARM_INS_LDMDA: case ARM_INS_LDMDB: case ARM_INS_LDMIB:
        case ARM_INS_STM: case ARM_INS_STMDA: case ARM_INS_STMDB: case ARM_INS_STMIB:
        case ARM_INS_VLDMIA: case ARM_INS_VLDMDB: case ARM_INS_VSTMIA: case ARM_INS_VSTMDB:
            if (d->op_count && d->operands[0].type == ARM_OP_REG) {
                base = (int)d->operands[0].reg;
            }
            break;
        default:
            for (int o = 0; o < d->op_count; o++) {
                if (d->operands[o].type == ARM_OP_MEM) {
                    base = (int)d->operands[o].mem.base;
                }
            }
            break;
        }
        for (unsigned reg = 0; reg < 13; reg++) {
            if (base == (int)cs_core_reg[reg] && reg != l->reg && rng_pct(r, 75)) {
                uint32_t v = DATA_BASE + 0x1000 + rng_below(r, DATA_SIZE - 0x2000);
                c->init.regs[reg] = rng_pct(r, 70) ? v & ~3u : v;
            }
        }
        cs_free(insn, n);
    }
}

/* rC for entering a loop anywhere past its MOV: a value it has at some iteration's head. */
static uint32_t loop_entry_value(const Loop *l, Rng *r)
{
    return l->init + (uint32_t)(l->step * (int)rng_below(r, l->count));
}

/* Forward branch targets: `skip` insns ahead, not past the segment end, not in an IT block. */
static void resolve_branches(Case *c)
{
    for (unsigned k = 0; k < c->nb_insns; k++) {
        Insn *i = &c->insns[k];
        if (i->kind != K_BRANCH) {
            continue;
        }
        unsigned j = k + 1;
        for (unsigned n = 0; n < i->skip && c->insns[j].kind != K_SWITCH &&
                             c->insns[j].kind != K_TERM && c->insns[j].kind != K_LOOP &&
                             c->insns[j].kind != K_BACK; n++) {
            j++;
        }
        while (c->insns[j].itstate != 0) {
            j++; /* the segment end is outside any IT block */
        }
        uint32_t target = c->insns[j].addr;
        i->target = (uint8_t)j;
        if (i->btype == BT_CBZ && target < i->addr + 4) {
            i->btype = BT_T16_COND; /* CBZ cannot reach the next insn */
        }
        switch (i->btype) {
        case BT_A32: i->word = enc_a32_b(i->addr, target, i->cond); break;
        case BT_T16_COND: i->word = enc_t16_bcond(i->addr, target, i->cond); break;
        case BT_T16: i->word = enc_t16_b(i->addr, target); break;
        case BT_T32_COND: i->word = enc_t32_bcond(i->addr, target, i->cond); break;
        case BT_T32: i->word = enc_t32_b(i->addr, target); break;
        default: i->word = enc_t16_cbz(i->addr, target, i->cbz_rn, i->cbz_nz); break;
        }
        g_assert_cmpuint(target - i->addr, <=, 128); /* in range of every form */
    }
}

/* A value for a core register: pointers into and around the data region, small, special. */
static uint32_t gen_reg_value(Rng *r)
{
    static const uint32_t special[] = {
        0, 1, 2, 31, 32, 33, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xfffffffeu,
        0x8000u, 0xffff8000u, 0x7fffu, 0xffffu, 0x10000u,
    };
    unsigned k = rng_below(r, 20);
    if (k < 12) {
        /* Middle of the region: 12-bit offsets and multiple transfers stay inside. */
        uint32_t v = DATA_BASE + 0x1000 + rng_below(r, DATA_SIZE - 0x2000);
        return rng_pct(r, 60) ? v & ~3u : v;
    }
    if (k == 12) {
        /* Edges: accesses that straddle into the read-only page or unmapped space. */
        switch (rng_below(r, 3)) {
        case 0: return DATA_BASE + DATA_SIZE - rng_below(r, 64);
        case 1: return RO_BASE + rng_below(r, GUEST_PAGE_SIZE);
        default: return DATA_BASE - rng_below(r, 64);
        }
    }
    if (k < 15) {
        return rng_below(r, 512) - 256;
    }
    if (k < 17) {
        return special[rng_below(r, G_N_ELEMENTS(special))];
    }
    return rng32(r);
}

static uint32_t gen_f32(Rng *r)
{
    static const uint32_t interesting[] = {
        0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
        0x7fa00000u, 0xffbfffffu, 0x7fc12345u, 0x00000001u, 0x807fffffu, 0x00400000u,
        0x3f800000u, 0xbf800000u, 0x7f7fffffu, 0xff7fffffu, 0x00800000u, 0x80800000u,
        0x4b000000u, 0x4f000000u, 0xcf000000u, 0x4f800000u, 0x3f000000u, 0x3fc00000u,
        0xbfc00000u, 0x40490fdbu, 0x477fe000u, 0x477ff000u, 0x38800000u, 0x33800000u,
    };
    switch (rng_below(r, 3)) {
    case 0:
        return interesting[rng_below(r, G_N_ELEMENTS(interesting))];
    case 1: /* ordinary numbers in a range where arithmetic stays finite */
        return (rng32(r) & 0x807fffffu) | ((127 - 12 + rng_below(r, 24)) << 23);
    default:
        return rng32(r);
    }
}

static uint64_t gen_f64(Rng *r)
{
    static const uint64_t interesting[] = {
        0x0000000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull,
        0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull,
        0x7ff4000000000000ull, 0xfff0000000000001ull, 0x7ff8000012345678ull,
        0x0000000000000001ull, 0x800fffffffffffffull, 0x0008000000000000ull,
        0x3ff0000000000000ull, 0xbff0000000000000ull, 0x7fefffffffffffffull,
        0x0010000000000000ull, 0x8010000000000000ull, 0x41dfffffffc00000ull,
        0x41e0000000000000ull, 0xc1e0000000000000ull, 0x41f0000000000000ull,
        0x3fe0000000000000ull, 0x3ff8000000000000ull, 0x400921fb54442d18ull,
        0x36a0000000000000ull, 0x47efffffe0000000ull, 0x47effffff0000000ull,
        0x3810000000000000ull,
    };
    switch (rng_below(r, 4)) {
    case 0:
        return interesting[rng_below(r, G_N_ELEMENTS(interesting))];
    case 1:
        return (rng64(r) & 0x800fffffffffffffull) |
               ((uint64_t)(1023 - 40 + rng_below(r, 80)) << 52);
    case 2: /* two singles */
        return (uint64_t)gen_f32(r) << 32 | gen_f32(r);
    default:
        return rng64(r);
    }
}

static void gen_state(Case *c, Rng *r, uint32_t entry)
{
    CPUARMState *e = &c->init;
    memset(e, 0, sizeof(*e));
    for (int k = 0; k < 15; k++) {
        e->regs[k] = gen_reg_value(r);
    }
    e->regs[13] = (DATA_BASE + 0x2000 + rng_below(r, DATA_SIZE - 0x4000)) & ~7u;
    e->regs[15] = entry;
    e->thumb = c->mode->thumb;
    e->condexec = 0;
    e->NF = rng32(r);
    e->ZF = rng_pct(r, 35) ? 0 : rng32(r) | (1u << rng_below(r, 32));
    e->CF = rng_below(r, 2);
    e->VF = rng32(r);
    e->QF = rng_below(r, 2);
    e->GE = rng_below(r, 16);
    e->tpidruro = rng32(r);
    e->tpidrurw = rng32(r);
    /* FPSCR: every bit a VMSR can set; Len/Stride 0; cumulative flags mostly clear. */
    uint32_t fpscr = rng32(r) & VFP_FPSCR_WRITE_MASK & ~(0x37u << 16);
    if (rng_pct(r, 70)) {
        fpscr &= ~0x9fu;
    }
    e->fpscr = fpscr;
    e->fpexc = 1u << 30;
    for (int k = 0; k < 32; k++) {
        e->vfp_d[k] = gen_f64(r);
    }
    e->exception_insn = rng32(r);

    for (uint32_t k = 0; k < DATA_SIZE; k += 4) {
        uint32_t v;
        switch (rng_below(r, 8)) {
        case 0: case 1: v = gen_reg_value(r); break;
        default: v = rng32(r); break;
        }
        memcpy(c->mem + k, &v, 4);
    }

    /* Exclusive monitor: open, or armed on an address some register points at. */
    e->exclusive_addr = UINT32_MAX;
    e->exclusive_size = rng_below(r, 4);
    e->exclusive_val = rng64(r);
    if (rng_pct(r, 30)) {
        uint32_t a = e->regs[rng_below(r, 15)];
        e->exclusive_addr = rng_pct(r, 80) ? a & ~7u : a;
        uint64_t a64 = e->exclusive_addr;
        if (a64 >= DATA_BASE && a64 + 8 <= DATA_BASE + DATA_SIZE && rng_pct(r, 70)) {
            memcpy(&e->exclusive_val, c->mem + (e->exclusive_addr - DATA_BASE), 8);
            if (e->exclusive_size < 3) {
                e->exclusive_val &= (1ull << (8 << e->exclusive_size)) - 1;
            }
        }
    }
}

static uint64_t case_seed(uint64_t seed, const Mode *m, unsigned index)
{
    Rng r = { seed ^ ((uint64_t)index * 0xd1b54a32d192ed03ull) ^ g_str_hash(m->name) };
    return rng64(&r);
}

static void gen_case(Case *c, const Mode *m, uint64_t seed, unsigned index)
{
    Rng rng = { case_seed(seed, m, index) };
    Rng *r = &rng;
    c->mode = m;
    c->seed = seed;
    c->index = index;
    c->nb_insns = 0;
    snprintf(crash_note, sizeof(crash_note), "generating /jit_fuzz/%s case %u (seed 0x%"
             G_GINT64_MODIFIER "x)", m->name, index, seed);

    /* Mostly near the start of the first code page; sometimes across the page boundary. */
    uint32_t start = rng_pct(r, 20) ? CODE_BASE + GUEST_PAGE_SIZE - 4 * (1 + rng_below(r, 24))
                                    : CODE_BASE + 4 * rng_below(r, 256);
    if (m->thumb && rng_pct(r, 50)) {
        start += 2;
    }
    code_writable(true);
    Gen g = { .c = c, .r = r, .pc = start, .thumb = m->thumb, .itstate = 0, .loop_reg = -1 };
    unsigned body = 1 + rng_below(r, rng_pct(r, 10) ? LONG_BODY : MAX_BODY), switches = 0;
    /*
     * The loop, before step loop_at (or at the end), from its own random numbers: often
     * first, where no earlier fault keeps it from running.
     */
    Rng loop_rng = { case_seed(seed, m, index) ^ 0x6c6f6f70u };
    unsigned loop_at = ~0u;
    if (rng_pct(&loop_rng, LOOP_PCT)) {
        loop_at = rng_pct(&loop_rng, 40) ? rng_below(&loop_rng, MIN(body, 2u) + 1)
                                         : rng_below(&loop_rng, body + 1);
    }
    memset(&c->loop, 0, sizeof(c->loop));
    for (unsigned k = 0; k <= body && c->nb_insns < MAX_INSNS - 16; k++) {
        if (k == loop_at && c->nb_insns < MAX_INSNS - 48) {
            gen_loop(&g, &loop_rng);
        }
        if (k == body) {
            break;
        }
        unsigned p = rng_below(r, 100);
        if (p < m->switch_pct) {
            if (k > 0 && switches < 2) {
                gen_switch(&g);
                switches++;
            } else {
                gen_plain(&g);
            }
        } else if (p < m->switch_pct + m->branch_pct) {
            if (g.itstate == 0) {
                gen_branch(&g);
            } else {
                gen_plain(&g);
            }
        } else if (p < 86) {
            if (m->neon_pct && rng_pct(r, 10)) {
                gen_neon_ls(&g);
            } else {
                gen_plain(&g);
            }
        } else if (p < 89) {
            gen_exclusive(&g);
        } else if (p < 90) {
            gen_cp15(&g);
        } else if (p < 98) {
            if (g.thumb && g.itstate == 0) {
                gen_it(&g);
            } else {
                gen_plain(&g);
            }
        } else {
            emit(&g, K_ISB, g.thumb ? T32_ISB : A32_ISB, 4, "ISB");
        }
    }
    gen_term(&g);
    resolve_branches(c);

    uint8_t *code = g2h(CODE_BASE);
    for (uint32_t k = 0; k < CODE_SIZE; k += 4) {
        uint32_t v = rng32(r); /* literal loads read code too */
        memcpy(code + k, &v, 4);
    }
    for (unsigned k = 0; k < c->nb_insns; k++) {
        const Insn *i = &c->insns[k];
        put_insn(g2h(i->addr), i->word, i->size, i->thumb);
    }
    code_writable(false);
    if (c->loop.on) {
        /* Does the TB at the loop head end in a jump to itself (the JIT's self-loop)? */
        const Insn *h = &c->insns[c->loop.head];
        IRFunc f;
        ir_func_init(&f);
        guest_arch->translate(&f, h->addr, tb_flags(h->thumb, 0), 0);
        c->loop.self = f.loop_slot >= 0;
        ir_func_free(&f);
    }
    gen_state(c, r, start);
    if (c->loop.on) {
        loop_tame_bases(c, &loop_rng);
    }
    crash_note[0] = 0;
}

/* ---- Running ---- */

typedef enum Engine {
    ENG_INTERP,    /* the reference */
    ENG_JIT,       /* fresh translations */
    ENG_JIT_AGAIN, /* TBs left by earlier runs: chained jumps and jump-cache hits */
    ENG_JIT_SINGLE /* one insn per TB */
} Engine;

static const char *const engine_names[] = {
    "interp", "jit", "jit (TBs cached and chained by other runs)", "jit (one insn per TB)",
};

/* Runs c from `init` (normally c->init) on an engine; out may be NULL. */
static void run_case_from(const Case *c, const CPUARMState *init, Engine eng, RunResult *out)
{
    bool jit = eng != ENG_INTERP;
    CPUARMState *env = cpu->env;
    *env = *init;
    env->cpu = cpu;
    memcpy(g2h(DATA_BASE), c->mem, DATA_SIZE);
    if (eng != ENG_JIT_AGAIN) {
        /* Switching engines (and the TB size limit) takes dropping every TB. */
        xemu_opts.interp = !jit;
        xemu_opts.one_insn_per_tb = eng == ENG_JIT_SINGLE;
        /* The reference runs the IR unoptimized, so the optimizer is under test too. */
        xemu_log_mask = jit ? xemu_log_mask & ~LOG_NOOPT : xemu_log_mask | LOG_NOOPT;
        tb_flush_all();
    }
    cpu->fault_signo = cpu->fault_code = 0;
    cpu->fault_addr = cpu->cur_insn_pc = 0;
    snprintf(crash_note, sizeof(crash_note),
             "/jit_fuzz/%s case %u (XEMU_FUZZ_SEED=0x%" G_GINT64_MODIFIER "x "
             "XEMU_FUZZ_CASE=%u), engine %s%s", c->mode->name, c->index, c->seed, c->index,
             engine_names[eng], init == &c->init ? "" : ", from another state");
    alarm(20);
#if FUZZ_SANITIZED
    __lsan_disable(); /* what cpu_exec allocates is exec.c's to keep or free */
#endif
    int rc = cpu_exec(cpu);
#if FUZZ_SANITIZED
    __lsan_enable();
#endif
    alarm(0);
    crash_note[0] = 0;
    if (!out) {
        return;
    }
    out->rc = rc;
    out->engine = engine_names[eng];
    out->env = *env;
    out->fault_signo = cpu->fault_signo;
    out->fault_code = cpu->fault_code;
    out->fault_addr = cpu->fault_addr;
    out->cur_insn_pc = cpu->cur_insn_pc;
    memcpy(out->mem, g2h(DATA_BASE), DATA_SIZE);
}

static void run_case(const Case *c, Engine eng, RunResult *out)
{
    run_case_from(c, &c->init, eng, out);
}

/*
 * Before the cached re-run: JIT runs of the same code from other states, on fresh TBs,
 * results not compared, so that the TB cache and jump cache hold what the re-run would
 * not create itself. Other flags and low registers take the other way at conditional
 * branches and CBZ, chaining slots the re-run then jumps through (a slot chained to the
 * wrong TB is caught). Entering at a Thumb insn under an artificial IT state with cond
 * AL (every insn still executes, so the sequence still ends; only the TB key and T16
 * flag setting differ) leaves TBs with other flags at the same pcs. Entry points just
 * before an ISB, a switch, a loop branch or the end, where the exit looks the next TB
 * up, are favoured. A run entering a loop past its MOV gives the counter a value the
 * loop reaches, and never an IT state (a T16 SUBS inside it would not set flags).
 */
static void pollute_tb_cache(const Case *c)
{
    Rng r = { c->init.regs[0] ^ c->init.NF ^ (uint64_t)c->index << 32 };
    unsigned any[MAX_INSNS], near[MAX_INSNS], nb_any = 0, nb_near = 0;
    for (unsigned k = 0; k < c->nb_insns; k++) {
        if (c->insns[k].kind == K_PAD) {
            continue;
        }
        any[nb_any++] = k;
        unsigned next = k + 1 + rng_below(&r, 3);
        if (next < c->nb_insns && (c->insns[next].kind == K_ISB ||
                                   c->insns[next].kind == K_SWITCH ||
                                   c->insns[next].kind == K_BACK ||
                                   c->insns[next].kind == K_TERM)) {
            near[nb_near++] = k;
        }
    }
    for (int run = 0; run < 2; run++) {
        CPUARMState init = c->init;
        init.NF = rng32(&r);
        init.ZF = rng_below(&r, 2);
        init.CF = rng_below(&r, 2);
        init.VF = rng32(&r);
        for (int k = 0; k < 8; k++) {
            if (rng_pct(&r, 30)) {
                init.regs[k] = 0;
            }
        }
        if (run == 1) {
            unsigned idx = nb_near && rng_pct(&r, 70) ? near[rng_below(&r, nb_near)]
                                                     : any[rng_below(&r, nb_any)];
            const Insn *at = &c->insns[idx];
            const Loop *l = &c->loop;
            init.regs[15] = at->addr;
            init.thumb = at->thumb;
            if (at->thumb && rng_pct(&r, 60) &&
                !(l->on && idx + 4 >= l->mov && idx <= l->end)) {
                init.condexec = 0xe0 | (1 + rng_below(&r, 15));
            }
            if (l->on && idx > l->mov && idx <= l->end) {
                init.regs[l->reg] = loop_entry_value(l, &r);
            }
        }
        run_case_from(c, &init, run == 0 ? ENG_JIT : ENG_JIT_AGAIN, NULL);
    }
}

/* ---- Comparing and reporting ---- */

static const char *rc_name(int rc)
{
    switch (rc) {
    case ARM_EXCP_SWI: return "SWI";
    case ARM_EXCP_UDEF: return "UDEF";
    case ARM_EXCP_BKPT: return "BKPT";
    case ARM_EXCP_YIELD: return "YIELD";
    case ARM_EXCP_PREFETCH_ABORT: return "PREFETCH_ABORT";
    case ARM_EXCP_ALIGN: return "ALIGN";
    case EXCP_HOST_FAULT: return "HOST_FAULT";
    default: return "?";
    }
}

#define DIFF32(name, x, y)                                                              \
    do {                                                                                \
        if ((uint32_t)(x) != (uint32_t)(y)) {                                           \
            g_string_append_printf(d, "  %-16s %08x  %08x\n", name, (uint32_t)(x),       \
                                   (uint32_t)(y));                                      \
        }                                                                               \
    } while (0)

/*
 * Differences between two runs, one line each ("" if none). Flags are compared by
 * meaning (cpu.h: NF bit 31, ZF == 0, VF bit 31), everything else bit for bit.
 * `split`: b ran with other TB boundaries (one insn per TB). Then condexec is not
 * compared after a host fault: the frontend writes it to env only at TB exits, so after
 * a fault inside an IT block it holds the IT state at TB entry, which depends on where
 * the TB started.
 */
static GString *compare(const RunResult *a, const RunResult *b, bool split)
{
    GString *d = g_string_new("");
    const CPUARMState *x = &a->env, *y = &b->env;
    if (a->rc != b->rc) {
        g_string_append_printf(d, "  %-16s %s  %s\n", "exit", rc_name(a->rc), rc_name(b->rc));
    }
    for (int k = 0; k < 16; k++) {
        char n[8];
        snprintf(n, sizeof(n), "r%d", k);
        DIFF32(n, x->regs[k], y->regs[k]);
    }
    DIFF32("N (NF bit 31)", x->NF >> 31, y->NF >> 31);
    DIFF32("Z (ZF == 0)", x->ZF == 0, y->ZF == 0);
    DIFF32("CF", x->CF, y->CF);
    DIFF32("V (VF bit 31)", x->VF >> 31, y->VF >> 31);
    DIFF32("QF", x->QF, y->QF);
    DIFF32("GE", x->GE, y->GE);
    DIFF32("thumb", x->thumb, y->thumb);
    if (!split || (a->rc != EXCP_HOST_FAULT && b->rc != EXCP_HOST_FAULT)) {
        DIFF32("condexec", x->condexec, y->condexec);
    }
    DIFF32("tpidruro", x->tpidruro, y->tpidruro);
    DIFF32("tpidrurw", x->tpidrurw, y->tpidrurw);
    DIFF32("fpscr", x->fpscr, y->fpscr);
    DIFF32("fpexc", x->fpexc, y->fpexc);
    for (int k = 0; k < 32; k++) {
        if (x->vfp_d[k] != y->vfp_d[k]) {
            g_string_append_printf(d, "  d%-15d %016" G_GINT64_MODIFIER "x  %016"
                                   G_GINT64_MODIFIER "x\n", k, x->vfp_d[k], y->vfp_d[k]);
        }
    }
    DIFF32("exclusive_addr", x->exclusive_addr, y->exclusive_addr);
    DIFF32("exclusive_size", x->exclusive_size, y->exclusive_size);
    if (x->exclusive_val != y->exclusive_val) {
        g_string_append_printf(d, "  %-16s %016" G_GINT64_MODIFIER "x  %016"
                               G_GINT64_MODIFIER "x\n", "exclusive_val", x->exclusive_val,
                               y->exclusive_val);
    }
    DIFF32("exception_insn", x->exception_insn, y->exception_insn);
    if (a->rc == EXCP_HOST_FAULT || b->rc == EXCP_HOST_FAULT) {
        DIFF32("fault_signo", a->fault_signo, b->fault_signo);
        DIFF32("fault_code", a->fault_code, b->fault_code);
        DIFF32("fault_addr", a->fault_addr, b->fault_addr);
        DIFF32("cur_insn_pc", a->cur_insn_pc, b->cur_insn_pc);
    }
    unsigned shown = 0;
    for (uint32_t k = 0; k < DATA_SIZE; k++) {
        if (a->mem[k] == b->mem[k]) {
            continue;
        }
        if (shown++ == 16) {
            g_string_append(d, "  ... more memory differences\n");
            break;
        }
        uint32_t start = k & ~7u;
        g_string_append_printf(d, "  mem %08x      ", DATA_BASE + start);
        for (uint32_t j = start; j < start + 8; j++) {
            g_string_append_printf(d, "%02x", a->mem[j]);
        }
        g_string_append(d, "  ");
        for (uint32_t j = start; j < start + 8; j++) {
            g_string_append_printf(d, "%02x", b->mem[j]);
        }
        g_string_append(d, "\n");
        k = start + 7;
    }
    return d;
}

static void dump_case(const Case *c)
{
    const CPUARMState *e = &c->init;
    g_printerr("  reproduce: XEMU_FUZZ_SEED=0x%" G_GINT64_MODIFIER "x XEMU_FUZZ_CASE=%u "
               "test_jit_fuzz -p /jit_fuzz/%s\n", c->seed, c->index, c->mode->name);
    g_printerr("  code:\n");
    for (unsigned k = 0; k < c->nb_insns; k++) {
        const Insn *i = &c->insns[k];
        g_printerr("    %-21s it=%02x %0*x  ", i->name, i->itstate, i->size * 2, i->word);
        if (i->kind == K_PAD) {
            g_printerr("0x%08x:  (not executed)\n", i->addr);
        } else {
            guest_arch->disas(stderr, i->addr, tb_flags(i->thumb, i->itstate));
        }
    }
    const Loop *l = &c->loop;
    if (l->on) {
        static const char *const forms[] = { "SUBS+B<c>", "ADD+CMP+B<c>", "SUBS+BEQ+B",
                                             "SUBS+IT+B", "SUB+CBZ+B" };
        g_printerr("  loop: counter r%u from %u, %u iterations, %s, head %08x (insns %u..%u)"
                   "%s%s%s\n", l->reg, l->init, l->count, forms[l->form],
                   c->insns[l->head].addr, l->head, l->end,
                   l->whole_tb ? ", body without ISB/branches" : "",
                   l->head_tb ? ", an ISB before head" : "",
                   l->self ? ", TB at head is a self-loop" : "");
    }
    g_printerr("  initial state:\n");
    for (int k = 0; k < 16; k++) {
        g_printerr("%sr%-2d=%08x", k % 4 ? "  " : "    ", k, e->regs[k]);
        if (k % 4 == 3) {
            g_printerr("\n");
        }
    }
    g_printerr("    NF=%08x ZF=%08x CF=%x VF=%08x QF=%x GE=%x thumb=%u fpscr=%08x\n", e->NF,
               e->ZF, e->CF, e->VF, e->QF, e->GE, e->thumb, e->fpscr);
    g_printerr("    exclusive addr=%08x size=%u val=%016" G_GINT64_MODIFIER "x "
               "tpidruro=%08x tpidrurw=%08x\n", e->exclusive_addr, e->exclusive_size,
               e->exclusive_val, e->tpidruro, e->tpidrurw);
    for (int k = 0; k < 32; k++) {
        g_printerr("%sd%-2d=%016" G_GINT64_MODIFIER "x", k % 4 ? "  " : "    ", k,
                   e->vfp_d[k]);
        if (k % 4 == 3) {
            g_printerr("\n");
        }
    }
}

static void dump_result(const RunResult *res)
{
    g_printerr("  %s: exit %s pc=%08x", res->engine, rc_name(res->rc), res->env.regs[15]);
    if (res->rc == EXCP_HOST_FAULT) {
        g_printerr(" fault signo=%d code=%d addr=%08x insn=%08x", res->fault_signo,
                   res->fault_code, res->fault_addr, res->cur_insn_pc);
    }
    g_printerr("\n");
}

/* ---- Driver ---- */

typedef struct Stats {
    unsigned cases, insns, runs, single_runs, failures;
    unsigned rc_count[8]; /* 0 other, 1..6 ARM_EXCP_*, 7 host fault */
    /*
     * Loops: cases with one, with a self-loop TB at the head; by the reference run:
     * iterations begun, host faults inside the loop body, of those after the first
     * iteration, and of those in a self-loop TB (after the first iteration, or in the
     * first if it starts a TB at the head); runs that took a self-loop TB's back edge.
     */
    unsigned loops, loop_self, loop_iters, loop_faults, loop_faults_later, loop_faults_self;
    unsigned loop_back_edges;
    /*
     * VLDn/VSTn (neon modes): generated (of which loop walkers), by the reference run
     * completed (a lower bound: executions the case's structure guarantees, an insn in a
     * loop once per iteration it passed), left by a host fault at one (of those, walkers
     * in a self-loop TB after the first iteration), left by an alignment fault at one.
     */
    unsigned ls_insns, ls_walkers, ls_done, ls_fault, ls_fault_walk_self, ls_align;
    unsigned ls_align_walk_self; /* alignment faults of walkers, as ls_fault_walk_self */
} Stats;

static unsigned env_uint(const char *name, unsigned def)
{
    const char *v = getenv(name);
    return v && *v ? (unsigned)strtoul(v, NULL, 0) : def;
}

static bool env_flag(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

static uint64_t random_seed;
static RunResult res_ref, res_jit, res_again, res_single;

static void result_init(RunResult *r)
{
    if (!r->mem) {
        r->mem = g_malloc(DATA_SIZE);
    }
}

/* The harness' own invariant: the reference run ended where the sequence says. */
static bool ended_as_generated(const Case *c, const RunResult *ref)
{
    const Insn *t = &c->insns[c->term];
    switch (ref->rc) {
    case ARM_EXCP_SWI:
    case ARM_EXCP_YIELD:
        return ref->env.regs[15] == t->addr + t->size;
    case ARM_EXCP_UDEF:
    case ARM_EXCP_BKPT:
        return ref->env.regs[15] == t->addr;
    case ARM_EXCP_ALIGN:
    case EXCP_HOST_FAULT:
        return true;
    default:
        return false;
    }
}

/*
 * The iteration (1..count) a reference run was in when it left the loop by an exception
 * at `pc`, or 0 if that was not inside the loop body.
 */
static unsigned loop_exit_iteration(const Case *c, const RunResult *ref, uint32_t pc)
{
    const Loop *l = &c->loop;
    for (unsigned k = l->head; k <= l->end; k++) {
        const Insn *i = &c->insns[k];
        if (i->addr == pc && i->kind != K_LOOP && i->kind != K_BACK) {
            return (uint32_t)((ref->env.regs[l->reg] - l->init) * (uint32_t)l->step) + 1;
        }
    }
    return 0;
}

/* Loop statistics of a case from its reference run. */
static void loop_stats(const Case *c, const RunResult *ref, Stats *st, bool dump)
{
    const Loop *l = &c->loop;
    if (!l->on) {
        return;
    }
    st->loops++;
    st->loop_self += l->self;
    unsigned it = l->count, in = 0;
    bool fault = ref->rc == EXCP_HOST_FAULT;
    if (fault || ref->rc == ARM_EXCP_ALIGN) {
        uint32_t pc = fault ? ref->cur_insn_pc : ref->env.regs[15];
        in = loop_exit_iteration(c, ref, pc);
        if (in) {
            it = in;
            st->loop_faults += fault;
            st->loop_faults_later += fault && in > 1;
            st->loop_faults_self += fault && l->self && (in > 1 || l->head_tb);
        } else if (pc < c->insns[l->mov].addr) {
            it = 0; /* before the loop (insn addresses only grow) */
        }
    }
    st->loop_iters += it;
    st->loop_back_edges += l->self && (it >= 3 || (it == 2 && l->head_tb));
    if (dump) {
        g_printerr("  loop: the reference run began %u of %u iterations%s\n", it, l->count,
                   in ? ", and left the last by an exception" : "");
    }
}

/* Index of the insn at addr, or -1. */
static int insn_at(const Case *c, uint32_t addr)
{
    for (unsigned k = 0; k < c->nb_insns; k++) {
        if (c->insns[k].addr == addr && c->insns[k].kind != K_PAD) {
            return (int)k;
        }
    }
    return -1;
}

/* VLDn/VSTn statistics of a case from its reference run (Stats). */
static void neon_ls_stats(const Case *c, const RunResult *ref, Stats *st)
{
    const Loop *l = &c->loop;
    bool skippable[MAX_INSNS] = { false }; /* under a forward branch or in an IT block */
    unsigned nb = 0;
    for (unsigned k = 0; k < c->nb_insns; k++) {
        const Insn *i = &c->insns[k];
        nb += i->neon_ls;
        st->ls_walkers += i->neon_ls && !strcmp(i->name, "walker (loop)");
        skippable[k] |= i->itstate != 0;
        for (unsigned j = k + 1; i->kind == K_BRANCH && j < i->target; j++) {
            skippable[j] = true;
        }
    }
    if (!nb) {
        return;
    }
    st->ls_insns += nb;
    /* Where the run ended (index), and in which loop iteration if inside the loop. */
    int end = (int)c->term;
    unsigned in = 0;
    bool fault = ref->rc == EXCP_HOST_FAULT, align = ref->rc == ARM_EXCP_ALIGN;
    if (fault || align) {
        uint32_t pc = fault ? ref->cur_insn_pc : ref->env.regs[15];
        end = insn_at(c, pc);
        if (end < 0) {
            return;
        }
        in = l->on ? loop_exit_iteration(c, ref, pc) : 0;
        if (c->insns[end].neon_ls) {
            st->ls_fault += fault;
            st->ls_align += align;
            bool walk_self = l->self && in > 1 &&
                             !strcmp(c->insns[end].name, "walker (loop)");
            st->ls_fault_walk_self += fault && walk_self;
            st->ls_align_walk_self += align && walk_self;
        }
    }
    for (int k = 0; k < (int)c->nb_insns; k++) {
        if (!c->insns[k].neon_ls || skippable[k]) {
            continue;
        }
        if (l->on && k >= (int)l->head && k <= (int)l->end) {
            if (in) {
                st->ls_done += in - 1 + (k < end);
            } else if (end > (int)l->end) {
                st->ls_done += l->count;
            }
        } else if (k < end) {
            st->ls_done++;
        }
    }
}

/*
 * Runs one case on the interpreter and on the JIT: fresh, again with the same TBs (now
 * chained, and with TBs of other flags at the same pcs), and for every third case with
 * one insn per TB. False (after a report) on a mismatch.
 */
static bool check_case(const Case *c, Stats *st, bool dump)
{
    bool single = c->index % 3 == 2;
    RunResult *runs[] = { &res_jit, &res_again, &res_single };
    unsigned nb_runs = single ? 3 : 2;
    run_case(c, ENG_INTERP, &res_ref);
    run_case(c, ENG_JIT, &res_jit);
    pollute_tb_cache(c);
    run_case(c, ENG_JIT_AGAIN, &res_again);
    if (single) {
        run_case(c, ENG_JIT_SINGLE, &res_single);
    }
    st->cases++;
    st->runs += 3 + nb_runs; /* with the interpreter and the two runs of pollute_tb_cache */
    st->single_runs += single;
    st->insns += c->nb_insns;
    int rc = res_ref.rc;
    st->rc_count[rc == EXCP_HOST_FAULT ? 7 : (rc >= 1 && rc <= 6 ? rc : 0)]++;

    GString *diffs[3];
    bool ok = ended_as_generated(c, &res_ref);
    loop_stats(c, &res_ref, st, false);
    neon_ls_stats(c, &res_ref, st);
    for (unsigned k = 0; k < nb_runs; k++) {
        diffs[k] = compare(&res_ref, runs[k], runs[k] == &res_single);
        ok &= diffs[k]->len == 0;
    }
    if (!ok || dump) {
        g_printerr("\n%s /jit_fuzz/%s seed 0x%" G_GINT64_MODIFIER "x case %u\n",
                   ok ? "case" : "MISMATCH in", c->mode->name, c->seed, c->index);
        dump_case(c);
        dump_result(&res_ref);
        for (unsigned k = 0; k < nb_runs; k++) {
            dump_result(runs[k]);
        }
        if (!ended_as_generated(c, &res_ref)) {
            g_printerr("  harness: the reference run did not end at the terminator\n");
        }
        Stats dummy = { 0 };
        loop_stats(c, &res_ref, &dummy, true);
        for (unsigned k = 0; k < nb_runs; k++) {
            if (diffs[k]->len) {
                g_printerr("  differences (field, %s, %s):\n%s", res_ref.engine,
                           runs[k]->engine, diffs[k]->str);
            }
        }
    }
    for (unsigned k = 0; k < nb_runs; k++) {
        g_string_free(diffs[k], TRUE);
    }
    return ok;
}

static void report_stats(const Mode *m, const Stats *st, double secs)
{
    g_test_message("%s: %u cases, %.1f insns/case, %u runs (%u one insn per TB), %.2f s; "
                   "exits: SWI %u, UDEF %u, BKPT %u, YIELD %u, ALIGN %u, host fault %u "
                   "(%.0f%%), other %u; loops %u (%u self-loop TBs at the head), "
                   "%.1f iterations each, %u took a self-loop's back edge; host faults "
                   "inside %u (%u after the first iteration, %u in a self-loop TB)",
                   m->name, st->cases,
                   st->cases ? (double)st->insns / st->cases : 0.0, st->runs,
                   st->single_runs, secs, st->rc_count[1], st->rc_count[2], st->rc_count[3],
                   st->rc_count[4], st->rc_count[6], st->rc_count[7],
                   st->cases ? 100.0 * st->rc_count[7] / st->cases : 0.0,
                   st->rc_count[0] + st->rc_count[5], st->loops, st->loop_self,
                   st->loops ? (double)st->loop_iters / st->loops : 0.0,
                   st->loop_back_edges, st->loop_faults,
                   st->loop_faults_later, st->loop_faults_self);
    if (m->neon_pct) {
        g_test_message("%s: VLDn/VSTn: %u generated (%u loop walkers), %u completed by the "
                       "reference (at least); ended it by a host fault %u (by a walker in a "
                       "self-loop TB %u), by an alignment fault %u (%u)", m->name,
                       st->ls_insns, st->ls_walkers, st->ls_done, st->ls_fault,
                       st->ls_fault_walk_self, st->ls_align, st->ls_align_walk_self);
    }
}

static void fuzz_mode(gconstpointer data)
{
    const Mode *m = data;
    unsigned cases = env_uint("XEMU_FUZZ_CASES",
                              FUZZ_SANITIZED ? DEFAULT_CASES / SANITIZER_DIVISOR : DEFAULT_CASES);
    const char *only_case = getenv("XEMU_FUZZ_CASE");
    bool verbose = env_flag("XEMU_FUZZ_VERBOSE");
    unsigned max_fails = env_uint("XEMU_FUZZ_MAX_FAILS", 1);
    uint64_t seeds[G_N_ELEMENTS(fixed_seeds) + 1];
    unsigned nb_seeds = 0;
    const char *s = getenv("XEMU_FUZZ_SEED");
    if (s && *s) {
        seeds[nb_seeds++] = g_ascii_strtoull(s, NULL, 0);
    } else {
        for (size_t k = 0; k < G_N_ELEMENTS(fixed_seeds); k++) {
            seeds[nb_seeds++] = fixed_seeds[k];
        }
        seeds[nb_seeds++] = random_seed;
    }

    static Case c;
    if (!c.mem) {
        c.mem = g_malloc(DATA_SIZE);
    }
    result_init(&res_ref);
    result_init(&res_jit);
    result_init(&res_again);
    result_init(&res_single);

    Stats st = { 0 };
    gint64 t0 = g_get_monotonic_time();
    for (unsigned k = 0; k < nb_seeds && st.failures < max_fails; k++) {
        unsigned first = 0, last = cases;
        if (only_case && *only_case) {
            first = (unsigned)strtoul(only_case, NULL, 0);
            last = first + 1;
        }
        for (unsigned i = first; i < last && st.failures < max_fails; i++) {
            gen_case(&c, m, seeds[k], i);
            if (!check_case(&c, &st, verbose || (only_case && *only_case))) {
                st.failures++;
            }
        }
    }
    report_stats(m, &st, (double)(g_get_monotonic_time() - t0) / 1e6);
    if (st.failures) {
        g_test_fail();
        return;
    }
    /* The generator must stay useful: most sequences finish, some fault. */
    if (st.cases >= 100) {
        g_assert_cmpuint(st.rc_count[1] + st.rc_count[4], >=, st.cases / 3);
        g_assert_cmpuint(st.rc_count[7], >=, st.cases / 50);
    }
    /* Loops come up, and many are self-loops in the JIT. */
    if (st.cases >= 400) {
        g_assert_cmpuint(st.loops, >=, st.cases / 8);
        g_assert_cmpuint(st.loop_self, >=, st.loops / 4);
        g_assert_cmpuint(st.loop_back_edges, >=, st.loops / 20);
    }
    /* Neon modes: VLDn/VSTn run to completion, fault on pages and on alignment. */
    if (m->neon_pct && st.cases >= 400) {
        g_assert_cmpuint(st.ls_done, >=, st.cases / 4);
        g_assert_cmpuint(st.ls_fault, >=, st.cases / 40);
        g_assert_cmpuint(st.ls_align, >=, st.cases / 100);
        g_assert_cmpuint(st.ls_fault_walk_self, >=, st.cases / 500);
    }
}

/* After the fuzz tests (XEMU_FUZZ_VERBOSE): entries drawn rarely or never. */
static void test_coverage(void)
{
    Pool *pools[] = { &pool_a32, &pool_a32_uncond, &pool_t16, &pool_t32, &pool_vfp,
                      &pool_neon, &pool_neon_xfer };
    for (size_t p = 0; p < G_N_ELEMENTS(pools); p++) {
        GString *s = g_string_new("");
        unsigned used = 0;
        for (unsigned k = 0; k < pools[p]->n; k++) {
            if (pools[p]->hits[k]) {
                used++;
            }
            if (pools[p]->hits[k] < 20) {
                g_string_append_printf(s, " %s(%u)", pools[p]->entries[k]->name,
                                       pools[p]->hits[k]);
            }
        }
        g_test_message("%s: %u of %u entries generated%s%s", pools[p]->table->name, used,
                       pools[p]->n, s->len ? "; rare:" : "", s->str);
        g_string_free(s, TRUE);
    }
    g_test_message("VLDn/VSTn (stores, loads): multiple structures %u, %u; one lane %u, %u; "
                   "all lanes %u", neon_ls_hits[0][0], neon_ls_hits[0][1], neon_ls_hits[1][0],
                   neon_ls_hits[1][1], neon_ls_hits[2][1]);
}

/* ---- Tests of the harness itself ---- */

/* The hand encoders agree with capstone on every branch target the generator can use. */
static void test_encoders(void)
{
    csh arm, thumb;
    g_assert_cmpint(cs_open(CS_ARCH_ARM, CS_MODE_ARM, &arm), ==, CS_ERR_OK);
    g_assert_cmpint(cs_open(CS_ARCH_ARM, CS_MODE_THUMB, &thumb), ==, CS_ERR_OK);
    cs_option(arm, CS_OPT_DETAIL, CS_OPT_ON);
    cs_option(thumb, CS_OPT_DETAIL, CS_OPT_ON);
    for (uint32_t pc = 0x10000ff0u; pc < 0x10001010u; pc += 2) {
        for (int32_t off = -256; off <= 126; off += 2) {
            uint32_t target = pc + (uint32_t)off;
            struct {
                uint32_t w;
                unsigned size;
                bool thumb;
                uint32_t want;
            } v[8];
            unsigned n = 0;
            if (!(pc & 3) && !(off & 3) && off >= 4) {
                v[n++] = (typeof(v[0])){ enc_a32_b(pc, target, 3), 4, false, target };
                v[n++] = (typeof(v[0])){ enc_a32_blx(pc, target), 4, false, target };
                v[n++] = (typeof(v[0])){ enc_a32_blx(pc, target + 2), 4, false, target + 2 };
            }
            if (off >= 4) {
                v[n++] = (typeof(v[0])){ enc_t16_cbz(pc, target, 5, true), 2, true, target };
            }
            if (off >= 4 || off <= 0) { /* forward branches, and loops' backward ones */
                if (!(pc & 3) && !(off & 3) && off <= 0) {
                    v[n++] = (typeof(v[0])){ enc_a32_b(pc, target, 1), 4, false, target };
                }
                if (off >= -252) {
                    v[n++] = (typeof(v[0])){ enc_t16_bcond(pc, target, 11), 2, true, target };
                }
                v[n++] = (typeof(v[0])){ enc_t16_b(pc, target), 2, true, target };
                v[n++] = (typeof(v[0])){ enc_t32_bcond(pc, target, 1), 4, true, target };
                v[n++] = (typeof(v[0])){ enc_t32_b(pc, target), 4, true, target };
            }
            for (unsigned k = 0; k < n; k++) {
                uint8_t buf[4];
                put_insn(buf, v[k].w, v[k].size, v[k].thumb);
                cs_insn *insn;
                size_t got = cs_disasm(v[k].thumb ? thumb : arm, buf, v[k].size, pc, 1, &insn);
                g_assert_cmpuint(got, ==, 1);
                const cs_arm *d = &insn->detail->arm;
                bool found = false;
                for (int o = 0; o < d->op_count; o++) {
                    if (d->operands[o].type == ARM_OP_IMM &&
                        (uint32_t)d->operands[o].imm == v[k].want) {
                        found = true;
                    }
                }
                if (!found) {
                    g_printerr("encoder: %08x at %08x: %s %s, want target %08x\n", v[k].w, pc,
                               insn->mnemonic, insn->op_str, v[k].want);
                }
                g_assert_true(found);
                cs_free(insn, got);
            }
        }
        /* BLX to A32: targets are 4-aligned, relative to Align(PC, 4). */
        uint32_t target = ((pc + 4 + 3) & ~3u) + 8;
        uint8_t buf[4];
        put_insn(buf, enc_t32_blx(pc, target), 4, true);
        cs_insn *insn;
        g_assert_cmpuint(cs_disasm(thumb, buf, 4, pc, 1, &insn), ==, 1);
        g_assert_cmpint(insn->detail->arm.operands[0].imm, ==, (int64_t)target);
        cs_free(insn, 1);
    }

    /* The loop counter's MOV/ADD/SUB/CMP #imm, flag-setting or not, every form. */
    static const struct {
        unsigned op, id;
    } ops[] = { { DP_MOV, ARM_INS_MOV }, { DP_ADD, ARM_INS_ADD }, { DP_SUB, ARM_INS_SUB },
                { DP_CMP, ARM_INS_CMP } };
    for (unsigned rc = 0; rc < 15; rc++) {
        for (unsigned o = 0; o < G_N_ELEMENTS(ops); o++) {
            for (unsigned form = 0; form < 6; form++) {
                unsigned op = ops[o].op, imm = form & 1 ? 5 : 0;
                bool s = form >= 2 || op == DP_CMP;
                uint32_t w;
                unsigned size = 4;
                bool th = form >= 2;
                if (form < 2) {
                    w = enc_a32_dp_imm(op, form & 1, rc, rc, imm);
                    s = (form & 1) || op == DP_CMP;
                } else if (form < 4) {
                    w = enc_t32_dp_imm(op, form & 1, rc, rc, imm);
                    s = (form & 1) || op == DP_CMP;
                } else if (rc >= 8 || (form == 5 && op != DP_ADD && op != DP_SUB)) {
                    continue;
                } else {
                    w = form == 4 ? enc_t16_dp_imm8(op, rc, imm)
                                  : enc_t16_addsub_imm3(op, rc, rc, imm);
                    size = 2;
                }
                uint8_t buf[4];
                put_insn(buf, w, size, th);
                cs_insn *insn;
                size_t got = cs_disasm(th ? thumb : arm, buf, size, 0x1000, 1, &insn);
                g_assert_cmpuint(got, ==, 1);
                const cs_arm *d = &insn->detail->arm;
                bool ok = insn->id == ops[o].id && d->update_flags == s && d->op_count >= 2;
                for (int k = 0; k < d->op_count && ok; k++) {
                    const cs_arm_op *a = &d->operands[k];
                    ok = k == d->op_count - 1 ? a->type == ARM_OP_IMM && a->imm == (int)imm
                                              : a->type == ARM_OP_REG &&
                                                a->reg == (int)cs_core_reg[rc];
                }
                if (!ok) {
                    g_printerr("encoder: %0*x: %s %s (op %u, r%u, #%u, s %d)\n", size * 2, w,
                               insn->mnemonic, insn->op_str, op, rc, imm, s);
                }
                g_assert_true(ok);
                cs_free(insn, 1);
            }
        }
    }
    cs_close(&arm);
    cs_close(&thumb);
}

/*
 * The plumbing: a hand-written case gives the architectural result, and compare() sees
 * a change in each kind of state (so a mismatch cannot go unnoticed).
 */
static void test_harness(void)
{
    static const Mode m = { "harness", false, 0, 0, 0 };
    static Case c;
    if (!c.mem) {
        c.mem = g_malloc(DATA_SIZE);
    }
    result_init(&res_ref);
    result_init(&res_jit);
    gen_case(&c, &m, 42, 0);
    /* mov r0, #5; add r0, r0, #1; str r0, [r1]; vmov s0, r0; svc 0 */
    static const uint32_t prog[] = { 0xe3a00005u, 0xe2800001u, 0xe5810000u, 0xee000a10u,
                                     A32_SVC };
    code_writable(true);
    for (unsigned k = 0; k < G_N_ELEMENTS(prog); k++) {
        put_insn(g2h(CODE_BASE + 4 * k), prog[k], 4, false);
    }
    code_writable(false);
    c.init.regs[15] = CODE_BASE;
    c.init.regs[1] = DATA_BASE + 0x100;
    c.init.thumb = 0;
    run_case(&c, ENG_INTERP, &res_ref);
    g_assert_cmpint(res_ref.rc, ==, ARM_EXCP_SWI);
    g_assert_cmpuint(res_ref.env.regs[0], ==, 6);
    g_assert_cmpuint(res_ref.env.regs[15], ==, CODE_BASE + 20);
    g_assert_cmpuint((uint32_t)res_ref.env.vfp_d[0], ==, 6);
    g_assert_cmpuint(res_ref.mem[0x100], ==, 6);

    run_case(&c, ENG_JIT, &res_jit);
    GString *d = compare(&res_ref, &res_jit, false);
    g_assert_cmpstr(d->str, ==, "");
    g_string_free(d, TRUE);

    /* Each corruption must be reported. */
    for (int what = 0; what < 8; what++) {
        RunResult bad = res_jit;
        bad.mem = g_memdup2(res_jit.mem, DATA_SIZE);
        switch (what) {
        case 0: bad.env.regs[7] ^= 1; break;
        case 1: bad.env.ZF = bad.env.ZF ? 0 : 1; break;
        case 2: bad.env.vfp_d[31] ^= 1ull << 63; break;
        case 3: bad.env.fpscr ^= FPSCR_IXC; break;
        case 4: bad.mem[DATA_SIZE - 1] ^= 0x80; break;
        case 5: bad.rc = EXCP_HOST_FAULT; break;
        case 6: bad.env.condexec = 0x18; break;
        default: bad.env.exclusive_val ^= 1; break;
        }
        d = compare(&res_ref, &bad, false);
        g_assert_cmpuint(d->len, >, 0);
        g_string_free(d, TRUE);
        g_free(bad.mem);
    }
    /* NF/VF bits other than 31 carry no state. */
    RunResult same = res_jit;
    same.env.NF ^= 0x7fffffffu;
    same.env.VF ^= 0x00ff0000u;
    d = compare(&res_ref, &same, false);
    g_assert_cmpstr(d->str, ==, "");
    g_string_free(d, TRUE);

    /* A load from an unmapped page: EXCP_HOST_FAULT at that insn, with its address. */
    static const uint32_t fault[] = { 0xe3a00001u, 0xe5921000u, A32_SVC }; /* ldr r1, [r2] */
    code_writable(true);
    for (unsigned k = 0; k < G_N_ELEMENTS(fault); k++) {
        put_insn(g2h(CODE_BASE + 4 * k), fault[k], 4, false);
    }
    code_writable(false);
    c.init.regs[2] = DATA_BASE + DATA_SIZE + GUEST_PAGE_SIZE + 8;
    run_case(&c, ENG_INTERP, &res_ref);
    g_assert_cmpint(res_ref.rc, ==, EXCP_HOST_FAULT);
    g_assert_cmpint(res_ref.fault_signo, ==, SIGSEGV);
    g_assert_cmpuint(res_ref.fault_addr, ==, c.init.regs[2]);
    g_assert_cmpuint(res_ref.cur_insn_pc, ==, CODE_BASE + 4);
    g_assert_cmpuint(res_ref.env.regs[15], ==, CODE_BASE + 4);
    g_assert_cmpuint(res_ref.env.regs[0], ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    fuzz_setup();
    if (env_flag("XEMU_FUZZ_LOG")) {
        xemu_log_mask |= LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM | LOG_EXEC;
    }
    random_seed = ((uint64_t)g_random_int() << 32) | g_random_int();
    g_test_message("random seed this run: XEMU_FUZZ_SEED=0x%" G_GINT64_MODIFIER "x",
                   random_seed);

    g_test_add_func("/jit_fuzz/encoders", test_encoders);
    g_test_add_func("/jit_fuzz/harness", test_harness);
    for (size_t k = 0; k < G_N_ELEMENTS(modes); k++) {
        char *path = g_strdup_printf("/jit_fuzz/%s", modes[k].name);
        g_test_add_data_func(path, &modes[k], fuzz_mode);
        g_free(path);
    }
    if (env_flag("XEMU_FUZZ_VERBOSE")) {
        g_test_add_func("/jit_fuzz/coverage", test_coverage);
    }
    return g_test_run();
}
