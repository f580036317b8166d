/*
 * File and filesystem syscalls: read/write and vectors, open and the *at family,
 * stat/statfs/statx, links, permissions, truncation, sync, utimensat, poll. Paths go
 * through sys_guest_path() (-L prefix); the /proc files that would show xemu instead of
 * the guest (exe, maps, cmdline, ...) come from proc.c. 64-bit offsets arrive in aligned
 * register pairs (sys_arg64).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

#define SYS_PATH_BUF (PATH_MAX * 2)

/* Declares `name` as the host path for guest path argument `arg` or returns -EFAULT. */
#define GET_PATH(name, arg)                                          \
    char name##_buf[SYS_PATH_BUF];                                   \
    const char *name = sys_guest_path((arg), name##_buf, sizeof name##_buf); \
    if (!name) {                                                     \
        return SYS_ERR(EFAULT);                                      \
    }

/* The guest's path for /proc/self/exe (the guest program, not xemu); see proc.c. */
#define sys_fix_exe_path(path) sys_proc_fix_path(path)

static bool sys_is_log_fd(int fd)
{
    return xemu_log_file && xemu_log_file != stderr && fileno(xemu_log_file) == fd;
}

/* ---- read / write ----------------------------------------------------------------- */

int64_t sys_read(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = sys_guest_span(args[1], args[2], PAGE_WRITE);
    if (args[2] && !n) {
        return SYS_ERR(EFAULT);
    }
    ssize_t r = read((int)args[0], g2h(args[1]), n);
    if (r > 0) {
        sys_fd_fix_read((int)args[0], g2h(args[1]), (size_t)r); /* eventfd, inotify... */
    }
    return SYS_RET(r);
}

int64_t sys_write(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = sys_guest_span(args[1], args[2], PAGE_READ);
    if (args[2] && !n) {
        return SYS_ERR(EFAULT);
    }
    int64_t hooked;
    if (sys_fd_write_hook((int)args[0], g2h(args[1]), n, &hooked)) {
        return hooked;
    }
    ssize_t r = write((int)args[0], g2h(args[1]), n);
    return SYS_RET(r);
}

/*
 * Host iovec array for a guest one (base, len pairs of u32). Buffers are cut at the
 * first inaccessible byte, as the kernel stops copying there. Returns the count or
 * -errno; *out is g_free()d by the caller.
 */
static int sys_get_iovec(uint32_t addr, uint32_t cnt, bool to_guest, struct iovec **out)
{
    *out = NULL;
    if (cnt > 1024) {
        return -EINVAL;
    }
    if (cnt == 0) {
        return 0;
    }
    const uint8_t *g = sys_guest_ptr(addr, cnt * 8, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    struct iovec *iov = g_new(struct iovec, cnt);
    uint32_t n;
    for (n = 0; n < cnt; n++) {
        uint32_t base = get_guest_u32(g + n * 8);
        uint32_t len = get_guest_u32(g + n * 8 + 4);
        if ((int32_t)len < 0) {
            g_free(iov);
            return -EINVAL;
        }
        uint32_t ok = sys_guest_span(base, len, to_guest ? PAGE_WRITE : PAGE_READ);
        iov[n].iov_base = g2h(base);
        iov[n].iov_len = ok;
        if (ok < len) {
            if (n == 0 && ok == 0) {
                g_free(iov);
                return -EFAULT;
            }
            n += ok > 0;
            break;
        }
    }
    *out = iov;
    return (int)n;
}

static int64_t sys_do_rw_vec(const uint32_t *args, bool is_read, bool positioned, int64_t off,
                             int flags)
{
    struct iovec *iov;
    int cnt = sys_get_iovec(args[1], args[2], is_read, &iov);
    if (cnt < 0) {
        return cnt;
    }
    ssize_t r;
    int fd = (int)args[0];
    if (!positioned) {
        r = is_read ? readv(fd, iov, cnt) : writev(fd, iov, cnt);
    } else if (flags) {
        r = is_read ? preadv2(fd, iov, cnt, off, flags) : pwritev2(fd, iov, cnt, off, flags);
    } else {
        r = is_read ? preadv(fd, iov, cnt, off) : pwritev(fd, iov, cnt, off);
    }
    if (is_read && r > 0) {
        sys_fd_fix_readv(fd, iov, cnt, (size_t)r);
    }
    int64_t ret = SYS_RET(r);
    g_free(iov);
    return ret;
}

int64_t sys_readv(CPUState *cpu, const uint32_t *args)
{
    return sys_do_rw_vec(args, true, false, 0, 0);
}

int64_t sys_writev(CPUState *cpu, const uint32_t *args)
{
    return sys_do_rw_vec(args, false, false, 0, 0);
}

/* preadv(fd, iov, cnt, pos_l, pos_h): the kernel splits the offset itself, no pairing. */
static int64_t sys_vec_pos(const uint32_t *args)
{
    return (int64_t)(((uint64_t)args[4] << 32) | args[3]);
}

int64_t sys_preadv(CPUState *cpu, const uint32_t *args)
{
    return sys_do_rw_vec(args, true, true, sys_vec_pos(args), 0);
}

int64_t sys_pwritev(CPUState *cpu, const uint32_t *args)
{
    return sys_do_rw_vec(args, false, true, sys_vec_pos(args), 0);
}

int64_t sys_preadv2(CPUState *cpu, const uint32_t *args)
{
    int64_t pos = sys_vec_pos(args);
    return sys_do_rw_vec(args, true, pos != -1, pos, (int)args[5]);
}

int64_t sys_pwritev2(CPUState *cpu, const uint32_t *args)
{
    int64_t pos = sys_vec_pos(args);
    return sys_do_rw_vec(args, false, pos != -1, pos, (int)args[5]);
}

/* pread64(fd, buf, count, pad, off_lo, off_hi) */
int64_t sys_pread64(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = sys_guest_span(args[1], args[2], PAGE_WRITE);
    if (args[2] && !n) {
        return SYS_ERR(EFAULT);
    }
    ssize_t r = pread((int)args[0], g2h(args[1]), n, (off_t)sys_arg64(args, 4));
    return SYS_RET(r);
}

int64_t sys_pwrite64(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = sys_guest_span(args[1], args[2], PAGE_READ);
    if (args[2] && !n) {
        return SYS_ERR(EFAULT);
    }
    ssize_t r = pwrite((int)args[0], g2h(args[1]), n, (off_t)sys_arg64(args, 4));
    return SYS_RET(r);
}

/* ---- open / close / lseek ------------------------------------------------------------ */

static int64_t sys_do_openat(int dirfd, uint32_t path_addr, uint32_t guest_flags, uint32_t mode)
{
    GET_PATH(path, path_addr);
    int flags = (int)sys_flags_to_host(sys_abi->open_flags, guest_flags);
    int64_t pr;
    if (sys_proc_open(path, flags, &pr)) {
        return pr;
    }
    path = sys_fix_exe_path(path);
    int r = openat(dirfd, path, flags, (mode_t)mode);
    return SYS_RET(r);
}

int64_t sys_open(CPUState *cpu, const uint32_t *args)
{
    return sys_do_openat(AT_FDCWD, args[0], args[1], args[2]);
}

int64_t sys_openat(CPUState *cpu, const uint32_t *args)
{
    return sys_do_openat(sys_dirfd(args[0]), args[1], args[2], args[3]);
}

int64_t sys_creat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    int r = creat(path, (mode_t)args[1]);
    return SYS_RET(r);
}

int64_t sys_close(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0];
    if (sys_is_log_fd(fd)) {
        return 0; /* keep xemu's -D log open; the guest sees a normal close */
    }
    sys_dir_forget_fd(fd);
    sys_fd_forget(fd);
    int r = close(fd);
    /* Linux closes the fd even when close reports EINTR. */
    return SYS_RET(r);
}

int64_t sys_lseek(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0];
    int64_t r;
    if (!sys_dir_lseek(fd, (int32_t)args[1], (int)args[2], &r)) {
        off_t o = lseek(fd, (int32_t)args[1], (int)args[2]);
        r = SYS_RET(o);
    }
    if (r > INT32_MAX) {
        return SYS_ERR(EOVERFLOW);
    }
    return r;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence) */
int64_t sys__llseek(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0];
    int64_t off = (int64_t)(((uint64_t)args[1] << 32) | args[2]);
    void *res = sys_guest_ptr(args[3], 8, PAGE_WRITE);
    int64_t r;
    if (!sys_dir_lseek(fd, off, (int)args[4], &r)) {
        off_t o = lseek(fd, off, (int)args[4]);
        r = SYS_RET(o);
    }
    if (r < 0) {
        return r;
    }
    if (!res) {
        return SYS_ERR(EFAULT);
    }
    put_guest_u64(res, (uint64_t)r);
    return 0;
}

/* ---- access ------------------------------------------------------------------------ */

static int64_t sys_do_faccessat(int dirfd, uint32_t path_addr, int mode, int flags, bool v2)
{
    GET_PATH(path, path_addr);
    path = sys_fix_exe_path(path);
    long r = v2 ? syscall(SYS_faccessat2, dirfd, path, mode, flags)
                : syscall(SYS_faccessat, dirfd, path, mode);
    return SYS_RET(r);
}

int64_t sys_access(CPUState *cpu, const uint32_t *args)
{
    return sys_do_faccessat(AT_FDCWD, args[0], (int)args[1], 0, false);
}

int64_t sys_faccessat(CPUState *cpu, const uint32_t *args)
{
    return sys_do_faccessat(sys_dirfd(args[0]), args[1], (int)args[2], 0, false);
}

int64_t sys_faccessat2(CPUState *cpu, const uint32_t *args)
{
    return sys_do_faccessat(sys_dirfd(args[0]), args[1], (int)args[2], (int)args[3], true);
}

/* ---- stat family ------------------------------------------------------------------- */

typedef enum { STAT_OLD, STAT_64 } SysStatKind;

/* path_addr == 0 with fd_only: fstat(dirfd). */
static int64_t sys_do_stat(int dirfd, uint32_t path_addr, bool fd_only, uint32_t buf_addr,
                           int flags, SysStatKind kind)
{
    struct stat st;
    int r;
    if (fd_only) {
        r = fstat(dirfd, &st);
    } else {
        GET_PATH(path, path_addr);
        path = sys_fix_exe_path(path);
        r = fstatat(dirfd, path, &st, flags);
    }
    if (r < 0) {
        return SYS_ERR(errno);
    }
    uint32_t size = kind == STAT_64 ? sys_abi->stat64_size : sys_abi->stat_size;
    void *g = sys_guest_ptr(buf_addr, size, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (kind == STAT_64) {
        sys_abi->put_stat64(g, &st);
        return 0;
    }
    return sys_abi->put_stat(g, &st);
}

int64_t sys_stat(CPUState *cpu, const uint32_t *args)
{
    return sys_do_stat(AT_FDCWD, args[0], false, args[1], 0, STAT_OLD);
}

int64_t sys_lstat(CPUState *cpu, const uint32_t *args)
{
    return sys_do_stat(AT_FDCWD, args[0], false, args[1], AT_SYMLINK_NOFOLLOW, STAT_OLD);
}

int64_t sys_fstat(CPUState *cpu, const uint32_t *args)
{
    return sys_do_stat((int)args[0], 0, true, args[1], 0, STAT_OLD);
}

int64_t sys_stat64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_stat(AT_FDCWD, args[0], false, args[1], 0, STAT_64);
}

int64_t sys_lstat64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_stat(AT_FDCWD, args[0], false, args[1], AT_SYMLINK_NOFOLLOW, STAT_64);
}

int64_t sys_fstat64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_stat((int)args[0], 0, true, args[1], 0, STAT_64);
}

int64_t sys_fstatat64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_stat(sys_dirfd(args[0]), args[1], false, args[2], (int)args[3], STAT_64);
}

/* struct statx is the same on every arch; only the byte order may differ. */
static void sys_put_statx_ts(uint8_t *p, const struct statx_timestamp *ts)
{
    put_guest_u64(p, (uint64_t)ts->tv_sec);
    put_guest_u32(p + 8, ts->tv_nsec);
    put_guest_u32(p + 12, 0);
}

static void sys_put_statx(void *g, const struct statx *sx)
{
    uint8_t *p = g;
    if (!sys_guest_big_endian) {
        memcpy(p, sx, 256);
        return;
    }
    memset(p, 0, 256);
    put_guest_u32(p + 0, sx->stx_mask);
    put_guest_u32(p + 4, sx->stx_blksize);
    put_guest_u64(p + 8, sx->stx_attributes);
    put_guest_u32(p + 16, sx->stx_nlink);
    put_guest_u32(p + 20, sx->stx_uid);
    put_guest_u32(p + 24, sx->stx_gid);
    put_guest_u16(p + 28, sx->stx_mode);
    put_guest_u64(p + 32, sx->stx_ino);
    put_guest_u64(p + 40, sx->stx_size);
    put_guest_u64(p + 48, sx->stx_blocks);
    put_guest_u64(p + 56, sx->stx_attributes_mask);
    sys_put_statx_ts(p + 64, &sx->stx_atime);
    sys_put_statx_ts(p + 80, &sx->stx_btime);
    sys_put_statx_ts(p + 96, &sx->stx_ctime);
    sys_put_statx_ts(p + 112, &sx->stx_mtime);
    put_guest_u32(p + 128, sx->stx_rdev_major);
    put_guest_u32(p + 132, sx->stx_rdev_minor);
    put_guest_u32(p + 136, sx->stx_dev_major);
    put_guest_u32(p + 140, sx->stx_dev_minor);
    const uint8_t *h = (const uint8_t *)sx;
    uint64_t mnt_id;
    memcpy(&mnt_id, h + 144, 8);
    put_guest_u64(p + 144, mnt_id);
}

/* statx(dirfd, path, flags, mask, buf) */
int64_t sys_statx(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[1]);
    path = sys_fix_exe_path(path);
    struct statx sx;
    memset(&sx, 0, sizeof sx);
    int r = statx(sys_dirfd(args[0]), path, (int)args[2], args[3], &sx);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    void *g = sys_guest_ptr(args[4], 256, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    sys_put_statx(g, &sx);
    return 0;
}

static int64_t sys_do_statfs(int fd, uint32_t path_addr, uint32_t buf_addr, bool is64)
{
    struct statfs st;
    int r;
    if (fd >= 0) {
        r = fstatfs(fd, &st);
    } else {
        GET_PATH(path, path_addr);
        r = statfs(path, &st);
    }
    if (r < 0) {
        return SYS_ERR(errno);
    }
    void *g = sys_guest_ptr(buf_addr, is64 ? sys_abi->statfs64_size : sys_abi->statfs_size,
                            PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (is64) {
        sys_abi->put_statfs64(g, &st);
        return 0;
    }
    return sys_abi->put_statfs(g, &st);
}

int64_t sys_statfs(CPUState *cpu, const uint32_t *args)
{
    return sys_do_statfs(-1, args[0], args[1], false);
}

int64_t sys_fstatfs(CPUState *cpu, const uint32_t *args)
{
    if ((int32_t)args[0] < 0) {
        return SYS_ERR(EBADF);
    }
    return sys_do_statfs((int)args[0], 0, args[1], false);
}

static bool sys_statfs64_size_ok(uint32_t size)
{
    return size == sys_abi->statfs64_size ||
           (sys_abi->statfs64_alt_size && size == sys_abi->statfs64_alt_size);
}

/* statfs64(path, size, buf): size must be the guest's sizeof(struct statfs64). */
int64_t sys_statfs64(CPUState *cpu, const uint32_t *args)
{
    if (!sys_statfs64_size_ok(args[1])) {
        return SYS_ERR(EINVAL);
    }
    return sys_do_statfs(-1, args[0], args[2], true);
}

int64_t sys_fstatfs64(CPUState *cpu, const uint32_t *args)
{
    if (!sys_statfs64_size_ok(args[1])) {
        return SYS_ERR(EINVAL);
    }
    if ((int32_t)args[0] < 0) {
        return SYS_ERR(EBADF);
    }
    return sys_do_statfs((int)args[0], 0, args[2], true);
}

/* ---- readlink ------------------------------------------------------------------------ */

static int64_t sys_do_readlinkat(int dirfd, uint32_t path_addr, uint32_t buf, uint32_t size)
{
    GET_PATH(path, path_addr);
    if ((int32_t)size <= 0) {
        return SYS_ERR(EINVAL);
    }
    uint32_t n = sys_guest_span(buf, size, PAGE_WRITE);
    if (!n) {
        return SYS_ERR(EFAULT);
    }
    int64_t pr;
    if (sys_proc_readlink(path, g2h(buf), n, &pr)) {
        return pr;
    }
    ssize_t r = readlinkat(dirfd, path, g2h(buf), n);
    return SYS_RET(r);
}

int64_t sys_readlink(CPUState *cpu, const uint32_t *args)
{
    return sys_do_readlinkat(AT_FDCWD, args[0], args[1], args[2]);
}

int64_t sys_readlinkat(CPUState *cpu, const uint32_t *args)
{
    return sys_do_readlinkat(sys_dirfd(args[0]), args[1], args[2], args[3]);
}

/* ---- fd duplication and pipes ----------------------------------------------------------- */

int64_t sys_dup(CPUState *cpu, const uint32_t *args)
{
    int r = dup((int)args[0]);
    return SYS_RET(r);
}

int64_t sys_dup2(CPUState *cpu, const uint32_t *args)
{
    int oldfd = (int)args[0], newfd = (int)args[1];
    if (oldfd != newfd) {
        if (sys_is_log_fd(newfd)) {
            return SYS_ERR(EBUSY);
        }
        sys_dir_forget_fd(newfd);
        sys_fd_forget(newfd);
    }
    int r = dup2(oldfd, newfd);
    return SYS_RET(r);
}

int64_t sys_dup3(CPUState *cpu, const uint32_t *args)
{
    int oldfd = (int)args[0], newfd = (int)args[1];
    int flags = (int)sys_flags_to_host(sys_abi->open_flags, args[2]);
    if (sys_is_log_fd(newfd) && oldfd != newfd) {
        return SYS_ERR(EBUSY);
    }
    if (oldfd != newfd) {
        sys_dir_forget_fd(newfd);
        sys_fd_forget(newfd);
    }
    int r = dup3(oldfd, newfd, flags);
    return SYS_RET(r);
}

static int64_t sys_do_pipe2(uint32_t addr, uint32_t guest_flags)
{
    uint8_t *g = sys_guest_ptr(addr, 8, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    int fds[2];
    if (pipe2(fds, (int)sys_flags_to_host(sys_abi->open_flags, guest_flags)) < 0) {
        return SYS_ERR(errno);
    }
    put_guest_u32(g, (uint32_t)fds[0]);
    put_guest_u32(g + 4, (uint32_t)fds[1]);
    return 0;
}

int64_t sys_pipe(CPUState *cpu, const uint32_t *args)
{
    return sys_do_pipe2(args[0], 0);
}

int64_t sys_pipe2(CPUState *cpu, const uint32_t *args)
{
    return sys_do_pipe2(args[0], args[1]);
}

/* ---- directories and links ------------------------------------------------------------- */

int64_t sys_mkdir(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(mkdir(path, (mode_t)args[1]));
}

int64_t sys_mkdirat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[1]);
    return SYS_RET(mkdirat(sys_dirfd(args[0]), path, (mode_t)args[2]));
}

int64_t sys_rmdir(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(rmdir(path));
}

int64_t sys_unlink(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(unlink(path));
}

int64_t sys_unlinkat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[1]);
    return SYS_RET(unlinkat(sys_dirfd(args[0]), path, (int)args[2]));
}

int64_t sys_rename(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(from, args[0]);
    GET_PATH(to, args[1]);
    return SYS_RET(rename(from, to));
}

int64_t sys_renameat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(from, args[1]);
    GET_PATH(to, args[3]);
    return SYS_RET(renameat(sys_dirfd(args[0]), from, sys_dirfd(args[2]), to));
}

int64_t sys_renameat2(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(from, args[1]);
    GET_PATH(to, args[3]);
    long r = syscall(SYS_renameat2, sys_dirfd(args[0]), from, sys_dirfd(args[2]), to,
                     (unsigned)args[4]);
    return SYS_RET(r);
}

int64_t sys_link(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(from, args[0]);
    GET_PATH(to, args[1]);
    return SYS_RET(link(from, to));
}

int64_t sys_linkat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(from, args[1]);
    GET_PATH(to, args[3]);
    return SYS_RET(linkat(sys_dirfd(args[0]), from, sys_dirfd(args[2]), to, (int)args[4]));
}

/* The link target is content, not a path we look up: no -L redirection. */
int64_t sys_symlink(CPUState *cpu, const uint32_t *args)
{
    const char *target = sys_guest_str(args[0]);
    if (!target) {
        return SYS_ERR(EFAULT);
    }
    GET_PATH(path, args[1]);
    return SYS_RET(symlink(target, path));
}

int64_t sys_symlinkat(CPUState *cpu, const uint32_t *args)
{
    const char *target = sys_guest_str(args[0]);
    if (!target) {
        return SYS_ERR(EFAULT);
    }
    GET_PATH(path, args[2]);
    return SYS_RET(symlinkat(target, sys_dirfd(args[1]), path));
}

/* ---- permissions and ownership ------------------------------------------------------- */

int64_t sys_chmod(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(chmod(path, (mode_t)args[1]));
}

int64_t sys_fchmod(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(fchmod((int)args[0], (mode_t)args[1]));
}

int64_t sys_fchmodat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[1]);
    long r = syscall(SYS_fchmodat, sys_dirfd(args[0]), path, (mode_t)args[2]);
    return SYS_RET(r);
}

#define SYS_HOST_NR_fchmodat2 452 /* x86_64 */

int64_t sys_fchmodat2(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[1]);
    long r = syscall(SYS_HOST_NR_fchmodat2, sys_dirfd(args[0]), path, (mode_t)args[2],
                     (unsigned)args[3]);
    return SYS_RET(r);
}

int64_t sys_chown32(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(chown(path, (uid_t)args[1], (gid_t)args[2]));
}

int64_t sys_lchown32(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(lchown(path, (uid_t)args[1], (gid_t)args[2]));
}

int64_t sys_fchown32(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(fchown((int)args[0], (uid_t)args[1], (gid_t)args[2]));
}

int64_t sys_fchownat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[1]);
    return SYS_RET(fchownat(sys_dirfd(args[0]), path, (uid_t)args[2], (gid_t)args[3],
                            (int)args[4]));
}

int64_t sys_umask(CPUState *cpu, const uint32_t *args)
{
    return umask((mode_t)(args[0] & 0777));
}

/* ---- cwd ------------------------------------------------------------------------------ */

int64_t sys_chdir(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(chdir(path));
}

int64_t sys_fchdir(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(fchdir((int)args[0]));
}

/* getcwd(buf, size): returns the length including the NUL, as the kernel does. */
int64_t sys_getcwd(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = sys_guest_span(args[0], args[1], PAGE_WRITE);
    if (args[1] && !n) {
        return SYS_ERR(EFAULT);
    }
    long r = syscall(SYS_getcwd, g2h(args[0]), (size_t)n);
    return SYS_RET(r);
}

/* ---- size and sync ------------------------------------------------------------------ */

/* truncate64(path, pad, len_lo, len_hi) */
int64_t sys_truncate64(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(truncate(path, (off_t)sys_arg64(args, 2)));
}

int64_t sys_ftruncate64(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(ftruncate((int)args[0], (off_t)sys_arg64(args, 2)));
}

int64_t sys_truncate(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    return SYS_RET(truncate(path, (int32_t)args[1]));
}

int64_t sys_ftruncate(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(ftruncate((int)args[0], (int32_t)args[1]));
}

int64_t sys_fsync(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(fsync((int)args[0]));
}

int64_t sys_fdatasync(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(fdatasync((int)args[0]));
}

int64_t sys_sync(CPUState *cpu, const uint32_t *args)
{
    sync();
    return 0;
}

int64_t sys_syncfs(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syncfs((int)args[0]));
}

/* arm_fadvise64_64(fd, advice, off_lo, off_hi, len_lo, len_hi): advice comes second. */
int64_t sys_arm_fadvise64_64(CPUState *cpu, const uint32_t *args)
{
    long r = syscall(SYS_fadvise64, (int)args[0], (off_t)sys_arg64(args, 2),
                     (off_t)sys_arg64(args, 4), (int)args[1]);
    return SYS_RET(r);
}

/* fallocate(fd, mode, off_lo, off_hi, len_lo, len_hi) */
int64_t sys_fallocate(CPUState *cpu, const uint32_t *args)
{
    long r = syscall(SYS_fallocate, (int)args[0], (int)args[1], (off_t)sys_arg64(args, 2),
                     (off_t)sys_arg64(args, 4));
    return SYS_RET(r);
}

/* sendfile64(out_fd, in_fd, loff_t *offset, count) */
int64_t sys_sendfile64(CPUState *cpu, const uint32_t *args)
{
    off_t off;
    void *g = NULL;
    if (args[2]) {
        g = sys_guest_ptr(args[2], 8, PAGE_WRITE);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        off = (off_t)get_guest_u64(g);
    }
    ssize_t r = sendfile((int)args[0], (int)args[1], g ? &off : NULL, args[3]);
    if (r >= 0 && g) {
        put_guest_u64(g, (uint64_t)off);
    }
    return SYS_RET(r);
}

int64_t sys_flock(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(flock((int)args[0], (int)args[1]));
}

int64_t sys_close_range(CPUState *cpu, const uint32_t *args)
{
    uint32_t first = args[0], last = args[1];
    if (!(args[2] & 4 /* CLOSE_RANGE_CLOEXEC */)) {
        for (uint32_t fd = first; fd <= last && fd < 65536; fd++) {
            sys_dir_forget_fd((int)fd);
            sys_fd_forget((int)fd);
        }
        /* Keep the -D log open: close around it. */
        if (xemu_log_file && xemu_log_file != stderr) {
            uint32_t lfd = (uint32_t)fileno(xemu_log_file);
            if (lfd >= first && lfd <= last) {
                long r = 0;
                if (lfd > first) {
                    r = syscall(SYS_close_range, first, lfd - 1, args[2]);
                }
                if (r == 0 && lfd < last) {
                    r = syscall(SYS_close_range, lfd + 1, last, args[2]);
                }
                return SYS_RET(r);
            }
        }
    }
    long r = syscall(SYS_close_range, first, last, args[2]);
    return SYS_RET(r);
}

int64_t sys_memfd_create(CPUState *cpu, const uint32_t *args)
{
    const char *name = sys_guest_str(args[0]);
    if (!name) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(memfd_create(name, args[1]));
}

/* ---- timestamps ------------------------------------------------------------------- */

static int64_t sys_do_utimensat(const uint32_t *args, bool time64)
{
    struct timespec ts[2];
    const char *path = NULL;
    char path_buf[SYS_PATH_BUF];
    if (args[1]) {
        path = sys_guest_path(args[1], path_buf, sizeof path_buf);
        if (!path) {
            return SYS_ERR(EFAULT);
        }
    }
    if (args[2]) {
        uint32_t sz = time64 ? 16 : 8;
        int e = sys_get_timespec(&ts[0], args[2], time64);
        if (!e) {
            e = sys_get_timespec(&ts[1], args[2] + sz, time64);
        }
        if (e) {
            return e;
        }
    }
    long r = syscall(SYS_utimensat, sys_dirfd(args[0]), path, args[2] ? ts : NULL, (int)args[3]);
    return SYS_RET(r);
}

int64_t sys_utimensat(CPUState *cpu, const uint32_t *args)
{
    return sys_do_utimensat(args, false);
}

int64_t sys_utimensat_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_utimensat(args, true);
}

/* ---- device nodes --------------------------------------------------------------------- */

/* The guest's 32-bit dev_t uses the kernel's new encoding, which the host decodes too. */
int64_t sys_mknod(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[0]);
    long r = syscall(SYS_mknodat, AT_FDCWD, path, (mode_t)args[1], (unsigned)args[2]);
    return SYS_RET(r);
}

int64_t sys_mknodat(CPUState *cpu, const uint32_t *args)
{
    GET_PATH(path, args[1]);
    long r = syscall(SYS_mknodat, sys_dirfd(args[0]), path, (mode_t)args[2], (unsigned)args[3]);
    return SYS_RET(r);
}

/* ---- poll ---------------------------------------------------------------------- */

/* struct pollfd is { int fd; short events; short revents; } on every guest. */
static int64_t sys_do_poll(uint32_t fds_addr, uint32_t nfds, const struct timespec *tmo)
{
    if (nfds > 65536) {
        return SYS_ERR(EINVAL);
    }
    uint8_t *g = sys_guest_ptr(fds_addr, nfds * 8, PAGE_READ | PAGE_WRITE);
    if (!g && nfds) {
        return SYS_ERR(EFAULT);
    }
    struct pollfd *pfd = g_new(struct pollfd, nfds ? nfds : 1);
    for (uint32_t i = 0; i < nfds; i++) {
        pfd[i].fd = (int32_t)get_guest_u32(g + i * 8);
        pfd[i].events = (int16_t)get_guest_u16(g + i * 8 + 4);
        pfd[i].revents = 0;
    }
    int r = ppoll(pfd, nfds, tmo, NULL);
    int64_t ret = SYS_RET(r);
    if (r >= 0) {
        for (uint32_t i = 0; i < nfds; i++) {
            put_guest_u16(g + i * 8 + 6, (uint16_t)pfd[i].revents);
        }
    }
    g_free(pfd);
    return ret;
}

int64_t sys_poll(CPUState *cpu, const uint32_t *args)
{
    int32_t ms = (int32_t)args[2];
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    return sys_do_poll(args[0], args[1], ms < 0 ? NULL : &ts);
}

/* ppoll(fds, nfds, tmo, sigmask, sigsetsize): the wait runs under the guest sigmask. */
static int64_t sys_do_ppoll(CPUState *cpu, const uint32_t *args, bool time64)
{
    struct timespec ts;
    if (args[2]) {
        int e = sys_get_timespec(&ts, args[2], time64);
        if (e) {
            return e;
        }
    }
    int m = sys_temp_sigmask_begin(cpu, args[3], args[4]);
    if (m < 0) {
        return m;
    }
    int64_t r = sys_do_poll(args[0], args[1], args[2] ? &ts : NULL);
    sys_temp_sigmask_end(cpu, m);
    return r;
}

int64_t sys_ppoll(CPUState *cpu, const uint32_t *args)
{
    return sys_do_ppoll(cpu, args, false);
}

int64_t sys_ppoll_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_ppoll(cpu, args, true);
}

/* ---- select ------------------------------------------------------------------------ */

/*
 * Guest fd_set: an array of 32-bit words in guest byte order, fd n is bit n % 32 of word
 * n / 32. Returns -EFAULT for a bad pointer; addr 0 leaves *set NULL.
 */
static int sys_get_fdset(uint32_t addr, int nfds, fd_set *hs, fd_set **set)
{
    *set = NULL;
    if (!addr) {
        return 0;
    }
    uint32_t words = ((uint32_t)nfds + 31) / 32;
    const uint8_t *g = sys_guest_ptr(addr, words * 4, PAGE_READ | PAGE_WRITE);
    if (!g) {
        return -EFAULT;
    }
    FD_ZERO(hs);
    for (int fd = 0; fd < nfds; fd++) {
        if (get_guest_u32(g + (fd / 32) * 4) & (1u << (fd % 32))) {
            FD_SET(fd, hs);
        }
    }
    *set = hs;
    return 0;
}

static void sys_put_fdset(uint32_t addr, int nfds, const fd_set *hs)
{
    if (!addr) {
        return;
    }
    uint8_t *g = g2h(addr);
    for (int w = 0; w < (nfds + 31) / 32; w++) {
        uint32_t v = 0;
        for (int b = 0; b < 32 && w * 32 + b < nfds; b++) {
            if (FD_ISSET(w * 32 + b, hs)) {
                v |= 1u << b;
            }
        }
        put_guest_u32(g + w * 4, v);
    }
}

static int64_t sys_do_select(const uint32_t *args, struct timespec *tmo)
{
    int nfds = (int)args[0];
    if (nfds < 0 || nfds > FD_SETSIZE) {
        return SYS_ERR(EINVAL);
    }
    fd_set hs[3], *sets[3];
    for (int i = 0; i < 3; i++) {
        int e = sys_get_fdset(args[1 + i], nfds, &hs[i], &sets[i]);
        if (e) {
            return e;
        }
    }
    /* The raw call updates *tmo with the time left, as select reports it. */
    long r = syscall(SYS_pselect6, nfds, sets[0], sets[1], sets[2], tmo, NULL);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    for (int i = 0; i < 3; i++) {
        sys_put_fdset(args[1 + i], nfds, &hs[i]);
    }
    return r;
}

/* _newselect(nfds, readfds, writefds, exceptfds, struct timeval *) */
int64_t sys__newselect(CPUState *cpu, const uint32_t *args)
{
    struct timespec ts, *tsp = NULL;
    uint8_t *g = NULL;
    if (args[4]) {
        if (!(g = sys_guest_ptr(args[4], 8, PAGE_READ | PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        ts.tv_sec = (int32_t)get_guest_u32(g);
        ts.tv_nsec = (int32_t)get_guest_u32(g + 4) * 1000L;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L) {
            return SYS_ERR(EINVAL);
        }
        tsp = &ts;
    }
    int64_t r = sys_do_select(args, tsp);
    if (g) {
        /* Linux reports the time left. */
        put_guest_u32(g, (uint32_t)ts.tv_sec);
        put_guest_u32(g + 4, (uint32_t)(ts.tv_nsec / 1000));
    }
    return r;
}

/*
 * pselect6(nfds, r, w, e, timespec *, data *): data is { const sigset_t *ss; size_t
 * len }, the sigmask the wait runs under.
 */
static int64_t sys_do_pselect6(CPUState *cpu, const uint32_t *args, bool time64)
{
    struct timespec ts, *tsp = NULL;
    if (args[4]) {
        int e = sys_get_timespec(&ts, args[4], time64);
        if (e) {
            return e;
        }
        tsp = &ts;
    }
    int m = 0;
    if (args[5]) {
        const uint8_t *d = sys_guest_ptr(args[5], 8, PAGE_READ);
        if (!d) {
            return SYS_ERR(EFAULT);
        }
        m = sys_temp_sigmask_begin(cpu, get_guest_u32(d), get_guest_u32(d + 4));
        if (m < 0) {
            return m;
        }
    }
    int64_t r = sys_do_select(args, tsp);
    sys_temp_sigmask_end(cpu, m);
    if (tsp && r >= 0) {
        sys_put_timespec(args[4], &ts, time64);
    }
    return r;
}

int64_t sys_pselect6(CPUState *cpu, const uint32_t *args)
{
    return sys_do_pselect6(cpu, args, false);
}

int64_t sys_pselect6_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_pselect6(cpu, args, true);
}
