/*
 * xemu-binfmt: registers xemu-arm, xemu-mips and xemu-mipsel with the kernel's
 * binfmt_misc so that foreign binaries run directly (./hello-arm, chroot armhf-root),
 * removes exactly those entries again, shows what is registered, writes binfmt.d(5)
 * files, and tells which guest a file would be handed to. The magic/mask table and
 * the register-string format live in linux-user/binfmt.c (shared with the unit test).
 *
 *   xemu-binfmt register   [options] [guest...]   (root)
 *   xemu-binfmt unregister [--name-prefix P] [guest...]
 *   xemu-binfmt status     [--name-prefix P] [guest...]
 *   xemu-binfmt print      [options] [guest...]   (same as register --print)
 *   xemu-binfmt check      file...
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "linux-user/binfmt.h"

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"

static gchar *opt_prefix = NULL;
static gchar *opt_path = NULL;
static gchar *opt_interpreter = NULL;
static gchar *opt_binfmt_d = NULL;
static gboolean opt_fix, opt_preserve, opt_open, opt_cred, opt_force, opt_print, opt_systemd;

static GOptionEntry option_entries[] = {
    { "name-prefix", 0, 0, G_OPTION_ARG_STRING, &opt_prefix,
      "entry names are PREFIX<guest> (default \"xemu-\")", "PREFIX" },
    { "path", 0, 0, G_OPTION_ARG_FILENAME, &opt_path,
      "directory holding xemu-<guest> (default: this program's directory)", "DIR" },
    { "interpreter", 0, 0, G_OPTION_ARG_FILENAME, &opt_interpreter,
      "the emulator to register (one guest only)", "FILE" },
    { "fix-binary", 'F', 0, G_OPTION_ARG_NONE, &opt_fix,
      "F flag: open the emulator now (chroots, containers; use a static build)", NULL },
    { "preserve-argv0", 'P', 0, G_OPTION_ARG_NONE, &opt_preserve,
      "P flag: the program sees the argv[0] it was started with (Linux >= 5.12)", NULL },
    { "open-binary", 'O', 0, G_OPTION_ARG_NONE, &opt_open,
      "O flag: the kernel opens the program (runs execute-only binaries)", NULL },
    { "credential", 'C', 0, G_OPTION_ARG_NONE, &opt_cred,
      "C flag: credentials from the program (setuid/setgid), implies O", NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &opt_force,
      "replace an entry of the same name, register even if another handler "
      "(e.g. qemu-arm) claims the same binaries", NULL },
    { "print", 0, 0, G_OPTION_ARG_NONE, &opt_print,
      "print the binfmt.d(5) lines instead of registering", NULL },
    { "systemd", 0, 0, G_OPTION_ARG_NONE, &opt_systemd,
      "write binfmt.d(5) files (one per guest) instead of registering", NULL },
    { "binfmt-d", 0, 0, G_OPTION_ARG_FILENAME, &opt_binfmt_d,
      "directory for --systemd (default /etc/binfmt.d)", "DIR" },
    { NULL }
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("xemu-binfmt: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("xemu-binfmt: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* The guests named on the command line (after the command), or all of them. */
static GPtrArray *selected_guests(int argc, char **argv)
{
    GPtrArray *g = g_ptr_array_new();
    for (int k = 2; k < argc; k++) {
        const char *name = argv[k];
        if (g_str_has_prefix(name, "xemu-")) {
            name += strlen("xemu-");
        }
        const BinfmtMagic *m = binfmt_find(name);
        if (!m) {
            die("unknown guest '%s' (known: arm, mips, mipsel)", argv[k]);
        }
        g_ptr_array_add(g, (gpointer)m);
    }
    if (g->len == 0) {
        for (unsigned k = 0; k < binfmt_magic_count; k++) {
            g_ptr_array_add(g, (gpointer)&binfmt_magics[k]);
        }
    }
    return g;
}

static char *entry_name(const BinfmtMagic *m)
{
    return g_strconcat(opt_prefix, m->guest, NULL);
}

static char *flags_string(void)
{
    char f[5], *o = f;
    if (opt_preserve) {
        *o++ = 'P';
    }
    if (opt_open && !opt_cred) {
        *o++ = 'O';
    }
    if (opt_cred) {
        *o++ = 'C';
    }
    if (opt_fix) {
        *o++ = 'F';
    }
    *o = 0;
    return g_strdup(f);
}

static char *interpreter_for(const BinfmtMagic *m)
{
    if (opt_interpreter) {
        return g_strdup(opt_interpreter);
    }
    if (opt_path) {
        return g_strdup_printf("%s/xemu-%s", opt_path, m->guest);
    }
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0) {
        die("cannot find my own directory (/proc/self/exe): %s; pass --path", g_strerror(errno));
    }
    self[n] = 0;
    gchar *dir = g_path_get_dirname(self);
    char *r = g_strdup_printf("%s/xemu-%s", dir, m->guest);
    g_free(dir);
    return r;
}

/* True if the host ELF at path has a PT_INTERP (is dynamically linked). */
static bool is_dynamic_elf(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    Elf64_Ehdr eh;
    bool dyn = false;
    if (pread(fd, &eh, sizeof eh, 0) == sizeof eh && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
        eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_phentsize == sizeof(Elf64_Phdr)) {
        for (unsigned k = 0; k < eh.e_phnum && !dyn; k++) {
            Elf64_Phdr ph;
            if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + k * sizeof ph)) != sizeof ph) {
                break;
            }
            dyn = ph.p_type == PT_INTERP;
        }
    }
    close(fd);
    return dyn;
}

/* Linux 5.12 added AT_FLAGS_PRESERVE_ARGV0, without which P cannot be detected. */
static bool kernel_reports_preserve_argv0(void)
{
    struct utsname u;
    unsigned major = 0, minor = 0;
    if (uname(&u) != 0 || sscanf(u.release, "%u.%u", &major, &minor) != 2) {
        return true; /* unknown: assume a current kernel */
    }
    return major > 5 || (major == 5 && minor >= 12);
}

/* Makes sure binfmt_misc is mounted; mounts it when may_mount. */
static bool binfmt_available(bool may_mount)
{
    if (access(BINFMT_DIR "/register", F_OK) == 0) {
        return true;
    }
    if (!may_mount) {
        return false;
    }
    if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", 0, NULL) != 0) {
        die("binfmt_misc is not mounted and mounting it on %s failed: %s%s", BINFMT_DIR,
            g_strerror(errno),
            geteuid() != 0 ? " (run as root)"
                           : " (in a container, the host has to provide binfmt_misc)");
    }
    if (access(BINFMT_DIR "/register", F_OK) != 0) {
        die("mounted binfmt_misc on %s but it has no register file", BINFMT_DIR);
    }
    return true;
}

/* Reads and parses entry `name`; false if it does not exist (or cannot be parsed). */
static bool read_entry(const char *name, BinfmtEntry *e)
{
    gchar *path = g_build_filename(BINFMT_DIR, name, NULL);
    gchar *text = NULL;
    const char *why;
    bool ok = g_file_get_contents(path, &text, NULL, NULL) && binfmt_parse_entry(text, e, &why);
    g_free(text);
    g_free(path);
    return ok;
}

/* Names of all entries (not register/status). */
static GPtrArray *list_entries(void)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(BINFMT_DIR, 0, NULL);
    if (!d) {
        return names;
    }
    const char *n;
    while ((n = g_dir_read_name(d))) {
        if (strcmp(n, "register") && strcmp(n, "status")) {
            g_ptr_array_add(names, g_strdup(n));
        }
    }
    g_dir_close(d);
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    return names;
}

static bool write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    size_t n = strlen(text);
    ssize_t w = write(fd, text, n);
    int e = errno;
    close(fd);
    errno = e;
    return w == (ssize_t)n;
}

/* Other entries (not named `own`) whose magic claims some of m's binaries. */
static GPtrArray *conflicts(const BinfmtMagic *m, const char *own)
{
    GPtrArray *names = list_entries(), *out = g_ptr_array_new_with_free_func(g_free);
    for (guint k = 0; k < names->len; k++) {
        const char *n = names->pdata[k];
        BinfmtEntry e;
        if (strcmp(n, own) == 0 || !read_entry(n, &e)) {
            continue;
        }
        if (e.is_magic && binfmt_overlap(&e.m, m)) {
            g_ptr_array_add(out, g_strdup_printf("%s (%s, interpreter %s, flags: %s)", n,
                                                 e.enabled ? "enabled" : "disabled",
                                                 e.interpreter ? e.interpreter : "?",
                                                 *e.flags ? e.flags : "none"));
        }
        binfmt_entry_clear(&e);
    }
    g_ptr_array_free(names, TRUE);
    return out;
}

static int cmd_print_or_systemd(GPtrArray *guests, const char *flags)
{
    const char *dir = opt_binfmt_d ? opt_binfmt_d : "/etc/binfmt.d";
    for (guint k = 0; k < guests->len; k++) {
        const BinfmtMagic *m = guests->pdata[k];
        char *name = entry_name(m), *interp = interpreter_for(m);
        const char *why;
        char *line = binfmt_register_line(m, name, interp, flags, &why);
        if (!line) {
            die("%s: %s", name, why);
        }
        gchar *text = g_strdup_printf("# %s: %s -> %s (written by xemu-binfmt)\n%s\n", name,
                                      m->what, interp, line);
        if (opt_systemd) {
            gchar *file = g_strdup_printf("%s/%s.conf", dir, name);
            GError *err = NULL;
            if (g_mkdir_with_parents(dir, 0755) != 0 ||
                !g_file_set_contents(file, text, -1, &err)) {
                die("%s: %s", file, err ? err->message : g_strerror(errno));
            }
            printf("wrote %s\n", file);
            g_free(file);
        } else {
            fputs(text, stdout);
        }
        g_free(text);
        g_free(line);
        g_free(interp);
        g_free(name);
    }
    if (opt_systemd) {
        printf("apply with: systemctl restart systemd-binfmt\n");
    }
    return 0;
}

static int cmd_register(GPtrArray *guests)
{
    char *flags = flags_string();
    if (opt_print || opt_systemd) {
        int st = cmd_print_or_systemd(guests, flags);
        g_free(flags);
        return st;
    }
    if (opt_preserve && !kernel_reports_preserve_argv0() && !opt_force) {
        die("--preserve-argv0 needs Linux 5.12 or later (AT_FLAGS_PRESERVE_ARGV0 tells xemu "
            "that the kernel inserted the program's path); --force to register anyway");
    }
    binfmt_available(true);

    /* Check everything first, so a refusal leaves nothing half registered. */
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *skip = g_ptr_array_new();
    GPtrArray *replace = g_ptr_array_new();
    for (guint k = 0; k < guests->len; k++) {
        const BinfmtMagic *m = guests->pdata[k];
        char *name = entry_name(m), *interp = interpreter_for(m);
        const char *why;
        char *line = binfmt_register_line(m, name, interp, flags, &why);
        if (!line) {
            die("%s: %s", name, why);
        }
        if (!g_path_is_absolute(interp)) {
            die("%s: the interpreter must be an absolute path", interp);
        }
        if (access(interp, X_OK) != 0) {
            die("%s: %s (build xemu or pass --path DIR)", interp, g_strerror(errno));
        }
        if (opt_fix && is_dynamic_elf(interp)) {
            warn("%s is dynamically linked: with --fix-binary it will not start inside a "
                 "chroot or container that lacks its libraries (build with -DXEMU_STATIC=ON)",
                 interp);
        }
        BinfmtEntry e;
        gboolean same = FALSE;
        gchar *path = g_build_filename(BINFMT_DIR, name, NULL);
        if (access(path, F_OK) == 0) {
            if (read_entry(name, &e)) {
                same = binfmt_entry_equal(&e, m, interp, flags);
                if (!same && !opt_force) {
                    die("an entry named '%s' already exists (interpreter %s, flags: %s); "
                        "'xemu-binfmt unregister' it first or pass --force to replace it",
                        name, e.interpreter ? e.interpreter : "?", *e.flags ? e.flags : "none");
                }
                binfmt_entry_clear(&e);
            } else if (!opt_force) {
                die("an entry named '%s' exists in a form I cannot read; pass --force to "
                    "replace it", name);
            }
        }
        g_free(path);
        GPtrArray *other = conflicts(m, name);
        for (guint j = 0; j < other->len; j++) {
            if (opt_force) {
                warn("entry %s also claims %s; xemu's entry, added later, is matched first",
                     (char *)other->pdata[j], m->what);
            } else {
                die("entry %s already handles %s; remove it first (e.g. update-binfmts "
                    "--disable, or echo -1 > %s/<name>) or pass --force",
                    (char *)other->pdata[j], m->what, BINFMT_DIR);
            }
        }
        g_ptr_array_free(other, TRUE);
        g_ptr_array_add(lines, line);
        g_ptr_array_add(skip, GINT_TO_POINTER(same));
        g_ptr_array_add(replace, GINT_TO_POINTER(!same && opt_force));
        g_free(interp);
        g_free(name);
    }

    for (guint k = 0; k < guests->len; k++) {
        const BinfmtMagic *m = guests->pdata[k];
        char *name = entry_name(m);
        gchar *path = g_build_filename(BINFMT_DIR, name, NULL);
        if (GPOINTER_TO_INT(skip->pdata[k])) {
            printf("%s: already registered\n", name);
        } else {
            if (GPOINTER_TO_INT(replace->pdata[k]) && access(path, F_OK) == 0 &&
                !write_file(path, "-1")) {
                die("%s: cannot remove the old entry: %s", path, g_strerror(errno));
            }
            if (!write_file(BINFMT_DIR "/register", lines->pdata[k])) {
                int e = errno;
                die("%s: the kernel refused the entry: %s%s", name, g_strerror(e),
                    e == ENOENT && opt_fix ? " (the interpreter could not be opened)" : "");
            }
            printf("%s: registered for %s (flags: %s)\n", name, m->what,
                   *flags ? flags : "none");
        }
        g_free(path);
        g_free(name);
    }
    g_ptr_array_free(lines, TRUE);
    g_ptr_array_free(skip, TRUE);
    g_ptr_array_free(replace, TRUE);
    g_free(flags);
    return 0;
}

static int cmd_unregister(GPtrArray *guests)
{
    if (!binfmt_available(false)) {
        printf("binfmt_misc is not mounted: nothing is registered\n");
        return 0;
    }
    int status = 0;
    for (guint k = 0; k < guests->len; k++) {
        char *name = entry_name(guests->pdata[k]);
        gchar *path = g_build_filename(BINFMT_DIR, name, NULL);
        if (access(path, F_OK) != 0) {
            printf("%s: not registered\n", name);
        } else if (!write_file(path, "-1")) {
            fprintf(stderr, "xemu-binfmt: %s: cannot remove: %s\n", path, g_strerror(errno));
            status = 1;
        } else {
            printf("%s: removed\n", name);
        }
        g_free(path);
        g_free(name);
    }
    return status;
}

static int cmd_status(GPtrArray *guests)
{
    if (!binfmt_available(false)) {
        printf("binfmt_misc is not mounted at %s: nothing is registered\n", BINFMT_DIR);
        return 0;
    }
    gchar *st = NULL;
    g_file_get_contents(BINFMT_DIR "/status", &st, NULL, NULL);
    printf("binfmt_misc at %s: %s\n", BINFMT_DIR, st ? g_strstrip(st) : "?");
    int width = (int)strlen(opt_prefix) + (int)strlen("mipsel");
    g_free(st);
    for (guint k = 0; k < guests->len; k++) {
        const BinfmtMagic *m = guests->pdata[k];
        char *name = entry_name(m);
        BinfmtEntry e;
        if (read_entry(name, &e)) {
            bool ours = e.is_magic && e.m.len == m->len && e.m.offset == m->offset &&
                        !memcmp(e.m.magic, m->magic, m->len) && !memcmp(e.m.mask, m->mask, m->len);
            printf("%-*s %s  interpreter %s  flags: %s%s\n", width, name,
                   e.enabled ? "enabled " : "disabled", e.interpreter ? e.interpreter : "?",
                   *e.flags ? e.flags : "none",
                   ours ? "" : "  (magic differs from this xemu-binfmt's)");
            binfmt_entry_clear(&e);
        } else {
            printf("%-*s not registered\n", width, name);
        }
        GPtrArray *other = conflicts(m, name);
        for (guint j = 0; j < other->len; j++) {
            printf("%-*s   also claimed by %s\n", width, "", (char *)other->pdata[j]);
        }
        g_ptr_array_free(other, TRUE);
        g_free(name);
    }
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    if (argc < 3) {
        die("check: name at least one file");
    }
    int status = 0;
    for (int k = 2; k < argc; k++) {
        uint8_t head[BINFMT_MAGIC_MAX] = { 0 };
        int fd = open(argv[k], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "xemu-binfmt: %s: %s\n", argv[k], g_strerror(errno));
            status = 1;
            continue;
        }
        ssize_t n = read(fd, head, sizeof head);
        close(fd);
        const BinfmtMagic *hit = NULL;
        for (unsigned j = 0; j < binfmt_magic_count && !hit; j++) {
            if (n > 0 && binfmt_matches(&binfmt_magics[j], head, (size_t)n)) {
                hit = &binfmt_magics[j];
            }
        }
        if (hit) {
            printf("%s: xemu-%s\n", argv[k], hit->guest);
        } else {
            printf("%s: no xemu guest\n", argv[k]);
            status = 1;
        }
    }
    return status;
}

int main(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new(
        "register|unregister|status|print|check [guest...|file...]");
    g_option_context_set_summary(ctx,
        "Registers xemu's emulators with the kernel's binfmt_misc so that ARM and MIPS o32\n"
        "Linux programs run directly. Guests: arm, mips, mipsel (default: all).\n"
        "'check FILE...' tells which emulator binfmt_misc would hand each file to.");
    g_option_context_add_main_entries(ctx, option_entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "xemu-binfmt: %s (try --help)\n", err->message);
        return 2;
    }
    g_option_context_free(ctx);
    if (argc < 2) {
        fprintf(stderr, "xemu-binfmt: name a command: register, unregister, status, print "
                        "or check (try --help)\n");
        return 2;
    }
    if (!opt_prefix) {
        opt_prefix = g_strdup("xemu-");
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "check") == 0) {
        return cmd_check(argc, argv);
    }
    GPtrArray *guests = selected_guests(argc, argv);
    if (opt_interpreter && guests->len != 1) {
        die("--interpreter names one emulator: name exactly one guest");
    }
    if (strcmp(cmd, "register") == 0) {
        return cmd_register(guests);
    }
    if (strcmp(cmd, "print") == 0) {
        opt_print = TRUE;
        return cmd_register(guests);
    }
    if (strcmp(cmd, "unregister") == 0) {
        return cmd_unregister(guests);
    }
    if (strcmp(cmd, "status") == 0) {
        return cmd_status(guests);
    }
    fprintf(stderr, "xemu-binfmt: unknown command '%s' (try --help)\n", cmd);
    return 2;
}
