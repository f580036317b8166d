/*
 * x86_64 assembler: encodings. Every instruction is described by one OPC_ constant
 * named in Intel operand notation (OPC_ARITH_GvEv = "op Gv, Ev": register in ModRM.reg,
 * register-or-memory in ModRM.rm, operand size v) with prefix bits OR-ed in above the
 * opcode byte. Bytes reach the buffer only through x86_out_opc() (prefixes, REX/VEX,
 * escape bytes, opcode), x86_out_modrm() / x86_out_modrm_mem() (ModRM, SIB,
 * displacement) and the immediate writers; the emitters below just pick an OPC and
 * operands. Traps of the encoding are commented where they are handled.
 */
#include "backend/x86_64/x86_asm.h"

#include <cpuid.h>
#include <glib.h>
#include <string.h>

/* ---- Opcode constants ------------------------------------------------------------ */

/* Prefix bits above the opcode byte. */
#define P_0F        0x100u     /* 0x0F escape */
#define P_0F38      0x200u     /* 0x0F 0x38 escape */
#define P_0F3A      0x400u     /* 0x0F 0x3A escape */
#define P_DATA16    0x800u     /* 0x66 operand-size prefix */
#define P_SSE_66    P_DATA16   /* same byte, used as a mandatory SSE prefix */
#define P_SSE_F3    0x1000u    /* 0xF3 mandatory prefix */
#define P_SSE_F2    0x2000u    /* 0xF2 mandatory prefix */
#define P_REXW      0x4000u    /* REX.W: 64-bit operand size (VEX.W under P_VEX) */
#define P_REXB_R    0x8000u    /* ModRM.reg is a byte register: 4-7 need a REX */
#define P_REXB_RM   0x10000u   /* ModRM.rm is a byte register: 4-7 need a REX */
#define P_LOCK      0x20000u   /* 0xF0 LOCK prefix */
#define P_VEX       0x40000u   /* VEX encoding: 66/F3/F2 become pp, escapes mmmmm */
#define P_VEXL      0x80000u   /* VEX.L: 256-bit */

/* Prefix and escape bytes, for x86_out_opc() only. */
enum {
    X86_PFX_LOCK = 0xF0, X86_PFX_66 = 0x66, X86_PFX_F3 = 0xF3, X86_PFX_F2 = 0xF2,
    X86_PFX_REX = 0x40, X86_PFX_VEX2 = 0xC5, X86_PFX_VEX3 = 0xC4,
    X86_ESC_0F = 0x0F, X86_ESC_38 = 0x38, X86_ESC_3A = 0x3A,
};

/* Integer ALU group: add the operation (X86AluOp) shifted left by 3 for the non-group
 * forms; the group forms (EvIz, EvIb, EbIb) take it as the ModRM.reg digit. */
#define OPC_ARITH_EbGb      0x00u
#define OPC_ARITH_EvGv      0x01u
#define OPC_ARITH_GbEb      0x02u
#define OPC_ARITH_GvEv      0x03u
#define OPC_ARITH_eAXIz     0x05u
#define OPC_ARITH_EbIb      0x80u
#define OPC_ARITH_EvIz      0x81u
#define OPC_ARITH_EvIb      0x83u

#define OPC_MOVSLQ          (0x63u | P_REXW)
#define OPC_IMUL_GvEvIz     0x69u
#define OPC_IMUL_GvEvIb     0x6Bu
#define OPC_JCC_short       0x70u
#define OPC_TESTB           0x84u
#define OPC_TESTL           0x85u
#define OPC_XCHG_EbGb       0x86u
#define OPC_XCHG_EvGv       0x87u
#define OPC_MOVB_EvGv       0x88u
#define OPC_MOVL_EvGv       0x89u
#define OPC_MOVB_GvEv       0x8Au
#define OPC_MOVL_GvEv       0x8Bu
#define OPC_LEA             0x8Du
#define OPC_NOP             0x90u
#define OPC_CDQ             0x99u   /* cqo with REX.W */
#define OPC_TESTB_ALIb      0xA8u
#define OPC_TESTL_eAXIz     0xA9u
#define OPC_MOVL_Iv         0xB8u   /* + register; imm64 with REX.W (movabs) */
#define OPC_SHIFT_EbIb      0xC0u
#define OPC_SHIFT_EvIb      0xC1u
#define OPC_RET             0xC3u
#define OPC_MOVB_EbIb       0xC6u
#define OPC_MOVL_EvIz       0xC7u
#define OPC_INT3            0xCCu
#define OPC_SHIFT_Eb1       0xD0u
#define OPC_SHIFT_Ev1       0xD1u
#define OPC_SHIFT_EbCL      0xD2u
#define OPC_SHIFT_EvCL      0xD3u
#define OPC_CALL_Jz         0xE8u
#define OPC_JMP_long        0xE9u
#define OPC_JMP_short       0xEBu
#define OPC_GRP3_Eb         0xF6u   /* /0 test Ib, /2 not, /3 neg, /4 mul, /5 imul, /6 div, /7 idiv */
#define OPC_GRP3_Ev         0xF7u
#define OPC_GRP4_Eb         0xFEu   /* /0 inc, /1 dec */
#define OPC_GRP5_Ev         0xFFu   /* /0 inc, /1 dec, /2 call, /4 jmp */
#define OPC_PUSH_r          0x50u   /* + register */
#define OPC_POP_r           0x58u   /* + register */

#define OPC_UD2             (0x0Bu | P_0F)
#define OPC_NOPL_Ev         (0x1Fu | P_0F)
#define OPC_MOVSS_VxWx      (0x10u | P_0F | P_SSE_F3)
#define OPC_MOVSS_WxVx      (0x11u | P_0F | P_SSE_F3)
#define OPC_MOVSD_VxWx      (0x10u | P_0F | P_SSE_F2)
#define OPC_MOVSD_WxVx      (0x11u | P_0F | P_SSE_F2)
#define OPC_MOVAPS_VxWx     (0x28u | P_0F)
#define OPC_CVTSI2SS        (0x2Au | P_0F | P_SSE_F3)
#define OPC_CVTSI2SD        (0x2Au | P_0F | P_SSE_F2)
#define OPC_CVTTSS2SI       (0x2Cu | P_0F | P_SSE_F3)
#define OPC_CVTTSD2SI       (0x2Cu | P_0F | P_SSE_F2)
#define OPC_CVTSS2SI        (0x2Du | P_0F | P_SSE_F3)
#define OPC_CVTSD2SI        (0x2Du | P_0F | P_SSE_F2)
#define OPC_UCOMISS         (0x2Eu | P_0F)
#define OPC_UCOMISD         (0x2Eu | P_0F | P_SSE_66)
#define OPC_COMISS          (0x2Fu | P_0F)
#define OPC_COMISD          (0x2Fu | P_0F | P_SSE_66)
#define OPC_CMOVCC          (0x40u | P_0F)   /* + condition */
#define OPC_SQRTSS          (0x51u | P_0F | P_SSE_F3)
#define OPC_SQRTSD          (0x51u | P_0F | P_SSE_F2)
#define OPC_ANDPS           (0x54u | P_0F)
#define OPC_ANDPD           (0x54u | P_0F | P_SSE_66)
#define OPC_ANDNPS          (0x55u | P_0F)
#define OPC_ANDNPD          (0x55u | P_0F | P_SSE_66)
#define OPC_ORPS            (0x56u | P_0F)
#define OPC_ORPD            (0x56u | P_0F | P_SSE_66)
#define OPC_XORPS           (0x57u | P_0F)
#define OPC_XORPD           (0x57u | P_0F | P_SSE_66)
#define OPC_ADDSS           (0x58u | P_0F | P_SSE_F3)
#define OPC_ADDSD           (0x58u | P_0F | P_SSE_F2)
#define OPC_MULSS           (0x59u | P_0F | P_SSE_F3)
#define OPC_MULSD           (0x59u | P_0F | P_SSE_F2)
#define OPC_CVTSS2SD        (0x5Au | P_0F | P_SSE_F3)
#define OPC_CVTSD2SS        (0x5Au | P_0F | P_SSE_F2)
#define OPC_SUBSS           (0x5Cu | P_0F | P_SSE_F3)
#define OPC_SUBSD           (0x5Cu | P_0F | P_SSE_F2)
#define OPC_MINSS           (0x5Du | P_0F | P_SSE_F3)
#define OPC_MINSD           (0x5Du | P_0F | P_SSE_F2)
#define OPC_DIVSS           (0x5Eu | P_0F | P_SSE_F3)
#define OPC_DIVSD           (0x5Eu | P_0F | P_SSE_F2)
#define OPC_MAXSS           (0x5Fu | P_0F | P_SSE_F3)
#define OPC_MAXSD           (0x5Fu | P_0F | P_SSE_F2)
#define OPC_MOVD_VyEy       (0x6Eu | P_0F | P_SSE_66)  /* movq with REX.W */
#define OPC_MOVD_EyVy       (0x7Eu | P_0F | P_SSE_66)
#define OPC_MOVQ_VqWq       (0x7Eu | P_0F | P_SSE_F3)
#define OPC_JCC_long        (0x80u | P_0F)   /* + condition */
#define OPC_SETCC           (0x90u | P_0F)   /* + condition */
#define OPC_BT_EvGv         (0xA3u | P_0F)
#define OPC_SHLD_Ib         (0xA4u | P_0F)
#define OPC_SHLD_CL         (0xA5u | P_0F)
#define OPC_SHRD_Ib         (0xACu | P_0F)
#define OPC_SHRD_CL         (0xADu | P_0F)
#define OPC_GRP15           (0xAEu | P_0F)   /* /2 ldmxcsr, /3 stmxcsr, mod=3 /6 mfence */
#define OPC_IMUL_GvEv       (0xAFu | P_0F)
#define OPC_CMPXCHG_EbGb    (0xB0u | P_0F)
#define OPC_CMPXCHG_EvGv    (0xB1u | P_0F)
#define OPC_MOVZBL          (0xB6u | P_0F)
#define OPC_MOVZWL          (0xB7u | P_0F)
#define OPC_POPCNT          (0xB8u | P_0F | P_SSE_F3)
#define OPC_GRPBT_EvIb      (0xBAu | P_0F)   /* /4 bt, /5 bts, /6 btr, /7 btc */
#define OPC_BSF             (0xBCu | P_0F)
#define OPC_TZCNT           (0xBCu | P_0F | P_SSE_F3)
#define OPC_BSR             (0xBDu | P_0F)
#define OPC_LZCNT           (0xBDu | P_0F | P_SSE_F3)
#define OPC_MOVSBL          (0xBEu | P_0F)
#define OPC_MOVSWL          (0xBFu | P_0F)
#define OPC_XADD_EbGb       (0xC0u | P_0F)
#define OPC_XADD_EvGv       (0xC1u | P_0F)
#define OPC_CMPSS           (0xC2u | P_0F | P_SSE_F3)
#define OPC_CMPSD           (0xC2u | P_0F | P_SSE_F2)
#define OPC_BSWAP           (0xC8u | P_0F)   /* + register */
#define OPC_PAND            (0xDBu | P_0F | P_SSE_66)
#define OPC_PANDN           (0xDFu | P_0F | P_SSE_66)
#define OPC_POR             (0xEBu | P_0F | P_SSE_66)
#define OPC_PXOR            (0xEFu | P_0F | P_SSE_66)

#define OPC_MOVBE_GyMy      (0xF0u | P_0F38)
#define OPC_MOVBE_MyGy      (0xF1u | P_0F38)
#define OPC_ROUNDSS         (0x0Au | P_0F3A | P_SSE_66)
#define OPC_ROUNDSD         (0x0Bu | P_0F3A | P_SSE_66)

/* VEX-encoded. */
#define OPC_SHLX            (0xF7u | P_0F38 | P_SSE_66 | P_VEX)
#define OPC_SARX            (0xF7u | P_0F38 | P_SSE_F3 | P_VEX)
#define OPC_SHRX            (0xF7u | P_0F38 | P_SSE_F2 | P_VEX)
#define OPC_RORX            (0xF0u | P_0F3A | P_SSE_F2 | P_VEX)
#define OPC_VFMADD231SS     (0xB9u | P_0F38 | P_SSE_66 | P_VEX)
#define OPC_VFMADD231SD     (0xB9u | P_0F38 | P_SSE_66 | P_VEX | P_REXW)
#define OPC_VFMSUB231SS     (0xBBu | P_0F38 | P_SSE_66 | P_VEX)
#define OPC_VFMSUB231SD     (0xBBu | P_0F38 | P_SSE_66 | P_VEX | P_REXW)
#define OPC_VFNMADD231SS    (0xBDu | P_0F38 | P_SSE_66 | P_VEX)
#define OPC_VFNMADD231SD    (0xBDu | P_0F38 | P_SSE_66 | P_VEX | P_REXW)
#define OPC_VFNMSUB231SS    (0xBFu | P_0F38 | P_SSE_66 | P_VEX)
#define OPC_VFNMSUB231SD    (0xBFu | P_0F38 | P_SSE_66 | P_VEX | P_REXW)

/* ModRM.reg digits of the group opcodes. */
enum {
    EXT3_TEST = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4, EXT3_IMUL = 5,
    EXT3_DIV = 6, EXT3_IDIV = 7,
    EXT5_INC = 0, EXT5_DEC = 1, EXT5_CALL = 2, EXT5_JMP = 4,
    EXTBT_BT = 4,
    EXT15_LDMXCSR = 2, EXT15_STMXCSR = 3, EXT15_MFENCE = 6,
};

/* ---- Byte output ---------------------------------------------------------------- */

void x86_buf_init(X86Buf *b, void *mem, size_t size)
{
    b->start = b->ptr = mem;
    b->end = b->start + size;
    b->overflow = false;
}

size_t x86_buf_offset(const X86Buf *b)
{
    return (size_t)(b->ptr - b->start);
}

bool x86_buf_finish(const X86Buf *b)
{
    return !b->overflow;
}

/* The one place that stores into the buffer. Past the end it only records overflow;
 * ptr then stays at end so every later byte is dropped too. */
static void x86_out8(X86Buf *b, uint32_t v)
{
    if (b->ptr < b->end) {
        *b->ptr++ = (uint8_t)v;
    } else {
        b->overflow = true;
    }
}

static void x86_out16(X86Buf *b, uint32_t v)
{
    x86_out8(b, v);
    x86_out8(b, v >> 8);
}

static void x86_out32(X86Buf *b, uint32_t v)
{
    x86_out16(b, v);
    x86_out16(b, v >> 16);
}

static void x86_out64(X86Buf *b, uint64_t v)
{
    x86_out32(b, (uint32_t)v);
    x86_out32(b, (uint32_t)(v >> 32));
}

/* An immediate of 1, 2 or 4 bytes. */
static void x86_out_imm(X86Buf *b, int bytes, int32_t v)
{
    switch (bytes) {
    case 1: x86_out8(b, (uint32_t)v); break;
    case 2: x86_out16(b, (uint32_t)v); break;
    case 4: x86_out32(b, (uint32_t)v); break;
    default: g_assert_not_reached();
    }
}

/* Read/write a 32-bit field already emitted (label resolution). */
static int32_t x86_get32_at(const X86Buf *b, int32_t off)
{
    uint32_t v;
    memcpy(&v, b->start + off, 4);
    return (int32_t)v;
}

static void x86_put32_at(X86Buf *b, int32_t off, int32_t v)
{
    memcpy(b->start + off, &v, 4);
}

static bool x86_fits_i8(int64_t v) { return v == (int8_t)v; }
static bool x86_fits_i32(int64_t v) { return v == (int32_t)v; }

/* ---- Operand checks ------------------------------------------------------------- */

static int x86_gpr(X86Reg r)
{
    g_assert(x86_is_gpr(r));
    return (int)r;
}

static int x86_xmm(X86Reg r)
{
    g_assert(x86_is_xmm(r));
    return (int)r - X86_XMM0;
}

/*
 * The operand-size part of an opcode: byte form at w 8 (registers 4-7 then need a
 * REX prefix to mean SPL..DIL instead of AH..BH), 0x66 at w 16, REX.W at w 64.
 * x86_sized_grp() is for group opcodes whose ModRM.reg is a digit, not a register.
 */
static uint32_t x86_sized(int w, uint32_t opc_b, uint32_t opc_v)
{
    switch (w) {
    case 8: return opc_b | P_REXB_R | P_REXB_RM;
    case 16: return opc_v | P_DATA16;
    case 32: return opc_v;
    case 64: return opc_v | P_REXW;
    }
    g_assert_not_reached();
}

static uint32_t x86_sized_grp(int w, uint32_t opc_b, uint32_t opc_v)
{
    return x86_sized(w, opc_b, opc_v) & ~P_REXB_R;
}

/* Width without a byte form (imul, bsf, cmov, ...). */
static uint32_t x86_sized_v(int w, uint32_t opc)
{
    g_assert(w == 16 || w == 32 || w == 64);
    return x86_sized(w, 0, opc);
}

/* Bytes of an immediate that is "Iz" at width w. */
static int x86_iz_bytes(int w)
{
    return w == 8 ? 1 : w == 16 ? 2 : 4;
}

/* ---- Instruction prefix, opcode, ModRM ------------------------------------------ */

/*
 * Prefixes, REX or VEX, escape bytes and the opcode byte. r, rm and x are hardware
 * register numbers (0-15) of ModRM.reg, ModRM.rm (or SIB.base, or the register
 * added to the opcode) and SIB.index; their bit 3 goes into REX.R/B/X. v is the
 * extra VEX source register (vvvv), ignored without P_VEX.
 */
static void x86_out_opc_v(X86Buf *b, uint32_t opc, int r, int v, int rm, int x)
{
    if (opc & P_LOCK) {
        x86_out8(b, X86_PFX_LOCK);
    }
    if (opc & P_VEX) {
        /* pp and mmmmm replace the mandatory prefix and escape bytes; R, X, B and
         * vvvv are stored inverted. The 2-byte form can only say map 0F, W=0 and R. */
        int pp = (opc & P_SSE_66) ? 1 : (opc & P_SSE_F3) ? 2 : (opc & P_SSE_F2) ? 3 : 0;
        int mm = (opc & P_0F3A) ? 3 : (opc & P_0F38) ? 2 : 1;
        int wl = ((opc & P_VEXL) ? 4 : 0) | pp | ((~v & 15) << 3);
        if (mm == 1 && !(opc & P_REXW) && !(x & 8) && !(rm & 8)) {
            x86_out8(b, X86_PFX_VEX2);
            x86_out8(b, ((~r & 8) << 4) | wl);
        } else {
            x86_out8(b, X86_PFX_VEX3);
            x86_out8(b, ((~r & 8) << 4) | ((~x & 8) << 3) | ((~rm & 8) << 2) | mm);
            x86_out8(b, ((opc & P_REXW) ? 0x80 : 0) | wl);
        }
        x86_out8(b, opc & 0xFF);
        return;
    }
    /* Legacy prefixes must come before REX: a REX not directly before the opcode
     * (escape bytes included) is ignored. */
    if (opc & P_DATA16) {
        x86_out8(b, X86_PFX_66);
    }
    if (opc & P_SSE_F3) {
        x86_out8(b, X86_PFX_F3);
    } else if (opc & P_SSE_F2) {
        x86_out8(b, X86_PFX_F2);
    }
    int rex = ((opc & P_REXW) ? 8 : 0) | ((r & 8) >> 1) | ((x & 8) >> 2) | ((rm & 8) >> 3);
    /* Byte registers 4-7 are AH..BH without REX and SPL..DIL with any REX. */
    if (rex || ((opc & P_REXB_R) && r >= 4) || ((opc & P_REXB_RM) && rm >= 4)) {
        x86_out8(b, X86_PFX_REX | rex);
    }
    if (opc & (P_0F | P_0F38 | P_0F3A)) {
        x86_out8(b, X86_ESC_0F);
        if (opc & P_0F38) {
            x86_out8(b, X86_ESC_38);
        } else if (opc & P_0F3A) {
            x86_out8(b, X86_ESC_3A);
        }
    }
    x86_out8(b, opc & 0xFF);
}

static void x86_out_opc(X86Buf *b, uint32_t opc, int r, int rm, int x)
{
    x86_out_opc_v(b, opc, r, 0, rm, x);
}

static void x86_out_modrm_byte(X86Buf *b, int mod, int reg, int rm)
{
    x86_out8(b, (uint32_t)((mod << 6) | ((reg & 7) << 3) | (rm & 7)));
}

static void x86_out_sib_byte(X86Buf *b, int scale_log2, int index, int base)
{
    x86_out8(b, (uint32_t)((scale_log2 << 6) | ((index & 7) << 3) | (base & 7)));
}

/* Register-direct operand: ModRM mod=3. */
static void x86_out_modrm_v(X86Buf *b, uint32_t opc, int r, int v, int rm)
{
    x86_out_opc_v(b, opc, r, v, rm, 0);
    x86_out_modrm_byte(b, 3, r, rm);
}

static void x86_out_modrm(X86Buf *b, uint32_t opc, int r, int rm)
{
    x86_out_modrm_v(b, opc, r, 0, rm);
}

static int x86_scale_log2(int scale)
{
    switch (scale) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    case 8: return 3;
    }
    g_assert_not_reached();
}

/*
 * Memory operand. imm_bytes is the size of the immediate that follows, needed to
 * turn a RIP-relative target into a displacement from the end of the instruction.
 *
 * Traps of the ModRM/SIB encoding handled here:
 *  - rm=100 (RSP, R12) means "a SIB byte follows", so those bases always take a SIB
 *    with index=100 ("none").
 *  - mod=00 rm=101 (RBP, R13 with no displacement) means RIP+disp32 in 64-bit mode,
 *    so those bases encode a zero displacement as disp8 = 0.
 *  - SIB base=101 with mod=00 means "no base, disp32": used for absolute addresses
 *    (plain [disp32] would be RIP-relative).
 *  - SIB index=100 means "no index", so RSP can never be an index; R12 can (REX.X).
 */
static void x86_out_modrm_mem_v(X86Buf *b, uint32_t opc, int r, int v, const X86Mem *m,
                                int imm_bytes)
{
    int base = m->base, index = m->index;
    g_assert(index == X86_NOREG || (x86_is_gpr((X86Reg)index) && index != X86_RSP));
    /* rm is a base register here, never a byte register. */
    opc &= ~P_REXB_RM;

    if (base == X86_RIP) {
        g_assert(index == X86_NOREG);
        x86_out_opc_v(b, opc, r, v, 0, 0);
        x86_out_modrm_byte(b, 0, r, 5);
        int64_t disp = m->disp;
        if (m->target) {
            disp = (intptr_t)m->target - (intptr_t)(b->ptr + 4 + imm_bytes);
            g_assert(b->overflow || x86_fits_i32(disp));
        }
        x86_out32(b, (uint32_t)disp);
        return;
    }
    if (base == X86_NOREG) {
        int xi = index == X86_NOREG ? 0 : index;
        x86_out_opc_v(b, opc, r, v, 0, xi);
        x86_out_modrm_byte(b, 0, r, 4);
        x86_out_sib_byte(b, index == X86_NOREG ? 0 : x86_scale_log2(m->scale),
                         index == X86_NOREG ? 4 : index, 5);
        x86_out32(b, (uint32_t)m->disp);
        return;
    }
    g_assert(x86_is_gpr((X86Reg)base));

    int mod;
    if (m->disp == 0 && (base & 7) != 5) {
        mod = 0;
    } else if (x86_fits_i8(m->disp)) {
        mod = 1;
    } else {
        mod = 2;
    }
    if (index == X86_NOREG && (base & 7) != 4) {
        x86_out_opc_v(b, opc, r, v, base, 0);
        x86_out_modrm_byte(b, mod, r, base);
    } else {
        int xi = index == X86_NOREG ? 0 : index;
        x86_out_opc_v(b, opc, r, v, base, xi);
        x86_out_modrm_byte(b, mod, r, 4);
        x86_out_sib_byte(b, index == X86_NOREG ? 0 : x86_scale_log2(m->scale),
                         index == X86_NOREG ? 4 : index, base);
    }
    if (mod == 1) {
        x86_out8(b, (uint32_t)m->disp);
    } else if (mod == 2) {
        x86_out32(b, (uint32_t)m->disp);
    }
}

static void x86_out_modrm_mem(X86Buf *b, uint32_t opc, int r, const X86Mem *m, int imm_bytes)
{
    x86_out_modrm_mem_v(b, opc, r, 0, m, imm_bytes);
}

/* ---- Moves ---------------------------------------------------------------------- */

void x86_mov_rr(X86Buf *b, int w, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_sized(w, OPC_MOVB_EvGv, OPC_MOVL_EvGv), x86_gpr(src), x86_gpr(dst));
}

void x86_mov_ri(X86Buf *b, int w, X86Reg dst, uint64_t imm)
{
    int d = x86_gpr(dst);
    g_assert(w == 32 || w == 64);
    if (w == 32 || imm <= UINT32_MAX) {
        /* B8+r imm32 zero-extends into the full register: 5 or 6 bytes. */
        x86_out_opc(b, OPC_MOVL_Iv + (d & 7), 0, d, 0);
        x86_out32(b, (uint32_t)imm);
    } else if (x86_fits_i32((int64_t)imm)) {
        /* Negative values: C7 /0 with REX.W sign-extends imm32, 7 bytes. */
        x86_out_modrm(b, OPC_MOVL_EvIz | P_REXW, 0, d);
        x86_out32(b, (uint32_t)imm);
    } else {
        x86_out_opc(b, (OPC_MOVL_Iv + (d & 7)) | P_REXW, 0, d, 0);
        x86_out64(b, imm);
    }
}

void x86_mov_rm(X86Buf *b, int w, X86Reg dst, X86Mem m)
{
    x86_out_modrm_mem(b, x86_sized(w, OPC_MOVB_GvEv, OPC_MOVL_GvEv), x86_gpr(dst), &m, 0);
}

void x86_mov_mr(X86Buf *b, int w, X86Mem m, X86Reg src)
{
    x86_out_modrm_mem(b, x86_sized(w, OPC_MOVB_EvGv, OPC_MOVL_EvGv), x86_gpr(src), &m, 0);
}

void x86_mov_mi(X86Buf *b, int w, X86Mem m, int32_t imm)
{
    int n = x86_iz_bytes(w);
    x86_out_modrm_mem(b, x86_sized_grp(w, OPC_MOVB_EbIb, OPC_MOVL_EvIz), 0, &m, n);
    x86_out_imm(b, n, imm);
}

void x86_zero_r(X86Buf *b, X86Reg dst)
{
    x86_alu_rr(b, X86_XOR, 32, dst, dst);
}

static uint32_t x86_ext_opc(int dw, int sw, bool sign)
{
    g_assert(dw == 32 || dw == 64);
    if (sw == 8) {
        /* The byte source is in ModRM.rm: SPL..DIL need a REX. */
        return (sign ? OPC_MOVSBL : OPC_MOVZBL) | P_REXB_RM | (sign && dw == 64 ? P_REXW : 0);
    }
    g_assert(sw == 16);
    return (sign ? OPC_MOVSWL : OPC_MOVZWL) | (sign && dw == 64 ? P_REXW : 0);
}

void x86_movzx_rr(X86Buf *b, int dw, int sw, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_ext_opc(dw, sw, false), x86_gpr(dst), x86_gpr(src));
}

void x86_movzx_rm(X86Buf *b, int dw, int sw, X86Reg dst, X86Mem m)
{
    x86_out_modrm_mem(b, x86_ext_opc(dw, sw, false), x86_gpr(dst), &m, 0);
}

void x86_movsx_rr(X86Buf *b, int dw, int sw, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_ext_opc(dw, sw, true), x86_gpr(dst), x86_gpr(src));
}

void x86_movsx_rm(X86Buf *b, int dw, int sw, X86Reg dst, X86Mem m)
{
    x86_out_modrm_mem(b, x86_ext_opc(dw, sw, true), x86_gpr(dst), &m, 0);
}

void x86_movsxd_rr(X86Buf *b, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, OPC_MOVSLQ, x86_gpr(dst), x86_gpr(src));
}

void x86_movsxd_rm(X86Buf *b, X86Reg dst, X86Mem m)
{
    x86_out_modrm_mem(b, OPC_MOVSLQ, x86_gpr(dst), &m, 0);
}

void x86_lea(X86Buf *b, int w, X86Reg dst, X86Mem m)
{
    g_assert(w == 32 || w == 64);
    x86_out_modrm_mem(b, x86_sized_v(w, OPC_LEA), x86_gpr(dst), &m, 0);
}

/* ---- Integer ALU ---------------------------------------------------------------- */

/* The immediate as the instruction sees it: truncated to w, sign-extended. */
static int32_t x86_imm_at(int w, int32_t imm)
{
    return w == 8 ? (int8_t)imm : w == 16 ? (int16_t)imm : imm;
}

void x86_alu_rr(X86Buf *b, X86AluOp op, int w, X86Reg dst, X86Reg src)
{
    uint32_t opc = x86_sized(w, OPC_ARITH_EbGb, OPC_ARITH_EvGv) + (op << 3);
    x86_out_modrm(b, opc, x86_gpr(src), x86_gpr(dst));
}

void x86_alu_ri(X86Buf *b, X86AluOp op, int w, X86Reg dst, int32_t imm)
{
    int d = x86_gpr(dst);
    imm = x86_imm_at(w, imm);
    if (w == 8) {
        x86_out_modrm(b, OPC_ARITH_EbIb | P_REXB_RM, op, d);
        x86_out8(b, (uint32_t)imm);
    } else if (x86_fits_i8(imm)) {
        /* 0x83: imm8 sign-extended to the operand size. */
        x86_out_modrm(b, x86_sized_v(w, OPC_ARITH_EvIb), op, d);
        x86_out8(b, (uint32_t)imm);
    } else if (d == X86_RAX) {
        /* The accumulator form has no ModRM: one byte shorter. */
        x86_out_opc(b, x86_sized_v(w, OPC_ARITH_eAXIz) + (op << 3), 0, 0, 0);
        x86_out_imm(b, x86_iz_bytes(w), imm);
    } else {
        x86_out_modrm(b, x86_sized_v(w, OPC_ARITH_EvIz), op, d);
        x86_out_imm(b, x86_iz_bytes(w), imm);
    }
}

void x86_alu_rm(X86Buf *b, X86AluOp op, int w, X86Reg dst, X86Mem m)
{
    uint32_t opc = x86_sized(w, OPC_ARITH_GbEb, OPC_ARITH_GvEv) + (op << 3);
    x86_out_modrm_mem(b, opc, x86_gpr(dst), &m, 0);
}

void x86_alu_mr(X86Buf *b, X86AluOp op, int w, X86Mem m, X86Reg src)
{
    uint32_t opc = x86_sized(w, OPC_ARITH_EbGb, OPC_ARITH_EvGv) + (op << 3);
    x86_out_modrm_mem(b, opc, x86_gpr(src), &m, 0);
}

void x86_alu_mi(X86Buf *b, X86AluOp op, int w, X86Mem m, int32_t imm)
{
    imm = x86_imm_at(w, imm);
    if (w == 8) {
        x86_out_modrm_mem(b, OPC_ARITH_EbIb, op, &m, 1);
        x86_out8(b, (uint32_t)imm);
    } else if (x86_fits_i8(imm)) {
        x86_out_modrm_mem(b, x86_sized_v(w, OPC_ARITH_EvIb), op, &m, 1);
        x86_out8(b, (uint32_t)imm);
    } else {
        int n = x86_iz_bytes(w);
        x86_out_modrm_mem(b, x86_sized_v(w, OPC_ARITH_EvIz), op, &m, n);
        x86_out_imm(b, n, imm);
    }
}

void x86_test_rr(X86Buf *b, int w, X86Reg a, X86Reg c)
{
    x86_out_modrm(b, x86_sized(w, OPC_TESTB, OPC_TESTL), x86_gpr(c), x86_gpr(a));
}

void x86_test_ri(X86Buf *b, int w, X86Reg a, int32_t imm)
{
    int r = x86_gpr(a);
    int n = x86_iz_bytes(w);
    if (r == X86_RAX) {
        x86_out_opc(b, x86_sized_grp(w, OPC_TESTB_ALIb, OPC_TESTL_eAXIz), 0, 0, 0);
    } else {
        x86_out_modrm(b, x86_sized_grp(w, OPC_GRP3_Eb, OPC_GRP3_Ev), EXT3_TEST, r);
    }
    x86_out_imm(b, n, imm);
}

void x86_test_mr(X86Buf *b, int w, X86Mem m, X86Reg r)
{
    x86_out_modrm_mem(b, x86_sized(w, OPC_TESTB, OPC_TESTL), x86_gpr(r), &m, 0);
}

void x86_test_mi(X86Buf *b, int w, X86Mem m, int32_t imm)
{
    int n = x86_iz_bytes(w);
    x86_out_modrm_mem(b, x86_sized_grp(w, OPC_GRP3_Eb, OPC_GRP3_Ev), EXT3_TEST, &m, n);
    x86_out_imm(b, n, imm);
}

static void x86_grp_r(X86Buf *b, uint32_t opc_b, uint32_t opc_v, int ext, int w, X86Reg r)
{
    x86_out_modrm(b, x86_sized_grp(w, opc_b, opc_v), ext, x86_gpr(r));
}

void x86_inc_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP4_Eb, OPC_GRP5_Ev, EXT5_INC, w, r); }
void x86_dec_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP4_Eb, OPC_GRP5_Ev, EXT5_DEC, w, r); }
void x86_neg_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP3_Eb, OPC_GRP3_Ev, EXT3_NEG, w, r); }
void x86_not_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP3_Eb, OPC_GRP3_Ev, EXT3_NOT, w, r); }

/* ---- Shifts and multiplies ------------------------------------------------------ */

void x86_shift_ri(X86Buf *b, X86ShiftOp op, int w, X86Reg r, uint8_t count)
{
    if (count == 1) {
        x86_grp_r(b, OPC_SHIFT_Eb1, OPC_SHIFT_Ev1, op, w, r);
    } else {
        x86_grp_r(b, OPC_SHIFT_EbIb, OPC_SHIFT_EvIb, op, w, r);
        x86_out8(b, count);
    }
}

void x86_shift_rcl(X86Buf *b, X86ShiftOp op, int w, X86Reg r)
{
    x86_grp_r(b, OPC_SHIFT_EbCL, OPC_SHIFT_EvCL, op, w, r);
}

void x86_shld_ri(X86Buf *b, int w, X86Reg dst, X86Reg src, uint8_t count)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_SHLD_Ib), x86_gpr(src), x86_gpr(dst));
    x86_out8(b, count);
}

void x86_shrd_ri(X86Buf *b, int w, X86Reg dst, X86Reg src, uint8_t count)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_SHRD_Ib), x86_gpr(src), x86_gpr(dst));
    x86_out8(b, count);
}

void x86_shld_rcl(X86Buf *b, int w, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_SHLD_CL), x86_gpr(src), x86_gpr(dst));
}

void x86_shrd_rcl(X86Buf *b, int w, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_SHRD_CL), x86_gpr(src), x86_gpr(dst));
}

/* BMI2 shifts: VEX, count register in vvvv, W selects 64 bits. */
static void x86_bmi2_shift(X86Buf *b, uint32_t opc, int w, X86Reg dst, X86Reg src, X86Reg cnt)
{
    g_assert(w == 32 || w == 64);
    x86_out_modrm_v(b, opc | (w == 64 ? P_REXW : 0), x86_gpr(dst), x86_gpr(cnt), x86_gpr(src));
}

void x86_shlx(X86Buf *b, int w, X86Reg d, X86Reg s, X86Reg c) { x86_bmi2_shift(b, OPC_SHLX, w, d, s, c); }
void x86_shrx(X86Buf *b, int w, X86Reg d, X86Reg s, X86Reg c) { x86_bmi2_shift(b, OPC_SHRX, w, d, s, c); }
void x86_sarx(X86Buf *b, int w, X86Reg d, X86Reg s, X86Reg c) { x86_bmi2_shift(b, OPC_SARX, w, d, s, c); }

void x86_rorx(X86Buf *b, int w, X86Reg dst, X86Reg src, uint8_t count)
{
    g_assert(w == 32 || w == 64);
    x86_out_modrm_v(b, OPC_RORX | (w == 64 ? P_REXW : 0), x86_gpr(dst), 0, x86_gpr(src));
    x86_out8(b, count);
}

void x86_imul_rr(X86Buf *b, int w, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_IMUL_GvEv), x86_gpr(dst), x86_gpr(src));
}

void x86_imul_rm(X86Buf *b, int w, X86Reg dst, X86Mem m)
{
    x86_out_modrm_mem(b, x86_sized_v(w, OPC_IMUL_GvEv), x86_gpr(dst), &m, 0);
}

void x86_imul_rri(X86Buf *b, int w, X86Reg dst, X86Reg src, int32_t imm)
{
    imm = x86_imm_at(w, imm);
    if (x86_fits_i8(imm)) {
        x86_out_modrm(b, x86_sized_v(w, OPC_IMUL_GvEvIb), x86_gpr(dst), x86_gpr(src));
        x86_out8(b, (uint32_t)imm);
    } else {
        x86_out_modrm(b, x86_sized_v(w, OPC_IMUL_GvEvIz), x86_gpr(dst), x86_gpr(src));
        x86_out_imm(b, x86_iz_bytes(w), imm);
    }
}

void x86_mul_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP3_Eb, OPC_GRP3_Ev, EXT3_MUL, w, r); }
void x86_imul_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP3_Eb, OPC_GRP3_Ev, EXT3_IMUL, w, r); }
void x86_div_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP3_Eb, OPC_GRP3_Ev, EXT3_DIV, w, r); }
void x86_idiv_r(X86Buf *b, int w, X86Reg r) { x86_grp_r(b, OPC_GRP3_Eb, OPC_GRP3_Ev, EXT3_IDIV, w, r); }

void x86_cdq(X86Buf *b)
{
    x86_out_opc(b, OPC_CDQ, 0, 0, 0);
}

void x86_cqo(X86Buf *b)
{
    x86_out_opc(b, OPC_CDQ | P_REXW, 0, 0, 0);
}

/* ---- Bits and bytes ------------------------------------------------------------- */

void x86_bswap(X86Buf *b, int w, X86Reg r)
{
    int n = x86_gpr(r);
    g_assert(w == 32 || w == 64);
    x86_out_opc(b, (OPC_BSWAP + (n & 7)) | (w == 64 ? P_REXW : 0), 0, n, 0);
}

void x86_movbe_rm(X86Buf *b, int w, X86Reg dst, X86Mem m)
{
    x86_out_modrm_mem(b, x86_sized_v(w, OPC_MOVBE_GyMy), x86_gpr(dst), &m, 0);
}

void x86_movbe_mr(X86Buf *b, int w, X86Mem m, X86Reg src)
{
    x86_out_modrm_mem(b, x86_sized_v(w, OPC_MOVBE_MyGy), x86_gpr(src), &m, 0);
}

void x86_bt_ri(X86Buf *b, int w, X86Reg r, uint8_t bit)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_GRPBT_EvIb), EXTBT_BT, x86_gpr(r));
    x86_out8(b, bit);
}

void x86_bt_rr(X86Buf *b, int w, X86Reg r, X86Reg bit)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_BT_EvGv), x86_gpr(bit), x86_gpr(r));
}

static void x86_gv_ev(X86Buf *b, uint32_t opc, int w, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_sized_v(w, opc), x86_gpr(dst), x86_gpr(src));
}

void x86_bsf_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_gv_ev(b, OPC_BSF, w, d, s); }
void x86_bsr_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_gv_ev(b, OPC_BSR, w, d, s); }
void x86_lzcnt_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_gv_ev(b, OPC_LZCNT, w, d, s); }
void x86_tzcnt_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_gv_ev(b, OPC_TZCNT, w, d, s); }
void x86_popcnt_rr(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_gv_ev(b, OPC_POPCNT, w, d, s); }

/* ---- Atomics -------------------------------------------------------------------- */

/* Never the short 0x90+r form: 0x90 with EAX is NOP, and xchg eax, eax must still
 * zero-extend. */
void x86_xchg_rr(X86Buf *b, int w, X86Reg a, X86Reg c)
{
    x86_out_modrm(b, x86_sized(w, OPC_XCHG_EbGb, OPC_XCHG_EvGv), x86_gpr(c), x86_gpr(a));
}

void x86_xchg_mr(X86Buf *b, int w, X86Mem m, X86Reg r)
{
    x86_out_modrm_mem(b, x86_sized(w, OPC_XCHG_EbGb, OPC_XCHG_EvGv), x86_gpr(r), &m, 0);
}

void x86_cmpxchg_mr(X86Buf *b, int w, X86Mem m, X86Reg src, bool lock)
{
    uint32_t opc = x86_sized(w, OPC_CMPXCHG_EbGb, OPC_CMPXCHG_EvGv) | (lock ? P_LOCK : 0);
    x86_out_modrm_mem(b, opc, x86_gpr(src), &m, 0);
}

void x86_xadd_mr(X86Buf *b, int w, X86Mem m, X86Reg src, bool lock)
{
    uint32_t opc = x86_sized(w, OPC_XADD_EbGb, OPC_XADD_EvGv) | (lock ? P_LOCK : 0);
    x86_out_modrm_mem(b, opc, x86_gpr(src), &m, 0);
}

void x86_mfence(X86Buf *b)
{
    /* 0F AE with mod=3 /6; the register form of /6 is mfence, the memory form xsaveopt. */
    x86_out_modrm(b, OPC_GRP15, EXT15_MFENCE, 0);
}

/* ---- Conditions ----------------------------------------------------------------- */

void x86_setcc(X86Buf *b, X86Cond cc, X86Reg dst)
{
    x86_out_modrm(b, (OPC_SETCC + (cc & 15)) | P_REXB_RM, 0, x86_gpr(dst));
}

void x86_cmov_rr(X86Buf *b, X86Cond cc, int w, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, x86_sized_v(w, OPC_CMOVCC + (cc & 15)), x86_gpr(dst), x86_gpr(src));
}

void x86_cmov_rm(X86Buf *b, X86Cond cc, int w, X86Reg dst, X86Mem m)
{
    x86_out_modrm_mem(b, x86_sized_v(w, OPC_CMOVCC + (cc & 15)), x86_gpr(dst), &m, 0);
}

/* ---- Control flow --------------------------------------------------------------- */

void x86_label_init(X86Label *l)
{
    l->offset = -1;
    l->chain = -1;
    l->nb_short = 0;
}

/* Jump opcode to a label: cc < 0 for jmp. */
static void x86_out_jump_opc(X86Buf *b, int cc, bool is_short)
{
    if (cc < 0) {
        x86_out_opc(b, is_short ? OPC_JMP_short : OPC_JMP_long, 0, 0, 0);
    } else {
        x86_out_opc(b, (is_short ? OPC_JCC_short : OPC_JCC_long) + (cc & 15), 0, 0, 0);
    }
}

static void x86_jump_label(X86Buf *b, int cc, X86Label *l, bool force_short)
{
    if (l->offset >= 0) {
        /* Backwards: rel counts from the end of the instruction. */
        int64_t here = (int64_t)x86_buf_offset(b);
        int64_t rel8 = l->offset - (here + 2);
        if (x86_fits_i8(rel8)) {
            x86_out_jump_opc(b, cc, true);
            x86_out8(b, (uint32_t)rel8);
        } else {
            g_assert(!force_short);
            x86_out_jump_opc(b, cc, false);
            x86_out32(b, (uint32_t)(l->offset - (here + (cc < 0 ? 5 : 6))));
        }
        return;
    }
    x86_out_jump_opc(b, cc, force_short);
    int32_t field = (int32_t)x86_buf_offset(b);
    if (force_short) {
        g_assert(l->nb_short < X86_LABEL_SHORT_REFS);
        x86_out8(b, 0);
        l->short_refs[l->nb_short++] = field;
    } else {
        /* Unresolved: the field holds the previous link of the chain. */
        x86_out32(b, (uint32_t)l->chain);
        l->chain = field;
    }
}

void x86_label_bind(X86Buf *b, X86Label *l)
{
    g_assert(l->offset < 0);
    int32_t here = (int32_t)x86_buf_offset(b);
    l->offset = here;
    if (b->overflow) {
        /* The fields may not have been written; the code is discarded anyway. */
        return;
    }
    for (int32_t f = l->chain; f >= 0;) {
        int32_t next = x86_get32_at(b, f);
        x86_put32_at(b, f, here - (f + 4));
        f = next;
    }
    l->chain = -1;
    for (unsigned i = 0; i < l->nb_short; i++) {
        int32_t f = l->short_refs[i];
        int32_t rel = here - (f + 1);
        g_assert(x86_fits_i8(rel));
        b->start[f] = (uint8_t)(int8_t)rel;
    }
    l->nb_short = 0;
}

void x86_jmp_label(X86Buf *b, X86Label *l) { x86_jump_label(b, -1, l, false); }
void x86_jcc_label(X86Buf *b, X86Cond cc, X86Label *l) { x86_jump_label(b, (int)cc, l, false); }
void x86_jmp_label_short(X86Buf *b, X86Label *l) { x86_jump_label(b, -1, l, true); }
void x86_jcc_label_short(X86Buf *b, X86Cond cc, X86Label *l) { x86_jump_label(b, (int)cc, l, true); }

static int32_t x86_rel32_field(X86Buf *b)
{
    int32_t field = (int32_t)x86_buf_offset(b);
    x86_out32(b, 0);
    return b->overflow ? -1 : field;
}

int32_t x86_jmp_rel32(X86Buf *b)
{
    x86_out_jump_opc(b, -1, false);
    return x86_rel32_field(b);
}

int32_t x86_jcc_rel32(X86Buf *b, X86Cond cc)
{
    x86_out_jump_opc(b, (int)cc, false);
    return x86_rel32_field(b);
}

int32_t x86_jmp_rel32_aligned(X86Buf *b)
{
    /* The field starts one byte after the opcode. */
    x86_nop(b, (unsigned)(-((uintptr_t)b->ptr + 1) & 3));
    return x86_jmp_rel32(b);
}

void x86_patch_rel32(uint8_t *disp, const void *target)
{
    int64_t rel = (intptr_t)target - (intptr_t)(disp + 4);
    g_assert(x86_fits_i32(rel));
    if (((uintptr_t)disp & 3) == 0) {
        /* An aligned 4-byte store is atomic: a concurrently running thread sees the old
         * or the new jump, never a mix. */
        __atomic_store_n((uint32_t *)(void *)disp, (uint32_t)rel, __ATOMIC_RELEASE);
    } else {
        int32_t v = (int32_t)rel;
        memcpy(disp, &v, 4);
    }
}

static bool x86_direct(X86Buf *b, uint32_t opc, const void *target)
{
    int64_t rel = (intptr_t)target - (intptr_t)(b->ptr + 5);
    if (!x86_fits_i32(rel)) {
        return false;
    }
    x86_out_opc(b, opc, 0, 0, 0);
    x86_out32(b, (uint32_t)rel);
    return true;
}

bool x86_jmp_ptr(X86Buf *b, const void *target) { return x86_direct(b, OPC_JMP_long, target); }
bool x86_call_ptr(X86Buf *b, const void *target) { return x86_direct(b, OPC_CALL_Jz, target); }

void x86_call_far(X86Buf *b, const void *target, X86Reg scratch)
{
    if (!x86_call_ptr(b, target)) {
        x86_mov_ri(b, 64, scratch, (uintptr_t)target);
        x86_call_r(b, scratch);
    }
}

/* Indirect call/jmp default to 64-bit operands: no REX.W. */
void x86_call_r(X86Buf *b, X86Reg r) { x86_out_modrm(b, OPC_GRP5_Ev, EXT5_CALL, x86_gpr(r)); }
void x86_call_m(X86Buf *b, X86Mem m) { x86_out_modrm_mem(b, OPC_GRP5_Ev, EXT5_CALL, &m, 0); }
void x86_jmp_r(X86Buf *b, X86Reg r) { x86_out_modrm(b, OPC_GRP5_Ev, EXT5_JMP, x86_gpr(r)); }
void x86_jmp_m(X86Buf *b, X86Mem m) { x86_out_modrm_mem(b, OPC_GRP5_Ev, EXT5_JMP, &m, 0); }

void x86_ret(X86Buf *b)
{
    x86_out_opc(b, OPC_RET, 0, 0, 0);
}

void x86_push_r(X86Buf *b, X86Reg r)
{
    int n = x86_gpr(r);
    x86_out_opc(b, OPC_PUSH_r + (n & 7), 0, n, 0);
}

void x86_pop_r(X86Buf *b, X86Reg r)
{
    int n = x86_gpr(r);
    x86_out_opc(b, OPC_POP_r + (n & 7), 0, n, 0);
}

/* ---- Filler and traps ----------------------------------------------------------- */

/*
 * The recommended NOPs (Intel SDM "multi-byte NOP"): 0F 1F /0 with a memory operand
 * whose ModRM/SIB/displacement make up the length, 0x66 for the odd sizes. The
 * operand is written field by field because the general memory encoder would pick
 * the shortest form and these need an explicit zero displacement.
 */
static void x86_nop_one(X86Buf *b, unsigned n)
{
    g_assert(n >= 1 && n <= 9);
    if (n <= 2) {
        x86_out_opc(b, OPC_NOP | (n == 2 ? P_DATA16 : 0), 0, 0, 0);
        return;
    }
    bool p66 = n == 6 || n == 9;
    unsigned body = n - p66;   /* 0F 1F + modrm [+ sib] [+ disp] */
    x86_out_opc(b, OPC_NOPL_Ev | (p66 ? P_DATA16 : 0), 0, 0, 0);
    switch (body) {
    case 3: x86_out_modrm_byte(b, 0, 0, X86_RAX); break;                 /* [rax] */
    case 4: x86_out_modrm_byte(b, 1, 0, X86_RAX); x86_out8(b, 0); break;  /* [rax+0] */
    case 5:                                                              /* [rax+rax+0] */
        x86_out_modrm_byte(b, 1, 0, 4);
        x86_out_sib_byte(b, 0, X86_RAX, X86_RAX);
        x86_out8(b, 0);
        break;
    case 7: x86_out_modrm_byte(b, 2, 0, X86_RAX); x86_out32(b, 0); break; /* [rax+0] */
    case 8:                                                              /* [rax+rax+0] */
        x86_out_modrm_byte(b, 2, 0, 4);
        x86_out_sib_byte(b, 0, X86_RAX, X86_RAX);
        x86_out32(b, 0);
        break;
    default: g_assert_not_reached();
    }
}

void x86_nop(X86Buf *b, unsigned n)
{
    while (n > 0) {
        unsigned k = n > 9 ? 9 : n;
        x86_nop_one(b, k);
        n -= k;
    }
}

void x86_align(X86Buf *b, unsigned align)
{
    g_assert(align && (align & (align - 1)) == 0);
    x86_nop(b, (unsigned)(-(uintptr_t)b->ptr & (align - 1)));
}

void x86_ud2(X86Buf *b)
{
    x86_out_opc(b, OPC_UD2, 0, 0, 0);
}

void x86_int3(X86Buf *b)
{
    x86_out_opc(b, OPC_INT3, 0, 0, 0);
}

/* ---- SSE ------------------------------------------------------------------------ */

void x86_movd_xr(X86Buf *b, int w, X86Reg xmm, X86Reg gpr)
{
    g_assert(w == 32 || w == 64);
    x86_out_modrm(b, OPC_MOVD_VyEy | (w == 64 ? P_REXW : 0), x86_xmm(xmm), x86_gpr(gpr));
}

void x86_movd_rx(X86Buf *b, int w, X86Reg gpr, X86Reg xmm)
{
    g_assert(w == 32 || w == 64);
    x86_out_modrm(b, OPC_MOVD_EyVy | (w == 64 ? P_REXW : 0), x86_xmm(xmm), x86_gpr(gpr));
}

void x86_movq_xx(X86Buf *b, X86Reg dst, X86Reg src)
{
    x86_out_modrm(b, OPC_MOVQ_VqWq, x86_xmm(dst), x86_xmm(src));
}

void x86_movss_xm(X86Buf *b, X86Reg d, X86Mem m) { x86_out_modrm_mem(b, OPC_MOVSS_VxWx, x86_xmm(d), &m, 0); }
void x86_movss_mx(X86Buf *b, X86Mem m, X86Reg s) { x86_out_modrm_mem(b, OPC_MOVSS_WxVx, x86_xmm(s), &m, 0); }
void x86_movss_xx(X86Buf *b, X86Reg d, X86Reg s) { x86_out_modrm(b, OPC_MOVSS_VxWx, x86_xmm(d), x86_xmm(s)); }
void x86_movsd_xm(X86Buf *b, X86Reg d, X86Mem m) { x86_out_modrm_mem(b, OPC_MOVSD_VxWx, x86_xmm(d), &m, 0); }
void x86_movsd_mx(X86Buf *b, X86Mem m, X86Reg s) { x86_out_modrm_mem(b, OPC_MOVSD_WxVx, x86_xmm(s), &m, 0); }
void x86_movsd_xx(X86Buf *b, X86Reg d, X86Reg s) { x86_out_modrm(b, OPC_MOVSD_VxWx, x86_xmm(d), x86_xmm(s)); }
void x86_movaps_xx(X86Buf *b, X86Reg d, X86Reg s) { x86_out_modrm(b, OPC_MOVAPS_VxWx, x86_xmm(d), x86_xmm(s)); }

static const uint32_t x86_sse_opc[X86_SSE_OP_COUNT] = {
    [X86_ADDSS] = OPC_ADDSS, [X86_ADDSD] = OPC_ADDSD,
    [X86_SUBSS] = OPC_SUBSS, [X86_SUBSD] = OPC_SUBSD,
    [X86_MULSS] = OPC_MULSS, [X86_MULSD] = OPC_MULSD,
    [X86_DIVSS] = OPC_DIVSS, [X86_DIVSD] = OPC_DIVSD,
    [X86_SQRTSS] = OPC_SQRTSS, [X86_SQRTSD] = OPC_SQRTSD,
    [X86_MINSS] = OPC_MINSS, [X86_MINSD] = OPC_MINSD,
    [X86_MAXSS] = OPC_MAXSS, [X86_MAXSD] = OPC_MAXSD,
    [X86_UCOMISS] = OPC_UCOMISS, [X86_UCOMISD] = OPC_UCOMISD,
    [X86_COMISS] = OPC_COMISS, [X86_COMISD] = OPC_COMISD,
    [X86_CVTSS2SD] = OPC_CVTSS2SD, [X86_CVTSD2SS] = OPC_CVTSD2SS,
    [X86_ANDPS] = OPC_ANDPS, [X86_ANDPD] = OPC_ANDPD,
    [X86_ANDNPS] = OPC_ANDNPS, [X86_ANDNPD] = OPC_ANDNPD,
    [X86_ORPS] = OPC_ORPS, [X86_ORPD] = OPC_ORPD,
    [X86_XORPS] = OPC_XORPS, [X86_XORPD] = OPC_XORPD,
    [X86_PAND] = OPC_PAND, [X86_PANDN] = OPC_PANDN,
    [X86_POR] = OPC_POR, [X86_PXOR] = OPC_PXOR,
};

void x86_sse_xx(X86Buf *b, X86SseOp op, X86Reg dst, X86Reg src)
{
    g_assert((unsigned)op < X86_SSE_OP_COUNT);
    x86_out_modrm(b, x86_sse_opc[op], x86_xmm(dst), x86_xmm(src));
}

void x86_sse_xm(X86Buf *b, X86SseOp op, X86Reg dst, X86Mem m)
{
    g_assert((unsigned)op < X86_SSE_OP_COUNT);
    x86_out_modrm_mem(b, x86_sse_opc[op], x86_xmm(dst), &m, 0);
}

/* The VEX form of an SSE opcode: the same map and mandatory prefix, with vvvv. */
static uint32_t x86_avx_opc(X86SseOp op)
{
    g_assert((unsigned)op < X86_SSE_OP_COUNT);
    g_assert(op != X86_UCOMISS && op != X86_UCOMISD && op != X86_COMISS && op != X86_COMISD);
    return x86_sse_opc[op] | P_VEX;
}

void x86_avx_xxx(X86Buf *b, X86SseOp op, X86Reg dst, X86Reg src1, X86Reg src2)
{
    x86_out_modrm_v(b, x86_avx_opc(op), x86_xmm(dst), x86_xmm(src1), x86_xmm(src2));
}

void x86_avx_xxm(X86Buf *b, X86SseOp op, X86Reg dst, X86Reg src1, X86Mem m)
{
    x86_out_modrm_mem_v(b, x86_avx_opc(op), x86_xmm(dst), x86_xmm(src1), &m, 0);
}

static void x86_cvt_x_r(X86Buf *b, uint32_t opc, int w, X86Reg dst, X86Reg src)
{
    g_assert(w == 32 || w == 64);
    x86_out_modrm(b, opc | (w == 64 ? P_REXW : 0), x86_xmm(dst), x86_gpr(src));
}

static void x86_cvt_r_x(X86Buf *b, uint32_t opc, int w, X86Reg dst, X86Reg src)
{
    g_assert(w == 32 || w == 64);
    x86_out_modrm(b, opc | (w == 64 ? P_REXW : 0), x86_gpr(dst), x86_xmm(src));
}

void x86_cvtsi2ss(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_cvt_x_r(b, OPC_CVTSI2SS, w, d, s); }
void x86_cvtsi2sd(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_cvt_x_r(b, OPC_CVTSI2SD, w, d, s); }
void x86_cvttss2si(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_cvt_r_x(b, OPC_CVTTSS2SI, w, d, s); }
void x86_cvttsd2si(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_cvt_r_x(b, OPC_CVTTSD2SI, w, d, s); }
void x86_cvtss2si(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_cvt_r_x(b, OPC_CVTSS2SI, w, d, s); }
void x86_cvtsd2si(X86Buf *b, int w, X86Reg d, X86Reg s) { x86_cvt_r_x(b, OPC_CVTSD2SI, w, d, s); }

static void x86_sse_xx_ib(X86Buf *b, uint32_t opc, X86Reg dst, X86Reg src, uint8_t imm)
{
    x86_out_modrm(b, opc, x86_xmm(dst), x86_xmm(src));
    x86_out8(b, imm);
}

void x86_roundss(X86Buf *b, X86Reg d, X86Reg s, uint8_t mode) { x86_sse_xx_ib(b, OPC_ROUNDSS, d, s, mode); }
void x86_roundsd(X86Buf *b, X86Reg d, X86Reg s, uint8_t mode) { x86_sse_xx_ib(b, OPC_ROUNDSD, d, s, mode); }
void x86_cmpss(X86Buf *b, X86Reg d, X86Reg s, uint8_t pred) { x86_sse_xx_ib(b, OPC_CMPSS, d, s, pred & 7); }
void x86_cmpsd(X86Buf *b, X86Reg d, X86Reg s, uint8_t pred) { x86_sse_xx_ib(b, OPC_CMPSD, d, s, pred & 7); }

void x86_ldmxcsr(X86Buf *b, X86Mem m) { x86_out_modrm_mem(b, OPC_GRP15, EXT15_LDMXCSR, &m, 0); }
void x86_stmxcsr(X86Buf *b, X86Mem m) { x86_out_modrm_mem(b, OPC_GRP15, EXT15_STMXCSR, &m, 0); }

static uint32_t x86_fma_opc(X86FmaOp op)
{
    static const uint32_t opc[] = {
        [X86_VFMADD231SS] = OPC_VFMADD231SS, [X86_VFMADD231SD] = OPC_VFMADD231SD,
        [X86_VFMSUB231SS] = OPC_VFMSUB231SS, [X86_VFMSUB231SD] = OPC_VFMSUB231SD,
        [X86_VFNMADD231SS] = OPC_VFNMADD231SS, [X86_VFNMADD231SD] = OPC_VFNMADD231SD,
        [X86_VFNMSUB231SS] = OPC_VFNMSUB231SS, [X86_VFNMSUB231SD] = OPC_VFNMSUB231SD,
    };
    g_assert((unsigned)op < G_N_ELEMENTS(opc));
    return opc[op];
}

/* VEX.LIG.66.0F38.W{0,1}: reg = dst (also the addend), vvvv = src1, rm = src2. */
void x86_fma_xxx(X86Buf *b, X86FmaOp op, X86Reg dst, X86Reg src1, X86Reg src2)
{
    x86_out_modrm_v(b, x86_fma_opc(op), x86_xmm(dst), x86_xmm(src1), x86_xmm(src2));
}

void x86_fma_xxm(X86Buf *b, X86FmaOp op, X86Reg dst, X86Reg src1, X86Mem src2)
{
    x86_out_modrm_mem_v(b, x86_fma_opc(op), x86_xmm(dst), x86_xmm(src1), &src2, 0);
}

/* ---- SSE packed integer ---- */

#define OPC_MOVDQU_VxWx     (0x6Fu | P_0F | P_SSE_F3)
#define OPC_MOVDQU_WxVx     (0x7Fu | P_0F | P_SSE_F3)
#define OPC_MOVQ_WqVq       (0xD6u | P_0F | P_SSE_66)
#define OPC_PSHUFD          (0x70u | P_0F | P_SSE_66)
#define OPC_PSHUFLW         (0x70u | P_0F | P_SSE_F2)
#define OPC_PSHUFHW         (0x70u | P_0F | P_SSE_F3)
#define OPC_PALIGNR         (0x0Fu | P_0F3A | P_SSE_66)
#define OPC_PMOVMSKB        (0xD7u | P_0F | P_SSE_66)

void x86_movdqu_xm(X86Buf *b, X86Reg d, X86Mem m) { x86_out_modrm_mem(b, OPC_MOVDQU_VxWx, x86_xmm(d), &m, 0); }
void x86_movdqu_mx(X86Buf *b, X86Mem m, X86Reg s) { x86_out_modrm_mem(b, OPC_MOVDQU_WxVx, x86_xmm(s), &m, 0); }
void x86_movq_xm(X86Buf *b, X86Reg d, X86Mem m) { x86_out_modrm_mem(b, OPC_MOVQ_VqWq, x86_xmm(d), &m, 0); }
void x86_movq_mx(X86Buf *b, X86Mem m, X86Reg s) { x86_out_modrm_mem(b, OPC_MOVQ_WqVq, x86_xmm(s), &m, 0); }
void x86_movhps_xm(X86Buf *b, X86Reg d, X86Mem m) { x86_out_modrm_mem(b, 0x16u | P_0F, x86_xmm(d), &m, 0); }

#define PK(x) ((x) | P_0F | P_SSE_66)
#define PK38(x) ((x) | P_0F38 | P_SSE_66)
static const uint32_t x86_packed_opc[X86_PACKED_OP_COUNT] = {
    [X86_PADDB] = PK(0xFC), [X86_PADDW] = PK(0xFD), [X86_PADDD] = PK(0xFE),
    [X86_PADDQ] = PK(0xD4), [X86_PSUBB] = PK(0xF8), [X86_PSUBW] = PK(0xF9),
    [X86_PSUBD] = PK(0xFA), [X86_PSUBQ] = PK(0xFB),
    [X86_PADDSB] = PK(0xEC), [X86_PADDSW] = PK(0xED), [X86_PADDUSB] = PK(0xDC),
    [X86_PADDUSW] = PK(0xDD), [X86_PSUBSB] = PK(0xE8), [X86_PSUBSW] = PK(0xE9),
    [X86_PSUBUSB] = PK(0xD8), [X86_PSUBUSW] = PK(0xD9),
    [X86_PMULLW] = PK(0xD5), [X86_PMULHW] = PK(0xE5), [X86_PMULHUW] = PK(0xE4),
    [X86_PMULUDQ] = PK(0xF4),
    [X86_PCMPEQB] = PK(0x74), [X86_PCMPEQW] = PK(0x75), [X86_PCMPEQD] = PK(0x76),
    [X86_PCMPGTB] = PK(0x64), [X86_PCMPGTW] = PK(0x65), [X86_PCMPGTD] = PK(0x66),
    [X86_PMAXUB] = PK(0xDE), [X86_PMINUB] = PK(0xDA), [X86_PMAXSW] = PK(0xEE),
    [X86_PMINSW] = PK(0xEA), [X86_PAVGB] = PK(0xE0), [X86_PAVGW] = PK(0xE3),
    [X86_PUNPCKLBW] = PK(0x60), [X86_PUNPCKLWD] = PK(0x61), [X86_PUNPCKLDQ] = PK(0x62),
    [X86_PUNPCKLQDQ] = PK(0x6C), [X86_PUNPCKHBW] = PK(0x68), [X86_PUNPCKHWD] = PK(0x69),
    [X86_PUNPCKHDQ] = PK(0x6A), [X86_PUNPCKHQDQ] = PK(0x6D),
    [X86_PACKSSWB] = PK(0x63), [X86_PACKUSWB] = PK(0x67), [X86_PACKSSDW] = PK(0x6B),
    [X86_PANDX] = PK(0xDB), [X86_PANDNX] = PK(0xDF), [X86_PORX] = PK(0xEB),
    [X86_PXORX] = PK(0xEF),
    [X86_ADDPS] = 0x58u | P_0F, [X86_SUBPS] = 0x5Cu | P_0F, [X86_MULPS] = 0x59u | P_0F,
    [X86_MINPS] = 0x5Du | P_0F, [X86_MAXPS] = 0x5Fu | P_0F,
    [X86_PSHUFB] = PK38(0x00), [X86_PABSB] = PK38(0x1C), [X86_PABSW] = PK38(0x1D),
    [X86_PABSD] = PK38(0x1E),
    [X86_PMULLD] = PK38(0x40), [X86_PMULDQ] = PK38(0x28), [X86_PMAXSB] = PK38(0x3C),
    [X86_PMAXSD] = PK38(0x3D), [X86_PMAXUW] = PK38(0x3E), [X86_PMAXUD] = PK38(0x3F),
    [X86_PMINSB] = PK38(0x38), [X86_PMINSD] = PK38(0x39), [X86_PMINUW] = PK38(0x3A),
    [X86_PMINUD] = PK38(0x3B), [X86_PCMPEQQ] = PK38(0x29), [X86_PACKUSDW] = PK38(0x2B),
    [X86_PTEST] = PK38(0x17),
    [X86_PMOVSXBW] = PK38(0x20), [X86_PMOVSXWD] = PK38(0x23), [X86_PMOVSXDQ] = PK38(0x25),
    [X86_PMOVZXBW] = PK38(0x30), [X86_PMOVZXWD] = PK38(0x33), [X86_PMOVZXDQ] = PK38(0x35),
    [X86_CVTDQ2PS] = 0x5Bu | P_0F, [X86_CVTTPS2DQ] = 0x5Bu | P_0F | P_SSE_F3,
};
#undef PK
#undef PK38

void x86_packed_xx(X86Buf *b, X86PackedOp op, X86Reg dst, X86Reg src)
{
    g_assert((unsigned)op < X86_PACKED_OP_COUNT);
    x86_out_modrm(b, x86_packed_opc[op], x86_xmm(dst), x86_xmm(src));
}

void x86_vpacked_xxx(X86Buf *b, X86PackedOp op, X86Reg dst, X86Reg src1, X86Reg src2)
{
    g_assert((unsigned)op < X86_PACKED_OP_COUNT);
    /* pabs, ptest and the pmovx forms have no second source */
    g_assert(op < X86_PTEST && (op < X86_PABSB || op > X86_PABSD));
    x86_out_modrm_v(b, x86_packed_opc[op] | P_VEX, x86_xmm(dst), x86_xmm(src1), x86_xmm(src2));
}

void x86_packed_xm(X86Buf *b, X86PackedOp op, X86Reg dst, X86Mem m)
{
    g_assert((unsigned)op < X86_PACKED_OP_COUNT);
    x86_out_modrm_mem(b, x86_packed_opc[op], x86_xmm(dst), &m, 0);
}

void x86_cmpps(X86Buf *b, X86Reg d, X86Reg s, uint8_t pred)
{
    x86_sse_xx_ib(b, 0xC2u | P_0F, d, s, pred & 7);
}

void x86_movmskps(X86Buf *b, X86Reg gpr, X86Reg xmm)
{
    x86_out_modrm(b, 0x50u | P_0F, x86_gpr(gpr), x86_xmm(xmm));
}

void x86_pshift_xi(X86Buf *b, X86PShift op, X86Reg xmm, uint8_t imm)
{
    /* 66 0F 71/72/73 /ext ib: w, d, q (and dq) groups; /2 srl, /4 sra, /6 sll,
     * /3 srldq, /7 slldq. */
    static const uint8_t opc[] = {
        [X86_PSRLW] = 0x71, [X86_PSRLD] = 0x72, [X86_PSRLQ] = 0x73, [X86_PSRAW] = 0x71,
        [X86_PSRAD] = 0x72, [X86_PSLLW] = 0x71, [X86_PSLLD] = 0x72, [X86_PSLLQ] = 0x73,
        [X86_PSRLDQ] = 0x73, [X86_PSLLDQ] = 0x73,
    };
    static const uint8_t ext[] = {
        [X86_PSRLW] = 2, [X86_PSRLD] = 2, [X86_PSRLQ] = 2, [X86_PSRAW] = 4, [X86_PSRAD] = 4,
        [X86_PSLLW] = 6, [X86_PSLLD] = 6, [X86_PSLLQ] = 6, [X86_PSRLDQ] = 3, [X86_PSLLDQ] = 7,
    };
    g_assert((unsigned)op < G_N_ELEMENTS(opc));
    x86_out_modrm(b, opc[op] | P_0F | P_SSE_66, ext[op], x86_xmm(xmm));
    x86_out8(b, imm);
}

void x86_pshufd(X86Buf *b, X86Reg d, X86Reg s, uint8_t imm) { x86_sse_xx_ib(b, OPC_PSHUFD, d, s, imm); }
void x86_pshuflw(X86Buf *b, X86Reg d, X86Reg s, uint8_t imm) { x86_sse_xx_ib(b, OPC_PSHUFLW, d, s, imm); }
void x86_pshufhw(X86Buf *b, X86Reg d, X86Reg s, uint8_t imm) { x86_sse_xx_ib(b, OPC_PSHUFHW, d, s, imm); }
void x86_palignr(X86Buf *b, X86Reg d, X86Reg s, uint8_t imm) { x86_sse_xx_ib(b, OPC_PALIGNR, d, s, imm); }

void x86_pmovmskb(X86Buf *b, X86Reg gpr, X86Reg xmm)
{
    x86_out_modrm(b, OPC_PMOVMSKB, x86_gpr(gpr), x86_xmm(xmm));
}

/* ---- Host CPU features ---------------------------------------------------------- */

static unsigned x86_probe_features(void)
{
    unsigned a, bx, c, d, f = 0;
    bool os_avx = false;
    if (__get_cpuid(1, &a, &bx, &c, &d)) {
        if (c & bit_SSE4_1) {
            f |= X86_FEAT_SSE41;
        }
        if (c & bit_SSSE3) {
            f |= X86_FEAT_SSSE3;
        }
        if (c & bit_MOVBE) {
            f |= X86_FEAT_MOVBE;
        }
        if (c & bit_POPCNT) {
            f |= X86_FEAT_POPCNT;
        }
        /* VEX instructions #UD unless the OS saves the YMM state (XCR0 bits 1, 2). */
        if ((c & bit_OSXSAVE) && (c & bit_AVX)) {
            uint32_t lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            os_avx = (lo & 6) == 6;
        }
        if (os_avx) {
            f |= X86_FEAT_AVX;
            if (c & bit_FMA) {
                f |= X86_FEAT_FMA;
            }
        }
    }
    if (__get_cpuid_count(7, 0, &a, &bx, &c, &d)) {
        if (bx & bit_BMI) {
            f |= X86_FEAT_BMI1;
        }
        if (bx & bit_BMI2) {
            f |= X86_FEAT_BMI2;
        }
        if (os_avx && (bx & bit_AVX2)) {
            f |= X86_FEAT_AVX2;
        }
    }
    if (__get_cpuid(0x80000001, &a, &bx, &c, &d) && (c & bit_LZCNT)) {
        f |= X86_FEAT_LZCNT;
    }
    return f;
}

unsigned x86_cpu_features(void)
{
    static unsigned cached; /* bit 31 marks "probed"; a race only probes twice */
    unsigned f = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (!f) {
        f = x86_probe_features() | 0x80000000u;
        __atomic_store_n(&cached, f, __ATOMIC_RELAXED);
    }
    return f & ~0x80000000u;
}
