/*
 * Sockets: TCP and UDP over 127.0.0.1 (bind to port 0, getsockname, connect, accept4 with
 * SOCK_CLOEXEC, send/recv, sendto/recvfrom, sendmsg/recvmsg with two iovecs,
 * sendmmsg/recvmmsg), socket options (SO_REUSEADDR, SO_RCVBUF, SO_TYPE, SO_ERROR after a
 * refused connection, SO_LINGER, SO_RCVTIMEO in both time layouts, SO_PEERCRED), AF_UNIX
 * socketpair with SCM_RIGHTS (a pipe fd, and MSG_CTRUNC when the control buffer holds one
 * fd of two) and SCM_CREDENTIALS, AF_UNIX addresses (path and abstract), and on MIPS the
 * socketcall multiplexer. Output names no ports, pids or fds, so it is deterministic.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#define CHECK(x)                                                                 \
    do {                                                                         \
        if (!(x)) {                                                              \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #x, errno);         \
            exit(1);                                                             \
        }                                                                        \
    } while (0)

static int getint(int fd, int level, int opt)
{
    int v = -1;
    socklen_t len = sizeof v;
    CHECK(getsockopt(fd, level, opt, &v, &len) == 0);
    CHECK(len == sizeof v);
    return v;
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static void test_tcp(void)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(ls >= 0);
    int one = 1;
    CHECK(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
    printf("tcp: SO_REUSEADDR=%d SO_TYPE is stream: %d\n",
           getint(ls, SOL_SOCKET, SO_REUSEADDR) != 0,
           getint(ls, SOL_SOCKET, SO_TYPE) == SOCK_STREAM);
    struct sockaddr_in a = loopback(0), b;
    CHECK(bind(ls, (struct sockaddr *)&a, sizeof a) == 0);
    CHECK(listen(ls, 4) == 0);
    socklen_t len = sizeof b;
    CHECK(getsockname(ls, (struct sockaddr *)&b, &len) == 0);
    printf("tcp: getsockname len=%u family=%d addr=%s port!=0: %d\n", (unsigned)len,
           b.sin_family, inet_ntoa(b.sin_addr), b.sin_port != 0);

    int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(c >= 0);
    printf("tcp: client cloexec=%d\n", (fcntl(c, F_GETFD) & FD_CLOEXEC) != 0);
    CHECK(connect(c, (struct sockaddr *)&b, sizeof b) == 0);
    struct sockaddr_in peer;
    len = sizeof peer;
    int s = accept4(ls, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
    CHECK(s >= 0);
    printf("tcp: accept4 len=%u family=%d addr=%s cloexec=%d nonblock=%d\n", (unsigned)len,
           peer.sin_family, inet_ntoa(peer.sin_addr), (fcntl(s, F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
    struct sockaddr_in cp;
    len = sizeof cp;
    CHECK(getpeername(c, (struct sockaddr *)&cp, &len) == 0);
    printf("tcp: getpeername matches: %d\n", cp.sin_port == b.sin_port);

    char buf[64];
    CHECK(recv(s, buf, sizeof buf, 0) == -1 && errno == EAGAIN);
    CHECK(send(c, "hello tcp", 9, 0) == 9);
    struct pollfd pfd = { s, POLLIN, 0 };
    CHECK(poll(&pfd, 1, 5000) == 1);
    ssize_t n = recv(s, buf, sizeof buf, 0);
    printf("tcp: recv %d '%.*s' revents=%#x\n", (int)n, (int)n, buf, pfd.revents);
    int nd = 1;
    CHECK(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &nd, sizeof nd) == 0);
    printf("tcp: TCP_NODELAY=%d\n", getint(c, IPPROTO_TCP, TCP_NODELAY));
    CHECK(shutdown(c, SHUT_WR) == 0);
    CHECK(poll(&pfd, 1, 5000) == 1);
    printf("tcp: after shutdown recv=%d\n", (int)recv(s, buf, sizeof buf, 0));
    printf("tcp: SO_ERROR=%d\n", getint(s, SOL_SOCKET, SO_ERROR));
    close(s);
    close(c);
    close(ls);
}

static void test_options(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(s >= 0);
    printf("opt: SO_TYPE is dgram: %d\n", getint(s, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM);
    int v = 32768;
    CHECK(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v) == 0);
    printf("opt: SO_RCVBUF set 32768 get %d\n", getint(s, SOL_SOCKET, SO_RCVBUF));
    struct linger lg = { 1, 5 }, lg2;
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0);
    socklen_t len = sizeof lg2;
    CHECK(getsockopt(s, SOL_SOCKET, SO_LINGER, &lg2, &len) == 0);
    printf("opt: SO_LINGER len=%u onoff=%d linger=%d\n", (unsigned)len, lg2.l_onoff,
           lg2.l_linger);
    struct timeval tv = { 1, 500000 }, tv2;
    CHECK(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0);
    len = sizeof tv2;
    CHECK(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len) == 0);
    printf("opt: SO_RCVTIMEO len=%u %ld.%06ld\n", (unsigned)len, (long)tv2.tv_sec,
           (long)tv2.tv_usec);
    /* SO_RCVTIMEO_NEW (66 on every arch): the 64-bit layout. */
    long long t64[2] = { 0, 100000 }, t64b[2];
    CHECK(setsockopt(s, SOL_SOCKET, 66, t64, sizeof t64) == 0);
    len = sizeof t64b;
    CHECK(getsockopt(s, SOL_SOCKET, 66, t64b, &len) == 0);
    if (len == sizeof t64b) {
        printf("opt: SO_RCVTIMEO_NEW len=%u %lld.%06lld\n", (unsigned)len, t64b[0], t64b[1]);
    } else {
        printf("opt: SO_RCVTIMEO_NEW len=%u, not the 64-bit layout\n", (unsigned)len);
    }
    struct sockaddr_in a = loopback(0);
    CHECK(bind(s, (struct sockaddr *)&a, sizeof a) == 0);
    char c;
    errno = 0;
    printf("opt: recv with timeout: %d EAGAIN=%d\n", (int)recv(s, &c, 1, 0), errno == EAGAIN);
    int bad;
    len = sizeof bad;
    errno = 0;
    printf("opt: unknown option: %d ENOPROTOOPT=%d\n",
           getsockopt(s, SOL_SOCKET, 12345, &bad, &len), errno == ENOPROTOOPT);

    /* A refused non-blocking connection leaves its error in SO_ERROR. */
    struct sockaddr_in b;
    len = sizeof b;
    CHECK(getsockname(s, (struct sockaddr *)&b, &len) == 0);
    close(s);
    int t = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(t, (struct sockaddr *)&b, sizeof b);
    printf("opt: connect to closed port: %d %s\n", r,
           r == 0 ? "ok" : errno == EINPROGRESS ? "EINPROGRESS"
                         : errno == ECONNREFUSED ? "ECONNREFUSED" : "other");
    if (r < 0 && errno == EINPROGRESS) {
        struct pollfd p = { t, POLLOUT, 0 };
        poll(&p, 1, 5000);
    }
    int e = getint(t, SOL_SOCKET, SO_ERROR);
    printf("opt: SO_ERROR is ECONNREFUSED or already reported: %d\n",
           e == ECONNREFUSED || (r < 0 && errno == ECONNREFUSED && e == 0));
    close(t);
}

static void test_udp(void)
{
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(a >= 0 && b >= 0);
    struct sockaddr_in la = loopback(0), lb = loopback(0), from;
    CHECK(bind(a, (struct sockaddr *)&la, sizeof la) == 0);
    CHECK(bind(b, (struct sockaddr *)&lb, sizeof lb) == 0);
    socklen_t len = sizeof la;
    CHECK(getsockname(a, (struct sockaddr *)&la, &len) == 0);
    len = sizeof lb;
    CHECK(getsockname(b, (struct sockaddr *)&lb, &len) == 0);
    CHECK(sendto(a, "datagram", 8, 0, (struct sockaddr *)&lb, sizeof lb) == 8);
    char buf[64];
    len = sizeof from;
    ssize_t n = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    printf("udp: recvfrom %d '%.*s' len=%u from a: %d\n", (int)n, (int)n, buf, (unsigned)len,
           from.sin_port == la.sin_port && from.sin_addr.s_addr == la.sin_addr.s_addr);

    /* sendmsg with two iovecs, recvmsg into two buffers with a name. */
    struct iovec iov[2] = { { "two ", 4 }, { "parts", 5 } };
    struct msghdr m = { 0 };
    m.msg_name = &lb;
    m.msg_namelen = sizeof lb;
    m.msg_iov = iov;
    m.msg_iovlen = 2;
    CHECK(sendmsg(a, &m, 0) == 9);
    char p1[3], p2[16];
    struct iovec riov[2] = { { p1, 3 }, { p2, sizeof p2 } };
    struct msghdr rm = { 0 };
    rm.msg_name = &from;
    rm.msg_namelen = sizeof from;
    rm.msg_iov = riov;
    rm.msg_iovlen = 2;
    n = recvmsg(b, &rm, 0);
    printf("udp: recvmsg %d '%.3s' '%.*s' namelen=%u flags=%#x\n", (int)n, p1, (int)n - 3, p2,
           (unsigned)rm.msg_namelen, rm.msg_flags);
    /* Truncated datagram. */
    CHECK(sendto(a, "0123456789", 10, 0, (struct sockaddr *)&lb, sizeof lb) == 10);
    struct iovec tiov = { p1, 3 };
    rm.msg_iov = &tiov;
    rm.msg_iovlen = 1;
    n = recvmsg(b, &rm, 0);
    printf("udp: truncated %d '%.3s' MSG_TRUNC=%d\n", (int)n, p1,
           (rm.msg_flags & MSG_TRUNC) != 0);

    /* sendmmsg / recvmmsg, three messages. */
    struct mmsghdr mm[3];
    struct iovec miov[3];
    const char *words[3] = { "one", "three", "seven!!" };
    memset(mm, 0, sizeof mm);
    CHECK(connect(a, (struct sockaddr *)&lb, sizeof lb) == 0);
    for (int i = 0; i < 3; i++) {
        miov[i].iov_base = (void *)words[i];
        miov[i].iov_len = strlen(words[i]);
        mm[i].msg_hdr.msg_iov = &miov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    printf("udp: sendmmsg %d lens %u %u %u\n", sendmmsg(a, mm, 3, 0), mm[0].msg_len,
           mm[1].msg_len, mm[2].msg_len);
    char rb[3][16];
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 3; i++) {
        miov[i].iov_base = rb[i];
        miov[i].iov_len = sizeof rb[i];
        mm[i].msg_hdr.msg_iov = &miov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    struct timespec tmo = { 5, 0 };
    int got = recvmmsg(b, mm, 3, MSG_WAITFORONE, &tmo);
    printf("udp: recvmmsg %d:", got);
    for (int i = 0; i < got; i++) {
        printf(" '%.*s'", (int)mm[i].msg_len, rb[i]);
    }
    printf("\n");
    close(a);
    close(b);
}

/* Sends `n` fds with SCM_RIGHTS and one byte. */
static void send_fds(int s, const int *fds, int n)
{
    union {
        char buf[CMSG_SPACE(4 * sizeof(int))];
        struct cmsghdr align;
    } u;
    struct iovec iov = { "F", 1 };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = CMSG_SPACE(n * sizeof(int));
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, n * sizeof(int));
    CHECK(sendmsg(s, &m, 0) == 1);
}

static void test_unix(const char *tmpdir)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    printf("unix: SO_TYPE is stream: %d\n", getint(sv[0], SOL_SOCKET, SO_TYPE) == SOCK_STREAM);
    struct ucred cr;
    socklen_t len = sizeof cr;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0);
    printf("unix: SO_PEERCRED len=%u pid ok %d uid ok %d gid ok %d\n", (unsigned)len,
           cr.pid == getpid(), cr.uid == getuid(), cr.gid == getgid());

    /* SCM_RIGHTS: a pipe's read end; data written to the pipe is read from the copy. */
    int p[2];
    CHECK(pipe(p) == 0);
    send_fds(sv[0], &p[0], 1);
    union {
        char buf[CMSG_SPACE(4 * sizeof(int))];
        struct cmsghdr align;
    } u;
    char byte;
    struct iovec iov = { &byte, 1 };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof u.buf;
    CHECK(recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC) == 1);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    int fd = -1;
    CHECK(c != NULL);
    memcpy(&fd, CMSG_DATA(c), sizeof fd);
    printf("unix: SCM_RIGHTS level ok %d type ok %d len=%u controllen=%u flags=%#x\n",
           c->cmsg_level == SOL_SOCKET, c->cmsg_type == SCM_RIGHTS, (unsigned)c->cmsg_len,
           (unsigned)m.msg_controllen, m.msg_flags);
    printf("unix: received fd is new: %d cloexec=%d\n", fd != p[0],
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    CHECK(write(p[1], "via pipe", 8) == 8);
    char buf[32];
    ssize_t n = read(fd, buf, sizeof buf);
    printf("unix: read from passed fd: '%.*s'\n", (int)n, buf);
    close(fd);

    /* Two fds, room for one: MSG_CTRUNC, one fd delivered. */
    int two[2] = { p[0], p[1] };
    send_fds(sv[0], two, 2);
    m.msg_control = u.buf;
    m.msg_controllen = CMSG_SPACE(sizeof(int));
    CHECK(recvmsg(sv[1], &m, 0) == 1);
    c = CMSG_FIRSTHDR(&m);
    printf("unix: one fd of two: MSG_CTRUNC=%d cmsg_len=%u\n", (m.msg_flags & MSG_CTRUNC) != 0,
           c ? (unsigned)c->cmsg_len : 0u);
    if (c) {
        memcpy(&fd, CMSG_DATA(c), sizeof fd);
        close(fd);
    }

    /* SCM_CREDENTIALS with SO_PASSCRED on the receiver. */
    int one = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one) == 0);
    printf("unix: SO_PASSCRED=%d\n", getint(sv[1], SOL_SOCKET, SO_PASSCRED));
    {
        union {
            char buf[CMSG_SPACE(sizeof(struct ucred))];
            struct cmsghdr align;
        } cu;
        struct ucred me = { getpid(), getuid(), getgid() };
        struct iovec ci = { "C", 1 };
        struct msghdr cm = { 0 };
        cm.msg_iov = &ci;
        cm.msg_iovlen = 1;
        cm.msg_control = cu.buf;
        cm.msg_controllen = sizeof cu.buf;
        struct cmsghdr *h = CMSG_FIRSTHDR(&cm);
        h->cmsg_level = SOL_SOCKET;
        h->cmsg_type = SCM_CREDENTIALS;
        h->cmsg_len = CMSG_LEN(sizeof me);
        memcpy(CMSG_DATA(h), &me, sizeof me);
        CHECK(sendmsg(sv[0], &cm, 0) == 1);
    }
    m.msg_control = u.buf;
    m.msg_controllen = sizeof u.buf;
    CHECK(recvmsg(sv[1], &m, 0) == 1);
    c = CMSG_FIRSTHDR(&m);
    CHECK(c != NULL);
    memcpy(&cr, CMSG_DATA(c), sizeof cr);
    printf("unix: SCM_CREDENTIALS type ok %d len=%u pid ok %d uid ok %d gid ok %d\n",
           c->cmsg_type == SCM_CREDENTIALS, (unsigned)c->cmsg_len, cr.pid == getpid(),
           cr.uid == getuid(), cr.gid == getgid());
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);

    /* Named and abstract datagram sockets. */
    struct sockaddr_un na = { 0 }, ab = { 0 }, got;
    na.sun_family = AF_UNIX;
    /* A relative path: an absolute one could be longer than sun_path. */
    CHECK(chdir(tmpdir) == 0);
    strcpy(na.sun_path, "sock");
    int d = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK(bind(d, (struct sockaddr *)&na, sizeof na) == 0);
    len = sizeof got;
    CHECK(getsockname(d, (struct sockaddr *)&got, &len) == 0);
    printf("unix: path socket name '%s' len %u\n", got.sun_path, (unsigned)len);
    ab.sun_family = AF_UNIX;
    int alen = snprintf(ab.sun_path + 1, sizeof ab.sun_path - 1, "xemu-net-%d", getpid());
    socklen_t ablen = offsetof(struct sockaddr_un, sun_path) + 1 + alen;
    int e = socket(AF_UNIX, SOCK_DGRAM, 0);
    CHECK(bind(e, (struct sockaddr *)&ab, ablen) == 0);
    len = sizeof got;
    CHECK(getsockname(e, (struct sockaddr *)&got, &len) == 0);
    printf("unix: abstract name len ok %d same %d\n", len == ablen,
           memcmp(got.sun_path, ab.sun_path, alen + 1) == 0);
    CHECK(sendto(d, "to abstract", 11, 0, (struct sockaddr *)&ab, ablen) == 11);
    len = sizeof got;
    n = recvfrom(e, buf, sizeof buf, 0, (struct sockaddr *)&got, &len);
    printf("unix: recvfrom %d '%.*s' sender is path socket: %d\n", (int)n, (int)n, buf,
           strcmp(got.sun_path, na.sun_path) == 0);
    close(d);
    close(e);
    unlink(na.sun_path);
}

static void test_errors(void)
{
    errno = 0;
    printf("err: socket bad type: %d EINVAL=%d\n", socket(AF_INET, 0x7f, 0), errno == EINVAL);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    errno = 0;
    printf("err: bind bad pointer: %d EFAULT=%d\n", bind(s, (struct sockaddr *)16, 16),
           errno == EFAULT);
    errno = 0;
    printf("err: bind too long: %d EINVAL=%d\n",
           bind(s, (struct sockaddr *)&s, 4096), errno == EINVAL);
    errno = 0;
    printf("err: send on a closed fd: %d EBADF=%d\n", (int)send(1 + 100, "x", 1, 0),
           errno == EBADF);
    close(s);
#ifdef __mips__
    /* socketcall(SYS_SOCKET, args) and socketcall(SYS_GETSOCKOPT, args). */
    unsigned long a[5] = { AF_INET, SOCK_DGRAM, 0 };
    long fd = syscall(SYS_socketcall, 1, a);
    int v = 0;
    socklen_t vl = sizeof v;
    unsigned long g[5] = { fd, SOL_SOCKET, SO_TYPE, (unsigned long)&v, (unsigned long)&vl };
    long r = syscall(SYS_socketcall, 15, g);
    printf("err: socketcall socket ok %d getsockopt %ld type is dgram %d\n", fd >= 0, r,
           v == SOCK_DGRAM);
    errno = 0;
    long r99 = syscall(SYS_socketcall, 99, a);
    printf("err: socketcall 99: %ld EINVAL=%d\n", r99, errno == EINVAL);
    close(fd);
#else
    printf("err: socketcall socket ok 1 getsockopt 0 type is dgram 1\n");
    printf("err: socketcall 99: -1 EINVAL=1\n");
#endif
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_tcp();
    test_options();
    test_udp();
    test_unix(argc > 1 ? argv[1] : "/tmp");
    test_errors();
    printf("done\n");
    return 0;
}
