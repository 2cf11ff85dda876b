# gcviz VERB FILE must exit 1, print nothing on stdout and print FILE's
# .expect line on stderr: its first line (a refusal at load time, with the
# file's line and column), or with -DLAST=1 its last (the end of a run's
# traceback: what gcviz does not model stops the run saying so, never with
# a difference from CPython's output).  A .py whose name ends in _314 runs
# with --python 3.14.
set(py)
if(FILE MATCHES "_314\\.py$")
  set(py --python 3.14)
endif()
execute_process(COMMAND ${GCVIZ} ${VERB} ${py} ${FILE} OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE rc)
string(REGEX REPLACE "\\.(json|py)$" ".expect" expect_file ${FILE})
file(READ ${expect_file} want)
string(STRIP "${want}" want)
if(LAST)
  string(STRIP "${err}" line)
  string(FIND "${line}" "\n" nl REVERSE)
  math(EXPR nl "${nl} + 1")
  string(SUBSTRING "${line}" ${nl} -1 line)
else()
  string(FIND "${err}" "\n" nl)
  string(SUBSTRING "${err}" 0 ${nl} line)
endif()
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "gcviz ${VERB} ${FILE}: exit ${rc}, want 1\n${out}\n${err}")
endif()
if(NOT line STREQUAL want)
  message(FATAL_ERROR "gcviz ${VERB} ${FILE}:\n got:  ${line}\n want: ${want}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "gcviz ${VERB} ${FILE} printed on stdout: ${out}")
endif()
