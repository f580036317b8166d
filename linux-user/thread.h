/*
 * Guest threads (linux-user/thread.c): creating CPUs, clone of a thread, thread exit,
 * and exclusive sections in which no other thread runs generated code.
 */
#ifndef XEMU_THREAD_H
#define XEMU_THREAD_H

#include <stdint.h>

#include "linux-user/xemu.h"

/* A new CPU on the thread list; its guest registers are a copy of parent's, if any. */
CPUState *cpu_create(const CPUState *parent);
unsigned cpu_count(void);

/* clone() of a thread (CLONE_VM|CLONE_THREAD...): the child's tid or -errno. */
int64_t thread_clone(CPUState *parent, uint32_t flags, uint32_t newsp, uint32_t ptid,
                     uint32_t tls, uint32_t ctid);
/* exit(): this thread ends (CLONE_CHILD_CLEARTID honoured); the last one ends the process. */
void thread_exit(CPUState *cpu, int status) __attribute__((noreturn));

/* cpu_exec brackets its work with these; start/end_exclusive wait for them. */
void cpu_exec_start(CPUState *cpu);
void cpu_exec_end(CPUState *cpu);
void start_exclusive(void);
void end_exclusive(void);

#endif
