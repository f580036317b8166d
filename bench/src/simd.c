/* SIMD: loops that compilers auto-vectorise (the harness builds this one with -O3 and, for
 * ARM, -mfpu=neon): int8 and int16 dot products, float saxpy, a byte-count scan (the
 * inner loop of memchr/strlen-like code) and an alpha blend of two 8-bit images, per
 * repetition.  All arithmetic is exact (integers; floats are small dyadic values whose
 * sums and products are representable), so flush-to-zero, evaluation order and
 * -funsafe-math-optimizations cannot change the checksum. */
#include "bench.h"

#define N 8192
static int8_t a8[N], b8[N];
static int16_t a16[N], b16[N];
static uint8_t img1[N], img2[N], alpha[N], out[N];
static float xs[N], ys[N];

static int32_t dot8(const int8_t *restrict a, const int8_t *restrict b, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static int32_t dot16(const int16_t *restrict a, const int16_t *restrict b, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static void saxpy(float k, const float *restrict x, float *restrict y, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = k * x[i] + y[i];
}

static uint32_t count_byte(const uint8_t *restrict p, uint8_t c, int n)
{
    uint32_t cnt = 0;
    for (int i = 0; i < n; i++)
        cnt += p[i] == c;
    return cnt;
}

static void blend(const uint8_t *restrict p, const uint8_t *restrict q,
                  const uint8_t *restrict al, uint8_t *restrict o, int n)
{
    for (int i = 0; i < n; i++)
        o[i] = (uint8_t)((p[i] * al[i] + q[i] * (255 - al[i])) >> 8);
}

static uint32_t sum_bytes(const uint8_t *restrict p, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 100);
    bench_seed(11);
    for (int i = 0; i < N; i++) {
        uint32_t r = bench_rand();
        a8[i] = (int8_t)r;
        b8[i] = (int8_t)(r >> 8);
        a16[i] = (int16_t)(r >> 4);
        b16[i] = (int16_t)((r >> 16) & 0x3fff) - 0x2000;
        img1[i] = (uint8_t)(r >> 3);
        img2[i] = (uint8_t)(r >> 11);
        alpha[i] = (uint8_t)(r >> 19);
        xs[i] = (float)(int32_t)(r % 255u) - 127.0f;
        ys[i] = 0.0f;
    }
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        sum = bench_mix(sum, (uint32_t)dot8(a8, b8, N));
        sum = bench_mix(sum, (uint32_t)dot16(a16, b16, N));
        /* k in {-1, 0, 1}: y stays an integer below 2^24 in magnitude for any reps */
        float k = (float)((int32_t)(r % 3) - 1);
        saxpy(k, xs, ys, N);
        sum = bench_mix(sum, count_byte(img1, (uint8_t)r, N));
        blend(img1, img2, alpha, out, N);
        sum = bench_mix(sum, sum_bytes(out, N));
        img1[r % N] ^= out[(r * 7u) % N];
        BENCH_CLOBBER();
    }
    int32_t ysum = 0;
    for (int i = 0; i < N; i++)
        ysum += (int32_t)ys[i];
    printf("checksum simd %08x %d\n", (unsigned)sum, ysum);
    return 0;
}
