/*
 * xemu-<arch> entry point: option parsing (qemu-user compatible single-dash options,
 * each with an XEMU_* environment variable), guest environment set-up, program loading,
 * and the start of the guest's first thread.
 *
 * Options are parsed by hand rather than with GOption because qemu-user's spelling
 * ("-strace", "-cpu", "-one-insn-per-tb") is single-dash long options, which GOption
 * reads as bundles of short ones; users and scripts expect qemu's spelling.
 *
 * Started by the kernel's binfmt_misc (see tools/xemu-binfmt.c), xemu gets
 *   argv = { interpreter, path-of-program, [argv0 with flag P], arguments... }
 * and, with flag O or C, the program open in AT_EXECFD. With P (Linux >= 5.12) the
 * kernel also sets AT_FLAGS_PRESERVE_ARGV0 in xemu's auxv: that, or an AT_EXECFD, means
 * "started by binfmt_misc", and then nothing on the command line is an xemu option
 * (options come from the XEMU_* environment variables only).
 */
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "ir/interp.h"
#include "linux-user/elfload.h"
#include "linux-user/syscall.h"
#include "linux-user/thread.h"
#include "linux-user/xemu.h"
#include "softmmu/mmu.h"

#ifndef XEMU_VERSION
#define XEMU_VERSION "0.1.0"
#endif

extern char **environ;

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 1 /* Linux 5.12 include/uapi/linux/binfmts.h */
#endif

/* What binfmt_misc passed: the program's fd (AT_EXECFD, or -1) and the P flag. */
typedef struct BinfmtStart {
    int execfd;
    bool preserve_argv0;
} BinfmtStart;

static BinfmtStart binfmt_start(void)
{
    BinfmtStart b = { -1, false };
    errno = 0;
    unsigned long fd = getauxval(AT_EXECFD);
    if (errno == 0 && fd <= INT_MAX) { /* glibc: ENOENT when the entry is absent */
        b.execfd = (int)fd;
    }
    b.preserve_argv0 = (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) != 0;
    return b;
}

/*
 * XEMU_* settings from the environment, except in a secure-execution process
 * (AT_SECURE: the kernel started xemu with the credentials of a setuid/setgid guest,
 * binfmt_misc flag C): the caller's environment must not pick the guest's dynamic linker
 * (XEMU_LD_PREFIX) or make xemu write files (XEMU_LOG_FILENAME) with those privileges.
 */
static const char *opt_getenv(const char *name)
{
    return getauxval(AT_SECURE) ? NULL : getenv(name);
}

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "guest instructions of each translated block" },
    { "op", LOG_OP, "IR of each translated block" },
    { "op_opt", LOG_OP_OPT, "IR after optimization" },
    { "out_asm", LOG_OUT_ASM, "host code (JIT)" },
    { "exec", LOG_EXEC, "every block executed" },
    { "cpu", LOG_CPU, "guest registers before every block" },
    { "unimp", LOG_UNIMP, "unimplemented instructions and syscalls" },
    { "strace", LOG_STRACE, "guest syscalls (same as -strace)" },
    { "nochain", LOG_NOCHAIN, "do not chain blocks (JIT)" },
    { "noopt", LOG_NOOPT, "do not optimize the IR (the differential fuzzer's reference)" },
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: xemu-%s [options] program [arguments...]\n"
            "Runs a Linux %s program on this host.\n\n"
            "Options (environment variable in brackets):\n"
            "  -h, -help             print this help and exit\n"
            "  -version              print the version and exit\n"
            "  -L path               guest library prefix for the ELF interpreter [XEMU_LD_PREFIX]\n"
            "  -E var=value          set a variable in the guest environment [XEMU_SET_ENV]\n"
            "  -U var                remove a variable from the guest environment [XEMU_UNSET_ENV]\n"
            "  -0 argv0              argv[0] given to the program [XEMU_ARGV0]\n"
            "  -cpu model            CPU model; 'help' lists them [XEMU_CPU]\n"
            "  -s size               stack size in bytes (k/M suffixes) [XEMU_STACK_SIZE]\n"
            "  -strace               log guest syscalls [XEMU_STRACE]\n"
            "  -d item,...           log items; '-d help' lists them [XEMU_LOG]\n"
            "  -D logfile            write logs to logfile instead of stderr [XEMU_LOG_FILENAME]\n"
            "  -one-insn-per-tb      translate one guest instruction per block [XEMU_ONE_INSN_PER_TB]\n"
            "  --interp              run the IR interpreter instead of the JIT [XEMU_INTERP]\n"
            "  -jit-buffer size      JIT code buffer size, 64k to 1G (default 64M) [XEMU_JIT_BUFFER]\n",
            guest_arch->name, guest_arch->name);
}

static unsigned parse_log_items(const char *s)
{
    unsigned mask = 0;
    gchar **items = g_strsplit(s, ",", -1);
    for (gchar **it = items; *it; it++) {
        if (**it == 0) {
            continue;
        }
        if (strcmp(*it, "help") == 0) {
            printf("Log items (-d item,item):\n");
            for (size_t k = 0; k < G_N_ELEMENTS(log_items); k++) {
                printf("  %-10s %s\n", log_items[k].name, log_items[k].help);
            }
            exit(0);
        }
        size_t k = 0;
        while (k < G_N_ELEMENTS(log_items) && strcmp(*it, log_items[k].name) != 0) {
            k++;
        }
        if (k == G_N_ELEMENTS(log_items)) {
            xemu_error("unknown log item '%s' (try -d help)", *it);
            exit(1);
        }
        mask |= log_items[k].mask;
    }
    g_strfreev(items);
    return mask;
}

static bool parse_size(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s) {
        return false;
    }
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end || v < 64 * 1024 || v > 1024ull << 20) {
        return false;
    }
    *out = (uint32_t)v;
    return true;
}

typedef struct EnvEdits {
    GPtrArray *set;   /* "var=value" */
    GPtrArray *unset; /* "var" */
} EnvEdits;

static void apply_env_list(GPtrArray *dst, const char *list)
{
    gchar **items = g_strsplit(list, ",", -1);
    for (gchar **it = items; *it; it++) {
        if (**it) {
            g_ptr_array_add(dst, g_strdup(*it));
        }
    }
    g_strfreev(items);
}

static char **build_guest_env(const EnvEdits *ed)
{
    GPtrArray *env = g_ptr_array_new();
    for (char **e = environ; *e; e++) {
        g_ptr_array_add(env, g_strdup(*e));
    }
    for (guint k = 0; k < ed->unset->len; k++) {
        const char *var = ed->unset->pdata[k];
        size_t n = strlen(var);
        for (guint j = 0; j < env->len;) {
            const char *e = env->pdata[j];
            if (strncmp(e, var, n) == 0 && e[n] == '=') {
                g_ptr_array_remove_index(env, j);
            } else {
                j++;
            }
        }
    }
    for (guint k = 0; k < ed->set->len; k++) {
        const char *kv = ed->set->pdata[k];
        const char *eq = strchr(kv, '=');
        size_t n = eq ? (size_t)(eq - kv) : strlen(kv);
        for (guint j = 0; j < env->len; j++) {
            const char *e = env->pdata[j];
            if (strncmp(e, kv, n) == 0 && e[n] == '=') {
                g_ptr_array_remove_index(env, j);
                break;
            }
        }
        g_ptr_array_add(env, g_strdup(kv));
    }
    g_ptr_array_add(env, NULL);
    return (char **)g_ptr_array_free(env, FALSE);
}

/* Options that take a value; returns the value or exits with a message. */
static const char *opt_arg(int argc, char **argv, int *k, const char *name)
{
    if (*k + 1 >= argc) {
        xemu_error("option '%s' needs an argument", name);
        exit(1);
    }
    return argv[++*k];
}

int main(int argc, char **argv)
{
    EnvEdits ed = { g_ptr_array_new(), g_ptr_array_new() };
    const char *argv0 = NULL, *log_filename = NULL;
    const char *v;

    /* Environment first; command-line options override. */
    if ((v = opt_getenv("XEMU_LD_PREFIX"))) {
        xemu_opts.ld_prefix = v;
    }
    if ((v = opt_getenv("XEMU_CPU"))) {
        xemu_opts.cpu_model = v;
    }
    if ((v = opt_getenv("XEMU_STACK_SIZE")) && !parse_size(v, &xemu_opts.stack_size)) {
        xemu_error("XEMU_STACK_SIZE: invalid size '%s'", v);
        return 1;
    }
    if ((v = opt_getenv("XEMU_STRACE")) && *v) {
        xemu_opts.strace = true;
    }
    if ((v = opt_getenv("XEMU_LOG"))) {
        xemu_log_mask |= parse_log_items(v);
    }
    log_filename = opt_getenv("XEMU_LOG_FILENAME");
    if ((v = opt_getenv("XEMU_SET_ENV"))) {
        apply_env_list(ed.set, v);
    }
    if ((v = opt_getenv("XEMU_UNSET_ENV"))) {
        apply_env_list(ed.unset, v);
    }
    argv0 = opt_getenv("XEMU_ARGV0");
    if ((v = opt_getenv("XEMU_ONE_INSN_PER_TB")) && *v) {
        xemu_opts.one_insn_per_tb = true;
    }
    if ((v = opt_getenv("XEMU_INTERP")) && *v) {
        xemu_opts.interp = true;
    }
    if ((v = opt_getenv("XEMU_JIT_BUFFER")) && !parse_size(v, &xemu_opts.jit_buffer)) {
        xemu_error("XEMU_JIT_BUFFER: invalid size '%s'", v);
        return 1;
    }

    BinfmtStart bs = binfmt_start();
    bool from_binfmt = bs.execfd >= 0 || bs.preserve_argv0;
    int k = 1;
    for (; k < argc && !from_binfmt; k++) {
        const char *a = argv[k];
        if (a[0] != '-' || a[1] == 0) {
            break;
        }
        if (strcmp(a, "--") == 0) {
            k++;
            break;
        }
        const char *o = a + 1 + (a[1] == '-'); /* accept -opt and --opt */
        if (!strcmp(o, "h") || !strcmp(o, "help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(o, "version")) {
            printf("xemu-%s version %s\n", guest_arch->name, XEMU_VERSION);
            return 0;
        } else if (!strcmp(o, "L")) {
            xemu_opts.ld_prefix = opt_arg(argc, argv, &k, a);
        } else if (!strcmp(o, "E")) {
            g_ptr_array_add(ed.set, g_strdup(opt_arg(argc, argv, &k, a)));
        } else if (!strcmp(o, "U")) {
            g_ptr_array_add(ed.unset, g_strdup(opt_arg(argc, argv, &k, a)));
        } else if (!strcmp(o, "0")) {
            argv0 = opt_arg(argc, argv, &k, a);
        } else if (!strcmp(o, "cpu")) {
            xemu_opts.cpu_model = opt_arg(argc, argv, &k, a);
        } else if (!strcmp(o, "s")) {
            const char *s = opt_arg(argc, argv, &k, a);
            if (!parse_size(s, &xemu_opts.stack_size)) {
                xemu_error("invalid stack size '%s' (64k to 1G)", s);
                return 1;
            }
        } else if (!strcmp(o, "strace")) {
            xemu_opts.strace = true;
        } else if (!strcmp(o, "d")) {
            xemu_log_mask |= parse_log_items(opt_arg(argc, argv, &k, a));
        } else if (!strcmp(o, "D")) {
            log_filename = opt_arg(argc, argv, &k, a);
        } else if (!strcmp(o, "one-insn-per-tb") || !strcmp(o, "singlestep")) {
            xemu_opts.one_insn_per_tb = true;
        } else if (!strcmp(o, "interp")) {
            xemu_opts.interp = true;
        } else if (!strcmp(o, "jit-buffer")) {
            const char *s = opt_arg(argc, argv, &k, a);
            if (!parse_size(s, &xemu_opts.jit_buffer)) {
                xemu_error("invalid JIT buffer size '%s' (64k to 1G)", s);
                return 1;
            }
        } else {
            xemu_error("unknown option '%s' (try -h)", a);
            return 1;
        }
    }
    if (xemu_opts.cpu_model && strcmp(xemu_opts.cpu_model, "help") == 0) {
        printf("Available CPUs: %s\n", guest_arch->cpu_models);
        return 0;
    }
    if (k >= argc) {
        usage(stderr);
        return 1;
    }
    if (xemu_opts.strace) {
        xemu_log_mask |= LOG_STRACE;
    }
    if (xemu_log_mask & LOG_STRACE) {
        xemu_opts.strace = true;
    }
    if (xemu_opts.cpu_model) {
        gchar **models = g_strsplit(guest_arch->cpu_models, " ", -1);
        bool known = g_strv_contains((const gchar *const *)models, xemu_opts.cpu_model);
        g_strfreev(models);
        if (!known) {
            xemu_error("unknown CPU model '%s' (try -cpu help)", xemu_opts.cpu_model);
            return 1;
        }
    }
    if (log_filename) {
        xemu_log_file = fopen(log_filename, "w");
        if (!xemu_log_file) {
            xemu_error("%s: %s", log_filename, g_strerror(errno));
            return 1;
        }
        setvbuf(xemu_log_file, NULL, _IOLBF, 0);
    }

    const char *prog = argv[k];
    xemu_opts.exec_path = prog;
    char real[PATH_MAX];
    char fdlink[64];
    snprintf(fdlink, sizeof fdlink, "/proc/self/fd/%d", bs.execfd);
    ssize_t n = bs.execfd >= 0 ? readlink(fdlink, real, sizeof(real) - 1) : -1;
    if (n > 0) {
        real[n] = 0; /* the file the kernel opened, as /proc/self/exe would name it */
        xemu_opts.exec_realpath = g_strdup(real);
    } else {
        xemu_opts.exec_realpath = g_strdup(realpath(prog, real) ? real : prog);
    }
    /*
     * xemu's own path, to run guest execve()s under it again. Inside a chroot that the
     * kernel entered us in (binfmt_misc F flag) that path may not exist: /proc/self/exe
     * still reaches the emulator's file.
     */
    char self[PATH_MAX];
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n > 0) {
        self[n] = 0;
        xemu_opts.self_path = g_strdup(access(self, X_OK) == 0 ? self : "/proc/self/exe");
    }

    /*
     * Guest argv: argv[k..]; with binfmt_misc's P the kernel put the program's path at
     * argv[1] and the argv[0] the user gave at argv[2].
     */
    int first = k;
    if (bs.preserve_argv0 && argc > k + 1) {
        first = k + 1;
        argv0 = NULL;
    }
    char **guest_argv = g_new0(char *, argc - first + 1);
    for (int j = first; j < argc; j++) {
        guest_argv[j - first] = argv[j];
    }
    if (argv0) {
        guest_argv[0] = (char *)argv0;
    }
    char **guest_envp = build_guest_env(&ed);

    if (!mmu_init()) {
        xemu_error("cannot reserve the 4 GiB guest address space: %s", g_strerror(errno));
        return 1;
    }
    guest_arch->init();
    exec_init();
    signals_init();
    if (guest_arch->setup_guest_memory && !guest_arch->setup_guest_memory()) {
        xemu_error("cannot set up the guest's fixed mappings");
        return 1;
    }

    ImageInfo info;
    /* elf_load_fd() closes the AT_EXECFD: the guest must not inherit it. */
    int status = elf_load_fd(bs.execfd, prog, guest_argv, guest_envp, &info);
    if (status) {
        return status;
    }
    image_info = info;
    sys_proc_save_auxv(); /* /proc/self/auxv shows it as the kernel built it */

    CPUState *cpu = cpu_create(NULL);
    thread_cpu = cpu;
    guest_arch->init_thread(cpu->env, info.entry, info.sp);
    guest_arch->cpu_loop(cpu);
    return 0;
}
