/*
 * The execution core: the translation-block cache and cpu_exec(), which finds or
 * translates the TB for the current (pc, flags), runs it, and returns to the guest's
 * cpu loop only when a TB exits with a non-zero code (syscall, exception, fault).
 *
 * TBs are hashed by (pc, flags). Translation and invalidation hold tb_lock; each thread
 * keeps a small direct-mapped jump cache in front of the hash table.
 */
#include <glib.h>
#include <string.h>

#include "ir/interp.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

typedef struct TranslationBlock {
    uint32_t pc, flags;
    uint32_t size; /* guest bytes covered */
    bool valid;
    IRProg *prog;
    struct TranslationBlock *hash_next;
} TranslationBlock;

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define JMP_CACHE_SIZE 4096

static TranslationBlock *tb_hash[TB_HASH_SIZE];
static GMutex tb_lock;
static uint32_t tb_generation; /* bumped on every invalidation: jump caches check it */
static uint32_t scratch_off;

typedef struct JumpCache {
    uint32_t generation;
    TranslationBlock *e[JMP_CACHE_SIZE];
} JumpCache;
static __thread JumpCache *jmp_cache;

static inline uint32_t tb_hash_fn(uint32_t pc, uint32_t flags)
{
    uint32_t h = (pc ^ (flags * 0x9e3779b1u)) * 0x85ebca6bu;
    return h >> (32 - TB_HASH_BITS);
}

void exec_init(void)
{
    scratch_off = (guest_arch->env_size + 15) & ~15u;
}

static void log_in_asm(uint32_t pc, uint32_t flags, uint32_t size)
{
    FILE *out = xemu_log_file ? xemu_log_file : stderr;
    fprintf(out, "IN:\n");
    for (uint32_t off = 0; off < size;) {
        unsigned n = guest_arch->disas(out, pc + off, flags);
        off += n ? n : 2;
    }
    fprintf(out, "\n");
}

static TranslationBlock *tb_translate(uint32_t pc, uint32_t flags)
{
    IRFunc f;
    ir_func_init(&f);
    unsigned max = xemu_opts.one_insn_per_tb ? 1 : 512;
    uint32_t size = guest_arch->translate(&f, pc, flags, max);
    FILE *out = xemu_log_file ? xemu_log_file : stderr;
    if (xemu_log_enabled(LOG_IN_ASM)) {
        log_in_asm(pc, flags, size);
    }
    if (xemu_log_enabled(LOG_OP)) {
        fprintf(out, "OP: pc=%08x flags=%x\n", pc, flags);
        ir_print(&f, out);
        fprintf(out, "\n");
    }
#ifndef NDEBUG
    if (!ir_verify(&f, stderr)) {
        ir_print(&f, stderr);
        g_error("translation of pc %08x produced invalid IR", pc);
    }
#endif
    ir_optimize(&f);
    if (xemu_log_enabled(LOG_OP_OPT)) {
        fprintf(out, "OP after optimization: pc=%08x flags=%x\n", pc, flags);
        ir_print(&f, out);
        fprintf(out, "\n");
    }
    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    tb->pc = pc;
    tb->flags = flags;
    tb->size = size;
    tb->valid = true;
    tb->prog = ir_interp_prepare(&f, scratch_off);
    ir_func_free(&f);
    return tb;
}

static TranslationBlock *tb_find(uint32_t pc, uint32_t flags)
{
    if (!jmp_cache) {
        jmp_cache = g_new0(JumpCache, 1);
    }
    uint32_t gen = __atomic_load_n(&tb_generation, __ATOMIC_ACQUIRE);
    if (jmp_cache->generation != gen) {
        memset(jmp_cache->e, 0, sizeof(jmp_cache->e));
        jmp_cache->generation = gen;
    }
    TranslationBlock **slot = &jmp_cache->e[(pc >> 1) & (JMP_CACHE_SIZE - 1)];
    TranslationBlock *tb = *slot;
    if (tb && tb->pc == pc && tb->flags == flags) {
        return tb;
    }
    g_mutex_lock(&tb_lock);
    uint32_t h = tb_hash_fn(pc, flags);
    for (tb = tb_hash[h]; tb; tb = tb->hash_next) {
        if (tb->pc == pc && tb->flags == flags) {
            break;
        }
    }
    if (!tb) {
        tb = tb_translate(pc, flags);
        tb->hash_next = tb_hash[h];
        tb_hash[h] = tb;
    }
    g_mutex_unlock(&tb_lock);
    *slot = tb;
    return tb;
}

/*
 * Invalidated TBs are unlinked but not freed: another thread may still be running one.
 * They are few (code unmapped or rewritten), so the leak is bounded in practice.
 */
void tb_invalidate_range(uint32_t start, uint32_t len)
{
    uint64_t end = (uint64_t)start + len;
    g_mutex_lock(&tb_lock);
    for (uint32_t h = 0; h < TB_HASH_SIZE; h++) {
        for (TranslationBlock **p = &tb_hash[h]; *p;) {
            TranslationBlock *tb = *p;
            if (tb->pc < end && (uint64_t)tb->pc + tb->size > start) {
                tb->valid = false;
                *p = tb->hash_next;
            } else {
                p = &tb->hash_next;
            }
        }
    }
    __atomic_add_fetch(&tb_generation, 1, __ATOMIC_RELEASE);
    g_mutex_unlock(&tb_lock);
}

void tb_flush_all(void)
{
    tb_invalidate_range(0, UINT32_MAX);
}

static void invalidate_hook(uint32_t start, uint32_t len)
{
    tb_invalidate_range(start, len);
}

__attribute__((constructor)) static void exec_register_hook(void)
{
    mmu_invalidate_hook = invalidate_hook;
}

int cpu_exec(CPUState *cpu)
{
    void *env = cpu->env;
    if (sigsetjmp(cpu->jmp_env, 0)) {
        /* A host fault in guest code: the handler filled cpu->fault_*. */
        cpu->running = 0;
        guest_arch->set_pc(env, cpu->cur_insn_pc);
        return EXCP_HOST_FAULT;
    }
    for (;;) {
        uint32_t pc, flags;
        guest_arch->tb_key(env, &pc, &flags);
        TranslationBlock *tb = tb_find(pc, flags);
        if (xemu_log_enabled(LOG_CPU)) {
            guest_arch->dump_cpu(xemu_log_file ? xemu_log_file : stderr, env);
        }
        if (xemu_log_enabled(LOG_EXEC)) {
            xemu_log("Trace: pc=%08x flags=%x\n", pc, flags);
        }
        cpu->running = 1;
        uint32_t code = ir_interp_run(tb->prog, env, &cpu->cur_insn_pc);
        cpu->running = 0;
        if (code) {
            return (int)code;
        }
    }
}
