# gcviz check FILE.py (run in its folder) must exit 1 and print FILE's .expect
# line first on stderr, and nothing on stdout: each construct outside the
# language is refused at load time with its line and column.
execute_process(COMMAND ${GCVIZ} check ${FILE} OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE rc)
string(REGEX REPLACE "\\.py$" ".expect" expect_file ${FILE})
file(READ ${expect_file} want)
string(STRIP "${want}" want)
string(FIND "${err}" "\n" nl)
string(SUBSTRING "${err}" 0 ${nl} first)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "gcviz check ${FILE}: exit ${rc}, want 1\n${err}")
endif()
if(NOT first STREQUAL want)
  message(FATAL_ERROR "gcviz check ${FILE}:\n got:  ${first}\n want: ${want}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "gcviz check ${FILE} printed on stdout: ${out}")
endif()
