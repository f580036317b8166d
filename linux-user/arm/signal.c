/*
 * ARM guest signal frames: what the generic signal layer (linux-user/signal.c) calls to
 * run a guest handler and to return from it. The frames are the ones Linux builds
 * (arch/arm/kernel/signal.c, EABI, little endian), so handlers that read or edit their
 * ucontext, and unwinders that recognise the return code, see what they would on a
 * real kernel:
 *
 *   rt_sigframe (SA_SIGINFO)           sigframe (old style)
 *     +0    siginfo_t (128 bytes)        +0    ucontext
 *     +128  ucontext                     +744  retcode[4]
 *     +872  retcode[4]
 *
 *   ucontext  +0 uc_flags, +4 uc_link, +8 uc_stack (ss_sp, ss_flags, ss_size),
 *             +20 uc_mcontext = sigcontext (trap_no, error_code, oldmask, r0-r15, cpsr,
 *             fault_address), +104 uc_sigmask (8 bytes, then glibc's 128-byte room),
 *             +232 uc_regspace[128 words]: the VFP record (magic 0x56465001, size 0x120,
 *             d0-d31, fpscr, pad, fpexc, fpinst, fpinst2, pad), then a zero word.
 *
 * The handler returns to sa_restorer (glibc always sets SA_RESTORER), else to the
 * sigreturn code in the kuser page (linux-user/arm/kuser.c), our stand-in for the
 * kernel's sigpage, in the handler's instruction set. The frame's retcode words hold the
 * same code as the kernel writes there, for unwinders that look.
 */
#include <errno.h>
#include <string.h>

#include "frontend/arm/cpu.h"
#include "frontend/arm/vfp_helper.h"
#include "linux-user/elfload.h"
#include "linux-user/signal.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* ---- Layout (byte offsets) ---------------------------------------------------------- */

#define UC_FLAGS 0
#define UC_LINK 4
#define UC_STACK 8
#define UC_MCONTEXT 20
#define UC_SIGMASK 104
#define UC_REGSPACE 232
#define UC_SIZE 744

/* struct sigcontext, from uc_mcontext. */
#define SC_TRAP_NO 0
#define SC_ERROR_CODE 4
#define SC_OLDMASK 8
#define SC_REG(n) (12 + 4 * (n)) /* arm_r0 .. arm_pc */
#define SC_CPSR 76
#define SC_FAULT_ADDRESS 80

/* struct vfp_sigframe, at the start of uc_regspace. */
#define VFP_MAGIC 0x56465001u
#define VFP_STORAGE_SIZE 0x120u
#define VFP_REGS 8
#define VFP_FPSCR 264
#define VFP_FPEXC 272
#define VFP_FPINST 276
#define VFP_FPINST2 280
#define FPEXC_EX (1u << 31)
#define FPEXC_EN (1u << 30)
#define FPEXC_FP2V (1u << 28)

#define SIGFRAME_RETCODE UC_SIZE
#define SIGFRAME_SIZE (UC_SIZE + 16)
#define RT_INFO_SIZE 128
#define RT_SIGFRAME_SIZE (RT_INFO_SIZE + SIGFRAME_SIZE)

/* What the kernel stores in uc_flags of an old-style frame: a value trap_no never has. */
#define SIGFRAME_UC_FLAGS 0x5ac3c35au

/*
 * The return code in the kuser page (kuser.c places these words): ARM at +0 sigreturn,
 * +8 rt_sigreturn; Thumb at +16 sigreturn, +20 rt_sigreturn.
 */
#define SIGTRAMP_BASE (KUSER_PAGE_ADDR + 0xec0u)
#define SIGTRAMP_ARM_OFF(rt) ((rt) ? 8u : 0u)
#define SIGTRAMP_THUMB_OFF(rt) ((rt) ? 20u : 16u)

#define NR_SIGRETURN 119
#define NR_RT_SIGRETURN 173

/* CPSR fields beyond those cpu.h names. */
#define CPSR_MODE_MASK 0x1fu
#define CPSR_MODE_USR 0x10u
#define CPSR_I (1u << 7)

/* Kernel trap numbers stored in sigcontext.trap_no (arch/arm/mm/fault.c, traps.c). */
#define TRAP_NO_UNDEF 6
#define TRAP_NO_ABORT 14

/* ---- Building the frame --------------------------------------------------------------- */

/*
 * The words the kernel writes into retcode (arch/arm/kernel/sigreturn_codes.S): for ARM
 * "mov r7, #NR; swi #(0x900000 | NR)" (the OABI number keeps old kernels working; an EABI
 * kernel, like us, uses r7), for Thumb "movs r7, #NR; svc #0" in one word.
 */
static void put_retcode(uint8_t *rc, bool thumb, bool rt)
{
    uint32_t nr = rt ? NR_RT_SIGRETURN : NR_SIGRETURN;
    if (thumb) {
        put_guest_u32(rc, 0xdf002700u | nr);
        put_guest_u32(rc + 4, 0);
    } else {
        put_guest_u32(rc, 0xe3a07000u | nr);
        put_guest_u32(rc + 4, 0xef900000u | nr);
    }
    put_guest_u32(rc + 8, 0);
    put_guest_u32(rc + 12, 0);
}

/*
 * sigcontext's trap_no, error_code and fault_address describe the last fault the kernel
 * took for the thread. We fill them for the signal being delivered when it is a fault
 * (the FSR is not modelled: error_code stays 0), and leave them 0 otherwise.
 */
static void put_fault_info(uint8_t *sc, const GuestSiginfo *si)
{
    uint32_t trap_no = 0, addr = 0;
    if (si->kind == GUEST_SI_FAULT && si->code > 0) {
        addr = si->addr;
        trap_no = si->signo == 4 /* SIGILL */ ? TRAP_NO_UNDEF : TRAP_NO_ABORT;
    }
    put_guest_u32(sc + SC_TRAP_NO, trap_no);
    put_guest_u32(sc + SC_ERROR_CODE, 0);
    put_guest_u32(sc + SC_FAULT_ADDRESS, addr);
}

/* The VFP record and the terminator in uc_regspace. */
static void put_vfp(uint8_t *aux, const CPUARMState *env)
{
    put_guest_u32(aux, VFP_MAGIC);
    put_guest_u32(aux + 4, VFP_STORAGE_SIZE);
    for (int i = 0; i < 32; i++) {
        put_guest_u64(aux + VFP_REGS + 8 * i, env->vfp_d[i]);
    }
    put_guest_u32(aux + VFP_FPSCR, env->fpscr);
    put_guest_u32(aux + VFP_FPEXC, env->fpexc);
    put_guest_u32(aux + VFP_FPINST, 0);
    put_guest_u32(aux + VFP_FPINST2, 0);
    put_guest_u32(aux + VFP_STORAGE_SIZE, 0); /* end_magic */
}

/* uc_mcontext, uc_sigmask and uc_regspace (the kernel's setup_sigframe). */
static void put_ucontext_regs(uint8_t *uc, const CPUARMState *env, const GuestSiginfo *si,
                              uint64_t mask)
{
    uint8_t *sc = uc + UC_MCONTEXT;
    put_fault_info(sc, si);
    put_guest_u32(sc + SC_OLDMASK, (uint32_t)mask);
    for (int r = 0; r < 16; r++) {
        put_guest_u32(sc + SC_REG(r), env->regs[r]);
    }
    put_guest_u32(sc + SC_CPSR, arm_cpsr_read(env));
    put_guest_u32(uc + UC_SIGMASK, (uint32_t)mask);
    put_guest_u32(uc + UC_SIGMASK + 4, (uint32_t)(mask >> 32));
    put_vfp(uc + UC_REGSPACE, env);
}

/*
 * Points the registers at the handler (the kernel's setup_return): r0 = signo, sp = the
 * frame, lr = the return code, pc = the handler in the instruction set its bit 0 names.
 * The kernel clears N, Z, C, V, Q and the IT state on entry; GE is kept.
 */
static void enter_handler(CPUARMState *env, const GuestSigaction *ka, int signo,
                          uint32_t frame, bool rt)
{
    bool thumb = ka->handler & 1;
    uint32_t lr;
    if (ka->flags & GUEST_ARM_SA_RESTORER) {
        lr = ka->restorer;
    } else if (thumb) {
        lr = SIGTRAMP_BASE + SIGTRAMP_THUMB_OFF(rt) + 1;
    } else {
        lr = SIGTRAMP_BASE + SIGTRAMP_ARM_OFF(rt);
    }
    env->regs[0] = (uint32_t)signo;
    env->regs[13] = frame;
    env->regs[14] = lr;
    env->regs[15] = ka->handler & ~1u;
    env->thumb = thumb;
    env->condexec = 0;
    arm_cpsr_write_nzcvq(env, env->GE << 16);
    /* Exception entry and return clear the local exclusive monitor. */
    env->exclusive_addr = UINT32_MAX;
}

bool arm_setup_frame(CPUState *cpu, const GuestSiginfo *si, const GuestSigaction *ka,
                     uint64_t saved_mask)
{
    CPUARMState *env = cpu->env;
    bool rt = ka->flags & GUEST_ARM_SA_SIGINFO;
    uint32_t size = rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE;
    uint32_t old_sp = env->regs[13];
    /* ATPCS/AAPCS: the frame, and so the handler's stack, is 8-byte aligned. */
    uint32_t frame = (signal_frame_sp(cpu, ka, old_sp) - size) & ~7u;
    uint8_t *g = sys_guest_ptr(frame, size, PAGE_WRITE);
    if (!g) {
        return false;
    }
    memset(g, 0, size);
    uint8_t *sf = g;
    if (rt) {
        signal_put_siginfo(g, si);
        sf = g + RT_INFO_SIZE;
        put_guest_u32(sf + UC_FLAGS, 0);
        put_guest_u32(sf + UC_LINK, 0);
        signal_put_altstack(sf + UC_STACK, old_sp);
    } else {
        put_guest_u32(sf + UC_FLAGS, SIGFRAME_UC_FLAGS);
    }
    put_ucontext_regs(sf, env, si, saved_mask);
    bool thumb = ka->handler & 1;
    put_retcode(sf + SIGFRAME_RETCODE, thumb, rt);
    uint32_t sf_addr = frame + (uint32_t)(sf - g);
    enter_handler(env, ka, si->signo, frame, rt);
    if (rt) {
        env->regs[1] = frame;   /* &info */
        env->regs[2] = sf_addr; /* &uc */
    }
    return true;
}

/* ---- Returning from the handler -------------------------------------------------------- */

/*
 * A CPSR a frame may ask for, as the kernel's valid_user_regs() checks it: user mode
 * with IRQs enabled (F and A are ignored).
 */
static bool cpsr_valid(uint32_t cpsr)
{
    return (cpsr & CPSR_MODE_MASK) == CPSR_MODE_USR && !(cpsr & CPSR_I);
}

/* Only the user-writable state is taken: NZCVQ, GE, IT, T; E stays 0 (little endian). */
static void restore_cpsr(CPUARMState *env, uint32_t cpsr)
{
    arm_cpsr_write_nzcvq(env, cpsr);
    env->thumb = (cpsr & CPSR_T) != 0;
    env->condexec = ((cpsr >> 25) & 3) | (((cpsr >> 10) & 0x3f) << 2);
}

/* The VFP record (the kernel's restore_vfp_context): magic and size must match. */
static bool vfp_record_valid(const uint8_t *aux)
{
    return get_guest_u32(aux) == VFP_MAGIC && get_guest_u32(aux + 4) == VFP_STORAGE_SIZE;
}

static void restore_vfp(CPUARMState *env, const uint8_t *aux)
{
    for (int i = 0; i < 32; i++) {
        env->vfp_d[i] = get_guest_u64(aux + VFP_REGS + 8 * i);
    }
    /* As a VMSR would write it: reserved bits read as zero. The JIT's inline FP code
     * reads the mode bits from here, so nothing else needs to follow. */
    env->fpscr = get_guest_u32(aux + VFP_FPSCR) & VFP_FPSCR_WRITE_MASK;
    /* The kernel keeps the VFP enabled and drops a pending exception. */
    uint32_t fpexc = get_guest_u32(aux + VFP_FPEXC);
    env->fpexc = (fpexc | FPEXC_EN) & ~(FPEXC_EX | FPEXC_FP2V);
}

/*
 * Restores the registers, VFP state and mask from the sigframe at sf (the kernel's
 * restore_sigframe). Checks everything before changing anything.
 */
static bool restore_sigframe(CPUARMState *env, const uint8_t *sf)
{
    const uint8_t *sc = sf + UC_MCONTEXT;
    const uint8_t *aux = sf + UC_REGSPACE;
    uint32_t cpsr = get_guest_u32(sc + SC_CPSR);
    if (!cpsr_valid(cpsr) || !vfp_record_valid(aux)) {
        return false;
    }
    uint64_t mask = get_guest_u32(sf + UC_SIGMASK) |
                    (uint64_t)get_guest_u32(sf + UC_SIGMASK + 4) << 32;
    signal_set_blocked(mask);
    for (int r = 0; r < 16; r++) {
        env->regs[r] = get_guest_u32(sc + SC_REG(r));
    }
    restore_cpsr(env, cpsr);
    /* Exception return ignores pc[0] in Thumb state, pc[1:0] in ARM state. */
    env->regs[15] &= env->thumb ? ~1u : ~3u;
    restore_vfp(env, aux);
    env->exclusive_addr = UINT32_MAX;
    return true;
}

bool arm_sigreturn(CPUState *cpu, bool rt)
{
    CPUARMState *env = cpu->env;
    uint32_t sp = env->regs[13];
    /* The frame was placed 8-aligned: the kernel treats any other sp as a forged frame. */
    if (sp & 7) {
        return false;
    }
    uint32_t size = rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE;
    const uint8_t *g = sys_guest_ptr(sp, size, PAGE_READ);
    if (!g) {
        return false;
    }
    uint32_t sf_off = rt ? RT_INFO_SIZE : 0;
    if (!restore_sigframe(env, g + sf_off)) {
        return false;
    }
    if (rt) {
        signal_restore_altstack(sp + sf_off + UC_STACK);
    }
    return true;
}

/* The interrupted SVC fails with EINTR instead of being restarted: step over it again. */
void arm_syscall_eintr(CPUState *cpu)
{
    CPUARMState *env = cpu->env;
    env->regs[15] += env->thumb ? 2 : 4;
    env->regs[0] = (uint32_t)-EINTR; /* ARM uses the generic errno numbers */
}
