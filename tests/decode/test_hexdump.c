/* ps_hexdump against Scapy's hexdump() text. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"

static char *dump(const uint8_t *p, size_t len)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    ps_hexdump(f, p, len);
    fclose(f);
    return text;
}

static void test_hexdump_frames(void)
{
    const struct golden *g = golden_get();
    CU_ASSERT_FATAL(g->n > 20);
    for (size_t i = 0; i < g->n; i++) {
        char *text = dump(g->frames[i].data, g->frames[i].len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(g->frames[i].hexdump);
        if (strcmp(text, g->frames[i].hexdump) != 0) {
            printf("\nframe %zu: got\n%sexpected\n%s", i + 1, text, g->frames[i].hexdump);
            CU_FAIL("hexdump differs from Scapy's");
        }
        free(text);
    }
}

static void test_hexdump_ascii_column(void)
{
    const struct golden *g = golden_get();
    uint8_t all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    char *text = dump(all, sizeof all);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g->hexdump_all_bytes);
    CU_ASSERT_STRING_EQUAL(text, g->hexdump_all_bytes);
    free(text);
}

static void test_hexdump_layout(void)
{
    static const uint8_t frame[] = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
                                    0x45, 0x00, 0x41};
    char *text = dump(frame, sizeof frame);
    CU_ASSERT_STRING_EQUAL(text,
                           "0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00  ..............E.\n"
                           "0010  41                                               A\n");
    free(text);
    text = dump(frame, 0);
    CU_ASSERT_STRING_EQUAL(text, "\n");
    free(text);
}

void add_hexdump_tests(void)
{
    CU_pSuite s = CU_add_suite("hexdump", NULL, NULL);
    CU_add_test(s, "frames as Scapy dumps them", test_hexdump_frames);
    CU_add_test(s, "every byte value in the ASCII column", test_hexdump_ascii_column);
    CU_add_test(s, "offsets, last-line padding, empty frame", test_hexdump_layout);
}
