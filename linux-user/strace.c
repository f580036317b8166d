/*
 * -strace: one strace(1)-style line per guest syscall on the xemu log, e.g.
 *   12345 openat(AT_FDCWD,"/etc/passwd",O_RDONLY) = 3
 *   12345 stat64("/nope",0xbeffe9a0) = -1 errno=2 (No such file or directory)
 * The line is printed after the call, so output buffers (read, readlink, getcwd) can
 * show what was stored. Each handler's format string in syscall.c says how to show its
 * arguments, one character each:
 *   d int          u unsigned     x hex          p pointer      s string
 *   f fd/dirfd     o open flags   m octal mode   a access mode  A AT_* flags
 *   b out buffer (length = result)               B in buffer (length = next arg)
 *   P mmap prot    M mmap flags   w lseek whence S signal       i ioctl request
 *   c fcntl cmd    C clock id     L 64-bit pair (two registers)  _ padding register
 *   K clone flags  V string array ["a", "b"]   E environment array (count only)
 * The first character is the result's form: d, x, o, or ! for "never returns".
 * A failed call shows "-1 ENOENT (No such file or directory)" (the guest's errno is
 * the same name; its number may differ).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/signal.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

typedef struct SysFlagName {
    uint32_t bit;
    const char *name;
} SysFlagName;

#define FN(x) { x, #x }

/* Host open flags, printed after translating the guest's through the ABI table. */
static const SysFlagName sys_open_names[] = {
    FN(O_CREAT), FN(O_EXCL), FN(O_NOCTTY), FN(O_TRUNC), FN(O_APPEND), FN(O_NONBLOCK),
    FN(O_DSYNC), { FASYNC, "O_ASYNC" }, FN(O_DIRECT), { 0100000, "O_LARGEFILE" },
    FN(O_DIRECTORY), FN(O_NOFOLLOW), FN(O_NOATIME), FN(O_CLOEXEC), { 04000000, "O_SYNC" },
    FN(O_PATH), { 020000000, "O_TMPFILE" }, { 0, NULL },
};

static const SysFlagName sys_at_names[] = {
    FN(AT_SYMLINK_NOFOLLOW), { 0x200, "AT_REMOVEDIR" }, FN(AT_SYMLINK_FOLLOW),
    FN(AT_NO_AUTOMOUNT), FN(AT_EMPTY_PATH), { 0x2000, "AT_STATX_FORCE_SYNC" },
    { 0x4000, "AT_STATX_DONT_SYNC" }, { 0x8000, "AT_RECURSIVE" }, { 0, NULL },
};

static const SysFlagName sys_prot_names[] = {
    FN(PROT_READ), FN(PROT_WRITE), FN(PROT_EXEC), FN(PROT_GROWSDOWN), FN(PROT_GROWSUP),
    { 0, NULL },
};

static const SysFlagName sys_map_names[] = {
    FN(MAP_FIXED), FN(MAP_ANONYMOUS), FN(MAP_GROWSDOWN), FN(MAP_DENYWRITE),
    FN(MAP_EXECUTABLE), FN(MAP_LOCKED), FN(MAP_NORESERVE), FN(MAP_POPULATE),
    FN(MAP_NONBLOCK), FN(MAP_STACK), FN(MAP_HUGETLB), FN(MAP_SYNC), FN(MAP_FIXED_NOREPLACE),
    { 0, NULL },
};

static const SysFlagName sys_clone_names[] = {
    FN(CLONE_VM), FN(CLONE_FS), FN(CLONE_FILES), FN(CLONE_SIGHAND), FN(CLONE_PIDFD),
    FN(CLONE_PTRACE), FN(CLONE_VFORK), FN(CLONE_PARENT), FN(CLONE_THREAD),
    FN(CLONE_NEWNS), FN(CLONE_SYSVSEM), FN(CLONE_SETTLS), FN(CLONE_PARENT_SETTID),
    FN(CLONE_CHILD_CLEARTID), FN(CLONE_DETACHED), FN(CLONE_UNTRACED),
    FN(CLONE_CHILD_SETTID), FN(CLONE_NEWCGROUP), FN(CLONE_NEWUTS), FN(CLONE_NEWIPC),
    FN(CLONE_NEWUSER), FN(CLONE_NEWPID), FN(CLONE_NEWNET), FN(CLONE_IO), { 0, NULL },
};

/*
 * Better formats for table entries whose format string in syscall.c predates a
 * decoder here (looked up by name; the table's own format otherwise).
 */
static const struct {
    const char *name, *fmt;
} sys_fmt_overrides[] = {
    { "clone", "dKpppp" }, { "execve", "!sVE" }, { "execveat", "!fsVEA" },
    { "unshare", "dK" },
};

static const SysFlagName sys_access_names[] = {
    FN(R_OK), FN(W_OK), FN(X_OK), { 0, NULL },
};

static const char *const sys_clock_names[] = {
    "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
    "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
    "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM",
    "CLOCK_BOOTTIME_ALARM", NULL, "CLOCK_TAI",
};

static const char *const sys_whence_names[] = {
    "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE",
};

/*
 * Name of a guest fcntl command: the ABI's fcntl_cmd gives the host command and the
 * struct kind (MIPS numbers F_GETLK 14, its flock64 commands 33..35), named here by the
 * host (generic) numbering.
 */
static const char *sys_fcntl_name(uint32_t cmd)
{
    static const char *const low[] = {
        "F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK", "F_SETLK",
        "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG", NULL, NULL, NULL,
        "F_SETOWN_EX", "F_GETOWN_EX",
    };
    static const char *const high[] = {
        "F_SETLEASE", "F_GETLEASE", "F_NOTIFY", NULL, NULL, NULL, "F_DUPFD_CLOEXEC",
        "F_SETPIPE_SZ", "F_GETPIPE_SZ", "F_ADD_SEALS", "F_GET_SEALS",
    };
    int host;
    SysFcntlKind kind = sys_abi->fcntl_cmd((int)cmd, false, &host);
    if (kind == SYS_FCNTL_UNKNOWN || host < 0) {
        return NULL;
    }
    if (kind == SYS_FCNTL_FLOCK64 && host >= F_GETLK && host <= F_SETLKW) {
        return (const char *const[]){ "F_GETLK64", "F_SETLK64", "F_SETLKW64" }[host - F_GETLK];
    }
    if ((unsigned)host < G_N_ELEMENTS(low)) {
        return low[host];
    }
    if (host >= 36 && host <= 38) {
        return (const char *const[]){ "F_OFD_GETLK", "F_OFD_SETLK", "F_OFD_SETLKW" }[host - 36];
    }
    if (host >= 1024 && host < 1024 + (int)G_N_ELEMENTS(high)) {
        return high[host - 1024];
    }
    return NULL;
}

static void sys_fmt_flags(GString *s, uint32_t v, const SysFlagName *names, bool lead)
{
    bool any = lead;
    for (; names->name; names++) {
        if (names->bit && (v & names->bit) == names->bit) {
            g_string_append_printf(s, "%s%s", any ? "|" : "", names->name);
            v &= ~names->bit;
            any = true;
        }
    }
    if (v || !any) {
        g_string_append_printf(s, "%s%#x", any ? "|" : "", v);
    }
}

/* Quoted, escaped guest bytes; at most max bytes, "..." when cut. */
static void sys_fmt_bytes(GString *s, uint32_t addr, uint32_t len, uint32_t max, bool stop_nul)
{
    uint32_t n = len < max ? len : max;
    n = sys_guest_span(addr, n, PAGE_READ);
    if (len && !n) {
        g_string_append_printf(s, "%#x", addr);
        return;
    }
    const uint8_t *p = g2h(addr);
    g_string_append_c(s, '"');
    uint32_t i;
    for (i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (stop_nul && c == 0) {
            break;
        }
        switch (c) {
        case '\n': g_string_append(s, "\\n"); break;
        case '\t': g_string_append(s, "\\t"); break;
        case '\r': g_string_append(s, "\\r"); break;
        case '"': g_string_append(s, "\\\""); break;
        case '\\': g_string_append(s, "\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                g_string_append_c(s, (char)c);
            } else {
                g_string_append_printf(s, "\\%o", c);
            }
        }
    }
    g_string_append_c(s, '"');
    if (i == n && n < len) {
        g_string_append(s, "...");
    }
}

static void sys_fmt_string(GString *s, uint32_t addr)
{
    if (!addr) {
        g_string_append(s, "NULL");
        return;
    }
    const char *p = sys_guest_str(addr);
    if (!p) {
        g_string_append_printf(s, "%#x", addr);
        return;
    }
    size_t len = strlen(p);
    sys_fmt_bytes(s, addr, (uint32_t)len, 4096, true);
}

static void sys_fmt_signal(GString *s, uint32_t sig)
{
    int h = (int)sig > 0 ? sys_guest_to_host_signal((int)sig) : 0;
    const char *abbrev = h > 0 && h < SIGRTMIN ? sigabbrev_np(h) : NULL;
    if (abbrev) {
        g_string_append_printf(s, "SIG%s", abbrev);
    } else {
        g_string_append_printf(s, "%d", (int32_t)sig);
    }
}

static void sys_fmt_ioctl(GString *s, uint32_t req)
{
    for (const SysIoctl *io = sys_abi->ioctls; io && io->guest_req; io++) {
        if (io->guest_req == req) {
            g_string_append(s, io->name);
            return;
        }
    }
    g_string_append_printf(s, "%#x", req);
}

/* A guest char *argv[] (V), or only its length (E, as strace shows environments). */
static void sys_fmt_strv(GString *s, uint32_t addr, bool count_only)
{
    if (!addr) {
        g_string_append(s, "NULL");
        return;
    }
    uint32_t n = 0;
    for (;; n++) {
        const uint8_t *slot = sys_guest_ptr(addr + n * 4, 4, PAGE_READ);
        if (!slot) {
            g_string_append_printf(s, "%#x", addr);
            return;
        }
        uint32_t p = get_guest_u32(slot);
        if (!p) {
            break;
        }
        if (count_only) {
            continue;
        }
        if (n == 32) {
            g_string_append(s, ", ...");
            break;
        }
        g_string_append(s, n ? ", " : "[");
        sys_fmt_string(s, p);
    }
    if (count_only) {
        g_string_append_printf(s, "%#x /* %u vars */", addr, n);
    } else {
        g_string_append(s, n ? "]" : "[]");
    }
}

static void sys_fmt_clone_flags(GString *s, uint32_t v)
{
    uint32_t sig = v & CSIGNAL;
    v &= ~(uint32_t)CSIGNAL;
    if (v) {
        sys_fmt_flags(s, v, sys_clone_names, false);
    }
    if (sig) {
        if (v) {
            g_string_append_c(s, '|');
        }
        sys_fmt_signal(s, sig);
    } else if (!v) {
        g_string_append_c(s, '0');
    }
}

static void sys_fmt_arg(GString *s, char f, const uint32_t *args, int *ai, int64_t ret,
                        bool returned)
{
    uint32_t v = args[*ai];
    uint32_t h;
    switch (f) {
    case 'd':
        g_string_append_printf(s, "%d", (int32_t)v);
        break;
    case 'u':
        g_string_append_printf(s, "%u", v);
        break;
    case 'f':
        if ((int32_t)v == -100) {
            g_string_append(s, "AT_FDCWD");
        } else {
            g_string_append_printf(s, "%d", (int32_t)v);
        }
        break;
    case 's':
        sys_fmt_string(s, v);
        break;
    case 'b':
        if (returned && ret > 0) {
            sys_fmt_bytes(s, v, (uint32_t)ret, 32, false);
        } else {
            g_string_append_printf(s, "%#x", v);
        }
        break;
    case 'B':
        sys_fmt_bytes(s, v, args[*ai + 1], 32, false);
        break;
    case 'o':
        h = sys_flags_to_host(sys_abi->open_flags, v);
        g_string_append(s, (const char *const[]){ "O_RDONLY", "O_WRONLY", "O_RDWR",
                                                  "O_ACCMODE" }[h & O_ACCMODE]);
        if (h & ~(uint32_t)O_ACCMODE) {
            sys_fmt_flags(s, h & ~(uint32_t)O_ACCMODE, sys_open_names, true);
        }
        break;
    case 'm':
        g_string_append_printf(s, "%#o", v);
        break;
    case 'a':
        if (v == 0) {
            g_string_append(s, "F_OK");
        } else {
            sys_fmt_flags(s, v, sys_access_names, false);
        }
        break;
    case 'A':
        if (v == 0) {
            g_string_append(s, "0");
        } else {
            sys_fmt_flags(s, v, sys_at_names, false);
        }
        break;
    case 'P':
        if (v == 0) {
            g_string_append(s, "PROT_NONE");
        } else {
            sys_fmt_flags(s, v, sys_prot_names, false);
        }
        break;
    case 'M':
        h = sys_flags_to_host(sys_abi->mmap_flags, v);
        switch (h & 0xf) {
        case MAP_SHARED: g_string_append(s, "MAP_SHARED"); break;
        case MAP_PRIVATE: g_string_append(s, "MAP_PRIVATE"); break;
        case MAP_SHARED_VALIDATE: g_string_append(s, "MAP_SHARED_VALIDATE"); break;
        default: g_string_append_printf(s, "%#x", h & 0xf); break;
        }
        if (h & ~0xfu) {
            sys_fmt_flags(s, h & ~0xfu, sys_map_names, true);
        }
        break;
    case 'w':
        if (v < G_N_ELEMENTS(sys_whence_names)) {
            g_string_append(s, sys_whence_names[v]);
        } else {
            g_string_append_printf(s, "%u", v);
        }
        break;
    case 'S':
        sys_fmt_signal(s, v);
        break;
    case 'i':
        sys_fmt_ioctl(s, v);
        break;
    case 'c': {
        const char *n = sys_fcntl_name(v);
        if (n) {
            g_string_append(s, n);
        } else {
            g_string_append_printf(s, "%u", v);
        }
        break;
    }
    case 'C':
        if (v < G_N_ELEMENTS(sys_clock_names) && sys_clock_names[v]) {
            g_string_append(s, sys_clock_names[v]);
        } else {
            g_string_append_printf(s, "%d", (int32_t)v);
        }
        break;
    case 'K':
        sys_fmt_clone_flags(s, v);
        break;
    case 'V':
    case 'E':
        sys_fmt_strv(s, v, f == 'E');
        break;
    case 'L':
        g_string_append_printf(s, "%" G_GINT64_FORMAT, (int64_t)sys_arg64(args, *ai));
        (*ai)++;
        break;
    case 'p':
        if (v == 0) {
            g_string_append(s, "NULL");
            break;
        }
        /* fall through */
    case 'x':
    default:
        g_string_append_printf(s, "%#x", v);
        break;
    }
}

void sys_strace_print(CPUState *cpu, int32_t num, const SysEntry *e, const uint32_t *args,
                      int64_t ret, bool returned)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "%d ", (int)syscall(SYS_gettid));
    const char *fmt = e ? e->fmt : NULL;
    for (size_t i = 0; e && i < G_N_ELEMENTS(sys_fmt_overrides); i++) {
        if (!strcmp(e->name, sys_fmt_overrides[i].name)) {
            fmt = sys_fmt_overrides[i].fmt;
        }
    }
    if (e) {
        g_string_append_printf(s, "%s(", e->name);
    } else {
        const char *name = sys_syscall_name(num);
        if (name) {
            g_string_append_printf(s, "%s(", name);
        } else {
            g_string_append_printf(s, "syscall_%d(", num);
        }
    }
    char rkind = fmt ? fmt[0] : 'd';
    if (fmt) {
        int ai = 0;
        for (const char *f = fmt + 1; *f && ai < 8; f++, ai++) {
            if (*f == '_') {
                continue;
            }
            /* As strace: open's mode only matters when it creates a file. */
            if (*f == 'm' && f[-1] == 'o' &&
                !(sys_flags_to_host(sys_abi->open_flags, args[ai - 1]) & (O_CREAT | 020000000))) {
                continue;
            }
            if (s->str[s->len - 1] != '(') {
                g_string_append_c(s, ',');
            }
            sys_fmt_arg(s, *f, args, &ai, ret, returned);
        }
    } else {
        g_string_append_printf(s, "%#x,%#x,%#x,%#x,%#x,%#x", args[0], args[1], args[2],
                               args[3], args[4], args[5]);
    }
    g_string_append(s, ") = ");
    if (!returned) {
        g_string_append(s, "?");
    } else if (ret == SYS_NO_RESULT) {
        g_string_append(s, "? (no result)");
    } else if (ret == SYS_ERESTARTSYS) {
        g_string_append(s, "? ERESTARTSYS (To be restarted if SA_RESTART is set)");
    } else if (ret == SYS_ERESTARTNOHAND) {
        g_string_append(s, "? ERESTARTNOHAND (To be restarted if no handler)");
    } else if (ret == SYS_ERESTART_NOINTR) {
        g_string_append(s, "? ERESTARTNOINTR (To be restarted)");
    } else if (ret < 0 && ret >= -4095) {
        int host_err = (int)-ret;
        const char *ename = strerrorname_np(host_err);
        if (ename) {
            g_string_append_printf(s, "-1 %s (%s)", ename, g_strerror(host_err));
        } else {
            g_string_append_printf(s, "-1 errno=%d (%s)", sys_host_to_guest_errno(host_err),
                                   g_strerror(host_err));
        }
    } else if (rkind == 'x') {
        g_string_append_printf(s, "%#x", (uint32_t)ret);
    } else if (rkind == 'o') {
        g_string_append_printf(s, "%#o", (uint32_t)ret);
    } else {
        g_string_append_printf(s, "%d", (int32_t)(uint32_t)ret);
    }
    xemu_log("%s\n", s->str);
    g_string_free(s, TRUE);
}
