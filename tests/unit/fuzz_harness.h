/*
 * What the differential fuzzers (test_jit_fuzz.c, test_mips_fuzz.c) share: crash
 * handlers that name the running case before dying (a host fault that is not a guest
 * fault, a hung run, an abort), chained in front of signals_init()'s handler, and fixed
 * guest mappings. The includer defines FUZZ_NAME ("test_jit_fuzz") first.
 */
#ifndef XEMU_TEST_FUZZ_HARNESS_H
#define XEMU_TEST_FUZZ_HARNESS_H

#include <glib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

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

#endif
