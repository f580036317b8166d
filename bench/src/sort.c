/* Integer: sorts 20000 pseudo-random 32-bit keys with libc qsort (a comparison
 * callback per compare) and with a hand-written top-down merge sort, per repetition. */
#include "bench.h"

#define N 20000
static uint32_t src[N], a[N], b[N], tmp[N];

static int cmp_u32(const void *x, const void *y)
{
    uint32_t u = *(const uint32_t *)x, v = *(const uint32_t *)y;
    return (u > v) - (u < v);
}

static void msort(uint32_t *v, uint32_t *t, uint32_t n)
{
    if (n <= 16) { /* insertion sort for small runs */
        for (uint32_t i = 1; i < n; i++) {
            uint32_t x = v[i], j = i;
            while (j > 0 && v[j - 1] > x) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    uint32_t h = n / 2;
    msort(v, t, h);
    msort(v + h, t + h, n - h);
    if (v[h - 1] <= v[h])
        return;
    uint32_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        t[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    while (i < h)
        t[k++] = v[i++];
    while (j < n)
        t[k++] = v[j++];
    memcpy(v, t, n * sizeof *v);
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 60);
    bench_seed(4242);
    for (uint32_t i = 0; i < N; i++)
        src[i] = bench_rand();
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        uint32_t n = N - (r & 63);
        for (uint32_t i = 0; i < n; i++) {
            a[i] = src[i] ^ (r * 0x01000193u);
            b[i] = a[i] % (1u << (8 + (r & 15))); /* many duplicates sometimes */
        }
        qsort(a, n, sizeof a[0], cmp_u32);
        msort(b, tmp, n);
        for (uint32_t i = 1; i < n; i++) {
            if (a[i - 1] > a[i] || b[i - 1] > b[i]) {
                printf("not sorted at rep %u index %u\n", (unsigned)r, (unsigned)i);
                return 1;
            }
        }
        for (uint32_t i = 0; i < n; i += 97)
            sum = bench_mix(sum, a[i] + b[i]);
        src[r % N] = sum;
    }
    bench_result_u32("sort", sum);
    return 0;
}
