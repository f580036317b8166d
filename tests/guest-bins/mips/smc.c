/*
 * smc: generated and self-modifying MIPS code: functions written into an mmap'd page,
 * made visible with cacheflush(2) (<sys/cachectl.h>, BCACHE), called, rewritten in
 * place and called again; a page of many functions with every other one replaced; code
 * in a static buffer (a page holding both code and data that is written while it holds
 * translated code); a rewritten instruction in a delay slot.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/cachectl.h>
#include <sys/mman.h>

typedef int (*fn0)(void);
typedef int (*fn1)(int);

#define JR_RA 0x03e00008u                 /* jr $ra */
#define NOP 0x00000000u
static uint32_t li_v0(unsigned v) { return 0x24020000u | (v & 0xffff); }     /* addiu $v0, $zero, v */
static uint32_t addiu_v0_a0(unsigned v) { return 0x24820000u | (v & 0xffff); } /* addiu $v0, $a0, v */

/* li v0, v ; jr ra ; nop */
static void emit_ret_const(uint32_t *p, unsigned v)
{
    p[0] = li_v0(v);
    p[1] = JR_RA;
    p[2] = NOP;
}

/* jr ra ; addiu v0, a0, v   (the work is in the delay slot) */
static void emit_add_in_slot(uint32_t *p, unsigned v)
{
    p[0] = JR_RA;
    p[1] = addiu_v0_a0(v);
}

static void flush(void *p, size_t n)
{
    if (cacheflush(p, (int)n, BCACHE) != 0)
        perror("cacheflush");
}

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
        flush(code, 12);
        sum += (unsigned)((fn0)(void *)code)();
    }
    printf("rewrite in place: sum %u (expect %u)\n", sum, 199u * 200u / 2u);

    /* 2. 64 functions in one page (work in the delay slot), then every other replaced. */
    for (unsigned i = 0; i < 64; i++)
        emit_add_in_slot(code + 2 * i, i + 1);
    flush(code, 64 * 8);
    int acc = 0;
    for (unsigned i = 0; i < 64; i++)
        acc = ((fn1)(void *)(code + 2 * i))(acc);
    for (unsigned i = 0; i < 64; i += 2)
        code[2 * i + 1] = addiu_v0_a0(100); /* only the delay-slot word changes */
    flush(code, 64 * 8);
    int acc2 = 0;
    for (unsigned i = 0; i < 64; i++)
        acc2 = ((fn1)(void *)(code + 2 * i))(acc2);
    printf("page of functions: %d then %d (expect %d then %d)\n", acc, acc2, 64 * 65 / 2,
           32 * 100 + 32 * 33);

    /* 3. Code in a static buffer next to data that keeps being written. */
    unsigned total = 0;
    for (unsigned i = 0; i < 50; i++) {
        emit_ret_const(shared_page, i * 3);
        shared_page[512 + i] = i; /* data in the same page */
        flush(shared_page, 12);
        if (mprotect(shared_page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) {
            perror("mprotect");
            return 1;
        }
        total += (unsigned)((fn0)(void *)shared_page)();
    }
    unsigned data = 0;
    for (unsigned i = 0; i < 50; i++)
        data += shared_page[512 + i];
    printf("code next to data: %u, data %u (expect %u, %u)\n", total, data, 3u * 49u * 50u / 2u,
           49u * 50u / 2u);

    /* 4. One instruction of an already-run function patched, only that word flushed. */
    emit_ret_const(code + 512, 1);
    flush(code + 512, 12);
    int a = ((fn0)(void *)(code + 512))();
    code[512] = li_v0(0x1234);
    flush(code + 512, 4);
    int b = ((fn0)(void *)(code + 512))();
    printf("patched constant: %d then %#x\n", a, (unsigned)b);
    munmap(code, 4096);
    return 0;
}
