# The bundled course runs under every modelled version: `gcviz check
# --python V` on every chapter (the .py chapters and the JSON ones, 16 and
# 17) must say "ok: N steps" and exit 0.
file(GLOB chapters ${SCENARIOS}/[0-9]*.json ${SCENARIOS}/[0-9]*.py)
foreach(f ${chapters})
  execute_process(COMMAND ${GCVIZ} check --python ${PY} ${f}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "^ok: [0-9]+ steps")
    message(FATAL_ERROR "${f} under --python ${PY}: exit ${rc}: ${out}${err}")
  endif()
endforeach()
