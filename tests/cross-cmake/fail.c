/* Fails on purpose: dies of SIGABRT, which the test runner must report as a failure. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("fail: calling abort()\n");
    fflush(stdout);
    abort();
}
