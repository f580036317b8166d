/*
 * x86_64 assembler tests: every emitter's output is disassembled with capstone
 * (Intel syntax) and compared with the expected text, and with the expected length
 * where the encoding choice matters (imm8 vs imm32, disp8 vs disp32, SIB, REX).
 * Addressing is checked for every base and index register, displacement size and
 * scale; labels, patching and buffer overflow are checked directly; a few small
 * functions are assembled into an executable page and run.
 */
#include <capstone/capstone.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "backend/x86_64/x86_asm.h"

static csh cs;
static unsigned nb_checks;

/* All instructions in the buffer as "insn; insn"; "(bad)" if bytes remain undecoded. */
static char *disasm(const uint8_t *code, size_t len)
{
    cs_insn *insn;
    size_t n = cs_disasm(cs, code, len, 0, 0, &insn);
    GString *s = g_string_new(NULL);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            g_string_append(s, "; ");
        }
        g_string_append(s, insn[i].mnemonic);
        if (insn[i].op_str[0]) {
            g_string_append_printf(s, " %s", insn[i].op_str);
        }
        used += insn[i].size;
    }
    if (n) {
        cs_free(insn, n);
    }
    if (used != len) {
        g_string_append(s, used ? "; (bad)" : "(bad)");
    }
    return g_string_free(s, FALSE);
}

static void check_buf(X86Buf *b, const char *expected, int len, const char *what, int line)
{
    nb_checks++;
    g_assert_true(x86_buf_finish(b));
    size_t n = x86_buf_offset(b);
    char *text = disasm(b->start, n);
    if (strcmp(text, expected) != 0 || (len >= 0 && (size_t)len != n)) {
        GString *hex = g_string_new(NULL);
        for (size_t i = 0; i < n; i++) {
            g_string_append_printf(hex, "%02x ", b->start[i]);
        }
        g_printerr("line %d: %s\n  expected: %s (%d bytes)\n  got:      %s (%zu bytes: %s)\n",
                   line, what, expected, len, text, n, hex->str);
        g_string_free(hex, TRUE);
        g_test_fail();
    }
    g_free(text);
}

/* CHECK("text", emit...) with `B` the buffer; CHECK_LEN also checks the byte count. */
#define CHECK_LEN(expected, len, ...)                                                  \
    do {                                                                               \
        uint8_t mem_[128];                                                             \
        X86Buf buf_;                                                                   \
        x86_buf_init(&buf_, mem_, sizeof mem_);                                        \
        X86Buf *B = &buf_;                                                             \
        __VA_ARGS__;                                                                   \
        check_buf(B, expected, len, #__VA_ARGS__, __LINE__);                           \
    } while (0)
#define CHECK(expected, ...) CHECK_LEN(expected, -1, __VA_ARGS__)

/* ---- Register and operand names as capstone prints them --------------------------- */

static const char *const r64[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const r32[16] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};
static const char *const r16[16] = {
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w",
};
static const char *const r8[16] = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
};
static const char *const cc_names[16] = {
    "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
};

static const char *rname(int w, int r)
{
    return w == 64 ? r64[r] : w == 32 ? r32[r] : w == 16 ? r16[r] : r8[r];
}

/* Capstone prints numbers above 9 in hex. */
static void append_num(GString *s, int64_t v)
{
    uint64_t a = v < 0 ? -(uint64_t)v : (uint64_t)v;
    if (a > 9) {
        g_string_append_printf(s, "0x%" G_GINT64_MODIFIER "x", a);
    } else {
        g_string_append_printf(s, "%" G_GINT64_MODIFIER "u", a);
    }
}

/* "[base + index*scale + disp]" */
static char *mem_text(const char *size, int base, int index, int scale, int32_t disp)
{
    GString *s = g_string_new(size);
    g_string_append(s, " ptr [");
    bool any = false;
    if (base >= 0) {
        g_string_append(s, r64[base]);
        any = true;
    }
    if (index >= 0) {
        g_string_append_printf(s, "%s%s", any ? " + " : "", r64[index]);
        if (scale != 1) {
            g_string_append_printf(s, "*%d", scale);
        }
        any = true;
    }
    if (disp != 0 || !any) {
        if (any) {
            g_string_append(s, disp < 0 ? " - " : " + ");
            append_num(s, disp < 0 ? -(int64_t)disp : disp);
        } else {
            append_num(s, disp);
        }
    }
    g_string_append(s, "]");
    return g_string_free(s, FALSE);
}

/* ---- Addressing ----------------------------------------------------------------- */

/* Expected length of "mov r, [mem]" (opcode 8B): REX + op + modrm + sib + disp. */
static int mem_len(bool rex, int base, int index, int32_t disp)
{
    int n = (rex ? 1 : 0) + 2;
    if (index >= 0 || (base & 7) == 4) {
        n++;
    }
    if (disp == 0 && (base & 7) != 5) {
        return n;
    }
    return n + (disp == (int8_t)disp ? 1 : 4);
}

static void test_addr_base_disp(void)
{
    static const int32_t disps[] = { 0, 8, -8, 127, -128, 128, -129, 0x12345678, INT32_MIN };
    for (int base = 0; base < 16; base++) {
        for (unsigned k = 0; k < G_N_ELEMENTS(disps); k++) {
            int32_t d = disps[k];
            char *m = mem_text("qword", base, -1, 1, d);
            char *exp = g_strdup_printf("mov rax, %s", m);
            CHECK_LEN(exp, mem_len(true, base, -1, d),
                      x86_mov_rm(B, 64, X86_RAX, x86_mem((X86Reg)base, d)));
            g_free(exp);
            /* A high register in ModRM.reg (REX.R) and a store. */
            exp = g_strdup_printf("mov %s, r9", m);
            CHECK_LEN(exp, mem_len(true, base, -1, d),
                      x86_mov_mr(B, 64, x86_mem((X86Reg)base, d), X86_R9));
            g_free(exp);
            g_free(m);
            /* 32-bit: a REX only for R8-R15. */
            m = mem_text("dword", base, -1, 1, d);
            exp = g_strdup_printf("mov ecx, %s", m);
            CHECK_LEN(exp, mem_len(base >= 8, base, -1, d),
                      x86_mov_rm(B, 32, X86_RCX, x86_mem((X86Reg)base, d)));
            g_free(exp);
            g_free(m);
        }
    }
    /* The traps spelled out. */
    CHECK_LEN("mov rax, qword ptr [rsp]", 4, x86_mov_rm(B, 64, X86_RAX, x86_mem(X86_RSP, 0)));
    CHECK_LEN("mov rax, qword ptr [r12]", 4, x86_mov_rm(B, 64, X86_RAX, x86_mem(X86_R12, 0)));
    CHECK_LEN("mov rax, qword ptr [rbp]", 4, x86_mov_rm(B, 64, X86_RAX, x86_mem(X86_RBP, 0)));
    CHECK_LEN("mov rax, qword ptr [r13]", 4, x86_mov_rm(B, 64, X86_RAX, x86_mem(X86_R13, 0)));
    CHECK_LEN("mov rax, qword ptr [r13 + 8]", 4, x86_mov_rm(B, 64, X86_RAX, x86_mem(X86_R13, 8)));
    CHECK_LEN("add rax, qword ptr [r13 + 8]", 4, x86_alu_rm(B, X86_ADD, 64, X86_RAX, x86_mem(X86_R13, 8)));
}

static void test_addr_index(void)
{
    static const int scales[] = { 1, 2, 4, 8 };
    static const int32_t disps[] = { 0, 0x40, -0x1000 };
    for (int index = 0; index < 16; index++) {
        if (index == X86_RSP) {
            continue; /* not encodable */
        }
        for (int base = 0; base < 16; base++) {
            for (unsigned s = 0; s < 4; s++) {
                for (unsigned k = 0; k < G_N_ELEMENTS(disps); k++) {
                    int32_t d = disps[k];
                    char *m = mem_text("dword", base, index, scales[s], d);
                    char *exp = g_strdup_printf("mov edx, %s", m);
                    CHECK_LEN(exp, mem_len(base >= 8 || index >= 8, base, index, d),
                              x86_mov_rm(B, 32, X86_RDX,
                                         x86_mem_idx((X86Reg)base, (X86Reg)index, scales[s], d)));
                    g_free(exp);
                    g_free(m);
                }
            }
        }
    }
    /* [rbp + index] and [r13 + index] still need disp8 = 0. */
    CHECK_LEN("mov eax, dword ptr [rbp + rcx]", 4,
              x86_mov_rm(B, 32, X86_RAX, x86_mem_idx(X86_RBP, X86_RCX, 1, 0)));
    CHECK_LEN("mov eax, dword ptr [r13 + r12*8]", 5,
              x86_mov_rm(B, 32, X86_RAX, x86_mem_idx(X86_R13, X86_R12, 8, 0)));
    /* The guest access pattern: [guest_base + addr32]. */
    CHECK_LEN("mov eax, dword ptr [r14 + rsi]", 4,
              x86_mov_rm(B, 32, X86_RAX, x86_mem_idx(X86_R14, X86_RSI, 1, 0)));
    /* No base: absolute disp32 through SIB, optionally with an index. */
    CHECK_LEN("mov eax, dword ptr [0x1000]", 7, x86_mov_rm(B, 32, X86_RAX, x86_mem_abs(0x1000)));
    CHECK_LEN("mov rax, qword ptr [0x7ffffff0]", 8, x86_mov_rm(B, 64, X86_RAX, x86_mem_abs(0x7ffffff0)));
    CHECK_LEN("mov eax, dword ptr [rcx*4 + 0x100]", 7,
              x86_mov_rm(B, 32, X86_RAX, x86_mem_idx(X86_NOREG, X86_RCX, 4, 0x100)));
    CHECK_LEN("mov eax, dword ptr [r9*8]", 8,
              x86_mov_rm(B, 32, X86_RAX, x86_mem_idx(X86_NOREG, X86_R9, 8, 0)));
    /* RIP-relative: disp from the end of the instruction, also with an immediate. */
    CHECK_LEN("mov eax, dword ptr [rip + 0x10]", 6, x86_mov_rm(B, 32, X86_RAX, x86_mem_rip_disp(0x10)));
    CHECK_LEN("lea rax, [rip - 7]", 7, x86_lea(B, 64, X86_RAX, x86_mem_rip_disp(-7)));
    /* A target address: the text shows the disp; 0x40 from a 7-byte insn at 0. */
    CHECK("mov r8, qword ptr [rip + 0x39]",
          x86_mov_rm(B, 64, X86_R8, x86_mem_rip(B->start + 0x40)));
    CHECK("mov dword ptr [rip + 0x36], 0x12345678",
          x86_mov_mi(B, 32, x86_mem_rip(B->start + 0x40), 0x12345678));
    CHECK("cmp byte ptr [rip + 0x39], 0x12",
          x86_alu_mi(B, X86_CMP, 8, x86_mem_rip(B->start + 0x40), 0x12));
}

/* ---- Moves ---------------------------------------------------------------------- */

static void test_mov(void)
{
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s += 5) {
            static const int ws[] = { 8, 16, 32, 64 };
            for (unsigned k = 0; k < 4; k++) {
                int w = ws[k];
                char *exp = g_strdup_printf("mov %s, %s", rname(w, d), rname(w, s));
                /* Byte registers 4-7 (SPL..DIL) need a REX even without R8-R15. */
                bool rex = w == 64 || d >= 8 || s >= 8 || (w == 8 && (d >= 4 || s >= 4));
                CHECK_LEN(exp, 2 + rex + (w == 16), x86_mov_rr(B, w, (X86Reg)d, (X86Reg)s));
                g_free(exp);
            }
        }
    }
    /* Immediates: the shortest form. */
    CHECK_LEN("mov eax, 5", 5, x86_mov_ri(B, 32, X86_RAX, 5));
    CHECK_LEN("mov r8d, 5", 6, x86_mov_ri(B, 32, X86_R8, 5));
    CHECK_LEN("mov eax, 0xffffffff", 5, x86_mov_ri(B, 64, X86_RAX, 0xffffffffu));
    CHECK_LEN("mov r15d, 0x80000000", 6, x86_mov_ri(B, 64, X86_R15, 0x80000000u));
    CHECK_LEN("mov rax, -1", 7, x86_mov_ri(B, 64, X86_RAX, UINT64_MAX));
    CHECK_LEN("mov rcx, -0x80000000", 7, x86_mov_ri(B, 64, X86_RCX, 0xffffffff80000000ull));
    CHECK_LEN("movabs rax, 0x123456789", 10, x86_mov_ri(B, 64, X86_RAX, 0x123456789ull));
    CHECK_LEN("movabs r11, 0x8000000000000000", 10, x86_mov_ri(B, 64, X86_R11, 0x8000000000000000ull));
    CHECK_LEN("mov edx, 0x89abcdef", 5, x86_mov_ri(B, 32, X86_RDX, 0x1234567889abcdefull));
    CHECK_LEN("xor r10d, r10d", 3, x86_zero_r(B, X86_R10));
    /* Loads and stores of every width. */
    CHECK("mov al, byte ptr [rdi]", x86_mov_rm(B, 8, X86_RAX, x86_mem(X86_RDI, 0)));
    CHECK_LEN("mov sil, byte ptr [rdi]", 3, x86_mov_rm(B, 8, X86_RSI, x86_mem(X86_RDI, 0)));
    CHECK("mov r9w, word ptr [rdi + 2]", x86_mov_rm(B, 16, X86_R9, x86_mem(X86_RDI, 2)));
    CHECK("mov byte ptr [rsp + 1], bpl", x86_mov_mr(B, 8, x86_mem(X86_RSP, 1), X86_RBP));
    CHECK_LEN("mov byte ptr [rsi], dl", 2, x86_mov_mr(B, 8, x86_mem(X86_RSI, 0), X86_RDX));
    CHECK("mov word ptr [rax], cx", x86_mov_mr(B, 16, x86_mem(X86_RAX, 0), X86_RCX));
    CHECK("mov dword ptr [r12 + 4], r13d", x86_mov_mr(B, 32, x86_mem(X86_R12, 4), X86_R13));
    CHECK_LEN("mov byte ptr [rax], 0xff", 3, x86_mov_mi(B, 8, x86_mem(X86_RAX, 0), -1));
    CHECK_LEN("mov word ptr [rax], 0x1234", 5, x86_mov_mi(B, 16, x86_mem(X86_RAX, 0), 0x1234));
    CHECK_LEN("mov dword ptr [rbp - 4], 7", 7, x86_mov_mi(B, 32, x86_mem(X86_RBP, -4), 7));
    CHECK_LEN("mov qword ptr [r13], -1", 8, x86_mov_mi(B, 64, x86_mem(X86_R13, 0), -1));
    /* Extensions. */
    CHECK_LEN("movzx eax, cl", 3, x86_movzx_rr(B, 32, 8, X86_RAX, X86_RCX));
    CHECK_LEN("movzx eax, dil", 4, x86_movzx_rr(B, 32, 8, X86_RAX, X86_RDI));
    CHECK_LEN("movzx r8d, r9b", 4, x86_movzx_rr(B, 64, 8, X86_R8, X86_R9));
    CHECK("movzx ecx, dx", x86_movzx_rr(B, 32, 16, X86_RCX, X86_RDX));
    CHECK("movzx eax, word ptr [rbx + 6]", x86_movzx_rm(B, 64, 16, X86_RAX, x86_mem(X86_RBX, 6)));
    CHECK("movzx r15d, byte ptr [r14 + rax]", x86_movzx_rm(B, 32, 8, X86_R15, x86_mem_idx(X86_R14, X86_RAX, 1, 0)));
    CHECK("movsx eax, cl", x86_movsx_rr(B, 32, 8, X86_RAX, X86_RCX));
    CHECK("movsx rax, spl", x86_movsx_rr(B, 64, 8, X86_RAX, X86_RSP));
    CHECK("movsx r10d, r11w", x86_movsx_rr(B, 32, 16, X86_R10, X86_R11));
    CHECK("movsx rdx, word ptr [rsp]", x86_movsx_rm(B, 64, 16, X86_RDX, x86_mem(X86_RSP, 0)));
    CHECK("movsx eax, byte ptr [rdi - 1]", x86_movsx_rm(B, 32, 8, X86_RAX, x86_mem(X86_RDI, -1)));
    CHECK("movsxd rax, ecx", x86_movsxd_rr(B, X86_RAX, X86_RCX));
    CHECK("movsxd r12, r13d", x86_movsxd_rr(B, X86_R12, X86_R13));
    CHECK("movsxd rsi, dword ptr [rbp + 0x10]", x86_movsxd_rm(B, X86_RSI, x86_mem(X86_RBP, 0x10)));
    CHECK("lea rax, [rcx + rdx*2 + 3]", x86_lea(B, 64, X86_RAX, x86_mem_idx(X86_RCX, X86_RDX, 2, 3)));
    CHECK("lea r9d, [r13 - 0x100]", x86_lea(B, 32, X86_R9, x86_mem(X86_R13, -0x100)));
}

/* ---- ALU ------------------------------------------------------------------------ */

static const char *const alu_names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };

static void test_alu(void)
{
    for (int op = 0; op < 8; op++) {
        const char *n = alu_names[op];
        char *exp;
        /* capstone prints the immediates of and/or/xor unsigned, the others signed. */
        bool logic = op == X86_AND || op == X86_OR || op == X86_XOR;
#define ALU_CASE(len, fmt, ...)                                                        \
    exp = g_strdup_printf(fmt, n);                                                     \
    CHECK_LEN(exp, len, __VA_ARGS__);                                                  \
    g_free(exp)
#define ALU_CASE2(len, fmt_arith, fmt_logic, ...)                                      \
    exp = g_strdup_printf(logic ? fmt_logic : fmt_arith, n);                           \
    CHECK_LEN(exp, len, __VA_ARGS__);                                                  \
    g_free(exp)
        ALU_CASE(3, "%s rax, rcx", x86_alu_rr(B, op, 64, X86_RAX, X86_RCX));
        ALU_CASE(3, "%s r8d, r15d", x86_alu_rr(B, op, 32, X86_R8, X86_R15));
        ALU_CASE(2, "%s edx, esi", x86_alu_rr(B, op, 32, X86_RDX, X86_RSI));
        ALU_CASE(3, "%s si, di", x86_alu_rr(B, op, 16, X86_RSI, X86_RDI));
        ALU_CASE(2, "%s bl, cl", x86_alu_rr(B, op, 8, X86_RBX, X86_RCX));
        ALU_CASE(3, "%s sil, dil", x86_alu_rr(B, op, 8, X86_RSI, X86_RDI));
        /* imm8 when it fits (sign-extended), accumulator form, imm32. */
        ALU_CASE(4, "%s rcx, 1", x86_alu_ri(B, op, 64, X86_RCX, 1));
        ALU_CASE(4, "%s rcx, 0x7f", x86_alu_ri(B, op, 64, X86_RCX, 127));
        ALU_CASE(7, "%s rcx, 0x80", x86_alu_ri(B, op, 64, X86_RCX, 128));
        ALU_CASE2(4, "%s rcx, -0x80", "%s rcx, 0xffffffffffffff80", x86_alu_ri(B, op, 64, X86_RCX, -128));
        ALU_CASE2(7, "%s rcx, -0x81", "%s rcx, 0xffffffffffffff7f", x86_alu_ri(B, op, 64, X86_RCX, -129));
        ALU_CASE(6, "%s rax, 0x12345678", x86_alu_ri(B, op, 64, X86_RAX, 0x12345678));
        ALU_CASE(5, "%s eax, 0x1000", x86_alu_ri(B, op, 32, X86_RAX, 0x1000));
        ALU_CASE2(3, "%s eax, -1", "%s eax, 0xffffffff", x86_alu_ri(B, op, 32, X86_RAX, -1));
        ALU_CASE(6, "%s edi, 0x1000", x86_alu_ri(B, op, 32, X86_RDI, 0x1000));
        ALU_CASE(7, "%s r13d, 0x80000000", x86_alu_ri(B, op, 32, X86_R13, INT32_MIN));
        ALU_CASE2(5, "%s r13w, -0x10", "%s r13w, 0xfff0", x86_alu_ri(B, op, 16, X86_R13, -16));
        ALU_CASE(5, "%s cx, 0x1234", x86_alu_ri(B, op, 16, X86_RCX, 0x1234));
        ALU_CASE(4, "%s ax, 0x1234", x86_alu_ri(B, op, 16, X86_RAX, 0x1234));
        ALU_CASE(3, "%s cl, 0x80", x86_alu_ri(B, op, 8, X86_RCX, 0x80));
        ALU_CASE(4, "%s bpl, 0x12", x86_alu_ri(B, op, 8, X86_RBP, 0x12));
        /* Memory operands both ways, immediates to memory. */
        ALU_CASE(4, "%s rax, qword ptr [r13 + 8]", x86_alu_rm(B, op, 64, X86_RAX, x86_mem(X86_R13, 8)));
        ALU_CASE(3, "%s edx, dword ptr [rsp]", x86_alu_rm(B, op, 32, X86_RDX, x86_mem(X86_RSP, 0)));
        ALU_CASE(3, "%s cl, byte ptr [rsi + 1]", x86_alu_rm(B, op, 8, X86_RCX, x86_mem(X86_RSI, 1)));
        ALU_CASE(4, "%s qword ptr [rbx + 0x10], r10", x86_alu_mr(B, op, 64, x86_mem(X86_RBX, 16), X86_R10));
        ALU_CASE(4, "%s word ptr [rbx], r10w", x86_alu_mr(B, op, 16, x86_mem(X86_RBX, 0), X86_R10));
        ALU_CASE(3, "%s byte ptr [rax], dil", x86_alu_mr(B, op, 8, x86_mem(X86_RAX, 0), X86_RDI));
        ALU_CASE(4, "%s dword ptr [rbp - 8], 1", x86_alu_mi(B, op, 32, x86_mem(X86_RBP, -8), 1));
        ALU_CASE(9, "%s qword ptr [r12 + 8], 0x100", x86_alu_mi(B, op, 64, x86_mem(X86_R12, 8), 0x100));
        ALU_CASE(6, "%s word ptr [r8], 0x100", x86_alu_mi(B, op, 16, x86_mem(X86_R8, 0), 0x100));
        ALU_CASE(3, "%s byte ptr [rdi], 0xfe", x86_alu_mi(B, op, 8, x86_mem(X86_RDI, 0), -2));
#undef ALU_CASE
#undef ALU_CASE2
    }
    CHECK("add rax, rcx; sub rdx, 0x10; and eax, 0xff; cmp r9, 0",
          x86_add_rr(B, 64, X86_RAX, X86_RCX), x86_sub_ri(B, 64, X86_RDX, 16),
          x86_and_ri(B, 32, X86_RAX, 0xff), x86_cmp_ri(B, 64, X86_R9, 0));
    CHECK("or ecx, edx; xor r8, r8; sub esi, edi; add ecx, 4; and r8d, r9d; cmp al, bl",
          x86_or_rr(B, 32, X86_RCX, X86_RDX), x86_xor_rr(B, 64, X86_R8, X86_R8),
          x86_sub_rr(B, 32, X86_RSI, X86_RDI), x86_add_ri(B, 32, X86_RCX, 4),
          x86_and_rr(B, 32, X86_R8, X86_R9), x86_cmp_rr(B, 8, X86_RAX, X86_RBX));

    /* test */
    CHECK_LEN("test rax, rcx", 3, x86_test_rr(B, 64, X86_RAX, X86_RCX));
    CHECK_LEN("test r10d, r10d", 3, x86_test_rr(B, 32, X86_R10, X86_R10));
    CHECK_LEN("test sil, sil", 3, x86_test_rr(B, 8, X86_RSI, X86_RSI));
    CHECK_LEN("test eax, 0x100", 5, x86_test_ri(B, 32, X86_RAX, 0x100));
    CHECK_LEN("test al, 1", 2, x86_test_ri(B, 8, X86_RAX, 1));
    CHECK_LEN("test ecx, 0x80000000", 6, x86_test_ri(B, 32, X86_RCX, INT32_MIN));
    CHECK_LEN("test rdx, 1", 7, x86_test_ri(B, 64, X86_RDX, 1));
    CHECK_LEN("test r9w, 0x8000", 6, x86_test_ri(B, 16, X86_R9, 0x8000));
    CHECK_LEN("test dil, 0x80", 4, x86_test_ri(B, 8, X86_RDI, 0x80));
    CHECK("test qword ptr [rsp + 8], rax", x86_test_mr(B, 64, x86_mem(X86_RSP, 8), X86_RAX));
    CHECK("test byte ptr [r15 + 3], 0x40", x86_test_mi(B, 8, x86_mem(X86_R15, 3), 0x40));
    CHECK_LEN("test dword ptr [rax], 0x10000", 6, x86_test_mi(B, 32, x86_mem(X86_RAX, 0), 0x10000));

    /* One-operand group. */
    CHECK("inc rax; inc r9d; inc bpl; inc cx", x86_inc_r(B, 64, X86_RAX), x86_inc_r(B, 32, X86_R9),
          x86_inc_r(B, 8, X86_RBP), x86_inc_r(B, 16, X86_RCX));
    CHECK("dec rsi; dec r15d; dec al", x86_dec_r(B, 64, X86_RSI), x86_dec_r(B, 32, X86_R15),
          x86_dec_r(B, 8, X86_RAX));
    CHECK("neg rax; neg r12d; neg dil", x86_neg_r(B, 64, X86_RAX), x86_neg_r(B, 32, X86_R12),
          x86_neg_r(B, 8, X86_RDI));
    CHECK("not rcx; not r8d; not dx", x86_not_r(B, 64, X86_RCX), x86_not_r(B, 32, X86_R8),
          x86_not_r(B, 16, X86_RDX));
}

static void test_shift_mul(void)
{
    static const struct { X86ShiftOp op; const char *name; } shifts[] = {
        { X86_ROL, "rol" }, { X86_ROR, "ror" }, { X86_RCL, "rcl" }, { X86_RCR, "rcr" },
        { X86_SHL, "shl" }, { X86_SHR, "shr" }, { X86_SAR, "sar" },
    };
    for (unsigned k = 0; k < G_N_ELEMENTS(shifts); k++) {
        const char *n = shifts[k].name;
        X86ShiftOp op = shifts[k].op;
        char *exp;
        exp = g_strdup_printf("%s rax, 1", n);
        CHECK_LEN(exp, 3, x86_shift_ri(B, op, 64, X86_RAX, 1));
        g_free(exp);
        exp = g_strdup_printf("%s r11d, 0x1f", n);
        CHECK_LEN(exp, 4, x86_shift_ri(B, op, 32, X86_R11, 31));
        g_free(exp);
        exp = g_strdup_printf("%s sil, 3", n);
        CHECK_LEN(exp, 4, x86_shift_ri(B, op, 8, X86_RSI, 3));
        g_free(exp);
        exp = g_strdup_printf("%s dx, 8", n);
        CHECK_LEN(exp, 4, x86_shift_ri(B, op, 16, X86_RDX, 8));
        g_free(exp);
        exp = g_strdup_printf("%s r9, cl", n);
        CHECK_LEN(exp, 3, x86_shift_rcl(B, op, 64, X86_R9));
        g_free(exp);
        exp = g_strdup_printf("%s ebx, cl; %s bl, cl", n, n);
        CHECK(exp, x86_shift_rcl(B, op, 32, X86_RBX), x86_shift_rcl(B, op, 8, X86_RBX));
        g_free(exp);
    }
    CHECK("shld eax, edx, 4", x86_shld_ri(B, 32, X86_RAX, X86_RDX, 4));
    CHECK("shrd r8, r9, 0x3f", x86_shrd_ri(B, 64, X86_R8, X86_R9, 63));
    CHECK("shld rax, rbx, cl", x86_shld_rcl(B, 64, X86_RAX, X86_RBX));
    CHECK("shrd r10d, ecx, cl", x86_shrd_rcl(B, 32, X86_R10, X86_RCX));
    CHECK_LEN("shlx eax, ecx, edx", 5, x86_shlx(B, 32, X86_RAX, X86_RCX, X86_RDX));
    CHECK_LEN("shrx r8, r9, r10", 5, x86_shrx(B, 64, X86_R8, X86_R9, X86_R10));
    CHECK_LEN("sarx esi, r14d, r15d", 5, x86_sarx(B, 32, X86_RSI, X86_R14, X86_R15));
    CHECK_LEN("rorx r12, rax, 0xd", 6, x86_rorx(B, 64, X86_R12, X86_RAX, 13));
}

static void test_imul_div(void)
{
    CHECK_LEN("imul rax, rcx", 4, x86_imul_rr(B, 64, X86_RAX, X86_RCX));
    CHECK_LEN("imul r8d, r9d", 4, x86_imul_rr(B, 32, X86_R8, X86_R9));
    CHECK("imul dx, si", x86_imul_rr(B, 16, X86_RDX, X86_RSI));
    CHECK("imul ecx, dword ptr [rsp + 4]", x86_imul_rm(B, 32, X86_RCX, x86_mem(X86_RSP, 4)));
    CHECK_LEN("imul eax, ecx, 0xa", 3, x86_imul_rri(B, 32, X86_RAX, X86_RCX, 10));
    CHECK_LEN("imul rax, r12, -1", 4, x86_imul_rri(B, 64, X86_RAX, X86_R12, -1));
    CHECK_LEN("imul r15d, ebx, 0x10000", 7, x86_imul_rri(B, 32, X86_R15, X86_RBX, 0x10000));
    CHECK_LEN("imul cx, cx, 0x1000", 5, x86_imul_rri(B, 16, X86_RCX, X86_RCX, 0x1000));
    CHECK("mul rcx; mul r9d; imul rsi; imul ecx; div r10; div ebx; idiv r11; idiv ecx",
          x86_mul_r(B, 64, X86_RCX), x86_mul_r(B, 32, X86_R9), x86_imul_r(B, 64, X86_RSI),
          x86_imul_r(B, 32, X86_RCX), x86_div_r(B, 64, X86_R10), x86_div_r(B, 32, X86_RBX),
          x86_idiv_r(B, 64, X86_R11), x86_idiv_r(B, 32, X86_RCX));
    CHECK_LEN("cdq", 1, x86_cdq(B));
    CHECK_LEN("cqo", 2, x86_cqo(B));
}

static void test_bits(void)
{
    CHECK_LEN("bswap eax", 2, x86_bswap(B, 32, X86_RAX));
    CHECK_LEN("bswap r13d", 3, x86_bswap(B, 32, X86_R13));
    CHECK_LEN("bswap rdi", 3, x86_bswap(B, 64, X86_RDI));
    CHECK_LEN("bswap r8", 3, x86_bswap(B, 64, X86_R8));
    CHECK("movbe eax, dword ptr [r14 + rsi]", x86_movbe_rm(B, 32, X86_RAX, x86_mem_idx(X86_R14, X86_RSI, 1, 0)));
    CHECK("movbe r9w, word ptr [rdi]", x86_movbe_rm(B, 16, X86_R9, x86_mem(X86_RDI, 0)));
    CHECK("movbe rdx, qword ptr [rbp]", x86_movbe_rm(B, 64, X86_RDX, x86_mem(X86_RBP, 0)));
    CHECK("movbe dword ptr [r14 + rsi], ecx", x86_movbe_mr(B, 32, x86_mem_idx(X86_R14, X86_RSI, 1, 0), X86_RCX));
    CHECK("movbe word ptr [rsp + 2], r12w", x86_movbe_mr(B, 16, x86_mem(X86_RSP, 2), X86_R12));
    CHECK("movbe qword ptr [r13], rax", x86_movbe_mr(B, 64, x86_mem(X86_R13, 0), X86_RAX));
    CHECK("bt eax, 0x1f", x86_bt_ri(B, 32, X86_RAX, 31));
    CHECK("bt r10, 0x3f", x86_bt_ri(B, 64, X86_R10, 63));
    CHECK("bt ecx, edx", x86_bt_rr(B, 32, X86_RCX, X86_RDX));
    CHECK("bt r8, rax", x86_bt_rr(B, 64, X86_R8, X86_RAX));
    CHECK("bsf eax, ecx; bsf r9, r10", x86_bsf_rr(B, 32, X86_RAX, X86_RCX), x86_bsf_rr(B, 64, X86_R9, X86_R10));
    CHECK("bsr edx, esi; bsr rax, r15", x86_bsr_rr(B, 32, X86_RDX, X86_RSI), x86_bsr_rr(B, 64, X86_RAX, X86_R15));
    CHECK_LEN("lzcnt eax, ecx", 4, x86_lzcnt_rr(B, 32, X86_RAX, X86_RCX));
    CHECK_LEN("lzcnt r8, rdx", 5, x86_lzcnt_rr(B, 64, X86_R8, X86_RDX));
    CHECK_LEN("tzcnt esi, r11d", 5, x86_tzcnt_rr(B, 32, X86_RSI, X86_R11));
    CHECK("tzcnt rcx, rcx", x86_tzcnt_rr(B, 64, X86_RCX, X86_RCX));
    CHECK("popcnt eax, edi; popcnt r12, r13; popcnt cx, dx", x86_popcnt_rr(B, 32, X86_RAX, X86_RDI),
          x86_popcnt_rr(B, 64, X86_R12, X86_R13), x86_popcnt_rr(B, 16, X86_RCX, X86_RDX));
    CHECK("lzcnt ax, bx", x86_lzcnt_rr(B, 16, X86_RAX, X86_RBX));
}

static void test_atomics(void)
{
    CHECK("xchg rcx, rax", x86_xchg_rr(B, 64, X86_RCX, X86_RAX));
    CHECK_LEN("xchg eax, eax", 2, x86_xchg_rr(B, 32, X86_RAX, X86_RAX));
    CHECK("xchg r8d, r9d", x86_xchg_rr(B, 32, X86_R8, X86_R9));
    CHECK("xchg qword ptr [rdi], rax", x86_xchg_mr(B, 64, x86_mem(X86_RDI, 0), X86_RAX));
    CHECK("xchg byte ptr [r14 + rsi], sil", x86_xchg_mr(B, 8, x86_mem_idx(X86_R14, X86_RSI, 1, 0), X86_RSI));
    CHECK_LEN("lock cmpxchg dword ptr [r14 + rsi], ecx", 6,
              x86_cmpxchg_mr(B, 32, x86_mem_idx(X86_R14, X86_RSI, 1, 0), X86_RCX, true));
    CHECK("lock cmpxchg qword ptr [rdi + 8], r10", x86_cmpxchg_mr(B, 64, x86_mem(X86_RDI, 8), X86_R10, true));
    CHECK("lock cmpxchg byte ptr [rdi], dl", x86_cmpxchg_mr(B, 8, x86_mem(X86_RDI, 0), X86_RDX, true));
    CHECK("lock cmpxchg word ptr [rdi], r8w", x86_cmpxchg_mr(B, 16, x86_mem(X86_RDI, 0), X86_R8, true));
    CHECK_LEN("cmpxchg dword ptr [rbx], esi", 3, x86_cmpxchg_mr(B, 32, x86_mem(X86_RBX, 0), X86_RSI, false));
    CHECK("lock xadd dword ptr [rax], ecx", x86_xadd_mr(B, 32, x86_mem(X86_RAX, 0), X86_RCX, true));
    CHECK("lock xadd qword ptr [r12], r13", x86_xadd_mr(B, 64, x86_mem(X86_R12, 0), X86_R13, true));
    CHECK("xadd byte ptr [rsi], bpl", x86_xadd_mr(B, 8, x86_mem(X86_RSI, 0), X86_RBP, false));
    CHECK_LEN("mfence", 3, x86_mfence(B));
}

static void test_conditions(void)
{
    for (int cc = 0; cc < 16; cc++) {
        char *exp;
        exp = g_strdup_printf("set%s al", cc_names[cc]);
        CHECK_LEN(exp, 3, x86_setcc(B, (X86Cond)cc, X86_RAX));
        g_free(exp);
        exp = g_strdup_printf("set%s dil", cc_names[cc]);
        CHECK_LEN(exp, 4, x86_setcc(B, (X86Cond)cc, X86_RDI));
        g_free(exp);
        exp = g_strdup_printf("set%s r12b", cc_names[cc]);
        CHECK_LEN(exp, 4, x86_setcc(B, (X86Cond)cc, X86_R12));
        g_free(exp);
        exp = g_strdup_printf("cmov%s rax, r9", cc_names[cc]);
        CHECK_LEN(exp, 4, x86_cmov_rr(B, (X86Cond)cc, 64, X86_RAX, X86_R9));
        g_free(exp);
        exp = g_strdup_printf("cmov%s ecx, edx", cc_names[cc]);
        CHECK_LEN(exp, 3, x86_cmov_rr(B, (X86Cond)cc, 32, X86_RCX, X86_RDX));
        g_free(exp);
        exp = g_strdup_printf("cmov%s r8d, dword ptr [rsp + 4]", cc_names[cc]);
        CHECK(exp, x86_cmov_rm(B, (X86Cond)cc, 32, X86_R8, x86_mem(X86_RSP, 4)));
        g_free(exp);
        /* Jumps: rel32 to the next instruction, and a short backward jump to 0. */
        exp = g_strdup_printf("j%s 6", cc_names[cc]);
        CHECK_LEN(exp, 6, x86_jcc_rel32(B, (X86Cond)cc));
        g_free(exp);
        exp = g_strdup_printf("nop; j%s 0", cc_names[cc]);
        CHECK_LEN(exp, 3, X86Label l; x86_label_init(&l); x86_label_bind(B, &l); x86_nop(B, 1);
                  x86_jcc_label(B, (X86Cond)cc, &l));
        g_free(exp);
        /* Inversion pairs each condition with its opposite. */
        g_assert_cmpint(x86_cc_invert(x86_cc_invert((X86Cond)cc)), ==, cc);
        g_assert_cmpint(x86_cc_invert((X86Cond)cc), ==, cc ^ 1);
    }
    g_assert_cmpint(x86_cc_invert(X86_CC_E), ==, X86_CC_NE);
    g_assert_cmpint(x86_cc_invert(X86_CC_L), ==, X86_CC_GE);
    g_assert_cmpint(x86_cc_invert(X86_CC_A), ==, X86_CC_BE);
    CHECK("cmovge ax, cx", x86_cmov_rr(B, X86_CC_GE, 16, X86_RAX, X86_RCX));
}

/* ---- Control flow --------------------------------------------------------------- */

static void test_labels(void)
{
    /* Forward jumps (three to one label, through the chain) and short forward ones. */
    CHECK("je 0x18; jmp 0x18; jne 0x18; jb 0x18; nop; nop; jmp 0x18",
          X86Label l; x86_label_init(&l);
          x86_jcc_label(B, X86_CC_E, &l);           /* 0: 6 bytes */
          x86_jmp_label(B, &l);                     /* 6: 5 bytes */
          x86_jcc_label(B, X86_CC_NE, &l);          /* 11: 6 bytes */
          x86_jcc_label_short(B, X86_CC_B, &l);     /* 17: 2 bytes */
          x86_nop(B, 1); x86_nop(B, 2);             /* 19, 20 */
          x86_jmp_label_short(B, &l);               /* 22: 2 bytes */
          x86_label_bind(B, &l);                    /* 24 */
          g_assert_cmpint(l.offset, ==, 24); g_assert_cmpint(l.chain, ==, -1));
    /* Backward: rel8 while it reaches, rel32 beyond. */
    CHECK_LEN("jmp 0; jg 0", 4, X86Label l; x86_label_init(&l); x86_label_bind(B, &l);
              x86_jmp_label(B, &l); x86_jcc_label(B, X86_CC_G, &l));
    {
        uint8_t mem[512];
        X86Buf b;
        x86_buf_init(&b, mem, sizeof mem);
        X86Label top;
        x86_label_init(&top);
        x86_label_bind(&b, &top);
        x86_nop(&b, 126);
        x86_jmp_label(&b, &top);       /* at 126: rel8 = -128, still short */
        g_assert_cmpuint(x86_buf_offset(&b), ==, 128);
        x86_jcc_label(&b, X86_CC_NE, &top);  /* at 128: rel8 would be -130 */
        g_assert_cmpuint(x86_buf_offset(&b), ==, 134);
        x86_jmp_label(&b, &top);
        g_assert_cmpuint(x86_buf_offset(&b), ==, 139);
        char *text = disasm(mem + 126, 13);
        /* Disassembled from offset 0 = address 126: the targets are -126. */
        g_assert_cmpstr(text, ==, "jmp 0xffffffffffffff82; jne 0xffffffffffffff82; jmp 0xffffffffffffff82");
        g_free(text);
        cs_insn *insn;
        size_t n = cs_disasm(cs, mem, 139, 0, 0, &insn);
        g_assert_cmpstr(insn[n - 1].mnemonic, ==, "jmp");
        g_assert_cmpstr(insn[n - 1].op_str, ==, "0");
        g_assert_cmpstr(insn[n - 2].op_str, ==, "0");
        g_assert_cmpstr(insn[n - 3].op_str, ==, "0");
        cs_free(insn, n);
        nb_checks++;
    }
    /* A far forward jump over 300 bytes. */
    {
        uint8_t mem[512];
        X86Buf b;
        x86_buf_init(&b, mem, sizeof mem);
        X86Label l;
        x86_label_init(&l);
        x86_jcc_label(&b, X86_CC_LE, &l);
        x86_nop(&b, 300);
        x86_label_bind(&b, &l);
        x86_ret(&b);
        cs_insn *insn;
        size_t n = cs_disasm(cs, mem, x86_buf_offset(&b), 0, 1, &insn);
        g_assert_cmpuint(n, ==, 1);
        g_assert_cmpstr(insn[0].op_str, ==, "0x132");
        cs_free(insn, n);
        nb_checks++;
    }
}

static void test_patch(void)
{
    /* Patchable jumps start pointing at the next instruction; patching retargets them. */
    CHECK("jmp 0x40; jae 0x20",
          int32_t j = x86_jmp_rel32(B); int32_t c = x86_jcc_rel32(B, X86_CC_AE);
          g_assert_cmpint(j, ==, 1); g_assert_cmpint(c, ==, 7);
          x86_patch_rel32(B->start + j, B->start + 0x40);
          x86_patch_rel32(B->start + c, B->start + 0x20));
    /* Aligned: the displacement lands on a 4-byte boundary whatever the start. */
    for (unsigned skew = 0; skew < 8; skew++) {
        uint8_t mem[64] __attribute__((aligned(16)));
        X86Buf b;
        x86_buf_init(&b, mem, sizeof mem);
        x86_nop(&b, skew);
        int32_t f = x86_jmp_rel32_aligned(&b);
        g_assert_cmpint(f % 4, ==, 0);
        g_assert_cmpint(f, >=, (int)skew + 1);
        g_assert_cmpint(f, <=, (int)skew + 4);
        x86_patch_rel32(mem + f, mem);
        cs_insn *insn;
        size_t n = cs_disasm(cs, mem, x86_buf_offset(&b), 0, 0, &insn);
        g_assert_cmpuint(n, >=, 1);
        g_assert_cmpstr(insn[n - 1].mnemonic, ==, "jmp");
        g_assert_cmpstr(insn[n - 1].op_str, ==, "0");
        g_assert_cmpuint(insn[n - 1].address + insn[n - 1].size, ==, x86_buf_offset(&b));
        cs_free(insn, n);
        nb_checks++;
    }
    /* Direct calls and jumps into the same buffer; far calls through a register. */
    CHECK("call 0x20; jmp 0", g_assert_true(x86_call_ptr(B, B->start + 0x20));
          g_assert_true(x86_jmp_ptr(B, B->start)));
    {
        uint8_t mem[64];
        X86Buf b;
        x86_buf_init(&b, mem, sizeof mem);
        const void *far = (const void *)(uintptr_t)((uintptr_t)mem ^ 0x4000000000000000ull);
        g_assert_false(x86_call_ptr(&b, far));
        g_assert_false(x86_jmp_ptr(&b, far));
        g_assert_cmpuint(x86_buf_offset(&b), ==, 0);
        x86_call_far(&b, far, X86_R11);
        char *text = disasm(mem, x86_buf_offset(&b));
        char *exp = g_strdup_printf("movabs r11, 0x%" G_GINT64_MODIFIER "x; call r11", (uint64_t)(uintptr_t)far);
        g_assert_cmpstr(text, ==, exp);
        g_free(text);
        g_free(exp);
        x86_buf_init(&b, mem, sizeof mem);
        x86_call_far(&b, mem + 0x10, X86_R11);
        text = disasm(mem, x86_buf_offset(&b));
        g_assert_cmpstr(text, ==, "call 0x10");
        g_free(text);
        nb_checks += 2;
    }
    CHECK_LEN("call rax", 2, x86_call_r(B, X86_RAX));
    CHECK_LEN("call r11", 3, x86_call_r(B, X86_R11));
    CHECK("call qword ptr [rbx + 0x18]", x86_call_m(B, x86_mem(X86_RBX, 0x18)));
    CHECK("call qword ptr [r12 + rax*8 + 0x100]", x86_call_m(B, x86_mem_idx(X86_R12, X86_RAX, 8, 0x100)));
    CHECK_LEN("jmp rcx", 2, x86_jmp_r(B, X86_RCX));
    CHECK_LEN("jmp r15", 3, x86_jmp_r(B, X86_R15));
    CHECK("jmp qword ptr [rip + 0x100]", x86_jmp_m(B, x86_mem_rip_disp(0x100)));
    CHECK("jmp qword ptr [r13 + rcx*8]", x86_jmp_m(B, x86_mem_idx(X86_R13, X86_RCX, 8, 0)));
    CHECK_LEN("ret", 1, x86_ret(B));
    for (int r = 0; r < 16; r++) {
        char *exp = g_strdup_printf("push %s; pop %s", r64[r], r64[r]);
        CHECK_LEN(exp, r >= 8 ? 4 : 2, x86_push_r(B, (X86Reg)r), x86_pop_r(B, (X86Reg)r));
        g_free(exp);
    }
}

static void test_filler(void)
{
    /* Every NOP length decodes as exactly one instruction up to 9 bytes. */
    for (unsigned n = 1; n <= 9; n++) {
        uint8_t mem[16];
        X86Buf b;
        x86_buf_init(&b, mem, sizeof mem);
        x86_nop(&b, n);
        g_assert_cmpuint(x86_buf_offset(&b), ==, n);
        cs_insn *insn;
        size_t k = cs_disasm(cs, mem, n, 0, 0, &insn);
        g_assert_cmpuint(k, ==, 1);
        g_assert_cmpuint(insn[0].size, ==, n);
        g_assert_cmpstr(insn[0].mnemonic, ==, "nop");
        cs_free(insn, k);
        nb_checks++;
    }
    CHECK_LEN("nop", 1, x86_nop(B, 1));
    CHECK_LEN("nop dword ptr [rax]", 3, x86_nop(B, 3));
    CHECK_LEN("nop dword ptr [rax + rax]", 5, x86_nop(B, 5));
    CHECK_LEN("nop word ptr [rax + rax]", 6, x86_nop(B, 6));
    CHECK_LEN("nop word ptr [rax + rax]; nop dword ptr [rax]", 13, x86_nop(B, 13));
    CHECK_LEN("", 0, x86_nop(B, 0));
    CHECK_LEN("ud2", 2, x86_ud2(B));
    CHECK_LEN("int3", 1, x86_int3(B));
    for (unsigned skew = 0; skew < 16; skew++) {
        uint8_t mem[64] __attribute__((aligned(16)));
        X86Buf b;
        x86_buf_init(&b, mem, sizeof mem);
        x86_nop(&b, skew);
        x86_align(&b, 16);
        g_assert_cmpuint(x86_buf_offset(&b), ==, skew ? 16 : 0);
        x86_align(&b, 16);
        g_assert_cmpuint(x86_buf_offset(&b), ==, skew ? 16 : 0);
        char *text = disasm(mem, x86_buf_offset(&b));
        g_assert_null(strstr(text, "(bad)"));
        g_free(text);
        nb_checks++;
    }
}

/* ---- SSE ------------------------------------------------------------------------ */

static void test_sse(void)
{
    CHECK_LEN("movd xmm0, eax", 4, x86_movd_xr(B, 32, X86_XMM0, X86_RAX));
    CHECK_LEN("movd xmm9, r10d", 5, x86_movd_xr(B, 32, X86_XMM9, X86_R10));
    CHECK_LEN("movq xmm1, rdx", 5, x86_movd_xr(B, 64, X86_XMM1, X86_RDX));
    CHECK("movq xmm15, r15", x86_movd_xr(B, 64, X86_XMM15, X86_R15));
    CHECK("movd ecx, xmm2", x86_movd_rx(B, 32, X86_RCX, X86_XMM2));
    CHECK("movd r8d, xmm10", x86_movd_rx(B, 32, X86_R8, X86_XMM10));
    CHECK("movq rax, xmm3", x86_movd_rx(B, 64, X86_RAX, X86_XMM3));
    CHECK("movq xmm4, xmm12", x86_movq_xx(B, X86_XMM4, X86_XMM12));
    CHECK("movss xmm0, dword ptr [rdi + 4]", x86_movss_xm(B, X86_XMM0, x86_mem(X86_RDI, 4)));
    CHECK("movss xmm8, dword ptr [r13]", x86_movss_xm(B, X86_XMM8, x86_mem(X86_R13, 0)));
    CHECK("movss dword ptr [rsp + 8], xmm1", x86_movss_mx(B, x86_mem(X86_RSP, 8), X86_XMM1));
    CHECK("movss xmm2, xmm11", x86_movss_xx(B, X86_XMM2, X86_XMM11));
    CHECK("movsd xmm3, qword ptr [rbp + 0x100]", x86_movsd_xm(B, X86_XMM3, x86_mem(X86_RBP, 0x100)));
    CHECK("movsd qword ptr [r12 + rcx*8], xmm14", x86_movsd_mx(B, x86_mem_idx(X86_R12, X86_RCX, 8, 0), X86_XMM14));
    CHECK("movsd xmm5, xmm6", x86_movsd_xx(B, X86_XMM5, X86_XMM6));
    CHECK_LEN("movaps xmm7, xmm13", 4, x86_movaps_xx(B, X86_XMM7, X86_XMM13));
    CHECK_LEN("movaps xmm1, xmm2", 3, x86_movaps_xx(B, X86_XMM1, X86_XMM2));

    static const char *const names[X86_SSE_OP_COUNT] = {
        "addss", "addsd", "subss", "subsd", "mulss", "mulsd", "divss", "divsd",
        "sqrtss", "sqrtsd", "minss", "minsd", "maxss", "maxsd",
        "ucomiss", "ucomisd", "comiss", "comisd", "cvtss2sd", "cvtsd2ss",
        "andps", "andpd", "andnps", "andnpd", "orps", "orpd", "xorps", "xorpd",
        "pand", "pandn", "por", "pxor",
    };
    /* Scalar ops read a dword or qword from memory, packed ones an xmmword. capstone 4
     * calls the comiss/comisd operand xmmword (objdump: DWORD/QWORD); same bytes. */
    static const char *const msize[X86_SSE_OP_COUNT] = {
        "dword", "qword", "dword", "qword", "dword", "qword", "dword", "qword",
        "dword", "qword", "dword", "qword", "dword", "qword",
        "dword", "qword", "xmmword", "xmmword", "dword", "qword",
        "xmmword", "xmmword", "xmmword", "xmmword", "xmmword", "xmmword", "xmmword", "xmmword",
        "xmmword", "xmmword", "xmmword", "xmmword",
    };
    for (int op = 0; op < X86_SSE_OP_COUNT; op++) {
        char *exp = g_strdup_printf("%s xmm1, xmm2", names[op]);
        CHECK(exp, x86_sse_xx(B, (X86SseOp)op, X86_XMM1, X86_XMM2));
        g_free(exp);
        exp = g_strdup_printf("%s xmm9, xmm0", names[op]);
        CHECK(exp, x86_sse_xx(B, (X86SseOp)op, X86_XMM9, X86_XMM0));
        g_free(exp);
        exp = g_strdup_printf("%s xmm3, xmm15", names[op]);
        CHECK(exp, x86_sse_xx(B, (X86SseOp)op, X86_XMM3, X86_XMM15));
        g_free(exp);
        exp = g_strdup_printf("%s xmm12, %s ptr [r13 + rax*4 + 0x10]", names[op], msize[op]);
        CHECK(exp, x86_sse_xm(B, (X86SseOp)op, X86_XMM12, x86_mem_idx(X86_R13, X86_RAX, 4, 0x10)));
        g_free(exp);
    }
    /* AVX forms: 2-byte VEX (C5) while only R is needed, 3-byte (C4) for B/X. */
    for (int op = 0; op < X86_SSE_OP_COUNT; op++) {
        if (op == X86_UCOMISS || op == X86_UCOMISD || op == X86_COMISS || op == X86_COMISD) {
            continue;
        }
        char *exp = g_strdup_printf("v%s xmm1, xmm2, xmm3", names[op]);
        CHECK_LEN(exp, 4, x86_avx_xxx(B, (X86SseOp)op, X86_XMM1, X86_XMM2, X86_XMM3));
        g_free(exp);
        exp = g_strdup_printf("v%s xmm9, xmm15, xmm0", names[op]);
        CHECK_LEN(exp, 4, x86_avx_xxx(B, (X86SseOp)op, X86_XMM9, X86_XMM15, X86_XMM0));
        g_free(exp);
        exp = g_strdup_printf("v%s xmm0, xmm1, xmm8", names[op]);
        CHECK_LEN(exp, 5, x86_avx_xxx(B, (X86SseOp)op, X86_XMM0, X86_XMM1, X86_XMM8));
        g_free(exp);
        exp = g_strdup_printf("v%s xmm4, xmm5, %s ptr [rdi + r9*8 - 8]", names[op], msize[op]);
        CHECK_LEN(exp, 7, x86_avx_xxm(B, (X86SseOp)op, X86_XMM4, X86_XMM5, x86_mem_idx(X86_RDI, X86_R9, 8, -8)));
        g_free(exp);
        exp = g_strdup_printf("v%s xmm14, xmm6, %s ptr [rsp + 0x20]", names[op], msize[op]);
        CHECK_LEN(exp, 6, x86_avx_xxm(B, (X86SseOp)op, X86_XMM14, X86_XMM6, x86_mem(X86_RSP, 0x20)));
        g_free(exp);
    }
    CHECK("cvtsi2ss xmm0, eax", x86_cvtsi2ss(B, 32, X86_XMM0, X86_RAX));
    CHECK("cvtsi2ss xmm10, r9", x86_cvtsi2ss(B, 64, X86_XMM10, X86_R9));
    CHECK("cvtsi2sd xmm1, ecx", x86_cvtsi2sd(B, 32, X86_XMM1, X86_RCX));
    CHECK("cvtsi2sd xmm2, rdx", x86_cvtsi2sd(B, 64, X86_XMM2, X86_RDX));
    CHECK("cvttss2si eax, xmm3", x86_cvttss2si(B, 32, X86_RAX, X86_XMM3));
    CHECK("cvttss2si r12, xmm4", x86_cvttss2si(B, 64, X86_R12, X86_XMM4));
    CHECK("cvttsd2si esi, xmm11", x86_cvttsd2si(B, 32, X86_RSI, X86_XMM11));
    CHECK("cvttsd2si rax, xmm5", x86_cvttsd2si(B, 64, X86_RAX, X86_XMM5));
    CHECK("cvtss2si ecx, xmm6", x86_cvtss2si(B, 32, X86_RCX, X86_XMM6));
    CHECK("cvtsd2si r8, xmm7", x86_cvtsd2si(B, 64, X86_R8, X86_XMM7));
    CHECK_LEN("roundss xmm0, xmm1, 3", 6, x86_roundss(B, X86_XMM0, X86_XMM1, 3));
    CHECK_LEN("roundsd xmm8, xmm15, 0xc", 7, x86_roundsd(B, X86_XMM8, X86_XMM15, 12));
    CHECK("cmpunordss xmm0, xmm1", x86_cmpss(B, X86_XMM0, X86_XMM1, 3));
    CHECK("cmpeqsd xmm2, xmm9", x86_cmpsd(B, X86_XMM2, X86_XMM9, 0));
    CHECK("cmpneqsd xmm2, xmm3", x86_cmpsd(B, X86_XMM2, X86_XMM3, 4));
    CHECK("ldmxcsr dword ptr [rsp - 4]", x86_ldmxcsr(B, x86_mem(X86_RSP, -4)));
    CHECK("stmxcsr dword ptr [r14 + 0x40]", x86_stmxcsr(B, x86_mem(X86_R14, 0x40)));

    /* FMA3, 3-byte VEX: R, B and vvvv inverted, W selects the double form. */
    CHECK_LEN("vfmadd231ss xmm0, xmm1, xmm2", 5, x86_fma_xxx(B, X86_VFMADD231SS, X86_XMM0, X86_XMM1, X86_XMM2));
    CHECK_LEN("vfmadd231sd xmm8, xmm9, xmm10", 5, x86_fma_xxx(B, X86_VFMADD231SD, X86_XMM8, X86_XMM9, X86_XMM10));
    CHECK("vfmadd231sd xmm3, xmm15, xmm4", x86_fma_xxx(B, X86_VFMADD231SD, X86_XMM3, X86_XMM15, X86_XMM4));
    CHECK("vfmadd231ss xmm5, xmm6, xmm12", x86_fma_xxx(B, X86_VFMADD231SS, X86_XMM5, X86_XMM6, X86_XMM12));
    CHECK("vfmsub231ss xmm1, xmm2, xmm3", x86_fma_xxx(B, X86_VFMSUB231SS, X86_XMM1, X86_XMM2, X86_XMM3));
    CHECK("vfmsub231sd xmm1, xmm2, xmm3", x86_fma_xxx(B, X86_VFMSUB231SD, X86_XMM1, X86_XMM2, X86_XMM3));
    CHECK("vfnmadd231ss xmm1, xmm2, xmm3", x86_fma_xxx(B, X86_VFNMADD231SS, X86_XMM1, X86_XMM2, X86_XMM3));
    CHECK("vfnmadd231sd xmm1, xmm2, xmm3", x86_fma_xxx(B, X86_VFNMADD231SD, X86_XMM1, X86_XMM2, X86_XMM3));
    CHECK("vfnmsub231ss xmm1, xmm2, xmm3", x86_fma_xxx(B, X86_VFNMSUB231SS, X86_XMM1, X86_XMM2, X86_XMM3));
    CHECK("vfnmsub231sd xmm14, xmm13, xmm11", x86_fma_xxx(B, X86_VFNMSUB231SD, X86_XMM14, X86_XMM13, X86_XMM11));
    CHECK_LEN("vfmadd231sd xmm0, xmm1, qword ptr [rdi + 8]", 6,
              x86_fma_xxm(B, X86_VFMADD231SD, X86_XMM0, X86_XMM1, x86_mem(X86_RDI, 8)));
    CHECK("vfnmadd231ss xmm10, xmm11, dword ptr [r12 + r13*4]",
          x86_fma_xxm(B, X86_VFNMADD231SS, X86_XMM10, X86_XMM11, x86_mem_idx(X86_R12, X86_R13, 4, 0)));
}

/* ---- Buffer overflow ------------------------------------------------------------ */

static void test_overflow(void)
{
    /* A tiny buffer inside a larger guarded array. */
    for (unsigned size = 0; size < 12; size++) {
        uint8_t mem[32];
        memset(mem, 0xAA, sizeof mem);
        X86Buf b;
        x86_buf_init(&b, mem, size);
        x86_mov_ri(&b, 64, X86_RAX, 0x123456789ull);   /* 10 bytes */
        g_assert_cmpint(x86_buf_finish(&b), ==, size >= 10);
        X86Label l;
        x86_label_init(&l);
        x86_jcc_label(&b, X86_CC_E, &l);
        x86_jcc_label_short(&b, X86_CC_E, &l);
        x86_mov_rm(&b, 64, X86_R13, x86_mem_idx(X86_R12, X86_R13, 8, 0x12345678));
        int32_t f = x86_jmp_rel32(&b);
        x86_sse_xx(&b, X86_ADDSD, X86_XMM0, X86_XMM1);
        x86_nop(&b, 40);
        x86_label_bind(&b, &l);
        g_assert_false(x86_buf_finish(&b));
        g_assert_true(b.overflow);
        g_assert_cmpint(f, ==, -1);
        g_assert_cmpuint(x86_buf_offset(&b), ==, size);
        for (unsigned i = size; i < sizeof mem; i++) {
            g_assert_cmpuint(mem[i], ==, 0xAA);
        }
        nb_checks++;
    }
    /* A buffer that ends at a PROT_NONE page: a stray write would crash. */
    long page = sysconf(_SC_PAGESIZE);
    uint8_t *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_true(p != MAP_FAILED);
    g_assert_cmpint(mprotect(p + page, page, PROT_NONE), ==, 0);
    X86Buf b;
    x86_buf_init(&b, p + page - 5, 5);
    for (int i = 0; i < 100; i++) {
        x86_alu_mi(&b, X86_ADD, 64, x86_mem(X86_R12, 0x1000), 0x10000);
        x86_movbe_mr(&b, 64, x86_mem(X86_RSP, 0x200), X86_R9);
    }
    g_assert_false(x86_buf_finish(&b));
    g_assert_true(b.ptr == b.end);
    munmap(p, 2 * page);
    nb_checks++;
    /* Filling exactly to the end is not an overflow. */
    uint8_t mem[4];
    x86_buf_init(&b, mem, sizeof mem);
    x86_alu_ri(&b, X86_ADD, 64, X86_RCX, 1);
    g_assert_true(x86_buf_finish(&b));
    g_assert_true(b.ptr == b.end);
    x86_ret(&b);
    g_assert_false(x86_buf_finish(&b));
    nb_checks++;
}

/* ---- Execution ------------------------------------------------------------------ */

static uint8_t *exec_page;
static size_t exec_size = 16384;

static X86Buf exec_buf(void)
{
    X86Buf b;
    x86_buf_init(&b, exec_page, exec_size);
    return b;
}

static uint64_t helper_mix(uint64_t a, uint64_t b)
{
    return a * 31 + b;
}

static void test_exec(void)
{
    exec_page = mmap(NULL, exec_size, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_true(exec_page != MAP_FAILED);
    X86Buf b;
    unsigned feat = x86_cpu_features();

    /* a * b + c */
    b = exec_buf();
    x86_mov_rr(&b, 64, X86_RAX, X86_RDI);
    x86_imul_rr(&b, 64, X86_RAX, X86_RSI);
    x86_add_rr(&b, 64, X86_RAX, X86_RDX);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    uint64_t (*madd)(uint64_t, uint64_t, uint64_t) = (void *)exec_page;
    g_assert_cmpuint(madd(6, 7, 8), ==, 50);
    g_assert_cmpuint(madd(-3, 5, 1), ==, (uint64_t)-14);
    g_assert_cmpuint(madd(1ull << 40, 3, 0x10000), ==, (3ull << 40) + 0x10000);

    /* sum of 1..n with a forward exit label and a backward loop label */
    b = exec_buf();
    X86Label top, done;
    x86_label_init(&top);
    x86_label_init(&done);
    x86_zero_r(&b, X86_RAX);
    x86_label_bind(&b, &top);
    x86_test_rr(&b, 64, X86_RDI, X86_RDI);
    x86_jcc_label(&b, X86_CC_E, &done);
    x86_add_rr(&b, 64, X86_RAX, X86_RDI);
    x86_dec_r(&b, 64, X86_RDI);
    x86_jmp_label(&b, &top);
    x86_label_bind(&b, &done);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    uint64_t (*sum)(uint64_t) = (void *)exec_page;
    g_assert_cmpuint(sum(0), ==, 0);
    g_assert_cmpuint(sum(10), ==, 55);
    g_assert_cmpuint(sum(100000), ==, 5000050000ull);

    /* Array sum with scaled index, 64-bit division, setcc/cmov, calls out to C. */
    b = exec_buf();
    x86_push_r(&b, X86_RBX);                  /* also aligns the stack for the call */
    x86_mov_rr(&b, 64, X86_RBX, X86_RDI);     /* array */
    x86_zero_r(&b, X86_RAX);
    x86_zero_r(&b, X86_RCX);
    X86Label loop, out;
    x86_label_init(&loop);
    x86_label_init(&out);
    x86_label_bind(&b, &loop);
    x86_cmp_rr(&b, 64, X86_RCX, X86_RSI);
    x86_jcc_label_short(&b, X86_CC_AE, &out);
    x86_alu_rm(&b, X86_ADD, 64, X86_RAX, x86_mem_idx(X86_RBX, X86_RCX, 8, 0));
    x86_inc_r(&b, 64, X86_RCX);
    x86_jmp_label(&b, &loop);
    x86_label_bind(&b, &out);
    /* rax = helper_mix(sum, 5) */
    x86_mov_rr(&b, 64, X86_RDI, X86_RAX);
    x86_mov_ri(&b, 32, X86_RSI, 5);
    x86_call_far(&b, (const void *)helper_mix, X86_R11);
    x86_pop_r(&b, X86_RBX);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    uint64_t (*arr)(const uint64_t *, uint64_t) = (void *)exec_page;
    uint64_t data[5] = { 1, 2, 3, 4, 1000 };
    g_assert_cmpuint(arr(data, 5), ==, 1010 * 31 + 5);
    g_assert_cmpuint(arr(data, 0), ==, 5);

    /* signed divmod: returns q * 1000 + r, and max(a, b) via cmov, and a < b via setcc */
    b = exec_buf();
    x86_mov_rr(&b, 64, X86_RAX, X86_RDI);
    x86_mov_rr(&b, 64, X86_RCX, X86_RSI);
    x86_cqo(&b);
    x86_idiv_r(&b, 64, X86_RCX);
    x86_imul_rri(&b, 64, X86_RAX, X86_RAX, 1000);
    x86_add_rr(&b, 64, X86_RAX, X86_RDX);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    int64_t (*divmod)(int64_t, int64_t) = (void *)exec_page;
    g_assert_cmpint(divmod(47, 5), ==, 9 * 1000 + 2);
    g_assert_cmpint(divmod(-47, 5), ==, -9 * 1000 - 2);

    b = exec_buf();
    x86_zero_r(&b, X86_RAX);
    x86_mov_rr(&b, 32, X86_RDX, X86_RDI);
    x86_cmp_rr(&b, 32, X86_RDI, X86_RSI);
    x86_setcc(&b, X86_CC_L, X86_RAX);
    x86_cmov_rr(&b, X86_CC_L, 32, X86_RDX, X86_RSI);  /* max */
    x86_shift_ri(&b, X86_SHL, 32, X86_RAX, 8);
    x86_movzx_rr(&b, 32, 8, X86_RDX, X86_RDX);
    x86_alu_rr(&b, X86_OR, 32, X86_RAX, X86_RDX);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    uint32_t (*cmpmax)(int32_t, int32_t) = (void *)exec_page;
    g_assert_cmpuint(cmpmax(3, 9), ==, 0x109);
    g_assert_cmpuint(cmpmax(-1, 9), ==, 0x109);
    g_assert_cmpuint(cmpmax(20, 9), ==, 20);

    /* Byte swaps and an atomic compare-and-swap on memory. */
    b = exec_buf();
    x86_mov_rm(&b, 32, X86_RAX, x86_mem(X86_RDI, 0));
    x86_bswap(&b, 32, X86_RAX);
    x86_mov_rr(&b, 32, X86_RCX, X86_RAX);
    x86_alu_ri(&b, X86_ADD, 32, X86_RCX, 1);
    x86_cmpxchg_mr(&b, 32, x86_mem(X86_RDI, 0), X86_RCX, true);  /* fails: rax is swapped */
    x86_setcc(&b, X86_CC_E, X86_RDX);
    x86_movzx_rr(&b, 32, 8, X86_RDX, X86_RDX);
    x86_mov_rm(&b, 32, X86_RAX, x86_mem(X86_RDI, 0));
    x86_lea(&b, 32, X86_RCX, x86_mem(X86_RAX, 1));
    x86_cmpxchg_mr(&b, 32, x86_mem(X86_RDI, 0), X86_RCX, true);  /* succeeds */
    x86_setcc(&b, X86_CC_E, X86_RAX);
    x86_movzx_rr(&b, 32, 8, X86_RAX, X86_RAX);
    x86_shift_ri(&b, X86_SHL, 32, X86_RAX, 1);
    x86_alu_rr(&b, X86_OR, 32, X86_RAX, X86_RDX);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    uint32_t (*cas)(uint32_t *) = (void *)exec_page;
    uint32_t word = 0x11223344;
    g_assert_cmpuint(cas(&word), ==, 2);
    g_assert_cmpuint(word, ==, 0x11223345);

    if (feat & X86_FEAT_MOVBE) {
        b = exec_buf();
        x86_movbe_rm(&b, 32, X86_RAX, x86_mem(X86_RDI, 0));
        x86_movbe_mr(&b, 16, x86_mem(X86_RDI, 4), X86_RAX);
        x86_ret(&b);
        g_assert_true(x86_buf_finish(&b));
        uint32_t (*be)(uint8_t *) = (void *)exec_page;
        uint8_t bytes[8] = { 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0 };
        g_assert_cmphex(be(bytes), ==, 0x12345678);
        g_assert_cmphex(bytes[4], ==, 0x56);
        g_assert_cmphex(bytes[5], ==, 0x78);
    }
    if ((feat & X86_FEAT_LZCNT) && (feat & X86_FEAT_POPCNT)) {
        b = exec_buf();
        x86_lzcnt_rr(&b, 32, X86_RAX, X86_RDI);
        x86_popcnt_rr(&b, 32, X86_RCX, X86_RDI);
        x86_shift_ri(&b, X86_SHL, 32, X86_RCX, 8);
        x86_alu_rr(&b, X86_OR, 32, X86_RAX, X86_RCX);
        x86_ret(&b);
        g_assert_true(x86_buf_finish(&b));
        uint32_t (*bits)(uint32_t) = (void *)exec_page;
        g_assert_cmphex(bits(0), ==, 32);
        g_assert_cmphex(bits(0xF0), ==, 0x400 | 24);
    }

    /* Floating point: sqrt(a*a + b*b) in double, converted to int and back. */
    b = exec_buf();
    x86_sse_xx(&b, X86_MULSD, X86_XMM0, X86_XMM0);
    x86_movaps_xx(&b, X86_XMM2, X86_XMM1);
    x86_sse_xx(&b, X86_MULSD, X86_XMM2, X86_XMM1);
    x86_sse_xx(&b, X86_ADDSD, X86_XMM0, X86_XMM2);
    x86_sse_xx(&b, X86_SQRTSD, X86_XMM0, X86_XMM0);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    double (*hyp)(double, double) = (void *)exec_page;
    g_assert_cmpfloat(hyp(3.0, 4.0), ==, 5.0);

    b = exec_buf();
    x86_cvttsd2si(&b, 64, X86_RAX, X86_XMM0);       /* truncate */
    x86_cvtsi2ss(&b, 32, X86_XMM1, X86_RAX);        /* back to single */
    x86_sse_xx(&b, X86_CVTSS2SD, X86_XMM1, X86_XMM1);
    x86_sse_xx(&b, X86_SUBSD, X86_XMM0, X86_XMM1);  /* fractional part */
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    double (*frac)(double) = (void *)exec_page;
    g_assert_cmpfloat(frac(7.25), ==, 0.25);
    g_assert_cmpfloat(frac(-2.5), ==, -0.5);

    if (feat & X86_FEAT_SSE41) {
        b = exec_buf();
        x86_roundsd(&b, X86_XMM0, X86_XMM0, 1);     /* floor */
        x86_ret(&b);
        g_assert_true(x86_buf_finish(&b));
        double (*flr)(double) = (void *)exec_page;
        g_assert_cmpfloat(flr(-2.5), ==, -3.0);
        g_assert_cmpfloat(flr(2.5), ==, 2.0);
    }
    if (feat & X86_FEAT_AVX) {
        /* (a - b) / b without touching the inputs, three-operand. */
        b = exec_buf();
        x86_avx_xxx(&b, X86_SUBSD, X86_XMM9, X86_XMM0, X86_XMM1);
        x86_avx_xxx(&b, X86_DIVSD, X86_XMM0, X86_XMM9, X86_XMM1);
        x86_ret(&b);
        g_assert_true(x86_buf_finish(&b));
        double (*rel)(double, double) = (void *)exec_page;
        g_assert_cmpfloat(rel(6.0, 4.0), ==, 0.5);
    }
    if (feat & X86_FEAT_FMA) {
        /* xmm2 += xmm0 * xmm1 with one rounding: a*b+c with c = -(a*b rounded) gives
         * the rounding error, which is non-zero for these inputs. */
        b = exec_buf();
        x86_fma_xxx(&b, X86_VFMADD231SD, X86_XMM2, X86_XMM0, X86_XMM1);
        x86_movaps_xx(&b, X86_XMM0, X86_XMM2);
        x86_ret(&b);
        g_assert_true(x86_buf_finish(&b));
        double (*fma3)(double, double, double) = (void *)exec_page;
        double a = 1.0 + 0x1p-30, c = -(a * a);
        g_assert_cmpfloat(fma3(a, a, c), ==, fma(a, a, c));
        g_assert_cmpfloat(fma3(a, a, c), !=, 0.0);
        g_assert_cmpfloat(fma3(2.0, 3.0, 1.0), ==, 7.0);
    }
    /* MXCSR round trip: store, load back. */
    b = exec_buf();
    x86_stmxcsr(&b, x86_mem(X86_RSP, -4));
    x86_ldmxcsr(&b, x86_mem(X86_RSP, -4));
    x86_mov_rm(&b, 32, X86_RAX, x86_mem(X86_RSP, -4));
    x86_mfence(&b);
    x86_ret(&b);
    g_assert_true(x86_buf_finish(&b));
    uint32_t (*mxcsr)(void) = (void *)exec_page;
    g_assert_cmphex(mxcsr() & 0x7f80, ==, 0x1f80);   /* all exceptions masked */

    munmap(exec_page, exec_size);
    nb_checks += 12;
}

/* Packed-integer SSE: every op's encoding, low and high registers, and the VEX form. */
static void test_packed(void)
{
    static const char *const names[X86_PACKED_OP_COUNT] = {
        "paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq",
        "paddsb", "paddsw", "paddusb", "paddusw", "psubsb", "psubsw", "psubusb", "psubusw",
        "pmullw", "pmulhw", "pmulhuw", "pmuludq",
        "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd",
        "pmaxub", "pminub", "pmaxsw", "pminsw", "pavgb", "pavgw",
        "punpcklbw", "punpcklwd", "punpckldq", "punpcklqdq",
        "punpckhbw", "punpckhwd", "punpckhdq", "punpckhqdq",
        "packsswb", "packuswb", "packssdw", "pand", "pandn", "por", "pxor",
        "addps", "subps", "mulps", "minps", "maxps",
        "pshufb", "pabsb", "pabsw", "pabsd",
        "pmulld", "pmuldq", "pmaxsb", "pmaxsd", "pmaxuw", "pmaxud",
        "pminsb", "pminsd", "pminuw", "pminud", "pcmpeqq", "packusdw", "ptest",
        "pmovsxbw", "pmovsxwd", "pmovsxdq", "pmovzxbw", "pmovzxwd", "pmovzxdq",
        "cvtdq2ps", "cvttps2dq",
    };
    for (unsigned op = 0; op < X86_PACKED_OP_COUNT; op++) {
        char *want = g_strdup_printf("%s xmm1, xmm2", names[op]);
        CHECK(want, x86_packed_xx(B, (X86PackedOp)op, X86_XMM1, X86_XMM2));
        g_free(want);
        want = g_strdup_printf("%s xmm9, xmm14", names[op]);
        CHECK(want, x86_packed_xx(B, (X86PackedOp)op, X86_XMM9, X86_XMM14));
        g_free(want);
        if (op < X86_PTEST && (op < X86_PABSB || op > X86_PABSD)) {
            want = g_strdup_printf("v%s xmm3, xmm12, xmm5", names[op]);
            CHECK(want, x86_vpacked_xxx(B, (X86PackedOp)op, X86_XMM3, X86_XMM12, X86_XMM5));
            g_free(want);
        }
    }
    CHECK("movdqu xmm0, xmmword ptr [r14 + 0x70]", x86_movdqu_xm(B, X86_XMM0, x86_mem(X86_R14, 0x70)));
    CHECK("movdqu xmmword ptr [r14 + 0x90], xmm10", x86_movdqu_mx(B, x86_mem(X86_R14, 0x90), X86_XMM10));
    CHECK("movq xmm1, qword ptr [rdi + 8]", x86_movq_xm(B, X86_XMM1, x86_mem(X86_RDI, 8)));
    CHECK("movq qword ptr [r14 + 0x1f8], xmm11", x86_movq_mx(B, x86_mem(X86_R14, 0x1f8), X86_XMM11));
    CHECK("movhps xmm2, qword ptr [r14 + 0x78]", x86_movhps_xm(B, X86_XMM2, x86_mem(X86_R14, 0x78)));
    CHECK("movhps xmm12, qword ptr [rax]", x86_movhps_xm(B, X86_XMM12, x86_mem(X86_RAX, 0)));
    CHECK("psrlw xmm1, 8", x86_pshift_xi(B, X86_PSRLW, X86_XMM1, 8));
    CHECK("psrld xmm2, 3", x86_pshift_xi(B, X86_PSRLD, X86_XMM2, 3));
    CHECK("psrlq xmm9, 0x3f", x86_pshift_xi(B, X86_PSRLQ, X86_XMM9, 63));
    CHECK("psraw xmm3, 0xf", x86_pshift_xi(B, X86_PSRAW, X86_XMM3, 15));
    CHECK("psrad xmm4, 0x1f", x86_pshift_xi(B, X86_PSRAD, X86_XMM4, 31));
    CHECK("psllw xmm5, 1", x86_pshift_xi(B, X86_PSLLW, X86_XMM5, 1));
    CHECK("pslld xmm15, 7", x86_pshift_xi(B, X86_PSLLD, X86_XMM15, 7));
    CHECK("psllq xmm6, 0x20", x86_pshift_xi(B, X86_PSLLQ, X86_XMM6, 32));
    CHECK("psrldq xmm7, 5", x86_pshift_xi(B, X86_PSRLDQ, X86_XMM7, 5));
    CHECK("pslldq xmm8, 8", x86_pshift_xi(B, X86_PSLLDQ, X86_XMM8, 8));
    CHECK("pshufd xmm1, xmm2, 0xb1", x86_pshufd(B, X86_XMM1, X86_XMM2, 0xb1));
    CHECK("pshuflw xmm10, xmm3, 0x1b", x86_pshuflw(B, X86_XMM10, X86_XMM3, 0x1b));
    CHECK("pshufhw xmm4, xmm11, 0", x86_pshufhw(B, X86_XMM4, X86_XMM11, 0));
    CHECK("palignr xmm1, xmm0, 3", x86_palignr(B, X86_XMM1, X86_XMM0, 3));
    CHECK("pmovmskb eax, xmm1", x86_pmovmskb(B, X86_RAX, X86_XMM1));
    CHECK("pmovmskb r9d, xmm12", x86_pmovmskb(B, X86_R9, X86_XMM12));
    CHECK("movmskps eax, xmm3", x86_movmskps(B, X86_RAX, X86_XMM3));
    CHECK("movmskps r10d, xmm9", x86_movmskps(B, X86_R10, X86_XMM9));
    CHECK("cmpunordps xmm1, xmm2", x86_cmpps(B, X86_XMM1, X86_XMM2, 3));
    CHECK("cmpleps xmm10, xmm4", x86_cmpps(B, X86_XMM10, X86_XMM4, 2));
    CHECK("paddd xmm2, xmmword ptr [r14 + 0x40]", x86_packed_xm(B, X86_PADDD, X86_XMM2, x86_mem(X86_R14, 0x40)));
    CHECK("pcmpgtd xmm11, xmmword ptr [rip + 0x10]", x86_packed_xm(B, X86_PCMPGTD, X86_XMM11, x86_mem_rip_disp(0x10)));
}

static void test_features(void)
{
    unsigned f = x86_cpu_features();
    g_assert_cmpuint(f, ==, x86_cpu_features());
    g_assert_cmpuint(f & ~0x3FFu, ==, 0);
    /* FMA and AVX2 imply AVX (OS support for the VEX state). */
    if (f & (X86_FEAT_FMA | X86_FEAT_AVX2)) {
        g_assert_true(f & X86_FEAT_AVX);
    }
    /* Every x86-64 CPU with SSE4.1 has SSSE3. */
    if (f & X86_FEAT_SSE41) {
        g_assert_true(f & X86_FEAT_SSSE3);
    }
    if (g_test_verbose()) {
        printf("features: ssse3=%d sse4.1=%d movbe=%d popcnt=%d fma=%d avx=%d avx2=%d lzcnt=%d bmi1=%d bmi2=%d\n",
               !!(f & X86_FEAT_SSSE3), !!(f & X86_FEAT_SSE41), !!(f & X86_FEAT_MOVBE), !!(f & X86_FEAT_POPCNT),
               !!(f & X86_FEAT_FMA), !!(f & X86_FEAT_AVX), !!(f & X86_FEAT_AVX2),
               !!(f & X86_FEAT_LZCNT), !!(f & X86_FEAT_BMI1), !!(f & X86_FEAT_BMI2));
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_cmpint(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), ==, CS_ERR_OK);
    g_test_add_func("/x86_asm/addr_base_disp", test_addr_base_disp);
    g_test_add_func("/x86_asm/addr_index", test_addr_index);
    g_test_add_func("/x86_asm/mov", test_mov);
    g_test_add_func("/x86_asm/alu", test_alu);
    g_test_add_func("/x86_asm/shift_mul", test_shift_mul);
    g_test_add_func("/x86_asm/imul_div", test_imul_div);
    g_test_add_func("/x86_asm/bits", test_bits);
    g_test_add_func("/x86_asm/atomics", test_atomics);
    g_test_add_func("/x86_asm/conditions", test_conditions);
    g_test_add_func("/x86_asm/labels", test_labels);
    g_test_add_func("/x86_asm/patch_calls", test_patch);
    g_test_add_func("/x86_asm/filler", test_filler);
    g_test_add_func("/x86_asm/sse", test_sse);
    g_test_add_func("/x86_asm/overflow", test_overflow);
    g_test_add_func("/x86_asm/exec", test_exec);
    g_test_add_func("/x86_asm/packed", test_packed);
    g_test_add_func("/x86_asm/features", test_features);
    int r = g_test_run();
    cs_close(&cs);
    if (g_test_verbose()) {
        printf("%u checks\n", nb_checks);
    }
    return r;
}
