/*
 * Auto-vectorised loops: the NEON code a compiler produces on its own (-O3
 * -ftree-vectorize, also with VFPv4 in Thumb). Sums, dot products, saxpy, min/max,
 * byte histograms, saturating adds, widening and narrowing, and string operations over
 * int8/16/32 and float arrays, printed as checksums. Float loops avoid reassociation
 * (no -ffast-math), so the vectorised code computes the same values as the scalar one.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1027 /* not a multiple of the vector length: the scalar tail runs too */

static int8_t s8a[N], s8b[N];
static uint8_t u8a[N], u8b[N];
static int16_t s16a[N], s16b[N];
static uint16_t u16a[N];
static int32_t s32a[N], s32b[N];
static uint32_t u32a[N];
static float fa[N], fb[N], fc[N];
static char text[4096];

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 7;
}

static uint32_t hash(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 16777619u;
    }
    return h;
}

static void fill(void)
{
    for (int i = 0; i < N; i++) {
        s8a[i] = (int8_t)rng();
        s8b[i] = (int8_t)rng();
        u8a[i] = (uint8_t)rng();
        u8b[i] = (uint8_t)rng();
        s16a[i] = (int16_t)rng();
        s16b[i] = (int16_t)rng();
        u16a[i] = (uint16_t)rng();
        s32a[i] = (int32_t)(rng() << 9);
        s32b[i] = (int32_t)rng() - 0x1000000;
        u32a[i] = rng() * 977u;
        fa[i] = (float)((int32_t)rng() % 20000) / 128.0f;
        fb[i] = (float)((int32_t)rng() % 3000) / 7.0f;
    }
    for (size_t i = 0; i < sizeof(text) - 1; i++) {
        text[i] = (char)(' ' + rng() % 95);
    }
}

__attribute__((noinline)) static int32_t sum_s8(const int8_t *a)
{
    int32_t s = 0;
    for (int i = 0; i < N; i++) {
        s += a[i];
    }
    return s;
}

__attribute__((noinline)) static uint32_t sum_u16(const uint16_t *a)
{
    uint32_t s = 0;
    for (int i = 0; i < N; i++) {
        s += a[i];
    }
    return s;
}

__attribute__((noinline)) static int64_t sum_s32(const int32_t *a)
{
    int64_t s = 0;
    for (int i = 0; i < N; i++) {
        s += a[i];
    }
    return s;
}

__attribute__((noinline)) static int32_t dot_s16(const int16_t *a, const int16_t *b)
{
    int32_t s = 0;
    for (int i = 0; i < N; i++) {
        s += a[i] * b[i];
    }
    return s;
}

__attribute__((noinline)) static int32_t dot_s8(const int8_t *a, const int8_t *b)
{
    int32_t s = 0;
    for (int i = 0; i < N; i++) {
        s += a[i] * b[i];
    }
    return s;
}

__attribute__((noinline)) static int64_t dot_s32(const int32_t *a, const int32_t *b)
{
    int64_t s = 0;
    for (int i = 0; i < N; i++) {
        s += (int64_t)a[i] * b[i];
    }
    return s;
}

__attribute__((noinline)) static void saxpy(float *y, const float *x, float a)
{
    for (int i = 0; i < N; i++) {
        y[i] = a * x[i] + y[i];
    }
}

__attribute__((noinline)) static void fmul_add(float *d, const float *a, const float *b)
{
    for (int i = 0; i < N; i++) {
        d[i] = a[i] * b[i] - d[i] * 0.5f;
    }
}

__attribute__((noinline)) static void minmax_s32(const int32_t *a, int32_t *mn, int32_t *mx)
{
    int32_t lo = a[0], hi = a[0];
    for (int i = 0; i < N; i++) {
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
    }
    *mn = lo;
    *mx = hi;
}

__attribute__((noinline)) static void minmax_u8(const uint8_t *a, uint8_t *mn, uint8_t *mx)
{
    uint8_t lo = 255, hi = 0;
    for (int i = 0; i < N; i++) {
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
    }
    *mn = lo;
    *mx = hi;
}

__attribute__((noinline)) static void fmaxmin(float *d, const float *a, const float *b)
{
    for (int i = 0; i < N; i++) {
        d[i] = a[i] > b[i] ? a[i] : b[i];
    }
}

__attribute__((noinline)) static void sat_add_u8(uint8_t *d, const uint8_t *a, const uint8_t *b)
{
    for (int i = 0; i < N; i++) {
        unsigned s = a[i] + b[i];
        d[i] = s > 255 ? 255 : (uint8_t)s;
    }
}

__attribute__((noinline)) static void avg_u8(uint8_t *d, const uint8_t *a, const uint8_t *b)
{
    for (int i = 0; i < N; i++) {
        d[i] = (uint8_t)((a[i] + b[i] + 1) >> 1);
    }
}

__attribute__((noinline)) static void abs_diff_s16(int16_t *d, const int16_t *a,
                                                   const int16_t *b)
{
    for (int i = 0; i < N; i++) {
        int v = a[i] - b[i];
        d[i] = (int16_t)(v < 0 ? -v : v);
    }
}

__attribute__((noinline)) static void widen_mul(int32_t *d, const int16_t *a, const int16_t *b)
{
    for (int i = 0; i < N; i++) {
        d[i] = a[i] * b[i];
    }
}

__attribute__((noinline)) static void narrow_shift(int16_t *d, const int32_t *a)
{
    for (int i = 0; i < N; i++) {
        d[i] = (int16_t)(a[i] >> 12);
    }
}

__attribute__((noinline)) static void shifts_u32(uint32_t *d, const uint32_t *a)
{
    for (int i = 0; i < N; i++) {
        d[i] = (a[i] << 3) ^ (a[i] >> 7) ^ ((int32_t)a[i] >> 29);
    }
}

__attribute__((noinline)) static void int_to_float(float *d, const int32_t *a,
                                                   const uint32_t *b)
{
    for (int i = 0; i < N; i++) {
        d[i] = (float)a[i] + (float)b[i];
    }
}

__attribute__((noinline)) static void float_to_int(int32_t *d, const float *a)
{
    for (int i = 0; i < N; i++) {
        d[i] = (int32_t)(a[i] * 3.5f);
    }
}

__attribute__((noinline)) static void histogram(uint32_t *h, const uint8_t *a)
{
    for (int i = 0; i < N; i++) {
        h[a[i] >> 4]++;
    }
}

__attribute__((noinline)) static int count_eq(const uint8_t *a, const uint8_t *b)
{
    int n = 0;
    for (int i = 0; i < N; i++) {
        n += a[i] == b[i] || (a[i] & 7) == (b[i] & 7);
    }
    return n;
}

__attribute__((noinline)) static void to_upper(char *d, const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        char c = s[i];
        d[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
}

__attribute__((noinline)) static int count_char(const char *s, int n, char c)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        k += s[i] == c;
    }
    return k;
}

__attribute__((noinline)) static void reverse_bytes(uint8_t *d, const uint8_t *s)
{
    for (int i = 0; i < N; i++) {
        d[i] = s[N - 1 - i];
    }
}

__attribute__((noinline)) static void interleave(int16_t *d, const int16_t *a, const int16_t *b)
{
    for (int i = 0; i < N / 2; i++) {
        d[2 * i] = a[i];
        d[2 * i + 1] = b[i];
    }
}

__attribute__((noinline)) static void deinterleave(int16_t *d, int16_t *e, const int16_t *a)
{
    for (int i = 0; i < N / 2; i++) {
        d[i] = a[2 * i];
        e[i] = a[2 * i + 1];
    }
}

int main(void)
{
    static int16_t t16[N], t16b[N];
    static int32_t t32[N];
    static uint32_t tu32[N];
    static uint8_t t8[N];
    static float tf[N];
    static uint32_t h[16];
    static char up[sizeof(text)];
    fill();

    printf("sum_s8 %d\n", sum_s8(s8a));
    printf("sum_u16 %u\n", sum_u16(u16a));
    printf("sum_s32 %lld\n", (long long)sum_s32(s32a));
    printf("dot_s16 %d\n", dot_s16(s16a, s16b));
    printf("dot_s8 %d\n", dot_s8(s8a, s8b));
    printf("dot_s32 %lld\n", (long long)dot_s32(s32a, s32b));
    memcpy(fc, fb, sizeof(fc));
    saxpy(fc, fa, 1.75f);
    printf("saxpy %08x\n", hash(fc, sizeof(fc)));
    fmul_add(fc, fa, fb);
    printf("fmul_add %08x\n", hash(fc, sizeof(fc)));
    int32_t mn, mx;
    minmax_s32(s32a, &mn, &mx);
    printf("minmax_s32 %d %d\n", mn, mx);
    uint8_t bmn, bmx;
    minmax_u8(u8a, &bmn, &bmx);
    printf("minmax_u8 %u %u\n", bmn, bmx);
    fmaxmin(tf, fa, fb);
    printf("fmax %08x\n", hash(tf, sizeof(tf)));
    sat_add_u8(t8, u8a, u8b);
    printf("sat_add_u8 %08x\n", hash(t8, sizeof(t8)));
    avg_u8(t8, u8a, u8b);
    printf("avg_u8 %08x\n", hash(t8, sizeof(t8)));
    abs_diff_s16(t16, s16a, s16b);
    printf("abs_diff_s16 %08x\n", hash(t16, sizeof(t16)));
    widen_mul(t32, s16a, s16b);
    printf("widen_mul %08x\n", hash(t32, sizeof(t32)));
    narrow_shift(t16, s32a);
    printf("narrow_shift %08x\n", hash(t16, sizeof(t16)));
    shifts_u32(tu32, u32a);
    printf("shifts_u32 %08x\n", hash(tu32, sizeof(tu32)));
    int_to_float(tf, s32b, u32a);
    printf("int_to_float %08x\n", hash(tf, sizeof(tf)));
    float_to_int(t32, fa);
    printf("float_to_int %08x\n", hash(t32, sizeof(t32)));
    histogram(h, u8a);
    printf("histogram %08x\n", hash(h, sizeof(h)));
    printf("count_eq %d\n", count_eq(u8a, u8b));
    to_upper(up, text, (int)sizeof(text) - 1);
    printf("to_upper %08x\n", hash(up, sizeof(up)));
    printf("count_char %d %d\n", count_char(text, (int)sizeof(text) - 1, 'e'),
           count_char(up, (int)sizeof(up) - 1, 'E'));
    reverse_bytes(t8, u8a);
    printf("reverse_bytes %08x\n", hash(t8, sizeof(t8)));
    interleave(t16, s16a, s16b);
    printf("interleave %08x\n", hash(t16, sizeof(t16)));
    deinterleave(t16, t16b, s16a);
    printf("deinterleave %08x %08x\n", hash(t16, sizeof(t16)), hash(t16b, sizeof(t16b)));
    return 0;
}
