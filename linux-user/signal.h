/*
 * Guest signal delivery: the interface between the generic signal layer
 * (linux-user/signal.c) and each architecture's signal frames
 * (linux-user/<arch>/signal.c).
 *
 * The generic layer queues guest signals per thread (host signals caught by xemu's
 * handler, and synchronous faults raised by the cpu loops), picks the next deliverable
 * one at a TB boundary or after a syscall, applies default actions, and for a guest
 * handler calls the architecture's setup_frame. The architecture builds the kernel's
 * signal frame on the guest stack (sigframe or rt_sigframe with siginfo and ucontext),
 * points the guest registers at the handler, and on sigreturn/rt_sigreturn reads the
 * frame back. Both sides use guest signal numbers and guest SA_* bits throughout.
 */
#ifndef XEMU_SIGNAL_H
#define XEMU_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "linux-user/syscall.h"
#include "linux-user/xemu.h"

/* Which member of siginfo's union is meaningful (the kernel's __SI_* classes). */
typedef enum GuestSiKind {
    GUEST_SI_KILL,  /* pid, uid */
    GUEST_SI_TIMER, /* timerid, overrun, value */
    GUEST_SI_RT,    /* pid, uid, value */
    GUEST_SI_CHLD,  /* pid, uid, status, utime, stime */
    GUEST_SI_FAULT, /* addr */
    GUEST_SI_POLL,  /* band, fd */
    GUEST_SI_SYS,   /* addr (call_addr), syscall, arch */
} GuestSiKind;

/* A guest siginfo, independent of the guest's layout. Numbers are guest numbers. */
typedef struct GuestSiginfo {
    int32_t signo;
    int32_t code;   /* si_code in the guest's numbering (SI_TIMER differs on MIPS) */
    int32_t errno_; /* guest errno */
    GuestSiKind kind;
    uint32_t pid, uid;
    int32_t status;
    uint32_t utime, stime;
    uint32_t addr;
    uint32_t value; /* sigval: int or guest pointer */
    uint32_t timerid, overrun;
    uint32_t band;
    int32_t fd;
} GuestSiginfo;

/* Guest sigaction flag bits common to ARM and MIPS. */
#define GUEST_SA_NOCLDSTOP 0x00000001u
#define GUEST_SA_ONSTACK 0x08000000u
#define GUEST_SA_RESTART 0x10000000u
#define GUEST_SA_NODEFER 0x40000000u
#define GUEST_SA_RESETHAND 0x80000000u
/* Differ: ARM SA_SIGINFO 4, SA_RESTORER 0x04000000; MIPS SA_SIGINFO 8, no restorer. */
#define GUEST_ARM_SA_SIGINFO 0x00000004u
#define GUEST_ARM_SA_RESTORER 0x04000000u
#define GUEST_MIPS_SA_SIGINFO 0x00000008u

/* Guest stack_t ss_flags. */
#define GUEST_SS_ONSTACK 1u
#define GUEST_SS_DISABLE 2u
#define GUEST_SS_AUTODISARM (1u << 31)

/* ---- What each architecture provides (in its GuestArch) ---------------------------

 * bool setup_frame(CPUState *cpu, const GuestSiginfo *si, const GuestSigaction *ka,
 *                  uint64_t saved_mask);
 *   Builds the frame for running handler ka->handler for si->signo: an rt frame with
 *   siginfo and ucontext when ka has SA_SIGINFO, else the old-style sigframe. saved_mask
 *   is the blocked mask to store in the frame (restored by sigreturn). Picks the stack
 *   with signal_frame_sp(). Sets the registers (pc, sp, args, return address: ARM lr =
 *   sa_restorer with SA_RESTORER, else a trampoline; MIPS ra = trampoline) so that the
 *   next cpu_exec runs the handler. Returns false if the frame could not be written
 *   (the generic layer then forces SIGSEGV, as the kernel does).
 *
 * bool sigreturn(CPUState *cpu, bool rt);
 *   sigreturn (rt false) or rt_sigreturn (rt true): reads the frame at the guest sp,
 *   restores every register, calls signal_set_blocked() with the saved mask and, for
 *   rt, signal_restore_altstack() with the guest address of uc_stack. Returns false for
 *   a bad frame (unreadable): the generic layer forces SIGSEGV.
 *
 * void syscall_eintr(CPUState *cpu);
 *   The cpu loop rewound the pc to restart an interrupted syscall (see
 *   SYS_ERESTARTSYS); a handler without SA_RESTART is being run instead: move the pc
 *   past the syscall instruction again and set the syscall result to -EINTR.
 */

/* ---- What the generic layer provides to the architectures --------------------------- */

/*
 * Top of the stack for a new frame: the alternate stack when ka has SA_ONSTACK, one is
 * set up, and sp is not already on it; otherwise sp. (SS_AUTODISARM is applied.)
 */
uint32_t signal_frame_sp(CPUState *cpu, const GuestSigaction *ka, uint32_t sp);
/* True if sp is on this thread's alternate signal stack. */
bool signal_on_altstack(uint32_t sp);
/* Writes the thread's sigaltstack as a guest stack_t (uc_stack), for the frame. */
void signal_put_altstack(void *g, uint32_t sp);
/* rt_sigreturn: re-applies the uc_stack at guest address addr (errors ignored). */
void signal_restore_altstack(uint32_t addr);
/* Sets the thread's blocked mask (SIGKILL/SIGSTOP stay unblocked). */
void signal_set_blocked(uint64_t mask);
/* Writes si as a 128-byte guest siginfo_t (ARM: signo, errno, code; MIPS: signo,
 * code, errno), in guest byte order. */
void signal_put_siginfo(void *g, const GuestSiginfo *si);
/* True if the guest ABI is MIPS (siginfo order, SA_SIGINFO value). */
bool signal_abi_is_mips(void);

/* ---- Used by the cpu loops and the syscall layer ------------------------------------ */

typedef struct SigState SigState;

/* A new CPU's signal state (empty queue). */
void signal_cpu_init(CPUState *cpu);
/* Per host thread: the alternate stack xemu's own fault handler runs on. */
void signals_thread_init(void);
void signals_thread_exit(void); /* with host signals blocked */

/* Queues a synchronous signal (a fault at the current insn) for this thread. */
void signal_force(CPUState *cpu, int guest_sig, int code, uint32_t addr);
/*
 * Delivers what is pending and not blocked: default actions, or a handler frame. Called
 * by the cpu loops after every cpu_exec return and syscall. Cheap when nothing is
 * pending.
 */
void signal_process_pending(CPUState *cpu);
/* True if a signal is pending and not blocked in this thread (a syscall about to block
 * returns -ERESTARTSYS instead, so it is handled first). */
bool signal_pending_unblocked(CPUState *cpu);

/*
 * do_syscall results asking the cpu loop to restart the syscall: it rewinds the pc to
 * the syscall instruction and leaves the argument registers as they were. If a handler
 * is then run, the generic layer decides (SA_RESTART for ERESTARTSYS; never for
 * ERESTARTNOHAND) and calls arch syscall_eintr() when the call must fail with EINTR.
 */
#define SYS_ERESTARTSYS ((int32_t)-0x10001)
#define SYS_ERESTARTNOHAND ((int32_t)-0x10002)
/* The syscall did not run at all (a signal was already pending): always restarted. */
#define SYS_ERESTART_NOINTR ((int32_t)-0x10003)
static inline bool sys_is_restart(int32_t r)
{
    return r == SYS_ERESTARTSYS || r == SYS_ERESTARTNOHAND || r == SYS_ERESTART_NOINTR;
}

/*
 * sigsuspend, ppoll, pselect6, epoll_pwait: the guest mask is `mask` until the call
 * returns. signal_temp_mask_end() restores the real mask now, or, when a signal is about
 * to be delivered, lets the handler's frame save the real one (sigreturn restores it).
 */
void signal_temp_mask(CPUState *cpu, uint64_t mask);
void signal_temp_mask_end(CPUState *cpu);
/* Guest signals queued for this thread (for sigpending). */
uint64_t signal_queued_set(CPUState *cpu);
/* Takes the first queued signal in set (sigtimedwait, signalfd-like uses). */
bool signal_take(CPUState *cpu, uint64_t set, GuestSiginfo *out);
/* sigsuspend: waits with the guest mask `mask` until a signal is deliverable: -EINTR. */
int64_t signal_suspend(CPUState *cpu, uint64_t mask);
/* rt_sigtimedwait: the guest signal taken (and *out), or -EAGAIN / -EINTR. */
int64_t signal_timedwait(CPUState *cpu, uint64_t set, GuestSiginfo *out,
                         const struct timespec *timeout);
/* A guest siginfo_t (rt_sigqueueinfo) as the host siginfo_t for host signal host_sig. */
void signal_get_host_siginfo(void *host_siginfo, const void *g, int host_sig);
/* Host mask for a guest mask, and back (SIGSEGV/SIGBUS never in a host mask). */
uint64_t signal_host_mask(uint64_t guest_mask);
uint64_t signal_guest_mask(uint64_t host_mask);

/* ---- The architectures' entry points (wired into their GuestArch) ------------------ */

bool arm_setup_frame(CPUState *cpu, const GuestSiginfo *si, const GuestSigaction *ka,
                     uint64_t saved_mask);
bool arm_sigreturn(CPUState *cpu, bool rt);
void arm_syscall_eintr(CPUState *cpu);
bool mips_setup_frame(CPUState *cpu, const GuestSiginfo *si, const GuestSigaction *ka,
                      uint64_t saved_mask);
bool mips_sigreturn(CPUState *cpu, bool rt);
void mips_syscall_eintr(CPUState *cpu);

#endif
