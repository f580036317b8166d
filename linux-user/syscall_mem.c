/*
 * Memory syscalls: brk, mmap2, munmap, mprotect, mremap and friends. The address-space
 * work is softmmu's (mmu_mmap & co.); here the guest flag bits are translated and the
 * calls that only advise (madvise, mlock) are answered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>

#include "linux-user/syscall_int.h"
#include "softmmu/mmu.h"

/* PROT_READ/WRITE/EXEC and PROT_GROWSDOWN/GROWSUP have the same values on all guests. */
#define SYS_PROT_MASK (PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)

int64_t sys_brk(CPUState *cpu, const uint32_t *args)
{
    return mmu_brk(args[0]);
}

/* mmap2(addr, len, prot, flags, fd, pgoff): the offset counts 4096-byte units. */
int64_t sys_mmap2(CPUState *cpu, const uint32_t *args)
{
    if (args[2] & ~(uint32_t)SYS_PROT_MASK) {
        return SYS_ERR(EINVAL);
    }
    int flags = (int)sys_flags_to_host(sys_abi->mmap_flags, args[3]);
    return mmu_mmap(args[0], args[1], (int)args[2], flags, (int)args[4],
                    (uint64_t)args[5] * 4096u);
}

/* old_mmap takes a pointer to its arguments: OABI only. */
int64_t sys_mmap(CPUState *cpu, const uint32_t *args)
{
    return SYS_ERR(ENOSYS);
}

int64_t sys_munmap(CPUState *cpu, const uint32_t *args)
{
    return mmu_munmap(args[0], args[1]);
}

int64_t sys_mprotect(CPUState *cpu, const uint32_t *args)
{
    if (args[2] & ~(uint32_t)SYS_PROT_MASK) {
        return SYS_ERR(EINVAL);
    }
    return mmu_mprotect(args[0], args[1], (int)args[2]);
}

/* mremap(old_addr, old_len, new_len, flags, new_addr); MREMAP_* bits are generic. */
int64_t sys_mremap(CPUState *cpu, const uint32_t *args)
{
    return mmu_mremap(args[0], args[1], args[2], (int)args[3], args[4]);
}

/* True if every page of [addr, addr+len) is mapped; sets *has_code if any holds code. */
static bool sys_range_mapped(uint32_t addr, uint32_t len, bool *has_code)
{
    *has_code = false;
    if ((uint64_t)addr + len > (1ull << 32)) {
        return false;
    }
    for (uint64_t a = addr; a < (uint64_t)addr + len; a += GUEST_PAGE_SIZE) {
        int f = mmu_page_flags((uint32_t)a);
        if (!(f & PAGE_VALID)) {
            return false;
        }
        *has_code |= (f & PAGE_CODE) != 0;
    }
    return true;
}

int64_t sys_madvise(CPUState *cpu, const uint32_t *args)
{
    uint32_t addr = args[0], len = GUEST_PAGE_ALIGN(args[1]);
    int advice = (int)args[2];
    bool code;
    if (addr & (GUEST_PAGE_SIZE - 1)) {
        return SYS_ERR(EINVAL);
    }
    switch (advice) {
    case MADV_DONTNEED:
    case MADV_FREE:
    case MADV_REMOVE:
        /* These change memory contents (zero-fill or refault): let the host do them. */
        if (!sys_range_mapped(addr, len, &code)) {
            return SYS_ERR(ENOMEM);
        }
        if (code) {
            tb_invalidate_range(addr, len);
        }
        return SYS_RET(madvise(g2h(addr), len, advice));
    default:
        return 0; /* hints only */
    }
}

int64_t sys_msync(CPUState *cpu, const uint32_t *args)
{
    uint32_t addr = args[0], len = GUEST_PAGE_ALIGN(args[1]);
    bool code;
    if (addr & (GUEST_PAGE_SIZE - 1)) {
        return SYS_ERR(EINVAL);
    }
    if (!sys_range_mapped(addr, len, &code)) {
        return SYS_ERR(ENOMEM);
    }
    return SYS_RET(msync(g2h(addr), len, (int)args[2]));
}

int64_t sys_mlock(CPUState *cpu, const uint32_t *args)
{
    return 0;
}

int64_t sys_munlock(CPUState *cpu, const uint32_t *args)
{
    return 0;
}

int64_t sys_mlockall(CPUState *cpu, const uint32_t *args)
{
    return 0;
}

int64_t sys_munlockall(CPUState *cpu, const uint32_t *args)
{
    return 0;
}

/* mincore(addr, len, vec) */
int64_t sys_mincore(CPUState *cpu, const uint32_t *args)
{
    uint32_t addr = args[0], len = args[1];
    bool code;
    if (addr & (GUEST_PAGE_SIZE - 1)) {
        return SYS_ERR(EINVAL);
    }
    if (!sys_range_mapped(addr, GUEST_PAGE_ALIGN(len), &code)) {
        return SYS_ERR(ENOMEM);
    }
    uint32_t pages = GUEST_PAGE_ALIGN(len) / GUEST_PAGE_SIZE;
    void *vec = sys_guest_ptr(args[2], pages, PAGE_WRITE);
    if (!vec) {
        return SYS_ERR(EFAULT);
    }
    return SYS_RET(mincore(g2h(addr), len, vec));
}
