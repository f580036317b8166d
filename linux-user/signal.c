/*
 * Host signal handling. A host SIGSEGV/SIGBUS raised while the current thread runs guest
 * code (cpu->running) and pointing into the guest reservation is a guest fault: the
 * handler maps the host pc back to the guest insn (exec_host_fault_pc), records the
 * fault and jumps back to cpu_exec(), which reports it to the guest's cpu loop at the
 * faulting guest instruction. A write fault on a page that is read-only only because it
 * holds translated code is self-modifying code: its TBs are dropped and the store is
 * retried. Any other fault is a bug in xemu and is
 * reported as such.
 *
 * Delivery of guest signals to guest handlers comes with the signals work; for now a
 * guest signal takes its default action, which kills xemu with the same signal.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <ucontext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

__thread CPUState *thread_cpu;

static void host_fault_handler(int sig, siginfo_t *si, void *ucv)
{
    CPUState *cpu = thread_cpu;
    ucontext_t *uc = ucv;
    if (sig == SIGSEGV && si->si_code == SEGV_ACCERR && h2g_valid(si->si_addr) &&
        exec_handle_code_write(h2g(si->si_addr))) {
        return; /* a store into a page holding translated code: retry it */
    }
    if (cpu && cpu->running && h2g_valid(si->si_addr) &&
        exec_host_fault_pc(cpu, (uintptr_t)uc->uc_mcontext.gregs[REG_RIP], uc)) {
        uint32_t addr = h2g(si->si_addr);
        cpu->fault_signo = sig;
        cpu->fault_addr = addr;
        if (sig == SIGSEGV) {
            cpu->fault_code = (mmu_page_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
        } else {
            cpu->fault_code = si->si_code;
        }
        siglongjmp(cpu->jmp_env, 1);
    }
    /* Not a guest access: xemu itself is broken. Say so and die of the signal. */
    static const char msg[] = "xemu: internal error: host fault outside guest code\n";
    ssize_t r = write(2, msg, sizeof(msg) - 1);
    (void)r;
    signal(sig, SIG_DFL);
    raise(sig);
}

void signals_init(void)
{
    /* Faults may come from a guest stack overflow: handle them on their own stack. */
    stack_t ss = { .ss_size = 256 * 1024 };
    ss.ss_sp = malloc(ss.ss_size);
    sigaltstack(&ss, NULL);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

void die_with_signal(int host_signo)
{
    fflush(stdout);
    if (xemu_log_file) {
        fflush(xemu_log_file);
    }
    /* The guest dies of the signal; xemu must not leave a core file of its own. */
    struct rlimit rl = { 0, 0 };
    setrlimit(RLIMIT_CORE, &rl);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(host_signo, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, host_signo);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(host_signo);
    /* Signals whose default action is to ignore or stop: still end the process. */
    _exit(128 + host_signo);
}

void force_guest_signal(CPUState *cpu, int signo, int code, uint32_t addr)
{
    if (xemu_log_enabled(LOG_UNIMP) || xemu_log_enabled(LOG_STRACE)) {
        xemu_log("xemu: guest signal %d (%s) code %d addr 0x%08x, pc 0x%08x\n", signo,
                 strsignal(signo), code, addr, cpu->cur_insn_pc);
    }
    die_with_signal(signo);
}
