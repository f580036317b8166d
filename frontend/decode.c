/* Bit-pattern decode tables: pattern parsing, dispatch, field extraction, checks. */
#include "decode.h"

#include <glib.h>
#include <string.h>

static int letter_index(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return 26 + (c - 'a');
    }
    return -1;
}

void decode_table_init(DecodeTable *t)
{
    if (t->ready) {
        return;
    }
    for (size_t k = 0; k < t->nb_entries; k++) {
        DecodeEntry *e = &t->entries[k];
        size_t len = 0;
        e->mask = e->match = 0;
        memset(e->field_mask, 0, sizeof(e->field_mask));
        for (const char *p = e->pattern; *p; p++) {
            if (*p == ' ' || *p == '_') {
                continue; /* readability separators */
            }
            len++;
        }
        if (len != t->width) {
            g_error("decode table %s: pattern for %s has %zu bits, want %u", t->name,
                    e->name, len, t->width);
        }
        unsigned bit = t->width;
        for (const char *p = e->pattern; *p; p++) {
            if (*p == ' ' || *p == '_') {
                continue;
            }
            bit--;
            uint32_t b = 1u << bit;
            if (*p == '0' || *p == '1') {
                e->mask |= b;
                e->match |= (*p == '1') ? b : 0;
            } else if (*p == '-' || *p == 'x') {
                /* don't care */
            } else if (letter_index(*p) >= 0) {
                e->field_mask[letter_index(*p)] |= b;
            } else {
                g_error("decode table %s: bad char '%c' in %s", t->name, *p, e->name);
            }
        }
    }
    t->ready = true;
}

bool decode_dispatch(DecodeTable *t, void *ctx, uint32_t insn)
{
    if (!t->ready) {
        decode_table_init(t);
    }
    for (size_t k = 0; k < t->nb_entries; k++) {
        const DecodeEntry *e = &t->entries[k];
        if ((insn & e->mask) == e->match && e->trans(ctx, insn, e)) {
            return true;
        }
    }
    return false;
}

const DecodeEntry *decode_lookup(DecodeTable *t, uint32_t insn)
{
    if (!t->ready) {
        decode_table_init(t);
    }
    for (size_t k = 0; k < t->nb_entries; k++) {
        if ((insn & t->entries[k].mask) == t->entries[k].match) {
            return &t->entries[k];
        }
    }
    return NULL;
}

uint32_t decode_field(const DecodeEntry *e, uint32_t insn, char letter)
{
    int li = letter_index(letter);
    g_assert(li >= 0);
    uint32_t m = e->field_mask[li], v = 0;
    g_assert(m != 0);
    for (int bit = 31; bit >= 0; bit--) {
        if (m & (1u << bit)) {
            v = (v << 1) | ((insn >> bit) & 1);
        }
    }
    return v;
}

int32_t decode_sfield(const DecodeEntry *e, uint32_t insn, char letter)
{
    int width = __builtin_popcount(e->field_mask[letter_index(letter)]);
    uint32_t v = decode_field(e, insn, letter);
    return (int32_t)(v << (32 - width)) >> (32 - width);
}

int decode_table_check(DecodeTable *t, const char *const *allowed, char **report)
{
    GString *out = g_string_new(NULL);
    int bad = 0;
    decode_table_init(t);
    for (size_t j = 0; j < t->nb_entries; j++) {
        const DecodeEntry *ej = &t->entries[j];
        for (size_t i = 0; i < j; i++) {
            const DecodeEntry *ei = &t->entries[i];
            /* i covers j if i's fixed bits are fixed the same way in j. */
            if ((ei->mask & ej->mask) == ei->mask && (ej->match & ei->mask) == ei->match) {
                bool ok = false;
                for (const char *const *a = allowed; a && *a; a++) {
                    ok |= strcmp(*a, ej->name) == 0;
                }
                if (!ok) {
                    g_string_append_printf(out, "%s: %s shadowed by %s\n", t->name, ej->name,
                                           ei->name);
                    bad++;
                }
                break;
            }
        }
    }
    *report = g_string_free(out, FALSE);
    return bad;
}
