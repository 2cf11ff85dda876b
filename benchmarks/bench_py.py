#!/usr/bin/env python3
"""Speed of `gcviz run` on a .py lesson against CPython 3.12 (issue 10).

Runs `gcviz run --python 3.12 bench_py_objects.py` (100,000 objects built in a
loop, a chain of cycles the automatic collections walk over, then freed by a
collection) and `python3.12 bench_py_objects.py` several times each, prints
the best wall time of each and the ratio gcviz / CPython (target: at most
1.0), and checks that both printed the same bytes.

    benchmarks/bench_py.py [--gcviz build/gcviz] [--python PATH] [--runs N]
                           [--program FILE.py]

Exit status: 0 ratio <= 1.0 and the same output; 1 otherwise; 2 usage or a
tool missing.  CPython 3.12 is looked for in $GCVIZ_BENCH_PYTHON, then under
`pyenv root`, then as python3.12 on PATH.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def find_python():
    env = os.environ.get("GCVIZ_BENCH_PYTHON")
    if env:
        return env
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
    except OSError:
        root = os.path.expanduser("~/.pyenv")
    versions = os.path.join(root, "versions")
    if os.path.isdir(versions):
        for cand in sorted(os.listdir(versions)):
            if cand.startswith("3.12"):
                return os.path.join(versions, cand, "bin", "python3")
    return shutil.which("python3.12")


def best_of(cmd, runs, env):
    best, out = None, None
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, env=env, cwd=HERE)
        wall = (time.perf_counter() - t) * 1e3
        if r.returncode != 0:
            sys.stderr.write("bench_py: %s exited %d: %s\n" % (
                " ".join(cmd), r.returncode, r.stderr.decode("utf-8", "replace")[-2000:]))
            return None, r.stdout
        out = r.stdout
        best = wall if best is None else min(best, wall)
    return best, out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gcviz", default=os.path.join(HERE, "..", "build", "gcviz"))
    ap.add_argument("--python", default=None)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--program", default=os.path.join(HERE, "bench_py_objects.py"))
    a = ap.parse_args()
    py = a.python or find_python()
    if not py or not os.path.exists(py):
        print("bench_py: CPython 3.12 not found (set GCVIZ_BENCH_PYTHON)", file=sys.stderr)
        return 2
    if not os.path.exists(a.gcviz):
        print("bench_py: %s not found (make build)" % a.gcviz, file=sys.stderr)
        return 2
    # CPython as a lesson is run: default environment, stdout a pipe
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("PYTHON"))
    prog = os.path.abspath(a.program)
    g, gout = best_of([os.path.abspath(a.gcviz), "run", "--python", "3.12", prog], a.runs, env)
    c, cout = best_of([py, prog], a.runs, env)
    if c is None:
        return 2
    print("%s, best of %d runs" % (os.path.basename(prog), a.runs))
    print("%-16s %12s %12s" % ("", "gcviz run", "CPython 3.12"))
    print("%-16s %12s %12.1f" % ("wall time (ms)", "failed" if g is None else "%.1f" % g, c))
    if g is None:
        return 1
    ratio = g / c
    same = gout == cout
    print("ratio gcviz / CPython: %.2f (target <= 1.00)%s" % (
        ratio, "" if same else "; OUTPUT DIFFERS from CPython's"))
    if not same:
        print("  CPython: %r\n  gcviz:   %r" % (cout[:300], gout[:300]))
    return 0 if ratio <= 1.0 and same else 1


if __name__ == "__main__":
    sys.exit(main())
