/*
 * The guest's view of /proc. Files whose host contents would describe xemu rather than
 * the guest program are generated here and handed to the guest as a memfd (a regular
 * file it can read, lseek and fstat): maps, auxv, cmdline, environ, stat, status, comm
 * and /proc/cpuinfo. exe (readlink, open, stat) names the guest program. They are found
 * under /proc/self/, /proc/<our pid>/, /proc/thread-self/ and /proc/<pid>/task/<tid>/
 * for our own threads; everything else under /proc is the host's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/elfload.h"
#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* A memfd of an emulated file is named "xemu-proc:<guest path>" (see readlink). */
#define PROC_MEMFD_PREFIX "xemu-proc:"

/* The guest auxv as the loader built it (the kernel keeps mm->saved_auxv the same way). */
static uint8_t *proc_auxv;
static uint32_t proc_auxv_len;

void sys_proc_save_auxv(void)
{
    if (proc_auxv || image_info.auxv_end <= image_info.auxv_start) {
        return;
    }
    uint32_t len = image_info.auxv_end - image_info.auxv_start;
    const void *g = sys_guest_ptr(image_info.auxv_start, len, PAGE_READ);
    if (g) {
        proc_auxv = g_memdup2(g, len);
        proc_auxv_len = len;
    }
}

/* ---- path parsing --------------------------------------------------------------- */

/* A /proc path about this process: the entry below it, and the thread (0: process). */
typedef struct ProcPath {
    const char *entry;
    pid_t tid;
} ProcPath;

static bool proc_own_thread(pid_t tid)
{
    char p[64];
    snprintf(p, sizeof p, "/proc/self/task/%d", (int)tid);
    return tid > 0 && access(p, F_OK) == 0;
}

/* Parses a decimal pid followed by '/'; returns the rest, or NULL. */
static const char *proc_parse_id(const char *s, pid_t *id)
{
    char *end;
    if (*s < '0' || *s > '9') {
        return NULL;
    }
    long v = strtol(s, &end, 10);
    if (*end != '/' || v <= 0 || v > INT32_MAX) {
        return NULL;
    }
    *id = (pid_t)v;
    return end + 1;
}

static bool proc_parse(const char *path, ProcPath *pp)
{
    pid_t pid;
    if (!path || strncmp(path, "/proc/", 6)) {
        return false;
    }
    const char *s = path + 6;
    pp->tid = 0;
    if (!strncmp(s, "thread-self/", 12)) {
        pp->tid = (pid_t)syscall(SYS_gettid);
        pp->entry = s + 12;
        return true;
    }
    if (!strncmp(s, "self/", 5)) {
        s += 5;
    } else if ((s = proc_parse_id(s, &pid)) == NULL || pid != getpid()) {
        return false;
    }
    if (!strncmp(s, "task/", 5)) {
        s = proc_parse_id(s + 5, &pp->tid);
        if (!s || !proc_own_thread(pp->tid)) {
            return false;
        }
    }
    pp->entry = s;
    return true;
}

static bool proc_is(const char *path, const char *entry)
{
    ProcPath pp;
    return proc_parse(path, &pp) && !strcmp(pp.entry, entry);
}

const char *sys_proc_fix_path(const char *path)
{
    if (xemu_opts.exec_realpath && path && proc_is(path, "exe")) {
        return xemu_opts.exec_realpath;
    }
    return path;
}

/* ---- the thread's name ---------------------------------------------------------- */

/*
 * The host comm of a thread that never set one is xemu's own file name; the guest's is
 * its program's (the kernel takes it from the exec'd file name, 15 bytes).
 */
static void proc_fix_comm(char name[16])
{
    const char *self = xemu_opts.self_path ? xemu_opts.self_path : "";
    const char *base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;
    if (strncmp(name, base, 15) != 0 || !xemu_opts.exec_path) {
        return;
    }
    const char *prog = xemu_opts.exec_path;
    const char *pb = strrchr(prog, '/') ? strrchr(prog, '/') + 1 : prog;
    g_strlcpy(name, pb, 16);
}

void sys_proc_comm(char name[16])
{
    memset(name, 0, 16);
    if (prctl(PR_GET_NAME, name) < 0) {
        name[0] = 0;
    }
    proc_fix_comm(name);
}

/* The comm of thread tid (0: the calling thread's process view). */
static void proc_comm_of(pid_t tid, char name[16])
{
    if (tid == 0 || tid == (pid_t)syscall(SYS_gettid)) {
        sys_proc_comm(name);
        return;
    }
    char p[64];
    memset(name, 0, 16);
    snprintf(p, sizeof p, "/proc/self/task/%d/comm", (int)tid);
    gchar *text = NULL;
    if (g_file_get_contents(p, &text, NULL, NULL)) {
        text[strcspn(text, "\n")] = 0;
        g_strlcpy(name, text, 16);
        g_free(text);
    }
    proc_fix_comm(name);
}

/* ---- generated contents ----------------------------------------------------------- */

/* Guest bytes [start, end) (cmdline and environ are read live, as the kernel does). */
static void proc_append_guest(GString *s, uint32_t start, uint32_t end)
{
    if (end <= start) {
        return;
    }
    uint32_t n = sys_guest_span(start, end - start, PAGE_READ);
    g_string_append_len(s, g2h(start), n);
}

/* The host file for this process or thread: /proc/self/<entry> or its task's. */
static gchar *proc_host_text(const ProcPath *pp, const char *entry)
{
    char p[96];
    gchar *text = NULL;
    if (pp->tid) {
        snprintf(p, sizeof p, "/proc/self/task/%d/%s", (int)pp->tid, entry);
    } else {
        snprintf(p, sizeof p, "/proc/self/%s", entry);
    }
    if (!g_file_get_contents(p, &text, NULL, NULL)) {
        return NULL;
    }
    return text;
}

/* Sum of the guest's mappings, from the maps text ("start-end ..." per line). */
static uint64_t proc_guest_vsize(void)
{
    char *maps = mmu_maps_text();
    uint64_t total = 0;
    for (char *line = maps; line && *line;) {
        unsigned long a, b;
        if (sscanf(line, "%lx-%lx", &a, &b) == 2 && b > a) {
            total += b - a;
        }
        char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    g_free(maps);
    return total;
}

/*
 * /proc/<pid>/stat: the host line with the fields that describe the guest replaced
 * (man 5 proc_pid_stat numbering): comm (2), vsize (23), startcode, endcode,
 * startstack (26-28), kstkesp/kstkeip (29, 30: 0 as Linux shows them), and the layout
 * fields 45-51.
 */
static bool proc_gen_stat(GString *s, const ProcPath *pp)
{
    gchar *text = proc_host_text(pp, "stat");
    char *close;
    if (!text || !(close = strrchr(text, ')'))) {
        g_free(text);
        return false;
    }
    char comm[16];
    proc_comm_of(pp->tid, comm);
    g_string_append_printf(s, "%ld (%s)", strtol(text, NULL, 10), comm);
    g_strstrip(close + 1);
    gchar **f = g_strsplit(close + 1, " ", -1);
    const ImageInfo *ii = &image_info;
    for (int i = 0; f[i]; i++) {
        int field = i + 3; /* f[0] is field 3, the state */
        uint64_t v;
        switch (field) {
        case 23: v = proc_guest_vsize(); break;
        case 26: v = ii->start_code; break;
        case 27: v = ii->end_code; break;
        case 28: v = ii->sp; break;
        case 29: case 30: v = 0; break;
        case 45: v = ii->start_data; break;
        case 46: v = ii->end_data; break;
        case 47: v = ii->start_brk; break;
        case 48: v = ii->arg_start; break;
        case 49: v = ii->arg_end; break;
        case 50: v = ii->env_start; break;
        case 51: v = ii->env_end; break;
        default:
            g_string_append_printf(s, " %s", f[i]);
            continue;
        }
        g_string_append_printf(s, " %" G_GUINT64_FORMAT, v);
    }
    g_string_append_c(s, '\n');
    g_strfreev(f);
    g_free(text);
    return true;
}

/* /proc/<pid>/status: the host's, with the guest's Name. */
static bool proc_gen_status(GString *s, const ProcPath *pp)
{
    gchar *text = proc_host_text(pp, "status");
    if (!text) {
        return false;
    }
    char comm[16];
    proc_comm_of(pp->tid, comm);
    gchar **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (!lines[i][0] && !lines[i + 1]) {
            break;
        }
        if (!strncmp(lines[i], "Name:", 5)) {
            g_string_append_printf(s, "Name:\t%s\n", comm);
        } else {
            g_string_append_printf(s, "%s\n", lines[i]);
        }
    }
    g_strfreev(lines);
    g_free(text);
    return true;
}

/* Linux arch/arm/kernel/setup.c hwcap_str / hwcap2_str, indexed by bit. */
static const char *const proc_arm_hwcap_str[] = {
    "swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt",
    "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt",
    "vfpd32", "lpae", "evtstrm", "fphp", "asimdhp", "asimddp", "asimdfhm", "asimdbf16",
    "i8mm",
};
static const char *const proc_arm_hwcap2_str[] = {
    "aes", "pmull", "sha1", "sha2", "crc32", "sb", "ssbs",
};

/* MIDR fields of the ARM -cpu models (part, variant, revision). */
typedef struct ProcArmCpu {
    const char *model;
    unsigned part, variant, revision;
} ProcArmCpu;

static const ProcArmCpu proc_arm_cpus[] = {
    { "cortex-a7", 0xc07, 0x0, 5 },
    { "cortex-a9", 0xc09, 0x3, 0 },
    { "cortex-a15", 0xc0f, 0x2, 4 },
};

static int proc_ncpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static void proc_gen_cpuinfo_arm(GString *s)
{
    const ProcArmCpu *c = &proc_arm_cpus[2]; /* "max" and the default: a Cortex-A15 */
    for (size_t i = 0; i < G_N_ELEMENTS(proc_arm_cpus); i++) {
        if (xemu_opts.cpu_model && !strcmp(xemu_opts.cpu_model, proc_arm_cpus[i].model)) {
            c = &proc_arm_cpus[i];
        }
    }
    uint32_t hw = guest_arch->hwcap ? guest_arch->hwcap() : 0;
    uint32_t hw2 = guest_arch->hwcap2 ? guest_arch->hwcap2() : 0;
    for (int n = 0; n < proc_ncpus(); n++) {
        g_string_append_printf(s, "processor\t: %d\n", n);
        g_string_append_printf(s, "model name\t: ARMv7 Processor rev %u (v7l)\n", c->revision);
        g_string_append(s, "BogoMIPS\t: 48.00\nFeatures\t: ");
        for (size_t b = 0; b < G_N_ELEMENTS(proc_arm_hwcap_str); b++) {
            if (hw & (1u << b)) {
                g_string_append_printf(s, "%s ", proc_arm_hwcap_str[b]);
            }
        }
        for (size_t b = 0; b < G_N_ELEMENTS(proc_arm_hwcap2_str); b++) {
            if (hw2 & (1u << b)) {
                g_string_append_printf(s, "%s ", proc_arm_hwcap2_str[b]);
            }
        }
        g_string_append_printf(s, "\nCPU implementer\t: 0x41\nCPU architecture: 7\n"
                               "CPU variant\t: 0x%x\nCPU part\t: 0x%03x\n"
                               "CPU revision\t: %u\n\n", c->variant, c->part, c->revision);
    }
    g_string_append(s, "Hardware\t: Generic DT based system\nRevision\t: 0000\n"
                        "Serial\t\t: 0000000000000000\n");
}

/* The layout of arch/mips/kernel/proc.c show_cpuinfo() for a Malta board. */
static void proc_gen_cpuinfo_mips(GString *s)
{
    const char *model = xemu_opts.cpu_model ? xemu_opts.cpu_model : "24Kf";
    const char *name = "MIPS 24Kf V8.0  FPU V0.0";
    if (!strcmp(model, "34Kf")) {
        name = "MIPS 34Kf V5.8  FPU V0.0";
    } else if (!strcmp(model, "74Kf")) {
        name = "MIPS 74Kf V4.12  FPU V0.0";
    } else if (!strcmp(model, "P5600")) {
        name = "MIPS P5600 V0.0  FPU V2.0";
    }
    for (int n = 0; n < proc_ncpus(); n++) {
        if (n == 0) {
            g_string_append(s, "system type\t\t: MIPS Malta\n");
        }
        g_string_append_printf(s,
            "machine\t\t\t: Unknown\n"
            "processor\t\t: %d\n"
            "cpu model\t\t: %s\n"
            "BogoMIPS\t\t: 100.00\n"
            "wait instruction\t: yes\n"
            "microsecond timers\t: yes\n"
            "tlb_entries\t\t: 16\n"
            "extra interrupt vector\t: yes\n"
            "hardware watchpoint\t: no\n"
            "isa\t\t\t: mips1 mips2 mips32r1 mips32r2\n"
            "ASEs implemented\t:\n"
            "Options implemented\t: tlb 4kex 4k_cache 32fpr prefetch mcheck ejtag llsc "
            "userlocal vint perf_cntr_intr_bit perf\n"
            "shadow register sets\t: 1\n"
            "kscratch registers\t: 0\n"
            "package\t\t\t: 0\n"
            "core\t\t\t: %d\n"
            "VCED exceptions\t\t: not available\n"
            "VCEI exceptions\t\t: not available\n\n", n, name, n);
    }
}

/* Fills s for an emulated file; false if path is not one (or its host source failed). */
static bool proc_generate(const char *path, GString *s)
{
    if (!strcmp(path, "/proc/cpuinfo")) {
        if (guest_arch->elf_machine == 8 /* EM_MIPS */) {
            proc_gen_cpuinfo_mips(s);
        } else {
            proc_gen_cpuinfo_arm(s);
        }
        return true;
    }
    ProcPath pp;
    if (!proc_parse(path, &pp)) {
        return false;
    }
    const char *e = pp.entry;
    if (!strcmp(e, "maps")) {
        char *text = mmu_maps_text();
        g_string_append(s, text);
        g_free(text);
    } else if (!strcmp(e, "auxv")) {
        sys_proc_save_auxv();
        g_string_append_len(s, (const char *)proc_auxv, proc_auxv_len);
    } else if (!strcmp(e, "cmdline")) {
        proc_append_guest(s, image_info.arg_start, image_info.arg_end);
    } else if (!strcmp(e, "environ")) {
        proc_append_guest(s, image_info.env_start, image_info.env_end);
    } else if (!strcmp(e, "stat")) {
        return proc_gen_stat(s, &pp);
    } else if (!strcmp(e, "status")) {
        return proc_gen_status(s, &pp);
    } else if (!strcmp(e, "comm")) {
        char comm[16];
        proc_comm_of(pp.tid, comm);
        g_string_append_printf(s, "%s\n", comm);
    } else {
        return false;
    }
    return true;
}

/* A read-only regular file holding s (mode 0444, like the /proc files it stands for). */
static int64_t proc_memfd(const char *path, const GString *s, int host_flags)
{
    char name[200];
    snprintf(name, sizeof name, PROC_MEMFD_PREFIX "%s", path);
    int fd = memfd_create(name, (host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        return SYS_ERR(errno);
    }
    for (size_t done = 0; done < s->len;) {
        ssize_t w = write(fd, s->str + done, s->len - done);
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;
            close(fd);
            return SYS_ERR(e);
        }
        done += (size_t)w;
    }
    lseek(fd, 0, SEEK_SET);
    fchmod(fd, 0444);
    if (host_flags & O_NONBLOCK) {
        fcntl(fd, F_SETFL, O_NONBLOCK);
    }
    return fd;
}

bool sys_proc_open(const char *path, int host_flags, int64_t *ret)
{
    /* Writes (comm, for instance) go to the host file. */
    if (!path || (host_flags & O_ACCMODE) != O_RDONLY || strncmp(path, "/proc/", 6)) {
        return false;
    }
    GString *s = g_string_new(NULL);
    bool mine = proc_generate(path, s);
    if (mine) {
        if (host_flags & O_DIRECTORY) {
            *ret = SYS_ERR(ENOTDIR);
        } else {
            *ret = proc_memfd(path, s, host_flags);
        }
    }
    g_string_free(s, TRUE);
    return mine;
}

bool sys_proc_readlink(const char *path, char *buf, size_t size, int64_t *ret)
{
    char target[PATH_MAX];
    const char *t;
    if (!path || strncmp(path, "/proc/", 6)) {
        return false;
    }
    if (xemu_opts.exec_realpath && proc_is(path, "exe")) {
        t = xemu_opts.exec_realpath;
    } else {
        /* An fd of an emulated file names the /proc file it stands for. */
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n <= 0) {
            return false;
        }
        target[n] = 0;
        const char *pre = "/memfd:" PROC_MEMFD_PREFIX;
        if (strncmp(target, pre, strlen(pre))) {
            return false;
        }
        t = target + strlen(pre);
        char *del = strstr(target, " (deleted)");
        if (del) {
            *del = 0;
        }
    }
    size_t len = strlen(t);
    len = len < size ? len : size;
    memcpy(buf, t, len);
    *ret = (int64_t)len;
    return true;
}
