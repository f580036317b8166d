/*
 * sigsegv: a store through a null pointer with no handler must kill the process with
 * SIGSEGV (shell status 139).
 */
#include <stdio.h>

int main(void)
{
    volatile int *p = (volatile int *)0;
    printf("writing to address 0\n");
    fflush(stdout);
    *p = 42;
    printf("store did not fault\n");
    return 0;
}
