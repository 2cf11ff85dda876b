# Fuzz targets for the scenario loader and for the statement parser plus
# interpreter (fuzz_scenario.c, fuzz_lang.c).
#
# - Every build replays the corpus (the seeds and every crasher found so
#   far) through both targets: with libFuzzer's main under clang, with
#   fuzz_replay.c's under gcc.  Seeds for fuzz_scenario are the scenario
#   files already in the tree; corpus/ holds fuzz_lang's seeds (made by
#   make_lang_corpus.py) and the regressions of both.
# - With clang and GCVIZ_FUZZ=ON (`make fuzz`: build-fuzz, the libraries
#   instrumented for coverage), a smoke test fuzzes each target for
#   GCVIZ_FUZZ_SMOKE_SECONDS (label "fuzz"; `make fuzz-smoke` runs them).
#   Long runs: see the `fuzz` target in the Makefile.
set(_fz ${CMAKE_CURRENT_LIST_DIR})
set(GCVIZ_FUZZ_SMOKE_SECONDS 30 CACHE STRING "Seconds each fuzz smoke test fuzzes")
set(_fz_seeds_scenario ${_fz}/corpus/scenario ${PROJECT_SOURCE_DIR}/scenarios
    ${PROJECT_SOURCE_DIR}/tests/scenario/broken ${PROJECT_SOURCE_DIR}/tests/scenario/good
    ${PROJECT_SOURCE_DIR}/tests/golden/scenarios ${PROJECT_SOURCE_DIR}/tests/golden/scenarios/course
    ${PROJECT_SOURCE_DIR}/tests/golden/random
    ${PROJECT_SOURCE_DIR}/tests/cli)
set(_fz_seeds_lang ${_fz}/corpus/lang)

set(_fz_libfuzzer OFF)
if(CMAKE_C_COMPILER_ID MATCHES "Clang")
  include(CheckCSourceCompiles)
  set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=fuzzer)
  check_c_source_compiles("#include <stddef.h>
    #include <stdint.h>
    int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
    int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; return (int)n * 0; }"
    GCVIZ_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(GCVIZ_HAVE_LIBFUZZER)
    set(_fz_libfuzzer ON)
  endif()
endif()

foreach(_t scenario lang)
  if(_fz_libfuzzer)
    add_executable(fuzz_${_t} ${_fz}/fuzz_${_t}.c)
    target_compile_options(fuzz_${_t} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz_${_t} PRIVATE -fsanitize=fuzzer)
    set(_replay_flags -runs=0)
  else()
    add_executable(fuzz_${_t} ${_fz}/fuzz_${_t}.c ${_fz}/fuzz_replay.c)
    set(_replay_flags)
  endif()
  target_link_libraries(fuzz_${_t} PRIVATE gcviz_scenario)
  add_test(NAME fuzz_replay_${_t} COMMAND fuzz_${_t} ${_replay_flags} ${_fz_seeds_${_t}})
  set_tests_properties(fuzz_replay_${_t} PROPERTIES TIMEOUT 600)
  if(_fz_libfuzzer AND GCVIZ_FUZZ)
    # The first folder is the working corpus libFuzzer adds to (in the
    # build folder); the seeds are only read.
    set(_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz_corpus_${_t})
    file(MAKE_DIRECTORY ${_work})
    add_test(NAME fuzz_smoke_${_t}
             COMMAND fuzz_${_t} -max_total_time=${GCVIZ_FUZZ_SMOKE_SECONDS} -timeout=20
                     -rss_limit_mb=2560 -dict=${_fz}/${_t}.dict -print_final_stats=1
                     -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/fuzz_${_t}_ ${_work} ${_fz_seeds_${_t}})
    math(EXPR _to "${GCVIZ_FUZZ_SMOKE_SECONDS} + 120")
    set_tests_properties(fuzz_smoke_${_t} PROPERTIES LABELS "fuzz;nosan" TIMEOUT ${_to})
  endif()
endforeach()
