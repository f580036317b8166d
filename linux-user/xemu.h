/*
 * linux-user runtime shared by all guests: the per-thread CPU record, the description
 * of a guest architecture, logging masks, options, and the execution loop entry points.
 */
#ifndef XEMU_H
#define XEMU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ir/ir.h"

/* -d log items. */
enum {
    LOG_IN_ASM = 1 << 0,
    LOG_OP = 1 << 1,
    LOG_OP_OPT = 1 << 2,
    LOG_EXEC = 1 << 3,
    LOG_CPU = 1 << 4,
    LOG_UNIMP = 1 << 5,
    LOG_STRACE = 1 << 6,
    LOG_OUT_ASM = 1 << 7,
    LOG_NOCHAIN = 1 << 8,
    LOG_NOOPT = 1 << 9,
};

extern unsigned xemu_log_mask;
extern FILE *xemu_log_file; /* stderr unless -D */
#define xemu_log_enabled(m) ((xemu_log_mask & (m)) != 0)
void xemu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "xemu-arm: <msg>" on stderr. */
void xemu_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Options that the rest of the runtime consults. */
typedef struct XemuOptions {
    const char *ld_prefix;  /* -L */
    const char *cpu_model;  /* -cpu */
    uint32_t stack_size;    /* -s */
    bool strace;            /* -strace */
    bool one_insn_per_tb;   /* -one-insn-per-tb */
    bool interp;            /* --interp */
    uint32_t jit_buffer;    /* -jit-buffer: code buffer bytes, 0 = default */
    const char *exec_path;  /* the guest program as given (for /proc/self/exe) */
    char *exec_realpath;    /* its absolute path */
    const char *self_path;  /* xemu's own path, for re-exec */
} XemuOptions;
extern XemuOptions xemu_opts;

typedef struct GuestArch GuestArch;
struct GuestSiginfo;
struct GuestSigaction;

/* One guest thread. */
typedef struct CPUState {
    void *env;                /* the guest CPU struct (CPUARMState, ...) */
    const GuestArch *arch;
    sigjmp_buf jmp_env;       /* host fault while running guest code lands here */
    volatile int running;     /* inside translated code / interpreter */
    uint32_t cur_insn_pc;     /* guest pc of the instruction being executed */
    /* Set by the host fault handler before it jumps to jmp_env. */
    int fault_signo;
    int fault_code;
    uint32_t fault_addr;
    /* Set (by signal handlers, other threads) to make cpu_exec return soon. */
    volatile int exit_request;
    /* SYS_ERESTARTSYS/NOHAND while a restarted syscall waits for signal delivery. */
    int32_t syscall_restart;
    struct SigState *sig; /* pending signals (linux-user/signal.c) */
    bool in_exec;          /* between cpu_exec_start and cpu_exec_end (thread.c) */
    struct CPUState *next; /* all threads (linux-user/thread.c) */
} CPUState;

extern __thread CPUState *thread_cpu;

/* What a guest architecture provides to the generic runtime. */
struct GuestArch {
    const char *name;       /* "arm" */
    const char *uname_machine;
    uint16_t elf_machine;
    bool big_endian;
    size_t env_size;
    void (*init)(void);                               /* register IR globals, tables */
    /* TB key for the current state: pc and mode flags (Thumb, IT state...). */
    void (*tb_key)(void *env, uint32_t *pc, uint32_t *flags);
    /*
     * The same key as env fields, for the JIT's inline indirect-branch lookup: the pc
     * is the u32 at pc_env_off, flags the sum of (u32 at tb_flag_off[k]) << shift[k].
     */
    int32_t pc_env_off;
    int32_t sp_env_off; /* the guest stack pointer (u32), for sigaltstack */
    unsigned nb_tb_flag_fields;
    int32_t tb_flag_off[2];
    uint8_t tb_flag_shift[2];
    /*
     * Translates one TB at (pc, flags) into f. Returns the number of guest bytes
     * covered (for invalidation). max_insns is 1 with -one-insn-per-tb.
     */
    uint32_t (*translate)(IRFunc *f, uint32_t pc, uint32_t flags, unsigned max_insns);
    /* Disassemble one insn for -d in_asm; returns its size in bytes. */
    unsigned (*disas)(FILE *out, uint32_t pc, uint32_t flags);
    void (*dump_cpu)(FILE *out, void *env);
    void (*set_pc)(void *env, uint32_t pc);          /* after a fault, the faulting insn */
    void (*cpu_loop)(CPUState *cpu);                  /* never returns */
    /* Process start: registers for entry point and initial stack pointer. */
    void (*init_thread)(void *env, uint32_t entry, uint32_t sp);
    /* Fixed guest mappings the kernel provides (ARM: the kuser helper page). */
    bool (*setup_guest_memory)(void);
    uint32_t (*hwcap)(void);
    uint32_t (*hwcap2)(void);
    /* Signal frames (linux-user/<arch>/signal.c); see linux-user/signal.h. */
    bool (*setup_frame)(struct CPUState *cpu, const struct GuestSiginfo *si,
                        const struct GuestSigaction *ka, uint64_t saved_mask);
    bool (*sigreturn)(struct CPUState *cpu, bool rt);
    void (*syscall_eintr)(struct CPUState *cpu);
    const char *platform;   /* AT_PLATFORM */
    const char *cpu_models; /* space-separated names accepted by -cpu */
};

extern const GuestArch *guest_arch;

/* cpu_exec() code for a host SIGSEGV/SIGBUS in guest code; see CPUState.fault_*. */
#define EXCP_HOST_FAULT 0x10000
/* cpu_exec() code when cpu->exit_request was set (signal pending, TB flush...). */
#define EXCP_INTERRUPT 0x10001

/* Runs translated code until it exits with a non-zero code, which is returned. */
int cpu_exec(CPUState *cpu);
/* Drops translations intersecting [start, start+len). */
void tb_invalidate_range(uint32_t start, uint32_t len);
void tb_flush_all(void);
void exec_init(void);
/* Makes cpu (any thread, or a signal handler) leave cpu_exec at the next TB start. */
void cpu_exit(CPUState *cpu);
/* A thread is ending: forget its jump cache. */
void exec_thread_exit(void);
/* Switches between the JIT (default) and the interpreter; drops every TB. Setting
 * xemu_opts.interp and calling tb_flush_all() does the same. */
void exec_set_engine(bool jit);
/*
 * For the host fault handler: sets cpu->cur_insn_pc to the guest insn that was running
 * at host_pc and brings the guest registers in env up to date from the host context
 * (ucontext, a ucontext_t). False if host_pc is generated code xemu cannot map (a bug).
 */
bool exec_host_fault_pc(CPUState *cpu, uintptr_t host_pc, const void *ucontext);
/*
 * A host write fault at guest addr: if the page is write-protected only because it holds
 * translated code, drops those translations, unprotects it and returns true (retry).
 */
bool exec_handle_code_write(uint32_t addr);

/* Host signal handling for faults inside guest code. */
void signals_init(void);
/* Terminates xemu the way the guest signal would terminate a process (no core file). */
void die_with_signal(int host_signo) __attribute__((noreturn));
/* A synchronous guest signal (SIGSEGV, SIGILL, ...) raised at the current insn. */
void force_guest_signal(CPUState *cpu, int signo, int code, uint32_t addr);

#endif
