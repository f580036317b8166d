/*
 * fileio: file and directory system calls through libc, built with
 * _FILE_OFFSET_BITS=64 (the usual configuration).  Works inside a scratch directory:
 * argv[1] if given, else $TMPDIR or /tmp; it creates "xemu-fileio" there and removes
 * it at the end.  Prints only names, sizes, modes (after umask 022), offsets and errno
 * names, never inode numbers, times or absolute paths.
 * Covers open/creat/write/read/pread/pwrite/lseek (SET/CUR/END, beyond 4 GiB: sparse
 * file of 5 GiB), ftruncate, fstat/stat/lstat, rename, link, symlink/readlink, unlink,
 * mkdir/rmdir (EEXIST, ENOTEMPTY, ENOENT), dup/dup2, fcntl flags, O_APPEND,
 * opendir/readdir (sorted), getcwd/chdir, access, stdio fopen/fprintf/fgets/fseek.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static const char *ename(int e)
{
    switch (e) {
    case 0: return "OK";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EBADF: return "EBADF";
    case EISDIR: return "EISDIR";
    case ENOTDIR: return "ENOTDIR";
    case EINVAL: return "EINVAL";
    case EACCES: return "EACCES";
    case EOVERFLOW: return "EOVERFLOW";
    default: return "other";
    }
}

#define CHECK(expr)                                                                   \
    do {                                                                              \
        errno = 0;                                                                    \
        long r_ = (long)(expr);                                                       \
        printf("%-44s -> %ld %s\n", #expr, r_, r_ < 0 ? ename(errno) : "");           \
    } while (0)

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir(%s) failed: %s\n", path, ename(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL && n < 64) {
        char t = e->d_type == DT_REG ? 'f' : e->d_type == DT_DIR ? 'd' : e->d_type == DT_LNK ? 'l'
                 : e->d_type == DT_UNKNOWN ? '?' : 'o';
        /* d_type may be DT_UNKNOWN on some file systems: resolve with lstat. */
        if (t == '?') {
            struct stat st;
            char p[512];
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            if (lstat(p, &st) == 0)
                t = S_ISREG(st.st_mode) ? 'f' : S_ISDIR(st.st_mode) ? 'd'
                    : S_ISLNK(st.st_mode) ? 'l' : 'o';
        }
        if (asprintf(&names[n], "%s(%c)", e->d_name, t) < 0)
            exit(1);
        n++;
    }
    int err = errno;
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("readdir %s: %d entries, errno %s:", strrchr(path, '/') + 1, n, ename(err));
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    /* Line-buffered: output up to a crash still reaches the log. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *base = argc > 1 ? argv[1] : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char dir[512], p[600], q[600];
    snprintf(dir, sizeof dir, "%s/xemu-fileio", base);
    umask(022);
    printf("sizeof(off_t)=%zu sizeof(ino_t)=%zu\n", sizeof(off_t), sizeof(ino_t));
    if (mkdir(dir, 0755) != 0) {
        printf("mkdir scratch failed: %s\n", strerror(errno));
        return 1;
    }
    if (chdir(dir) != 0) {
        printf("chdir failed\n");
        return 1;
    }
    char cwd[600];
    printf("getcwd matches: %d\n", getcwd(cwd, sizeof cwd) && strcmp(strrchr(cwd, '/'),
                                                                     strrchr(dir, '/')) == 0);

    printf("== basic I/O\n");
    int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0666);
    printf("open fd>=3: %d\n", fd >= 3);
    CHECK(write(fd, "hello, file\n", 12));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, 7, SEEK_SET));
    char buf[64] = { 0 };
    CHECK(read(fd, buf, sizeof buf - 1));
    printf("read: \"%s\"\n", buf);
    CHECK(lseek(fd, -5, SEEK_END));
    CHECK(pwrite(fd, "XY", 2, 0));
    memset(buf, 0, sizeof buf);
    CHECK(pread(fd, buf, 5, 0));
    printf("pread: \"%s\"\n", buf);
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, -100, SEEK_SET));
    CHECK(ftruncate(fd, 4));
    CHECK(lseek(fd, 0, SEEK_END));
    struct stat st;
    CHECK(fstat(fd, &st));
    printf("fstat: size=%lld mode=%o reg=%d nlink=%lu\n", (long long)st.st_size,
           (unsigned)(st.st_mode & 07777), S_ISREG(st.st_mode), (unsigned long)st.st_nlink);
    int fd2 = dup(fd);
    printf("dup fd2>fd: %d\n", fd2 > fd);
    CHECK(lseek(fd2, 1, SEEK_SET));
    CHECK(lseek(fd, 0, SEEK_CUR)); /* shared file offset */
    CHECK(dup2(fd, 20));
    CHECK(fcntl(20, F_GETFD));
    CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC));
    CHECK(fcntl(fd, F_GETFD));
    CHECK(fcntl(fd, F_GETFL) & O_ACCMODE);
    CHECK(close(20));
    CHECK(close(20));
    CHECK(close(fd2));
    CHECK(close(fd));
    CHECK(read(fd, buf, 1));

    fd = open("a.txt", O_WRONLY | O_APPEND);
    CHECK(write(fd, "++", 2));
    CHECK(lseek(fd, 0, SEEK_CUR));
    close(fd);
    CHECK(stat("a.txt", &st));
    printf("size after append=%lld\n", (long long)st.st_size);

    printf("== large file (sparse, offsets above 4 GiB)\n");
    fd = open("big", O_CREAT | O_RDWR, 0600);
    long long five_g = 5LL << 30;
    errno = 0;
    off_t o = lseek(fd, five_g, SEEK_SET);
    printf("lseek 5G -> %lld %s\n", (long long)o, ename(errno));
    CHECK(write(fd, "Z", 1));
    CHECK(fstat(fd, &st));
    printf("big: size=%lld mode=%o\n", (long long)st.st_size, (unsigned)(st.st_mode & 07777));
    memset(buf, 0, sizeof buf);
    CHECK(pread(fd, buf, 4, five_g - 2));
    printf("pread at 5G-2: %02x %02x %02x\n", buf[0], buf[1], buf[2]);
    o = lseek(fd, -1, SEEK_END);
    printf("lseek -1 END -> %lld\n", (long long)o);
    close(fd);

    printf("== names\n");
    CHECK(mkdir("sub", 0750));
    CHECK(mkdir("sub", 0750));
    CHECK(rename("a.txt", "sub/b.txt"));
    CHECK(stat("a.txt", &st));
    CHECK(link("sub/b.txt", "hard"));
    CHECK(stat("hard", &st));
    printf("nlink=%lu size=%lld\n", (unsigned long)st.st_nlink, (long long)st.st_size);
    CHECK(symlink("sub/b.txt", "soft"));
    memset(buf, 0, sizeof buf);
    CHECK(readlink("soft", buf, sizeof buf));
    printf("readlink: %s\n", buf);
    CHECK(lstat("soft", &st));
    printf("lstat soft: link=%d\n", S_ISLNK(st.st_mode));
    CHECK(stat("soft", &st));
    printf("stat soft: reg=%d size=%lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    CHECK(stat("sub", &st));
    printf("sub: dir=%d mode=%o\n", S_ISDIR(st.st_mode), (unsigned)(st.st_mode & 07777));
    CHECK(access("sub/b.txt", R_OK | W_OK));
    CHECK(access("nope", F_OK));
    CHECK(open("nope/x", O_RDONLY));
    CHECK(open("sub", O_WRONLY));
    CHECK(open("hard/x", O_RDONLY));
    for (int i = 0; i < 5; i++) {
        snprintf(p, sizeof p, "sub/file%d", i);
        int f = open(p, O_CREAT | O_WRONLY | O_EXCL, 0644);
        if (f < 0 || write(f, p, strlen(p)) < 0)
            printf("create %s failed\n", p);
        close(f);
    }
    CHECK(open("sub/file0", O_CREAT | O_EXCL | O_WRONLY, 0644));
    list_dir(dir);
    snprintf(q, sizeof q, "%s/sub", dir);
    list_dir(q);
    CHECK(rmdir("sub"));

    printf("== stdio\n");
    FILE *f = fopen("stdio.txt", "w+");
    for (int i = 0; i < 1000; i++)
        fprintf(f, "line %d %s\n", i, i % 2 ? "odd" : "even");
    printf("ftell=%ld\n", ftell(f));
    fseek(f, 0, SEEK_SET);
    int lines = 0;
    long sum = 0;
    char line[64];
    while (fgets(line, sizeof line, f)) {
        lines++;
        sum += atoi(line + 5);
    }
    printf("lines=%d sum=%ld feof=%d\n", lines, sum, feof(f));
    fseek(f, -9, SEEK_END);
    printf("last: %s", fgets(line, sizeof line, f));
    fclose(f);

    printf("== cleanup\n");
    CHECK(unlink("soft"));
    CHECK(unlink("hard"));
    CHECK(unlink("big"));
    CHECK(unlink("stdio.txt"));
    CHECK(unlink("soft"));
    for (int i = 0; i < 5; i++) {
        snprintf(p, sizeof p, "sub/file%d", i);
        unlink(p);
    }
    CHECK(unlink("sub/b.txt"));
    CHECK(rmdir("sub"));
    CHECK(chdir(".."));
    CHECK(rmdir(dir));
    CHECK(rmdir(dir));
    printf("done\n");
    return 0;
}
