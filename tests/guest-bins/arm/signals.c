/*
 * signals: guest signal delivery with handlers, and sigreturn.
 *   - SIGSEGV handler (SA_SIGINFO) for a store to an unmapped address: si_signo, si_code
 *     (SEGV_MAPERR), si_addr; recovered with siglongjmp
 *   - SIGSEGV for a store to a read-only page (mprotect): SEGV_ACCERR
 *   - SIGILL handler for UDF: si_code ILL_ILLOPC, si_addr == the instruction; the handler
 *     advances uc_mcontext.arm_pc past it and sets arm_r0, and execution continues there
 *     with r0 changed (the context written by the handler is what sigreturn restores)
 *   - raise() with a plain handler; SA_RESETHAND; sigprocmask blocking, sigpending, and
 *     delivery on unblock; a handler interrupted by another signal (nesting order)
 *   - VFP registers and FPSCR are restored after a handler that clobbers them
 *   - sigaltstack: the handler runs on the alternate stack
 * Addresses are never printed, only compared.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

/* Hides the constant address from gcc's array-bounds warning. */
static uintptr_t fault_addr(uintptr_t a)
{
    __asm__("" : "+r"(a));
    return a;
}

static sigjmp_buf env;
static volatile sig_atomic_t got_signo, got_code;
static void *volatile got_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_signo = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(env, 1);
}

extern char udf_insn[];
static void on_ill(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    got_signo = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    int thumb = (uc->uc_mcontext.arm_cpsr >> 5) & 1;
#ifdef __thumb__
    const int built_thumb = 1;
#else
    const int built_thumb = 0;
#endif
    printf("  in SIGILL handler: pc==udf:%d cpsr.T matches the build:%d\n",
           uc->uc_mcontext.arm_pc == ((uintptr_t)udf_insn & ~(uintptr_t)1), thumb == built_thumb);
    /* UDF is 4 bytes in ARM state, 2 (the T16 encoding) in Thumb state. */
    uc->uc_mcontext.arm_pc += thumb ? 2 : 4;
    uc->uc_mcontext.arm_r0 = 0x1234;
}

static volatile int order[8], norder;
static void on_usr2(int sig)
{
    order[norder++] = sig;
}
static void on_usr1(int sig)
{
    order[norder++] = sig;
    raise(SIGUSR2); /* not blocked (no sa_mask): runs nested, before we return */
    order[norder++] = -sig;
}

static void on_fp(int sig)
{
    (void)sig;
    /* Clobber VFP state: the interrupted code must not see this. */
    __asm__ volatile("vmov.f64 d8, #1.0\n\t"
                     "vmov.f64 d0, #2.0\n\t"
                     "vmov.f64 d16, #3.0\n\t"
                     "vmsr fpscr, %0" ::"r"(0x03c00000) : "d0", "d8", "d16");
}

static char *altstack;
static volatile int on_alt;
static void on_altsig(int sig)
{
    (void)sig;
    char local;
    on_alt = &local >= altstack && &local < altstack + SIGSTKSZ * 4;
}

static volatile int resethand_count;
static void on_reset(int sig)
{
    (void)sig;
    resethand_count++;
}

int main(void)
{
    /* Line-buffered: output up to a crash still reaches the log. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    printf("== SIGSEGV, unmapped\n");
    if (sigsetjmp(env, 1) == 0) {
        *(volatile int *)fault_addr(16) = 1;
        printf("no fault\n");
    }
    printf("signo=%d code=%s addr==16:%d\n", (int)got_signo,
           got_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other", got_addr == (void *)16);

    printf("== SIGSEGV, read-only page\n");
    long pg = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ro[100] = 7;
    mprotect(ro, pg, PROT_READ);
    got_signo = 0;
    if (sigsetjmp(env, 1) == 0) {
        ((volatile char *)ro)[100] = 8;
        printf("no fault\n");
    }
    printf("signo=%d code=%s addr==page+100:%d value=%d\n", (int)got_signo,
           got_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other", got_addr == ro + 100, ro[100]);
    /* The mask was restored by siglongjmp(…, savemask=1): a second fault is caught too. */
    got_signo = 0;
    if (sigsetjmp(env, 1) == 0)
        *(volatile int *)fault_addr(32) = 1;
    printf("second fault caught: %d\n", got_signo == SIGSEGV);
    munmap(ro, pg);

    printf("== SIGILL, handler edits the context\n");
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_ill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    uint32_t r0;
    __asm__ volatile("mov r0, #1\n\t"
                     ".global udf_insn\n"
                     "udf_insn:\n\t"
                     "udf #0\n\t"
                     "mov %0, r0"
                     : "=r"(r0)
                     :
                     : "r0", "memory");
    /* Linux reports ILL_ILLOPC for an undefined instruction (arch/arm/kernel/traps.c
     * do_undefinstr, and arm64's compat path); qemu-user reports ILL_ILLOPN. */
    printf("after udf: r0=%#x signo=%d code=%s addr==udf:%d\n", (unsigned)r0, (int)got_signo,
           got_code == ILL_ILLOPC ? "ILL_ILLOPC" : got_code == ILL_ILLOPN ? "ILL_ILLOPN" : "other",
           (uintptr_t)got_addr == ((uintptr_t)udf_insn & ~(uintptr_t)1));

    printf("== raise, nesting, masks\n");
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, on_usr2);
    raise(SIGUSR1);
    printf("order:");
    for (int i = 0; i < norder; i++)
        printf(" %d", order[i]);
    printf("\n");
    norder = 0;
    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2);
    raise(SIGUSR2); /* standard signals do not queue: delivered once */
    sigpending(&pend);
    printf("blocked: delivered=%d pending=%d\n", norder, sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock: delivered=%d\n", norder);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_reset;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGHUP, &sa, NULL);
    raise(SIGHUP);
    struct sigaction cur;
    sigaction(SIGHUP, NULL, &cur);
    printf("SA_RESETHAND: count=%d now default=%d\n", resethand_count,
           cur.sa_handler == SIG_DFL);

    printf("== VFP state across a handler\n");
    signal(SIGUSR1, on_fp);
    double in8 = 0, in0 = 0, in16 = 0;
    uint32_t fpscr;
    __asm__ volatile("vmov.f64 d8, #0.5\n\t"
                     "vmov.f64 d0, #-0.5\n\t"
                     "vmov.f64 d16, #0.25\n\t"
                     "vmsr fpscr, %4\n\t"
                     "mov r0, %6\n\t"
                     "mov r1, %5\n\t"
                     "mov r7, #37\n\t" /* kill(pid, SIGUSR1): delivered before svc returns */
                     "svc 0\n\t"
                     "vmov.f64 %P0, d8\n\t"
                     "vmov.f64 %P1, d0\n\t"
                     "vmov.f64 %P2, d16\n\t"
                     "vmrs %3, fpscr"
                     : "=w"(in8), "=w"(in0), "=w"(in16), "=r"(fpscr)
                     : "r"(0x01000000), "r"(SIGUSR1), "r"(getpid())
                     : "r0", "r1", "r7", "d0", "d8", "d16", "memory");
    printf("d8=%g d0=%g d16=%g fpscr=%08x\n", in8, in0, in16, (unsigned)fpscr);
    __asm__ volatile("vmsr fpscr, %0" ::"r"(0));

    printf("== sigaltstack\n");
    altstack = malloc(SIGSTKSZ * 4);
    stack_t ss = { .ss_sp = altstack, .ss_size = SIGSTKSZ * 4, .ss_flags = 0 };
    printf("sigaltstack=%d\n", sigaltstack(&ss, NULL));
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_altsig;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("handler on alternate stack: %d\n", on_alt);
    printf("done\n");
    return 0;
}
