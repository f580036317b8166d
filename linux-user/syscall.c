/*
 * Syscall dispatch. The guest ABI (sys_target_abi from linux-user/<arch>/) names every
 * guest syscall number; this file owns the table of generic handlers keyed by those
 * kernel names, builds the number -> handler array once, and runs each guest syscall:
 * handler, strace line, host -> guest errno. It also holds the guest-memory helpers the
 * handlers share (buffer checks, strings, -L path redirection) and flag translation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/signal.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

bool sys_guest_big_endian;
const SysAbi *sys_abi = &sys_target_abi;
__thread SysThreadState sys_thread;
SysSignalHooks sys_signal_hooks;

/*
 * Handlers by kernel name. Format strings are read by strace.c: the first character
 * is the return kind ('d' decimal, 'x' hex, 'o' octal, '!' never returns), the rest one
 * character per argument.
 */
#define E(name, fmt) { #name, sys_##name, fmt }
#define A(name, handler, fmt) { #name, sys_##handler, fmt }
static const SysEntry sys_entries[] = {
    E(read, "dfbu"), E(write, "dfBu"), E(readv, "dfpd"), E(writev, "dfpd"),
    E(pread64, "dfbu_L"), E(pwrite64, "dfBu_L"), E(preadv, "dfpdL"), E(pwritev, "dfpdL"),
    E(preadv2, "dfpdLx"), E(pwritev2, "dfpdLx"),
    E(open, "dsom"), E(openat, "dfsom"), E(creat, "dsm"), E(close, "df"),
    E(lseek, "dfdw"), E(_llseek, "dfxxpw"),
    E(access, "dsa"), E(faccessat, "dfsa"), E(faccessat2, "dfsaA"),
    E(stat, "dsp"), E(lstat, "dsp"), E(fstat, "dfp"),
    E(stat64, "dsp"), E(lstat64, "dsp"), E(fstat64, "dfp"), E(fstatat64, "dfspA"),
    E(statx, "dfsAxp"), E(statfs, "dsp"), E(fstatfs, "dfp"), E(statfs64, "dsup"),
    E(fstatfs64, "dfup"), E(readlink, "dsbu"), E(readlinkat, "dfsbu"),
    E(dup, "df"), E(dup2, "dff"), E(dup3, "dffo"), E(pipe, "dp"), E(pipe2, "dpo"),
    E(mkdir, "dsm"), E(mkdirat, "dfsm"), E(rmdir, "ds"), E(unlink, "ds"),
    E(unlinkat, "dfsA"), E(rename, "dss"), E(renameat, "dfsfs"), E(renameat2, "dfsfsx"),
    E(link, "dss"), E(linkat, "dfsfsA"), E(symlink, "dss"), E(symlinkat, "dsfs"),
    E(chmod, "dsm"), E(fchmod, "dfm"), E(fchmodat, "dfsm"), E(fchmodat2, "dfsmA"),
    E(chown32, "dsdd"), E(lchown32, "dsdd"), E(fchown32, "dfdd"), E(fchownat, "dfsddA"),
    E(umask, "om"), E(chdir, "ds"), E(fchdir, "df"), E(getcwd, "dbu"),
    E(truncate64, "ds_L"), E(ftruncate64, "df_L"), E(truncate, "dsd"), E(ftruncate, "dfd"),
    E(fsync, "df"), E(fdatasync, "df"), E(sync, "d"), E(syncfs, "df"),
    E(utimensat, "dfspA"), E(utimensat_time64, "dfspA"),
    E(mknod, "dsmx"), E(mknodat, "dfsmx"), E(arm_fadvise64_64, "dfdLL"),
    E(fallocate, "dfdLL"), E(sendfile64, "dffpu"), E(flock, "dfd"),
    E(close_range, "dffx"), E(poll, "dpud"), E(ppoll, "dpuppu"), E(ppoll_time64, "dpuppu"),
    E(memfd_create, "dsx"), E(_newselect, "ddpppp"), E(pselect6, "ddppppp"),
    E(pselect6_time64, "ddppppp"),
    E(getdents, "dfpu"), E(getdents64, "dfpu"),
    E(ioctl, "dfix"), E(fcntl, "dfcx"), E(fcntl64, "dfcx"),
    E(brk, "xp"), E(mmap2, "xpuPMfx"), E(mmap, "dp"), E(munmap, "dpu"),
    E(mprotect, "dpuP"), E(mremap, "xpuuxp"), E(madvise, "dpud"), E(msync, "dpux"),
    E(mlock, "dpu"), E(munlock, "dpu"), E(mlockall, "dx"), E(munlockall, "d"),
    E(mincore, "dpup"),
    E(exit, "!d"), E(exit_group, "!d"), E(uname, "dp"),
    E(getpid, "d"), E(getppid, "d"), E(gettid, "d"),
    E(getuid32, "d"), E(geteuid32, "d"), E(getgid32, "d"), E(getegid32, "d"),
    E(getresuid32, "dppp"), E(getresgid32, "dppp"), E(getgroups32, "ddp"),
    E(setgroups32, "ddp"), E(setuid32, "dd"), E(setgid32, "dd"), E(setreuid32, "ddd"),
    E(setregid32, "ddd"), E(setresuid32, "dddd"), E(setresgid32, "dddd"),
    E(setfsuid32, "dd"), E(setfsgid32, "dd"),
    E(setsid, "d"), E(getpgid, "dd"), E(setpgid, "ddd"), E(getpgrp, "d"), E(getsid, "dd"),
    E(clock_gettime, "dCp"), E(clock_gettime64, "dCp"), E(clock_getres, "dCp"),
    E(clock_getres_time64, "dCp"), E(gettimeofday, "dpp"), E(nanosleep, "dpp"),
    E(clock_nanosleep, "dCxpp"), E(clock_nanosleep_time64, "dCxpp"),
    E(getrandom, "dpux"), E(set_tid_address, "dp"), E(set_robust_list, "dpu"),
    E(get_robust_list, "ddpp"), E(rseq, "dpuxx"), E(prlimit64, "dddpp"),
    E(ugetrlimit, "ddp"), E(setrlimit, "ddp"), E(getrusage, "ddp"), E(sysinfo, "dp"),
    E(times, "dp"), E(sched_yield, "d"), E(sched_getaffinity, "ddup"),
    E(sched_setaffinity, "ddup"), E(getcpu, "dppp"),
    E(kill, "ddS"), E(tgkill, "dddS"), E(tkill, "ddS"),
    E(getpriority, "ddd"), E(setpriority, "dddd"), E(prctl, "ddxxxx"),
    E(personality, "xx"), E(futex, "dpdxpxx"), E(futex_time64, "dpdxpxx"),
    E(wait4, "ddpxp"), E(fork, "d"), E(vfork, "d"), E(clone, "dxpppp"),
    E(setitimer, "dpp"), E(getitimer, "dp"), E(timer_create, "dpp"),
    E(timer_settime, "ddpp"), E(timer_settime64, "ddpp"), E(timer_gettime, "dp"),
    E(timer_gettime64, "dp"), E(timer_getoverrun, "d"), E(timer_delete, "d"),
    E(alarm, "du"), E(pause, "d"), E(execve, "!spp"),
    E(execveat, "!fsppA"), E(waitid, "dddpxp"),
    E(sched_setparam, "ddp"), E(sched_getparam, "ddp"), E(sched_setscheduler, "dddp"),
    E(sched_getscheduler, "dd"), E(sched_get_priority_max, "dd"),
    E(sched_get_priority_min, "dd"), E(sched_rr_get_interval, "ddp"),
    E(sched_rr_get_interval_time64, "ddp"), E(capget, "dpp"), E(capset, "dpp"),
    E(ioprio_get, "ddd"), E(ioprio_set, "dddx"), E(unshare, "dx"), E(setns, "dfx"),
    E(vhangup, "d"), E(membarrier, "dxxd"), E(nice, "dd"),
    E(arm_sync_file_range, "dfxLL"), E(readahead, "df_Lu"),
    E(name_to_handle_at, "dfsppA"), E(open_by_handle_at, "dfpo"),
    E(syslog, "ddpd"), E(acct, "ds"), E(mount, "dsssxp"), E(umount2, "dsx"),
    E(pivot_root, "dss"), E(chroot, "ds"), E(sethostname, "dBu"), E(setdomainname, "dBu"),
    E(getuid, "d"), E(geteuid, "d"), E(getgid, "d"), E(getegid, "d"), E(setuid, "dd"),
    E(setgid, "dd"), E(setreuid, "ddd"), E(setregid, "ddd"), E(setresuid, "dddd"),
    E(setresgid, "dddd"), E(getresuid, "dppp"), E(getresgid, "dppp"),
    E(chown, "dsdd"), E(lchown, "dsdd"), E(fchown, "dfdd"), E(setfsuid, "dd"),
    E(setfsgid, "dd"), E(getgroups, "ddp"), E(setgroups, "ddp"),
    E(rt_sigaction, "dSppu"), E(sigaction, "dSpp"), E(rt_sigprocmask, "ddppu"),
    E(sigprocmask, "ddpp"), E(sigaltstack, "dpp"), E(rt_sigpending, "dpu"),
    E(sigreturn, "d"), E(rt_sigreturn, "d"), E(sigpending, "dp"),
    E(rt_sigsuspend, "dpu"), E(sigsuspend, "dxxx"), E(rt_sigtimedwait, "dppu"),
    E(rt_sigtimedwait_time64, "dppu"), E(rt_sigqueueinfo, "ddSp"),
    E(rt_tgsigqueueinfo, "dddSp"),
    E(socket, "dddd"), E(socketpair, "ddddp"), E(bind, "dfpu"), E(listen, "dfd"),
    E(accept, "dfpp"), E(accept4, "dfppx"), E(connect, "dfpu"), E(getsockname, "dfpp"),
    E(getpeername, "dfpp"), E(send, "dfBux"), E(sendto, "dfBuxpu"), E(recv, "dfbux"),
    E(recvfrom, "dfbuxpp"), E(sendmsg, "dfpx"), E(recvmsg, "dfpx"), E(sendmmsg, "dfpux"),
    E(recvmmsg, "dfpuxp"), E(recvmmsg_time64, "dfpuxp"), E(shutdown, "dfd"),
    E(setsockopt, "dfddpu"), E(getsockopt, "dfddpp"), E(socketcall, "ddp"),
    E(epoll_create, "dd"), E(epoll_create1, "dx"), E(epoll_ctl, "dfdfp"),
    E(epoll_wait, "dfpdd"), E(epoll_pwait, "dfpddpu"), E(epoll_pwait2, "dfpdppu"),
    E(eventfd, "du"), E(eventfd2, "dux"), E(timerfd_create, "dCx"),
    E(timerfd_settime, "dfxpp"), E(timerfd_gettime, "dfp"), E(timerfd_settime64, "dfxpp"),
    E(timerfd_gettime64, "dfp"), E(inotify_init, "d"), E(inotify_init1, "dx"),
    E(inotify_add_watch, "dfsx"), E(inotify_rm_watch, "dfd"), E(signalfd, "dfpu"),
    E(signalfd4, "dfpux"),
    E(setxattr, "dssBux"), E(lsetxattr, "dssBux"), E(fsetxattr, "dfsBux"),
    E(getxattr, "dssbu"), E(lgetxattr, "dssbu"), E(fgetxattr, "dfsbu"),
    E(listxattr, "dsbu"), E(llistxattr, "dsbu"), E(flistxattr, "dfbu"),
    E(removexattr, "dss"), E(lremovexattr, "dss"), E(fremovexattr, "dfs"),
    E(shmget, "dxux"), E(shmat, "xdpx"), E(shmdt, "dp"), E(shmctl, "ddxp"),
    E(semget, "dxdx"), E(semctl, "dddxx"), E(semop, "ddpu"), E(semtimedop, "ddpup"),
    E(semtimedop_time64, "ddpup"), E(msgget, "dxx"), E(msgsnd, "ddpux"),
    E(msgrcv, "ddpudx"), E(msgctl, "ddxp"), E(ipc, "duxxxpx"),
    E(mq_open, "dsomp"), E(mq_unlink, "ds"), E(mq_timedsend, "dfpuup"),
    E(mq_timedsend_time64, "dfpuup"), E(mq_timedreceive, "dfbupp"),
    E(mq_timedreceive_time64, "dfbupp"), E(mq_notify, "dfp"), E(mq_getsetattr, "dfpp"),
    E(splice, "dfpfpux"), E(tee, "dffux"), E(vmsplice, "dfpux"),
    E(copy_file_range, "dfpfpux"), E(sendfile, "dffpu"), E(utimes, "dsp"),
    E(futimesat, "dfsp"), E(utime, "dsp"), E(umount, "ds"), E(pidfd_open, "ddx"),
    E(pidfd_getfd, "dffx"), E(pidfd_send_signal, "dfSpx"),
    E(process_vm_readv, "ddpupux"), E(process_vm_writev, "ddpupux"),
    E(kcmp, "dddxxx"), E(mlock2, "dpux"), E(fanotify_init, "dxo"),
    E(fanotify_mark, "dfxLfs"),
    E(openat2, "dfspu"), E(sched_setattr, "ddpx"), E(sched_getattr, "ddpux"),
};
#undef E
#undef A

/* Guest number - nr_base -> entry (NULL: no handler). */
static const SysEntry **sys_by_nr;

static void sys_build_table(void)
{
    GHashTable *by_name = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < G_N_ELEMENTS(sys_entries); i++) {
        g_hash_table_insert(by_name, (gpointer)sys_entries[i].name, (gpointer)&sys_entries[i]);
    }
    for (uint32_t i = 0; i < sys_abi->arch_entries_count; i++) {
        const SysEntry *e = &sys_abi->arch_entries[i];
        g_hash_table_insert(by_name, (gpointer)e->name, (gpointer)e);
    }
    sys_by_nr = g_new0(const SysEntry *, sys_abi->nr_count);
    for (uint32_t n = 0; n < sys_abi->nr_count; n++) {
        const char *name = sys_abi->nr_names[n];
        if (name) {
            sys_by_nr[n] = g_hash_table_lookup(by_name, name);
        }
    }
    g_hash_table_destroy(by_name);
}

static void sys_init(CPUState *cpu)
{
    static gsize done;
    if (g_once_init_enter(&done)) {
        if (cpu && cpu->arch) {
            sys_guest_big_endian = cpu->arch->big_endian;
        }
        sys_build_table();
        g_once_init_leave(&done, 1);
    }
}

const char *sys_syscall_name(int32_t num)
{
    int64_t i = (int64_t)num - sys_abi->nr_base;
    if (i < 0 || i >= sys_abi->nr_count) {
        return NULL;
    }
    return sys_abi->nr_names[i];
}

int sys_host_to_guest_errno(int host_errno)
{
    return sys_abi->errno_to_guest ? sys_abi->errno_to_guest(host_errno) : host_errno;
}

int sys_guest_to_host_signal(int guest_sig)
{
    return sys_abi->signal_to_host ? sys_abi->signal_to_host(guest_sig) : guest_sig;
}

int sys_host_to_guest_signal(int host_sig)
{
    return sys_abi->signal_to_guest ? sys_abi->signal_to_guest(host_sig) : host_sig;
}

/*
 * A call interrupted by a signal whose handler is about to run: the kernel restarts most
 * calls when the handler has SA_RESTART (ERESTARTSYS). Waits for signals and calls with
 * timeouts fail with EINTR whenever a handler runs (ERESTARTNOHAND, or never restarted).
 */
static int64_t sys_restart_kind(const char *name)
{
    static const char *const nohand[] = {
        "pause", "rt_sigsuspend", "sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64",
        "poll", "ppoll", "ppoll_time64", "select", "_newselect", "pselect6",
        "pselect6_time64", "epoll_wait", "epoll_pwait", "epoll_pwait2", "nanosleep",
        "clock_nanosleep", "clock_nanosleep_time64", "io_getevents", "io_pgetevents",
        "semtimedop", "semtimedop_time64", "msgrcv", "msgsnd", "semop",
    };
    for (size_t k = 0; k < G_N_ELEMENTS(nohand); k++) {
        if (!strcmp(name, nohand[k])) {
            return SYS_ERR(EINTR);
        }
    }
    return SYS_ERESTARTSYS;
}

int32_t do_syscall(CPUState *cpu, int32_t num, const uint32_t args[8])
{
    sys_init(cpu);
    int64_t i = (int64_t)num - sys_abi->nr_base;
    const SysEntry *e = (i >= 0 && i < sys_abi->nr_count) ? sys_by_nr[i] : NULL;
    bool strace = xemu_log_enabled(LOG_STRACE);
    int64_t ret;

    if (!e) {
        if (xemu_log_enabled(LOG_UNIMP)) {
            const char *name = sys_syscall_name(num);
            xemu_log("Unsupported syscall: %d (%s)\n", num, name ? name : "unknown");
        }
        ret = SYS_ERR(ENOSYS);
    } else if (cpu && signal_pending_unblocked(cpu)) {
        /* A signal came in on the way here: handle it first, then run the call. */
        return SYS_ERESTART_NOINTR;
    } else {
        if (strace && e->fmt && e->fmt[0] == '!') {
            sys_strace_print(cpu, num, e, args, 0, false);
        }
        ret = e->handler(cpu, args);
        if (ret == SYS_ERR(EINTR) && cpu && signal_pending_unblocked(cpu)) {
            ret = sys_restart_kind(e->name);
        }
    }
    if (strace) {
        sys_strace_print(cpu, num, e, args, ret, true);
    }
    if (ret == SYS_NO_RESULT || sys_is_restart((int32_t)ret)) {
        return (int32_t)ret;
    }
    if (ret < 0 && ret >= -4095) {
        return -sys_host_to_guest_errno((int)-ret);
    }
    return (int32_t)(uint32_t)ret;
}

/* ---- Flag translation ---------------------------------------------------------- */

uint32_t sys_flags_to_host(const SysBitmap *tbl, uint32_t guest)
{
    uint32_t host = 0;
    for (; tbl->guest_mask || tbl->host_mask; tbl++) {
        if ((guest & tbl->guest_mask) == tbl->guest_bits) {
            host |= tbl->host_bits;
        }
    }
    return host;
}

uint32_t sys_flags_to_guest(const SysBitmap *tbl, uint32_t host)
{
    uint32_t guest = 0;
    for (; tbl->guest_mask || tbl->host_mask; tbl++) {
        if ((host & tbl->host_mask) == tbl->host_bits) {
            guest |= tbl->guest_bits;
        }
    }
    return guest;
}

/* ---- Guest memory ---------------------------------------------------------------- */

/* Drops translations of code pages in [addr, addr+len) before a host write there. */
static void sys_prepare_write(uint32_t addr, uint32_t len)
{
    uint32_t end = addr + len - 1;
    for (uint32_t a = addr & GUEST_PAGE_MASK;; a += GUEST_PAGE_SIZE) {
        if (mmu_page_flags(a) & PAGE_CODE) {
            tb_invalidate_range(addr, len);
            return;
        }
        if (a >= (end & GUEST_PAGE_MASK)) {
            return;
        }
    }
}

void *sys_guest_ptr(uint32_t addr, uint32_t len, int prot)
{
    if (len == 0) {
        return g2h(addr);
    }
    if ((uint64_t)addr + len > (1ull << 32) || !mmu_access_ok(addr, len, prot)) {
        return NULL;
    }
    if (prot & PAGE_WRITE) {
        sys_prepare_write(addr, len);
    }
    return g2h(addr);
}

uint32_t sys_guest_span(uint32_t addr, uint32_t len, int prot)
{
    if (len == 0) {
        return 0;
    }
    if ((uint64_t)addr + len > (1ull << 32)) {
        len = (uint32_t)((1ull << 32) - addr);
    }
    if (!mmu_access_ok(addr, len, prot)) {
        /* Accessible prefix, page by page. */
        uint32_t ok = 0;
        while (ok < len) {
            uint32_t a = addr + ok;
            uint32_t chunk = GUEST_PAGE_SIZE - (a & (GUEST_PAGE_SIZE - 1));
            if (!mmu_access_ok(a, 1, prot)) {
                break;
            }
            ok += chunk < len - ok ? chunk : len - ok;
        }
        len = ok;
    }
    if (len && (prot & PAGE_WRITE)) {
        sys_prepare_write(addr, len);
    }
    return len;
}

const char *sys_guest_str(uint32_t addr)
{
    uint32_t a = addr;
    for (;;) {
        if (!mmu_access_ok(a, 1, PAGE_READ)) {
            return NULL;
        }
        uint32_t chunk = GUEST_PAGE_SIZE - (a & (GUEST_PAGE_SIZE - 1));
        if (memchr(g2h(a), 0, chunk)) {
            return g2h(addr);
        }
        if ((uint64_t)a + chunk >= (1ull << 32)) {
            return NULL;
        }
        a += chunk;
    }
}

/* Absolute paths that are never looked up under the -L prefix. */
static bool sys_path_is_host_only(const char *p)
{
    static const char *const host_dirs[] = { "/proc", "/dev", "/sys" };
    if (p[1] == 0) {
        return true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(host_dirs); i++) {
        size_t n = strlen(host_dirs[i]);
        if (!strncmp(p, host_dirs[i], n) && (p[n] == 0 || p[n] == '/')) {
            return true;
        }
    }
    return false;
}

const char *sys_guest_path(uint32_t addr, char *buf, size_t bufsize)
{
    const char *p = sys_guest_str(addr);
    if (!p || p[0] != '/' || !xemu_opts.ld_prefix || sys_path_is_host_only(p)) {
        return p;
    }
    struct stat st;
    int n = snprintf(buf, bufsize, "%s%s", xemu_opts.ld_prefix, p);
    if (n > 0 && (size_t)n < bufsize && lstat(buf, &st) == 0) {
        return buf;
    }
    return p;
}
