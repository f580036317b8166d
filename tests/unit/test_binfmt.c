/*
 * binfmt_misc magic/mask table (linux-user/binfmt.c) against real ELF headers: the first
 * 40 bytes of programs built with Debian 12's cross compilers (gcc 12):
 *   arm-linux-gnueabihf-gcc -O2 [-no-pie | -fPIE -pie] m.c       (int main(void){return 0;})
 *   mips{,el}-linux-gnu-gcc -O2 [-no-pie | -fPIE -pie] m.c
 *   mips{,el}-linux-gnu-gcc -mabi=n32 -nostdlib -static s.c      (n32: must not match)
 *   mips-linux-gnu-gcc -mabi=64 -nostdlib -static s.c            (n64: must not match)
 * plus hand-made variants (ET_REL, ET_CORE, O64/EABI flags) and the host's own binary.
 * Also: the register string format, flag validation, parsing of what the kernel reports
 * for an entry, and the overlap test that makes xemu-binfmt refuse to shadow another
 * handler such as qemu-arm's.
 */
#include <glib.h>
#include <string.h>

#include "linux-user/binfmt.h"

typedef struct Header {
    const char *name;
    const char *guest; /* expected match, or NULL */
    uint8_t b[40];
} Header;

static const Header headers[] = {
    { "arm-exec", "arm",
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x02, 0x00, 0x28, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x03, 0x01, 0x00,
        0x34, 0x00, 0x00, 0x00, 0xec, 0x18, 0x00, 0x00, 0x00, 0x04, 0x00, 0x05 } },
    { "arm-pie", "arm",
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x03, 0x00, 0x28, 0x00, 0x01, 0x00, 0x00, 0x00, 0xe1, 0x03, 0x00, 0x00,
        0x34, 0x00, 0x00, 0x00, 0xdc, 0x19, 0x00, 0x00, 0x00, 0x04, 0x00, 0x05 } },
    { "mips-exec", "mips",
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x40, 0x04, 0xe0,
        0x00, 0x00, 0x00, 0x34, 0x00, 0x00, 0x0e, 0x60, 0x70, 0x00, 0x10, 0x07 } },
    { "mips-pie", "mips",
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x03, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x05, 0x70,
        0x00, 0x00, 0x00, 0x34, 0x00, 0x00, 0x0f, 0x90, 0x70, 0x00, 0x10, 0x07 } },
    { "mips-n32", NULL,
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x10, 0x00, 0x01, 0x30,
        0x00, 0x00, 0x00, 0x34, 0x00, 0x00, 0x03, 0x58, 0x80, 0x00, 0x00, 0x27 } },
    { "mips-n64", NULL,
      { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
        0x20, 0x00, 0x01, 0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40 } },
    { "mipsel-exec", "mipsel",
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x02, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00, 0xe0, 0x04, 0x40, 0x00,
        0x34, 0x00, 0x00, 0x00, 0x60, 0x0e, 0x00, 0x00, 0x07, 0x10, 0x00, 0x70 } },
    { "mipsel-pie", "mipsel",
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x03, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00, 0x70, 0x05, 0x00, 0x00,
        0x34, 0x00, 0x00, 0x00, 0x90, 0x0f, 0x00, 0x00, 0x07, 0x10, 0x00, 0x70 } },
    { "mipsel-n32", NULL,
      { 0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x02, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00, 0x30, 0x01, 0x00, 0x10,
        0x34, 0x00, 0x00, 0x00, 0x58, 0x03, 0x00, 0x00, 0x27, 0x00, 0x00, 0x80 } },
};

/* Index of the guest whose magic matches, -1 for none; fails on two matches. */
static int match_index(const uint8_t *b, size_t len)
{
    int hit = -1;
    for (unsigned k = 0; k < binfmt_magic_count; k++) {
        if (binfmt_matches(&binfmt_magics[k], b, len)) {
            g_assert_cmpint(hit, ==, -1);
            hit = (int)k;
        }
    }
    return hit;
}

static const char *match_guest(const uint8_t *b, size_t len)
{
    int k = match_index(b, len);
    return k < 0 ? NULL : binfmt_magics[k].guest;
}

static void test_real_headers(void)
{
    for (size_t k = 0; k < G_N_ELEMENTS(headers); k++) {
        const Header *h = &headers[k];
        g_test_message("%s", h->name);
        g_assert_cmpstr(match_guest(h->b, sizeof h->b), ==, h->guest);
    }
}

/* Copy of header `name` for hand-made variants. */
static void header_copy(const char *name, uint8_t out[40])
{
    for (size_t k = 0; k < G_N_ELEMENTS(headers); k++) {
        if (!strcmp(headers[k].name, name)) {
            memcpy(out, headers[k].b, 40);
            return;
        }
    }
    g_assert_not_reached();
}

static void test_variants(void)
{
    uint8_t b[40];

    /* ET_REL (1) and ET_CORE (4) are not programs. */
    header_copy("arm-exec", b);
    b[16] = 1;
    g_assert_null(match_guest(b, 40));
    b[16] = 4;
    g_assert_null(match_guest(b, 40));
    header_copy("mips-exec", b);
    b[17] = 1;
    g_assert_null(match_guest(b, 40));

    /* OSABI GNU (3) and MIPS EI_ABIVERSION 1..5 are accepted, as by the kernel. */
    header_copy("arm-pie", b);
    b[7] = 3;
    g_assert_cmpstr(match_guest(b, 40), ==, "arm");
    header_copy("mipsel-exec", b);
    b[8] = 5;
    g_assert_cmpstr(match_guest(b, 40), ==, "mipsel");

    /* A big-endian ARM (BE8) file, an ELF64 ARM-numbered file: not ours. */
    header_copy("arm-exec", b);
    b[5] = 2;
    g_assert_null(match_guest(b, 40));
    header_copy("arm-exec", b);
    b[4] = 2;
    g_assert_null(match_guest(b, 40));

    /* MIPS EF_MIPS_ABI: 0 and O32 (0x1000) match, O64/EABI32/EABI64 do not. */
    static const struct { uint32_t abi; bool ok; } abis[] = {
        { 0x0000, true }, { 0x1000, true }, { 0x2000, false }, { 0x3000, false },
        { 0x4000, false },
    };
    for (size_t k = 0; k < G_N_ELEMENTS(abis); k++) {
        header_copy("mips-exec", b); /* e_flags 0x70001007, big-endian */
        uint32_t f = (0x70001007u & ~0xf000u) | abis[k].abi;
        b[36] = f >> 24, b[37] = f >> 16, b[38] = f >> 8, b[39] = f;
        g_assert_cmpint(match_guest(b, 40) != NULL, ==, abis[k].ok);
        header_copy("mipsel-exec", b);
        b[36] = f, b[37] = f >> 8, b[38] = f >> 16, b[39] = f >> 24;
        g_assert_cmpint(match_guest(b, 40) != NULL, ==, abis[k].ok);
    }
    /* n32 is the ABI2 bit alone: clear it in the real n32 header and it matches. */
    header_copy("mips-n32", b);
    b[39] &= ~0x20;
    g_assert_cmpstr(match_guest(b, 40), ==, "mips");

    /* A file shorter than the magic does not match (the kernel's buffer is zero-padded). */
    header_copy("mips-exec", b);
    g_assert_null(match_guest(b, 39));
    g_assert_cmpstr(match_guest(b, 40), ==, "mips");
}

/* The emulator itself (an x86_64 ELF64) must not be claimed. */
static void test_host_binary(void)
{
    gchar *data = NULL;
    gsize len = 0;
    g_assert_true(g_file_get_contents("/proc/self/exe", &data, &len, NULL));
    g_assert_cmpuint(len, >=, 64);
    g_assert_null(match_guest((const uint8_t *)data, len));
    g_free(data);
}

/* Every magic byte lies inside its mask (what the kernel reports reads back equal). */
static void test_table_consistent(void)
{
    for (unsigned k = 0; k < binfmt_magic_count; k++) {
        const BinfmtMagic *m = &binfmt_magics[k];
        g_assert_cmpuint(m->len, <=, BINFMT_MAGIC_MAX);
        g_assert_cmpuint(m->offset + m->len, <=, 128); /* binfmt-misc.rst */
        for (unsigned j = 0; j < m->len; j++) {
            g_assert_cmpuint(m->magic[j] & ~m->mask[j], ==, 0);
        }
        for (unsigned j = 0; j < binfmt_magic_count; j++) {
            /* No file can be claimed by two of our own entries. */
            g_assert_cmpint(binfmt_overlap(m, &binfmt_magics[j]), ==, j == k);
        }
    }
}

static void test_register_line(void)
{
    const char *why = NULL;
    char *line = binfmt_register_line(binfmt_find("arm"), "xemu-arm", "/usr/bin/xemu-arm",
                                      "POCF", &why);
    g_assert_nonnull(line);
    g_assert_cmpstr(line, ==,
                    ":xemu-arm:M:0:"
                    "\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                    "\\x00\\x00\\x02\\x00\\x28\\x00:"
                    "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                    "\\x00\\x00\\xfe\\xff\\xff\\xff:"
                    "/usr/bin/xemu-arm:POCF");
    g_free(line);

    line = binfmt_register_line(binfmt_find("mips"), "xemu-mips", "/x/xemu-mips", "", &why);
    g_assert_nonnull(line);
    gchar **f = g_strsplit(line, ":", -1);
    g_assert_cmpuint(g_strv_length(f), ==, 8);
    g_assert_cmpstr(f[1], ==, "xemu-mips");
    g_assert_cmpstr(f[2], ==, "M");
    g_assert_cmpuint(strlen(f[4]), ==, 40 * 4); /* every byte as \xHH */
    g_assert_cmpuint(strlen(f[5]), ==, 40 * 4);
    g_assert_true(g_str_has_suffix(f[5], "\\x00\\x00\\xe0\\x20")); /* ABI, ABI2 bits */
    g_assert_cmpstr(f[7], ==, "");
    g_strfreev(f);
    g_free(line);

    line = binfmt_register_line(binfmt_find("mipsel"), "a/b", "/x", "", &why);
    g_assert_null(line);
    g_assert_nonnull(why);
    g_assert_null(binfmt_register_line(binfmt_find("arm"), "n", "/a:b", "", &why));
    g_assert_null(binfmt_register_line(binfmt_find("arm"), "n", "/x", "PX", &why));
    gchar *longpath = g_strnfill(128, 'a');
    g_assert_null(binfmt_register_line(binfmt_find("arm"), "n", longpath, "", &why));
    g_free(longpath);
    g_assert_null(binfmt_find("aarch64"));
}

static void test_flags(void)
{
    char canon[5];
    g_assert_null(binfmt_check_flags("FP", canon));
    g_assert_cmpstr(canon, ==, "PF");
    g_assert_null(binfmt_check_flags("C", canon));
    g_assert_cmpstr(canon, ==, "OC"); /* C implies O, as the kernel reports it */
    g_assert_null(binfmt_check_flags("", canon));
    g_assert_cmpstr(canon, ==, "");
    g_assert_nonnull(binfmt_check_flags("PP", canon));
    g_assert_nonnull(binfmt_check_flags("p", canon));
}

/* What the kernel shows for a qemu-arm entry as Debian's qemu-user-static installs it. */
static const char qemu_arm_entry[] =
    "enabled\n"
    "interpreter /usr/libexec/qemu-binfmt/arm-binfmt-P\n"
    "flags: POCF\n"
    "offset 0\n"
    "magic 7f454c4601010100000000000000000002002800\n"
    "mask ffffffffffffff00fffffffffffffffffeffffff\n";

/* qemu's n32 entry: the same 20 bytes plus e_flags with EF_MIPS_ABI2 required. */
static const char qemu_mipsn32_entry[] =
    "disabled\n"
    "interpreter /usr/bin/qemu-mipsn32\n"
    "flags: \n"
    "offset 0\n"
    "magic 7f454c460102010000000000000000000002000800000000000000000000000000000000"
    "00000020\n"
    "mask ffffffffffffff00fffffffffffffffffffeffff00000000000000000000000000000000"
    "00000020\n";

static void test_parse_and_overlap(void)
{
    BinfmtEntry e;
    const char *why;
    g_assert_true(binfmt_parse_entry(qemu_arm_entry, &e, &why));
    g_assert_true(e.enabled);
    g_assert_true(e.is_magic);
    g_assert_cmpstr(e.interpreter, ==, "/usr/libexec/qemu-binfmt/arm-binfmt-P");
    g_assert_cmpstr(e.flags, ==, "POCF");
    g_assert_cmpuint(e.m.len, ==, 20);
    g_assert_true(binfmt_overlap(&e.m, binfmt_find("arm")));
    g_assert_false(binfmt_overlap(&e.m, binfmt_find("mipsel")));
    g_assert_false(binfmt_entry_equal(&e, binfmt_find("arm"), e.interpreter, "POCF"));
    binfmt_entry_clear(&e);

    g_assert_true(binfmt_parse_entry(qemu_mipsn32_entry, &e, &why));
    g_assert_false(e.enabled);
    g_assert_cmpstr(e.flags, ==, "");
    g_assert_cmpuint(e.m.len, ==, 40);
    /* Our o32 entry leaves n32 binaries alone, so the two do not conflict. */
    g_assert_false(binfmt_overlap(&e.m, binfmt_find("mips")));
    uint8_t b[40];
    header_copy("mips-n32", b);
    g_assert_true(binfmt_matches(&e.m, b, 40));
    binfmt_entry_clear(&e);

    /* Our own entry, as the kernel would report it, reads back equal. */
    const BinfmtMagic *arm = binfmt_find("arm");
    GString *t = g_string_new("enabled\ninterpreter /opt/xemu/bin/xemu-arm\nflags: OCF\n"
                              "offset 0\nmagic ");
    for (unsigned j = 0; j < arm->len; j++) {
        g_string_append_printf(t, "%02x", arm->magic[j]);
    }
    g_string_append(t, "\nmask ");
    for (unsigned j = 0; j < arm->len; j++) {
        g_string_append_printf(t, "%02x", arm->mask[j]);
    }
    g_string_append(t, "\n");
    g_assert_true(binfmt_parse_entry(t->str, &e, &why));
    g_assert_true(binfmt_entry_equal(&e, arm, "/opt/xemu/bin/xemu-arm", "CF"));
    g_assert_false(binfmt_entry_equal(&e, arm, "/opt/xemu/bin/xemu-arm", "F"));
    g_assert_false(binfmt_entry_equal(&e, arm, "/usr/bin/xemu-arm", "CF"));
    binfmt_entry_clear(&e);
    g_string_free(t, TRUE);

    /* An entry without a mask line matches exactly; an extension entry never overlaps. */
    g_assert_true(binfmt_parse_entry("enabled\ninterpreter /x\nflags: \noffset 0\n"
                                     "magic 7f454c46\n", &e, &why));
    g_assert_cmpuint(e.m.mask[3], ==, 0xff);
    g_assert_true(binfmt_overlap(&e.m, arm));
    binfmt_entry_clear(&e);
    g_assert_true(binfmt_parse_entry("enabled\ninterpreter /usr/bin/wine\nflags: \n"
                                     "extension .exe\n", &e, &why));
    g_assert_false(e.is_magic);
    g_assert_cmpstr(e.extension, ==, "exe");
    binfmt_entry_clear(&e);

    /* Malformed reports are refused, not half-parsed. */
    g_assert_false(binfmt_parse_entry("interpreter /x\n", &e, &why));
    g_assert_false(binfmt_parse_entry("enabled\nmagic 7f45\nmask ff\n", &e, &why));
    g_assert_false(binfmt_parse_entry("enabled\nmagic 7g\n", &e, &why));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/binfmt/real-headers", test_real_headers);
    g_test_add_func("/binfmt/variants", test_variants);
    g_test_add_func("/binfmt/host-binary", test_host_binary);
    g_test_add_func("/binfmt/table-consistent", test_table_consistent);
    g_test_add_func("/binfmt/register-line", test_register_line);
    g_test_add_func("/binfmt/flags", test_flags);
    g_test_add_func("/binfmt/parse-and-overlap", test_parse_and_overlap);
    return g_test_run();
}
