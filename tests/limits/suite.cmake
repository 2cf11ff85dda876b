# Limits (tests/limits): every bound on hostile input, by its constant, with
# its message, and the statements refused at check time with their position.
# The live_10m test runs `gcviz run` on 10,000,001 live objects: "slow", and
# "nosan" so the sanitizer run leaves it out; so is the default statement
# limit (100,000,000 statements run to the end).
add_executable(test_limits ${CMAKE_CURRENT_LIST_DIR}/test_limits.c)
target_link_libraries(test_limits PRIVATE gcviz_scenario)
foreach(g file_size json_depth steps stmt_len ident_len expr_depth range recursion exec_stmts
          objects hostile)
  add_test(NAME limits_${g} COMMAND test_limits ${g} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(limits_${g} PROPERTIES TIMEOUT 300)
endforeach()
add_test(NAME limits_cli_file_size COMMAND test_limits cli $<TARGET_FILE:gcviz>
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME limits_live_10m
         COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DSCENARIO=${CMAKE_CURRENT_LIST_DIR}/live_10m.json
                 "-DWANT=\"allocated\": 10000001, \"freed\": 0, \"live\": 10000001" -DSTATUS=0
                 -P ${CMAKE_CURRENT_LIST_DIR}/run_expect.cmake)
add_test(NAME limits_default_exec_stmts
         COMMAND ${CMAKE_COMMAND} -DGCVIZ=$<TARGET_FILE:gcviz> -DSCENARIO=${CMAKE_CURRENT_LIST_DIR}/forever.json
                 "-DWANT=RuntimeError: more than 100000000 statements executed (gcviz's limit)" -DSTATUS=1
                 -P ${CMAKE_CURRENT_LIST_DIR}/run_expect.cmake)
set_tests_properties(limits_live_10m limits_default_exec_stmts PROPERTIES LABELS "slow;nosan" TIMEOUT 300)

# Allocation failures: every allocation of the loader (and parser, program
# tables, cJSON) fails in turn, loading every bundled scenario and two broken
# files, and every allocation of a recorded run of every bundled scenario and
# .py program (test_oom.c; malloc wrapped at link time).
find_package(PkgConfig REQUIRED)
pkg_check_modules(CJSON_OOM REQUIRED IMPORTED_TARGET libcjson)
add_executable(test_oom ${CMAKE_CURRENT_LIST_DIR}/test_oom.c)
target_link_libraries(test_oom PRIVATE gcviz_scenario PkgConfig::CJSON_OOM)
target_link_options(test_oom PRIVATE -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc)
# (the course's JSON chapters: 16 and 17 in scenarios/, the others in their JSON
# form in tests/golden/scenarios/course)
file(GLOB _scn CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/[0-9]*.json
     ${PROJECT_SOURCE_DIR}/tests/golden/scenarios/course/*.json)
add_test(NAME limits_oom_load
         COMMAND test_oom load ${_scn} ${PROJECT_SOURCE_DIR}/tests/scenario/broken/unknown_key_step.json
                 ${PROJECT_SOURCE_DIR}/tests/scenario/broken/wrong_arity.json)
add_test(NAME limits_oom_run COMMAND test_oom run ${_scn})
# The same for .py programs (the course and the CPython goldens), whose
# output and traceback are compared too: a failure inside __del__ or while
# formatting a traceback must end in 3, never in a run that looks fine.
file(GLOB _py_course CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/[0-9]*.py)
file(GLOB _py_lessons CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/golden/py/[flv][0-9]*.py)
# Minus the long runs (tens of thousands of iterations, about a thousand
# collections): a sweep fails each of their ~10^4 allocations once and
# reruns them whole, hours; their loops, collections and prints allocate at
# the same sites as l05/l06's short ones.
list(FILTER _py_lessons EXCLUDE REGEX "/(l45_full_skip|l46_churn_long_run)[.]py$")
# l51 (a 3,000-iteration loop) is about four fifths of the sweep's time: a
# test of its own, so that the two halves run side by side.
set(_py_lean ${_py_lessons})
list(FILTER _py_lean INCLUDE REGEX "/l51_lean_paths[.]py$")
list(FILTER _py_lessons EXCLUDE REGEX "/l51_lean_paths[.]py$")
file(GLOB _py_seeds CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/golden/py/seed_*.py)
add_test(NAME limits_oom_run_py_course COMMAND test_oom run ${_py_course})
add_test(NAME limits_oom_run_py_lessons COMMAND test_oom run ${_py_lessons})
add_test(NAME limits_oom_run_py_lean COMMAND test_oom run ${_py_lean})
add_test(NAME limits_oom_run_py_seeds COMMAND test_oom run ${_py_seeds})
set_tests_properties(limits_oom_load limits_oom_run limits_oom_run_py_course limits_oom_run_py_lessons
                     limits_oom_run_py_lean limits_oom_run_py_seeds PROPERTIES TIMEOUT 900)
# Under the sanitizers (gc_check after every micro-step, shadow memory) the
# whole sweep of the py lessons took 8 minutes of CI: there each sweep fails
# the first allocation of every call site and every 8th of the others
# (test_oom.c); the normal build above fails every one.
if(GCVIZ_SANITIZE)
  set_tests_properties(limits_oom_run_py_course limits_oom_run_py_lessons limits_oom_run_py_lean
                       limits_oom_run_py_seeds PROPERTIES ENVIRONMENT GCVIZ_OOM_STRIDE=8)
endif()
