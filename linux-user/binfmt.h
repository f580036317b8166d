/*
 * binfmt_misc support: the magic/mask pairs that make the kernel hand xemu's guest
 * binaries to xemu-<guest>, the register string built from them, and parsing of what
 * /proc/sys/fs/binfmt_misc/<entry> reports (to show status and to find other handlers
 * that would claim the same binaries). Used by tools/xemu-binfmt.c and the unit test;
 * nothing here touches the file system.
 *
 * Kernel rules (Documentation/admin-guide/binfmt-misc.rst, fs/binfmt_misc.c): a file
 * matches an entry when (byte[offset + j] ^ magic[j]) & mask[j] == 0 for every j; the
 * register string is ":name:M:offset:magic:mask:interpreter:flags" with \xHH escapes;
 * flags are P (preserve argv[0]), O (open binary, AT_EXECFD), C (credentials of the
 * binary, implies O) and F (interpreter opened at registration).
 */
#ifndef XEMU_BINFMT_H
#define XEMU_BINFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest magic we register: the MIPS entries reach e_flags (bytes 36..39). */
#define BINFMT_MAGIC_MAX 128

typedef struct BinfmtMagic {
    const char *guest; /* "arm", "mips", "mipsel": handled by xemu-<guest>; NULL if parsed */
    const char *what;  /* human description, for messages */
    unsigned offset;
    unsigned len;
    uint8_t magic[BINFMT_MAGIC_MAX];
    uint8_t mask[BINFMT_MAGIC_MAX];
} BinfmtMagic;

extern const BinfmtMagic binfmt_magics[];
extern const unsigned binfmt_magic_count;

/* The table entry for guest "arm"/"mips"/"mipsel", or NULL. */
const BinfmtMagic *binfmt_find(const char *guest);

/* The kernel's test: does a file starting with head[0..len) match? */
bool binfmt_matches(const BinfmtMagic *m, const uint8_t *head, size_t len);

/* Can one file match both entries (each constrains the bytes the other leaves free)? */
bool binfmt_overlap(const BinfmtMagic *a, const BinfmtMagic *b);

/*
 * Validates a flags string (letters from "POCF", each at most once). Returns NULL or a
 * reason. *canon (may be NULL) receives the letters in the kernel's report order P O C F,
 * with O added when C is given (the kernel implies it), at most 5 bytes with the NUL.
 */
const char *binfmt_check_flags(const char *flags, char canon[5]);

/*
 * The register string for m (newly allocated, no trailing newline), or NULL with *why
 * set when name or interpreter cannot be expressed (empty, contains ':' or '/' in the
 * name, interpreter longer than the kernel accepts, bad flags).
 */
char *binfmt_register_line(const BinfmtMagic *m, const char *name, const char *interpreter,
                           const char *flags, const char **why);

/* One entry as /proc/sys/fs/binfmt_misc/<name> reports it. */
typedef struct BinfmtEntry {
    bool enabled;
    bool is_magic;      /* M entry (else E: extension) */
    char *interpreter;
    char flags[8];      /* as reported ("POCF" subset), "" if none */
    char *extension;    /* E entries */
    BinfmtMagic m;      /* M entries; mask all 0xff when the kernel reports none */
} BinfmtEntry;

/* Parses an entry file's text. False (with *why) if it is not in the expected form. */
bool binfmt_parse_entry(const char *text, BinfmtEntry *e, const char **why);
void binfmt_entry_clear(BinfmtEntry *e);

/* Same interpreter, flags, offset, magic and mask. */
bool binfmt_entry_equal(const BinfmtEntry *e, const BinfmtMagic *m, const char *interpreter,
                        const char *flags);

#endif
