#!/usr/bin/env python3
"""trashcan_orders.py - measure __del__ orders in the real CPython.

    trashcan_orders.py [SCENARIO.json ...]
        (default: tests/golden/trashcan/*.json and tests/engine/trashcan_deep/*.json)

For each scenario (the JSON form with "classes", "functions" and "steps"), writes
NAME.order beside it: the final value of the scenario's global list `order`
when the same program runs as a plain Python script in the CPython its
"python" names ("3.12" -> 3.12.1, "3.13" -> 3.13.0, from `pyenv root`, or
$GCVIZ_ORACLE_PY312 / $GCVIZ_ORACLE_PY313).  The programs append to `order`
in their __del__ bodies (`order.append(self.i)`), so the file is the order in
which the finalizers ran, and how many ran.

Why a plain script and not cpython_trace.py: the trashcan is an interpreter
internal.  3.12 defers deallocations nested 50 deep (delete_nesting), 3.13
only near its C recursion limit, and the trace oracle needs 3.13's
PyRefTracer.  A plain script changes nothing the trashcan sees (no tracer,
no wrapped tp_dealloc), in either version.  tests/engine (engine_trashcan)
runs each scenario in gcviz and compares `order` with the file.
"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FULL = {"3.12": "3.12.1", "3.13": "3.13.0"}


def find_python(ver):
    env = os.environ.get("GCVIZ_ORACLE_PY" + ver.replace(".", ""))
    if env:
        return env
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.path.join(os.path.expanduser("~"), ".pyenv")
    return os.path.join(root, "versions", FULL[ver], "bin", "python3")


def block(lines, indent, out):
    for st in lines:
        if isinstance(st, dict) and "for" in st:
            out.append(" " * indent + "for " + st["for"] + ":")
            block(st["body"], indent + 4, out)
        else:
            text = st["do"] if isinstance(st, dict) else st
            out.append(" " * indent + text)
    if not lines:
        out.append(" " * indent + "pass")


def translate(sc):
    out = ["import gc, weakref, json"]
    for name, body in sc.get("classes", {}).items():
        out.append("class %s:" % name)
        if "__del__" in body:
            out.append("    def __del__(self):")
            block(body["__del__"], 8, out)
        else:
            out.append("    pass")
    for name, fn in sc.get("functions", {}).items():
        out.append("def %s(%s):" % (name, ", ".join(fn.get("params", []))))
        block(fn["body"], 4, out)
    block(sc["steps"], 0, out)
    out.append("print(json.dumps(order))")
    return "\n".join(out) + "\n"


def main(argv):
    files = argv or sorted(glob.glob(os.path.join(HERE, "..", "golden", "trashcan", "*.json")) +
                           glob.glob(os.path.join(HERE, "..", "engine", "trashcan_deep", "*.json")))
    fail = 0
    for f in files:
        with open(f) as fh:
            sc = json.load(fh)
        ver = sc.get("python", "3.12")
        py = find_python(ver)
        r = subprocess.run([py, "-c", translate(sc)], capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write("%s: %s" % (f, r.stderr))
            fail = 1
            continue
        order = json.loads(r.stdout.strip().splitlines()[-1])
        with open(f[:-len(".json")] + ".order", "w") as fh:
            fh.write("# CPython %s (plain script, tests/oracle/trashcan_orders.py)\n" % FULL[ver])
            fh.write(json.dumps(order) + "\n")
        print("%s: %d finalizers on %s" % (os.path.basename(f), len(order), FULL[ver]))
    return fail


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
