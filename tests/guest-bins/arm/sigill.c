/*
 * sigill: a permanently undefined instruction (UDF) with no handler must kill the
 * process with SIGILL (shell status 132).  In ARM mode this is the 32-bit UDF #0 encoding
 * 0xe7f000f0, in Thumb mode the 16-bit 0xde00.
 */
#include <stdio.h>

int main(void)
{
    printf("executing udf\n");
    fflush(stdout);
    __asm__ volatile("udf #0");
    printf("udf did not trap\n");
    return 0;
}
