/*
 * Process, identity, time and resource syscalls: exit, uname, the id calls, clocks and
 * sleeps, rlimits, rusage, sysinfo, scheduling, kill, futex, fork-like clone and wait4.
 * Guest time structs are 32-bit (timespec, timeval) or the *_time64 variants (64-bit
 * tv_sec); conversions are here and shared through sys_get/put_timespec.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/futex.h>

#include <glib.h>

#include "frontend/arm/cpu.h"
#include "frontend/mips/cpu.h"
#include "ir/interp.h"
#include "linux-user/syscall_int.h"
#include "linux-user/thread.h"
#include "softmmu/mmu.h"

/* ---- time structs ------------------------------------------------------------------ */

int sys_get_timespec(struct timespec *ts, uint32_t addr, bool time64)
{
    const uint8_t *g = sys_guest_ptr(addr, time64 ? 16 : 8, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    if (time64) {
        ts->tv_sec = (int64_t)get_guest_u64(g);
        /* The upper half of a 64-bit tv_nsec from a 32-bit task is ignored. */
        ts->tv_nsec = (int32_t)get_guest_u32(g + (sys_guest_big_endian ? 12 : 8));
    } else {
        ts->tv_sec = (int32_t)get_guest_u32(g);
        ts->tv_nsec = (int32_t)get_guest_u32(g + 4);
    }
    return 0;
}

int sys_put_timespec(uint32_t addr, const struct timespec *ts, bool time64)
{
    uint8_t *g = sys_guest_ptr(addr, time64 ? 16 : 8, PAGE_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (time64) {
        put_guest_u64(g, (uint64_t)ts->tv_sec);
        put_guest_u64(g + 8, (uint64_t)ts->tv_nsec);
    } else {
        put_guest_u32(g, (uint32_t)ts->tv_sec);
        put_guest_u32(g + 4, (uint32_t)ts->tv_nsec);
    }
    return 0;
}

static int sys_put_timeval(uint8_t *g, const struct timeval *tv)
{
    put_guest_u32(g, (uint32_t)tv->tv_sec);
    put_guest_u32(g + 4, (uint32_t)tv->tv_usec);
    return 0;
}

/* ---- exit ------------------------------------------------------------------------- */

int64_t sys_do_exit_group(int status)
{
    if (xemu_log_file) {
        fflush(xemu_log_file);
    }
    fflush(stdout);
    fflush(stderr);
    _exit(status & 0xff);
}

int64_t sys_exit_group(CPUState *cpu, const uint32_t *args)
{
    sys_do_exit_group((int)args[0]);
}

/* Thread exit; the last thread's exit ends the process. */
int64_t sys_exit(CPUState *cpu, const uint32_t *args)
{
    if (!cpu) {
        sys_do_exit_group((int)args[0]);
    }
    thread_exit(cpu, (int)args[0]);
}

/* ---- identity ------------------------------------------------------------------------ */

/* struct new_utsname: six 65-byte strings, the same on every guest. */
int64_t sys_uname(CPUState *cpu, const uint32_t *args)
{
    char *g = sys_guest_ptr(args[0], 6 * 65, PAGE_WRITE);
    struct utsname u;
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (uname(&u) < 0) {
        return SYS_ERR(errno);
    }
    const char *machine = cpu && cpu->arch ? cpu->arch->uname_machine : u.machine;
    const char *fields[6] = { u.sysname, u.nodename, u.release, u.version, machine,
                              u.domainname };
    memset(g, 0, 6 * 65);
    for (int i = 0; i < 6; i++) {
        g_strlcpy(g + i * 65, fields[i], 65);
    }
    return 0;
}

int64_t sys_getpid(CPUState *cpu, const uint32_t *args) { return getpid(); }
int64_t sys_getppid(CPUState *cpu, const uint32_t *args) { return getppid(); }
int64_t sys_gettid(CPUState *cpu, const uint32_t *args) { return syscall(SYS_gettid); }
int64_t sys_getuid32(CPUState *cpu, const uint32_t *args) { return getuid(); }
int64_t sys_geteuid32(CPUState *cpu, const uint32_t *args) { return geteuid(); }
int64_t sys_getgid32(CPUState *cpu, const uint32_t *args) { return getgid(); }
int64_t sys_getegid32(CPUState *cpu, const uint32_t *args) { return getegid(); }

static int64_t sys_put_three_ids(const uint32_t *args, const unsigned ids[3])
{
    uint8_t *g[3];
    for (int i = 0; i < 3; i++) {
        if (!(g[i] = sys_guest_ptr(args[i], 4, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
    }
    for (int i = 0; i < 3; i++) {
        put_guest_u32(g[i], ids[i]);
    }
    return 0;
}

int64_t sys_getresuid32(CPUState *cpu, const uint32_t *args)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0) {
        return SYS_ERR(errno);
    }
    return sys_put_three_ids(args, (const unsigned[3]){ r, e, s });
}

int64_t sys_getresgid32(CPUState *cpu, const uint32_t *args)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0) {
        return SYS_ERR(errno);
    }
    return sys_put_three_ids(args, (const unsigned[3]){ r, e, s });
}

/* getgroups32(size, list) */
int64_t sys_getgroups32(CPUState *cpu, const uint32_t *args)
{
    int size = (int)args[0];
    if (size < 0) {
        return SYS_ERR(EINVAL);
    }
    gid_t *list = g_new(gid_t, size ? size : 1);
    int n = getgroups(size, list);
    if (n > 0 && size > 0) {
        uint8_t *g = sys_guest_ptr(args[1], (uint32_t)n * 4, PAGE_WRITE);
        if (!g) {
            g_free(list);
            return SYS_ERR(EFAULT);
        }
        for (int i = 0; i < n; i++) {
            put_guest_u32(g + i * 4, list[i]);
        }
    }
    int64_t r = SYS_RET(n);
    g_free(list);
    return r;
}

int64_t sys_setgroups32(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = args[0];
    if (n > 65536) {
        return SYS_ERR(EINVAL);
    }
    const uint8_t *g = sys_guest_ptr(args[1], n * 4, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    gid_t *list = g_new(gid_t, n ? n : 1);
    for (uint32_t i = 0; i < n; i++) {
        list[i] = get_guest_u32(g + i * 4);
    }
    long r = syscall(SYS_setgroups, (size_t)n, list);
    int64_t ret = SYS_RET(r);
    g_free(list);
    return ret;
}

/* The set*id calls go straight to the kernel: per-thread, as the guest libc expects. */
int64_t sys_setuid32(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setuid, args[0]));
}

int64_t sys_setgid32(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setgid, args[0]));
}

int64_t sys_setreuid32(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setreuid, args[0], args[1]));
}

int64_t sys_setregid32(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setregid, args[0], args[1]));
}

int64_t sys_setresuid32(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setresuid, args[0], args[1], args[2]));
}

int64_t sys_setresgid32(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setresgid, args[0], args[1], args[2]));
}

int64_t sys_setfsuid32(CPUState *cpu, const uint32_t *args)
{
    return syscall(SYS_setfsuid, args[0]);
}

int64_t sys_setfsgid32(CPUState *cpu, const uint32_t *args)
{
    return syscall(SYS_setfsgid, args[0]);
}

int64_t sys_setsid(CPUState *cpu, const uint32_t *args) { return SYS_RET(setsid()); }
int64_t sys_getpgid(CPUState *cpu, const uint32_t *args) { return SYS_RET(getpgid((pid_t)args[0])); }
int64_t sys_getpgrp(CPUState *cpu, const uint32_t *args) { return getpgrp(); }
int64_t sys_getsid(CPUState *cpu, const uint32_t *args) { return SYS_RET(getsid((pid_t)args[0])); }

int64_t sys_setpgid(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(setpgid((pid_t)args[0], (pid_t)args[1]));
}

/* ---- clocks and sleeping ------------------------------------------------------------ */

static int64_t sys_do_clock_gettime(const uint32_t *args, bool time64, bool res)
{
    struct timespec ts;
    long r = syscall(res ? SYS_clock_getres : SYS_clock_gettime, (clockid_t)args[0], &ts);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    if (res && !args[1]) {
        return 0;
    }
    return sys_put_timespec(args[1], &ts, time64);
}

int64_t sys_clock_gettime(CPUState *cpu, const uint32_t *args)
{
    return sys_do_clock_gettime(args, false, false);
}

int64_t sys_clock_gettime64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_clock_gettime(args, true, false);
}

int64_t sys_clock_getres(CPUState *cpu, const uint32_t *args)
{
    return sys_do_clock_gettime(args, false, true);
}

int64_t sys_clock_getres_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_clock_gettime(args, true, true);
}

/* gettimeofday(struct timeval *, struct timezone *) */
int64_t sys_gettimeofday(CPUState *cpu, const uint32_t *args)
{
    struct timeval tv;
    struct timezone tz;
    if (syscall(SYS_gettimeofday, &tv, &tz) < 0) {
        return SYS_ERR(errno);
    }
    if (args[0]) {
        uint8_t *g = sys_guest_ptr(args[0], 8, PAGE_WRITE);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        sys_put_timeval(g, &tv);
    }
    if (args[1]) {
        uint8_t *g = sys_guest_ptr(args[1], 8, PAGE_WRITE);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        put_guest_u32(g, (uint32_t)tz.tz_minuteswest);
        put_guest_u32(g + 4, (uint32_t)tz.tz_dsttime);
    }
    return 0;
}

int64_t sys_nanosleep(CPUState *cpu, const uint32_t *args)
{
    struct timespec req, rem;
    int e = sys_get_timespec(&req, args[0], false);
    if (e) {
        return e;
    }
    if (nanosleep(&req, &rem) < 0) {
        int err = errno;
        if (err == EINTR && args[1]) {
            sys_put_timespec(args[1], &rem, false);
        }
        return SYS_ERR(err);
    }
    return 0;
}

/* clock_nanosleep(clock, flags, req, rem) */
static int64_t sys_do_clock_nanosleep(const uint32_t *args, bool time64)
{
    struct timespec req, rem;
    int e = sys_get_timespec(&req, args[2], time64);
    if (e) {
        return e;
    }
    long r = syscall(SYS_clock_nanosleep, (clockid_t)args[0], (int)args[1], &req, &rem);
    if (r < 0) {
        int err = errno;
        if (err == EINTR && args[3] && !(args[1] & TIMER_ABSTIME)) {
            sys_put_timespec(args[3], &rem, time64);
        }
        return SYS_ERR(err);
    }
    return 0;
}

int64_t sys_clock_nanosleep(CPUState *cpu, const uint32_t *args)
{
    return sys_do_clock_nanosleep(args, false);
}

int64_t sys_clock_nanosleep_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_clock_nanosleep(args, true);
}

int64_t sys_alarm(CPUState *cpu, const uint32_t *args)
{
    return alarm(args[0]);
}

int64_t sys_pause(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(pause());
}

/* ---- misc per-process ------------------------------------------------------------ */

int64_t sys_getrandom(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = sys_guest_span(args[0], args[1], PAGE_WRITE);
    if (args[1] && !n) {
        return SYS_ERR(EFAULT);
    }
    long r = syscall(SYS_getrandom, g2h(args[0]), (size_t)n, (unsigned)args[2]);
    return SYS_RET(r);
}

int64_t sys_set_tid_address(CPUState *cpu, const uint32_t *args)
{
    sys_thread.clear_child_tid = args[0];
    return syscall(SYS_gettid);
}

/* set_robust_list(head, len): recorded; len must be the 32-bit struct's 12 bytes. */
int64_t sys_set_robust_list(CPUState *cpu, const uint32_t *args)
{
    if (args[1] != 12) {
        return SYS_ERR(EINVAL);
    }
    sys_thread.robust_list = args[0];
    sys_thread.robust_list_len = args[1];
    return 0;
}

int64_t sys_get_robust_list(CPUState *cpu, const uint32_t *args)
{
    if (args[0] != 0 && (pid_t)args[0] != syscall(SYS_gettid)) {
        return SYS_ERR(EPERM);
    }
    uint8_t *head = sys_guest_ptr(args[1], 4, PAGE_WRITE);
    uint8_t *len = sys_guest_ptr(args[2], 4, PAGE_WRITE);
    if (!head || !len) {
        return SYS_ERR(EFAULT);
    }
    put_guest_u32(head, sys_thread.robust_list);
    put_guest_u32(len, 12);
    return 0;
}

/* rseq registration is refused; glibc carries on without it. */
int64_t sys_rseq(CPUState *cpu, const uint32_t *args)
{
    return SYS_ERR(ENOSYS);
}

/* ---- resource limits -------------------------------------------------------------- */

static int sys_rlimit_resource(uint32_t guest)
{
    return sys_abi->rlimit_to_host ? sys_abi->rlimit_to_host((int)guest) : (int)guest;
}

/*
 * Limits that would constrain xemu itself rather than the guest (the 4 GiB reservation,
 * the host stack) are accepted and not applied.
 */
static bool sys_rlimit_ignored(int res)
{
    return res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK;
}

/* prlimit64(pid, resource, const struct rlimit64 *new, struct rlimit64 *old) */
int64_t sys_prlimit64(CPUState *cpu, const uint32_t *args)
{
    int res = sys_rlimit_resource(args[1]);
    struct rlimit64 nl, ol;
    uint8_t *gn = NULL, *go = NULL;
    if (args[2] && !(gn = sys_guest_ptr(args[2], 16, PAGE_READ))) {
        return SYS_ERR(EFAULT);
    }
    if (args[3] && !(go = sys_guest_ptr(args[3], 16, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    if (gn) {
        nl.rlim_cur = get_guest_u64(gn);
        nl.rlim_max = get_guest_u64(gn + 8);
    }
    bool skip_set = gn && sys_rlimit_ignored(res) && (args[0] == 0 || (pid_t)args[0] == getpid());
    long r = syscall(SYS_prlimit64, (pid_t)args[0], res, gn && !skip_set ? &nl : NULL,
                     go ? &ol : NULL);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    if (go) {
        put_guest_u64(go, ol.rlim_cur);
        put_guest_u64(go + 8, ol.rlim_max);
    }
    return 0;
}

static uint32_t sys_rlim32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* ugetrlimit(resource, struct rlimit *): 32-bit, RLIM_INFINITY is ~0UL. */
int64_t sys_ugetrlimit(CPUState *cpu, const uint32_t *args)
{
    struct rlimit64 rl;
    uint8_t *g = sys_guest_ptr(args[1], 8, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (syscall(SYS_prlimit64, 0, sys_rlimit_resource(args[0]), NULL, &rl) < 0) {
        return SYS_ERR(errno);
    }
    put_guest_u32(g, sys_rlim32(rl.rlim_cur));
    put_guest_u32(g + 4, sys_rlim32(rl.rlim_max));
    return 0;
}

int64_t sys_setrlimit(CPUState *cpu, const uint32_t *args)
{
    int res = sys_rlimit_resource(args[0]);
    const uint8_t *g = sys_guest_ptr(args[1], 8, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    uint32_t cur = get_guest_u32(g), max = get_guest_u32(g + 4);
    struct rlimit64 rl = {
        cur == UINT32_MAX ? RLIM64_INFINITY : cur,
        max == UINT32_MAX ? RLIM64_INFINITY : max,
    };
    if (sys_rlimit_ignored(res)) {
        return rl.rlim_cur > rl.rlim_max ? SYS_ERR(EINVAL) : 0;
    }
    return SYS_RET(syscall(SYS_prlimit64, 0, res, &rl, NULL));
}

/* struct rusage: two 32-bit timevals then 14 longs (72 bytes). */
static void sys_put_rusage(uint8_t *g, const struct rusage *ru)
{
    sys_put_timeval(g, &ru->ru_utime);
    sys_put_timeval(g + 8, &ru->ru_stime);
    const long v[14] = { ru->ru_maxrss, ru->ru_ixrss, ru->ru_idrss, ru->ru_isrss,
                         ru->ru_minflt, ru->ru_majflt, ru->ru_nswap, ru->ru_inblock,
                         ru->ru_oublock, ru->ru_msgsnd, ru->ru_msgrcv, ru->ru_nsignals,
                         ru->ru_nvcsw, ru->ru_nivcsw };
    for (int i = 0; i < 14; i++) {
        put_guest_u32(g + 16 + i * 4, (uint32_t)v[i]);
    }
}

int64_t sys_getrusage(CPUState *cpu, const uint32_t *args)
{
    struct rusage ru;
    uint8_t *g = sys_guest_ptr(args[1], 72, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (getrusage((int)args[0], &ru) < 0) {
        return SYS_ERR(errno);
    }
    sys_put_rusage(g, &ru);
    return 0;
}

/* struct sysinfo for 32-bit guests (64 bytes); memory sizes scaled by mem_unit to fit. */
int64_t sys_sysinfo(CPUState *cpu, const uint32_t *args)
{
    struct sysinfo si;
    uint8_t *g = sys_guest_ptr(args[0], 64, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (sysinfo(&si) < 0) {
        return SYS_ERR(errno);
    }
    uint64_t unit = si.mem_unit ? si.mem_unit : 1;
    uint64_t mem[8] = { si.totalram, si.freeram, si.sharedram, si.bufferram,
                        si.totalswap, si.freeswap, si.totalhigh, si.freehigh };
    uint64_t maxv = 0;
    for (int i = 0; i < 8; i++) {
        maxv = mem[i] > maxv ? mem[i] : maxv;
    }
    int shift = 0;
    while ((maxv >> shift) > UINT32_MAX) {
        shift++;
    }
    memset(g, 0, 64);
    put_guest_u32(g + 0, (uint32_t)si.uptime);
    for (int i = 0; i < 3; i++) {
        put_guest_u32(g + 4 + i * 4, (uint32_t)si.loads[i]);
    }
    for (int i = 0; i < 6; i++) {
        put_guest_u32(g + 16 + i * 4, (uint32_t)(mem[i] >> shift));
    }
    put_guest_u16(g + 40, si.procs);
    put_guest_u32(g + 44, (uint32_t)(mem[6] >> shift));
    put_guest_u32(g + 48, (uint32_t)(mem[7] >> shift));
    put_guest_u32(g + 52, (uint32_t)(unit << shift));
    return 0;
}

/* times(struct tms *): four 32-bit clock_t; returns the tick count (wraps like 32-bit). */
int64_t sys_times(CPUState *cpu, const uint32_t *args)
{
    struct tms t;
    uint8_t *g = NULL;
    if (args[0] && !(g = sys_guest_ptr(args[0], 16, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    clock_t r = times(&t);
    if (r == (clock_t)-1) {
        return SYS_ERR(errno);
    }
    if (g) {
        put_guest_u32(g, (uint32_t)t.tms_utime);
        put_guest_u32(g + 4, (uint32_t)t.tms_stime);
        put_guest_u32(g + 8, (uint32_t)t.tms_cutime);
        put_guest_u32(g + 12, (uint32_t)t.tms_cstime);
    }
    return (uint32_t)r;
}

/* ---- scheduling ------------------------------------------------------------------ */

int64_t sys_sched_yield(CPUState *cpu, const uint32_t *args)
{
    sched_yield();
    return 0;
}

/* CPU masks are arrays of 32-bit words for the guest; bit n is CPU n. */
int64_t sys_sched_getaffinity(CPUState *cpu, const uint32_t *args)
{
    uint32_t len = args[1];
    if (len & 3) {
        return SYS_ERR(EINVAL);
    }
    uint8_t *g = sys_guest_ptr(args[2], len, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    size_t hlen = (len + 7) & ~7u;
    uint64_t *h = g_malloc0(hlen ? hlen : 8);
    long r = syscall(SYS_sched_getaffinity, (pid_t)args[0], hlen, h);
    if (r < 0) {
        int e = errno;
        g_free(h);
        return SYS_ERR(e);
    }
    uint32_t n = (uint32_t)r < len ? (uint32_t)r : len;
    for (uint32_t w = 0; w < n / 4; w++) {
        put_guest_u32(g + w * 4, (uint32_t)(h[w / 2] >> (32 * (w & 1))));
    }
    g_free(h);
    return n;
}

int64_t sys_sched_setaffinity(CPUState *cpu, const uint32_t *args)
{
    uint32_t len = args[1] & ~3u;
    const uint8_t *g = sys_guest_ptr(args[2], len, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    size_t hlen = (len + 7) & ~7u;
    uint64_t *h = g_malloc0(hlen ? hlen : 8);
    for (uint32_t w = 0; w < len / 4; w++) {
        h[w / 2] |= (uint64_t)get_guest_u32(g + w * 4) << (32 * (w & 1));
    }
    long r = syscall(SYS_sched_setaffinity, (pid_t)args[0], hlen, h);
    int64_t ret = SYS_RET(r);
    g_free(h);
    return ret;
}

/* getcpu(unsigned *cpu, unsigned *node, void *cache) */
int64_t sys_getcpu(CPUState *cpu, const uint32_t *args)
{
    unsigned c, n;
    if (syscall(SYS_getcpu, &c, &n, NULL) < 0) {
        return SYS_ERR(errno);
    }
    for (int i = 0; i < 2; i++) {
        if (args[i]) {
            uint8_t *g = sys_guest_ptr(args[i], 4, PAGE_WRITE);
            if (!g) {
                return SYS_ERR(EFAULT);
            }
            put_guest_u32(g, i == 0 ? c : n);
        }
    }
    return 0;
}

int64_t sys_getpriority(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_getpriority, (int)args[0], (id_t)args[1]));
}

int64_t sys_setpriority(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setpriority, (int)args[0], (id_t)args[1], (int)args[2]));
}

/* ---- signals sent to processes ----------------------------------------------------- */

static int sys_host_sig(uint32_t guest_sig)
{
    return guest_sig == 0 ? 0 : sys_guest_to_host_signal((int)guest_sig);
}

int64_t sys_kill(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(kill((pid_t)args[0], sys_host_sig(args[1])));
}

int64_t sys_tgkill(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_tgkill, (pid_t)args[0], (pid_t)args[1], sys_host_sig(args[2])));
}

int64_t sys_tkill(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_tkill, (pid_t)args[0], sys_host_sig(args[1])));
}

/* ---- prctl, personality ------------------------------------------------------------ */

int64_t sys_prctl(CPUState *cpu, const uint32_t *args)
{
    int opt = (int)args[0];
    char name[16];
    uint8_t *g;
    int v;
    switch (opt) {
    case PR_SET_NAME:
        if (!(g = sys_guest_ptr(args[1], 16, PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        memcpy(name, g, 16);
        name[15] = 0;
        return SYS_RET(prctl(PR_SET_NAME, name));
    case PR_GET_NAME:
        if (!(g = sys_guest_ptr(args[1], 16, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        sys_proc_comm(name);
        memcpy(g, name, 16);
        return 0;
    case PR_GET_TID_ADDRESS:
        if (!(g = sys_guest_ptr(args[1], 4, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        put_guest_u32(g, sys_thread.clear_child_tid);
        return 0;
    case PR_SET_SECCOMP:
        /* A host filter would see xemu's syscalls, not the guest's. */
        return SYS_ERR(EINVAL);
    case PR_GET_PDEATHSIG:
    case PR_GET_CHILD_SUBREAPER:
        if (!(g = sys_guest_ptr(args[1], 4, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        if (prctl(opt, &v) < 0) {
            return SYS_ERR(errno);
        }
        put_guest_u32(g, (uint32_t)v);
        return 0;
    case PR_SET_PDEATHSIG:
        return SYS_RET(prctl(opt, (unsigned long)sys_host_sig(args[1])));
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_SET_CHILD_SUBREAPER:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_TIMERSLACK:
    case PR_GET_TIMERSLACK:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_SECCOMP:
    case PR_CAPBSET_READ:
    case PR_CAPBSET_DROP:
    case PR_GET_SECUREBITS:
    case PR_SET_SECUREBITS:
    case PR_CAP_AMBIENT:
    case PR_SET_THP_DISABLE:
    case PR_GET_THP_DISABLE:
    case PR_MCE_KILL:
    case PR_MCE_KILL_GET:
    case PR_SET_PTRACER:
    case PR_GET_TIMING:
    case PR_SET_TIMING:
    case PR_TASK_PERF_EVENTS_DISABLE:
    case PR_TASK_PERF_EVENTS_ENABLE:
        return SYS_RET(prctl(opt, (unsigned long)args[1], (unsigned long)args[2],
                             (unsigned long)args[3], (unsigned long)args[4]));
    default:
        if (xemu_log_enabled(LOG_UNIMP)) {
            xemu_log("Unsupported prctl option: %d\n", opt);
        }
        return SYS_ERR(EINVAL);
    }
}

static uint32_t sys_personality_value; /* PER_LINUX */

/* The guest's persona is recorded only; 0xffffffff queries it. */
int64_t sys_personality(CPUState *cpu, const uint32_t *args)
{
    uint32_t old = sys_personality_value;
    if (args[0] != UINT32_MAX) {
        sys_personality_value = args[0];
    }
    return old;
}

/* ---- futex -------------------------------------------------------------------------- */

/*
 * Guest memory is host memory, so futexes work directly on g2h(uaddr). The compare
 * values are byte-swapped for big-endian guests: the kernel compares memory words.
 */
/*
 * PI futexes of a big-endian guest: the host kernel would read the owner TID in the
 * futex word in host byte order, so these ops are emulated on the guest-order word
 * (without priority inheritance): LOCK_PI takes a free word (keeping OWNER_DIED) or sets
 * FUTEX_WAITERS and sleeps on it; a thread that slept takes the lock with WAITERS set,
 * so the next unlock wakes the others too. UNLOCK_PI frees the word and wakes one.
 */
static int64_t sys_futex_pi_be(uint32_t *w, int cmd, int op, const struct timespec *abs)
{
    const uint32_t tid = (uint32_t)syscall(SYS_gettid);
    const uint32_t tid_mask = FUTEX_TID_MASK, died = FUTEX_OWNER_DIED;
    if (cmd == FUTEX_UNLOCK_PI) {
        uint32_t v = __builtin_bswap32(__atomic_load_n(w, __ATOMIC_SEQ_CST));
        if ((v & tid_mask) != tid) {
            return SYS_ERR(EPERM);
        }
        __atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
        if (v & FUTEX_WAITERS) {
            syscall(SYS_futex, w, FUTEX_WAKE | (op & FUTEX_PRIVATE_FLAG), 1, NULL, NULL, 0);
        }
        return 0;
    }
    bool slept = false;
    for (;;) {
        uint32_t raw = __atomic_load_n(w, __ATOMIC_SEQ_CST);
        uint32_t v = __builtin_bswap32(raw);
        if ((v & tid_mask) == tid) {
            return SYS_ERR(EDEADLK);
        }
        if (!(v & tid_mask)) {
            uint32_t nv = tid | (v & died) | (slept ? FUTEX_WAITERS : 0);
            if (__atomic_compare_exchange_n(w, &raw, __builtin_bswap32(nv), false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
                return 0;
            }
            continue;
        }
        if (cmd == FUTEX_TRYLOCK_PI) {
            return SYS_ERR(EAGAIN);
        }
        uint32_t want = __builtin_bswap32(v | FUTEX_WAITERS);
        if (!(v & FUTEX_WAITERS) &&
            !__atomic_compare_exchange_n(w, &raw, want, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST)) {
            continue;
        }
        /* LOCK_PI timeouts are absolute CLOCK_REALTIME (LOCK_PI2: per the clock flag). */
        int wop = FUTEX_WAIT_BITSET | (op & (FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
        if (cmd == FUTEX_LOCK_PI) {
            wop |= FUTEX_CLOCK_REALTIME;
        }
        long r = syscall(SYS_futex, w, wop, want, abs, NULL, FUTEX_BITSET_MATCH_ANY);
        if (r < 0 && errno == ETIMEDOUT) {
            return SYS_ERR(ETIMEDOUT);
        }
        if (r < 0 && errno == EINTR) {
            return SYS_ERR(EINTR);
        }
        slept = true;
    }
}

static int64_t sys_do_futex(const uint32_t *args, bool time64)
{
    uint32_t uaddr = args[0], val = args[2], val3 = args[5];
    int op = (int)args[1];
    int cmd = op & FUTEX_CMD_MASK;
    struct timespec ts, *tsp = NULL;
    uintptr_t val2 = args[3];
    void *u2 = NULL;

    if (!sys_guest_ptr(uaddr, 4, PAGE_READ)) {
        return SYS_ERR(EFAULT);
    }
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (args[3]) {
            int e = sys_get_timespec(&ts, args[3], time64);
            if (e) {
                return e;
            }
            tsp = &ts;
        }
        val2 = (uintptr_t)tsp;
        break;
    default:
        break;
    }
    if (sys_guest_big_endian && (cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
                                 cmd == FUTEX_TRYLOCK_PI || cmd == FUTEX_UNLOCK_PI)) {
        if (!sys_guest_ptr(uaddr, 4, PAGE_WRITE) || (uaddr & 3)) {
            return SYS_ERR(uaddr & 3 ? EINVAL : EFAULT);
        }
        return sys_futex_pi_be(g2h(uaddr), cmd, op, tsp);
    }
    if (sys_guest_big_endian && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
                                 cmd == FUTEX_WAIT_REQUEUE_PI)) {
        val = __builtin_bswap32(val);
    }
    if (sys_guest_big_endian && (cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_CMP_REQUEUE_PI)) {
        val3 = __builtin_bswap32(val3);
    }
    switch (cmd) {
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
    case FUTEX_WAIT_REQUEUE_PI:
    case FUTEX_CMP_REQUEUE_PI:
        if (!sys_guest_ptr(args[4], 4, PAGE_READ)) {
            return SYS_ERR(EFAULT);
        }
        u2 = g2h(args[4]);
        break;
    default:
        break;
    }
    long r = syscall(SYS_futex, g2h(uaddr), op, val, val2, u2, val3);
    return SYS_RET(r);
}

int64_t sys_futex(CPUState *cpu, const uint32_t *args)
{
    return sys_do_futex(args, false);
}

int64_t sys_futex_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_futex(args, true);
}

/* ---- fork, clone, wait ------------------------------------------------------------- */

#define SYS_CLONE_FORK_FLAGS                                                         \
    (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID | CLONE_SETTLS | \
     CLONE_VFORK | CSIGNAL)

/* ---- vfork: a child sharing the guest's memory, the parent waiting ------------------ */

/* What the vfork child needs to start (read on the child's host stack). */
typedef struct SysVforkArgs {
    CPUState *child;
    uint32_t flags, newsp, tls, ctid;
    uint8_t *gp, *gc;
} SysVforkArgs;

#define SYS_VFORK_STACK (8u << 20)

/*
 * The vfork child, on its own host stack in the parent's address space (host
 * CLONE_VM|CLONE_VFORK): it shares the guest memory and everything of xemu's, as a
 * vfork child shares its parent's memory, and runs the guest from the syscall's return
 * with its own registers (a copy of the parent's). The parent is suspended by the host
 * kernel until this process execs or exits, as the guest's kernel would do.
 */
static int sys_vfork_child(void *opaque)
{
    SysVforkArgs *a = opaque;
    CPUState *child = a->child;
    /* Host TLS is the parent's (no CLONE_SETTLS): the parent restores what we change. */
    thread_cpu = child;
    pid_t tid = (pid_t)syscall(SYS_gettid);
    if (a->gp) {
        put_guest_u32(a->gp, (uint32_t)tid);
    }
    if (a->flags & CLONE_CHILD_SETTID) {
        put_guest_u32(a->gc, (uint32_t)tid);
    }
    sys_thread.clear_child_tid = (a->flags & CLONE_CHILD_CLEARTID) ? a->ctid : 0;
    sys_abi->clone_child_setup(child, a->newsp, (a->flags & CLONE_SETTLS) != 0, a->tls);
    child->arch->cpu_loop(child);
    _exit(127); /* not reached: the cpu loop ends in exit or execve */
}

static int64_t sys_do_vfork_vm(CPUState *cpu, int host_sig, SysVforkArgs *a)
{
    size_t env_bytes = ((cpu->arch->env_size + 15) & ~(size_t)15) + IR_INTERP_SCRATCH;
    void *stack = mmap(NULL, SYS_VFORK_STACK, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
    if (stack == MAP_FAILED) {
        return SYS_ERR(ENOMEM);
    }
    CPUState *child = g_new0(CPUState, 1);
    child->arch = cpu->arch;
    child->env = g_malloc0(env_bytes);
    memcpy(child->env, cpu->env, cpu->arch->env_size);
    a->child = child;
    SysThreadState saved_thread = sys_thread;
    pid_t pid = clone(sys_vfork_child, (uint8_t *)stack + SYS_VFORK_STACK,
                      CLONE_VM | CLONE_VFORK | host_sig, a);
    int err = errno;
    /* The child has exec'd or exited: its stack and registers are ours to free. */
    thread_cpu = cpu;
    sys_thread = saved_thread;
    munmap(stack, SYS_VFORK_STACK);
    g_free(child->env);
    g_free(child);
    return pid < 0 ? SYS_ERR(err) : pid;
}

/*
 * A new process (not a thread): the host forks and the child carries on with a copy of
 * the guest. With CLONE_VFORK the parent waits until the child execs or exits; with
 * CLONE_VM too (vfork(), posix_spawn) the child also shares the guest's memory, so what
 * it writes there before exiting (posix_spawn's error report) reaches the parent.
 */
static int64_t sys_do_fork(CPUState *cpu, uint32_t flags, uint32_t newsp, uint32_t ptid,
                           uint32_t tls, uint32_t ctid)
{
    int exit_sig = (int)(flags & CSIGNAL);
    int host_sig = exit_sig ? sys_guest_to_host_signal(exit_sig) : 0;
    uint8_t *gp = NULL, *gc = NULL;
    if ((flags & CLONE_PARENT_SETTID) && !(gp = sys_guest_ptr(ptid, 4, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) &&
        !(gc = sys_guest_ptr(ctid, 4, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    if (xemu_log_file) {
        fflush(xemu_log_file);
    }
    if ((flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK)) {
        SysVforkArgs a = { NULL, flags, newsp, tls, ctid, gp, gc };
        pid_t vpid = (pid_t)sys_do_vfork_vm(cpu, host_sig, &a);
        if (vpid > 0 && gp) {
            put_guest_u32(gp, (uint32_t)vpid);
        }
        return vpid;
    }
    /* CLONE_VFORK alone: the host kernel holds the parent back the same way. */
    unsigned long hflags = (unsigned long)host_sig | (flags & CLONE_VFORK);
    pid_t pid = hflags == SIGCHLD ? fork()
                                  : (pid_t)syscall(SYS_clone, hflags, 0, NULL, NULL, 0);
    if (pid < 0) {
        return SYS_ERR(errno);
    }
    if (pid == 0) {
        pid_t tid = (pid_t)syscall(SYS_gettid);
        if (gp) {
            put_guest_u32(gp, (uint32_t)tid);
        }
        if (flags & CLONE_CHILD_SETTID) {
            put_guest_u32(gc, (uint32_t)tid);
        }
        sys_thread.clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
        if (sys_abi->clone_child_setup) {
            sys_abi->clone_child_setup(cpu, newsp,
                                       (flags & CLONE_SETTLS) != 0, tls);
        }
        return 0;
    }
    if (gp) {
        put_guest_u32(gp, (uint32_t)pid);
    }
    return pid;
}

int64_t sys_fork(CPUState *cpu, const uint32_t *args)
{
    return sys_do_fork(cpu, SIGCHLD, 0, 0, 0, 0);
}

/* vfork(): the kernel's CLONE_VM | CLONE_VFORK | SIGCHLD; the child runs on our stack. */
int64_t sys_vfork(CPUState *cpu, const uint32_t *args)
{
    return sys_do_fork(cpu, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

/* clone(flags, newsp, parent_tid, tls, child_tid): the CLONE_BACKWARDS order of ARM. */
int64_t sys_clone(CPUState *cpu, const uint32_t *args)
{
    uint32_t flags = args[0];
    if (flags & CLONE_THREAD) {
        return thread_clone(cpu, flags, args[1], args[2], args[3], args[4]);
    }
    bool vm_vfork = (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
    uint32_t extra = flags & ~(uint32_t)SYS_CLONE_FORK_FLAGS;
    if (vm_vfork) {
        extra &= ~(uint32_t)CLONE_VM;
    }
    if (extra) {
        if (xemu_log_enabled(LOG_UNIMP)) {
            xemu_log("Unsupported clone flags 0x%x (threads are not supported yet)\n", extra);
        }
        return SYS_ERR((flags & CLONE_VM) ? ENOSYS : EINVAL);
    }
    return sys_do_fork(cpu, flags, args[1], args[2], args[3], args[4]);
}

/* wait4(pid, int *status, options, struct rusage *) */
int64_t sys_wait4(CPUState *cpu, const uint32_t *args)
{
    int status;
    struct rusage ru;
    uint8_t *gs = NULL, *gr = NULL;
    if (args[1] && !(gs = sys_guest_ptr(args[1], 4, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    if (args[3] && !(gr = sys_guest_ptr(args[3], 72, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    pid_t r = wait4((pid_t)args[0], &status, (int)args[2], gr ? &ru : NULL);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    if (r > 0 && gs) {
        /* Signal numbers inside the status word. */
        if (WIFSIGNALED(status)) {
            status = (status & ~0x7f) | sys_host_to_guest_signal(WTERMSIG(status));
        } else if (WIFSTOPPED(status)) {
            status = (status & ~0xff00) | (sys_host_to_guest_signal(WSTOPSIG(status)) << 8);
        }
        put_guest_u32(gs, (uint32_t)status);
    }
    if (r > 0 && gr) {
        sys_put_rusage(gr, &ru);
    }
    return r;
}

/*
 * waitid(idtype, id, siginfo_t *infop, options, struct rusage *ru). The kernel writes
 * si_signo, si_errno, si_code, si_pid, si_uid and si_status (all zero when WNOHANG
 * found nothing); the 32-bit guest siginfo has si_code and si_errno swapped on MIPS.
 */
int64_t sys_waitid(CPUState *cpu, const uint32_t *args)
{
    siginfo_t si;
    struct rusage ru;
    uint8_t *gi = NULL, *gr = NULL;
    if (args[2] && !(gi = sys_guest_ptr(args[2], 128, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    if (args[4] && !(gr = sys_guest_ptr(args[4], 72, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    memset(&si, 0, sizeof si);
    long r = syscall(SYS_waitid, (int)args[0], (id_t)args[1], &si, (int)args[3],
                     gr ? &ru : NULL);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    if (gi) {
        bool mips = cpu && cpu->arch && cpu->arch->elf_machine == 8;
        int status = si.si_status;
        if (si.si_signo && si.si_code != CLD_EXITED) {
            status = sys_host_to_guest_signal(status);
        }
        uint32_t signo = si.si_signo ? (uint32_t)sys_host_to_guest_signal(si.si_signo) : 0;
        put_guest_u32(gi, signo);
        put_guest_u32(gi + (mips ? 8 : 4), 0);
        put_guest_u32(gi + (mips ? 4 : 8), (uint32_t)si.si_code);
        put_guest_u32(gi + 12, (uint32_t)si.si_pid);
        put_guest_u32(gi + 16, (uint32_t)si.si_uid);
        put_guest_u32(gi + 20, (uint32_t)status);
    }
    if (gr) {
        sys_put_rusage(gr, &ru);
    }
    return 0;
}
