/*
 * JIT internals shared by the code generator's files (jit.c: allocator and integer
 * ops; jit_fp.c: inline floating point). Not for use outside backend/x86_64/.
 */
#ifndef XEMU_JIT_INT_H
#define XEMU_JIT_INT_H

#include <glib.h>

#include "backend/x86_64/jit.h"
#include "backend/x86_64/x86_asm.h"

#define REG_ENV X86_R14
#define REG_GBASE X86_R15

extern JitConfig jit_cfg;
extern unsigned jit_host_feat; /* X86_FEAT_* */

enum { V_DEAD, V_MEM, V_REG, V_CONST };

typedef struct TempState {
    uint8_t val;
    int8_t reg;
    bool coherent; /* the memory home holds the current value */
    bool global;
    bool i64;
    int32_t off;   /* memory home, relative to env */
    uint64_t cst;
    uint32_t last_use;
    uint32_t last_read; /* last insn reading the temp (globals too); 0 if none */
} TempState;

/* Allocator state of one temp recorded at a branch, for its label (see jit.c). */
typedef struct LabelEntry {
    IRTemp t;
    TempState st;
} LabelEntry;

typedef struct LabelState {
    uint32_t start, count; /* entries in Ctx.lentries */
    bool recorded;         /* some branch to the label was emitted */
    bool single;           /* one branch and no fall-through: state kept exactly */
} LabelState;

#define JIT_MAX_PINNED 8

/* Guest vector registers held in xmm6..xmm15 across inline vector ops (jit_vec.c). */
#define JIT_VC_N 10
typedef struct VecCacheEntry {
    int32_t off;     /* env bytes [off, off + bytes) */
    uint8_t bytes;   /* 8 or 16 */
    bool valid;
    bool dirty;      /* newer than env: store before anything else reads env */
    uint32_t stamp;  /* last use, for eviction */
} VecCacheEntry;

typedef struct Ctx {
    X86Buf *b;
    const IRFunc *f;
    TempState *ts;
    int reg_temp[16];   /* temp in each host register, -1 if free */
    uint32_t locked;    /* registers the current op must not reallocate */
    uint32_t idx;       /* current insn */
    X86Label *labels;
    uint32_t *label_refs;
    bool *label_fall;   /* reached by falling through from the previous insn */
    LabelState *lstate;
    GArray *lentries;   /* LabelEntry */
    GArray *pcmap;
    GArray *fault_sites; /* JitFaultSite */
    GArray *fault_vals;  /* JitFaultVal */
    int pending_slot;
    uintptr_t tag;
    int32_t slot_field[2];
    uint32_t cur_pc;
    /* Self-loop (IRFunc.loop_slot): globals held in fixed registers at the loop head. */
    int loop_slot;
    int32_t loop_head;
    unsigned nb_pinned;
    IRTemp pinned[JIT_MAX_PINNED];
    X86Reg pinned_reg[JIT_MAX_PINNED];
    X86Label exit_req; /* the TB-entry exit taken when JitThread.exit_request is set */
    VecCacheEntry vc[JIT_VC_N];
    uint32_t vc_clock;
} Ctx;

#define RB(r) (1u << (r))
#define CALLER_SAVED (RB(X86_RAX) | RB(X86_RCX) | RB(X86_RDX) | RB(X86_RSI) | RB(X86_RDI) | \
                      RB(X86_R8) | RB(X86_R9) | RB(X86_R10) | RB(X86_R11))

static inline int W(const TempState *t) { return t->i64 ? 64 : 32; }
static inline X86Mem home(const TempState *t) { return x86_mem(REG_ENV, t->off); }
static inline bool fits_i32(int64_t v) { return v == (int32_t)v; }

/* ---- Allocator (jit.c) ---- */
/* A free register (evicting if needed), never one in `exclude` or locked. */
X86Reg ra_alloc(Ctx *c, uint32_t exclude);
/* Emit: r = value of temp k. */
void ra_copy_to(Ctx *c, X86Reg r, IRTemp k);
/* Temp k in a register (loaded if needed), locked for the current op. */
X86Reg ra_load(Ctx *c, IRTemp k);
/* Temp k now lives only in r (dirty). */
void ra_set_out(Ctx *c, IRTemp k, X86Reg r);
void ra_set_const(Ctx *c, IRTemp k, uint64_t v);
/* True if TB temp k is not used after the current insn. */
bool ra_dies(Ctx *c, IRTemp k);
/* Constant usable as a sign-extended imm32. */
bool ra_imm_ok(const TempState *t);
/* A register for `out` holding a's value, to compute out = a op ... in place. */
X86Reg ra_dst_from(Ctx *c, IRTemp out, IRTemp a);
void ra_sync_globals(Ctx *c);
/* Helper call by the SysV ABI, with the allocator's bookkeeping. */
void jit_gen_call(Ctx *c, IRHelper *h, int out, const IRTemp *in, unsigned nb_in);

/* ---- Inline floating point (jit_fp.c) ---- */
/*
 * Emits helper h (a VFP arithmetic helper) as host SSE code with a slow path calling
 * h itself, and returns true; false if h has no inline form (the caller emits a call).
 */
bool jit_fp_inline(Ctx *c, IRHelper *h, int out, const IRTemp *in, unsigned nb_in);

/*
 * A helper call on an out-of-line path: the caller-saved registers holding a value are
 * pushed and popped around it, the allocator's state is not touched, so the code after
 * it continues with the registers as they were. Operand k of h is in register inr[k],
 * or when that is X86_NOREG, the constant temp in[k]; the result goes to `out` (or -1).
 */
typedef struct JitCall {
    const void *fn;
    uint8_t nb_args;
    int8_t arg_reg[IR_MAX_HELPER_ARGS]; /* operand register, X86_NOREG: arg_imm */
    uint64_t arg_imm[IR_MAX_HELPER_ARGS];
    uint32_t save;      /* caller-saved registers to preserve */
    int8_t out;         /* register for the result, or -1 */
    bool out64;
} JitCall;
void jit_call_init(Ctx *c, JitCall *k, IRHelper *h, const IRTemp *in, const X86Reg *inr,
                   X86Reg out);
void jit_call_emit(X86Buf *b, const JitCall *k);

/* MXCSR: the host default (round to nearest, all masked, no FTZ/DAZ, flags clear), the
 * sticky flags the inline float code reads, and a 4-byte slot for ldmxcsr/stmxcsr (the
 * red zone below rsp, which nothing else uses). */
#define MXCSR_DEFAULT 0x1f80
#define MXCSR_DE 0x02
#define MXCSR_UE 0x10
#define MXCSR_PE 0x20
static inline X86Mem jit_mxcsr_slot(void) { return x86_mem(X86_RSP, -8); }

/* A 16-byte constant in the code buffer for RIP-relative operands, or NULL if the pool
 * is full (the caller builds it another way). */
const void *jit_const128(uint64_t lo, uint64_t hi);

/* ---- Inline vector ops (jit_vec.c) ---- */
/* Emits a call of vector helper h (IRVecDesc) as host SSE code and returns true, or
 * returns false (the caller emits the call). */
bool jit_vec_inline(Ctx *c, IRHelper *h, const IRTemp *in, unsigned nb_in);
bool jit_vec_supported(const IRVecDesc *v);
/*
 * Before IR insn i: env made current for what i may read, cached registers dropped
 * where i may write env (helper calls are left to the call site: jit_vec_inline, or
 * jit_vec_sync_all before anything else).
 */
void jit_vec_barrier(Ctx *c, const IRInsn *i);
/* Every cached vector register stored to env (dirty ones) and, with kill, dropped. */
void jit_vec_sync_all(Ctx *c, bool kill);
/* An ldenv of [off, off + bytes) into d emitted as a move from the cached vector
 * register holding those bytes (jit_vec_barrier leaves it cached and unstored), or
 * false (the caller loads from env). */
bool jit_vec_ldenv(Ctx *c, X86Reg d, int32_t off, unsigned bytes);

#endif
