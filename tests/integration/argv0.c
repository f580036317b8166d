/*
 * argv0: what a program started through binfmt_misc sees. Prints argc, every argv[i],
 * /proc/self/exe and the real and effective uid. "--exit N" exits with N, "--abort"
 * dies of SIGABRT (status pass-through), "--exec FILE ARGS..." executes FILE with argv
 * FILE ARGS...; otherwise exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    printf("exe=%s\n", exe);
    printf("uid=%d euid=%d\n", (int)getuid(), (int)geteuid());
    fflush(stdout);
    if (argc > 2 && strcmp(argv[1], "--exit") == 0) {
        return atoi(argv[2]);
    }
    if (argc > 1 && strcmp(argv[1], "--abort") == 0) {
        abort();
    }
    if (argc > 2 && strcmp(argv[1], "--exec") == 0) {
        execv(argv[2], argv + 2);
        perror("execv");
        return 127;
    }
    return 0;
}
