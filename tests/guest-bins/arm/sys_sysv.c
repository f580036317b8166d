/*
 * System V IPC (glibc: direct calls on ARM, ipc() or direct on MIPS): shared memory
 * written by a fork()ed child and read by the parent, IPC_STAT fields (size, nattch,
 * mode, pids), attach at a chosen address, read-only attach (a write faults), shmdt;
 * semaphores: SETALL/GETALL, GETVAL, IPC_NOWAIT (EAGAIN), SEM_UNDO undone when the child
 * exits, semtimedop timing out; message queues: mtype selection (exact, first, <= -n,
 * MSG_EXCEPT), E2BIG and MSG_NOERROR, IPC_STAT counters, IPC_SET of msg_qbytes; IPC_RMID
 * and the errors of removed ids.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void show(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static sigjmp_buf jb;

static void on_segv(int sig)
{
    (void)sig;
    siglongjmp(jb, 1);
}

static void test_shm(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    show("shmget", id < 0 ? -1 : 0);
    char *p = shmat(id, NULL, 0);
    printf("shmat page aligned: %d\n", p != (void *)-1 && ((unsigned long)p & 4095) == 0);
    strcpy(p, "parent");
    pid_t pid = fork();
    if (pid == 0) {
        /* The child sees the parent's data and its own write reaches the parent. */
        printf("child sees: %s\n", p);
        fflush(stdout);
        strcpy(p + 100, "written by child");
        p[9999] = 'Z';
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("parent sees: %s %c\n", p + 100, p[9999]);

    struct shmid_ds ds;
    show("shmctl IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("segsz %lu nattch %lu mode %o cpid ok %d lpid ok %d atime set %d\n",
           (unsigned long)ds.shm_segsz, (unsigned long)ds.shm_nattch,
           ds.shm_perm.mode & 0777, ds.shm_cpid == getpid(), ds.shm_lpid == pid,
           ds.shm_atime > 0);
    printf("uid ok %d\n", ds.shm_perm.uid == getuid() && ds.shm_perm.cuid == getuid());
    ds.shm_perm.mode = 0640;
    show("shmctl IPC_SET", shmctl(id, IPC_SET, &ds));
    shmctl(id, IPC_STAT, &ds);
    printf("mode now %o\n", ds.shm_perm.mode & 0777);

    /* A second, read-only attachment: same data, writes fault. */
    char *r = shmat(id, NULL, SHM_RDONLY);
    printf("second attach differs: %d, data %s\n", r != p, r + 100);
    shmctl(id, IPC_STAT, &ds);
    printf("nattch %lu\n", (unsigned long)ds.shm_nattch);
    signal(SIGSEGV, on_segv);
    if (sigsetjmp(jb, 1) == 0) {
        *(volatile char *)r = 'x';
        printf("write to read-only attachment succeeded\n");
    } else {
        printf("write to read-only attachment: SIGSEGV\n");
    }
    signal(SIGSEGV, SIG_DFL);
    show("shmdt ro", shmdt(r));
    show("shmdt again", shmdt(r));

    /* Attach at a chosen address: a free, suitably aligned one. */
    void *want = (void *)0x10000000;
    char *f = shmat(id, want, 0);
    if (f == (void *)-1) {
        printf("fixed attach: -1 %s\n", strerror(errno));
    } else {
        printf("fixed attach at wanted address: %d, data %s\n", f == want, f + 100);
        shmdt(f);
    }
    show("shmat unaligned addr", (long)shmat(id, (char *)want + 4096 + 1, 0));
    char *rnd = shmat(id, (char *)want + 0x100000 + 100, SHM_RND);
    if (rnd == (void *)-1) {
        printf("SHM_RND attach: -1 %s\n", strerror(errno));
    } else {
        printf("SHM_RND rounded: %d\n", rnd == (char *)want + 0x100000);
        shmdt(rnd);
    }
    show("shmctl IPC_RMID", shmctl(id, IPC_RMID, NULL));
    /* Still attached at p: the segment lives until the last detach. */
    printf("after RMID still readable: %s\n", p);
    show("shmdt", shmdt(p));
    show("shmat removed", (long)shmat(id, NULL, 0));
    show("shmget too small excl", shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600));
    struct shminfo info;
    show("shmctl IPC_INFO >= 0", shmctl(0, IPC_INFO, (struct shmid_ds *)&info) >= 0 ? 0 : -1);
    printf("shmmni > 0: %d\n", info.shmmni > 0);
}

static void test_sem(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    show("semget", id < 0 ? -1 : 0);
    unsigned short vals[3] = { 1, 5, 0 }, got[3];
    union semun arg;
    arg.array = vals;
    show("SETALL", semctl(id, 0, SETALL, arg));
    arg.array = got;
    show("GETALL", semctl(id, 0, GETALL, arg));
    printf("values %u %u %u\n", got[0], got[1], got[2]);
    arg.val = 7;
    show("SETVAL", semctl(id, 2, SETVAL, arg));
    show("GETVAL", semctl(id, 2, GETVAL));
    struct semid_ds ds;
    arg.buf = &ds;
    show("IPC_STAT", semctl(id, 0, IPC_STAT, arg));
    printf("nsems %lu mode %o ctime set %d\n", (unsigned long)ds.sem_nsems,
           ds.sem_perm.mode & 0777, ds.sem_ctime > 0);

    struct sembuf op = { 0, -1, IPC_NOWAIT };
    show("semop take", semop(id, &op, 1));
    show("semop take again (nowait)", semop(id, &op, 1));
    show("GETPID is us", semctl(id, 0, GETPID) == getpid());
    /* Two operations at once, all or nothing. */
    struct sembuf two[2] = { { 1, -2, 0 }, { 2, +3, 0 } };
    show("semop two", semop(id, two, 2));
    show("GETVAL 1", semctl(id, 1, GETVAL));
    show("GETVAL 2", semctl(id, 2, GETVAL));

    /* SEM_UNDO: the child takes 4 from sem 2 and exits; the kernel gives them back. */
    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf u = { 2, -4, SEM_UNDO };
        int r = semop(id, &u, 1);
        printf("child SEM_UNDO semop: %d, value %d\n", r, semctl(id, 2, GETVAL));
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    show("after child exit GETVAL 2", semctl(id, 2, GETVAL));

    /* A wait that times out. */
    struct sembuf w = { 0, -1, 0 };
    struct timespec ts = { 0, 20000000 };
    show("semtimedop timeout", semtimedop(id, &w, 1, &ts));
    /* Wait for zero on a non-zero semaphore with IPC_NOWAIT. */
    struct sembuf z = { 1, 0, IPC_NOWAIT };
    show("wait-for-zero nowait", semop(id, &z, 1));
    show("semop bad num", semop(id, &(struct sembuf){ 9, 1, 0 }, 1));
    show("IPC_RMID", semctl(id, 0, IPC_RMID));
    show("GETVAL removed", semctl(id, 0, GETVAL));
}

struct msg {
    long mtype;
    char text[32];
};

static void send(int q, long type, const char *text)
{
    struct msg m;
    m.mtype = type;
    strcpy(m.text, text);
    if (msgsnd(q, &m, strlen(text) + 1, 0) < 0) {
        printf("msgsnd: %s\n", strerror(errno));
    }
}

static void recv(int q, const char *what, long type, int flags)
{
    struct msg m;
    memset(&m, 0, sizeof m);
    long n = msgrcv(q, &m, sizeof m.text, type, flags | IPC_NOWAIT);
    if (n < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld type %ld '%s'\n", what, n, m.mtype, m.text);
    }
}

static void test_msg(void)
{
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    show("msgget", q < 0 ? -1 : 0);
    send(q, 3, "three");
    send(q, 1, "one");
    send(q, 2, "two");
    send(q, 1, "one again");
    send(q, 5, "five");
    struct msqid_ds ds;
    show("IPC_STAT", msgctl(q, IPC_STAT, &ds));
    printf("qnum %lu cbytes %lu lspid ok %d stime set %d\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, ds.msg_lspid == getpid(), ds.msg_stime > 0);
    recv(q, "type 2", 2, 0);
    recv(q, "type 0 (first)", 0, 0);
    recv(q, "type -2 (lowest <= 2)", -2, 0);
    recv(q, "except 1", 1, MSG_EXCEPT);
    recv(q, "type 4 (none)", 4, 0);
    /* Too long for the buffer: E2BIG, or truncated with MSG_NOERROR. */
    struct msg m = { 9, "a long message of 24 ch" };
    msgsnd(q, &m, 24, 0);
    struct { long mtype; char t[4]; } small;
    show("msgrcv E2BIG", msgrcv(q, &small, 4, 9, IPC_NOWAIT));
    memset(&small, 0, sizeof small);
    show("msgrcv MSG_NOERROR", msgrcv(q, &small, 4, 9, IPC_NOWAIT | MSG_NOERROR));
    printf("truncated '%.4s' type %ld\n", small.t, small.mtype);
    recv(q, "last", 0, 0);
    recv(q, "empty", 0, 0);
    show("msgsnd type 0", msgsnd(q, &(struct msg){ 0, "x" }, 2, 0));
    msgctl(q, IPC_STAT, &ds);
    printf("qnum %lu lrpid ok %d\n", (unsigned long)ds.msg_qnum, ds.msg_lrpid == getpid());
    ds.msg_qbytes = 1000;
    show("IPC_SET qbytes", msgctl(q, IPC_SET, &ds));
    msgctl(q, IPC_STAT, &ds);
    printf("qbytes %lu\n", (unsigned long)ds.msg_qbytes);

    /* A blocking receive satisfied by a child. */
    pid_t pid = fork();
    if (pid == 0) {
        usleep(20000);
        send(q, 7, "from child");
        _exit(0);
    }
    struct msg r;
    long n = msgrcv(q, &r, sizeof r.text, 7, 0);
    printf("blocking msgrcv: %ld '%s'\n", n, r.text);
    waitpid(pid, NULL, 0);
    show("IPC_RMID", msgctl(q, IPC_RMID, NULL));
    show("msgsnd removed", msgsnd(q, &m, 4, 0));
    struct msginfo mi;
    show("IPC_INFO >= 0", msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) >= 0 ? 0 : -1);
    printf("msgmax > 0: %d\n", mi.msgmax > 0);
}

/*
 * The direct system calls (glibc goes through ipc() on MIPS): semget, semctl, shmget,
 * shmat, shmdt, shmctl, msgget, msgsnd, msgrcv, msgctl by number.
 */
static void test_direct(void)
{
    long id = syscall(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | 0600);
    show("direct semget", id < 0 ? -1 : 0);
    show("direct SETVAL", syscall(SYS_semctl, id, 1, SETVAL, 9));
    show("direct GETVAL", syscall(SYS_semctl, id, 1, GETVAL, 0));
    show("direct IPC_RMID", syscall(SYS_semctl, id, 0, IPC_RMID, 0));
    long sid = syscall(SYS_shmget, IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    long a = syscall(SYS_shmat, sid, 0, 0);
    printf("direct shmat page aligned: %d\n", a != -1 && (a & 4095) == 0);
    strcpy((char *)a, "direct");
    printf("direct data: %s\n", (char *)a);
    show("direct shmdt", syscall(SYS_shmdt, a));
    show("direct shmctl IPC_RMID", syscall(SYS_shmctl, sid, IPC_RMID, 0));
    long q = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
    struct { long mtype; char t[8]; } m = { 4, "msg" }, r = { 0, "" };
    show("direct msgsnd", syscall(SYS_msgsnd, q, &m, 4, 0));
    show("direct msgrcv", syscall(SYS_msgrcv, q, &r, 8, 4, IPC_NOWAIT));
    printf("direct message: type %ld '%s'\n", r.mtype, r.t);
    show("direct msgctl IPC_RMID", syscall(SYS_msgctl, q, IPC_RMID, 0));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_shm();
    test_sem();
    test_msg();
    test_direct();
    return 0;
}
