/*
 * The guest's view of /proc and of process life: /proc/self/{cmdline,exe,auxv,maps,
 * stat,comm}, /proc/cpuinfo, fork + exec of /proc/self/exe, a #! script whose
 * interpreter is this program, system() of a host shell, vfork ordering, posix_spawn
 * of a missing file, waitid. Only stable facts are printed. Run as "proc" (the test);
 * "proc child N" and "proc script ARGS..." are the re-executed forms.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char *slurp(const char *path, size_t *len)
{
    static char buf[1 << 16];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return NULL;
    }
    size_t n = 0;
    ssize_t r;
    while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0) {
        n += (size_t)r;
    }
    close(fd);
    buf[n] = 0;
    *len = n;
    return buf;
}

static void test_cmdline(int argc, char **argv)
{
    size_t len;
    char *c = slurp("/proc/self/cmdline", &len);
    size_t want = 0;
    for (int i = 0; i < argc; i++) {
        want += strlen(argv[i]) + 1;
    }
    printf("cmdline: len ok %d, argv[1] %s\n", c && len == want, c ? c + strlen(c) + 1 : "?");
}

static void test_exe(const char *argv0)
{
    char link[PATH_MAX], real[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    printf("exe: readlink == realpath: %d\n", realpath(argv0, real) && !strcmp(link, real));
    struct stat a, b;
    printf("exe: stat == program: %d\n", stat("/proc/self/exe", &a) == 0 &&
           stat(argv0, &b) == 0 && a.st_ino == b.st_ino);
    int fd = open("/proc/self/exe", O_RDONLY);
    char h[4] = { 0 }, fdl[64];
    int elf = fd >= 0 && read(fd, h, 4) == 4 && !memcmp(h, "\177ELF", 4);
    printf("exe: open reads ELF: %d\n", elf);
    snprintf(fdl, sizeof fdl, "/proc/self/fd/%d", fd);
    n = readlink(fdl, link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    printf("exe: fd link == realpath: %d\n", !strcmp(link, real));
    close(fd);
}

static void test_auxv(void)
{
    size_t len;
    unsigned long *a = (unsigned long *)slurp("/proc/self/auxv", &len);
    unsigned long pagesz = 0, hwcap = 0;
    for (size_t i = 0; a && i + 1 < len / sizeof *a; i += 2) {
        if (a[i] == AT_PAGESZ) pagesz = a[i + 1];
        if (a[i] == AT_HWCAP) hwcap = a[i + 1];
    }
    printf("auxv: AT_PAGESZ %lu, AT_HWCAP == getauxval %d, ends with AT_NULL %d\n", pagesz,
           hwcap == getauxval(AT_HWCAP), a && len >= 8 && a[len / sizeof *a - 2] == 0);
}

static void test_maps_stat(const char *argv0)
{
    char real[PATH_MAX], line[PATH_MAX + 128];
    realpath(argv0, real);
    size_t len;
    char *m = slurp("/proc/self/maps", &len);
    int found = 0;
    for (char *l = m; l && *l;) {
        char *nl = strchr(l, '\n');
        size_t k = nl ? (size_t)(nl - l) : strlen(l);
        snprintf(line, sizeof line, "%.*s", (int)k, l);
        if (strstr(line, " r-xp ") && strstr(line, real)) found = 1;
        l = nl ? nl + 1 : NULL;
    }
    printf("maps: program r-xp %d, [stack] %d\n", found, m && strstr(m, "[stack]") != NULL);
    int fd = open("/proc/self/maps", O_RDONLY);
    struct stat st;
    printf("maps: fstat regular %d, lseek %d\n", fstat(fd, &st) == 0 && S_ISREG(st.st_mode),
           lseek(fd, 5, SEEK_SET) == 5);
    close(fd);
    char *s = slurp("/proc/self/stat", &len);
    const char *base = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;
    char want[64];
    snprintf(want, sizeof want, "(%.15s)", base);
    printf("stat: comm is program %d\n", s && strstr(s, want) != NULL);
    char *c = slurp("/proc/self/comm", &len);
    size_t wl = strlen(want) - 2; /* the name without the parentheses */
    printf("comm: %d\n", c && !strncmp(c, want + 1, wl) && c[wl] == '\n');
    prctl(PR_SET_NAME, "renamed");
    c = slurp("/proc/thread-self/comm", &len);
    printf("comm after PR_SET_NAME: %s", c ? c : "?\n");
    char *ci = slurp("/proc/cpuinfo", &len);
    printf("cpuinfo: %d\n",
           ci && (strstr(ci, "ARMv7 Processor") || strstr(ci, "cpu model\t\t: MIPS")));
}

static void test_exec(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execl("/proc/self/exe", "proc", "child", "7", (char *)NULL);
        _exit(99);
    }
    int st;
    waitpid(p, &st, 0);
    printf("exec /proc/self/exe: status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static void test_script(const char *argv0)
{
    char real[PATH_MAX], path[PATH_MAX + 32];
    realpath(argv0, real);
    snprintf(path, sizeof path, "script.sh");
    FILE *f = fopen(path, "w");
    fprintf(f, "#!%s script\n", real);
    fclose(f);
    chmod(path, 0755);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execl("./script.sh", "myscript", "a1", "a2", (char *)NULL);
        _exit(98);
    }
    int st;
    waitpid(p, &st, 0);
    printf("script: status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    unlink(path);
}

static void test_system_vfork_spawn(void)
{
    fflush(stdout);
    printf("system: %d\n", system("echo from host sh") >> 8);
    fflush(stdout);
    static volatile int order;
    pid_t p = vfork();
    if (p == 0) {
        order = 1; /* shared with the parent until _exit */
        _exit(5);
    }
    printf("vfork: child ran first and shared memory: %d\n", order == 1);
    int st;
    waitpid(p, &st, 0);
    printf("vfork: status %d\n", WEXITSTATUS(st));
    pid_t sp;
    char *av[] = { "nope", NULL };
    int e = posix_spawn(&sp, "/nonexistent/prog", NULL, NULL, av, environ);
    printf("posix_spawn missing: %s\n", e == ENOENT ? "ENOENT" : strerror(e));
    siginfo_t si;
    fflush(stdout);
    if ((p = fork()) == 0) {
        _exit(42);
    }
    memset(&si, 0, sizeof si);
    int r = waitid(P_PID, (id_t)p, &si, WEXITED);
    printf("waitid: %d SIGCHLD %d code %d pid ok %d status %d\n", r, si.si_signo == SIGCHLD,
           si.si_code, si.si_pid == p, si.si_status);
    memset(&si, 0xff, sizeof si);
    r = waitid(P_ALL, 0, &si, WEXITED | WNOHANG);
    printf("waitid no child: %d %s\n", r, r < 0 ? strerror(errno) : "");
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "child")) {
        printf("child: argv[0] %s, exits %s\n", argv[0], argv[2]);
        return atoi(argv[2]);
    }
    if (argc >= 2 && !strcmp(argv[1], "script")) {
        printf("interp: argc %d, argv[0] is path %d, script %s, args %s %s\n", argc,
               argv[0][0] == '/', strrchr(argv[2], '/') ? strrchr(argv[2], '/') + 1 : argv[2],
               argv[3], argv[4]);
        return 4;
    }
    test_cmdline(argc, argv);
    test_exe(argv[0]);
    test_auxv();
    test_maps_stat(argv[0]);
    test_exec();
    test_script(argv[0]);
    test_system_vfork_spawn();
    return 0;
}
