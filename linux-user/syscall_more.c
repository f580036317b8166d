/*
 * The remaining calls of the guest tables that need little conversion: pipe plumbing
 * (splice, tee, vmsplice, copy_file_range, the 32-bit sendfile), timestamps in the old
 * timeval/utimbuf forms (utimes, futimesat, MIPS utime), openat2, sched_setattr/getattr,
 * pidfds, process_vm_readv/writev, kcmp, mlock2, fanotify and MIPS's oldumount.
 *
 * Deliberately left without a handler, so -ENOSYS and a "-d unimp" line, with the reason:
 *  - lookup_dcookie, nfsservctl, vserver, uselib, _sysctl, bdflush, ustat, sysfs, the
 *    MIPS o32 placeholders (break, gtty, stty, ftime, prof, lock, mpx, profil, ulimit,
 *    idle, vm86, ioperm, iopl, modify_ldt, afs_syscall, getpmsg, putpmsg, create_module,
 *    get_kernel_syms, query_module, timerfd, reserved*, unused*): the kernel itself
 *    answers ENOSYS (sys_ni_syscall) or the call is obsolete;
 *  - memfd_secret, landlock_*, lsm_*, open_tree(_attr), move_mount, fsopen, fsconfig,
 *    fsmount, fspick, mount_setattr, listmount, statmount, *xattrat, map_shadow_stack,
 *    mseal, cachestat: new interfaces a kernel may lack; programs fall back;
 *  - set_mempolicy(_home_node), get_mempolicy, mbind, migrate_pages, move_pages: what a
 *    kernel without CONFIG_NUMA answers (node masks are arrays of guest longs);
 *  - io_setup & co., io_uring_*: shared rings hold host pointers and 64-bit structs;
 *  - bpf, perf_event_open, seccomp, ptrace, userfaultfd, kexec_*, *_module, keyctl,
 *    add_key, request_key, quotactl(_fd), swapon/off, reboot, pkey_*, process_madvise,
 *    process_mrelease, remap_file_pages: host-level or guest-code-level features that
 *    an emulator cannot honour faithfully;
 *  - MIPS syscall (4000, the indirect call): unused by glibc and musl.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/mman.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/signal.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

#define MORE_PATH_BUF (PATH_MAX * 2)
#define MORE_IOV_MAX 1024u /* UIO_MAXIOV */

/* ---- pipes and file-to-file copies ----------------------------------------------- */

/*
 * An optional loff_t * argument: *p NULL for a NULL guest pointer, else the value read
 * into *val and *p pointing at it. The guest copy is written back with more_put_off.
 */
static int more_get_off(uint32_t addr, int64_t *val, int64_t **p)
{
    *p = NULL;
    if (!addr) {
        return 0;
    }
    const uint8_t *g = sys_guest_ptr(addr, 8, PAGE_READ | PAGE_WRITE);
    if (!g) {
        return -EFAULT;
    }
    *val = (int64_t)get_guest_u64(g);
    *p = val;
    return 0;
}

static void more_put_off(uint32_t addr, const int64_t *p)
{
    if (p) {
        put_guest_u64(g2h(addr), (uint64_t)*p);
    }
}

/* splice(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags) */
int64_t sys_splice(CPUState *cpu, const uint32_t *args)
{
    int64_t in, out, *pin, *pout;
    if (more_get_off(args[1], &in, &pin) < 0 || more_get_off(args[3], &out, &pout) < 0) {
        return SYS_ERR(EFAULT);
    }
    ssize_t r = splice((int)args[0], (loff_t *)pin, (int)args[2], (loff_t *)pout, args[4],
                       args[5]);
    if (r >= 0) {
        more_put_off(args[1], pin);
        more_put_off(args[3], pout);
    }
    return SYS_RET(r);
}

/* tee(fd_in, fd_out, len, flags) */
int64_t sys_tee(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(tee((int)args[0], (int)args[1], args[2], args[3]));
}

/* copy_file_range(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags) */
int64_t sys_copy_file_range(CPUState *cpu, const uint32_t *args)
{
    int64_t in, out, *pin, *pout;
    if (more_get_off(args[1], &in, &pin) < 0 || more_get_off(args[3], &out, &pout) < 0) {
        return SYS_ERR(EFAULT);
    }
    long r = syscall(SYS_copy_file_range, (int)args[0], pin, (int)args[2], pout,
                     (size_t)args[4], (unsigned)args[5]);
    if (r >= 0) {
        more_put_off(args[1], pin);
        more_put_off(args[3], pout);
    }
    return SYS_RET(r);
}

/*
 * Host iovecs for a guest iovec array; readable (to_guest false) or writable buffers.
 * Returns the count or -errno; g_free(*out).
 */
static int more_get_iovec(uint32_t addr, uint32_t cnt, bool to_guest, struct iovec **out)
{
    *out = NULL;
    if (cnt > MORE_IOV_MAX) {
        return -EINVAL;
    }
    const uint8_t *g = sys_guest_ptr(addr, cnt * 8, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    struct iovec *iov = g_new0(struct iovec, cnt ? cnt : 1);
    for (uint32_t n = 0; n < cnt; n++) {
        uint32_t base = get_guest_u32(g + n * 8);
        uint32_t len = get_guest_u32(g + n * 8 + 4);
        if ((int32_t)len < 0) {
            g_free(iov);
            return -EINVAL;
        }
        if (!sys_guest_ptr(base, len, to_guest ? PAGE_WRITE : PAGE_READ)) {
            g_free(iov);
            return -EFAULT;
        }
        iov[n].iov_base = g2h(base);
        iov[n].iov_len = len;
    }
    *out = iov;
    return (int)cnt;
}

/*
 * vmsplice(fd, iov, nr_segs, flags): into a pipe's write end the guest buffers are read;
 * from a read end they are written.
 */
int64_t sys_vmsplice(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0];
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) {
        return SYS_ERR(errno);
    }
    bool to_guest = (fl & O_ACCMODE) == O_RDONLY;
    struct iovec *iov;
    int n = more_get_iovec(args[1], args[2], to_guest, &iov);
    if (n < 0) {
        return n;
    }
    /* The kernel would map guest pages into the pipe: a gift must not be kept here. */
    ssize_t r = vmsplice(fd, iov, (unsigned long)n, args[3] & ~SPLICE_F_GIFT);
    int64_t ret = SYS_RET(r);
    g_free(iov);
    return ret;
}

/* sendfile(out_fd, in_fd, off_t *offset, count): a 32-bit offset. */
int64_t sys_sendfile(CPUState *cpu, const uint32_t *args)
{
    off_t off = 0;
    uint8_t *g = NULL;
    if (args[2]) {
        if (!(g = sys_guest_ptr(args[2], 4, PAGE_READ | PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        off = (int32_t)get_guest_u32(g);
        if (off < 0) {
            return SYS_ERR(EINVAL);
        }
    }
    /* The transfer may not move the offset past what a 32-bit off_t holds. */
    size_t count = args[3];
    if (g && (uint64_t)off + count > INT32_MAX) {
        count = INT32_MAX - (size_t)off;
        if (count == 0 && args[3]) {
            return SYS_ERR(EOVERFLOW);
        }
    }
    ssize_t r = sendfile((int)args[0], (int)args[1], g ? &off : NULL, count);
    if (r >= 0 && g) {
        put_guest_u32(g, (uint32_t)off);
    }
    return SYS_RET(r);
}

/* ---- old timestamp forms ----------------------------------------------------------- */

/* Two 32-bit struct timevals -> timespecs; NULL guest pointer: now. */
static int more_get_timevals(uint32_t addr, struct timespec ts[2], struct timespec **out)
{
    *out = NULL;
    if (!addr) {
        return 0;
    }
    const uint8_t *g = sys_guest_ptr(addr, 16, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    for (int i = 0; i < 2; i++) {
        int32_t usec = (int32_t)get_guest_u32(g + i * 8 + 4);
        if (usec < 0 || usec >= 1000000) {
            return -EINVAL;
        }
        ts[i].tv_sec = (int32_t)get_guest_u32(g + i * 8);
        ts[i].tv_nsec = (long)usec * 1000;
    }
    *out = ts;
    return 0;
}

static int64_t more_futimesat(int dirfd, uint32_t path, uint32_t times)
{
    char buf[MORE_PATH_BUF];
    const char *p = sys_guest_path(path, buf, sizeof buf);
    if (!p) {
        return SYS_ERR(EFAULT);
    }
    struct timespec ts[2], *tp;
    int e = more_get_timevals(times, ts, &tp);
    if (e < 0) {
        return e;
    }
    return SYS_RET(utimensat(dirfd, p, tp, 0));
}

/* utimes(path, const struct timeval times[2]) */
int64_t sys_utimes(CPUState *cpu, const uint32_t *args)
{
    return more_futimesat(AT_FDCWD, args[0], args[1]);
}

/* futimesat(dirfd, path, const struct timeval times[2]) */
int64_t sys_futimesat(CPUState *cpu, const uint32_t *args)
{
    return more_futimesat(sys_dirfd(args[0]), args[1], args[2]);
}

/* utime(path, const struct utimbuf *): two 32-bit times in seconds (MIPS o32). */
int64_t sys_utime(CPUState *cpu, const uint32_t *args)
{
    char buf[MORE_PATH_BUF];
    const char *p = sys_guest_path(args[0], buf, sizeof buf);
    if (!p) {
        return SYS_ERR(EFAULT);
    }
    struct timespec ts[2], *tp = NULL;
    if (args[1]) {
        const uint8_t *g = sys_guest_ptr(args[1], 8, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        for (int i = 0; i < 2; i++) {
            ts[i].tv_sec = (int32_t)get_guest_u32(g + i * 4);
            ts[i].tv_nsec = 0;
        }
        tp = ts;
    }
    return SYS_RET(utimensat(AT_FDCWD, p, tp, 0));
}

/* umount(path): MIPS's oldumount, umount2 without flags. */
int64_t sys_umount(CPUState *cpu, const uint32_t *args)
{
    char buf[MORE_PATH_BUF];
    const char *p = sys_guest_path(args[0], buf, sizeof buf);
    if (!p) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(umount2(p, 0));
}

/* ---- openat2 ------------------------------------------------------------------------ */

#define MORE_OPEN_HOW_SIZE 24u /* OPEN_HOW_SIZE_VER0: u64 flags, mode, resolve */

/* True if the guest bytes [from, to) are all zero (a larger struct from a newer libc). */
static bool more_zero_tail(const uint8_t *g, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        if (g[i]) {
            return false;
        }
    }
    return true;
}

/*
 * openat2(dirfd, path, struct open_how *, size). Without RESOLVE_* restrictions it is
 * openat (the /proc and -L handling live there); with them the host resolves the path.
 */
int64_t sys_openat2(CPUState *cpu, const uint32_t *args)
{
    uint32_t size = args[3];
    if (size < MORE_OPEN_HOW_SIZE) {
        return SYS_ERR(EINVAL);
    }
    if (size > GUEST_PAGE_SIZE) {
        return SYS_ERR(E2BIG);
    }
    const uint8_t *g = sys_guest_ptr(args[2], size, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (!more_zero_tail(g, MORE_OPEN_HOW_SIZE, size)) {
        return SYS_ERR(E2BIG);
    }
    uint64_t flags = get_guest_u64(g), mode = get_guest_u64(g + 8);
    uint64_t resolve = get_guest_u64(g + 16);
    if (flags >> 32 || mode >> 12) {
        return SYS_ERR(EINVAL);
    }
    uint32_t hflags = sys_flags_to_host(sys_abi->open_flags, (uint32_t)flags);
    if (!(hflags & (O_CREAT | __O_TMPFILE)) && mode) {
        return SYS_ERR(EINVAL); /* openat2 is strict where openat ignores the mode */
    }
    if (!resolve) {
        uint32_t a[4] = { args[0], args[1], (uint32_t)flags, (uint32_t)mode };
        return sys_openat(cpu, a);
    }
    char buf[MORE_PATH_BUF];
    const char *p = sys_guest_path(args[1], buf, sizeof buf);
    if (!p) {
        return SYS_ERR(EFAULT);
    }
    struct { uint64_t flags, mode, resolve; } how = { hflags, mode, resolve };
    return SYS_RET(syscall(SYS_openat2, sys_dirfd(args[0]), p, &how, sizeof how));
}

/* ---- sched_setattr / sched_getattr ------------------------------------------------------ */

/*
 * struct sched_attr (SCHED_ATTR_SIZE_VER1, 56 bytes): u32 size, u32 policy, u64 flags,
 * s32 nice, u32 priority, u64 runtime, deadline, period, u32 util_min, util_max. Fixed
 * widths: only the byte order changes.
 */
#define MORE_SCHED_ATTR_SIZE 56u
#define MORE_SCHED_ATTR_VER0 48u

typedef struct MoreSchedAttr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
    uint32_t util_min, util_max;
} MoreSchedAttr;

static const uint8_t more_sched_attr_width[] = { 4, 4, 8, 4, 4, 8, 8, 8, 4, 4 };

/* Converts the first `size` bytes between guest and host order, field by field. */
static void more_sched_attr_copy(void *dst, const void *src, uint32_t size, bool to_guest)
{
    uint32_t off = 0;
    for (size_t i = 0; i < sizeof more_sched_attr_width && off < size; i++) {
        uint8_t w = more_sched_attr_width[i];
        uint8_t *d = (uint8_t *)dst + off;
        const uint8_t *s = (const uint8_t *)src + off;
        if (w == 4) {
            uint32_t v;
            memcpy(&v, s, 4);
            if (to_guest) {
                put_guest_u32(d, v);
            } else {
                v = get_guest_u32(s);
                memcpy(d, &v, 4);
            }
        } else {
            uint64_t v;
            memcpy(&v, s, 8);
            if (to_guest) {
                put_guest_u64(d, v);
            } else {
                v = get_guest_u64(s);
                memcpy(d, &v, 8);
            }
        }
        off += w;
    }
}

/* sched_setattr(pid, struct sched_attr *, flags) */
int64_t sys_sched_setattr(CPUState *cpu, const uint32_t *args)
{
    const uint8_t *g = sys_guest_ptr(args[1], 4, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    uint32_t size = get_guest_u32(g);
    if (size == 0) {
        size = MORE_SCHED_ATTR_VER0;
    }
    if (size < MORE_SCHED_ATTR_VER0 || size > GUEST_PAGE_SIZE) {
        return SYS_ERR(E2BIG);
    }
    if (!(g = sys_guest_ptr(args[1], size, PAGE_READ))) {
        return SYS_ERR(EFAULT);
    }
    if (size > MORE_SCHED_ATTR_SIZE && !more_zero_tail(g, MORE_SCHED_ATTR_SIZE, size)) {
        return SYS_ERR(E2BIG);
    }
    MoreSchedAttr a;
    memset(&a, 0, sizeof a);
    uint32_t n = size < MORE_SCHED_ATTR_SIZE ? size : MORE_SCHED_ATTR_SIZE;
    more_sched_attr_copy(&a, g, n, false);
    a.size = n;
    return SYS_RET(syscall(SYS_sched_setattr, (pid_t)args[0], &a, args[2]));
}

/* sched_getattr(pid, struct sched_attr *, size, flags) */
int64_t sys_sched_getattr(CPUState *cpu, const uint32_t *args)
{
    uint32_t size = args[2];
    if (size < MORE_SCHED_ATTR_VER0 || size > GUEST_PAGE_SIZE) {
        return SYS_ERR(EINVAL);
    }
    uint8_t *g = sys_guest_ptr(args[1], size, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    MoreSchedAttr a;
    memset(&a, 0, sizeof a);
    uint32_t n = size < MORE_SCHED_ATTR_SIZE ? size : MORE_SCHED_ATTR_SIZE;
    long r = syscall(SYS_sched_getattr, (pid_t)args[0], &a, n, args[3]);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    more_sched_attr_copy(g, &a, n, true);
    return 0;
}

/* ---- processes: pidfds, cross-process memory, kcmp ----------------------------------- */

/* pidfd_open(pid, flags): PIDFD_NONBLOCK / PIDFD_THREAD are O_NONBLOCK / O_EXCL. */
int64_t sys_pidfd_open(CPUState *cpu, const uint32_t *args)
{
    uint32_t flags = sys_flags_to_host(sys_abi->open_flags, args[1]);
    if (sys_flags_to_guest(sys_abi->open_flags, flags) != args[1]) {
        return SYS_ERR(EINVAL);
    }
    return SYS_RET(syscall(SYS_pidfd_open, (pid_t)args[0], flags));
}

/* pidfd_getfd(pidfd, targetfd, flags) */
int64_t sys_pidfd_getfd(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_pidfd_getfd, (int)args[0], (int)args[1], args[2]));
}

/*
 * pidfd_send_signal(pidfd, sig, siginfo_t *info, flags). A guest siginfo (what
 * rt_sigqueueinfo would take) carries signo, errno and code (MIPS: code before errno)
 * and, for the user codes, pid, uid and the 32-bit value.
 */
int64_t sys_pidfd_send_signal(CPUState *cpu, const uint32_t *args)
{
    int sig = 0;
    if (args[1]) {
        sig = sys_guest_to_host_signal((int)args[1]);
        if (sig <= 0) {
            return SYS_ERR(EINVAL);
        }
    }
    siginfo_t si, *sip = NULL;
    if (args[2]) {
        const uint8_t *g = sys_guest_ptr(args[2], 128, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        signal_get_host_siginfo(&si, g, sys_guest_to_host_signal((int)get_guest_u32(g)));
        sip = &si;
    }
    return SYS_RET(syscall(SYS_pidfd_send_signal, (int)args[0], sig, sip, args[3]));
}

/*
 * process_vm_readv/writev(pid, local_iov, liovcnt, remote_iov, riovcnt, flags). Remote
 * addresses are guest addresses of the other process, which is taken to be an xemu
 * process sharing our guest_base: one fork()ed from this one (or its parent).
 */
static int64_t more_process_vm(const uint32_t *args, bool write)
{
    struct iovec *local, *remote;
    int nl = more_get_iovec(args[1], args[2], !write, &local);
    if (nl < 0) {
        return nl;
    }
    uint32_t nr = args[4];
    const uint8_t *g = sys_guest_ptr(args[3], nr * 8, PAGE_READ);
    if (nr > MORE_IOV_MAX || !g) {
        g_free(local);
        return SYS_ERR(nr > MORE_IOV_MAX ? EINVAL : EFAULT);
    }
    remote = g_new0(struct iovec, nr ? nr : 1);
    for (uint32_t i = 0; i < nr; i++) {
        remote[i].iov_base = g2h(get_guest_u32(g + i * 8));
        remote[i].iov_len = get_guest_u32(g + i * 8 + 4);
    }
    ssize_t r = write ? process_vm_writev((pid_t)args[0], local, nl, remote, nr, args[5])
                      : process_vm_readv((pid_t)args[0], local, nl, remote, nr, args[5]);
    int64_t ret = SYS_RET(r);
    g_free(local);
    g_free(remote);
    return ret;
}

int64_t sys_process_vm_readv(CPUState *cpu, const uint32_t *args)
{
    return more_process_vm(args, false);
}

int64_t sys_process_vm_writev(CPUState *cpu, const uint32_t *args)
{
    return more_process_vm(args, true);
}

#define MORE_KCMP_EPOLL_TFD 7

/* kcmp(pid1, pid2, type, idx1, idx2): KCMP_EPOLL_TFD's idx2 points to three u32. */
int64_t sys_kcmp(CPUState *cpu, const uint32_t *args)
{
    unsigned long idx2 = args[4];
    uint32_t slot[3];
    if (args[2] == MORE_KCMP_EPOLL_TFD) {
        const uint8_t *g = sys_guest_ptr(args[4], 12, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        for (int i = 0; i < 3; i++) {
            slot[i] = get_guest_u32(g + i * 4);
        }
        idx2 = (unsigned long)slot;
    }
    return SYS_RET(syscall(SYS_kcmp, (pid_t)args[0], (pid_t)args[1], (int)args[2],
                           (unsigned long)args[3], idx2));
}

/* ---- memory and notification ------------------------------------------------------ */

/* mlock2(addr, len, flags): like mlock, accepted without pinning (MLOCK_ONFAULT is 1). */
int64_t sys_mlock2(CPUState *cpu, const uint32_t *args)
{
    return (args[2] & ~1u) ? SYS_ERR(EINVAL) : 0;
}

/* fanotify_init(flags, event_f_flags): the second is open flags for the event fds. */
int64_t sys_fanotify_init(CPUState *cpu, const uint32_t *args)
{
    uint32_t fl = sys_flags_to_host(sys_abi->open_flags, args[1]);
    return SYS_RET(syscall(SYS_fanotify_init, args[0], fl));
}

/* fanotify_mark(fd, flags, u64 mask (aligned pair), dirfd, path) */
int64_t sys_fanotify_mark(CPUState *cpu, const uint32_t *args)
{
    char buf[MORE_PATH_BUF];
    const char *p = NULL;
    if (args[5]) {
        p = sys_guest_path(args[5], buf, sizeof buf);
        if (!p) {
            return SYS_ERR(EFAULT);
        }
    }
    return SYS_RET(syscall(SYS_fanotify_mark, (int)args[0], args[1], sys_arg64(args, 2),
                           sys_dirfd(args[4]), p));
}
