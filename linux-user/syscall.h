/*
 * Guest system calls. The cpu loop of each guest calls do_syscall() with the guest's
 * syscall number and argument registers; the syscall layer maps the number through the
 * guest ABI's table (linux-user/<arch>/syscall_nr.h) to a generic handler, converts
 * arguments and structs between the guest's layout and byte order and the host's, runs
 * the host syscall and returns the guest result (a negative guest errno on failure).
 *
 * This header also exposes what other runtime modules need from the syscall layer:
 * the guest byte-order accessors, the recorded guest signal dispositions (for signal
 * delivery), per-thread syscall state (set_tid_address pointer, signal mask) and hooks
 * the signal layer can install.
 */
#ifndef XEMU_SYSCALL_H
#define XEMU_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "linux-user/xemu.h"

/*
 * Runs guest syscall `num` (guest ABI number) with up to 8 args; returns the guest
 * result, a negative guest errno on failure. May not return (exit, exit_group).
 */
int32_t do_syscall(CPUState *cpu, int32_t num, const uint32_t args[8]);

/*
 * ARM private syscalls (0x0f0000 + n): breakpoint, cacheflush, usr26, usr32, set_tls,
 * get_tls. Unknown numbers return -ENOSYS.
 */
int32_t arm_private_syscall(CPUState *cpu, int32_t num, const uint32_t args[8]);

/* Returned by do_syscall when the signal layer asks the cpu loop to leave r0 alone
 * (sigreturn restores all registers). Outside the errno range on purpose. */
#define SYS_NO_RESULT ((int32_t)-0x10000)

/* ---- Guest byte order ---------------------------------------------------------- */

/* True for big-endian guests (MIPS eb). Set from cpu->arch on the first syscall. */
extern bool sys_guest_big_endian;

static inline uint16_t get_guest_u16(const void *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return sys_guest_big_endian ? __builtin_bswap16(v) : v;
}

static inline uint32_t get_guest_u32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return sys_guest_big_endian ? __builtin_bswap32(v) : v;
}

static inline uint64_t get_guest_u64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return sys_guest_big_endian ? __builtin_bswap64(v) : v;
}

static inline void put_guest_u16(void *p, uint16_t v)
{
    if (sys_guest_big_endian) {
        v = __builtin_bswap16(v);
    }
    memcpy(p, &v, 2);
}

static inline void put_guest_u32(void *p, uint32_t v)
{
    if (sys_guest_big_endian) {
        v = __builtin_bswap32(v);
    }
    memcpy(p, &v, 4);
}

static inline void put_guest_u64(void *p, uint64_t v)
{
    if (sys_guest_big_endian) {
        v = __builtin_bswap64(v);
    }
    memcpy(p, &v, 8);
}

/* ---- Guest signal state recorded by the syscall layer ---------------------------- */

#define GUEST_NSIG 64 /* signals 1..64 are recorded (MIPS numbers up to 127 are not) */

/* SIG_DFL / SIG_IGN as guest handler values (same for ARM and MIPS). */
#define GUEST_SIG_DFL 0u
#define GUEST_SIG_IGN 1u

/* One guest disposition, as the guest set it (guest flag bits, guest signal numbers). */
typedef struct GuestSigaction {
    uint32_t handler;  /* GUEST_SIG_DFL, GUEST_SIG_IGN or a guest function address */
    uint32_t flags;    /* guest SA_* bits */
    uint32_t restorer; /* SA_RESTORER trampoline (ARM), 0 if none */
    uint64_t mask;     /* bit (n-1) blocks guest signal n while the handler runs */
} GuestSigaction;

/* SA_RESETHAND: back to SIG_DFL. */
void sys_reset_sigaction(int sig);
/* At start-up: the guest inherits an ignored signal. */
void sys_set_initial_ignored(int sig);

/* Recorded disposition of guest signal sig (1..GUEST_NSIG); NULL for bad numbers. */
const GuestSigaction *sys_get_sigaction(int sig);

/* Guest sigaltstack record. */
typedef struct GuestSigAltStack {
    uint32_t sp;
    uint32_t flags; /* guest SS_* bits */
    uint32_t size;
} GuestSigAltStack;

/* Per-thread syscall state. */
typedef struct SysThreadState {
    uint32_t clear_child_tid; /* set_tid_address / CLONE_CHILD_CLEARTID pointer */
    uint32_t robust_list;     /* set_robust_list head (recorded, not used) */
    uint32_t robust_list_len;
    uint64_t sigmask;         /* guest blocked-signal mask, bit (n-1) = signal n */
    GuestSigAltStack altstack;
} SysThreadState;

extern __thread SysThreadState sys_thread;

/*
 * Hooks for the signal layer (NULL until it installs them):
 *  - sigaction_changed: called after a guest disposition changed;
 *  - sigreturn / rt_sigreturn: restore the guest frame and return SYS_NO_RESULT;
 *  - sigmask_changed: called after rt_sigprocmask/sigprocmask changed the mask.
 * Without them, the syscall layer only applies SIG_IGN/SIG_DFL to the host for
 * signals xemu does not use itself, and sigreturn returns -ENOSYS.
 */
typedef struct SysSignalHooks {
    void (*sigaction_changed)(int guest_sig);
    int32_t (*sigreturn)(CPUState *cpu);
    int32_t (*rt_sigreturn)(CPUState *cpu);
    void (*sigmask_changed)(void);
} SysSignalHooks;
extern SysSignalHooks sys_signal_hooks;

/* Host and guest errno and signal numbering (identity for ARM). */
int sys_host_to_guest_errno(int host_errno);
int sys_guest_to_host_signal(int guest_sig);
int sys_host_to_guest_signal(int host_sig);

/* After loading: keep the guest auxv for /proc/self/auxv (proc.c). */
void sys_proc_save_auxv(void);

/* Guest name of syscall `num`, or NULL (used by strace and -d unimp). */
const char *sys_syscall_name(int32_t num);

#endif
