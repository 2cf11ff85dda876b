# gcviz run FILE.py (run in its folder) must exit 1, print nothing on
# stdout and end its stderr (the traceback) with FILE's .expect line: what
# gcviz does not model stops the run with a message saying so, never with
# a difference from CPython's output.  A name ending in _314 runs with
# --python 3.14.
set(py)
if(FILE MATCHES "_314\\.py$")
  set(py --python 3.14)
endif()
execute_process(COMMAND ${GCVIZ} run ${py} ${FILE} OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE rc)
string(REGEX REPLACE "\\.py$" ".expect" expect_file ${FILE})
file(READ ${expect_file} want)
string(STRIP "${want}" want)
string(STRIP "${err}" last)
string(FIND "${last}" "\n" nl REVERSE)
math(EXPR nl "${nl} + 1")
string(SUBSTRING "${last}" ${nl} -1 last)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "gcviz run ${FILE}: exit ${rc}, want 1\n${out}\n${err}")
endif()
if(NOT last STREQUAL want)
  message(FATAL_ERROR "gcviz run ${FILE}:\n got:  ${last}\n want: ${want}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "gcviz run ${FILE} printed on stdout: ${out}")
endif()
