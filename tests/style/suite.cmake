# Checks that keep the code as docs/architecture.md describes it: the module
# layering (no SDL or cJSON below the scenario module) and clang-format on
# every C line changed since tests/style/format-base.
add_test(NAME style_layers
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check_layers.sh ${PROJECT_SOURCE_DIR})
add_test(NAME style_format
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check_format.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(style_layers style_format PROPERTIES LABELS "style;nosan")
