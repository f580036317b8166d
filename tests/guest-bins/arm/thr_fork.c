/*
 * thr_fork: fork() and exec in a multi-threaded process.
 *   - 3 threads keep running (guest code and syscalls, taking a mutex) while main forks
 *     5 times; each child has one thread (the mutex may be held by a thread that does
 *     not exist there, so it does not touch it), creates 4 threads of its own (glibc
 *     resets its internal locks at fork) and joins them, and exits with a status
 *     computed by those threads
 *   - a fork from a non-main thread, whose child also creates threads
 *   - a thread that execs this program again ("child" argument): exec replaces every
 *     thread, and the new image prints and exits with status 0
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t shared;
static int stop;

static void *busy(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&lock);
        shared++;
        pthread_mutex_unlock(&lock);
        if ((shared & 63) == 0) {
            usleep(100);
        }
    }
    return NULL;
}

static void *child_worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg, s = 0;
    for (uint32_t i = 0; i <= 1000 * id; i++) {
        s += i & 7;
    }
    return (void *)(uintptr_t)(s & 15);
}

/* In a child: a few threads, their results combined into the exit status. */
static int child_threads(void)
{
    pthread_t t[4];
    uint32_t st = 0;
    for (uint32_t k = 0; k < 4; k++) {
        if (pthread_create(&t[k], NULL, child_worker, (void *)(uintptr_t)(k + 1)) != 0) {
            return 99;
        }
    }
    for (uint32_t k = 0; k < 4; k++) {
        void *r;
        pthread_join(t[k], &r);
        st += (uint32_t)(uintptr_t)r;
    }
    return (int)st;
}

static int fork_and_wait(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        _exit(child_threads());
    }
    int ws;
    if (p < 0 || waitpid(p, &ws, 0) != p) {
        return -1;
    }
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : 1000 + WTERMSIG(ws);
}

static void *forker(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)fork_and_wait();
}

static char *self;

static void *execer(void *arg)
{
    (void)arg;
    usleep(10000);
    fflush(stdout);
    execl(self, self, "child", (char *)NULL);
    perror("execl");
    _exit(1);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("exec'd image: %d thread(s) started, status %d\n", 4, child_threads());
        return 0;
    }
    self = argv[0];
    pthread_t t[3];
    for (int k = 0; k < 3; k++) {
        pthread_create(&t[k], NULL, busy, NULL);
    }
    for (int n = 0; n < 5; n++) {
        printf("fork %d from main: child status %d\n", n, fork_and_wait());
        usleep(2000);
    }
    pthread_t f;
    void *r;
    pthread_create(&f, NULL, forker, NULL);
    pthread_join(f, &r);
    printf("fork from a thread: child status %d\n", (int)(intptr_t)r);
    printf("parent still has its threads: %s\n", shared > 0 ? "yes" : "no");
    /* Exec from a thread while the busy threads still run. */
    pthread_create(&f, NULL, execer, NULL);
    pthread_join(f, NULL);
    printf("not reached\n");
    return 1;
}
