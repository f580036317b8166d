/*
 * Raw IEEE bits <-> host float/double, for the guest FP helpers of every frontend (FP
 * registers are kept as bits; the helpers compute with host FP).
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

#endif
