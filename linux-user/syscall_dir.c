/*
 * Directory reading: getdents64 and the old getdents, with 32-bit-safe offsets.
 *
 * On ext4 (and other hashed-directory filesystems) host d_off values are 64-bit hashes.
 * A 32-bit guest using the non-LFS readdir() gets EOVERFLOW from its libc as soon as a
 * d_off does not fit in 32 bits. So each directory fd gets a cookie table: host d_off
 * values are replaced by 1, 2, 3... in the order first seen, and lseek/_llseek on that fd
 * translate cookies back to host offsets. readdir, telldir and seekdir all work, and
 * re-reading a directory gives the same cookies. The table is keyed by fd number and
 * checked against the directory's dev/inode so a reused fd number starts afresh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

struct SysDirCookies {
    GArray *offs;       /* cookie k (k >= 1) -> host offset offs[k - 1] */
    GHashTable *by_off; /* host offset (int64 key) -> cookie */
};

SysDirCookies *sys_dircookies_new(void)
{
    SysDirCookies *dc = g_new0(SysDirCookies, 1);
    dc->offs = g_array_new(FALSE, FALSE, sizeof(int64_t));
    dc->by_off = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    return dc;
}

void sys_dircookies_free(SysDirCookies *dc)
{
    if (dc) {
        g_array_free(dc->offs, TRUE);
        g_hash_table_destroy(dc->by_off);
        g_free(dc);
    }
}

uint32_t sys_dircookie_for(SysDirCookies *dc, int64_t host_off)
{
    if (host_off == 0) {
        return 0;
    }
    gpointer v = g_hash_table_lookup(dc->by_off, &host_off);
    if (v) {
        return GPOINTER_TO_UINT(v);
    }
    g_array_append_val(dc->offs, host_off);
    uint32_t cookie = dc->offs->len;
    int64_t *key = g_new(int64_t, 1);
    *key = host_off;
    g_hash_table_insert(dc->by_off, key, GUINT_TO_POINTER(cookie));
    return cookie;
}

bool sys_dircookie_lookup(SysDirCookies *dc, uint32_t cookie, int64_t *host_off)
{
    if (cookie == 0) {
        *host_off = 0;
        return true;
    }
    if (cookie > dc->offs->len) {
        return false;
    }
    *host_off = g_array_index(dc->offs, int64_t, cookie - 1);
    return true;
}

/* ---- per-fd state ------------------------------------------------------------------ */

typedef struct SysDirState {
    dev_t dev;
    ino_t ino;
    SysDirCookies *cookies;
} SysDirState;

static GMutex sys_dir_lock;
static GHashTable *sys_dir_fds; /* fd -> SysDirState */

static void sys_dir_state_free(gpointer p)
{
    SysDirState *s = p;
    sys_dircookies_free(s->cookies);
    g_free(s);
}

/* State for fd if it still names the same directory; with create, made if missing.
 * Called with sys_dir_lock held. */
static SysDirState *sys_dir_state(int fd, bool create)
{
    if (!sys_dir_fds) {
        if (!create) {
            return NULL;
        }
        sys_dir_fds = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                            sys_dir_state_free);
    }
    SysDirState *s = g_hash_table_lookup(sys_dir_fds, GINT_TO_POINTER(fd));
    if (!s && !create) {
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
        if (s) {
            g_hash_table_remove(sys_dir_fds, GINT_TO_POINTER(fd));
        }
        return NULL;
    }
    if (s && (s->dev != st.st_dev || s->ino != st.st_ino)) {
        g_hash_table_remove(sys_dir_fds, GINT_TO_POINTER(fd));
        s = NULL;
    }
    if (!s && create) {
        s = g_new0(SysDirState, 1);
        s->dev = st.st_dev;
        s->ino = st.st_ino;
        s->cookies = sys_dircookies_new();
        g_hash_table_insert(sys_dir_fds, GINT_TO_POINTER(fd), s);
    }
    return s;
}

void sys_dir_forget_fd(int fd)
{
    g_mutex_lock(&sys_dir_lock);
    if (sys_dir_fds) {
        g_hash_table_remove(sys_dir_fds, GINT_TO_POINTER(fd));
    }
    g_mutex_unlock(&sys_dir_lock);
}

bool sys_dir_lseek(int fd, int64_t off, int whence, int64_t *result)
{
    g_mutex_lock(&sys_dir_lock);
    SysDirState *s = sys_dir_fds ? sys_dir_state(fd, false) : NULL;
    if (!s) {
        g_mutex_unlock(&sys_dir_lock);
        return false;
    }
    int64_t host_off;
    off_t r;
    if (whence == SEEK_SET) {
        if (off < 0 || off > UINT32_MAX ||
            !sys_dircookie_lookup(s->cookies, (uint32_t)off, &host_off)) {
            *result = SYS_ERR(EINVAL);
        } else {
            r = lseek(fd, host_off, SEEK_SET);
            *result = r < 0 ? SYS_ERR(errno) : off;
        }
    } else {
        r = lseek(fd, off, whence);
        *result = r < 0 ? SYS_ERR(errno) : sys_dircookie_for(s->cookies, r);
    }
    g_mutex_unlock(&sys_dir_lock);
    return true;
}

/* ---- getdents64 / getdents ------------------------------------------------------------ */

/* Host struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, name. */
#define HD_INO 0
#define HD_OFF 8
#define HD_RECLEN 16
#define HD_TYPE 18
#define HD_NAME 19

static int64_t sys_do_getdents(const uint32_t *args, bool is64)
{
    int fd = (int)args[0];
    uint32_t count = args[2];
    uint32_t n = sys_guest_span(args[1], count, PAGE_WRITE);
    if (count && n < count) {
        return SYS_ERR(EFAULT);
    }
    if (n > (1u << 20)) {
        n = 1u << 20;
    }
    /* The old format may not fit everything read; remember where we started. */
    off_t start = is64 ? 0 : lseek(fd, 0, SEEK_CUR);
    uint8_t *hbuf = g_malloc(n ? n : 1);
    long r = syscall(SYS_getdents64, fd, hbuf, (size_t)n);
    if (r <= 0) {
        int64_t ret = SYS_RET(r);
        g_free(hbuf);
        return ret;
    }

    g_mutex_lock(&sys_dir_lock);
    SysDirState *s = sys_dir_state(fd, true);
    uint8_t *g = g2h(args[1]);
    uint32_t out = 0;
    long pos = 0;
    int64_t last_off = -1; /* host d_off of the last entry given to the guest */
    int64_t err = 0;
    while (pos < r) {
        const uint8_t *h = hbuf + pos;
        uint64_t ino;
        int64_t off;
        uint16_t reclen;
        memcpy(&ino, h + HD_INO, 8);
        memcpy(&off, h + HD_OFF, 8);
        memcpy(&reclen, h + HD_RECLEN, 2);
        uint8_t type = h[HD_TYPE];
        const char *name = (const char *)h + HD_NAME;
        size_t namelen = strlen(name);
        uint32_t cookie = s ? sys_dircookie_for(s->cookies, off) : (uint32_t)off;

        if (is64) {
            /* Same layout as the host's: the record always fits. */
            uint8_t *d = g + out;
            put_guest_u64(d + HD_INO, ino);
            put_guest_u64(d + HD_OFF, cookie);
            put_guest_u16(d + HD_RECLEN, reclen);
            memmove(d + HD_NAME, name, reclen - HD_NAME);
            d[HD_TYPE] = type;
            out += reclen;
        } else {
            /* u32 d_ino, u32 d_off, u16 d_reclen, name, NUL, d_type in the last byte. */
            uint32_t glen = (uint32_t)(10 + namelen + 2 + 3) & ~3u;
            if (ino > UINT32_MAX) {
                err = SYS_ERR(EOVERFLOW);
                break;
            }
            if (out + glen > count) {
                if (out == 0) {
                    err = SYS_ERR(EINVAL);
                }
                break;
            }
            uint8_t *d = g + out;
            put_guest_u32(d, (uint32_t)ino);
            put_guest_u32(d + 4, cookie);
            put_guest_u16(d + 8, (uint16_t)glen);
            memmove(d + 10, name, namelen + 1);
            memset(d + 10 + namelen + 1, 0, glen - 10 - namelen - 1);
            d[glen - 1] = type;
            out += glen;
        }
        last_off = off;
        pos += reclen;
    }
    /* Entries read from the host but not handed out are read again next time. */
    if (pos < r) {
        lseek(fd, last_off < 0 ? start : last_off, SEEK_SET);
    }
    g_mutex_unlock(&sys_dir_lock);
    g_free(hbuf);
    if (out == 0 && err) {
        return err;
    }
    return out;
}

int64_t sys_getdents64(CPUState *cpu, const uint32_t *args)
{
    return sys_do_getdents(args, true);
}

int64_t sys_getdents(CPUState *cpu, const uint32_t *args)
{
    return sys_do_getdents(args, false);
}
