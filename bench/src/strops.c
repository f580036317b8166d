/* Integer: string processing: build a text of pseudo-random words and numbers with a
 * hand-written itoa and snprintf, split it into tokens, upper-case / reverse them,
 * search with strstr/strchr, and parse the numbers back with strtoul. */
#include "bench.h"
#include <ctype.h>

#define TEXT 16384

static char text[TEXT + 64];

static int my_utoa(uint32_t v, char *out)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

static uint32_t build(uint32_t r)
{
    static const char *const words[] = {
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
        "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
    };
    uint32_t len = 0;
    bench_seed(r * 2654435761u + 1);
    while (len < TEXT) {
        uint32_t x = bench_rand();
        if (x & 1) {
            const char *w = words[(x >> 1) & 15];
            size_t n = strlen(w);
            memcpy(text + len, w, n);
            len += (uint32_t)n;
        } else if (x & 2) {
            len += (uint32_t)my_utoa(x >> 8, text + len);
        } else {
            len += (uint32_t)snprintf(text + len, 32, "%x", (unsigned)(x >> 12));
        }
        text[len++] = (x & 0x30) ? ' ' : ',';
    }
    text[len] = 0;
    return len;
}

int main(int argc, char **argv)
{
    uint32_t reps = bench_size(argc, argv, 200);
    uint32_t sum = 0;
    for (uint32_t r = 0; r < reps; r++) {
        uint32_t len = build(r);
        sum = bench_mix(sum, len);
        /* search */
        const char *p = text;
        uint32_t hits = 0;
        while ((p = strstr(p, "ike")) != NULL) {
            hits++;
            p += 3;
        }
        for (p = text; (p = strchr(p, ',')) != NULL; p++)
            hits += 0x10000;
        sum = bench_mix(sum, hits);
        /* tokenize, transform, parse */
        char *save = NULL;
        for (char *tok = strtok_r(text, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
            if (isdigit((unsigned char)tok[0])) {
                sum += (uint32_t)strtoul(tok, NULL, tok[0] == '0' ? 16 : 10);
            } else {
                size_t n = strlen(tok);
                for (size_t i = 0; i < n / 2; i++) {
                    char c = tok[i];
                    tok[i] = (char)toupper((unsigned char)tok[n - 1 - i]);
                    tok[n - 1 - i] = (char)toupper((unsigned char)c);
                }
                sum = bench_mix(sum, (uint32_t)(unsigned char)tok[0] << 8 | (uint32_t)n);
            }
        }
    }
    bench_result_u32("strops", sum);
    return 0;
}
