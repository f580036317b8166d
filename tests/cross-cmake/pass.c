/* Passes only when it really runs as a 32-bit ARM Linux program. */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;
    if (uname(&u) != 0) {
        perror("uname");
        return 1;
    }
    printf("pass: machine=%s pointer=%zu bits\n", u.machine, sizeof(void *) * 8);
    return strncmp(u.machine, "arm", 3) == 0 && sizeof(void *) == 4 ? 0 : 1;
}
