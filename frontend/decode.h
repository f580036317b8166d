/*
 * Bit-pattern decode tables shared by all guest frontends.
 *
 * Each entry is one encoding written MSB-first as in the architecture manuals:
 *   DECODE(ADD_imm, "cccc0010100Snnnnddddrrrrvvvvvvvv")
 * '0'/'1' are fixed bits, '-' is "don't care" (also accepts 'x'), and letters name
 * fields; a letter used in several places is concatenated MSB-first. Tables are searched
 * in order, so put specific patterns before general ones. A handler returns false for
 * "not this instruction after all" and the search continues with the next entry.
 * decode_table_check() proves that every entry can be reached.
 */
#ifndef XEMU_FRONTEND_DECODE_H
#define XEMU_FRONTEND_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct DecodeEntry DecodeEntry;
typedef bool (*DecodeFn)(void *ctx, uint32_t insn, const DecodeEntry *e);

struct DecodeEntry {
    const char *name;
    const char *pattern;
    DecodeFn trans;
    /* filled by decode_table_init() */
    uint32_t mask, match;
    uint32_t field_mask[52]; /* 'A'..'Z' then 'a'..'z' */
};

typedef struct DecodeTable {
    const char *name;
    DecodeEntry *entries;
    size_t nb_entries;
    unsigned width; /* 16 or 32 */
    bool ready;
} DecodeTable;

/* Entry for a handler `bool trans_NAME(Ctx *s, uint32_t insn, const DecodeEntry *e)`. */
#define DECODE(NAME, PATTERN) { #NAME, PATTERN, (DecodeFn)trans_##NAME, 0, 0, { 0 } }
#define DECODE_TABLE(var, NAME, WIDTH, ARRAY) \
    DecodeTable var = { NAME, ARRAY, sizeof(ARRAY) / sizeof(ARRAY[0]), WIDTH, false }

/* Parses the patterns; aborts via g_error on a malformed pattern (a programming bug). */
void decode_table_init(DecodeTable *t);
/* Runs handlers of matching entries in order until one returns true. */
bool decode_dispatch(DecodeTable *t, void *ctx, uint32_t insn);
/* First matching entry, ignoring handlers (for tests and -d logs). */
const DecodeEntry *decode_lookup(DecodeTable *t, uint32_t insn);
/* Value of field `letter` in insn, per entry e (bits concatenated MSB-first). */
uint32_t decode_field(const DecodeEntry *e, uint32_t insn, char letter);
/* Same, sign-extended from its width. */
int32_t decode_sfield(const DecodeEntry *e, uint32_t insn, char letter);
/*
 * Reachability: entry j is shadowed if an earlier entry i matches every encoding j
 * matches. Returns the number of shadowed entries, naming each in *report (g_free it).
 * Entries listed in `allowed` (names, NULL-terminated) may be shadowed on purpose
 * because the earlier handler returns false for some encodings.
 */
int decode_table_check(DecodeTable *t, const char *const *allowed, char **report);

#endif
