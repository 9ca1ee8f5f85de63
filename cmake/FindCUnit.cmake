# CUnit, which only the unit tests need (tests/CMakeLists.txt): sets
# CUNIT_INCLUDE_DIR and CUNIT_LIBRARY.
find_path(CUNIT_INCLUDE_DIR CUnit/CUnit.h)
find_library(CUNIT_LIBRARY cunit)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CUnit REQUIRED_VARS CUNIT_LIBRARY CUNIT_INCLUDE_DIR)
