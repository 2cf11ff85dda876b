#!/usr/bin/env python3
"""bench_big.py: big heaps in the window and in `record` (issue 14).

For programs of 10^3 to 10^6 objects in four shapes
  cycles  garbage 2-cycles (gc disabled): n objects alive at the end
  chain   one linked chain of n nodes, each made by the previous one's field
  tree    a binary tree of n nodes (made breadth first through a list)
  churn   a loop of n iterations making a short-lived self-cycle each, with
          automatic collection on (the history holds every iteration)
  pytree  a binary tree of n nodes as a teacher writes it in a .py lesson:
          Node(i) with an __init__ appended to a list, then linked by index
          (automatic collection on: its generations fill up as it grows)
prints, per program:
  - `gcviz run`: wall time and peak memory (max RSS);
  - the first frame: `gcviz record --from K --to K` on the last statement,
    which loads, runs with history, lays out and draws one frame exactly as
    opening the window does: wall time and peak memory;
  - the worst and mean jump: random seeks + frame in the window's code
    (build/benchmarks/bench_window jumps, 1920x1080, software renderer),
    wall time and CPU time of the thread (the CPU figures hold on a busy
    machine), and the seek's share of the CPU;
  - frames while stepping at every zoom (programs of at most --frames-max
    objects): bench_window frames at the busiest point of the run, F and
    then zooms 1, 0.5, 0.36 (the least at which cards are drawn one by
    one), 0.2 and F itself (blocks of the area); the CPU per frame of the
    costliest zoom and the costliest single frame (a new step each); and
    the very first frame of a window opened at zoom 0.42 (100 to 120 whole
    cards at 1920x1080, every label rasterised for the first time);
and, per shape, the growth exponent of the first frame's time (least
squares of log time against log n over the sizes measured; 1.0 is linear).

    benchmarks/bench_big.py [--build DIR] [--sizes 1000,10000,...] [--shapes cycles,chain]
                            [--jumps N] [--timeout S] [--json]

Targets (issue 14, this 2-core machine): first frame of 200,000 live objects
and of the million-iteration loop within 10 s and 1 GB; worst jump within
16 ms; frame time within 16 ms at any zoom with 10^5 cards; exponent at
most 1.2.  Each figure is printed with its target.  A run
over --timeout seconds is stopped and printed as such; larger sizes of that
shape are then skipped.  Run it on a quiet machine: it uses one core.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ZOOMS = ["1", "0.5", "0.36", "0.2", "fit"]  # bench_window frames views


PYTREE = """import gc


class Node:
    def __init__(self, v):
        self.v = v
        self.left = None
        self.right = None


nodes = []
for i in range(%(n)d):
    nodes.append(Node(i))
for i in range(1, %(n)d):
    parent = nodes[(i - 1) // 2]
    if i %% 2 == 1:
        parent.left = nodes[i]
    else:
        parent.right = nodes[i]
root = nodes[0]
del parent
print(len(nodes), gc.collect())
"""


def write_program(shape, n, folder):
    """Writes the program of about n objects of a shape into folder; its path."""
    if shape == "pytree":
        path = os.path.join(folder, "%s_%d.py" % (shape, n))
        with open(path, "w") as f:
            f.write(PYTREE % {"n": n})
        return path
    path = os.path.join(folder, "%s_%d.json" % (shape, n))
    with open(path, "w") as f:
        json.dump(scenario(shape, n), f)
    return path


def scenario(shape, n):
    """The JSON program of about n objects of a shape, and its title."""
    if shape == "cycles":
        steps = ["gc.disable()",
                 {"for": "i in range(%d)" % (n // 2), "body": ["a = Node()", "b = Node()", "a.peer = b", "b.peer = a"]},
                 "del a, b"]
    elif shape == "chain":
        steps = ["gc.disable()", "head = Node()", "n = head",
                 {"for": "i in range(%d)" % (n - 1), "body": ["n.next = Node()", "n = n.next"]},
                 "del n"]
    elif shape == "tree":
        steps = ["gc.disable()", "root = Node()", "nodes = [root]",
                 {"for": "i in range(%d)" % ((n - 1) // 2),
                  "body": ["p = nodes[i]", "p.left = Node()", "p.right = Node()",
                           "nodes.append(p.left)", "nodes.append(p.right)"]},
                 "del nodes, p"]
    elif shape == "churn":
        steps = [{"for": "i in range(%d)" % n, "body": ["t = Node()", "t.me = t"]}, "del t"]
    else:
        raise ValueError(shape)
    return {"title": "%s of %d" % (shape, n), "classes": {"Node": {}}, "steps": steps}


def measure(cmd, timeout):
    """Wall seconds, peak RSS in MB and stdout of cmd, or None after timeout."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["SDL_VIDEODRIVER"] = "offscreen"
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = t0 + timeout
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            os.wait4(p.pid, 0)
            return None
        time.sleep(0.01)
    wall = time.perf_counter() - t0
    out = p.stdout.read().decode()
    err = p.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("bench_big: %s exited %d\n%s" % (" ".join(cmd), code, err))
    return wall, ru.ru_maxrss / 1024.0, out


def exponent(points):
    """Least-squares slope of log t against log n, over the sizes from 10^4
    (below that the process's start dominates)."""
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0 and n >= 10000]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx if sxx else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--shapes", default="cycles,chain,tree,churn")
    ap.add_argument("--jumps", type=int, default=40, help="random jumps per program (0: none)")
    ap.add_argument("--frames-max", type=int, default=200000,
                    help="frames at every zoom for programs of at most this many objects (0: none)")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--json", action="store_true", help="one JSON line per program instead of a table")
    a = ap.parse_args()
    gcviz = os.path.join(a.build, "gcviz")
    bench = os.path.join(a.build, "benchmarks", "bench_window")
    if not os.path.exists(gcviz):
        sys.exit("bench_big: no gcviz in %s (build first, or pass --build)" % a.build)
    if a.jumps and not os.path.exists(bench):
        sys.exit("bench_big: no benchmarks/bench_window in %s (a GUI build makes it)" % a.build)
    sizes = [int(s) for s in a.sizes.split(",")]
    tmp = tempfile.mkdtemp(prefix="bench_big")
    print("load average %.2f %.2f %.2f" % os.getloadavg())
    if not a.json:
        print("%-7s %8s | %8s %8s | %9s %8s | %8s %8s | %8s %8s %8s | %9s %6s %9s %9s" % (
            "shape", "objects", "run s", "run MB", "frame1 s", "frame1 MB", "jump ms", "worst ms",
            "cpu ms", "cpu worst", "seek cpu", "frame cpu", "zoom", "cpu worst", "first .42"))
    for shape in a.shapes.split(","):
        firsts = []
        for n in sizes:
            path = write_program(shape, n, tmp)
            check = subprocess.run([gcviz, "check", path], capture_output=True, text=True)
            if check.returncode != 0:
                sys.exit("bench_big: %s: %s" % (path, check.stdout + check.stderr))
            k = int(check.stdout.split()[1])  # "ok: N steps"
            row = {"shape": shape, "objects": n}
            run = measure([gcviz, "run", path], a.timeout)
            if run:
                row["run_s"], row["run_mb"] = run[0], run[1]
            out = os.path.join(tmp, "frames")
            first = measure([gcviz, "record", path, "--out", out, "--from", str(k), "--to", str(k),
                             "--quiet", "--jobs", "1"], a.timeout)
            if first:
                row["first_s"], row["first_mb"] = first[0], first[1]
                firsts.append((n, first[0]))
            if first and a.jumps:
                jm = measure([bench, "jumps", path, str(a.jumps)], a.timeout)
                if jm:
                    j = json.loads(jm[2].strip().splitlines()[-1])
                    row["jump_ms"], row["jump_worst_ms"], row["events"] = j["ms_per_jump"], j["worst_ms"], j["events"]
                    row["jump_cpu_ms"], row["jump_cpu_worst_ms"] = j["cpu_ms_per_jump"], j["cpu_worst_ms"]
                    row["seek_cpu_ms"] = j["seek_cpu_ms"]
            if first and a.frames_max and n <= a.frames_max:
                fm = measure([bench, "frames", path, "1920", "1080", "20", "zoom=" + ",".join(ZOOMS)],
                             a.timeout)
                if fm:
                    views = [json.loads(line) for line in fm[2].strip().splitlines()]
                    top = max(views, key=lambda v: v["cpu_ms_per_frame"])
                    row["frame_cpu_ms"], row["frame_zoom"] = top["cpu_ms_per_frame"], top["zoom"]
                    row["frame_cpu_worst_ms"] = max(v["cpu_worst_ms"] for v in views)
                    row["frames"] = [{k: v[k] for k in ("zoom", "cpu_ms_per_frame", "cpu_worst_ms",
                                                        "cards_drawn")} for v in views]
                fz = measure([bench, "frames", path, "1920", "1080", "2", "zoom=0.42"], a.timeout)
                if fz:
                    row["frame_first042_ms"] = json.loads(fz[2].strip().splitlines()[-1])["first_cpu_ms"]
            if a.json:
                print(json.dumps(row))
            else:
                def f(key, fmt):
                    if key in row:
                        return fmt % row[key]
                    if key.startswith("frame_") and (not a.frames_max or n > a.frames_max):
                        return "-"  # not measured at this size
                    return "timeout" if key.endswith(("s", "mb")) else "-"
                print("%-7s %8d | %8s %8s | %9s %8s | %8s %8s | %8s %8s %8s | %9s %6s %9s %9s" % (
                    shape, n, f("run_s", "%.2f"), f("run_mb", "%.0f"), f("first_s", "%.2f"),
                    f("first_mb", "%.0f"), f("jump_ms", "%.1f"), f("jump_worst_ms", "%.1f"),
                    f("jump_cpu_ms", "%.1f"), f("jump_cpu_worst_ms", "%.1f"), f("seek_cpu_ms", "%.1f"),
                    f("frame_cpu_ms", "%.1f"), f("frame_zoom", "%.3f"), f("frame_cpu_worst_ms", "%.1f"),
                    f("frame_first042_ms", "%.1f")))
            sys.stdout.flush()
            if not first:
                break
        e = exponent(firsts)
        if e is not None:
            print("%-7s growth exponent of the first frame's time: %.2f (target at most 1.2)" % (shape, e))
    print("frame cpu: CPU ms per frame while stepping at the costliest of the zooms %s (F: the "
          "zoom it chose), cpu worst: the costliest frame at any of them; first .42: the CPU ms of "
          "the first frame of a window opened at zoom 0.42" % ", ".join(ZOOMS))
    print("targets: first frame of 200,000 live objects and of 10^6 iterations within 10 s and 1 GB; "
          "worst jump within 16 ms; frame time within 16 ms at any zoom with 10^5 cards")


if __name__ == "__main__":
    main()
