/*
 * The x86_64 JIT: compiles one optimized IRFunc (a translation block) into host code
 * in a shared code buffer. linux-user/exec.c owns the TB cache and decides when to
 * compile, chain, invalidate and flush; this module only knows code.
 *
 * Generated code runs with r14 = env (the guest CPU struct) and r15 = guest_base. Guest
 * globals live in host registers inside a TB and are written back to env at basic-block
 * ends, before guest memory accesses (so a fault sees exact guest state) and before
 * helpers that read guest state. TB temps that survive a block end are spilled to slots
 * in the per-thread JIT area behind env (see JitThread).
 *
 * Exits: jit_enter() returns either a small exit code (< JIT_TAG_MIN: the TB's exit_tb
 * code, 0 for "look up the next TB") or `tag | slot` for a TB that left through chain
 * slot `slot` without being chained yet, so the caller can patch that slot.
 */
#ifndef XEMU_JIT_H
#define XEMU_JIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ir/ir.h"

/* What the generated code needs to know about the guest's env layout. */
typedef struct JitConfig {
    uint32_t thread_off; /* offset of JitThread from env (16-aligned, behind env) */
    int32_t pc_off;      /* env offset of the guest pc (u32) */
    /* TB flags for the inline indirect-branch lookup: sum of (u32 field << shift). */
    unsigned nb_flag_fields;
    int32_t flag_off[2];
    uint8_t flag_shift[2];
    bool nochain;        /* -d nochain: no inline lookups (exec.c does not patch slots) */
    size_t code_size;    /* code buffer bytes (0: default); fixed by the first jit_init */
    unsigned disable_feat; /* X86_FEAT_* bits not to use even if the host has them */
} JitConfig;

/* One jump-cache entry: read by the inline lookup in generated code. */
typedef struct JitJumpEntry {
    uint32_t pc, flags;
    const void *code;
} JitJumpEntry;

#define JIT_JC_BITS 12
#define JIT_JC_SIZE (1u << JIT_JC_BITS)
#define JIT_JC_EMPTY_PC 1u /* no guest pc is odd with flags such that it matches */
static inline uint32_t jit_jc_index(uint32_t pc) { return (pc >> 1) & (JIT_JC_SIZE - 1); }

/* Per-thread data behind env at JitConfig.thread_off. */
typedef struct JitThread {
    JitJumpEntry *jc;    /* JIT_JC_SIZE entries */
    uint32_t cur_pc;     /* guest pc of the insn whose helper call is running */
    /*
     * Non-zero: leave generated code. Every TB tests it on entry (and on its self-loop
     * back edge) and then exits with `tag | JIT_SLOT_ENTRY` before running any guest
     * insn, so the guest pc is the TB's own pc.
     */
    volatile uint32_t exit_request;
} JitThread;
#define JIT_SLOT_ENTRY 3u
/* TB temps spill to [thread_off + JIT_SPILL_OFF + 8 * (temp - nb_globals)]. */
#define JIT_SPILL_OFF 64

/* Exit values of jit_enter at or above this are `tag | slot`. */
#define JIT_TAG_MIN 4096u

/*
 * Guest memory accesses do not store dirty globals first. Instead each access records
 * where every dirty global is (a host register or a constant), and a fault inside the
 * access writes those values to env (jit_fault_restore).
 */
typedef struct JitFaultVal {
    int32_t env_off;
    uint8_t size;  /* 4 or 8 */
    int8_t reg;    /* host register number, or -1: the value is cst */
    uint64_t cst;
} JitFaultVal;

typedef struct JitFaultSite {
    uint32_t start, end;   /* host code offsets of the access instructions */
    uint32_t first, count; /* its entries in JitTBInfo.fault_vals */
} JitFaultSite;

typedef struct JitTBInfo {
    const uint8_t *code;
    uint32_t code_size;
    int32_t slot_field[2]; /* offset in code of each chain slot's rel32 field, or -1 */
    /*
     * The slot compiled as a jump back into this TB (IRFunc.loop_slot), or -1. It starts
     * out chained to the TB itself; jit_patch_slot(tb, loop_slot, NULL) makes it exit.
     */
    int loop_slot;
    uint32_t nb_pcmap;
    uint32_t *pcmap;       /* pairs (host offset, guest pc) per guest insn; g_free */
    uint32_t nb_fault_sites;
    JitFaultSite *fault_sites; /* g_free; fault_vals points into the same block */
    JitFaultVal *fault_vals;
} JitTBInfo;

/* Allocates the code buffer and emits the entry/exit trampolines. */
void jit_init(const JitConfig *cfg);
/*
 * Compiles f. `tag` (4-aligned, >= JIT_TAG_MIN) is what an unchained slot exit returns
 * (with the slot number in the low bits). Returns false when the code buffer is full:
 * the caller drops every TB, calls jit_flush() and compiles again.
 */
bool jit_compile(const IRFunc *f, uintptr_t tag, JitTBInfo *out);
/* Empties the code buffer (every previously returned code pointer becomes invalid). */
void jit_flush(void);
/* Runs code with env until a TB exits; see the exit convention above. */
uint64_t jit_enter(void *env, const void *code);
/* Points chain slot `slot` of tb at target, or back at its exit when target is NULL. */
void jit_patch_slot(const JitTBInfo *tb, int slot, const void *target);
/* True if host_pc lies in generated code. */
bool jit_in_code(uintptr_t host_pc);
/* The guest pc of the insn that host_pc (inside tb's code) belongs to. */
uint32_t jit_guest_pc(const JitTBInfo *tb, uintptr_t host_pc);
/*
 * A host fault at host_pc inside tb's code (ucontext: the handler's ucontext_t): writes
 * the guest globals that only lived in host registers at that access back to env.
 */
void jit_fault_restore(const JitTBInfo *tb, uintptr_t host_pc, void *env, const void *ucontext);
/* -d out_asm: host code of tb with guest pc markers. */
void jit_disas(FILE *out, const JitTBInfo *tb);

#endif
