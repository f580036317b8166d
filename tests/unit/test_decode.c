/*
 * Decode-table tests: the pattern machinery itself, and for every ARM table that each
 * entry is reachable (no earlier entry matches all of its encodings) and that a sample
 * of real encodings lands on the expected handler.
 */
#include <glib.h>

#include "frontend/arm/translate.h"
#include "frontend/decode.h"

static bool trans_A(void *s, uint32_t insn, const DecodeEntry *e) { return true; }
static bool trans_B(void *s, uint32_t insn, const DecodeEntry *e) { return true; }
static bool trans_C(void *s, uint32_t insn, const DecodeEntry *e) { return false; }

static void test_fields_and_order(void)
{
    DecodeEntry entries[] = {
        DECODE(C, "1111 ---- ---- ----"),
        DECODE(A, "1111 aaaa bbbb aaaa"),
        DECODE(B, "0--- ---- ---- ----"),
        DECODE(A, "01-- ---- ---- ----"), /* shadowed by B */
    };
    DECODE_TABLE(t, "test", 16, entries);
    decode_table_init(&t);
    const DecodeEntry *e = decode_lookup(&t, 0xf3c5);
    g_assert_nonnull(e);
    g_assert_cmpstr(e->name, ==, "C");
    /* C's handler declines, so dispatch falls through to the next match, A. */
    g_assert_true(decode_dispatch(&t, NULL, 0xf3c5));
    g_assert_cmpuint(decode_field(&entries[1], 0xf3c5, 'a'), ==, 0x35);
    g_assert_cmpuint(decode_field(&entries[1], 0xf3c5, 'b'), ==, 0xc);
    g_assert_cmpint(decode_sfield(&entries[1], 0xf3c5, 'a'), ==, 0x35);
    g_assert_cmpint(decode_sfield(&entries[1], 0xfac5, 'a'), ==, (int32_t)0xffffffa5);
    g_assert_false(decode_dispatch(&t, NULL, 0x8000));
    char *report;
    g_assert_cmpint(decode_table_check(&t, NULL, &report), ==, 2); /* A after C, A after B */
    g_free(report);
    const char *const allowed[] = { "A", NULL };
    g_assert_cmpint(decode_table_check(&t, allowed, &report), ==, 0);
    g_free(report);
}

static void check_table(DecodeTable *t)
{
    char *report;
    int bad = decode_table_check(t, NULL, &report);
    if (bad) {
        g_printerr("%s", report);
    }
    g_assert_cmpint(bad, ==, 0);
    g_assert_cmpuint(t->nb_entries, >, 0);
    g_free(report);
}

static void test_a32_reachable(void) { check_table(&arm_a32_table); }
static void test_t16_reachable(void) { check_table(&arm_t16_table); }
static void test_t32_reachable(void) { check_table(&arm_t32_table); }
static void test_vfp_reachable(void) { check_table(&arm_vfp_table); }

/* Encodings cross-checked with arm-linux-gnueabihf-as / objdump. */
static void expect(DecodeTable *t, uint32_t insn, const char *prefix)
{
    const DecodeEntry *e = decode_lookup(t, insn);
    if (!e || !g_str_has_prefix(e->name, prefix)) {
        g_printerr("%s: %08x decodes as %s, want %s*\n", t->name, insn, e ? e->name : "nothing",
                   prefix);
    }
    g_assert_nonnull(e);
    g_assert_true(g_str_has_prefix(e->name, prefix));
}

static void test_samples(void)
{
    expect(&arm_a32_table, 0xe0810002, "ADD");  /* add r0, r1, r2 */
    expect(&arm_a32_table, 0xe3a00001, "MOV");  /* mov r0, #1 */
    expect(&arm_a32_table, 0xe5910004, "LDR");  /* ldr r0, [r1, #4] */
    expect(&arm_a32_table, 0xe8bd8010, "LDM");  /* pop {r4, pc} */
    expect(&arm_a32_table, 0xeb000000, "BL");   /* bl . + 8 */
    expect(&arm_a32_table, 0xe12fff1e, "BX");   /* bx lr */
    expect(&arm_a32_table, 0xef000000, "SVC");  /* svc 0 */
    expect(&arm_t16_table, 0x1840, "ADD");      /* adds r0, r0, r1 */
    expect(&arm_t16_table, 0x4770, "BX");       /* bx lr */
    expect(&arm_t16_table, 0xbf18, "IT");       /* it ne */
    expect(&arm_t32_table, 0xf8d10004, "LDR");  /* ldr.w r0, [r1, #4] */
    expect(&arm_t32_table, 0xe8bd8010, "LDM");  /* pop.w {r4, pc} */
    expect(&arm_vfp_table, 0xee300a01, "VADD"); /* vadd.f32 s0, s0, s2 */
    expect(&arm_vfp_table, 0xed9f0b00, "VLDR"); /* vldr d0, [pc] */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/fields_and_order", test_fields_and_order);
    g_test_add_func("/decode/arm/a32_reachable", test_a32_reachable);
    g_test_add_func("/decode/arm/t16_reachable", test_t16_reachable);
    g_test_add_func("/decode/arm/t32_reachable", test_t32_reachable);
    g_test_add_func("/decode/arm/vfp_reachable", test_vfp_reachable);
    g_test_add_func("/decode/arm/samples", test_samples);
    return g_test_run();
}
