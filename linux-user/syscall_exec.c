/*
 * execve. A guest program (an ELF for this guest's machine, or a #! script whose
 * interpreter is one) is run by executing xemu again with the same options and the
 * guest's argv[0] (-0); an ELF of another of our guests by xemu-<guest> next to us;
 * anything else (a host binary, a script for a host interpreter) is handed to the host
 * execve as it is, as binfmt_misc would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* NULL-terminated host array of the guest's string array at addr (NULL addr: empty). */
static char **sys_get_strv(uint32_t addr, int *err)
{
    GPtrArray *v = g_ptr_array_new();
    *err = 0;
    for (uint32_t i = 0; addr; i++) {
        const uint8_t *slot = sys_guest_ptr(addr + i * 4, 4, PAGE_READ);
        if (!slot || i > 0x100000) {
            *err = slot ? -E2BIG : -EFAULT;
            break;
        }
        uint32_t s = get_guest_u32(slot);
        if (!s) {
            break;
        }
        const char *str = sys_guest_str(s);
        if (!str) {
            *err = -EFAULT;
            break;
        }
        g_ptr_array_add(v, (gpointer)str);
    }
    g_ptr_array_add(v, NULL);
    return (char **)g_ptr_array_free(v, FALSE);
}

/*
 * If the file starts like an ELF32 of one of our guests, the xemu executable that runs
 * it: our own for our guest (machine and byte order), else xemu-<guest> next to it when
 * that exists. NULL for anything else (a host program).
 */
static const char *sys_guest_emulator(const uint8_t *h, ssize_t n, CPUState *cpu, char *buf,
                                      size_t size)
{
    if (n < 20 || memcmp(h, "\177ELF", 4) || h[4] != 1 /* ELFCLASS32 */ ||
        (h[5] != 1 && h[5] != 2)) {
        return NULL;
    }
    bool be = h[5] == 2;
    uint16_t machine = be ? (uint16_t)(h[18] << 8 | h[19]) : (uint16_t)(h[18] | h[19] << 8);
    const char *self = xemu_opts.self_path ? xemu_opts.self_path : "/proc/self/exe";
    if (cpu && cpu->arch && machine == cpu->arch->elf_machine &&
        be == cpu->arch->big_endian) {
        return self;
    }
    const char *name = machine == 40 /* EM_ARM */ && !be ? "arm"
                       : machine == 8 /* EM_MIPS */ ? (be ? "mips" : "mipsel") : NULL;
    if (!name || !xemu_opts.self_path) {
        return NULL;
    }
    gchar *dir = g_path_get_dirname(xemu_opts.self_path);
    int k = snprintf(buf, size, "%s/xemu-%s", dir, name);
    g_free(dir);
    return k > 0 && (size_t)k < size && access(buf, X_OK) == 0 ? buf : NULL;
}

/* Reads the first bytes of path; -errno on failure. */
static ssize_t sys_read_head(const char *path, uint8_t *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    ssize_t n = read(fd, buf, size);
    int e = errno;
    close(fd);
    return n < 0 ? -e : n;
}

/* Re-executes xemu on prog with pre_args inserted before the guest argv[1..]. */
static int64_t sys_exec_xemu(const char *self, const char *prog, const char *argv0,
                             char **pre_args, char **argv, char **envp)
{
    GPtrArray *a = g_ptr_array_new();
    g_ptr_array_add(a, (gpointer)self);
    g_ptr_array_add(a, (gpointer)"-0");
    g_ptr_array_add(a, (gpointer)(argv0 ? argv0 : prog));
    if (xemu_opts.ld_prefix) {
        g_ptr_array_add(a, (gpointer)"-L");
        g_ptr_array_add(a, (gpointer)xemu_opts.ld_prefix);
    }
    if (xemu_opts.cpu_model) {
        g_ptr_array_add(a, (gpointer)"-cpu");
        g_ptr_array_add(a, (gpointer)xemu_opts.cpu_model);
    }
    if (xemu_log_enabled(LOG_STRACE)) {
        g_ptr_array_add(a, (gpointer)"-strace");
    }
    if (xemu_log_enabled(LOG_UNIMP)) {
        g_ptr_array_add(a, (gpointer)"-d");
        g_ptr_array_add(a, (gpointer)"unimp");
    }
    if (xemu_opts.interp) {
        g_ptr_array_add(a, (gpointer)"--interp");
    }
    if (xemu_opts.one_insn_per_tb) {
        g_ptr_array_add(a, (gpointer)"-one-insn-per-tb");
    }
    g_ptr_array_add(a, (gpointer)"--");
    g_ptr_array_add(a, (gpointer)prog);
    for (char **p = pre_args; p && *p; p++) {
        g_ptr_array_add(a, *p);
    }
    for (char **p = argv[0] ? argv + 1 : argv; *p; p++) {
        g_ptr_array_add(a, *p);
    }
    g_ptr_array_add(a, NULL);
    if (xemu_log_file) {
        fflush(xemu_log_file);
    }
    execve(self, (char **)a->pdata, envp);
    int e = errno;
    g_ptr_array_free(a, TRUE);
    return SYS_ERR(e);
}

/* The kernel's limit on interpreters of interpreters (BINPRM_MAX_RECURSION). */
#define SYS_MAX_INTERP_DEPTH 4

/*
 * Parses a "#!" line in head (n bytes, NUL-terminated at n): the interpreter and its
 * one optional argument (the rest of the line, as Linux passes it). False if none.
 */
static bool sys_parse_shebang(char *head, ssize_t n, char **interp, char **opt)
{
    if (n < 3 || head[0] != '#' || head[1] != '!') {
        return false;
    }
    char *line = head + 2;
    line[strcspn(line, "\n")] = 0;
    line = g_strstrip(line);
    if (!*line) {
        return false;
    }
    char *sp = line + strcspn(line, " \t");
    *opt = NULL;
    if (*sp) {
        *sp = 0;
        *opt = g_strstrip(sp + 1);
        if (!**opt) {
            *opt = NULL;
        }
    }
    *interp = line;
    return true;
}

/* An interpreter path from a #! line, under the -L prefix when it exists there. */
static const char *sys_interp_path(const char *interp, char *buf, size_t size)
{
    if (interp[0] == '/' && xemu_opts.ld_prefix) {
        int k = snprintf(buf, size, "%s%s", xemu_opts.ld_prefix, interp);
        if (k > 0 && (size_t)k < size && access(buf, F_OK) == 0) {
            return buf;
        }
    }
    return interp;
}

/*
 * Runs path (already under -L, /proc/self/exe resolved) with the guest's argv/envp:
 * a guest ELF under xemu, a #! script whose (recursively) final interpreter is a guest
 * ELF under xemu with the argv the kernel builds (interp [opt] script args...),
 * anything else through the host's execve. Returns only on failure.
 */
static int64_t sys_do_execve(CPUState *cpu, const char *path, const char *guest_name,
                             char **argv, char **envp)
{
    char emu_buf[PATH_MAX];
    char interp_buf[SYS_MAX_INTERP_DEPTH][PATH_MAX * 2];
    char head[SYS_MAX_INTERP_DEPTH + 1][256];
    GPtrArray *pre = g_ptr_array_new();
    const char *prog = path, *argv0 = argv[0];
    int64_t ret;
    if (access(path, X_OK) < 0) {
        ret = SYS_ERR(errno);
        goto out;
    }
    for (int depth = 0;; depth++) {
        ssize_t n = sys_read_head(prog, (uint8_t *)head[depth], sizeof head[depth] - 1);
        if (n < 0) {
            ret = depth ? SYS_ERR(ENOEXEC) : n;
            goto out;
        }
        head[depth][n] = 0;
        const char *emu = sys_guest_emulator((uint8_t *)head[depth], n, cpu, emu_buf,
                                             sizeof emu_buf);
        if (emu) {
            g_ptr_array_add(pre, NULL);
            ret = sys_exec_xemu(emu, prog, argv0, (char **)pre->pdata, argv, envp);
            goto out;
        }
        char *interp, *opt;
        if (!sys_parse_shebang(head[depth], n, &interp, &opt)) {
            break; /* the host's: a host ELF, or the host kernel's error */
        }
        if (depth == SYS_MAX_INTERP_DEPTH) {
            ret = SYS_ERR(ELOOP);
            goto out;
        }
        /* interp [opt] script: prepended to what the previous level had. */
        g_ptr_array_insert(pre, 0, (gpointer)(depth ? argv0 : guest_name));
        if (opt) {
            g_ptr_array_insert(pre, 0, opt);
        }
        argv0 = interp;
        prog = sys_interp_path(interp, interp_buf[depth], sizeof interp_buf[depth]);
        if (access(prog, F_OK) < 0) {
            ret = SYS_ERR(errno);
            goto out;
        }
    }
    /* A host program (or a script for one): let the host run it. */
    if (xemu_log_file) {
        fflush(xemu_log_file);
    }
    execve(path, argv, envp);
    ret = SYS_ERR(errno);
out:
    g_ptr_array_free(pre, TRUE);
    return ret;
}

static int64_t sys_execve_common(CPUState *cpu, const char *path, const char *guest_name,
                                 uint32_t argv_addr, uint32_t envp_addr)
{
    int err;
    char **argv = sys_get_strv(argv_addr, &err);
    char **envp = err ? NULL : sys_get_strv(envp_addr, &err);
    int64_t ret = err;
    if (!err) {
        ret = sys_do_execve(cpu, sys_proc_fix_path(path), guest_name, argv, envp);
    }
    g_free(argv);
    g_free(envp);
    return ret;
}

/* execve(path, argv, envp) */
int64_t sys_execve(CPUState *cpu, const uint32_t *args)
{
    char path_buf[PATH_MAX * 2];
    const char *path = sys_guest_path(args[0], path_buf, sizeof path_buf);
    if (!path) {
        return SYS_ERR(EFAULT);
    }
    return sys_execve_common(cpu, path, sys_guest_str(args[0]), args[1], args[2]);
}

/*
 * execveat(dirfd, path, argv, envp, flags): a relative path or AT_EMPTY_PATH becomes a
 * /proc/self/fd path, which the host and a re-executed xemu both open.
 */
int64_t sys_execveat(CPUState *cpu, const uint32_t *args)
{
    int dirfd = sys_dirfd(args[0]);
    uint32_t flags = args[4];
    char path_buf[PATH_MAX * 2], fd_path[PATH_MAX * 2];
    const char *path = sys_guest_path(args[1], path_buf, sizeof path_buf);
    if (!path) {
        return SYS_ERR(EFAULT);
    }
    if (flags & ~(uint32_t)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) {
        return SYS_ERR(EINVAL);
    }
    if (path[0] == 0) {
        if (!(flags & AT_EMPTY_PATH)) {
            return SYS_ERR(ENOENT);
        }
        snprintf(fd_path, sizeof fd_path, "/proc/self/fd/%d", dirfd);
        path = fd_path;
    } else if (path[0] != '/' && dirfd != AT_FDCWD) {
        snprintf(fd_path, sizeof fd_path, "/proc/self/fd/%d/%s", dirfd, path);
        path = fd_path;
    }
    struct stat st;
    if ((flags & AT_SYMLINK_NOFOLLOW) && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        return SYS_ERR(ELOOP);
    }
    return sys_execve_common(cpu, path, path, args[2], args[3]);
}
