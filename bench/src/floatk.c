/* Floating point (single): float kernels: saxpy and dot product over 4096-element
 * vectors, plus a 64x48 Mandelbrot escape-count image, per repetition. */
#include "bench.h"

#define VN 4096
static float x[VN], y[VN];

static void saxpy(float a, const float *restrict xs, float *restrict ys, int n)
{
    for (int i = 0; i < n; i++)
        ys[i] = a * xs[i] + ys[i];
}

static float dot(const float *xs, const float *ys, int n)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++)
        s += xs[i] * ys[i];
    return s;
}

static uint32_t mandel(float cx0, float cy0, float step)
{
    uint32_t total = 0;
    for (int py = 0; py < 48; py++) {
        float ci = cy0 + (float)py * step;
        for (int px = 0; px < 64; px++) {
            float cr = cx0 + (float)px * step;
            float zr = 0.0f, zi = 0.0f;
            int it = 0;
            while (it < 64 && zr * zr + zi * zi < 4.0f) {
                float t = zr * zr - zi * zi + cr;
                zi = 2.0f * zr * zi + ci;
                zr = t;
                it++;
            }
            total = total * 31u + (uint32_t)it;
        }
    }
    return total;
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 300);
    bench_seed(5);
    for (int i = 0; i < VN; i++) {
        x[i] = (float)(int32_t)(bench_rand() % 2001u - 1000) / 512.0f;
        y[i] = (float)(int32_t)(bench_rand() % 2001u - 1000) / 512.0f;
    }
    uint32_t sum = 0;
    float acc = 0.0f;
    for (uint32_t r = 0; r < reps; r++) {
        float a = (float)((int32_t)(r % 7) - 3) * 0.125f;
        saxpy(a, x, y, VN);
        float d = dot(x, y, VN);
        acc = acc * 0.5f + d;
        for (int i = 0; i < VN; i++) /* keep y bounded */
            y[i] *= 0.5f;
        sum = bench_mix(sum, mandel(-2.0f + (float)(r & 15) * 0.01f, -1.2f, 0.05f));
    }
    printf("checksum floatk %08x %.6e\n", (unsigned)sum, (double)acc);
    return 0;
}
