/* The runtime/proto unit tests: registry lookups and the encoder. */
#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

int run_encode_suite(void);
int run_registry_suite(void);
int run_decode_hooks_suite(void);

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    run_registry_suite();
    run_encode_suite();
    run_decode_hooks_suite();
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
