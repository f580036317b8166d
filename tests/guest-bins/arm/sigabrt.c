/*
 * sigabrt: abort() must kill the process with SIGABRT (a shell reports status 134) after
 * the output flushed before it; no handler is installed.  Also checks that an ignored
 * signal (SIGUSR1 set to SIG_IGN) does not kill it first.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("survived ignored SIGUSR1\n");
    printf("calling abort()\n");
    fflush(stdout);
    abort();
    printf("abort() returned\n");
    return 0;
}
