/*
 * Extended attributes on a scratch file (the working directory, a disk file system):
 * set/get/list/remove by path, by fd and without following symlinks, size-0 queries,
 * ERANGE for a short buffer, ENODATA, EEXIST/ENODATA from XATTR_CREATE/XATTR_REPLACE,
 * E2BIG, EFAULT. Where the file system has no user xattrs the program prints one note
 * and stops (the reference then does not match: the test needs ext4/xfs/tmpfs).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

/* Names in a listxattr buffer, sorted order is not guaranteed: print user.* ones sorted. */
static void show_list(const char *what, const char *buf, long n)
{
    const char *names[16];
    int k = 0;
    for (long i = 0; i < n && k < 16; i += strlen(buf + i) + 1) {
        if (!strncmp(buf + i, "user.", 5)) {
            names[k++] = buf + i;
        }
    }
    for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
            if (strcmp(names[b], names[a]) < 0) {
                const char *t = names[a];
                names[a] = names[b];
                names[b] = t;
            }
        }
    }
    printf("%s:", what);
    for (int a = 0; a < k; a++) {
        printf(" %s", names[a]);
    }
    printf("\n");
}

int main(void)
{
    char buf[256];
    int fd = open("xfile", O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    if (setxattr("xfile", "user.color", "blue", 4, 0) < 0) {
        if (errno == ENOTSUP) {
            printf("user xattrs not supported here\n");
            return 0;
        }
        perror("setxattr");
        return 1;
    }
    show("setxattr", 0);
    show("getxattr size query", getxattr("xfile", "user.color", NULL, 0));
    memset(buf, 0, sizeof buf);
    long n = getxattr("xfile", "user.color", buf, sizeof buf);
    printf("getxattr: %ld '%s'\n", n, buf);
    show("getxattr short buffer", getxattr("xfile", "user.color", buf, 2));
    show("getxattr missing", getxattr("xfile", "user.none", buf, sizeof buf));
    show("setxattr create existing", setxattr("xfile", "user.color", "red", 3, XATTR_CREATE));
    show("setxattr replace missing", setxattr("xfile", "user.none", "x", 1, XATTR_REPLACE));
    show("setxattr replace", setxattr("xfile", "user.color", "green", 5, XATTR_REPLACE));
    show("fsetxattr", fsetxattr(fd, "user.shape", "round", 5, 0));
    show("fsetxattr empty value", fsetxattr(fd, "user.empty", "", 0, 0));
    memset(buf, 0, sizeof buf);
    n = fgetxattr(fd, "user.color", buf, sizeof buf);
    printf("fgetxattr: %ld '%s'\n", n, buf);
    show("fgetxattr empty", fgetxattr(fd, "user.empty", buf, sizeof buf));
    memset(buf, 0, sizeof buf);
    n = lgetxattr("xfile", "user.shape", buf, sizeof buf);
    printf("lgetxattr: %ld '%s'\n", n, buf);

    long need = listxattr("xfile", NULL, 0);
    n = listxattr("xfile", buf, sizeof buf);
    printf("listxattr query matches: %d\n", need == n);
    show_list("listxattr", buf, n);
    n = flistxattr(fd, buf, sizeof buf);
    show_list("flistxattr", buf, n);
    n = llistxattr("xfile", buf, sizeof buf);
    show_list("llistxattr", buf, n);
    show("listxattr short buffer", listxattr("xfile", buf, 3));

    show("removexattr", removexattr("xfile", "user.color"));
    show("removexattr again", removexattr("xfile", "user.color"));
    show("fremovexattr", fremovexattr(fd, "user.shape"));
    show("lremovexattr", lremovexattr("xfile", "user.empty"));
    n = listxattr("xfile", buf, sizeof buf);
    show_list("listxattr after remove", buf, n);

    /* Symlinks: user xattrs are not allowed on the link itself. */
    symlink("xfile", "xlink");
    show("lsetxattr on symlink", lsetxattr("xlink", "user.l", "1", 1, 0));
    show("setxattr through symlink", setxattr("xlink", "user.t", "1", 1, 0));
    show("getxattr on target", getxattr("xfile", "user.t", buf, sizeof buf));

    /* Errors. */
    static char big[70000];
    char *volatile bad = (char *)16;
    show("setxattr too big", setxattr("xfile", "user.big", big, sizeof big, 0));
    show("getxattr bad path", getxattr("nofile", "user.t", buf, sizeof buf));
    show("getxattr bad buffer", getxattr("xfile", "user.t", bad, 8));
    show("setxattr bad name ptr", setxattr("xfile", bad, "1", 1, 0));
    show("fgetxattr bad fd", fgetxattr(-1, "user.t", buf, sizeof buf));
    close(fd);
    unlink("xlink");
    unlink("xfile");
    return 0;
}
