/*
 * POSIX message queues: mq_open with attributes (O_CREAT|O_EXCL, EEXIST), priorities
 * (highest first, FIFO within one), mq_getattr/mq_setattr (O_NONBLOCK: EAGAIN on an empty
 * queue), EMSGSIZE, timed receive and send timing out (ETIMEDOUT), mq_notify with
 * SIGEV_SIGNAL (the signal, si_code SI_MESGQ and the value arrive when a message lands on
 * the empty queue; EBUSY for a second registration), a child process sending, mq_unlink.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) {
        printf("%s: -1 %s\n", what, strerror(errno));
    } else {
        printf("%s: %ld\n", what, r);
    }
}

static void attr(mqd_t q)
{
    struct mq_attr a;
    if (mq_getattr(q, &a) < 0) {
        printf("mq_getattr: %s\n", strerror(errno));
        return;
    }
    printf("attr: flags %s maxmsg %ld msgsize %ld curmsgs %ld\n",
           (a.mq_flags & O_NONBLOCK) ? "O_NONBLOCK" : "0", a.mq_maxmsg, a.mq_msgsize,
           a.mq_curmsgs);
}

static volatile sig_atomic_t got_sig, got_code, got_val;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_val = si->si_value.sival_int;
}

static void deadline(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_nsec += ms * 1000000;
    while (ts->tv_nsec >= 1000000000) {
        ts->tv_nsec -= 1000000000;
        ts->tv_sec++;
    }
}

int main(void)
{
    char name[64];
    snprintf(name, sizeof name, "/xemu-test-%d", (int)getpid());
    struct mq_attr a = { .mq_maxmsg = 4, .mq_msgsize = 32 };
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
    if (q == (mqd_t)-1) {
        printf("mq_open: %s\n", strerror(errno));
        return 1;
    }
    printf("mq_open: ok\n");
    show("mq_open O_EXCL again", mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a));
    attr(q);

    show("send prio 1", mq_send(q, "low", 4, 1));
    show("send prio 5", mq_send(q, "high", 5, 5));
    show("send prio 1 b", mq_send(q, "low2", 5, 1));
    show("send prio 3", mq_send(q, "mid", 4, 3));
    attr(q);
    show("send too long", mq_send(q, "0123456789012345678901234567890123456789", 40, 0));
    struct timespec ts;
    deadline(&ts, 30);
    show("timedsend full", mq_timedsend(q, "x", 2, 0, &ts));
    char buf[64];
    unsigned prio;
    for (int i = 0; i < 4; i++) {
        long n = mq_receive(q, buf, sizeof buf, &prio);
        printf("receive: %ld '%s' prio %u\n", n, n > 0 ? buf : "", prio);
    }
    show("receive small buffer", mq_receive(q, buf, 8, &prio));
    deadline(&ts, 30);
    show("timedreceive empty", mq_timedreceive(q, buf, sizeof buf, &prio, &ts));

    struct mq_attr na = { .mq_flags = O_NONBLOCK }, oa;
    show("mq_setattr", mq_setattr(q, &na, &oa));
    printf("old flags %s\n", (oa.mq_flags & O_NONBLOCK) ? "O_NONBLOCK" : "0");
    attr(q);
    show("receive nonblock", mq_receive(q, buf, sizeof buf, NULL));
    na.mq_flags = 0;
    mq_setattr(q, &na, NULL);

    /* Notification by signal. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR1;
    ev.sigev_value.sival_int = 4242;
    show("mq_notify", mq_notify(q, &ev));
    show("mq_notify again", mq_notify(q, &ev));
    pid_t pid = fork();
    if (pid == 0) {
        mqd_t c = mq_open(name, O_WRONLY);
        mq_send(c, "from child", 11, 2);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    for (int i = 0; i < 100 && !got_sig; i++) {
        usleep(10000);
    }
    printf("notified: sig %s code %s value %d\n", got_sig == SIGUSR1 ? "SIGUSR1" : "none",
           got_code == SI_MESGQ ? "SI_MESGQ" : "other", (int)got_val);
    long n = mq_receive(q, buf, sizeof buf, &prio);
    printf("receive: %ld '%s' prio %u\n", n, n > 0 ? buf : "", prio);
    show("mq_notify remove", mq_notify(q, NULL));

    show("mq_close", mq_close(q));
    show("mq_unlink", mq_unlink(name));
    show("mq_unlink again", mq_unlink(name));
    show("mq_open missing", mq_open(name, O_RDONLY));
    a.mq_maxmsg = 0;
    show("mq_open bad attr", mq_open(name, O_CREAT | O_RDWR, 0600, &a));
    return 0;
}
