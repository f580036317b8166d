/*
 * thr_exit: how a multi-threaded process ends (argv[1] picks the case).
 *   exit          main calls exit(7) while 2 threads spin in guest code and 2 sleep in
 *                 read() of a pipe nobody writes: exit_group ends them all, status 7
 *   return        the same, but main returns 9 from main()
 *   pthread_exit  main calls pthread_exit; 3 workers finish their work, the last one
 *                 prints the totals and calls exit(5): status 5
 *   worker_exit   a worker calls exit(11) while main sleeps in pthread_join
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int pipefd[2];
static uint32_t started, finished;
static volatile uint32_t sink;

static void *spin(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
    for (;;) {
        sink++;
    }
    return NULL;
}

static void *blocked(void *arg)
{
    (void)arg;
    char c;
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
    ssize_t r = read(pipefd[0], &c, 1);
    printf("read returned %zd\n", r); /* never: nobody writes */
    return NULL;
}

static void *worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg, s = 0;
    for (uint32_t i = 0; i < 200000 * (id + 1); i++) {
        s += i;
    }
    usleep(20000 * (id + 1));
    if (__atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST) == 3) {
        printf("last worker done, %u finished\n", finished);
        fflush(stdout);
        exit(5);
    }
    return (void *)(uintptr_t)s;
}

static void *exiter(void *arg)
{
    (void)arg;
    usleep(20000);
    printf("worker calls exit(11)\n");
    exit(11);
}

static void start_busy(void)
{
    pthread_t t;
    if (pipe(pipefd) != 0) {
        perror("pipe");
        exit(1);
    }
    for (int k = 0; k < 2; k++) {
        pthread_create(&t, NULL, spin, NULL);
        pthread_create(&t, NULL, blocked, NULL);
    }
    while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < 4) {
        usleep(1000);
    }
    usleep(20000); /* let the readers block */
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "exit";
    if (!strcmp(c, "exit") || !strcmp(c, "return")) {
        start_busy();
        printf("main ends the process (%s)\n", c);
        fflush(stdout);
        if (!strcmp(c, "exit")) {
            exit(7);
        }
        return 9;
    }
    if (!strcmp(c, "pthread_exit")) {
        pthread_t t;
        for (int k = 0; k < 3; k++) {
            pthread_create(&t, NULL, worker, (void *)(uintptr_t)k);
        }
        printf("main calls pthread_exit\n");
        fflush(stdout);
        pthread_exit(NULL);
    }
    if (!strcmp(c, "worker_exit")) {
        pthread_t t;
        pthread_create(&t, NULL, exiter, NULL);
        pthread_join(t, NULL);
        printf("join returned\n"); /* never */
        return 0;
    }
    return 2;
}
