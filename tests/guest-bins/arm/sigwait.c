/*
 * sigwait: signals that come from the kernel while the program waits, and what the
 * syscall layer reports about signal state:
 *   - setitimer(ITIMER_REAL), periodic, with pause(): SIGALRM with si_code SI_KERNEL
 *   - alarm() with pause(): pause fails with EINTR after the handler
 *   - a read on an empty pipe interrupted by a handler: EINTR without SA_RESTART; with
 *     SA_RESTART the call is restarted (the handler feeds the pipe, so it returns 1)
 *   - sigaltstack called from a handler running on the alternate stack reports
 *     SS_ONSTACK, and refuses to change the stack there (EPERM)
 * Nothing is timed: each wait ends when its signal arrives. A failing setitimer is
 * reported and the waits are skipped rather than hanging.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static const char *code_name(int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_TKILL: return "SI_TKILL";
    case SI_KERNEL: return "SI_KERNEL";
    case SI_TIMER: return "SI_TIMER";
    default: return "other";
    }
}

static volatile int wait_count;
static void on_wait(int sig)
{
    (void)sig;
    wait_count++;
}

static volatile int alrm_count, alrm_code;
static void on_alrm(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    alrm_count++;
    alrm_code = si->si_code;
}

/* Returns 0 if the timer could not be set (the waits would never end). */
static int test_timers(void)
{
    printf("== setitimer and alarm\n");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_alrm;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGALRM, &sa, NULL);
    /* Three periodic expiries, 10 ms apart. */
    struct itimerval it = { .it_interval = { 0, 10000 }, .it_value = { 0, 10000 } };
    if (setitimer(ITIMER_REAL, &it, NULL) != 0) {
        printf("setitimer failed: %s\n", strerror(errno));
        return 0;
    }
    while (alrm_count < 3)
        pause();
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("itimer: expiries>=3:%d code=%s\n", alrm_count >= 3, code_name(alrm_code));
    alrm_count = 0;
    alarm(1);
    int r = pause();
    printf("alarm: pause=%d errno=%s delivered=%d code=%s\n", r,
           errno == EINTR ? "EINTR" : "other", alrm_count, code_name(alrm_code));
    return 1;
}

/* A read on an empty pipe interrupted by SIGALRM. With SA_RESTART the handler feeds the
 * pipe, so the restarted read returns its byte. */
static int restart_pipe[2];
static void on_alrm_feed(int sig)
{
    (void)sig;
    alrm_count++;
    if (write(restart_pipe[1], "x", 1) != 1)
        _exit(99);
}

static void test_restart(void)
{
    printf("== syscall restart\n");
    if (pipe(restart_pipe) != 0) {
        printf("pipe failed\n");
        return;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_wait;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { .it_interval = { 0, 0 }, .it_value = { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    char c = 0;
    wait_count = 0;
    ssize_t r = read(restart_pipe[0], &c, 1);
    printf("no SA_RESTART: read=%d errno=%s handler ran=%d\n", (int)r,
           r < 0 && errno == EINTR ? "EINTR" : "other", wait_count);

    sa.sa_handler = on_alrm_feed;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    alrm_count = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    r = read(restart_pipe[0], &c, 1);
    printf("SA_RESTART: read=%d byte=%c handler ran=%d\n", (int)r, r == 1 ? c : '?',
           alrm_count);
    close(restart_pipe[0]);
    close(restart_pipe[1]);
}

static char *altstack;
static volatile int on_alt, alt_onstack, alt_change_errno;
static void on_altsig(int sig)
{
    (void)sig;
    char local;
    on_alt = &local >= altstack && &local < altstack + SIGSTKSZ * 4;
    stack_t cur;
    sigaltstack(NULL, &cur);
    alt_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
    stack_t ns = { .ss_sp = altstack, .ss_size = SIGSTKSZ * 2, .ss_flags = 0 };
    alt_change_errno = sigaltstack(&ns, NULL) == 0 ? 0 : errno;
}

static void test_altstack_flags(void)
{
    printf("== sigaltstack from the alternate stack\n");
    altstack = malloc(SIGSTKSZ * 4);
    stack_t ss = { .ss_sp = altstack, .ss_size = SIGSTKSZ * 4, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_altsig;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("in handler: on alternate stack=%d SS_ONSTACK=%d change=%s\n", on_alt, alt_onstack,
           alt_change_errno == EPERM ? "EPERM" : alt_change_errno == 0 ? "ok" : "other");
    printf("outside: flags=%d size unchanged=%d\n", cur.ss_flags,
           cur.ss_size == (size_t)SIGSTKSZ * 4);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (test_timers())
        test_restart();
    test_altstack_flags();
    printf("done\n");
    return 0;
}
