/* Floating point (double): dense 96x96 matrix multiply, i-k-j loop order, C = A*B + C
 * per repetition with A perturbed each time; prints the trace and a weighted sum. */
#include "bench.h"

#define N 96
static double A[N][N], B[N][N], C[N][N];

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 100);
    bench_seed(99);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = (double)(int32_t)(bench_rand() % 2001u - 1000) / 1024.0;
            B[i][j] = (double)(int32_t)(bench_rand() % 2001u - 1000) / 2048.0;
        }
    for (uint32_t r = 0; r < reps; r++) {
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double a = A[i][k];
                for (int j = 0; j < N; j++)
                    C[i][j] += a * B[k][j];
            }
        /* keep magnitudes bounded and make every repetition different */
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                C[i][j] *= 0.0078125;
        A[r % N][(r * 7) % N] += 0.25;
    }
    double tr = 0, ws = 0;
    for (int i = 0; i < N; i++) {
        tr += C[i][i];
        for (int j = 0; j < N; j++)
            ws += C[i][j] * (double)((i * N + j) % 17 - 8);
    }
    printf("checksum matmul %.10e %.10e\n", tr, ws);
    return 0;
}
