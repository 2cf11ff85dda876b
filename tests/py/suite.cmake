# The .py goldens of tests/golden/py and of the course in scenarios/
# (tests/py/py_goldens.cmake, written with the
# oracle).  The programs gcviz does not yet print exactly are listed here and
# DISABLED (ctest shows them as "Not Run (Disabled)"), not hidden: what is
# missing is said in the report of issue 10.
# Remove a name when its test passes.
include(${CMAKE_CURRENT_LIST_DIR}/py_goldens.cmake)
set(GCVIZ_PY_NOT_YET
)
foreach(t ${GCVIZ_PY_NOT_YET})
  if(TEST ${t})
    set_tests_properties(${t} PROPERTIES DISABLED TRUE)
  endif()
endforeach()

# "python": "3.15" (tests/py/py_goldens_315.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/py_goldens_315.cmake)
