/*
 * Guest threads. clone(CLONE_VM|CLONE_THREAD...) starts a host thread with its own
 * CPUState and guest CPU struct (a copy of the parent's, then the child's stack, TLS and a
 * zero syscall result); guest TIDs are host TIDs, so futexes, tgkill and PI futexes work
 * on the host directly. Every CPUState is on one list, which also serves "exclusive"
 * sections: start_exclusive() makes every other thread leave generated code and waits
 * until none runs it (a thread blocked in a syscall is not running it), so the code
 * buffer can be flushed safely.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "ir/interp.h"
#include "linux-user/signal.h"
#include "linux-user/syscall_int.h"
#include "linux-user/thread.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

static GMutex cpu_list_lock;
static GCond exclusive_cond;  /* running count dropped to 0 */
static GCond exclusive_resume; /* the exclusive section ended */
static CPUState *cpu_list;
static unsigned nb_cpus;
static unsigned nb_running;    /* CPUs inside cpu_exec */
static bool pending_exclusive;

static __thread sigjmp_buf thread_exit_jmp;
static __thread bool is_clone_thread;

CPUState *cpu_create(const CPUState *parent)
{
    size_t env_bytes = ((guest_arch->env_size + 15) & ~(size_t)15) + IR_INTERP_SCRATCH;
    CPUState *cpu = g_new0(CPUState, 1);
    cpu->arch = guest_arch;
    cpu->env = g_malloc0(env_bytes);
    if (parent) {
        /* The guest registers; the JIT/interpreter scratch area behind them starts empty. */
        memcpy(cpu->env, parent->env, guest_arch->env_size);
    }
    signal_cpu_init(cpu);
    g_mutex_lock(&cpu_list_lock);
    cpu->next = cpu_list;
    cpu_list = cpu;
    nb_cpus++;
    g_mutex_unlock(&cpu_list_lock);
    return cpu;
}

/* Unlinks cpu; returns how many CPUs are left, or -1 if cpu was not on the list. */
static int cpu_remove(CPUState *cpu)
{
    g_mutex_lock(&cpu_list_lock);
    int left = -1;
    for (CPUState **p = &cpu_list; *p; p = &(*p)->next) {
        if (*p == cpu) {
            *p = cpu->next;
            nb_cpus--;
            left = (int)nb_cpus;
            break;
        }
    }
    g_mutex_unlock(&cpu_list_lock);
    return left;
}

unsigned cpu_count(void)
{
    g_mutex_lock(&cpu_list_lock);
    unsigned n = nb_cpus;
    g_mutex_unlock(&cpu_list_lock);
    return n;
}

/*
 * fork() in a multi-threaded guest: the child has one thread, the one that forked, so
 * its CPU list must hold only that CPU (else its exit would not end the process, and an
 * exclusive section would wait for threads that do not exist). The other CPUs' memory
 * is left alone: it is the child's copy and nothing refers to it any more.
 */
static void fork_prepare(void)
{
    g_mutex_lock(&cpu_list_lock);
}

static void fork_parent(void)
{
    g_mutex_unlock(&cpu_list_lock);
}

static void fork_child(void)
{
    CPUState *me = thread_cpu;
    if (me) {
        me->next = NULL;
        me->in_exec = false; /* fork is a syscall: made outside cpu_exec */
        cpu_list = me;
        nb_cpus = 1;
    }
    nb_running = 0;
    pending_exclusive = false;
    g_mutex_unlock(&cpu_list_lock);
}

__attribute__((constructor)) static void thread_register_fork(void)
{
    pthread_atfork(fork_prepare, fork_parent, fork_child);
}

/* ---- Exclusive sections ------------------------------------------------------------ */

void cpu_exec_start(CPUState *cpu)
{
    g_mutex_lock(&cpu_list_lock);
    while (pending_exclusive) {
        g_cond_wait(&exclusive_resume, &cpu_list_lock);
    }
    cpu->in_exec = true;
    nb_running++;
    g_mutex_unlock(&cpu_list_lock);
}

void cpu_exec_end(CPUState *cpu)
{
    g_mutex_lock(&cpu_list_lock);
    cpu->in_exec = false;
    nb_running--;
    if (pending_exclusive && nb_running == 0) {
        g_cond_signal(&exclusive_cond);
    }
    g_mutex_unlock(&cpu_list_lock);
}

void start_exclusive(void)
{
    g_mutex_lock(&cpu_list_lock);
    while (pending_exclusive) {
        g_cond_wait(&exclusive_resume, &cpu_list_lock);
    }
    pending_exclusive = true;
    for (CPUState *c = cpu_list; c; c = c->next) {
        if (c->in_exec) {
            cpu_exit(c);
        }
    }
    while (nb_running > 0) {
        g_cond_wait(&exclusive_cond, &cpu_list_lock);
    }
    g_mutex_unlock(&cpu_list_lock);
}

void end_exclusive(void)
{
    g_mutex_lock(&cpu_list_lock);
    pending_exclusive = false;
    g_cond_broadcast(&exclusive_resume);
    g_mutex_unlock(&cpu_list_lock);
}

/* ---- clone ------------------------------------------------------------------------- */

typedef struct ThreadStart {
    CPUState *cpu;
    uint32_t flags, ptid, ctid;
    uint64_t sigmask;
    sem_t ready;
    pid_t tid;
} ThreadStart;

static void *thread_main(void *arg)
{
    ThreadStart *ts = arg;
    CPUState *cpu = ts->cpu;
    thread_cpu = cpu;
    is_clone_thread = true;
    signals_thread_init();
    pid_t tid = (pid_t)syscall(SYS_gettid);
    memset(&sys_thread, 0, sizeof sys_thread);
    sys_thread.altstack.flags = GUEST_SS_DISABLE;
    if (ts->flags & CLONE_CHILD_CLEARTID) {
        sys_thread.clear_child_tid = ts->ctid;
    }
    if (ts->flags & CLONE_CHILD_SETTID) {
        uint8_t *g = sys_guest_ptr(ts->ctid, 4, PAGE_WRITE);
        if (g) {
            put_guest_u32(g, (uint32_t)tid);
        }
    }
    if (ts->flags & CLONE_PARENT_SETTID) {
        uint8_t *g = sys_guest_ptr(ts->ptid, 4, PAGE_WRITE);
        if (g) {
            put_guest_u32(g, (uint32_t)tid);
        }
    }
    uint64_t mask = ts->sigmask;
    ts->tid = tid;
    sem_post(&ts->ready); /* ts belongs to the parent from here on */
    /* Created with every host signal blocked: now take the guest's mask. */
    signal_set_blocked(mask);
    if (sigsetjmp(thread_exit_jmp, 0) == 0) {
        guest_arch->cpu_loop(cpu);
    }
    /* thread_exit() took cpu off the list: nobody refers to it any more. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    thread_cpu = NULL;
    signals_thread_exit();
    g_free(cpu->sig);
    g_free(cpu->env);
    g_free(cpu);
    return NULL;
}

#define THREAD_FLAGS_OK                                                                  \
    (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |     \
     CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID |     \
     CLONE_DETACHED)

int64_t thread_clone(CPUState *parent, uint32_t flags, uint32_t newsp, uint32_t ptid,
                     uint32_t tls, uint32_t ctid)
{
    const uint32_t need = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
    if ((flags & need) != need || (flags & ~(uint32_t)THREAD_FLAGS_OK) || (flags & CSIGNAL)) {
        if (xemu_log_enabled(LOG_UNIMP)) {
            xemu_log("Unsupported clone flags for a thread: 0x%x\n", flags);
        }
        return SYS_ERR(EINVAL);
    }
    if ((flags & CLONE_PARENT_SETTID) && !sys_guest_ptr(ptid, 4, PAGE_WRITE)) {
        return SYS_ERR(EFAULT);
    }
    CPUState *cpu = cpu_create(parent);
    sys_abi->clone_child_setup(cpu, newsp, (flags & CLONE_SETTLS) != 0, tls);

    ThreadStart ts = { .cpu = cpu, .flags = flags, .ptid = ptid, .ctid = ctid,
                       .sigmask = sys_thread.sigmask };
    sem_init(&ts.ready, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    /* The child starts with every signal blocked until it has its guest mask. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t th;
    int e = pthread_create(&th, &attr, thread_main, &ts);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (e) {
        cpu_remove(cpu);
        return SYS_ERR(EAGAIN);
    }
    while (sem_wait(&ts.ready) < 0 && errno == EINTR) {
    }
    sem_destroy(&ts.ready);
    return ts.tid;
}

/* ---- exit ------------------------------------------------------------------------ */

#define ROBUST_LIST_LIMIT 2048 /* the kernel's bound on a (possibly circular) list */

/*
 * The kernel's handle_futex_death() for one robust futex word of the exiting thread
 * `tid`: a word this thread owns gets FUTEX_OWNER_DIED (keeping FUTEX_WAITERS), and a
 * waiter of a non-PI futex is woken, so its pthread_mutex_lock returns EOWNERDEAD. The
 * word is in guest byte order. PI futexes with waiters are handed over by the host
 * kernel itself (its PI state belongs to this host thread).
 */
static bool robust_futex_death(uint32_t uaddr, uint32_t tid, bool pi, bool pending)
{
    if (uaddr & 3) {
        return false;
    }
    uint32_t *w = sys_guest_ptr(uaddr, 4, PAGE_READ | PAGE_WRITE);
    if (!w) {
        return false;
    }
    for (;;) {
        uint32_t raw = __atomic_load_n(w, __ATOMIC_SEQ_CST);
        uint32_t val = get_guest_u32(&raw);
        uint32_t owner = val & FUTEX_TID_MASK;
        if (pending && !pi && !owner) {
            /* Died between unlocking and removing the entry: pass the wake-up on. */
            syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
            return true;
        }
        if (owner != tid) {
            return true;
        }
        uint32_t nraw;
        put_guest_u32(&nraw, (val & FUTEX_WAITERS) | FUTEX_OWNER_DIED);
        if (__atomic_compare_exchange_n(w, &raw, nraw, false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST)) {
            if (!pi && (val & FUTEX_WAITERS)) {
                syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
            }
            return true;
        }
    }
}

/* Reads a robust list pointer (bit 0: the futex is PI). */
static bool robust_fetch(uint32_t addr, uint32_t *entry, bool *pi)
{
    uint8_t *g = sys_guest_ptr(addr, 4, PAGE_READ);
    if (!g) {
        return false;
    }
    uint32_t v = get_guest_u32(g);
    *entry = v & ~1u;
    *pi = v & 1;
    return true;
}

/*
 * The kernel's exit_robust_list() for the 32-bit struct robust_list_head { next;
 * long futex_offset; list_op_pending; } the guest's C library registered: every mutex
 * still on the list (and the one being locked or unlocked, list_op_pending) is marked as
 * owned by a dead thread. The host kernel cannot do it: it only knows xemu's own list.
 */
static void robust_list_walk(uint32_t head)
{
    uint32_t entry, pending, tid = (uint32_t)syscall(SYS_gettid);
    bool pi, pending_pi;
    uint8_t *h = sys_guest_ptr(head, 12, PAGE_READ);
    if (!h || !robust_fetch(head, &entry, &pi) || !robust_fetch(head + 8, &pending, &pending_pi)) {
        return;
    }
    int32_t offset = (int32_t)get_guest_u32(h + 4);
    for (unsigned n = 0; entry != head && n < ROBUST_LIST_LIMIT; n++) {
        uint32_t next;
        bool next_pi;
        bool ok = robust_fetch(entry, &next, &next_pi);
        if (entry != pending && !robust_futex_death(entry + (uint32_t)offset, tid, pi, false)) {
            return;
        }
        if (!ok) {
            return;
        }
        entry = next;
        pi = next_pi;
    }
    if (pending) {
        robust_futex_death(pending + (uint32_t)offset, tid, pending_pi, true);
    }
}

void thread_exit(CPUState *cpu, int status)
{
    if (sys_thread.robust_list) {
        robust_list_walk(sys_thread.robust_list);
    }
    uint32_t ctid = sys_thread.clear_child_tid;
    if (ctid) {
        uint8_t *g = sys_guest_ptr(ctid, 4, PAGE_WRITE);
        if (g) {
            /* What pthread_join waits for. */
            __atomic_store_n((uint32_t *)g, 0, __ATOMIC_SEQ_CST);
            syscall(SYS_futex, g, FUTEX_WAKE, 1, NULL, NULL, 0);
        }
    }
    /*
     * The last thread ends the process. A CPU not on the list is a vfork child's (a
     * process of its own, sharing our memory and host TLS): it must not free anything.
     */
    if (cpu_remove(cpu) <= 0) {
        sys_do_exit_group(status);
    }
    exec_thread_exit();
    if (is_clone_thread) {
        siglongjmp(thread_exit_jmp, 1);
    }
    /* The main thread: other threads go on; the process ends with the last one. */
    for (;;) {
        syscall(SYS_exit, status);
    }
}
