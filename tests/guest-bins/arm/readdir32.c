/*
 * readdir32: readdir() in a program built WITHOUT _FILE_OFFSET_BITS=64, on a directory
 * with many entries.
 *
 * glibc's 32-bit readdir() reads 64-bit entries with getdents64 and converts them to the
 * old struct dirent with a 32-bit d_off; if an offset does not fit it fails with
 * EOVERFLOW.  ext4 (with dir_index, once a directory outgrows one block) reports hash
 * values as offsets, and it reports 32-bit hashes only to 32-bit callers
 * (in_compat_syscall() or a 32-bit kernel).  On real ARM hardware (32-bit kernel, or an
 * arm64 kernel running the program in AArch32 compat mode) the listing therefore succeeds.
 * An emulator that forwards getdents64 from a 64-bit host process gets 64-bit hashes and
 * the guest sees EOVERFLOW: qemu-user has this bug on ext4 hosts.  The expected output is
 * the real-hardware one: all entries, errno 0.  (On file systems with small offsets,
 * such as tmpfs, every implementation prints that.)
 *
 * Uses argv[1] (or $TMPDIR, or /tmp) as the parent of a new directory "xemu-readdir32",
 * removed at the end.  Also checks telldir/seekdir round trips within the listing.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(_FILE_OFFSET_BITS) && _FILE_OFFSET_BITS == 64
#error "this test must be built without _FILE_OFFSET_BITS=64"
#endif

enum { NFILES = 600 };

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void name_of(char *buf, size_t n, int i)
{
    /* Long names: the directory needs many blocks, so ext4 indexes it (hash offsets). */
    snprintf(buf, n, "entry-%04d-with-a-fairly-long-name-to-fill-directory-blocks", i);
}

int main(int argc, char **argv)
{
    /* Line-buffered: output up to a crash still reaches the log. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *base = argc > 1 ? argv[1] : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char dir[512], p[700];
    printf("sizeof(off_t)=%zu sizeof(long)=%zu sizeof(d_off)=%zu\n", sizeof(off_t),
           sizeof(long), sizeof(((struct dirent *)0)->d_off));
    snprintf(dir, sizeof dir, "%s/xemu-readdir32", base);
    if (mkdir(dir, 0700) != 0) {
        printf("mkdir failed: %s\n", strerror(errno));
        return 1;
    }
    for (int i = 0; i < NFILES; i++) {
        char n[128];
        name_of(n, sizeof n, i);
        snprintf(p, sizeof p, "%s/%s", dir, n);
        int fd = open(p, O_CREAT | O_WRONLY, 0600);
        if (fd < 0) {
            printf("create %d failed: %s\n", i, strerror(errno));
            return 1;
        }
        close(fd);
    }
    printf("created %d files\n", NFILES);

    DIR *d = opendir(dir);
    if (!d) {
        printf("opendir failed: %s\n", strerror(errno));
        return 1;
    }
    static char *names[NFILES + 8];
    int n = 0, bad_type = 0;
    long mid_pos = -1;
    char mid_name[256] = "";
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (n >= NFILES + 8)
            break;
        if (e->d_type != DT_REG && e->d_type != DT_DIR && e->d_type != DT_UNKNOWN)
            bad_type++;
        names[n++] = strdup(e->d_name);
        if (n == NFILES / 2) {
            /* Position after this entry, and the name that follows it. */
            mid_pos = telldir(d);
            errno = 0;
        }
        if (n == NFILES / 2 + 1)
            snprintf(mid_name, sizeof mid_name, "%s", e->d_name);
        errno = 0;
    }
    int err = errno;
    printf("readdir: %d entries, end errno=%s\n", n,
           err == 0 ? "0" : err == EOVERFLOW ? "EOVERFLOW" : strerror(err));
    if (mid_pos != -1 && mid_name[0]) {
        seekdir(d, mid_pos);
        errno = 0;
        e = readdir(d);
        printf("seekdir/telldir round trip: %s\n",
               e && strcmp(e->d_name, mid_name) == 0 ? "ok" : "MISMATCH");
    }
    closedir(d);

    qsort(names, n, sizeof names[0], cmp);
    int missing = 0, dups = 0, dot = 0, dotdot = 0;
    for (int i = 0; i < n; i++) {
        if (i && strcmp(names[i - 1], names[i]) == 0)
            dups++;
        if (strcmp(names[i], ".") == 0)
            dot++;
        if (strcmp(names[i], "..") == 0)
            dotdot++;
    }
    for (int i = 0; i < NFILES; i++) {
        char want[128], *key = want;
        name_of(want, sizeof want, i);
        if (!bsearch(&key, names, n, sizeof names[0], cmp))
            missing++;
    }
    printf("'.'=%d '..'=%d missing=%d duplicates=%d bad d_type=%d\n", dot, dotdot, missing, dups,
           bad_type);
    for (int i = 0; i < n && i < 4; i++)
        printf("sorted[%d]=%s\n", i, names[i]);
    if (n > 4)
        printf("sorted[%d]=%s\n", n - 1, names[n - 1]);

    for (int i = 0; i < NFILES; i++) {
        char nm[128];
        name_of(nm, sizeof nm, i);
        snprintf(p, sizeof p, "%s/%s", dir, nm);
        unlink(p);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    printf("rmdir: %s\n", rmdir(dir) == 0 ? "ok" : strerror(errno));
    return err != 0 || missing != 0;
}
