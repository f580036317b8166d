/*
 * Event fds: epoll (create, ctl, wait, pwait, pwait2), eventfd, timerfd (32- and 64-bit
 * itimerspec), inotify and signalfd.
 *
 * struct epoll_event is 16 bytes on ARM EABI and MIPS o32 (u32 events, 4 bytes of
 * padding, u64 data aligned to 8) but 12 bytes, packed, on the x86_64 host: events are
 * converted one by one. The fd flags (EFD_*, TFD_*, IN_*, SFD_*, EPOLL_CLOEXEC) are the
 * guest's O_NONBLOCK/O_CLOEXEC bits (SysAbi).
 *
 * Some of these fds return kernel structs from read(): eventfd and timerfd a u64 counter
 * in the kernel's byte order, inotify struct inotify_event records, signalfd struct
 * signalfd_siginfo with host signal numbers. Where the guest's view differs (big-endian
 * guest, other signal or errno numbers), the fd is recorded in a small registry and
 * sys_read/sys_readv/sys_write (syscall_file.c) call sys_fd_fix_read & co.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

#define G_EPOLL_EVENT_SIZE 16
#define SIGNALFD_SIGINFO_SIZE 128

/* ---- Per-fd read/write translation ----------------------------------------------- */

typedef enum SysFdKind {
    SYS_FD_EVENTFD,  /* u64 counter read and written */
    SYS_FD_TIMERFD,  /* u64 expiration count read */
    SYS_FD_INOTIFY,  /* struct inotify_event records */
    SYS_FD_SIGNALFD, /* struct signalfd_siginfo records */
} SysFdKind;

/* The fd's inode identifies it: a stale entry (fd closed, number reused) is ignored. */
typedef struct SysFdInfo {
    SysFdKind kind;
    dev_t dev;
    ino_t ino;
} SysFdInfo;

static GMutex sys_fd_lock;
static GHashTable *sys_fd_table; /* fd -> SysFdInfo */
static atomic_int sys_fd_count;  /* entries, read without the lock on every read() */

static void sys_fd_register(int fd, SysFdKind kind)
{
    struct stat st;
    if (fstat(fd, &st) < 0) {
        return;
    }
    SysFdInfo *info = g_new(SysFdInfo, 1);
    *info = (SysFdInfo){ kind, st.st_dev, st.st_ino };
    g_mutex_lock(&sys_fd_lock);
    if (!sys_fd_table) {
        sys_fd_table = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    }
    g_hash_table_insert(sys_fd_table, GINT_TO_POINTER(fd), info);
    atomic_store(&sys_fd_count, (int)g_hash_table_size(sys_fd_table));
    g_mutex_unlock(&sys_fd_lock);
}

void sys_fd_forget(int fd)
{
    if (!atomic_load(&sys_fd_count)) {
        return;
    }
    g_mutex_lock(&sys_fd_lock);
    g_hash_table_remove(sys_fd_table, GINT_TO_POINTER(fd));
    atomic_store(&sys_fd_count, (int)g_hash_table_size(sys_fd_table));
    g_mutex_unlock(&sys_fd_lock);
}

/* Kind of a registered fd; false if fd has no (valid) entry. */
static bool sys_fd_lookup(int fd, SysFdKind *kind)
{
    if (!atomic_load(&sys_fd_count)) {
        return false;
    }
    SysFdInfo info;
    bool found = false;
    g_mutex_lock(&sys_fd_lock);
    SysFdInfo *p = g_hash_table_lookup(sys_fd_table, GINT_TO_POINTER(fd));
    if (p) {
        info = *p;
        found = true;
    }
    g_mutex_unlock(&sys_fd_lock);
    struct stat st;
    if (!found || fstat(fd, &st) < 0 || st.st_dev != info.dev || st.st_ino != info.ino) {
        return false;
    }
    *kind = info.kind;
    return true;
}

/* Registers a new fd if the guest's view of its data differs; else drops a stale entry. */
static int64_t sys_fd_created(int fd, SysFdKind kind)
{
    if (fd < 0) {
        return SYS_ERR(errno);
    }
    bool differs = sys_guest_big_endian;
    if (kind == SYS_FD_SIGNALFD) {
        differs |= sys_abi->signal_to_guest != NULL || sys_abi->errno_to_guest != NULL;
    }
    if (differs) {
        sys_fd_register(fd, kind);
    } else {
        sys_fd_forget(fd);
    }
    return fd;
}

static void sys_to_guest32_at(uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    put_guest_u32(p, v);
}

static void sys_to_guest64_at(uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    put_guest_u64(p, v);
}

/* inotify_event: int wd, u32 mask, u32 cookie, u32 len, then len bytes of name. */
static void sys_fix_inotify(uint8_t *buf, size_t len)
{
    for (size_t off = 0; off + 16 <= len;) {
        uint32_t nlen;
        memcpy(&nlen, buf + off + 12, 4);
        for (int i = 0; i < 4; i++) {
            sys_to_guest32_at(buf + off + i * 4);
        }
        off += 16 + (size_t)nlen;
    }
}

/* si_code values that MIPS numbers differently (asm/siginfo.h). */
static int32_t sys_si_code_to_guest(int32_t code)
{
    if (sys_abi->signal_to_guest == NULL) {
        return code;
    }
    switch (code) {
    case SI_TIMER: return -3;
    case SI_MESGQ: return -4;
    case SI_ASYNCIO: return -2;
    default: return code;
    }
}

/*
 * struct signalfd_siginfo (128 bytes): u32 signo, s32 errno, s32 code, u32 pid, uid,
 * s32 fd, u32 tid, band, overrun, trapno, s32 status, s32 int, u64 ptr, utime, stime,
 * addr, u16 addr_lsb, u16 pad, s32 syscall, u64 call_addr, u32 arch, padding.
 */
static void sys_fix_signalfd(uint8_t *buf, size_t len)
{
    for (size_t off = 0; off + SIGNALFD_SIGINFO_SIZE <= len; off += SIGNALFD_SIGINFO_SIZE) {
        uint8_t *p = buf + off;
        uint32_t signo, err, code, status;
        memcpy(&signo, p, 4);
        memcpy(&err, p + 4, 4);
        memcpy(&code, p + 8, 4);
        memcpy(&status, p + 40, 4);
        signo = (uint32_t)sys_host_to_guest_signal((int)signo);
        if ((int32_t)err > 0) {
            err = (uint32_t)sys_host_to_guest_errno((int)err);
        }
        if (signo == (uint32_t)sys_host_to_guest_signal(SIGCHLD) &&
            (code == CLD_KILLED || code == CLD_DUMPED || code == CLD_STOPPED)) {
            status = (uint32_t)sys_host_to_guest_signal((int)status);
        }
        code = (uint32_t)sys_si_code_to_guest((int32_t)code);
        memcpy(p, &signo, 4);
        memcpy(p + 4, &err, 4);
        memcpy(p + 8, &code, 4);
        memcpy(p + 40, &status, 4);
        for (int i = 0; i < 12; i++) {
            sys_to_guest32_at(p + i * 4);
        }
        for (int i = 0; i < 4; i++) {
            sys_to_guest64_at(p + 48 + i * 8);
        }
        uint16_t lsb;
        memcpy(&lsb, p + 80, 2);
        put_guest_u16(p + 80, lsb);
        sys_to_guest32_at(p + 84);
        sys_to_guest64_at(p + 88);
        sys_to_guest32_at(p + 96);
    }
}

void sys_fd_fix_read(int fd, void *buf, size_t len)
{
    SysFdKind kind;
    if (!len || !sys_fd_lookup(fd, &kind)) {
        return;
    }
    switch (kind) {
    case SYS_FD_EVENTFD:
    case SYS_FD_TIMERFD:
        if (len >= 8) {
            sys_to_guest64_at(buf);
        }
        break;
    case SYS_FD_INOTIFY:
        sys_fix_inotify(buf, len);
        break;
    case SYS_FD_SIGNALFD:
        sys_fix_signalfd(buf, len);
        break;
    }
}

void sys_fd_fix_readv(int fd, const struct iovec *iov, int cnt, size_t len)
{
    SysFdKind kind;
    if (!len || !sys_fd_lookup(fd, &kind)) {
        return;
    }
    /* Records may straddle iovecs: gather, convert, scatter. */
    uint8_t *tmp = g_malloc(len);
    size_t done = 0;
    for (int i = 0; i < cnt && done < len; i++) {
        size_t n = MIN(iov[i].iov_len, len - done);
        memcpy(tmp + done, iov[i].iov_base, n);
        done += n;
    }
    sys_fd_fix_read(fd, tmp, done);
    done = 0;
    for (int i = 0; i < cnt && done < len; i++) {
        size_t n = MIN(iov[i].iov_len, len - done);
        memcpy(iov[i].iov_base, tmp + done, n);
        done += n;
    }
    g_free(tmp);
}

bool sys_fd_write_hook(int fd, const void *buf, size_t len, int64_t *ret)
{
    SysFdKind kind;
    if (len < 8 || !sys_fd_lookup(fd, &kind) || kind != SYS_FD_EVENTFD) {
        return false;
    }
    /* eventfd takes the first 8 bytes as a u64 in the kernel's byte order. */
    uint64_t v = get_guest_u64(buf);
    ssize_t r = write(fd, &v, 8);
    *ret = SYS_RET(r);
    return true;
}

/* ---- epoll ------------------------------------------------------------------------- */

int64_t sys_epoll_create(CPUState *cpu, const uint32_t *args)
{
    if ((int32_t)args[0] <= 0) {
        return SYS_ERR(EINVAL);
    }
    int fd = epoll_create1(0);
    if (fd >= 0) {
        sys_fd_forget(fd);
    }
    return SYS_RET(fd);
}

/* epoll_create1(flags): EPOLL_CLOEXEC only. */
int64_t sys_epoll_create1(CPUState *cpu, const uint32_t *args)
{
    if (args[0] & ~sys_abi->cloexec_flag) {
        return SYS_ERR(EINVAL);
    }
    int fd = epoll_create1(args[0] ? EPOLL_CLOEXEC : 0);
    if (fd >= 0) {
        sys_fd_forget(fd);
    }
    return SYS_RET(fd);
}

/* epoll_ctl(epfd, op, fd, struct epoll_event *): EPOLL* bits are the same everywhere. */
int64_t sys_epoll_ctl(CPUState *cpu, const uint32_t *args)
{
    struct epoll_event ev = { 0 }, *evp = NULL;
    if ((int)args[1] != EPOLL_CTL_DEL || args[3]) {
        const uint8_t *g = sys_guest_ptr(args[3], G_EPOLL_EVENT_SIZE, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        ev.events = get_guest_u32(g);
        ev.data.u64 = get_guest_u64(g + 8);
        evp = &ev;
    }
    return SYS_RET(epoll_ctl((int)args[0], (int)args[1], (int)args[2], evp));
}

/* Waits with the host's packed events, then stores the guest's 16-byte ones. */
static int64_t sys_do_epoll_wait(uint32_t epfd, uint32_t addr, uint32_t maxevents,
                                 int timeout_ms, const struct timespec *tmo, bool use_ts)
{
    if ((int32_t)maxevents <= 0 || maxevents > INT32_MAX / G_EPOLL_EVENT_SIZE) {
        return SYS_ERR(EINVAL);
    }
    uint8_t *g = sys_guest_ptr(addr, maxevents * G_EPOLL_EVENT_SIZE, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    struct epoll_event *ev = g_new(struct epoll_event, maxevents);
    int r;
    if (use_ts) {
        r = epoll_pwait2((int)epfd, ev, (int)maxevents, tmo, NULL);
    } else {
        r = epoll_wait((int)epfd, ev, (int)maxevents, timeout_ms);
    }
    int64_t ret = SYS_RET(r);
    for (int i = 0; i < r; i++) {
        uint8_t *p = g + i * G_EPOLL_EVENT_SIZE;
        put_guest_u32(p, ev[i].events);
        put_guest_u32(p + 4, 0);
        put_guest_u64(p + 8, ev[i].data.u64);
    }
    g_free(ev);
    return ret;
}

/* epoll_wait(epfd, events, maxevents, timeout_ms) */
int64_t sys_epoll_wait(CPUState *cpu, const uint32_t *args)
{
    return sys_do_epoll_wait(args[0], args[1], args[2], (int32_t)args[3], NULL, false);
}

/* epoll_pwait(epfd, events, maxevents, timeout_ms, sigmask, sigsetsize) */
int64_t sys_epoll_pwait(CPUState *cpu, const uint32_t *args)
{
    int m = sys_temp_sigmask_begin(cpu, args[4], args[5]);
    if (m < 0) {
        return m;
    }
    int64_t r = sys_do_epoll_wait(args[0], args[1], args[2], (int32_t)args[3], NULL, false);
    sys_temp_sigmask_end(cpu, m);
    return r;
}

/* epoll_pwait2(epfd, events, maxevents, struct __kernel_timespec *, sigmask, size):
 * the timeout is always the 64-bit timespec. */
int64_t sys_epoll_pwait2(CPUState *cpu, const uint32_t *args)
{
    struct timespec ts;
    if (args[3]) {
        int e = sys_get_timespec(&ts, args[3], true);
        if (e) {
            return e;
        }
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L) {
            return SYS_ERR(EINVAL);
        }
    }
    int m = sys_temp_sigmask_begin(cpu, args[4], args[5]);
    if (m < 0) {
        return m;
    }
    int64_t r = sys_do_epoll_wait(args[0], args[1], args[2], -1, args[3] ? &ts : NULL, true);
    sys_temp_sigmask_end(cpu, m);
    return r;
}

/* ---- eventfd ------------------------------------------------------------------------ */

/* Guest EFD_/TFD_/IN_/SFD_ flags: NONBLOCK and CLOEXEC are the guest's O_ bits; `extra`
 * bits (EFD_SEMAPHORE) are the same everywhere. -1: unknown bits (EINVAL). */
static int sys_event_flags(uint32_t guest, uint32_t extra)
{
    const SysAbi *abi = sys_abi;
    if (guest & ~(abi->nonblock_flag | abi->cloexec_flag | extra)) {
        return -1;
    }
    return (int)(guest & extra) | (guest & abi->nonblock_flag ? O_NONBLOCK : 0) |
           (guest & abi->cloexec_flag ? O_CLOEXEC : 0);
}

int64_t sys_eventfd(CPUState *cpu, const uint32_t *args)
{
    return sys_fd_created(eventfd(args[0], 0), SYS_FD_EVENTFD);
}

/* eventfd2(initval, flags) */
int64_t sys_eventfd2(CPUState *cpu, const uint32_t *args)
{
    int flags = sys_event_flags(args[1], EFD_SEMAPHORE);
    if (flags < 0) {
        return SYS_ERR(EINVAL);
    }
    return sys_fd_created(eventfd(args[0], flags), SYS_FD_EVENTFD);
}

/* ---- timerfd ------------------------------------------------------------------------ */

/* timerfd_create(clockid, flags) */
int64_t sys_timerfd_create(CPUState *cpu, const uint32_t *args)
{
    int flags = sys_event_flags(args[1], 0);
    if (flags < 0) {
        return SYS_ERR(EINVAL);
    }
    return sys_fd_created(timerfd_create((int)args[0], flags), SYS_FD_TIMERFD);
}

/* Guest itimerspec (interval, then value) in 32-bit or 64-bit timespecs. */
int sys_get_itimerspec(struct itimerspec *its, uint32_t addr, bool time64)
{
    int e = sys_get_timespec(&its->it_interval, addr, time64);
    if (!e) {
        e = sys_get_timespec(&its->it_value, addr + (time64 ? 16 : 8), time64);
    }
    return e;
}

int sys_put_itimerspec(uint32_t addr, const struct itimerspec *its, bool time64)
{
    if (!sys_guest_ptr(addr, time64 ? 32 : 16, PAGE_WRITE)) {
        return -EFAULT;
    }
    sys_put_timespec(addr, &its->it_interval, time64);
    sys_put_timespec(addr + (time64 ? 16 : 8), &its->it_value, time64);
    return 0;
}

/* timerfd_settime(fd, flags, new, old): TFD_TIMER_* flags are the same everywhere. */
static int64_t sys_do_timerfd_settime(const uint32_t *args, bool time64)
{
    struct itimerspec nv, ov;
    int e = sys_get_itimerspec(&nv, args[2], time64);
    if (e) {
        return e;
    }
    if (args[3] && !sys_guest_ptr(args[3], time64 ? 32 : 16, PAGE_WRITE)) {
        return SYS_ERR(EFAULT);
    }
    if (timerfd_settime((int)args[0], (int)args[1], &nv, &ov) < 0) {
        return SYS_ERR(errno);
    }
    return args[3] ? sys_put_itimerspec(args[3], &ov, time64) : 0;
}

static int64_t sys_do_timerfd_gettime(const uint32_t *args, bool time64)
{
    struct itimerspec cur;
    if (timerfd_gettime((int)args[0], &cur) < 0) {
        return SYS_ERR(errno);
    }
    return sys_put_itimerspec(args[1], &cur, time64);
}

int64_t sys_timerfd_settime(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timerfd_settime(args, false);
}

int64_t sys_timerfd_settime64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timerfd_settime(args, true);
}

int64_t sys_timerfd_gettime(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timerfd_gettime(args, false);
}

int64_t sys_timerfd_gettime64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timerfd_gettime(args, true);
}

/* ---- inotify ------------------------------------------------------------------------ */

int64_t sys_inotify_init(CPUState *cpu, const uint32_t *args)
{
    return sys_fd_created(inotify_init1(0), SYS_FD_INOTIFY);
}

/* inotify_init1(flags) */
int64_t sys_inotify_init1(CPUState *cpu, const uint32_t *args)
{
    int flags = sys_event_flags(args[0], 0);
    if (flags < 0) {
        return SYS_ERR(EINVAL);
    }
    return sys_fd_created(inotify_init1(flags), SYS_FD_INOTIFY);
}

/* inotify_add_watch(fd, path, mask): IN_* bits are the same everywhere. */
int64_t sys_inotify_add_watch(CPUState *cpu, const uint32_t *args)
{
    char buf[PATH_MAX * 2];
    const char *path = sys_guest_path(args[1], buf, sizeof buf);
    if (!path) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(inotify_add_watch((int)args[0], path, args[2]));
}

int64_t sys_inotify_rm_watch(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(inotify_rm_watch((int)args[0], (int)args[1]));
}

/* ---- signalfd ----------------------------------------------------------------------- */

/* signalfd4(fd, sigset *, sizemask, flags): the guest mask in host signal numbers. */
int64_t sys_signalfd4(CPUState *cpu, const uint32_t *args)
{
    uint32_t size = args[2];
    if (size != sys_abi->sigset_size) {
        return SYS_ERR(EINVAL);
    }
    int flags = sys_event_flags(args[3], 0);
    if (flags < 0) {
        return SYS_ERR(EINVAL);
    }
    const uint8_t *g = sys_guest_ptr(args[1], size, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    sigset_t set;
    sigemptyset(&set);
    for (uint32_t w = 0; w < size / 4; w++) {
        uint32_t bits = get_guest_u32(g + w * 4);
        for (int b = 0; b < 32; b++) {
            int hs = (bits >> b) & 1 ? sys_guest_to_host_signal((int)(w * 32 + b + 1)) : 0;
            if (hs > 0 && hs < NSIG) {
                sigaddset(&set, hs);
            }
        }
    }
    int fd = (int32_t)args[0];
    int r = signalfd(fd, &set, flags);
    if (r < 0 || fd != -1) {
        return SYS_RET(r);
    }
    return sys_fd_created(r, SYS_FD_SIGNALFD);
}

/* signalfd(fd, sigset *, sizemask) */
int64_t sys_signalfd(CPUState *cpu, const uint32_t *args)
{
    uint32_t a[4] = { args[0], args[1], args[2], 0 };
    return sys_signalfd4(cpu, a);
}
