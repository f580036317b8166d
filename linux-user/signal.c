/*
 * Guest signals: host signal handlers, per-thread pending queues, and delivery to guest
 * handlers at TB boundaries (SIGNAL-CORE: delivery implemented).
 *
 * The host kernel does most of the work. Each thread's host signal mask mirrors its guest
 * mask, and each guest disposition becomes a host one: SIG_IGN and SIG_DFL where the
 * default is to ignore, stop or terminate without a core stay with the host kernel, which
 * then routes, blocks, queues, stops and kills exactly as Linux does for the guest. Guest
 * handlers (and the core-dumping defaults, so xemu itself never dumps core) get
 * host_async_handler, which converts the host siginfo, queues it on the receiving thread
 * and asks that thread to leave generated code (cpu_exit). The cpu loop then calls
 * signal_process_pending(), which builds the architecture's frame (guest_arch->
 * setup_frame) or applies the default action.
 *
 * SIGSEGV and SIGBUS are special: xemu needs them for guest memory faults, so they are
 * never blocked on the host and a guest's mask or disposition for them is applied here.
 * A host fault in generated code is a synchronous guest fault (signal_force), which like
 * the kernel's force_sig ignores the guest's blocking and SIG_IGN.
 *
 * Interrupted syscalls: host handlers are installed without SA_RESTART, so a blocking
 * host call returns EINTR; do_syscall turns that into SYS_ERESTARTSYS/NOHAND, the cpu
 * loop rewinds the guest pc to the syscall insn, and delivery here decides between
 * restarting and failing with EINTR (guest_arch->syscall_eintr), as the kernel does.
 *
 * All signal plumbing uses raw syscalls: glibc refuses host signals 32 and 33 (its
 * internal SIGCANCEL/SIGSETXID), which guest real-time signals map onto.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/signal.h"
#include "linux-user/syscall_int.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

__thread CPUState *thread_cpu;

#define SIGQ_MAX 64

/* Pending guest signals of one thread. Only that thread touches it (host handlers run
 * on it too), with host signals blocked around every update from normal context. */
struct SigState {
    unsigned nq;
    GuestSiginfo q[SIGQ_MAX]; /* arrival order; one entry per standard signal */
    bool forced;              /* q[0] is a synchronous fault: delivered first, always */
    bool temp_mask;           /* sigsuspend/ppoll: sys_thread.sigmask is temporary */
    uint64_t saved_mask;      /* the real mask while temp_mask */
};

#define SIGBIT(s) (1ull << ((s) - 1))
#define GUEST_SIGRTMIN 32

/* ---- Raw host signal calls ------------------------------------------------------- */

typedef struct HostSigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
} HostSigaction;

#define HOST_SA_RESTORER 0x04000000

void xemu_sigreturn_trampoline(void);
__asm__(".text\n"
        ".globl xemu_sigreturn_trampoline\n"
        ".type xemu_sigreturn_trampoline, @function\n"
        "xemu_sigreturn_trampoline:\n"
        "    mov $15, %eax\n" /* __NR_rt_sigreturn */
        "    syscall\n"
        "    hlt\n");

static int host_sigaction(int sig, void *handler, unsigned long flags, uint64_t mask)
{
    HostSigaction sa = { handler, flags | HOST_SA_RESTORER, xemu_sigreturn_trampoline, mask };
    return (int)syscall(SYS_rt_sigaction, sig, &sa, NULL, 8);
}

static void host_sigmask(int how, uint64_t set, uint64_t *old)
{
    syscall(SYS_rt_sigprocmask, how, &set, old, 8);
}

static bool host_sig_is_fault(int h)
{
    return h == SIGSEGV || h == SIGBUS;
}

/* The host mask that mirrors guest mask m (SIGSEGV/SIGBUS are never blocked on the host). */
static uint64_t host_mask_of(uint64_t m)
{
    uint64_t h = 0;
    for (int s = 1; s <= GUEST_NSIG; s++) {
        if (m & SIGBIT(s)) {
            int hs = sys_guest_to_host_signal(s);
            if (hs > 0 && hs <= 64 && !host_sig_is_fault(hs)) {
                h |= SIGBIT(hs);
            }
        }
    }
    return h;
}

static uint64_t guest_mask_of(uint64_t h)
{
    uint64_t g = 0;
    for (int hs = 1; hs <= 64; hs++) {
        if (h & SIGBIT(hs)) {
            int s = sys_host_to_guest_signal(hs);
            if (s >= 1 && s <= GUEST_NSIG) {
                g |= SIGBIT(s);
            }
        }
    }
    return g;
}

uint64_t signal_host_mask(uint64_t guest_mask)
{
    return host_mask_of(guest_mask);
}

uint64_t signal_guest_mask(uint64_t host_mask)
{
    return guest_mask_of(host_mask);
}

static void apply_host_mask(void)
{
    host_sigmask(SIG_SETMASK, host_mask_of(sys_thread.sigmask), NULL);
}

/* ---- siginfo --------------------------------------------------------------------- */

bool signal_abi_is_mips(void)
{
    return sys_abi_is_o32();
}

/* Host si_code -> guest: the negative SI_* codes are numbered differently on MIPS. */
static int si_code_to_guest(int code)
{
    if (!signal_abi_is_mips()) {
        return code;
    }
    switch (code) {
    case SI_TIMER: return -3;
    case SI_MESGQ: return -4;
    case SI_ASYNCIO: return -2;
    default: return code;
    }
}

static int si_code_to_host(int code)
{
    if (!signal_abi_is_mips()) {
        return code;
    }
    switch (code) {
    case -3: return SI_TIMER;
    case -4: return SI_MESGQ;
    case -2: return SI_ASYNCIO;
    default: return code;
    }
}

/* The kernel's siginfo_layout(). */
static GuestSiKind si_kind(int host_sig, int code)
{
    if (code > SI_USER && code < SI_KERNEL && host_sig < 32) {
        switch (host_sig) {
        case SIGCHLD: return GUEST_SI_CHLD;
        case SIGILL: case SIGFPE: case SIGSEGV: case SIGBUS: case SIGTRAP:
            return GUEST_SI_FAULT;
        case SIGPOLL: return GUEST_SI_POLL;
        case SIGSYS: return GUEST_SI_SYS;
        default: return GUEST_SI_KILL;
        }
    }
    if (code == SI_TIMER) {
        return GUEST_SI_TIMER;
    }
    if (code == SI_SIGIO) {
        return GUEST_SI_POLL;
    }
    return code < 0 ? GUEST_SI_RT : GUEST_SI_KILL;
}

static void siginfo_from_host(GuestSiginfo *si, int guest_sig, const siginfo_t *h)
{
    memset(si, 0, sizeof *si);
    si->signo = guest_sig;
    si->code = si_code_to_guest(h->si_code);
    si->errno_ = h->si_errno ? sys_host_to_guest_errno(h->si_errno) : 0;
    si->kind = si_kind(h->si_signo, h->si_code);
    switch (si->kind) {
    case GUEST_SI_KILL:
        si->pid = (uint32_t)h->si_pid;
        si->uid = h->si_uid;
        break;
    case GUEST_SI_TIMER:
        si->timerid = (uint32_t)h->si_timerid;
        si->overrun = (uint32_t)h->si_overrun;
        si->value = (uint32_t)(uintptr_t)h->si_value.sival_ptr;
        break;
    case GUEST_SI_RT:
        si->pid = (uint32_t)h->si_pid;
        si->uid = h->si_uid;
        si->value = (uint32_t)(uintptr_t)h->si_value.sival_ptr;
        break;
    case GUEST_SI_CHLD:
        si->pid = (uint32_t)h->si_pid;
        si->uid = h->si_uid;
        si->status = h->si_status;
        if (h->si_code == CLD_KILLED || h->si_code == CLD_DUMPED ||
            h->si_code == CLD_STOPPED || h->si_code == CLD_TRAPPED) {
            si->status = sys_host_to_guest_signal(h->si_status);
        }
        si->utime = (uint32_t)h->si_utime;
        si->stime = (uint32_t)h->si_stime;
        break;
    case GUEST_SI_FAULT:
    case GUEST_SI_SYS:
        si->addr = h2g_valid(h->si_addr) ? h2g(h->si_addr) : 0;
        break;
    case GUEST_SI_POLL:
        si->band = (uint32_t)h->si_band;
        si->fd = h->si_fd;
        break;
    }
}

void signal_put_siginfo(void *g, const GuestSiginfo *si)
{
    uint8_t *p = g;
    memset(p, 0, 128);
    put_guest_u32(p, (uint32_t)si->signo);
    if (signal_abi_is_mips()) {
        put_guest_u32(p + 4, (uint32_t)si->code);
        put_guest_u32(p + 8, (uint32_t)si->errno_);
    } else {
        put_guest_u32(p + 4, (uint32_t)si->errno_);
        put_guest_u32(p + 8, (uint32_t)si->code);
    }
    uint8_t *u = p + 12;
    switch (si->kind) {
    case GUEST_SI_KILL:
        put_guest_u32(u, si->pid);
        put_guest_u32(u + 4, si->uid);
        break;
    case GUEST_SI_TIMER:
        put_guest_u32(u, si->timerid);
        put_guest_u32(u + 4, si->overrun);
        put_guest_u32(u + 8, si->value);
        break;
    case GUEST_SI_RT:
        put_guest_u32(u, si->pid);
        put_guest_u32(u + 4, si->uid);
        put_guest_u32(u + 8, si->value);
        break;
    case GUEST_SI_CHLD:
        put_guest_u32(u, si->pid);
        put_guest_u32(u + 4, si->uid);
        put_guest_u32(u + 8, (uint32_t)si->status);
        put_guest_u32(u + 12, si->utime);
        put_guest_u32(u + 16, si->stime);
        break;
    case GUEST_SI_FAULT:
    case GUEST_SI_SYS:
        put_guest_u32(u, si->addr);
        break;
    case GUEST_SI_POLL:
        put_guest_u32(u, si->band);
        put_guest_u32(u + 4, (uint32_t)si->fd);
        break;
    }
}

/* A guest siginfo_t (rt_sigqueueinfo) as a host one for the same signal. */
void signal_get_host_siginfo(void *host_siginfo, const void *g, int host_sig)
{
    siginfo_t *h = host_siginfo;
    const uint8_t *p = g;
    memset(h, 0, sizeof *h);
    h->si_signo = host_sig;
    bool o32 = signal_abi_is_mips();
    h->si_code = si_code_to_host((int)get_guest_u32(p + (o32 ? 4 : 8)));
    h->si_errno = (int)get_guest_u32(p + (o32 ? 8 : 4));
    h->si_pid = (pid_t)get_guest_u32(p + 12);
    h->si_uid = get_guest_u32(p + 16);
    h->si_value.sival_ptr = (void *)(uintptr_t)get_guest_u32(p + 20);
}

/* ---- Queue ----------------------------------------------------------------------- */

void signal_cpu_init(CPUState *cpu)
{
    cpu->sig = g_new0(SigState, 1);
}

static SigState *sig_state(CPUState *cpu)
{
    if (!cpu->sig) {
        cpu->sig = g_new0(SigState, 1);
    }
    return cpu->sig;
}

/* Called with host signals blocked (or from a handler, which runs with them blocked). */
static void sigq_add(SigState *ss, const GuestSiginfo *si, bool forced)
{
    if (si->signo < GUEST_SIGRTMIN || forced) {
        for (unsigned k = 0; k < ss->nq; k++) {
            if (ss->q[k].signo == si->signo) {
                if (!forced) {
                    return; /* standard signals do not queue twice */
                }
                memmove(&ss->q[k], &ss->q[k + 1], (ss->nq - k - 1) * sizeof ss->q[0]);
                ss->nq--;
                break;
            }
        }
    }
    if (forced) {
        if (ss->nq == SIGQ_MAX) {
            ss->nq--;
        }
        memmove(&ss->q[1], &ss->q[0], ss->nq * sizeof ss->q[0]);
        ss->q[0] = *si;
        ss->nq++;
        ss->forced = true;
        return;
    }
    if (ss->nq < SIGQ_MAX) {
        ss->q[ss->nq++] = *si;
    }
}

static uint64_t sigq_set(const SigState *ss)
{
    uint64_t set = 0;
    for (unsigned k = 0; k < ss->nq; k++) {
        set |= SIGBIT(ss->q[k].signo);
    }
    return set;
}

/* Removes and returns the first entry of the lowest signal in `allowed`. */
static bool sigq_take(SigState *ss, uint64_t allowed, GuestSiginfo *out, bool *forced)
{
    int best = -1;
    *forced = false;
    if (ss->forced && ss->nq) {
        best = 0;
        *forced = true;
    } else {
        for (unsigned k = 0; k < ss->nq; k++) {
            if ((allowed & SIGBIT(ss->q[k].signo)) &&
                (best < 0 || ss->q[k].signo < ss->q[best].signo)) {
                best = (int)k;
            }
        }
    }
    if (best < 0) {
        return false;
    }
    *out = ss->q[best];
    memmove(&ss->q[best], &ss->q[best + 1], (ss->nq - (unsigned)best - 1) * sizeof ss->q[0]);
    ss->nq--;
    ss->forced = false;
    return true;
}

/* ---- Host handlers ------------------------------------------------------------- */

static void host_async_handler(int host_sig, siginfo_t *hi, void *uc)
{
    (void)uc;
    int saved_errno = errno;
    CPUState *cpu = thread_cpu;
    int s = sys_host_to_guest_signal(host_sig);
    if (cpu && cpu->sig && s >= 1 && s <= GUEST_NSIG) {
        GuestSiginfo si;
        siginfo_from_host(&si, s, hi);
        sigq_add(cpu->sig, &si, false);
        cpu_exit(cpu);
    }
    errno = saved_errno;
}

static void host_fault_handler(int sig, siginfo_t *si, void *ucv)
{
    CPUState *cpu = thread_cpu;
    ucontext_t *uc = ucv;
    if (si->si_code <= 0) {
        /* kill/tgkill/sigqueue of SIGSEGV or SIGBUS: an ordinary guest signal. */
        host_async_handler(sig, si, ucv);
        return;
    }
    if (sig == SIGSEGV && si->si_code == SEGV_ACCERR && h2g_valid(si->si_addr) &&
        exec_handle_code_write(h2g(si->si_addr))) {
        return; /* a store into a page holding translated code: retry it */
    }
    if (cpu && cpu->running && h2g_valid(si->si_addr) &&
        exec_host_fault_pc(cpu, (uintptr_t)uc->uc_mcontext.gregs[REG_RIP], uc)) {
        uint32_t addr = h2g(si->si_addr);
        cpu->fault_signo = sig;
        cpu->fault_addr = addr;
        if (sig == SIGSEGV) {
            cpu->fault_code = (mmu_page_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
        } else {
            cpu->fault_code = si->si_code;
        }
        siglongjmp(cpu->jmp_env, 1);
    }
    /* Not a guest access: xemu itself is broken. Say so and die of the signal. */
    static const char msg[] = "xemu: internal error: host fault outside guest code\n";
    ssize_t r = write(2, msg, sizeof(msg) - 1);
    (void)r;
    host_sigaction(sig, SIG_DFL, 0, 0);
    host_sigmask(SIG_UNBLOCK, SIGBIT(sig), NULL);
    raise(sig);
}

/* Host signals whose default action dumps core: xemu handles them so it never does. */
static bool host_default_core(int h)
{
    switch (h) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGFPE:
    case SIGSEGV: case SIGBUS: case SIGSYS: case SIGXCPU: case SIGXFSZ:
        return true;
    default:
        return false;
    }
}

/* Makes the host disposition of guest signal s follow the guest's. */
static void sync_host_disposition(int s)
{
    int h = sys_guest_to_host_signal(s);
    if (h <= 0 || h > 64 || h == SIGKILL || h == SIGSTOP || host_sig_is_fault(h)) {
        return;
    }
    const GuestSigaction *ka = sys_get_sigaction(s);
    const uint64_t all = ~(SIGBIT(SIGSEGV) | SIGBIT(SIGBUS));
    if (ka->handler == GUEST_SIG_IGN) {
        host_sigaction(h, SIG_IGN, 0, 0);
    } else if (ka->handler == GUEST_SIG_DFL && !host_default_core(h)) {
        host_sigaction(h, SIG_DFL, 0, 0);
    } else {
        unsigned long fl = SA_SIGINFO | SA_ONSTACK;
        if (h == SIGCHLD && (ka->flags & GUEST_SA_NOCLDSTOP)) {
            fl |= SA_NOCLDSTOP;
        }
        uint32_t nocldwait = signal_abi_is_mips() ? 0x10000u : 0x2u;
        if (h == SIGCHLD && (ka->flags & nocldwait)) {
            fl |= SA_NOCLDWAIT;
        }
        host_sigaction(h, (void *)host_async_handler, fl, all);
    }
}

static void hook_sigaction_changed(int s)
{
    sync_host_disposition(s);
}

static void hook_sigmask_changed(void)
{
    apply_host_mask();
    CPUState *cpu = thread_cpu;
    if (cpu && cpu->sig && cpu->sig->nq) {
        cpu_exit(cpu); /* something queued may have become deliverable */
    }
}

static int32_t hook_sigreturn(CPUState *cpu)
{
    return guest_arch->sigreturn(cpu, false) ? SYS_NO_RESULT : (signal_force(cpu,
           sys_host_to_guest_signal(SIGSEGV), SI_KERNEL, 0), SYS_NO_RESULT);
}

static int32_t hook_rt_sigreturn(CPUState *cpu)
{
    return guest_arch->sigreturn(cpu, true) ? SYS_NO_RESULT : (signal_force(cpu,
           sys_host_to_guest_signal(SIGSEGV), SI_KERNEL, 0), SYS_NO_RESULT);
}

void signals_init(void)
{
    /* Faults may come from a guest stack overflow: handle them on their own stack. */
    signals_thread_init();

    host_sigaction(SIGSEGV, (void *)host_fault_handler, SA_SIGINFO | SA_ONSTACK | SA_NODEFER, 0);
    host_sigaction(SIGBUS, (void *)host_fault_handler, SA_SIGINFO | SA_ONSTACK | SA_NODEFER, 0);

    /* What the guest inherits: ignored signals stay ignored (nohup, background jobs). */
    for (int s = 1; s <= GUEST_NSIG; s++) {
        int h = sys_guest_to_host_signal(s);
        HostSigaction old;
        if (h <= 0 || h > 64 || host_sig_is_fault(h) ||
            syscall(SYS_rt_sigaction, h, NULL, &old, 8) < 0) {
            continue;
        }
        if (old.handler == SIG_IGN) {
            sys_set_initial_ignored(s);
        }
        sync_host_disposition(s);
    }
    /* The guest starts with the mask xemu was started with. */
    uint64_t hm = 0;
    host_sigmask(SIG_BLOCK, 0, &hm);
    sys_thread.sigmask = guest_mask_of(hm);
    apply_host_mask();

    sys_signal_hooks.sigaction_changed = hook_sigaction_changed;
    sys_signal_hooks.sigmask_changed = hook_sigmask_changed;
    sys_signal_hooks.sigreturn = hook_sigreturn;
    sys_signal_hooks.rt_sigreturn = hook_rt_sigreturn;
}

static __thread void *host_altstack;

void signals_thread_init(void)
{
    stack_t ss = { .ss_size = 256 * 1024 };
    ss.ss_sp = host_altstack = g_malloc(ss.ss_size);
    sigaltstack(&ss, NULL);
}

void signals_thread_exit(void)
{
    stack_t ss = { .ss_flags = SS_DISABLE };
    sigaltstack(&ss, NULL);
    g_free(host_altstack);
    host_altstack = NULL;
}

/* ---- Death ---------------------------------------------------------------------- */

void die_with_signal(int host_signo)
{
    fflush(stdout);
    if (xemu_log_file) {
        fflush(xemu_log_file);
    }
    /* The guest dies of the signal; xemu must not leave a core file of its own. */
    struct rlimit rl = { 0, 0 };
    setrlimit(RLIMIT_CORE, &rl);
    host_sigaction(host_signo, SIG_DFL, 0, 0);
    host_sigmask(SIG_UNBLOCK, SIGBIT(host_signo), NULL);
    raise(host_signo);
    /* Signals whose default action is to ignore or stop: still end the process. */
    _exit(128 + host_signo);
}

/* ---- Synchronous signals ------------------------------------------------------- */

void signal_force(CPUState *cpu, int guest_sig, int code, uint32_t addr)
{
    GuestSiginfo si = { .signo = guest_sig, .code = code, .addr = addr };
    int h = sys_guest_to_host_signal(guest_sig);
    si.kind = si_kind(h, code);
    if (si.kind != GUEST_SI_FAULT) {
        si.kind = GUEST_SI_KILL;
    }
    uint64_t old;
    host_sigmask(SIG_BLOCK, ~0ull, &old);
    sigq_add(sig_state(cpu), &si, true);
    host_sigmask(SIG_SETMASK, old, NULL);
}

void force_guest_signal(CPUState *cpu, int signo, int code, uint32_t addr)
{
    if (xemu_log_enabled(LOG_UNIMP) || xemu_log_enabled(LOG_STRACE)) {
        xemu_log("xemu: guest signal %d (%s) code %d addr 0x%08x, pc 0x%08x\n", signo,
                 strsignal(signo), code, addr, cpu->cur_insn_pc);
    }
    signal_force(cpu, sys_host_to_guest_signal(signo), code, addr);
}

/* ---- Masks and stacks ---------------------------------------------------------- */

static uint64_t unblockable(void)
{
    return SIGBIT(sys_host_to_guest_signal(SIGKILL)) | SIGBIT(sys_host_to_guest_signal(SIGSTOP));
}

void signal_set_blocked(uint64_t mask)
{
    sys_thread.sigmask = mask & ~unblockable();
    apply_host_mask();
}

void signal_temp_mask(CPUState *cpu, uint64_t mask)
{
    SigState *ss = sig_state(cpu);
    if (!ss->temp_mask) {
        ss->saved_mask = sys_thread.sigmask;
        ss->temp_mask = true;
    }
    signal_set_blocked(mask);
}

void signal_temp_mask_end(CPUState *cpu)
{
    SigState *ss = sig_state(cpu);
    if (ss->temp_mask && !signal_pending_unblocked(cpu)) {
        ss->temp_mask = false;
        signal_set_blocked(ss->saved_mask);
    }
    /* Otherwise delivery saves the real mask in the frame and puts it back. */
}

/* The kernel's on_sig_stack(): sp in (ss_sp, ss_sp + size]. */
bool signal_on_altstack(uint32_t sp)
{
    const GuestSigAltStack *a = &sys_thread.altstack;
    return a->size && sp > a->sp && sp - a->sp <= a->size;
}

uint32_t signal_frame_sp(CPUState *cpu, const GuestSigaction *ka, uint32_t sp)
{
    (void)cpu;
    GuestSigAltStack *a = &sys_thread.altstack;
    if ((ka->flags & GUEST_SA_ONSTACK) && a->size && !(a->flags & GUEST_SS_DISABLE) &&
        !signal_on_altstack(sp)) {
        sp = a->sp + a->size;
    }
    return sp;
}

void signal_put_altstack(void *g, uint32_t sp)
{
    const GuestSigAltStack *a = &sys_thread.altstack;
    uint8_t *p = g;
    uint32_t flags = !a->size ? GUEST_SS_DISABLE
                              : signal_on_altstack(sp) ? GUEST_SS_ONSTACK : 0;
    flags |= a->flags & GUEST_SS_AUTODISARM;
    put_guest_u32(p, a->size ? a->sp : 0);
    put_guest_u32(p + sys_abi->altstack_flags_off, flags);
    put_guest_u32(p + sys_abi->altstack_size_off, a->size);
}

void signal_restore_altstack(uint32_t addr)
{
    const uint8_t *p = sys_guest_ptr(addr, 12, PAGE_READ);
    if (!p) {
        return;
    }
    uint32_t sp = get_guest_u32(p);
    uint32_t flags = get_guest_u32(p + sys_abi->altstack_flags_off);
    uint32_t size = get_guest_u32(p + sys_abi->altstack_size_off);
    uint32_t mode = flags & ~GUEST_SS_AUTODISARM;
    if (mode == GUEST_SS_DISABLE) {
        sys_thread.altstack = (GuestSigAltStack){ 0, GUEST_SS_DISABLE, 0 };
    } else if ((mode == 0 || mode == GUEST_SS_ONSTACK) && size >= sys_abi->minsigstksz) {
        sys_thread.altstack = (GuestSigAltStack){ sp, flags & GUEST_SS_AUTODISARM, size };
    }
}

/* ---- Delivery ----------------------------------------------------------------- */

bool signal_pending_unblocked(CPUState *cpu)
{
    SigState *ss = cpu->sig;
    if (!ss || !ss->nq) {
        return false;
    }
    return ss->forced || (sigq_set(ss) & ~sys_thread.sigmask) != 0;
}

uint64_t signal_queued_set(CPUState *cpu)
{
    return cpu->sig ? sigq_set(cpu->sig) : 0;
}

bool signal_take(CPUState *cpu, uint64_t set, GuestSiginfo *out)
{
    SigState *ss = sig_state(cpu);
    uint64_t old;
    bool forced;
    host_sigmask(SIG_BLOCK, ~0ull, &old);
    bool ok = !ss->forced && sigq_take(ss, set, out, &forced);
    host_sigmask(SIG_SETMASK, old, NULL);
    return ok;
}

/* Default action of guest signal s: ignore, stop, or terminate (by its host signal). */
static void default_action(CPUState *cpu, int s)
{
    int h = sys_guest_to_host_signal(s);
    switch (h) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
        return;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        /* Stop the whole process the way the kernel would, then carry on. */
        host_sigaction(h, SIG_DFL, 0, 0);
        host_sigmask(SIG_UNBLOCK, SIGBIT(h), NULL);
        syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), h);
        sync_host_disposition(s);
        apply_host_mask();
        return;
    default:
        if (xemu_log_enabled(LOG_UNIMP) || xemu_log_enabled(LOG_STRACE)) {
            const char *name = h > 0 ? sigabbrev_np(h) : NULL;
            xemu_log("%d +++ killed by SIG%s (guest signal %d, pc 0x%08x) +++\n",
                     (int)syscall(SYS_gettid), name ? name : "?", s, cpu->cur_insn_pc);
        }
        die_with_signal(h > 0 ? h : SIGKILL);
    }
}

/* -strace: the delivery line strace(1) prints. */
static void strace_signal(const GuestSiginfo *si)
{
    if (!xemu_log_enabled(LOG_STRACE)) {
        return;
    }
    int h = sys_guest_to_host_signal(si->signo);
    const char *name = h > 0 ? sigabbrev_np(h) : NULL;
    xemu_log("%d --- SIG%s {si_signo=%d, si_code=%d, si_pid=%u, si_addr=0x%x} ---\n",
             (int)syscall(SYS_gettid), name ? name : "?", si->signo, si->code, si->pid,
             si->addr);
}

static void deliver(CPUState *cpu, GuestSiginfo *si, bool forced)
{
    SigState *ss = cpu->sig;
    int s = si->signo;
    strace_signal(si);
    GuestSigaction ka = *sys_get_sigaction(s);
    if (forced && ((sys_thread.sigmask & SIGBIT(s)) || ka.handler == GUEST_SIG_IGN)) {
        /* force_sig: a fault that cannot be handled kills. */
        ka.handler = GUEST_SIG_DFL;
    }
    if (ka.handler == GUEST_SIG_IGN) {
        return;
    }
    if (ka.handler == GUEST_SIG_DFL) {
        default_action(cpu, s);
        return;
    }
    if (cpu->syscall_restart) {
        if (cpu->syscall_restart == SYS_ERESTARTNOHAND ||
            (cpu->syscall_restart == SYS_ERESTARTSYS && !(ka.flags & GUEST_SA_RESTART))) {
            guest_arch->syscall_eintr(cpu);
        }
        cpu->syscall_restart = 0;
    }
    uint64_t saved = ss->temp_mask ? ss->saved_mask : sys_thread.sigmask;
    ss->temp_mask = false;
    if (!guest_arch->setup_frame(cpu, si, &ka, saved)) {
        /* The kernel's force_sigsegv: no way to run the handler. */
        default_action(cpu, sys_host_to_guest_signal(SIGSEGV));
        return;
    }
    if (sys_thread.altstack.flags & GUEST_SS_AUTODISARM && (ka.flags & GUEST_SA_ONSTACK)) {
        sys_thread.altstack = (GuestSigAltStack){ 0, GUEST_SS_DISABLE, 0 };
    }
    uint64_t m = saved | ka.mask;
    if (!(ka.flags & GUEST_SA_NODEFER)) {
        m |= SIGBIT(s);
    }
    signal_set_blocked(m);
    if (ka.flags & GUEST_SA_RESETHAND) {
        sys_reset_sigaction(s);
    }
}

void signal_process_pending(CPUState *cpu)
{
    SigState *ss = cpu->sig;
    if (!ss || (!ss->nq && !ss->temp_mask)) {
        cpu->syscall_restart = 0;
        return;
    }
    for (;;) {
        GuestSiginfo si;
        bool forced;
        uint64_t old;
        host_sigmask(SIG_BLOCK, ~0ull, &old);
        bool got = sigq_take(ss, ~sys_thread.sigmask, &si, &forced);
        host_sigmask(SIG_SETMASK, old, NULL);
        if (!got) {
            break;
        }
        deliver(cpu, &si, forced);
    }
    cpu->syscall_restart = 0;
    if (ss->temp_mask) {
        ss->temp_mask = false;
        signal_set_blocked(ss->saved_mask);
    }
}

/* ---- Waiting for signals ------------------------------------------------------- */

int64_t signal_suspend(CPUState *cpu, uint64_t mask)
{
    signal_temp_mask(cpu, mask);
    uint64_t hm = host_mask_of(sys_thread.sigmask);
    for (;;) {
        uint64_t old;
        host_sigmask(SIG_BLOCK, ~0ull, &old);
        if (signal_pending_unblocked(cpu)) {
            host_sigmask(SIG_SETMASK, old, NULL);
            break;
        }
        /* Unblocks and sleeps atomically: a signal arriving now is not missed. */
        syscall(SYS_rt_sigsuspend, &hm, 8);
        host_sigmask(SIG_SETMASK, old, NULL);
    }
    /* The handler's frame saves the pre-sigsuspend mask (temp_mask). */
    return -EINTR;
}

int64_t signal_timedwait(CPUState *cpu, uint64_t set, GuestSiginfo *out,
                         const struct timespec *timeout)
{
    set &= ~unblockable();
    if (signal_take(cpu, set, out)) {
        return out->signo;
    }
    uint64_t hs = host_mask_of(set);
    siginfo_t hi;
    long r = syscall(SYS_rt_sigtimedwait, &hs, &hi, timeout, 8);
    if (r > 0) {
        int s = sys_host_to_guest_signal((int)r);
        siginfo_from_host(out, s, &hi);
        return s;
    }
    int e = errno;
    if (e == EINTR && signal_take(cpu, set, out)) {
        return out->signo; /* it was unblocked and reached our handler first */
    }
    return -e;
}
