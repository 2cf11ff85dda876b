#!/bin/sh
# Regenerate the goldens of the .py programs (tests/golden/py/NAME.py and the
# course's chapters scenarios/NN_*.py) with the real CPython 3.12.1 and
# 3.13.0.  Run on purpose only; the tests never run it (they need no CPython).
#
#   tests/oracle/make_py_goldens.sh [--random N] [--no-trace] [NAME.py ...]
#
#   --random N   first regenerate tests/golden/py/seed_NNN.py for seeds 1..N
#                with gen_py_random.py (default: keep the files)
#   --no-trace   only the stdout/stderr goldens, not NAME.trace313
#   NAME.py      only these programs (a bare name is one of tests/golden/py,
#                a path names its folder, e.g. scenarios/12_finalizers.py;
#                default: all of tests/golden/py/*.py and scenarios/*.py)
#
# For each program, beside it (the programs are run from their folder, by
# their bare file name, so a traceback names "NAME.py"):
#   NAME.stdout312, NAME.stdout313   what `python3.12 NAME.py > FILE` and
#                                    `python3.13 NAME.py > FILE` print (stdout
#                                    redirected to a file, as in the test)
#   NAME.stderr312, NAME.stderr313   only for a program that ends in an
#                                    exception: the traceback (exit status 1),
#                                    `File "DIR/NAME.py"` written `File "NAME.py"`;
#                                    no stderr file means exit status 0 and an
#                                    empty stderr from gcviz
#   NAME.unraisable312, ...313       a program that ends with status 0 but
#                                    whose stderr holds reports of exceptions
#                                    ignored in __del__ or a callback
#                                    ("Exception ignored in: <function F at
#                                    0x...>", the address masked): that stderr,
#                                    named as the traceback is (such a program
#                                    needs --no-trace: the oracle's trace
#                                    refuses it)
#   NAME.trace313                    cpython_trace.py NAME.py: the trace
#                                    `gcviz trace --python 3.13 NAME.py` must
#                                    print (CPython 3.13.0 itself, its
#                                    PyRefTracer; 3.12 has no tracer)
# The environment is Python's default one (PYTHONUNBUFFERED and the like
# unset): the buffering of sys.stdout shows in gc.get_count() (the text
# layer's pending list is a GC object).
# Every run is made twice with different PYTHONHASHSEED values and must give
# the same bytes (no addresses, no hash order); the oracle's traced run must
# print the same stdout as the plain run (so its probe did not disturb what
# the program observes).
#
# Interpreters: CPython 3.12.1 and 3.13.0 under `pyenv root`, or set
# GCVIZ_ORACLE_PY312 / GCVIZ_ORACLE_PY313.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
golden=$(cd "$here/../golden/py" && pwd)
course=$(cd "$here/../../scenarios" && pwd)
trace=1
nrandom=""
files=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-trace) trace=0 ;;
        --random) nrandom="$2"; shift ;;
        -*) echo "usage: $0 [--random N] [--no-trace] [NAME.py ...]" >&2; exit 2 ;;
        */*) files="$files $(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;;
        *) files="$files $golden/$1" ;;
    esac
    shift
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
py313=${GCVIZ_ORACLE_PY313:-$root/versions/3.13.0/bin/python3}
py312=${GCVIZ_ORACLE_PY312:-$root/versions/3.12.1/bin/python3}
export GCVIZ_ORACLE_PY313="$py313" GCVIZ_ORACLE_PY312="$py312"
unset PYTHONPATH PYTHONSTARTUP PYTHONHOME PYTHONIOENCODING PYTHONUNBUFFERED \
      PYTHONDEVMODE PYTHONWARNINGS PYTHONMALLOC PYTHONDEBUG PYTHONDONTWRITEBYTECODE \
      PYTHONSAFEPATH PYTHONNODEBUGRANGES 2>/dev/null || true
export LC_ALL=C.UTF-8

if [ -n "$nrandom" ]; then
    rm -f "$golden"/seed_*.py "$golden"/seed_*.stdout* "$golden"/seed_*.stderr* "$golden"/seed_*.trace*
    i=1
    while [ "$i" -le "$nrandom" ]; do
        f=$(printf '%s/seed_%03d.py' "$golden" "$i")
        "$py313" "$here/gen_py_random.py" --seed "$i" > "$f"
        i=$((i + 1))
    done
fi

[ -n "$files" ] || files="$(ls "$golden"/*.py) $(ls "$course"/*.py)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for path in $files; do
    dir=$(dirname "$path")
    cd "$dir"
    f=$(basename "$path")
    name=${f%.py}
    for v in 312 313; do
        if [ "$v" = 312 ]; then py=$py312; else py=$py313; fi
        for seed in 1 2; do
            rc=0
            PYTHONHASHSEED=$seed "$py" "$f" > "$tmp/out$seed" 2> "$tmp/raw$seed" || rc=$?
            # an ignored exception's report names a function by its address
            sed -E 's/ at 0x[0-9a-f]+>/ at 0x...>/' "$tmp/raw$seed" > "$tmp/err$seed"
            echo "$rc" > "$tmp/rc$seed"
        done
        if ! cmp -s "$tmp/out1" "$tmp/out2" || ! cmp -s "$tmp/err1" "$tmp/err2" ||
           ! cmp -s "$tmp/rc1" "$tmp/rc2"; then
            echo "NOT DETERMINISTIC: $f on $v" >&2
            fail=1
            continue
        fi
        rc=$(cat "$tmp/rc1")
        cp "$tmp/out1" "$name.stdout$v"
        rm -f "$name.stderr$v" "$name.unraisable$v"
        if [ "$rc" = 0 ] && head -n 1 "$tmp/err1" | grep -q '^Exception ignored in: '; then
            sed "s|File \"$dir/|File \"|" "$tmp/err1" > "$name.unraisable$v"
        fi
        if [ "$rc" = 1 ]; then
            # __file__ of the main script is absolute: name it as run
            sed "s|File \"$dir/|File \"|" "$tmp/err1" > "$name.stderr$v"
        elif [ "$rc" != 0 ] || { [ -s "$tmp/err1" ] &&
                                 ! head -n 1 "$tmp/err1" | grep -q '^Exception ignored in: '; }; then
            echo "FAILED: $f on $v: exit $rc: $(tail -n 1 "$tmp/err1")" >&2
            fail=1
        fi
    done
    if [ "$trace" = 1 ]; then
        if ! "$py313" "$here/cpython_trace.py" "$f" --python 3.13 \
                --expect-stdout "$name.stdout313" > "$tmp/trace1" ||
           ! "$py313" "$here/cpython_trace.py" "$f" --python 3.13 \
                --expect-stdout "$name.stdout313" > "$tmp/trace2"; then
            echo "FAILED: oracle trace of $f" >&2
            rm -f "$name.trace313"
            fail=1
            continue
        fi
        if ! cmp -s "$tmp/trace1" "$tmp/trace2"; then
            echo "NOT DETERMINISTIC: trace of $f" >&2
            rm -f "$name.trace313"
            fail=1
            continue
        fi
        cp "$tmp/trace1" "$name.trace313"
    fi
done

{
    echo "# Interpreters that produced the goldens (tests/oracle/make_py_goldens.sh)."
    echo "stdout312/stderr312: $("$py312" -c 'import sys; print(sys.version.split()[0], sys.implementation.cache_tag)')"
    echo "stdout313/stderr313/trace313: $("$py313" -c 'import sys; print(sys.version.split()[0], sys.implementation.cache_tag)')"
} > "$golden/VERSIONS"
exit $fail
