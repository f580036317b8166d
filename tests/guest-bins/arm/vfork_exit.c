/*
 * vfork_exit: clone(CLONE_VM|CLONE_VFORK) children on their own stacks whose function
 * returns, so glibc ends them with the thread-exit syscall (exit, not exit_group), three
 * times in a row. The child shares the parent's memory; its exit must end only the child
 * and leave the parent's state intact (the parent carries on and reaps status 5 each
 * time, and sees the child's write to shared memory). Reference: qemu-arm.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static volatile int shared;

static int child(void *arg)
{
    shared += (int)(long)arg;
    return 5;
}

int main(void)
{
    for (int i = 0; i < 3; i++) {
        pid_t p = clone(child, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD,
                        (void *)(long)(i + 1));
        int st;
        waitpid(p, &st, 0);
        printf("child status %d, shared %d\n", WEXITSTATUS(st), shared);
    }
    return 0;
}
