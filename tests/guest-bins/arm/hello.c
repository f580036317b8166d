/*
 * hello: the smallest end-to-end check of process start-up.
 * Prints a greeting, then argv[1..] and the whole environment (the runner starts the
 * program with an empty environment plus a few fixed variables), then exits with status 3.
 * argv[0] is not printed: it is the build path of the binary.
 * The same expected output is shared by hello_pie.c (a static-pie, libc-free variant).
 */
#include <stdio.h>

int main(int argc, char **argv, char **envp)
{
    printf("hello, world\n");
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\"\n", i, argv[i]);
    if (argv[argc] != NULL)
        printf("argv[argc] is not NULL\n");
    int n = 0;
    for (char **e = envp; *e; e++, n++)
        printf("envp[%d]=\"%s\"\n", n, *e);
    printf("envc=%d\n", n);
    return 3;
}
