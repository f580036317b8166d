/*
 * Inline SSE code for the VFP helpers. See jit_int.h.
 */
#include "backend/x86_64/jit_int.h"

bool jit_fp_inline(Ctx *c, IRHelper *h, int out, const IRTemp *in, unsigned nb_in)
{
    return false;
}
