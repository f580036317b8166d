/*
 * sigwait: timers and interrupted system calls, and sigaltstack queried from a handler.
 *  - a blocking read interrupted by a SIGALRM handler (setitimer): EINTR without
 *    SA_RESTART, restarted with it (the handler's byte is then read);
 *  - nanosleep interrupted: EINTR even with SA_RESTART (never restarted);
 *  - alarm + pause; getitimer after the timer fired;
 *  - sigaltstack(NULL, &old) inside a handler running on the alternate stack reports
 *    SS_ONSTACK, and changing it there fails with EPERM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void set_handler(int sig, void (*h)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static volatile int alarms;
static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
    printf("  SIGALRM handler\n");
}

/* ---- Timers and interrupted syscalls --------------------------------------------------- */

static int pipefd[2];
static void on_alarm_write(int sig)
{
    (void)sig;
    alarms++;
    if (write(pipefd[1], "x", 1) != 1) {
        printf("  write failed\n");
    }
}

static void test_eintr(void)
{
    printf("interrupted read:\n");
    if (pipe(pipefd)) {
        printf("  pipe failed\n");
        return;
    }
    struct itimerval it = { .it_value = { 0, 20000 } };
    char c = 0;
    /* No SA_RESTART: read fails with EINTR; the byte the handler wrote stays. */
    set_handler(SIGALRM, on_alarm_write, 0);
    setitimer(ITIMER_REAL, &it, NULL);
    ssize_t n = read(pipefd[0], &c, 1);
    printf("  without SA_RESTART: %zd %s\n", n, n < 0 && errno == EINTR ? "EINTR" : "?");
    n = read(pipefd[0], &c, 1);
    printf("  then: %zd '%c'\n", n, c);
    /* SA_RESTART: the read is restarted and returns the handler's byte. */
    set_handler(SIGALRM, on_alarm_write, SA_RESTART);
    setitimer(ITIMER_REAL, &it, NULL);
    c = 0;
    n = read(pipefd[0], &c, 1);
    printf("  with SA_RESTART: %zd '%c'\n", n, c);
    /* nanosleep is never restarted: EINTR either way. */
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec ts = { 5, 0 };
    int r = nanosleep(&ts, &ts);
    printf("  nanosleep: %d %s\n", r, r < 0 && errno == EINTR ? "EINTR" : "?");
    read(pipefd[0], &c, 1);

    printf("alarm:\n");
    alarms = 0;
    set_handler(SIGALRM, on_alarm, 0);
    alarm(1);
    pause();
    printf("  after pause: %d alarm\n", alarms);
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    printf("  timer disarmed %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
}

/* ---- sigaltstack from a handler ------------------------------------------------------- */

static char altstack[65536] __attribute__((aligned(16)));
static void on_alt(int sig)
{
    (void)sig;
    stack_t cur, ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(NULL, &cur);
    printf("  in handler: SS_ONSTACK %d\n", (cur.ss_flags & SS_ONSTACK) != 0);
    int r = sigaltstack(&ss, NULL);
    printf("  change while on it: %d %s\n", r, r < 0 && errno == EPERM ? "EPERM" : "?");
}

static void test_altstack(void)
{
    printf("sigaltstack:\n");
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) }, cur;
    sigaltstack(&ss, NULL);
    set_handler(SIGUSR1, on_alt, SA_ONSTACK);
    raise(SIGUSR1);
    sigaltstack(NULL, &cur);
    printf("  after: SS_ONSTACK %d\n", (cur.ss_flags & SS_ONSTACK) != 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_eintr();
    test_altstack();
    printf("done\n");
    return 0;
}
