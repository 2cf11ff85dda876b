#!/bin/sh
# Regenerate every golden trace (tests/golden/**/NAME.trace) with the CPython
# oracle.  Run on purpose only; the tests never run it (they need no CPython).
#
#   tests/oracle/make_goldens.sh [--check] [--random N]
#
#   --random N   first regenerate tests/golden/random/seed_NNN.json for
#                seeds 1..N with gen_random.py (default: keep the files)
#   --check      also cross-check each scenario on CPython 3.12.1 and 3.13.0
#                (cpython_trace.py --crosscheck) and run the oracle twice to
#                make sure the output is deterministic
#
# Interpreters: CPython 3.13.0 (trace) and 3.12.1 (cross-check), found under
# `pyenv root`, or set GCVIZ_ORACLE_PY313 / GCVIZ_ORACLE_PY312.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
golden=$(cd "$here/../golden" && pwd)
check=0
nrandom=""
while [ $# -gt 0 ]; do
    case "$1" in
        --check) check=1 ;;
        --random) nrandom="$2"; shift ;;
        *) echo "usage: $0 [--check] [--random N]" >&2; exit 2 ;;
    esac
    shift
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
py313=${GCVIZ_ORACLE_PY313:-$root/versions/3.13.0/bin/python3}
py312=${GCVIZ_ORACLE_PY312:-$root/versions/3.12.1/bin/python3}
export GCVIZ_ORACLE_PY313="$py313" GCVIZ_ORACLE_PY312="$py312"

if [ -n "$nrandom" ]; then
    mkdir -p "$golden/random"
    rm -f "$golden"/random/seed_*.json
    i=1
    while [ "$i" -le "$nrandom" ]; do
        f=$(printf '%s/random/seed_%03d.json' "$golden" "$i")
        "$py313" "$here/gen_random.py" --seed "$i" > "$f"
        i=$((i + 1))
    done
fi

fail=0
for f in "$golden"/scenarios/*.json "$golden"/scenarios/course/*.json "$golden"/random/*.json; do
    [ -e "$f" ] || continue
    out="${f%.json}.trace"
    if ! "$py313" "$here/cpython_trace.py" "$f" --python 3.13 > "$out.tmp"; then
        echo "FAILED: $f" >&2
        rm -f "$out.tmp"
        fail=1
        continue
    fi
    mv "$out.tmp" "$out"
    if [ "$check" = 1 ]; then
        "$py313" "$here/cpython_trace.py" "$f" --python 3.13 > "$out.again" || true
        if ! cmp -s "$out" "$out.again"; then
            echo "NOT DETERMINISTIC: $f" >&2
            fail=1
        fi
        rm -f "$out.again"
        "$py313" "$here/cpython_trace.py" "$f" --crosscheck || fail=1
    fi
done

{
    echo "# Interpreters that produced the golden traces (tests/oracle/make_goldens.sh)."
    echo "trace: $("$py313" -c 'import sys; print(sys.version.split()[0], sys.implementation.cache_tag)')"
    echo "cross-check: $("$py312" -c 'import sys; print(sys.version.split()[0], sys.implementation.cache_tag)' 2>/dev/null || echo unavailable)"
    echo "thresholds: \"python\": \"3.12\" -> (700, 10, 10); \"3.13\" -> (2000, 10, 10), set by the oracle"
} > "$golden/VERSIONS"
exit $fail
