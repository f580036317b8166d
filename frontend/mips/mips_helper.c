/* C helpers for MIPS translated code (see mips_helper.h). */
#include "frontend/mips/mips_helper.h"

#include <time.h>

#include "frontend/mips/cpu.h"
#include "softmmu/mmu.h"

static uint32_t helper_mips_sc(void *envp, uint32_t addr, uint32_t val, uint32_t bswap)
{
    CPUMIPSState *env = envp;
    uint32_t expect = env->llval;
    if (env->lladdr != addr) {
        env->lladdr = UINT32_MAX;
        return 0;
    }
    env->lladdr = UINT32_MAX;
    if (bswap) {
        expect = __builtin_bswap32(expect);
        val = __builtin_bswap32(val);
    }
    return __atomic_compare_exchange_n((uint32_t *)g2h(addr), &expect, val, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* SYNC: x86 may let a load pass an older store; nothing else needs ordering. */
static void helper_mips_sync(void *env)
{
    (void)env;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* CC at a nominal 100 MHz from the host's monotonic clock. */
static uint32_t helper_mips_rdhwr_cc(void *env)
{
    (void)env;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return (uint32_t)(ns / 10);
}

IR_HELPER_DEF(mips_sc, IRH_NO_GLOBALS | IRH_MEM, IRH_I32, IRH_ENV, IRH_I32, IRH_I32, IRH_I32);
IR_HELPER_DEF(mips_sync, IRH_NO_GLOBALS, IRH_VOID, IRH_ENV);
IR_HELPER_DEF(mips_rdhwr_cc, IRH_NO_GLOBALS, IRH_I32, IRH_ENV);
