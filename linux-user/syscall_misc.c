/*
 * Miscellaneous syscalls: scheduling policy and parameters, capabilities, I/O
 * priorities, namespaces, mounts and the other administration calls (passed to the host,
 * which decides about permissions), the legacy ARM 16-bit id calls, nice, membarrier,
 * sync_file_range and readahead in ARM's argument order, file handles (refused).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

#define MISC_PATH_BUF (PATH_MAX * 2)

/* ---- scheduling ------------------------------------------------------------------ */

/* struct sched_param is one int on every ABI. */
int64_t sys_sched_setparam(CPUState *cpu, const uint32_t *args)
{
    const uint8_t *g = sys_guest_ptr(args[1], 4, PAGE_READ);
    if (!g) {
        return SYS_ERR(EINVAL); /* the kernel: a NULL or bad param is EINVAL or EFAULT */
    }
    struct sched_param p = { .sched_priority = (int)get_guest_u32(g) };
    return SYS_RET(syscall(SYS_sched_setparam, (pid_t)args[0], &p));
}

int64_t sys_sched_getparam(CPUState *cpu, const uint32_t *args)
{
    struct sched_param p;
    uint8_t *g = sys_guest_ptr(args[1], 4, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EINVAL);
    }
    if (syscall(SYS_sched_getparam, (pid_t)args[0], &p) < 0) {
        return SYS_ERR(errno);
    }
    put_guest_u32(g, (uint32_t)p.sched_priority);
    return 0;
}

int64_t sys_sched_setscheduler(CPUState *cpu, const uint32_t *args)
{
    const uint8_t *g = sys_guest_ptr(args[2], 4, PAGE_READ);
    if (!g) {
        return SYS_ERR(EINVAL);
    }
    struct sched_param p = { .sched_priority = (int)get_guest_u32(g) };
    return SYS_RET(syscall(SYS_sched_setscheduler, (pid_t)args[0], (int)args[1], &p));
}

int64_t sys_sched_getscheduler(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_sched_getscheduler, (pid_t)args[0]));
}

int64_t sys_sched_get_priority_max(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_sched_get_priority_max, (int)args[0]));
}

int64_t sys_sched_get_priority_min(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_sched_get_priority_min, (int)args[0]));
}

static int64_t misc_rr_get_interval(const uint32_t *args, bool time64)
{
    struct timespec ts;
    if (syscall(SYS_sched_rr_get_interval, (pid_t)args[0], &ts) < 0) {
        return SYS_ERR(errno);
    }
    return sys_put_timespec(args[1], &ts, time64);
}

int64_t sys_sched_rr_get_interval(CPUState *cpu, const uint32_t *args)
{
    return misc_rr_get_interval(args, false);
}

int64_t sys_sched_rr_get_interval_time64(CPUState *cpu, const uint32_t *args)
{
    return misc_rr_get_interval(args, true);
}

/* ---- capabilities --------------------------------------------------------------------- */

/*
 * capget/capset(header, data): header { u32 version; int pid }, data one (version 1)
 * or two (versions 2, 3) { effective, permitted, inheritable } u32 triples. An unknown
 * version is answered with the kernel's preferred one in the header and EINVAL.
 */
static int64_t misc_capcall(const uint32_t *args, bool set)
{
    uint8_t *gh = sys_guest_ptr(args[0], 8, PAGE_READ | PAGE_WRITE);
    if (!gh) {
        return SYS_ERR(EFAULT);
    }
    struct __user_cap_header_struct hdr = { get_guest_u32(gh), (int)get_guest_u32(gh + 4) };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    unsigned n = hdr.version == _LINUX_CAPABILITY_VERSION_1 ? 1 : 2;
    uint8_t *gd = NULL;
    if (args[1]) {
        gd = sys_guest_ptr(args[1], n * 12, set ? PAGE_READ : PAGE_WRITE);
        if (!gd) {
            return SYS_ERR(EFAULT);
        }
    }
    if (set && gd) {
        for (unsigned i = 0; i < n; i++) {
            data[i].effective = get_guest_u32(gd + i * 12);
            data[i].permitted = get_guest_u32(gd + i * 12 + 4);
            data[i].inheritable = get_guest_u32(gd + i * 12 + 8);
        }
    }
    long r = syscall(set ? SYS_capset : SYS_capget, &hdr, gd ? data : NULL);
    int e = errno;
    put_guest_u32(gh, hdr.version);
    if (r < 0) {
        return SYS_ERR(e);
    }
    if (!set && gd) {
        for (unsigned i = 0; i < n; i++) {
            put_guest_u32(gd + i * 12, data[i].effective);
            put_guest_u32(gd + i * 12 + 4, data[i].permitted);
            put_guest_u32(gd + i * 12 + 8, data[i].inheritable);
        }
    }
    return 0;
}

int64_t sys_capget(CPUState *cpu, const uint32_t *args) { return misc_capcall(args, false); }
int64_t sys_capset(CPUState *cpu, const uint32_t *args) { return misc_capcall(args, true); }

/* ---- integer pass-through --------------------------------------------------------- */

int64_t sys_ioprio_get(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_ioprio_get, (int)args[0], (int)args[1]));
}

int64_t sys_ioprio_set(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_ioprio_set, (int)args[0], (int)args[1], (int)args[2]));
}

int64_t sys_unshare(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_unshare, (unsigned long)args[0]));
}

int64_t sys_setns(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_setns, (int)args[0], (int)args[1]));
}

int64_t sys_vhangup(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_vhangup));
}

/* Guest threads are host threads: the host's barrier orders them too. */
int64_t sys_membarrier(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_membarrier, (int)args[0], (unsigned)args[1], (int)args[2]));
}

/* nice(inc): the kernel's sys_nice returns 0 (x86_64 has no such call). */
int64_t sys_nice(CPUState *cpu, const uint32_t *args)
{
    errno = 0;
    int cur = getpriority(PRIO_PROCESS, 0);
    if (cur == -1 && errno) {
        return SYS_ERR(errno);
    }
    int v = cur + CLAMP((int32_t)args[0], -40, 40);
    v = CLAMP(v, -20, 19);
    return SYS_RET(setpriority(PRIO_PROCESS, 0, v));
}

/* ---- ARM argument orders ------------------------------------------------------------- */

/* arm_sync_file_range(fd, flags, offset, nbytes): flags first, so the pairs align. */
int64_t sys_arm_sync_file_range(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_sync_file_range, (int)args[0], (off_t)sys_arg64(args, 2),
                           (off_t)sys_arg64(args, 4), (unsigned)args[1]));
}

/* readahead(fd, pad, offset, count) on ARM EABI. */
int64_t sys_readahead(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(readahead((int)args[0], (off_t)sys_arg64(args, 2), (size_t)args[4]));
}

/* ---- file handles ------------------------------------------------------------------ */

/* struct file_handle is opaque host data; the guest gets the "not supported" answer. */
int64_t sys_name_to_handle_at(CPUState *cpu, const uint32_t *args)
{
    return SYS_ERR(EOPNOTSUPP);
}

int64_t sys_open_by_handle_at(CPUState *cpu, const uint32_t *args)
{
    return SYS_ERR(EOPNOTSUPP);
}

/* ---- administration: the host decides (EPERM unless privileged) ------------------- */

/* A guest string that may be NULL: *out NULL for NULL; false if unreadable. */
static bool misc_opt_str(uint32_t addr, const char **out)
{
    *out = addr ? sys_guest_str(addr) : NULL;
    return !addr || *out;
}

/* syslog(type, buf, len): the read actions (2, 3, 4) fill buf. */
int64_t sys_syslog(CPUState *cpu, const uint32_t *args)
{
    int type = (int)args[0], len = (int)args[2];
    void *buf = NULL;
    if (type >= 2 && type <= 4 && len > 0) {
        if (!(buf = sys_guest_ptr(args[1], (uint32_t)len, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
    }
    return SYS_RET(syscall(SYS_syslog, type, buf, len));
}

int64_t sys_acct(CPUState *cpu, const uint32_t *args)
{
    char buf[MISC_PATH_BUF];
    const char *p = NULL;
    if (args[0] && !(p = sys_guest_path(args[0], buf, sizeof buf))) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(syscall(SYS_acct, p));
}

/* mount(source, target, fstype, flags, data): data is a string for the common types. */
int64_t sys_mount(CPUState *cpu, const uint32_t *args)
{
    char tbuf[MISC_PATH_BUF];
    const char *src, *fstype, *data;
    const char *target = sys_guest_path(args[1], tbuf, sizeof tbuf);
    if (!target || !misc_opt_str(args[0], &src) || !misc_opt_str(args[2], &fstype) ||
        !misc_opt_str(args[4], &data)) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(mount(src, target, fstype, args[3], data));
}

int64_t sys_umount2(CPUState *cpu, const uint32_t *args)
{
    char buf[MISC_PATH_BUF];
    const char *p = sys_guest_path(args[0], buf, sizeof buf);
    if (!p) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(umount2(p, (int)args[1]));
}

int64_t sys_pivot_root(CPUState *cpu, const uint32_t *args)
{
    char b1[MISC_PATH_BUF], b2[MISC_PATH_BUF];
    const char *n = sys_guest_path(args[0], b1, sizeof b1);
    const char *o = sys_guest_path(args[1], b2, sizeof b2);
    if (!n || !o) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(syscall(SYS_pivot_root, n, o));
}

int64_t sys_chroot(CPUState *cpu, const uint32_t *args)
{
    char buf[MISC_PATH_BUF];
    const char *p = sys_guest_path(args[0], buf, sizeof buf);
    if (!p) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(chroot(p));
}

static int64_t misc_set_name(const uint32_t *args, bool domain)
{
    int len = (int)args[1];
    if (len < 0 || len > 64) {
        return SYS_ERR(EINVAL);
    }
    const char *g = sys_guest_ptr(args[0], (uint32_t)len, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(domain ? setdomainname(g, (size_t)len) : sethostname(g, (size_t)len));
}

int64_t sys_sethostname(CPUState *cpu, const uint32_t *args)
{
    return misc_set_name(args, false);
}

int64_t sys_setdomainname(CPUState *cpu, const uint32_t *args)
{
    return misc_set_name(args, true);
}

/* ---- ARM's legacy 16-bit id calls (kernel/uid16.c) ---------------------------------- */

/* An id that does not fit 16 bits reads as the overflow id 65534. */
static uint32_t misc_high2low(uint32_t id)
{
    return id > 0xffff ? 65534 : id;
}

/* A 16-bit id argument: (u16)-1 means "unchanged" (-1). */
static uint32_t misc_low2high(uint32_t id)
{
    return (uint16_t)id == 0xffff ? UINT32_MAX : (uint16_t)id;
}

int64_t sys_getuid(CPUState *cpu, const uint32_t *args) { return misc_high2low(getuid()); }
int64_t sys_geteuid(CPUState *cpu, const uint32_t *args) { return misc_high2low(geteuid()); }
int64_t sys_getgid(CPUState *cpu, const uint32_t *args) { return misc_high2low(getgid()); }
int64_t sys_getegid(CPUState *cpu, const uint32_t *args) { return misc_high2low(getegid()); }

/* Calls a 32-bit id handler with the first n arguments widened from 16 bits. */
static int64_t misc_id16(SysHandler h, CPUState *cpu, const uint32_t *args, int first, int n)
{
    uint32_t a[8];
    memcpy(a, args, sizeof a);
    for (int i = first; i < first + n; i++) {
        a[i] = misc_low2high(a[i]);
    }
    return h(cpu, a);
}

/* sys_NAME: the 32-bit handler H with args [first, first + n) widened from 16 bits. */
#define MISC_ID16(name, h, first, n)                                   \
    int64_t sys_##name(CPUState *cpu, const uint32_t *args)            \
    {                                                                  \
        return misc_id16(sys_##h, cpu, args, first, n);                \
    }

MISC_ID16(setuid, setuid32, 0, 1)
MISC_ID16(setgid, setgid32, 0, 1)
MISC_ID16(setreuid, setreuid32, 0, 2)
MISC_ID16(setregid, setregid32, 0, 2)
MISC_ID16(setresuid, setresuid32, 0, 3)
MISC_ID16(setresgid, setresgid32, 0, 3)
MISC_ID16(chown, chown32, 1, 2)
MISC_ID16(lchown, lchown32, 1, 2)
MISC_ID16(fchown, fchown32, 1, 2)

/* setfsuid/setfsgid return the previous id, in 16 bits. */
int64_t sys_setfsuid(CPUState *cpu, const uint32_t *args)
{
    return misc_high2low((uint32_t)misc_id16(sys_setfsuid32, cpu, args, 0, 1));
}

int64_t sys_setfsgid(CPUState *cpu, const uint32_t *args)
{
    return misc_high2low((uint32_t)misc_id16(sys_setfsgid32, cpu, args, 0, 1));
}

static int64_t misc_getres16(const uint32_t *args, bool gid)
{
    unsigned ids[3];
    int r = gid ? getresgid(&ids[0], &ids[1], &ids[2])
                : getresuid(&ids[0], &ids[1], &ids[2]);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    uint8_t *g[3];
    for (int i = 0; i < 3; i++) {
        if (!(g[i] = sys_guest_ptr(args[i], 2, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
    }
    for (int i = 0; i < 3; i++) {
        put_guest_u16(g[i], (uint16_t)misc_high2low(ids[i]));
    }
    return 0;
}

int64_t sys_getresuid(CPUState *cpu, const uint32_t *args)
{
    return misc_getres16(args, false);
}

int64_t sys_getresgid(CPUState *cpu, const uint32_t *args)
{
    return misc_getres16(args, true);
}

/* getgroups(size, u16 *list) */
int64_t sys_getgroups(CPUState *cpu, const uint32_t *args)
{
    int size = (int)args[0];
    if (size < 0) {
        return SYS_ERR(EINVAL);
    }
    gid_t *list = g_new(gid_t, size ? size : 1);
    int n = getgroups(size, list);
    int64_t ret = SYS_RET(n);
    if (n > 0 && size > 0) {
        uint8_t *g = sys_guest_ptr(args[1], (uint32_t)n * 2, PAGE_WRITE);
        if (!g) {
            ret = SYS_ERR(EFAULT);
        } else {
            for (int i = 0; i < n; i++) {
                put_guest_u16(g + i * 2, (uint16_t)misc_high2low(list[i]));
            }
        }
    }
    g_free(list);
    return ret;
}

/* setgroups(size, const u16 *list) */
int64_t sys_setgroups(CPUState *cpu, const uint32_t *args)
{
    uint32_t n = args[0];
    if (n > 65536) {
        return SYS_ERR(EINVAL);
    }
    const uint8_t *g = sys_guest_ptr(args[1], n * 2, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    gid_t *list = g_new(gid_t, n ? n : 1);
    for (uint32_t i = 0; i < n; i++) {
        list[i] = misc_low2high(get_guest_u16(g + i * 2));
    }
    int64_t ret = SYS_RET(syscall(SYS_setgroups, (size_t)n, list));
    g_free(list);
    return ret;
}
