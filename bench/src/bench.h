/* Shared helpers for the xemu benchmark programs (bench/src/NAME.c).
 *
 * Every program takes one argument, a size (a repetition count: run time is roughly
 * linear in it), does deterministic work and prints exactly one line
 *     checksum NAME HEX-OR-NUMBER
 * which the harness compares across native, xemu and qemu-user.  Programs must give the
 * same checksum on every host/guest: no type punning of multi-byte values through memory
 * (endianness), only fixed-width integer types (long is 32 or 64 bit), no libm except
 * sqrt (correctly rounded), and the harness builds with -ffp-contract=off (no fused
 * multiply-add on one target and not on another).  No timing in here: the harness times. */
#ifndef XEMU_BENCH_H
#define XEMU_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline uint32_t bench_size(int argc, char **argv, uint32_t dflt)
{
    if (argc > 1) {
        char *end;
        unsigned long v = strtoul(argv[1], &end, 0);
        if (*end || v == 0 || v > 0x7fffffffUL) {
            fprintf(stderr, "usage: %s [size>0]\n", argv[0]);
            exit(2);
        }
        return (uint32_t)v;
    }
    return dflt;
}

/* xorshift32: small, deterministic, identical everywhere. */
static uint32_t bench_rng_state = 2463534242u;
static inline void bench_seed(uint32_t s) { bench_rng_state = s ? s : 1; }
static inline uint32_t bench_rand(void)
{
    uint32_t x = bench_rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return bench_rng_state = x;
}

/* Order-dependent mixing of a checksum with a new value. */
static inline uint32_t bench_mix(uint32_t h, uint32_t v)
{
    h ^= v + 0x9e3779b9u + (h << 6) + (h >> 2);
    return h;
}

/* Keeps the compiler from deleting or hoisting work whose result is otherwise unused. */
#define BENCH_OPAQUE(v) __asm__ volatile("" : "+r"(v))
#define BENCH_CLOBBER() __asm__ volatile("" ::: "memory")

static inline void bench_result_u32(const char *name, uint32_t sum)
{
    printf("checksum %s %08x\n", name, (unsigned)sum);
}

#endif
