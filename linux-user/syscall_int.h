/*
 * Private interface of the syscall layer (linux-user/syscall*.c, strace.c and the
 * per-arch linux-user/<arch>/syscall_<arch>.c). Not for other modules: they use
 * syscall.h.
 *
 * Handlers are generic and work in host errno space: each returns a value >= 0 on
 * success (the guest register value, zero-extended from 32 bits) or -host_errno;
 * do_syscall maps the errno to the guest's numbering. Everything a guest ABI does
 * differently (syscall numbers, flag bits, struct layouts, ioctl and fcntl numbers) is
 * described by one SysAbi, defined by the arch file as sys_target_abi.
 */
#ifndef XEMU_SYSCALL_INT_H
#define XEMU_SYSCALL_INT_H

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <time.h>

#include "linux-user/syscall.h"

typedef int64_t (*SysHandler)(CPUState *cpu, const uint32_t *args);

/* ---- Flag-bit translation ---------------------------------------------------------- */

/*
 * One row of a flag translation table: guest value (guest & guest_mask) == guest_bits
 * becomes host bits host_bits (under host_mask), and back. Tables end with a zero row.
 */
typedef struct SysBitmap {
    uint32_t guest_mask, guest_bits;
    uint32_t host_mask, host_bits;
} SysBitmap;

uint32_t sys_flags_to_host(const SysBitmap *tbl, uint32_t guest);
uint32_t sys_flags_to_guest(const SysBitmap *tbl, uint32_t host);

/* ---- Host-side structs that the kernel defines differently from glibc ---------------- */

/* x86_64 kernel struct termios (asm-generic termbits, NCCS 19). */
typedef struct SysKTermios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
} SysKTermios;

/* Generic ioctl argument kinds the syscall layer knows how to convert. */
typedef enum SysIoctlKind {
    SYS_IOC_NONE,      /* no argument / integer argument passed by value */
    SYS_IOC_INT_OUT,   /* int * written by the host */
    SYS_IOC_INT_IN,    /* int * read by the host */
    SYS_IOC_TERMIOS_OUT,
    SYS_IOC_TERMIOS_IN,
    SYS_IOC_WINSIZE_OUT,
    SYS_IOC_WINSIZE_IN,
} SysIoctlKind;

typedef struct SysIoctl {
    uint32_t guest_req;
    unsigned long host_req;
    SysIoctlKind kind;
    const char *name;
} SysIoctl;

/* fcntl commands after arch translation. */
typedef enum SysFcntlKind {
    SYS_FCNTL_UNKNOWN,
    SYS_FCNTL_INT,      /* integer argument, integer result */
    SYS_FCNTL_GETFL,    /* result is open flags: translate to guest */
    SYS_FCNTL_SETFL,    /* argument is open flags: translate to host */
    SYS_FCNTL_FLOCK,    /* 32-bit struct flock */
    SYS_FCNTL_FLOCK64,  /* struct flock64 */
    SYS_FCNTL_OWNER_EX, /* struct f_owner_ex (two ints) */
} SysFcntlKind;

/* ---- Guest ABI description ------------------------------------------------------- */

/* A guest number and the host number it stands for (socket option names...). */
typedef struct SysNumPair {
    uint32_t guest, host;
} SysNumPair;

struct SysEntry;

typedef struct SysAbi {
    const char *name;
    int32_t nr_base;               /* guest number of table entry 0 (MIPS o32: 4000) */
    uint32_t nr_count;
    const char *const *nr_names;   /* kernel name per number, NULL for holes */

    int (*errno_to_guest)(int host_errno);   /* NULL: Linux generic numbering */
    int (*signal_to_host)(int guest_sig);    /* NULL: generic numbering */
    int (*signal_to_guest)(int host_sig);

    const SysBitmap *open_flags;
    const SysBitmap *mmap_flags;

    uint32_t stat_size, stat64_size, statfs_size, statfs64_size, flock_size, flock64_size;
    uint32_t statfs64_alt_size; /* also accepted by statfs64 (ARM: glibc passes 88), or 0 */
    /* Returns -EOVERFLOW if a value does not fit the guest struct, else 0. */
    int (*put_stat)(void *g, const struct stat *st);
    void (*put_stat64)(void *g, const struct stat *st);
    int (*put_statfs)(void *g, const struct statfs *st);
    void (*put_statfs64)(void *g, const struct statfs *st);
    void (*get_flock)(struct flock *h, const void *g);
    int (*put_flock)(void *g, const struct flock *h);
    void (*get_flock64)(struct flock *h, const void *g);
    void (*put_flock64)(void *g, const struct flock *h);

    /* Translates a guest fcntl command; stores the host command. */
    SysFcntlKind (*fcntl_cmd)(int guest_cmd, bool fcntl64, int *host_cmd);

    uint32_t termios_size;
    void (*get_termios)(SysKTermios *h, const void *g);
    void (*put_termios)(void *g, const SysKTermios *h);
    const SysIoctl *ioctls; /* ends with guest_req == 0 */

    /* rt_sigaction struct and the old sigaction struct. */
    uint32_t sigaction_size;
    void (*get_sigaction)(GuestSigaction *sa, const void *g);
    void (*put_sigaction)(void *g, const GuestSigaction *sa);
    uint32_t old_sigaction_size; /* 0 if the ABI has no old sigaction */
    void (*get_old_sigaction)(GuestSigaction *sa, const void *g);
    void (*put_old_sigaction)(void *g, const GuestSigaction *sa);

    uint32_t sigset_size;       /* rt_sig* sigsetsize: 8 on ARM, 16 on MIPS */
    int sigmask_how_base;       /* SIG_BLOCK value; UNBLOCK and SETMASK follow */
    /* stack_t: ss_sp at 0, then flags and size at arch-specific offsets. */
    uint8_t altstack_flags_off, altstack_size_off;
    uint32_t minsigstksz;

    int (*rlimit_to_host)(int guest_resource); /* NULL: generic numbering */

    /* In a clone child (process or thread): result 0 in the syscall result registers,
     * newsp (if non-zero) as the stack pointer, and the TLS. */
    void (*clone_child_setup)(CPUState *cpu, uint32_t newsp, bool set_tls, uint32_t tls);

    /*
     * Sockets and event fds (syscall_net.c, syscall_event.c). nonblock_flag/cloexec_flag
     * are the guest O_NONBLOCK/O_CLOEXEC bits, which the kernel also uses as SOCK_*,
     * EFD_*, TFD_*, IN_*, SFD_* and EPOLL_CLOEXEC. MIPS swaps SOCK_STREAM and SOCK_DGRAM
     * and has its own SOL_SOCKET and SO_* numbers (asm/socket.h).
     */
    uint32_t nonblock_flag, cloexec_flag;
    uint32_t sock_stream, sock_dgram;
    uint32_t sol_socket;
    const SysNumPair *so_names; /* guest -> host SO_*, ends with {0, 0}; NULL: identity */

    /*
     * Arch-specific handlers by kernel name (MIPS: pipe with its two-register result,
     * set_thread_area, cacheflush, sysmips...). Looked up before the generic table, so
     * they also override a generic handler of the same name. NULL/0: none.
     */
    const struct SysEntry *arch_entries;
    uint32_t arch_entries_count;
} SysAbi;

/* Defined by the guest's linux-user/<arch>/syscall_<arch>.c. */
extern const SysAbi sys_target_abi;

/* The ABI in use (sys_target_abi; a test may point it elsewhere). */
extern const SysAbi *sys_abi;

/*
 * MIPS o32, whose numbers start at 4000. Besides the SysAbi tables, some layouts follow
 * it: siginfo has si_code before si_errno, the sigsuspend/sigpending forms, ipc64_perm.
 */
static inline bool sys_abi_is_o32(void)
{
    return sys_abi->nr_base == 4000;
}

/* ---- Guest memory ---------------------------------------------------------------- */

/*
 * Host pointer to guest [addr, addr+len) if all of it has `prot` (PAGE_READ or
 * PAGE_WRITE), else NULL. len 0 is ok. With PAGE_WRITE, translated code in the range
 * is invalidated first (the host kernel is about to write there).
 */
void *sys_guest_ptr(uint32_t addr, uint32_t len, int prot);
/*
 * How many bytes from addr (at most len) are accessible with `prot`: a buffer that runs
 * off the end of guest memory is used up to there, as the kernel would copy up to the
 * fault. 0 means nothing (-EFAULT if len > 0).
 */
uint32_t sys_guest_span(uint32_t addr, uint32_t len, int prot);
/* Host pointer to a NUL-terminated readable guest string, else NULL. */
const char *sys_guest_str(uint32_t addr);
/* Path for a guest path argument: applies the -L prefix; NULL if unreadable. */
const char *sys_guest_path(uint32_t addr, char *buf, size_t bufsize);

/* 64-bit argument from a register pair (ARM EABI and MIPS o32: args[i], args[i+1]). */
static inline uint64_t sys_arg64(const uint32_t *args, int i)
{
    if (sys_guest_big_endian) {
        return ((uint64_t)args[i] << 32) | args[i + 1];
    }
    return ((uint64_t)args[i + 1] << 32) | args[i];
}

#define SYS_ERR(e) (-(int64_t)(e))
/* -errno of the last host call if r < 0, else r. */
#define SYS_RET(r) ({ __typeof__(r) sys_r_ = (r); sys_r_ < 0 ? SYS_ERR(errno) : (int64_t)sys_r_; })

/* Guest AT_FDCWD is -100 everywhere. */
static inline int sys_dirfd(uint32_t arg) { return (int32_t)arg; }

/* ---- Directory cookies (syscall_dir.c) ------------------------------------------- */

/*
 * Per directory fd, host getdents64 d_off values (64-bit hashes on ext4) are replaced
 * by small cookies 1, 2, 3... in the order first seen; cookie 0 is the start. lseek on
 * the fd translates cookies back. This keeps 32-bit (non-LFS) guest readdir, telldir
 * and seekdir working.
 */
typedef struct SysDirCookies SysDirCookies;
SysDirCookies *sys_dircookies_new(void);
void sys_dircookies_free(SysDirCookies *dc);
uint32_t sys_dircookie_for(SysDirCookies *dc, int64_t host_off); /* adds if new */
/* Host offset for a cookie; false if the cookie was never handed out. */
bool sys_dircookie_lookup(SysDirCookies *dc, uint32_t cookie, int64_t *host_off);

/* Drop directory state of fd (close, dup2 over it). */
void sys_dir_forget_fd(int fd);
/* lseek on a directory with cookies; returns false if fd has no cookie state. */
bool sys_dir_lseek(int fd, int64_t off, int whence, int64_t *result);

/* ---- The guest's /proc (proc.c) --------------------------------------------------- */

/* Keeps a copy of the guest auxv (from image_info) for /proc/self/auxv; idempotent. */
void sys_proc_save_auxv(void);
/* If path is a /proc file xemu generates, opens it read-only: true, the fd or -errno in *ret. */
bool sys_proc_open(const char *path, int host_flags, int64_t *ret);
/* The host path to use for a guest path: /proc/self/exe (and the like) -> the guest program. */
const char *sys_proc_fix_path(const char *path);
/* readlink of a link xemu answers (exe, fds of emulated files): true, the length in *ret. */
bool sys_proc_readlink(const char *path, char *buf, size_t size, int64_t *ret);
/* The calling thread's name as the guest sees it (its program's, until it sets one). */
void sys_proc_comm(char name[16]);

/* ---- strace (strace.c) ----------------------------------------------------------- */

typedef struct SysEntry {
    const char *name;
    SysHandler handler;
    const char *fmt; /* argument formats, see strace.c; NULL: print raw hex */
} SysEntry;

void sys_strace_print(CPUState *cpu, int32_t num, const SysEntry *e, const uint32_t *args,
                      int64_t ret, bool returns);

/* ---- Handlers ----------------------------------------------------------------- */

#define SYS_DECL(name) int64_t sys_##name(CPUState *cpu, const uint32_t *args);

/* syscall_file.c */
SYS_DECL(read) SYS_DECL(write) SYS_DECL(readv) SYS_DECL(writev) SYS_DECL(pread64)
SYS_DECL(pwrite64) SYS_DECL(preadv) SYS_DECL(pwritev) SYS_DECL(preadv2) SYS_DECL(pwritev2)
SYS_DECL(open) SYS_DECL(openat) SYS_DECL(creat) SYS_DECL(close) SYS_DECL(lseek)
SYS_DECL(_llseek) SYS_DECL(access) SYS_DECL(faccessat) SYS_DECL(faccessat2)
SYS_DECL(stat) SYS_DECL(lstat) SYS_DECL(fstat) SYS_DECL(stat64) SYS_DECL(lstat64)
SYS_DECL(fstat64) SYS_DECL(fstatat64) SYS_DECL(statx) SYS_DECL(statfs) SYS_DECL(fstatfs)
SYS_DECL(statfs64) SYS_DECL(fstatfs64) SYS_DECL(readlink) SYS_DECL(readlinkat)
SYS_DECL(dup) SYS_DECL(dup2) SYS_DECL(dup3) SYS_DECL(pipe) SYS_DECL(pipe2)
SYS_DECL(mkdir) SYS_DECL(mkdirat) SYS_DECL(rmdir) SYS_DECL(unlink) SYS_DECL(unlinkat)
SYS_DECL(rename) SYS_DECL(renameat) SYS_DECL(renameat2) SYS_DECL(link) SYS_DECL(linkat)
SYS_DECL(symlink) SYS_DECL(symlinkat) SYS_DECL(chmod) SYS_DECL(fchmod) SYS_DECL(fchmodat)
SYS_DECL(fchmodat2) SYS_DECL(chown32) SYS_DECL(lchown32) SYS_DECL(fchown32)
SYS_DECL(fchownat) SYS_DECL(umask) SYS_DECL(chdir) SYS_DECL(fchdir) SYS_DECL(getcwd)
SYS_DECL(truncate64) SYS_DECL(ftruncate64) SYS_DECL(truncate) SYS_DECL(ftruncate)
SYS_DECL(fsync) SYS_DECL(fdatasync) SYS_DECL(sync) SYS_DECL(syncfs)
SYS_DECL(utimensat) SYS_DECL(utimensat_time64) SYS_DECL(mknod) SYS_DECL(mknodat)
SYS_DECL(arm_fadvise64_64) SYS_DECL(fallocate) SYS_DECL(sendfile64) SYS_DECL(flock)
SYS_DECL(close_range) SYS_DECL(poll) SYS_DECL(ppoll) SYS_DECL(ppoll_time64)
SYS_DECL(memfd_create) SYS_DECL(_newselect) SYS_DECL(pselect6) SYS_DECL(pselect6_time64)

/* syscall_dir.c */
SYS_DECL(getdents) SYS_DECL(getdents64)

/* syscall_ioctl.c */
SYS_DECL(ioctl) SYS_DECL(fcntl) SYS_DECL(fcntl64)

/* syscall_mem.c */
SYS_DECL(brk) SYS_DECL(mmap2) SYS_DECL(mmap) SYS_DECL(munmap) SYS_DECL(mprotect)
SYS_DECL(mremap) SYS_DECL(madvise) SYS_DECL(msync) SYS_DECL(mlock) SYS_DECL(munlock)
SYS_DECL(mlockall) SYS_DECL(munlockall) SYS_DECL(mincore)

/* syscall_proc.c */
SYS_DECL(exit) SYS_DECL(exit_group) SYS_DECL(uname) SYS_DECL(getpid) SYS_DECL(getppid)
SYS_DECL(gettid) SYS_DECL(getuid32) SYS_DECL(geteuid32) SYS_DECL(getgid32)
SYS_DECL(getegid32) SYS_DECL(getresuid32) SYS_DECL(getresgid32) SYS_DECL(getgroups32)
SYS_DECL(setgroups32) SYS_DECL(setuid32) SYS_DECL(setgid32) SYS_DECL(setreuid32)
SYS_DECL(setregid32) SYS_DECL(setresuid32) SYS_DECL(setresgid32) SYS_DECL(setfsuid32)
SYS_DECL(setfsgid32) SYS_DECL(setsid) SYS_DECL(getpgid) SYS_DECL(setpgid)
SYS_DECL(getpgrp) SYS_DECL(getsid) SYS_DECL(clock_gettime) SYS_DECL(clock_gettime64)
SYS_DECL(clock_getres) SYS_DECL(clock_getres_time64) SYS_DECL(gettimeofday)
SYS_DECL(nanosleep) SYS_DECL(clock_nanosleep) SYS_DECL(clock_nanosleep_time64)
SYS_DECL(getrandom) SYS_DECL(set_tid_address) SYS_DECL(set_robust_list)
SYS_DECL(get_robust_list) SYS_DECL(rseq) SYS_DECL(prlimit64) SYS_DECL(ugetrlimit)
SYS_DECL(setrlimit) SYS_DECL(getrusage) SYS_DECL(sysinfo) SYS_DECL(times)
SYS_DECL(sched_yield) SYS_DECL(sched_getaffinity) SYS_DECL(sched_setaffinity)
SYS_DECL(getcpu) SYS_DECL(kill) SYS_DECL(tgkill) SYS_DECL(tkill) SYS_DECL(getpriority)
SYS_DECL(setpriority) SYS_DECL(prctl) SYS_DECL(personality) SYS_DECL(futex)
SYS_DECL(futex_time64) SYS_DECL(wait4) SYS_DECL(fork) SYS_DECL(vfork) SYS_DECL(clone)
SYS_DECL(alarm) SYS_DECL(pause)

/* syscall_exec.c */
SYS_DECL(execve) SYS_DECL(execveat)

/* syscall_proc.c (more) */
SYS_DECL(waitid)

/* syscall_misc.c */
SYS_DECL(sched_setparam) SYS_DECL(sched_getparam) SYS_DECL(sched_setscheduler)
SYS_DECL(sched_getscheduler) SYS_DECL(sched_get_priority_max)
SYS_DECL(sched_get_priority_min) SYS_DECL(sched_rr_get_interval)
SYS_DECL(sched_rr_get_interval_time64) SYS_DECL(capget) SYS_DECL(capset)
SYS_DECL(ioprio_get) SYS_DECL(ioprio_set) SYS_DECL(unshare) SYS_DECL(setns)
SYS_DECL(vhangup) SYS_DECL(membarrier) SYS_DECL(nice) SYS_DECL(arm_sync_file_range)
SYS_DECL(readahead) SYS_DECL(name_to_handle_at) SYS_DECL(open_by_handle_at)
SYS_DECL(syslog) SYS_DECL(acct) SYS_DECL(mount) SYS_DECL(umount2) SYS_DECL(pivot_root)
SYS_DECL(chroot) SYS_DECL(sethostname) SYS_DECL(setdomainname) SYS_DECL(getuid)
SYS_DECL(geteuid) SYS_DECL(getgid) SYS_DECL(getegid) SYS_DECL(setuid) SYS_DECL(setgid)
SYS_DECL(setreuid) SYS_DECL(setregid) SYS_DECL(setresuid) SYS_DECL(setresgid)
SYS_DECL(getresuid) SYS_DECL(getresgid) SYS_DECL(chown) SYS_DECL(lchown)
SYS_DECL(fchown) SYS_DECL(setfsuid) SYS_DECL(setfsgid) SYS_DECL(getgroups)
SYS_DECL(setgroups)

/* syscall_signal.c */
SYS_DECL(rt_sigaction) SYS_DECL(sigaction) SYS_DECL(rt_sigprocmask)
SYS_DECL(sigprocmask) SYS_DECL(sigaltstack) SYS_DECL(rt_sigpending)
/*
 * ppoll, pselect6, epoll_pwait: the guest sigmask at addr (size must be the guest's
 * sigset size) is in force until sys_temp_sigmask_end(cpu, what begin returned).
 * Returns 1 (applied), 0 (no mask) or -errno.
 */
int sys_temp_sigmask_begin(CPUState *cpu, uint32_t addr, uint32_t size);
void sys_temp_sigmask_end(CPUState *cpu, int applied);

SYS_DECL(setitimer) SYS_DECL(getitimer) SYS_DECL(timer_create) SYS_DECL(timer_settime)
SYS_DECL(timer_settime64) SYS_DECL(timer_gettime) SYS_DECL(timer_gettime64)
SYS_DECL(timer_getoverrun) SYS_DECL(timer_delete)
SYS_DECL(sigreturn) SYS_DECL(rt_sigreturn) SYS_DECL(sigpending) SYS_DECL(rt_sigsuspend)
SYS_DECL(sigsuspend) SYS_DECL(rt_sigtimedwait) SYS_DECL(rt_sigtimedwait_time64)
SYS_DECL(rt_sigqueueinfo) SYS_DECL(rt_tgsigqueueinfo)

/* syscall_net.c */
SYS_DECL(socket) SYS_DECL(socketpair) SYS_DECL(bind) SYS_DECL(listen) SYS_DECL(accept)
SYS_DECL(accept4) SYS_DECL(connect) SYS_DECL(getsockname) SYS_DECL(getpeername)
SYS_DECL(send) SYS_DECL(sendto) SYS_DECL(recv) SYS_DECL(recvfrom) SYS_DECL(sendmsg)
SYS_DECL(recvmsg) SYS_DECL(sendmmsg) SYS_DECL(recvmmsg) SYS_DECL(recvmmsg_time64)
SYS_DECL(shutdown) SYS_DECL(setsockopt) SYS_DECL(getsockopt) SYS_DECL(socketcall)

/* syscall_event.c */
SYS_DECL(epoll_create) SYS_DECL(epoll_create1) SYS_DECL(epoll_ctl) SYS_DECL(epoll_wait)
SYS_DECL(epoll_pwait) SYS_DECL(epoll_pwait2) SYS_DECL(eventfd) SYS_DECL(eventfd2)
SYS_DECL(timerfd_create) SYS_DECL(timerfd_settime) SYS_DECL(timerfd_gettime)
SYS_DECL(timerfd_settime64) SYS_DECL(timerfd_gettime64) SYS_DECL(inotify_init)
SYS_DECL(inotify_init1) SYS_DECL(inotify_add_watch) SYS_DECL(inotify_rm_watch)
SYS_DECL(signalfd) SYS_DECL(signalfd4)

/* syscall_xattr.c */
SYS_DECL(setxattr) SYS_DECL(lsetxattr) SYS_DECL(fsetxattr) SYS_DECL(getxattr)
SYS_DECL(lgetxattr) SYS_DECL(fgetxattr) SYS_DECL(listxattr) SYS_DECL(llistxattr)
SYS_DECL(flistxattr) SYS_DECL(removexattr) SYS_DECL(lremovexattr) SYS_DECL(fremovexattr)

/* syscall_ipc.c */
SYS_DECL(shmget) SYS_DECL(shmat) SYS_DECL(shmdt) SYS_DECL(shmctl) SYS_DECL(semget)
SYS_DECL(semctl) SYS_DECL(semop) SYS_DECL(semtimedop) SYS_DECL(semtimedop_time64)
SYS_DECL(msgget) SYS_DECL(msgsnd) SYS_DECL(msgrcv) SYS_DECL(msgctl) SYS_DECL(ipc)
SYS_DECL(mq_open) SYS_DECL(mq_unlink) SYS_DECL(mq_timedsend) SYS_DECL(mq_timedsend_time64)
SYS_DECL(mq_timedreceive) SYS_DECL(mq_timedreceive_time64) SYS_DECL(mq_notify)
SYS_DECL(mq_getsetattr)

/* syscall_more.c */
SYS_DECL(splice) SYS_DECL(tee) SYS_DECL(vmsplice) SYS_DECL(copy_file_range)
SYS_DECL(sendfile) SYS_DECL(utimes) SYS_DECL(futimesat) SYS_DECL(utime) SYS_DECL(umount)
SYS_DECL(pidfd_open) SYS_DECL(pidfd_getfd) SYS_DECL(pidfd_send_signal)
SYS_DECL(process_vm_readv) SYS_DECL(process_vm_writev) SYS_DECL(kcmp) SYS_DECL(mlock2)
SYS_DECL(fanotify_init) SYS_DECL(fanotify_mark) SYS_DECL(openat2)
SYS_DECL(sched_setattr) SYS_DECL(sched_getattr)

#undef SYS_DECL

/* Shared helpers. */
int64_t sys_do_exit_group(int status) __attribute__((noreturn));
/* Host timespec from a 32-bit (time64 = false) or 64-bit guest timespec. */
int sys_get_timespec(struct timespec *ts, uint32_t addr, bool time64);
int sys_put_timespec(uint32_t addr, const struct timespec *ts, bool time64);
/* Guest itimerspec (interval, then value) in 32-bit or 64-bit timespecs; -errno. */
int sys_get_itimerspec(struct itimerspec *its, uint32_t addr, bool time64);
int sys_put_itimerspec(uint32_t addr, const struct itimerspec *its, bool time64);

/*
 * Per-fd data translation (syscall_event.c) for fds whose read()/write() data are kernel
 * structs the guest sees differently: eventfd and timerfd counters (u64, guest byte
 * order), inotify_event headers, signalfd_siginfo (byte order, signal numbers). Fds are
 * registered only where the guest's view differs, so these are one atomic load otherwise.
 *  - sys_fd_fix_read: after read() returned len > 0 bytes at buf (host pointer), converts
 *    them in place; sys_fd_fix_readv: the same for a readv() result;
 *  - sys_fd_write_hook: before write(): true if it handled the write (result in *ret);
 *  - sys_fd_forget: the fd was closed or replaced (close, dup2/dup3 onto it).
 */
struct iovec;
void sys_fd_fix_read(int fd, void *buf, size_t len);
void sys_fd_fix_readv(int fd, const struct iovec *iov, int cnt, size_t len);
bool sys_fd_write_hook(int fd, const void *buf, size_t len, int64_t *ret);
void sys_fd_forget(int fd);

#endif
