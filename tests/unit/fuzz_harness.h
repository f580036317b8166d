/*
 * What the differential fuzzers (test_jit_fuzz.c, test_mips_fuzz.c) share: crash
 * handlers that name the running case before dying (a host fault that is not a guest
 * fault, a hung run, an abort), chained in front of signals_init()'s handler, and the
 * guest process they run cases in (runtime set up as linux-user/main.c does, the fixed
 * guest layout below, one CPU). The includer defines FUZZ_NAME ("test_jit_fuzz") first.
 */
#ifndef XEMU_TEST_FUZZ_HARNESS_H
#define XEMU_TEST_FUZZ_HARNESS_H

#include <glib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ir/interp.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"
#include "tests/unit/test_rng.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define FUZZ_SANITIZED 1
#else
#define FUZZ_SANITIZED 0
#endif

/* Guest layout: code (2 pages, read-only for the guest), a scratch page for trial
 * translations, a 64 KiB RW data region with one read-only page after it and nothing
 * mapped around. */
#define CODE_BASE 0x10000000u
#define CODE_SIZE (2 * GUEST_PAGE_SIZE)
#define TRIAL_BASE 0x10100000u
#define DATA_BASE 0x40000000u
#define DATA_SIZE 0x10000u
#define RO_BASE (DATA_BASE + DATA_SIZE)

static char crash_note[256]; /* which case is running, for the crash handlers */
static struct sigaction prev_segv, prev_bus;

static void note_write(void)
{
    if (!crash_note[0]) {
        return;
    }
    static const char pre[] = "\n" FUZZ_NAME ": died during ";
    ssize_t r = write(2, pre, sizeof(pre) - 1);
    r = write(2, crash_note, strlen(crash_note));
    r = write(2, "\n", 1);
    (void)r;
}

static void fatal_handler(int sig)
{
    note_write();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Chains to signals_init()'s handler; says which case was running if it is not a guest fault. */
static void fault_handler(int sig, siginfo_t *si, void *uc)
{
    if (!(thread_cpu && thread_cpu->running && h2g_valid(si->si_addr))) {
        note_write();
    }
    struct sigaction *prev = sig == SIGSEGV ? &prev_segv : &prev_bus;
    if (prev->sa_flags & SA_SIGINFO) {
        prev->sa_sigaction(sig, si, uc);
    } else {
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

static void install_crash_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &prev_segv);
    sigaction(SIGBUS, &sa, &prev_bus);
    /* SIGALRM: a run that does not finish (loops are counted, so an engine bug). */
    signal(SIGALRM, fatal_handler);
    signal(SIGILL, fatal_handler);
    signal(SIGFPE, fatal_handler);
    signal(SIGABRT, fatal_handler);
}

static void map_fixed(uint32_t addr, uint32_t len, int prot)
{
    int64_t a = mmu_mmap(addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    g_assert_cmpint(a, ==, (int64_t)addr);
}

/* Host-side write access to the guest's read-only code and trial pages. */
static void code_writable(bool w)
{
    int prot = PROT_READ | (w ? PROT_WRITE : 0);
    g_assert_cmpint(mprotect(g2h(CODE_BASE), CODE_SIZE, prot), ==, 0);
    g_assert_cmpint(mprotect(g2h(TRIAL_BASE), GUEST_PAGE_SIZE, prot), ==, 0);
}

/* The runtime, the layout above (read-only page filled with fixed random words) and a
 * CPU for guest_arch, which becomes thread_cpu. */
static CPUState *fuzz_process_setup(void)
{
#if FUZZ_SANITIZED
    __lsan_disable(); /* signals_init's alternate stack is deliberately never freed */
#endif
    g_assert_true(mmu_init());
    guest_arch->init();
    exec_init();
    signals_init();
    g_assert_true(!guest_arch->setup_guest_memory || guest_arch->setup_guest_memory());
#if FUZZ_SANITIZED
    __lsan_enable();
#endif
    install_crash_handlers();

    map_fixed(CODE_BASE, CODE_SIZE, PROT_READ | PROT_EXEC);
    map_fixed(TRIAL_BASE, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    map_fixed(DATA_BASE, DATA_SIZE, PROT_READ | PROT_WRITE);
    map_fixed(RO_BASE, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
    Rng r = { 0x0123456789abcdefull };
    for (uint32_t k = 0; k < GUEST_PAGE_SIZE; k += 4) {
        uint32_t v = rng32(&r);
        memcpy((uint8_t *)g2h(RO_BASE) + k, &v, 4);
    }
    g_assert_cmpint(mmu_mprotect(RO_BASE, GUEST_PAGE_SIZE, PROT_READ), ==, 0);
    code_writable(false);

    CPUState *c = g_new0(CPUState, 1);
    c->arch = guest_arch;
    c->env = g_malloc0(((guest_arch->env_size + 15) & ~(size_t)15) + IR_INTERP_SCRATCH);
    thread_cpu = c;
    return c;
}

#endif
