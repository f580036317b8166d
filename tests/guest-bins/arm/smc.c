/*
 * Self-modifying and generated code, as a guest JIT or libffi trampolines produce it:
 * code written into memory, flushed with __builtin___clear_cache (the ARM cacheflush
 * syscall), run, rewritten in place and run again. Also code rewritten in the page that
 * holds the running program's own data (a store into a page with translated code), and
 * a Thumb function generated at run time and called through an interworking pointer.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn0)(void);
typedef int (*fn1)(int);

/* A32: mov r0, #imm8 ; bx lr */
static void emit_ret_const(uint32_t *p, unsigned v)
{
    p[0] = 0xe3a00000u | (v & 0xff);
    p[1] = 0xe12fff1eu;
}

/* A32: add r0, r0, #imm8 ; bx lr */
static void emit_add_const(uint32_t *p, unsigned v)
{
    p[0] = 0xe2800000u | (v & 0xff);
    p[1] = 0xe12fff1eu;
}

/* T16: movs r0, #imm8 ; bx lr */
static void emit_thumb_ret_const(uint16_t *p, unsigned v)
{
    p[0] = (uint16_t)(0x2000u | (v & 0xff));
    p[1] = 0x4770u;
}

static void flush(void *p, size_t n)
{
    __builtin___clear_cache((char *)p, (char *)p + n);
}

/* Code placed next to data in a static buffer: the page is written while it holds code. */
static uint32_t shared_page[1024] __attribute__((aligned(4096)));

int main(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }

    /* 1. One function rewritten 200 times in place. */
    unsigned sum = 0;
    for (unsigned i = 0; i < 200; i++) {
        emit_ret_const(code, i);
        flush(code, 8);
        sum += (unsigned)((fn0)(void *)code)();
    }
    printf("rewrite in place: sum %u (expect %u)\n", sum, 199u * 200u / 2u);

    /* 2. Many functions in one page, then every other one replaced. */
    for (unsigned i = 0; i < 64; i++) {
        emit_add_const(code + 2 * i, i + 1);
    }
    flush(code, 64 * 8);
    int acc = 0;
    for (unsigned i = 0; i < 64; i++) {
        acc = ((fn1)(void *)(code + 2 * i))(acc);
    }
    for (unsigned i = 0; i < 64; i += 2) {
        emit_add_const(code + 2 * i, 100);
    }
    flush(code, 64 * 8);
    int acc2 = 0;
    for (unsigned i = 0; i < 64; i++) {
        acc2 = ((fn1)(void *)(code + 2 * i))(acc2);
    }
    printf("page of functions: %d then %d\n", acc, acc2);

    /* 3. Thumb code generated at run time, called with the Thumb bit set. */
    uint16_t *t = (uint16_t *)(void *)(code + 512);
    emit_thumb_ret_const(t, 42);
    flush(t, 4);
    int r1 = ((fn0)(void *)((uintptr_t)t | 1))();
    emit_thumb_ret_const(t, 7);
    flush(t, 4);
    int r2 = ((fn0)(void *)((uintptr_t)t | 1))();
    printf("thumb: %d %d\n", r1, r2);

    /* 4. Code and data in one page of the program's own bss: stores to the data half
     * while the code half has been translated. */
    if (mprotect(shared_page, sizeof(shared_page), PROT_READ | PROT_WRITE | PROT_EXEC)) {
        perror("mprotect");
        return 1;
    }
    emit_ret_const(shared_page, 5);
    flush(shared_page, 8);
    int total = 0;
    for (unsigned i = 0; i < 100; i++) {
        shared_page[512 + i] = i;            /* data store into the code page */
        total += ((fn0)(void *)shared_page)();
    }
    emit_ret_const(shared_page, 9);
    flush(shared_page, 8);
    total += ((fn0)(void *)shared_page)();
    unsigned data = 0;
    for (unsigned i = 0; i < 100; i++) {
        data += shared_page[512 + i];
    }
    printf("shared page: %d, data %u\n", total, data);
    return 0;
}
