/*
 * Deterministic random numbers for the randomized unit tests (splitmix64): a printed
 * seed reproduces a failing case on any machine.
 */
#ifndef XEMU_TEST_RNG_H
#define XEMU_TEST_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Rng {
    uint64_t s;
} Rng;

static inline uint64_t rng64(Rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline uint32_t rng32(Rng *r)
{
    return (uint32_t)(rng64(r) >> 32);
}

/* Uniform in [0, n). */
static inline uint32_t rng_below(Rng *r, uint32_t n)
{
    return (uint32_t)(((rng64(r) >> 32) * n) >> 32);
}

static inline bool rng_pct(Rng *r, unsigned pct)
{
    return rng_below(r, 100) < pct;
}

#endif
