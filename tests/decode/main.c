/* CUnit tests of the reading side: decoder, printers, capture files.
 * Usage: test_decode DIR, where DIR holds the golden files. */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "golden.h"

int main(int argc, char **argv)
{
    if (argc > 1)
        golden_dir = argv[1];
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    add_hexdump_tests();
    add_decode_tests();
    add_summary_tests();
    add_pcap_tests();
    add_hook_tests();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    unsigned failed_suites = CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    return failed || failed_suites ? 1 : 0;
}
