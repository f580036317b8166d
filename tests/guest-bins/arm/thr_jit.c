/*
 * thr_jit: generated code under threads. One writer thread keeps generating small
 * functions ("return constant") into an mmap'd RWX buffer of 4 pages, rewriting slots in
 * place and calling each right after __builtin___clear_cache, so a stale translation
 * shows as a wrong return value. Meanwhile 2 reader threads call the fixed functions at
 * the start of every page (keeping those pages translated while the writer invalidates
 * them), and 2 more threads run ordinary code (a checksum over different paths). Run
 * also with a tiny JIT buffer (-jit-buffer 64k), so the code buffer is flushed while
 * all of this goes on. Encodings: A32 MOVW/MOVT/BX LR; MIPS LUI/ORI/JR/NOP.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

enum { PAGES = 4, SLOT_WORDS = 4, SLOTS = PAGES * 4096 / (SLOT_WORDS * 4),
       FIXED_PER_PAGE = 4, ROUNDS = 6 };

typedef uint32_t (*fn_t)(void);
static uint32_t *buf;
static int stop;
static uint32_t writer_bad, reader_bad, reader_calls, compute_bad;

static void emit(uint32_t slot, uint32_t v)
{
    uint32_t *p = buf + slot * SLOT_WORDS;
#if defined(__arm__)
    p[0] = 0xe3000000u | ((v >> 12) & 0xf) << 16 | (v & 0xfff);          /* movw r0 */
    p[1] = 0xe3400000u | ((v >> 28) & 0xf) << 16 | ((v >> 16) & 0xfff);  /* movt r0 */
    p[2] = 0xe12fff1eu;                                                /* bx lr */
    p[3] = 0xe320f000u;                                                /* nop */
#elif defined(__mips__)
    p[0] = 0x3c020000u | (v >> 16);    /* lui v0, hi */
    p[1] = 0x34420000u | (v & 0xffff); /* ori v0, v0, lo */
    p[2] = 0x03e00008u;                /* jr ra */
    p[3] = 0;                          /* nop (delay slot) */
#else
#error "ARM or MIPS only"
#endif
    __builtin___clear_cache((char *)p, (char *)(p + SLOT_WORDS));
}

static uint32_t call(uint32_t slot)
{
    fn_t f = (fn_t)(uintptr_t)(buf + slot * SLOT_WORDS);
    return f();
}

static int fixed_slot(uint32_t slot)
{
    return slot % (SLOTS / PAGES) < FIXED_PER_PAGE;
}

static uint32_t fixed_value(uint32_t slot)
{
    return 0x5a000000u + slot;
}

static void *writer(void *arg)
{
    (void)arg;
    uint32_t calls = 0;
    for (uint32_t r = 0; r < ROUNDS; r++) {
        for (uint32_t s = 0; s < SLOTS; s++) {
            if (fixed_slot(s)) {
                continue;
            }
            uint32_t v = (r * 0x10001u) ^ (s * 0x9e3779b1u);
            emit(s, v);
            if (call(s) != v) {
                writer_bad++;
            }
            calls++;
        }
    }
    __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
    return (void *)(uintptr_t)calls;
}

static void *reader(void *arg)
{
    uint32_t k = (uint32_t)(uintptr_t)arg;
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST)) {
        for (uint32_t p = 0; p < PAGES; p++) {
            uint32_t s = p * (SLOTS / PAGES) + (k + p) % FIXED_PER_PAGE;
            if (call(s) != fixed_value(s)) {
                __atomic_fetch_add(&reader_bad, 1, __ATOMIC_RELAXED);
            }
            __atomic_fetch_add(&reader_calls, 1, __ATOMIC_RELAXED);
        }
    }
    return NULL;
}

/* Ordinary code with many small blocks: a checksum that must come out the same. */
static __attribute__((noinline)) uint32_t mix(uint32_t x, uint32_t i)
{
    switch (i & 7) {
    case 0: return x * 31 + i;
    case 1: return x ^ (x >> 7) ^ i;
    case 2: return (x << 3) - x + 11;
    case 3: return x + (i * i);
    case 4: return x * 0x2545f491u;
    case 5: return ~x + i;
    case 6: return (x >> 1) | (x << 31);
    default: return x - 12345;
    }
}

static uint32_t checksum(uint32_t seed)
{
    uint32_t x = seed;
    for (uint32_t i = 0; i < 20000; i++) {
        x = mix(x, i ^ (x & 0xff));
    }
    return x;
}

static void *computer(void *arg)
{
    uint32_t seed = (uint32_t)(uintptr_t)arg, want = checksum(seed), n = 0;
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST) || n < 3) {
        if (checksum(seed) != want) {
            __atomic_fetch_add(&compute_bad, 1, __ATOMIC_RELAXED);
        }
        n++;
    }
    return NULL;
}

int main(void)
{
    buf = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (uint32_t s = 0; s < SLOTS; s++) {
        emit(s, fixed_slot(s) ? fixed_value(s) : 0);
    }
    pthread_t w, rd[2], c[2];
    for (uint32_t k = 0; k < 2; k++) {
        pthread_create(&rd[k], NULL, reader, (void *)(uintptr_t)k);
        pthread_create(&c[k], NULL, computer, (void *)(uintptr_t)(k * 7 + 1));
    }
    pthread_create(&w, NULL, writer, NULL);
    void *calls;
    pthread_join(w, &calls);
    for (uint32_t k = 0; k < 2; k++) {
        pthread_join(rd[k], NULL);
        pthread_join(c[k], NULL);
    }
    printf("writer: %u generated functions called, %u wrong\n", (uint32_t)(uintptr_t)calls,
           writer_bad);
    printf("readers: %s calls, %u wrong\n", reader_calls > 0 ? "some" : "no", reader_bad);
    printf("computers: %u wrong checksums\n", compute_bad);
    return 0;
}
