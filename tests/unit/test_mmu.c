/*
 * Unit tests for softmmu/mmu.c: guest mmap/munmap/mprotect/mremap/brk with Linux
 * semantics and error cases, page flags, access checks, the invalidation hook,
 * /proc/self/maps text and thread safety. All tests share one guest address space, so
 * each works in its own fixed region.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/elfload.h"
#include "softmmu/mmu.h"

/*
 * The runtime library (linked whole) refers to these, which main.c defines; weak
 * definitions here step aside if a library object ever provides them.
 */
__attribute__((weak)) XemuOptions xemu_opts;
__attribute__((weak)) ImageInfo image_info;

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PG GUEST_PAGE_SIZE
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

/* Each test gets its own 16 MiB region. */
#define REGION(n) (0x20000000u + (uint32_t)(n) * 0x01000000u)

static GArray *hook_calls; /* pairs of uint32_t start, len */

static void record_hook(uint32_t start, uint32_t len)
{
    g_array_append_val(hook_calls, start);
    g_array_append_val(hook_calls, len);
}

/* True if some recorded hook call covers [start, start+len). */
static bool hook_covered(uint32_t start, uint32_t len)
{
    for (guint i = 0; i + 1 < hook_calls->len; i += 2) {
        uint64_t s = g_array_index(hook_calls, uint32_t, i);
        uint64_t l = g_array_index(hook_calls, uint32_t, i + 1);
        if (s <= start && (uint64_t)start + len <= s + l) {
            return true;
        }
    }
    return false;
}

/* True if the host still has something mapped at guest page addr (reservation intact). */
static bool host_page_occupied(uint32_t addr)
{
    void *p = mmap(g2h(addr), PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                   -1, 0);
    if (p == MAP_FAILED) {
        return errno == EEXIST;
    }
    if (p != g2h(addr)) {
        /* Old kernel ignoring MAP_FIXED_NOREPLACE: treat as a hint. */
        munmap(p, PG);
        return true;
    }
    munmap(p, PG);
    return false;
}

static void test_init(void)
{
    g_assert_true(mmu_init());
    uintptr_t base = guest_base;
    g_assert_cmpuint(base, !=, 0);
    g_assert_true(mmu_init());
    g_assert_cmpuint(guest_base, ==, base);
    g_assert_true(h2g_valid(g2h(0x12345678)));
    g_assert_cmpuint(h2g(g2h(0x12345678)), ==, 0x12345678);
}

static void test_mmap_anon(void)
{
    int64_t a = mmu_mmap(0, 3 * PG + 1, RW, ANON, -1, 0);
    g_assert_cmpint(a, >, 0);
    g_assert_cmpuint(a & (PG - 1), ==, 0);
    g_assert_cmpuint(a, >=, 0x10000);
    g_assert_cmpuint(a + 4 * PG, <=, GUEST_MMAP_BASE);
    for (uint32_t p = 0; p < 4; p++) {
        g_assert_cmpint(mmu_page_flags((uint32_t)a + p * PG), ==,
                        PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    }
    g_assert_cmpint(mmu_page_flags((uint32_t)a + 4 * PG) & PAGE_VALID, ==, 0);
    uint8_t *h = g2h((uint32_t)a);
    for (uint32_t i = 0; i < 4 * PG; i++) {
        g_assert_cmpuint(h[i], ==, 0);
    }
    memset(h, 0xab, 4 * PG);
    g_assert_true(mmu_access_ok((uint32_t)a, 4 * PG, PAGE_READ | PAGE_WRITE));
    g_assert_false(mmu_access_ok((uint32_t)a, 4 * PG + 1, PAGE_READ));

    /* A second mapping goes below the first (top-down search). */
    int64_t b = mmu_mmap(0, PG, PROT_READ, ANON, -1, 0);
    g_assert_cmpint(b, >, 0);
    g_assert_cmpint(b, <, a);
    g_assert_cmpint(mmu_page_flags((uint32_t)b), ==, PAGE_VALID | PAGE_READ | PAGE_ANON);
    g_assert_true(mmu_access_ok((uint32_t)b, PG, PAGE_READ));
    g_assert_false(mmu_access_ok((uint32_t)b, PG, PAGE_WRITE));
    g_assert_cmpint(mmu_munmap((uint32_t)a, 4 * PG), ==, 0);
    g_assert_cmpint(mmu_munmap((uint32_t)b, PG), ==, 0);
}

static void test_mmap_errors(void)
{
    uint32_t r = REGION(0);
    g_assert_cmpint(mmu_mmap(0, 0, RW, ANON, -1, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mmap(0, PG, RW, MAP_ANONYMOUS, -1, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mmap(0, PG, 0x100, ANON, -1, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mmap(0, PG, RW, MAP_PRIVATE, -1, 0), ==, -EBADF);
    g_assert_cmpint(mmu_mmap(0, PG, RW, MAP_PRIVATE, 0x7fff, 0), ==, -EBADF);
    g_assert_cmpint(mmu_mmap(r + 1, PG, RW, ANON | MAP_FIXED, -1, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mmap(r + 1, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mmap(0xfffff000u, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), ==, -ENOMEM);
    g_assert_cmpint(mmu_mmap(0, 0xfffff001u, RW, ANON, -1, 0), ==, -ENOMEM);
    g_assert_cmpint(mmu_mmap(0, PG, RW, ANON | MAP_FIXED, -1, 0), ==, -EPERM);
    /* Anonymous mappings ignore the offset only if aligned, like Linux. */
    g_assert_cmpint(mmu_mmap(0, PG, RW, ANON, -1, 123), ==, -EINVAL);
    g_assert_cmpint(mmu_page_flags(r), ==, 0);
}

static void test_mmap_fixed(void)
{
    uint32_t r = REGION(1);
    g_assert_cmpint(mmu_mmap(r, 4 * PG, RW, ANON | MAP_FIXED, -1, 0), ==, r);
    memset(g2h(r), 0x5a, 4 * PG);
    /* MAP_FIXED replaces: the middle becomes fresh zero pages, read-only. */
    g_assert_cmpint(mmu_mmap(r + PG, PG, PROT_READ, ANON | MAP_FIXED, -1, 0), ==, r + PG);
    g_assert_cmpuint(((uint8_t *)g2h(r + PG))[0], ==, 0);
    g_assert_cmpuint(((uint8_t *)g2h(r))[0], ==, 0x5a);
    g_assert_cmpint(mmu_page_flags(r + PG), ==, PAGE_VALID | PAGE_READ | PAGE_ANON);
    /* MAP_FIXED_NOREPLACE: EEXIST if anything is there, also partially. */
    g_assert_cmpint(mmu_mmap(r + 3 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), ==,
                    -EEXIST);
    g_assert_cmpint(mmu_mmap(r + 4 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), ==,
                    r + 4 * PG);
    g_assert_cmpint(mmu_munmap(r, 6 * PG), ==, 0);
}

static void test_mmap_hint(void)
{
    uint32_t r = REGION(2);
    g_assert_cmpint(mmu_mmap(r, PG, RW, ANON, -1, 0), ==, r);
    /* Occupied hint: placed elsewhere, nothing replaced. */
    int64_t b = mmu_mmap(r, PG, RW, ANON, -1, 0);
    g_assert_cmpint(b, >, 0);
    g_assert_cmpint(b, !=, r);
    /* Unaligned hint is rounded up. */
    g_assert_cmpint(mmu_mmap(r + 2 * PG - 100, PG, RW, ANON, -1, 0), ==, r + 2 * PG);
    /* A hint below 64 KiB is not honoured. */
    int64_t c = mmu_mmap(0x1000, PG, RW, ANON, -1, 0);
    g_assert_cmpint(c, >=, 0x10000);
    g_assert_cmpint(mmu_munmap(r, 3 * PG), ==, 0);
    g_assert_cmpint(mmu_munmap((uint32_t)b, PG), ==, 0);
    g_assert_cmpint(mmu_munmap((uint32_t)c, PG), ==, 0);
}

static void test_mmap_file(void)
{
    uint32_t r = REGION(3);
    GError *err = NULL;
    char *dir = g_dir_make_tmp("xemu-mmu-XXXXXX", &err);
    g_assert_no_error(err);
    char *path = g_build_filename(dir, "data.bin", NULL);
    uint8_t *buf = g_malloc(3 * PG);
    for (uint32_t i = 0; i < 3 * PG; i++) {
        buf[i] = (uint8_t)(i / PG + 1);
    }
    g_assert_true(g_file_set_contents(path, (char *)buf, 3 * PG, &err));
    int fd = open(path, O_RDWR);
    g_assert_cmpint(fd, >=, 0);

    int64_t a = mmu_mmap(r, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, PG);
    g_assert_cmpint(a, ==, r);
    g_assert_cmpuint(((uint8_t *)g2h(r))[0], ==, 2);
    g_assert_cmpuint(((uint8_t *)g2h(r + PG))[PG - 1], ==, 3);
    g_assert_cmpint(mmu_page_flags(r), ==, PAGE_VALID | PAGE_READ);
    g_assert_cmpint(mmu_mmap(r, PG, PROT_READ, MAP_PRIVATE, fd, 100), ==, -EINVAL);

    /* Shared writable file mapping writes through. */
    int64_t s = mmu_mmap(r + 4 * PG, PG, RW, MAP_SHARED | MAP_FIXED, fd, 0);
    g_assert_cmpint(s, ==, r + 4 * PG);
    ((uint8_t *)g2h(r + 4 * PG))[0] = 0x77;
    uint8_t c = 0;
    g_assert_cmpint(pread(fd, &c, 1, 0), ==, 1);
    g_assert_cmpuint(c, ==, 0x77);

    char *maps = mmu_maps_text();
    char *line = g_strdup_printf("%08x-%08x r--p 00001000 ", r, r + 2 * PG);
    g_assert_nonnull(strstr(maps, line));
    g_assert_nonnull(strstr(maps, "data.bin"));
    g_free(line);
    line = g_strdup_printf("%08x-%08x rw-s 00000000 ", r + 4 * PG, r + 5 * PG);
    g_assert_nonnull(strstr(maps, line));
    g_free(line);
    g_free(maps);

    /* Partial unmap keeps the right offset for the rest. */
    g_assert_cmpint(mmu_munmap(r, PG), ==, 0);
    maps = mmu_maps_text();
    line = g_strdup_printf("%08x-%08x r--p 00002000 ", r + PG, r + 2 * PG);
    g_assert_nonnull(strstr(maps, line));
    g_free(line);
    g_free(maps);

    /* Growing a file mapping in place maps the following file page. */
    g_assert_cmpint(mmu_mmap(r + 6 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0), ==,
                    r + 6 * PG);
    g_assert_cmpint(mmu_mremap(r + 6 * PG, PG, 2 * PG, 0, 0), ==, r + 6 * PG);
    g_assert_cmpuint(((uint8_t *)g2h(r + 6 * PG))[0], ==, 0x77);
    g_assert_cmpuint(((uint8_t *)g2h(r + 7 * PG))[0], ==, 2);
    g_assert_cmpint(mmu_page_flags(r + 7 * PG), ==, PAGE_VALID | PAGE_READ);

    g_assert_cmpint(mmu_munmap(r, 8 * PG), ==, 0);
    close(fd);
    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
    g_free(buf);
}

static void test_mmap_shared_anon(void)
{
    int64_t a = mmu_mmap(0, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    g_assert_cmpint(a, >, 0);
    g_assert_cmpint(mmu_page_flags((uint32_t)a) & PAGE_ANON, ==, 0);
    ((uint8_t *)g2h((uint32_t)a))[5] = 9;
    char *maps = mmu_maps_text();
    char *line = g_strdup_printf("%08x-%08x rw-s ", (uint32_t)a, (uint32_t)a + 2 * PG);
    g_assert_nonnull(strstr(maps, line));
    g_free(line);
    g_free(maps);
    g_assert_cmpint(mmu_munmap((uint32_t)a, 2 * PG), ==, 0);
}

static void test_munmap(void)
{
    uint32_t r = REGION(4);
    g_assert_cmpint(mmu_munmap(r + 1, PG), ==, -EINVAL);
    g_assert_cmpint(mmu_munmap(r, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_munmap(0xfffff000u, 2 * PG), ==, -EINVAL);
    g_assert_cmpint(mmu_munmap(r, PG), ==, 0); /* nothing there: fine */

    g_assert_cmpint(mmu_mmap(r, 5 * PG, RW, ANON | MAP_FIXED, -1, 0), ==, r);
    /* Unaligned length is rounded up. */
    g_assert_cmpint(mmu_munmap(r + PG, PG + 1), ==, 0);
    g_assert_cmpint(mmu_page_flags(r) & PAGE_VALID, ==, PAGE_VALID);
    g_assert_cmpint(mmu_page_flags(r + PG), ==, 0);
    g_assert_cmpint(mmu_page_flags(r + 2 * PG), ==, 0);
    g_assert_cmpint(mmu_page_flags(r + 3 * PG) & PAGE_VALID, ==, PAGE_VALID);
    g_assert_false(mmu_access_ok(r, 2 * PG, PAGE_READ));
    /* The reservation stays: the host still has (PROT_NONE) pages there. */
    g_assert_true(host_page_occupied(r + PG));
    g_assert_cmpint(mmu_munmap(r, 5 * PG), ==, 0);
    g_assert_true(host_page_occupied(r));
    g_assert_cmpint(mmu_page_flags(r + 4 * PG), ==, 0);
}

static void test_mprotect(void)
{
    uint32_t r = REGION(5);
    g_assert_cmpint(mmu_mmap(r, 4 * PG, RW, ANON | MAP_FIXED, -1, 0), ==, r);
    g_assert_cmpint(mmu_mprotect(r + 1, PG, PROT_READ), ==, -EINVAL);
    g_assert_cmpint(mmu_mprotect(r, PG, 0x40), ==, -EINVAL);
    g_assert_cmpint(mmu_mprotect(r, 0, PROT_READ), ==, 0);
    g_assert_cmpint(mmu_mprotect(r, 5 * PG, PROT_READ), ==, -ENOMEM);
    g_assert_cmpint(mmu_page_flags(r), ==, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    g_assert_cmpint(mmu_mprotect(r + PG, PG + 10, PROT_READ | PROT_EXEC), ==, 0);
    g_assert_cmpint(mmu_page_flags(r), ==, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    g_assert_cmpint(mmu_page_flags(r + PG), ==, PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_ANON);
    g_assert_cmpint(mmu_page_flags(r + 2 * PG), ==, PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_ANON);
    g_assert_cmpint(mmu_page_flags(r + 3 * PG), ==, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    g_assert_cmpint(mmu_mprotect(r, PG, PROT_NONE), ==, 0);
    g_assert_cmpint(mmu_page_flags(r), ==, PAGE_VALID | PAGE_ANON);
    g_assert_false(mmu_access_ok(r, 1, PAGE_READ));

    char *maps = mmu_maps_text();
    char *l1 = g_strdup_printf("%08x-%08x ---p ", r, r + PG);
    char *l2 = g_strdup_printf("%08x-%08x r-xp ", r + PG, r + 3 * PG);
    char *l3 = g_strdup_printf("%08x-%08x rw-p ", r + 3 * PG, r + 4 * PG);
    g_assert_nonnull(strstr(maps, l1));
    g_assert_nonnull(strstr(maps, l2));
    g_assert_nonnull(strstr(maps, l3));
    g_free(l1);
    g_free(l2);
    g_free(l3);
    g_free(maps);

    /* PROT_GROWSDOWN extends the change to the start of the mapping. */
    g_assert_cmpint(mmu_mprotect(r + 3 * PG, PG, RW | PROT_EXEC | PROT_GROWSDOWN), ==, 0);
    g_assert_cmpint(mmu_page_flags(r) & PAGE_EXEC, ==, PAGE_EXEC);
    g_assert_cmpint(mmu_munmap(r, 4 * PG), ==, 0);
}

static void test_invalidate_hook(void)
{
    uint32_t r = REGION(6);
    hook_calls = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    mmu_invalidate_hook = record_hook;

    g_assert_cmpint(mmu_mmap(r, 8 * PG, PROT_READ | PROT_EXEC, ANON | MAP_FIXED, -1, 0), ==, r);
    g_assert_cmpuint(hook_calls->len, ==, 0);
    /* Dropping exec. */
    g_assert_cmpint(mmu_mprotect(r, PG, PROT_READ), ==, 0);
    g_assert_true(hook_covered(r, PG));
    g_array_set_size(hook_calls, 0);
    /* Keeping exec: no call. */
    g_assert_cmpint(mmu_mprotect(r + PG, PG, RW | PROT_EXEC), ==, 0);
    g_assert_cmpuint(hook_calls->len, ==, 0);
    /* Unmapping code. */
    g_assert_cmpint(mmu_munmap(r + 2 * PG, PG), ==, 0);
    g_assert_true(hook_covered(r + 2 * PG, PG));
    g_array_set_size(hook_calls, 0);
    /* MAP_FIXED over code. */
    g_assert_cmpint(mmu_mmap(r + 3 * PG, PG, RW, ANON | MAP_FIXED, -1, 0), ==, r + 3 * PG);
    g_assert_true(hook_covered(r + 3 * PG, PG));
    g_array_set_size(hook_calls, 0);
    /* Unmapping data that never was executable: no call. */
    g_assert_cmpint(mmu_munmap(r, PG), ==, 0);
    g_assert_cmpuint(hook_calls->len, ==, 0);
    /* Pages marked as holding translations (PAGE_CODE) count too. */
    mmu_set_flags(r + 3 * PG, PG, mmu_page_flags(r + 3 * PG) | PAGE_CODE);
    g_assert_cmpint(mmu_munmap(r + 3 * PG, PG), ==, 0);
    g_assert_true(hook_covered(r + 3 * PG, PG));
    g_array_set_size(hook_calls, 0);
    /* mremap moving code. */
    g_assert_cmpint(mmu_mremap(r + 4 * PG, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED,
                               r + 12 * PG), ==, r + 12 * PG);
    g_assert_true(hook_covered(r + 4 * PG, PG));

    mmu_invalidate_hook = NULL;
    g_assert_cmpint(mmu_munmap(r, 16 * PG), ==, 0);
    g_array_free(hook_calls, TRUE);
}

static void test_mremap(void)
{
    uint32_t r = REGION(7);
    g_assert_cmpint(mmu_mremap(r, PG, 2 * PG, 0, 0), ==, -EFAULT);
    g_assert_cmpint(mmu_mmap(r, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), ==, r);
    memset(g2h(r), 0x11, 2 * PG);
    g_assert_cmpint(mmu_mremap(r + 1, PG, 2 * PG, 0, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mremap(r, PG, 0, 0, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mremap(r, PG, PG, 0x80, 0), ==, -EINVAL);
    g_assert_cmpint(mmu_mremap(r, PG, PG, MREMAP_FIXED, r + 8 * PG), ==, -EINVAL);
    g_assert_cmpint(mmu_mremap(r, 2 * PG, 2 * PG, MREMAP_FIXED | MREMAP_MAYMOVE, r + PG), ==,
                    -EINVAL); /* overlap */
    g_assert_cmpint(mmu_mremap(r, 3 * PG, 4 * PG, 0, 0), ==, -EFAULT);

    /* Grow in place into free pages: old data kept, new part zero. */
    g_assert_cmpint(mmu_mremap(r, 2 * PG, 4 * PG, 0, 0), ==, r);
    g_assert_cmpuint(((uint8_t *)g2h(r))[2 * PG - 1], ==, 0x11);
    g_assert_cmpuint(((uint8_t *)g2h(r))[2 * PG], ==, 0);
    g_assert_cmpint(mmu_page_flags(r + 3 * PG), ==, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);

    /* Blocked: ENOMEM without MAYMOVE, a move with it. */
    g_assert_cmpint(mmu_mmap(r + 4 * PG, PG, PROT_READ, ANON | MAP_FIXED, -1, 0), ==, r + 4 * PG);
    g_assert_cmpint(mmu_mremap(r, 4 * PG, 6 * PG, 0, 0), ==, -ENOMEM);
    int64_t m = mmu_mremap(r, 4 * PG, 6 * PG, MREMAP_MAYMOVE, 0);
    g_assert_cmpint(m, >, 0);
    g_assert_cmpint(m, !=, r);
    g_assert_cmpuint(((uint8_t *)g2h((uint32_t)m))[0], ==, 0x11);
    g_assert_cmpuint(((uint8_t *)g2h((uint32_t)m))[5 * PG], ==, 0);
    g_assert_cmpint(mmu_page_flags(r), ==, 0);
    g_assert_true(host_page_occupied(r));
    g_assert_cmpint(mmu_page_flags((uint32_t)m + 5 * PG) & PAGE_VALID, ==, PAGE_VALID);

    /* Shrink. */
    g_assert_cmpint(mmu_mremap((uint32_t)m, 6 * PG, PG, 0, 0), ==, m);
    g_assert_cmpint(mmu_page_flags((uint32_t)m + PG), ==, 0);

    /* MREMAP_FIXED replaces whatever is at the target. */
    g_assert_cmpint(mmu_mremap((uint32_t)m, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, r + 4 * PG),
                    ==, r + 4 * PG);
    g_assert_cmpuint(((uint8_t *)g2h(r + 4 * PG))[0], ==, 0x11);
    g_assert_cmpint(mmu_page_flags(r + 5 * PG), ==, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    g_assert_cmpint(mmu_page_flags((uint32_t)m), ==, 0);
    g_assert_cmpint(mmu_munmap(r, 8 * PG), ==, 0);
}

static void test_brk(void)
{
    uint32_t r = REGION(8);
    mmu_brk_init(r + 100); /* rounded up to a page */
    uint32_t start = r + PG;
    g_assert_cmpuint(mmu_brk(0), ==, start);
    g_assert_cmpuint(mmu_brk(start - 1), ==, start);
    g_assert_cmpuint(mmu_brk(start + 10), ==, start + 10);
    g_assert_cmpint(mmu_page_flags(start), ==, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    g_assert_cmpint(mmu_page_flags(start + PG), ==, 0);
    uint8_t *h = g2h(start);
    g_assert_cmpuint(h[9], ==, 0);
    memset(h, 0xee, PG);
    g_assert_cmpuint(mmu_brk(start + 3 * PG), ==, start + 3 * PG);
    g_assert_cmpuint(h[2 * PG], ==, 0);
    /* Shrinking within the page and growing again hands out zeroed memory. */
    g_assert_cmpuint(mmu_brk(start + 5), ==, start + 5);
    g_assert_cmpint(mmu_page_flags(start + PG), ==, 0);
    g_assert_cmpuint(mmu_brk(start + 100), ==, start + 100);
    g_assert_cmpuint(h[4], ==, 0xee);
    g_assert_cmpuint(h[5], ==, 0);
    g_assert_cmpuint(h[99], ==, 0);

    char *maps = mmu_maps_text();
    g_assert_nonnull(strstr(maps, "[heap]"));
    g_free(maps);

    /* Blocked by another mapping: fails, returns the current break. */
    g_assert_cmpint(mmu_mmap(start + 8 * PG, PG, RW, ANON | MAP_FIXED, -1, 0), ==, start + 8 * PG);
    g_assert_cmpuint(mmu_brk(start + 9 * PG), ==, start + 100);
    g_assert_cmpuint(mmu_brk(start + 6 * PG), ==, start + 6 * PG);
    g_assert_cmpint(mmu_page_flags(start + 5 * PG) & PAGE_VALID, ==, PAGE_VALID);
    g_assert_cmpuint(mmu_brk(start), ==, start);
    g_assert_cmpint(mmu_page_flags(start), ==, 0);
    g_assert_cmpint(mmu_munmap(r, 16 * PG), ==, 0);
}

static void test_access_ok(void)
{
    uint32_t r = REGION(9);
    g_assert_true(mmu_access_ok(0, 0, PAGE_READ));
    g_assert_false(mmu_access_ok(0, 1, PAGE_READ));
    g_assert_false(mmu_access_ok(0xffffff00u, 0x200, PAGE_READ));
    g_assert_cmpint(mmu_mmap(r, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), ==, r);
    g_assert_true(mmu_access_ok(r + PG - 2, 4, PAGE_READ | PAGE_WRITE));
    g_assert_false(mmu_access_ok(r + 2 * PG - 2, 4, PAGE_READ));
    g_assert_cmpint(mmu_munmap(r, 2 * PG), ==, 0);
}

static void test_find_free(void)
{
    uint32_t a = mmu_find_free(PG);
    g_assert_cmpuint(a, >=, 0x10000);
    g_assert_cmpuint(a + PG, <=, GUEST_MMAP_BASE);
    g_assert_cmpuint(mmu_find_free(0), ==, 0);
    /* Split the space with two pages; then a big range only fits above the mmap base. */
    g_assert_cmpint(mmu_mmap(0x40000000u, PG, RW, ANON | MAP_FIXED, -1, 0), ==, 0x40000000u);
    g_assert_cmpint(mmu_mmap(0x80000000u, PG, RW, ANON | MAP_FIXED, -1, 0), ==, 0x80000000u);
    g_assert_cmpuint(mmu_find_free(0xc0000000u), ==, 0);
    g_assert_cmpuint(mmu_find_free(0x48000000u), ==, 0xb8000000u);
    g_assert_cmpuint(mmu_find_free(0x38000000u), ==, 0x48000000u);
    g_assert_cmpuint(mmu_find_free(0x3ffff001u), ==, 0xc0000000u);
    g_assert_cmpint(mmu_munmap(0x40000000u, PG), ==, 0);
    g_assert_cmpint(mmu_munmap(0x80000000u, PG), ==, 0);
}

static void test_maps_names(void)
{
    uint32_t r = REGION(10);
    g_assert_cmpint(mmu_mmap(r, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), ==, r);
    mmu_set_name(r, 2 * PG, "[stack]");
    g_assert_cmpint(mmu_mmap(r + 2 * PG, PG, RW, ANON | MAP_FIXED, -1, 0), ==, r + 2 * PG);
    char *maps = mmu_maps_text();
    char *line = g_strdup_printf("%08x-%08x rw-p 00000000 00:00 0", r, r + 2 * PG);
    const char *p = strstr(maps, line);
    g_assert_nonnull(p);
    const char *nl = strchr(p, '\n');
    g_assert_nonnull(nl);
    char *stack_line = g_strndup(p, (gsize)(nl - p));
    g_assert_true(g_str_has_suffix(stack_line, " [stack]"));
    g_free(stack_line);
    /* The named range and the anonymous one after it are separate lines. */
    char *line2 = g_strdup_printf("%08x-%08x rw-p 00000000 00:00 0\n", r + 2 * PG, r + 3 * PG);
    g_assert_nonnull(strstr(maps, line2));
    g_free(line);
    g_free(line2);
    g_free(maps);
    g_assert_cmpint(mmu_munmap(r, 3 * PG), ==, 0);
}

static gpointer thread_worker(gpointer data)
{
    for (int i = 0; i < 300; i++) {
        int64_t a = mmu_mmap(0, (uint32_t)(1 + i % 5) * PG, RW, ANON, -1, 0);
        g_assert_cmpint(a, >, 0);
        *(volatile uint32_t *)g2h((uint32_t)a) = (uint32_t)i;
        g_assert_true(mmu_access_ok((uint32_t)a, PG, PAGE_WRITE));
        if (i % 3 == 0) {
            g_assert_cmpint(mmu_mprotect((uint32_t)a, PG, PROT_READ), ==, 0);
        }
        g_assert_cmpint(mmu_munmap((uint32_t)a, (uint32_t)(1 + i % 5) * PG), ==, 0);
    }
    return NULL;
}

static void test_threads(void)
{
    GThread *t[4];
    for (int i = 0; i < 4; i++) {
        t[i] = g_thread_new("mmu", thread_worker, NULL);
    }
    for (int i = 0; i < 4; i++) {
        g_thread_join(t[i]);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!mmu_init()) {
        g_printerr("cannot reserve guest space\n");
        return 1;
    }
    g_test_add_func("/mmu/init", test_init);
    g_test_add_func("/mmu/mmap_anon", test_mmap_anon);
    g_test_add_func("/mmu/mmap_errors", test_mmap_errors);
    g_test_add_func("/mmu/mmap_fixed", test_mmap_fixed);
    g_test_add_func("/mmu/mmap_hint", test_mmap_hint);
    g_test_add_func("/mmu/mmap_file", test_mmap_file);
    g_test_add_func("/mmu/mmap_shared_anon", test_mmap_shared_anon);
    g_test_add_func("/mmu/munmap", test_munmap);
    g_test_add_func("/mmu/mprotect", test_mprotect);
    g_test_add_func("/mmu/invalidate_hook", test_invalidate_hook);
    g_test_add_func("/mmu/mremap", test_mremap);
    g_test_add_func("/mmu/brk", test_brk);
    g_test_add_func("/mmu/access_ok", test_access_ok);
    g_test_add_func("/mmu/find_free", test_find_free);
    g_test_add_func("/mmu/maps_names", test_maps_names);
    g_test_add_func("/mmu/threads", test_threads);
    return g_test_run();
}
