# `gcviz run SCENARIO --timings` (the summary line) must exit STATUS and print WANT (on stdout or stderr).
execute_process(COMMAND ${GCVIZ} run ${SCENARIO} --timings OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE rc)
if(NOT rc EQUAL STATUS)
  message(FATAL_ERROR "gcviz run ${SCENARIO}: exit ${rc}, want ${STATUS}\n${out}${err}")
endif()
string(FIND "${out}${err}" "${WANT}" at)
if(at LESS 0)
  message(FATAL_ERROR "gcviz run ${SCENARIO}: no '${WANT}' in\n${out}${err}")
endif()
