/*
 * Unit tests for the MIPS o32 syscall ABI (linux-user/mips/): struct conversions in both
 * byte orders (offsets checked against the MIPS kernel uapi headers), flag, errno,
 * signal and rlimit numbering, fcntl and ioctl numbers, the syscall number table, and
 * the o32 calling convention end to end through mips_handle_syscall(): arguments 5-8
 * from the guest stack (EFAULT when it is unreadable), the a3 error flag with positive
 * errno in v0, pipe's second descriptor in v1, syscall(4000) indirection,
 * set_thread_area, sysmips(MIPS_ATOMIC_SET), getrlimit's o32 RLIM_INFINITY.
 *
 * The layout numbers were obtained by compiling a program that prints offsetof()/sizeof()
 * of the kernel uapi structs (asm/stat.h, asm/statfs.h, asm/fcntl.h, asm/termbits.h,
 * asm/signal.h) with mips-linux-gnu-gcc and mipsel-linux-gnu-gcc (Debian 12, Linux 6.1
 * headers) and running it under qemu-mips and qemu-mipsel (same numbers in both). struct
 * flock follows the kernel ABI and glibc (l_sysid at 12, l_pid at 16).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "frontend/mips/cpu.h"
#include "linux-user/mips/mips_user.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* xemu_opts lives in main.c, which test executables do not link. */
__attribute__((weak)) XemuOptions xemu_opts;

extern const GuestArch mips_guest_arch_be, mips_guest_arch_le;

/* o32 numbers used below (arch/mips/kernel/syscalls/syscall_o32.tbl + 4000). */
enum {
    NR_syscall = 4000, NR_exit = 4001, NR_read = 4003, NR_write = 4004, NR_close = 4006,
    NR_getpid = 4020, NR_pipe = 4042, NR_getrlimit = 4076, NR_mmap = 4090,
    NR_stat = 4106, NR_sysmips = 4149, NR_pread64 = 4200, NR_mmap2 = 4210,
    NR_fstat64 = 4215, NR_fcntl64 = 4220, NR_exit_group = 4246, NR_set_thread_area = 4283,
    NR_openat = 4288, NR_pipe2 = 4328, NR_prlimit64 = 4338, NR_getrandom = 4353,
    NR_statx = 4366, NR_clock_gettime64 = 4403, NR_open_tree_attr = 4467,
};
#define MIPS_AT_FDCWD ((uint32_t)-100)
#define MIPS_O_CREAT 0x100u
#define MIPS_O_RDWR 2u

#define GMEM 0x30000000u
#define GMEM_SIZE 0x40000u
#define GSTACK (GMEM + 0x30000u)

static CPUState test_cpu;
static CPUMIPSState test_env;
static char *tmp_dir;

static uint32_t rd32(const uint8_t *p, int off)
{
    return get_guest_u32(p + off);
}

static uint64_t rd64(const uint8_t *p, int off)
{
    return get_guest_u64(p + off);
}

/* Big-endian first, then little: every layout test runs in both byte orders. */
static void set_order(bool be)
{
    sys_guest_big_endian = be;
    guest_arch = be ? &mips_guest_arch_be : &mips_guest_arch_le;
    test_cpu.arch = guest_arch;
}

/* ---- struct layouts ----------------------------------------------------------------- */

static struct stat sample_stat(void)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = 0x0801;
    st.st_ino = 0x123456789aull;
    st.st_mode = 0100644;
    st.st_nlink = 3;
    st.st_uid = 100000;
    st.st_gid = 1001;
    st.st_rdev = 0x0402;
    st.st_size = 0x1122334455ll;
    st.st_blksize = 4096;
    st.st_blocks = 0x199887766ll;
    st.st_atim.tv_sec = 1000;
    st.st_atim.tv_nsec = 11;
    st.st_mtim.tv_sec = 2000;
    st.st_mtim.tv_nsec = 22;
    st.st_ctim.tv_sec = 3000;
    st.st_ctim.tv_nsec = 33;
    return st;
}

static void test_stat_layout(void)
{
    for (int be = 1; be >= 0; be--) {
        set_order(be);
        /* o32 struct stat64: 104 bytes; st_dev 0 (u32), st_ino 16 (u64), st_mode 24,
         * st_nlink 28, st_uid 32, st_gid 36, st_rdev 40, st_size 56 (s64), st_atime 64,
         * st_atime_nsec 68, st_mtime 72, st_ctime 80, st_blksize 88, st_blocks 96. */
        g_assert_cmpuint(sys_target_abi.stat64_size, ==, 104);
        struct stat st = sample_stat();
        uint8_t g[160];
        memset(g, 0xee, sizeof g);
        sys_target_abi.put_stat64(g, &st);
        g_assert_cmphex(rd32(g, 0), ==, 0x0801);
        g_assert_cmphex(rd32(g, 4), ==, 0);
        g_assert_cmphex(rd64(g, 16), ==, 0x123456789aull);
        g_assert_cmpuint(rd32(g, 24), ==, 0100644);
        g_assert_cmpuint(rd32(g, 28), ==, 3);
        g_assert_cmpuint(rd32(g, 32), ==, 100000);
        g_assert_cmpuint(rd32(g, 36), ==, 1001);
        g_assert_cmphex(rd32(g, 40), ==, 0x0402);
        g_assert_cmphex(rd64(g, 56), ==, 0x1122334455ull);
        g_assert_cmpuint(rd32(g, 64), ==, 1000);
        g_assert_cmpuint(rd32(g, 68), ==, 11);
        g_assert_cmpuint(rd32(g, 72), ==, 2000);
        g_assert_cmpuint(rd32(g, 76), ==, 22);
        g_assert_cmpuint(rd32(g, 80), ==, 3000);
        g_assert_cmpuint(rd32(g, 84), ==, 33);
        g_assert_cmpuint(rd32(g, 88), ==, 4096);
        g_assert_cmphex(rd64(g, 96), ==, 0x199887766ull);
        g_assert_cmphex(g[104], ==, 0xee);

        /* o32 struct stat (stat/lstat/fstat 4106-4108): 144 bytes; st_dev 0, st_ino 16,
         * st_mode 20, st_nlink 24, st_uid 28, st_gid 32, st_rdev 36, st_size 48,
         * st_atime 56, st_atime_nsec 60, st_mtime 64, st_ctime 72, st_blksize 80,
         * st_blocks 84. */
        g_assert_cmpuint(sys_target_abi.stat_size, ==, 144);
        g_assert_cmpint(sys_target_abi.put_stat(g, &st), ==, -EOVERFLOW);
        st.st_ino = 0x9abc;
        st.st_size = 0x12345;
        st.st_blocks = 0x88;
        memset(g, 0xee, sizeof g);
        g_assert_cmpint(sys_target_abi.put_stat(g, &st), ==, 0);
        g_assert_cmphex(rd32(g, 0), ==, 0x0801);
        g_assert_cmphex(rd32(g, 16), ==, 0x9abc);
        g_assert_cmpuint(rd32(g, 20), ==, 0100644);
        g_assert_cmpuint(rd32(g, 24), ==, 3);
        g_assert_cmpuint(rd32(g, 28), ==, 100000);
        g_assert_cmpuint(rd32(g, 32), ==, 1001);
        g_assert_cmphex(rd32(g, 36), ==, 0x0402);
        g_assert_cmphex(rd32(g, 48), ==, 0x12345);
        g_assert_cmpuint(rd32(g, 56), ==, 1000);
        g_assert_cmpuint(rd32(g, 60), ==, 11);
        g_assert_cmpuint(rd32(g, 64), ==, 2000);
        g_assert_cmpuint(rd32(g, 72), ==, 3000);
        g_assert_cmpuint(rd32(g, 80), ==, 4096);
        g_assert_cmpuint(rd32(g, 84), ==, 0x88);
        g_assert_cmphex(rd32(g, 140), ==, 0);
        g_assert_cmphex(g[144], ==, 0xee);
    }
}

static void test_statfs_flock_layout(void)
{
    for (int be = 1; be >= 0; be--) {
        set_order(be);
        struct statfs sf;
        memset(&sf, 0, sizeof sf);
        sf.f_type = 0xef53;
        sf.f_bsize = 4096;
        sf.f_blocks = 0x123456789ull;
        sf.f_bfree = 0x1000;
        sf.f_bavail = 0x900;
        sf.f_files = 0x5000;
        sf.f_ffree = 0x4000;
        sf.f_fsid.__val[0] = 0x11;
        sf.f_fsid.__val[1] = 0x22;
        sf.f_namelen = 255;
        sf.f_frsize = 1024;
        sf.f_flags = 0x20;
        /* statfs64: 96 bytes; f_type 0, f_bsize 4, f_frsize 8, f_blocks 16, f_bfree 24,
         * f_files 32, f_ffree 40, f_bavail 48, f_fsid 56, f_namelen 64, f_flags 68. */
        uint8_t g[128];
        g_assert_cmpuint(sys_target_abi.statfs64_size, ==, 96);
        sys_target_abi.put_statfs64(g, &sf);
        g_assert_cmphex(rd32(g, 0), ==, 0xef53);
        g_assert_cmpuint(rd32(g, 4), ==, 4096);
        g_assert_cmpuint(rd32(g, 8), ==, 1024);
        g_assert_cmphex(rd64(g, 16), ==, 0x123456789ull);
        g_assert_cmphex(rd64(g, 24), ==, 0x1000);
        g_assert_cmphex(rd64(g, 32), ==, 0x5000);
        g_assert_cmphex(rd64(g, 40), ==, 0x4000);
        g_assert_cmphex(rd64(g, 48), ==, 0x900);
        g_assert_cmphex(rd32(g, 56), ==, 0x11);
        g_assert_cmphex(rd32(g, 60), ==, 0x22);
        g_assert_cmpuint(rd32(g, 64), ==, 255);
        g_assert_cmphex(rd32(g, 68), ==, 0x20);
        /* statfs: 68 bytes; f_type 0, f_bsize 4, f_frsize 8, f_blocks 12, f_bfree 16,
         * f_files 20, f_ffree 24, f_bavail 28, f_fsid 32, f_namelen 40, f_flags 44. */
        g_assert_cmpuint(sys_target_abi.statfs_size, ==, 68);
        g_assert_cmpint(sys_target_abi.put_statfs(g, &sf), ==, -EOVERFLOW);
        sf.f_blocks = 0x7777;
        g_assert_cmpint(sys_target_abi.put_statfs(g, &sf), ==, 0);
        g_assert_cmphex(rd32(g, 0), ==, 0xef53);
        g_assert_cmpuint(rd32(g, 4), ==, 4096);
        g_assert_cmpuint(rd32(g, 8), ==, 1024);
        g_assert_cmphex(rd32(g, 12), ==, 0x7777);
        g_assert_cmphex(rd32(g, 16), ==, 0x1000);
        g_assert_cmphex(rd32(g, 20), ==, 0x5000);
        g_assert_cmphex(rd32(g, 24), ==, 0x4000);
        g_assert_cmphex(rd32(g, 28), ==, 0x900);
        g_assert_cmphex(rd32(g, 32), ==, 0x11);
        g_assert_cmpuint(rd32(g, 40), ==, 255);
        g_assert_cmphex(rd32(g, 44), ==, 0x20);

        /* flock: 36 bytes; l_type 0, l_whence 2, l_start 4, l_len 8, l_sysid 12,
         * l_pid 16, pad[4]. flock64: 32 bytes; l_start 8, l_len 16, l_pid 24. */
        g_assert_cmpuint(sys_target_abi.flock_size, ==, 36);
        g_assert_cmpuint(sys_target_abi.flock64_size, ==, 32);
        uint8_t fl[40];
        memset(fl, 0, sizeof fl);
        put_guest_u16(fl + 0, 1);
        put_guest_u16(fl + 2, 1);
        put_guest_u32(fl + 4, (uint32_t)-5);
        put_guest_u32(fl + 8, 100);
        put_guest_u32(fl + 12, 0x5151);
        put_guest_u32(fl + 16, 4242);
        struct flock h;
        sys_target_abi.get_flock(&h, fl);
        g_assert_cmpint(h.l_type, ==, 1);
        g_assert_cmpint(h.l_whence, ==, 1);
        g_assert_cmpint(h.l_start, ==, -5);
        g_assert_cmpint(h.l_len, ==, 100);
        g_assert_cmpint(h.l_pid, ==, 4242);
        memset(fl, 0xee, sizeof fl);
        h.l_pid = 77;
        g_assert_cmpint(sys_target_abi.put_flock(fl, &h), ==, 0);
        g_assert_cmpuint(get_guest_u16(fl + 0), ==, 1);
        g_assert_cmpuint(rd32(fl, 4), ==, (uint32_t)-5);
        g_assert_cmpuint(rd32(fl, 12), ==, 0);
        g_assert_cmpuint(rd32(fl, 16), ==, 77);
        g_assert_cmphex(fl[36], ==, 0xee);
        h.l_start = 0x100000000ll;
        g_assert_cmpint(sys_target_abi.put_flock(fl, &h), ==, -EOVERFLOW);
        memset(fl, 0, sizeof fl);
        put_guest_u16(fl + 0, 2);
        put_guest_u64(fl + 8, 0x100000000ull);
        put_guest_u64(fl + 16, 7);
        put_guest_u32(fl + 24, 99);
        sys_target_abi.get_flock64(&h, fl);
        g_assert_cmpint(h.l_type, ==, 2);
        g_assert_cmpint(h.l_start, ==, 0x100000000ll);
        g_assert_cmpint(h.l_len, ==, 7);
        g_assert_cmpint(h.l_pid, ==, 99);
    }
}

static void test_termios_sigaction_layout(void)
{
    for (int be = 1; be >= 0; be--) {
        set_order(be);
        /* termios: 40 bytes, c_line 16, c_cc[23] at 17; VINTR 0, VQUIT 1, VERASE 2,
         * VKILL 3, VMIN 4, VTIME 5, VEOL2 6, VSWTC 7, VSTART 8, VSTOP 9, VSUSP 10,
         * VREPRINT 12, VDISCARD 13, VWERASE 14, VLNEXT 15, VEOF 16, VEOL 17;
         * c_lflag IEXTEN 0x100, FLUSHO 0x2000, TOSTOP 0x8000. */
        g_assert_cmpuint(sys_target_abi.termios_size, ==, 40);
        SysKTermios h;
        memset(&h, 0, sizeof h);
        h.c_iflag = 0x500;
        h.c_cflag = 0xbf;
        h.c_lflag = ISIG | ICANON | ECHO | IEXTEN | TOSTOP;
        h.c_line = 0;
        h.c_cc[VINTR] = 3;
        h.c_cc[VEOF] = 4;
        h.c_cc[VMIN] = 1;
        h.c_cc[VTIME] = 0;
        h.c_cc[VEOL] = 0x55;
        h.c_cc[VEOL2] = 0x66;
        uint8_t g[48];
        memset(g, 0xee, sizeof g);
        sys_target_abi.put_termios(g, &h);
        g_assert_cmphex(rd32(g, 0), ==, 0x500);
        g_assert_cmphex(rd32(g, 8), ==, 0xbf);
        g_assert_cmphex(rd32(g, 12), ==, 0x1u | 0x2u | 0x8u | 0x100u | 0x8000u);
        g_assert_cmpuint(g[17 + 0], ==, 3);
        g_assert_cmpuint(g[17 + 16], ==, 4);
        g_assert_cmpuint(g[17 + 4], ==, 1);
        g_assert_cmpuint(g[17 + 17], ==, 0x55);
        g_assert_cmpuint(g[17 + 6], ==, 0x66);
        g_assert_cmphex(g[40], ==, 0xee);
        SysKTermios back;
        sys_target_abi.get_termios(&back, g);
        g_assert_cmpmem(&back, sizeof back, &h, sizeof h);
        put_guest_u32(g + 12, 0x2000u);
        sys_target_abi.get_termios(&back, g);
        g_assert_cmphex(back.c_lflag, ==, FLUSHO);

        /* sigaction: 24 bytes; sa_flags 0, sa_handler 4, sa_mask 8 (16 bytes). */
        g_assert_cmpuint(sys_target_abi.sigaction_size, ==, 24);
        uint8_t sa[24];
        put_guest_u32(sa + 0, 0x8u | 0x10000000u); /* SA_SIGINFO | SA_RESTART */
        put_guest_u32(sa + 4, 0x401234);
        put_guest_u32(sa + 8, 0x8001);
        put_guest_u32(sa + 12, 0x2);
        put_guest_u32(sa + 16, 0xffff);
        put_guest_u32(sa + 20, 0xffff);
        GuestSigaction gs;
        sys_target_abi.get_sigaction(&gs, sa);
        g_assert_cmphex(gs.flags, ==, 0x10000008u);
        g_assert_cmphex(gs.handler, ==, 0x401234);
        g_assert_cmphex(gs.mask, ==, 0x200008001ull);
        memset(sa, 0xee, sizeof sa);
        sys_target_abi.put_sigaction(sa, &gs);
        g_assert_cmphex(rd32(sa, 0), ==, 0x10000008u);
        g_assert_cmphex(rd32(sa, 4), ==, 0x401234);
        g_assert_cmphex(rd32(sa, 8), ==, 0x8001);
        g_assert_cmphex(rd32(sa, 12), ==, 0x2);
        g_assert_cmphex(rd32(sa, 16), ==, 0);
        g_assert_cmpuint(sys_target_abi.sigset_size, ==, 16);
        g_assert_cmpint(sys_target_abi.sigmask_how_base, ==, 1);
        /* stack_t: ss_sp 0, ss_size 4, ss_flags 8; MINSIGSTKSZ 2048. */
        g_assert_cmpuint(sys_target_abi.altstack_size_off, ==, 4);
        g_assert_cmpuint(sys_target_abi.altstack_flags_off, ==, 8);
        g_assert_cmpuint(sys_target_abi.minsigstksz, ==, 2048);
    }
}

/* ---- numbering ----------------------------------------------------------------------- */

static void test_flags_and_numbers(void)
{
    /* O_* from asm/fcntl.h and asm-generic. */
    const SysBitmap *of = sys_target_abi.open_flags;
    g_assert_cmphex(sys_flags_to_host(of, 0x0008), ==, O_APPEND);
    g_assert_cmphex(sys_flags_to_host(of, 0x0010), ==, O_DSYNC);
    g_assert_cmphex(sys_flags_to_host(of, 0x0080), ==, O_NONBLOCK);
    g_assert_cmphex(sys_flags_to_host(of, 0x0100 | 0x0200 | 0x0400 | 0x0800 | 1),
                    ==, O_CREAT | O_TRUNC | O_EXCL | O_NOCTTY | O_WRONLY);
    g_assert_cmphex(sys_flags_to_host(of, 0x2000), ==, 0100000);
    g_assert_cmphex(sys_flags_to_host(of, 0x4010), ==, O_SYNC);
    g_assert_cmphex(sys_flags_to_host(of, 0x8000), ==, O_DIRECT);
    g_assert_cmphex(sys_flags_to_host(of, 0x10000), ==, O_DIRECTORY);
    g_assert_cmphex(sys_flags_to_host(of, 0x20000), ==, O_NOFOLLOW);
    g_assert_cmphex(sys_flags_to_host(of, 0x40000), ==, O_NOATIME);
    g_assert_cmphex(sys_flags_to_host(of, 0x80000), ==, O_CLOEXEC);
    g_assert_cmphex(sys_flags_to_host(of, 0x200000), ==, O_PATH);
    g_assert_cmphex(sys_flags_to_host(of, 0x410000 | 2), ==, O_TMPFILE | O_RDWR);
    g_assert_cmphex(sys_flags_to_guest(of, O_RDWR | O_NONBLOCK | O_APPEND | 0100000),
                    ==, 0x2000 | 0x80 | 0x8 | 2);

    /* MAP_* from asm/mman.h. */
    const SysBitmap *mf = sys_target_abi.mmap_flags;
    g_assert_cmphex(sys_flags_to_host(mf, 0x802), ==, MAP_PRIVATE | MAP_ANONYMOUS);
    g_assert_cmphex(sys_flags_to_host(mf, 0x412), ==, MAP_PRIVATE | MAP_FIXED | MAP_NORESERVE);
    g_assert_cmphex(sys_flags_to_host(mf, 0x1000 | 0x2000 | 0x4000 | 0x8000 | 1),
                    ==, MAP_GROWSDOWN | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED | MAP_SHARED);
    g_assert_cmphex(sys_flags_to_host(mf, 0x10000 | 0x20000 | 0x40000 | 0x80000 | 0x100000),
                    ==, MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB |
                            MAP_FIXED_NOREPLACE);

    /* errno (asm/errno.h). */
    g_assert_cmpint(sys_host_to_guest_errno(ENOENT), ==, 2);
    g_assert_cmpint(sys_host_to_guest_errno(ERANGE), ==, 34);
    g_assert_cmpint(sys_host_to_guest_errno(EDEADLK), ==, 45);
    g_assert_cmpint(sys_host_to_guest_errno(ENAMETOOLONG), ==, 78);
    g_assert_cmpint(sys_host_to_guest_errno(ENOSYS), ==, 89);
    g_assert_cmpint(sys_host_to_guest_errno(ELOOP), ==, 90);
    g_assert_cmpint(sys_host_to_guest_errno(ENOTEMPTY), ==, 93);
    g_assert_cmpint(sys_host_to_guest_errno(EOVERFLOW), ==, 79);
    g_assert_cmpint(sys_host_to_guest_errno(EOPNOTSUPP), ==, 122);
    g_assert_cmpint(sys_host_to_guest_errno(ETIMEDOUT), ==, 145);
    g_assert_cmpint(sys_host_to_guest_errno(EINPROGRESS), ==, 150);
    g_assert_cmpint(sys_host_to_guest_errno(ECANCELED), ==, 158);
    g_assert_cmpint(sys_host_to_guest_errno(EHWPOISON), ==, 168);
    g_assert_cmpint(sys_host_to_guest_errno(EDQUOT), ==, 1133);

    /* Signals (asm/signal.h). */
    static const int pairs[][2] = {
        { 1, SIGHUP }, { 6, SIGABRT }, { 8, SIGFPE }, { 9, SIGKILL }, { 10, SIGBUS },
        { 11, SIGSEGV }, { 12, SIGSYS }, { 16, SIGUSR1 }, { 17, SIGUSR2 }, { 18, SIGCHLD },
        { 19, SIGPWR }, { 20, SIGWINCH }, { 21, SIGURG }, { 22, SIGIO }, { 23, SIGSTOP },
        { 24, SIGTSTP }, { 25, SIGCONT }, { 26, SIGTTIN }, { 27, SIGTTOU },
        { 28, SIGVTALRM }, { 29, SIGPROF }, { 30, SIGXCPU }, { 31, SIGXFSZ }, { 34, 34 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
        g_assert_cmpint(sys_guest_to_host_signal(pairs[i][0]), ==, pairs[i][1]);
        g_assert_cmpint(sys_host_to_guest_signal(pairs[i][1]), ==, pairs[i][0]);
    }
    g_assert_cmpint(sys_guest_to_host_signal(7), <, 0);  /* SIGEMT */
    g_assert_cmpint(sys_guest_to_host_signal(100), <, 0);

    /* rlimits (asm/resource.h). */
    g_assert_cmpint(sys_target_abi.rlimit_to_host(5), ==, RLIMIT_NOFILE);
    g_assert_cmpint(sys_target_abi.rlimit_to_host(6), ==, RLIMIT_AS);
    g_assert_cmpint(sys_target_abi.rlimit_to_host(7), ==, RLIMIT_RSS);
    g_assert_cmpint(sys_target_abi.rlimit_to_host(8), ==, RLIMIT_NPROC);
    g_assert_cmpint(sys_target_abi.rlimit_to_host(9), ==, RLIMIT_MEMLOCK);
    g_assert_cmpint(sys_target_abi.rlimit_to_host(3), ==, RLIMIT_STACK);

    /* fcntl (asm/fcntl.h). */
    int hc;
    g_assert_cmpint(sys_target_abi.fcntl_cmd(14, false, &hc), ==, SYS_FCNTL_FLOCK);
    g_assert_cmpint(hc, ==, F_GETLK);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(6, true, &hc), ==, SYS_FCNTL_FLOCK);
    g_assert_cmpint(hc, ==, F_SETLK);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(7, false, &hc), ==, SYS_FCNTL_FLOCK);
    g_assert_cmpint(hc, ==, F_SETLKW);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(33, true, &hc), ==, SYS_FCNTL_FLOCK64);
    g_assert_cmpint(hc, ==, F_GETLK);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(35, true, &hc), ==, SYS_FCNTL_FLOCK64);
    g_assert_cmpint(hc, ==, F_SETLKW);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(24, false, &hc), ==, SYS_FCNTL_INT);
    g_assert_cmpint(hc, ==, F_SETOWN);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(23, false, &hc), ==, SYS_FCNTL_INT);
    g_assert_cmpint(hc, ==, F_GETOWN);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(3, false, &hc), ==, SYS_FCNTL_GETFL);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(1030, false, &hc), ==, SYS_FCNTL_INT);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(5, false, &hc), ==, SYS_FCNTL_UNKNOWN);
    g_assert_cmpint(sys_target_abi.fcntl_cmd(12, false, &hc), ==, SYS_FCNTL_UNKNOWN);

    /* ioctls (asm/ioctls.h). */
    static const struct { uint32_t req; unsigned long host; } ioc[] = {
        { 0x540d, TCGETS }, { 0x540e, TCSETS }, { 0x540f, TCSETSW }, { 0x5410, TCSETSF },
        { 0x40087468, TIOCGWINSZ }, { 0x80087467, TIOCSWINSZ }, { 0x467f, FIONREAD },
        { 0x667e, FIONBIO }, { 0x40047477, TIOCGPGRP }, { 0x80047476, TIOCSPGRP },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ioc); i++) {
        const SysIoctl *io = sys_target_abi.ioctls;
        while (io->guest_req && io->guest_req != ioc[i].req) {
            io++;
        }
        g_assert_cmphex(io->guest_req, ==, ioc[i].req);
        g_assert_cmphex(io->host_req, ==, ioc[i].host);
    }

    /* Syscall numbers. */
    g_assert_cmpint(sys_target_abi.nr_base, ==, 4000);
    g_assert_cmpstr(sys_syscall_name(NR_syscall), ==, "syscall");
    g_assert_cmpstr(sys_syscall_name(NR_read), ==, "read");
    g_assert_cmpstr(sys_syscall_name(NR_pipe), ==, "pipe");
    g_assert_cmpstr(sys_syscall_name(NR_mmap), ==, "mmap");
    g_assert_cmpstr(sys_syscall_name(4147), ==, "cacheflush");
    g_assert_cmpstr(sys_syscall_name(4148), ==, "cachectl");
    g_assert_cmpstr(sys_syscall_name(NR_sysmips), ==, "sysmips");
    g_assert_cmpstr(sys_syscall_name(NR_mmap2), ==, "mmap2");
    g_assert_cmpstr(sys_syscall_name(NR_exit_group), ==, "exit_group");
    g_assert_cmpstr(sys_syscall_name(4254), ==, "fadvise64");
    g_assert_cmpstr(sys_syscall_name(NR_set_thread_area), ==, "set_thread_area");
    g_assert_cmpstr(sys_syscall_name(NR_pipe2), ==, "pipe2");
    g_assert_cmpstr(sys_syscall_name(NR_getrandom), ==, "getrandom");
    g_assert_cmpstr(sys_syscall_name(NR_statx), ==, "statx");
    g_assert_cmpstr(sys_syscall_name(NR_clock_gettime64), ==, "clock_gettime64");
    g_assert_cmpstr(sys_syscall_name(NR_open_tree_attr), ==, "open_tree_attr");
    g_assert_null(sys_syscall_name(4400 - 31)); /* 4369..4392: room for arch calls */
    g_assert_null(sys_syscall_name(3999));
    g_assert_null(sys_syscall_name(4468));
    g_assert_null(sys_syscall_name(5));

    /* FP exception si_codes as do_fpe(): V before Z before O before U before I. */
    g_assert_cmpint(mips_fpe_code(FP_Z), ==, FPE_FLTDIV);
    g_assert_cmpint(mips_fpe_code(FP_V | FP_Z), ==, FPE_FLTINV);
    g_assert_cmpint(mips_fpe_code(FP_O | FP_I), ==, FPE_FLTOVF);
    g_assert_cmpint(mips_fpe_code(FP_U << FCSR_CAUSE_SHIFT), ==, FPE_FLTUND);
    g_assert_cmpint(mips_fpe_code(FP_I), ==, FPE_FLTRES);
}

/* ---- the o32 convention end to end ------------------------------------------------------ */

/* Runs a SYSCALL with v0 = nr, a0-a3 and stack words 5-8; returns v0, a3 in *err. */
static uint32_t o32_call(uint32_t nr, const uint32_t a[8], uint32_t *err)
{
    CPUMIPSState *env = &test_env;
    env->gpr[2] = nr;
    for (int i = 0; i < 4; i++) {
        env->gpr[4 + i] = a[i];
    }
    env->gpr[29] = GSTACK;
    for (int i = 0; i < 4; i++) {
        put_guest_u32(g2h(GSTACK + 16 + 4 * i), a[4 + i]);
    }
    env->pc = 0x400100;
    mips_handle_syscall(&test_cpu);
    g_assert_cmphex(env->pc, ==, 0x400104);
    *err = env->gpr[7];
    return env->gpr[2];
}

static void setup_guest(void)
{
    g_assert_true(mmu_init());
    int64_t r = mmu_mmap(GMEM, GMEM_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    g_assert_cmpint(r, ==, GMEM);
    test_cpu.env = &test_env;
    test_env.cpu = &test_cpu;
}

static void test_o32_calls(void)
{
    for (int be = 1; be >= 0; be--) {
        set_order(be);
        uint32_t err;

        /* Success: v0 = result, a3 = 0. */
        uint32_t a[8] = { 0 };
        g_assert_cmpuint(o32_call(NR_getpid, a, &err), ==, (uint32_t)getpid());
        g_assert_cmpuint(err, ==, 0);

        /* Failure: v0 = positive MIPS errno, a3 = 1. */
        uint32_t path = GMEM + 0x100;
        strcpy(g2h(path), "/nonexistent/xemu");
        uint32_t b[8] = { MIPS_AT_FDCWD, path, 0, 0 };
        g_assert_cmpuint(o32_call(NR_openat, b, &err), ==, 2);
        g_assert_cmpuint(err, ==, 1);
        uint32_t c[8] = { 0 };
        g_assert_cmpuint(o32_call(4999, c, &err), ==, 89); /* ENOSYS */
        g_assert_cmpuint(err, ==, 1);

        /* Arguments 5 and 6 from the stack: pread64(fd, buf, count, pad, off lo/hi). */
        char *file = g_build_filename(tmp_dir, "data", NULL);
        g_assert_true(g_file_set_contents(file, "0123456789abcdef", 16, NULL));
        strcpy(g2h(path), file);
        uint32_t d[8] = { MIPS_AT_FDCWD, path, MIPS_O_RDWR, 0 };
        uint32_t fd = o32_call(NR_openat, d, &err);
        g_assert_cmpuint(err, ==, 0);
        uint32_t off_hi = 0, off_lo = 10;
        uint32_t e[8] = { fd, GMEM + 0x200, 4, 0, be ? off_hi : off_lo, be ? off_lo : off_hi };
        g_assert_cmpuint(o32_call(NR_pread64, e, &err), ==, 4);
        g_assert_cmpuint(err, ==, 0);
        g_assert_cmpmem(g2h(GMEM + 0x200), 4, "abcd", 4);

        /* syscall(4000): the number in a0, arguments shifted down one, the 5th from
         * the stack: syscall(SYS_pread64, fd, buf, count, pad, off...) */
        uint32_t f[8] = { NR_pread64, fd, GMEM + 0x300, 2, 0, be ? 0 : 3, be ? 3 : 0, 0 };
        g_assert_cmpuint(o32_call(NR_syscall, f, &err), ==, 2);
        g_assert_cmpuint(err, ==, 0);
        g_assert_cmpmem(g2h(GMEM + 0x300), 2, "34", 2);
        uint32_t f2[8] = { NR_syscall, 0, 0, 0 };
        g_assert_cmpuint(o32_call(NR_syscall, f2, &err), ==, 22); /* EINVAL */
        g_assert_cmpuint(err, ==, 1);

        /* fstat64 in guest byte order. */
        uint32_t s[8] = { fd, GMEM + 0x400 };
        g_assert_cmpuint(o32_call(NR_fstat64, s, &err), ==, 0);
        g_assert_cmpuint(err, ==, 0);
        g_assert_cmphex(rd64(g2h(GMEM + 0x400), 56), ==, 16);
        g_assert_cmpuint(rd32(g2h(GMEM + 0x400), 24) & S_IFMT, ==, S_IFREG);

        /* fcntl64(F_GETLK = 14) with struct flock: no lock -> l_type F_UNLCK (2). */
        uint8_t *fl = g2h(GMEM + 0x500);
        memset(fl, 0, 36);
        put_guest_u16(fl, 1); /* F_WRLCK */
        uint32_t lk[8] = { fd, 14, GMEM + 0x500 };
        g_assert_cmpuint(o32_call(NR_fcntl64, lk, &err), ==, 0);
        g_assert_cmpuint(err, ==, 0);
        g_assert_cmpuint(get_guest_u16(fl), ==, 2);
        uint32_t cl[8] = { fd };
        o32_call(NR_close, cl, &err);
        g_assert_cmpuint(err, ==, 0);
        g_free(file);

        /* A stack the kernel cannot read: EFAULT before anything runs. */
        test_env.gpr[2] = NR_getpid;
        test_env.gpr[29] = 0x7ffffff0u; /* sp + 32 crosses into kernel space */
        test_env.pc = 0x400100;
        mips_handle_syscall(&test_cpu);
        g_assert_cmpuint(test_env.gpr[2], ==, 14);
        g_assert_cmpuint(test_env.gpr[7], ==, 1);
        test_env.gpr[2] = NR_getpid;
        test_env.gpr[29] = GMEM - 0x1000; /* unmapped */
        mips_handle_syscall(&test_cpu);
        g_assert_cmpuint(test_env.gpr[2], ==, 14);
        g_assert_cmpuint(test_env.gpr[7], ==, 1);

        /* pipe: fd[0] in v0, fd[1] in v1; pipe2 writes the array. */
        uint32_t p[8] = { 0 };
        test_env.gpr[3] = 0;
        uint32_t r0 = o32_call(NR_pipe, p, &err);
        g_assert_cmpuint(err, ==, 0);
        uint32_t r1 = test_env.gpr[3];
        g_assert_cmpuint(r1, !=, 0);
        g_assert_cmpuint(r0, !=, r1);
        uint32_t w[8] = { r1, GMEM + 0x100, 3 };
        memcpy(g2h(GMEM + 0x100), "xyz", 3);
        g_assert_cmpuint(o32_call(NR_write, w, &err), ==, 3);
        uint32_t rd[8] = { r0, GMEM + 0x180, 8 };
        g_assert_cmpuint(o32_call(NR_read, rd, &err), ==, 3);
        g_assert_cmpmem(g2h(GMEM + 0x180), 3, "xyz", 3);
        close((int)r0);
        close((int)r1);
        uint32_t p2[8] = { GMEM + 0x600, 0x80000 /* O_CLOEXEC */ };
        g_assert_cmpuint(o32_call(NR_pipe2, p2, &err), ==, 0);
        int pfd0 = (int)rd32(g2h(GMEM + 0x600), 0), pfd1 = (int)rd32(g2h(GMEM + 0x600), 4);
        g_assert_cmpint(fcntl(pfd0, F_GETFD), ==, FD_CLOEXEC);
        close(pfd0);
        close(pfd1);

        /* set_thread_area -> UserLocal. */
        uint32_t t[8] = { 0x7f001234u };
        g_assert_cmpuint(o32_call(NR_set_thread_area, t, &err), ==, 0);
        g_assert_cmphex(test_env.userlocal, ==, 0x7f001234u);

        /* sysmips(MIPS_ATOMIC_SET, addr, new) returns the old value. */
        put_guest_u32(g2h(GMEM + 0x700), 0x11223344u);
        uint32_t sm[8] = { 2001, GMEM + 0x700, 0x55667788u };
        g_assert_cmphex(o32_call(NR_sysmips, sm, &err), ==, 0x11223344u);
        g_assert_cmpuint(err, ==, 0);
        g_assert_cmphex(rd32(g2h(GMEM + 0x700), 0), ==, 0x55667788u);
        uint32_t sm2[8] = { 12345 };
        g_assert_cmpuint(o32_call(NR_sysmips, sm2, &err), ==, 22);
        g_assert_cmpuint(err, ==, 1);

        /* getrlimit(RLIMIT_NOFILE = 5) matches the host; RLIM_INFINITY is 0x7fffffff. */
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        uint32_t gl[8] = { 5, GMEM + 0x800 };
        g_assert_cmpuint(o32_call(NR_getrlimit, gl, &err), ==, 0);
        g_assert_cmpuint(rd32(g2h(GMEM + 0x800), 0), ==,
                         rl.rlim_cur >= 0x7fffffff ? 0x7fffffffu : (uint32_t)rl.rlim_cur);
        getrlimit(RLIMIT_CPU, &rl);
        if (rl.rlim_cur == RLIM_INFINITY) {
            uint32_t gc[8] = { 0, GMEM + 0x800 };
            g_assert_cmpuint(o32_call(NR_getrlimit, gc, &err), ==, 0);
            g_assert_cmphex(rd32(g2h(GMEM + 0x800), 0), ==, 0x7fffffffu);
        }

        /* Old mmap: byte offset, MIPS MAP_ANONYMOUS 0x800. */
        uint32_t mm[8] = { 0, 8192, PROT_READ | PROT_WRITE, 0x802, (uint32_t)-1, 0 };
        uint32_t addr = o32_call(NR_mmap, mm, &err);
        g_assert_cmpuint(err, ==, 0);
        g_assert_true(mmu_access_ok(addr, 8192, PAGE_READ | PAGE_WRITE));
        g_assert_cmpint(mmu_munmap(addr, 8192), ==, 0);
        uint32_t mm2[8] = { 0, 4096, PROT_READ, 0x802, (uint32_t)-1, 100 };
        g_assert_cmpuint(o32_call(NR_mmap, mm2, &err), ==, 22);
        g_assert_cmpuint(err, ==, 1);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("xemu-mips-syscall-XXXXXX", NULL);
    g_assert_nonnull(tmp_dir);
    setup_guest();

    g_test_add_func("/mips_syscall/stat_layout", test_stat_layout);
    g_test_add_func("/mips_syscall/statfs_flock_layout", test_statfs_flock_layout);
    g_test_add_func("/mips_syscall/termios_sigaction_layout", test_termios_sigaction_layout);
    g_test_add_func("/mips_syscall/flags_and_numbers", test_flags_and_numbers);
    g_test_add_func("/mips_syscall/o32_calls", test_o32_calls);
    int r = g_test_run();

    char *cmd = g_strdup_printf("rm -rf '%s'", tmp_dir);
    if (system(cmd) != 0) {
        g_printerr("could not remove %s\n", tmp_dir);
    }
    g_free(cmd);
    g_free(tmp_dir);
    return r;
}
