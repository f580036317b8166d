/*
 * Host FP for the guest FP helpers of every frontend: raw IEEE bits <-> host
 * float/double (FP registers are kept as bits), and running host SSE arithmetic under a
 * given rounding mode while collecting the exceptions it raised.
 */
#ifndef XEMU_FRONTEND_FPBITS_H
#define XEMU_FRONTEND_FPBITS_H

#include <stdint.h>
#include <string.h>

static inline float f32_of(uint64_t bits)
{
    uint32_t u = (uint32_t)bits;
    float x;
    memcpy(&x, &u, 4);
    return x;
}

static inline uint32_t bits_of_f32(float x)
{
    uint32_t u;
    memcpy(&u, &x, 4);
    return u;
}

static inline double f64_of(uint64_t bits)
{
    double x;
    memcpy(&x, &bits, 8);
    return x;
}

static inline uint64_t bits_of_f64(double x)
{
    uint64_t u;
    memcpy(&u, &x, 8);
    return u;
}

/*
 * Switch MXCSR to rounding control `rc` (the MXCSR RC field, bits 14:13, already
 * shifted), all exceptions masked, flags clear, no FTZ/DAZ; returns the MXCSR to give
 * fp_host_leave(). Everything between enter and leave is volatile asm so the compiler
 * keeps it in order. ldmxcsr is slow, so it is skipped when MXCSR already holds the
 * wanted value: the host runs with the default MXCSR (0x1f80) and leave clears the
 * sticky flags rather than restoring the caller's (no host code consults them), so in
 * round-to-nearest an exact operation needs no ldmxcsr at all and an inexact one a
 * single one.
 */
static inline uint32_t fp_host_enter(uint32_t rc)
{
    uint32_t old, m = 0x1f80 | rc;
    __asm__ volatile("stmxcsr %0" : "=m"(old) : : "memory");
    if (old != m) {
        __asm__ volatile("ldmxcsr %0" : : "m"(m) : "memory");
    }
    return old;
}

/* Back to the caller's MXCSR controls, flags clear; returns the flags (MXCSR bits 5:0)
 * the operations since fp_host_enter raised. */
static inline uint32_t fp_host_leave(uint32_t old)
{
    uint32_t m, restore = old & ~0x3fu;
    __asm__ volatile("stmxcsr %0" : "=m"(m) : : "memory");
    if (m != restore) {
        __asm__ volatile("ldmxcsr %0" : : "m"(restore) : "memory");
    }
    return m & 0x3f;
}

#endif
