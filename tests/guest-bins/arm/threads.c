/*
 * threads: POSIX threads on the emulator (one host thread per guest thread).
 *   - 4 threads increment a shared counter with __atomic builtins (LDREX/STREX loops),
 *     a mutex-protected counter, and a plain per-thread counter in __thread storage
 *     (TLS through the TPIDRURO register / kuser helper)
 *   - each thread's return value comes back through pthread_join
 *   - a condition variable hand-off (ping-pong) between two threads, 1000 rounds
 *   - pthread_once, thread-specific data with a destructor, and gettid() != getpid()
 * Output is printed only by the main thread after joining, so it is deterministic.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { NTHREADS = 4, ITERS = 20000 };

static uint32_t atomic_counter;
static uint64_t atomic64_counter;
static uint32_t mutex_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread uint32_t tls_counter = 100;
static volatile int other_tid_differs;

static void *worker(void *arg)
{
    uintptr_t id = (uintptr_t)arg;
    for (int i = 0; i < ITERS; i++) {
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&atomic64_counter, 3, __ATOMIC_SEQ_CST); /* LDREXD/STREXD */
        pthread_mutex_lock(&lock);
        mutex_counter++;
        pthread_mutex_unlock(&lock);
        tls_counter++;
    }
    if (gettid() != getpid())
        __atomic_fetch_add(&other_tid_differs, 1, __ATOMIC_SEQ_CST);
    /* Each thread saw only its own TLS copy: 100 + ITERS. */
    return (void *)(uintptr_t)(tls_counter * 10 + id);
}

static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int pp_turn, pp_rounds;

static void *pinger(void *arg)
{
    int me = (int)(uintptr_t)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&pp_lock);
        while (pp_turn != me)
            pthread_cond_wait(&pp_cond, &pp_lock);
        pp_rounds++;
        pp_turn = !me;
        pthread_cond_broadcast(&pp_cond);
        pthread_mutex_unlock(&pp_lock);
    }
    return NULL;
}

static int once_calls;
static void once_fn(void) { once_calls++; }
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static int dtor_calls;
static void dtor(void *p)
{
    (void)p;
    __atomic_fetch_add(&dtor_calls, 1, __ATOMIC_SEQ_CST);
}
static void *keyed(void *arg)
{
    pthread_once(&once, once_fn);
    pthread_setspecific(key, arg);
    return pthread_getspecific(key) == arg ? arg : NULL;
}

int main(void)
{
    /* Line-buffered: output up to a crash still reaches the log. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    pthread_t t[NTHREADS];
    for (uintptr_t i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        printf("thread %d returned %lu\n", i, (unsigned long)(uintptr_t)ret);
    }
    printf("atomic=%u atomic64=%llu mutex=%u main tls=%u tids differ=%d\n",
           (unsigned)atomic_counter, (unsigned long long)atomic64_counter,
           (unsigned)mutex_counter, (unsigned)tls_counter, other_tid_differs);

    pthread_t a, b;
    pthread_create(&a, NULL, pinger, (void *)0);
    pthread_create(&b, NULL, pinger, (void *)1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("ping-pong rounds=%d\n", pp_rounds);

    pthread_key_create(&key, dtor);
    int ok = 0;
    for (uintptr_t i = 1; i <= 3; i++) {
        pthread_t k;
        void *ret;
        pthread_create(&k, NULL, keyed, (void *)i);
        pthread_join(k, &ret);
        ok += ret == (void *)i;
    }
    printf("once calls=%d keyed ok=%d destructor calls=%d\n", once_calls, ok, dtor_calls);
    return 0;
}
