/*
 * Event fds and readiness: epoll with several fds whose data.u64 use all 64 bits (ctl
 * add/mod/del, wait, pwait with a mask, epoll_create1 with EPOLL_CLOEXEC), select and
 * poll on pipes and a socketpair, eventfd counter and EFD_SEMAPHORE semantics, timerfd
 * (a short one-shot timer, settime/gettime with an interval), inotify on a scratch
 * directory (create/delete events with names), signalfd creation. argv[1]: the directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define CHECK(x)                                                                 \
    do {                                                                         \
        if (!(x)) {                                                              \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #x, errno);         \
            exit(1);                                                             \
        }                                                                        \
    } while (0)

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = ((const struct epoll_event *)a)->data.u64;
    uint64_t y = ((const struct epoll_event *)b)->data.u64;
    return x < y ? -1 : x > y;
}

static void print_events(const char *what, struct epoll_event *ev, int n)
{
    qsort(ev, n, sizeof *ev, cmp_u64);
    printf("%s: %d\n", what, n);
    for (int i = 0; i < n; i++) {
        printf("  data=%016" PRIx64 " events=%#x\n", (uint64_t)ev[i].data.u64, ev[i].events);
    }
}

static void test_epoll(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0);
    printf("epoll: cloexec=%d\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    int p1[2], p2[2], sv[2];
    CHECK(pipe(p1) == 0 && pipe(p2) == 0);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    struct epoll_event e;
    e.events = EPOLLIN;
    e.data.u64 = 0xfedcba9876543210ull;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p1[0], &e) == 0);
    e.data.u64 = 0x8000000000000001ull;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p2[0], &e) == 0);
    e.events = EPOLLIN | EPOLLOUT;
    e.data.u64 = 0x0123456789abcdefull;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &e) == 0);
    errno = 0;
    printf("epoll: add twice: %d EEXIST=%d\n", epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &e),
           errno == EEXIST);

    struct epoll_event out[8];
    print_events("epoll: socket writable only", out, epoll_wait(ep, out, 8, 0));
    CHECK(write(p1[1], "a", 1) == 1 && write(p2[1], "b", 1) == 1);
    CHECK(write(sv[1], "c", 1) == 1);
    print_events("epoll: all readable", out, epoll_wait(ep, out, 8, 1000));
    printf("epoll: maxevents 1 gives %d\n", epoll_wait(ep, out, 1, 0));

    e.events = EPOLLIN | EPOLLET;
    e.data.u64 = 0xffffffff00000000ull;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, sv[0], &e) == 0);
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p1[0], NULL) == 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    print_events("epoll: after mod/del (pwait)", out, epoll_pwait(ep, out, 8, 100, &mask));
    print_events("epoll: edge-triggered again", out, epoll_wait(ep, out, 8, 0));
    errno = 0;
    printf("epoll: maxevents 0: %d EINVAL=%d\n", epoll_wait(ep, out, 0, 0), errno == EINVAL);
    struct epoll_event *volatile bad = (struct epoll_event *)8;
    errno = 0;
    printf("epoll: bad buffer: %d EFAULT=%d\n", epoll_wait(ep, bad, 4, 0), errno == EFAULT);
    close(p1[0]); close(p1[1]); close(p2[0]); close(p2[1]); close(sv[0]); close(sv[1]);
    close(ep);
}

static void test_select_poll(void)
{
    int p[2], sv[2];
    CHECK(pipe(p) == 0);
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(sv[0], &r);
    FD_SET(p[1], &w);
    int maxfd = (p[0] > sv[0] ? p[0] : sv[0]);
    maxfd = (maxfd > p[1] ? maxfd : p[1]) + 1;
    struct timeval tv = { 0, 0 };
    int n = select(maxfd, &r, &w, NULL, &tv);
    printf("select: %d pipe-r=%d sock-r=%d pipe-w=%d\n", n, FD_ISSET(p[0], &r),
           FD_ISSET(sv[0], &r), FD_ISSET(p[1], &w));
    CHECK(write(sv[1], "x", 1) == 1);
    CHECK(write(p[1], "y", 1) == 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    FD_SET(sv[0], &r);
    tv.tv_sec = 1;
    n = select(maxfd, &r, NULL, NULL, &tv);
    printf("select: %d pipe-r=%d sock-r=%d\n", n, FD_ISSET(p[0], &r), FD_ISSET(sv[0], &r));
    struct pollfd pf[3] = { { p[0], POLLIN, 0 }, { sv[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    n = poll(pf, 3, 1000);
    printf("poll: %d revents %#x %#x %#x\n", n, pf[0].revents, pf[1].revents, pf[2].revents);
    close(p[1]);
    char c;
    CHECK(read(p[0], &c, 1) == 1);
    n = poll(pf, 1, 1000);
    printf("poll: writer closed: %d revents %#x\n", n, pf[0].revents);
    close(p[0]); close(sv[0]); close(sv[1]);
}

static void test_eventfd(void)
{
    int fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK(fd >= 0);
    printf("eventfd: nonblock=%d cloexec=%d\n", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    uint64_t v = 3;
    CHECK(write(fd, &v, 8) == 8);
    v = 0x100000000ull;
    CHECK(write(fd, &v, 8) == 8);
    CHECK(read(fd, &v, 8) == 8);
    printf("eventfd: counter %#" PRIx64 "\n", v);
    errno = 0;
    printf("eventfd: empty read %d EAGAIN=%d\n", (int)read(fd, &v, 8), errno == EAGAIN);
    errno = 0;
    printf("eventfd: short read %d EINVAL=%d\n", (int)read(fd, &v, 4), errno == EINVAL);
    close(fd);

    fd = eventfd(0, EFD_SEMAPHORE | EFD_NONBLOCK);
    CHECK(fd >= 0);
    v = 3;
    CHECK(eventfd_write(fd, 3) == 0);
    for (int i = 0; i < 4; i++) {
        eventfd_t got = 0;
        int r = eventfd_read(fd, &got);
        printf("eventfd: semaphore read %d -> %d %" PRIu64 "\n", i, r, (uint64_t)got);
    }
    close(fd);
    errno = 0;
    printf("eventfd: bad flags %d EINVAL=%d\n", eventfd(0, 0x10), errno == EINVAL);
}

static void test_timerfd(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    CHECK(fd >= 0);
    printf("timerfd: cloexec=%d\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000 * 1000 } }, old, cur;
    CHECK(timerfd_settime(fd, 0, &its, &old) == 0);
    printf("timerfd: old value %ld.%09ld\n", (long)old.it_value.tv_sec, old.it_value.tv_nsec);
    CHECK(timerfd_gettime(fd, &cur) == 0);
    printf("timerfd: pending <= 20ms: %d interval %ld.%09ld\n",
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20000000,
           (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
    uint64_t n = 0;
    CHECK(read(fd, &n, 8) == 8);
    printf("timerfd: expirations >= 1: %d\n", n >= 1 && n < 1000);
    its.it_interval.tv_sec = 7;
    its.it_interval.tv_nsec = 250000000;
    its.it_value.tv_sec = 100;
    CHECK(timerfd_settime(fd, 0, &its, NULL) == 0);
    CHECK(timerfd_gettime(fd, &cur) == 0);
    printf("timerfd: interval %ld.%09ld value > 99s: %d\n", (long)cur.it_interval.tv_sec,
           cur.it_interval.tv_nsec, cur.it_value.tv_sec >= 99);
    errno = 0;
    int bad = timerfd_create(CLOCK_MONOTONIC, 0x10);
    printf("timerfd: bad flags %s EINVAL=%d\n", bad < 0 ? "-1" : "accepted", errno == EINVAL);
    if (bad >= 0) {
        close(bad);
    }
    close(fd);
}

static const char *mask_name(uint32_t m)
{
    switch (m) {
    case IN_CREATE: return "IN_CREATE";
    case IN_DELETE: return "IN_DELETE";
    case IN_MODIFY: return "IN_MODIFY";
    case IN_CLOSE_WRITE: return "IN_CLOSE_WRITE";
    case IN_CREATE | IN_ISDIR: return "IN_CREATE|IN_ISDIR";
    case IN_DELETE | IN_ISDIR: return "IN_DELETE|IN_ISDIR";
    default: return "?";
    }
}

static void test_inotify(const char *dir)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    CHECK(fd >= 0);
    printf("inotify: nonblock=%d cloexec=%d\n", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    int wd = inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE | IN_CLOSE_WRITE);
    CHECK(wd >= 0);
    char buf[4096] __attribute__((aligned(8)));
    errno = 0;
    int r0 = (int)read(fd, buf, sizeof buf);
    printf("inotify: empty read %d EAGAIN=%d\n", r0, errno == EAGAIN);
    char path[512];
    snprintf(path, sizeof path, "%s/alpha.txt", dir);
    int f = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK(f >= 0);
    CHECK(write(f, "x", 1) == 1);
    close(f);
    CHECK(unlink(path) == 0);
    snprintf(path, sizeof path, "%s/subdir-with-a-longer-name", dir);
    CHECK(mkdir(path, 0755) == 0);
    CHECK(rmdir(path) == 0);
    ssize_t n = read(fd, buf, sizeof buf);
    printf("inotify: read %s\n", n > 0 ? "ok" : "failed");
    uint32_t cookie_sum = 0;
    for (ssize_t off = 0; off < n;) {
        struct inotify_event *ev = (struct inotify_event *)(buf + off);
        printf("  wd ok %d %s len %u name '%s'\n", ev->wd == wd, mask_name(ev->mask), ev->len,
               ev->len ? ev->name : "");
        cookie_sum += ev->cookie;
        off += sizeof *ev + ev->len;
    }
    printf("inotify: cookies %u\n", cookie_sum);
    printf("inotify: rm_watch %d\n", inotify_rm_watch(fd, wd));
    n = read(fd, buf, sizeof buf);
    if (n > 0) {
        struct inotify_event *ev = (struct inotify_event *)buf;
        printf("inotify: after rm_watch IN_IGNORED=%d\n", (ev->mask & IN_IGNORED) != 0);
    }
    errno = 0;
    printf("inotify: bad path %d ENOENT=%d\n",
           inotify_add_watch(fd, "/nonexistent/xemu", IN_CREATE), errno == ENOENT);
    close(fd);
}

static void test_signalfd(void)
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    CHECK(fd >= 0);
    printf("signalfd: nonblock=%d cloexec=%d\n", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0,
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    struct signalfd_siginfo si;
    errno = 0;
    printf("signalfd: empty read %d EAGAIN=%d\n", (int)read(fd, &si, sizeof si),
           errno == EAGAIN);
    close(fd);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_epoll();
    test_select_poll();
    test_eventfd();
    test_timerfd();
    test_inotify(argc > 1 ? argv[1] : "/tmp");
    test_signalfd();
    printf("done\n");
    return 0;
}
