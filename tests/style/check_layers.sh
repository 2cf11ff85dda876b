#!/bin/sh
# The dependency rule (docs/architecture.md): the engine and the language
# see neither SDL nor cJSON, and cJSON stays inside the scenario module.
# CMake already keeps their include paths apart; this check also catches an
# include that a system-wide header path would let through.
#   check_layers.sh SOURCE_DIR
set -u
src="$1/src"
fail=0
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](SDL|cjson/|cJSON)' \
      "$src"/engine/*.[ch] "$src"/lang/*.[ch] 2>/dev/null)
if [ -n "$bad" ]; then
    echo "engine/lang must not include SDL or cJSON headers:"
    echo "$bad"
    fail=1
fi
bad=$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](cjson/|cJSON)' \
      "$src"/*/*.[ch] 2>/dev/null | grep -v '/src/scenario/')
if [ -n "$bad" ]; then
    echo "cJSON is used outside src/scenario:"
    echo "$bad"
    fail=1
fi
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"(render|record|layout|app)[a-z_]*\.h"' \
      "$src"/engine/*.[ch] "$src"/lang/*.[ch] "$src"/scenario/*.[ch] 2>/dev/null)
if [ -n "$bad" ]; then
    echo "a lower module includes a higher one's header:"
    echo "$bad"
    fail=1
fi
[ $fail = 0 ] && echo "layers ok"
exit $fail
