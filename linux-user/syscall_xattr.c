/*
 * Extended attributes: set/get/list/removexattr and their l* (no symlink follow) and
 * f* (by fd) forms. Attribute names are strings and values opaque bytes (the POSIX ACL
 * format in system.posix_acl_* is little endian on every architecture), so nothing is
 * converted: paths go through the -L prefix, buffers are checked, and size 0 asks the
 * host for the needed size as the guest asked us.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sys/xattr.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

#define XATTR_PATH_BUF (PATH_MAX * 2)
#define XATTR_MAX_SIZE 65536u /* XATTR_SIZE_MAX */
#define XATTR_MAX_LIST 65536u /* XATTR_LIST_MAX */

/* How an xattr call names its file: by path (following symlinks or not) or by fd. */
typedef enum XattrTarget { XA_PATH, XA_LPATH, XA_FD } XattrTarget;

typedef struct XattrFile {
    XattrTarget how;
    int fd;
    const char *path;
    char buf[XATTR_PATH_BUF];
} XattrFile;

static int xattr_file(XattrFile *f, XattrTarget how, uint32_t arg)
{
    f->how = how;
    if (how == XA_FD) {
        f->fd = (int)arg;
        return 0;
    }
    f->path = sys_guest_path(arg, f->buf, sizeof f->buf);
    return f->path ? 0 : -EFAULT;
}

/* A writable guest buffer of size bytes (clamped as the kernel does), or NULL. */
static void *xattr_out_buf(uint32_t addr, uint32_t *size, uint32_t max)
{
    if (*size > max) {
        *size = max;
    }
    return sys_guest_ptr(addr, *size, PAGE_WRITE);
}

/* setxattr(file, name, value, size, flags) */
static int64_t xattr_set(const uint32_t *args, XattrTarget how)
{
    XattrFile f;
    const char *name = sys_guest_str(args[1]);
    if (xattr_file(&f, how, args[0]) < 0 || !name) {
        return SYS_ERR(EFAULT);
    }
    uint32_t size = args[3];
    if (size > XATTR_MAX_SIZE) {
        return SYS_ERR(E2BIG);
    }
    const void *value = sys_guest_ptr(args[2], size, PAGE_READ);
    if (!value) {
        return SYS_ERR(EFAULT);
    }
    int flags = (int)args[4];
    int r;
    switch (how) {
    case XA_PATH:
        r = setxattr(f.path, name, value, size, flags);
        break;
    case XA_LPATH:
        r = lsetxattr(f.path, name, value, size, flags);
        break;
    default:
        r = fsetxattr(f.fd, name, value, size, flags);
        break;
    }
    return SYS_RET(r);
}

/* getxattr(file, name, value, size): size 0 returns the value's size. */
static int64_t xattr_get(const uint32_t *args, XattrTarget how)
{
    XattrFile f;
    const char *name = sys_guest_str(args[1]);
    if (xattr_file(&f, how, args[0]) < 0 || !name) {
        return SYS_ERR(EFAULT);
    }
    uint32_t size = args[3];
    void *value = xattr_out_buf(args[2], &size, XATTR_MAX_SIZE);
    if (!value) {
        return SYS_ERR(EFAULT);
    }
    ssize_t r;
    switch (how) {
    case XA_PATH:
        r = getxattr(f.path, name, size ? value : NULL, size);
        break;
    case XA_LPATH:
        r = lgetxattr(f.path, name, size ? value : NULL, size);
        break;
    default:
        r = fgetxattr(f.fd, name, size ? value : NULL, size);
        break;
    }
    return SYS_RET(r);
}

/* listxattr(file, list, size): NUL-separated names; size 0 returns the needed size. */
static int64_t xattr_list(const uint32_t *args, XattrTarget how)
{
    XattrFile f;
    if (xattr_file(&f, how, args[0]) < 0) {
        return SYS_ERR(EFAULT);
    }
    uint32_t size = args[2];
    char *list = xattr_out_buf(args[1], &size, XATTR_MAX_LIST);
    if (!list) {
        return SYS_ERR(EFAULT);
    }
    ssize_t r;
    switch (how) {
    case XA_PATH:
        r = listxattr(f.path, size ? list : NULL, size);
        break;
    case XA_LPATH:
        r = llistxattr(f.path, size ? list : NULL, size);
        break;
    default:
        r = flistxattr(f.fd, size ? list : NULL, size);
        break;
    }
    return SYS_RET(r);
}

/* removexattr(file, name) */
static int64_t xattr_remove(const uint32_t *args, XattrTarget how)
{
    XattrFile f;
    const char *name = sys_guest_str(args[1]);
    if (xattr_file(&f, how, args[0]) < 0 || !name) {
        return SYS_ERR(EFAULT);
    }
    int r;
    switch (how) {
    case XA_PATH:
        r = removexattr(f.path, name);
        break;
    case XA_LPATH:
        r = lremovexattr(f.path, name);
        break;
    default:
        r = fremovexattr(f.fd, name);
        break;
    }
    return SYS_RET(r);
}

#define XATTR_HANDLERS(op)                                                                \
    int64_t sys_##op##xattr(CPUState *cpu, const uint32_t *args)                          \
    {                                                                                     \
        return xattr_##op(args, XA_PATH);                                                 \
    }                                                                                     \
    int64_t sys_l##op##xattr(CPUState *cpu, const uint32_t *args)                         \
    {                                                                                     \
        return xattr_##op(args, XA_LPATH);                                                \
    }                                                                                     \
    int64_t sys_f##op##xattr(CPUState *cpu, const uint32_t *args)                         \
    {                                                                                     \
        return xattr_##op(args, XA_FD);                                                   \
    }

XATTR_HANDLERS(set)
XATTR_HANDLERS(get)
XATTR_HANDLERS(list)
XATTR_HANDLERS(remove)
