/* Integer: FNV-1a (byte at a time) and an xxHash32-like hash (4 lanes of 32-bit words,
 * loaded little-endian byte by byte so the result is endian-independent) over a 64 KiB
 * buffer.  Each repetition perturbs the buffer with the previous hash. */
#include "bench.h"

#define BUF 65536
static uint8_t buf[BUF];

static uint32_t fnv1a(const uint8_t *p, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static inline uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
static inline uint32_t ld32le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define P1 2654435761u
#define P2 2246822519u
#define P3 3266489917u
#define P4 668265263u
#define P5 374761393u

static uint32_t xxh32(const uint8_t *p, uint32_t n, uint32_t seed)
{
    const uint8_t *end = p + n;
    uint32_t h;
    if (n >= 16) {
        uint32_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        const uint8_t *lim = end - 16;
        do {
            v1 = rotl(v1 + ld32le(p) * P2, 13) * P1; p += 4;
            v2 = rotl(v2 + ld32le(p) * P2, 13) * P1; p += 4;
            v3 = rotl(v3 + ld32le(p) * P2, 13) * P1; p += 4;
            v4 = rotl(v4 + ld32le(p) * P2, 13) * P1; p += 4;
        } while (p <= lim);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
    } else {
        h = seed + P5;
    }
    h += n;
    while (p + 4 <= end) {
        h = rotl(h + ld32le(p) * P3, 17) * P4;
        p += 4;
    }
    while (p < end) {
        h = rotl(h + *p++ * P5, 11) * P1;
    }
    h ^= h >> 15; h *= P2; h ^= h >> 13; h *= P3; h ^= h >> 16;
    return h;
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 200);
    bench_seed(12345);
    for (uint32_t i = 0; i < BUF; i++)
        buf[i] = (uint8_t)bench_rand();
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        uint32_t a = fnv1a(buf, BUF);
        /* odd lengths exercise the tails */
        uint32_t b = xxh32(buf + (r & 7), BUF - 8 - (r & 15), a);
        sum = bench_mix(sum, a);
        sum = bench_mix(sum, b);
        buf[(a ^ b) & (BUF - 1)] ^= (uint8_t)(b >> 8) | 1;
    }
    bench_result_u32("hash", sum);
    return 0;
}
