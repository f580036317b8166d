/*
 * thr_atomic: contended atomics on shared words (ARM LDREX/STREX, LDREXB/H/D; MIPS LL/SC,
 * with libatomic for 64 bits). 6 threads at once do, on the same variables:
 * __atomic_fetch_add on 8-, 16-, 32- and 64-bit counters, a compare-exchange loop adding
 * a per-thread constant, fetch_xor, a CAS "maximum" loop, and a __sync_lock_test_and_set
 * spinlock guarding a plain two-word record whose halves must always agree. A lost
 * update shows in the final values, which the main thread prints with what they must be.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum { NTHREADS = 6, ITERS = 20000 };

static uint8_t c8;
static uint16_t c16;
static uint32_t c32;
static uint64_t c64;
static uint32_t cas_sum;   /* updated by a compare-exchange loop */
static uint32_t xor_word;  /* __atomic_fetch_xor, each thread its own bit pattern */
static uint32_t max_word;  /* CAS loop keeping the maximum seen */
static volatile int spin;  /* __sync_lock_test_and_set / __sync_lock_release */
static uint32_t rec_a, rec_b;
static uint32_t torn;      /* times a holder of the spinlock saw rec_a != rec_b */
static uint32_t start_gate;

static void *worker(void *arg)
{
    uint32_t id = (uint32_t)(uintptr_t)arg;
    /* Start together, so the loops really contend. */
    __atomic_fetch_add(&start_gate, 1, __ATOMIC_SEQ_CST);
    while (__atomic_load_n(&start_gate, __ATOMIC_SEQ_CST) < NTHREADS) {
    }
    for (uint32_t i = 0; i < ITERS; i++) {
        __atomic_fetch_add(&c8, 1, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&c16, 3, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&c32, 5, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&c64, 0x100000001ull, __ATOMIC_SEQ_CST);

        uint32_t old = __atomic_load_n(&cas_sum, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_sum, &old, old + id + 1, true,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
        }
        __atomic_fetch_xor(&xor_word, 1u << (id * 5 % 32), __ATOMIC_SEQ_CST);
        uint32_t cand = id * ITERS + i, cur = __atomic_load_n(&max_word, __ATOMIC_RELAXED);
        while (cand > cur && !__sync_bool_compare_and_swap(&max_word, cur, cand)) {
            cur = __atomic_load_n(&max_word, __ATOMIC_RELAXED);
        }

        while (__sync_lock_test_and_set(&spin, 1)) {
            while (spin) {
            }
        }
        if (rec_a != rec_b) {
            torn++;
        }
        rec_a++;
        rec_b = rec_a;
        __sync_lock_release(&spin);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    for (uint32_t k = 0; k < NTHREADS; k++) {
        pthread_create(&t[k], NULL, worker, (void *)(uintptr_t)k);
    }
    for (uint32_t k = 0; k < NTHREADS; k++) {
        pthread_join(t[k], NULL);
    }
    uint32_t n = NTHREADS * ITERS, ids = 0, x = 0;
    for (uint32_t k = 0; k < NTHREADS; k++) {
        ids += k + 1;
        if (ITERS & 1) {
            x ^= 1u << (k * 5 % 32);
        }
    }
    printf("c8 %u (expect %u)\n", c8, (uint8_t)n);
    printf("c16 %u (expect %u)\n", c16, (uint16_t)(3 * n));
    printf("c32 %u (expect %u)\n", c32, 5 * n);
    printf("c64 %llx (expect %llx)\n", (unsigned long long)c64,
           (unsigned long long)n * 0x100000001ull);
    printf("cas %u (expect %u)\n", cas_sum, ids * ITERS);
    printf("xor %08x (expect %08x)\n", xor_word, x);
    printf("max %u (expect %u)\n", max_word, (NTHREADS - 1) * ITERS + ITERS - 1);
    printf("spinlock record %u/%u (expect %u), torn %u\n", rec_a, rec_b, n, torn);
    return 0;
}
