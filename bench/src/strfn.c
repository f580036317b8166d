/* Memory: libc strlen / strcmp / strncmp / strchr / memcmp on a pool of strings with
 * lengths from 0 to ~2000 bytes, many pairs sharing long common prefixes. */
#include "bench.h"

#define NSTR 512
static char *strs[NSTR];
static uint32_t lens[NSTR];

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 100);
    bench_seed(2024);
    static char base[2100];
    for (int i = 0; i < 2048; i++)
        base[i] = (char)('a' + bench_rand() % 26);
    for (int i = 0; i < NSTR; i++) {
        uint32_t len = (i % 8 == 0) ? bench_rand() % 2000 : bench_rand() % 120;
        strs[i] = malloc(len + 1);
        memcpy(strs[i], base, len);   /* common prefix ... */
        strs[i][len] = 0;
        if (len > 4)
            strs[i][len - 1 - bench_rand() % 4] = (char)('A' + i % 26); /* ... differing near the end */
        lens[i] = len;
    }
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        for (int i = 0; i < NSTR; i++) {
            const char *s = strs[i];
            size_t n = strlen(s);
            sum += (uint32_t)n;
            int j = (i * 37 + (int)r) % NSTR;
            int c = strcmp(s, strs[j]);
            sum = bench_mix(sum, (uint32_t)((c > 0) - (c < 0)));
            c = strncmp(s, strs[(j + 1) % NSTR], 64);
            sum += (uint32_t)((c > 0) - (c < 0)) * 3u;
            const char *p = strchr(s, 'A' + (int)(r % 26));
            sum += p ? (uint32_t)(p - s) : 0xffu;
            uint32_t m = lens[i] < lens[j] ? lens[i] : lens[j];
            c = memcmp(s, strs[j], m);
            sum += (uint32_t)((c > 0) - (c < 0)) * 5u;
        }
        BENCH_CLOBBER();
    }
    bench_result_u32("strfn", sum);
    return 0;
}
