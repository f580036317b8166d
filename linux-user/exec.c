/*
 * The execution core: the translation-block cache and cpu_exec(), which finds or
 * translates the TB for the current (pc, flags), runs it, and returns to the guest's
 * cpu loop only when a TB exits with a non-zero code (syscall, exception, fault).
 *
 * TBs are hashed by (pc, flags). Translation and invalidation hold tb_lock; each thread
 * keeps a small direct-mapped jump cache in front of the hash table.
 */
#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <string.h>
#include <unistd.h>

#include "backend/x86_64/jit.h"
#include "ir/interp.h"
#include "linux-user/thread.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

typedef struct TranslationBlock {
    uint32_t pc, flags;
    uint32_t size; /* guest bytes covered */
    bool valid;
    IRProg *prog;  /* interpreter */
    JitTBInfo jit; /* JIT */
    /* Chaining: where each slot jumps, and the (tb | slot) jumps that lead here. */
    struct TranslationBlock *jmp_dest[2];
    GArray *incoming;
    struct TranslationBlock *hash_next;
} TranslationBlock;

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1u << TB_HASH_BITS)

static TranslationBlock *tb_hash[TB_HASH_SIZE];
/* Every TB since the last flush, in code-buffer order (for host pc -> TB lookups). */
static GPtrArray *all_tbs;
static GMutex tb_lock;
static uint32_t flush_count; /* a flush frees every TB */
static uint32_t scratch_off;
static bool use_jit;
static bool jit_ready; /* jit_init() done */
static FILE *perf_map; /* XEMU_PERF_MAP=1: /tmp/perf-<pid>.map */

/*
 * Per-thread jump cache in front of the hash table, also read by the JIT's inline
 * indirect-branch lookup (entries hold the code pointer). All caches are registered so
 * an invalidation can empty them.
 */
typedef struct JumpCache {
    JitJumpEntry e[JIT_JC_SIZE];
    TranslationBlock *tb[JIT_JC_SIZE];
} JumpCache;
static __thread JumpCache *jmp_cache;
static GPtrArray *all_caches;

static inline uint32_t tb_hash_fn(uint32_t pc, uint32_t flags)
{
    uint32_t h = (pc ^ (flags * 0x9e3779b1u)) * 0x85ebca6bu;
    return h >> (32 - TB_HASH_BITS);
}

static void jump_cache_clear(JumpCache *jc)
{
    for (unsigned k = 0; k < JIT_JC_SIZE; k++) {
        __atomic_store_n(&jc->e[k].pc, JIT_JC_EMPTY_PC, __ATOMIC_RELAXED);
        jc->tb[k] = NULL;
    }
}

/* Call with tb_lock held. */
static void all_jump_caches_clear(void)
{
    if (!all_caches) {
        return; /* exec_init() not called (unit tests of other modules) */
    }
    for (guint k = 0; k < all_caches->len; k++) {
        jump_cache_clear(g_ptr_array_index(all_caches, k));
    }
}

/*
 * fork() while another thread translates must not leave tb_lock taken in the child,
 * whose only thread would then wait for it forever. Registered after mmu_init()'s
 * handlers, so prepare takes tb_lock before mmu_lock (the order tb_translate uses).
 */
static void fork_prepare(void)
{
    g_mutex_lock(&tb_lock);
}

static void fork_done(void)
{
    g_mutex_unlock(&tb_lock);
}

void exec_init(void)
{
    scratch_off = (guest_arch->env_size + 15) & ~15u;
    if (!all_tbs) {
        all_tbs = g_ptr_array_new();
        all_caches = g_ptr_array_new();
        pthread_atfork(fork_prepare, fork_done, fork_done);
    }
    use_jit = !xemu_opts.interp;
    if (use_jit && !jit_ready) {
        jit_ready = true;
        JitConfig cfg = {
            .thread_off = scratch_off,
            .pc_off = guest_arch->pc_env_off,
            .nb_flag_fields = guest_arch->nb_tb_flag_fields,
            .nochain = xemu_log_enabled(LOG_NOCHAIN),
            .code_size = xemu_opts.jit_buffer,
        };
        for (unsigned k = 0; k < cfg.nb_flag_fields; k++) {
            cfg.flag_off[k] = guest_arch->tb_flag_off[k];
            cfg.flag_shift[k] = guest_arch->tb_flag_shift[k];
        }
        jit_init(&cfg);
        /* Not in a setuid guest (AT_SECURE): the map would be a file written as root. */
        const char *pm = getauxval(AT_SECURE) ? NULL : getenv("XEMU_PERF_MAP");
        if (pm && *pm == '1' && !perf_map) {
            char name[64];
            snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)getpid());
            perf_map = fopen(name, "w");
        }
    }
}

void exec_set_engine(bool jit)
{
    xemu_opts.interp = !jit;
    tb_flush_all();
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

static void tb_free(TranslationBlock *tb)
{
    g_free(tb->prog);
    g_free(tb->jit.pcmap);
    g_free(tb->jit.fault_sites);
    if (tb->incoming) {
        g_array_free(tb->incoming, true);
    }
    g_free(tb);
}

/* Drops every TB and empties the code buffer. Call with tb_lock held. */
static void tb_flush_locked(void)
{
    for (guint k = 0; k < all_tbs->len; k++) {
        tb_free(g_ptr_array_index(all_tbs, k));
    }
    g_ptr_array_set_size(all_tbs, 0);
    memset(tb_hash, 0, sizeof(tb_hash));
    all_jump_caches_clear();
    if (use_jit) {
        jit_flush();
    }
    flush_count++;
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
    if (!xemu_log_enabled(LOG_NOOPT)) {
        ir_optimize(&f);
    }
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
    if (use_jit) {
        if (!jit_compile(&f, (uintptr_t)tb, &tb->jit)) {
            /*
             * Code buffer full. Other threads may be running code in it: the caller
             * flushes in an exclusive section and comes back. A TB that does not fit
             * an empty buffer is a bug.
             */
            if (all_tbs->len == 0) {
                g_error("translation of pc %08x does not fit in the code buffer", pc);
            }
            ir_func_free(&f);
            g_free(tb);
            return NULL;
        }
        if (tb->jit.loop_slot >= 0) {
            /* Already chained to itself: invalidation must unchain it like any link. */
            unsigned slot = (unsigned)tb->jit.loop_slot;
            tb->jmp_dest[slot] = tb;
            tb->incoming = g_array_new(false, false, sizeof(uintptr_t));
            uintptr_t link = (uintptr_t)tb | slot;
            g_array_append_val(tb->incoming, link);
        }
        if (xemu_log_enabled(LOG_OUT_ASM)) {
            fprintf(out, "OUT: pc=%08x flags=%x, %u bytes\n", pc, flags, tb->jit.code_size);
            jit_disas(out, &tb->jit);
        }
        if (perf_map) {
            /* For `perf report`: generated code named after its guest pc. */
            fprintf(perf_map, "%lx %x guest_%08x_%x\n", (unsigned long)(uintptr_t)tb->jit.code,
                    tb->jit.code_size, pc, flags);
            fflush(perf_map);
        }
    } else {
        /* Temps after the JitThread fields, which other threads and signal handlers
         * write (cpu_exit) even under the interpreter. */
        tb->prog = ir_interp_prepare(&f, scratch_off + JIT_SPILL_OFF);
    }
    ir_func_free(&f);
    g_ptr_array_add(all_tbs, tb);
    /* Writes to the guest pages holding this code must invalidate it. */
    if (size) {
        for (uint64_t a = pc & GUEST_PAGE_MASK; a < (uint64_t)pc + size; a += GUEST_PAGE_SIZE) {
            mmu_protect_code((uint32_t)a);
        }
    }
    return tb;
}

static JumpCache *thread_jump_cache(void *env)
{
    if (!jmp_cache) {
        jmp_cache = g_new(JumpCache, 1);
        jump_cache_clear(jmp_cache);
        g_mutex_lock(&tb_lock);
        g_ptr_array_add(all_caches, jmp_cache);
        g_mutex_unlock(&tb_lock);
    }
    JitThread *jt = (JitThread *)((char *)env + scratch_off);
    jt->jc = jmp_cache->e;
    return jmp_cache;
}

static TranslationBlock *tb_find(JumpCache *jc, uint32_t pc, uint32_t flags)
{
    uint32_t slot = jit_jc_index(pc);
    TranslationBlock *tb = jc->tb[slot];
    if (tb && tb->pc == pc && tb->flags == flags && jc->e[slot].pc == pc) {
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
        if (!tb) {
            g_mutex_unlock(&tb_lock);
            return NULL;
        }
        h = tb_hash_fn(pc, flags);
        tb->hash_next = tb_hash[h];
        tb_hash[h] = tb;
    }
    jc->tb[slot] = tb;
    jc->e[slot].flags = flags;
    jc->e[slot].code = tb->jit.code;
    __atomic_store_n(&jc->e[slot].pc, pc, __ATOMIC_RELEASE);
    g_mutex_unlock(&tb_lock);
    return tb;
}

/* Patches slot `slot` of `from` to jump straight to `to`. */
static void tb_chain(TranslationBlock *from, unsigned slot, TranslationBlock *to)
{
    g_mutex_lock(&tb_lock);
    if (from->valid && to->valid && !from->jmp_dest[slot] && from->jit.slot_field[slot] >= 0) {
        jit_patch_slot(&from->jit, (int)slot, to->jit.code);
        from->jmp_dest[slot] = to;
        if (!to->incoming) {
            to->incoming = g_array_new(false, false, sizeof(uintptr_t));
        }
        uintptr_t link = (uintptr_t)from | slot;
        g_array_append_val(to->incoming, link);
    }
    g_mutex_unlock(&tb_lock);
}

/* Call with tb_lock held: no jump leads into tb any more. */
static void tb_unchain_incoming(TranslationBlock *tb)
{
    if (!tb->incoming) {
        return;
    }
    for (guint k = 0; k < tb->incoming->len; k++) {
        uintptr_t link = g_array_index(tb->incoming, uintptr_t, k);
        TranslationBlock *src = (TranslationBlock *)(link & ~(uintptr_t)3);
        unsigned slot = link & 3;
        if (src->jmp_dest[slot] == tb) {
            jit_patch_slot(&src->jit, (int)slot, NULL);
            src->jmp_dest[slot] = NULL;
        }
    }
    g_array_set_size(tb->incoming, 0);
}

/*
 * Invalidated TBs are unlinked but not freed until the next flush: the thread that
 * caused the invalidation may still be running one (a store into its own page).
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
                tb_unchain_incoming(tb);
                *p = tb->hash_next;
            } else {
                p = &tb->hash_next;
            }
        }
    }
    all_jump_caches_clear();
    /*
     * The pages no longer hold translations: let the guest write them freely. Still
     * under tb_lock, which tb_translate() holds while it protects the pages of a new
     * TB: unprotecting after unlocking could undo the protection of a TB another thread
     * just translated there, and later stores would not invalidate it.
     */
    for (uint64_t a = start & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        mmu_unprotect_code((uint32_t)a);
    }
    g_mutex_unlock(&tb_lock);
}

void tb_flush_all(void)
{
    g_mutex_lock(&tb_lock);
    tb_flush_locked();
    g_mutex_unlock(&tb_lock);
    /* The engine may have been switched (xemu_opts.interp) while no TB exists. */
    if (use_jit != !xemu_opts.interp) {
        exec_init();
    }
}

static void invalidate_hook(uint32_t start, uint32_t len)
{
    tb_invalidate_range(start, len);
}

__attribute__((constructor)) static void exec_register_hook(void)
{
    mmu_invalidate_hook = invalidate_hook;
}

/* The TB whose code contains host_pc (TBs are laid out in creation order). */
static TranslationBlock *tb_from_host_pc(uintptr_t host_pc)
{
    guint lo = 0, hi = all_tbs->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        TranslationBlock *tb = g_ptr_array_index(all_tbs, mid);
        if (host_pc < (uintptr_t)tb->jit.code) {
            hi = mid;
        } else if (host_pc >= (uintptr_t)tb->jit.code + tb->jit.code_size) {
            lo = mid + 1;
        } else {
            return tb;
        }
    }
    return NULL;
}

bool exec_host_fault_pc(CPUState *cpu, uintptr_t host_pc, const void *ucontext)
{
    if (!use_jit) {
        return true; /* the interpreter keeps cpu->cur_insn_pc current */
    }
    if (jit_in_code(host_pc)) {
        /* Another thread may be adding TBs (all_tbs can move). */
        g_mutex_lock(&tb_lock);
        TranslationBlock *tb = tb_from_host_pc(host_pc);
        g_mutex_unlock(&tb_lock);
        if (!tb) {
            return false;
        }
        cpu->cur_insn_pc = jit_guest_pc(&tb->jit, host_pc);
        jit_fault_restore(&tb->jit, host_pc, cpu->env, ucontext);
        return true;
    }
    /* In a helper called from generated code, which recorded the insn. */
    JitThread *jt = (JitThread *)((char *)cpu->env + scratch_off);
    cpu->cur_insn_pc = jt->cur_pc;
    return true;
}

/*
 * A write fault (SEGV_ACCERR) at addr: true if it came from our write protection of a
 * code page, and the store should be retried.
 */
bool exec_handle_code_write(uint32_t addr)
{
    int f = mmu_page_flags(addr);
    if (!(f & PAGE_WRITE)) {
        return false; /* the guest may not write here: a real fault */
    }
    if (f & PAGE_CODE) {
        tb_invalidate_range(addr & GUEST_PAGE_MASK, GUEST_PAGE_SIZE);
        return true;
    }
    /*
     * Writable for the guest and no translations: another thread stored into the same
     * code page at the same time and its invalidation already cleared PAGE_CODE (the
     * host protection follows right after). Retry; under tb_lock, so that invalidation
     * is complete when we return.
     */
    g_mutex_lock(&tb_lock);
    g_mutex_unlock(&tb_lock);
    return true;
}

static JitThread *cpu_jit_thread(CPUState *cpu)
{
    return (JitThread *)((char *)cpu->env + scratch_off);
}

void cpu_exit(CPUState *cpu)
{
    cpu->exit_request = 1;
    cpu_jit_thread(cpu)->exit_request = 1;
}

#define EXCP_TB_FULL 0x10002 /* private to this file: the code buffer must be flushed */

void exec_thread_exit(void)
{
    if (!jmp_cache) {
        return;
    }
    g_mutex_lock(&tb_lock);
    g_ptr_array_remove_fast(all_caches, jmp_cache);
    g_mutex_unlock(&tb_lock);
    g_free(jmp_cache);
    jmp_cache = NULL;
}

static int cpu_exec_inner(CPUState *cpu)
{
    void *env = cpu->env;
    JumpCache *jc = thread_jump_cache(env);
    JitThread *jt = cpu_jit_thread(cpu);
    /* The interpreter's temps share this area: start from a clean request flag (a real
     * request is also in cpu->exit_request, checked below). */
    jt->exit_request = 0;
    if (sigsetjmp(cpu->jmp_env, 0)) {
        /* A host fault in guest code: the handler filled cpu->fault_*. */
        cpu->running = 0;
        guest_arch->set_pc(env, cpu->cur_insn_pc);
        return EXCP_HOST_FAULT;
    }
    TranslationBlock *last = NULL;
    unsigned last_slot = 0;
    uint32_t last_flush = 0;
    bool chain = !xemu_log_enabled(LOG_NOCHAIN);
    for (;;) {
        if (cpu->exit_request) {
            /* Cleared before the caller acts on it: a new request makes us come back. */
            cpu->exit_request = 0;
            jt->exit_request = 0;
            return EXCP_INTERRUPT;
        }
        uint32_t pc, flags;
        guest_arch->tb_key(env, &pc, &flags);
        TranslationBlock *tb = tb_find(jc, pc, flags);
        if (!tb) {
            return EXCP_TB_FULL;
        }
        if (xemu_log_enabled(LOG_CPU)) {
            guest_arch->dump_cpu(xemu_log_file ? xemu_log_file : stderr, env);
        }
        if (xemu_log_enabled(LOG_EXEC)) {
            xemu_log("Trace: pc=%08x flags=%x\n", pc, flags);
        }
        if (!use_jit) {
            cpu->running = 1;
            uint32_t code = ir_interp_run(tb->prog, env, &cpu->cur_insn_pc);
            cpu->running = 0;
            if (code) {
                return (int)code;
            }
            continue;
        }
        if (last && chain && last_flush == flush_count) {
            tb_chain(last, last_slot, tb);
        }
        last = NULL;
        cpu->running = 1;
        uint64_t r = jit_enter(env, tb->jit.code);
        cpu->running = 0;
        if (r >= JIT_TAG_MIN) {
            last = (TranslationBlock *)(uintptr_t)(r & ~(uint64_t)3);
            last_slot = r & 3;
            if (last_slot == JIT_SLOT_ENTRY) {
                /* Left at the entry of `last` (exit request): resume at its start. */
                *(uint32_t *)((char *)env + guest_arch->pc_env_off) = last->pc;
                last = NULL;
                continue;
            }
            last_flush = flush_count;
            continue;
        }
        if (r) {
            return (int)r;
        }
    }
}

int cpu_exec(CPUState *cpu)
{
    for (;;) {
        uint32_t seen = __atomic_load_n(&flush_count, __ATOMIC_ACQUIRE);
        cpu_exec_start(cpu);
        int r = cpu_exec_inner(cpu);
        cpu_exec_end(cpu);
        if (r != EXCP_TB_FULL) {
            return r;
        }
        /* No thread runs generated code inside the exclusive section. */
        start_exclusive();
        g_mutex_lock(&tb_lock);
        if (flush_count == seen) {
            tb_flush_locked(); /* unless another thread flushed meanwhile */
        }
        g_mutex_unlock(&tb_lock);
        end_exclusive();
    }
}
