/* Logging (-d, -D) and user-facing error lines. */
#include <stdarg.h>

#include "linux-user/xemu.h"

unsigned xemu_log_mask;
FILE *xemu_log_file;

void xemu_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(xemu_log_file ? xemu_log_file : stderr, fmt, ap);
    va_end(ap);
}

void xemu_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "xemu-%s: ", guest_arch ? guest_arch->name : "?");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
