/*
 * MIPS o32 guest ABI for the syscall layer: syscall numbers (syscall_nr.h, 4000 + n),
 * the MIPS errno and signal numbering, open/mmap flag bits, rlimit numbering, the o32
 * struct layouts (stat, stat64, statfs, statfs64, flock, flock64, termios, sigaction,
 * stack_t) written field by field in guest byte order (big or little endian), fcntl and
 * ioctl numbers, and the o32-only calls: pipe's two-register result, the old mmap with a
 * byte offset, set_thread_area, cacheflush, cachectl, sysmips, waitpid, getrlimit with
 * the o32 RLIM_INFINITY, fadvise64/readahead/sync_file_range with their padded argument
 * layouts, time, and the 32-bit-id names (getuid, chown...) of calls the generic table
 * knows under ARM's *32 names.
 *
 * Layouts and constants were checked against the MIPS kernel uapi headers (a program
 * printing offsetof/sizeof, built with mips-linux-gnu-gcc and mipsel-linux-gnu-gcc, run
 * under qemu-mips/qemu-mipsel); struct flock follows the kernel ABI (l_sysid before
 * l_pid), as glibc does. The numbers are asserted in tests/unit/test_mips_syscall.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <linux/fs.h>
#include <linux/random.h>
#include <linux/sockios.h>

#include <glib.h>

#include "frontend/mips/cpu.h"
#include "linux-user/mips/mips_user.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

static const char *const mips_nr_names[] = {
#define SYSCALL_NR(name, nr) [(nr) - MIPS_NR_BASE] = #name,
#include "linux-user/mips/syscall_nr.h"
#undef SYSCALL_NR
};

/* ---- errno: MIPS numbers differ from 35 up (asm/errno.h) -------------------------------- */

static const uint16_t mips_errno_tbl[] = {
    [ENOMSG] = 35, [EIDRM] = 36, [ECHRNG] = 37, [EL2NSYNC] = 38, [EL3HLT] = 39,
    [EL3RST] = 40, [ELNRNG] = 41, [EUNATCH] = 42, [ENOCSI] = 43, [EL2HLT] = 44,
    [EDEADLK] = 45, [ENOLCK] = 46, [EBADE] = 50, [EBADR] = 51, [EXFULL] = 52,
    [ENOANO] = 53, [EBADRQC] = 54, [EBADSLT] = 55, [EBFONT] = 59, [ENOSTR] = 60,
    [ENODATA] = 61, [ETIME] = 62, [ENOSR] = 63, [ENONET] = 64, [ENOPKG] = 65,
    [EREMOTE] = 66, [ENOLINK] = 67, [EADV] = 68, [ESRMNT] = 69, [ECOMM] = 70,
    [EPROTO] = 71, [EDOTDOT] = 73, [EMULTIHOP] = 74, [EBADMSG] = 77,
    [ENAMETOOLONG] = 78, [EOVERFLOW] = 79, [ENOTUNIQ] = 80, [EBADFD] = 81,
    [EREMCHG] = 82, [ELIBACC] = 83, [ELIBBAD] = 84, [ELIBSCN] = 85, [ELIBMAX] = 86,
    [ELIBEXEC] = 87, [EILSEQ] = 88, [ENOSYS] = 89, [ELOOP] = 90, [ERESTART] = 91,
    [ESTRPIPE] = 92, [ENOTEMPTY] = 93, [EUSERS] = 94, [ENOTSOCK] = 95,
    [EDESTADDRREQ] = 96, [EMSGSIZE] = 97, [EPROTOTYPE] = 98, [ENOPROTOOPT] = 99,
    [EPROTONOSUPPORT] = 120, [ESOCKTNOSUPPORT] = 121, [EOPNOTSUPP] = 122,
    [EPFNOSUPPORT] = 123, [EAFNOSUPPORT] = 124, [EADDRINUSE] = 125,
    [EADDRNOTAVAIL] = 126, [ENETDOWN] = 127, [ENETUNREACH] = 128, [ENETRESET] = 129,
    [ECONNABORTED] = 130, [ECONNRESET] = 131, [ENOBUFS] = 132, [EISCONN] = 133,
    [ENOTCONN] = 134, [EUCLEAN] = 135, [ENOTNAM] = 137, [ENAVAIL] = 138,
    [EISNAM] = 139, [EREMOTEIO] = 140, [ESHUTDOWN] = 143, [ETOOMANYREFS] = 144,
    [ETIMEDOUT] = 145, [ECONNREFUSED] = 146, [EHOSTDOWN] = 147, [EHOSTUNREACH] = 148,
    [EALREADY] = 149, [EINPROGRESS] = 150, [ESTALE] = 151, [ECANCELED] = 158,
    [ENOMEDIUM] = 159, [EMEDIUMTYPE] = 160, [ENOKEY] = 161, [EKEYEXPIRED] = 162,
    [EKEYREVOKED] = 163, [EKEYREJECTED] = 164, [EOWNERDEAD] = 165,
    [ENOTRECOVERABLE] = 166, [ERFKILL] = 167, [EHWPOISON] = 168, [EDQUOT] = 1133,
};

static int mips_errno_to_guest(int e)
{
    if (e > 0 && e < (int)G_N_ELEMENTS(mips_errno_tbl) && mips_errno_tbl[e]) {
        return mips_errno_tbl[e];
    }
    return e; /* 1..34 are the same; anything unknown passes through */
}

/* ---- signals (asm/signal.h): 1-6, 8, 9, 11, 13-15 match x86_64 ------------------------ */

/* MIPS number -> host number for 1..31 (0: none on the host, SIGEMT). */
static const uint8_t mips_sig_to_host_tbl[32] = {
    [1] = SIGHUP, [2] = SIGINT, [3] = SIGQUIT, [4] = SIGILL, [5] = SIGTRAP,
    [6] = SIGABRT, [7] = 0 /* SIGEMT */, [8] = SIGFPE, [9] = SIGKILL, [10] = SIGBUS,
    [11] = SIGSEGV, [12] = SIGSYS, [13] = SIGPIPE, [14] = SIGALRM, [15] = SIGTERM,
    [16] = SIGUSR1, [17] = SIGUSR2, [18] = SIGCHLD, [19] = SIGPWR, [20] = SIGWINCH,
    [21] = SIGURG, [22] = SIGIO, [23] = SIGSTOP, [24] = SIGTSTP, [25] = SIGCONT,
    [26] = SIGTTIN, [27] = SIGTTOU, [28] = SIGVTALRM, [29] = SIGPROF, [30] = SIGXCPU,
    [31] = SIGXFSZ,
};

/* Guest signals with no host counterpart (SIGEMT, 65..127) map to -1: EINVAL. */
static int mips_signal_to_host(int sig)
{
    if (sig >= 1 && sig < 32) {
        return mips_sig_to_host_tbl[sig] ? mips_sig_to_host_tbl[sig] : -1;
    }
    if (sig >= 32 && sig <= 64) {
        return sig; /* real-time signals: SIGRTMIN is 32 on both */
    }
    return -1;
}

static int mips_signal_to_guest(int host)
{
    for (int s = 1; s < 32; s++) {
        if (mips_sig_to_host_tbl[s] == host) {
            return s;
        }
    }
    if (host == SIGSTKFLT) {
        return 7; /* no MIPS SIGSTKFLT; as close as it gets */
    }
    return host;
}

/* ---- rlimits: NOFILE, AS, RSS, NPROC, MEMLOCK are renumbered (asm/resource.h) --------- */

static int mips_rlimit_to_host(int r)
{
    switch (r) {
    case 5: return RLIMIT_NOFILE;
    case 6: return RLIMIT_AS;
    case 7: return RLIMIT_RSS;
    case 8: return RLIMIT_NPROC;
    case 9: return RLIMIT_MEMLOCK;
    default: return r;
    }
}

/* ---- open flags (asm/fcntl.h, the rest from asm-generic) -------------------------------- */

static const SysBitmap mips_open_flags[] = {
    { 03, 00, 03, O_RDONLY },
    { 03, 01, 03, O_WRONLY },
    { 03, 02, 03, O_RDWR },
    { 0x0008, 0x0008, O_APPEND, O_APPEND },
    { 0x0010, 0x0010, O_DSYNC, O_DSYNC },
    { 0x0080, 0x0080, O_NONBLOCK, O_NONBLOCK },
    { 0x0100, 0x0100, O_CREAT, O_CREAT },
    { 0x0200, 0x0200, O_TRUNC, O_TRUNC },
    { 0x0400, 0x0400, O_EXCL, O_EXCL },
    { 0x0800, 0x0800, O_NOCTTY, O_NOCTTY },
    { 0x1000, 0x1000, FASYNC, FASYNC },
    { 0x2000, 0x2000, 0100000, 0100000 }, /* O_LARGEFILE */
    { 0x4000, 0x4000, 04000000, 04000000 }, /* __O_SYNC */
    { 0x8000, 0x8000, O_DIRECT, O_DIRECT },
    { 0x10000, 0x10000, O_DIRECTORY, O_DIRECTORY },
    { 0x20000, 0x20000, O_NOFOLLOW, O_NOFOLLOW },
    { 0x40000, 0x40000, O_NOATIME, O_NOATIME },
    { 0x80000, 0x80000, O_CLOEXEC, O_CLOEXEC },
    { 0x200000, 0x200000, O_PATH, O_PATH },
    { 0x400000, 0x400000, 020000000, 020000000 }, /* __O_TMPFILE */
    { 0, 0, 0, 0 },
};

/* ---- mmap flags (asm/mman.h); MIPS has no MAP_SYNC ---------------------------------------- */

static const SysBitmap mips_mmap_flags[] = {
    { 0x0f, 0x01, 0x0f, MAP_SHARED },
    { 0x0f, 0x02, 0x0f, MAP_PRIVATE },
    { 0x0f, 0x03, 0x0f, MAP_SHARED_VALIDATE },
    { 0x10, 0x10, MAP_FIXED, MAP_FIXED },
    { 0x400, 0x400, MAP_NORESERVE, MAP_NORESERVE },
    { 0x800, 0x800, MAP_ANONYMOUS, MAP_ANONYMOUS },
    { 0x1000, 0x1000, MAP_GROWSDOWN, MAP_GROWSDOWN },
    { 0x2000, 0x2000, MAP_DENYWRITE, MAP_DENYWRITE },
    { 0x4000, 0x4000, MAP_EXECUTABLE, MAP_EXECUTABLE },
    { 0x8000, 0x8000, MAP_LOCKED, MAP_LOCKED },
    { 0x10000, 0x10000, MAP_POPULATE, MAP_POPULATE },
    { 0x20000, 0x20000, MAP_NONBLOCK, MAP_NONBLOCK },
    { 0x40000, 0x40000, MAP_STACK, MAP_STACK },
    { 0x80000, 0x80000, MAP_HUGETLB, MAP_HUGETLB },
    { 0x100000, 0x100000, MAP_FIXED_NOREPLACE, MAP_FIXED_NOREPLACE },
    { 0, 0, 0, 0 },
};

/* ---- struct stat (144 bytes) and struct stat64 (104 bytes) ---------------------------- */

static int mips_put_stat(void *g, const struct stat *st)
{
    uint8_t *p = g;
    if (st->st_ino > UINT32_MAX || st->st_size > INT32_MAX) {
        return -EOVERFLOW;
    }
    memset(p, 0, 144);
    put_guest_u32(p + 0, (uint32_t)st->st_dev);
    put_guest_u32(p + 16, (uint32_t)st->st_ino);
    put_guest_u32(p + 20, st->st_mode);
    put_guest_u32(p + 24, (uint32_t)st->st_nlink);
    put_guest_u32(p + 28, st->st_uid);
    put_guest_u32(p + 32, st->st_gid);
    put_guest_u32(p + 36, (uint32_t)st->st_rdev);
    put_guest_u32(p + 48, (uint32_t)st->st_size);
    put_guest_u32(p + 56, (uint32_t)st->st_atim.tv_sec);
    put_guest_u32(p + 60, (uint32_t)st->st_atim.tv_nsec);
    put_guest_u32(p + 64, (uint32_t)st->st_mtim.tv_sec);
    put_guest_u32(p + 68, (uint32_t)st->st_mtim.tv_nsec);
    put_guest_u32(p + 72, (uint32_t)st->st_ctim.tv_sec);
    put_guest_u32(p + 76, (uint32_t)st->st_ctim.tv_nsec);
    put_guest_u32(p + 80, (uint32_t)st->st_blksize);
    put_guest_u32(p + 84, (uint32_t)st->st_blocks);
    return 0;
}

static void mips_put_stat64(void *g, const struct stat *st)
{
    uint8_t *p = g;
    memset(p, 0, 104);
    put_guest_u32(p + 0, (uint32_t)st->st_dev);
    put_guest_u64(p + 16, st->st_ino);
    put_guest_u32(p + 24, st->st_mode);
    put_guest_u32(p + 28, (uint32_t)st->st_nlink);
    put_guest_u32(p + 32, st->st_uid);
    put_guest_u32(p + 36, st->st_gid);
    put_guest_u32(p + 40, (uint32_t)st->st_rdev);
    put_guest_u64(p + 56, (uint64_t)st->st_size);
    put_guest_u32(p + 64, (uint32_t)st->st_atim.tv_sec);
    put_guest_u32(p + 68, (uint32_t)st->st_atim.tv_nsec);
    put_guest_u32(p + 72, (uint32_t)st->st_mtim.tv_sec);
    put_guest_u32(p + 76, (uint32_t)st->st_mtim.tv_nsec);
    put_guest_u32(p + 80, (uint32_t)st->st_ctim.tv_sec);
    put_guest_u32(p + 84, (uint32_t)st->st_ctim.tv_nsec);
    put_guest_u32(p + 88, (uint32_t)st->st_blksize);
    put_guest_u64(p + 96, (uint64_t)st->st_blocks);
}

/* ---- struct statfs (68 bytes) and struct statfs64 (96 bytes): f_frsize third ------------ */

static int mips_put_statfs(void *g, const struct statfs *st)
{
    uint8_t *p = g;
    uint64_t files = st->f_files, ffree = st->f_ffree;
    if (((uint64_t)st->f_blocks | st->f_bfree | st->f_bavail) > UINT32_MAX) {
        return -EOVERFLOW;
    }
    if ((files != UINT64_MAX && files > UINT32_MAX) ||
        (ffree != UINT64_MAX && ffree > UINT32_MAX)) {
        return -EOVERFLOW;
    }
    memset(p, 0, 68);
    put_guest_u32(p + 0, (uint32_t)st->f_type);
    put_guest_u32(p + 4, (uint32_t)st->f_bsize);
    put_guest_u32(p + 8, (uint32_t)st->f_frsize);
    put_guest_u32(p + 12, (uint32_t)st->f_blocks);
    put_guest_u32(p + 16, (uint32_t)st->f_bfree);
    put_guest_u32(p + 20, (uint32_t)files);
    put_guest_u32(p + 24, (uint32_t)ffree);
    put_guest_u32(p + 28, (uint32_t)st->f_bavail);
    put_guest_u32(p + 32, (uint32_t)st->f_fsid.__val[0]);
    put_guest_u32(p + 36, (uint32_t)st->f_fsid.__val[1]);
    put_guest_u32(p + 40, (uint32_t)st->f_namelen);
    put_guest_u32(p + 44, (uint32_t)st->f_flags);
    return 0;
}

static void mips_put_statfs64(void *g, const struct statfs *st)
{
    uint8_t *p = g;
    memset(p, 0, 96);
    put_guest_u32(p + 0, (uint32_t)st->f_type);
    put_guest_u32(p + 4, (uint32_t)st->f_bsize);
    put_guest_u32(p + 8, (uint32_t)st->f_frsize);
    put_guest_u64(p + 16, st->f_blocks);
    put_guest_u64(p + 24, st->f_bfree);
    put_guest_u64(p + 32, st->f_files);
    put_guest_u64(p + 40, st->f_ffree);
    put_guest_u64(p + 48, st->f_bavail);
    put_guest_u32(p + 56, (uint32_t)st->f_fsid.__val[0]);
    put_guest_u32(p + 60, (uint32_t)st->f_fsid.__val[1]);
    put_guest_u32(p + 64, (uint32_t)st->f_namelen);
    put_guest_u32(p + 68, (uint32_t)st->f_flags);
}

/* ---- struct flock (36 bytes: l_sysid, l_pid, pad[4]) and struct flock64 (32 bytes) ----- */

static void mips_get_flock(struct flock *h, const void *g)
{
    const uint8_t *p = g;
    h->l_type = (int16_t)get_guest_u16(p + 0);
    h->l_whence = (int16_t)get_guest_u16(p + 2);
    h->l_start = (int32_t)get_guest_u32(p + 4);
    h->l_len = (int32_t)get_guest_u32(p + 8);
    h->l_pid = (int32_t)get_guest_u32(p + 16);
}

static int mips_put_flock(void *g, const struct flock *h)
{
    uint8_t *p = g;
    if (h->l_start != (int32_t)h->l_start || h->l_len != (int32_t)h->l_len) {
        return -EOVERFLOW;
    }
    /* The kernel copies the whole struct back: l_sysid and the padding are zero. */
    memset(p, 0, 36);
    put_guest_u16(p + 0, (uint16_t)h->l_type);
    put_guest_u16(p + 2, (uint16_t)h->l_whence);
    put_guest_u32(p + 4, (uint32_t)h->l_start);
    put_guest_u32(p + 8, (uint32_t)h->l_len);
    put_guest_u32(p + 16, (uint32_t)h->l_pid);
    return 0;
}

static void mips_get_flock64(struct flock *h, const void *g)
{
    const uint8_t *p = g;
    h->l_type = (int16_t)get_guest_u16(p + 0);
    h->l_whence = (int16_t)get_guest_u16(p + 2);
    h->l_start = (int64_t)get_guest_u64(p + 8);
    h->l_len = (int64_t)get_guest_u64(p + 16);
    h->l_pid = (int32_t)get_guest_u32(p + 24);
}

static void mips_put_flock64(void *g, const struct flock *h)
{
    uint8_t *p = g;
    memset(p, 0, 32);
    put_guest_u16(p + 0, (uint16_t)h->l_type);
    put_guest_u16(p + 2, (uint16_t)h->l_whence);
    put_guest_u64(p + 8, (uint64_t)h->l_start);
    put_guest_u64(p + 16, (uint64_t)h->l_len);
    put_guest_u32(p + 24, (uint32_t)h->l_pid);
}

/*
 * MIPS fcntl numbers: F_GETLK is 14 (not 5), F_SETOWN/F_GETOWN are 24/23, the flock64
 * commands are 33..35; the rest are generic. As on other 32-bit kernels, fcntl64 takes
 * struct flock64 for the OFD locks and fcntl takes struct flock.
 */
static SysFcntlKind mips_fcntl_cmd(int cmd, bool fcntl64, int *host)
{
    *host = cmd;
    switch (cmd) {
    case 0: case 1: case 2: case 10: case 11:
    case 1024: case 1025: case 1026: case 1030: case 1031: case 1032: case 1033: case 1034:
        return SYS_FCNTL_INT;
    case 24:
        *host = F_SETOWN;
        return SYS_FCNTL_INT;
    case 23:
        *host = F_GETOWN;
        return SYS_FCNTL_INT;
    case 3:
        return SYS_FCNTL_GETFL;
    case 4:
        return SYS_FCNTL_SETFL;
    case 14:
        *host = F_GETLK;
        return SYS_FCNTL_FLOCK;
    case 6:
        *host = F_SETLK;
        return SYS_FCNTL_FLOCK;
    case 7:
        *host = F_SETLKW;
        return SYS_FCNTL_FLOCK;
    case 33: case 34: case 35:
        *host = cmd - 33 + F_GETLK;
        return SYS_FCNTL_FLOCK64;
    case 15: case 16:
        return SYS_FCNTL_OWNER_EX;
    case 36: case 37: case 38:
        return fcntl64 ? SYS_FCNTL_FLOCK64 : SYS_FCNTL_FLOCK;
    default:
        return SYS_FCNTL_UNKNOWN;
    }
}

/* ---- termios: NCCS 23 with MIPS c_cc indices; IEXTEN, TOSTOP, FLUSHO differ ------------- */

/* MIPS c_cc index of each host (asm-generic) index; -1: none. */
static const int8_t mips_cc_index[19] = {
    [VINTR] = 0, [VQUIT] = 1, [VERASE] = 2, [VKILL] = 3, [VEOF] = 16, [VTIME] = 5,
    [VMIN] = 4, [VSWTC] = 7, [VSTART] = 8, [VSTOP] = 9, [VSUSP] = 10, [VEOL] = 17,
    [VREPRINT] = 12, [VDISCARD] = 13, [VWERASE] = 14, [VLNEXT] = 15, [VEOL2] = 6,
    [17] = -1, [18] = -1,
};

#define MIPS_IEXTEN 0x0100u
#define MIPS_FLUSHO 0x2000u
#define MIPS_TOSTOP 0x8000u

static const SysBitmap mips_lflag_map[] = {
    { MIPS_IEXTEN, MIPS_IEXTEN, IEXTEN, IEXTEN },
    { MIPS_FLUSHO, MIPS_FLUSHO, FLUSHO, FLUSHO },
    { MIPS_TOSTOP, MIPS_TOSTOP, TOSTOP, TOSTOP },
    { 0, 0, 0, 0 },
};
#define MIPS_LFLAG_DIFF (MIPS_IEXTEN | MIPS_FLUSHO | MIPS_TOSTOP)
#define HOST_LFLAG_DIFF (IEXTEN | FLUSHO | TOSTOP)

static void mips_get_termios(SysKTermios *h, const void *g)
{
    const uint8_t *p = g;
    uint32_t lflag = get_guest_u32(p + 12);
    h->c_iflag = get_guest_u32(p + 0);
    h->c_oflag = get_guest_u32(p + 4);
    h->c_cflag = get_guest_u32(p + 8);
    h->c_lflag = (lflag & ~MIPS_LFLAG_DIFF) | sys_flags_to_host(mips_lflag_map, lflag);
    h->c_line = p[16];
    for (int i = 0; i < 19; i++) {
        h->c_cc[i] = mips_cc_index[i] < 0 ? 0 : p[17 + mips_cc_index[i]];
    }
}

static void mips_put_termios(void *g, const SysKTermios *h)
{
    uint8_t *p = g;
    memset(p, 0, 40);
    put_guest_u32(p + 0, h->c_iflag);
    put_guest_u32(p + 4, h->c_oflag);
    put_guest_u32(p + 8, h->c_cflag);
    put_guest_u32(p + 12, (h->c_lflag & ~HOST_LFLAG_DIFF) |
                              sys_flags_to_guest(mips_lflag_map, h->c_lflag));
    p[16] = h->c_line;
    for (int i = 0; i < 19; i++) {
        if (mips_cc_index[i] >= 0) {
            p[17 + mips_cc_index[i]] = h->c_cc[i];
        }
    }
}

#define IOC(g, h, kind) { g, h, kind, #h }
static const SysIoctl mips_ioctls[] = {
    IOC(0x540d, TCGETS, SYS_IOC_TERMIOS_OUT),
    IOC(0x540e, TCSETS, SYS_IOC_TERMIOS_IN),
    IOC(0x540f, TCSETSW, SYS_IOC_TERMIOS_IN),
    IOC(0x5410, TCSETSF, SYS_IOC_TERMIOS_IN),
    IOC(0x5405, TCSBRK, SYS_IOC_NONE),
    IOC(0x5406, TCXONC, SYS_IOC_NONE),
    IOC(0x5407, TCFLSH, SYS_IOC_NONE),
    IOC(0x740d, TIOCEXCL, SYS_IOC_NONE),
    IOC(0x740e, TIOCNXCL, SYS_IOC_NONE),
    IOC(0x5480, TIOCSCTTY, SYS_IOC_NONE),
    IOC(0x40047477, TIOCGPGRP, SYS_IOC_INT_OUT),
    IOC(0x80047476, TIOCSPGRP, SYS_IOC_INT_IN),
    IOC(0x7472, TIOCOUTQ, SYS_IOC_INT_OUT),
    IOC(0x40087468, TIOCGWINSZ, SYS_IOC_WINSIZE_OUT),
    IOC(0x80087467, TIOCSWINSZ, SYS_IOC_WINSIZE_IN),
    IOC(0x741d, TIOCMGET, SYS_IOC_INT_OUT),
    IOC(0x741a, TIOCMSET, SYS_IOC_INT_IN),
    IOC(0x467f, FIONREAD, SYS_IOC_INT_OUT),
    IOC(0x667e, FIONBIO, SYS_IOC_INT_IN),
    IOC(0x5471, TIOCNOTTY, SYS_IOC_NONE),
    IOC(0x7416, TIOCGSID, SYS_IOC_INT_OUT),
    IOC(0x6602, FIONCLEX, SYS_IOC_NONE),
    IOC(0x6601, FIOCLEX, SYS_IOC_NONE),
    IOC(0x667d, FIOASYNC, SYS_IOC_INT_IN),
    IOC(0x40045430, TIOCGPTN, SYS_IOC_INT_OUT),
    /*
     * MIPS _IOC: 3 direction bits at 29 (none 1, read 2, write 4) and a 13-bit size;
     * TIOC and FIO values from arch/mips/include/uapi/asm/ioctls.h and sockios.h.
     * TIOCSTI, TIOCGPTPEER, BLKGETSIZE(64): converted in syscall_ioctl.c.
     */
    IOC(0x5472, TIOCSTI, SYS_IOC_NONE),
    IOC(0x741b, TIOCMBIS, SYS_IOC_INT_IN),
    IOC(0x741c, TIOCMBIC, SYS_IOC_INT_IN),
    IOC(0x5470, TIOCPKT, SYS_IOC_INT_IN),
    IOC(0x5486, TCSBRKP, SYS_IOC_NONE),
    IOC(0x5427, TIOCSBRK, SYS_IOC_NONE),
    IOC(0x5428, TIOCCBRK, SYS_IOC_NONE),
    IOC(0x20005441, TIOCGPTPEER, SYS_IOC_NONE),
    IOC(0x40045438, TIOCGPKT, SYS_IOC_INT_OUT),
    IOC(0x40045440, TIOCGEXCL, SYS_IOC_INT_OUT),
    IOC(0x8004667c, FIOSETOWN, SYS_IOC_INT_IN),
    IOC(0x80047308, SIOCSPGRP, SYS_IOC_INT_IN),
    IOC(0x4004667b, FIOGETOWN, SYS_IOC_INT_OUT),
    IOC(0x40047309, SIOCGPGRP, SYS_IOC_INT_OUT),
    IOC(0x40047307, SIOCATMARK, SYS_IOC_INT_OUT),
    IOC(0x40046601, FS_IOC_GETFLAGS, SYS_IOC_INT_OUT),
    IOC(0x80046602, FS_IOC_SETFLAGS, SYS_IOC_INT_IN),
    IOC(0x40047601, FS_IOC_GETVERSION, SYS_IOC_INT_OUT),
    IOC(0x40041272, BLKGETSIZE64, SYS_IOC_NONE),
    IOC(0x20001260, BLKGETSIZE, SYS_IOC_NONE),
    IOC(0x20001268, BLKSSZGET, SYS_IOC_INT_OUT),
    IOC(0x40045200, RNDGETENTCNT, SYS_IOC_INT_OUT),
    IOC(0x80045431, TIOCSPTLCK, SYS_IOC_INT_IN),
    { 0, 0, SYS_IOC_NONE, NULL },
};
#undef IOC

/* ---- sigaction: { u32 sa_flags; sa_handler; sigset_t sa_mask (128 bits) } --------------- */

static void mips_get_sigaction(GuestSigaction *sa, const void *g)
{
    const uint8_t *p = g;
    sa->flags = get_guest_u32(p + 0);
    sa->handler = get_guest_u32(p + 4);
    sa->restorer = 0;
    sa->mask = get_guest_u32(p + 8) | ((uint64_t)get_guest_u32(p + 12) << 32);
}

static void mips_put_sigaction(void *g, const GuestSigaction *sa)
{
    uint8_t *p = g;
    memset(p, 0, 24);
    put_guest_u32(p + 0, sa->flags);
    put_guest_u32(p + 4, sa->handler);
    put_guest_u32(p + 8, (uint32_t)sa->mask);
    put_guest_u32(p + 12, (uint32_t)(sa->mask >> 32));
}

/* sigaction(4067): the same struct; only the first mask word is read and written. */
static void mips_get_old_sigaction(GuestSigaction *sa, const void *g)
{
    const uint8_t *p = g;
    sa->flags = get_guest_u32(p + 0);
    sa->handler = get_guest_u32(p + 4);
    sa->restorer = 0;
    sa->mask = get_guest_u32(p + 8);
}

static void mips_put_old_sigaction(void *g, const GuestSigaction *sa)
{
    uint8_t *p = g;
    memset(p, 0, 24);
    put_guest_u32(p + 0, sa->flags);
    put_guest_u32(p + 4, sa->handler);
    put_guest_u32(p + 8, (uint32_t)sa->mask);
}

static void mips_clone_child_setup(CPUState *cpu, uint32_t newsp, bool set_tls, uint32_t tls)
{
    CPUMIPSState *env = cpu->env;
    env->cpu = cpu;
    env->gpr[2] = 0; /* clone returns 0 in the child: v0 = 0, a3 = 0 */
    env->gpr[7] = 0;
    if (newsp) {
        env->gpr[29] = newsp;
    }
    if (set_tls) {
        env->userlocal = tls;
    }
}

/* ---- o32-only calls ------------------------------------------------------------------ */

/* pipe(): fd[0] in v0, fd[1] in v1 (the kernel's sysm_pipe); no pointer argument. */
static int64_t sys_mips_pipe(CPUState *cpu, const uint32_t *args)
{
    CPUMIPSState *env = cpu->env;
    int fds[2];
    if (pipe(fds) < 0) {
        return SYS_ERR(errno);
    }
    env->gpr[3] = (uint32_t)fds[1];
    return fds[0];
}

/* set_thread_area(addr): the TLS pointer, read back with RDHWR $29. */
static int64_t sys_mips_set_thread_area(CPUState *cpu, const uint32_t *args)
{
    CPUMIPSState *env = cpu->env;
    env->userlocal = args[0];
    return 0;
}

/* cacheflush(addr, bytes, cache): code may have changed, drop its translations. */
static int64_t sys_mips_cacheflush(CPUState *cpu, const uint32_t *args)
{
    if (args[1] == 0) {
        return 0;
    }
    if ((uint64_t)args[0] + args[1] > 0x80000000ull) {
        return SYS_ERR(EFAULT);
    }
    tb_invalidate_range(args[0], args[1]);
    return 0;
}

/* cachectl(addr, bytes, op): the kernel answers EINVAL for every request. */
static int64_t sys_mips_cachectl(CPUState *cpu, const uint32_t *args)
{
    return SYS_ERR(EINVAL);
}

#define MIPS_SETNAME 1
#define MIPS_FLUSH_CACHE 3
#define MIPS_FIXADE 7
#define MIPS_ATOMIC_SET 2001

/* sysmips(cmd, arg1, arg2) as __sys_sysmips. */
static int64_t sys_mips_sysmips(CPUState *cpu, const uint32_t *args)
{
    switch (args[0]) {
    case MIPS_SETNAME: {
        const char *name = sys_guest_str(args[1]);
        if (!name) {
            return SYS_ERR(EFAULT);
        }
        size_t len = strnlen(name, 65);
        if (len > 64) {
            return SYS_ERR(EINVAL);
        }
        return SYS_RET(sethostname(name, len));
    }
    case MIPS_ATOMIC_SET: {
        /* Swaps *arg1 with arg2 atomically and returns the old value. */
        if (args[1] & 3) {
            return SYS_ERR(EINVAL);
        }
        uint32_t *p = sys_guest_ptr(args[1], 4, PAGE_READ | PAGE_WRITE);
        if (!p) {
            return SYS_ERR(EFAULT);
        }
        uint32_t nv = args[2];
        if (sys_guest_big_endian) {
            nv = __builtin_bswap32(nv);
        }
        uint32_t old = __atomic_exchange_n(p, nv, __ATOMIC_SEQ_CST);
        return sys_guest_big_endian ? __builtin_bswap32(old) : old;
    }
    case MIPS_FIXADE:
        return 0; /* unaligned accesses are always fixed up here */
    case MIPS_FLUSH_CACHE:
        tb_flush_all();
        return 0;
    default:
        return SYS_ERR(EINVAL);
    }
}

/* mmap(addr, len, prot, flags, fd, offset): the offset in bytes, page aligned. */
static int64_t sys_mips_mmap(CPUState *cpu, const uint32_t *args)
{
    if (args[5] & (GUEST_PAGE_SIZE - 1)) {
        return SYS_ERR(EINVAL);
    }
    uint32_t a[6] = { args[0], args[1], args[2], args[3], args[4], args[5] / 4096u };
    return sys_mmap2(cpu, a);
}

/* waitpid(pid, status, options) = wait4(pid, status, options, NULL). */
static int64_t sys_mips_waitpid(CPUState *cpu, const uint32_t *args)
{
    uint32_t a[4] = { args[0], args[1], args[2], 0 };
    return sys_wait4(cpu, a);
}

/* fadvise64(fd, pad, off_lo/hi, len_lo/hi, advice): the o32 sys32_fadvise64_64. */
static int64_t sys_mips_fadvise64(CPUState *cpu, const uint32_t *args)
{
    long r = syscall(SYS_fadvise64, (int)args[0], (off_t)sys_arg64(args, 2),
                     (off_t)sys_arg64(args, 4), (int)args[6]);
    return SYS_RET(r);
}

/* readahead(fd, pad, off_lo/hi, count): sys32_readahead. */
static int64_t sys_mips_readahead(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(readahead((int)args[0], (off64_t)sys_arg64(args, 2), args[4]));
}

/* sync_file_range(fd, pad, off_lo/hi, nbytes_lo/hi, flags): sys32_sync_file_range. */
static int64_t sys_mips_sync_file_range(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(sync_file_range((int)args[0], (off64_t)sys_arg64(args, 2),
                                   (off64_t)sys_arg64(args, 4), args[6]));
}

/* o32 RLIM_INFINITY is 0x7fffffff: larger host limits read as infinite. */
#define MIPS_RLIM_INFINITY 0x7fffffffu

static uint32_t mips_rlim32(uint64_t v)
{
    return v >= MIPS_RLIM_INFINITY ? MIPS_RLIM_INFINITY : (uint32_t)v;
}

static uint64_t mips_rlim64(uint32_t v)
{
    return v >= MIPS_RLIM_INFINITY ? RLIM64_INFINITY : v;
}

/* getrlimit(resource, struct rlimit *) */
static int64_t sys_mips_getrlimit(CPUState *cpu, const uint32_t *args)
{
    struct rlimit64 rl;
    uint8_t *g = sys_guest_ptr(args[1], 8, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    if (syscall(SYS_prlimit64, 0, mips_rlimit_to_host((int)args[0]), NULL, &rl) < 0) {
        return SYS_ERR(errno);
    }
    put_guest_u32(g, mips_rlim32(rl.rlim_cur));
    put_guest_u32(g + 4, mips_rlim32(rl.rlim_max));
    return 0;
}

/* setrlimit(resource, const struct rlimit *): applied as the 64-bit form. */
static int64_t sys_mips_setrlimit(CPUState *cpu, const uint32_t *args)
{
    const uint8_t *g = sys_guest_ptr(args[1], 8, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    struct rlimit64 rl = { mips_rlim64(get_guest_u32(g)), mips_rlim64(get_guest_u32(g + 4)) };
    int res = mips_rlimit_to_host((int)args[0]);
    if (res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK) {
        /* Would constrain xemu itself: accepted, not applied (as the generic layer). */
        return rl.rlim_cur > rl.rlim_max ? SYS_ERR(EINVAL) : 0;
    }
    return SYS_RET(syscall(SYS_prlimit64, 0, res, &rl, NULL));
}

/* time(tloc): seconds, also stored at tloc if non-NULL. */
static int64_t sys_mips_time(CPUState *cpu, const uint32_t *args)
{
    time_t t = time(NULL);
    if (args[0]) {
        uint8_t *g = sys_guest_ptr(args[0], 4, PAGE_WRITE);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        put_guest_u32(g, (uint32_t)t);
    }
    return (uint32_t)t;
}

/*
 * SO_* option names that differ from the generic ones (asm/socket.h); the rest (11, 12,
 * 14, 22-29, 33-36, 40 and up) are the same numbers.
 */
static const SysNumPair mips_so_names[] = {
    { 0x0001, SO_DEBUG }, { 0x0004, SO_REUSEADDR }, { 0x0008, SO_KEEPALIVE },
    { 0x0010, SO_DONTROUTE }, { 0x0020, SO_BROADCAST }, { 0x0080, SO_LINGER },
    { 0x0100, SO_OOBINLINE }, { 0x0200, SO_REUSEPORT }, { 0x1008, SO_TYPE },
    { 0x1007, SO_ERROR }, { 0x1001, SO_SNDBUF }, { 0x1002, SO_RCVBUF },
    { 0x1003, SO_SNDLOWAT }, { 0x1004, SO_RCVLOWAT }, { 0x1005, 21 /* SO_SNDTIMEO_OLD */ },
    { 0x1006, 20 /* SO_RCVTIMEO_OLD */ }, { 0x1009, SO_ACCEPTCONN },
    { 0x1028, SO_PROTOCOL }, { 0x1029, SO_DOMAIN }, { 17, SO_PASSCRED },
    { 18, SO_PEERCRED }, { 30, SO_PEERSEC }, { 31, SO_SNDBUFFORCE },
    { 0, 0 },
};

#define E(name, handler, fmt) { #name, handler, fmt }
static const SysEntry mips_entries[] = {
    E(pipe, sys_mips_pipe, "d"),
    E(set_thread_area, sys_mips_set_thread_area, "dp"),
    E(cacheflush, sys_mips_cacheflush, "dpux"),
    E(cachectl, sys_mips_cachectl, "dpux"),
    E(sysmips, sys_mips_sysmips, "dxxx"),
    E(mmap, sys_mips_mmap, "xpuPMfx"),
    E(waitpid, sys_mips_waitpid, "ddpx"),
    E(fadvise64, sys_mips_fadvise64, "df_LLd"),
    E(readahead, sys_mips_readahead, "df_Lu"),
    E(sync_file_range, sys_mips_sync_file_range, "df_LLx"),
    E(getrlimit, sys_mips_getrlimit, "ddp"),
    E(setrlimit, sys_mips_setrlimit, "ddp"),
    E(time, sys_mips_time, "dp"),
    /* Calls with 32-bit ids on MIPS, known to the generic table by their ARM names. */
    E(getuid, sys_getuid32, "d"),
    E(geteuid, sys_geteuid32, "d"),
    E(getgid, sys_getgid32, "d"),
    E(getegid, sys_getegid32, "d"),
    E(setuid, sys_setuid32, "dd"),
    E(setgid, sys_setgid32, "dd"),
    E(setreuid, sys_setreuid32, "ddd"),
    E(setregid, sys_setregid32, "ddd"),
    E(setresuid, sys_setresuid32, "dddd"),
    E(setresgid, sys_setresgid32, "dddd"),
    E(getresuid, sys_getresuid32, "dppp"),
    E(getresgid, sys_getresgid32, "dppp"),
    E(setfsuid, sys_setfsuid32, "dd"),
    E(setfsgid, sys_setfsgid32, "dd"),
    E(getgroups, sys_getgroups32, "ddp"),
    E(setgroups, sys_setgroups32, "ddp"),
    E(chown, sys_chown32, "dsdd"),
    E(lchown, sys_lchown32, "dsdd"),
    E(fchown, sys_fchown32, "dfdd"),
};
#undef E

const SysAbi sys_target_abi = {
    .name = "mips-o32",
    .nr_base = MIPS_NR_BASE,
    .nr_count = G_N_ELEMENTS(mips_nr_names),
    .nr_names = mips_nr_names,
    .errno_to_guest = mips_errno_to_guest,
    .signal_to_host = mips_signal_to_host,
    .signal_to_guest = mips_signal_to_guest,
    .open_flags = mips_open_flags,
    .mmap_flags = mips_mmap_flags,
    .stat_size = 144,
    .stat64_size = 104,
    .statfs_size = 68,
    .statfs64_size = 96,
    .statfs64_alt_size = 0,
    .flock_size = 36,
    .flock64_size = 32,
    .put_stat = mips_put_stat,
    .put_stat64 = mips_put_stat64,
    .put_statfs = mips_put_statfs,
    .put_statfs64 = mips_put_statfs64,
    .get_flock = mips_get_flock,
    .put_flock = mips_put_flock,
    .get_flock64 = mips_get_flock64,
    .put_flock64 = mips_put_flock64,
    .fcntl_cmd = mips_fcntl_cmd,
    .termios_size = 40,
    .get_termios = mips_get_termios,
    .put_termios = mips_put_termios,
    .ioctls = mips_ioctls,
    .sigaction_size = 24,
    .get_sigaction = mips_get_sigaction,
    .put_sigaction = mips_put_sigaction,
    .old_sigaction_size = 24,
    .get_old_sigaction = mips_get_old_sigaction,
    .put_old_sigaction = mips_put_old_sigaction,
    .sigset_size = 16,
    .sigmask_how_base = 1,
    .altstack_flags_off = 8,
    .altstack_size_off = 4,
    .minsigstksz = 2048,
    .rlimit_to_host = mips_rlimit_to_host,
    .clone_child_setup = mips_clone_child_setup,
    .nonblock_flag = 0x80,
    .cloexec_flag = 0x80000,
    .sock_stream = 2,
    .sock_dgram = 1,
    .sol_socket = 0xffff,
    .so_names = mips_so_names,
    .arch_entries = mips_entries,
    .arch_entries_count = G_N_ELEMENTS(mips_entries),
};
