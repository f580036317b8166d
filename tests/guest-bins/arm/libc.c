/*
 * libc: the C library on top of the emulated CPU and system calls: formatted output of
 * numbers (%a %e %g %f, widths, flags, 64-bit), snprintf truncation, strtod/strtol
 * (including ERANGE and hex floats), qsort, setjmp/longjmp, malloc/free/realloc churn
 * over many sizes (small bins, large mmap-backed blocks), and the string functions (many
 * of which glibc implements in hand-written assembly, with NEON variants chosen at start-up).
 * All output is deterministic: no addresses, only values and checksums.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static void formatting(void)
{
    printf("== printf\n");
    static const double d[] = { 0.0, -0.0, 1.0, -1.5, 0.1, 123456789.125, 1e-310, 1e300,
                                2.5e-5, 6.0221e23, 0.5, 9.999999e9 };
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++)
        printf("[%a] [%.2a] [%e] [%.0e] [%g] [%.10g] [%f] [%.1f] [%#g]\n", d[i], d[i], d[i],
               d[i], d[i], d[i], d[i], d[i], d[i]);
    printf("[%d] [%i] [%u] [%x] [%X] [%o] [%#x] [%#o] [%c] [%%]\n", INT_MIN, -42, UINT_MAX,
           0xdeadbeefu, 0xcafeu, 8u, 255u, 8u, 'Z');
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%*d] [%-*d]\n", 42, 42, 42, 42, 42, 7, 6, 1,
           4, 2);
    printf("[%lld] [%llu] [%llx] [%" PRId64 "] [%hhd] [%hd] [%zu] [%jd]\n", LLONG_MIN, ULLONG_MAX,
           0x0123456789abcdefull, INT64_C(-1), (signed char)200, (short)70000, (size_t)123,
           (intmax_t)-5);
    printf("[%s] [%10s] [%-10s] [%.3s] [%.*s]\n", "str", "right", "left", "truncate", 2, "ab");
    printf("[%Lf] [%Lg]\n", 1.25L, 3.0L); /* long double is double on ARM EABI */

    char buf[16];
    volatile size_t one = 1, size = sizeof buf; /* truncation is the point: hide it from gcc */
    int n = snprintf(buf, size, "%s-%d-%s", "abcdefgh", 123456, "tail");
    printf("snprintf n=%d buf=\"%s\"\n", n, buf);
    n = snprintf(buf, one, "xyz");
    printf("snprintf size 1 n=%d buf0=%d\n", n, buf[0]);
    n = snprintf(NULL, 0, "%08.3f", -3.14159);
    printf("snprintf NULL n=%d\n", n);
    char big[64];
    sprintf(big, "%.*f", 20, 1.0 / 3.0);
    printf("sprintf %s\n", big);
}

static void conversions(void)
{
    printf("== strtod strtof strtol\n");
    static const char *const s[] = { "0", "-0", "1.5e3xyz", "  +.25", "0x1.8p1", "0X.1P-2",
                                     "inf", "-INFINITY", "nan", "nan(123)", "1e400", "-1e400",
                                     "1e-320", "1e-400", "4.9406564584124654e-324",
                                     "2.2250738585072011e-308", "0.1", "123456789012345678901234",
                                     "", "abc", "1e", "0x" };
    for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++) {
        char *end;
        errno = 0;
        double v = strtod(s[i], &end);
        int e = errno;
        uint64_t b;
        memcpy(&b, &v, 8);
        errno = 0;
        float f = strtof(s[i], NULL);
        int ef = errno;
        uint32_t fb;
        memcpy(&fb, &f, 4);
        printf("strtod(\"%s\")=%016" PRIx64 " %.17g used=%d errno=%s | f=%08" PRIx32 " errno=%s\n",
               s[i], b, v, (int)(end - s[i]), e == ERANGE ? "ERANGE" : e ? "other" : "0", fb,
               ef == ERANGE ? "ERANGE" : ef ? "other" : "0");
    }
    static const struct {
        const char *s;
        int base;
    } l[] = { { "2147483647", 10 }, { "2147483648", 10 }, { "-2147483649", 0 }, { "0x7f", 0 },
              { "0777", 0 }, { "z", 36 }, { "  -101", 2 }, { "99999999999999999999", 10 },
              { "12abc", 10 }, { "0x", 16 } };
    for (unsigned i = 0; i < sizeof l / sizeof l[0]; i++) {
        char *end;
        errno = 0;
        long v = strtol(l[i].s, &end, l[i].base);
        int e = errno;
        errno = 0;
        unsigned long u = strtoul(l[i].s, NULL, l[i].base);
        int eu = errno;
        errno = 0;
        long long ll = strtoll(l[i].s, NULL, l[i].base);
        printf("strtol(\"%s\",%d)=%ld used=%d errno=%s ul=%lu errno=%s ll=%lld\n", l[i].s,
               l[i].base, v, (int)(end - l[i].s), e == ERANGE ? "ERANGE" : e ? "other" : "0", u,
               eu == ERANGE ? "ERANGE" : eu ? "other" : "0", ll);
    }
    printf("atoi=%d atol=%ld atof=%g\n", atoi(" -17x"), atol("123456"), atof("2.5e-1"));
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sorting(void)
{
    printf("== qsort bsearch\n");
    enum { N = 1000 };
    static int a[N];
    for (int i = 0; i < N; i++)
        a[i] = (int)(rng() % 2001) - 1000;
    qsort(a, N, sizeof a[0], cmp_int);
    int sorted = 1;
    uint32_t sum = 0;
    for (int i = 0; i < N; i++) {
        if (i && a[i - 1] > a[i])
            sorted = 0;
        sum = sum * 31 + (uint32_t)a[i];
    }
    printf("ints sorted=%d min=%d max=%d median=%d hash=%08" PRIx32 "\n", sorted, a[0], a[N - 1],
           a[N / 2], sum);
    int key = a[123];
    int *hit = bsearch(&key, a, N, sizeof a[0], cmp_int);
    printf("bsearch found=%d value=%d\n", hit != NULL, hit ? *hit : 0);
    const char *w[] = { "pear", "apple", "fig", "banana", "Cherry", "apple2", "", "zz", "a" };
    qsort(w, sizeof w / sizeof w[0], sizeof w[0], cmp_str);
    for (unsigned i = 0; i < sizeof w / sizeof w[0]; i++)
        printf("%s\"%s\"", i ? " " : "", w[i]);
    printf("\n");
}

static jmp_buf jb;
static int depth;

/* gcc 12 does not see that longjmp() ends the recursion. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static void deep(int n)
{
    volatile char pad[64];
    pad[0] = (char)n;
    depth++;
    if (n > 0)
        deep(n - 1);
    else
        longjmp(jb, 42 + pad[0]);
}

static void jumps(void)
{
    printf("== setjmp longjmp\n");
    volatile int count = 0;
    volatile double fp = 1.5; /* callee-saved VFP registers must survive too */
    int r = setjmp(jb);
    count++;
    if (r == 0) {
        fp = 2.5;
        deep(50);
    }
    printf("setjmp returned %d, count=%d, depth=%d fp=%g\n", r, count, depth, fp);
    r = setjmp(jb);
    if (r == 0)
        longjmp(jb, 0); /* longjmp(…, 0) makes setjmp return 1 */
    printf("longjmp(0) -> %d\n", r);
}

/* Fill pattern of slot i: byte k is i + k at every sampled offset, i elsewhere (memset
 * keeps this fast under an emulator while still touching every byte). */
static size_t step_of(size_t s) { return 1 + s / 64; }
static void fill(unsigned char *p, size_t s, unsigned i)
{
    memset(p, (int)i, s);
    for (size_t k = 0; k < s; k += step_of(s))
        p[k] = (unsigned char)(i + k);
}
static unsigned check(const unsigned char *p, size_t s, size_t keep, unsigned i)
{
    unsigned bad = 0;
    for (size_t k = 0; k < keep; k += step_of(s))
        if (p[k] != (unsigned char)(i + k))
            bad++;
    return bad;
}

static void memory(void)
{
    printf("== malloc churn\n");
    enum { SLOTS = 256 };
    static unsigned char *p[SLOTS];
    static size_t sz[SLOTS];
    uint32_t total = 0;
    unsigned allocs = 0, frees = 0, reallocs = 0, bad = 0;
    for (int round = 0; round < 6000; round++) {
        unsigned i = rng() % SLOTS;
        if (p[i]) {
            bad += check(p[i], sz[i], sz[i], i);
            if (rng() % 4 == 0) {
                size_t ns = 1 + rng() % 3000;
                unsigned char *q = realloc(p[i], ns);
                if (!q) {
                    printf("realloc failed\n");
                    return;
                }
                /* The common prefix survives (sampled at the old block's offsets). */
                bad += check(q, sz[i], ns < sz[i] ? ns : sz[i], i);
                fill(q, ns, i);
                p[i] = q;
                sz[i] = ns;
                reallocs++;
            } else {
                free(p[i]);
                p[i] = NULL;
                frees++;
            }
        } else {
            unsigned r = rng() % 100;
            size_t s = r < 70 ? 1 + rng() % 64 : r < 95 ? 65 + rng() % 4000 : 100000 + rng() % 400000;
            p[i] = r % 7 == 0 ? calloc(1, s) : malloc(s);
            if (!p[i]) {
                printf("malloc(%zu) failed\n", s);
                return;
            }
            if (r % 7 == 0)
                for (size_t k = 0; k < s; k += 97)
                    if (p[i][k] != 0)
                        bad++;
            fill(p[i], s, i);
            sz[i] = s;
            allocs++;
            total += (uint32_t)s;
        }
    }
    for (unsigned i = 0; i < SLOTS; i++)
        free(p[i]);
    void *al = NULL;
    int pr = posix_memalign(&al, 4096, 100);
    printf("allocs=%u frees=%u reallocs=%u bytes=%" PRIu32 " bad=%u memalign=%d aligned=%d\n",
           allocs, frees, reallocs, total, bad, pr, ((uintptr_t)al & 4095) == 0);
    free(al);
}

static int sgn(int x) { return (x > 0) - (x < 0); }

static void strings(void)
{
    volatile size_t one = 1;
    printf("== strings\n");
    char buf[256];
    memset(buf, 0, sizeof buf);
    static const char text[] = "The quick brown fox jumps over the lazy dog";
    printf("strlen=%zu strchr=%d strrchr=%d strstr=%d strpbrk=%d strspn=%zu strcspn=%zu\n",
           strlen(text), (int)(strchr(text, 'q') - text), (int)(strrchr(text, 'o') - text),
           (int)(strstr(text, "lazy") - text), (int)(strpbrk(text, "xyz") - text),
           strspn(text, "ehT "), strcspn(text, "f"));
    printf("strcmp=%d,%d,%d strncmp=%d memcmp=%d,%d strcasecmp=%d\n", sgn(strcmp("abc", "abd")),
           sgn(strcmp("b", "a")), sgn(strcmp("same", "same")), sgn(strncmp("abcX", "abcY", 3)),
           sgn(memcmp("\x80", "\x7f", 1)), sgn(memcmp("a\0b", "a\0c", 3)),
           sgn(strcasecmp("HeLLo", "hello")));
    printf("strchr(nul)=%d memchr=%d memrchr-ish=%d\n", (int)(strchr(text, 0) - text),
           (int)((const char *)memchr(text, 'z', sizeof text) - text),
           strstr(text, "cat") == NULL);
    /* Overlapping moves and unaligned copies of every length/offset up to 40. */
    uint32_t h = 0;
    for (int off = 0; off < 8; off++) {
        for (int len = 0; len < 40; len++) {
            for (int i = 0; i < 100; i++)
                buf[i] = (char)i;
            memmove(buf + off, buf + 3, len);
            memmove(buf + 50, buf + 50 + off, len);
            memcpy(buf + 100 + off, buf + 1, len);
            memset(buf + 150 + off, 0xa5, len);
            for (int i = 0; i < 200; i++)
                h = h * 33 + (unsigned char)buf[i];
        }
    }
    printf("memmove/memcpy/memset hash=%08" PRIx32 "\n", h);
    strcpy(buf, "abc");
    strcat(buf, "def");
    strncat(buf, "ghijkl", one + 2);
    printf("strcat=%s\n", buf);
    memset(buf, 'x', 10);
    strncpy(buf, "ab", 5);
    printf("strncpy=%d,%d,%d,%d,%c\n", buf[0], buf[2], buf[3], buf[4], buf[5]);
    char tok[] = "a,b,,c;d";
    char *save;
    printf("strtok_r:");
    for (char *t = strtok_r(tok, ",;", &save); t; t = strtok_r(NULL, ",;", &save))
        printf(" [%s]", t);
    printf("\n");
    char *dup = strdup(text);
    dup[3] = 0;
    printf("strdup=%s strndup=%s\n", dup, strndup(text + 4, 5));
    free(dup);
    /* Long strings: exercises the vectorised paths. */
    static char lng[5000];
    memset(lng, 'a', sizeof lng - 1);
    lng[4321] = 'b';
    printf("long strlen=%zu strchr(b)=%d strrchr(a)=%d\n", strlen(lng),
           (int)(strchr(lng, 'b') - lng), (int)(strrchr(lng, 'a') - lng));
    printf("strerror(ENOENT)=%s strerror(EOVERFLOW)=%s\n", strerror(ENOENT), strerror(EOVERFLOW));
}

int main(void)
{
    /* Line-buffered: output up to a crash still reaches the log. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    formatting();
    conversions();
    sorting();
    jumps();
    memory();
    strings();
    printf("done\n");
    return 0;
}
