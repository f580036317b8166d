/*
 * Unit tests for the ELF loader (linux-user/elfload.c) and the ARM kuser helper page
 * (linux-user/arm/kuser.c). ELF files are crafted here in C: hostile headers must give
 * a reason from elf_check_image() and status 126/127 from elf_load() without crashing,
 * and small valid ARM programs must load with the right segments, protections, entry,
 * brk and initial stack (argc/argv/envp/auxv). A short fuzz run mutates a valid image.
 * The kuser code words are disassembled with capstone and compared with their source.
 */
#define _GNU_SOURCE
#include <capstone/capstone.h>
#include <elf.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-user/elfload.h"
#include "softmmu/mmu.h"

/*
 * xemu_opts lives in main.c, which the test executables do not link; a weak definition
 * here steps aside if the runtime library ever provides it.
 */
__attribute__((weak)) XemuOptions xemu_opts;
__attribute__((weak)) ImageInfo image_info;

static uint32_t test_hwcap(void)
{
    return 0x0037b0d6u;
}

static uint32_t test_hwcap2(void)
{
    return 0x10u;
}

static const GuestArch test_arm = {
    .name = "arm",
    .uname_machine = "armv7l",
    .elf_machine = EM_ARM,
    .big_endian = false,
    .hwcap = test_hwcap,
    .hwcap2 = test_hwcap2,
    .platform = "v7l",
};

static const GuestArch test_armeb = {
    .name = "armeb",
    .elf_machine = EM_ARM,
    .big_endian = true,
    .platform = "v7b",
};

static char *tmp_dir;

/* ---- crafting ELF files ---- */

#define IMG_SIZE 0x1400u
#define NPH 4

enum { PH_TEXT, PH_DATA, PH_STACK, PH_NOTE };

typedef struct Image {
    uint8_t b[IMG_SIZE];
    size_t len;
    bool be;
} Image;

static void w16(Image *im, size_t off, uint16_t v)
{
    if (im->be) {
        im->b[off] = (uint8_t)(v >> 8);
        im->b[off + 1] = (uint8_t)v;
    } else {
        im->b[off] = (uint8_t)v;
        im->b[off + 1] = (uint8_t)(v >> 8);
    }
}

static void w32(Image *im, size_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        im->b[off + (size_t)(im->be ? 3 - i : i)] = (uint8_t)(v >> (8 * i));
    }
}

static size_t ph_off(unsigned i, size_t field)
{
    return sizeof(Elf32_Ehdr) + i * sizeof(Elf32_Phdr) + field;
}

#define SET_PH(im, i, field, v) w32((im), ph_off((i), offsetof(Elf32_Phdr, field)), (v))
#define SET_EH16(im, field, v) w16((im), offsetof(Elf32_Ehdr, field), (v))
#define SET_EH32(im, field, v) w32((im), offsetof(Elf32_Ehdr, field), (v))

/*
 * A small static ARM program:
 *   text  R-X  file [0, 0x1000)       -> 0x10000 (headers + code at 0x10100)
 *   data  RW-  file [0x1000, 0x1040)  -> 0x21000, memsz 0x3000 (bss to 0x24000)
 *   PT_GNU_STACK RW-, PT_NOTE
 * For ET_DYN the addresses are 0 and 0x11000.
 */
static void make_image(Image *im, uint16_t type, bool be)
{
    memset(im, 0, sizeof(*im));
    im->be = be;
    im->len = IMG_SIZE;
    memcpy(im->b, ELFMAG, SELFMAG);
    im->b[EI_CLASS] = ELFCLASS32;
    im->b[EI_DATA] = be ? ELFDATA2MSB : ELFDATA2LSB;
    im->b[EI_VERSION] = EV_CURRENT;
    uint32_t base = type == ET_EXEC ? 0x10000u : 0;
    SET_EH16(im, e_type, type);
    SET_EH16(im, e_machine, EM_ARM);
    SET_EH32(im, e_version, EV_CURRENT);
    SET_EH32(im, e_entry, base + 0x100);
    SET_EH32(im, e_phoff, sizeof(Elf32_Ehdr));
    SET_EH32(im, e_flags, 0x05000400);
    SET_EH16(im, e_ehsize, sizeof(Elf32_Ehdr));
    SET_EH16(im, e_phentsize, sizeof(Elf32_Phdr));
    SET_EH16(im, e_phnum, NPH);

    SET_PH(im, PH_TEXT, p_type, PT_LOAD);
    SET_PH(im, PH_TEXT, p_offset, 0);
    SET_PH(im, PH_TEXT, p_vaddr, base);
    SET_PH(im, PH_TEXT, p_paddr, base);
    SET_PH(im, PH_TEXT, p_filesz, 0x1000);
    SET_PH(im, PH_TEXT, p_memsz, 0x1000);
    SET_PH(im, PH_TEXT, p_flags, PF_R | PF_X);
    SET_PH(im, PH_TEXT, p_align, 0x1000);

    SET_PH(im, PH_DATA, p_type, PT_LOAD);
    SET_PH(im, PH_DATA, p_offset, 0x1000);
    SET_PH(im, PH_DATA, p_vaddr, base + 0x11000);
    SET_PH(im, PH_DATA, p_paddr, base + 0x11000);
    SET_PH(im, PH_DATA, p_filesz, 0x40);
    SET_PH(im, PH_DATA, p_memsz, 0x3000);
    SET_PH(im, PH_DATA, p_flags, PF_R | PF_W);
    SET_PH(im, PH_DATA, p_align, 0x1000);

    SET_PH(im, PH_STACK, p_type, PT_GNU_STACK);
    SET_PH(im, PH_STACK, p_flags, PF_R | PF_W);
    SET_PH(im, PH_NOTE, p_type, PT_NOTE);

    /* Code: mov r0, #0; mov r7, #1; svc #0 */
    w32(im, 0x100, 0xe3a00000);
    w32(im, 0x104, 0xe3a07001);
    w32(im, 0x108, 0xef000000);
    for (unsigned i = 0; i < 0x40; i++) {
        im->b[0x1000 + i] = (uint8_t)(0xa0 + i);
    }
    /* File bytes after the data segment: must not show up in the bss. */
    memset(im->b + 0x1040, 0xcc, IMG_SIZE - 0x1040);
}

static char *write_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    GError *err = NULL;
    g_assert_true(g_file_set_contents(path, data, (gssize)len, &err));
    g_assert_no_error(err);
    return path;
}

/* Unmaps everything but the kuser page, so each load starts from a clean space. */
static void reset_space(void)
{
    g_assert_cmpint(mmu_munmap(0x1000, 0xffff0000u - 0x1000), ==, 0);
    xemu_opts.ld_prefix = NULL;
    xemu_opts.stack_size = 0;
}

static char *const test_argv[] = {"prog", "arg one", "", NULL};
static char *const test_envp[] = {"A=1", "PATH=/bin", NULL};

/* Expects elf_check_image() to reject im with a reason containing `want`, and elf_load() to give 126. */
static void expect_bad(const Image *im, size_t len, const char *want)
{
    const char *why = elf_check_image(im->b, len, guest_arch);
    if (!why || !strstr(why, want)) {
        g_error("expected '%s', got '%s'", want, why ? why : "(accepted)");
    }
    char *path = write_file("bad", im->b, len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 126);
    g_free(path);
}

/* ---- hostile files ---- */

static void test_not_elf(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    g_assert_null(elf_check_image(im.b, im.len, guest_arch));
    expect_bad(&im, 0, "not an ELF file");
    expect_bad(&im, 3, "not an ELF file");
    memcpy(im.b, "#!/bin/sh\necho hi\n", 19);
    expect_bad(&im, 19, "not an ELF file");
    make_image(&im, ET_EXEC, false);
    expect_bad(&im, 10, "truncated ELF header");
    expect_bad(&im, 40, "truncated ELF header");
}

static void test_wrong_kind(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    im.b[EI_CLASS] = ELFCLASS64;
    expect_bad(&im, im.len, "64-bit");
    make_image(&im, ET_EXEC, false);
    SET_EH16(&im, e_machine, EM_X86_64);
    expect_bad(&im, im.len, "ELF for another machine (x86_64)");
    make_image(&im, ET_EXEC, false);
    SET_EH16(&im, e_machine, 0x7777);
    expect_bad(&im, im.len, "another machine");
    make_image(&im, ET_EXEC, true);
    expect_bad(&im, im.len, "big-endian ELF file for a little-endian guest");
    g_assert_null(elf_check_image(im.b, im.len, &test_armeb));
    make_image(&im, ET_EXEC, false);
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_armeb), "little-endian"));
    make_image(&im, ET_REL, false);
    expect_bad(&im, im.len, "relocatable");
    make_image(&im, ET_CORE, false);
    expect_bad(&im, im.len, "core dump");
    make_image(&im, ET_EXEC, false);
    im.b[EI_DATA] = 7;
    expect_bad(&im, im.len, "byte order");
    make_image(&im, ET_EXEC, false);
    im.b[EI_VERSION] = 0;
    expect_bad(&im, im.len, "version");

    /* The test executable itself: a real x86_64 ELF64. */
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load("/proc/self/exe", test_argv, test_envp, &info), ==, 126);
}

static void test_bad_phdrs(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    expect_bad(&im, sizeof(Elf32_Ehdr) + 40, "truncated program headers");
    SET_EH32(&im, e_phoff, 0x7ffffff0);
    expect_bad(&im, im.len, "truncated program headers");
    make_image(&im, ET_EXEC, false);
    SET_EH32(&im, e_phoff, 0xffffffff);
    expect_bad(&im, im.len, "truncated program headers");
    make_image(&im, ET_EXEC, false);
    SET_EH16(&im, e_phnum, 65535);
    expect_bad(&im, im.len, "too many program headers");
    make_image(&im, ET_EXEC, false);
    SET_EH16(&im, e_phnum, 0);
    expect_bad(&im, im.len, "no program headers");
    make_image(&im, ET_EXEC, false);
    SET_EH16(&im, e_phentsize, 56);
    expect_bad(&im, im.len, "program header size");
    make_image(&im, ET_EXEC, false);
    SET_EH16(&im, e_phentsize, 0);
    expect_bad(&im, im.len, "program header size");
}

static void test_bad_segments(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_vaddr, 0xfffff000);
    expect_bad(&im, im.len, "outside the 32-bit address space");
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_memsz, 0xffffffff);
    expect_bad(&im, im.len, "outside the 32-bit address space");
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_filesz, 0x4000);
    expect_bad(&im, im.len, "file size larger than its memory size");
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_offset, 0x100000);
    expect_bad(&im, im.len, "beyond the end of the file");
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_offset, 0xfffffff0);
    expect_bad(&im, im.len, "beyond the end of the file");
    make_image(&im, ET_EXEC, false);
    expect_bad(&im, 0x1020, "beyond the end of the file"); /* truncated file */
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_TEXT, p_type, PT_NULL);
    SET_PH(&im, PH_DATA, p_type, PT_NULL);
    expect_bad(&im, im.len, "no loadable segments");
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_vaddr, 0x10800); /* inside the text segment */
    SET_PH(&im, PH_DATA, p_offset, 0x800);
    expect_bad(&im, im.len, "overlapping");
    /* PT_INTERP not NUL-terminated, empty, or outside the file. */
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_NOTE, p_type, PT_INTERP);
    SET_PH(&im, PH_NOTE, p_offset, 0x200);
    SET_PH(&im, PH_NOTE, p_filesz, 4);
    memcpy(im.b + 0x200, "/lib", 4);
    expect_bad(&im, im.len, "PT_INTERP");
    SET_PH(&im, PH_NOTE, p_filesz, 0);
    expect_bad(&im, im.len, "PT_INTERP");
    SET_PH(&im, PH_NOTE, p_offset, 0xfffffff0);
    SET_PH(&im, PH_NOTE, p_filesz, 0x20);
    expect_bad(&im, im.len, "PT_INTERP");
    /* A segment in page 0 cannot be mapped. */
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_TEXT, p_vaddr, 0);
    const char *why = elf_check_image(im.b, im.len, guest_arch);
    g_assert_null(why);
    char *path = write_file("page0", im.b, im.len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 126);
    g_free(path);
}

static void test_file_errors(void)
{
    ImageInfo info;
    char *missing = g_build_filename(tmp_dir, "does-not-exist", NULL);
    reset_space();
    g_assert_cmpint(elf_load(missing, test_argv, test_envp, &info), ==, 127);
    g_assert_cmpint(elf_load(tmp_dir, test_argv, test_envp, &info), ==, 126);
    g_assert_cmpint(elf_load("/dev/null", test_argv, test_envp, &info), ==, 126);
    g_free(missing);
    if (geteuid() != 0) {
        Image im;
        make_image(&im, ET_EXEC, false);
        char *path = write_file("noread", im.b, im.len);
        g_assert_cmpint(chmod(path, 0), ==, 0);
        g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 126);
        g_free(path);
    }
}

/* ---- valid programs ---- */

static uint32_t rd_guest(uint32_t addr)
{
    uint32_t v;
    memcpy(&v, g2h(addr), 4);
    return guest_arch->big_endian ? GUINT32_FROM_BE(v) : GUINT32_FROM_LE(v);
}

/* Value of an auxv entry, or `missing` if absent. */
static uint32_t auxv_get(const ImageInfo *info, uint32_t type, uint32_t missing)
{
    for (uint32_t a = info->auxv_start; a < info->auxv_end; a += 8) {
        if (rd_guest(a) == type) {
            return rd_guest(a + 4);
        }
    }
    return missing;
}

/* Checks the initial stack against test_argv/test_envp and the generic auxv entries. */
static void check_stack(const ImageInfo *info, const char *path)
{
    uint32_t sp = info->sp;
    g_assert_cmpuint(sp & 15, ==, 0);
    g_assert_cmpuint(sp, >, info->stack_limit);
    g_assert_true(mmu_access_ok(info->stack_limit, sp - info->stack_limit,
                                PAGE_READ | PAGE_WRITE));
    g_assert_cmpuint(rd_guest(sp), ==, 3);
    for (unsigned i = 0; i < 3; i++) {
        g_assert_cmpstr(g2h(rd_guest(sp + 4 + 4 * i)), ==, test_argv[i]);
    }
    g_assert_cmpuint(rd_guest(sp + 16), ==, 0);
    g_assert_cmpstr(g2h(rd_guest(sp + 20)), ==, "A=1");
    g_assert_cmpstr(g2h(rd_guest(sp + 24)), ==, "PATH=/bin");
    g_assert_cmpuint(rd_guest(sp + 28), ==, 0);
    g_assert_cmpuint(info->auxv_start, ==, sp + 32);
    g_assert_cmpuint(rd_guest(info->auxv_end - 8), ==, AT_NULL);
    g_assert_cmpuint(rd_guest(sp + 4), ==, info->arg_start);
    g_assert_cmpuint(info->arg_end, ==, info->env_start);
    g_assert_cmpstr(g2h(info->env_start), ==, "A=1");
    g_assert_cmpuint(info->env_end, ==, info->env_start + 14);

    g_assert_cmpuint(auxv_get(info, AT_PHDR, 1), ==, info->phdr);
    g_assert_cmpuint(auxv_get(info, AT_PHENT, 1), ==, 32);
    g_assert_cmpuint(auxv_get(info, AT_PHNUM, 1), ==, NPH);
    g_assert_cmpuint(auxv_get(info, AT_PAGESZ, 1), ==, 4096);
    g_assert_cmpuint(auxv_get(info, AT_BASE, 1), ==, info->interp_base);
    g_assert_cmpuint(auxv_get(info, AT_FLAGS, 1), ==, 0);
    g_assert_cmpuint(auxv_get(info, AT_ENTRY, 1), ==, info->prog_entry);
    g_assert_cmpuint(auxv_get(info, AT_UID, 1), ==, getuid());
    g_assert_cmpuint(auxv_get(info, AT_EUID, 1), ==, geteuid());
    g_assert_cmpuint(auxv_get(info, AT_GID, 1), ==, getgid());
    g_assert_cmpuint(auxv_get(info, AT_EGID, 1), ==, getegid());
    g_assert_cmpuint(auxv_get(info, AT_SECURE, 1), ==, 0);
    g_assert_cmpuint(auxv_get(info, AT_HWCAP, 1), ==, 0x0037b0d6u);
    g_assert_cmpuint(auxv_get(info, AT_HWCAP2, 1), ==, 0x10u);
    g_assert_cmpuint(auxv_get(info, AT_CLKTCK, 1), ==, 100);
    uint32_t rnd = auxv_get(info, AT_RANDOM, 0);
    g_assert_cmpuint(rnd, >, sp);
    g_assert_cmpstr(g2h(auxv_get(info, AT_PLATFORM, 0)), ==, "v7l");
    g_assert_cmpuint(auxv_get(info, AT_EXECFN, 0), ==, info->execfn);
    g_assert_cmpstr(g2h(info->execfn), ==, path);
    /* Strings sit at the top of the stack, below one zero word. */
    g_assert_cmpuint(info->execfn + strlen(path) + 1 + 4, ==,
                     GUEST_PAGE_ALIGN(info->execfn));
}

static void test_load_exec(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    char *path = write_file("static-exec", im.b, im.len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(info.entry, ==, 0x10100);
    g_assert_cmpuint(info.prog_entry, ==, 0x10100);
    g_assert_cmpuint(info.load_bias, ==, 0);
    g_assert_cmpuint(info.phdr, ==, 0x10034);
    g_assert_cmpuint(info.phnum, ==, NPH);
    g_assert_cmpuint(info.phent, ==, 32);
    g_assert_cmpuint(info.interp_base, ==, 0);
    g_assert_null(info.interp_path);
    g_assert_cmpuint(info.e_flags, ==, 0x05000400);
    g_assert_false(info.exec_stack);
    g_assert_cmpuint(info.start_code, ==, 0x10000);
    g_assert_cmpuint(info.end_code, ==, 0x11000);
    g_assert_cmpuint(info.start_data, ==, 0x21000);
    g_assert_cmpuint(info.end_data, ==, 0x21040);
    g_assert_cmpuint(info.start_brk, ==, 0x24000);
    g_assert_cmpuint(mmu_brk(0), ==, 0x24000);
    g_assert_cmpuint(info.stack_limit, ==, GUEST_STACK_TOP - 8 * 1024 * 1024);
    g_assert_cmpint(mmu_page_flags(GUEST_STACK_TOP - 4) & PAGE_EXEC, ==, 0);

    g_assert_cmpint(mmu_page_flags(0x10000), ==, PAGE_VALID | PAGE_READ | PAGE_EXEC);
    g_assert_cmpint(mmu_page_flags(0x21000) & ~PAGE_ANON, ==, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    g_assert_cmpint(mmu_page_flags(0x23000), ==, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    g_assert_cmpint(mmu_page_flags(0x24000), ==, 0);
    g_assert_cmpint(mmu_page_flags(0x11000), ==, 0);
    g_assert_cmpuint(rd_guest(0x10100), ==, 0xe3a00000);
    g_assert_cmpmem(g2h(0x21000), 0x40, im.b + 0x1000, 0x40);
    for (uint32_t a = 0x21040; a < 0x24000; a++) {
        g_assert_cmpuint(*(uint8_t *)g2h(a), ==, 0);
    }
    check_stack(&info, path);

    char *maps = mmu_maps_text();
    g_assert_nonnull(strstr(maps, "00010000-00011000 r-xp 00000000"));
    g_assert_nonnull(strstr(maps, "static-exec"));
    g_assert_nonnull(strstr(maps, "[stack]"));
    g_free(maps);
    g_free(path);
}

static void test_load_pie(void)
{
    Image im;
    make_image(&im, ET_DYN, false);
    /* No PT_GNU_STACK: ARM defaults to an executable stack. */
    SET_PH(&im, PH_STACK, p_type, PT_NULL);
    char *path = write_file("static-pie", im.b, im.len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(info.load_bias, ==, GUEST_PIE_BASE);
    g_assert_cmpuint(info.entry, ==, GUEST_PIE_BASE + 0x100);
    g_assert_cmpuint(info.phdr, ==, GUEST_PIE_BASE + 0x34);
    g_assert_true(info.exec_stack);
    g_assert_cmpint(mmu_page_flags(GUEST_STACK_TOP - 4) & PAGE_EXEC, ==, PAGE_EXEC);
    g_assert_cmpint(mmu_page_flags(GUEST_PIE_BASE), ==, PAGE_VALID | PAGE_READ | PAGE_EXEC);
    /* The gap between the segments is not left mapped. */
    g_assert_cmpint(mmu_page_flags(GUEST_PIE_BASE + 0x1000), ==, 0);
    g_assert_cmpint(mmu_page_flags(GUEST_PIE_BASE + 0x10000), ==, 0);
    g_assert_cmpmem(g2h(GUEST_PIE_BASE + 0x11000), 0x40, im.b + 0x1000, 0x40);
    g_assert_cmpuint(info.start_brk, ==, GUEST_PIE_BASE + 0x14000);
    check_stack(&info, path);
    g_free(path);
}

/* Segments not congruent with their file offsets, and two segments sharing a page. */
static void test_load_unaligned(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_TEXT, p_filesz, 0x180);
    SET_PH(&im, PH_TEXT, p_memsz, 0x180);
    SET_PH(&im, PH_DATA, p_vaddr, 0x10180 + 0x10);
    SET_PH(&im, PH_DATA, p_offset, 0x1000);
    SET_PH(&im, PH_DATA, p_memsz, 0x1000);
    char *path = write_file("unaligned", im.b, im.len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(rd_guest(0x10100), ==, 0xe3a00000);
    g_assert_cmpmem(g2h(0x10190), 0x40, im.b + 0x1000, 0x40);
    for (uint32_t a = 0x101d0; a < 0x11190; a++) {
        g_assert_cmpuint(*(uint8_t *)g2h(a), ==, 0);
    }
    /* The shared page gets both protections. */
    g_assert_cmpint(mmu_page_flags(0x10000) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC), ==,
                    PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    g_assert_cmpint(mmu_page_flags(0x11000) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC), ==,
                    PAGE_READ | PAGE_WRITE);
    g_assert_cmpuint(info.start_brk, ==, 0x12000);
    g_free(path);

    /* A bss-only segment starting in the last page of the text. */
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_TEXT, p_filesz, 0x200);
    SET_PH(&im, PH_TEXT, p_memsz, 0x200);
    SET_PH(&im, PH_DATA, p_vaddr, 0x10200);
    SET_PH(&im, PH_DATA, p_filesz, 0);
    SET_PH(&im, PH_DATA, p_memsz, 0x2000);
    path = write_file("bss-only", im.b, im.len);
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(rd_guest(0x10100), ==, 0xe3a00000);
    for (uint32_t a = 0x10200; a < 0x12200; a++) {
        g_assert_cmpuint(*(uint8_t *)g2h(a), ==, 0);
    }
    g_assert_cmpint(mmu_page_flags(0x12000) & PAGE_WRITE, ==, PAGE_WRITE);
    g_free(path);
}

/* A small bss: the rest of its page still reads as zero (ld.so's early malloc needs it). */
static void test_bss_page_tail(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_memsz, 0x80);
    char *path = write_file("small-bss", im.b, im.len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpmem(g2h(0x21000), 0x40, im.b + 0x1000, 0x40);
    for (uint32_t a = 0x21040; a < 0x22000; a++) {
        g_assert_cmpuint(*(uint8_t *)g2h(a), ==, 0);
    }
    g_assert_cmpuint(info.start_brk, ==, 0x22000);
    g_free(path);

    /* Without a bss the file bytes after the segment stay, as in Linux. */
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_DATA, p_memsz, 0x40);
    path = write_file("no-bss", im.b, im.len);
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(*(uint8_t *)g2h(0x21040), ==, 0xcc);
    g_free(path);
}

static void test_load_interp(void)
{
    /* The interpreter: an ET_DYN image. */
    Image in;
    make_image(&in, ET_DYN, false);
    SET_EH32(&in, e_entry, 0x104);
    char *interp_path = write_file("ld-test.so", in.b, in.len);

    Image im;
    make_image(&im, ET_EXEC, false);
    SET_PH(&im, PH_NOTE, p_type, PT_INTERP);
    SET_PH(&im, PH_NOTE, p_offset, 0x200);
    SET_PH(&im, PH_NOTE, p_filesz, (uint32_t)strlen(interp_path) + 1);
    memcpy(im.b + 0x200, interp_path, strlen(interp_path) + 1);
    char *path = write_file("dyn-exec", im.b, im.len);

    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpstr(info.interp_path, ==, interp_path);
    g_assert_cmpuint(info.interp_base, ==, GUEST_INTERP_BASE);
    g_assert_cmpuint(info.entry, ==, GUEST_INTERP_BASE + 0x104);
    g_assert_cmpuint(info.prog_entry, ==, 0x10100);
    g_assert_cmpuint(info.start_brk, ==, 0x24000);
    g_assert_cmpint(mmu_page_flags(GUEST_INTERP_BASE), ==, PAGE_VALID | PAGE_READ | PAGE_EXEC);
    check_stack(&info, path);
    g_free(info.interp_path);

    /* Found under -L: PT_INTERP "/ld-test.so" with the prefix tmp_dir. */
    memcpy(im.b + 0x200, "/ld-test.so", 12);
    SET_PH(&im, PH_NOTE, p_filesz, 12);
    g_free(path);
    path = write_file("dyn-exec-prefix", im.b, im.len);
    reset_space();
    xemu_opts.ld_prefix = tmp_dir;
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(info.interp_base, ==, GUEST_INTERP_BASE);
    g_free(info.interp_path);

    /* Missing interpreter: 127, like the shell's "required file not found". */
    memcpy(im.b + 0x200, "/no/such/ld.so", 15);
    SET_PH(&im, PH_NOTE, p_filesz, 15);
    g_free(path);
    path = write_file("dyn-exec-missing", im.b, im.len);
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 127);

    /* A broken interpreter: 126. */
    memcpy(im.b + 0x200, "/bad-ld.so", 11);
    SET_PH(&im, PH_NOTE, p_filesz, 11);
    g_free(path);
    path = write_file("dyn-exec-badinterp", im.b, im.len);
    char *bad = write_file("bad-ld.so", "#!/bin/sh\n", 10);
    reset_space();
    xemu_opts.ld_prefix = tmp_dir;
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 126);
    g_free(bad);
    g_free(path);
    g_free(interp_path);
}

static void test_stack_options(void)
{
    Image im;
    make_image(&im, ET_EXEC, false);
    char *path = write_file("stack-exec", im.b, im.len);
    ImageInfo info;
    reset_space();
    xemu_opts.stack_size = 64 * 1024;
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(info.stack_limit, ==, GUEST_STACK_TOP - 64 * 1024);
    check_stack(&info, path);

    /* Arguments that do not fit: E2BIG, status 126. */
    char *big = g_malloc(100 * 1024);
    memset(big, 'x', 100 * 1024 - 1);
    big[100 * 1024 - 1] = 0;
    char *argv[] = {"prog", big, NULL};
    reset_space();
    xemu_opts.stack_size = 64 * 1024;
    g_assert_cmpint(elf_load(path, argv, test_envp, &info), ==, 126);
    g_free(big);

    /* No arguments and no environment at all. */
    reset_space();
    g_assert_cmpint(elf_load(path, NULL, NULL, &info), ==, 0);
    g_assert_cmpuint(rd_guest(info.sp), ==, 0);
    g_assert_cmpuint(rd_guest(info.sp + 4), ==, 0);
    g_assert_cmpuint(rd_guest(info.sp + 8), ==, 0);
    g_assert_cmpuint(info.auxv_start, ==, info.sp + 12);
    g_free(path);
}

static void test_big_endian_stack(void)
{
    const GuestArch *saved = guest_arch;
    guest_arch = &test_armeb;
    Image im;
    make_image(&im, ET_EXEC, true);
    char *path = write_file("be-exec", im.b, im.len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpuint(info.entry, ==, 0x10100);
    uint8_t *p = g2h(info.sp);
    g_assert_cmpuint(p[3], ==, 3); /* argc stored big-endian */
    g_assert_cmpuint(p[0], ==, 0);
    g_assert_cmpstr(g2h(auxv_get(&info, AT_PLATFORM, 0)), ==, "v7b");
    guest_arch = saved;
    g_free(path);
}

/* ---- MIPS o32 ---- */

static const GuestArch test_mips_be = {
    .name = "mips",
    .elf_machine = EM_MIPS,
    .big_endian = true,
};

static const GuestArch test_mips_le = {
    .name = "mipsel",
    .elf_machine = EM_MIPS,
    .big_endian = false,
};

/*
 * The ARM test image turned into a MIPS32R2 o32 one (e_flags as gcc -march=mips32r2
 * writes them: ARCH_32R2 | O32 | CPIC | PIC | NOREORDER), with its PT_NOTE replaced by a
 * PT_MIPS_ABIFLAGS whose fp_abi is `fp_abi` (the code bytes do not matter here).
 */
static void make_mips_image(Image *im, bool be, int fp_abi)
{
    make_image(im, ET_EXEC, be);
    SET_EH16(im, e_machine, EM_MIPS);
    SET_EH32(im, e_flags, 0x70001007u);
    if (fp_abi >= 0) {
        SET_PH(im, PH_NOTE, p_type, 0x70000003u);
        SET_PH(im, PH_NOTE, p_offset, 0x200);
        SET_PH(im, PH_NOTE, p_vaddr, 0x10200);
        SET_PH(im, PH_NOTE, p_filesz, 24);
        SET_PH(im, PH_NOTE, p_memsz, 24);
        SET_PH(im, PH_NOTE, p_flags, PF_R);
        /* struct mips_elf_abiflags_v0: version 0, isa_level 32, isa_rev 2, gpr_size 1
         * (32 bits), cpr1_size 1, cpr2_size 0, fp_abi, then four zero words. */
        memset(im->b + 0x200, 0, 24);
        w16(im, 0x200, 0);
        im->b[0x202] = 32;
        im->b[0x203] = 2;
        im->b[0x204] = 1;
        im->b[0x205] = 1;
        im->b[0x207] = (uint8_t)fp_abi;
    }
}

static void test_mips_elf(void)
{
    const GuestArch *saved = guest_arch;
    Image im;

    /* Flags a 32-bit MIPS kernel refuses, each with its own reason. */
    make_mips_image(&im, true, 5);
    g_assert_null(elf_check_image(im.b, im.len, &test_mips_be));
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_mips_le), "big-endian"));
    SET_EH32(&im, e_flags, 0x70001007u | 0x20u);
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_mips_be), "n32"));
    SET_EH32(&im, e_flags, 0x70003007u); /* EABI32 */
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_mips_be), "ABI"));
    SET_EH32(&im, e_flags, 0x90001007u); /* MIPS32R6 */
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_mips_be), "Release 6"));
    SET_EH32(&im, e_flags, 0x70000007u); /* no ABI bits: o32 */
    g_assert_null(elf_check_image(im.b, im.len, &test_mips_be));
    SET_EH32(&im, e_flags, 0x00001000u); /* MIPS I o32 */
    g_assert_null(elf_check_image(im.b, im.len, &test_mips_be));
    make_mips_image(&im, true, 5);
    im.b[EI_CLASS] = ELFCLASS64;
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_mips_be), "64-bit"));
    make_mips_image(&im, true, 5);
    SET_PH(&im, PH_NOTE, p_filesz, 8);
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_mips_be), "ABIFLAGS"));
    make_mips_image(&im, true, 5);
    w16(&im, 0x200, 1);
    g_assert_nonnull(strstr(elf_check_image(im.b, im.len, &test_mips_be), "ABI flags version"));

    /* Both byte orders load; fp_abi reaches ImageInfo; the stack is in guest order. */
    for (int be = 0; be < 2; be++) {
        guest_arch = be ? &test_mips_be : &test_mips_le;
        make_mips_image(&im, be, be ? 6 : -1);
        char *path = write_file("mips-exec", im.b, im.len);
        ImageInfo info;
        reset_space();
        g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
        g_assert_cmpint(info.prog_fp_abi, ==, be ? 6 : -1);
        g_assert_cmpint(info.interp_fp_abi, ==, -1);
        g_assert_cmphex(info.e_flags, ==, 0x70001007u);
        g_assert_cmpuint(info.sp & 15, ==, 0);
        g_assert_cmpuint(rd_guest(info.sp), ==, 3);
        g_assert_cmpstr(g2h(rd_guest(info.sp + 8)), ==, "arg one");
        g_assert_cmpstr(g2h(rd_guest(info.sp + 24)), ==, "PATH=/bin");
        g_assert_cmpuint(auxv_get(&info, AT_ENTRY, 1), ==, 0x10100);
        g_assert_cmpuint(auxv_get(&info, AT_PAGESZ, 1), ==, 4096);
        g_assert_cmpstr(g2h(auxv_get(&info, AT_EXECFN, 0)), ==, path);
        uint8_t *p = g2h(info.sp);
        g_assert_cmpuint(p[be ? 3 : 0], ==, 3);
        g_assert_cmpstr(g2h(auxv_get(&info, AT_BASE_PLATFORM, 0)), ==, "mips32r2");
        g_assert_cmpuint(auxv_get(&info, AT_PLATFORM, 0xdead), ==, 0xdead);
        g_assert_cmpuint(auxv_get(&info, AT_HWCAP2, 0xdead), ==, 0xdead);
        g_assert_cmpuint(auxv_get(&info, AT_HWCAP, 0xdead), ==, 0);
        g_free(path);
    }
    guest_arch = saved;

    /* Not MIPS: no ABI flags. */
    make_image(&im, ET_EXEC, false);
    char *path = write_file("arm-exec", im.b, im.len);
    ImageInfo info;
    reset_space();
    g_assert_cmpint(elf_load(path, test_argv, test_envp, &info), ==, 0);
    g_assert_cmpint(info.prog_fp_abi, ==, -1);
    g_assert_cmpint(info.interp_fp_abi, ==, -1);
    g_free(path);
    reset_space();
}

/* Mutated images: elf_check_image never crashes; elf_load gives 0 or 126. */
static void test_fuzz(void)
{
    GRand *rng = g_rand_new_with_seed(12345);
    Image base;
    make_image(&base, ET_EXEC, false);
    Image im;
    for (int iter = 0; iter < 3000; iter++) {
        im = base;
        size_t len = im.len;
        int kind = g_rand_int_range(rng, 0, 4);
        if (kind == 0) {
            len = (size_t)g_rand_int_range(rng, 0, (gint32)im.len);
        } else {
            int flips = g_rand_int_range(rng, 1, 8);
            for (int f = 0; f < flips; f++) {
                /* Mostly hit the headers, where the interesting fields are. */
                size_t at = kind == 1 ? (size_t)g_rand_int_range(rng, 0, 0xb4)
                                      : (size_t)g_rand_int_range(rng, 0, (gint32)im.len);
                im.b[at] = kind == 3 ? (uint8_t)g_rand_int(rng) : im.b[at] ^ (uint8_t)(1u << g_rand_int_range(rng, 0, 8));
            }
        }
        const char *why = elf_check_image(im.b, len, guest_arch);
        if (iter % 10 == 0) {
            char *path = write_file("fuzz", im.b, len);
            ImageInfo info;
            reset_space();
            int st = elf_load(path, test_argv, test_envp, &info);
            g_assert_true(st == 0 || st == 126 || st == 127);
            if (why) {
                g_assert_cmpint(st, !=, 0);
            }
            if (st == 0) {
                g_free(info.interp_path);
            }
            g_free(path);
        }
    }
    g_rand_free(rng);
    reset_space();
}

/* ---- kuser page ---- */

static void test_kuser_disasm(void)
{
    csh cs;
    g_assert_cmpint(cs_open(CS_ARCH_ARM, CS_MODE_ARM, &cs), ==, CS_ERR_OK);
    uint32_t last = 0;
    for (unsigned i = 0; i < arm_kuser_code_len; i++) {
        const KuserInsn *k = &arm_kuser_code[i];
        g_assert_cmpuint(k->offset & 3, ==, 0);
        g_assert_cmpuint(k->offset, <, 0xffc);
        g_assert_true(i == 0 || k->offset > last);
        last = k->offset;
        uint8_t b[4];
        memcpy(b, &k->insn, 4);
        cs_insn *insn;
        size_t n = cs_disasm(cs, b, 4, KUSER_PAGE_ADDR + k->offset, 1, &insn);
        g_assert_cmpuint(n, ==, 1);
        char *text = g_strstrip(g_strdup_printf("%s %s", insn->mnemonic, insn->op_str));
        /* Capstone writes "#imm" and calls r9 "sb"; the table does not. */
        GString *norm = g_string_new(NULL);
        for (const char *c = text; *c; c++) {
            if (*c == '#') {
                continue;
            }
            if (c[0] == 's' && c[1] == 'b' && (c[2] == ',' || c[2] == '}' || c[2] == 0) &&
                c > text && (c[-1] == ' ' || c[-1] == '{')) {
                g_string_append(norm, "r9");
                c++;
                continue;
            }
            g_string_append_c(norm, *c);
        }
        if (strcmp(norm->str, k->text) != 0) {
            g_error("kuser +0x%03x: %08x disassembles to '%s', table says '%s'", k->offset,
                    k->insn, norm->str, k->text);
        }
        g_string_free(norm, TRUE);
        g_free(text);
        cs_free(insn, n);
    }
    cs_close(&cs);

    /* The documented entry points exist. */
    static const uint16_t entries[] = {0xf60, 0xfa0, 0xfc0, 0xfe0};
    for (unsigned e = 0; e < G_N_ELEMENTS(entries); e++) {
        bool found = false;
        for (unsigned i = 0; i < arm_kuser_code_len; i++) {
            found |= arm_kuser_code[i].offset == entries[e];
        }
        g_assert_true(found);
    }
}

static void test_kuser_page(void)
{
    reset_space();
    g_assert_true(arm_kuser_setup());
    g_assert_cmpint(mmu_page_flags(KUSER_PAGE_ADDR), ==, PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_ANON);
    g_assert_cmpuint(*(uint32_t *)g2h(0xffff0ffc), ==, KUSER_HELPER_VERSION);
    g_assert_cmpuint(*(uint32_t *)g2h(0xffff0fe0), ==, 0xee1d0f70); /* mrc p15, 0, r0, c13, c0, 3 */
    g_assert_cmpuint(*(uint32_t *)g2h(0xffff0fa0), ==, 0xf57ff05b); /* dmb ish */
    g_assert_cmpuint(*(uint32_t *)g2h(0xffff0000), ==, 0xe7f000f0); /* udf: unused */
    char *maps = mmu_maps_text();
    g_assert_nonnull(strstr(maps, "ffff0000-ffff1000 r-xp"));
    g_assert_nonnull(strstr(maps, "[vectors]"));
    g_free(maps);
}

static void test_kuser_assembler(void)
{
    /*
     * When the cross assembler is installed, assemble the table's text and compare the
     * words. Branch targets are rewritten relative to the instruction.
     */
    char *as = g_find_program_in_path("arm-linux-gnueabihf-as");
    char *objcopy = g_find_program_in_path("arm-linux-gnueabihf-objcopy");
    if (!as || !objcopy) {
        g_test_skip("arm-linux-gnueabihf-as not installed");
        g_free(as);
        g_free(objcopy);
        return;
    }
    GString *src = g_string_new("    .syntax unified\n    .arm\n    .text\n");
    for (unsigned i = 0; i < arm_kuser_code_len; i++) {
        const KuserInsn *k = &arm_kuser_code[i];
        g_string_append_printf(src, "    .org 0x%x\n", k->offset);
        const char *sp = strchr(k->text, ' ');
        uint32_t target;
        if (k->text[0] == 'b' && sp && sscanf(sp + 1, "0x%x", &target) == 1) {
            /* "bne 0xffff0e24" -> "bne .+<delta>" */
            int delta = (int)(target - (KUSER_PAGE_ADDR + k->offset));
            g_string_append_printf(src, "    %.*s .%+d\n", (int)(sp - k->text), k->text, delta);
        } else {
            /* gas wants "#" before immediates of mov/cmp. */
            char *t = g_strdup(k->text);
            if (g_str_has_prefix(t, "mov ") || g_str_has_prefix(t, "cmp ")) {
                char *comma = strrchr(t, ',');
                if (comma && g_ascii_isdigit(comma[2])) {
                    char *fixed = g_strdup_printf("%.*s, #%s", (int)(comma - t), t, comma + 2);
                    g_free(t);
                    t = fixed;
                }
            }
            g_string_append_printf(src, "    %s\n", t);
            g_free(t);
        }
    }
    char *s_path = g_build_filename(tmp_dir, "kuser.s", NULL);
    char *o_path = g_build_filename(tmp_dir, "kuser.o", NULL);
    char *bin_path = g_build_filename(tmp_dir, "kuser.bin", NULL);
    g_assert_true(g_file_set_contents(s_path, src->str, -1, NULL));
    char *cmd = g_strdup_printf("%s -march=armv7-a -o %s %s", as, o_path, s_path);
    gint status = -1;
    g_assert_true(g_spawn_command_line_sync(cmd, NULL, NULL, &status, NULL));
    g_assert_cmpint(status, ==, 0);
    g_free(cmd);
    cmd = g_strdup_printf("%s -O binary %s %s", objcopy, o_path, bin_path);
    g_assert_true(g_spawn_command_line_sync(cmd, NULL, NULL, &status, NULL));
    g_assert_cmpint(status, ==, 0);
    gchar *bin;
    gsize len;
    g_assert_true(g_file_get_contents(bin_path, &bin, &len, NULL));
    for (unsigned i = 0; i < arm_kuser_code_len; i++) {
        const KuserInsn *k = &arm_kuser_code[i];
        g_assert_cmpuint(len, >=, k->offset + 4u);
        uint32_t w;
        memcpy(&w, bin + k->offset, 4);
        if (w != k->insn) {
            g_error("kuser +0x%03x '%s': table %08x, assembler %08x", k->offset, k->text,
                    k->insn, w);
        }
    }
    g_free(bin);
    g_free(cmd);
    g_free(s_path);
    g_free(o_path);
    g_free(bin_path);
    g_string_free(src, TRUE);
    g_free(as);
    g_free(objcopy);
}

static void remove_tree(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) {
        return;
    }
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    g_dir_close(d);
    g_rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    guest_arch = &test_arm;
    if (!mmu_init()) {
        g_printerr("cannot reserve guest space\n");
        return 1;
    }
    GError *err = NULL;
    tmp_dir = g_dir_make_tmp("xemu-elf-XXXXXX", &err);
    g_assert_no_error(err);

    g_test_add_func("/elf/not_elf", test_not_elf);
    g_test_add_func("/elf/wrong_kind", test_wrong_kind);
    g_test_add_func("/elf/bad_phdrs", test_bad_phdrs);
    g_test_add_func("/elf/bad_segments", test_bad_segments);
    g_test_add_func("/elf/file_errors", test_file_errors);
    g_test_add_func("/elf/load_exec", test_load_exec);
    g_test_add_func("/elf/load_pie", test_load_pie);
    g_test_add_func("/elf/load_unaligned", test_load_unaligned);
    g_test_add_func("/elf/bss_page_tail", test_bss_page_tail);
    g_test_add_func("/elf/load_interp", test_load_interp);
    g_test_add_func("/elf/stack_options", test_stack_options);
    g_test_add_func("/elf/big_endian_stack", test_big_endian_stack);
    g_test_add_func("/elf/mips", test_mips_elf);
    g_test_add_func("/elf/fuzz", test_fuzz);
    g_test_add_func("/elf/kuser_disasm", test_kuser_disasm);
    g_test_add_func("/elf/kuser_page", test_kuser_page);
    g_test_add_func("/elf/kuser_assembler", test_kuser_assembler);
    int r = g_test_run();
    remove_tree(tmp_dir);
    g_free(tmp_dir);
    return r;
}
