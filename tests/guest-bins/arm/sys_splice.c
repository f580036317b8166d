/*
 * Zero-copy plumbing: splice between a file and pipes with and without offsets (the
 * 64-bit offset written back, the file position untouched), tee duplicating pipe data,
 * vmsplice from two iovecs into a pipe and from a pipe into memory, copy_file_range with
 * offsets and with the file positions, sendfile with a 32-bit offset, utimes/futimesat,
 * and their EBADF/EINVAL/EFAULT errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static void drain(const char *what, int fd, size_t max)
{
    char buf[128];
    long n = read(fd, buf, max < sizeof buf ? max : sizeof buf);
    printf("%s: %ld '%.*s'\n", what, n, n > 0 ? (int)n : 0, buf);
}

int main(void)
{
    int f = open("data", O_CREAT | O_RDWR | O_TRUNC, 0644);
    const char *text = "0123456789abcdefghijklmnopqrstuvwxyz";
    if (f < 0 || write(f, text, strlen(text)) != (long)strlen(text)) {
        perror("setup");
        return 1;
    }
    int p[2], q[2];
    if (pipe(p) < 0 || pipe(q) < 0) {
        perror("pipe");
        return 1;
    }

    /* splice file -> pipe at an offset: offset advances, file position does not. */
    loff_t off = 10;
    show("splice file->pipe", splice(f, &off, p[1], NULL, 6, 0));
    printf("offset now %lld, file pos %ld\n", (long long)off, (long)lseek(f, 0, SEEK_CUR));
    /* tee: copy to q without consuming p. */
    show("tee", tee(p[0], q[1], 100, 0));
    drain("read q", q[0], 100);
    /* splice pipe -> file at offset 30. */
    off = 30;
    show("splice pipe->file", splice(p[0], NULL, f, &off, 6, 0));
    char buf[64] = {0};
    pread(f, buf, 40, 0);
    printf("file: '%s' offset now %lld\n", buf, (long long)off);
    /* splice without offset uses the file position. */
    lseek(f, 2, SEEK_SET);
    show("splice file(pos)->pipe", splice(f, NULL, p[1], NULL, 4, 0));
    printf("file pos %ld\n", (long)lseek(f, 0, SEEK_CUR));
    drain("read p", p[0], 100);

    /* vmsplice: user memory -> pipe, then pipe -> user memory. */
    char a[] = "hello ", b[] = "world";
    struct iovec iov[2] = { { a, 6 }, { b, 5 } };
    show("vmsplice in", vmsplice(p[1], iov, 2, 0));
    char out1[4] = {0}, out2[16] = {0};
    struct iovec oiov[2] = { { out1, 3 }, { out2, 8 } };
    show("vmsplice out", vmsplice(p[0], oiov, 2, 0));
    printf("got '%s' '%s'\n", out1, out2);

    /* copy_file_range */
    int g = open("copy", O_CREAT | O_RDWR | O_TRUNC, 0644);
    loff_t in_off = 26, out_off = 0;
    show("copy_file_range offsets", copy_file_range(f, &in_off, g, &out_off, 5, 0));
    printf("in_off %lld out_off %lld\n", (long long)in_off, (long long)out_off);
    lseek(f, 0, SEEK_SET);
    lseek(g, 5, SEEK_SET);
    show("copy_file_range positions", copy_file_range(f, NULL, g, NULL, 4, 0));
    printf("positions %ld %ld\n", (long)lseek(f, 0, SEEK_CUR), (long)lseek(g, 0, SEEK_CUR));
    memset(buf, 0, sizeof buf);
    pread(g, buf, sizeof buf - 1, 0);
    printf("copy: '%s'\n", buf);
    show("copy_file_range bad flags", copy_file_range(f, NULL, g, NULL, 4, 1));

    /* sendfile with a 32-bit off_t (no _FILE_OFFSET_BITS=64 here on purpose). */
    off_t soff = 20;
    show("sendfile", sendfile(p[1], f, &soff, 7));
    printf("sendfile offset %ld\n", (long)soff);
    drain("read p", p[0], 100);
    lseek(f, 33, SEEK_SET);
    show("sendfile pos", sendfile(p[1], f, NULL, 100));
    drain("read p", p[0], 100);

    /* Errors. */
    show("splice bad fd", splice(-1, NULL, p[1], NULL, 4, 0));
    show("splice two files", splice(f, NULL, g, NULL, 4, 0));
    show("splice offset on pipe", splice(p[0], &off, f, NULL, 4, SPLICE_F_NONBLOCK));
    show("tee non-pipe", tee(f, p[1], 4, 0));
    show("tee empty nonblock", tee(p[0], q[1], 4, SPLICE_F_NONBLOCK));
    show("splice bad offset ptr", splice(f, (loff_t *)16, p[1], NULL, 4, 0));

    /* utimes / futimesat */
    struct timeval tv[2] = { { 1000000000, 5 }, { 1200000000, 999999 } };
    show("utimes", utimes("copy", tv));
    struct stat st;
    stat("copy", &st);
    printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    tv[1].tv_usec = 1000000;
    show("utimes bad usec", utimes("copy", tv));
    tv[1].tv_usec = 0;
    show("futimesat", futimesat(AT_FDCWD, "data", tv));
    stat("data", &st);
    printf("mtime %ld.%09ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    show("utimes missing", utimes("nofile", tv));
    close(f);
    close(g);
    unlink("data");
    unlink("copy");
    return 0;
}
