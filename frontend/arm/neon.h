/*
 * Advanced SIMD (NEON) for the ARM frontend: the decoder entry points a32.c and t32.c
 * route the Advanced SIMD encoding space to. Every encoding is passed in its A32 form
 * (T32 callers convert: data processing 111U 1111 -> 1111 001U, loads/stores
 * 1111 1001 -> 1111 0100). Data processing and the core<->scalar transfers live in
 * neon.c (semantics in neon_helper.c); element and structure loads/stores in neon_ls.c.
 */
#ifndef XEMU_ARM_NEON_H
#define XEMU_ARM_NEON_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/arm/translate.h"

/* Data processing, A32 1111 001x: false means UNDEFINED (the caller raises SIGILL). */
bool neon_translate_dp(DisasContext *s, uint32_t insn);
/*
 * The Advanced SIMD transfers in the coprocessor space that vfp.c does not handle:
 * VMOV (core register to/from 8- and 16-bit scalar) and VDUP (core register). A32
 * layout, bits [31:28] ignored.
 */
bool neon_translate_xfer(DisasContext *s, uint32_t insn);
/* Element and structure loads/stores, A32 1111 0100 xxx0 (neon_ls.c). */
bool neon_translate_ls(DisasContext *s, uint32_t insn);

/* The decode tables, for the reachability unit test and the differential fuzzer. */
extern DecodeTable arm_neon_table, arm_neon_xfer_table;

#endif
