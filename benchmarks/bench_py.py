#!/usr/bin/env python3
"""Speed of `gcviz run` on .py lessons against CPython 3.12 (issue 10).

Runs `gcviz run --python 3.12 bench_py_objects.py` (100,000 objects built in a
loop, a chain of cycles the automatic collections walk over, then freed by a
collection) and `python3.12 bench_py_objects.py` several times each, prints
the best wall time and CPU time of each and the ratio gcviz / CPython (target:
wall time at most 1.0), and checks that both printed the same bytes.

Then the same for two more programs of the same size, each checked against
CPython's output too:
  churn   short-lived self-cycles made in a loop, freed only by the automatic
          collections (a __del__ on every 100th, counted)
  lists   a plain list/dict workload: lists of small lists, a dict keyed by
          ints, appends, pops, lookups, no cycles
and, with --sizes, the three programs at each size n (e.g. 10000,100000,1000000)
with how the cost grows with n (the exponent of time against n between two
sizes; 1.0 is linear).

    benchmarks/bench_py.py [--gcviz build/gcviz] [--python PATH] [--runs N]
                           [--program FILE.py] [--sizes N,N,...] [--only chain,churn,lists]

Exit status: 0 when bench_py_objects.py's wall time ratio is <= 1.0 and every
program printed what CPython printed; 1 otherwise; 2 usage or a tool missing.
CPython 3.12 is looked for in $GCVIZ_BENCH_PYTHON, then under `pyenv root`,
then as python3.12 on PATH.  Wall times of two tools on a busy machine swing
with the load: the CPU times (user + system of the child) swing less.
"""
import argparse
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# The programs of the size table; {n} is the number of loop iterations.
PROGRAMS = {
    "chain": None,  # bench_py_objects.py with its 100000 replaced by n
    "churn": '''"""Short-lived self-cycles, freed by the automatic collections"""
import gc

gc.collect()


class Tmp:
    def __init__(self, i):
        self.i = i
        self.me = self


class Noisy(Tmp):
    def __del__(self):
        global gone
        gone += 1


gone = 0
total = 0
for i in range({n}):
    if i % 100 == 0:
        t = Noisy(i)
    else:
        t = Tmp(i)
    total += t.i % 3
del t
print("total:", total)
print("collected:", gc.collect())
print("finalized:", gone)
''',
    "lists": '''"""A plain list and dict workload: no cycles"""
import gc

gc.collect()
rows = []
index = {{}}
for i in range({n}):
    row = [i, i % 7, [i]]
    rows.append(row)
    index[i] = row
    if i % 3 == 0:
        last = rows.pop()
        del index[last[0]]
total = 0
for k in index:
    total += index[k][1]
print("rows:", len(rows), "total:", total)
rows.clear()
index.clear()
print("collected:", gc.collect())
''',
}


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


def one_run(cmd, env):
    """(wall ms, cpu ms, returncode, stdout, stderr) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, env=env, cwd=HERE)
    wall = (time.perf_counter() - t) * 1e3
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1e3
    return wall, cpu, r.returncode, r.stdout, r.stderr


def best_of(cmds, runs, env):
    """Runs the commands in turn, runs times (so that both see the same
    load), and returns per command (best wall, best cpu, stdout) or None
    if it failed."""
    best = [[None, None, None] for _ in cmds]
    for _ in range(runs):
        for k, cmd in enumerate(cmds):
            if best[k] is None:
                continue
            wall, cpu, rc, out, err = one_run(cmd, env)
            if rc != 0:
                sys.stderr.write("bench_py: %s exited %d: %s\n" % (
                    " ".join(cmd), rc, err.decode("utf-8", "replace")[-2000:]))
                best[k] = None
                continue
            b = best[k]
            b[0] = wall if b[0] is None else min(b[0], wall)
            b[1] = cpu if b[1] is None else min(b[1], cpu)
            b[2] = out
    return best


def compare(gcviz, py, prog, runs, env):
    g, c = best_of([[gcviz, "run", "--python", "3.12", prog], [py, prog]], runs, env)
    if c is None:
        return None
    same = g is not None and g[2] == c[2]
    return g, c, same


def program_text(name, n):
    if name == "chain":
        with open(os.path.join(HERE, "bench_py_objects.py")) as f:
            return f.read().replace("100,000", "{:,}".format(n)).replace("100000", str(n))
    return PROGRAMS[name].format(n=n)


def show_row(label, res, extra=""):
    """One row of the table; extra (the growth exponents) goes right after
    the ratios, under the header's last columns."""
    g, c, same = res
    if g is None:
        print("%-22s %10s %10s %10.1f %10.1f %7s %7s%s  FAILED" % (label, "-", "-", c[0], c[1],
                                                                  "-", "-", extra))
        return
    print("%-22s %10.1f %10.1f %10.1f %10.1f %7.2f %7.2f%s%s" % (
        label, g[0], g[1], c[0], c[1], g[0] / c[0], g[1] / c[1], extra,
        "" if same else "  OUTPUT DIFFERS from CPython's"))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gcviz", default=os.path.join(HERE, "..", "build", "gcviz"))
    ap.add_argument("--python", default=None)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--program", default=os.path.join(HERE, "bench_py_objects.py"))
    ap.add_argument("--sizes", default="", help="comma-separated n for the size table")
    ap.add_argument("--only", default="chain,churn,lists")
    a = ap.parse_args()
    py = a.python or find_python()
    if not py or not os.path.exists(py):
        print("bench_py: CPython 3.12 not found (set GCVIZ_BENCH_PYTHON)", file=sys.stderr)
        return 2
    if not os.path.exists(a.gcviz):
        print("bench_py: %s not found (make build)" % a.gcviz, file=sys.stderr)
        return 2
    names = [x for x in a.only.split(",") if x]
    for x in names:
        if x not in PROGRAMS:
            print("bench_py: --only takes chain, churn, lists, not %r" % x, file=sys.stderr)
            return 2
    try:
        sizes = [int(x) for x in a.sizes.split(",") if x]
    except ValueError:
        print("bench_py: --sizes takes integers", file=sys.stderr)
        return 2
    # CPython as a lesson is run: default environment, stdout a pipe
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("PYTHON"))
    gcviz = os.path.abspath(a.gcviz)
    prog = os.path.abspath(a.program)
    head = "%-22s %10s %10s %10s %10s %7s %7s" % ("", "gcviz wall", "cpu", "CPython", "cpu",
                                                  "wall x", "cpu x")
    print("best of %d runs each (ms); x = gcviz / CPython 3.12" % a.runs)
    print(head)
    main_res = compare(gcviz, py, prog, a.runs, env)
    if main_res is None:
        return 2
    show_row(os.path.basename(prog), main_res)
    ok = main_res[0] is not None and main_res[2]
    ratio = main_res[0][0] / main_res[1][0] if main_res[0] is not None else float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        def run_prog(name, n):
            path = os.path.join(tmp, "%s_%d.py" % (name, n))
            with open(path, "w") as f:
                f.write(program_text(name, n))
            return compare(gcviz, py, path, a.runs, env)
        for name in names:
            if name == "chain":
                continue  # the program above
            res = run_prog(name, 100000)
            if res is None:
                return 2
            show_row("%s n=100,000" % name, res)
            ok = ok and res[0] is not None and res[2]
        if sizes:
            print("\nhow the cost grows with n (exponent of gcviz's and CPython's CPU time"
                  " from the previous size)")
            print(head + " %7s %7s" % ("gcviz^", "CPy^"))
            for name in names:
                prev = None
                for n in sizes:
                    res = run_prog(name, n)
                    if res is None:
                        return 2
                    g, c, same = res
                    ok = ok and g is not None and same
                    extra = ""
                    if g is not None and prev is not None:
                        k = math.log(n / prev[0])
                        extra = " %7.2f %7.2f" % (math.log(g[1] / prev[1]) / k,
                                                  math.log(c[1] / prev[2]) / k)
                    show_row("%s n=%s" % (name, "{:,}".format(n)), res, extra)
                    prev = (n, g[1], c[1]) if g is not None else None
    print("ratio gcviz / CPython on %s: %.2f wall, %.2f cpu (target: wall <= 1.00)" % (
        os.path.basename(prog), ratio,
        main_res[0][1] / main_res[1][1] if main_res[0] is not None else float("inf")))
    return 0 if ratio <= 1.0 and ok else 1


if __name__ == "__main__":
    sys.exit(main())
