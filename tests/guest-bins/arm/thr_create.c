/*
 * thr_create: many short-lived threads. 12 waves of 32 joinable threads (384), each
 * summing a small range and returning it through pthread_join; 96 detached threads
 * that signal a semaphore when done; 8 threads that each create and join 6 threads of
 * their own. Only totals are printed (by the main thread), so the output is fixed.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { WAVES = 12, PER_WAVE = 32, DETACHED = 96, PARENTS = 8, CHILDREN = 6 };

static uint32_t ran;        /* threads that ran, all kinds */
static uint32_t tid_unique; /* threads whose tid differs from the process id */
static sem_t detached_done;

static uint32_t sum_for(uint32_t id)
{
    uint32_t s = 0;
    for (uint32_t i = 0; i <= id * 10; i++) {
        s += i ^ (id << 3);
    }
    return s;
}

static uint32_t work(uint32_t id)
{
    uint32_t s = sum_for(id);
    __atomic_fetch_add(&ran, 1, __ATOMIC_RELAXED);
    if (gettid() != getpid()) {
        __atomic_fetch_add(&tid_unique, 1, __ATOMIC_RELAXED);
    }
    return s;
}

static void *joinable(void *arg)
{
    return (void *)(uintptr_t)work((uint32_t)(uintptr_t)arg);
}

static void *detached(void *arg)
{
    work((uint32_t)(uintptr_t)arg);
    sem_post(&detached_done);
    return NULL;
}

static void *parent(void *arg)
{
    uint32_t base = (uint32_t)(uintptr_t)arg, sum = 0;
    pthread_t t[CHILDREN];
    for (uint32_t k = 0; k < CHILDREN; k++) {
        if (pthread_create(&t[k], NULL, joinable, (void *)(uintptr_t)(base + k)) != 0) {
            printf("nested pthread_create failed\n");
            exit(1);
        }
    }
    for (uint32_t k = 0; k < CHILDREN; k++) {
        void *r;
        pthread_join(t[k], &r);
        sum += (uint32_t)(uintptr_t)r;
    }
    return (void *)(uintptr_t)sum;
}

int main(void)
{
    uint32_t expect = 0, got = 0;
    pthread_t t[PER_WAVE];

    /* Waves: all of a wave run at once, then are joined before the next starts. */
    for (uint32_t w = 0; w < WAVES; w++) {
        for (uint32_t k = 0; k < PER_WAVE; k++) {
            uint32_t id = w * PER_WAVE + k;
            if (pthread_create(&t[k], NULL, joinable, (void *)(uintptr_t)id) != 0) {
                printf("pthread_create failed in wave %u\n", w);
                return 1;
            }
        }
        for (uint32_t k = 0; k < PER_WAVE; k++) {
            void *r;
            pthread_join(t[k], &r);
            got += (uint32_t)(uintptr_t)r;
        }
    }
    for (uint32_t id = 0; id < WAVES * PER_WAVE; id++) {
        expect += sum_for(id);
    }
    printf("waves: %u threads, sums %s\n", WAVES * PER_WAVE, got == expect ? "match" : "DIFFER");

    /* Detached threads: nobody joins them; the semaphore says they finished. */
    sem_init(&detached_done, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (uint32_t k = 0; k < DETACHED; k++) {
        pthread_t d;
        if (pthread_create(&d, &attr, detached, (void *)(uintptr_t)k) != 0) {
            printf("detached pthread_create failed\n");
            return 1;
        }
    }
    for (uint32_t k = 0; k < DETACHED; k++) {
        while (sem_wait(&detached_done) != 0) {
        }
    }
    printf("detached: %u threads finished\n", DETACHED);

    /* Threads creating threads. */
    pthread_t p[PARENTS];
    for (uint32_t k = 0; k < PARENTS; k++) {
        pthread_create(&p[k], NULL, parent, (void *)(uintptr_t)(1000 + k * CHILDREN));
    }
    got = 0;
    for (uint32_t k = 0; k < PARENTS; k++) {
        void *r;
        pthread_join(p[k], &r);
        got += (uint32_t)(uintptr_t)r;
    }
    expect = 0;
    for (uint32_t id = 1000; id < 1000 + PARENTS * CHILDREN; id++) {
        expect += sum_for(id);
    }
    printf("nested: %u parents x %u children, sums %s\n", PARENTS, CHILDREN,
           got == expect ? "match" : "DIFFER");
    uint32_t total = WAVES * PER_WAVE + DETACHED + PARENTS * CHILDREN;
    printf("ran %u of %u, own tid %u\n", __atomic_load_n(&ran, __ATOMIC_SEQ_CST), total,
           __atomic_load_n(&tid_unique, __ATOMIC_SEQ_CST));
    return 0;
}
