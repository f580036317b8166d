/*
 * ARM EABI guest ABI for the syscall layer: syscall numbers (syscall_nr.h), open and
 * mmap flag bits, the 32-bit struct layouts (stat, stat64, statfs, statfs64, flock,
 * flock64, termios, sigaction) written field by field in guest byte order, fcntl and
 * ioctl numbers, and the ARM private syscalls (0x0f0000 + n).
 *
 * Layout offsets were checked against the armhf kernel headers (a program printing
 * offsetof/sizeof, built with arm-linux-gnueabihf-gcc, run under qemu-arm); the same
 * numbers are asserted in tests/unit/test_syscall.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include <linux/fs.h>
#include <linux/random.h>
#include <linux/sockios.h>

#include <glib.h>

#include "frontend/arm/cpu.h"
#include "linux-user/syscall_int.h"

static const char *const arm_nr_names[] = {
#define SYSCALL_NR(name, nr) [nr] = #name,
#include "linux-user/arm/syscall_nr.h"
#undef SYSCALL_NR
};

/* Guest O_* (ARM asm/fcntl.h) -> x86_64 host. Only DIRECTORY/NOFOLLOW/DIRECT/LARGEFILE
 * differ; O_LARGEFILE is 0 in host glibc headers, the kernel bit is 0100000. */
static const SysBitmap arm_open_flags[] = {
    { 03, 00, 03, O_RDONLY },
    { 03, 01, 03, O_WRONLY },
    { 03, 02, 03, O_RDWR },
    { 0100, 0100, O_CREAT, O_CREAT },
    { 0200, 0200, O_EXCL, O_EXCL },
    { 0400, 0400, O_NOCTTY, O_NOCTTY },
    { 01000, 01000, O_TRUNC, O_TRUNC },
    { 02000, 02000, O_APPEND, O_APPEND },
    { 04000, 04000, O_NONBLOCK, O_NONBLOCK },
    { 010000, 010000, O_DSYNC, O_DSYNC },
    { 020000, 020000, FASYNC, FASYNC },
    { 040000, 040000, O_DIRECTORY, O_DIRECTORY },
    { 0100000, 0100000, O_NOFOLLOW, O_NOFOLLOW },
    { 0200000, 0200000, O_DIRECT, O_DIRECT },
    { 0400000, 0400000, 0100000, 0100000 }, /* O_LARGEFILE */
    { 01000000, 01000000, O_NOATIME, O_NOATIME },
    { 02000000, 02000000, O_CLOEXEC, O_CLOEXEC },
    { 04000000, 04000000, 04000000, 04000000 }, /* __O_SYNC */
    { 010000000, 010000000, O_PATH, O_PATH },
    { 020000000, 020000000, 020000000, 020000000 }, /* __O_TMPFILE */
    { 0, 0, 0, 0 },
};

/* ARM MAP_* values are the generic ones, as on x86_64. */
static const SysBitmap arm_mmap_flags[] = {
    { 0x0f, 0x01, 0x0f, MAP_SHARED },
    { 0x0f, 0x02, 0x0f, MAP_PRIVATE },
    { 0x0f, 0x03, 0x0f, MAP_SHARED_VALIDATE },
    { 0x10, 0x10, MAP_FIXED, MAP_FIXED },
    { 0x20, 0x20, MAP_ANONYMOUS, MAP_ANONYMOUS },
    { 0x100, 0x100, MAP_GROWSDOWN, MAP_GROWSDOWN },
    { 0x800, 0x800, MAP_DENYWRITE, MAP_DENYWRITE },
    { 0x1000, 0x1000, MAP_EXECUTABLE, MAP_EXECUTABLE },
    { 0x2000, 0x2000, MAP_LOCKED, MAP_LOCKED },
    { 0x4000, 0x4000, MAP_NORESERVE, MAP_NORESERVE },
    { 0x8000, 0x8000, MAP_POPULATE, MAP_POPULATE },
    { 0x10000, 0x10000, MAP_NONBLOCK, MAP_NONBLOCK },
    { 0x20000, 0x20000, MAP_STACK, MAP_STACK },
    { 0x40000, 0x40000, MAP_HUGETLB, MAP_HUGETLB },
    { 0x80000, 0x80000, MAP_SYNC, MAP_SYNC },
    { 0x100000, 0x100000, MAP_FIXED_NOREPLACE, MAP_FIXED_NOREPLACE },
    { 0, 0, 0, 0 },
};

/* ---- struct stat (old, 64 bytes) and struct stat64 (104 bytes) ---------------------- */

static int arm_put_stat(void *g, const struct stat *st)
{
    uint8_t *p = g;
    if (st->st_ino > UINT32_MAX || st->st_size > INT32_MAX) {
        return -EOVERFLOW;
    }
    memset(p, 0, 64);
    put_guest_u32(p + 0, (uint32_t)st->st_dev);
    put_guest_u32(p + 4, (uint32_t)st->st_ino);
    put_guest_u16(p + 8, (uint16_t)st->st_mode);
    put_guest_u16(p + 10, st->st_nlink > 0xffff ? 0xffff : (uint16_t)st->st_nlink);
    put_guest_u16(p + 12, st->st_uid > 0xffff ? 65534 : (uint16_t)st->st_uid);
    put_guest_u16(p + 14, st->st_gid > 0xffff ? 65534 : (uint16_t)st->st_gid);
    put_guest_u32(p + 16, (uint32_t)st->st_rdev);
    put_guest_u32(p + 20, (uint32_t)st->st_size);
    put_guest_u32(p + 24, (uint32_t)st->st_blksize);
    put_guest_u32(p + 28, (uint32_t)st->st_blocks);
    put_guest_u32(p + 32, (uint32_t)st->st_atim.tv_sec);
    put_guest_u32(p + 36, (uint32_t)st->st_atim.tv_nsec);
    put_guest_u32(p + 40, (uint32_t)st->st_mtim.tv_sec);
    put_guest_u32(p + 44, (uint32_t)st->st_mtim.tv_nsec);
    put_guest_u32(p + 48, (uint32_t)st->st_ctim.tv_sec);
    put_guest_u32(p + 52, (uint32_t)st->st_ctim.tv_nsec);
    return 0;
}

static void arm_put_stat64(void *g, const struct stat *st)
{
    uint8_t *p = g;
    memset(p, 0, 104);
    put_guest_u64(p + 0, st->st_dev);
    put_guest_u32(p + 12, (uint32_t)st->st_ino); /* __st_ino */
    put_guest_u32(p + 16, st->st_mode);
    put_guest_u32(p + 20, (uint32_t)st->st_nlink);
    put_guest_u32(p + 24, st->st_uid);
    put_guest_u32(p + 28, st->st_gid);
    put_guest_u64(p + 32, st->st_rdev);
    put_guest_u64(p + 48, (uint64_t)st->st_size);
    put_guest_u32(p + 56, (uint32_t)st->st_blksize);
    put_guest_u64(p + 64, (uint64_t)st->st_blocks);
    put_guest_u32(p + 72, (uint32_t)st->st_atim.tv_sec);
    put_guest_u32(p + 76, (uint32_t)st->st_atim.tv_nsec);
    put_guest_u32(p + 80, (uint32_t)st->st_mtim.tv_sec);
    put_guest_u32(p + 84, (uint32_t)st->st_mtim.tv_nsec);
    put_guest_u32(p + 88, (uint32_t)st->st_ctim.tv_sec);
    put_guest_u32(p + 92, (uint32_t)st->st_ctim.tv_nsec);
    put_guest_u64(p + 96, st->st_ino);
}

/* ---- struct statfs (64 bytes) and struct statfs64 (84 bytes, packed) ---------------- */

static int arm_put_statfs(void *g, const struct statfs *st)
{
    uint8_t *p = g;
    uint64_t files = st->f_files, ffree = st->f_ffree;
    if (((uint64_t)st->f_blocks | st->f_bfree | st->f_bavail) > UINT32_MAX) {
        return -EOVERFLOW;
    }
    /* As the kernel: "unknown" (-1) file counts stay -1, others must fit. */
    if ((files != UINT64_MAX && files > UINT32_MAX) ||
        (ffree != UINT64_MAX && ffree > UINT32_MAX)) {
        return -EOVERFLOW;
    }
    memset(p, 0, 64);
    put_guest_u32(p + 0, (uint32_t)st->f_type);
    put_guest_u32(p + 4, (uint32_t)st->f_bsize);
    put_guest_u32(p + 8, (uint32_t)st->f_blocks);
    put_guest_u32(p + 12, (uint32_t)st->f_bfree);
    put_guest_u32(p + 16, (uint32_t)st->f_bavail);
    put_guest_u32(p + 20, (uint32_t)files);
    put_guest_u32(p + 24, (uint32_t)ffree);
    put_guest_u32(p + 28, (uint32_t)st->f_fsid.__val[0]);
    put_guest_u32(p + 32, (uint32_t)st->f_fsid.__val[1]);
    put_guest_u32(p + 36, (uint32_t)st->f_namelen);
    put_guest_u32(p + 40, (uint32_t)st->f_frsize);
    put_guest_u32(p + 44, (uint32_t)st->f_flags);
    return 0;
}

static void arm_put_statfs64(void *g, const struct statfs *st)
{
    uint8_t *p = g;
    memset(p, 0, 84);
    put_guest_u32(p + 0, (uint32_t)st->f_type);
    put_guest_u32(p + 4, (uint32_t)st->f_bsize);
    put_guest_u64(p + 8, st->f_blocks);
    put_guest_u64(p + 16, st->f_bfree);
    put_guest_u64(p + 24, st->f_bavail);
    put_guest_u64(p + 32, st->f_files);
    put_guest_u64(p + 40, st->f_ffree);
    put_guest_u32(p + 48, (uint32_t)st->f_fsid.__val[0]);
    put_guest_u32(p + 52, (uint32_t)st->f_fsid.__val[1]);
    put_guest_u32(p + 56, (uint32_t)st->f_namelen);
    put_guest_u32(p + 60, (uint32_t)st->f_frsize);
    put_guest_u32(p + 64, (uint32_t)st->f_flags);
}

/* ---- struct flock (16 bytes) and struct flock64 (32 bytes: EABI pads l_start to 8) ---- */

static void arm_get_flock(struct flock *h, const void *g)
{
    const uint8_t *p = g;
    h->l_type = (int16_t)get_guest_u16(p + 0);
    h->l_whence = (int16_t)get_guest_u16(p + 2);
    h->l_start = (int32_t)get_guest_u32(p + 4);
    h->l_len = (int32_t)get_guest_u32(p + 8);
    h->l_pid = (int32_t)get_guest_u32(p + 12);
}

static int arm_put_flock(void *g, const struct flock *h)
{
    uint8_t *p = g;
    if (h->l_start != (int32_t)h->l_start || h->l_len != (int32_t)h->l_len) {
        return -EOVERFLOW;
    }
    put_guest_u16(p + 0, (uint16_t)h->l_type);
    put_guest_u16(p + 2, (uint16_t)h->l_whence);
    put_guest_u32(p + 4, (uint32_t)h->l_start);
    put_guest_u32(p + 8, (uint32_t)h->l_len);
    put_guest_u32(p + 12, (uint32_t)h->l_pid);
    return 0;
}

static void arm_get_flock64(struct flock *h, const void *g)
{
    const uint8_t *p = g;
    h->l_type = (int16_t)get_guest_u16(p + 0);
    h->l_whence = (int16_t)get_guest_u16(p + 2);
    h->l_start = (int64_t)get_guest_u64(p + 8);
    h->l_len = (int64_t)get_guest_u64(p + 16);
    h->l_pid = (int32_t)get_guest_u32(p + 24);
}

static void arm_put_flock64(void *g, const struct flock *h)
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
 * ARM fcntl numbers are the generic 32-bit ones: F_GETLK..F_SETLKW (5..7) take struct
 * flock, F_GETLK64..F_SETLKW64 (12..14) struct flock64; the OFD locks (36..38) take
 * flock64 through fcntl64 and flock through fcntl.
 */
static SysFcntlKind arm_fcntl_cmd(int cmd, bool fcntl64, int *host)
{
    *host = cmd;
    switch (cmd) {
    case 0: case 1: case 2: case 8: case 9: case 10: case 11:
    case 1024: case 1025: case 1026: case 1030: case 1031: case 1032: case 1033: case 1034:
        return SYS_FCNTL_INT;
    case 3:
        return SYS_FCNTL_GETFL;
    case 4:
        return SYS_FCNTL_SETFL;
    case 5: case 6: case 7:
        return SYS_FCNTL_FLOCK;
    case 12: case 13: case 14:
        *host = cmd - 12 + F_GETLK;
        return SYS_FCNTL_FLOCK64;
    case 15: case 16:
        return SYS_FCNTL_OWNER_EX;
    case 36: case 37: case 38:
        return fcntl64 ? SYS_FCNTL_FLOCK64 : SYS_FCNTL_FLOCK;
    default:
        return SYS_FCNTL_UNKNOWN;
    }
}

/* ---- termios: the asm-generic layout and bits, same as x86_64 ------------------------ */

static void arm_get_termios(SysKTermios *h, const void *g)
{
    const uint8_t *p = g;
    h->c_iflag = get_guest_u32(p + 0);
    h->c_oflag = get_guest_u32(p + 4);
    h->c_cflag = get_guest_u32(p + 8);
    h->c_lflag = get_guest_u32(p + 12);
    h->c_line = p[16];
    memcpy(h->c_cc, p + 17, 19);
}

static void arm_put_termios(void *g, const SysKTermios *h)
{
    uint8_t *p = g;
    put_guest_u32(p + 0, h->c_iflag);
    put_guest_u32(p + 4, h->c_oflag);
    put_guest_u32(p + 8, h->c_cflag);
    put_guest_u32(p + 12, h->c_lflag);
    p[16] = h->c_line;
    memcpy(p + 17, h->c_cc, 19);
}

#define IOC(g, h, kind) { g, h, kind, #h }
static const SysIoctl arm_ioctls[] = {
    IOC(0x5401, TCGETS, SYS_IOC_TERMIOS_OUT),
    IOC(0x5402, TCSETS, SYS_IOC_TERMIOS_IN),
    IOC(0x5403, TCSETSW, SYS_IOC_TERMIOS_IN),
    IOC(0x5404, TCSETSF, SYS_IOC_TERMIOS_IN),
    IOC(0x5409, TCSBRK, SYS_IOC_NONE),
    IOC(0x540A, TCXONC, SYS_IOC_NONE),
    IOC(0x540B, TCFLSH, SYS_IOC_NONE),
    IOC(0x540C, TIOCEXCL, SYS_IOC_NONE),
    IOC(0x540D, TIOCNXCL, SYS_IOC_NONE),
    IOC(0x540E, TIOCSCTTY, SYS_IOC_NONE),
    IOC(0x540F, TIOCGPGRP, SYS_IOC_INT_OUT),
    IOC(0x5410, TIOCSPGRP, SYS_IOC_INT_IN),
    IOC(0x5411, TIOCOUTQ, SYS_IOC_INT_OUT),
    IOC(0x5413, TIOCGWINSZ, SYS_IOC_WINSIZE_OUT),
    IOC(0x5414, TIOCSWINSZ, SYS_IOC_WINSIZE_IN),
    IOC(0x5415, TIOCMGET, SYS_IOC_INT_OUT),
    IOC(0x5418, TIOCMSET, SYS_IOC_INT_IN),
    IOC(0x541B, FIONREAD, SYS_IOC_INT_OUT),
    IOC(0x5421, FIONBIO, SYS_IOC_INT_IN),
    IOC(0x5422, TIOCNOTTY, SYS_IOC_NONE),
    IOC(0x5429, TIOCGSID, SYS_IOC_INT_OUT),
    IOC(0x5450, FIONCLEX, SYS_IOC_NONE),
    IOC(0x5451, FIOCLEX, SYS_IOC_NONE),
    IOC(0x5452, FIOASYNC, SYS_IOC_INT_IN),
    IOC(0x80045430, TIOCGPTN, SYS_IOC_INT_OUT),
    /* TIOCSTI, TIOCGPTPEER, BLKGETSIZE(64): converted in syscall_ioctl.c. */
    IOC(0x5412, TIOCSTI, SYS_IOC_NONE),
    IOC(0x5416, TIOCMBIS, SYS_IOC_INT_IN),
    IOC(0x5417, TIOCMBIC, SYS_IOC_INT_IN),
    IOC(0x5420, TIOCPKT, SYS_IOC_INT_IN),
    IOC(0x5425, TCSBRKP, SYS_IOC_NONE),
    IOC(0x5427, TIOCSBRK, SYS_IOC_NONE),
    IOC(0x5428, TIOCCBRK, SYS_IOC_NONE),
    IOC(0x5441, TIOCGPTPEER, SYS_IOC_NONE),
    IOC(0x80045438, TIOCGPKT, SYS_IOC_INT_OUT),
    IOC(0x80045440, TIOCGEXCL, SYS_IOC_INT_OUT),
    IOC(0x8901, FIOSETOWN, SYS_IOC_INT_IN),
    IOC(0x8902, SIOCSPGRP, SYS_IOC_INT_IN),
    IOC(0x8903, FIOGETOWN, SYS_IOC_INT_OUT),
    IOC(0x8904, SIOCGPGRP, SYS_IOC_INT_OUT),
    IOC(0x8905, SIOCATMARK, SYS_IOC_INT_OUT),
    /* FS_IOC_*: the 32-bit numbers (long is 4 bytes); the kernel reads and writes an int. */
    IOC(0x80046601, FS_IOC_GETFLAGS, SYS_IOC_INT_OUT),
    IOC(0x40046602, FS_IOC_SETFLAGS, SYS_IOC_INT_IN),
    IOC(0x80047601, FS_IOC_GETVERSION, SYS_IOC_INT_OUT),
    IOC(0x80041272, BLKGETSIZE64, SYS_IOC_NONE),
    IOC(0x1260, BLKGETSIZE, SYS_IOC_NONE),
    IOC(0x1268, BLKSSZGET, SYS_IOC_INT_OUT),
    IOC(0x80045200, RNDGETENTCNT, SYS_IOC_INT_OUT),
    IOC(0x40045431, TIOCSPTLCK, SYS_IOC_INT_IN),
    { 0, 0, SYS_IOC_NONE, NULL },
};
#undef IOC

/* ---- sigaction: rt (handler, flags, restorer, mask[2]) and old (handler, mask, flags,
 * restorer) ---------------------------------------------------------------------------- */

static void arm_get_sigaction(GuestSigaction *sa, const void *g)
{
    const uint8_t *p = g;
    sa->handler = get_guest_u32(p + 0);
    sa->flags = get_guest_u32(p + 4);
    sa->restorer = get_guest_u32(p + 8);
    sa->mask = get_guest_u32(p + 12) | ((uint64_t)get_guest_u32(p + 16) << 32);
}

static void arm_put_sigaction(void *g, const GuestSigaction *sa)
{
    uint8_t *p = g;
    put_guest_u32(p + 0, sa->handler);
    put_guest_u32(p + 4, sa->flags);
    put_guest_u32(p + 8, sa->restorer);
    put_guest_u32(p + 12, (uint32_t)sa->mask);
    put_guest_u32(p + 16, (uint32_t)(sa->mask >> 32));
}

static void arm_get_old_sigaction(GuestSigaction *sa, const void *g)
{
    const uint8_t *p = g;
    sa->handler = get_guest_u32(p + 0);
    sa->mask = get_guest_u32(p + 4);
    sa->flags = get_guest_u32(p + 8);
    sa->restorer = get_guest_u32(p + 12);
}

static void arm_put_old_sigaction(void *g, const GuestSigaction *sa)
{
    uint8_t *p = g;
    put_guest_u32(p + 0, sa->handler);
    put_guest_u32(p + 4, (uint32_t)sa->mask);
    put_guest_u32(p + 8, sa->flags);
    put_guest_u32(p + 12, sa->restorer);
}

static void arm_clone_child_setup(CPUState *cpu, uint32_t newsp, bool set_tls, uint32_t tls)
{
    CPUARMState *env = cpu->env;
    env->cpu = cpu;
    env->regs[0] = 0; /* clone returns 0 in the child */
    if (newsp) {
        env->regs[13] = newsp;
    }
    if (set_tls) {
        env->tpidruro = tls;
    }
}

const SysAbi sys_target_abi = {
    .name = "arm-eabi",
    .nr_base = 0,
    .nr_count = G_N_ELEMENTS(arm_nr_names),
    .nr_names = arm_nr_names,
    .open_flags = arm_open_flags,
    .mmap_flags = arm_mmap_flags,
    .stat_size = 64,
    .stat64_size = 104,
    .statfs_size = 64,
    .statfs64_size = 84,
    .statfs64_alt_size = 88, /* the kernel's ARM entry code turns 88 into 84 */
    .flock_size = 16,
    .flock64_size = 32,
    .put_stat = arm_put_stat,
    .put_stat64 = arm_put_stat64,
    .put_statfs = arm_put_statfs,
    .put_statfs64 = arm_put_statfs64,
    .get_flock = arm_get_flock,
    .put_flock = arm_put_flock,
    .get_flock64 = arm_get_flock64,
    .put_flock64 = arm_put_flock64,
    .fcntl_cmd = arm_fcntl_cmd,
    .termios_size = 36,
    .get_termios = arm_get_termios,
    .put_termios = arm_put_termios,
    .ioctls = arm_ioctls,
    .sigaction_size = 20,
    .get_sigaction = arm_get_sigaction,
    .put_sigaction = arm_put_sigaction,
    .old_sigaction_size = 16,
    .get_old_sigaction = arm_get_old_sigaction,
    .put_old_sigaction = arm_put_old_sigaction,
    .sigset_size = 8,
    .sigmask_how_base = 0,
    .altstack_flags_off = 4,
    .altstack_size_off = 8,
    .minsigstksz = 2048,
    .clone_child_setup = arm_clone_child_setup,
    /* Sockets: the asm-generic values, as on the x86_64 host. */
    .nonblock_flag = 04000,
    .cloexec_flag = 02000000,
    .sock_stream = 1,
    .sock_dgram = 2,
    .sol_socket = 1,
    .so_names = NULL,
};

/* ---- ARM private syscalls ------------------------------------------------------------ */

#define ARM_NR_BASE 0x0f0000

int32_t arm_private_syscall(CPUState *cpu, int32_t num, const uint32_t args[8])
{
    CPUARMState *env = cpu->env;
    const char *name = "?";
    int32_t ret;

    switch (num - ARM_NR_BASE) {
    case 2: /* cacheflush(start, end, flags) */
        name = "cacheflush";
        if (args[1] > args[0]) {
            tb_invalidate_range(args[0], args[1] - args[0]);
        }
        ret = 0;
        break;
    case 5: /* set_tls(value) */
        name = "set_tls";
        env->tpidruro = args[0];
        ret = 0;
        break;
    case 6: /* get_tls() */
        name = "get_tls";
        ret = (int32_t)env->tpidruro;
        break;
    case 1:
        name = "breakpoint";
        ret = -ENOSYS;
        break;
    case 3:
        name = "usr26";
        ret = -ENOSYS;
        break;
    case 4:
        name = "usr32";
        ret = -ENOSYS;
        break;
    default:
        if (xemu_log_enabled(LOG_UNIMP)) {
            xemu_log("Unsupported syscall: %d (ARM private)\n", num);
        }
        ret = -ENOSYS;
        break;
    }
    if (xemu_log_enabled(LOG_STRACE)) {
        xemu_log("%d %s(0x%x,0x%x,0x%x) = %d\n", (int)getpid(), name, args[0], args[1],
                 args[2], ret);
    }
    return ret;
}
