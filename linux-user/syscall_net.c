/*
 * Socket syscalls: socket/socketpair, bind/connect/listen/accept(4), get{sock,peer}name,
 * send/recv and their -to, -from, -msg and -mmsg forms, shutdown, {set,get}sockopt, and the
 * MIPS o32 socketcall multiplexer. Guest structs are converted field by field:
 *  - sockaddr: sa_family is a u16 in guest byte order; AF_NETLINK's nl_pid/nl_groups and
 *    AF_PACKET's ifindex/hatype are host-order integers (swapped for a big-endian guest);
 *    the rest (ports, addresses, AF_UNIX paths) is network order or bytes;
 *  - msghdr (28 bytes), iovec (8), mmsghdr (32), and the 32-bit cmsghdr (u32 len, level,
 *    type, data aligned to 4) with SCM_RIGHTS, SCM_CREDENTIALS and the timestamps;
 *  - socket options whose value is not an int (linger, timevals, ucred).
 * What differs between guest ABIs (SOCK_* types and flags, SOL_SOCKET, SO_* numbers) comes
 * from SysAbi; MSG_* flags and SCM_* types are the same everywhere.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* Host numbers glibc may not name (asm-generic/socket.h, the x86_64 values). */
#define H_SO_RCVTIMEO_OLD 20
#define H_SO_SNDTIMEO_OLD 21
#define H_SO_TIMESTAMP_OLD 29
#define H_SO_TIMESTAMPNS_OLD 35
#define H_SO_TIMESTAMP_NEW 63
#define H_SO_TIMESTAMPNS_NEW 64
#define H_SO_RCVTIMEO_NEW 66
#define H_SO_SNDTIMEO_NEW 67

/* MSG_CMSG_COMPAT is kernel-internal; a guest passing it gets it ignored, as on Linux. */
#define G_MSG_CMSG_COMPAT 0x80000000u

#define G_MSGHDR_SIZE 28
#define G_MMSGHDR_SIZE 32
#define G_CMSGHDR_SIZE 12
#define G_CMSG_ALIGN(n) (((n) + 3u) & ~3u)

static void sys_net_unimp(const char *what, int level, int opt)
{
    if (xemu_log_enabled(LOG_UNIMP)) {
        xemu_log("Unsupported %s: level %d option %d\n", what, level, opt);
    }
}

/* ---- Constants ----------------------------------------------------------------------- */

/* Guest SOCK_NONBLOCK/SOCK_CLOEXEC (and EFD_/TFD_/IN_ bits, the same) to host O_* bits;
 * false if other bits outside `allowed` are set. */
static bool sys_fd_flags_to_host(uint32_t guest, uint32_t allowed, int *host)
{
    const SysAbi *abi = sys_abi;
    int h = 0;
    if (guest & abi->nonblock_flag) {
        h |= O_NONBLOCK;
    }
    if (guest & abi->cloexec_flag) {
        h |= O_CLOEXEC;
    }
    *host = h;
    return !(guest & ~(abi->nonblock_flag | abi->cloexec_flag | allowed));
}

/* Guest socket type argument (type | SOCK_NONBLOCK | SOCK_CLOEXEC) -> host; -1: EINVAL. */
static int sys_sock_type_to_host(uint32_t guest)
{
    uint32_t base = guest & 0xf;
    int flags;
    if (!sys_fd_flags_to_host(guest & ~0xfu, 0, &flags)) {
        return -1;
    }
    if (base == sys_abi->sock_stream) {
        base = SOCK_STREAM;
    } else if (base == sys_abi->sock_dgram) {
        base = SOCK_DGRAM;
    }
    return (int)base | (flags & O_NONBLOCK ? SOCK_NONBLOCK : 0) |
           (flags & O_CLOEXEC ? SOCK_CLOEXEC : 0);
}

static uint32_t sys_sock_type_to_guest(int host)
{
    if (host == SOCK_STREAM) {
        return sys_abi->sock_stream;
    }
    if (host == SOCK_DGRAM) {
        return sys_abi->sock_dgram;
    }
    return (uint32_t)host;
}

/* Guest level -> host level; -1 for a level the host would misread (see below). */
static int sys_sock_level_to_host(int32_t level)
{
    if ((uint32_t)level == sys_abi->sol_socket) {
        return SOL_SOCKET;
    }
    /* On MIPS, 1 is IPPROTO_ICMP, which the host would take for SOL_SOCKET. */
    if (level == SOL_SOCKET) {
        return -1;
    }
    return level;
}

/* Guest SO_* -> host SO_*; -1 if the guest number names nothing on this ABI. */
static int sys_so_to_host(uint32_t guest)
{
    const SysNumPair *t = sys_abi->so_names;
    if (!t) {
        return (int)guest;
    }
    for (const SysNumPair *p = t; p->guest || p->host; p++) {
        if (p->guest == guest) {
            return (int)p->host;
        }
    }
    /* A generic number the ABI renumbered (2 is SO_REUSEADDR on the host only). */
    for (const SysNumPair *p = t; p->guest || p->host; p++) {
        if (p->host == guest) {
            return -1;
        }
    }
    return (int)guest;
}

/* ---- sockaddr ------------------------------------------------------------------------ */

/* Converts the integer fields of a sockaddr between host and guest order (in place). */
static void sys_sockaddr_swap_fields(uint8_t *p, uint32_t len, bool to_guest)
{
    uint16_t family;
    if (len < 2) {
        return;
    }
    family = to_guest ? *(uint16_t *)p : get_guest_u16(p);
    if (to_guest) {
        put_guest_u16(p, family);
    } else {
        memcpy(p, &family, 2);
    }
    if (!sys_guest_big_endian) {
        return;
    }
    /* Host-order integers inside the address: byte swaps both ways. */
    if (family == AF_NETLINK) {
        for (uint32_t off = 4; off + 4 <= len && off <= 8; off += 4) {
            uint32_t v;
            memcpy(&v, p + off, 4);
            v = __builtin_bswap32(v);
            memcpy(p + off, &v, 4);
        }
    } else if (family == AF_PACKET) {
        if (len >= 8) { /* sll_ifindex */
            uint32_t v;
            memcpy(&v, p + 4, 4);
            v = __builtin_bswap32(v);
            memcpy(p + 4, &v, 4);
        }
        if (len >= 10) { /* sll_hatype */
            uint16_t v;
            memcpy(&v, p + 8, 2);
            v = __builtin_bswap16(v);
            memcpy(p + 8, &v, 2);
        }
    }
}

/* Host copy of a guest sockaddr (addr, len); 0 or -errno. */
static int sys_get_sockaddr(uint32_t addr, uint32_t len, struct sockaddr_storage *ss)
{
    if ((int32_t)len < 0 || len > sizeof *ss) {
        return -EINVAL;
    }
    const uint8_t *g = sys_guest_ptr(addr, len, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    memset(ss, 0, sizeof *ss);
    memcpy(ss, g, len);
    sys_sockaddr_swap_fields((uint8_t *)ss, len, false);
    return 0;
}

/*
 * Stores a host sockaddr of hlen bytes at guest addr, whose room is the u32 at lenaddr:
 * min(room, hlen) bytes are written and *lenaddr becomes hlen, as the kernel does.
 */
static int sys_put_sockaddr(uint32_t addr, uint32_t lenaddr, const void *sa, uint32_t hlen)
{
    uint8_t *gl = sys_guest_ptr(lenaddr, 4, PAGE_READ | PAGE_WRITE);
    if (!gl) {
        return -EFAULT;
    }
    int32_t room = (int32_t)get_guest_u32(gl);
    if (room < 0) {
        return -EINVAL;
    }
    uint32_t n = (uint32_t)room < hlen ? (uint32_t)room : hlen;
    if (n) {
        uint8_t tmp[sizeof(struct sockaddr_storage)];
        uint8_t *g = sys_guest_ptr(addr, n, PAGE_WRITE);
        if (!g) {
            return -EFAULT;
        }
        memcpy(tmp, sa, hlen < sizeof tmp ? hlen : sizeof tmp);
        sys_sockaddr_swap_fields(tmp, hlen, true);
        memcpy(g, tmp, n);
    }
    put_guest_u32(gl, hlen);
    return 0;
}

/* ---- socket, bind, connect, accept ---------------------------------------------------- */

/* socket(domain, type, protocol) */
int64_t sys_socket(CPUState *cpu, const uint32_t *args)
{
    int type = sys_sock_type_to_host(args[1]);
    if (type < 0) {
        return SYS_ERR(EINVAL);
    }
    return SYS_RET(socket((int)args[0], type, (int)args[2]));
}

/* socketpair(domain, type, protocol, int sv[2]) */
int64_t sys_socketpair(CPUState *cpu, const uint32_t *args)
{
    int type = sys_sock_type_to_host(args[1]);
    if (type < 0) {
        return SYS_ERR(EINVAL);
    }
    uint8_t *g = sys_guest_ptr(args[3], 8, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    int sv[2];
    if (socketpair((int)args[0], type, (int)args[2], sv) < 0) {
        return SYS_ERR(errno);
    }
    put_guest_u32(g, (uint32_t)sv[0]);
    put_guest_u32(g + 4, (uint32_t)sv[1]);
    return 0;
}

/* bind(fd, addr, len) and connect(fd, addr, len) */
static int64_t sys_do_addr_call(const uint32_t *args, bool is_connect)
{
    struct sockaddr_storage ss;
    int e = sys_get_sockaddr(args[1], args[2], &ss);
    if (e) {
        return e;
    }
    int fd = (int)args[0];
    int r = is_connect ? connect(fd, (struct sockaddr *)&ss, args[2])
                       : bind(fd, (struct sockaddr *)&ss, args[2]);
    return SYS_RET(r);
}

int64_t sys_bind(CPUState *cpu, const uint32_t *args)
{
    return sys_do_addr_call(args, false);
}

int64_t sys_connect(CPUState *cpu, const uint32_t *args)
{
    return sys_do_addr_call(args, true);
}

/* listen(fd, backlog) */
int64_t sys_listen(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(listen((int)args[0], (int)args[1]));
}

/* shutdown(fd, how) */
int64_t sys_shutdown(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(shutdown((int)args[0], (int)args[1]));
}

/* accept4(fd, addr, addrlen *, flags): the address is stored only if addr is non-NULL. */
static int64_t sys_do_accept(const uint32_t *args, uint32_t gflags)
{
    int flags;
    if (!sys_fd_flags_to_host(gflags, 0, &flags)) {
        return SYS_ERR(EINVAL);
    }
    int hflags = (flags & O_NONBLOCK ? SOCK_NONBLOCK : 0) |
                 (flags & O_CLOEXEC ? SOCK_CLOEXEC : 0);
    if (!args[1]) {
        return SYS_RET(accept4((int)args[0], NULL, NULL, hflags));
    }
    /* Check the length word first: the kernel reads it before it waits. */
    const uint8_t *gl = sys_guest_ptr(args[2], 4, PAGE_READ | PAGE_WRITE);
    if (!gl) {
        return SYS_ERR(EFAULT);
    }
    if ((int32_t)get_guest_u32(gl) < 0) {
        return SYS_ERR(EINVAL);
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = accept4((int)args[0], (struct sockaddr *)&ss, &len, hflags);
    if (fd < 0) {
        return SYS_ERR(errno);
    }
    int e = sys_put_sockaddr(args[1], args[2], &ss, len);
    if (e) {
        close(fd);
        return e;
    }
    return fd;
}

int64_t sys_accept(CPUState *cpu, const uint32_t *args)
{
    return sys_do_accept(args, 0);
}

int64_t sys_accept4(CPUState *cpu, const uint32_t *args)
{
    return sys_do_accept(args, args[3]);
}

/* getsockname / getpeername(fd, addr, addrlen *) */
static int64_t sys_do_getname(const uint32_t *args, bool peer)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    const uint8_t *gl = sys_guest_ptr(args[2], 4, PAGE_READ);
    if (!gl) {
        return SYS_ERR(EFAULT);
    }
    if ((int32_t)get_guest_u32(gl) < 0) {
        return SYS_ERR(EINVAL);
    }
    int r = peer ? getpeername((int)args[0], (struct sockaddr *)&ss, &len)
                 : getsockname((int)args[0], (struct sockaddr *)&ss, &len);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    return sys_put_sockaddr(args[1], args[2], &ss, len);
}

int64_t sys_getsockname(CPUState *cpu, const uint32_t *args)
{
    return sys_do_getname(args, false);
}

int64_t sys_getpeername(CPUState *cpu, const uint32_t *args)
{
    return sys_do_getname(args, true);
}

/* ---- send / recv ------------------------------------------------------------------- */

/* sendto(fd, buf, len, flags, addr, addrlen); send is sendto without an address. */
static int64_t sys_do_sendto(uint32_t fd, uint32_t buf, uint32_t len, uint32_t flags,
                             uint32_t addr, uint32_t addrlen)
{
    uint32_t n = sys_guest_span(buf, len, PAGE_READ);
    if (len && !n) {
        return SYS_ERR(EFAULT);
    }
    struct sockaddr_storage ss;
    if (addr) {
        int e = sys_get_sockaddr(addr, addrlen, &ss);
        if (e) {
            return e;
        }
    }
    ssize_t r = sendto((int)fd, g2h(buf), n, (int)(flags & ~G_MSG_CMSG_COMPAT),
                       addr ? (struct sockaddr *)&ss : NULL, addr ? addrlen : 0);
    return SYS_RET(r);
}

int64_t sys_send(CPUState *cpu, const uint32_t *args)
{
    return sys_do_sendto(args[0], args[1], args[2], args[3], 0, 0);
}

int64_t sys_sendto(CPUState *cpu, const uint32_t *args)
{
    return sys_do_sendto(args[0], args[1], args[2], args[3], args[4], args[5]);
}

/* recvfrom(fd, buf, len, flags, addr, addrlen *); recv has no address. */
static int64_t sys_do_recvfrom(uint32_t fd, uint32_t buf, uint32_t len, uint32_t flags,
                               uint32_t addr, uint32_t addrlen)
{
    uint32_t n = sys_guest_span(buf, len, PAGE_WRITE);
    if (len && !n) {
        return SYS_ERR(EFAULT);
    }
    struct sockaddr_storage ss;
    socklen_t slen = sizeof ss;
    if (addr && !sys_guest_ptr(addrlen, 4, PAGE_READ | PAGE_WRITE)) {
        return SYS_ERR(EFAULT);
    }
    ssize_t r = recvfrom((int)fd, g2h(buf), n, (int)(flags & ~G_MSG_CMSG_COMPAT),
                         addr ? (struct sockaddr *)&ss : NULL, addr ? &slen : NULL);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    if (addr) {
        /* Connected stream sockets report no address (length 0), as the kernel. */
        int e = sys_put_sockaddr(addr, addrlen, &ss, slen);
        if (e) {
            return e;
        }
    }
    return r;
}

int64_t sys_recv(CPUState *cpu, const uint32_t *args)
{
    return sys_do_recvfrom(args[0], args[1], args[2], args[3], 0, 0);
}

int64_t sys_recvfrom(CPUState *cpu, const uint32_t *args)
{
    return sys_do_recvfrom(args[0], args[1], args[2], args[3], args[4], args[5]);
}

/* ---- msghdr -------------------------------------------------------------------------- */

/* A guest msghdr made host: iovecs, name and control buffers (freed by sys_msg_free). */
typedef struct SysMsg {
    struct msghdr m;
    struct sockaddr_storage name;
    uint32_t g_name, g_namelen, g_control, g_controllen;
} SysMsg;

static void sys_msg_free(SysMsg *sm)
{
    g_free(sm->m.msg_iov);
    g_free(sm->m.msg_control);
    sm->m.msg_iov = NULL;
    sm->m.msg_control = NULL;
}

/* Host iovecs for a guest array; a buffer is cut at its first inaccessible byte. */
static int sys_msg_get_iov(SysMsg *sm, uint32_t addr, uint32_t cnt, bool to_guest)
{
    if (cnt > 1024) {
        return -EMSGSIZE;
    }
    if (!cnt) {
        return 0;
    }
    const uint8_t *g = sys_guest_ptr(addr, cnt * 8, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    struct iovec *iov = g_new0(struct iovec, cnt);
    uint32_t n;
    for (n = 0; n < cnt; n++) {
        uint32_t base = get_guest_u32(g + n * 8), len = get_guest_u32(g + n * 8 + 4);
        if ((int32_t)len < 0) {
            g_free(iov);
            return -EINVAL;
        }
        uint32_t ok = sys_guest_span(base, len, to_guest ? PAGE_WRITE : PAGE_READ);
        iov[n].iov_base = g2h(base);
        iov[n].iov_len = ok;
        if (ok < len) {
            if (n == 0 && ok == 0) {
                g_free(iov);
                return -EFAULT;
            }
            n += ok > 0;
            break;
        }
    }
    sm->m.msg_iov = iov;
    sm->m.msg_iovlen = n;
    return 0;
}

/* Host size of the data of a guest control message of SOL_SOCKET type `type`. */
static uint32_t sys_cmsg_host_len(int level, int type, uint32_t glen)
{
    if (level == SOL_SOCKET && (type == H_SO_TIMESTAMP_OLD || type == H_SO_TIMESTAMPNS_OLD)) {
        return glen * 2; /* two longs */
    }
    return glen;
}

/* Converts the data of one control message; to_guest: host -> guest, else guest -> host. */
static void sys_cmsg_convert(int level, int type, const uint8_t *src, uint32_t srclen,
                             uint8_t *dst, uint32_t dstlen, bool to_guest)
{
    if (level == SOL_SOCKET && (type == H_SO_TIMESTAMP_OLD || type == H_SO_TIMESTAMPNS_OLD)) {
        /* struct timeval / timespec: two longs (8 bytes on the guest, 16 on the host). */
        for (uint32_t i = 0; i < 2; i++) {
            if (to_guest && srclen >= (i + 1) * 8 && dstlen >= (i + 1) * 4) {
                int64_t v;
                memcpy(&v, src + i * 8, 8);
                put_guest_u32(dst + i * 4, (uint32_t)v);
            } else if (!to_guest && srclen >= (i + 1) * 4 && dstlen >= (i + 1) * 8) {
                int64_t v = (int32_t)get_guest_u32(src + i * 4);
                memcpy(dst + i * 8, &v, 8);
            }
        }
        return;
    }
    uint32_t n = srclen < dstlen ? srclen : dstlen;
    memcpy(dst, src, n);
    if (!sys_guest_big_endian) {
        return;
    }
    if (level == SOL_SOCKET &&
        (type == H_SO_TIMESTAMP_NEW || type == H_SO_TIMESTAMPNS_NEW)) {
        for (uint32_t off = 0; off + 8 <= n; off += 8) {
            uint64_t v;
            memcpy(&v, dst + off, 8);
            v = __builtin_bswap64(v);
            memcpy(dst + off, &v, 8);
        }
    } else if (level == SOL_SOCKET || (level == IPPROTO_IP && type == IP_PKTINFO) ||
               (level == IPPROTO_IPV6 && type == IPV6_PKTINFO)) {
        /* SCM_RIGHTS (ints), SCM_CREDENTIALS (pid, uid, gid), ...: 32-bit words. For
         * in(6)_pktinfo only the ifindex int is host order: fixed up below. */
        if (level == SOL_SOCKET) {
            for (uint32_t off = 0; off + 4 <= n; off += 4) {
                uint32_t v;
                memcpy(&v, dst + off, 4);
                v = __builtin_bswap32(v);
                memcpy(dst + off, &v, 4);
            }
        } else {
            uint32_t off = level == IPPROTO_IP ? 0 : 16; /* ipi_ifindex / ipi6_ifindex */
            if (off + 4 <= n) {
                uint32_t v;
                memcpy(&v, dst + off, 4);
                v = __builtin_bswap32(v);
                memcpy(dst + off, &v, 4);
            }
        }
    }
}

/* Guest control buffer -> host one (sendmsg). */
static int sys_msg_get_control(SysMsg *sm)
{
    uint32_t glen = sm->g_controllen;
    if (!glen) {
        return 0;
    }
    if (glen > 65536) {
        return -ENOBUFS;
    }
    const uint8_t *g = sys_guest_ptr(sm->g_control, glen, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    size_t hcap = glen * 2 + 64, hlen = 0;
    uint8_t *h = g_malloc0(hcap);
    for (uint32_t off = 0; off + G_CMSGHDR_SIZE <= glen;) {
        uint32_t clen = get_guest_u32(g + off);
        if (clen < G_CMSGHDR_SIZE || clen > glen - off) {
            g_free(h);
            return -EINVAL;
        }
        int glevel = (int32_t)get_guest_u32(g + off + 4);
        int type = (int32_t)get_guest_u32(g + off + 8);
        int level = sys_sock_level_to_host(glevel);
        if (level < 0) {
            g_free(h);
            return -EINVAL;
        }
        uint32_t dlen = clen - G_CMSGHDR_SIZE;
        uint32_t hdlen = sys_cmsg_host_len(level, type, dlen);
        struct cmsghdr *c = (struct cmsghdr *)(h + hlen);
        if (hlen + CMSG_SPACE(hdlen) > hcap) {
            g_free(h);
            return -ENOBUFS;
        }
        c->cmsg_len = CMSG_LEN(hdlen);
        c->cmsg_level = level;
        c->cmsg_type = type;
        sys_cmsg_convert(level, type, g + off + G_CMSGHDR_SIZE, dlen, CMSG_DATA(c), hdlen,
                         false);
        hlen += CMSG_SPACE(hdlen);
        off += G_CMSG_ALIGN(clen);
    }
    sm->m.msg_control = h;
    sm->m.msg_controllen = hlen;
    return 0;
}

/* Closes the fds of an SCM_RIGHTS message from index `from` (they did not fit). */
static void sys_close_fds(const uint8_t *data, uint32_t len, uint32_t from)
{
    for (uint32_t i = from; (i + 1) * 4 <= len; i++) {
        int fd;
        memcpy(&fd, data + i * 4, 4);
        close(fd);
    }
}

/*
 * Host control messages (recvmsg) -> the guest buffer, as the kernel's compat path does:
 * a message that does not fit is cut (MSG_CTRUNC); SCM_RIGHTS keeps the fds that fit and
 * closes the others. Returns the guest bytes used; *flags gets MSG_CTRUNC.
 */
static uint32_t sys_msg_put_control(SysMsg *sm, int *flags)
{
    uint32_t room = sm->g_controllen, used = 0;
    uint8_t *g = room ? g2h(sm->g_control) : NULL;
    struct cmsghdr *c;
    for (c = CMSG_FIRSTHDR(&sm->m); c; c = CMSG_NXTHDR(&sm->m, c)) {
        uint32_t hdlen = c->cmsg_len - CMSG_LEN(0);
        bool rights = c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS;
        uint32_t gdlen = hdlen;
        if (c->cmsg_level == SOL_SOCKET &&
            (c->cmsg_type == H_SO_TIMESTAMP_OLD || c->cmsg_type == H_SO_TIMESTAMPNS_OLD)) {
            gdlen = hdlen / 2;
        }
        uint32_t left = room - used;
        if (left < G_CMSGHDR_SIZE) {
            *flags |= MSG_CTRUNC;
            if (rights) {
                sys_close_fds(CMSG_DATA(c), hdlen, 0);
            }
            continue;
        }
        uint32_t cmlen = G_CMSGHDR_SIZE + gdlen;
        if (rights && cmlen > left) {
            uint32_t nfit = (left - G_CMSGHDR_SIZE) / 4;
            sys_close_fds(CMSG_DATA(c), hdlen, nfit);
            *flags |= MSG_CTRUNC;
            if (!nfit) {
                continue;
            }
            gdlen = nfit * 4;
            cmlen = G_CMSGHDR_SIZE + gdlen;
        } else if (cmlen > left) {
            *flags |= MSG_CTRUNC;
            cmlen = left;
        }
        uint8_t *p = g + used;
        put_guest_u32(p, cmlen);
        put_guest_u32(p + 4, c->cmsg_level == SOL_SOCKET ? sys_abi->sol_socket
                                                          : (uint32_t)c->cmsg_level);
        put_guest_u32(p + 8, (uint32_t)c->cmsg_type); /* SCM_* are the same everywhere */
        sys_cmsg_convert(c->cmsg_level, c->cmsg_type, CMSG_DATA(c), hdlen,
                         p + G_CMSGHDR_SIZE, cmlen - G_CMSGHDR_SIZE, true);
        uint32_t space = G_CMSG_ALIGN(cmlen);
        used += space < left ? space : left;
    }
    return used;
}

/* Reads the guest msghdr at addr into sm (host iovecs, name, control for sending). */
static int sys_msg_get(SysMsg *sm, uint32_t addr, bool recv)
{
    memset(sm, 0, sizeof *sm);
    const uint8_t *g = sys_guest_ptr(addr, G_MSGHDR_SIZE, recv ? PAGE_READ | PAGE_WRITE
                                                               : PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    sm->g_name = get_guest_u32(g);
    sm->g_namelen = get_guest_u32(g + 4);
    sm->g_control = get_guest_u32(g + 16);
    sm->g_controllen = get_guest_u32(g + 20);
    int e;
    if (sm->g_name) {
        if (recv) {
            if ((int32_t)sm->g_namelen < 0) {
                return -EINVAL;
            }
            sm->m.msg_namelen = sizeof sm->name;
        } else {
            if ((e = sys_get_sockaddr(sm->g_name, sm->g_namelen, &sm->name))) {
                return e;
            }
            sm->m.msg_namelen = sm->g_namelen;
        }
        sm->m.msg_name = &sm->name;
    }
    if ((e = sys_msg_get_iov(sm, get_guest_u32(g + 8), get_guest_u32(g + 12), recv))) {
        return e;
    }
    if (recv) {
        uint32_t glen = sm->g_controllen > 65536 ? 65536 : sm->g_controllen;
        if (glen && !sys_guest_ptr(sm->g_control, glen, PAGE_WRITE)) {
            sys_msg_free(sm);
            return -EFAULT;
        }
        sm->g_controllen = glen;
        if (glen) {
            /* Host messages are larger (8-byte header fields and alignment, 64-bit
             * timevals): room for twice as much, cut to the guest's size afterwards. */
            sm->m.msg_controllen = glen * 2 + 64;
            sm->m.msg_control = g_malloc0(sm->m.msg_controllen);
        }
    } else if ((e = sys_msg_get_control(sm))) {
        sys_msg_free(sm);
        return e;
    }
    return 0;
}

/* After a host recvmsg: name, control and flags back into the guest msghdr at addr. */
static int sys_msg_put(SysMsg *sm, uint32_t addr)
{
    uint8_t *g = g2h(addr);
    int flags = sm->m.msg_flags;
    uint32_t clen = 0;
    if (sm->g_name) {
        uint32_t n = sm->m.msg_namelen;
        uint32_t w = n < sm->g_namelen ? n : sm->g_namelen;
        uint8_t *gn = w ? sys_guest_ptr(sm->g_name, w, PAGE_WRITE) : NULL;
        if (w && !gn) {
            return -EFAULT;
        }
        if (w) {
            sys_sockaddr_swap_fields((uint8_t *)&sm->name, n, true);
            memcpy(gn, &sm->name, w);
        }
        put_guest_u32(g + 4, n);
    }
    if (sm->m.msg_control) {
        clen = sys_msg_put_control(sm, &flags);
    }
    put_guest_u32(g + 20, clen);
    put_guest_u32(g + 24, (uint32_t)flags);
    return 0;
}

static int64_t sys_do_sendmsg(int fd, uint32_t addr, uint32_t flags)
{
    SysMsg sm;
    int e = sys_msg_get(&sm, addr, false);
    if (e) {
        return e;
    }
    ssize_t r = sendmsg(fd, &sm.m, (int)(flags & ~G_MSG_CMSG_COMPAT));
    int64_t ret = SYS_RET(r);
    sys_msg_free(&sm);
    return ret;
}

static int64_t sys_do_recvmsg(int fd, uint32_t addr, uint32_t flags)
{
    SysMsg sm;
    int e = sys_msg_get(&sm, addr, true);
    if (e) {
        return e;
    }
    ssize_t r = recvmsg(fd, &sm.m, (int)(flags & ~G_MSG_CMSG_COMPAT));
    int64_t ret = SYS_RET(r);
    if (r >= 0 && (e = sys_msg_put(&sm, addr))) {
        ret = e;
    }
    sys_msg_free(&sm);
    return ret;
}

/* sendmsg(fd, msghdr *, flags) */
int64_t sys_sendmsg(CPUState *cpu, const uint32_t *args)
{
    return sys_do_sendmsg((int)args[0], args[1], args[2]);
}

/* recvmsg(fd, msghdr *, flags) */
int64_t sys_recvmsg(CPUState *cpu, const uint32_t *args)
{
    return sys_do_recvmsg((int)args[0], args[1], args[2]);
}

/* sendmmsg(fd, mmsghdr *, vlen, flags): one message at a time; msg_len is stored. */
int64_t sys_sendmmsg(CPUState *cpu, const uint32_t *args)
{
    uint32_t vlen = args[2] > 1024 ? 1024 : args[2]; /* UIO_MAXIOV, as the kernel */
    uint32_t done;
    int64_t r = 0;
    for (done = 0; done < vlen; done++) {
        uint32_t a = args[1] + done * G_MMSGHDR_SIZE;
        uint8_t *g = sys_guest_ptr(a, G_MMSGHDR_SIZE, PAGE_READ | PAGE_WRITE);
        if (!g) {
            r = SYS_ERR(EFAULT);
            break;
        }
        r = sys_do_sendmsg((int)args[0], a, args[3]);
        if (r < 0) {
            break;
        }
        put_guest_u32(g + 28, (uint32_t)r);
    }
    return done ? done : r;
}

/*
 * recvmmsg(fd, mmsghdr *, vlen, flags, timeout *): one recvmsg per message. As in the
 * kernel, MSG_WAITFORONE makes the calls after the first non-blocking, and the timeout
 * is checked only between messages.
 */
static int64_t sys_do_recvmmsg(const uint32_t *args, bool time64)
{
    struct timespec tmo, end = { 0, 0 }, now;
    uint32_t flags = args[3], vlen = args[2] > 1024 ? 1024 : args[2];
    if (args[4]) {
        int e = sys_get_timespec(&tmo, args[4], time64);
        if (e) {
            return e;
        }
        if (tmo.tv_sec < 0 || tmo.tv_nsec < 0 || tmo.tv_nsec >= 1000000000L) {
            return SYS_ERR(EINVAL);
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        end.tv_sec = now.tv_sec + tmo.tv_sec;
        end.tv_nsec = now.tv_nsec + tmo.tv_nsec;
        if (end.tv_nsec >= 1000000000L) {
            end.tv_sec++;
            end.tv_nsec -= 1000000000L;
        }
    }
    uint32_t done;
    int64_t r = 0;
    for (done = 0; done < vlen; done++) {
        uint32_t a = args[1] + done * G_MMSGHDR_SIZE;
        uint8_t *g = sys_guest_ptr(a, G_MMSGHDR_SIZE, PAGE_READ | PAGE_WRITE);
        if (!g) {
            r = SYS_ERR(EFAULT);
            break;
        }
        uint32_t f = flags & ~(uint32_t)MSG_WAITFORONE;
        if (done && (flags & MSG_WAITFORONE)) {
            f |= MSG_DONTWAIT;
        }
        r = sys_do_recvmsg((int)args[0], a, f);
        if (r < 0) {
            break;
        }
        put_guest_u32(g + 28, (uint32_t)r);
        if (args[4]) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec > end.tv_sec ||
                (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)) {
                done++;
                break;
            }
        }
    }
    if (args[4] && done) {
        /* The time left, as the kernel writes back. */
        struct timespec left = { 0, 0 };
        clock_gettime(CLOCK_MONOTONIC, &now);
        int64_t ns = (end.tv_sec - now.tv_sec) * 1000000000LL + (end.tv_nsec - now.tv_nsec);
        if (ns > 0) {
            left.tv_sec = ns / 1000000000LL;
            left.tv_nsec = ns % 1000000000LL;
        }
        sys_put_timespec(args[4], &left, time64);
    }
    return done ? done : r;
}

int64_t sys_recvmmsg(CPUState *cpu, const uint32_t *args)
{
    return sys_do_recvmmsg(args, false);
}

int64_t sys_recvmmsg_time64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_recvmmsg(args, true);
}

/* ---- socket options ------------------------------------------------------------------ */

/* How a SOL_SOCKET option's value is laid out (by host option name). */
typedef enum SysSoKind {
    SO_KIND_INT,
    SO_KIND_LINGER,    /* two ints */
    SO_KIND_TIMEVAL32, /* guest: two s32; host: struct timeval */
    SO_KIND_TIMEVAL64, /* two s64 on both */
    SO_KIND_UCRED,     /* three u32 */
    SO_KIND_BYTES,     /* a string or opaque bytes */
    SO_KIND_UNSUPPORTED,
} SysSoKind;

static SysSoKind sys_so_kind(int opt)
{
    switch (opt) {
    case SO_LINGER:
        return SO_KIND_LINGER;
    case H_SO_RCVTIMEO_OLD:
    case H_SO_SNDTIMEO_OLD:
        return SO_KIND_TIMEVAL32;
    case H_SO_RCVTIMEO_NEW:
    case H_SO_SNDTIMEO_NEW:
        return SO_KIND_TIMEVAL64;
    case SO_PEERCRED:
        return SO_KIND_UCRED;
    case SO_BINDTODEVICE:
    case SO_PEERSEC:
    case SO_PEERNAME:
        return SO_KIND_BYTES;
    case SO_ATTACH_FILTER:
    case SO_ATTACH_REUSEPORT_CBPF:
    case SO_PEERGROUPS:
    case SO_MEMINFO:
    case SO_TIMESTAMPING:
    case SO_TXTIME:
        return SO_KIND_UNSUPPORTED;
    default:
        return SO_KIND_INT;
    }
}

/* Swaps the 32-bit words of buf[0, n) (guest <-> host order of int arrays). */
static void sys_swap_words(uint8_t *buf, uint32_t n)
{
    if (!sys_guest_big_endian) {
        return;
    }
    for (uint32_t off = 0; off + 4 <= n; off += 4) {
        uint32_t v;
        memcpy(&v, buf + off, 4);
        v = __builtin_bswap32(v);
        memcpy(buf + off, &v, 4);
    }
}

/* setsockopt(fd, level, optname, optval, optlen) */
int64_t sys_setsockopt(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0], glevel = (int32_t)args[1];
    uint32_t len = args[4];
    int level = sys_sock_level_to_host(glevel);
    if (level < 0) {
        return SYS_ERR(ENOPROTOOPT);
    }
    if ((int32_t)len < 0) {
        return SYS_ERR(EINVAL);
    }
    if (len > 65536) {
        return SYS_ERR(ENOMEM);
    }
    const uint8_t *g = sys_guest_ptr(args[3], len, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    int opt = (int)args[2];
    uint8_t *buf = g_malloc0(len + 16);
    memcpy(buf, g, len);
    uint32_t hlen = len;
    int64_t ret;
    if (level == SOL_SOCKET) {
        opt = sys_so_to_host(args[2]);
        switch (opt < 0 ? SO_KIND_UNSUPPORTED : sys_so_kind(opt)) {
        case SO_KIND_INT:
        case SO_KIND_LINGER:
        case SO_KIND_UCRED:
            sys_swap_words(buf, len);
            break;
        case SO_KIND_TIMEVAL32: {
            struct timeval tv;
            if (len < 8) {
                g_free(buf);
                return SYS_ERR(EINVAL);
            }
            tv.tv_sec = (int32_t)get_guest_u32(g);
            tv.tv_usec = (int32_t)get_guest_u32(g + 4);
            memcpy(buf, &tv, sizeof tv);
            hlen = sizeof tv;
            break;
        }
        case SO_KIND_TIMEVAL64:
            for (uint32_t off = 0; off + 8 <= len; off += 8) {
                uint64_t v = get_guest_u64(g + off);
                memcpy(buf + off, &v, 8);
            }
            break;
        case SO_KIND_BYTES:
            break;
        case SO_KIND_UNSUPPORTED:
            sys_net_unimp("setsockopt", glevel, (int)args[2]);
            g_free(buf);
            return SYS_ERR(ENOPROTOOPT);
        }
    } else if (len == 4) {
        sys_swap_words(buf, 4); /* IP_TTL, TCP_NODELAY, IPV6_V6ONLY...: an int */
    } else if (sys_guest_big_endian && ((level == IPPROTO_IP && len == 12) ||
                                        (level == IPPROTO_IPV6 && len == 20))) {
        /* ip_mreqn / ipv6_mreq: network-order addresses, then a host-order ifindex. */
        sys_swap_words(buf + len - 4, 4);
    }
    ret = SYS_RET(setsockopt(fd, level, opt, buf, hlen));
    g_free(buf);
    return ret;
}

/* getsockopt(fd, level, optname, optval, optlen *) */
int64_t sys_getsockopt(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0], glevel = (int32_t)args[1];
    int level = sys_sock_level_to_host(glevel);
    if (level < 0) {
        return SYS_ERR(ENOPROTOOPT);
    }
    uint8_t *gl = sys_guest_ptr(args[4], 4, PAGE_READ | PAGE_WRITE);
    if (!gl) {
        return SYS_ERR(EFAULT);
    }
    int32_t glen = (int32_t)get_guest_u32(gl);
    if (glen < 0) {
        return SYS_ERR(EINVAL);
    }
    uint32_t len = glen > 65536 ? 65536 : (uint32_t)glen;
    int opt = (int)args[2];
    SysSoKind kind = SO_KIND_BYTES;
    if (level == SOL_SOCKET) {
        opt = sys_so_to_host(args[2]);
        kind = opt < 0 ? SO_KIND_UNSUPPORTED : sys_so_kind(opt);
        if (kind == SO_KIND_UNSUPPORTED) {
            sys_net_unimp("getsockopt", glevel, (int)args[2]);
            return SYS_ERR(ENOPROTOOPT);
        }
    }
    /* Room for the host's larger form (struct timeval). */
    uint32_t hcap = len + 16;
    uint8_t *buf = g_malloc0(hcap);
    socklen_t hlen = kind == SO_KIND_TIMEVAL32 ? sizeof(struct timeval) : len;
    if (getsockopt(fd, level, opt, buf, &hlen) < 0) {
        int e = errno;
        g_free(buf);
        return SYS_ERR(e);
    }
    uint8_t out[16];
    const uint8_t *src = buf;
    uint32_t olen = hlen;
    switch (kind) {
    case SO_KIND_INT:
    case SO_KIND_LINGER:
    case SO_KIND_UCRED:
        if (kind == SO_KIND_INT && hlen >= 4) {
            int v;
            memcpy(&v, buf, 4);
            if (opt == SO_TYPE) {
                v = (int)sys_sock_type_to_guest(v);
            } else if (opt == SO_ERROR && v > 0) {
                v = sys_host_to_guest_errno(v);
            }
            memcpy(buf, &v, 4);
        }
        sys_swap_words(buf, hlen);
        break;
    case SO_KIND_TIMEVAL32: {
        struct timeval tv;
        memcpy(&tv, buf, sizeof tv);
        put_guest_u32(out, (uint32_t)tv.tv_sec);
        put_guest_u32(out + 4, (uint32_t)tv.tv_usec);
        src = out;
        olen = 8 < len ? 8 : len;
        break;
    }
    case SO_KIND_TIMEVAL64:
        for (uint32_t off = 0; off + 8 <= hlen; off += 8) {
            uint64_t v;
            memcpy(&v, buf + off, 8);
            put_guest_u64(buf + off, v);
        }
        break;
    case SO_KIND_BYTES:
        if (level != SOL_SOCKET && hlen == 4) {
            sys_swap_words(buf, 4); /* an int option at an IP/TCP level */
        }
        break;
    case SO_KIND_UNSUPPORTED:
        break;
    }
    uint8_t *g = olen ? sys_guest_ptr(args[3], olen, PAGE_WRITE) : NULL;
    if (olen && !g) {
        g_free(buf);
        return SYS_ERR(EFAULT);
    }
    if (olen) {
        memcpy(g, src, olen);
    }
    put_guest_u32(gl, olen);
    g_free(buf);
    return 0;
}

/* ---- socketcall (MIPS o32) ----------------------------------------------------------- */

/* Argument counts of socketcall's calls 1..20 (SYS_SOCKET...SYS_SENDMMSG, linux/net.h). */
static const uint8_t sys_socketcall_nargs[21] = {
    0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4,
};

static const SysHandler sys_socketcall_handlers[21] = {
    NULL, sys_socket, sys_bind, sys_connect, sys_listen, sys_accept, sys_getsockname,
    sys_getpeername, sys_socketpair, sys_send, sys_recv, sys_sendto, sys_recvfrom,
    sys_shutdown, sys_setsockopt, sys_getsockopt, sys_sendmsg, sys_recvmsg, sys_accept4,
    sys_recvmmsg, sys_sendmmsg,
};

/* socketcall(call, unsigned long *args): the same handlers, arguments from guest memory. */
int64_t sys_socketcall(CPUState *cpu, const uint32_t *args)
{
    uint32_t call = args[0];
    if (call < 1 || call > 20) {
        return SYS_ERR(EINVAL);
    }
    uint32_t n = sys_socketcall_nargs[call];
    const uint8_t *g = sys_guest_ptr(args[1], n * 4, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    uint32_t a[8] = { 0 };
    for (uint32_t i = 0; i < n; i++) {
        a[i] = get_guest_u32(g + i * 4);
    }
    return sys_socketcall_handlers[call](cpu, a);
}
