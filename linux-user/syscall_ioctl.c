/*
 * ioctl and fcntl. Both take a command number that the guest ABI defines and an argument
 * whose meaning depends on it: the ABI's tables (SysAbi.ioctls, SysAbi.fcntl_cmd) give
 * the host command and how to convert the argument (terminal structs, lock structs, open
 * flags). Unknown ioctls return -ENOTTY and are logged under -d unimp.
 *
 * The network interface requests (SIOCGIFCONF, SIOCGIF* with struct ifreq) have the same
 * numbers on every architecture and are converted here: a guest ifreq is 32 bytes (16 of
 * name, a 16-byte union), the host's 40, and the sockaddr family inside is a u16 in the
 * guest's byte order. A few table entries whose argument needs more than the generic
 * kinds (a char, a u64, open flags) are recognised here by their host request.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fs.h>
#include <linux/sockios.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

static const SysIoctl *sys_find_ioctl(uint32_t req)
{
    for (const SysIoctl *io = sys_abi->ioctls; io && io->guest_req; io++) {
        if (io->guest_req == req) {
            return io;
        }
    }
    return NULL;
}

/* ---- network interfaces: struct ifreq and struct ifconf ---------------------------- */

#define GUEST_IFREQ_SIZE 32u
#define GUEST_IFNAMSIZ 16u
#define GUEST_IFCONF_MAX 4096u /* interfaces returned by one SIOCGIFCONF */

/* What the 16-byte union of an ifreq holds for a request. */
typedef enum IfrKind {
    IFR_NONE,     /* not an ifreq request */
    IFR_SOCKADDR, /* struct sockaddr: family u16, then bytes */
    IFR_SHORT,    /* ifr_flags */
    IFR_INT,      /* ifr_ifindex, ifr_mtu, ifr_metric, ifr_qlen */
    IFR_NAME,     /* ifr_newname / ifr_slave */
} IfrKind;

static IfrKind sys_ifreq_kind(uint32_t req, bool *set)
{
    *set = false;
    switch (req) {
    case SIOCSIFADDR: case SIOCSIFDSTADDR: case SIOCSIFBRDADDR: case SIOCSIFNETMASK:
    case SIOCSIFHWADDR: case SIOCSIFHWBROADCAST: case SIOCADDMULTI: case SIOCDELMULTI:
        *set = true;
        return IFR_SOCKADDR;
    case SIOCGIFADDR: case SIOCGIFDSTADDR: case SIOCGIFBRDADDR: case SIOCGIFNETMASK:
    case SIOCGIFHWADDR:
        return IFR_SOCKADDR;
    case SIOCSIFFLAGS:
        *set = true;
        return IFR_SHORT;
    case SIOCGIFFLAGS:
        return IFR_SHORT;
    case SIOCSIFMTU: case SIOCSIFMETRIC: case SIOCSIFTXQLEN:
        *set = true;
        return IFR_INT;
    case SIOCGIFINDEX: case SIOCGIFMTU: case SIOCGIFMETRIC: case SIOCGIFTXQLEN:
    case SIOCGIFNAME: /* index in, name out */
        return IFR_INT;
    case SIOCSIFNAME:
        *set = true;
        return IFR_NAME;
    default:
        return IFR_NONE;
    }
}

static void sys_ifreq_to_host(struct ifreq *h, const uint8_t *g, IfrKind kind)
{
    memset(h, 0, sizeof *h);
    memcpy(h->ifr_name, g, GUEST_IFNAMSIZ);
    h->ifr_name[IFNAMSIZ - 1] = 0;
    const uint8_t *u = g + GUEST_IFNAMSIZ;
    switch (kind) {
    case IFR_SOCKADDR:
        memcpy(&h->ifr_addr, u, 16);
        h->ifr_addr.sa_family = get_guest_u16(u);
        break;
    case IFR_SHORT:
        h->ifr_flags = (short)get_guest_u16(u);
        break;
    case IFR_INT:
        h->ifr_ifindex = (int)get_guest_u32(u);
        break;
    default:
        memcpy(&h->ifr_ifru, u, 16);
        break;
    }
}

static void sys_ifreq_to_guest(uint8_t *g, const struct ifreq *h, IfrKind kind)
{
    memcpy(g, h->ifr_name, GUEST_IFNAMSIZ);
    uint8_t *u = g + GUEST_IFNAMSIZ;
    switch (kind) {
    case IFR_SOCKADDR:
        memcpy(u, &h->ifr_addr, 16);
        put_guest_u16(u, h->ifr_addr.sa_family);
        break;
    case IFR_SHORT:
        put_guest_u16(u, (uint16_t)h->ifr_flags);
        break;
    case IFR_INT:
        put_guest_u32(u, (uint32_t)h->ifr_ifindex);
        break;
    default:
        memcpy(u, &h->ifr_ifru, 16);
        break;
    }
}

/* SIOCGIFCONF: struct ifconf { int len; ifreq *buf } with guest-sized records. */
static int64_t sys_ioctl_ifconf(int fd, uint32_t arg)
{
    uint8_t *g = sys_guest_ptr(arg, 8, PAGE_READ | PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    int32_t glen = (int32_t)get_guest_u32(g);
    uint32_t gbuf = get_guest_u32(g + 4);
    struct ifconf hc = { 0 };
    uint32_t n = glen > 0 ? (uint32_t)glen / GUEST_IFREQ_SIZE : 0;
    if (n > GUEST_IFCONF_MAX) {
        n = GUEST_IFCONF_MAX; /* the kernel fills what fits; so do we, up to a bound */
    }
    uint8_t *out = NULL;
    if (gbuf) {
        if (!(out = sys_guest_ptr(gbuf, n * GUEST_IFREQ_SIZE, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        hc.ifc_len = (int)(n * sizeof(struct ifreq));
        hc.ifc_req = g_new0(struct ifreq, n ? n : 1);
    }
    int r = ioctl(fd, SIOCGIFCONF, &hc);
    if (r < 0) {
        int e = errno;
        g_free(hc.ifc_req);
        return SYS_ERR(e);
    }
    /* With no buffer the kernel reports the length all records would need. */
    uint32_t got = (uint32_t)hc.ifc_len / sizeof(struct ifreq);
    for (uint32_t i = 0; gbuf && i < got; i++) {
        sys_ifreq_to_guest(out + i * GUEST_IFREQ_SIZE, &hc.ifc_req[i], IFR_SOCKADDR);
    }
    put_guest_u32(g, got * GUEST_IFREQ_SIZE);
    g_free(hc.ifc_req);
    return r;
}

static int64_t sys_ioctl_ifreq(int fd, uint32_t req, uint32_t arg, IfrKind kind, bool set)
{
    uint8_t *g = sys_guest_ptr(arg, GUEST_IFREQ_SIZE, set ? PAGE_READ : PAGE_READ | PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    struct ifreq h;
    sys_ifreq_to_host(&h, g, kind);
    int r = ioctl(fd, req, &h);
    if (r >= 0 && !set) {
        sys_ifreq_to_guest(g, &h, kind);
    }
    return SYS_RET(r);
}

/* ---- table entries with their own argument conversion ---------------------------- */

/* True if the entry is converted here; the result in *ret. */
static bool sys_ioctl_special(int fd, const SysIoctl *io, uint32_t arg, int64_t *ret)
{
    uint8_t *g;
    int r;
    switch (io->host_req) {
    case TIOCSTI: { /* const char * */
        if (!(g = sys_guest_ptr(arg, 1, PAGE_READ))) {
            *ret = SYS_ERR(EFAULT);
            return true;
        }
        char c = (char)g[0];
        *ret = SYS_RET(ioctl(fd, TIOCSTI, &c));
        return true;
    }
    case TIOCGPTPEER: /* open flags by value, result a new fd */
        r = ioctl(fd, TIOCGPTPEER, (int)sys_flags_to_host(sys_abi->open_flags, arg));
        *ret = SYS_RET(r);
        return true;
    case BLKGETSIZE64: { /* u64 * */
        uint64_t v = 0;
        if (!(g = sys_guest_ptr(arg, 8, PAGE_WRITE))) {
            *ret = SYS_ERR(EFAULT);
            return true;
        }
        r = ioctl(fd, BLKGETSIZE64, &v);
        if (r >= 0) {
            put_guest_u64(g, v);
        }
        *ret = SYS_RET(r);
        return true;
    }
    case BLKGETSIZE: { /* unsigned long *: 32 bits in the guest */
        unsigned long v = 0;
        if (!(g = sys_guest_ptr(arg, 4, PAGE_WRITE))) {
            *ret = SYS_ERR(EFAULT);
            return true;
        }
        r = ioctl(fd, BLKGETSIZE, &v);
        if (r >= 0 && v > UINT32_MAX) {
            *ret = SYS_ERR(EFBIG); /* as the kernel's compat path */
            return true;
        }
        if (r >= 0) {
            put_guest_u32(g, (uint32_t)v);
        }
        *ret = SYS_RET(r);
        return true;
    }
    default:
        return false;
    }
}

/* ioctl(fd, request, arg) */
int64_t sys_ioctl(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0];
    uint32_t arg = args[2];
    bool set;
    IfrKind ifr = sys_ifreq_kind(args[1], &set);
    if (args[1] == SIOCGIFCONF) {
        return sys_ioctl_ifconf(fd, arg);
    }
    if (ifr != IFR_NONE) {
        return sys_ioctl_ifreq(fd, args[1], arg, ifr, set);
    }
    const SysIoctl *io = sys_find_ioctl(args[1]);
    int64_t special;
    if (io && sys_ioctl_special(fd, io, arg, &special)) {
        return special;
    }
    if (!io) {
        if (xemu_log_enabled(LOG_UNIMP)) {
            xemu_log("Unsupported ioctl: fd %d cmd 0x%08x\n", fd, args[1]);
        }
        return SYS_ERR(ENOTTY);
    }

    int r, v;
    uint8_t *g;
    SysKTermios t;
    struct winsize ws;
    switch (io->kind) {
    case SYS_IOC_NONE:
        r = ioctl(fd, io->host_req, (unsigned long)arg);
        return SYS_RET(r);
    case SYS_IOC_INT_OUT:
        if (!(g = sys_guest_ptr(arg, 4, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        v = 0;
        r = ioctl(fd, io->host_req, &v);
        if (r >= 0) {
            put_guest_u32(g, (uint32_t)v);
        }
        return SYS_RET(r);
    case SYS_IOC_INT_IN:
        if (!(g = sys_guest_ptr(arg, 4, PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        v = (int)get_guest_u32(g);
        r = ioctl(fd, io->host_req, &v);
        return SYS_RET(r);
    case SYS_IOC_TERMIOS_OUT:
        if (!(g = sys_guest_ptr(arg, sys_abi->termios_size, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        r = ioctl(fd, io->host_req, &t);
        if (r >= 0) {
            sys_abi->put_termios(g, &t);
        }
        return SYS_RET(r);
    case SYS_IOC_TERMIOS_IN:
        if (!(g = sys_guest_ptr(arg, sys_abi->termios_size, PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        sys_abi->get_termios(&t, g);
        r = ioctl(fd, io->host_req, &t);
        return SYS_RET(r);
    case SYS_IOC_WINSIZE_OUT:
        if (!(g = sys_guest_ptr(arg, 8, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        r = ioctl(fd, io->host_req, &ws);
        if (r >= 0) {
            put_guest_u16(g, ws.ws_row);
            put_guest_u16(g + 2, ws.ws_col);
            put_guest_u16(g + 4, ws.ws_xpixel);
            put_guest_u16(g + 6, ws.ws_ypixel);
        }
        return SYS_RET(r);
    case SYS_IOC_WINSIZE_IN:
        if (!(g = sys_guest_ptr(arg, 8, PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        ws.ws_row = get_guest_u16(g);
        ws.ws_col = get_guest_u16(g + 2);
        ws.ws_xpixel = get_guest_u16(g + 4);
        ws.ws_ypixel = get_guest_u16(g + 6);
        r = ioctl(fd, io->host_req, &ws);
        return SYS_RET(r);
    }
    return SYS_ERR(ENOTTY);
}

/* Lock commands that report a conflicting lock back into the struct. */
static bool sys_is_getlk(int host_cmd)
{
    return host_cmd == F_GETLK || host_cmd == F_OFD_GETLK;
}

static int64_t sys_do_fcntl(const uint32_t *args, bool is64)
{
    int fd = (int)args[0];
    uint32_t arg = args[2];
    int hcmd, r;
    SysFcntlKind kind = sys_abi->fcntl_cmd((int)args[1], is64, &hcmd);
    struct flock fl;
    uint8_t *g;

    switch (kind) {
    case SYS_FCNTL_INT:
        r = fcntl(fd, hcmd, (int)arg);
        return SYS_RET(r);
    case SYS_FCNTL_GETFL:
        r = fcntl(fd, F_GETFL);
        if (r < 0) {
            return SYS_ERR(errno);
        }
        return sys_flags_to_guest(sys_abi->open_flags, (uint32_t)r);
    case SYS_FCNTL_SETFL:
        r = fcntl(fd, F_SETFL, (int)sys_flags_to_host(sys_abi->open_flags, arg));
        return SYS_RET(r);
    case SYS_FCNTL_FLOCK:
    case SYS_FCNTL_FLOCK64: {
        bool f64 = kind == SYS_FCNTL_FLOCK64;
        uint32_t size = f64 ? sys_abi->flock64_size : sys_abi->flock_size;
        g = sys_guest_ptr(arg, size, sys_is_getlk(hcmd) ? PAGE_READ | PAGE_WRITE : PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        if (f64) {
            sys_abi->get_flock64(&fl, g);
        } else {
            sys_abi->get_flock(&fl, g);
        }
        r = fcntl(fd, hcmd, &fl);
        if (r < 0) {
            return SYS_ERR(errno);
        }
        if (sys_is_getlk(hcmd)) {
            if (f64) {
                sys_abi->put_flock64(g, &fl);
            } else {
                int e = sys_abi->put_flock(g, &fl);
                if (e) {
                    return e;
                }
            }
        }
        return r;
    }
    case SYS_FCNTL_OWNER_EX: {
        struct f_owner_ex ox;
        bool get = hcmd == F_GETOWN_EX;
        if (!(g = sys_guest_ptr(arg, 8, get ? PAGE_WRITE : PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        if (!get) {
            ox.type = (int)get_guest_u32(g);
            ox.pid = (int)get_guest_u32(g + 4);
        }
        r = fcntl(fd, hcmd, &ox);
        if (r >= 0 && get) {
            put_guest_u32(g, (uint32_t)ox.type);
            put_guest_u32(g + 4, (uint32_t)ox.pid);
        }
        return SYS_RET(r);
    }
    case SYS_FCNTL_UNKNOWN:
        break;
    }
    if (xemu_log_enabled(LOG_UNIMP)) {
        xemu_log("Unsupported fcntl: fd %d cmd %d\n", fd, (int)args[1]);
    }
    return SYS_ERR(EINVAL);
}

int64_t sys_fcntl(CPUState *cpu, const uint32_t *args)
{
    return sys_do_fcntl(args, false);
}

int64_t sys_fcntl64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_fcntl(args, true);
}
