/*
 * binfmt_misc magic/mask table, register strings and entry parsing (see binfmt.h).
 *
 * What the masks select, byte by byte of the ELF header (offsets as in Elf32_Ehdr):
 *   0..3   "\177ELF"                                   exact
 *   4      EI_CLASS = ELFCLASS32                       exact
 *   5      EI_DATA: LSB (arm, mipsel) / MSB (mips)     exact
 *   6      EI_VERSION = EV_CURRENT                     exact
 *   7..15  EI_OSABI, EI_ABIVERSION, padding            ignored: the kernel's own ELF
 *          loader ignores them, toolchains set OSABI 3 (GNU) for IFUNC users, and MIPS
 *          glibc uses EI_ABIVERSION 1..5
 *   16..17 e_type: ET_EXEC (2) or ET_DYN (3)           low bit masked (PIE and static-pie
 *          are ET_DYN); ET_REL (1) and ET_CORE (4) do not match
 *   18..19 e_machine: EM_ARM (40) / EM_MIPS (8)        exact, in the file's byte order
 *   MIPS only:
 *   20..35 e_version, e_entry, e_phoff, e_shoff        ignored
 *   36..39 e_flags                                     EF_MIPS_ABI2 (0x20, n32) must be
 *          clear, and EF_MIPS_ABI (0xf000) must be 0 or O32 (0x1000): bits 0xe000 clear,
 *          which rejects O64 (0x2000), EABI32 (0x3000) and EABI64 (0x4000). These are the
 *          programs xemu's ELF loader accepts, so an n32 binary is left to another handler.
 */
#include "linux-user/binfmt.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes 0..19 of an ELF32 header: class, data, version, e_type (masked), e_machine. */
#define ELF_IDENT(data)        0x7f, 'E', 'L', 'F', 1, (data), 1
#define ELF_IDENT_MASK         0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
#define IGNORE9                0, 0, 0, 0, 0, 0, 0, 0, 0
#define IGNORE16               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0

const BinfmtMagic binfmt_magics[] = {
    {
        .guest = "arm",
        .what = "ARM little-endian ELF32 executables (ET_EXEC, ET_DYN)",
        .len = 20,
        .magic = { ELF_IDENT(1), IGNORE9, 2, 0, 40, 0 },
        .mask = { ELF_IDENT_MASK, IGNORE9, 0xfe, 0xff, 0xff, 0xff },
    },
    {
        .guest = "mips",
        .what = "MIPS big-endian o32 ELF32 executables (not n32)",
        .len = 40,
        .magic = { ELF_IDENT(2), IGNORE9, 0, 2, 0, 8, IGNORE16, 0, 0, 0, 0 },
        .mask = { ELF_IDENT_MASK, IGNORE9, 0xff, 0xfe, 0xff, 0xff, IGNORE16,
                  0, 0, 0xe0, 0x20 },
    },
    {
        .guest = "mipsel",
        .what = "MIPS little-endian o32 ELF32 executables (not n32)",
        .len = 40,
        .magic = { ELF_IDENT(1), IGNORE9, 2, 0, 8, 0, IGNORE16, 0, 0, 0, 0 },
        .mask = { ELF_IDENT_MASK, IGNORE9, 0xfe, 0xff, 0xff, 0xff, IGNORE16,
                  0x20, 0xe0, 0, 0 },
    },
};
const unsigned binfmt_magic_count = G_N_ELEMENTS(binfmt_magics);

/* The kernel's limit on the interpreter field (binfmt-misc.rst, "restrictions"). */
#define BINFMT_INTERP_MAX 127
/* The kernel's limit on the whole register string (MAX_REGISTER_LENGTH). */
#define BINFMT_LINE_MAX 1920

const BinfmtMagic *binfmt_find(const char *guest)
{
    for (unsigned k = 0; k < binfmt_magic_count; k++) {
        if (strcmp(binfmt_magics[k].guest, guest) == 0) {
            return &binfmt_magics[k];
        }
    }
    return NULL;
}

bool binfmt_matches(const BinfmtMagic *m, const uint8_t *head, size_t len)
{
    if (len < (size_t)m->offset + m->len) {
        return false; /* the kernel compares against a zero-padded buffer; so do we */
    }
    for (unsigned j = 0; j < m->len; j++) {
        if ((head[m->offset + j] ^ m->magic[j]) & m->mask[j]) {
            return false;
        }
    }
    return true;
}

bool binfmt_overlap(const BinfmtMagic *a, const BinfmtMagic *b)
{
    unsigned lo = MAX(a->offset, b->offset);
    unsigned hi = MIN(a->offset + a->len, b->offset + b->len);
    for (unsigned p = lo; p < hi; p++) {
        unsigned ja = p - a->offset, jb = p - b->offset;
        if ((a->magic[ja] ^ b->magic[jb]) & a->mask[ja] & b->mask[jb]) {
            return false;
        }
    }
    return true;
}

const char *binfmt_check_flags(const char *flags, char canon[5])
{
    bool seen[4] = { false };
    static const char order[] = "POCF";
    for (const char *f = flags ? flags : ""; *f; f++) {
        const char *at = strchr(order, *f);
        if (!at) {
            return "unknown binfmt_misc flag (known: P O C F)";
        }
        if (seen[at - order]) {
            return "binfmt_misc flag given twice";
        }
        seen[at - order] = true;
    }
    if (seen[2]) {
        seen[1] = true; /* C implies O */
    }
    if (canon) {
        char *o = canon;
        for (int k = 0; k < 4; k++) {
            if (seen[k]) {
                *o++ = order[k];
            }
        }
        *o = 0;
    }
    return NULL;
}

static void append_hex_escaped(GString *s, const uint8_t *bytes, unsigned len)
{
    for (unsigned j = 0; j < len; j++) {
        g_string_append_printf(s, "\\x%02x", bytes[j]);
    }
}

char *binfmt_register_line(const BinfmtMagic *m, const char *name, const char *interpreter,
                           const char *flags, const char **why)
{
    if (!name || !*name || strchr(name, '/') || strchr(name, ':') || !strcmp(name, ".") ||
        !strcmp(name, "..")) {
        *why = "invalid entry name (empty, '.', '..', or contains '/' or ':')";
        return NULL;
    }
    if (!interpreter || !*interpreter || strchr(interpreter, ':')) {
        *why = "invalid interpreter path (empty or contains ':')";
        return NULL;
    }
    if (strlen(interpreter) > BINFMT_INTERP_MAX) {
        *why = "interpreter path longer than the kernel's 127 characters";
        return NULL;
    }
    if ((*why = binfmt_check_flags(flags, NULL))) {
        return NULL;
    }
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, ":%s:M:%u:", name, m->offset);
    append_hex_escaped(s, m->magic, m->len);
    g_string_append_c(s, ':');
    append_hex_escaped(s, m->mask, m->len);
    g_string_append_printf(s, ":%s:%s", interpreter, flags ? flags : "");
    if (s->len + 1 > BINFMT_LINE_MAX) {
        g_string_free(s, TRUE);
        *why = "register string longer than the kernel accepts";
        return NULL;
    }
    return g_string_free(s, FALSE);
}

/* Decodes a run of hex digit pairs (the kernel prints magic and mask with bin2hex). */
static bool parse_hex(const char *hex, uint8_t *out, unsigned max, unsigned *len)
{
    size_t n = strlen(hex);
    if (n % 2 || n / 2 > max) {
        return false;
    }
    for (size_t k = 0; k < n / 2; k++) {
        int hi = g_ascii_xdigit_value(hex[2 * k]);
        int lo = g_ascii_xdigit_value(hex[2 * k + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        out[k] = (uint8_t)(hi << 4 | lo);
    }
    *len = (unsigned)(n / 2);
    return true;
}

bool binfmt_parse_entry(const char *text, BinfmtEntry *e, const char **why)
{
    memset(e, 0, sizeof(*e));
    gchar **lines = g_strsplit(text, "\n", -1);
    bool have_status = false, have_magic = false, have_mask = false, ok = true;
    unsigned mask_len = 0;
    *why = NULL;
    for (gchar **l = lines; *l && ok; l++) {
        const char *v;
        if (!strcmp(*l, "enabled") || !strcmp(*l, "disabled")) {
            e->enabled = (*l)[0] == 'e';
            have_status = true;
        } else if (g_str_has_prefix(*l, "interpreter ")) {
            g_free(e->interpreter);
            e->interpreter = g_strdup(*l + strlen("interpreter "));
        } else if (g_str_has_prefix(*l, "flags:")) {
            v = *l + strlen("flags:");
            while (*v == ' ') {
                v++;
            }
            if (strlen(v) >= sizeof(e->flags)) {
                *why = "flags line too long";
                ok = false;
            } else {
                strcpy(e->flags, v);
            }
        } else if (g_str_has_prefix(*l, "offset ")) {
            e->m.offset = (unsigned)strtoul(*l + strlen("offset "), NULL, 10);
            e->is_magic = true;
        } else if (g_str_has_prefix(*l, "magic ")) {
            ok = parse_hex(*l + strlen("magic "), e->m.magic, BINFMT_MAGIC_MAX, &e->m.len);
            have_magic = ok;
            e->is_magic = true;
            if (!ok) {
                *why = "bad magic line";
            }
        } else if (g_str_has_prefix(*l, "mask ")) {
            ok = parse_hex(*l + strlen("mask "), e->m.mask, BINFMT_MAGIC_MAX, &mask_len);
            have_mask = ok;
            if (!ok) {
                *why = "bad mask line";
            }
        } else if (g_str_has_prefix(*l, "extension .")) {
            g_free(e->extension);
            e->extension = g_strdup(*l + strlen("extension ."));
        }
        /* Other lines (newer kernels may add some) are ignored. */
    }
    g_strfreev(lines);
    if (ok && !have_status) {
        *why = "no enabled/disabled line";
        ok = false;
    }
    if (ok && e->is_magic && !have_magic) {
        *why = "magic entry without a magic line";
        ok = false;
    }
    if (ok && have_mask && mask_len != e->m.len) {
        *why = "mask and magic differ in length";
        ok = false;
    }
    if (ok && e->is_magic && !have_mask) {
        memset(e->m.mask, 0xff, e->m.len);
    }
    if (!ok) {
        binfmt_entry_clear(e);
    }
    return ok;
}

void binfmt_entry_clear(BinfmtEntry *e)
{
    g_free(e->interpreter);
    g_free(e->extension);
    memset(e, 0, sizeof(*e));
}

bool binfmt_entry_equal(const BinfmtEntry *e, const BinfmtMagic *m, const char *interpreter,
                        const char *flags)
{
    char canon[5];
    if (binfmt_check_flags(flags, canon) || strcmp(canon, e->flags) != 0) {
        return false;
    }
    return e->is_magic && e->interpreter && strcmp(e->interpreter, interpreter) == 0 &&
           e->m.offset == m->offset && e->m.len == m->len &&
           memcmp(e->m.magic, m->magic, m->len) == 0 && memcmp(e->m.mask, m->mask, m->len) == 0;
}
