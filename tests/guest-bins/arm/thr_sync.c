/*
 * thr_sync: pthread synchronisation under contention, all on guest futexes.
 *   - a mutex (lock and trylock) guarding a counter, 4 threads
 *   - a bounded queue with two condition variables, 2 producers and 2 consumers
 *   - a rwlock: readers check a two-field invariant that writers keep
 *   - a barrier: 4 threads x 200 rounds, each round's phase checked
 *   - sem_t as a counting resource (at most 2 holders at once)
 *   - a PTHREAD_PRIO_INHERIT mutex (FUTEX_LOCK_PI / FUTEX_UNLOCK_PI when contended);
 *     skipped with argument "nopi" (big-endian MIPS on a little-endian host: the host
 *     kernel reads the owner TID in the futex word in host byte order, README.md)
 *   - FUTEX_CMP_REQUEUE by hand: waiters on one word moved to another, then woken there
 *   - a robust mutex whose owner thread exits holding it: the next locker gets
 *     EOWNERDEAD (the kernel walks the dead thread's robust list), makes it consistent
 *     and the mutex works again
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { NT = 4 };

/* ---- mutex ---- */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static uint32_t m_count, m_try_fail;

static void *mutex_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5000; i++) {
        if (i & 1) {
            pthread_mutex_lock(&m);
        } else {
            while (pthread_mutex_trylock(&m) != 0) {
                __atomic_fetch_add(&m_try_fail, 1, __ATOMIC_RELAXED);
            }
        }
        m_count++;
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

/* ---- bounded queue ---- */
enum { QSIZE = 8, ITEMS = 5000 };
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_not_empty = PTHREAD_COND_INITIALIZER;
static uint32_t q_buf[QSIZE], q_head, q_len;
static uint64_t q_sum;
static uint32_t q_taken;

static void *producer(void *arg)
{
    uint32_t base = (uint32_t)(uintptr_t)arg;
    for (uint32_t i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&q_lock);
        while (q_len == QSIZE) {
            pthread_cond_wait(&q_not_full, &q_lock);
        }
        q_buf[(q_head + q_len++) % QSIZE] = base + i;
        pthread_cond_signal(&q_not_empty);
        pthread_mutex_unlock(&q_lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&q_lock);
        while (q_len == 0 && q_taken < 2 * ITEMS) {
            pthread_cond_wait(&q_not_empty, &q_lock);
        }
        if (q_taken == 2 * ITEMS) {
            pthread_cond_broadcast(&q_not_empty);
            pthread_mutex_unlock(&q_lock);
            return NULL;
        }
        q_sum += q_buf[q_head];
        q_head = (q_head + 1) % QSIZE;
        q_len--;
        q_taken++;
        pthread_cond_signal(&q_not_full);
        if (q_taken == 2 * ITEMS) {
            pthread_cond_broadcast(&q_not_empty);
        }
        pthread_mutex_unlock(&q_lock);
    }
}

/* ---- rwlock ---- */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static uint32_t rw_a, rw_b, rw_bad, rw_reads;

static void *rw_worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    for (int i = 0; i < 3000; i++) {
        if (id == 0 && i % 3 == 0) {
            pthread_rwlock_wrlock(&rw);
            rw_a++;
            rw_b = rw_a * 7;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            if (rw_b != rw_a * 7) {
                __atomic_fetch_add(&rw_bad, 1, __ATOMIC_RELAXED);
            }
            __atomic_fetch_add(&rw_reads, 1, __ATOMIC_RELAXED);
            pthread_rwlock_unlock(&rw);
        }
    }
    return NULL;
}

/* ---- barrier ---- */
static pthread_barrier_t bar;
static uint32_t bar_phase, bar_bad, bar_serial;

static void *bar_worker(void *arg)
{
    (void)arg;
    for (uint32_t r = 0; r < 200; r++) {
        if (__atomic_load_n(&bar_phase, __ATOMIC_SEQ_CST) != r) {
            __atomic_fetch_add(&bar_bad, 1, __ATOMIC_RELAXED);
        }
        int e = pthread_barrier_wait(&bar);
        if (e == PTHREAD_BARRIER_SERIAL_THREAD) {
            __atomic_fetch_add(&bar_serial, 1, __ATOMIC_RELAXED);
            __atomic_store_n(&bar_phase, r + 1, __ATOMIC_SEQ_CST);
        }
        pthread_barrier_wait(&bar); /* everyone sees the new phase */
    }
    return NULL;
}

/* ---- semaphore ---- */
static sem_t sem;
static uint32_t sem_inside, sem_max, sem_total;

static void *sem_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2000; i++) {
        while (sem_wait(&sem) != 0) {
        }
        uint32_t n = __atomic_add_fetch(&sem_inside, 1, __ATOMIC_SEQ_CST);
        uint32_t mx = __atomic_load_n(&sem_max, __ATOMIC_SEQ_CST);
        while (n > mx && !__atomic_compare_exchange_n(&sem_max, &mx, n, false,
                                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        }
        __atomic_fetch_add(&sem_total, 1, __ATOMIC_RELAXED);
        __atomic_sub_fetch(&sem_inside, 1, __ATOMIC_SEQ_CST);
        sem_post(&sem);
    }
    return NULL;
}

/* ---- priority inheritance ---- */
static pthread_mutex_t pi;
static uint32_t pi_count;

static void *pi_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3000; i++) {
        if (pthread_mutex_lock(&pi) != 0) {
            return (void *)1;
        }
        pi_count++;
        if ((i & 255) == 0) {
            sched_yield(); /* hold it a while: others block in FUTEX_LOCK_PI */
        }
        pthread_mutex_unlock(&pi);
    }
    return NULL;
}

/* ---- FUTEX_CMP_REQUEUE ---- */
static uint32_t fa, fb, rq_ready, rq_go;

static long futex(uint32_t *uaddr, int op, uint32_t val, uintptr_t val2, uint32_t *uaddr2,
                  uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

static void *rq_waiter(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&rq_ready, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&rq_go, __ATOMIC_SEQ_CST)) {
        futex(&fa, FUTEX_WAIT_PRIVATE, 0, 0, NULL, 0);
    }
    return NULL;
}

/* ---- robust ---- */
static pthread_mutex_t rob;

static void *rob_owner(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&rob);
    return NULL; /* exits holding it */
}

static void run(void *(*fn)(void *), int n, pthread_t *t)
{
    for (int k = 0; k < n; k++) {
        pthread_create(&t[k], NULL, fn, (void *)(uintptr_t)k);
    }
}

static int join_all(int n, pthread_t *t)
{
    int bad = 0;
    for (int k = 0; k < n; k++) {
        void *r;
        pthread_join(t[k], &r);
        bad += r != NULL;
    }
    return bad;
}

int main(int argc, char **argv)
{
    pthread_t t[NT];
    bool nopi = argc > 1 && strcmp(argv[1], "nopi") == 0;

    run(mutex_worker, NT, t);
    join_all(NT, t);
    printf("mutex: %u (expect %u)\n", m_count, NT * 5000);

    pthread_create(&t[0], NULL, producer, (void *)0);
    pthread_create(&t[1], NULL, producer, (void *)1000000);
    pthread_create(&t[2], NULL, consumer, NULL);
    pthread_create(&t[3], NULL, consumer, NULL);
    join_all(NT, t);
    uint64_t qe = 2ull * ITEMS * (ITEMS + 1) / 2 + 1000000ull * ITEMS;
    printf("queue: %u items, sum %llu (expect %llu)\n", q_taken, (unsigned long long)q_sum,
           (unsigned long long)qe);

    run(rw_worker, NT, t);
    join_all(NT, t);
    printf("rwlock: a=%u reads=%u bad=%u\n", rw_a, rw_reads, rw_bad);

    pthread_barrier_init(&bar, NULL, NT);
    run(bar_worker, NT, t);
    join_all(NT, t);
    printf("barrier: phase %u serial %u bad %u\n", bar_phase, bar_serial, bar_bad);

    sem_init(&sem, 0, 2);
    run(sem_worker, NT, t);
    join_all(NT, t);
    int sv;
    sem_getvalue(&sem, &sv);
    printf("sem: total %u, max holders %s, value %d\n", sem_total,
           sem_max <= 2 ? "<= 2" : "> 2", sv);

    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    int e = pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT);
    e = e ? e : pthread_mutex_init(&pi, &ma);
    if (nopi) {
        printf("pi mutex: skipped\n");
    } else if (e) {
        printf("pi mutex: init %s\n", strerror(e));
    } else {
        run(pi_worker, NT, t);
        int bad = join_all(NT, t);
        printf("pi mutex: %u (expect %u), failed locks %d\n", pi_count, NT * 3000, bad);
    }

    /* Requeue: wait until all 3 sleep on fa (repeat until all were moved), then wake fb. */
    run(rq_waiter, 3, t);
    while (__atomic_load_n(&rq_ready, __ATOMIC_SEQ_CST) < 3) {
        sched_yield();
    }
    long moved = 0, r;
    for (int tries = 0; moved < 3 && tries < 2000; tries++) {
        r = futex(&fa, FUTEX_CMP_REQUEUE_PRIVATE, 0, INT_MAX, &fb, 0);
        if (r < 0) {
            printf("requeue: %s\n", strerror(errno));
            break;
        }
        moved += r;
        if (moved < 3) {
            usleep(1000);
        }
    }
    r = futex(&fa, FUTEX_CMP_REQUEUE_PRIVATE, 0, INT_MAX, &fb, 1); /* fa != 1 */
    printf("requeue: moved %ld, with a stale value: %s\n", moved,
           r < 0 && errno == EAGAIN ? "EAGAIN" : "no error");
    __atomic_store_n(&rq_go, 1, __ATOMIC_SEQ_CST);
    long woken = futex(&fb, FUTEX_WAKE_PRIVATE, INT_MAX, 0, NULL, 0);
    join_all(3, t);
    printf("requeue: woken on the second word %ld\n", woken);

    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
    e = pthread_mutex_init(&rob, &ma);
    if (e) {
        printf("robust: init %s\n", strerror(e));
        return 0;
    }
    pthread_create(&t[0], NULL, rob_owner, NULL);
    pthread_join(t[0], NULL);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 2;
    e = pthread_mutex_timedlock(&rob, &ts);
    printf("robust: lock after the owner died: %s\n", e ? strerror(e) : "0");
    if (e == EOWNERDEAD) {
        printf("robust: consistent %d\n", pthread_mutex_consistent(&rob));
        pthread_mutex_unlock(&rob);
        e = pthread_mutex_lock(&rob);
        printf("robust: lock again %d\n", e);
        pthread_mutex_unlock(&rob);
    }
    return 0;
}
