/*
 * xemu IR: the intermediate representation every guest frontend emits and every
 * engine (the interpreter in ir/interp.c, later the x86_64 JIT) consumes.
 *
 * A translation block (TB) is one IRFunc: a linear list of IRInsn over numbered
 * temps. Temps below nb_globals are *globals*: named guest-state fields that live at a
 * fixed offset in the guest CPU struct (env) and keep their value across TBs. The rest
 * are TB-local temps. Branches inside a TB only go forward (the verifier checks this),
 * which keeps liveness a single backward pass. The op table is ir/ir_ops.def; the
 * meaning of each op is in ir/README.md.
 */
#ifndef XEMU_IR_H
#define XEMU_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
    IRF_SIDE = 1 << 0,
    IRF_BB_END = 1 << 1,
    IRF_MEM = 1 << 2,
    IRF_I64 = 1 << 3,
    IRF_CALL = 1 << 4,
};

typedef enum IROpcode {
#define IR_OP(name, o, i, c, f) IR_OP_##name,
#include "ir_ops.def"
#undef IR_OP
    IR_OP_COUNT
} IROpcode;

typedef struct IROpDef {
    const char *name;
    uint8_t nb_out, nb_in, nb_cst;
    uint8_t flags;
} IROpDef;

extern const IROpDef ir_op_defs[IR_OP_COUNT];

/* Comparison conditions for brcond/setcond/movcond. */
typedef enum IRCond {
    IR_COND_EQ, IR_COND_NE,
    IR_COND_LT, IR_COND_GE, IR_COND_LE, IR_COND_GT,     /* signed */
    IR_COND_LTU, IR_COND_GEU, IR_COND_LEU, IR_COND_GTU, /* unsigned */
    IR_COND_TSTEQ, IR_COND_TSTNE,                       /* (a & b) == 0, != 0 */
    IR_COND_ALWAYS, IR_COND_NEVER,
} IRCond;

IRCond ir_cond_invert(IRCond c);
const char *ir_cond_name(IRCond c);
bool ir_cond_eval32(IRCond c, uint32_t a, uint32_t b);
bool ir_cond_eval64(IRCond c, uint64_t a, uint64_t b);

/* Memory operation descriptor for ld/st: size, sign extension, byte order. */
typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3, MO_SIZE = 3,
    MO_SIGN = 4,
    MO_BSWAP = 8, /* guest byte order differs from the host's (big-endian guest) */
    MO_UB = MO_8, MO_SB = MO_8 | MO_SIGN,
    MO_UW = MO_16, MO_SW = MO_16 | MO_SIGN,
    MO_UL = MO_32, MO_SL = MO_32 | MO_SIGN,
    MO_UQ = MO_64,
} MemOp;

typedef uint32_t IRTemp;
typedef uint32_t IRLabel;

typedef enum IRType { IR_I32, IR_I64 } IRType;

typedef struct IRTempInfo {
    uint8_t type;     /* IRType */
    uint8_t is_global;
    int32_t env_off;  /* globals: offset in env */
    const char *name; /* globals: for printing */
} IRTempInfo;

#define IR_MAX_ARGS 8
#define IR_MAX_HELPER_ARGS 6

typedef struct IRInsn {
    uint16_t op;
    uint8_t nb_out, nb_in, nb_cst;
    uint8_t pad[3];
    /* outputs, then inputs (temps), then constants. */
    uint64_t args[IR_MAX_ARGS];
} IRInsn;

/*
 * Helper functions callable from IR. Declare with IR_HELPER_DEF in a .c file and
 * IR_HELPER_DECL in a header. Argument kinds: IRH_I32/IRH_I64 take a temp; IRH_ENV
 * passes the guest CPU struct pointer and takes no temp. The helper's C signature must
 * match (uint32_t, uint64_t, void *).
 */
typedef enum IRHelperKind { IRH_VOID, IRH_I32, IRH_I64, IRH_ENV } IRHelperKind;

enum {
    IRH_PURE = 1 << 0,       /* no side effects, result depends on args only: deletable */
    IRH_NO_GLOBALS = 1 << 1, /* neither reads nor writes any IR global through env */
    IRH_NO_RETURN = 1 << 2,  /* ends the TB (raises an exception via longjmp) */
    IRH_MEM = 1 << 3,        /* accesses guest memory, so may fault: globals must be in env */
};

/*
 * What a floating-point helper computes, for engines that can do it with host FP
 * instructions (the JIT) instead of calling it; the helper stays the reference and the
 * slow path, and the interpreter ignores this. Operands and results are raw IEEE bits in
 * the helper's non-ENV arguments, in order; `csr_off` is the env offset of the guest's
 * FP control/status register (rounding mode, flush-to-zero, default NaN, cumulative
 * flags), whose meaning `flavour` names. See ir/README.md.
 */
typedef enum IRFpOp {
    IR_FP_ADD,     /* in0 + in1 */
    IR_FP_SUB,     /* in0 - in1 */
    IR_FP_MUL,     /* in0 * in1 */
    IR_FP_DIV,     /* in0 / in1 */
    IR_FP_SQRT,    /* sqrt(in0) */
    IR_FP_MULADD,  /* in0 + in1 * in2, one rounding */
    IR_FP_CMP,     /* compare in0 with in1, result in the csr (no output) */
    IR_FP_CMPE,    /* the same, quiet NaNs also raise Invalid */
    IR_FP_CVT,     /* the other precision's in0 converted to `dp` */
    IR_FP_TO_INT,  /* in0 to a 32-bit integer; in1 is the guest's descriptor */
    IR_FP_FROM_INT,/* 32-bit integer in0 to float; in1 is the guest's descriptor */
} IRFpOp;

typedef enum IRFpFlavour {
    IR_FP_ARM,  /* FPSCR: RMode, FZ, DN, sticky IOC..IDC, NZCV; VFP_FIX_* descriptors */
    IR_FP_MIPS, /* reserved: FCSR (rounding, FS, cause/enable/flags) */
} IRFpFlavour;

typedef struct IRFpInline {
    uint8_t op;       /* IRFpOp */
    uint8_t dp;       /* result (operands, for CMP and TO_INT) are f64, else f32 */
    uint8_t flavour;  /* IRFpFlavour */
    int32_t csr_off;  /* env offset of the u32 control/status register */
} IRFpInline;

/*
 * What a vector helper computes, for engines that can do it with host vector
 * instructions (the JIT's SSE) instead of calling it. A helper whose only non-ENV
 * argument is a constant (the guest instruction) may have a `vec` decoder: given that
 * constant it fills an IRVecDesc and returns true if the call is exactly one of these
 * lane-wise operations on env bytes, else false. The helper stays the reference (the
 * interpreter always calls it, and so does the JIT for a form the host cannot do).
 *
 * Registers are `bytes` (8 or 16) of env at d, n, m, little-endian lanes of 8 << esz
 * bits; the result is written to d after all reads (d may equal n or m). Unary ops read
 * m. Semantics, per lane i (results wrap unless said):
 */
typedef enum IRVecOp {
    IR_VEC_ADD, IR_VEC_SUB, IR_VEC_MUL,  /* n + m, n - m, n * m (low half) */
    IR_VEC_MLA, IR_VEC_MLS,              /* d + n * m, d - n * m */
    IR_VEC_AND, IR_VEC_BIC, IR_VEC_ORR, IR_VEC_ORN, IR_VEC_EOR, /* n&m n&~m n|m n|~m n^m */
    IR_VEC_BSL,                          /* bits of d select n (1) or m (0) */
    IR_VEC_BIT,                          /* bits of m select n (1) or d (0) */
    IR_VEC_BIF,                          /* bits of m select d (1) or n (0) */
    IR_VEC_CEQ, IR_VEC_TST,              /* all ones if n == m, if n & m != 0; else 0 */
    IR_VEC_CGT, IR_VEC_CGE, IR_VEC_CGTU, IR_VEC_CGEU, /* n > m, n >= m (signed, unsigned) */
    IR_VEC_MAX, IR_VEC_MIN, IR_VEC_MAXU, IR_VEC_MINU,
    IR_VEC_ABD, IR_VEC_ABDU,             /* |n - m| (signed, unsigned) */
    IR_VEC_ABA, IR_VEC_ABAU,             /* d + |n - m| */
    IR_VEC_RHADDU,                       /* (n + m + 1) >> 1, unsigned, no overflow */
    IR_VEC_QADD, IR_VEC_QADDU, IR_VEC_QSUB, IR_VEC_QSUBU, /* saturating: sets sat bit */
    IR_VEC_SHL,                          /* m << imm (imm < lane bits) */
    IR_VEC_SHR, IR_VEC_SAR,              /* m >> imm, logical or arithmetic (1..lane bits) */
    IR_VEC_USRA, IR_VEC_SSRA,            /* d + (m >> imm), logical or arithmetic */
    IR_VEC_SRI,                          /* m >> imm into d, keeping d's top imm bits */
    IR_VEC_SLI,                          /* m << imm into d, keeping d's low imm bits */
    IR_VEC_NOT,                          /* ~m */
    IR_VEC_REV,                          /* lanes of m reversed within each 2^imm bytes */
    IR_VEC_DUP,                          /* every lane = lane imm of m */
    IR_VEC_EXT,                          /* bytes imm.. of the concatenation m:n (n low) */
    /* Widening and narrowing: esz is the narrow lane size. */
    IR_VEC_MOVL, IR_VEC_MOVLU,           /* d (16 bytes) = m's 8 bytes widened */
    IR_VEC_MOVN,                         /* d (8 bytes) = low halves of m's 16 bytes */
    IR_VEC_MULL, IR_VEC_MULLU,           /* d (16) = n * m, 8-byte sources widened */
    IR_VEC_MLAL, IR_VEC_MLALU,           /* d (16) += n * m widened */
    /*
     * Single precision (esz 2) under the guest's fixed vector float mode: IEEE single,
     * round to nearest even, but denormal operands and tiny results flushed to zero and
     * NaN results the default NaN, with the guest's own cumulative flags. The engine
     * may use host IEEE arithmetic for the lanes where that gives the same result with
     * no flag but Inexact: operands normal or zero (infinities too for compares, max,
     * min and conversions) and, for arithmetic, results zero or normal with a biased
     * exponent of at least 2 (a product of zero only from a zero operand). Inexact is
     * the bit sat_bit of the u32 at sat_off. Anything else: the helper computes it.
     */
    IR_VEC_FADD, IR_VEC_FSUB, IR_VEC_FMUL, /* n + m, n - m, n * m */
    IR_VEC_FMLA, IR_VEC_FMLS,            /* d + n * m, d - n * m: two roundings */
    IR_VEC_FMAX, IR_VEC_FMIN,            /* +0 is above -0 */
    IR_VEC_FCEQ, IR_VEC_FCGE, IR_VEC_FCGT, /* all ones if n == m, n >= m, n > m */
    IR_VEC_FABS, IR_VEC_FNEG,            /* m's sign cleared, flipped: any value, no flag */
    IR_VEC_FCVT_FROM_S32,                /* signed m / 2^imm to float, rounded */
    IR_VEC_FCVT_TO_S32,                  /* float m * 2^imm to signed, toward zero */
    IR_VEC_OP_COUNT
} IRVecOp;

typedef struct IRVecDesc {
    uint8_t op;       /* IRVecOp */
    uint8_t esz;      /* lane size: 8 << esz bits */
    uint8_t bytes;    /* 8 or 16: the size of d (of every operand but the widening,
                       * narrowing and long ops' narrow ones, which are 8) */
    uint8_t imm;
    uint8_t scalar;   /* m is one lane (at env offset m) repeated: the by-scalar forms of
                       * MUL, MLA, MLS, MULL, MLAL and their float kin */
    uint8_t zero;     /* 1: n, 2: m is zero instead of a register (compares with #0) */
    int32_t d, n, m;  /* env offsets */
    int32_t sat_off;  /* saturating ops: u32 in env whose bit sat_bit they set;
                       * float ops: the same for Inexact */
    uint8_t sat_bit;
} IRVecDesc;

/*
 * Set by an engine that inlines vector helpers (the JIT): true if it does this one
 * without calling the helper. A frontend may then prefer the helper call to a longer
 * open-coded form. NULL: no engine does.
 */
extern bool (*ir_vec_supported)(const IRVecDesc *v);

typedef struct IRHelper {
    const char *name;
    void *fn;
    uint32_t flags;
    uint8_t ret;
    uint8_t nb_args;
    uint8_t args[IR_MAX_HELPER_ARGS];
    void *ffi; /* interpreter's prepared call descriptor, built on first use */
    const IRFpInline *fp; /* NULL, or what an FP helper computes (IR_HELPER_DEF_FP) */
    bool (*vec)(uint32_t arg, IRVecDesc *v); /* NULL, or see IRVecDesc (IR_HELPER_DEF_VEC) */
} IRHelper;

#define IR_HELPER_NARGS_(_0, a, b, c, d, e, f, n, ...) n
#define IR_HELPER_NARGS(...) IR_HELPER_NARGS_(_, ##__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define IR_HELPER_DECL(NAME) extern IRHelper helper_info_##NAME
#define IR_HELPER_DEF(NAME, flags_, ret_, ...)                                   \
    IRHelper helper_info_##NAME = {                                              \
        .name = #NAME, .fn = (void *)helper_##NAME, .flags = (flags_),           \
        .ret = (ret_), .nb_args = IR_HELPER_NARGS(__VA_ARGS__),                  \
        .args = { __VA_ARGS__ } }
/* The same for a floating-point helper described by FP (a const IRFpInline *). */
#define IR_HELPER_DEF_FP(NAME, FP, flags_, ret_, ...)                            \
    IRHelper helper_info_##NAME = {                                              \
        .name = #NAME, .fn = (void *)helper_##NAME, .flags = (flags_),           \
        .ret = (ret_), .nb_args = IR_HELPER_NARGS(__VA_ARGS__),                  \
        .args = { __VA_ARGS__ }, .fp = (FP) }

/* The same for a vector helper with a decoder VEC (see IRVecDesc). */
#define IR_HELPER_DEF_VEC(NAME, VEC, flags_, ret_, ...)                          \
    IRHelper helper_info_##NAME = {                                              \
        .name = #NAME, .fn = (void *)helper_##NAME, .flags = (flags_),           \
        .ret = (ret_), .nb_args = IR_HELPER_NARGS(__VA_ARGS__),                  \
        .args = { __VA_ARGS__ }, .vec = (VEC) }

/* One translation block's IR. */
typedef struct IRFunc {
    IRInsn *insns;
    uint32_t nb_insns, cap_insns;
    IRTempInfo *temps;
    uint32_t nb_temps, cap_temps;
    uint32_t nb_globals;
    uint32_t nb_labels;
    /*
     * Chain slot whose goto_tb leads back to this TB's own (pc, flags), or -1. Set by
     * the frontend; the JIT compiles that exit as a loop back edge.
     */
    int loop_slot;
} IRFunc;

/* Globals are registered once per process by the frontend, then copied into each IRFunc. */
IRTemp ir_global_register(IRType type, int32_t env_off, const char *name);
uint32_t ir_global_count(void);
const IRTempInfo *ir_global_info(IRTemp t);

void ir_func_init(IRFunc *f);
void ir_func_free(IRFunc *f);
IRTemp ir_new_temp(IRFunc *f, IRType type);
IRLabel ir_new_label(IRFunc *f);
IRInsn *ir_emit(IRFunc *f, IROpcode op);
void ir_print(const IRFunc *f, FILE *out);
/* Checks arity, temp types and forward-only branches; returns false and prints why. */
bool ir_verify(const IRFunc *f, FILE *err);
/* Constant/copy propagation and folding, then dead code and dead global stores. */
void ir_optimize(IRFunc *f);

/* ---- Builder: one inline function per op shape ---- */
#define IRB static inline

IRB void ir_gen_op1(IRFunc *f, IROpcode op, IRTemp d, IRTemp a)
{ IRInsn *i = ir_emit(f, op); i->args[0] = d; i->args[1] = a; }
IRB void ir_gen_op2(IRFunc *f, IROpcode op, IRTemp d, IRTemp a, IRTemp b)
{ IRInsn *i = ir_emit(f, op); i->args[0] = d; i->args[1] = a; i->args[2] = b; }

#define IR_UNARY(name) IRB void ir_##name(IRFunc *f, IRTemp d, IRTemp a) \
    { ir_gen_op1(f, IR_OP_##name, d, a); }
#define IR_BINARY(name) IRB void ir_##name(IRFunc *f, IRTemp d, IRTemp a, IRTemp b) \
    { ir_gen_op2(f, IR_OP_##name, d, a, b); }

IR_UNARY(mov_i32) IR_UNARY(neg_i32) IR_UNARY(not_i32) IR_UNARY(clz_i32) IR_UNARY(ctz_i32)
IR_UNARY(bswap32_i32) IR_UNARY(ext8s_i32) IR_UNARY(ext8u_i32) IR_UNARY(ext16s_i32)
IR_UNARY(ext16u_i32)
IR_BINARY(add_i32) IR_BINARY(sub_i32) IR_BINARY(mul_i32) IR_BINARY(and_i32)
IR_BINARY(or_i32) IR_BINARY(xor_i32) IR_BINARY(andc_i32) IR_BINARY(shl_i32)
IR_BINARY(shr_i32) IR_BINARY(sar_i32) IR_BINARY(rotr_i32) IR_BINARY(div_i32)
IR_BINARY(divu_i32) IR_BINARY(rem_i32) IR_BINARY(remu_i32) IR_BINARY(addv_i32)
IR_BINARY(subv_i32)
IR_UNARY(mov_i64) IR_UNARY(neg_i64) IR_UNARY(ext_i32_i64) IR_UNARY(extu_i32_i64)
IR_UNARY(extrl_i64_i32) IR_UNARY(extrh_i64_i32)
IR_BINARY(add_i64) IR_BINARY(sub_i64) IR_BINARY(mul_i64) IR_BINARY(and_i64)
IR_BINARY(or_i64) IR_BINARY(xor_i64) IR_BINARY(shl_i64) IR_BINARY(shr_i64)
IR_BINARY(sar_i64) IR_BINARY(concat_i32_i64)
#undef IR_UNARY
#undef IR_BINARY

/* What addv_i32 / subv_i32 compute: the signed overflow as bit 31, other bits 0. */
static inline uint32_t ir_addv32(uint32_t a, uint32_t b)
{
    return ((a + b) ^ a) & ~(a ^ b) & 0x80000000u;
}
static inline uint32_t ir_subv32(uint32_t a, uint32_t b)
{
    return ((a - b) ^ a) & (a ^ b) & 0x80000000u;
}

IRB void ir_movi_i32(IRFunc *f, IRTemp d, uint32_t v)
{ IRInsn *i = ir_emit(f, IR_OP_movi_i32); i->args[0] = d; i->args[1] = v; }
IRB void ir_movi_i64(IRFunc *f, IRTemp d, uint64_t v)
{ IRInsn *i = ir_emit(f, IR_OP_movi_i64); i->args[0] = d; i->args[1] = v; }
/* A fresh temp holding a constant. */
IRB IRTemp ir_const_i32(IRFunc *f, uint32_t v)
{ IRTemp t = ir_new_temp(f, IR_I32); ir_movi_i32(f, t, v); return t; }
IRB IRTemp ir_const_i64(IRFunc *f, uint64_t v)
{ IRTemp t = ir_new_temp(f, IR_I64); ir_movi_i64(f, t, v); return t; }

#define IR_BINARY_IMM(name, ty, cty) \
    IRB void ir_##name##i_##ty(IRFunc *f, IRTemp d, IRTemp a, cty v) \
    { ir_##name##_##ty(f, d, a, ir_const_##ty(f, v)); }
IR_BINARY_IMM(add, i32, uint32_t) IR_BINARY_IMM(sub, i32, uint32_t)
IR_BINARY_IMM(and, i32, uint32_t) IR_BINARY_IMM(or, i32, uint32_t)
IR_BINARY_IMM(xor, i32, uint32_t) IR_BINARY_IMM(shl, i32, uint32_t)
IR_BINARY_IMM(shr, i32, uint32_t) IR_BINARY_IMM(sar, i32, uint32_t)
IR_BINARY_IMM(rotr, i32, uint32_t) IR_BINARY_IMM(mul, i32, uint32_t)
IR_BINARY_IMM(add, i64, uint64_t) IR_BINARY_IMM(and, i64, uint64_t)
IR_BINARY_IMM(shl, i64, uint64_t) IR_BINARY_IMM(shr, i64, uint64_t)
IR_BINARY_IMM(sar, i64, uint64_t)
#undef IR_BINARY_IMM

IRB void ir_extract_i32(IRFunc *f, IRTemp d, IRTemp a, unsigned pos, unsigned len)
{ IRInsn *i = ir_emit(f, IR_OP_extract_i32); i->args[0] = d; i->args[1] = a;
  i->args[2] = pos; i->args[3] = len; }
IRB void ir_sextract_i32(IRFunc *f, IRTemp d, IRTemp a, unsigned pos, unsigned len)
{ IRInsn *i = ir_emit(f, IR_OP_sextract_i32); i->args[0] = d; i->args[1] = a;
  i->args[2] = pos; i->args[3] = len; }
IRB void ir_deposit_i32(IRFunc *f, IRTemp d, IRTemp a, IRTemp b, unsigned pos, unsigned len)
{ IRInsn *i = ir_emit(f, IR_OP_deposit_i32); i->args[0] = d; i->args[1] = a;
  i->args[2] = b; i->args[3] = pos; i->args[4] = len; }
IRB void ir_setcond_i32(IRFunc *f, IRCond c, IRTemp d, IRTemp a, IRTemp b)
{ IRInsn *i = ir_emit(f, IR_OP_setcond_i32); i->args[0] = d; i->args[1] = a;
  i->args[2] = b; i->args[3] = c; }
IRB void ir_setcondi_i32(IRFunc *f, IRCond c, IRTemp d, IRTemp a, uint32_t v)
{ ir_setcond_i32(f, c, d, a, ir_const_i32(f, v)); }
IRB void ir_setcond_i64(IRFunc *f, IRCond c, IRTemp d, IRTemp a, IRTemp b)
{ IRInsn *i = ir_emit(f, IR_OP_setcond_i64); i->args[0] = d; i->args[1] = a;
  i->args[2] = b; i->args[3] = c; }
IRB void ir_movcond_i32(IRFunc *f, IRCond c, IRTemp d, IRTemp c1, IRTemp c2,
                        IRTemp v1, IRTemp v2)
{ IRInsn *i = ir_emit(f, IR_OP_movcond_i32); i->args[0] = d; i->args[1] = c1;
  i->args[2] = c2; i->args[3] = v1; i->args[4] = v2; i->args[5] = c; }

IRB void ir_ld_i32(IRFunc *f, IRTemp d, IRTemp addr, MemOp mo)
{ IRInsn *i = ir_emit(f, IR_OP_ld_i32); i->args[0] = d; i->args[1] = addr; i->args[2] = mo; }
IRB void ir_st_i32(IRFunc *f, IRTemp v, IRTemp addr, MemOp mo)
{ IRInsn *i = ir_emit(f, IR_OP_st_i32); i->args[0] = v; i->args[1] = addr; i->args[2] = mo; }
IRB void ir_ld_i64(IRFunc *f, IRTemp d, IRTemp addr, MemOp mo)
{ IRInsn *i = ir_emit(f, IR_OP_ld_i64); i->args[0] = d; i->args[1] = addr; i->args[2] = mo; }
IRB void ir_st_i64(IRFunc *f, IRTemp v, IRTemp addr, MemOp mo)
{ IRInsn *i = ir_emit(f, IR_OP_st_i64); i->args[0] = v; i->args[1] = addr; i->args[2] = mo; }
IRB void ir_ldenv_i32(IRFunc *f, IRTemp d, int32_t off)
{ IRInsn *i = ir_emit(f, IR_OP_ldenv_i32); i->args[0] = d; i->args[1] = (uint32_t)off; }
IRB void ir_stenv_i32(IRFunc *f, IRTemp v, int32_t off)
{ IRInsn *i = ir_emit(f, IR_OP_stenv_i32); i->args[0] = v; i->args[1] = (uint32_t)off; }
IRB void ir_ldenv_i64(IRFunc *f, IRTemp d, int32_t off)
{ IRInsn *i = ir_emit(f, IR_OP_ldenv_i64); i->args[0] = d; i->args[1] = (uint32_t)off; }
IRB void ir_stenv_i64(IRFunc *f, IRTemp v, int32_t off)
{ IRInsn *i = ir_emit(f, IR_OP_stenv_i64); i->args[0] = v; i->args[1] = (uint32_t)off; }

IRB void ir_insn_start(IRFunc *f, uint32_t pc)
{ IRInsn *i = ir_emit(f, IR_OP_insn_start); i->args[0] = pc; }
IRB void ir_set_label(IRFunc *f, IRLabel l)
{ IRInsn *i = ir_emit(f, IR_OP_set_label); i->args[0] = l; }
IRB void ir_br(IRFunc *f, IRLabel l)
{ IRInsn *i = ir_emit(f, IR_OP_br); i->args[0] = l; }
IRB void ir_brcond_i32(IRFunc *f, IRCond c, IRTemp a, IRTemp b, IRLabel l)
{ IRInsn *i = ir_emit(f, IR_OP_brcond_i32); i->args[0] = a; i->args[1] = b;
  i->args[2] = c; i->args[3] = l; }
IRB void ir_brcondi_i32(IRFunc *f, IRCond c, IRTemp a, uint32_t v, IRLabel l)
{ ir_brcond_i32(f, c, a, ir_const_i32(f, v), l); }
IRB void ir_goto_tb(IRFunc *f, unsigned slot)
{ IRInsn *i = ir_emit(f, IR_OP_goto_tb); i->args[0] = slot; }
IRB void ir_exit_tb(IRFunc *f, uint32_t code)
{ IRInsn *i = ir_emit(f, IR_OP_exit_tb); i->args[0] = code; }

/*
 * Helper call: `ret` is the output temp (ignored for IRH_VOID helpers); `args` holds
 * one temp per non-ENV argument, in order.
 */
void ir_call(IRFunc *f, IRHelper *h, IRTemp ret, const IRTemp *args, unsigned nb);
#define ir_call0(f, h, r) ir_call(f, h, r, NULL, 0)
#define ir_callv(f, h, r, ...) \
    ir_call(f, h, r, (const IRTemp[]){ __VA_ARGS__ }, sizeof((IRTemp[]){ __VA_ARGS__ }) / sizeof(IRTemp))

/* Temp helpers for the arg layout. */
static inline unsigned ir_insn_cst_index(const IRInsn *i) { return i->nb_out + i->nb_in; }
static inline uint64_t ir_insn_cst(const IRInsn *i, unsigned k) { return i->args[i->nb_out + i->nb_in + k]; }

#endif
