# The lang suite: the statement parser, the program tables and lang_validate.
# One executable; each group is its own CTest test so a failure names it.
add_executable(test_lang ${CMAKE_CURRENT_LIST_DIR}/test_lang.c)
target_link_libraries(test_lang PRIVATE gcviz_lang)
foreach(group parse reject for fuzz program validate)
  add_test(NAME lang_${group} COMMAND test_lang ${group})
endforeach()
