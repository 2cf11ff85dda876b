# Exit statuses and outputs of the command line (DESIGN.md 1).
function(expect_run want_rc want_out want_err)
  execute_process(COMMAND ${GCVIZ} ${ARGN} OUTPUT_VARIABLE out ERROR_VARIABLE err
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL want_rc)
    message(FATAL_ERROR "gcviz ${ARGN}: exit ${rc}, want ${want_rc}\n${out}\n${err}")
  endif()
  if(want_out AND NOT out MATCHES "${want_out}")
    message(FATAL_ERROR "gcviz ${ARGN}: stdout does not match '${want_out}':\n${out}")
  endif()
  if(want_err AND NOT err MATCHES "${want_err}")
    message(FATAL_ERROR "gcviz ${ARGN}: stderr does not match '${want_err}':\n${err}")
  endif()
endfunction()

set(ok ${DIR}/ok.json)
expect_run(0 "^gcviz [0-9]+\\.[0-9]+\\.[0-9]+\n$" "" --version)
expect_run(0 "usage:" "" --help)
foreach(verb check trace run)
  expect_run(0 "usage: gcviz ${verb}" "" ${verb} --help)
endforeach()
expect_run(0 "^ok: 7 steps\n$" "" check ${ok})
expect_run(2 "" "usage: gcviz check" check)
expect_run(2 "" "usage: gcviz trace" trace ${ok} extra)
expect_run(2 "" "usage: gcviz run" run --fast ${ok})
expect_run(2 "" "--internals takes 3.12 or 3.13" trace --internals 2.7 ${ok})
expect_run(3 "" "no-such-file.json" check ${DIR}/no-such-file.json)
expect_run(0 "\"step\": 6, \"stmt\": \"gc.collect\\(\\)\".*\"collected\": 2" "" trace ${ok})
expect_run(0 "^\\{\"steps\": 7, \"allocated\": 2, \"freed\": 2, \"live\": 0, \"collections\": \\[0, 0, 1\\], \"collected\": 2, \"uncollectable\": 0, \"collect_ms\": [0-9.]+, \"elapsed_ms\": [0-9.]+\\}\n$"
           "" run ${ok} --timings)
expect_run(1 "\"error\": \"NameError: name 'nope' is not defined\"" "steps\\[1\\]: 'del nope': NameError"
           trace ${DIR}/name_error.json)
# run prints only what the program prints; the error goes to stderr
expect_run(1 "^$" "steps\\[1\\]: 'del nope': NameError" run ${DIR}/name_error.json)
expect_run(1 "\"error\": \"NameError" "NameError" run ${DIR}/name_error.json --timings)
expect_run(0 "^$" "" run ${ok})
# check runs the program: a runtime error is found by check
expect_run(1 "^$" "steps\\[1\\]: 'del nope': NameError" check ${DIR}/name_error.json)
expect_run(2 "" "--python takes 3.12, 3.13, 3.14 or 3.15" run --python 2.7 ${ok})
# the window's options are checked before any window opens (no display needed)
expect_run(2 "" "--ui-scale needs a size between 0.8 and 2" --ui-scale 5 ${ok})
expect_run(2 "" "--ui-scale needs" --ui-scale 1.5x ${ok})
expect_run(2 "" "--ui-scale needs" ${ok} --ui-scale)
expect_run(2 "" "--size needs WxH" --size 12 ${ok})
expect_run(2 "" "unknown option '--zoom'" --zoom 2 ${ok})
# .py programs: run prints exactly the program's output (and __del__ at exit),
# --timings adds the summary, --python picks the version, check runs it
set(hello ${DIR}/hello.py)
expect_run(0 "^hello 3\nbye\n$" "" run ${hello})
expect_run(0 "^hello 3\nbye\n\\{\"steps\": 3, " "" run ${hello} --timings)
expect_run(0 "^hello 3\nbye\n$" "" run --python 3.13 ${hello})
expect_run(2 "" "--python takes 3.12, 3.13, 3.14 or 3.15" check --python 3.11 ${hello})
expect_run(0 "^ok: 3 steps\n$" "" check ${hello})
expect_run(0 "\"stmt\": \"<exit>\", \"objects\": \\[\\], \"freed\": \\[1\\], \"finalized\": \\[1\\]" "" trace ${hello})
expect_run(1 "^$" "Traceback \\(most recent call last\\):\n  File \"[^\"]*name_error.py\", line 5, in <module>\n    del y\n        \\^\nNameError: name 'y' is not defined" check ${DIR}/name_error.py)
expect_run(1 "^before\n$" "NameError: name 'y' is not defined" run ${DIR}/name_error.py)
# `is` between equal ints beyond CPython's small-int cache is refused (its
# answer depends on where each int object was made); within it, answered.
expect_run(1 "^True False\nTrue True\n$"
           "line 7, in <module>\n    print\\(x is y\\)\n          \\^\\^\\^\\^\\^\\^\nTypeError: gcviz: 'is' between two equal ints outside CPython's small-int cache \\(-5 to 256\\)"
           run ${DIR}/int_identity.py)
expect_run(0 "^True False\nTrue True\nTrue\n$" "" run --python 3.15 ${DIR}/int_identity.py)
