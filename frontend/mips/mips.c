/*
 * MIPS32 Release 2 integer decoder: one pattern table for the whole integer instruction
 * set of user mode (the opcode, SPECIAL, REGIMM, SPECIAL2 and SPECIAL3 spaces in one
 * list), one `trans_<INSN>` handler per pattern with the manual's syntax line above it.
 * Encodings owned by the FPU (COP1, COP1X, the CP1 loads/stores, MOVF/MOVT) are handed to
 * mips_decode_fpu(). Fields the manual marks as zero are "don't care" here unless they
 * tell instructions apart, as on real R2 cores; handlers return false for reserved
 * values of a field, and the caller raises RI.
 */
#include "frontend/mips/translate.h"

#include <glib.h>

#include "frontend/mips/mips_helper.h"

#define F(c) decode_field(e, insn, (c))
#define SF(c) decode_sfield(e, insn, (c))
#define TRANS(name) static bool trans_##name(DisasContext *s, uint32_t insn, \
                                             const DecodeEntry *e)

/* ---- Small shared pieces ---- */

/* if (a cmp b) raise excp with error code `code`; continue otherwise. */
static void gen_excp_cmp(DisasContext *s, IRCond cmp, IRTemp a, IRTemp b, int excp,
                         uint32_t code)
{
    IRLabel ok = ir_new_label(s->f);
    int is_jmp = s->is_jmp;
    ir_brcond_i32(s->f, ir_cond_invert(cmp), a, b, ok);
    gen_exception_code(s, excp, code);
    s->is_jmp = is_jmp;
    ir_set_label(s->f, ok);
}

/* Address error unless addr is a multiple of 4 (LL, SC): SIGBUS at addr. */
static void gen_check_align4(DisasContext *s, IRTemp addr, int excp)
{
    IRLabel ok = ir_new_label(s->f);
    int is_jmp = s->is_jmp;
    ir_brcond_i32(s->f, IR_COND_TSTEQ, addr, tconst(s, 3), ok);
    ir_stenv_i32(s->f, addr, ENV_OFF(badvaddr));
    gen_exception(s, excp);
    s->is_jmp = is_jmp;
    ir_set_label(s->f, ok);
}

/* Branch target of a PC-relative branch: the delay slot's address + offset * 4. */
static uint32_t branch_target(DisasContext *s, int32_t off16)
{
    return s->pc + 4 + ((uint32_t)off16 << 2);
}

/* ---- Arithmetic ---- */

/* ADD rd, rs, rt / ADDU rd, rs, rt */
TRANS(ADD)
{
    IRTemp a = load_gpr(s, F('s')), b = load_gpr(s, F('t')), r = new_tmp(s);
    ir_add_i32(s->f, r, a, b);
    if (!F('U')) {
        IRTemp v = new_tmp(s);
        ir_addv_i32(s->f, v, a, b);
        gen_excp_cmp(s, IR_COND_LT, v, tconst(s, 0), MIPS_EXCP_OVERFLOW, 0);
    }
    store_gpr(s, F('d'), r);
    return true;
}

/* SUB rd, rs, rt / SUBU rd, rs, rt */
TRANS(SUB)
{
    IRTemp a = load_gpr(s, F('s')), b = load_gpr(s, F('t')), r = new_tmp(s);
    ir_sub_i32(s->f, r, a, b);
    if (!F('U')) {
        IRTemp v = new_tmp(s);
        ir_subv_i32(s->f, v, a, b);
        gen_excp_cmp(s, IR_COND_LT, v, tconst(s, 0), MIPS_EXCP_OVERFLOW, 0);
    }
    store_gpr(s, F('d'), r);
    return true;
}

/* ADDI rt, rs, immediate / ADDIU rt, rs, immediate */
TRANS(ADDI)
{
    int rs = F('s'), rt = F('t');
    uint32_t imm = (uint32_t)SF('i');
    if (F('U')) {
        if (rt != 0) {
            ir_addi_i32(s->f, cpu_gpr[rt], load_gpr(s, rs), imm);
        }
        return true;
    }
    IRTemp a = load_gpr(s, rs), b = tconst(s, imm), r = new_tmp(s), v = new_tmp(s);
    ir_add_i32(s->f, r, a, b);
    ir_addv_i32(s->f, v, a, b);
    gen_excp_cmp(s, IR_COND_LT, v, tconst(s, 0), MIPS_EXCP_OVERFLOW, 0);
    store_gpr(s, rt, r);
    return true;
}

/* SLT rd, rs, rt / SLTU rd, rs, rt */
TRANS(SLT)
{
    IRTemp r = new_tmp(s);
    ir_setcond_i32(s->f, F('U') ? IR_COND_LTU : IR_COND_LT, r, load_gpr(s, F('s')),
                   load_gpr(s, F('t')));
    store_gpr(s, F('d'), r);
    return true;
}

/* SLTI rt, rs, immediate / SLTIU rt, rs, immediate (sign-extended, compared unsigned) */
TRANS(SLTI)
{
    IRTemp r = new_tmp(s);
    ir_setcondi_i32(s->f, F('U') ? IR_COND_LTU : IR_COND_LT, r, load_gpr(s, F('s')),
                    (uint32_t)SF('i'));
    store_gpr(s, F('t'), r);
    return true;
}

/* AND / OR / XOR / NOR rd, rs, rt */
TRANS(LOGIC)
{
    IRTemp a = load_gpr(s, F('s')), b = load_gpr(s, F('t')), r = new_tmp(s);
    switch (F('o')) {
    case 0:
        ir_and_i32(s->f, r, a, b);
        break;
    case 1:
        ir_or_i32(s->f, r, a, b);
        break;
    case 2:
        ir_xor_i32(s->f, r, a, b);
        break;
    default:
        ir_or_i32(s->f, r, a, b);
        ir_not_i32(s->f, r, r);
        break;
    }
    store_gpr(s, F('d'), r);
    return true;
}

/* LUI rt, immediate */
TRANS(LUI)
{
    store_gpr(s, F('t'), tconst(s, F('i') << 16));
    return true;
}

/* ANDI / ORI / XORI rt, rs, immediate (zero-extended) */
TRANS(LOGICI)
{
    IRTemp a = load_gpr(s, F('s')), r = new_tmp(s);
    uint32_t imm = F('i');
    switch (F('o')) {
    case 0:
        ir_andi_i32(s->f, r, a, imm);
        break;
    case 1:
        ir_ori_i32(s->f, r, a, imm);
        break;
    case 2:
        ir_xori_i32(s->f, r, a, imm);
        break;
    default:
        return false; /* LUI */
    }
    store_gpr(s, F('t'), r);
    return true;
}

/* ---- Shifts ---- */

/* SLL rd, rt, sa (SLL $0, $0, 0 is NOP; sa 1 SSNOP, 3 EHB, 5 PAUSE: all no-ops here) */
TRANS(SLL)
{
    int rd = F('d');
    if (rd != 0) {
        ir_shli_i32(s->f, cpu_gpr[rd], load_gpr(s, F('t')), F('a'));
    }
    return true;
}

/* SRL rd, rt, sa / ROTR rd, rt, sa */
TRANS(SRL)
{
    int rd = F('d');
    if (rd != 0) {
        IRTemp t = load_gpr(s, F('t'));
        if (F('R')) {
            ir_rotri_i32(s->f, cpu_gpr[rd], t, F('a'));
        } else {
            ir_shri_i32(s->f, cpu_gpr[rd], t, F('a'));
        }
    }
    return true;
}

/* SRA rd, rt, sa */
TRANS(SRA)
{
    int rd = F('d');
    if (rd != 0) {
        ir_sari_i32(s->f, cpu_gpr[rd], load_gpr(s, F('t')), F('a'));
    }
    return true;
}

/* SLLV rd, rt, rs / SRLV / ROTRV / SRAV: the amount is rs[4:0] (IR shifts count mod 32) */
TRANS(SHIFTV)
{
    int rd = F('d');
    if (rd == 0) {
        return true;
    }
    IRTemp v = load_gpr(s, F('t')), n = load_gpr(s, F('s'));
    switch (F('o')) {
    case 0:
        ir_shl_i32(s->f, cpu_gpr[rd], v, n);
        break;
    case 2:
        ir_shr_i32(s->f, cpu_gpr[rd], v, n);
        break;
    case 3:
        ir_sar_i32(s->f, cpu_gpr[rd], v, n);
        break;
    default:
        return false;
    }
    return true;
}

/* ROTRV rd, rt, rs */
TRANS(ROTRV)
{
    int rd = F('d');
    if (rd != 0) {
        ir_rotr_i32(s->f, cpu_gpr[rd], load_gpr(s, F('t')), load_gpr(s, F('s')));
    }
    return true;
}

/* ---- HI/LO ---- */

/* MULT rs, rt / MULTU rs, rt */
TRANS(MULT)
{
    IRFunc *f = s->f;
    IRTemp a = new_tmp64(s), b = new_tmp64(s);
    if (F('U')) {
        ir_extu_i32_i64(f, a, load_gpr(s, F('s')));
        ir_extu_i32_i64(f, b, load_gpr(s, F('t')));
    } else {
        ir_ext_i32_i64(f, a, load_gpr(s, F('s')));
        ir_ext_i32_i64(f, b, load_gpr(s, F('t')));
    }
    ir_mul_i64(f, a, a, b);
    ir_extrl_i64_i32(f, cpu_LO, a);
    ir_extrh_i64_i32(f, cpu_HI, a);
    return true;
}

/*
 * DIV rs, rt / DIVU rs, rt. Division by zero does not trap (compilers add a TEQ); HI/LO
 * are UNPREDICTABLE then. We give what qemu gives: the quotient of a division by 1
 * (LO = rs, HI = 0). INT_MIN / -1 gives LO = INT_MIN, HI = 0, which the IR ops define.
 */
TRANS(DIV)
{
    IRFunc *f = s->f;
    IRTemp a = load_gpr(s, F('s')), b = load_gpr(s, F('t')), d = new_tmp(s);
    IRTemp q = new_tmp(s), r = new_tmp(s);
    ir_movcond_i32(f, IR_COND_EQ, d, b, tconst(s, 0), tconst(s, 1), b);
    if (F('U')) {
        ir_divu_i32(f, q, a, d);
        ir_remu_i32(f, r, a, d);
    } else {
        ir_div_i32(f, q, a, d);
        ir_rem_i32(f, r, a, d);
    }
    ir_mov_i32(f, cpu_LO, q);
    ir_mov_i32(f, cpu_HI, r);
    return true;
}

/* MADD rs, rt / MADDU / MSUB / MSUBU: (HI, LO) +/-= rs * rt */
TRANS(MADD)
{
    IRFunc *f = s->f;
    IRTemp a = new_tmp64(s), b = new_tmp64(s), acc = new_tmp64(s);
    if (F('U')) {
        ir_extu_i32_i64(f, a, load_gpr(s, F('s')));
        ir_extu_i32_i64(f, b, load_gpr(s, F('t')));
    } else {
        ir_ext_i32_i64(f, a, load_gpr(s, F('s')));
        ir_ext_i32_i64(f, b, load_gpr(s, F('t')));
    }
    ir_mul_i64(f, a, a, b);
    ir_concat_i32_i64(f, acc, cpu_LO, cpu_HI);
    if (F('S')) {
        ir_sub_i64(f, acc, acc, a);
    } else {
        ir_add_i64(f, acc, acc, a);
    }
    ir_extrl_i64_i32(f, cpu_LO, acc);
    ir_extrh_i64_i32(f, cpu_HI, acc);
    return true;
}

/* MUL rd, rs, rt (HI and LO are left as they were) */
TRANS(MUL)
{
    IRTemp r = new_tmp(s);
    ir_mul_i32(s->f, r, load_gpr(s, F('s')), load_gpr(s, F('t')));
    store_gpr(s, F('d'), r);
    return true;
}

/* MFHI rd / MFLO rd */
TRANS(MFHI)
{
    int rd = F('d');
    if (rd != 0) {
        ir_mov_i32(s->f, cpu_gpr[rd], F('L') ? cpu_LO : cpu_HI);
    }
    return true;
}

/* MTHI rs / MTLO rs */
TRANS(MTHI)
{
    ir_mov_i32(s->f, F('L') ? cpu_LO : cpu_HI, load_gpr(s, F('s')));
    return true;
}

/* ---- Bit manipulation ---- */

/* CLZ rd, rs / CLO rd, rs */
TRANS(CLZ)
{
    IRTemp v = load_gpr(s, F('s')), r = new_tmp(s);
    if (F('o')) {
        ir_not_i32(s->f, v, v);
    }
    ir_clz_i32(s->f, r, v);
    store_gpr(s, F('d'), r);
    return true;
}

/* MOVZ rd, rs, rt / MOVN rd, rs, rt */
TRANS(MOVZ)
{
    int rd = F('d');
    if (rd != 0) {
        ir_movcond_i32(s->f, F('n') ? IR_COND_NE : IR_COND_EQ, cpu_gpr[rd],
                       load_gpr(s, F('t')), tconst(s, 0), load_gpr(s, F('s')), cpu_gpr[rd]);
    }
    return true;
}

/* EXT rt, rs, pos, size (msbd = size - 1 in rd, lsb = pos in sa) */
TRANS(EXT)
{
    unsigned pos = F('l'), size = F('m') + 1;
    if (pos + size > 32) {
        return false; /* UNPREDICTABLE: RI, as qemu */
    }
    IRTemp r = new_tmp(s);
    ir_extract_i32(s->f, r, load_gpr(s, F('s')), pos, size);
    store_gpr(s, F('t'), r);
    return true;
}

/* INS rt, rs, pos, size (msb = pos + size - 1 in rd, lsb = pos in sa) */
TRANS(INS)
{
    unsigned lsb = F('l'), msb = F('m');
    if (msb < lsb) {
        return false; /* UNPREDICTABLE: RI, as qemu */
    }
    IRTemp r = new_tmp(s);
    ir_deposit_i32(s->f, r, load_gpr(s, F('t')), load_gpr(s, F('s')), lsb, msb - lsb + 1);
    store_gpr(s, F('t'), r);
    return true;
}

/* WSBH rd, rt: swap the bytes of each halfword */
TRANS(WSBH)
{
    IRTemp r = new_tmp(s);
    ir_bswap32_i32(s->f, r, load_gpr(s, F('t')));
    ir_rotri_i32(s->f, r, r, 16);
    store_gpr(s, F('d'), r);
    return true;
}

/* SEB rd, rt */
TRANS(SEB)
{
    IRTemp r = new_tmp(s);
    ir_ext8s_i32(s->f, r, load_gpr(s, F('t')));
    store_gpr(s, F('d'), r);
    return true;
}

/* SEH rd, rt */
TRANS(SEH)
{
    IRTemp r = new_tmp(s);
    ir_ext16s_i32(s->f, r, load_gpr(s, F('t')));
    store_gpr(s, F('d'), r);
    return true;
}

/* RDHWR rt, rd: CPUNum, SYNCI_Step, CC, CCRes, UserLocal ($29) */
TRANS(RDHWR)
{
    IRTemp r = new_tmp(s);
    switch (F('d')) {
    case 0: /* CPUNum */
        ir_movi_i32(s->f, r, 0);
        break;
    case 1:
        ir_movi_i32(s->f, r, MIPS_SYNCI_STEP);
        break;
    case 2:
        ir_call0(s->f, &helper_info_mips_rdhwr_cc, r);
        break;
    case 3:
        ir_movi_i32(s->f, r, MIPS_CC_RES);
        break;
    case 29:
        ir_ldenv_i32(s->f, r, ENV_OFF(userlocal));
        break;
    default:
        return false;
    }
    store_gpr(s, F('t'), r);
    return true;
}

/* ---- Branches and jumps ---- */

/* BEQ rs, rt, offset / BNE / BEQL / BNEL (B offset = BEQ $0, $0, offset) */
TRANS(BEQ)
{
    int rs = F('s'), rt = F('t');
    bool ne = F('n'), likely = F('l');
    uint32_t target = branch_target(s, SF('i'));
    if (rs == rt) {
        if (!ne) {
            gen_jump(s, target); /* always taken: a likely one runs its slot too */
        } else {
            gen_branch_cmp(s, IR_COND_NEVER, tconst(s, 0), tconst(s, 0), target, likely);
        }
        return true;
    }
    gen_branch_cmp(s, ne ? IR_COND_NE : IR_COND_EQ, load_gpr(s, rs), load_gpr(s, rt), target,
                   likely);
    return true;
}

/* BLEZ rs, offset / BGTZ / BLEZL / BGTZL */
TRANS(BLEZ)
{
    gen_branch_cmp(s, F('g') ? IR_COND_GT : IR_COND_LE, load_gpr(s, F('s')), tconst(s, 0),
                   branch_target(s, SF('i')), F('l'));
    return true;
}

/*
 * BLTZ rs, offset / BGEZ / BLTZL / BGEZL / BLTZAL / BGEZAL / BLTZALL / BGEZALL
 * (BAL offset = BGEZAL $0, offset). The link is written whether or not the branch is
 * taken, after the condition has been read.
 */
TRANS(REGIMM_B)
{
    int rs = F('s');
    uint32_t target = branch_target(s, SF('i'));
    bool ge = F('g'), likely = F('l');
    IRTemp a = load_gpr(s, rs);
    if (F('L')) {
        store_gpr(s, 31, tconst(s, s->pc + 8));
    }
    if (rs == 0 && ge) {
        gen_jump(s, target);
    } else {
        gen_branch_cmp(s, ge ? IR_COND_GE : IR_COND_LT, a, tconst(s, 0), target, likely);
    }
    return true;
}

/* J target / JAL target: the 256 MB region of the delay slot */
TRANS(J)
{
    uint32_t target = ((s->pc + 4) & 0xf0000000u) | (F('j') << 2);
    if (F('L')) {
        store_gpr(s, 31, tconst(s, s->pc + 8));
    }
    gen_jump(s, target);
    return true;
}

/* JR rs / JR.HB rs */
TRANS(JR)
{
    gen_jump_reg(s, load_gpr(s, F('s')));
    return true;
}

/* JALR rd, rs / JALR.HB rd, rs */
TRANS(JALR)
{
    IRTemp dest = load_gpr(s, F('s'));
    gen_jump_reg(s, dest);
    store_gpr(s, F('d'), tconst(s, s->pc + 8));
    return true;
}

/* ---- Traps and system ---- */

static const IRCond trap_conds[8] = {
    IR_COND_GE, IR_COND_GEU, IR_COND_LT, IR_COND_LTU,
    IR_COND_EQ, IR_COND_NEVER, IR_COND_NE, IR_COND_NEVER,
};

/* TGE rs, rt, code / TGEU / TLT / TLTU / TEQ / TNE */
TRANS(TRAP)
{
    unsigned op = F('o');
    if (op == 5 || op == 7) {
        return false;
    }
    gen_excp_cmp(s, trap_conds[op], load_gpr(s, F('s')), load_gpr(s, F('t')),
                 MIPS_EXCP_TRAP, F('c'));
    return true;
}

/* TGEI rs, immediate / TGEIU / TLTI / TLTIU / TEQI / TNEI */
TRANS(TRAPI)
{
    unsigned op = F('o');
    if (op == 5 || op == 7) {
        return false;
    }
    gen_excp_cmp(s, trap_conds[op], load_gpr(s, F('s')), tconst(s, (uint32_t)SF('i')),
                 MIPS_EXCP_TRAP, 0);
    return true;
}

/* SYSCALL */
TRANS(SYSCALL)
{
    gen_exception(s, MIPS_EXCP_SYSCALL);
    return true;
}

/*
 * BREAK code: the whole 20-bit field (bits 25:6) as the kernel's do_bp() reads it; the
 * cpu loop swaps its halves like the kernel does, so "break 7" (7 in bits 25:16) is 7.
 */
TRANS(BREAK)
{
    gen_exception_code(s, MIPS_EXCP_BREAK, F('c'));
    return true;
}

/* SYNC stype. A SYNC right before an LL is dropped: the SC's host compare-and-swap
 * checks the LL's value after every older store is visible. */
TRANS(SYNC)
{
    uint32_t next;
    if (mips_peek_next(s, &next) && (next >> 26) == 0x30) {
        return true;
    }
    gen_sync(s);
    return true;
}

/* SYNCI offset(base), PREF hint, offset(base), PREFX: no-ops for user code (the caches
 * are coherent; translated code is invalidated by write protection). */
TRANS(NOP)
{
    return true;
}

/* COP0, COP2, CACHE, LWC2/SWC2/LDC2/SDC2, SDBBP: not available to user mode */
TRANS(RESERVED)
{
    return gen_reserved(s);
}

/* The FPU's encodings: COP1, COP1X, LWC1/LDC1/SWC1/SDC1, MOVF/MOVT */
TRANS(FPU)
{
    return mips_decode_fpu(s, insn) || gen_reserved(s);
}

/* ---- Loads and stores ---- */

static const MemOp load_ops[8] = { MO_SB, MO_SW, 0, MO_UL, MO_UB, MO_UW, 0, 0 };

/* LB rt, offset(base) / LH / LW / LBU / LHU */
TRANS(LOAD)
{
    unsigned op = F('o');
    if (op == 2 || op >= 6) {
        return false;
    }
    IRTemp v = gen_ld(s, gen_addr(s, F('b'), SF('i')), load_ops[op]);
    store_gpr(s, F('t'), v);
    return true;
}

/* SB rt, offset(base) / SH / SW */
TRANS(STORE)
{
    unsigned op = F('o');
    if (op == 2 || op > 3) {
        return false;
    }
    gen_st(s, load_gpr(s, F('t')), gen_addr(s, F('b'), SF('i')), op == 3 ? MO_32 : (MemOp)op);
    return true;
}

/*
 * LWL/LWR (SWL/SWR) pairs that together access one unaligned word, as compilers emit
 * them: "lwl rt, off+3(b); lwr rt, off(b)" little endian, "lwl rt, off(b); lwr rt,
 * off+3(b)" big endian, in either order, rt != b. Returns the offset of the word, or
 * false if `next` does not complete the current insn.
 */
static bool unaligned_pair(DisasContext *s, uint32_t next, int32_t *off)
{
    uint32_t insn = s->insn;
    unsigned op = insn >> 26, op2 = next >> 26;
    unsigned base = (insn >> 21) & 31, rt = (insn >> 16) & 31;
    /* LWL 0x22 <-> LWR 0x26, SWL 0x2a <-> SWR 0x2e */
    if ((op ^ op2) != 4 || ((next >> 21) & 31) != base || ((next >> 16) & 31) != rt ||
        (op < 0x28 && rt == base)) {
        return false;
    }
    int32_t o1 = (int16_t)insn, o2 = (int16_t)next;
    bool left = (op & 4) == 0; /* the current insn is LWL/SWL */
    int32_t off_l = left ? o1 : o2, off_r = left ? o2 : o1;
    if (s->big_endian ? off_r != off_l + 3 : off_l != off_r + 3) {
        return false;
    }
    *off = s->big_endian ? off_l : off_r;
    return true;
}

/*
 * LWL/LWR/SWL/SWR on their own. k = addr & 3; the aligned word w = mem[addr & ~3] in
 * guest byte order. Little endian: LWL rt = rt & ((1 << sh) - 1) | w << sh with sh =
 * 24 - 8k; LWR rt = rt & ~(~0 >> sh) | w >> sh with sh = 8k; SWL w = w & ~(~0 >> sh) |
 * rt >> sh (sh = 24 - 8k); SWR w = w & ((1 << sh) - 1) | rt << sh (sh = 8k). Big
 * endian is the same with k replaced by 3 - k. sh is 0..24: no shift by 32.
 */
static void gen_lwlr_swlr(DisasContext *s, bool left, bool store, IRTemp addr, int rt)
{
    IRFunc *f = s->f;
    IRTemp k8 = new_tmp(s), sh = new_tmp(s), al = new_tmp(s), mask = new_tmp(s);
    IRTemp w = new_tmp(s), v = load_gpr(s, rt), r = new_tmp(s);
    ir_andi_i32(f, k8, addr, 3);
    ir_shli_i32(f, k8, k8, 3);
    /* shift = 8k or 24 - 8k (= 8k ^ 24) */
    bool inv = left != s->big_endian;
    if (inv) {
        ir_xori_i32(f, sh, k8, 24);
    } else {
        ir_mov_i32(f, sh, k8);
    }
    ir_andi_i32(f, al, addr, ~3u);
    ir_mov_i32(f, w, gen_ld(s, al, MO_UL));
    /* "left" forms (LWL, SWR) keep the low sh bits of the destination; "right" forms
     * (LWR, SWL) keep the bits above 32 - sh. */
    bool low_keep = left != store;
    if (low_keep) {
        ir_shl_i32(f, mask, tconst(s, 1), sh);
        ir_subi_i32(f, mask, mask, 1);
    } else {
        ir_shr_i32(f, mask, tconst(s, 0xffffffffu), sh);
        ir_not_i32(f, mask, mask);
    }
    IRTemp old = store ? w : v, src = store ? v : w, moved = new_tmp(s);
    if (low_keep) {
        ir_shl_i32(f, moved, src, sh);
    } else {
        ir_shr_i32(f, moved, src, sh);
    }
    ir_and_i32(f, r, old, mask);
    ir_or_i32(f, r, r, moved);
    if (store) {
        gen_st(s, r, al, MO_UL);
    } else {
        store_gpr(s, rt, r);
    }
}

/*
 * For an LWL/LWR fused with a partner further on: whether insn w, between the two, can
 * be moved after the fused load. It must not be able to trap or end the TB, write
 * memory, read or write rt, or write base. Only the plain ALU, shift, multiply and load
 * forms compilers put between the halves of unaligned loads are accepted.
 */
static bool independent_of_lwlr(uint32_t w, unsigned rt, unsigned base)
{
    unsigned op = w >> 26, rs = (w >> 21) & 31, t = (w >> 16) & 31, rd = (w >> 11) & 31;
    unsigned funct = w & 63;
    unsigned r1, r2 = 0, wr;
    if (op == 0) {
        switch (funct) {
        case 0x00: case 0x02: case 0x03:             /* SLL SRL/ROTR SRA */
            r1 = t;
            wr = rd;
            break;
        case 0x04: case 0x06: case 0x07:             /* SLLV SRLV/ROTRV SRAV */
        case 0x21: case 0x23: case 0x24: case 0x25:  /* ADDU SUBU AND OR */
        case 0x26: case 0x27: case 0x2a: case 0x2b:  /* XOR NOR SLT SLTU */
            r1 = rs;
            r2 = t;
            wr = rd;
            break;
        default:
            return false;
        }
    } else if (op == 0x1c && funct == 0x02) {       /* MUL */
        r1 = rs;
        r2 = t;
        wr = rd;
    } else if ((op >= 0x09 && op <= 0x0f) ||         /* ADDIU SLTI SLTIU ANDI ORI XORI LUI */
               (op >= 0x20 && op <= 0x26)) {         /* the loads, LWL/LWR included */
        r1 = rs;
        r2 = (op == 0x22 || op == 0x26) ? t : 0;     /* LWL/LWR merge into rt */
        wr = t;
    } else {
        return false;
    }
    return wr != rt && wr != base && (rt == 0 || (r1 != rt && r2 != rt));
}

/* LWL rt, offset(base) / LWR / SWL / SWR */
TRANS(LWLR)
{
    bool left = !F('R'), store = F('S');
    int rt = F('t');
    uint32_t next;
    int32_t off;
    if (mips_peek_next(s, &next) && unaligned_pair(s, next, &off)) {
        IRTemp addr = gen_addr(s, F('b'), off);
        if (store) {
            gen_st(s, load_gpr(s, rt), addr, MO_UL);
        } else {
            store_gpr(s, rt, gen_ld(s, addr, MO_UL));
        }
        s->consumed = 1;
        return true;
    }
    /*
     * Loads: the partner may come a few insns later, after other halves ("lwl a; lwl b;
     * lwr a; lwr b", as gcc schedules unaligned loads). The whole word is loaded here and
     * the partner becomes nothing. Running the partner alone again (a later insn faulted
     * and the code is re-entered there) is harmless: it merges bytes rt already has.
     */
    for (unsigned k = 2; !store && (unsigned)rt != F('b') && k <= 8; k++) {
        if (!mips_peek(s, k - 1, &next)) {
            break;
        }
        if (!independent_of_lwlr(next, rt, F('b'))) {
            break;
        }
        if (mips_peek(s, k, &next) && unaligned_pair(s, next, &off) &&
            mips_skip_later(s, k)) {
            store_gpr(s, rt, gen_ld(s, gen_addr(s, F('b'), off), MO_UL));
            return true;
        }
    }
    gen_lwlr_swlr(s, left, store, gen_addr(s, F('b'), SF('i')), rt);
    return true;
}

/* LL rt, offset(base) */
TRANS(LL)
{
    IRTemp addr = gen_addr(s, F('b'), SF('i'));
    gen_check_align4(s, addr, MIPS_EXCP_ADEL);
    IRTemp v = gen_ld(s, addr, MO_UL);
    ir_stenv_i32(s->f, addr, ENV_OFF(lladdr));
    ir_stenv_i32(s->f, v, ENV_OFF(llval));
    store_gpr(s, F('t'), v);
    return true;
}

/* SC rt, offset(base) */
TRANS(SC)
{
    IRTemp addr = gen_addr(s, F('b'), SF('i'));
    gen_check_align4(s, addr, MIPS_EXCP_ADES);
    IRTemp r = new_tmp(s);
    ir_callv(s->f, &helper_info_mips_sc, r, addr, load_gpr(s, F('t')),
             tconst(s, s->big_endian));
    store_gpr(s, F('t'), r);
    return true;
}

/* ---- The table ---- */

static DecodeEntry mips_int_entries[] = {
    /* SPECIAL */
    DECODE(SLL,      "000000 ----- ttttt ddddd aaaaa 000000"),
    DECODE(FPU,      "000000 ----- ----- ----- ----- 000001"), /* MOVF/MOVT */
    DECODE(SRL,      "000000 0000R ttttt ddddd aaaaa 000010"),
    DECODE(SRA,      "000000 ----- ttttt ddddd aaaaa 000011"),
    DECODE(ROTRV,    "000000 sssss ttttt ddddd 00001 000110"),
    DECODE(SHIFTV,   "000000 sssss ttttt ddddd 00000 0001oo"),
    DECODE(JR,       "000000 sssss ----- ----- ----- 001000"),
    DECODE(JALR,     "000000 sssss ----- ddddd ----- 001001"),
    DECODE(MOVZ,     "000000 sssss ttttt ddddd ----- 00101n"),
    DECODE(SYSCALL,  "000000 ----- ----- ----- ----- 001100"),
    DECODE(BREAK,    "000000 ccccc ccccc ccccc ccccc 001101"),
    DECODE(SYNC,     "000000 ----- ----- ----- ----- 001111"),
    DECODE(MFHI,     "000000 ----- ----- ddddd ----- 0100L0"),
    DECODE(MTHI,     "000000 sssss ----- ----- ----- 0100L1"),
    DECODE(MULT,     "000000 sssss ttttt ----- ----- 01100U"),
    DECODE(DIV,      "000000 sssss ttttt ----- ----- 01101U"),
    DECODE(ADD,      "000000 sssss ttttt ddddd ----- 10000U"),
    DECODE(SUB,      "000000 sssss ttttt ddddd ----- 10001U"),
    DECODE(LOGIC,    "000000 sssss ttttt ddddd ----- 1001oo"),
    DECODE(SLT,      "000000 sssss ttttt ddddd ----- 10101U"),
    DECODE(TRAP,     "000000 sssss ttttt ccccc ccccc 110ooo"),
    /* REGIMM */
    DECODE(REGIMM_B, "000001 sssss L00lg iiiiiiiiiiiiiiii"),
    DECODE(TRAPI,    "000001 sssss 01ooo iiiiiiiiiiiiiiii"),
    DECODE(NOP,      "000001 ----- 11111 ----------------"), /* SYNCI */
    /* Jumps and branches */
    DECODE(J,        "00001L jjjjjjjjjjjjjjjjjjjjjjjjjj"),
    DECODE(BEQ,      "0l010n sssss ttttt iiiiiiiiiiiiiiii"),
    DECODE(BLEZ,     "0l011g sssss ----- iiiiiiiiiiiiiiii"),
    /* Immediate arithmetic */
    DECODE(ADDI,     "00100U sssss ttttt iiiiiiiiiiiiiiii"),
    DECODE(SLTI,     "00101U sssss ttttt iiiiiiiiiiiiiiii"),
    DECODE(LUI,      "001111 ----- ttttt iiiiiiiiiiiiiiii"),
    DECODE(LOGICI,   "0011oo sssss ttttt iiiiiiiiiiiiiiii"),
    /* Coprocessors */
    DECODE(RESERVED, "010000 --------------------------"), /* COP0 */
    DECODE(FPU,      "010001 --------------------------"), /* COP1 */
    DECODE(RESERVED, "010010 --------------------------"), /* COP2 */
    DECODE(NOP,      "010011 ----- ----- ----- ----- 001111"), /* PREFX */
    DECODE(FPU,      "010011 --------------------------"), /* COP1X */
    /* SPECIAL2 */
    DECODE(MADD,     "011100 sssss ttttt ----- ----- 000S0U"),
    DECODE(MUL,      "011100 sssss ttttt ddddd ----- 000010"),
    DECODE(CLZ,      "011100 sssss ----- ddddd ----- 10000o"),
    DECODE(RESERVED, "011100 ----- ----- ----- ----- 111111"), /* SDBBP */
    /* SPECIAL3 */
    DECODE(EXT,      "011111 sssss ttttt mmmmm lllll 000000"),
    DECODE(INS,      "011111 sssss ttttt mmmmm lllll 000100"),
    DECODE(WSBH,     "011111 ----- ttttt ddddd 00010 100000"),
    DECODE(SEB,      "011111 ----- ttttt ddddd 10000 100000"),
    DECODE(SEH,      "011111 ----- ttttt ddddd 11000 100000"),
    DECODE(RDHWR,    "011111 ----- ttttt ddddd ----- 111011"),
    /* Loads and stores */
    DECODE(LWLR,     "10SR10 bbbbb ttttt iiiiiiiiiiiiiiii"), /* LWL LWR SWL SWR */
    DECODE(LOAD,     "100ooo bbbbb ttttt iiiiiiiiiiiiiiii"),
    DECODE(RESERVED, "101111 --------------------------"), /* CACHE */
    DECODE(STORE,    "101ooo bbbbb ttttt iiiiiiiiiiiiiiii"),
    DECODE(LL,       "110000 bbbbb ttttt iiiiiiiiiiiiiiii"),
    DECODE(FPU,      "11-001 --------------------------"), /* LWC1 SWC1 */
    DECODE(FPU,      "11-101 --------------------------"), /* LDC1 SDC1 */
    DECODE(RESERVED, "11-x10 --------------------------"), /* LWC2 SWC2 LDC2 SDC2 */
    DECODE(NOP,      "110011 --------------------------"), /* PREF */
    DECODE(SC,       "111000 bbbbb ttttt iiiiiiiiiiiiiiii"),
};

DECODE_TABLE(mips_int_table, "mips32", 32, mips_int_entries);

bool mips_decode_int(DisasContext *s, uint32_t insn)
{
    return decode_dispatch(&mips_int_table, s, insn);
}
