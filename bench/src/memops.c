/* Memory: libc memcpy / memmove / memset with sizes from 8 bytes to 256 KiB and
 * assorted alignments, checksumming a few bytes of each result. */
#include "bench.h"

#define ARENA (1u << 19)
static uint8_t src[ARENA + 64], dst[ARENA + 64];

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 100);
    static const uint32_t sizes[] = { 8, 13, 32, 64, 100, 256, 1000, 4096, 16384, 65536, 262144 };
    bench_seed(31337);
    for (uint32_t i = 0; i < sizeof src; i++)
        src[i] = (uint8_t)bench_rand();
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        for (uint32_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            uint32_t n = sizes[s];
            /* same number of bytes per size class: many small calls, few large ones */
            uint32_t calls = 262144 / n;
            if (calls > 4096)
                calls = 4096;
            for (uint32_t c = 0; c < calls; c++) {
                uint32_t so = (c * 7 + r) & 31, d = (c * 13 + s) & 31;
                uint32_t off = (c * n) & (ARENA - 1 - n) & ~63u;
                memcpy(dst + off + d, src + off + so, n);
                sum += dst[off + d + n - 1];
                if ((c & 3) == 0) {
                    memset(dst + off + d, (int)(c & 0xff), n);
                    sum += dst[off + d + (n >> 1)];
                }
                if ((c & 7) == 1) {
                    memmove(dst + off + 1, dst + off + d, n);
                    sum += dst[off + 1 + n / 3];
                }
                BENCH_CLOBBER();
            }
            sum = bench_mix(sum, n);
        }
        src[(sum >> 3) & (ARENA - 1)] ^= (uint8_t)sum;
    }
    bench_result_u32("memops", sum);
    return 0;
}
