/*
 * Guest signal system calls: rt_sigaction/sigaction record the guest's dispositions in a
 * table (sys_get_sigaction() gives them to the signal layer), rt_sigprocmask/sigprocmask
 * keep the guest's blocked mask per thread, sigaltstack records the alternate stack;
 * the signal layer (signal.c) is told through sys_signal_hooks and mirrors them on the
 * host. sigpending, sigsuspend, sigtimedwait and sigqueueinfo use the signal layer's
 * queue. Without hooks (unit tests), SIG_IGN/SIG_DFL are applied to the host directly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/signal.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

static GMutex sys_sig_lock;
static GuestSigaction sys_sigactions[GUEST_NSIG + 1];

const GuestSigaction *sys_get_sigaction(int sig)
{
    if (sig < 1 || sig > GUEST_NSIG) {
        return NULL;
    }
    return &sys_sigactions[sig];
}

/* Host signals xemu handles itself (faults) or that cannot be caught. */
static bool sys_host_sig_reserved(int host_sig)
{
    switch (host_sig) {
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
    case SIGKILL: case SIGSTOP:
        return true;
    default:
        return host_sig <= 0 || host_sig >= SIGRTMIN; /* glibc keeps 32, 33 for itself */
    }
}

static void sys_apply_to_host(int guest_sig, const GuestSigaction *sa)
{
    if (sys_signal_hooks.sigaction_changed) {
        sys_signal_hooks.sigaction_changed(guest_sig);
        return;
    }
    int host_sig = sys_guest_to_host_signal(guest_sig);
    if (sys_host_sig_reserved(host_sig)) {
        return;
    }
    struct sigaction hsa;
    memset(&hsa, 0, sizeof hsa);
    sigemptyset(&hsa.sa_mask);
    hsa.sa_handler = sa->handler == GUEST_SIG_IGN ? SIG_IGN : SIG_DFL;
    sigaction(host_sig, &hsa, NULL);
}

static bool sys_sig_uncatchable(int guest_sig)
{
    int h = sys_guest_to_host_signal(guest_sig);
    return h == SIGKILL || h == SIGSTOP;
}

/* Reads act (if any) before writing oact: they may be the same buffer. */
static int64_t sys_do_sigaction(int sig, uint32_t act, uint32_t oact, bool old_abi)
{
    uint32_t size = old_abi ? sys_abi->old_sigaction_size : sys_abi->sigaction_size;
    const uint8_t *ga = NULL;
    uint8_t *go = NULL;
    GuestSigaction nsa;

    if (sig < 1 || sig > GUEST_NSIG || (act && sys_sig_uncatchable(sig))) {
        return SYS_ERR(EINVAL);
    }
    if (act && !(ga = sys_guest_ptr(act, size, PAGE_READ))) {
        return SYS_ERR(EFAULT);
    }
    if (oact && !(go = sys_guest_ptr(oact, size, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    if (ga) {
        memset(&nsa, 0, sizeof nsa);
        if (old_abi) {
            sys_abi->get_old_sigaction(&nsa, ga);
        } else {
            sys_abi->get_sigaction(&nsa, ga);
        }
    }
    g_mutex_lock(&sys_sig_lock);
    GuestSigaction osa = sys_sigactions[sig];
    if (ga) {
        sys_sigactions[sig] = nsa;
    }
    g_mutex_unlock(&sys_sig_lock);
    if (go) {
        if (old_abi) {
            sys_abi->put_old_sigaction(go, &osa);
        } else {
            sys_abi->put_sigaction(go, &osa);
        }
    }
    if (ga) {
        sys_apply_to_host(sig, &nsa);
    }
    return 0;
}

/* rt_sigaction(sig, act, oact, sigsetsize) */
int64_t sys_rt_sigaction(CPUState *cpu, const uint32_t *args)
{
    if (args[3] != sys_abi->sigset_size) {
        return SYS_ERR(EINVAL);
    }
    return sys_do_sigaction((int)args[0], args[1], args[2], false);
}

int64_t sys_sigaction(CPUState *cpu, const uint32_t *args)
{
    if (!sys_abi->old_sigaction_size) {
        return SYS_ERR(ENOSYS);
    }
    return sys_do_sigaction((int)args[0], args[1], args[2], true);
}

/* SIGKILL and SIGSTOP can never be blocked. */
static uint64_t sys_blockable(uint64_t mask)
{
    for (int s = 1; s <= GUEST_NSIG; s++) {
        if (sys_sig_uncatchable(s)) {
            mask &= ~(1ull << (s - 1));
        }
    }
    return mask;
}

static int sys_update_mask(int how, uint64_t set)
{
    switch (how - sys_abi->sigmask_how_base) {
    case 0:
        sys_thread.sigmask |= set;
        break;
    case 1:
        sys_thread.sigmask &= ~set;
        break;
    case 2:
        sys_thread.sigmask = set;
        break;
    default:
        return -EINVAL;
    }
    sys_thread.sigmask = sys_blockable(sys_thread.sigmask);
    if (sys_signal_hooks.sigmask_changed) {
        sys_signal_hooks.sigmask_changed();
    }
    return 0;
}

/* Guest sigsets: 32-bit words, signal n is bit (n-1) % 32 of word (n-1) / 32. */
static uint64_t sys_get_sigset(const uint8_t *g)
{
    return get_guest_u32(g) | ((uint64_t)get_guest_u32(g + 4) << 32);
}

static void sys_put_sigset(uint8_t *g, uint64_t set, uint32_t size)
{
    memset(g, 0, size);
    put_guest_u32(g, (uint32_t)set);
    put_guest_u32(g + 4, (uint32_t)(set >> 32));
}

/* rt_sigprocmask(how, set, oset, sigsetsize) */
int64_t sys_rt_sigprocmask(CPUState *cpu, const uint32_t *args)
{
    uint32_t size = sys_abi->sigset_size;
    const uint8_t *gs = NULL;
    uint8_t *go = NULL;
    if (args[3] != size) {
        return SYS_ERR(EINVAL);
    }
    if (args[1] && !(gs = sys_guest_ptr(args[1], size, PAGE_READ))) {
        return SYS_ERR(EFAULT);
    }
    if (args[2] && !(go = sys_guest_ptr(args[2], size, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    uint64_t old = sys_thread.sigmask;
    if (gs) {
        int e = sys_update_mask((int)args[0], sys_get_sigset(gs));
        if (e) {
            return e;
        }
    }
    if (go) {
        sys_put_sigset(go, old, size);
    }
    return 0;
}

/* sigprocmask(how, old_sigset_t *set, old_sigset_t *oset): one 32-bit word. */
int64_t sys_sigprocmask(CPUState *cpu, const uint32_t *args)
{
    uint8_t *gs = NULL, *go = NULL;
    if (args[1] && !(gs = sys_guest_ptr(args[1], 4, PAGE_READ))) {
        return SYS_ERR(EFAULT);
    }
    if (args[2] && !(go = sys_guest_ptr(args[2], 4, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    uint64_t old = sys_thread.sigmask;
    if (gs) {
        uint64_t set = get_guest_u32(gs);
        int how = (int)args[0] - sys_abi->sigmask_how_base;
        if (how == 2) {
            /* SETMASK replaces only the first word. */
            set |= sys_thread.sigmask & ~0xffffffffull;
        }
        int e = sys_update_mask((int)args[0], set);
        if (e) {
            return e;
        }
    }
    if (go) {
        put_guest_u32(go, (uint32_t)old);
    }
    return 0;
}


/* sigaltstack(const stack_t *ss, stack_t *oss) */
int64_t sys_sigaltstack(CPUState *cpu, const uint32_t *args)
{
    const uint8_t *gs = NULL;
    uint8_t *go = NULL;
    uint32_t fo = sys_abi->altstack_flags_off, so = sys_abi->altstack_size_off;
    if (args[0] && !(gs = sys_guest_ptr(args[0], 12, PAGE_READ))) {
        return SYS_ERR(EFAULT);
    }
    if (args[1] && !(go = sys_guest_ptr(args[1], 12, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    GuestSigAltStack old = sys_thread.altstack;
    uint32_t sp = cpu ? *(uint32_t *)((char *)cpu->env + cpu->arch->sp_env_off) : 0;
    bool on = signal_on_altstack(sp);
    if (old.size == 0) {
        old.flags = GUEST_SS_DISABLE;
    } else if (on) {
        old.flags |= GUEST_SS_ONSTACK;
    }
    if (gs && on) {
        return SYS_ERR(EPERM);
    }
    if (gs) {
        GuestSigAltStack ns = {
            .sp = get_guest_u32(gs),
            .flags = get_guest_u32(gs + fo),
            .size = get_guest_u32(gs + so),
        };
        uint32_t mode = ns.flags & ~GUEST_SS_AUTODISARM;
        if (mode != 0 && mode != GUEST_SS_ONSTACK && mode != GUEST_SS_DISABLE) {
            return SYS_ERR(EINVAL);
        }
        if (mode == GUEST_SS_DISABLE) {
            ns.sp = 0;
            ns.size = 0;
            ns.flags = GUEST_SS_DISABLE;
        } else if (ns.size < sys_abi->minsigstksz) {
            return SYS_ERR(ENOMEM);
        } else {
            ns.flags &= GUEST_SS_AUTODISARM;
        }
        sys_thread.altstack = ns;
    }
    if (go) {
        put_guest_u32(go, old.sp);
        put_guest_u32(go + fo, old.flags);
        put_guest_u32(go + so, old.size);
    }
    return 0;
}

/* Pending: queued in xemu, or held blocked by the host kernel (the mirrored mask). */
static uint64_t sys_pending_set(CPUState *cpu)
{
    sigset_t hs;
    uint64_t host = 0;
    if (sigpending(&hs) == 0) {
        for (int h = 1; h <= 64; h++) {
            if (sigismember(&hs, h) == 1) {
                host |= 1ull << (h - 1);
            }
        }
    }
    return (signal_queued_set(cpu) | signal_guest_mask(host)) & sys_thread.sigmask;
}

int64_t sys_rt_sigpending(CPUState *cpu, const uint32_t *args)
{
    if (args[1] != sys_abi->sigset_size) {
        return SYS_ERR(EINVAL);
    }
    uint8_t *g = sys_guest_ptr(args[0], args[1], PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    sys_put_sigset(g, sys_pending_set(cpu), args[1]);
    return 0;
}

/* sigpending(old_sigset_t *): ARM; MIPS o32 passes a full sigset_t. */
int64_t sys_sigpending(CPUState *cpu, const uint32_t *args)
{
    uint32_t size = signal_abi_is_mips() ? sys_abi->sigset_size : 4;
    uint8_t *g = sys_guest_ptr(args[0], size, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    sys_put_sigset(g, sys_pending_set(cpu), size);
    return 0;
}

/* rt_sigsuspend(const sigset_t *mask, size) */
int64_t sys_rt_sigsuspend(CPUState *cpu, const uint32_t *args)
{
    if (args[1] != sys_abi->sigset_size) {
        return SYS_ERR(EINVAL);
    }
    const uint8_t *g = sys_guest_ptr(args[0], args[1], PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    return signal_suspend(cpu, sys_blockable(sys_get_sigset(g)));
}

/* sigsuspend: ARM (restart, oldmask, old_sigset_t mask); MIPS o32 (sigset_t *mask). */
int64_t sys_sigsuspend(CPUState *cpu, const uint32_t *args)
{
    uint64_t mask;
    if (signal_abi_is_mips()) {
        const uint8_t *g = sys_guest_ptr(args[0], sys_abi->sigset_size, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        mask = sys_get_sigset(g);
    } else {
        mask = (sys_thread.sigmask & ~0xffffffffull) | args[2];
    }
    return signal_suspend(cpu, sys_blockable(mask));
}

/* rt_sigtimedwait(const sigset_t *set, siginfo_t *info, const timespec *tmo, size) */
static int64_t sys_do_sigtimedwait(CPUState *cpu, const uint32_t *args, bool time64)
{
    if (args[3] != sys_abi->sigset_size) {
        return SYS_ERR(EINVAL);
    }
    const uint8_t *gs = sys_guest_ptr(args[0], args[3], PAGE_READ);
    uint8_t *gi = NULL;
    if (!gs || (args[1] && !(gi = sys_guest_ptr(args[1], 128, PAGE_WRITE)))) {
        return SYS_ERR(EFAULT);
    }
    struct timespec ts, *tsp = NULL;
    if (args[2]) {
        const uint8_t *gt = sys_guest_ptr(args[2], time64 ? 16 : 8, PAGE_READ);
        if (!gt) {
            return SYS_ERR(EFAULT);
        }
        ts.tv_sec = time64 ? (int64_t)get_guest_u64(gt) : (int32_t)get_guest_u32(gt);
        ts.tv_nsec = time64 ? (long)get_guest_u64(gt + 8) : (int32_t)get_guest_u32(gt + 4);
        tsp = &ts;
    }
    GuestSiginfo si;
    int64_t r = signal_timedwait(cpu, sys_get_sigset(gs), &si, tsp);
    if (r > 0 && gi) {
        signal_put_siginfo(gi, &si);
    }
    return r;
}

int64_t sys_rt_sigtimedwait(CPUState *cpu, const uint32_t *args)
{
    return sys_do_sigtimedwait(cpu, args, false);
}

int64_t sys_rt_sigtimedwait_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_sigtimedwait(cpu, args, true);
}

/* rt_sigqueueinfo(tgid, sig, siginfo_t *) and rt_tgsigqueueinfo(tgid, tid, sig, info) */
static int64_t sys_do_sigqueueinfo(pid_t tgid, pid_t tid, uint32_t sig, uint32_t info)
{
    const uint8_t *g = sys_guest_ptr(info, 128, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    int h = sig ? sys_guest_to_host_signal((int)sig) : 0;
    if (h < 0) {
        return SYS_ERR(EINVAL);
    }
    siginfo_t hi;
    signal_get_host_siginfo(&hi, g, h);
    long r = tid ? syscall(SYS_rt_tgsigqueueinfo, tgid, tid, h, &hi)
                 : syscall(SYS_rt_sigqueueinfo, tgid, h, &hi);
    return SYS_RET(r);
}

int64_t sys_rt_sigqueueinfo(CPUState *cpu, const uint32_t *args)
{
    return sys_do_sigqueueinfo((pid_t)args[0], 0, args[1], args[2]);
}

int64_t sys_rt_tgsigqueueinfo(CPUState *cpu, const uint32_t *args)
{
    return sys_do_sigqueueinfo((pid_t)args[0], (pid_t)args[1], args[2], args[3]);
}

void sys_reset_sigaction(int sig)
{
    g_mutex_lock(&sys_sig_lock);
    sys_sigactions[sig] = (GuestSigaction){ 0 };
    g_mutex_unlock(&sys_sig_lock);
    sys_apply_to_host(sig, &sys_sigactions[sig]);
}

void sys_set_initial_ignored(int sig)
{
    sys_sigactions[sig].handler = GUEST_SIG_IGN;
}

int64_t sys_sigreturn(CPUState *cpu, const uint32_t *args)
{
    if (sys_signal_hooks.sigreturn) {
        return sys_signal_hooks.sigreturn(cpu);
    }
    return SYS_ERR(ENOSYS);
}

int64_t sys_rt_sigreturn(CPUState *cpu, const uint32_t *args)
{
    if (sys_signal_hooks.rt_sigreturn) {
        return sys_signal_hooks.rt_sigreturn(cpu);
    }
    return SYS_ERR(ENOSYS);
}

int sys_temp_sigmask_begin(CPUState *cpu, uint32_t addr, uint32_t size)
{
    if (!addr) {
        return 0;
    }
    if (size != sys_abi->sigset_size) {
        return -EINVAL;
    }
    const uint8_t *g = sys_guest_ptr(addr, size, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    if (cpu) {
        signal_temp_mask(cpu, sys_blockable(sys_get_sigset(g)));
    }
    return 1;
}

void sys_temp_sigmask_end(CPUState *cpu, int applied)
{
    if (applied > 0 && cpu) {
        signal_temp_mask_end(cpu);
    }
}
