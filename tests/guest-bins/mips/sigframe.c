/*
 * sigframe: the MIPS o32 signal frames as a handler sees them (arch/mips/kernel/signal.c).
 *  - glibc's o32 mcontext_t matches the kernel's struct sigcontext (offsets printed);
 *  - every GPR, HI and LO at a SIGILL / SIGTRAP / SIGFPE trap (low halves of the u64
 *    slots), sc_pc at the trapping insn; a handler that edits pc (skip the insn),
 *    registers and HI/LO, and sigreturn resuming with them (rt frame and old frame);
 *  - the frame: a1 = &siginfo right below the ucontext, 8-byte aligned, ra at the
 *    "li v0, NR_(rt_)sigreturn; syscall" trampoline, the old frame's sf_mask;
 *  - a load fault in a branch delay slot: sc_pc is the branch, sigreturn re-runs it;
 *  - FPU registers and FCSR clobbered by the handler come back; FP registers and FCSR
 *    edited in the context are applied; an enabled FP exception (divide by zero) gives
 *    SIGFPE FPE_FLTDIV at the insn with the trapping cause bit cleared (do_fpe).
 * Built -mfp32 (FR=0) and -mfp64 (FR=1): the same output.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ucontext.h>
#include <unistd.h>

/*
 * probe_<name>(in, out): HI, LO and every GPR but zero, k0, k1, gp, sp from in[0..33]
 * (in[32] HI, in[33] LO), then the trap insn at probe_<name>_trap, then every GPR, HI
 * and LO into out[] the same way. Callee-saved registers, gp and ra are kept.
 */
#define PROBE(name, insn)                                                                 \
    __asm__(".text\n\t.set push\n\t.set noreorder\n\t.set noat\n\t"                      \
            ".globl probe_" #name "\n\t.globl probe_" #name "_trap\n\t"                  \
            ".type probe_" #name ", @function\n"                                          \
            "probe_" #name ":\n\t"                                                        \
            "addiu $sp, $sp, -176\n\t"                                                    \
            "sw $16, 128($sp)\n\tsw $17, 132($sp)\n\tsw $18, 136($sp)\n\t"                \
            "sw $19, 140($sp)\n\tsw $20, 144($sp)\n\tsw $21, 148($sp)\n\t"                \
            "sw $22, 152($sp)\n\tsw $23, 156($sp)\n\tsw $28, 160($sp)\n\t"                \
            "sw $30, 164($sp)\n\tsw $31, 168($sp)\n\tsw $5, 172($sp)\n\t"                 \
            "lw $8, 128($4)\n\tmthi $8\n\tlw $8, 132($4)\n\tmtlo $8\n\t"                  \
            "lw $1, 4($4)\n\tlw $2, 8($4)\n\tlw $3, 12($4)\n\tlw $5, 20($4)\n\t"          \
            "lw $6, 24($4)\n\tlw $7, 28($4)\n\tlw $8, 32($4)\n\tlw $9, 36($4)\n\t"        \
            "lw $10, 40($4)\n\tlw $11, 44($4)\n\tlw $12, 48($4)\n\tlw $13, 52($4)\n\t"    \
            "lw $14, 56($4)\n\tlw $15, 60($4)\n\tlw $16, 64($4)\n\tlw $17, 68($4)\n\t"    \
            "lw $18, 72($4)\n\tlw $19, 76($4)\n\tlw $20, 80($4)\n\tlw $21, 84($4)\n\t"    \
            "lw $22, 88($4)\n\tlw $23, 92($4)\n\tlw $24, 96($4)\n\tlw $25, 100($4)\n\t"   \
            "lw $30, 120($4)\n\tlw $31, 124($4)\n\tlw $4, 16($4)\n"    \
            "probe_" #name "_trap:\n\t" insn "\n\t"                                       \
            "sw $1, 4($sp)\n\tsw $2, 8($sp)\n\tsw $3, 12($sp)\n\tsw $4, 16($sp)\n\t"      \
            "sw $5, 20($sp)\n\tsw $6, 24($sp)\n\tsw $7, 28($sp)\n\tsw $8, 32($sp)\n\t"    \
            "sw $9, 36($sp)\n\tsw $10, 40($sp)\n\tsw $11, 44($sp)\n\tsw $12, 48($sp)\n\t" \
            "sw $13, 52($sp)\n\tsw $14, 56($sp)\n\tsw $15, 60($sp)\n\tsw $16, 64($sp)\n\t"\
            "sw $17, 68($sp)\n\tsw $18, 72($sp)\n\tsw $19, 76($sp)\n\tsw $20, 80($sp)\n\t"\
            "sw $21, 84($sp)\n\tsw $22, 88($sp)\n\tsw $23, 92($sp)\n\tsw $24, 96($sp)\n\t"\
            "sw $25, 100($sp)\n\tsw $28, 112($sp)\n\tsw $30, 120($sp)\n\t"               \
            "sw $31, 124($sp)\n\t"                                                        \
            "lw $4, 172($sp)\n\tmfhi $8\n\tsw $8, 128($4)\n\tmflo $8\n\tsw $8, 132($4)\n\t" \
            "li $9, 1\n"                                                                  \
            "1:\tsll $10, $9, 2\n\taddu $11, $sp, $10\n\tlw $12, 0($11)\n\t"              \
            "addu $11, $4, $10\n\tsw $12, 0($11)\n\taddiu $9, $9, 1\n\t"                  \
            "sltiu $13, $9, 32\n\tbnez $13, 1b\n\tnop\n\t"                                \
            "lw $16, 128($sp)\n\tlw $17, 132($sp)\n\tlw $18, 136($sp)\n\t"                \
            "lw $19, 140($sp)\n\tlw $20, 144($sp)\n\tlw $21, 148($sp)\n\t"                \
            "lw $22, 152($sp)\n\tlw $23, 156($sp)\n\tlw $28, 160($sp)\n\t"                \
            "lw $30, 164($sp)\n\tlw $31, 168($sp)\n\t"                                    \
            "jr $31\n\taddiu $sp, $sp, 176\n\t"                                           \
            ".size probe_" #name ", .-probe_" #name "\n\t.set pop\n")

PROBE(ill, ".word 0xec000000"); /* opcode 0x3b: reserved in MIPS32r2 */
PROBE(trap, "teq $0, $0");
PROBE(fpe, "teq $0, $0, 7"); /* BRK_DIVZERO: SIGFPE FPE_INTDIV */
PROBE(brk, "break 0");

void probe_ill(const uint32_t *in, uint32_t *out);
void probe_trap(const uint32_t *in, uint32_t *out);
void probe_fpe(const uint32_t *in, uint32_t *out);
void probe_brk(const uint32_t *in, uint32_t *out);
extern const char probe_ill_trap[], probe_trap_trap[], probe_fpe_trap[], probe_brk_trap[];

/* ds_probe(p): "beq $0, $0, 1f" with "lw v0, 0(a0)" in its delay slot, returns v0. */
__asm__(".text\n\t.set push\n\t.set noreorder\n\t.globl ds_probe\n\t.globl ds_probe_branch\n"
        "ds_probe:\n\tli $2, -1\n"
        "ds_probe_branch:\n\tbeq $0, $0, 1f\n\tlw $2, 0($4)\n\taddiu $2, $2, 100\n"
        "1:\tjr $31\n\tnop\n\t.set pop\n");
int ds_probe(const int *p);
extern const char ds_probe_branch[];

static uint32_t in[34], out[34];
/* What the handler saw. */
static uint64_t seen_regs[32], seen_pc, seen_hi, seen_lo;
/* Registers are printed as their low 32 bits: a 32-bit kernel stores them zero-extended
 * in the u64 slots, a 64-bit one sign-extended. */
static int seen_sig, seen_code;
static uintptr_t seen_addr;
static const char *seen_tramp;

static void print_u64_regs(const char *what, const uint64_t *r)
{
    printf("%s:", what);
    for (int i = 0; i < 32; i++) {
        printf("%s%08x", i % 8 ? " " : "\n    ", (uint32_t)r[i]);
    }
    printf("\n");
}

/* The trampoline words at ra (printed as numbers: independent of the byte order). */
static void print_tramp(const char *ra)
{
    uint32_t w[2];
    memcpy(w, ra, 8);
    printf("  ra -> %08x %08x\n", w[0], w[1]);
}

static void on_trap_rt(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    mcontext_t *mc = &uc->uc_mcontext;
    seen_sig = sig;
    seen_code = si->si_code;
    seen_addr = (uintptr_t)si->si_addr;
    seen_tramp = __builtin_return_address(0);
    memcpy(seen_regs, mc->gregs, sizeof(seen_regs));
    seen_pc = mc->pc;
    seen_hi = mc->mdhi;
    seen_lo = mc->mdlo;
    printf("  frame: info %s uc, aligned %d, uc_flags %lu, uc_link %p\n",
           (char *)si + 128 == (char *)uc ? "right below" : "NOT below",
           (int)(((uintptr_t)si - 24) % 8 == 0), uc->uc_flags, (void *)uc->uc_link);
    /* Skip the insn, change registers and HI/LO (only the low halves count). */
    mc->pc += 4;
    mc->gregs[2] = 0x1122334455667788ull;
    mc->gregs[16] ^= 0xffff;
    mc->gregs[25] = 0x25252525;
    mc->mdhi = 0x0badf00d;
    mc->mdlo = 0xfffffffffeedfaceull;
}

static void on_trap_old(int sig, int a1, struct sigcontext *sc)
{
    seen_sig = sig;
    seen_code = a1;
    seen_tramp = __builtin_return_address(0);
    memcpy(seen_regs, sc->sc_regs, sizeof(seen_regs));
    seen_pc = sc->sc_pc;
    seen_hi = sc->sc_mdhi;
    seen_lo = sc->sc_mdlo;
    /* sf_mask follows the sigcontext: the mask blocked when the signal came. */
    const uint32_t *mask = (const uint32_t *)(sc + 1);
    printf("  old frame: sf_mask %08x %08x %08x %08x, sc aligned %d\n", mask[0], mask[1],
           mask[2], mask[3], (int)((uintptr_t)sc % 8 == 0));
    sc->sc_pc += 4;
    sc->sc_regs[3] = 0x33333333;
    sc->sc_mdhi = 0xfffffffff00dfeedull;
}

static void fill_in(uint32_t seed)
{
    for (int i = 0; i < 34; i++) {
        /* Both signs, so the sign extension into the 64-bit slots shows. */
        in[i] = (seed + (uint32_t)i * 0x01010101u) ^ (i & 1 ? 0x80000000u : 0);
    }
    in[0] = in[26] = in[27] = in[28] = in[29] = 0;
}

static void install(int sig, bool rt)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    if (rt) {
        sa.sa_sigaction = on_trap_rt;
        sa.sa_flags = SA_SIGINFO;
    } else {
        sa.sa_handler = (void (*)(int))(void (*)(void))on_trap_old;
    }
    sigaction(sig, &sa, NULL);
}

static void run_probe(const char *what, void (*probe)(const uint32_t *, uint32_t *),
                      const char *trap, int sig, bool rt, uint32_t seed)
{
    install(sig, rt);
    fill_in(seed);
    memset(out, 0, sizeof(out));
    seen_sig = 0;
    probe(in, out);
    /* SIGILL's si_code is not compared: Linux's do_ri() uses force_sig() (SI_KERNEL),
     * qemu and xemu report ILL_ILLOPC. */
    bool show = rt && sig != SIGILL;
    printf("%s (%s frame): sig %d, pc at trap %s", what, rt ? "rt" : "old", seen_sig,
           (uint32_t)seen_pc == (uint32_t)(uintptr_t)trap ? "yes" : "NO");
    if (show) {
        printf(", code %d, addr %s", seen_code,
               seen_addr == (uintptr_t)trap ? "trap insn" : seen_addr ? "other" : "0");
    } else if (!rt) {
        printf(", a1 %d", seen_code);
    }
    printf("\n");
    print_tramp(seen_tramp);
    /* k0/k1 belong to the kernel, gp and sp are the program's own: not compared. */
    seen_regs[26] = seen_regs[27] = seen_regs[28] = seen_regs[29] = 0;
    print_u64_regs("  context regs", seen_regs);
    printf("  context hi %08x lo %08x\n", (uint32_t)seen_hi, (uint32_t)seen_lo);
    out[26] = out[27] = out[28] = out[29] = 0;
    printf("  after return:");
    for (int i = 0; i < 34; i++) {
        printf("%s%08x", i % 8 ? " " : "\n    ", out[i]);
    }
    printf("\n");
}

/* ---- Delay slot --------------------------------------------------------------------- */

static int good_value = 1234;

static void on_ds_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig;
    printf("delay slot fault: code %d addr %#lx, pc at branch %s\n", si->si_code,
           (unsigned long)(uintptr_t)si->si_addr,
           (uint32_t)uc->uc_mcontext.pc == (uint32_t)(uintptr_t)ds_probe_branch ? "yes" : "NO");
    /* Point a0 at good memory: sigreturn re-runs the branch, then the load. */
    uc->uc_mcontext.gregs[4] = (uint64_t)(intptr_t)&good_value;
}

static void test_delay_slot(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_ds_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    int v = ds_probe((const int *)0x30);
    printf("delay slot: resumed, load gave %d (branch taken: %s)\n", v,
           v == 1234 ? "yes" : "NO");
    signal(SIGSEGV, SIG_DFL);
}

/* ---- FPU ---------------------------------------------------------------------------- */

static volatile double fp_seen20, fp_seen22;
static volatile uint32_t fcsr_seen;

/* Clobbers $f20, $f22 and FCSR behind the compiler's back: sigreturn must restore them. */
static void on_fp_clobber(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig; (void)si;
    union { double d; uint64_t u; } a, b;
    memcpy(&a.d, &uc->uc_mcontext.fpregs.fp_r.fp_dregs[20], 8);
    memcpy(&b.d, &uc->uc_mcontext.fpregs.fp_r.fp_dregs[22], 8);
    fp_seen20 = a.d;
    fp_seen22 = b.d;
    fcsr_seen = uc->uc_mcontext.fpc_csr;
    double junk = -7.0;
    __asm__ volatile("mov.d $f20, %0\n\tmov.d $f22, %0\n\tctc1 $0, $31" ::"f"(junk));
    if (sig == SIGUSR2) {
        /* Edit the context: $f22 = 2.5 and round toward zero after the return. */
        double v = 2.5;
        memcpy(&uc->uc_mcontext.fpregs.fp_r.fp_dregs[22], &v, 8);
        uc->uc_mcontext.fpc_csr = (uc->uc_mcontext.fpc_csr & ~3u) | 1u;
    }
}

/* Sets $f20 = 1.25, $f22 = -3.5, FCSR = 0x00000007 (RM -inf, flag I), sends sig with
 * kill(2) from inside the asm, then reads them back. */
static void fp_round_trip(int sig, double *f20, double *f22, uint32_t *fcsr)
{
    double a = 1.25, b = -3.5;
    uint32_t csr = 0x00000007u;
    int pid = getpid();
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "mov.d $f20, %[a]\n\tmov.d $f22, %[b]\n\tctc1 %[csr], $31\n\t"
                     "move $4, %[pid]\n\tmove $5, %[sig]\n\tli $2, 4037\n\tsyscall\n\t"
                     "mov.d %[a], $f20\n\tmov.d %[b], $f22\n\tcfc1 %[csr], $31\n\t"
                     "ctc1 $0, $31\n\t.set pop"
                     : [a] "+f"(a), [b] "+f"(b), [csr] "+r"(csr)
                     : [pid] "r"(pid), [sig] "r"(sig)
                     : "$2", "$3", "$4", "$5", "$7", "$8", "$9", "$10", "$11", "$12", "$13",
                       "$14", "$15", "$24", "$25", "$f20", "$f21", "$f22", "$f23", "memory");
    *f20 = a;
    *f22 = b;
    *fcsr = csr;
}

static void test_fpu(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fp_clobber;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    double f20, f22;
    uint32_t csr;
    fp_round_trip(SIGUSR1, &f20, &f22, &csr);
    printf("fpu: handler saw f20 %g f22 %g fcsr %08x\n", fp_seen20, fp_seen22,
           fcsr_seen & 0x00ffffffu);
    printf("fpu: after clobbering handler f20 %g f22 %g fcsr %08x\n", f20, f22,
           csr & 0x00ffffffu);
    fp_round_trip(SIGUSR2, &f20, &f22, &csr);
    printf("fpu: after editing handler f20 %g f22 %g fcsr %08x\n", f20, f22,
           csr & 0x00ffffffu);
}

/* ---- Enabled FP exception ------------------------------------------------------------ */

/* FCSR = csr, then div.d of x by y at the global label fdiv_insn; returns FCSR after it
 * (FCSR is then cleared). */
extern const char fdiv_insn[];
__attribute__((noinline, noclone)) static uint32_t fdiv_probe(uint32_t csr, double x,
                                                              double y)
{
    double r = 0;
    __asm__ volatile(".set push\n\t.set noreorder\n\tctc1 %[csr], $31\n\t"
                     ".globl fdiv_insn\nfdiv_insn:\n\tdiv.d %[r], %[x], %[y]\n\t"
                     "cfc1 %[csr], $31\n\tctc1 $0, $31\n\t.set pop"
                     : [csr] "+r"(csr), [r] "+f"(r)
                     : [x] "f"(x), [y] "f"(y));
    return csr;
}


static void on_fpe(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    printf("fp trap: sig %d code %d (FPE_FLTDIV %d), addr at div.d %s, pc at div.d %s, "
           "context fcsr %08x\n",
           sig, si->si_code, FPE_FLTDIV, si->si_addr == (void *)fdiv_insn ? "yes" : "NO",
           (uint32_t)uc->uc_mcontext.pc == (uint32_t)(uintptr_t)fdiv_insn ? "yes" : "NO",
           uc->uc_mcontext.fpc_csr & 0x00ffffffu);
    /* Skip the division and drop the enable. */
    uc->uc_mcontext.pc += 4;
    uc->uc_mcontext.fpc_csr &= ~0x00000f80u;
}

static void test_fp_trap(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    uint32_t after = fdiv_probe(0x00000400u /* enable Z */, 1.0, 0.0);
    printf("fp trap: resumed after div.d, fcsr %08x\n", after & 0x00ffffffu);
    signal(SIGFPE, SIG_DFL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("mcontext offsets: pc %zu gregs %zu fpregs %zu fpc_csr %zu used_math %zu "
           "mdhi %zu mdlo %zu lo3 %zu; uc_mcontext %zu\n",
           offsetof(mcontext_t, pc), offsetof(mcontext_t, gregs),
           offsetof(mcontext_t, fpregs), offsetof(mcontext_t, fpc_csr),
           offsetof(mcontext_t, used_math), offsetof(mcontext_t, mdhi),
           offsetof(mcontext_t, mdlo), offsetof(mcontext_t, lo3),
           offsetof(ucontext_t, uc_mcontext));
    printf("sigcontext offsets: sc_pc %zu sc_regs %zu sc_fpregs %zu sc_fpc_csr %zu "
           "sc_mdhi %zu size %zu\n",
           offsetof(struct sigcontext, sc_pc), offsetof(struct sigcontext, sc_regs),
           offsetof(struct sigcontext, sc_fpregs), offsetof(struct sigcontext, sc_fpc_csr),
           offsetof(struct sigcontext, sc_mdhi), sizeof(struct sigcontext));

    run_probe("SIGILL", probe_ill, probe_ill_trap, SIGILL, true, 0x10203040u);
    run_probe("SIGTRAP teq", probe_trap, probe_trap_trap, SIGTRAP, true, 0x7f00ff01u);
    run_probe("SIGFPE teq 7", probe_fpe, probe_fpe_trap, SIGFPE, true, 0xa5a5a5a5u);
    /* Old-style frame, with SIGUSR2 blocked: it shows in sf_mask. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    run_probe("SIGTRAP break", probe_brk, probe_brk_trap, SIGTRAP, false, 0x01234567u);
    run_probe("SIGILL", probe_ill, probe_ill_trap, SIGILL, false, 0xfedcba98u);
    sigprocmask(SIG_UNBLOCK, &set, NULL);

    test_delay_slot();
    test_fpu();
    test_fp_trap();
    printf("done\n");
    return 0;
}
