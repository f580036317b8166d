/*
 * Common ioctls: a pty pair (posix_openpt, grantpt, unlockpt: TIOCGPTN/TIOCSPTLCK,
 * ptsname), termios through it (raw mode, echo), TIOCSWINSZ/TIOCGWINSZ, FIONREAD and
 * TIOCOUTQ, TCFLSH, TIOCGPGRP/TIOCGSID (ENOTTY: not our controlling terminal), FIONBIO,
 * FIOCLEX/FIONCLEX; SIOCGIFCONF listing the loopback interface (only `lo` is printed:
 * the rest depends on the machine) and the SIOCGIF* requests on it; an unknown ioctl
 * (ENOTTY).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static void test_pty(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("posix_openpt: %s\n", strerror(errno));
        return;
    }
    show("grantpt", grantpt(m));
    show("unlockpt", unlockpt(m));
    int n = -1;
    show("TIOCGPTN", ioctl(m, TIOCGPTN, &n));
    char *name = ptsname(m);
    char want[32];
    snprintf(want, sizeof want, "/dev/pts/%d", n);
    printf("ptsname matches TIOCGPTN: %d\n", name && !strcmp(name, want));
    int s = open(name, O_RDWR | O_NOCTTY);
    show("open slave", s < 0 ? -1 : 0);

    struct termios t;
    show("tcgetattr", tcgetattr(s, &t));
    printf("default: ICANON %d ECHO %d ISIG %d VMIN %d VEOF %d\n", !!(t.c_lflag & ICANON),
           !!(t.c_lflag & ECHO), !!(t.c_lflag & ISIG), t.c_cc[VMIN], t.c_cc[VEOF]);
    /* Canonical mode with echo: the master sees the echo, the slave a whole line. */
    write(m, "hi\n", 3);
    usleep(20000);
    int avail = -1;
    show("FIONREAD slave", ioctl(s, FIONREAD, &avail));
    printf("slave has %d bytes\n", avail);
    char buf[64];
    long r = read(s, buf, sizeof buf);
    printf("slave read %ld: '%.*s'\n", r, r > 1 ? (int)r - 1 : 0, buf);
    r = read(m, buf, sizeof buf);
    printf("master echo %ld bytes\n", r);

    cfmakeraw(&t);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    show("tcsetattr raw", tcsetattr(s, TCSANOW, &t));
    struct termios t2;
    tcgetattr(s, &t2);
    printf("raw: ICANON %d ECHO %d OPOST %d CS8 %d VMIN %d\n", !!(t2.c_lflag & ICANON),
           !!(t2.c_lflag & ECHO), !!(t2.c_oflag & OPOST), (t2.c_cflag & CSIZE) == CS8,
           t2.c_cc[VMIN]);
    write(m, "x\r", 2);
    usleep(20000);
    r = read(s, buf, sizeof buf);
    printf("raw read %ld: %02x %02x\n", r, (unsigned char)buf[0], (unsigned char)buf[1]);
    write(s, "out", 3);
    usleep(20000);
    r = read(m, buf, sizeof buf);
    printf("master read %ld: '%.*s'\n", r, (int)r, buf);
    int q = -1;
    show("TIOCOUTQ", ioctl(s, TIOCOUTQ, &q));
    printf("outq %d\n", q);
    write(m, "zz", 2);
    usleep(20000);
    show("TCFLSH", tcflush(s, TCIFLUSH));
    ioctl(s, FIONREAD, &avail);
    printf("after flush %d bytes\n", avail);

    struct winsize ws = { .ws_row = 24, .ws_col = 80, .ws_xpixel = 640, .ws_ypixel = 480 };
    show("TIOCSWINSZ", ioctl(m, TIOCSWINSZ, &ws));
    memset(&ws, 0, sizeof ws);
    show("TIOCGWINSZ", ioctl(s, TIOCGWINSZ, &ws));
    printf("winsize %d x %d (%d x %d px)\n", ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel);
    pid_t pg;
    show("TIOCGPGRP not ctty", ioctl(s, TIOCGPGRP, &pg));
    show("TIOCGSID not ctty", ioctl(s, TIOCGSID, &pg));
    show("tcdrain", tcdrain(s));
    show("tcsendbreak", tcsendbreak(s, 0));
    int lock = 1;
    show("TIOCSPTLCK lock", ioctl(m, TIOCSPTLCK, &lock));
    show("open locked slave", open(name, O_RDWR | O_NOCTTY));
    show("TIOCGWINSZ bad ptr", ioctl(s, TIOCGWINSZ, (void *)16));
    close(s);
    close(m);
}

static void test_fd_ioctls(void)
{
    int p[2];
    pipe(p);
    int on = 1;
    show("FIONBIO on", ioctl(p[0], FIONBIO, &on));
    printf("O_NONBLOCK set: %d\n", !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    char c;
    show("read empty nonblocking", read(p[0], &c, 1));
    show("FIOCLEX", ioctl(p[0], FIOCLEX));
    printf("FD_CLOEXEC: %d\n", fcntl(p[0], F_GETFD) & FD_CLOEXEC);
    show("FIONCLEX", ioctl(p[0], FIONCLEX));
    printf("FD_CLOEXEC: %d\n", fcntl(p[0], F_GETFD) & FD_CLOEXEC);
    write(p[1], "abcde", 5);
    int n = -1;
    show("FIONREAD pipe", ioctl(p[0], FIONREAD, &n));
    printf("pipe has %d bytes\n", n);
    show("TCGETS on pipe", ioctl(p[0], TCGETS, &(struct termios){ 0 }));
    show("unknown ioctl", ioctl(p[0], 0x7a7a, 0));
    close(p[0]);
    close(p[1]);
}

static void test_ifconf(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifconf ic = { .ifc_len = 0, .ifc_buf = NULL };
    show("SIOCGIFCONF size query", ioctl(s, SIOCGIFCONF, &ic));
    printf("size is a multiple of ifreq: %d, nonzero %d\n",
           ic.ifc_len % (int)sizeof(struct ifreq) == 0, ic.ifc_len > 0);
    struct ifreq reqs[32];
    ic.ifc_len = sizeof reqs;
    ic.ifc_req = reqs;
    show("SIOCGIFCONF", ioctl(s, SIOCGIFCONF, &ic));
    int found = 0;
    for (int i = 0; i < ic.ifc_len / (int)sizeof(struct ifreq); i++) {
        if (!strcmp(reqs[i].ifr_name, "lo")) {
            struct sockaddr_in *sin = (struct sockaddr_in *)&reqs[i].ifr_addr;
            printf("lo: family %s addr %s\n", sin->sin_family == AF_INET ? "AF_INET" : "?",
                   inet_ntoa(sin->sin_addr));
            found = 1;
        }
    }
    printf("lo listed: %d\n", found);

    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    show("SIOCGIFFLAGS", ioctl(s, SIOCGIFFLAGS, &r));
    printf("lo flags: UP %d LOOPBACK %d\n", !!(r.ifr_flags & IFF_UP),
           !!(r.ifr_flags & IFF_LOOPBACK));
    show("SIOCGIFINDEX", ioctl(s, SIOCGIFINDEX, &r));
    int idx = r.ifr_ifindex;
    printf("lo index matches if_nametoindex: %d\n", idx == (int)if_nametoindex("lo"));
    memset(&r, 0, sizeof r);
    r.ifr_ifindex = idx;
    show("SIOCGIFNAME", ioctl(s, SIOCGIFNAME, &r));
    printf("name of index: %s\n", r.ifr_name);
    show("SIOCGIFADDR", ioctl(s, SIOCGIFADDR, &r));
    printf("addr %s\n", inet_ntoa(((struct sockaddr_in *)&r.ifr_addr)->sin_addr));
    show("SIOCGIFNETMASK", ioctl(s, SIOCGIFNETMASK, &r));
    printf("netmask %s\n", inet_ntoa(((struct sockaddr_in *)&r.ifr_netmask)->sin_addr));
    show("SIOCGIFMTU", ioctl(s, SIOCGIFMTU, &r));
    printf("mtu > 0: %d\n", r.ifr_mtu > 0);
    show("SIOCGIFHWADDR", ioctl(s, SIOCGIFHWADDR, &r));
    printf("hw family ARPHRD_LOOPBACK: %d\n", r.ifr_hwaddr.sa_family == ARPHRD_LOOPBACK);
    strcpy(r.ifr_name, "nosuchif0");
    show("SIOCGIFFLAGS missing", ioctl(s, SIOCGIFFLAGS, &r));
    show("SIOCGIFCONF bad ptr", ioctl(s, SIOCGIFCONF, (void *)16));
    close(s);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_pty();
    test_fd_ioctls();
    test_ifconf();
    return 0;
}
