/*
 * execve. A guest program (an ELF for this guest's machine, or a #! script whose
 * interpreter is one) is run by executing xemu again with the same options and the
 * guest's argv[0] (-0); anything else (a host binary, a script for a host interpreter)
 * is handed to the host execve as it is, as binfmt_misc would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
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

/* True if the file starts like an ELF32 for this guest. */
static bool sys_is_guest_elf(const uint8_t *h, ssize_t n, CPUState *cpu)
{
    if (n < 20 || memcmp(h, "\177ELF", 4) || h[4] != 1 /* ELFCLASS32 */) {
        return false;
    }
    uint16_t machine = h[5] == 2 ? (uint16_t)(h[18] << 8 | h[19]) : (uint16_t)(h[18] | h[19] << 8);
    return cpu && cpu->arch && machine == cpu->arch->elf_machine;
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
static int64_t sys_exec_xemu(const char *prog, const char *argv0, char **pre_args,
                             char **argv, char **envp)
{
    GPtrArray *a = g_ptr_array_new();
    const char *self = xemu_opts.self_path ? xemu_opts.self_path : "/proc/self/exe";
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

/* execve(path, argv, envp) */
int64_t sys_execve(CPUState *cpu, const uint32_t *args)
{
    char path_buf[PATH_MAX * 2];
    const char *path = sys_guest_path(args[0], path_buf, sizeof path_buf);
    if (!path) {
        return SYS_ERR(EFAULT);
    }
    int err;
    char **argv = sys_get_strv(args[1], &err);
    char **envp = err ? NULL : sys_get_strv(args[2], &err);
    int64_t ret;
    uint8_t head[256];
    ssize_t n;
    if (err) {
        ret = err;
        goto out;
    }
    if (access(path, X_OK) < 0) {
        ret = SYS_ERR(errno);
        goto out;
    }
    n = sys_read_head(path, head, sizeof head - 1);
    if (n < 0) {
        ret = n;
        goto out;
    }
    if (sys_is_guest_elf(head, n, cpu)) {
        ret = sys_exec_xemu(path, argv[0], NULL, argv, envp);
        goto out;
    }
    if (n > 2 && head[0] == '#' && head[1] == '!') {
        /* "#! interp [one-arg]": run the interpreter as a guest if it is one. */
        head[n] = 0;
        char *line = (char *)head + 2;
        line[strcspn(line, "\n")] = 0;
        line = g_strstrip(line);
        char *sp = line + strcspn(line, " \t");
        char *opt = NULL;
        if (*sp) {
            *sp = 0;
            opt = g_strstrip(sp + 1);
            if (!*opt) {
                opt = NULL;
            }
        }
        char interp_buf[PATH_MAX * 2];
        const char *interp = line;
        if (interp[0] == '/' && xemu_opts.ld_prefix) {
            int k = snprintf(interp_buf, sizeof interp_buf, "%s%s", xemu_opts.ld_prefix, line);
            if (k > 0 && (size_t)k < sizeof interp_buf && access(interp_buf, F_OK) == 0) {
                interp = interp_buf;
            }
        }
        uint8_t ih[64];
        ssize_t in = sys_read_head(interp, ih, sizeof ih);
        if (in > 0 && sys_is_guest_elf(ih, in, cpu)) {
            char *pre[3] = { opt, (char *)sys_guest_str(args[0]), NULL };
            if (!opt) {
                pre[0] = pre[1];
                pre[1] = NULL;
            }
            ret = sys_exec_xemu(interp, line, pre, argv, envp);
            goto out;
        }
    }
    /* A host program: let the host run it. */
    if (xemu_log_file) {
        fflush(xemu_log_file);
    }
    execve(path, argv, envp);
    ret = SYS_ERR(errno);
out:
    g_free(argv);
    g_free(envp);
    return ret;
}
