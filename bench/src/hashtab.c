/* Integer: open-addressing hash table (linear probing, 2^16 slots, uint32 keys and
 * values): per repetition insert 40000 keys (with updates of duplicates), look up 40000
 * present and 40000 absent keys, delete a quarter with backward-shift deletion. */
#include "bench.h"

#define BITS 16
#define SLOTS (1u << BITS)
#define MASK (SLOTS - 1)
#define EMPTY 0u

static uint32_t keys[SLOTS], vals[SLOTS];
static uint32_t count;

static inline uint32_t slot_of(uint32_t k)
{
    k ^= k >> 16;
    k *= 0x7feb352du;
    k ^= k >> 15;
    return k & MASK;
}

static void ht_put(uint32_t k, uint32_t v)
{
    uint32_t i = slot_of(k);
    while (keys[i] != EMPTY) {
        if (keys[i] == k) {
            vals[i] += v;
            return;
        }
        i = (i + 1) & MASK;
    }
    keys[i] = k;
    vals[i] = v;
    count++;
}

static int ht_get(uint32_t k, uint32_t *v)
{
    uint32_t i = slot_of(k);
    while (keys[i] != EMPTY) {
        if (keys[i] == k) {
            *v = vals[i];
            return 1;
        }
        i = (i + 1) & MASK;
    }
    return 0;
}

static void ht_del(uint32_t k)
{
    uint32_t i = slot_of(k);
    while (keys[i] != k) {
        if (keys[i] == EMPTY)
            return;
        i = (i + 1) & MASK;
    }
    count--;
    uint32_t j = i;
    for (;;) { /* backward-shift: keep every probe chain unbroken */
        keys[i] = EMPTY;
        for (;;) {
            j = (j + 1) & MASK;
            if (keys[j] == EMPTY)
                return;
            uint32_t home = slot_of(keys[j]);
            if (((j - home) & MASK) >= ((j - i) & MASK))
                break;
        }
        keys[i] = keys[j];
        vals[i] = vals[j];
        i = j;
    }
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 60);
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        memset(keys, 0, sizeof keys);
        count = 0;
        bench_seed(1000 + r);
        for (uint32_t i = 0; i < 40000; i++) {
            uint32_t k = (bench_rand() % 60000u) * 2 + 2; /* even, nonzero */
            ht_put(k, i);
        }
        bench_seed(1000 + r);
        for (uint32_t i = 0; i < 40000; i++) {
            uint32_t k = (bench_rand() % 60000u) * 2 + 2, v = 0;
            if (!ht_get(k, &v)) {
                printf("missing key %u\n", (unsigned)k);
                return 1;
            }
            sum += v;
            if (ht_get(k + 1, &v)) { /* odd keys are never present */
                printf("phantom key %u\n", (unsigned)(k + 1));
                return 1;
            }
        }
        bench_seed(1000 + r);
        for (uint32_t i = 0; i < 10000; i++)
            ht_del((bench_rand() % 60000u) * 2 + 2);
        uint32_t v, found = 0;
        for (uint32_t k = 2; k < 2000; k += 2)
            found += ht_get(k, &v);
        sum = bench_mix(sum, count);
        sum = bench_mix(sum, found);
    }
    bench_result_u32("hashtab", sum);
    return 0;
}
