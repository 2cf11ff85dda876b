# Checks that keep the code as docs/architecture.md describes it: the module
# layering (no SDL or cJSON below the scenario module) and clang-format on
# every C line changed since tests/style/format-base.
add_test(NAME style_layers
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check_layers.sh ${PROJECT_SOURCE_DIR})
add_test(NAME style_format
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check_format.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(style_layers style_format PROPERTIES LABELS "style;nosan")

# No function in src/ over 120 lines unless a /* long: reason */ comment
# sits above it (check_funclen.py; --selftest checks the brace scan itself).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME style_funclen
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_funclen.py ${PROJECT_SOURCE_DIR})
  add_test(NAME style_funclen_selftest
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_funclen.py --selftest)
  set_tests_properties(style_funclen style_funclen_selftest PROPERTIES LABELS "style;nosan")
endif()
