/* Integer: table-driven CRC-32 (IEEE, reflected) byte at a time, and slice-by-4 over
 * the same buffer (bytes combined explicitly so it is endian-independent). */
#include "bench.h"

#define BUF 65536
static uint8_t buf[BUF];
static uint32_t tab[4][256];

static void init_tables(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        tab[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++) {
        tab[1][i] = (tab[0][i] >> 8) ^ tab[0][tab[0][i] & 0xff];
        tab[2][i] = (tab[1][i] >> 8) ^ tab[0][tab[1][i] & 0xff];
        tab[3][i] = (tab[2][i] >> 8) ^ tab[0][tab[2][i] & 0xff];
    }
}

static uint32_t crc_bytewise(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    while (n--)
        crc = tab[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc_slice4(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    while (n >= 4) {
        crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        crc = tab[3][crc & 0xff] ^ tab[2][(crc >> 8) & 0xff] ^ tab[1][(crc >> 16) & 0xff] ^
              tab[0][crc >> 24];
        p += 4;
        n -= 4;
    }
    while (n--)
        crc = tab[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 200);
    init_tables();
    bench_seed(777);
    for (uint32_t i = 0; i < BUF; i++)
        buf[i] = (uint8_t)(bench_rand() >> 5);
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        uint32_t n = BUF - (r & 31);
        uint32_t a = crc_bytewise(r, buf, n);
        uint32_t b = crc_slice4(r, buf, n);
        if (a != b) {
            printf("crc mismatch at rep %u: %08x %08x\n", (unsigned)r, (unsigned)a, (unsigned)b);
            return 1;
        }
        sum = bench_mix(sum, a);
        buf[a & (BUF - 1)]++;
    }
    bench_result_u32("crc32", sum);
    return 0;
}
