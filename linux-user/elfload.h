/*
 * ELF loader: validates a guest ELF32 program (and its PT_INTERP dynamic linker), maps
 * their PT_LOAD segments into the guest address space and builds the initial stack the
 * way the Linux kernel does (strings, argc/argv/envp, auxiliary vector). The result is an
 * ImageInfo that the CPU setup, brk, /proc/self emulation and exec use.
 */
#ifndef XEMU_ELFLOAD_H
#define XEMU_ELFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "linux-user/xemu.h"

typedef struct ImageInfo {
    uint32_t entry;        /* first guest pc: the interpreter's entry if there is one, else the program's */
    uint32_t prog_entry;   /* AT_ENTRY */
    uint32_t load_bias;    /* 0 for ET_EXEC */
    uint32_t phdr, phnum, phent; /* AT_PHDR etc. (guest addresses) */
    uint32_t start_code, end_code, start_data, end_data, start_brk, brk;
    uint32_t interp_base;  /* AT_BASE, 0 if none */
    char *interp_path;     /* PT_INTERP as found in the file, or NULL */
    uint32_t sp;           /* initial stack pointer (points at argc) */
    uint32_t stack_limit;  /* lowest address of the stack mapping */
    uint32_t arg_start, arg_end, env_start, env_end, auxv_start, auxv_end; /* for /proc emulation */
    uint32_t execfn;       /* AT_EXECFN string address */
    bool exec_stack;       /* PT_GNU_STACK PF_X */
    uint32_t e_flags;
    /*
     * MIPS: the fp_abi of the program's PT_MIPS_ABIFLAGS (Val_GNU_MIPS_ABI_FP_*), or
     * -1 when it has none; the same for its interpreter (-1 also when there is none).
     */
    int prog_fp_abi, interp_fp_abi;
} ImageInfo;

/* The running program's image (defined in main.c). */
extern ImageInfo image_info;

/*
 * Loads the program at `path` (as the user gave it), maps it, loads its PT_INTERP
 * (looked up under xemu_opts.ld_prefix first when set, else as is) if any, builds the
 * initial stack. On failure prints ONE line "xemu-<arch>: <path>: <reason>" via
 * xemu_error() and returns the shell-style status: 127 if the file (or its interpreter)
 * does not exist, 126 for everything else. Returns 0 on success.
 */
int elf_load(const char *path, char *const argv[], char *const envp[], ImageInfo *info);

/*
 * elf_load() of a file that is already open (binfmt_misc's AT_EXECFD, which may name a
 * file xemu could not open itself): reads the program from fd (fd < 0: opens path) and
 * closes fd; path is still what messages and AT_EXECFN show.
 */
int elf_load_fd(int fd, const char *path, char *const argv[], char *const envp[],
                ImageInfo *info);

/*
 * Pure header/program-header validation of an in-memory image (the whole file): returns
 * NULL if acceptable for `arch`, else a short human reason ("not an ELF file", "ELF for
 * another machine (x86_64)", "truncated program headers", ...). The reason may point to
 * a per-thread buffer that the next call overwrites.
 */
const char *elf_check_image(const void *buf, size_t len, const GuestArch *arch);

/* Stores a 32-bit word at a guest address in the guest's byte order. */
void elf_put_guest_u32(uint32_t addr, uint32_t val);

/*
 * ARM kuser helper page (linux-user/arm/kuser.c): arm_kuser_setup() maps it at
 * 0xffff0000 (read+exec, "[vectors]"); the code table is exported for the unit test.
 */
#define KUSER_PAGE_ADDR 0xffff0000u
#define KUSER_PAGE_SIZE 4096u
#define KUSER_HELPER_VERSION 5u
typedef struct KuserInsn {
    uint16_t offset; /* in the page */
    uint32_t insn;   /* A32 encoding */
    const char *text; /* assembly, capstone-comparable ("#" dropped, r9 not "sb") */
} KuserInsn;
extern const KuserInsn arm_kuser_code[];
extern const unsigned arm_kuser_code_len;
void arm_kuser_fill(uint8_t *page);
bool arm_kuser_setup(void);

#endif
