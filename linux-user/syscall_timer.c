/*
 * Interval timers and POSIX timers: setitimer/getitimer (struct itimerval of 32-bit
 * timevals) and timer_create/settime/gettime/getoverrun/delete, with the 32-bit and the
 * time64 itimerspec. Timers are the host's: their signals reach the guest through the
 * signal layer (guest sigevent numbers and values are converted; the host timer id is the
 * guest's timer_t).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* ---- setitimer / getitimer ---------------------------------------------------------- */

static void sys_get_itimerval(struct itimerval *h, const uint8_t *g)
{
    h->it_interval.tv_sec = (int32_t)get_guest_u32(g);
    h->it_interval.tv_usec = (int32_t)get_guest_u32(g + 4);
    h->it_value.tv_sec = (int32_t)get_guest_u32(g + 8);
    h->it_value.tv_usec = (int32_t)get_guest_u32(g + 12);
}

static void sys_put_itimerval(uint8_t *g, const struct itimerval *h)
{
    put_guest_u32(g, (uint32_t)h->it_interval.tv_sec);
    put_guest_u32(g + 4, (uint32_t)h->it_interval.tv_usec);
    put_guest_u32(g + 8, (uint32_t)h->it_value.tv_sec);
    put_guest_u32(g + 12, (uint32_t)h->it_value.tv_usec);
}

/* setitimer(which, const itimerval *new, itimerval *old) */
int64_t sys_setitimer(CPUState *cpu, const uint32_t *args)
{
    const uint8_t *gn = NULL;
    uint8_t *go = NULL;
    if (args[1] && !(gn = sys_guest_ptr(args[1], 16, PAGE_READ))) {
        return SYS_ERR(EFAULT);
    }
    if (args[2] && !(go = sys_guest_ptr(args[2], 16, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    struct itimerval n, o;
    memset(&n, 0, sizeof n);
    if (gn) {
        sys_get_itimerval(&n, gn);
    }
    long r = syscall(SYS_setitimer, (int)args[0], &n, go ? &o : NULL);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    if (go) {
        sys_put_itimerval(go, &o);
    }
    return 0;
}

int64_t sys_getitimer(CPUState *cpu, const uint32_t *args)
{
    uint8_t *g = sys_guest_ptr(args[1], 16, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    struct itimerval v;
    if (syscall(SYS_getitimer, (int)args[0], &v) < 0) {
        return SYS_ERR(errno);
    }
    sys_put_itimerval(g, &v);
    return 0;
}

/* ---- POSIX timers ------------------------------------------------------------------- */

/* The kernel's struct sigevent (what glibc passes): value, signo, notify, tid. */
#define SYS_SIGEV_SIGNAL 0
#define SYS_SIGEV_NONE 1
#define SYS_SIGEV_THREAD 2
#define SYS_SIGEV_THREAD_ID 4

typedef struct SysKSigevent {
    union sigval value;
    int signo;
    int notify;
    int tid;
    int pad[11];
} SysKSigevent;

/* timer_create(clockid, struct sigevent *, timer_t *id) */
int64_t sys_timer_create(CPUState *cpu, const uint32_t *args)
{
    uint8_t *gid = sys_guest_ptr(args[2], 4, PAGE_WRITE);
    if (!gid) {
        return SYS_ERR(EFAULT);
    }
    SysKSigevent ev;
    SysKSigevent *evp = NULL;
    if (args[1]) {
        const uint8_t *g = sys_guest_ptr(args[1], 16, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        memset(&ev, 0, sizeof ev);
        ev.value.sival_ptr = (void *)(uintptr_t)get_guest_u32(g);
        int gsig = (int)get_guest_u32(g + 4);
        ev.notify = (int)get_guest_u32(g + 8);
        ev.tid = (int)get_guest_u32(g + 12);
        if (ev.notify != SYS_SIGEV_NONE) {
            ev.signo = sys_guest_to_host_signal(gsig);
            if (ev.signo <= 0) {
                return SYS_ERR(EINVAL);
            }
        }
        evp = &ev;
    }
    int id;
    long r = syscall(SYS_timer_create, (clockid_t)(int32_t)args[0], evp, &id);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    put_guest_u32(gid, (uint32_t)id);
    return 0;
}

/* timer_settime(id, flags, const itimerspec *new, itimerspec *old) */
static int64_t sys_do_timer_settime(const uint32_t *args, bool time64)
{
    struct itimerspec n, o;
    int e = sys_get_itimerspec(&n, args[2], time64);
    if (e) {
        return e;
    }
    if (args[3] && !sys_guest_ptr(args[3], time64 ? 32 : 16, PAGE_WRITE)) {
        return SYS_ERR(EFAULT);
    }
    long r = syscall(SYS_timer_settime, (int)args[0], (int)args[1], &n, args[3] ? &o : NULL);
    if (r < 0) {
        return SYS_ERR(errno);
    }
    return args[3] ? sys_put_itimerspec(args[3], &o, time64) : 0;
}

int64_t sys_timer_settime(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timer_settime(args, false);
}

int64_t sys_timer_settime64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timer_settime(args, true);
}

static int64_t sys_do_timer_gettime(const uint32_t *args, bool time64)
{
    struct itimerspec v;
    if (syscall(SYS_timer_gettime, (int)args[0], &v) < 0) {
        return SYS_ERR(errno);
    }
    return sys_put_itimerspec(args[1], &v, time64);
}

int64_t sys_timer_gettime(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timer_gettime(args, false);
}

int64_t sys_timer_gettime64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_timer_gettime(args, true);
}

int64_t sys_timer_getoverrun(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_timer_getoverrun, (int)args[0]));
}

int64_t sys_timer_delete(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(syscall(SYS_timer_delete, (int)args[0]));
}
