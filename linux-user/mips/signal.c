/*
 * MIPS o32 guest signal frames, as a 32-bit Linux kernel builds them
 * (arch/mips/kernel/signal.c, asm/sigcontext.h, asm/ucontext.h): the old-style sigframe
 * and the rt_sigframe with siginfo and ucontext, sigreturn / rt_sigreturn reading them
 * back, the EINTR result of an interrupted syscall, and the page holding the sigreturn
 * trampolines that the handler returns to (MIPS has no SA_RESTORER: the kernel points
 * ra at the sigreturn code of its VDSO; ours is a one-page "[vdso]" with just that code).
 *
 * Layouts (offsets in bytes; every field in guest byte order):
 *   struct sigcontext (592): sc_regmask 0, sc_status 4, sc_pc 8 (u64), sc_regs[32] 16
 *     (u64), sc_fpregs[32] 272 (u64), sc_acx 528, sc_fpc_csr 532, sc_fpc_eir 536,
 *     sc_used_math 540, sc_dsp 544, (pad), sc_mdhi 552 (u64), sc_mdlo 560 (u64),
 *     sc_hi1..sc_lo3 568..588 (u32).
 *   struct sigframe (632): sf_ass[4] 0, sf_pad[2] 16, sf_sc 24, sf_mask 616 (16 bytes).
 *   struct rt_sigframe (784): rs_ass[4] 0, rs_pad[2] 16, rs_info 24 (128),
 *     rs_uc 152 { uc_flags 0, uc_link 4, uc_stack 8 (ss_sp, ss_size, ss_flags),
 *     uc_mcontext 24 (a sigcontext), uc_sigmask 616 (16 bytes) }.
 * A 32-bit kernel stores its 32-bit registers into the u64 slots by C conversion, that is
 * zero-extended (a 64-bit kernel's o32 frames hold them sign-extended, as its registers
 * are), and reads back the low halves. xemu is the 32-bit kernel.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "frontend/mips/cpu.h"
#include "frontend/mips/fpu_helper.h"
#include "linux-user/signal.h"
#include "linux-user/syscall.h"
#include "linux-user/syscall_int.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

/* struct sigcontext (o32). */
enum {
    SC_PC = 8,
    SC_REGS = 16,
    SC_FPREGS = 272,
    SC_FPC_CSR = 532,
    SC_USED_MATH = 540,
    SC_MDHI = 552,
    SC_MDLO = 560,
    SC_SIZE = 592,
};

/* struct sigframe and struct rt_sigframe. */
enum {
    SF_SC = 24,
    SF_MASK = SF_SC + SC_SIZE,
    SF_SIZE = SF_MASK + 16,
    RS_INFO = 24,
    RS_UC = RS_INFO + 128,
    UC_FLAGS = 0,
    UC_LINK = 4,
    UC_STACK = 8,
    UC_MCONTEXT = 24,
    UC_SIGMASK = UC_MCONTEXT + SC_SIZE,
    RS_SIZE = RS_UC + UC_SIGMASK + 16,
};

/* sc_used_math bits (asm/sigcontext.h USED_*). */
#define USED_FP 1u
#define USED_FR1 2u

/*
 * get_sigframe(): 32 bytes are left above the frame (the FPU emulator's trampoline area
 * in the kernel), and the frame is aligned to ALMASK, 8 bytes for o32.
 */
#define SIGFRAME_GAP 32u
#define SIGFRAME_ALIGN 8u

/* The trampoline page (see the top of the file): below the default 8 MiB stack region
 * (0x7f7f8000..0x7fff8000) and above everything mmap picks (from 0x77000000 down). */
#define MIPS_VDSO_ADDR 0x7f000000u
#define VDSO_SIGRETURN (MIPS_VDSO_ADDR + 0)
#define VDSO_RT_SIGRETURN (MIPS_VDSO_ADDR + 8)

/* o32 syscall numbers of the trampolines. */
#define NR_sigreturn 4119
#define NR_rt_sigreturn 4193

/* "li v0, nr" (addiu v0, zero, nr) and "syscall". */
#define INSN_LI_V0(nr) (0x24020000u | (nr))
#define INSN_SYSCALL 0x0000000cu

/* FCSR: the unimplemented-operation cause (E), the enables, the cause field. */
#define FCSR_CAUSE_E (FP_E << FCSR_CAUSE_SHIFT)
#define FCSR_ENABLES (0x1fu << FCSR_ENABLES_SHIFT)

/* ---- The trampoline page ------------------------------------------------------------ */

/* Writes one instruction word in the guest's byte order (the page is not yet guest code). */
static void put_insn(uint8_t *page, uint32_t off, uint32_t insn)
{
    for (int i = 0; i < 4; i++) {
        int shift = guest_arch->big_endian ? 24 - 8 * i : 8 * i;
        page[off + i] = (uint8_t)(insn >> shift);
    }
}

/*
 * Maps the read+exec page with the two trampolines, named "[vdso]" in /proc/self/maps.
 * The words are the kernel VDSO's __vdso_sigreturn / __vdso_rt_sigreturn, which is also
 * what libgcc's unwinder recognises as a signal frame.
 */
bool mips_vdso_setup(void)
{
    int64_t r = mmu_mmap(MIPS_VDSO_ADDR, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0) {
        return false;
    }
    uint8_t *page = g2h(MIPS_VDSO_ADDR);
    put_insn(page, VDSO_SIGRETURN - MIPS_VDSO_ADDR, INSN_LI_V0(NR_sigreturn));
    put_insn(page, VDSO_SIGRETURN - MIPS_VDSO_ADDR + 4, INSN_SYSCALL);
    put_insn(page, VDSO_RT_SIGRETURN - MIPS_VDSO_ADDR, INSN_LI_V0(NR_rt_sigreturn));
    put_insn(page, VDSO_RT_SIGRETURN - MIPS_VDSO_ADDR + 4, INSN_SYSCALL);
    if (mmu_mprotect(MIPS_VDSO_ADDR, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) != 0) {
        return false;
    }
    mmu_set_name(MIPS_VDSO_ADDR, GUEST_PAGE_SIZE, "[vdso]");
    return true;
}

/* ---- sigcontext --------------------------------------------------------------------- */

/*
 * The FPU part, as _save_fp_context does: FR=1 stores the 32 64-bit registers, FR=0 only
 * the 16 even doubles (each the pair odd:even), leaving the odd slots alone. The FPU
 * state of an emulated thread is always live, so sc_used_math says it is used.
 */
static void save_fp(const CPUMIPSState *env, uint8_t *sc)
{
    bool fr = (env->fpmode & MIPS_FPMODE_FR) != 0;
    for (int i = 0; i < 32; i += fr ? 1 : 2) {
        uint64_t v = fr ? env->fpr[i]
                        : (env->fpr[i + 1] << 32) | (env->fpr[i] & 0xffffffffu);
        put_guest_u64(sc + SC_FPREGS + 8 * i, v);
    }
    put_guest_u32(sc + SC_FPC_CSR, env->fcsr);
    put_guest_u32(sc + SC_USED_MATH, USED_FP | (fr ? USED_FR1 : 0));
}

/*
 * An FP trap (an op or CTC1 whose cause bit is enabled, or E) leaves that cause in FCSR;
 * the kernel's do_fpe() clears it before sending SIGFPE, so neither the handler nor the
 * frame sees it and sigreturn does not raise it again (fpcsr_pending). Such a state only
 * exists between a trap and its signal, so it is cleared whenever a frame is built.
 */
static uint32_t fcsr_trapping(uint32_t csr)
{
    uint32_t enabled_causes = (csr & FCSR_ENABLES) << (FCSR_CAUSE_SHIFT - FCSR_ENABLES_SHIFT);
    return csr & (FCSR_CAUSE_E | enabled_causes);
}

static void clear_fp_trap_cause(CPUMIPSState *env)
{
    env->fcsr &= ~fcsr_trapping(env->fcsr);
}

/*
 * setup_sigcontext(). The saved pc is the kernel's EPC: when a TB boundary left a delay
 * slot pending (env->ds), that is the branch before it (Cause.BD), which sigreturn
 * re-executes; the translator reports faults in a slot the same way.
 */
static void save_sigcontext(CPUMIPSState *env, uint8_t *sc)
{
    clear_fp_trap_cause(env);
    memset(sc, 0, SC_SIZE);
    put_guest_u64(sc + SC_PC, env->ds ? env->pc - 4 : env->pc);
    for (int i = 1; i < 32; i++) {
        put_guest_u64(sc + SC_REGS + 8 * i, env->gpr[i]);
    }
    put_guest_u64(sc + SC_MDHI, env->hi);
    put_guest_u64(sc + SC_MDLO, env->lo);
    save_fp(env, sc);
}

/*
 * protected_restore_fp_context(), in the current FR mode. A cause bit the handler left
 * enabled (or E) is cleared and SIGFPE (si_code SI_KERNEL) follows the return, as
 * fpcsr_pending() does. Without USED_FP the kernel discards its live FPU copy; here the
 * registers simply stay as the handler left them.
 */
static void restore_fp(CPUState *cpu, CPUMIPSState *env, const uint8_t *sc)
{
    if (!(get_guest_u32(sc + SC_USED_MATH) & USED_FP)) {
        return;
    }
    uint32_t csr = get_guest_u32(sc + SC_FPC_CSR);
    uint32_t pending = fcsr_trapping(csr);
    csr &= ~pending;
    bool fr = (env->fpmode & MIPS_FPMODE_FR) != 0;
    for (int i = 0; i < 32; i += fr ? 1 : 2) {
        uint64_t v = get_guest_u64(sc + SC_FPREGS + 8 * i);
        if (fr) {
            env->fpr[i] = v;
        } else {
            env->fpr[i] = (env->fpr[i] & ~0xffffffffull) | (v & 0xffffffffu);
            env->fpr[i + 1] = (env->fpr[i + 1] & ~0xffffffffull) | (v >> 32);
        }
    }
    /* CTC1's path: read-only bits kept, the trap mode (a TB flag) recomputed. */
    helper_mips_ctc1(env, 31, csr);
    if (pending) {
        signal_force(cpu, 8 /* SIGFPE */, 0x80 /* SI_KERNEL */, 0);
    }
}

/* restore_sigcontext(): pc, hi/lo, gpr 1-31 (low halves), then the FPU. */
static void restore_sigcontext(CPUState *cpu, CPUMIPSState *env, const uint8_t *sc)
{
    env->pc = (uint32_t)get_guest_u64(sc + SC_PC);
    env->ds = 0;
    env->hi = (uint32_t)get_guest_u64(sc + SC_MDHI);
    env->lo = (uint32_t)get_guest_u64(sc + SC_MDLO);
    for (int i = 1; i < 32; i++) {
        env->gpr[i] = (uint32_t)get_guest_u64(sc + SC_REGS + 8 * i);
    }
    restore_fp(cpu, env, sc);
}

/* A guest sigset_t (4 words; signals 65..128 are not tracked and stored as 0). */
static void put_sigset(uint8_t *p, uint64_t mask)
{
    put_guest_u32(p, (uint32_t)mask);
    put_guest_u32(p + 4, (uint32_t)(mask >> 32));
    put_guest_u32(p + 8, 0);
    put_guest_u32(p + 12, 0);
}

static uint64_t get_sigset(const uint8_t *p)
{
    return get_guest_u32(p) | (uint64_t)get_guest_u32(p + 4) << 32;
}

/* ---- Frames ------------------------------------------------------------------------- */

/* True if sp is inside the thread's alternate stack (the kernel's on_sig_stack()). */
static bool on_altstack(uint32_t sp)
{
    const GuestSigAltStack *ss = &sys_thread.altstack;
    if (ss->size == 0 || (ss->flags & (GUEST_SS_DISABLE | GUEST_SS_AUTODISARM))) {
        return false;
    }
    return sp > ss->sp && sp - ss->sp <= ss->size;
}

/*
 * get_sigframe(): the frame's guest address, or 0 when a frame started on the alternate
 * stack would overflow it (the kernel returns a bogus address there: SIGSEGV).
 */
static uint32_t get_sigframe(CPUState *cpu, CPUMIPSState *env, const GuestSigaction *ka,
                             uint32_t size)
{
    uint32_t sp = env->gpr[29];
    if (on_altstack(sp) && !on_altstack(sp - size)) {
        return 0;
    }
    sp = signal_frame_sp(cpu, ka, sp - SIGFRAME_GAP);
    return (sp - size) & ~(SIGFRAME_ALIGN - 1);
}

/* Registers for the handler; a1 is &siginfo (rt) or 0, a2 the sigcontext or ucontext. */
static void enter_handler(CPUMIPSState *env, const GuestSigaction *ka, int signo,
                          uint32_t frame, uint32_t info, uint32_t ctx, uint32_t tramp)
{
    env->gpr[4] = (uint32_t)signo;
    env->gpr[5] = info;
    env->gpr[6] = ctx;
    env->gpr[29] = frame;
    env->gpr[31] = tramp;
    env->gpr[25] = ka->handler;
    env->pc = ka->handler;
    env->ds = 0;
}

bool mips_setup_frame(CPUState *cpu, const GuestSiginfo *si, const GuestSigaction *ka,
                      uint64_t saved_mask)
{
    CPUMIPSState *env = cpu->env;
    bool rt = (ka->flags & GUEST_MIPS_SA_SIGINFO) != 0;
    uint32_t size = rt ? RS_SIZE : SF_SIZE;
    uint32_t frame = get_sigframe(cpu, env, ka, size);
    uint8_t *p = frame ? sys_guest_ptr(frame, size, PAGE_WRITE) : NULL;
    if (!p) {
        return false;
    }
    if (!rt) {
        save_sigcontext(env, p + SF_SC);
        put_sigset(p + SF_MASK, saved_mask);
        enter_handler(env, ka, si->signo, frame, 0, frame + SF_SC, VDSO_SIGRETURN);
        return true;
    }
    signal_put_siginfo(p + RS_INFO, si);
    uint8_t *uc = p + RS_UC;
    put_guest_u32(uc + UC_FLAGS, 0);
    put_guest_u32(uc + UC_LINK, 0);
    signal_put_altstack(uc + UC_STACK, env->gpr[29]);
    save_sigcontext(env, uc + UC_MCONTEXT);
    put_sigset(uc + UC_SIGMASK, saved_mask);
    enter_handler(env, ka, si->signo, frame, frame + RS_INFO, frame + RS_UC,
                  VDSO_RT_SIGRETURN);
    return true;
}

/*
 * sys_sigreturn / sys_rt_sigreturn: the frame is at sp. The mask is applied first and
 * the registers after, as the kernel does; for rt the alternate stack is re-applied.
 */
bool mips_sigreturn(CPUState *cpu, bool rt)
{
    CPUMIPSState *env = cpu->env;
    uint32_t frame = env->gpr[29];
    const uint8_t *p = sys_guest_ptr(frame, rt ? RS_SIZE : SF_SIZE, PAGE_READ);
    if (!p) {
        return false;
    }
    if (!rt) {
        signal_set_blocked(get_sigset(p + SF_MASK));
        restore_sigcontext(cpu, env, p + SF_SC);
        return true;
    }
    const uint8_t *uc = p + RS_UC;
    signal_set_blocked(get_sigset(uc + UC_SIGMASK));
    restore_sigcontext(cpu, env, uc + UC_MCONTEXT);
    signal_restore_altstack(frame + RS_UC + UC_STACK);
    return true;
}

/*
 * handle_signal()'s EINTR case: the cpu loop rewound the pc to the SYSCALL for a
 * restart; the call fails instead, the o32 way (v0 = EINTR, a3 = 1).
 */
void mips_syscall_eintr(CPUState *cpu)
{
    CPUMIPSState *env = cpu->env;
    env->pc += 4;
    env->gpr[2] = (uint32_t)sys_host_to_guest_errno(EINTR);
    env->gpr[7] = 1;
}

