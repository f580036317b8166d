/*
 * hello_pie: hello as a static-pie executable (ET_DYN, no PT_INTERP), so the ELF loader
 * must pick a load base and the program relocates itself.  Debian's armhf glibc has no
 * rcrt1.o (no static-pie support), so this variant carries its own start-up code and
 * system calls and uses no libc.  Its output is identical to hello.c's (same .ref).
 *
 * _start (below) passes the initial stack pointer to start_c(), which applies the
 * R_ARM_RELATIVE relocations listed in _DYNAMIC before touching any pointer table.
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>

/* Link-time address 0 for a PIE: &__ehdr_start at run time is the load bias. */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
extern Elf32_Dyn _DYNAMIC[] __attribute__((visibility("hidden")));

static long sys3(long nr, long a, long b, long c)
{
    register long r7 __asm__("r7") = nr;
    register long r0 __asm__("r0") = a;
    register long r1 __asm__("r1") = b;
    register long r2 __asm__("r2") = c;
    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r7), "r"(r1), "r"(r2) : "memory");
    return r0;
}

static void out_str(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    sys3(4 /* write */, 1, (long)s, (long)n);
}

static void out_dec(int v)
{
    char buf[16];
    int i = sizeof buf;
    unsigned u = v < 0 ? -(unsigned)v : (unsigned)v;
    buf[--i] = 0;
    do {
        buf[--i] = '0' + u % 10;
        u /= 10;
    } while (u);
    if (v < 0)
        buf[--i] = '-';
    out_str(buf + i);
}

/* A table of pointers: needs R_ARM_RELATIVE relocations to be right. */
static const char *const fmt[] = { "argv[", "]=\"", "\"\n", "envp[", "envc=", "argc=" };
static volatile int fmt_index_base; /* keeps the table from being folded away */

__attribute__((used)) static void start_c(uint32_t *sp)
{
    uintptr_t bias = (uintptr_t)__ehdr_start;
    const Elf32_Rel *rel = NULL;
    uint32_t relsz = 0;
    for (Elf32_Dyn *d = _DYNAMIC; d->d_tag != DT_NULL; d++) {
        if (d->d_tag == DT_REL)
            rel = (const Elf32_Rel *)(bias + d->d_un.d_ptr);
        else if (d->d_tag == DT_RELSZ)
            relsz = d->d_un.d_val;
    }
    for (uint32_t i = 0; rel && i < relsz / sizeof *rel; i++) {
        if (ELF32_R_TYPE(rel[i].r_info) == R_ARM_RELATIVE)
            *(uint32_t *)(bias + rel[i].r_offset) += bias;
        else
            sys3(1 /* exit */, 99, 0, 0);
    }

    int b = fmt_index_base;
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    out_str("hello, world\n");
    out_str(fmt[b + 5]);
    out_dec(argc);
    out_str("\n");
    for (int i = 1; i < argc; i++) {
        out_str(fmt[b + 0]);
        out_dec(i);
        out_str(fmt[b + 1]);
        out_str(argv[i]);
        out_str(fmt[b + 2]);
    }
    if (argv[argc] != NULL)
        out_str("argv[argc] is not NULL\n");
    int n = 0;
    for (char **e = envp; *e; e++, n++) {
        out_str(fmt[b + 3]);
        out_dec(n);
        out_str(fmt[b + 1]);
        out_str(*e);
        out_str(fmt[b + 2]);
    }
    out_str(fmt[b + 4]);
    out_dec(n);
    out_str("\n");
    sys3(1 /* exit */, 3, 0, 0);
}

/* Entry: sp points at argc.  Works in both instruction sets (unified syntax). */
__asm__(".text\n"
        ".global _start\n"
        ".type _start, %function\n"
        "_start:\n"
        "    mov r0, sp\n"
        "    bl start_c\n"
        "    udf #0\n");
