/*
 * Unit tests for the syscall layer: ARM EABI struct conversions (offsets checked against
 * the real armhf headers), flag translation, guest byte order, the syscall number table,
 * errno mapping, the getdents64 cookie table, and a few end-to-end calls through
 * do_syscall() on guest memory (directory reading with readdir/telldir/seekdir-style
 * offsets, pread64 register pairs, fcntl flags, /proc/self/exe).
 *
 * The layout numbers below were obtained by compiling a program that prints
 * offsetof()/sizeof() of the kernel uapi structs (asm/stat.h, asm/statfs.h, linux/fcntl.h,
 * asm/termbits.h) and glibc's struct dirent64 / stack_t with arm-linux-gnueabihf-gcc
 * (Debian 12, Linux 6.1 headers) and running it under qemu-arm.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend/arm/cpu.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* xemu_opts lives in main.c, which test executables do not link. */
__attribute__((weak)) XemuOptions xemu_opts;

/* ARM EABI syscall numbers used below (arch/arm/tools/syscall.tbl). */
enum {
    NR_read = 3, NR_close = 6, NR_lseek = 19, NR_getpid = 20, NR_readlink = 85,
    NR_getdents = 141, NR__llseek = 140, NR_pread64 = 180, NR_stat64 = 195,
    NR_getdents64 = 217, NR_fcntl64 = 221, NR_openat = 322, NR_statx = 397,
};
#define ARM_O_DIRECTORY 040000
#define ARM_O_LARGEFILE 0400000
#define ARM_AT_FDCWD ((uint32_t)-100)

/* Guest scratch memory for the end-to-end tests. */
#define GMEM 0x30000000u
#define GMEM_SIZE 0x40000u

static CPUState test_cpu;
static CPUARMState test_env;

static int32_t sys(int32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                   uint32_t a4, uint32_t a5)
{
    const uint32_t args[8] = { a0, a1, a2, a3, a4, a5, 0, 0 };
    return do_syscall(&test_cpu, nr, args);
}

/* Copies a C string into guest memory at addr. */
static uint32_t gstr(uint32_t addr, const char *s)
{
    memcpy(g2h(addr), s, strlen(s) + 1);
    return addr;
}

static uint32_t rd32(const uint8_t *p, int off)
{
    uint32_t v;
    memcpy(&v, p + off, 4);
    return v;
}

static uint64_t rd64(const uint8_t *p, int off)
{
    uint64_t v;
    memcpy(&v, p + off, 8);
    return v;
}

/* ---- struct layouts ------------------------------------------------------------- */

static void test_stat64_layout(void)
{
    /* armhf: sizeof(struct stat64) = 104; st_dev 0, __st_ino 12, st_mode 16, st_nlink 20,
     * st_uid 24, st_gid 28, st_rdev 32, st_size 48, st_blksize 56, st_blocks 64,
     * st_atime 72, st_atime_nsec 76, st_mtime 80, st_mtime_nsec 84, st_ctime 88,
     * st_ctime_nsec 92, st_ino 96. */
    g_assert_cmpuint(sys_target_abi.stat64_size, ==, 104);
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = 0x0801;
    st.st_ino = 0x123456789aull;
    st.st_mode = 0100644;
    st.st_nlink = 3;
    st.st_uid = 1000;
    st.st_gid = 1001;
    st.st_rdev = 0x0402;
    st.st_size = 0x1122334455ll;
    st.st_blksize = 4096;
    st.st_blocks = 0x99887766ll;
    st.st_atim.tv_sec = 1000;
    st.st_atim.tv_nsec = 11;
    st.st_mtim.tv_sec = 2000;
    st.st_mtim.tv_nsec = 22;
    st.st_ctim.tv_sec = 3000;
    st.st_ctim.tv_nsec = 33;
    uint8_t g[128];
    memset(g, 0xee, sizeof g);
    sys_target_abi.put_stat64(g, &st);
    g_assert_cmphex(rd64(g, 0), ==, 0x0801);
    g_assert_cmphex(rd32(g, 12), ==, 0x3456789a);
    g_assert_cmpuint(rd32(g, 16), ==, 0100644);
    g_assert_cmpuint(rd32(g, 20), ==, 3);
    g_assert_cmpuint(rd32(g, 24), ==, 1000);
    g_assert_cmpuint(rd32(g, 28), ==, 1001);
    g_assert_cmphex(rd64(g, 32), ==, 0x0402);
    g_assert_cmphex(rd64(g, 48), ==, 0x1122334455ull);
    g_assert_cmpuint(rd32(g, 56), ==, 4096);
    g_assert_cmphex(rd64(g, 64), ==, 0x99887766ull);
    g_assert_cmpuint(rd32(g, 72), ==, 1000);
    g_assert_cmpuint(rd32(g, 76), ==, 11);
    g_assert_cmpuint(rd32(g, 80), ==, 2000);
    g_assert_cmpuint(rd32(g, 84), ==, 22);
    g_assert_cmpuint(rd32(g, 88), ==, 3000);
    g_assert_cmpuint(rd32(g, 92), ==, 33);
    g_assert_cmphex(rd64(g, 96), ==, 0x123456789aull);
    g_assert_cmphex(g[104], ==, 0xee); /* nothing written past the struct */

    /* Old struct stat (64 bytes): 16-bit mode/nlink/uid/gid, EOVERFLOW on big values. */
    g_assert_cmpuint(sys_target_abi.stat_size, ==, 64);
    g_assert_cmpint(sys_target_abi.put_stat(g, &st), ==, -EOVERFLOW);
    st.st_ino = 77;
    st.st_size = 1234;
    g_assert_cmpint(sys_target_abi.put_stat(g, &st), ==, 0);
    g_assert_cmpuint(rd32(g, 4), ==, 77);
    g_assert_cmpuint(g[8] | g[9] << 8, ==, 0100644);
    g_assert_cmpuint(rd32(g, 20), ==, 1234);
    g_assert_cmpuint(rd32(g, 40), ==, 2000);
}

static void test_statfs_layout(void)
{
    /* armhf: sizeof(struct statfs64) = 84 (packed, 4-byte aligned): f_type 0, f_bsize 4,
     * f_blocks 8, f_bfree 16, f_bavail 24, f_files 32, f_ffree 40, f_fsid 48,
     * f_namelen 56, f_frsize 60, f_flags 64, f_spare 68. struct statfs = 64: f_blocks 8
     * (u32), f_fsid 28, f_namelen 36, f_frsize 40, f_flags 44. */
    g_assert_cmpuint(sys_target_abi.statfs64_size, ==, 84);
    g_assert_cmpuint(sys_target_abi.statfs_size, ==, 64);
    struct statfs st;
    memset(&st, 0, sizeof st);
    st.f_type = 0xef53;
    st.f_bsize = 4096;
    st.f_blocks = 0x100000000ll;
    st.f_bfree = 5;
    st.f_bavail = 6;
    st.f_files = 7;
    st.f_ffree = 8;
    st.f_fsid.__val[0] = 0x1111;
    st.f_fsid.__val[1] = 0x2222;
    st.f_namelen = 255;
    st.f_frsize = 4096;
    st.f_flags = 0x20;
    uint8_t g[96];
    memset(g, 0xee, sizeof g);
    sys_target_abi.put_statfs64(g, &st);
    g_assert_cmphex(rd32(g, 0), ==, 0xef53);
    g_assert_cmpuint(rd32(g, 4), ==, 4096);
    g_assert_cmphex(rd64(g, 8), ==, 0x100000000ull);
    g_assert_cmpuint(rd64(g, 16), ==, 5);
    g_assert_cmpuint(rd64(g, 24), ==, 6);
    g_assert_cmpuint(rd64(g, 32), ==, 7);
    g_assert_cmpuint(rd64(g, 40), ==, 8);
    g_assert_cmphex(rd32(g, 48), ==, 0x1111);
    g_assert_cmphex(rd32(g, 52), ==, 0x2222);
    g_assert_cmpuint(rd32(g, 56), ==, 255);
    g_assert_cmpuint(rd32(g, 60), ==, 4096);
    g_assert_cmphex(rd32(g, 64), ==, 0x20);
    g_assert_cmphex(g[84], ==, 0xee);

    g_assert_cmpint(sys_target_abi.put_statfs(g, &st), ==, -EOVERFLOW);
    st.f_blocks = 1000;
    g_assert_cmpint(sys_target_abi.put_statfs(g, &st), ==, 0);
    g_assert_cmpuint(rd32(g, 8), ==, 1000);
    g_assert_cmphex(rd32(g, 28), ==, 0x1111);
    g_assert_cmpuint(rd32(g, 36), ==, 255);
    g_assert_cmphex(rd32(g, 44), ==, 0x20);
}

static void test_flock_layout(void)
{
    /* armhf: sizeof(struct flock64) = 32: l_type 0, l_whence 2, l_start 8 (EABI aligns
     * the 64-bit field), l_len 16, l_pid 24. struct flock = 16: l_start 4, l_len 8,
     * l_pid 12. */
    g_assert_cmpuint(sys_target_abi.flock64_size, ==, 32);
    g_assert_cmpuint(sys_target_abi.flock_size, ==, 16);
    uint8_t g[32];
    memset(g, 0, sizeof g);
    g[0] = F_WRLCK;
    g[2] = SEEK_CUR;
    uint64_t start = 0x123456789ull, len = 42;
    uint32_t pid = 99;
    memcpy(g + 8, &start, 8);
    memcpy(g + 16, &len, 8);
    memcpy(g + 24, &pid, 4);
    struct flock fl;
    sys_target_abi.get_flock64(&fl, g);
    g_assert_cmpint(fl.l_type, ==, F_WRLCK);
    g_assert_cmpint(fl.l_whence, ==, SEEK_CUR);
    g_assert_cmpint(fl.l_start, ==, 0x123456789ll);
    g_assert_cmpint(fl.l_len, ==, 42);
    g_assert_cmpint(fl.l_pid, ==, 99);

    uint8_t out[32];
    sys_target_abi.put_flock64(out, &fl);
    g_assert_cmpmem(out, 32, g, 32);

    /* 32-bit flock: the 64-bit start does not fit. */
    g_assert_cmpint(sys_target_abi.put_flock(out, &fl), ==, -EOVERFLOW);
    fl.l_start = -5;
    g_assert_cmpint(sys_target_abi.put_flock(out, &fl), ==, 0);
    g_assert_cmpint((int32_t)rd32(out, 4), ==, -5);
    g_assert_cmpint(rd32(out, 8), ==, 42);
    g_assert_cmpint(rd32(out, 12), ==, 99);
}

static void test_termios_sigaction_layout(void)
{
    /* armhf kernel struct termios = 36: c_iflag 0, c_oflag 4, c_cflag 8, c_lflag 12,
     * c_line 16, c_cc[19] 17. */
    g_assert_cmpuint(sys_target_abi.termios_size, ==, 36);
    uint8_t g[36];
    for (int i = 0; i < 36; i++) {
        g[i] = (uint8_t)i;
    }
    SysKTermios t;
    sys_target_abi.get_termios(&t, g);
    g_assert_cmphex(t.c_iflag, ==, 0x03020100);
    g_assert_cmphex(t.c_lflag, ==, 0x0f0e0d0c);
    g_assert_cmpuint(t.c_line, ==, 16);
    g_assert_cmpuint(t.c_cc[0], ==, 17);
    g_assert_cmpuint(t.c_cc[18], ==, 35);
    uint8_t out[36];
    sys_target_abi.put_termios(out, &t);
    g_assert_cmpmem(out, 36, g, 36);

    /* Kernel struct sigaction for rt_sigaction: handler, flags, restorer, mask[2]. */
    uint32_t sa[5] = { 0x8000, 0x04000004, 0x9000, 0x5, 0x80000000 };
    GuestSigaction gs;
    sys_target_abi.get_sigaction(&gs, sa);
    g_assert_cmphex(gs.handler, ==, 0x8000);
    g_assert_cmphex(gs.flags, ==, 0x04000004);
    g_assert_cmphex(gs.restorer, ==, 0x9000);
    g_assert_cmphex(gs.mask, ==, 0x8000000000000005ull);
}

/* ---- flags, byte order, numbers, errno ------------------------------------------------ */

static void test_open_flags(void)
{
    const SysBitmap *t = sys_target_abi.open_flags;
    /* ARM O_DIRECTORY/O_NOFOLLOW/O_DIRECT/O_LARGEFILE differ from x86_64. */
    g_assert_cmphex(sys_flags_to_host(t, 040000), ==, O_DIRECTORY);
    g_assert_cmphex(sys_flags_to_host(t, 0100000), ==, O_NOFOLLOW);
    g_assert_cmphex(sys_flags_to_host(t, 0200000), ==, O_DIRECT);
    g_assert_cmphex(sys_flags_to_host(t, 0400000), ==, 0100000);
    g_assert_cmphex(sys_flags_to_host(t, 02 | 0100 | 01000 | 02000000),
                    ==, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC);
    g_assert_cmphex(sys_flags_to_guest(t, O_DIRECTORY | 0100000 | O_WRONLY),
                    ==, 040000 | 0400000 | 01);
    /* Every single guest bit survives a round trip. */
    for (int b = 0; b < 32; b++) {
        uint32_t g = 1u << b;
        uint32_t h = sys_flags_to_host(t, g);
        if (h) {
            g_assert_cmphex(sys_flags_to_guest(t, h) & g, ==, g);
        }
    }
    /* mmap flags are the generic ones. */
    g_assert_cmphex(sys_flags_to_host(sys_target_abi.mmap_flags, 0x22),
                    ==, MAP_PRIVATE | MAP_ANONYMOUS);
}

static void test_byte_order(void)
{
    uint8_t b[8];
    sys_guest_big_endian = true;
    put_guest_u32(b, 0x11223344);
    g_assert_cmphex(b[0], ==, 0x11);
    g_assert_cmphex(get_guest_u32(b), ==, 0x11223344);
    put_guest_u64(b, 0x0102030405060708ull);
    g_assert_cmphex(b[0], ==, 0x01);
    g_assert_cmphex(b[7], ==, 0x08);
    const uint32_t args_be[2] = { 0x1, 0x2 };
    g_assert_cmphex(sys_arg64(args_be, 0), ==, 0x100000002ull);
    sys_guest_big_endian = false;
    put_guest_u16(b, 0xabcd);
    g_assert_cmphex(b[0], ==, 0xcd);
    g_assert_cmphex(sys_arg64(args_be, 0), ==, 0x200000001ull);
}

static void test_numbers_and_errno(void)
{
    g_assert_cmpstr(sys_syscall_name(3), ==, "read");
    g_assert_cmpstr(sys_syscall_name(322), ==, "openat");
    g_assert_cmpstr(sys_syscall_name(217), ==, "getdents64");
    g_assert_cmpstr(sys_syscall_name(397), ==, "statx");
    g_assert_cmpstr(sys_syscall_name(439), ==, "faccessat2");
    g_assert_cmpstr(sys_syscall_name(452), ==, "fchmodat2");
    g_assert_null(sys_syscall_name(13));  /* EABI has no time() */
    g_assert_null(sys_syscall_name(0x0f0005));
    g_assert_null(sys_syscall_name(-1));
    /* ARM uses the generic errno numbers, as x86_64. */
    g_assert_cmpint(sys_host_to_guest_errno(ENOENT), ==, 2);
    g_assert_cmpint(sys_host_to_guest_errno(EOVERFLOW), ==, 75);
    g_assert_cmpint(sys_host_to_guest_errno(ENOSYS), ==, 38);
    g_assert_cmpint(sys_guest_to_host_signal(10), ==, 10);
}

/* ---- getdents cookies ----------------------------------------------------------------- */

static void test_dircookies(void)
{
    SysDirCookies *dc = sys_dircookies_new();
    int64_t h;
    g_assert_cmpuint(sys_dircookie_for(dc, 0), ==, 0);
    g_assert_cmpuint(sys_dircookie_for(dc, 0x7fffabcd12345678ll), ==, 1);
    g_assert_cmpuint(sys_dircookie_for(dc, 0x1234567800000000ll), ==, 2);
    g_assert_cmpuint(sys_dircookie_for(dc, 0x7fffabcd12345678ll), ==, 1);
    g_assert_cmpuint(sys_dircookie_for(dc, INT64_MAX), ==, 3);
    g_assert_true(sys_dircookie_lookup(dc, 2, &h));
    g_assert_cmphex((uint64_t)h, ==, 0x1234567800000000ull);
    g_assert_true(sys_dircookie_lookup(dc, 0, &h));
    g_assert_cmpint(h, ==, 0);
    g_assert_false(sys_dircookie_lookup(dc, 4, &h));
    for (int i = 0; i < 10000; i++) {
        g_assert_cmpuint(sys_dircookie_for(dc, ((int64_t)i << 40) + 17), ==, 4 + i);
    }
    sys_dircookies_free(dc);
}

/* ---- end to end through do_syscall ------------------------------------------------------ */

static char *tmp_dir;

static void setup_guest(void)
{
    g_assert_true(mmu_init());
    int64_t r = mmu_mmap(GMEM, GMEM_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    g_assert_cmpint(r, ==, GMEM);
    test_cpu.env = &test_env;
    test_env.cpu = &test_cpu;
}

/* Reads a whole directory with getdents64 (small buffer), returns names; d_off values
 * and names in order go to offs/names. */
static void read_dir64(int fd, GPtrArray *names, GArray *offs)
{
    for (;;) {
        int32_t n = sys(NR_getdents64, (uint32_t)fd, GMEM + 0x1000, 300, 0, 0, 0);
        g_assert_cmpint(n, >=, 0);
        if (n == 0) {
            break;
        }
        const uint8_t *p = g2h(GMEM + 0x1000);
        for (int32_t pos = 0; pos < n;) {
            uint16_t reclen;
            memcpy(&reclen, p + pos + 16, 2);
            int64_t off = (int64_t)rd64(p, pos + 8);
            g_ptr_array_add(names, g_strdup((const char *)p + pos + 19));
            g_array_append_val(offs, off);
            pos += reclen;
        }
    }
}

static void test_getdents64_cookies(void)
{
    /* A directory large enough for hashed (ext4 htree) offsets where the host has them. */
    for (int i = 0; i < 200; i++) {
        char *f = g_strdup_printf("%s/d/file-%03d", tmp_dir, i);
        g_assert_true(g_file_set_contents(f, "x", 1, NULL));
        g_free(f);
    }
    char *d = g_strdup_printf("%s/d", tmp_dir);
    int32_t fd = sys(NR_openat, ARM_AT_FDCWD, gstr(GMEM, d), ARM_O_DIRECTORY, 0, 0, 0);
    g_assert_cmpint(fd, >=, 0);

    /* fcntl64(F_GETFL) reports guest (ARM) bits. */
    int32_t fl = sys(NR_fcntl64, (uint32_t)fd, 3, 0, 0, 0, 0);
    g_assert_cmphex(fl & (ARM_O_DIRECTORY | ARM_O_LARGEFILE), ==,
                    ARM_O_DIRECTORY | ARM_O_LARGEFILE);

    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GArray *offs = g_array_new(FALSE, FALSE, sizeof(int64_t));
    read_dir64(fd, names, offs);
    g_assert_cmpuint(names->len, ==, 202);
    for (guint i = 0; i < offs->len; i++) {
        /* Every d_off fits in 31 bits: a non-LFS readdir would not fail. */
        g_assert_cmpint(g_array_index(offs, int64_t, i), >, 0);
        g_assert_cmpint(g_array_index(offs, int64_t, i), <=, INT32_MAX);
    }

    /* seekdir(telldir-after-entry-k) continues with entry k+1, via 32-bit lseek. */
    guint k = 100;
    int64_t cookie = g_array_index(offs, int64_t, k);
    g_assert_cmpint(sys(NR_lseek, (uint32_t)fd, (uint32_t)cookie, SEEK_SET, 0, 0, 0), ==,
                    cookie);
    GPtrArray *rest = g_ptr_array_new_with_free_func(g_free);
    GArray *rest_offs = g_array_new(FALSE, FALSE, sizeof(int64_t));
    read_dir64(fd, rest, rest_offs);
    g_assert_cmpuint(rest->len, ==, 202 - k - 1);
    g_assert_cmpstr(g_ptr_array_index(rest, 0), ==, g_ptr_array_index(names, k + 1));
    g_assert_cmpint(g_array_index(rest_offs, int64_t, 0), ==,
                    g_array_index(offs, int64_t, k + 1));

    /* _llseek to an earlier cookie and tell (SEEK_CUR) gives the cookie back. */
    int64_t c2 = g_array_index(offs, int64_t, 10);
    g_assert_cmpint(sys(NR__llseek, (uint32_t)fd, 0, (uint32_t)c2, GMEM + 0x800, SEEK_SET, 0),
                    ==, 0);
    g_assert_cmpint((int64_t)rd64(g2h(GMEM + 0x800), 0), ==, c2);
    g_assert_cmpint(sys(NR_lseek, (uint32_t)fd, 0, SEEK_CUR, 0, 0, 0), ==, c2);
    /* An unknown cookie is rejected, rewinding to 0 works. */
    g_assert_cmpint(sys(NR_lseek, (uint32_t)fd, 99999, SEEK_SET, 0, 0, 0), ==, -EINVAL);
    g_assert_cmpint(sys(NR_lseek, (uint32_t)fd, 0, SEEK_SET, 0, 0, 0), ==, 0);

    /* The old getdents gives the same names, the same cookies. */
    guint count = 0;
    for (;;) {
        int32_t n = sys(NR_getdents, (uint32_t)fd, GMEM + 0x1000, 256, 0, 0, 0);
        g_assert_cmpint(n, >=, 0);
        if (n == 0) {
            break;
        }
        const uint8_t *p = g2h(GMEM + 0x1000);
        for (int32_t pos = 0; pos < n; count++) {
            uint16_t reclen = (uint16_t)(p[pos + 8] | p[pos + 9] << 8);
            g_assert_cmpstr((const char *)p + pos + 10, ==, g_ptr_array_index(names, count));
            g_assert_cmpuint(rd32(p, pos + 4), ==, g_array_index(offs, int64_t, count));
            g_assert_cmpuint(reclen % 4, ==, 0);
            pos += reclen;
        }
    }
    g_assert_cmpuint(count, ==, 202);
    g_assert_cmpint(sys(NR_close, (uint32_t)fd, 0, 0, 0, 0, 0), ==, 0);

    g_ptr_array_unref(names);
    g_ptr_array_unref(rest);
    g_array_unref(offs);
    g_array_unref(rest_offs);
    g_free(d);
}

static void test_file_calls(void)
{
    char *f = g_strdup_printf("%s/data", tmp_dir);
    g_assert_true(g_file_set_contents(f, "0123456789abcdef", 16, NULL));
    int32_t fd = sys(NR_openat, ARM_AT_FDCWD, gstr(GMEM, f), O_RDONLY, 0, 0, 0);
    g_assert_cmpint(fd, >=, 0);

    /* pread64(fd, buf, count, pad, off_lo, off_hi): the offset is the r4/r5 pair. */
    g_assert_cmpint(sys(NR_pread64, (uint32_t)fd, GMEM + 0x100, 4, 0xdead, 10, 0), ==, 4);
    g_assert_cmpmem(g2h(GMEM + 0x100), 4, "abcd", 4);

    /* stat64 through the guest struct. */
    g_assert_cmpint(sys(NR_stat64, gstr(GMEM, f), GMEM + 0x200, 0, 0, 0, 0), ==, 0);
    g_assert_cmpuint(rd64(g2h(GMEM + 0x200), 48), ==, 16);
    g_assert_cmpuint(rd32(g2h(GMEM + 0x200), 16) & S_IFMT, ==, S_IFREG);

    /* statx fills the arch-independent struct. */
    g_assert_cmpint(sys(NR_statx, ARM_AT_FDCWD, gstr(GMEM, f), 0, 0x7ff, GMEM + 0x400, 0),
                    ==, 0);
    g_assert_cmpuint(rd64(g2h(GMEM + 0x400), 40), ==, 16);

    /* Errors are negative guest errno values; bad buffers are -EFAULT. */
    g_assert_cmpint(sys(NR_stat64, gstr(GMEM, "/nonexistent/x"), GMEM + 0x200, 0, 0, 0, 0),
                    ==, -ENOENT);
    g_assert_cmpint(sys(NR_stat64, gstr(GMEM, f), 0x1000, 0, 0, 0, 0), ==, -EFAULT);
    g_assert_cmpint(sys(NR_read, (uint32_t)fd, 0x1000, 4, 0, 0, 0), ==, -EFAULT);
    /* A read whose buffer runs off the end of guest memory stops there. */
    g_assert_cmpint(sys(NR_lseek, (uint32_t)fd, 0, SEEK_SET, 0, 0, 0), ==, 0);
    g_assert_cmpint(sys(NR_read, (uint32_t)fd, GMEM + GMEM_SIZE - 3, 100, 0, 0, 0), ==, 3);

    g_assert_cmpint(sys(NR_close, (uint32_t)fd, 0, 0, 0, 0, 0), ==, 0);
    g_assert_cmpint(sys(NR_close, (uint32_t)fd, 0, 0, 0, 0, 0), ==, -EBADF);
    g_free(f);

    /* Unknown and missing syscalls. */
    g_assert_cmpint(sys(13, 0, 0, 0, 0, 0, 0), ==, -ENOSYS);
    g_assert_cmpint(sys(9999, 0, 0, 0, 0, 0, 0), ==, -ENOSYS);
    g_assert_cmpint(sys(NR_getpid, 0, 0, 0, 0, 0, 0), ==, getpid());

    /* readlink("/proc/self/exe") names the guest program. */
    xemu_opts.exec_realpath = (char *)"/opt/guest/prog";
    int32_t n = sys(NR_readlink, gstr(GMEM, "/proc/self/exe"), GMEM + 0x100, 64, 0, 0, 0);
    g_assert_cmpint(n, ==, 15);
    g_assert_cmpmem(g2h(GMEM + 0x100), 15, "/opt/guest/prog", 15);
    xemu_opts.exec_realpath = NULL;
}

static void test_private_syscalls(void)
{
    const uint32_t args[8] = { 0xdeadbeef };
    g_assert_cmpint(arm_private_syscall(&test_cpu, 0x0f0005, args), ==, 0);
    g_assert_cmphex(test_env.tpidruro, ==, 0xdeadbeef);
    g_assert_cmphex((uint32_t)arm_private_syscall(&test_cpu, 0x0f0006, args), ==, 0xdeadbeef);
    g_assert_cmpint(arm_private_syscall(&test_cpu, 0x0f0003, args), ==, -ENOSYS);
    g_assert_cmpint(arm_private_syscall(&test_cpu, 0x0f0099, args), ==, -ENOSYS);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("xemu-syscall-XXXXXX", NULL);
    g_assert_nonnull(tmp_dir);
    char *d = g_strdup_printf("%s/d", tmp_dir);
    g_mkdir(d, 0755);
    g_free(d);
    setup_guest();

    g_test_add_func("/syscall/stat64_layout", test_stat64_layout);
    g_test_add_func("/syscall/statfs_layout", test_statfs_layout);
    g_test_add_func("/syscall/flock_layout", test_flock_layout);
    g_test_add_func("/syscall/termios_sigaction_layout", test_termios_sigaction_layout);
    g_test_add_func("/syscall/open_flags", test_open_flags);
    g_test_add_func("/syscall/byte_order", test_byte_order);
    g_test_add_func("/syscall/numbers_and_errno", test_numbers_and_errno);
    g_test_add_func("/syscall/dircookies", test_dircookies);
    g_test_add_func("/syscall/getdents64_cookies", test_getdents64_cookies);
    g_test_add_func("/syscall/file_calls", test_file_calls);
    g_test_add_func("/syscall/private_syscalls", test_private_syscalls);
    int r = g_test_run();

    char *cmd = g_strdup_printf("rm -rf '%s'", tmp_dir);
    if (system(cmd) != 0) {
        g_printerr("could not remove %s\n", tmp_dir);
    }
    g_free(cmd);
    g_free(tmp_dir);
    return r;
}
