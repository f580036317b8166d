/*
 * Guest address space. A 32-bit guest gets one 4 GiB host reservation at guest_base
 * (plus a guard region behind it), so guest address A is host address guest_base + A
 * and a guest access is a single host instruction with no bounds check. A page-flags
 * table records what the guest has mapped and with which protections; it drives guest
 * mmap/munmap/mprotect/mremap/brk, access checks for syscall buffers, /proc/self/maps,
 * and (later) self-modifying-code detection.
 */
#ifndef XEMU_MMU_H
#define XEMU_MMU_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define GUEST_PAGE_SIZE 4096u
#define GUEST_PAGE_MASK (~(GUEST_PAGE_SIZE - 1))
/* Keeps the type of x, so 64-bit sums (addr + len reaching 4 GiB) are not truncated. */
#define GUEST_PAGE_ALIGN(x) (((x) + GUEST_PAGE_SIZE - 1) & ~(__typeof__(x))(GUEST_PAGE_SIZE - 1))

extern uintptr_t guest_base;

static inline void *g2h(uint32_t addr) { return (void *)(guest_base + addr); }
static inline uint32_t h2g(const void *p) { return (uint32_t)((uintptr_t)p - guest_base); }
static inline bool h2g_valid(const void *p)
{
    return (uintptr_t)p >= guest_base && (uintptr_t)p - guest_base < (1ull << 32);
}

/* Page flags. */
enum {
    PAGE_VALID = 1 << 0,
    PAGE_READ = 1 << 1,
    PAGE_WRITE = 1 << 2,
    PAGE_EXEC = 1 << 3,
    PAGE_CODE = 1 << 4, /* holds translated code (SMC detection) */
    PAGE_ANON = 1 << 5,
};

/* Reserves the 4 GiB guest space. Returns false (with errno) if it cannot. */
bool mmu_init(void);

/* Page-flag queries and updates (addresses need not be aligned; whole pages are used). */
int mmu_page_flags(uint32_t addr);
void mmu_set_flags(uint32_t start, uint32_t len, int flags);
/* True if every page of [addr, addr+len) has all bits of `prot` (PAGE_READ/WRITE). */
bool mmu_access_ok(uint32_t addr, uint32_t len, int prot);

/*
 * Guest mmap with Linux semantics, inside the reservation. prot/flags are host PROT_ and
 * MAP_ values (the syscall layer converts guest flags first). Returns the guest address
 * or a negative errno.
 */
int64_t mmu_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t off);
int mmu_munmap(uint32_t addr, uint32_t len);
int mmu_mprotect(uint32_t addr, uint32_t len, int prot);
int64_t mmu_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags,
                   uint32_t new_addr);
/* Finds a free range of len bytes, searching down from the mmap base; 0 if none. */
uint32_t mmu_find_free(uint32_t len);

/* brk: set by the loader to the page-aligned end of the bss. */
void mmu_brk_init(uint32_t start);
uint32_t mmu_brk(uint32_t new_brk);

/*
 * Address-space layout shared with the loader (no randomisation: runs are reproducible).
 * The defaults are ARM's; a guest's init() may change them before anything is mapped
 * (MIPS: user space ends at 0x80000000).
 */
typedef struct GuestLayout {
    uint32_t stack_top;   /* initial stack grows down from here */
    uint32_t mmap_base;   /* mmap searches downwards from here */
    uint32_t pie_base;    /* load bias of ET_DYN main programs */
    uint32_t interp_base; /* preferred load address of the ELF interpreter */
    uint32_t task_size;   /* guest mmap never picks an address at or above this */
} GuestLayout;
extern GuestLayout guest_layout;
#define GUEST_STACK_TOP (guest_layout.stack_top)
#define GUEST_MMAP_BASE (guest_layout.mmap_base)
#define GUEST_PIE_BASE (guest_layout.pie_base)
#define GUEST_INTERP_BASE (guest_layout.interp_base)

/*
 * Called when guest code pages change (munmap, mprotect dropping exec, mremap, MAP_FIXED
 * over code) so translated blocks for the range are dropped. Set by the exec layer.
 * Called after the mmu lock is released, so the hook may call mmu_* functions.
 */
extern void (*mmu_invalidate_hook)(uint32_t start, uint32_t len);

/*
 * Self-modifying code. mmu_protect_code() marks the page holding addr PAGE_CODE and, if
 * the guest may write it, makes the host page read-only so a guest store faults.
 * mmu_unprotect_code() undoes that and returns true if the page was protected; the
 * caller drops the page's translations. Both are async-signal-safe (no lock: one flag
 * byte updated atomically, then mprotect).
 */
void mmu_protect_code(uint32_t addr);
bool mmu_unprotect_code(uint32_t addr);

/* Text for /proc/self/maps in the guest's view, g_free() the result. */
char *mmu_maps_text(void);
/*
 * Names the mapping pages of [start, start+len) for /proc/self/maps ("[stack]",
 * "[vectors]"); file mappings are named after their file automatically.
 */
void mmu_set_name(uint32_t start, uint32_t len, const char *name);

#endif
