/*
 * MIPS frontend internals shared by the integer decoder (mips.c) and the FPU decoder
 * (fpu.c): the per-TB disassembly context, the IR globals for guest registers, and the
 * `gen_` helpers instruction semantics are built from. The translation loop and the
 * delay-slot machinery live in translate.c behind this header.
 *
 * Delay slots: a branch handler does not end the TB itself. It computes its condition
 * (into a temp, before the delay slot can change the registers it reads) and target and
 * records them with gen_branch()/gen_jump()/gen_jump_reg(); the loop then translates the
 * delay-slot insn (annulled when a branch-likely is not taken) and emits the branch. An
 * exception raised by the delay-slot insn reports the branch's pc, as the kernel's EPC
 * with Cause.BD does, so the branch runs again after a signal handler returns.
 */
#ifndef XEMU_MIPS_TRANSLATE_H
#define XEMU_MIPS_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/decode.h"
#include "frontend/mips/cpu.h"
#include "ir/ir.h"

/* What the translation loop does after the current instruction. */
enum {
    DISAS_NEXT,     /* fall through to the next insn */
    DISAS_BRANCH,   /* a branch was recorded: translate its delay slot, then branch */
    DISAS_JUMP,     /* env->pc written: end the TB, look up the next one */
    DISAS_UPDATE,   /* state the TB depends on changed: end the TB, continue after this insn */
    DISAS_NORETURN, /* an exit_tb was already emitted on every path */
};

typedef struct DisasContext {
    IRFunc *f;
    uint32_t pc;         /* address of the current insn */
    uint32_t insn;
    bool big_endian;     /* xemu-mips: every guest memory access is byte-swapped */
    bool fr;             /* Status.FR (TB flag) */
    bool fp_traps;       /* some FCSR enable bit is set (TB flag): FP ops check for traps */
    bool in_delay_slot;  /* translating the delay slot of the branch at pc - 4 */
    int is_jmp;          /* DISAS_* */
    unsigned nb_insns;
    /* Private to translate.c: the recorded branch, chain slots, the TB's key. */
    int br_kind;
    bool br_likely;
    IRTemp br_cond;      /* taken iff != 0 (conditional kinds) */
    IRTemp br_dest;      /* target address temp (register jumps) */
    uint32_t br_target;  /* target address (direct kinds) */
    unsigned next_slot;
    uint32_t tb_pc, tb_flags;
    /* Added with the integer decoder: taken iff (br_cond br_cmp br_b). */
    IRCond br_cmp;
    IRTemp br_b;
    /* Insns after the current one that its handler also translated (LWL/LWR pairs). */
    unsigned consumed;
    unsigned max_insns;
    /* Later insns of this TB already translated by an earlier handler (an LWR fused
     * with its LWL across independent insns): translated as nothing. */
    uint32_t skip_pc[8];
    unsigned nb_skip;
} DisasContext;

/* IR globals, registered by mips_translate_init(). cpu_gpr[0] is never written. */
extern IRTemp cpu_gpr[32];
extern IRTemp cpu_HI, cpu_LO;

#define ENV_OFF(field) ((int32_t)offsetof(CPUMIPSState, field))
#define ENV_FPR(n) ((int32_t)(offsetof(CPUMIPSState, fpr) + 8 * (n)))      /* u64 */
#define ENV_FPR_LO(n) ((int32_t)(offsetof(CPUMIPSState, fpr) + 8 * (n)))   /* host is LE */
#define ENV_FPR_HI(n) ((int32_t)(offsetof(CPUMIPSState, fpr) + 8 * (n) + 4))

/* Shorthands for fresh temps. */
static inline IRTemp new_tmp(DisasContext *s) { return ir_new_temp(s->f, IR_I32); }
static inline IRTemp new_tmp64(DisasContext *s) { return ir_new_temp(s->f, IR_I64); }
static inline IRTemp tconst(DisasContext *s, uint32_t v) { return ir_const_i32(s->f, v); }

void mips_translate_init(void);
/* GuestArch.translate: flags are MIPS_TBFLAG_*. */
uint32_t mips_translate(IRFunc *f, uint32_t pc, uint32_t flags, unsigned max_insns);

/* ---- Decoders. Each returns true if it handled (translated) the insn. ---- */
bool mips_decode_int(DisasContext *s, uint32_t insn);
/*
 * FPU: COP1 (opcode 0x11), COP1X (0x13), LWC1/LDC1/SWC1/SDC1 (0x31, 0x35, 0x39, 0x3d)
 * and MOVF/MOVT (SPECIAL funct 0x01). mips_decode_int hands these encodings over;
 * false means reserved (the caller raises SIGILL).
 */
bool mips_decode_fpu(DisasContext *s, uint32_t insn);
/* The decode tables, for the reachability unit test. */
extern DecodeTable mips_int_table, mips_fpu_table;

/* ---- Registers ---- */
/* A new temp holding GPR r ($0 reads as 0). */
IRTemp load_gpr(DisasContext *s, int r);
/* Writes GPR r; writes to $0 are dropped. */
void store_gpr(DisasContext *s, int r, IRTemp v);

/* ---- Control flow (see the delay-slot note above) ---- */
/* Conditional branch to target, taken iff cond != 0; likely: annul the slot if not taken. */
void gen_branch(DisasContext *s, IRTemp cond, uint32_t target, bool likely);
/* The same, taken iff (a cmp b): lets the branch become one host compare and jump. */
void gen_branch_cmp(DisasContext *s, IRCond cmp, IRTemp a, IRTemp b, uint32_t target,
                    bool likely);
/* Unconditional direct jump (J, JAL, B, BAL). */
void gen_jump(DisasContext *s, uint32_t target);
/* Jump to a register value (JR, JALR); dest is read before the delay slot runs. */
void gen_jump_reg(DisasContext *s, IRTemp dest);

/* ---- Exceptions: env->pc = this insn (or the branch, in a delay slot); NORETURN ---- */
void gen_exception(DisasContext *s, int excp);
/* The same with env->error_code = code (BREAK, traps, FP cause bits). */
void gen_exception_code(DisasContext *s, int excp, uint32_t code);
/* Reserved / unimplemented: logs under -d unimp, raises SIGILL here. Returns true. */
bool gen_reserved(DisasContext *s);
/* Emits: if (cond != 0) raise excp with error code `code`; else continue. */
void gen_exception_if(DisasContext *s, IRTemp cond, int excp, uint32_t code);

/* ---- Memory: guest byte order (MO_BSWAP added for big-endian guests) ---- */
/* A MO_64 access takes/returns an i64 temp (the guest's 64-bit value), others an i32. */
IRTemp gen_ld(DisasContext *s, IRTemp addr, MemOp mo);
void gen_st(DisasContext *s, IRTemp val, IRTemp addr, MemOp mo);
/* base GPR + sign-extended 16-bit offset, as every load/store computes it. */
IRTemp gen_addr(DisasContext *s, int base, int32_t offset);

/* ---- Added with the integer decoder ---- */
/*
 * The insn after the current one, if the current handler may translate it too (same
 * page, room in the TB, not in a delay slot); the handler then sets s->consumed = 1.
 */
bool mips_peek_next(DisasContext *s, uint32_t *insn);
/*
 * The k-th insn after the current one (k >= 1), if this TB will reach it as a plain
 * successor (same page, room in the TB, not in a delay slot) — provided the insns in
 * between do not end the TB; the caller checks that. mips_skip_later() then marks it as
 * already translated.
 */
bool mips_peek(DisasContext *s, unsigned k, uint32_t *insn);
/* Marks the k-th insn after the current one as translated already (at most 8 pending). */
bool mips_skip_later(DisasContext *s, unsigned k);
/* Full host memory fence (SYNC). */
void gen_sync(DisasContext *s);

#endif
