/*
 * Guest address space: the 4 GiB host reservation, the page-flags table and the guest
 * memory-management calls (mmap, munmap, mprotect, mremap, brk) with Linux semantics.
 *
 * Every guest mapping is a host mapping placed with MAP_FIXED inside the reservation;
 * unmapping puts PROT_NONE reservation pages back so the 4 GiB stays ours and no host
 * allocation can land in the guest's space. One byte per guest page records what the
 * guest mapped (PAGE_VALID/READ/WRITE/EXEC, PAGE_ANON, PAGE_CODE). A sorted list of
 * mapping records keeps what /proc/self/maps shows besides protections: file offset,
 * device, inode, shared/private and a name ("/usr/lib/libc.so.6", "[stack]", ...).
 *
 * Every change takes one mutex; mmu_page_flags() and mmu_access_ok() only read the
 * table (atomically, per byte) so a host fault handler can use them. The invalidation
 * hook is called after the mutex is released, so it may call back into this module.
 */
#define _GNU_SOURCE
#include "softmmu/mmu.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

#define GUEST_SPACE (1ull << 32)
#define GUARD_SIZE (64u * 1024)
#define NB_PAGES (1u << 20)
#define PAGE_BITS 12
/* Non-fixed mappings and hints never go below this (Linux mmap_min_addr). */
#define MMAP_MIN_ADDR 0x10000u
/* MAP_FIXED may go down to here: page 0 stays unmapped so NULL always faults. */
#define FIXED_MIN_ADDR GUEST_PAGE_SIZE

uintptr_t guest_base;
void (*mmu_invalidate_hook)(uint32_t start, uint32_t len);

/* One guest mapping as /proc/self/maps describes it (beyond its protections). */
typedef struct MapRec {
    uint32_t start, end; /* [start, end), page aligned; end 0 means 4 GiB */
    uint64_t offset;     /* file offset of start */
    uint64_t dev, inode;
    bool shared;
    char *name; /* NULL for anonymous */
} MapRec;

GuestLayout guest_layout = {
    .stack_top = 0xbf000000u,
    .mmap_base = 0xb6000000u,
    .pie_base = 0x00400000u,
    .interp_base = 0xb6f00000u,
    .task_size = 0xffffffffu,
};

static GMutex mmu_lock;
static bool mmu_ready;
static uint8_t page_flags[NB_PAGES];
static GArray *map_recs; /* MapRec, sorted by start, non-overlapping */
static uint32_t brk_start, brk_cur;

/* Ranges whose translations must go; flushed to the hook after unlocking. */
typedef struct Pending {
    uint64_t start, end;
} Pending;

static uint64_t rec_end(const MapRec *r)
{
    return r->end ? r->end : GUEST_SPACE;
}

static inline uint32_t page_index(uint64_t addr)
{
    return (uint32_t)(addr >> PAGE_BITS);
}

/* fork() while another thread changes mappings must not leave the child's lock taken. */
static void fork_prepare(void)
{
    g_mutex_lock(&mmu_lock);
}

static void fork_done(void)
{
    g_mutex_unlock(&mmu_lock);
}

bool mmu_init(void)
{
    g_mutex_lock(&mmu_lock);
    if (!mmu_ready) {
        void *p = mmap(NULL, GUEST_SPACE + GUARD_SIZE, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) {
            g_mutex_unlock(&mmu_lock);
            return false;
        }
        guest_base = (uintptr_t)p;
        map_recs = g_array_new(FALSE, FALSE, sizeof(MapRec));
        memset(page_flags, 0, sizeof(page_flags));
        pthread_atfork(fork_prepare, fork_done, fork_done);
        mmu_ready = true;
    }
    g_mutex_unlock(&mmu_lock);
    return true;
}

/* ---- mapping records ---- */

static void rec_free(MapRec *r)
{
    g_free(r->name);
    r->name = NULL;
}

/* Index of the first record with end > addr (may be map_recs->len). */
static guint rec_lower(uint64_t addr)
{
    guint lo = 0, hi = map_recs->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (rec_end(&g_array_index(map_recs, MapRec, mid)) <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static const MapRec *rec_find(uint64_t addr)
{
    guint i = rec_lower(addr);
    if (i < map_recs->len) {
        const MapRec *r = &g_array_index(map_recs, MapRec, i);
        if (r->start <= addr) {
            return r;
        }
    }
    return NULL;
}

/* Removes [start, end) from the records, trimming or splitting the ones it cuts. */
static void rec_remove(uint64_t start, uint64_t end)
{
    guint i = rec_lower(start);
    while (i < map_recs->len) {
        MapRec *r = &g_array_index(map_recs, MapRec, i);
        uint64_t rs = r->start, re = rec_end(r);
        if (rs >= end) {
            break;
        }
        if (rs < start && re > end) {
            /* Split: keep [rs, start) and [end, re). */
            MapRec tail = *r;
            tail.start = (uint32_t)end;
            tail.offset += end - rs;
            tail.name = g_strdup(r->name);
            r->end = (uint32_t)start;
            g_array_insert_val(map_recs, i + 1, tail);
            return;
        }
        if (rs < start) {
            r->end = (uint32_t)start;
            i++;
        } else if (re > end) {
            r->offset += end - rs;
            r->start = (uint32_t)end;
            break;
        } else {
            rec_free(r);
            g_array_remove_index(map_recs, i);
        }
    }
}

static void rec_add(uint64_t start, uint64_t end, const char *name, uint64_t offset,
                    uint64_t dev, uint64_t inode, bool shared)
{
    rec_remove(start, end);
    MapRec r = {
        .start = (uint32_t)start,
        .end = (uint32_t)end, /* 4 GiB wraps to 0 */
        .offset = offset,
        .dev = dev,
        .inode = inode,
        .shared = shared,
        .name = g_strdup(name),
    };
    g_array_insert_val(map_recs, rec_lower(start), r);
}

/* Copies the records of [src, src+len) to dst (for mremap moves). */
static void rec_copy(uint64_t src, uint64_t len, uint64_t dst)
{
    GArray *tmp = g_array_new(FALSE, FALSE, sizeof(MapRec));
    for (guint i = rec_lower(src); i < map_recs->len; i++) {
        MapRec *r = &g_array_index(map_recs, MapRec, i);
        uint64_t rs = MAX((uint64_t)r->start, src);
        uint64_t re = MIN(rec_end(r), src + len);
        if (rs >= src + len) {
            break;
        }
        MapRec n = *r;
        n.offset += rs - r->start;
        n.start = (uint32_t)(rs - src + dst);
        n.end = (uint32_t)(re - src + dst);
        n.name = r->name;
        g_array_append_val(tmp, n);
    }
    for (guint i = 0; i < tmp->len; i++) {
        MapRec *n = &g_array_index(tmp, MapRec, i);
        rec_add(n->start, n->end ? n->end : GUEST_SPACE, n->name, n->offset, n->dev,
                n->inode, n->shared);
    }
    g_array_free(tmp, TRUE);
}

/* ---- page flags and host mappings ---- */

static void flags_set(uint64_t start, uint64_t end, int flags)
{
    memset(&page_flags[page_index(start)], flags, page_index(end - 1) - page_index(start) + 1);
}

static bool range_free(uint64_t start, uint64_t end)
{
    for (uint64_t a = start; a < end; a += GUEST_PAGE_SIZE) {
        if (page_flags[page_index(a)] & PAGE_VALID) {
            return false;
        }
    }
    return true;
}

static bool range_mapped(uint64_t start, uint64_t end)
{
    for (uint64_t a = start; a < end; a += GUEST_PAGE_SIZE) {
        if (!(page_flags[page_index(a)] & PAGE_VALID)) {
            return false;
        }
    }
    return true;
}

/* True if any page in the range holds guest-executable or translated code. */
static bool range_has_code(uint64_t start, uint64_t end)
{
    for (uint64_t a = start; a < end; a += GUEST_PAGE_SIZE) {
        if (page_flags[page_index(a)] & (PAGE_EXEC | PAGE_CODE)) {
            return true;
        }
    }
    return false;
}

static void pending_add(Pending *p, uint64_t start, uint64_t end)
{
    if (p->start == p->end) {
        p->start = start;
        p->end = end;
    } else {
        p->start = MIN(p->start, start);
        p->end = MAX(p->end, end);
    }
}

static void pending_flush(const Pending *p)
{
    void (*hook)(uint32_t, uint32_t) = mmu_invalidate_hook;
    if (hook && p->end > p->start) {
        uint64_t len = p->end - p->start;
        /* The hook takes a 32-bit length: a full 4 GiB range goes in two halves. */
        if (len > UINT32_MAX) {
            hook((uint32_t)p->start, 0x80000000u);
            hook((uint32_t)(p->start + 0x80000000u), (uint32_t)(len - 0x80000000u));
        } else {
            hook((uint32_t)p->start, (uint32_t)len);
        }
    }
}

/* Puts reservation pages back over [start, end). */
static bool host_unmap(uint64_t start, uint64_t end)
{
    void *p = mmap(g2h((uint32_t)start), end - start, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    return p != MAP_FAILED;
}

/* Host protection for guest protection: the translator reads exec-only code. */
static int host_prot(int prot)
{
    int h = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
    if (h & PROT_EXEC) {
        h |= PROT_READ;
    }
    return h & (PROT_READ | PROT_WRITE);
}

static int prot_to_flags(int prot)
{
    int f = PAGE_VALID;
    if (prot & PROT_READ) {
        f |= PAGE_READ;
    }
    if (prot & PROT_WRITE) {
        f |= PAGE_WRITE;
    }
    if (prot & PROT_EXEC) {
        f |= PAGE_EXEC;
    }
    return f;
}

/* Removes a guest mapping range (locked): flags, records, host pages. */
static void unmap_locked(uint64_t start, uint64_t end, Pending *pend)
{
    if (range_has_code(start, end)) {
        pending_add(pend, start, end);
    }
    host_unmap(start, end);
    flags_set(start, end, 0);
    rec_remove(start, end);
}

/* ---- free-space search ---- */

static bool page_free_idx(uint32_t idx)
{
    return !(page_flags[idx] & PAGE_VALID);
}

/* Highest free run of npages whose end is <= top_idx and start >= min_idx; 0 if none. */
static uint32_t find_free_down(uint32_t npages, uint32_t min_idx, uint32_t top_idx)
{
    if (npages == 0 || top_idx < min_idx || top_idx - min_idx < npages) {
        return 0;
    }
    uint32_t end = top_idx; /* candidate run is [end - npages, end) */
    while (end >= min_idx + npages) {
        uint32_t i = end;
        uint32_t run = 0;
        while (run < npages && page_free_idx(i - 1)) {
            i--;
            run++;
        }
        if (run == npages) {
            return end - npages;
        }
        /* Page i - 1 is used: the next candidate ends at it. */
        end = i - 1;
        /* Skip whole used words quickly. */
        while (end >= min_idx + npages && !page_free_idx(end - 1)) {
            end--;
        }
    }
    return 0;
}

static uint32_t find_free_locked(uint64_t len)
{
    uint32_t npages = (uint32_t)(GUEST_PAGE_ALIGN(len) >> PAGE_BITS);
    if (len == 0 || len > GUEST_SPACE - MMAP_MIN_ADDR) {
        return 0;
    }
    uint32_t idx = find_free_down(npages, MMAP_MIN_ADDR >> PAGE_BITS,
                                  GUEST_MMAP_BASE >> PAGE_BITS);
    if (idx) {
        return idx << PAGE_BITS;
    }
    idx = find_free_down(npages, MMAP_MIN_ADDR >> PAGE_BITS,
                         (uint32_t)(((uint64_t)guest_layout.task_size + GUEST_PAGE_SIZE - 1) >> PAGE_BITS));
    return idx << PAGE_BITS;
}

uint32_t mmu_find_free(uint32_t len)
{
    g_mutex_lock(&mmu_lock);
    uint32_t r = find_free_locked(GUEST_PAGE_ALIGN((uint64_t)len));
    g_mutex_unlock(&mmu_lock);
    return r;
}

/* ---- queries ---- */

/*
 * Lock-free: a host fault handler may ask while this thread holds the lock. Byte loads
 * are atomic; a reader racing with a change sees the old or the new flags.
 */
int mmu_page_flags(uint32_t addr)
{
    return __atomic_load_n(&page_flags[addr >> PAGE_BITS], __ATOMIC_RELAXED);
}

void mmu_protect_code(uint32_t addr)
{
    uint8_t *f = &page_flags[addr >> PAGE_BITS];
    uint8_t old = __atomic_fetch_or(f, PAGE_CODE, __ATOMIC_ACQ_REL);
    if (!(old & PAGE_CODE) && (old & PAGE_WRITE)) {
        mprotect(g2h(addr & GUEST_PAGE_MASK), GUEST_PAGE_SIZE, PROT_READ);
    }
}

bool mmu_unprotect_code(uint32_t addr)
{
    uint8_t *f = &page_flags[addr >> PAGE_BITS];
    uint8_t old = __atomic_fetch_and(f, (uint8_t)~PAGE_CODE, __ATOMIC_ACQ_REL);
    if (!(old & PAGE_CODE)) {
        return false;
    }
    if (old & PAGE_WRITE) {
        int prot = PROT_WRITE | ((old & (PAGE_READ | PAGE_EXEC)) ? PROT_READ : 0);
        mprotect(g2h(addr & GUEST_PAGE_MASK), GUEST_PAGE_SIZE, prot);
    }
    return true;
}

void mmu_set_flags(uint32_t start, uint32_t len, int flags)
{
    if (len == 0) {
        return;
    }
    uint64_t s = start & GUEST_PAGE_MASK;
    uint64_t e = MIN(GUEST_PAGE_ALIGN((uint64_t)start + len), GUEST_SPACE);
    g_mutex_lock(&mmu_lock);
    flags_set(s, e, flags);
    g_mutex_unlock(&mmu_lock);
}

bool mmu_access_ok(uint32_t addr, uint32_t len, int prot)
{
    if (len == 0) {
        return true;
    }
    uint64_t end = (uint64_t)addr + len;
    if (end > GUEST_SPACE) {
        return false;
    }
    int need = PAGE_VALID | (prot & (PAGE_READ | PAGE_WRITE | PAGE_EXEC));
    for (uint64_t a = addr & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        if ((__atomic_load_n(&page_flags[page_index(a)], __ATOMIC_RELAXED) & need) != need) {
            return false;
        }
    }
    return true;
}

void mmu_set_name(uint32_t start, uint32_t len, const char *name)
{
    if (len == 0) {
        return;
    }
    uint64_t s = start & GUEST_PAGE_MASK;
    uint64_t e = MIN(GUEST_PAGE_ALIGN((uint64_t)start + len), GUEST_SPACE);
    g_mutex_lock(&mmu_lock);
    rec_add(s, e, name, 0, 0, 0, false);
    g_mutex_unlock(&mmu_lock);
}

/* ---- mmap ---- */

/* Name, device and inode of an open file for /proc/self/maps. */
static char *fd_info(int fd, uint64_t *dev, uint64_t *inode)
{
    struct stat st;
    char link[64];
    char buf[PATH_MAX];
    *dev = 0;
    *inode = 0;
    if (fstat(fd, &st) == 0) {
        *dev = st.st_dev;
        *inode = st.st_ino;
    }
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, sizeof(buf) - 1);
    if (n <= 0) {
        return NULL;
    }
    buf[n] = 0;
    return g_strdup(buf);
}

int64_t mmu_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t off)
{
    int type = flags & MAP_SHARED_VALIDATE; /* MAP_SHARED | MAP_PRIVATE bits */
    bool anon = (flags & MAP_ANONYMOUS) != 0;
    bool fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;

    if (len == 0 || (off & ~(uint64_t)GUEST_PAGE_MASK) != 0) {
        return -EINVAL;
    }
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
        return -EINVAL;
    }
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) {
        return -EINVAL;
    }
    uint64_t alen = GUEST_PAGE_ALIGN((uint64_t)len);
    if (alen > GUEST_SPACE - GUEST_PAGE_SIZE) {
        return -ENOMEM;
    }
    if (!anon && off + alen < off) {
        return -EOVERFLOW;
    }
    if (fixed && (addr & ~GUEST_PAGE_MASK)) {
        return -EINVAL;
    }
    if (fixed && (uint64_t)addr + alen > GUEST_SPACE) {
        return -ENOMEM;
    }
    if (fixed && addr < FIXED_MIN_ADDR) {
        return -EPERM;
    }

    uint64_t dev = 0, inode = 0;
    char *name = NULL;
    if (!anon) {
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0) {
            return -EBADF;
        }
        name = fd_info(fd, &dev, &inode);
    }

    Pending pend = {0, 0};
    g_mutex_lock(&mmu_lock);
    uint64_t start;
    if (fixed) {
        start = addr;
        if ((flags & MAP_FIXED_NOREPLACE) && !range_free(start, start + alen)) {
            g_mutex_unlock(&mmu_lock);
            g_free(name);
            return -EEXIST;
        }
    } else {
        uint64_t hint = GUEST_PAGE_ALIGN((uint64_t)addr);
        if (addr && hint >= MMAP_MIN_ADDR && hint + alen <= GUEST_SPACE &&
            range_free(hint, hint + alen)) {
            start = hint;
        } else {
            start = find_free_locked(alen);
            if (!start) {
                g_mutex_unlock(&mmu_lock);
                g_free(name);
                return -ENOMEM;
            }
        }
    }
    uint64_t end = start + alen;
    bool was_free = range_free(start, end);
    if (!was_free && range_has_code(start, end)) {
        pending_add(&pend, start, end);
    }

    int hflags = MAP_FIXED | type;
    hflags |= flags & (MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK);
    void *p = mmap(g2h((uint32_t)start), alen, host_prot(prot), hflags, anon ? -1 : fd,
                   anon ? 0 : (off_t)off);
    if (p == MAP_FAILED) {
        int err = errno;
        /*
         * A failed MAP_FIXED may have removed what was there: make sure free pages are
         * still reservation. Pages that were mapped keep their records.
         */
        if (was_free) {
            host_unmap(start, end);
        }
        g_mutex_unlock(&mmu_lock);
        g_free(name);
        return -err;
    }
    int pf = prot_to_flags(prot);
    if (anon && type == MAP_PRIVATE) {
        pf |= PAGE_ANON;
    }
    flags_set(start, end, pf);
    rec_add(start, end, name, anon ? 0 : off, dev, inode, type != MAP_PRIVATE);
    g_mutex_unlock(&mmu_lock);
    g_free(name);
    pending_flush(&pend);
    return (int64_t)start;
}

int mmu_munmap(uint32_t addr, uint32_t len)
{
    if ((addr & ~GUEST_PAGE_MASK) || len == 0) {
        return -EINVAL;
    }
    uint64_t end = GUEST_PAGE_ALIGN((uint64_t)addr + len);
    if (end > GUEST_SPACE) {
        return -EINVAL;
    }
    Pending pend = {0, 0};
    g_mutex_lock(&mmu_lock);
    unmap_locked(addr, end, &pend);
    g_mutex_unlock(&mmu_lock);
    pending_flush(&pend);
    return 0;
}

int mmu_mprotect(uint32_t addr, uint32_t len, int prot)
{
    if (addr & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    bool grows_down = (prot & PROT_GROWSDOWN) != 0;
    prot &= ~PROT_GROWSDOWN;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) {
        return -EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    uint64_t start = addr;
    uint64_t end = GUEST_PAGE_ALIGN((uint64_t)addr + len);
    if (end > GUEST_SPACE) {
        return -ENOMEM;
    }
    Pending pend = {0, 0};
    g_mutex_lock(&mmu_lock);
    if (!range_mapped(start, end)) {
        g_mutex_unlock(&mmu_lock);
        return -ENOMEM;
    }
    if (grows_down) {
        /* Extend down to the start of the mapping (the stack). */
        while (start >= GUEST_PAGE_SIZE &&
               (page_flags[page_index(start - GUEST_PAGE_SIZE)] & PAGE_VALID)) {
            start -= GUEST_PAGE_SIZE;
        }
    }
    if (mprotect(g2h((uint32_t)start), end - start, host_prot(prot)) != 0) {
        int err = errno;
        g_mutex_unlock(&mmu_lock);
        return -err;
    }
    int newf = prot_to_flags(prot);
    for (uint64_t a = start; a < end; a += GUEST_PAGE_SIZE) {
        uint8_t *f = &page_flags[page_index(a)];
        /* Losing exec, or pages holding translations whose host protection we reset. */
        if ((*f & PAGE_CODE) || ((*f & PAGE_EXEC) && !(prot & PROT_EXEC))) {
            pending_add(&pend, a, a + GUEST_PAGE_SIZE);
        }
        *f = (uint8_t)(newf | (*f & PAGE_ANON));
    }
    g_mutex_unlock(&mmu_lock);
    pending_flush(&pend);
    return 0;
}

/* Moves [old, old+len) to new (free or to be replaced) and fixes flags and records. */
static int64_t move_locked(uint64_t old, uint64_t old_len, uint64_t new_len,
                           uint64_t dst, Pending *pend)
{
    if (range_has_code(dst, dst + new_len)) {
        pending_add(pend, dst, dst + new_len);
    }
    void *p = mremap(g2h((uint32_t)old), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED,
                     g2h((uint32_t)dst));
    if (p == MAP_FAILED) {
        return -errno;
    }
    /* The source is a hole in the reservation now: fill it again. */
    host_unmap(old, old + old_len);
    if (range_has_code(old, old + old_len)) {
        pending_add(pend, old, old + old_len);
    }
    uint8_t f = page_flags[page_index(old + old_len - 1)] & ~PAGE_CODE;
    GArray *saved = g_array_sized_new(FALSE, FALSE, 1, (guint)(old_len >> PAGE_BITS));
    for (uint64_t a = old; a < old + old_len; a += GUEST_PAGE_SIZE) {
        uint8_t pf = page_flags[page_index(a)] & ~PAGE_CODE;
        g_array_append_val(saved, pf);
    }
    rec_remove(dst, dst + new_len);
    rec_copy(old, old_len, dst);
    flags_set(old, old + old_len, 0);
    rec_remove(old, old + old_len);
    /* rec_copy ran before the removal, so dst records are intact. */
    for (guint i = 0; i < saved->len; i++) {
        page_flags[page_index(dst) + i] = g_array_index(saved, uint8_t, i);
    }
    if (new_len > old_len) {
        flags_set(dst + old_len, dst + new_len, f);
        /* The grown part continues the last record of the old range. */
        const MapRec *last = rec_find(dst + old_len - 1);
        if (last) {
            MapRec copy = *last;
            rec_add(dst + old_len, dst + new_len, copy.name, copy.offset +
                    (dst + old_len - copy.start), copy.dev, copy.inode, copy.shared);
        }
    }
    g_array_free(saved, TRUE);
    return (int64_t)dst;
}

int64_t mmu_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len, int flags,
                   uint32_t new_addr)
{
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) {
        return -EINVAL;
    }
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) {
        return -EINVAL;
    }
    if (old_addr & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    uint64_t olen = GUEST_PAGE_ALIGN((uint64_t)old_len);
    uint64_t nlen = GUEST_PAGE_ALIGN((uint64_t)new_len);
    if (nlen == 0 || nlen >= GUEST_SPACE) {
        return -EINVAL;
    }
    if (olen == 0) {
        /* Duplicating a shared mapping is not supported. */
        return -EINVAL;
    }
    uint64_t old = old_addr;
    if (old + olen > GUEST_SPACE) {
        return -EFAULT;
    }
    if (flags & MREMAP_FIXED) {
        if (new_addr & ~GUEST_PAGE_MASK) {
            return -EINVAL;
        }
        if ((uint64_t)new_addr + nlen > GUEST_SPACE) {
            return -EINVAL;
        }
        if (new_addr < FIXED_MIN_ADDR) {
            return -EPERM;
        }
        if ((uint64_t)new_addr < old + olen && old < (uint64_t)new_addr + nlen) {
            return -EINVAL;
        }
    }

    Pending pend = {0, 0};
    int64_t ret;
    g_mutex_lock(&mmu_lock);
    if (!range_mapped(old, old + olen)) {
        ret = -EFAULT;
        goto out;
    }
    if (flags & MREMAP_FIXED) {
        uint64_t dst = new_addr;
        if (nlen < olen) {
            unmap_locked(old + nlen, old + olen, &pend);
            olen = nlen;
        }
        ret = move_locked(old, olen, nlen, dst, &pend);
        goto out;
    }
    if (nlen <= olen) {
        if (nlen < olen) {
            unmap_locked(old + nlen, old + olen, &pend);
        }
        ret = (int64_t)old;
        goto out;
    }
    /* Grow. In place if the pages after it are free. */
    if (old + nlen <= GUEST_SPACE && range_free(old + olen, old + nlen)) {
        uint8_t f = page_flags[page_index(old + olen - 1)] & ~PAGE_CODE;
        const MapRec *last = rec_find(old + olen - 1);
        MapRec copy = last ? *last : (MapRec){0};
        if (f & PAGE_ANON) {
            /* Private anonymous memory: new zero pages over the reservation. */
            void *p = mmap(g2h((uint32_t)(old + olen)), nlen - olen,
                           host_prot((f & PAGE_READ ? PROT_READ : 0) |
                                     (f & PAGE_WRITE ? PROT_WRITE : 0) |
                                     (f & PAGE_EXEC ? PROT_EXEC : 0)),
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            ret = p == MAP_FAILED ? -errno : (int64_t)old;
        } else {
            /*
             * File or shared memory: let the host grow it. Free the reservation pages
             * first (a short window where the range is a host hole).
             */
            munmap(g2h((uint32_t)(old + olen)), nlen - olen);
            void *p = mremap(g2h((uint32_t)old), olen, nlen, 0);
            if (p == MAP_FAILED) {
                ret = -errno;
                host_unmap(old + olen, old + nlen);
            } else {
                ret = (int64_t)old;
            }
        }
        if (ret >= 0) {
            flags_set(old + olen, old + nlen, f);
            if (last) {
                rec_add(old + olen, old + nlen, copy.name,
                        copy.offset + (old + olen - copy.start), copy.dev, copy.inode,
                        copy.shared);
            }
            goto out;
        }
        if (!(flags & MREMAP_MAYMOVE)) {
            goto out;
        }
    } else if (!(flags & MREMAP_MAYMOVE)) {
        ret = -ENOMEM;
        goto out;
    }
    {
        uint32_t dst = find_free_locked(nlen);
        if (!dst) {
            ret = -ENOMEM;
            goto out;
        }
        ret = move_locked(old, olen, nlen, dst, &pend);
    }
out:
    g_mutex_unlock(&mmu_lock);
    pending_flush(&pend);
    return ret;
}

/* ---- brk ---- */

void mmu_brk_init(uint32_t start)
{
    g_mutex_lock(&mmu_lock);
    brk_start = brk_cur = GUEST_PAGE_ALIGN(start);
    g_mutex_unlock(&mmu_lock);
}

uint32_t mmu_brk(uint32_t new_brk)
{
    Pending pend = {0, 0};
    g_mutex_lock(&mmu_lock);
    uint32_t cur = brk_cur;
    if (new_brk == 0 || brk_start == 0 || new_brk < brk_start) {
        g_mutex_unlock(&mmu_lock);
        return cur;
    }
    uint64_t old_top = GUEST_PAGE_ALIGN((uint64_t)cur);
    uint64_t new_top = GUEST_PAGE_ALIGN((uint64_t)new_brk);
    if (new_top > GUEST_SPACE) {
        g_mutex_unlock(&mmu_lock);
        return cur;
    }
    if (new_top < old_top) {
        unmap_locked(new_top, old_top, &pend);
    } else if (new_top > old_top) {
        /* Keep a gap of one page below any other mapping (like the stack guard). */
        uint64_t check_end = MIN(new_top + GUEST_PAGE_SIZE, GUEST_SPACE);
        if (!range_free(old_top, check_end)) {
            g_mutex_unlock(&mmu_lock);
            return cur;
        }
        void *p = mmap(g2h((uint32_t)old_top), new_top - old_top, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) {
            host_unmap(old_top, new_top);
            g_mutex_unlock(&mmu_lock);
            return cur;
        }
        flags_set(old_top, new_top, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
        rec_add(old_top, new_top, "[heap]", 0, 0, 0, false);
    }
    if (new_brk > cur && cur < old_top &&
        (page_flags[page_index(cur)] & (PAGE_VALID | PAGE_WRITE)) ==
            (PAGE_VALID | PAGE_WRITE)) {
        /* Memory handed out again after a shrink within the page reads as zero. */
        memset(g2h(cur), 0, MIN((uint64_t)new_brk, old_top) - cur);
    }
    brk_cur = new_brk;
    g_mutex_unlock(&mmu_lock);
    pending_flush(&pend);
    return new_brk;
}

/* ---- /proc/self/maps ---- */

static bool same_rec(const MapRec *a, const MapRec *b, uint64_t addr)
{
    if (a == b) {
        return true;
    }
    if (!a || !b) {
        /* An anonymous unnamed record equals no record. */
        const MapRec *r = a ? a : b;
        return !r->name && !r->shared && !r->inode;
    }
    if (a->shared != b->shared || a->dev != b->dev || a->inode != b->inode ||
        g_strcmp0(a->name, b->name) != 0) {
        return false;
    }
    if (a->inode) {
        /* File offsets must continue. */
        return a->offset + (addr - a->start) == b->offset + (addr - b->start);
    }
    return true;
}

char *mmu_maps_text(void)
{
    GString *s = g_string_new(NULL);
    g_mutex_lock(&mmu_lock);
    uint64_t a = 0;
    while (a < GUEST_SPACE) {
        uint8_t f = page_flags[page_index(a)];
        if (!(f & PAGE_VALID)) {
            a += GUEST_PAGE_SIZE;
            continue;
        }
        uint8_t prot = f & (PAGE_READ | PAGE_WRITE | PAGE_EXEC);
        const MapRec *r = rec_find(a);
        uint64_t start = a;
        a += GUEST_PAGE_SIZE;
        while (a < GUEST_SPACE) {
            uint8_t g = page_flags[page_index(a)];
            if (!(g & PAGE_VALID) || (g & (PAGE_READ | PAGE_WRITE | PAGE_EXEC)) != prot) {
                break;
            }
            const MapRec *r2 = (r && a < rec_end(r)) ? r : rec_find(a);
            if (!same_rec(r, r2, a)) {
                break;
            }
            a += GUEST_PAGE_SIZE;
        }
        const char *name = r ? r->name : NULL;
        if (!name && brk_start && start >= brk_start && start < GUEST_PAGE_ALIGN((uint64_t)brk_cur)) {
            name = "[heap]";
        }
        uint64_t off = (r && r->inode) ? r->offset + (start - r->start) : 0;
        uint64_t dev = r ? r->dev : 0;
        int len0 = (int)s->len;
        g_string_append_printf(s, "%08x-%08x %c%c%c%c %08" G_GINT64_MODIFIER "x "
                               "%02x:%02x %" G_GUINT64_FORMAT,
                               (uint32_t)start, (uint32_t)a,
                               (prot & PAGE_READ) ? 'r' : '-',
                               (prot & PAGE_WRITE) ? 'w' : '-',
                               (prot & PAGE_EXEC) ? 'x' : '-',
                               (r && r->shared) ? 's' : 'p', off,
                               (unsigned)major(dev), (unsigned)minor(dev),
                               r ? r->inode : 0);
        if (name) {
            int col = (int)s->len - len0;
            g_string_append_printf(s, "%*s%s", col < 73 ? 73 - col : 1, "", name);
        }
        g_string_append_c(s, '\n');
    }
    g_mutex_unlock(&mmu_lock);
    return g_string_free(s, FALSE);
}
