add_executable(test_engine ${CMAKE_CURRENT_LIST_DIR}/test_engine.c)
target_link_libraries(test_engine PRIVATE gcviz_scenario)
foreach(t phases move_back rewind check_every_step chain_million collectors weakrefs oom_sweep counts freelists lean
        lean_list_tags lean_list_clear weakref_heads slot_capacity dict_index dict_object_keys vec stable_records
        lean_teardown_order id_cap lean_unreachable_runs record_limits lean_mixed_garbage
        lean_plain_heads)
  add_test(NAME engine_${t} COMMAND test_engine ${t})
endforeach()

# The captions the engine writes (gc_explain.c), on the JSON form of course
# chapters (tests/golden/scenarios/course: their ids and captions are pinned).
add_executable(test_explain ${CMAKE_CURRENT_LIST_DIR}/test_explain.c)
target_link_libraries(test_explain PRIVATE gcviz_scenario)
target_compile_definitions(test_explain PRIVATE GCVIZ_SCENARIOS_DIR="${PROJECT_SOURCE_DIR}/tests/golden/scenarios/course")
foreach(t resurrection weakrefs cursor_independent step_end)
  add_test(NAME explain_${t} COMMAND test_explain ${t})
endforeach()

# The trashcan's orders, measured in CPython by tests/oracle/trashcan_orders.py.
add_executable(test_trashcan ${CMAKE_CURRENT_LIST_DIR}/test_trashcan.c)
target_link_libraries(test_trashcan PRIVATE gcviz_scenario)
# The 3.13 case nested 9960 deep lives here, not under tests/golden, where the
# invariants suite would gc_check each of its 350,000 micro-steps.
file(GLOB GCVIZ_TRASHCAN_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../golden/trashcan/*.json
     ${CMAKE_CURRENT_LIST_DIR}/trashcan_deep/*.json)
foreach(sc ${GCVIZ_TRASHCAN_CASES})
  get_filename_component(name ${sc} NAME_WE)
  string(REGEX REPLACE "\\.json$" ".order" order ${sc})
  add_test(NAME engine_trashcan_${name} COMMAND test_trashcan ${sc} ${order})
  set_tests_properties(engine_trashcan_${name} PROPERTIES LABELS golden)
endforeach()

# Every chapter of the course under every "python" value gcviz models.
foreach(v 3.12 3.13 3.14 3.15)
  add_test(NAME engine_course_python_${v}
           COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DPY=${v}
                   -DSCENARIOS=${PROJECT_SOURCE_DIR}/scenarios -P ${CMAKE_CURRENT_LIST_DIR}/course_versions.cmake)
endforeach()

# The history's memory budget (issue 14).
add_executable(test_history ${CMAKE_CURRENT_LIST_DIR}/test_history.c)
target_link_libraries(test_history PRIVATE gcviz_scenario)
foreach(t budget_exact budget_full fine_exact budget_recompute run_index replay_exact)
  add_test(NAME engine_history_${t} COMMAND test_history ${t})
endforeach()
# the assertion against changing a rewound heap exists in checked builds
# (the sanitizer build) only
if(GCVIZ_CHECKED)
  add_test(NAME engine_history_rewound_mutation COMMAND test_history rewound_mutation)
endif()

# Heap checkpoints (issue 14): a checkpointed seek gives the heap plain
# replay gives, word for word.
add_executable(test_checkpoint ${CMAKE_CURRENT_LIST_DIR}/test_checkpoint.c)
target_link_libraries(test_checkpoint PRIVATE gcviz_scenario)
foreach(t cycles churn resurrection items counts weakrefs coarse few many pages shrink reach keys
          reach_ck)
  add_test(NAME engine_checkpoint_${t} COMMAND test_checkpoint ${t})
endforeach()
