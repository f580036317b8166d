/*
 * System V IPC (shared memory, semaphores, message queues), MIPS o32's ipc() multiplexer
 * and POSIX message queues.
 *
 * The *ctl structs are the kernel's 64-bit-id forms (ipc64_perm, shmid64_ds, semid64_ds,
 * msqid64_ds), selected by IPC_64 (0x100) in the command as glibc always passes it; ARM
 * and MIPS lay them out differently (asm/ipcbuf.h, shmbuf.h, sembuf.h, msgbuf.h; offsets
 * checked with a program built against each cross toolchain's kernel headers):
 *  - ipc64_perm (36 bytes): mode is a u16 at 20 on ARM, a u32 at 20 on MIPS;
 *  - shmid64_ds: ARM 84 bytes with each time as (low, high) words, MIPS 72 bytes with the
 *    high halves as u16 at the end;
 *  - semid64_ds: ARM 64 bytes, times as (low, high); MIPS 56 bytes, highs at the end;
 *  - msqid64_ds: 88 bytes on both, each time a 64-bit value in guest byte order (MIPS big
 *    endian puts the high word first).
 * Commands without IPC_64 ask for the old 16-bit-id structs, which no current C library
 * uses: their STAT/SET forms are refused (EINVAL, logged under -d unimp).
 *
 * shmat maps the segment inside the guest space: a shared range is claimed through the
 * mmu layer (so it shows in /proc/self/maps and guest mmap avoids it), then the host
 * shmat(SHM_REMAP) replaces it. shmdt gives the range back to the mmu, which unmaps it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

#define IPC_64_FLAG 0x100
#define IPC_MAX_SEMS 32000 /* SEMMSL */

static bool ipc_is_mips(void)
{
    return sys_abi_is_o32();
}

/* ---- ipc64_perm --------------------------------------------------------------------- */

static void ipc_put_perm(uint8_t *g, const struct ipc_perm *p)
{
    memset(g, 0, 36);
    put_guest_u32(g + 0, (uint32_t)p->__key);
    put_guest_u32(g + 4, p->uid);
    put_guest_u32(g + 8, p->gid);
    put_guest_u32(g + 12, p->cuid);
    put_guest_u32(g + 16, p->cgid);
    if (ipc_is_mips()) {
        put_guest_u32(g + 20, p->mode);
    } else {
        put_guest_u16(g + 20, (uint16_t)p->mode);
    }
    put_guest_u16(g + 24, (uint16_t)p->__seq);
}

/* IPC_SET reads uid, gid and mode only. */
static void ipc_get_perm(struct ipc_perm *p, const uint8_t *g)
{
    p->uid = get_guest_u32(g + 4);
    p->gid = get_guest_u32(g + 8);
    p->mode = ipc_is_mips() ? get_guest_u32(g + 20) : get_guest_u16(g + 20);
}

/* A time as the ARM (low, high) word pair. */
static void ipc_put_time_pair(uint8_t *g, int64_t t)
{
    put_guest_u32(g, (uint32_t)t);
    put_guest_u32(g + 4, (uint32_t)((uint64_t)t >> 32));
}

/* Splits a command into the base command and whether IPC_64 was given. */
static int ipc_cmd(uint32_t guest_cmd, bool *ipc64)
{
    *ipc64 = (guest_cmd & IPC_64_FLAG) != 0;
    return (int)(guest_cmd & ~IPC_64_FLAG);
}

static int64_t ipc_old_layout(const char *what, int cmd)
{
    if (xemu_log_enabled(LOG_UNIMP)) {
        xemu_log("Unsupported %s cmd %d without IPC_64 (old struct layout)\n", what, cmd);
    }
    return SYS_ERR(EINVAL);
}

/* ---- shared memory ------------------------------------------------------------------ */

static uint32_t ipc_shmid_size(void)
{
    return ipc_is_mips() ? 72 : 84;
}

static void ipc_put_shmid(uint8_t *g, const struct shmid_ds *d)
{
    memset(g, 0, ipc_shmid_size());
    ipc_put_perm(g, &d->shm_perm);
    put_guest_u32(g + 36, (uint32_t)d->shm_segsz);
    if (ipc_is_mips()) {
        put_guest_u32(g + 40, (uint32_t)d->shm_atime);
        put_guest_u32(g + 44, (uint32_t)d->shm_dtime);
        put_guest_u32(g + 48, (uint32_t)d->shm_ctime);
        put_guest_u32(g + 52, (uint32_t)d->shm_cpid);
        put_guest_u32(g + 56, (uint32_t)d->shm_lpid);
        put_guest_u32(g + 60, (uint32_t)d->shm_nattch);
        put_guest_u16(g + 64, (uint16_t)((uint64_t)d->shm_atime >> 32));
        put_guest_u16(g + 66, (uint16_t)((uint64_t)d->shm_dtime >> 32));
        put_guest_u16(g + 68, (uint16_t)((uint64_t)d->shm_ctime >> 32));
    } else {
        ipc_put_time_pair(g + 40, d->shm_atime);
        ipc_put_time_pair(g + 48, d->shm_dtime);
        ipc_put_time_pair(g + 56, d->shm_ctime);
        put_guest_u32(g + 64, (uint32_t)d->shm_cpid);
        put_guest_u32(g + 68, (uint32_t)d->shm_lpid);
        put_guest_u32(g + 72, (uint32_t)d->shm_nattch);
    }
}

/* Guest attachments: address -> size, for shmdt. Inherited by fork like the mappings. */
static GMutex ipc_shm_lock;
static GHashTable *ipc_shm_attached;

static void ipc_shm_record(uint32_t addr, uint32_t size)
{
    g_mutex_lock(&ipc_shm_lock);
    if (!ipc_shm_attached) {
        ipc_shm_attached = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    g_hash_table_insert(ipc_shm_attached, GUINT_TO_POINTER(addr), GUINT_TO_POINTER(size));
    g_mutex_unlock(&ipc_shm_lock);
}

/* Removes the attachment at addr; its size, 0 if there is none. */
static uint32_t ipc_shm_forget(uint32_t addr)
{
    uint32_t size = 0;
    g_mutex_lock(&ipc_shm_lock);
    gpointer v;
    if (ipc_shm_attached &&
        g_hash_table_lookup_extended(ipc_shm_attached, GUINT_TO_POINTER(addr), NULL, &v)) {
        size = GPOINTER_TO_UINT(v);
        g_hash_table_remove(ipc_shm_attached, GUINT_TO_POINTER(addr));
    }
    g_mutex_unlock(&ipc_shm_lock);
    return size;
}

/* SHMLBA: ARM 4 pages (VIPT caches), MIPS 256 KiB (asm/shmparam.h). */
static uint32_t ipc_shmlba(void)
{
    return ipc_is_mips() ? 0x40000 : 4 * GUEST_PAGE_SIZE;
}

/* shmget(key, size, shmflg) */
int64_t sys_shmget(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(shmget((key_t)args[0], args[1], (int)args[2]));
}

/* The guest address of a new attachment of shmid, or -errno. */
static int64_t ipc_do_shmat(int shmid, uint32_t addr, int flags)
{
    struct shmid_ds ds;
    if (shmctl(shmid, IPC_STAT, &ds) < 0) {
        /* EACCES from a missing read permission is the same answer shmat gives. */
        return SYS_ERR(errno);
    }
    if (ds.shm_segsz == 0 || ds.shm_segsz > 0xfff00000u) {
        return SYS_ERR(ENOMEM);
    }
    uint32_t size = GUEST_PAGE_ALIGN((uint32_t)ds.shm_segsz);
    if (addr) {
        uint32_t lba = ipc_shmlba();
        if (addr & (lba - 1)) {
            if (!(flags & SHM_RND)) {
                return SYS_ERR(EINVAL);
            }
            addr &= ~(lba - 1);
            if (!addr) {
                return SYS_ERR(EINVAL);
            }
        }
        if (!(flags & SHM_REMAP)) {
            for (uint32_t a = 0; a < size; a += GUEST_PAGE_SIZE) {
                if (mmu_page_flags(addr + a) & PAGE_VALID) {
                    return SYS_ERR(EINVAL);
                }
            }
        }
    }
    int prot = PROT_READ | ((flags & SHM_RDONLY) ? 0 : PROT_WRITE) |
               ((flags & SHM_EXEC) ? PROT_EXEC : 0);
    /* Claim the range: records, page flags, and a placeholder host mapping. */
    int64_t g = mmu_mmap(addr, size, prot,
                         MAP_SHARED | MAP_ANONYMOUS | (addr ? MAP_FIXED : 0), -1, 0);
    if (g < 0) {
        return g;
    }
    int hflags = SHM_REMAP | (flags & (SHM_RDONLY | SHM_EXEC));
    void *p = shmat(shmid, g2h((uint32_t)g), hflags);
    if (p == (void *)-1) {
        int e = errno;
        mmu_munmap((uint32_t)g, size);
        return SYS_ERR(e);
    }
    char name[32];
    snprintf(name, sizeof name, "/SYSV%08x", (uint32_t)ds.shm_perm.__key);
    mmu_set_name((uint32_t)g, size, name);
    ipc_shm_record((uint32_t)g, size);
    return g;
}

/* shmat(shmid, shmaddr, shmflg): returns the guest address. */
int64_t sys_shmat(CPUState *cpu, const uint32_t *args)
{
    return ipc_do_shmat((int)args[0], args[1], (int)args[2]);
}

/* shmdt(shmaddr) */
int64_t sys_shmdt(CPUState *cpu, const uint32_t *args)
{
    uint32_t size = ipc_shm_forget(args[0]);
    if (!size) {
        return SYS_ERR(EINVAL);
    }
    /* Replacing the host mapping detaches it (the segment's nattch drops). */
    return mmu_munmap(args[0], size);
}

/* shmctl(shmid, cmd, buf) */
int64_t sys_shmctl(CPUState *cpu, const uint32_t *args)
{
    bool ipc64;
    int cmd = ipc_cmd(args[1], &ipc64);
    int id = (int)args[0];
    uint8_t *g;
    switch (cmd) {
    case IPC_RMID:
    case SHM_LOCK:
    case SHM_UNLOCK:
        return SYS_RET(shmctl(id, cmd, NULL));
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY: {
        if (!ipc64) {
            return ipc_old_layout("shmctl", cmd);
        }
        if (!(g = sys_guest_ptr(args[2], ipc_shmid_size(), PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        struct shmid_ds d;
        int r = shmctl(id, cmd, &d);
        if (r >= 0) {
            ipc_put_shmid(g, &d);
        }
        return SYS_RET(r);
    }
    case IPC_SET: {
        if (!ipc64) {
            return ipc_old_layout("shmctl", cmd);
        }
        if (!(g = sys_guest_ptr(args[2], ipc_shmid_size(), PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        struct shmid_ds d;
        memset(&d, 0, sizeof d);
        ipc_get_perm(&d.shm_perm, g);
        return SYS_RET(shmctl(id, IPC_SET, &d));
    }
    case IPC_INFO: {
        /* struct shminfo64: nine unsigned longs; the kernel's compat code truncates too. */
        if (!(g = sys_guest_ptr(args[2], 36, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        struct shminfo si;
        int r = shmctl(id, IPC_INFO, (struct shmid_ds *)&si);
        if (r >= 0) {
            memset(g, 0, 36);
            put_guest_u32(g + 0, (uint32_t)si.shmmax);
            put_guest_u32(g + 4, (uint32_t)si.shmmin);
            put_guest_u32(g + 8, (uint32_t)si.shmmni);
            put_guest_u32(g + 12, (uint32_t)si.shmseg);
            put_guest_u32(g + 16, (uint32_t)si.shmall);
        }
        return SYS_RET(r);
    }
    case SHM_INFO: {
        if (!(g = sys_guest_ptr(args[2], 24, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        struct shm_info si;
        int r = shmctl(id, SHM_INFO, (struct shmid_ds *)&si);
        if (r >= 0) {
            put_guest_u32(g + 0, (uint32_t)si.used_ids);
            put_guest_u32(g + 4, (uint32_t)si.shm_tot);
            put_guest_u32(g + 8, (uint32_t)si.shm_rss);
            put_guest_u32(g + 12, (uint32_t)si.shm_swp);
            put_guest_u32(g + 16, (uint32_t)si.swap_attempts);
            put_guest_u32(g + 20, (uint32_t)si.swap_successes);
        }
        return SYS_RET(r);
    }
    default:
        return SYS_ERR(EINVAL);
    }
}

/* ---- semaphores --------------------------------------------------------------------- */

static uint32_t ipc_semid_size(void)
{
    return ipc_is_mips() ? 56 : 64;
}

static void ipc_put_semid(uint8_t *g, const struct semid_ds *d)
{
    memset(g, 0, ipc_semid_size());
    ipc_put_perm(g, &d->sem_perm);
    if (ipc_is_mips()) {
        put_guest_u32(g + 36, (uint32_t)d->sem_otime);
        put_guest_u32(g + 40, (uint32_t)d->sem_ctime);
        put_guest_u32(g + 44, (uint32_t)d->sem_nsems);
        put_guest_u32(g + 48, (uint32_t)((uint64_t)d->sem_otime >> 32));
        put_guest_u32(g + 52, (uint32_t)((uint64_t)d->sem_ctime >> 32));
    } else {
        ipc_put_time_pair(g + 36, d->sem_otime);
        ipc_put_time_pair(g + 44, d->sem_ctime);
        put_guest_u32(g + 52, (uint32_t)d->sem_nsems);
    }
}

/* semget(key, nsems, semflg) */
int64_t sys_semget(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(semget((key_t)args[0], (int)args[1], (int)args[2]));
}

/* Number of semaphores in the set (for GETALL/SETALL), or -errno. */
static int ipc_sem_count(int id)
{
    struct semid_ds d;
    if (semctl(id, 0, IPC_STAT, &d) < 0) {
        return -errno;
    }
    return (int)d.sem_nsems;
}

/* GETALL / SETALL: an array of unsigned shorts in guest byte order. */
static int64_t ipc_sem_all(int id, int cmd, uint32_t addr)
{
    int n = ipc_sem_count(id);
    if (n < 0) {
        return n;
    }
    uint8_t *g = sys_guest_ptr(addr, (uint32_t)n * 2, cmd == GETALL ? PAGE_WRITE : PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    unsigned short *v = g_new0(unsigned short, n ? n : 1);
    int r = 0;
    if (cmd == SETALL) {
        for (int i = 0; i < n; i++) {
            v[i] = get_guest_u16(g + i * 2);
        }
        r = semctl(id, 0, SETALL, v);
    } else {
        r = semctl(id, 0, GETALL, v);
        for (int i = 0; r >= 0 && i < n; i++) {
            put_guest_u16(g + i * 2, v[i]);
        }
    }
    int64_t ret = SYS_RET(r);
    g_free(v);
    return ret;
}

/* semctl(semid, semnum, cmd, union semun arg): arg is the union's 32-bit value. */
static int64_t ipc_do_semctl(int id, int num, uint32_t guest_cmd, uint32_t arg)
{
    bool ipc64;
    int cmd = ipc_cmd(guest_cmd, &ipc64);
    uint8_t *g;
    switch (cmd) {
    case IPC_RMID:
    case GETPID:
    case GETVAL:
    case GETNCNT:
    case GETZCNT:
        return SYS_RET(semctl(id, num, cmd));
    case SETVAL:
        return SYS_RET(semctl(id, num, SETVAL, (int)arg));
    case GETALL:
    case SETALL:
        return ipc_sem_all(id, cmd, arg);
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
        if (!ipc64) {
            return ipc_old_layout("semctl", cmd);
        }
        if (!(g = sys_guest_ptr(arg, ipc_semid_size(), PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        struct semid_ds d;
        int r = semctl(id, num, cmd, &d);
        if (r >= 0) {
            ipc_put_semid(g, &d);
        }
        return SYS_RET(r);
    }
    case IPC_SET: {
        if (!ipc64) {
            return ipc_old_layout("semctl", cmd);
        }
        if (!(g = sys_guest_ptr(arg, ipc_semid_size(), PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        struct semid_ds d;
        memset(&d, 0, sizeof d);
        ipc_get_perm(&d.sem_perm, g);
        return SYS_RET(semctl(id, num, IPC_SET, &d));
    }
    case IPC_INFO:
    case SEM_INFO: {
        /* struct seminfo: ten ints, the same everywhere but for the byte order. */
        if (!(g = sys_guest_ptr(arg, 40, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        struct seminfo si;
        int r = semctl(id, num, cmd, &si);
        if (r >= 0) {
            const int *f = (const int *)&si;
            for (int i = 0; i < 10; i++) {
                put_guest_u32(g + i * 4, (uint32_t)f[i]);
            }
        }
        return SYS_RET(r);
    }
    default:
        return SYS_ERR(EINVAL);
    }
}

int64_t sys_semctl(CPUState *cpu, const uint32_t *args)
{
    return ipc_do_semctl((int)args[0], (int)args[1], args[2], args[3]);
}

/* semtimedop with a guest sembuf array (u16 num, s16 op, s16 flg) and timeout. */
static int64_t ipc_do_semtimedop(int id, uint32_t sops, uint32_t nsops, uint32_t timeout,
                                 bool time64)
{
    if (nsops < 1) {
        return SYS_ERR(EINVAL);
    }
    if (nsops > 500) { /* SEMOPM */
        return SYS_ERR(E2BIG);
    }
    const uint8_t *g = sys_guest_ptr(sops, nsops * 6, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    struct timespec ts, *tsp = NULL;
    if (timeout) {
        int e = sys_get_timespec(&ts, timeout, time64);
        if (e < 0) {
            return e;
        }
        tsp = &ts;
    }
    struct sembuf *b = g_new(struct sembuf, nsops);
    for (uint32_t i = 0; i < nsops; i++) {
        b[i].sem_num = get_guest_u16(g + i * 6);
        b[i].sem_op = (short)get_guest_u16(g + i * 6 + 2);
        b[i].sem_flg = (short)get_guest_u16(g + i * 6 + 4);
    }
    int r = semtimedop(id, b, nsops, tsp);
    int64_t ret = SYS_RET(r);
    g_free(b);
    return ret;
}

/* semop(semid, sops, nsops) */
int64_t sys_semop(CPUState *cpu, const uint32_t *args)
{
    return ipc_do_semtimedop((int)args[0], args[1], args[2], 0, false);
}

/* semtimedop(semid, sops, nsops, timeout) */
int64_t sys_semtimedop(CPUState *cpu, const uint32_t *args)
{
    return ipc_do_semtimedop((int)args[0], args[1], args[2], args[3], false);
}

int64_t sys_semtimedop_time64(CPUState *cpu, const uint32_t *args)
{
    return ipc_do_semtimedop((int)args[0], args[1], args[2], args[3], true);
}

/* ---- message queues ----------------------------------------------------------------- */

static void ipc_put_msqid(uint8_t *g, const struct msqid_ds *d)
{
    memset(g, 0, 88);
    ipc_put_perm(g, &d->msg_perm);
    put_guest_u64(g + 36, (uint64_t)d->msg_stime);
    put_guest_u64(g + 44, (uint64_t)d->msg_rtime);
    put_guest_u64(g + 52, (uint64_t)d->msg_ctime);
    put_guest_u32(g + 60, (uint32_t)d->__msg_cbytes);
    put_guest_u32(g + 64, (uint32_t)d->msg_qnum);
    put_guest_u32(g + 68, (uint32_t)d->msg_qbytes);
    put_guest_u32(g + 72, (uint32_t)d->msg_lspid);
    put_guest_u32(g + 76, (uint32_t)d->msg_lrpid);
}

/* msgget(key, msgflg) */
int64_t sys_msgget(CPUState *cpu, const uint32_t *args)
{
    return SYS_RET(msgget((key_t)args[0], (int)args[1]));
}

/* A host msgbuf: long mtype, then the text. */
typedef struct IpcMsg {
    long mtype;
    char mtext[];
} IpcMsg;

#define IPC_MSGMAX_LIMIT (1u << 24) /* more than any msgmnb a queue can have */

/* msgsnd(msqid, msgp, msgsz, msgflg): the guest's mtype is a 32-bit long. */
static int64_t ipc_do_msgsnd(int id, uint32_t msgp, uint32_t size, int flags)
{
    if ((int32_t)size < 0) {
        return SYS_ERR(EINVAL);
    }
    if (size > IPC_MSGMAX_LIMIT) {
        return SYS_ERR(EINVAL);
    }
    const uint8_t *g = sys_guest_ptr(msgp, 4 + size, PAGE_READ);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    IpcMsg *m = g_malloc(sizeof(IpcMsg) + size + 1);
    m->mtype = (int32_t)get_guest_u32(g);
    memcpy(m->mtext, g + 4, size);
    int r = msgsnd(id, m, size, flags);
    int64_t ret = SYS_RET(r);
    g_free(m);
    return ret;
}

int64_t sys_msgsnd(CPUState *cpu, const uint32_t *args)
{
    return ipc_do_msgsnd((int)args[0], args[1], args[2], (int)args[3]);
}

/* msgrcv(msqid, msgp, msgsz, msgtyp, msgflg) */
static int64_t ipc_do_msgrcv(int id, uint32_t msgp, uint32_t size, int32_t type, int flags)
{
    if ((int32_t)size < 0) {
        return SYS_ERR(EINVAL);
    }
    if (size > IPC_MSGMAX_LIMIT) {
        size = IPC_MSGMAX_LIMIT;
    }
    uint8_t *g = sys_guest_ptr(msgp, 4 + size, PAGE_WRITE);
    if (!g) {
        return SYS_ERR(EFAULT);
    }
    IpcMsg *m = g_malloc(sizeof(IpcMsg) + size + 1);
    ssize_t r = msgrcv(id, m, size, type, flags);
    if (r >= 0) {
        put_guest_u32(g, (uint32_t)m->mtype);
        memcpy(g + 4, m->mtext, (size_t)r);
    }
    int64_t ret = SYS_RET(r);
    g_free(m);
    return ret;
}

int64_t sys_msgrcv(CPUState *cpu, const uint32_t *args)
{
    return ipc_do_msgrcv((int)args[0], args[1], args[2], (int32_t)args[3], (int)args[4]);
}

/* msgctl(msqid, cmd, buf) */
int64_t sys_msgctl(CPUState *cpu, const uint32_t *args)
{
    bool ipc64;
    int cmd = ipc_cmd(args[1], &ipc64);
    int id = (int)args[0];
    uint8_t *g;
    switch (cmd) {
    case IPC_RMID:
        return SYS_RET(msgctl(id, IPC_RMID, NULL));
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY: {
        if (!ipc64) {
            return ipc_old_layout("msgctl", cmd);
        }
        if (!(g = sys_guest_ptr(args[2], 88, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        struct msqid_ds d;
        int r = msgctl(id, cmd, &d);
        if (r >= 0) {
            ipc_put_msqid(g, &d);
        }
        return SYS_RET(r);
    }
    case IPC_SET: {
        if (!ipc64) {
            return ipc_old_layout("msgctl", cmd);
        }
        if (!(g = sys_guest_ptr(args[2], 88, PAGE_READ))) {
            return SYS_ERR(EFAULT);
        }
        struct msqid_ds d;
        memset(&d, 0, sizeof d);
        ipc_get_perm(&d.msg_perm, g);
        d.msg_qbytes = get_guest_u32(g + 68);
        return SYS_RET(msgctl(id, IPC_SET, &d));
    }
    case IPC_INFO:
    case MSG_INFO: {
        /* struct msginfo: seven ints and an unsigned short. */
        if (!(g = sys_guest_ptr(args[2], 32, PAGE_WRITE))) {
            return SYS_ERR(EFAULT);
        }
        struct msginfo mi;
        int r = msgctl(id, cmd, (struct msqid_ds *)&mi);
        if (r >= 0) {
            memset(g, 0, 32);
            put_guest_u32(g + 0, (uint32_t)mi.msgpool);
            put_guest_u32(g + 4, (uint32_t)mi.msgmap);
            put_guest_u32(g + 8, (uint32_t)mi.msgmax);
            put_guest_u32(g + 12, (uint32_t)mi.msgmnb);
            put_guest_u32(g + 16, (uint32_t)mi.msgmni);
            put_guest_u32(g + 20, (uint32_t)mi.msgssz);
            put_guest_u32(g + 24, (uint32_t)mi.msgtql);
            put_guest_u16(g + 28, mi.msgseg);
        }
        return SYS_RET(r);
    }
    default:
        return SYS_ERR(EINVAL);
    }
}

/* ---- ipc(): the MIPS o32 multiplexer ---------------------------------------------- */

enum {
    IPC_CALL_SEMOP = 1, IPC_CALL_SEMGET, IPC_CALL_SEMCTL, IPC_CALL_SEMTIMEDOP,
    IPC_CALL_MSGSND = 11, IPC_CALL_MSGRCV, IPC_CALL_MSGGET, IPC_CALL_MSGCTL,
    IPC_CALL_SHMAT = 21, IPC_CALL_SHMDT, IPC_CALL_SHMGET, IPC_CALL_SHMCTL,
};

/* ipc(call, first, second, third, ptr, fifth), as the kernel's sys_ipc. */
int64_t sys_ipc(CPUState *cpu, const uint32_t *args)
{
    uint32_t call = args[0] & 0xffff, version = args[0] >> 16;
    uint32_t first = args[1], second = args[2], third = args[3], ptr = args[4];
    uint32_t fifth = args[5];
    switch (call) {
    case IPC_CALL_SEMOP:
        return ipc_do_semtimedop((int)first, ptr, second, 0, false);
    case IPC_CALL_SEMTIMEDOP:
        return ipc_do_semtimedop((int)first, ptr, second, fifth, false);
    case IPC_CALL_SEMGET:
        return SYS_RET(semget((key_t)first, (int)second, (int)third));
    case IPC_CALL_SEMCTL: {
        /* ptr points to the union semun. */
        if (!ptr) {
            return SYS_ERR(EINVAL);
        }
        const uint8_t *g = sys_guest_ptr(ptr, 4, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        return ipc_do_semctl((int)first, (int)second, third, get_guest_u32(g));
    }
    case IPC_CALL_MSGSND:
        return ipc_do_msgsnd((int)first, ptr, second, (int)third);
    case IPC_CALL_MSGRCV:
        if (version == 0) {
            /* struct ipc_kludge { msgp; long msgtyp; } */
            if (!ptr) {
                return SYS_ERR(EINVAL);
            }
            const uint8_t *g = sys_guest_ptr(ptr, 8, PAGE_READ);
            if (!g) {
                return SYS_ERR(EFAULT);
            }
            return ipc_do_msgrcv((int)first, get_guest_u32(g), second,
                                 (int32_t)get_guest_u32(g + 4), (int)third);
        }
        return ipc_do_msgrcv((int)first, ptr, second, (int32_t)fifth, (int)third);
    case IPC_CALL_MSGGET:
        return SYS_RET(msgget((key_t)first, (int)second));
    case IPC_CALL_MSGCTL: {
        uint32_t a[3] = { first, second, ptr };
        return sys_msgctl(cpu, a);
    }
    case IPC_CALL_SHMAT: {
        if (version == 1) {
            return SYS_ERR(EINVAL); /* the iBCS2 form */
        }
        uint8_t *g = sys_guest_ptr(third, 4, PAGE_WRITE);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        int64_t r = ipc_do_shmat((int)first, ptr, (int)second);
        if (r < 0) {
            return r;
        }
        put_guest_u32(g, (uint32_t)r);
        return 0;
    }
    case IPC_CALL_SHMDT: {
        uint32_t a[1] = { ptr };
        return sys_shmdt(cpu, a);
    }
    case IPC_CALL_SHMGET:
        return SYS_RET(shmget((key_t)first, second, (int)third));
    case IPC_CALL_SHMCTL: {
        uint32_t a[3] = { first, second, ptr };
        return sys_shmctl(cpu, a);
    }
    default:
        if (xemu_log_enabled(LOG_UNIMP)) {
            xemu_log("Unsupported ipc call %u\n", call);
        }
        return SYS_ERR(ENOSYS);
    }
}

/* ---- POSIX message queues ---------------------------------------------------------- */

/* struct mq_attr: four 32-bit longs (flags, maxmsg, msgsize, curmsgs) and padding. */
static int ipc_get_mq_attr(struct mq_attr *a, uint32_t addr)
{
    const uint8_t *g = sys_guest_ptr(addr, 32, PAGE_READ);
    if (!g) {
        return -EFAULT;
    }
    memset(a, 0, sizeof *a);
    uint32_t fl = get_guest_u32(g);
    a->mq_flags = (fl & sys_abi->nonblock_flag) ? O_NONBLOCK : 0;
    a->mq_maxmsg = (int32_t)get_guest_u32(g + 4);
    a->mq_msgsize = (int32_t)get_guest_u32(g + 8);
    a->mq_curmsgs = (int32_t)get_guest_u32(g + 12);
    return 0;
}

static void ipc_put_mq_attr(uint8_t *g, const struct mq_attr *a)
{
    memset(g, 0, 32);
    put_guest_u32(g, (a->mq_flags & O_NONBLOCK) ? sys_abi->nonblock_flag : 0);
    put_guest_u32(g + 4, (uint32_t)a->mq_maxmsg);
    put_guest_u32(g + 8, (uint32_t)a->mq_msgsize);
    put_guest_u32(g + 12, (uint32_t)a->mq_curmsgs);
}

/* mq_open(name, oflag, mode, attr): the name is the one without '/' glibc passes. */
int64_t sys_mq_open(CPUState *cpu, const uint32_t *args)
{
    const char *name = sys_guest_str(args[0]);
    if (!name) {
        return SYS_ERR(EFAULT);
    }
    int flags = (int)sys_flags_to_host(sys_abi->open_flags, args[1]);
    struct mq_attr a, *ap = NULL;
    if (args[3] && (flags & O_CREAT)) {
        int e = ipc_get_mq_attr(&a, args[3]);
        if (e < 0) {
            return e;
        }
        ap = &a;
    }
    return SYS_RET(syscall(SYS_mq_open, name, flags, (mode_t)args[2], ap));
}

/* mq_unlink(name) */
int64_t sys_mq_unlink(CPUState *cpu, const uint32_t *args)
{
    const char *name = sys_guest_str(args[0]);
    if (!name) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(syscall(SYS_mq_unlink, name));
}

static int ipc_mq_timeout(uint32_t addr, bool time64, struct timespec *ts,
                          struct timespec **out)
{
    *out = NULL;
    if (!addr) {
        return 0;
    }
    int e = sys_get_timespec(ts, addr, time64);
    if (e < 0) {
        return e;
    }
    *out = ts;
    return 0;
}

/* mq_timedsend(mqd, msg, len, prio, abs_timeout) */
static int64_t ipc_mq_send(const uint32_t *args, bool time64)
{
    const void *msg = sys_guest_ptr(args[1], args[2], PAGE_READ);
    if (!msg) {
        return SYS_ERR(EFAULT);
    }
    struct timespec ts, *tsp;
    int e = ipc_mq_timeout(args[4], time64, &ts, &tsp);
    if (e < 0) {
        return e;
    }
    return SYS_RET(syscall(SYS_mq_timedsend, (int)args[0], msg, (size_t)args[2],
                           (unsigned)args[3], tsp));
}

int64_t sys_mq_timedsend(CPUState *cpu, const uint32_t *args)
{
    return ipc_mq_send(args, false);
}

int64_t sys_mq_timedsend_time64(CPUState *cpu, const uint32_t *args)
{
    return ipc_mq_send(args, true);
}

/* mq_timedreceive(mqd, msg, len, unsigned *prio, abs_timeout) */
static int64_t ipc_mq_receive(const uint32_t *args, bool time64)
{
    void *msg = sys_guest_ptr(args[1], args[2], PAGE_WRITE);
    uint8_t *gprio = NULL;
    if (!msg || (args[3] && !(gprio = sys_guest_ptr(args[3], 4, PAGE_WRITE)))) {
        return SYS_ERR(EFAULT);
    }
    struct timespec ts, *tsp;
    int e = ipc_mq_timeout(args[4], time64, &ts, &tsp);
    if (e < 0) {
        return e;
    }
    unsigned prio = 0;
    long r = syscall(SYS_mq_timedreceive, (int)args[0], msg, (size_t)args[2], &prio, tsp);
    if (r >= 0 && gprio) {
        put_guest_u32(gprio, prio);
    }
    return SYS_RET(r);
}

int64_t sys_mq_timedreceive(CPUState *cpu, const uint32_t *args)
{
    return ipc_mq_receive(args, false);
}

int64_t sys_mq_timedreceive_time64(CPUState *cpu, const uint32_t *args)
{
    return ipc_mq_receive(args, true);
}

#define IPC_SIGEV_SIGNAL 0
#define IPC_SIGEV_NONE 1
#define IPC_SIGEV_THREAD 2
#define IPC_NOTIFY_COOKIE_LEN 32

/*
 * mq_notify(mqd, const struct sigevent *): value, signo, notify. SIGEV_SIGNAL carries a
 * guest signal number; SIGEV_THREAD (glibc's helper thread) a netlink socket in signo and
 * a pointer to the 32-byte cookie in the value, which the host kernel reads.
 */
int64_t sys_mq_notify(CPUState *cpu, const uint32_t *args)
{
    struct sigevent ev, *evp = NULL;
    if (args[1]) {
        const uint8_t *g = sys_guest_ptr(args[1], 16, PAGE_READ);
        if (!g) {
            return SYS_ERR(EFAULT);
        }
        memset(&ev, 0, sizeof ev);
        uint32_t value = get_guest_u32(g);
        int signo = (int)get_guest_u32(g + 4);
        ev.sigev_notify = (int)get_guest_u32(g + 8);
        switch (ev.sigev_notify) {
        case IPC_SIGEV_SIGNAL:
            ev.sigev_signo = sys_guest_to_host_signal(signo);
            if (ev.sigev_signo <= 0) {
                return SYS_ERR(EINVAL);
            }
            ev.sigev_value.sival_ptr = (void *)(uintptr_t)value;
            break;
        case IPC_SIGEV_THREAD:
            if (!sys_guest_ptr(value, IPC_NOTIFY_COOKIE_LEN, PAGE_READ)) {
                return SYS_ERR(EFAULT);
            }
            ev.sigev_signo = signo;
            ev.sigev_value.sival_ptr = g2h(value);
            break;
        default:
            ev.sigev_signo = signo;
            ev.sigev_value.sival_ptr = (void *)(uintptr_t)value;
            break;
        }
        evp = &ev;
    }
    return SYS_RET(syscall(SYS_mq_notify, (int)args[0], evp));
}

/* mq_getsetattr(mqd, const struct mq_attr *new, struct mq_attr *old) */
int64_t sys_mq_getsetattr(CPUState *cpu, const uint32_t *args)
{
    struct mq_attr na, oa, *np = NULL;
    uint8_t *go = NULL;
    if (args[1]) {
        int e = ipc_get_mq_attr(&na, args[1]);
        if (e < 0) {
            return e;
        }
        np = &na;
    }
    if (args[2] && !(go = sys_guest_ptr(args[2], 32, PAGE_WRITE))) {
        return SYS_ERR(EFAULT);
    }
    long r = syscall(SYS_mq_getsetattr, (int)args[0], np, go ? &oa : NULL);
    if (r >= 0 && go) {
        ipc_put_mq_attr(go, &oa);
    }
    return SYS_RET(r);
}
