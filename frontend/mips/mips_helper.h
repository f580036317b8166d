/*
 * C helpers called from MIPS translated code for what has no IR op: the SC
 * compare-and-swap on the LL reservation, the SYNC fence and the RDHWR cycle counter.
 */
#ifndef XEMU_MIPS_HELPER_H
#define XEMU_MIPS_HELPER_H

#include "ir/ir.h"

/*
 * (env, addr, value, bswap): SC. Stores value at the aligned addr iff the reservation is
 * at addr and memory still holds env->llval; returns 1 on success, 0 on failure, and
 * clears the reservation. bswap != 0: guest memory is big endian (values are in
 * register order, memory in guest order).
 */
IR_HELPER_DECL(mips_sc);
IR_HELPER_DECL(mips_sync); /* (env) full memory fence */
IR_HELPER_DECL(mips_rdhwr_cc); /* (env) -> CC, the cycle counter (RDHWR $2) */

/* RDHWR $3 CCRes: CC counts once every MIPS_CC_RES cycles. */
#define MIPS_CC_RES 1u
/* RDHWR $1 SYNCI_Step: the cache line size SYNCI works on. */
#define MIPS_SYNCI_STEP 32u

#endif
