/*
 * thr_signal: signals in a multi-threaded process. Threads carry a thread-local id, and
 * handlers record the id of the thread they ran on.
 *   - pthread_kill(SIGUSR1) to each of 3 threads in turn: the handler runs on that one
 *   - kill(getpid(), SIGUSR2) while every thread but thread 2 (main included) blocks it:
 *     the kernel delivers the process-directed signal to thread 2
 *   - a dedicated thread takes SIGTERM with sigwait while everyone else blocks it
 *   - a thread created while SIGUSR1 and SIGHUP are blocked starts with that mask
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static __thread int my_id = 0; /* main: 0 */
static volatile int ran_on[65];
static volatile int hits[65];
static int go, stop;

static void handler(int s)
{
    ran_on[s] = my_id;
    hits[s]++;
}

static void *spinner(void *arg)
{
    my_id = (int)(intptr_t)arg;
    if (my_id != 2) {
        sigset_t b;
        sigemptyset(&b);
        sigaddset(&b, SIGUSR2);
        pthread_sigmask(SIG_BLOCK, &b, NULL);
    }
    __atomic_fetch_add(&go, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST)) {
        usleep(500); /* half in a syscall, half in guest code */
        for (volatile int i = 0; i < 2000; i++) {
        }
    }
    return NULL;
}

static void *waiter(void *arg)
{
    sigset_t *set = arg;
    int s = 0;
    my_id = 9;
    int e = sigwait(set, &s);
    return (void *)(intptr_t)(e ? -e : s);
}

static void *mask_reporter(void *arg)
{
    (void)arg;
    sigset_t cur;
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    int r = (sigismember(&cur, SIGUSR1) ? 1 : 0) | (sigismember(&cur, SIGHUP) ? 2 : 0) |
            (sigismember(&cur, SIGUSR2) ? 4 : 0);
    return (void *)(intptr_t)r;
}

static void wait_hits(int s, int n)
{
    for (int k = 0; k < 5000 && hits[s] < n; k++) {
        usleep(1000);
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    pthread_t t[4];
    for (int k = 1; k <= 3; k++) {
        pthread_create(&t[k], NULL, spinner, (void *)(intptr_t)k);
    }
    while (__atomic_load_n(&go, __ATOMIC_SEQ_CST) < 3) {
        usleep(1000);
    }
    for (int k = 1; k <= 3; k++) {
        pthread_kill(t[k], SIGUSR1);
        wait_hits(SIGUSR1, k);
        printf("pthread_kill to thread %d: handler ran on thread %d\n", k, ran_on[SIGUSR1]);
    }

    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &b, NULL);
    for (int n = 1; n <= 3; n++) {
        kill(getpid(), SIGUSR2);
        wait_hits(SIGUSR2, n);
        printf("kill to the process (%d): handler ran on thread %d\n", n, ran_on[SIGUSR2]);
    }
    __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
    for (int k = 1; k <= 3; k++) {
        pthread_join(t[k], NULL);
    }

    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &term, NULL); /* inherited by the waiter, as sigwait needs */
    pthread_t w;
    pthread_create(&w, NULL, waiter, &term);
    usleep(20000);
    kill(getpid(), SIGTERM);
    void *r;
    pthread_join(w, &r);
    printf("sigwait thread got signal %d (SIGTERM %d)\n", (int)(intptr_t)r, SIGTERM);

    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigaddset(&m, SIGHUP);
    pthread_sigmask(SIG_SETMASK, &m, NULL);
    pthread_create(&w, NULL, mask_reporter, NULL);
    pthread_join(w, &r);
    printf("new thread's mask: USR1 %s, HUP %s, USR2 %s\n", ((intptr_t)r & 1) ? "blocked" : "open",
           ((intptr_t)r & 2) ? "blocked" : "open", ((intptr_t)r & 4) ? "blocked" : "open");
    return 0;
}
