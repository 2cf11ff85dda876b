add_executable(test_engine ${CMAKE_CURRENT_LIST_DIR}/test_engine.c)
target_link_libraries(test_engine PRIVATE gcviz_scenario)
foreach(t phases move_back rewind check_every_step chain_million collectors weakrefs oom_sweep counts freelists)
  add_test(NAME engine_${t} COMMAND test_engine ${t})
endforeach()

# The captions the engine writes (gc_explain.c), on bundled chapters.
add_executable(test_explain ${CMAKE_CURRENT_LIST_DIR}/test_explain.c)
target_link_libraries(test_explain PRIVATE gcviz_scenario)
target_compile_definitions(test_explain PRIVATE GCVIZ_SCENARIOS_DIR="${PROJECT_SOURCE_DIR}/scenarios")
foreach(t resurrection weakrefs cursor_independent)
  add_test(NAME explain_${t} COMMAND test_explain ${t})
endforeach()
