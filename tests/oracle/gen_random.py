#!/usr/bin/env python3
"""gen_random.py - seeded random scenario generator for the gcviz oracle.

    gen_random.py --seed N > seed_NNN.json

Writes one scenario (DESIGN.md section 2) on stdout.  Same seed, same bytes.

What it produces: classes with and without __del__ (a plain one, one whose
__del__ touches self, one that resurrects into the global list `grave`
created by step 0), scenario functions with locals and return values (one with
a for loop, one that rebinds a local so an object dies in a function frame),
lists, dicts, tuples, attribute stores and dels, list pops, weakrefs with and
without a callback, w() dereferences, for loops, gc.collect(0/1/2),
n = gc.collect(), occasional gc.disable()/gc.enable()/gc.set_threshold() with
small values and gc.freeze()/gc.unfreeze(); 15-60 steps.

Every candidate statement is executed in a private namespace (the "shadow")
before it is accepted, so the scenario only raises where the generator decided
it should (about 1 scenario in 12 ends with a deliberate runtime error).  The
shadow runs with automatic collection off; statements whose validity could
depend on when a collection happens are avoided (the result of w() is never
dereferenced, `grave` is only cleared).
"""
import gc
import json
import random
import sys
import weakref

CLASSES = {
    "A": {},
    "B": {},
    "F": {"__del__": ["self.a = None"]},
    "R": {"__del__": ["grave.append(self)"]},
}
FUNCTIONS = {
    "mk": {"params": ["x"], "body": ["o = A()", "o.peer = x", "return o"]},
    "link": {"params": ["a", "b"], "body": ["a.next = b", "b.prev = a"]},
    "chain": {"params": ["n"], "body": ["h = None",
                                         {"for": "i in range(n)",
                                          "body": ["nd = B()", "nd.next = h", "h = nd"]},
                                         "return h"]},
    "churn": {"params": [], "body": ["t = A()", "t.me = t", "keep = [t]", "t = None",
                                     "return keep"]},
    "cb": {"params": ["r"], "body": ["log.append(r)"]},
}
NAMES = ["a", "b", "c", "d", "e", "x", "y"]
ATTRS = ["p", "q", "me"]
PROTECTED = {"grave", "log"}


def body_text(items, ind):
    out = []
    for it in items:
        if isinstance(it, dict):
            out.append(" " * ind + "for %s:" % it["for"])
            out += body_text(it["body"], ind + 4)
        else:
            out.append(" " * ind + it)
    return out


def shadow_setup():
    src = []
    for cname, cdef in CLASSES.items():
        src.append("class %s:" % cname)
        if "__del__" in cdef:
            src.append("    def __del__(self):")
            src += body_text(cdef["__del__"], 8)
        else:
            src.append("    pass")
    for fname, fdef in FUNCTIONS.items():
        src.append("def %s(%s):" % (fname, ", ".join(fdef["params"])))
        src += body_text(fdef["body"], 4)
    ns = {"__builtins__": __builtins__, "weakref": weakref, "gc": gc}
    exec("\n".join(src), ns)
    return ns


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.ns = shadow_setup()
        self.opaque = set()      # names whose value may depend on collection timing
        self.steps = []

    # ---- shadow helpers
    def val(self, n):
        return self.ns.get(n, None)

    def bound(self):
        return [n for n in NAMES if n in self.ns]

    def kind(self, n):
        if n not in self.ns or n in self.opaque:
            return None
        v = self.ns[n]
        if v is None:
            return "none"
        t = type(v).__name__
        if t in CLASSES:
            return "inst"
        return {"list": "list", "dict": "dict", "tuple": "tuple",
                "ReferenceType": "wref", "int": "int"}.get(t)

    def of_kind(self, *kinds):
        return [n for n in NAMES if self.kind(n) in kinds]

    def run(self, stmt):
        """execute in the shadow; True when it did not raise"""
        if stmt.startswith("gc.") and not stmt.startswith("gc.collect"):
            return True          # thresholds/enable/freeze do not matter to the shadow
        code = stmt
        if stmt.startswith("for "):
            raise AssertionError
        try:
            exec(code, self.ns)
        except Exception:
            return False
        return True

    # ---- expressions
    def some_value(self):
        r = self.r
        b = self.of_kind("inst", "list", "dict", "tuple", "wref", "none", "int")
        choice = r.random()
        if choice < 0.35:
            return r.choice(["A()", "B()", "F()", "R()" if "grave" in self.ns else "A()"])
        if choice < 0.45:
            return r.choice(["[]", "{}", "None", "1"])
        if choice < 0.55 and b:
            return "[%s]" % ", ".join(r.choice(b) for _ in range(r.randint(1, 3)))
        if choice < 0.62 and b:
            return "(%s, %s)" % (r.choice(b), r.choice(b + ["1"]))
        if choice < 0.68 and b:
            return '{"k": %s}' % r.choice(b)
        if choice < 0.75:
            return "mk(%s)" % (r.choice(b) if b else "None")
        if choice < 0.78:
            return "chain(%d)" % r.randint(1, 4)
        if choice < 0.80:
            return "churn()"
        if b:
            return r.choice(b)
        return "A()"

    # ---- statements
    def candidates(self):
        r = self.r
        c = []
        insts = self.of_kind("inst")
        lists = self.of_kind("list")
        dicts = self.of_kind("dict")
        seqs = [n for n in self.of_kind("list", "tuple") if len(self.val(n))]
        wrefs = self.of_kind("wref")
        bound = self.bound()
        tgt = r.choice(NAMES)
        c.append((6, "%s = %s" % (tgt, self.some_value())))
        if insts:
            o = r.choice(insts)
            c.append((5, "%s.%s = %s" % (o, r.choice(ATTRS), r.choice(bound + ["None"]))))
            have = [a for a in ATTRS if a in getattr(self.val(o), "__dict__", {})]
            if have:
                a = r.choice(have)
                c.append((2, "del %s.%s" % (o, a)))
                c.append((1, "%s = %s.%s" % (tgt, o, a)))
            c.append((2, "%s = weakref.ref(%s%s)" % (tgt, o, r.choice(["", ", cb"]))))
            if len(insts) >= 2:
                c.append((1, "link(%s, %s)" % tuple(r.sample(insts, 2))))
        if lists:
            l = r.choice(lists)
            c.append((3, "%s.append(%s)" % (l, r.choice(bound + ["None"]))))
            if len(self.val(l)):
                c.append((2, r.choice(["%s.pop()" % l, "%s = %s.pop()" % (tgt, l),
                                       "%s.pop(0)" % l])))
            c.append((1, "%s.clear()" % l))
        if dicts:
            d = r.choice(dicts)
            key = r.choice(['"k"', '"j"'])
            c.append((2, "%s[%s] = %s" % (d, key, r.choice(bound + ["None"]))))
            if key.strip('"') in self.val(d):
                c.append((1, "del %s[%s]" % (d, key)))
                c.append((1, "%s = %s[%s]" % (tgt, d, key)))
        if seqs:
            s = r.choice(seqs)
            c.append((1, "%s = %s[0]" % (tgt, s)))
            if self.kind(s) == "list":
                c.append((1, "%s[0] = %s" % (s, r.choice(bound + ["None"]))))
        if wrefs:
            w = r.choice(wrefs)
            c.append((2, "%s = %s()" % (tgt, w)))
        if bound:
            if len(bound) >= 2 and r.random() < 0.3:
                c.append((3, "del %s, %s" % tuple(r.sample(bound, 2))))
            else:
                c.append((4, "del %s" % r.choice(bound)))
        c.append((3, r.choice(["gc.collect()", "gc.collect(0)", "gc.collect(1)",
                               "gc.collect(2)", "n = gc.collect()"])))
        if "grave" in self.ns:
            c.append((1, "grave.clear()"))
        c.append((1, "log.clear()"))
        c.append((1, "churn()"))
        return c

    def pick(self, cands):
        total = sum(w for w, _ in cands)
        x = self.r.uniform(0, total)
        for w, s in cands:
            x -= w
            if x <= 0:
                return s
        return cands[-1][1]

    def for_step(self):
        r = self.r
        n = r.randint(2, 12)
        lists = self.of_kind("list")
        pool = [["t = A()", "t.me = t"], ["t = B()", "u = [t]", "t.q = u"],
                ["t = F()", "t.p = t"], ["t = (i, A())"], ["t = {\"k\": B()}"],
                ["t = mk(None)", "t.peer = t"], ["t = chain(2)"], ["churn()"]]
        body = list(r.choice(pool))
        if lists and r.random() < 0.5:
            body.append("%s.append(t)" % r.choice(lists) if body[0].startswith("t =")
                        else "%s.append(%d)" % (r.choice(lists), n))
        step = {"for": "i in range(%d)" % n, "body": body}
        src = "\n".join(body_text([step], 0))
        try:
            exec(src, self.ns)
        except Exception:
            return None
        for nm in ("t", "u"):
            if nm in self.ns:
                self.opaque.add(nm)      # loop temporaries: keep them out of the pool
        return step

    def generate(self):
        r = self.r
        nsteps = r.randint(15, 60)
        self.steps.append("grave = []")
        self.run("grave = []")
        self.steps.append("log = []")
        self.run("log = []")
        if r.random() < 0.5:
            self.steps.append("gc.disable()")
        enabled = self.steps[-1] != "gc.disable()"
        error_at = nsteps - 1 if r.random() < 1 / 12 else None
        tries = 0
        while len(self.steps) < nsteps and tries < 2000:
            tries += 1
            if error_at is not None and len(self.steps) == error_at:
                self.steps.append(r.choice(["z = missing_name", "z = a.nothing",
                                            "z = [][0]", "z = {}[\"k\"]", "gc.collect(5)",
                                            "z = mk(1, 2)"]))
                break
            x = r.random()
            if x < 0.10:
                st = self.for_step()
                if st:
                    self.steps.append(st)
                continue
            if x < 0.16:
                if r.random() < 0.5:
                    s = "gc.set_threshold(%d, %d, %d)" % (r.randint(2, 12), r.randint(1, 4),
                                                         r.randint(1, 4))
                    self.steps.append(s)
                    if not enabled and r.random() < 0.7:
                        self.steps.append("gc.enable()")
                        enabled = True
                else:
                    self.steps.append("gc.enable()" if not enabled else "gc.disable()")
                    enabled = not enabled
                continue
            if x < 0.18:
                self.steps.append("gc.freeze()" if r.random() < 0.5 else "gc.unfreeze()")
                continue
            s = self.pick(self.candidates())
            if any(s.startswith("del " + p) or s.startswith(p + " =") for p in PROTECTED):
                continue
            if self.run(s):
                self.steps.append(s)
                tgt = s.split(" = ")[0] if " = " in s and "." not in s.split(" = ")[0] \
                    and "[" not in s.split(" = ")[0] else None
                if tgt:
                    if s.rstrip().endswith("()") and self.kind(tgt) is None and \
                            "weakref" not in s:
                        pass
                    if any(s.endswith("%s()" % w) for w in NAMES):
                        self.opaque.add(tgt)     # w(): alive or not depends on the collector
                    else:
                        self.opaque.discard(tgt)
                if s.startswith("del "):
                    for nm in s[4:].split(", "):
                        self.opaque.discard(nm.strip())
        return {
            "title": "random scenario (seed %d)" % self.seed,
            "description": "Generated by tests/oracle/gen_random.py --seed %d." % self.seed,
            "python": "3.12",
            "collector": "cpython",
            "classes": CLASSES,
            "functions": FUNCTIONS,
            "steps": self.steps,
        }


def main(argv):
    if len(argv) != 2 or argv[0] != "--seed":
        sys.stderr.write("usage: gen_random.py --seed N\n")
        return 2
    seed = int(argv[1])
    gc.disable()
    g = Gen(seed)
    g.seed = seed
    scn = g.generate()
    sys.stdout.write(json.dumps(scn, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
