# The layout module on its own: placement at scale (no overlap, determinism)
# and the structure layouts.  No display needed.
add_executable(test_layout ${CMAKE_CURRENT_LIST_DIR}/test_layout.c)
target_link_libraries(test_layout PRIVATE gcviz_layout m)
foreach(t big)
  add_test(NAME layout.${t} COMMAND test_layout ${t})
  set_tests_properties(layout.${t} PROPERTIES TIMEOUT 600)
endforeach()
