/*
 * sigbasic: signal behaviour a MIPS program sees through glibc, deterministic (one thread,
 * signals sent to itself or by its own timers):
 *  - handlers without and with SA_SIGINFO (si_code SI_USER / SI_TKILL, si_pid);
 *  - SIGSEGV MAPERR / ACCERR with si_addr, recovered with siglongjmp;
 *  - sa_mask, SA_NODEFER, the implicit self-block, SA_RESETHAND, sigprocmask, sigpending;
 *  - sigaltstack: the handler runs on it, nesting on it, not without SA_ONSTACK;
 *  - sigqueue si_value, real-time signals queued in order, standard ones merged;
 *  - sigsuspend woken by alarm(), sigtimedwait (taken, and EAGAIN on timeout),
 *    sigwaitinfo.
 * Timers and interrupted syscalls are in sigwait.c.
 * Signal numbers are printed by name or relative to SIGRTMIN, so the output does not
 * depend on the guest's numbering.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static const char *name(int s)
{
    static char buf[16];
    if (s >= SIGRTMIN && s <= SIGRTMAX) {
        snprintf(buf, sizeof(buf), "RTMIN+%d", s - SIGRTMIN);
        return buf;
    }
    const char *n = sigabbrev_np(s);
    return n ? n : "?";
}

static void set_handler(int sig, void (*h)(int), int flags, const sigset_t *mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h;
    sa.sa_flags = flags;
    if (mask) {
        sa.sa_mask = *mask;
    }
    sigaction(sig, &sa, NULL);
}

static void set_action(int sig, void (*h)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = h;
    sa.sa_flags = flags | SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

/* ---- Plain and SA_SIGINFO handlers --------------------------------------------------- */

static volatile int plain_count;
static void on_plain(int sig)
{
    plain_count++;
    printf("  plain handler: %s\n", name(sig));
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    printf("  siginfo handler: %s code %d pid %s uc %s\n", name(sig), si->si_code,
           si->si_pid == getpid() ? "self" : "other", uc ? "set" : "NULL");
}

static void test_basic(void)
{
    printf("basic:\n");
    set_handler(SIGUSR1, on_plain, 0, NULL);
    raise(SIGUSR1);
    set_action(SIGUSR2, on_info, 0);
    kill(getpid(), SIGUSR2);
    raise(SIGUSR2);
    printf("  SI_USER %d SI_TKILL %d\n", SI_USER, SI_TKILL);
}

/* ---- SIGSEGV --------------------------------------------------------------------------- */

static sigjmp_buf jb;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("  %s code %d addr %#lx\n", name(sig), si->si_code, (unsigned long)si->si_addr);
    siglongjmp(jb, 1);
}

static void test_segv(void)
{
    printf("segv:\n");
    set_action(SIGSEGV, on_segv, 0);
    char *ro = mmap((void *)0x10000000, 4096, PROT_READ,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    volatile char *targets[3] = { (char *)0x40, ro + 8, (char *)0x10001000 };
    for (int i = 0; i < 3; i++) {
        if (!sigsetjmp(jb, 1)) {
            targets[i][0] = 1;
            printf("  no fault\n");
        }
    }
    printf("  after siglongjmp: SIGSEGV blocked %d (SEGV_MAPERR %d SEGV_ACCERR %d)\n",
           ({ sigset_t s; sigprocmask(SIG_BLOCK, NULL, &s); sigismember(&s, SIGSEGV); }),
           SEGV_MAPERR, SEGV_ACCERR);
    munmap(ro, 4096);
    signal(SIGSEGV, SIG_DFL);
}

/* ---- Masks --------------------------------------------------------------------------- */

static volatile int depth, max_depth, calls;
/* Raises its own signal until it has run three times. */
static void on_nest(int sig)
{
    calls++;
    depth++;
    if (depth > max_depth) {
        max_depth = depth;
    }
    printf("  enter %s depth %d\n", name(sig), depth);
    if (calls < 3) {
        raise(sig);
    }
    printf("  leave %s depth %d\n", name(sig), depth);
    depth--;
}

static void on_usr1_raises_usr2(int sig)
{
    printf("  %s handler raises SIGUSR2\n", name(sig));
    raise(SIGUSR2);
    sigset_t p;
    sigpending(&p);
    printf("  SIGUSR2 pending inside: %d\n", sigismember(&p, SIGUSR2));
    printf("  %s handler returns\n", name(sig));
}

static void on_usr2_plain(int sig)
{
    printf("  %s handler\n", name(sig));
}

static void test_masks(void)
{
    printf("masks:\n");
    /* Without SA_NODEFER the handler's own signal waits until it returns. */
    set_handler(SIGUSR1, on_nest, 0, NULL);
    max_depth = calls = 0;
    raise(SIGUSR1);
    printf("  default: max depth %d\n", max_depth);
    set_handler(SIGUSR1, on_nest, SA_NODEFER, NULL);
    max_depth = calls = 0;
    raise(SIGUSR1);
    printf("  SA_NODEFER: max depth %d\n", max_depth);

    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    set_handler(SIGUSR1, on_usr1_raises_usr2, 0, &m);
    set_handler(SIGUSR2, on_usr2_plain, 0, NULL);
    raise(SIGUSR1);

    /* sigprocmask + sigpending; delivery happens when unblocked. */
    sigprocmask(SIG_BLOCK, &m, NULL);
    raise(SIGUSR2);
    raise(SIGUSR2);
    sigset_t p;
    sigpending(&p);
    printf("  blocked: SIGUSR2 pending %d, SIGUSR1 pending %d\n", sigismember(&p, SIGUSR2),
           sigismember(&p, SIGUSR1));
    printf("  unblocking\n");
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    printf("  unblocked\n");

    /* SA_RESETHAND: the second one gets the default action (ignore, for SIGWINCH). */
    plain_count = 0;
    set_handler(SIGWINCH, on_plain, SA_RESETHAND, NULL);
    raise(SIGWINCH);
    raise(SIGWINCH);
    struct sigaction old;
    sigaction(SIGWINCH, NULL, &old);
    printf("  SA_RESETHAND: %d calls, now %s\n", plain_count,
           old.sa_handler == SIG_DFL ? "SIG_DFL" : "not SIG_DFL");
}

/* ---- sigaltstack ---------------------------------------------------------------------- */

static char altstack[65536] __attribute__((aligned(16)));
static void on_alt(int sig)
{
    char local;
    int on = (uintptr_t)&local >= (uintptr_t)altstack &&
             (uintptr_t)&local < (uintptr_t)altstack + sizeof(altstack);
    printf("  %s: on the alternate stack %d\n", name(sig), on);
    if (sig == SIGUSR1) {
        raise(SIGUSR2); /* nested: stays on the same stack, below this frame */
    }
}

static void test_altstack(void)
{
    printf("sigaltstack:\n");
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    printf("  set: %d\n", sigaltstack(&ss, NULL));
    set_handler(SIGUSR1, on_alt, SA_ONSTACK, NULL);
    set_handler(SIGUSR2, on_alt, SA_ONSTACK, NULL);
    raise(SIGUSR1);
    set_handler(SIGUSR2, on_alt, 0, NULL);
    raise(SIGUSR2);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("  after: ss_flags %d, size ok %d\n", cur.ss_flags,
           cur.ss_size == sizeof(altstack));
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
}

/* ---- Queued signals ------------------------------------------------------------------- */

static void on_queued(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("  %s code %d value %d\n", name(sig), si->si_code, si->si_value.sival_int);
}

static void test_queue(void)
{
    printf("queue (SI_QUEUE %d):\n", SI_QUEUE);
    set_action(SIGRTMIN, on_queued, 0);
    set_action(SIGRTMIN + 1, on_queued, 0);
    set_action(SIGUSR1, on_queued, 0);
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 42 });

    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGRTMIN);
    sigaddset(&m, SIGRTMIN + 1);
    sigaddset(&m, SIGUSR1);
    sigprocmask(SIG_BLOCK, &m, NULL);
    sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 1 });
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 2 });
    sigqueue(getpid(), SIGRTMIN + 1, (union sigval){ .sival_int = 3 });
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 4 });
    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 5 });
    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 6 });
    /* Linux builds every frame at once, lowest number first: the handlers run highest
     * first; each real-time signal in order, SIGUSR1 merged into one. */
    printf("  unblocking\n");
    sigprocmask(SIG_UNBLOCK, &m, NULL);
}

/* ---- Waiting ------------------------------------------------------------------------- */

static volatile int alarms;
static void on_alarm(int sig)
{
    alarms++;
    printf("  %s handler\n", name(sig));
}

static void test_wait(void)
{
    printf("sigsuspend:\n");
    sigset_t m, old;
    sigemptyset(&m);
    sigaddset(&m, SIGALRM);
    sigprocmask(SIG_BLOCK, &m, &old);
    set_handler(SIGALRM, on_alarm, 0, NULL);
    alarm(1);
    sigset_t wait_mask = old;
    sigdelset(&wait_mask, SIGALRM);
    int r = sigsuspend(&wait_mask);
    int e = errno;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("  returned %d %s, SIGALRM blocked again %d\n", r, e == EINTR ? "EINTR" : "?",
           sigismember(&now, SIGALRM));

    printf("sigtimedwait:\n");
    sigaddset(&m, SIGUSR1);
    sigprocmask(SIG_BLOCK, &m, NULL);
    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 7 });
    siginfo_t si;
    struct timespec ts = { 0, 10000000 };
    r = sigtimedwait(&m, &si, &ts);
    printf("  got %s code %d value %d\n", name(r), si.si_code, si.si_value.sival_int);
    r = sigtimedwait(&m, &si, &ts);
    printf("  nothing pending: %d %s\n", r, errno == EAGAIN ? "EAGAIN" : strerror(errno));
    sigqueue(getpid(), SIGALRM, (union sigval){ .sival_int = 8 });
    r = sigwaitinfo(&m, &si);
    printf("  sigwaitinfo: %s code %d value %d\n", name(r), si.si_code,
           si.si_value.sival_int);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_basic();
    test_segv();
    test_masks();
    test_altstack();
    test_queue();
    test_wait();
    printf("done\n");
    return 0;
}
