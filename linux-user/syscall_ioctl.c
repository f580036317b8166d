/*
 * ioctl and fcntl. Both take a command number that the guest ABI defines and an argument
 * whose meaning depends on it: the ABI's tables (SysAbi.ioctls, SysAbi.fcntl_cmd) give
 * the host command and how to convert the argument (terminal structs, lock structs, open
 * flags). Unknown ioctls return -ENOTTY and are logged under -d unimp.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

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

/* ioctl(fd, request, arg) */
int64_t sys_ioctl(CPUState *cpu, const uint32_t *args)
{
    int fd = (int)args[0];
    uint32_t arg = args[2];
    const SysIoctl *io = sys_find_ioctl(args[1]);
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
