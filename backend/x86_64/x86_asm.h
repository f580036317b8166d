/*
 * x86_64 assembler: typed emitters that append machine code to a code buffer. It is
 * the only place in xemu that knows instruction encodings; the JIT code generator
 * calls x86_add_rr(), x86_mov_rm(), x86_jcc_label() and friends and never writes a
 * byte itself. Operands are typed: X86Reg for general and XMM registers, X86Mem for
 * memory ([base + index*scale + disp], RIP-relative or absolute) and plain integers
 * for immediates. Widths are given in bits (8, 16, 32, 64) where an instruction has
 * several. Every emitter picks the shortest encoding that means the same thing
 * (imm8 forms, 32-bit moves that zero-extend, accumulator short forms).
 *
 * Running out of buffer is not an error path the caller has to check after every
 * instruction: the buffer records `overflow`, never writes past `end`, and
 * x86_buf_finish() returns false so the JIT can flush its cache and retranslate.
 */
#ifndef XEMU_X86_ASM_H
#define XEMU_X86_ASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Code buffer ---------------------------------------------------------------- */

typedef struct X86Buf {
    uint8_t *start, *ptr, *end;
    bool overflow; /* an emit ran past end; the contents are unusable */
} X86Buf;

void x86_buf_init(X86Buf *b, void *mem, size_t size);
/* Bytes emitted so far (also the offset of the next instruction). */
size_t x86_buf_offset(const X86Buf *b);
/* True when everything fit. The caller discards the code otherwise. */
bool x86_buf_finish(const X86Buf *b);

/* ---- Registers -------------------------------------------------------------------- */

/*
 * General registers keep their hardware numbers (the low 3 bits go into ModRM/SIB,
 * bit 3 into REX); the XMM registers follow at 16. The same name is used at every
 * width: X86_RAX is eax/ax/al depending on the width argument. There are no AH..BH:
 * with a REX prefix, numbers 4-7 at width 8 mean SPL/BPL/SIL/DIL.
 */
typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_XMM0, X86_XMM1, X86_XMM2, X86_XMM3, X86_XMM4, X86_XMM5, X86_XMM6, X86_XMM7,
    X86_XMM8, X86_XMM9, X86_XMM10, X86_XMM11, X86_XMM12, X86_XMM13, X86_XMM14, X86_XMM15,
    X86_NOREG = -1,
    X86_RIP = -2, /* only as X86Mem base */
} X86Reg;

static inline bool x86_is_gpr(X86Reg r) { return r >= X86_RAX && r <= X86_R15; }
static inline bool x86_is_xmm(X86Reg r) { return r >= X86_XMM0 && r <= X86_XMM15; }

/* ---- Memory operands ------------------------------------------------------------ */

/*
 * [base + index*scale + disp]. base may be X86_NOREG (absolute disp32, sign-extended,
 * optionally with an index) or X86_RIP (disp relative to the end of the instruction;
 * with x86_mem_rip() the emitter computes it from an absolute target). index may be
 * X86_NOREG; it may never be X86_RSP (that encoding means "no index").
 */
typedef struct X86Mem {
    int8_t base;         /* X86Reg */
    int8_t index;        /* X86Reg */
    uint8_t scale;       /* 1, 2, 4, 8 */
    int32_t disp;
    const void *target;  /* base == X86_RIP and target != NULL: address to reach */
} X86Mem;

static inline X86Mem x86_mem(X86Reg base, int32_t disp)
{
    return (X86Mem){ .base = (int8_t)base, .index = X86_NOREG, .scale = 1, .disp = disp };
}

static inline X86Mem x86_mem_idx(X86Reg base, X86Reg index, int scale, int32_t disp)
{
    return (X86Mem){ .base = (int8_t)base, .index = (int8_t)index, .scale = (uint8_t)scale,
                     .disp = disp };
}

/* Absolute address in the low or high 2 GiB (sign-extended disp32, no base). */
static inline X86Mem x86_mem_abs(int32_t addr)
{
    return (X86Mem){ .base = X86_NOREG, .index = X86_NOREG, .scale = 1, .disp = addr };
}

/* [rip + disp32] with disp counted from the end of the instruction. */
static inline X86Mem x86_mem_rip_disp(int32_t disp)
{
    return (X86Mem){ .base = X86_RIP, .index = X86_NOREG, .scale = 1, .disp = disp };
}

/* RIP-relative reference to `target`, which must be within +-2 GiB of the code. */
static inline X86Mem x86_mem_rip(const void *target)
{
    return (X86Mem){ .base = X86_RIP, .index = X86_NOREG, .scale = 1, .target = target };
}

/* ---- Condition codes ------------------------------------------------------------ */

typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
    X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
    X86_CC_C = X86_CC_B, X86_CC_NC = X86_CC_AE, X86_CC_Z = X86_CC_E, X86_CC_NZ = X86_CC_NE,
} X86Cond;

/* The opposite condition: the encodings come in pairs differing in bit 0. */
static inline X86Cond x86_cc_invert(X86Cond cc) { return (X86Cond)(cc ^ 1); }

/* ---- Moves ---------------------------------------------------------------------- */

/* Widths: 8/16/32/64 unless noted. A 32-bit write zero-extends into the 64-bit
 * register; 8- and 16-bit writes leave the upper bits alone. */
void x86_mov_rr(X86Buf *b, int w, X86Reg dst, X86Reg src);
/* w 32 or 64. Shortest form: mov r32, imm32 when the value zero-extends, a
 * sign-extended imm32 (REX.W C7), else movabs imm64. Never touches the flags. */
void x86_mov_ri(X86Buf *b, int w, X86Reg dst, uint64_t imm);
void x86_mov_rm(X86Buf *b, int w, X86Reg dst, X86Mem m);      /* load */
void x86_mov_mr(X86Buf *b, int w, X86Mem m, X86Reg src);      /* store */
/* Store an immediate; at w 64 it is a sign-extended imm32. */
void x86_mov_mi(X86Buf *b, int w, X86Mem m, int32_t imm);
/* Zero the register with xor r32, r32 (shortest; clobbers the flags). */
void x86_zero_r(X86Buf *b, X86Reg dst);

/* dw 32 or 64, sw 8 or 16. movzx to 64 bits is emitted as the 32-bit form, which
 * zero-extends the rest anyway. */
void x86_movzx_rr(X86Buf *b, int dw, int sw, X86Reg dst, X86Reg src);
void x86_movzx_rm(X86Buf *b, int dw, int sw, X86Reg dst, X86Mem m);
void x86_movsx_rr(X86Buf *b, int dw, int sw, X86Reg dst, X86Reg src);
void x86_movsx_rm(X86Buf *b, int dw, int sw, X86Reg dst, X86Mem m);
/* Sign-extend 32 -> 64. */
void x86_movsxd_rr(X86Buf *b, X86Reg dst, X86Reg src);
void x86_movsxd_rm(X86Buf *b, X86Reg dst, X86Mem m);
/* w 32 or 64: dst = effective address of m. */
void x86_lea(X86Buf *b, int w, X86Reg dst, X86Mem m);

/* ---- Integer ALU ---------------------------------------------------------------- */

/* The values are the /digit of the 0x80-0x83 group and bits 5:3 of the 0x00-0x3F ops. */
typedef enum X86AluOp {
    X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP,
} X86AluOp;

void x86_alu_rr(X86Buf *b, X86AluOp op, int w, X86Reg dst, X86Reg src);
/* imm is sign-extended to w 64; imm8 short form when it fits, eAX form otherwise. */
void x86_alu_ri(X86Buf *b, X86AluOp op, int w, X86Reg dst, int32_t imm);
void x86_alu_rm(X86Buf *b, X86AluOp op, int w, X86Reg dst, X86Mem m);
void x86_alu_mr(X86Buf *b, X86AluOp op, int w, X86Mem m, X86Reg src);
void x86_alu_mi(X86Buf *b, X86AluOp op, int w, X86Mem m, int32_t imm);

static inline void x86_add_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_alu_rr(b, X86_ADD, w, d, s); }
static inline void x86_sub_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_alu_rr(b, X86_SUB, w, d, s); }
static inline void x86_and_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_alu_rr(b, X86_AND, w, d, s); }
static inline void x86_or_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_alu_rr(b, X86_OR, w, d, s); }
static inline void x86_xor_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_alu_rr(b, X86_XOR, w, d, s); }
static inline void x86_cmp_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_alu_rr(b, X86_CMP, w, d, s); }
static inline void x86_add_ri(X86Buf *b, int w, X86Reg d, int32_t i) { x86_alu_ri(b, X86_ADD, w, d, i); }
static inline void x86_sub_ri(X86Buf *b, int w, X86Reg d, int32_t i) { x86_alu_ri(b, X86_SUB, w, d, i); }
static inline void x86_and_ri(X86Buf *b, int w, X86Reg d, int32_t i) { x86_alu_ri(b, X86_AND, w, d, i); }
static inline void x86_cmp_ri(X86Buf *b, int w, X86Reg d, int32_t i) { x86_alu_ri(b, X86_CMP, w, d, i); }

void x86_test_rr(X86Buf *b, int w, X86Reg a, X86Reg c);
void x86_test_ri(X86Buf *b, int w, X86Reg a, int32_t imm);
void x86_test_mr(X86Buf *b, int w, X86Mem m, X86Reg r);
void x86_test_mi(X86Buf *b, int w, X86Mem m, int32_t imm);

void x86_inc_r(X86Buf *b, int w, X86Reg r);
void x86_dec_r(X86Buf *b, int w, X86Reg r);
void x86_neg_r(X86Buf *b, int w, X86Reg r);
void x86_not_r(X86Buf *b, int w, X86Reg r);

/* The values are the /digit of the shift group (0xC1, 0xD1, 0xD3). */
typedef enum X86ShiftOp {
    X86_ROL = 0, X86_ROR = 1, X86_RCL = 2, X86_RCR = 3, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7,
} X86ShiftOp;

/*
 * x86 masks every shift count, immediate or CL, to 5 bits (6 bits at w 64): a count of
 * 32 on a 32-bit shift is a shift by 0 and leaves the flags alone. ARM register shifts
 * use the low byte of the count and saturate (LSL #32 gives 0), MIPS masks to 5 bits
 * like x86; the code generator builds the guest semantics on top. A count of 0 also
 * leaves the flags unchanged, unlike a guest "shift by 0".
 */
void x86_shift_ri(X86Buf *b, X86ShiftOp op, int w, X86Reg r, uint8_t count);
void x86_shift_rcl(X86Buf *b, X86ShiftOp op, int w, X86Reg r);   /* count in CL */
/* Double shifts: dst = dst << n | src >> (w - n) (shld) and the mirror (shrd). */
void x86_shld_ri(X86Buf *b, int w, X86Reg dst, X86Reg src, uint8_t count);
void x86_shrd_ri(X86Buf *b, int w, X86Reg dst, X86Reg src, uint8_t count);
void x86_shld_rcl(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_shrd_rcl(X86Buf *b, int w, X86Reg dst, X86Reg src);
/* BMI2 (check X86_FEAT_BMI2): dst = src shifted by cnt (any register, masked like
 * the other shifts), flags untouched; rorx rotates right by an immediate. w 32/64. */
void x86_shlx(X86Buf *b, int w, X86Reg dst, X86Reg src, X86Reg cnt);
void x86_shrx(X86Buf *b, int w, X86Reg dst, X86Reg src, X86Reg cnt);
void x86_sarx(X86Buf *b, int w, X86Reg dst, X86Reg src, X86Reg cnt);
void x86_rorx(X86Buf *b, int w, X86Reg dst, X86Reg src, uint8_t count);

/* w 16/32/64. dst = dst * src (truncated), dst = src * imm. */
void x86_imul_rr(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_imul_rm(X86Buf *b, int w, X86Reg dst, X86Mem m);
void x86_imul_rri(X86Buf *b, int w, X86Reg dst, X86Reg src, int32_t imm);
/* One-operand forms: rdx:rax = rax * src (unsigned / signed); rax = rdx:rax / src,
 * rdx = remainder. div/idiv fault (#DE) on a zero divisor and on INT_MIN / -1 (idiv):
 * the code generator must test for those, the IR defines results for them. */
void x86_mul_r(X86Buf *b, int w, X86Reg src);
void x86_imul_r(X86Buf *b, int w, X86Reg src);
void x86_div_r(X86Buf *b, int w, X86Reg src);
void x86_idiv_r(X86Buf *b, int w, X86Reg src);
void x86_cdq(X86Buf *b);   /* edx = sign of eax */
void x86_cqo(X86Buf *b);   /* rdx = sign of rax */

/* ---- Bits and bytes ------------------------------------------------------------- */

/* w 32/64. A 16-bit byte swap is rol r16, 8 (bswap r16 is undefined). */
void x86_bswap(X86Buf *b, int w, X86Reg r);
/* MOVBE (check X86_FEAT_MOVBE): load/store with byte swap, w 16/32/64. A 16-bit
 * load leaves the upper bits of dst alone. */
void x86_movbe_rm(X86Buf *b, int w, X86Reg dst, X86Mem m);
void x86_movbe_mr(X86Buf *b, int w, X86Mem m, X86Reg src);

void x86_bt_ri(X86Buf *b, int w, X86Reg r, uint8_t bit);  /* CF = bit of r */
void x86_bt_rr(X86Buf *b, int w, X86Reg r, X86Reg bit);
/* w 16/32/64. bsf/bsr leave dst undefined for a zero source (ZF set); lzcnt/tzcnt
 * (check X86_FEAT_LZCNT / BMI1) return w for zero. On a CPU without LZCNT the lzcnt
 * encoding silently executes as bsr: always check the feature. */
void x86_bsf_rr(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_bsr_rr(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_lzcnt_rr(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_tzcnt_rr(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_popcnt_rr(X86Buf *b, int w, X86Reg dst, X86Reg src);

/* ---- Atomics -------------------------------------------------------------------- */

void x86_xchg_rr(X86Buf *b, int w, X86Reg a, X86Reg c);
/* xchg with memory is always locked; no prefix needed. */
void x86_xchg_mr(X86Buf *b, int w, X86Mem m, X86Reg r);
/* if ([m] == rax) [m] = src, ZF=1 else rax = [m], ZF=0. `lock` adds the LOCK prefix. */
void x86_cmpxchg_mr(X86Buf *b, int w, X86Mem m, X86Reg src, bool lock);
/* tmp = [m]; [m] += src; src = tmp. */
void x86_xadd_mr(X86Buf *b, int w, X86Mem m, X86Reg src, bool lock);
void x86_mfence(X86Buf *b);

/* ---- Conditions ----------------------------------------------------------------- */

/* dst's low byte = cc ? 1 : 0 (upper bits untouched: zero them before the compare). */
void x86_setcc(X86Buf *b, X86Cond cc, X86Reg dst);
/* w 16/32/64. At w 32 the destination is zero-extended even when cc is false. */
void x86_cmov_rr(X86Buf *b, X86Cond cc, int w, X86Reg dst, X86Reg src);
void x86_cmov_rm(X86Buf *b, X86Cond cc, int w, X86Reg dst, X86Mem m);

/* ---- Control flow --------------------------------------------------------------- */

/*
 * A label is a position in one buffer. Jumps to a bound label (backwards) pick rel8
 * when it reaches; jumps to an unbound label use rel32 and are chained through their
 * own displacement fields until x86_label_bind() resolves them, so a label needs no
 * allocation. The _short variants force rel8 for a forward jump the caller knows is
 * near (at most X86_LABEL_SHORT_REFS per label; binding too far away asserts).
 */
#define X86_LABEL_SHORT_REFS 4
typedef struct X86Label {
    int32_t offset;     /* bound position, -1 while unbound */
    int32_t chain;      /* offset of the last unresolved rel32 field, -1 for none */
    uint8_t nb_short;
    int32_t short_refs[X86_LABEL_SHORT_REFS];
} X86Label;

void x86_label_init(X86Label *l);
void x86_label_bind(X86Buf *b, X86Label *l);
void x86_jmp_label(X86Buf *b, X86Label *l);
void x86_jcc_label(X86Buf *b, X86Cond cc, X86Label *l);
void x86_jmp_label_short(X86Buf *b, X86Label *l);
void x86_jcc_label_short(X86Buf *b, X86Cond cc, X86Label *l);

/*
 * Patchable jumps: emit with a displacement that targets the next instruction and
 * return the buffer offset of the 4-byte displacement (-1 when the buffer overflowed).
 * x86_jmp_rel32_aligned() first pads with NOPs so the field is 4-byte aligned and can
 * be repointed with one atomic store while other threads run the code (TB chaining).
 */
int32_t x86_jmp_rel32(X86Buf *b);
int32_t x86_jcc_rel32(X86Buf *b, X86Cond cc);
int32_t x86_jmp_rel32_aligned(X86Buf *b);
/* Point the rel32 field at `disp` to `target` (must be within +-2 GiB). An aligned
 * field is written with a single atomic 32-bit store. */
void x86_patch_rel32(uint8_t *disp, const void *target);

/* Direct jump/call to an absolute address; false (nothing emitted) if out of rel32
 * range. x86_call_far() falls back to mov scratch, imm64; call scratch. */
bool x86_jmp_ptr(X86Buf *b, const void *target);
bool x86_call_ptr(X86Buf *b, const void *target);
void x86_call_far(X86Buf *b, const void *target, X86Reg scratch);
void x86_call_r(X86Buf *b, X86Reg r);
void x86_call_m(X86Buf *b, X86Mem m);
void x86_jmp_r(X86Buf *b, X86Reg r);
void x86_jmp_m(X86Buf *b, X86Mem m);
void x86_ret(X86Buf *b);
void x86_push_r(X86Buf *b, X86Reg r);
void x86_pop_r(X86Buf *b, X86Reg r);

/* ---- Filler and traps ----------------------------------------------------------- */

/* n bytes of recommended multi-byte NOPs (as few instructions as possible). */
void x86_nop(X86Buf *b, unsigned n);
/* Pad with NOPs until the offset is a multiple of `align` (a power of two). */
void x86_align(X86Buf *b, unsigned align);
void x86_ud2(X86Buf *b);
void x86_int3(X86Buf *b);

/* ---- SSE scalar floating point -------------------------------------------------- */

/* dst = xmm, gpr operands (w 32 movd / 64 movq); movq_xx copies the low 64 bits and
 * zeroes the upper half. */
void x86_movd_xr(X86Buf *b, int w, X86Reg xmm, X86Reg gpr);
void x86_movd_rx(X86Buf *b, int w, X86Reg gpr, X86Reg xmm);
void x86_movq_xx(X86Buf *b, X86Reg dst, X86Reg src);
/* Scalar loads zero the rest of the register; register-to-register movss/movsd merge
 * into dst (use movaps to copy a whole register without a false dependency). */
void x86_movss_xm(X86Buf *b, X86Reg dst, X86Mem m);
void x86_movss_mx(X86Buf *b, X86Mem m, X86Reg src);
void x86_movss_xx(X86Buf *b, X86Reg dst, X86Reg src);
void x86_movsd_xm(X86Buf *b, X86Reg dst, X86Mem m);
void x86_movsd_mx(X86Buf *b, X86Mem m, X86Reg src);
void x86_movsd_xx(X86Buf *b, X86Reg dst, X86Reg src);
void x86_movaps_xx(X86Buf *b, X86Reg dst, X86Reg src);

/* Two-operand SSE ops: dst = dst op src. the compares (ucomiss, comiss, ...)
 * only set ZF/PF/CF (unordered: all three set; comiss/comisd also raise invalid for
 * quiet NaNs). */
typedef enum X86SseOp {
    X86_ADDSS, X86_ADDSD, X86_SUBSS, X86_SUBSD, X86_MULSS, X86_MULSD, X86_DIVSS, X86_DIVSD,
    X86_SQRTSS, X86_SQRTSD, X86_MINSS, X86_MINSD, X86_MAXSS, X86_MAXSD,
    X86_UCOMISS, X86_UCOMISD, X86_COMISS, X86_COMISD, X86_CVTSS2SD, X86_CVTSD2SS,
    X86_ANDPS, X86_ANDPD, X86_ANDNPS, X86_ANDNPD, X86_ORPS, X86_ORPD, X86_XORPS, X86_XORPD,
    X86_PAND, X86_PANDN, X86_POR, X86_PXOR,
    X86_SSE_OP_COUNT
} X86SseOp;

void x86_sse_xx(X86Buf *b, X86SseOp op, X86Reg dst, X86Reg src);
void x86_sse_xm(X86Buf *b, X86SseOp op, X86Reg dst, X86Mem m);
/* AVX three-operand form (check X86_FEAT_AVX): dst = src1 op src2, so the JIT needs no
 * copy; scalar ops take the upper lanes from src1 and zero bits 128-255. Not for the
 * compares (ucomiss, comiss, ...), which have no third operand. */
void x86_avx_xxx(X86Buf *b, X86SseOp op, X86Reg dst, X86Reg src1, X86Reg src2);
void x86_avx_xxm(X86Buf *b, X86SseOp op, X86Reg dst, X86Reg src1, X86Mem m);

/* Integer <-> float, w = integer width 32/64. cvtt truncate, cvt round by MXCSR.
 * Out-of-range and NaN inputs give the "integer indefinite" INT_MIN (ARM saturates,
 * MIPS has its own rules: fix up in the code generator). */
void x86_cvtsi2ss(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_cvtsi2sd(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_cvttss2si(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_cvttsd2si(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_cvtss2si(X86Buf *b, int w, X86Reg dst, X86Reg src);
void x86_cvtsd2si(X86Buf *b, int w, X86Reg dst, X86Reg src);

/* SSE4.1 (check X86_FEAT_SSE41). mode: 0 nearest, 1 down, 2 up, 3 truncate, +4 to use
 * MXCSR instead, +8 to suppress the inexact exception. */
void x86_roundss(X86Buf *b, X86Reg dst, X86Reg src, uint8_t mode);
void x86_roundsd(X86Buf *b, X86Reg dst, X86Reg src, uint8_t mode);
/* dst = all ones / zeros by predicate (0 eq, 1 lt, 2 le, 3 unord, 4 neq, 5 nlt, 6 nle,
 * 7 ord): used for NaN checks. */
void x86_cmpss(X86Buf *b, X86Reg dst, X86Reg src, uint8_t pred);
void x86_cmpsd(X86Buf *b, X86Reg dst, X86Reg src, uint8_t pred);

void x86_ldmxcsr(X86Buf *b, X86Mem m);
void x86_stmxcsr(X86Buf *b, X86Mem m);

/* FMA3 (check X86_FEAT_FMA; VEX-encoded): dst = +-(src1 * src2) +- dst with one
 * rounding. vfmadd: a*b+c, vfmsub: a*b-c, vfnmadd: -(a*b)+c, vfnmsub: -(a*b)-c. */
typedef enum X86FmaOp {
    X86_VFMADD231SS, X86_VFMADD231SD, X86_VFMSUB231SS, X86_VFMSUB231SD,
    X86_VFNMADD231SS, X86_VFNMADD231SD, X86_VFNMSUB231SS, X86_VFNMSUB231SD,
} X86FmaOp;
void x86_fma_xxx(X86Buf *b, X86FmaOp op, X86Reg dst, X86Reg src1, X86Reg src2);
void x86_fma_xxm(X86Buf *b, X86FmaOp op, X86Reg dst, X86Reg src1, X86Mem src2);

/* ---- SSE packed integer (128-bit) ----------------------------------------------- */

/* Whole-register loads and stores: movdqu (16 bytes, any alignment), movq (the low 8
 * bytes; the load zeroes the upper half). */
void x86_movdqu_xm(X86Buf *b, X86Reg dst, X86Mem m);
void x86_movdqu_mx(X86Buf *b, X86Mem m, X86Reg src);
void x86_movq_xm(X86Buf *b, X86Reg dst, X86Mem m);
void x86_movq_mx(X86Buf *b, X86Mem m, X86Reg src);
/* movhps: the 8 bytes at m into the upper half, the lower half kept. */
void x86_movhps_xm(X86Buf *b, X86Reg dst, X86Mem m);

/*
 * Two-operand packed ops, dst = dst op src. Suffix b/w/d/q: 8/16/32/64-bit lanes. The
 * ones marked SSSE3 / SSE4.1 need those host features (X86_FEAT_SSSE3, X86_FEAT_SSE41);
 * the rest are SSE2. pandn: dst = ~dst & src. pmuludq/pmuldq: the even 32-bit lanes to
 * 64-bit products. punpckl/h: interleave the low/high halves (dst's lane first).
 */
typedef enum X86PackedOp {
    X86_PADDB, X86_PADDW, X86_PADDD, X86_PADDQ, X86_PSUBB, X86_PSUBW, X86_PSUBD, X86_PSUBQ,
    X86_PADDSB, X86_PADDSW, X86_PADDUSB, X86_PADDUSW,
    X86_PSUBSB, X86_PSUBSW, X86_PSUBUSB, X86_PSUBUSW,
    X86_PMULLW, X86_PMULHW, X86_PMULHUW, X86_PMULUDQ,
    X86_PCMPEQB, X86_PCMPEQW, X86_PCMPEQD, X86_PCMPGTB, X86_PCMPGTW, X86_PCMPGTD,
    X86_PMAXUB, X86_PMINUB, X86_PMAXSW, X86_PMINSW, X86_PAVGB, X86_PAVGW,
    X86_PUNPCKLBW, X86_PUNPCKLWD, X86_PUNPCKLDQ, X86_PUNPCKLQDQ,
    X86_PUNPCKHBW, X86_PUNPCKHWD, X86_PUNPCKHDQ, X86_PUNPCKHQDQ,
    X86_PACKSSWB, X86_PACKUSWB, X86_PACKSSDW,
    X86_PANDX, X86_PANDNX, X86_PORX, X86_PXORX,
    /* packed single precision (SSE) */
    X86_ADDPS, X86_SUBPS, X86_MULPS, X86_MINPS, X86_MAXPS,
    /* SSSE3 */
    X86_PSHUFB, X86_PABSB, X86_PABSW, X86_PABSD,
    /* SSE4.1 */
    X86_PMULLD, X86_PMULDQ, X86_PMAXSB, X86_PMAXSD, X86_PMAXUW, X86_PMAXUD,
    X86_PMINSB, X86_PMINSD, X86_PMINUW, X86_PMINUD, X86_PCMPEQQ, X86_PACKUSDW,
    X86_PTEST,        /* ZF = (dst & src) == 0, CF = (~dst & src) == 0; no result */
    X86_PMOVSXBW, X86_PMOVSXWD, X86_PMOVSXDQ, X86_PMOVZXBW, X86_PMOVZXWD, X86_PMOVZXDQ,
    /* SSE2 conversions (unary): int32 -> single rounded by MXCSR, single -> int32
     * truncated (NaN and out of range give INT32_MIN) */
    X86_CVTDQ2PS, X86_CVTTPS2DQ,
    X86_PACKED_OP_COUNT
} X86PackedOp;

void x86_packed_xx(X86Buf *b, X86PackedOp op, X86Reg dst, X86Reg src);
/* The VEX three-operand form (X86_FEAT_AVX): dst = src1 op src2 (not for the unary
 * pabs, pmovsx/zx, cvt, nor ptest). */
void x86_vpacked_xxx(X86Buf *b, X86PackedOp op, X86Reg dst, X86Reg src1, X86Reg src2);
/* dst = dst op [m] (m must be 16-byte aligned for the legacy SSE form). */
void x86_packed_xm(X86Buf *b, X86PackedOp op, X86Reg dst, X86Mem m);
/* cmpps: each lane all ones / zeros by predicate (as x86_cmpss). */
void x86_cmpps(X86Buf *b, X86Reg dst, X86Reg src, uint8_t pred);
/* gpr = the sign bit of each 32-bit lane of xmm (4 bits). */
void x86_movmskps(X86Buf *b, X86Reg gpr, X86Reg xmm);

/* Shifts of every lane by an immediate (counts >= the lane width give 0, or the sign
 * for psra); psrldq/pslldq shift the whole register by bytes. */
typedef enum X86PShift {
    X86_PSRLW, X86_PSRLD, X86_PSRLQ, X86_PSRAW, X86_PSRAD, X86_PSLLW, X86_PSLLD, X86_PSLLQ,
    X86_PSRLDQ, X86_PSLLDQ,
} X86PShift;
void x86_pshift_xi(X86Buf *b, X86PShift op, X86Reg xmm, uint8_t imm);

/* pshufd/pshuflw/pshufhw: dst = src's lanes picked by imm (2 bits per result lane);
 * palignr (SSSE3): dst = bytes imm.. of the concatenation dst:src (src lowest). */
void x86_pshufd(X86Buf *b, X86Reg dst, X86Reg src, uint8_t imm);
void x86_pshuflw(X86Buf *b, X86Reg dst, X86Reg src, uint8_t imm);
void x86_pshufhw(X86Buf *b, X86Reg dst, X86Reg src, uint8_t imm);
void x86_palignr(X86Buf *b, X86Reg dst, X86Reg src, uint8_t imm);
/* gpr = the top bit of each byte of xmm (16 bits). */
void x86_pmovmskb(X86Buf *b, X86Reg gpr, X86Reg xmm);

/* ---- Host CPU features ---------------------------------------------------------- */

enum {
    X86_FEAT_SSE41 = 1u << 0,
    X86_FEAT_MOVBE = 1u << 1,
    X86_FEAT_POPCNT = 1u << 2,
    X86_FEAT_FMA = 1u << 3,   /* includes OS support for the AVX register state */
    X86_FEAT_AVX = 1u << 4,
    X86_FEAT_AVX2 = 1u << 5,
    X86_FEAT_LZCNT = 1u << 6,
    X86_FEAT_BMI1 = 1u << 7,  /* tzcnt, andn */
    X86_FEAT_BMI2 = 1u << 8,  /* shlx/shrx/sarx/rorx */
    X86_FEAT_SSSE3 = 1u << 9, /* pshufb, palignr, pabs */
};
/* The X86_FEAT_* bits of the host CPU (computed once). */
unsigned x86_cpu_features(void);

#endif /* XEMU_X86_ASM_H */
