/*
 * sigframe: the ARM signal frame itself, seen from handlers installed with the raw
 * rt_sigaction syscall and no SA_RESTORER, so that they return through the kernel's
 * sigreturn code (not glibc's restorer), for ARM and Thumb handlers:
 *   - old-style frame (no SA_SIGINFO): the ucontext at sp, uc_flags 0x5ac3c35a;
 *     SA_SIGINFO frame: r1 = &siginfo = sp, r2 = &ucontext = sp + 128
 *   - sp 8-byte aligned; lr bit 0 = the handler's instruction set
 *   - uc_mcontext holds the interrupted r4-r6, r8-r10, pc (after the SVC), the cpsr T
 *     bit of the interrupted code; uc_sigmask the mask before the signal; uc_regspace
 *     the VFP record (magic 0x56465001, size 0x120) and a zero terminator
 *   - a register the handler changes in uc_mcontext is what the interrupted code sees
 *   - bad frames kill the process with SIGSEGV (checked in a child): rt_sigreturn with
 *     an unaligned sp, sigreturn with sp on unmapped memory, a frame whose cpsr asks for
 *     a privileged mode, a frame whose VFP record has lost its magic
 * Addresses are never printed, only compared.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

/* The kernel's struct sigaction for ARM (rt_sigaction, sigsetsize 8). */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint32_t mask[2];
};
#define K_SA_SIGINFO 4u

static int raw_sigaction(int sig, void *handler, unsigned long flags)
{
    struct ksigaction ka = { handler, flags, NULL, { 0, 0 } };
    return syscall(SYS_rt_sigaction, sig, &ka, NULL, 8);
}

/* What a handler saw, filled by record(). */
static struct {
    int sig;
    int sp_aligned, lr_thumb;
    int args_ok; /* SA_SIGINFO: r1 == sp, r2 == sp + 128 */
    uint32_t uc_flags;
    uint32_t r4, r5, r6, r8, r9, r10, pc, cpsr_t;
    int hup_blocked; /* in uc_sigmask */
    uint32_t vfp_magic, vfp_size, vfp_end;
} seen;
static volatile int edit_r5;     /* the handler sets uc_mcontext.arm_r5 to 0x5555aaaa */
static volatile int bad_mode;    /* the handler sets a privileged mode in arm_cpsr */
static volatile int bad_vfp;     /* the handler clears the VFP magic */

/* Called by the entry stubs: a0-a2 as the handler got them, sp and lr at entry. */
void record(int sig, uint32_t a1, uint32_t a2, uint32_t sp, uint32_t lr, int rt)
{
    ucontext_t *uc = (ucontext_t *)(uintptr_t)(rt ? sp + 128 : sp);
    seen.sig = sig;
    seen.sp_aligned = (sp & 7) == 0;
    seen.lr_thumb = lr & 1;
    seen.args_ok = rt ? a1 == sp && a2 == sp + 128 : -1;
    seen.uc_flags = uc->uc_flags;
    seen.r4 = uc->uc_mcontext.arm_r4;
    seen.r5 = uc->uc_mcontext.arm_r5;
    seen.r6 = uc->uc_mcontext.arm_r6;
    seen.r8 = uc->uc_mcontext.arm_r8;
    seen.r9 = uc->uc_mcontext.arm_r9;
    seen.r10 = uc->uc_mcontext.arm_r10;
    seen.pc = uc->uc_mcontext.arm_pc;
    seen.cpsr_t = (uc->uc_mcontext.arm_cpsr >> 5) & 1;
    seen.hup_blocked = sigismember(&uc->uc_sigmask, SIGHUP);
    uint32_t *aux = (uint32_t *)uc->uc_regspace;
    seen.vfp_magic = aux[0];
    seen.vfp_size = aux[1];
    seen.vfp_end = aux[0x120 / 4];
    if (edit_r5)
        uc->uc_mcontext.arm_r5 = 0x5555aaaa;
    if (bad_mode)
        uc->uc_mcontext.arm_cpsr |= 0x1f; /* system mode */
    if (bad_vfp)
        aux[0] = 0;
}

/*
 * Handler entry stubs: call record(sig, r1, r2, sp, lr, rt) and return through the lr
 * the kernel set. Naked, so sp and lr are the ones at entry.
 */
#define STUB(name, isa, rt)                                                              \
    __attribute__((naked, target(isa))) static void name(void)                         \
    {                                                                                    \
        __asm__("push {r4, lr}\n\t"                                                     \
                "sub sp, sp, #8\n\t"                                                    \
                "mov r3, #" #rt "\n\t"                                                  \
                "str r3, [sp, #4]\n\t"                                                  \
                "str lr, [sp]\n\t"                                                      \
                "add r3, sp, #16\n\t"                                                   \
                "movw r4, #:lower16:record\n\t"                                         \
                "movt r4, #:upper16:record\n\t"                                         \
                "blx r4\n\t"                                                            \
                "add sp, sp, #8\n\t"                                                    \
                "pop {r4, lr}\n\t"                                                      \
                "bx lr");                                                               \
    }
STUB(old_arm, "arm", 0)
STUB(old_thumb, "thumb", 0)
STUB(rt_arm, "arm", 1)
STUB(rt_thumb, "thumb", 1)

extern char after_svc[];

/* kill(getpid(), sig) with sentinels in r4-r6 and r8-r10; returns r5 afterwards. */
__attribute__((noinline)) static uint32_t kill_with_sentinels(int sig, uint32_t *bad)
{
    register uint32_t r0 __asm__("r0") = getpid();
    register uint32_t r1 __asm__("r1") = sig;
    register uint32_t r4 __asm__("r4") = 0x44440004;
    register uint32_t r5 __asm__("r5") = 0x55550005;
    register uint32_t r6 __asm__("r6") = 0x66660006;
    register uint32_t r8 __asm__("r8") = 0x88880008;
    register uint32_t r9 __asm__("r9") = 0x99990009;
    register uint32_t r10 __asm__("r10") = 0xaaaa000a;
    __asm__ volatile("push {r7}\n\t"
                     "mov r7, %[nr]\n\t"
                     "svc 0\n"
                     ".global after_svc\n"
                     "after_svc:\n\t"
                     "pop {r7}"
                     : "+r"(r0), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r8), "+r"(r9),
                       "+r"(r10)
                     : "r"(r1), [nr] "i"(SYS_kill)
                     : "memory");
    /* The untouched sentinels must come back as they were. */
    *bad = (r4 != 0x44440004) + (r6 != 0x66660006) + (r8 != 0x88880008) +
           (r9 != 0x99990009) + (r10 != 0xaaaa000a) + (r0 != 0);
    return r5;
}

static void run_case(const char *what, void *stub, unsigned long flags)
{
    memset(&seen, 0, sizeof seen);
    raw_sigaction(SIGUSR1, stub, flags);
    sigset_t hup, old;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    sigprocmask(SIG_BLOCK, &hup, &old);
    edit_r5 = 1;
    uint32_t bad;
    uint32_t r5 = kill_with_sentinels(SIGUSR1, &bad);
    edit_r5 = 0;
    sigset_t now;
    sigprocmask(SIG_SETMASK, &old, &now);
#ifdef __thumb__
    const uint32_t built_thumb = 1;
#else
    const uint32_t built_thumb = 0;
#endif
    printf("%s: sig=%d sp aligned=%d lr thumb=%d args=%d uc_flags=%#x\n", what, seen.sig,
           seen.sp_aligned, seen.lr_thumb, seen.args_ok, (unsigned)seen.uc_flags);
    printf("  saved r4-r6,r8-r10 ok=%d pc==after_svc:%d T matches build=%d HUP in mask=%d\n",
           seen.r4 == 0x44440004 && seen.r5 == 0x55550005 && seen.r6 == 0x66660006 &&
               seen.r8 == 0x88880008 && seen.r9 == 0x99990009 && seen.r10 == 0xaaaa000a,
           seen.pc == ((uintptr_t)after_svc & ~(uintptr_t)1), seen.cpsr_t == built_thumb,
           seen.hup_blocked);
    printf("  vfp magic=%#x size=%#x end=%#x\n", (unsigned)seen.vfp_magic,
           (unsigned)seen.vfp_size, (unsigned)seen.vfp_end);
    printf("  after: r5=%#x other registers changed=%u HUP blocked=%d\n", (unsigned)r5,
           (unsigned)bad, sigismember(&now, SIGHUP));
}

/* ---- bad frames, each in a child that should die of SIGSEGV ---- */

static char scratch[64] __attribute__((aligned(8)));

static void bad_unaligned_rt(void)
{
    __asm__ volatile("mov sp, %0\n\t"
                     "mov r7, #173\n\t"
                     "svc 0" ::"r"(scratch + 4)
                     : "r7", "memory");
}

static void bad_unmapped(void)
{
    __asm__ volatile("mov sp, %0\n\t"
                     "mov r7, #119\n\t"
                     "svc 0" ::"r"(0x1000)
                     : "r7", "memory");
}

static void bad_mode_frame(void)
{
    raw_sigaction(SIGUSR1, rt_arm, K_SA_SIGINFO);
    bad_mode = 1;
    raise(SIGUSR1);
}

static void bad_vfp_frame(void)
{
    raw_sigaction(SIGUSR1, old_thumb, 0);
    bad_vfp = 1;
    raise(SIGUSR1);
}

static void in_child(const char *what, void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        printf("%s: killed by signal %d\n", what, WTERMSIG(status));
    else
        printf("%s: exit %d\n", what, WEXITSTATUS(status));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("== frames, no SA_RESTORER\n");
    run_case("old frame, ARM handler", old_arm, 0);
    run_case("old frame, Thumb handler", old_thumb, 0);
    run_case("rt frame, ARM handler", rt_arm, K_SA_SIGINFO);
    run_case("rt frame, Thumb handler", rt_thumb, K_SA_SIGINFO);
    printf("== bad frames\n");
    in_child("rt_sigreturn, unaligned sp", bad_unaligned_rt);
    in_child("sigreturn, unmapped sp", bad_unmapped);
    in_child("cpsr in system mode", bad_mode_frame);
    in_child("VFP magic cleared", bad_vfp_frame);
    printf("done\n");
    return 0;
}
