#!/usr/bin/env python3
"""cpython_trace.py - the gcviz fidelity oracle.

Runs a gcviz scenario (JSON, DESIGN.md section 2) in a real CPython and prints
the trace `gcviz trace` must print (DESIGN.md section 3): one JSON line per
top-level step.

    cpython_trace.py SCENARIO.json [--python 3.13|3.12|/path/to/python3]
                     [--observable] [--crosscheck]
    cpython_trace.py PROGRAM.py [--python 3.13] [--expect-stdout FILE]
                     (see SOURCE PROGRAMS below)

  --python       interpreter to run in (default 3.13 = CPython 3.13.0 from
                 `pyenv root`, or $GCVIZ_ORACLE_PY313 / $GCVIZ_ORACLE_PY312).
                 The script re-executes itself under that interpreter.
  --observable   print the interpreter-independent "observable" view instead
                 of the trace (tracked scenario objects as a multiset of
                 [type, refcount, gen], finalizer-call count, collect() value,
                 per-generation collection sums, count[1:]).  This mode does not
                 need PyRefTracer and is the only mode on 3.12.
  --crosscheck   run the scenario three ways (3.13 trace, 3.13 observable,
                 3.12 observable), compare, print differences to stderr, exit 1
                 on any difference.  Prints nothing on stdout.

Exit status: 0 ok; 1 bad scenario / cross-check difference; 2 usage;
4 the oracle could not observe the run exactly (an exception reached
sys.unraisablehook, or the probe hit an inconsistency).

HOW IT OBSERVES WITHOUT DISTURBING
----------------------------------
* The scenario's classes and functions are compiled into a globals dict G
  (which also holds gc, weakref and the probe hooks).  All top-level steps are
  compiled into ONE function, `__scenario__`, whose statements are declared
  `global`, so every top-level name lives in G exactly as a module global
  would.  Between two steps the function calls C hooks only:
      __rt_begin__(k); <step k>; __rt_tick__(); __rt_end__(k)
  A call of a C function allocates no object, so count[0], the free lists and
  the generation lists are exactly what the scenario alone makes them.
  (exec() per step would allocate a function object per step.)
* Set-up: classes/functions defined, thresholds set ("python": "3.12" ->
  (700, 10, 10), "3.13" -> (2000, 10, 10), whatever interpreter runs),
  gc.collect(); gc.freeze(); <sentinel placed at the tail of the permanent
  generation>; gc.collect(); gc.enable().  So: G and everything the oracle owns
  are frozen (external roots, like gcviz roots), count = (0, 0, 0),
  long_lived_total = long_lived_pending = 0, free lists empty.
* Ids, freed: reftracer.c (compiled at run time against the interpreter's own
  headers, internal ones included) installs a PyRefTracer (CPython 3.13) that
  gives ids 1, 2, 3, ... to every object created whose exact type is a
  scenario class, list, tuple, dict or weakref.ref, temporaries included, and
  logs DESTROY events.  "freed" is the order of DESTROY events, i.e. the order
  in which _Py_Dealloc is *entered* (parent before child in a cascade: a -> A
  -> B gives [A, B]; in a collection, the order in which tp_clear makes
  refcounts reach 0).  A DESTROY of an object that its __del__ resurrected is
  removed again (the object is still on a gc list at the end of the step).
  CPython 3.13.0's eval loop frees some objects without the DESTROY event
  (its own inlined Py_DECREF); reftracer.c therefore also wraps tp_dealloc of
  the table types while tracing and reports those (same position in time).
  3.13 reports a resurrection by __del__ as a CREATE of a finalized object: it
  is recognised as the same object.
* 3.12 semantics on 3.13.0 (the goldens are for 3.12): the one known
  difference in this subset is PyObject_ClearWeakRefs.  3.12 allocates its
  temporary tuple only for >= 2 weakrefs, 3.13 whenever a weakref has a
  callback.  The 3.13-only tuple (exactly one weakref, with a callback) gets no
  id, and its count[0] increment, the GC it may schedule and its trip to the
  tuple free list are undone, so the trace is the 3.12 one.  With >= 2
  weakrefs both versions allocate one, of different sizes (2*all vs
  2*callbacks); only count[0] can differ then.  --crosscheck verifies every
  golden against a 3.12.1 run (everything but count[0] must match).
* finalized: every scenario __del__ begins with a call of the C hook
  __rt_fin__(self), in call order.
* refcount: ob_refcnt read in C, with no reference held by the oracle.
  gen: found by walking the interpreter's generation lists in C (0, 1, 2,
  "permanent" for objects after the sentinel in the permanent list, null when
  untracked).
* collections: the gc statistics (what gc.get_stats() reports) are sampled at
  every tracer event (every object allocation or deallocation in the
  interpreter) and at every hook.  Two automatic collections always have
  allocations between them, so each collection is seen on its own: the list is
  in chronological order with each collection's own collected/uncollectable.
  Explicit gc.collect(...) calls anywhere in scenario code (steps, functions,
  __del__) are routed through __rt_collect__, which samples right before and
  after the real gc.collect: those entries get "auto": false, all others
  "auto": true.  (Without a tracer, i.e. in observable mode, only per-generation
  sums are exact.)
* collected: the return value of the step's own gc.collect(...) (statement or
  assignment value), recorded by __rt_collect_top__.
* count: the interpreter's gc counts after the step's __rt_tick__().
* Automatic collections: the trailing __rt_tick__() is a C call, and a CALL
  checks the eval breaker after it returns, so a collection scheduled during
  the step and not yet run runs there, before the snapshot.  NOTE that CPython
  may run it earlier inside the step (right after the CALL that allocated, e.g.
  `x = Node()` collects *before* x is rebound); the trace records what CPython
  does.
* gc.unfreeze() is replaced by a C hook that moves to generation 2 only what
  follows the sentinel (what the scenario froze), keeping the oracle's frozen
  start-up heap out of the scenario's collections.
* Errors: the step that raises prints {"step", "stmt", "error"} with
  "<ExceptionType>: <str(exc)>" and the run stops.
* Inexactness that remains: count[0] after the ClearWeakRefs case above; a
  free list state that differs from 3.12 in that case; an object whose last
  reference is dropped by the eval loop while another object of the same type
  is being deallocated (e.g. inside a __del__ of the same class) is detected
  and reported as an inexact run (exit 4), not silently mis-traced.
* An exception that reaches sys.unraisablehook (e.g. raised in __del__ or in a
  weakref callback) allocates exception objects and tuples: the run is
  reported as inexact (exit 4).

SOURCE PROGRAMS (.py)
---------------------
    cpython_trace.py PROGRAM.py [--python 3.13] [--expect-stdout FILE]
    cpython_trace.py SCENARIO.json [...]   (a scenario with "source": the same)

traces a plain Python program on CPython 3.13.0 itself: what it prints is what
`gcviz trace --python 3.13 PROGRAM.py` must print.  3.12 has no PyRefTracer,
so .py traces exist for 3.13 only (their 3.12 side is the stdout golden).
* The program runs as a plain run would: in a fresh `python3.13 py_runner.py`
  process, as __main__ (the runner's own module, emptied of the runner's names
  first, so __main__'s keys and their order are a plain run's), stdout a pipe
  (block-buffered), no gc set-up, no freeze, the default thresholds.  The
  runner imports nothing the program may import (gc, weakref).
* Steps: the module's top-level statements in order, the docstring excepted.
  "stmt" is the statement's first source line (`class Node:`,
  `for i in range(3):`, `x = 1`; from the statement's column to the end of
  its first line, trailing blanks removed, a trailing comment kept).  Around each step sits `__rt__.b` /
  `__rt__.e`: attribute reads of a C probe object (found in builtins), not
  calls, because a CALL checks the eval breaker after it returns and would run
  a pending automatic collection earlier than the program alone.  So a
  collection scheduled in step k runs where CPython runs it: at the next CALL,
  backward jump or function entry, possibly in step k+1; the line of step k is
  taken between the two statements with the collection still pending.
* Ids: as for JSON scenarios (instances of the program's classes, lists,
  tuples, dicts, weakref.ref, temporaries included: e.g. the argument tuple of
  `Node(1)` before the call site is specialized), except that objects made by
  `import`, `class` and `def` statements get none (type objects, their dicts,
  tuples of bases and defaults, functions...), nor objects made inside
  `print` (the text layer's pending list).  Their effect on the counts stays.
* gc.collect: once the program has imported gc, `gc.collect` is replaced in
  the gc module by a C wrapper (one CALL either way) that brackets the
  collection ("auto": false) and records "collected" when the step's own value
  is `gc.collect(...)` (`gc.collect()`, `n = gc.collect()`; not
  `print(gc.collect())`).  __del__ calls are logged by wrapping the program
  classes' tp_finalize.
* An exception that ends the program: the line of its step is
  {"step", "stmt", "error": "<Type>: <message>"} (written by a C
  sys.excepthook that then calls the default one, so stderr is the plain
  run's), and it is the last line.
* Exit (after a normal end): one more line, {"step": N, "stmt": "<exit>",
  "freed": [...], "finalized": [...]}, N = the number of steps: every object
  of the program deallocated and every __del__ called after the last step
  while the interpreter finalizes (__main__ cleared in its own order, the
  final collections), written at Py_AtExit.  gcviz's exit line also has
  "objects", "collections" and "count" (the trace contract of pylang): the
  oracle cannot measure them (the collections include the interpreter's own
  garbage, the counts are gone with the interpreter), the test compares
  "freed" and "finalized" only.  Nothing gets an id during the exit except
  instances of the program's classes.
* --expect-stdout FILE: the traced run's stdout must equal FILE (the plain
  run's, NAME.stdout313), else exit 4: the probe must not change anything the
  program observes.
* The lines before the program's first `gc.collect()` show the start-up heap
  (counts, what `import weakref` leaves behind): the tests skip them.

The C extension is cached under $GCVIZ_ORACLE_CACHE or ~/.cache/gcviz-oracle,
keyed by the interpreter and the hash of reftracer.c.
"""
import ast
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
THRESHOLDS = {"3.12": (700, 10, 10), "3.13": (2000, 10, 10)}
# hook names end with "__" so that they are not mangled inside class bodies
HOOKS = ("__rt_begin__", "__rt_tick__", "__rt_end__", "__rt_fin__", "__rt_collect__",
         "__rt_collect_top__", "__rt_unfreeze__")


class ScenarioError(Exception):
    pass


# --------------------------------------------------------------- interpreters
def find_python(spec):
    """spec: '3.13', '3.12' or a path."""
    if spec in ("3.13", "3.12"):
        env = os.environ.get("GCVIZ_ORACLE_PY" + spec.replace(".", ""))
        if env:
            return env
        full = {"3.13": "3.13.0", "3.12": "3.12.1"}[spec]
        root = None
        try:
            root = subprocess.run(["pyenv", "root"], capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            root = os.path.join(os.path.expanduser("~"), ".pyenv")
        return os.path.join(root, "versions", full, "bin", "python3")
    return spec


def same_interpreter(path):
    try:
        return os.path.realpath(path) == os.path.realpath(sys.executable)
    except OSError:
        return False


# --------------------------------------------------------------- C extension
def ext_digest():
    with open(os.path.join(HERE, "reftracer.c"), "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()[:12]


def ext_cache():
    return os.environ.get("GCVIZ_ORACLE_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "gcviz-oracle")


def load_extension():
    import importlib.machinery
    import importlib.util
    import sysconfig
    src = os.path.join(HERE, "reftracer.c")
    tag = "%s-%s-%s" % (sys.implementation.cache_tag, sys.version.split()[0], ext_digest())
    outdir = os.path.join(ext_cache(), tag)
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    so = os.path.join(outdir, "gcviz_reftracer" + suffix)
    if not os.path.exists(so):
        os.makedirs(outdir, exist_ok=True)
        inc = sysconfig.get_paths()["include"]
        tmp = so + ".%d.tmp" % os.getpid()
        cc = os.environ.get("CC", "cc")
        cmd = [cc, "-shared", "-fPIC", "-O1", "-I" + inc, src, "-o", tmp]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stderr)
            raise SystemExit("oracle: cannot compile reftracer.c")
        os.replace(tmp, so)
    loader = importlib.machinery.ExtensionFileLoader("gcviz_reftracer", so)
    spec = importlib.util.spec_from_file_location("gcviz_reftracer", so, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


# --------------------------------------------------------------- translation
def parse_stmt(text, where):
    if not isinstance(text, str):
        raise ScenarioError("%s: expected a statement string" % where)
    try:
        mod = ast.parse(text, mode="exec")
    except SyntaxError as e:
        raise ScenarioError("%s: syntax error: %s" % (where, e.msg))
    if len(mod.body) != 1:
        raise ScenarioError("%s: exactly one statement expected" % where)
    st = mod.body[0]
    if not isinstance(st, (ast.Expr, ast.Assign, ast.Delete, ast.Return, ast.Pass,
                           ast.Global)):
        raise ScenarioError("%s: statement not in the gcviz subset" % where)
    for node in ast.walk(st):
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.DictComp, ast.SetComp,
                             ast.GeneratorExp, ast.Yield, ast.YieldFrom, ast.Await,
                             ast.Starred, ast.Set, ast.JoinedStr, ast.NamedExpr)):
            raise ScenarioError("%s: expression not in the gcviz subset" % where)
        if isinstance(node, ast.Name) and node.id.startswith("__rt_"):
            raise ScenarioError("%s: reserved name %s" % (where, node.id))
    return st


def is_gc_call(node, attr):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == attr and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "gc")


class Rewriter(ast.NodeTransformer):
    """gc.collect(...) -> __rt_collect(...); gc.unfreeze() -> __rt_unfreeze()"""

    def visit_Call(self, node):
        self.generic_visit(node)
        if is_gc_call(node, "collect"):
            return ast.copy_location(ast.Call(func=ast.Name("__rt_collect__", ast.Load()),
                                              args=node.args, keywords=node.keywords), node)
        if is_gc_call(node, "unfreeze"):
            return ast.copy_location(ast.Call(func=ast.Name("__rt_unfreeze__", ast.Load()),
                                              args=node.args, keywords=node.keywords), node)
        return node


def rewrite(st, top=False):
    if top:
        # the step's own gc.collect(...) records its return value
        val = None
        if isinstance(st, ast.Expr):
            val = st.value
        elif isinstance(st, ast.Assign):
            val = st.value
        if val is not None and is_gc_call(val, "collect"):
            val.func = ast.Name("__rt_collect_top__", ast.Load())
    return Rewriter().visit(st)


def hook_call(name, *args):
    return ast.Expr(ast.Call(func=ast.Name(name, ast.Load()),
                             args=[ast.Constant(a) for a in args], keywords=[]))


def parse_for(item, where):
    head = item.get("for")
    body = item.get("body")
    if not isinstance(head, str) or not isinstance(body, list):
        raise ScenarioError("%s: a for step needs \"for\" and \"body\"" % where)
    try:
        mod = ast.parse("for %s:\n    pass\n" % head)
    except SyntaxError as e:
        raise ScenarioError("%s: bad for header: %s" % (where, e.msg))
    node = mod.body[0]
    it = node.iter
    if not (isinstance(node.target, ast.Name) and isinstance(it, ast.Call)
            and isinstance(it.func, ast.Name) and it.func.id == "range"):
        raise ScenarioError("%s: only `for NAME in range(...)` loops" % where)
    node.body = parse_body(body, where + ".body")
    if not node.body:
        node.body = [ast.Pass()]
    return node


def parse_body(items, where):
    out = []
    for i, item in enumerate(items):
        w = "%s[%d]" % (where, i)
        if isinstance(item, dict) and "for" in item:
            out.append(parse_for(item, w))
        else:
            if isinstance(item, dict):
                item = item.get("do")
            out.append(rewrite(parse_stmt(item, w)))
    return out


def step_text(item):
    if isinstance(item, dict):
        if "for" in item:
            return "for " + item["for"]
        return item.get("do")
    return item


def build(scn):
    """Returns (module AST with classes, functions and __scenario__, step texts,
    class names)."""
    classes = scn.get("classes") or {}
    functions = scn.get("functions") or {}
    steps = scn.get("steps")
    if not isinstance(steps, list) or not steps:
        raise ScenarioError("steps: a non-empty list is required")
    body = []
    for cname, cdef in classes.items():
        if not cname.isidentifier():
            raise ScenarioError("classes.%s: bad class name" % cname)
        cbody = []
        if isinstance(cdef, dict) and "__del__" in cdef:
            dbody = [hook_call("__rt_fin__")]
            dbody[0].value.args = [ast.Name("self", ast.Load())]
            dbody += parse_body(cdef["__del__"], "classes.%s.__del__" % cname)
            cbody.append(ast.FunctionDef(
                name="__del__",
                args=ast.arguments(posonlyargs=[], args=[ast.arg("self")], vararg=None,
                                   kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
                body=dbody, decorator_list=[], returns=None, type_params=[]))
        if not cbody:
            cbody = [ast.Pass()]
        body.append(ast.ClassDef(name=cname, bases=[], keywords=[], body=cbody,
                                 decorator_list=[], type_params=[]))
    for fname, fdef in functions.items():
        params = fdef.get("params") or []
        fbody = parse_body(fdef.get("body") or [], "functions.%s.body" % fname) or [ast.Pass()]
        body.append(ast.FunctionDef(
            name=fname,
            args=ast.arguments(posonlyargs=[], args=[ast.arg(p) for p in params], vararg=None,
                               kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
            body=fbody, decorator_list=[], returns=None, type_params=[]))
    sbody = []
    texts = []
    for k, item in enumerate(steps):
        w = "steps[%d]" % k
        if isinstance(item, dict) and "for" in item:
            st = parse_for(item, w)
        else:
            st = rewrite(parse_stmt(item if isinstance(item, str) else
                                    (item or {}).get("do"), w), top=True)
            if isinstance(st, ast.Global):
                st = ast.Pass()
        texts.append(step_text(item))
        sbody += [hook_call("__rt_begin__", k), st, hook_call("__rt_tick__"), hook_call("__rt_end__", k)]
    names = set()
    for st in sbody:
        for node in ast.walk(st):
            if isinstance(node, ast.Name) and not node.id.startswith("__rt_"):
                names.add(node.id)
    fnode = ast.FunctionDef(
        name="__scenario__",
        args=ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[],
                           kw_defaults=[], kwarg=None, defaults=[]),
        body=([ast.Global(sorted(names))] if names else []) + sbody,
        decorator_list=[], returns=None, type_params=[])
    body.append(fnode)
    mod = ast.Module(body=body, type_ignores=[])
    ast.fix_missing_locations(mod)
    return mod, texts, list(classes)


# --------------------------------------------------------------- the run
def run(path, observable):
    import gc
    import weakref
    import builtins
    with open(path, encoding="utf-8") as f:
        scn = json.load(f)
    ver = scn.get("python", "3.12")
    if ver not in THRESHOLDS:
        raise ScenarioError("python: must be \"3.12\" or \"3.13\"")
    mod, texts, cnames = build(scn)
    code = compile(mod, "<scenario>", "exec")
    rt = load_extension()
    if not observable and sys.version_info < (3, 13):
        raise SystemExit("oracle: trace mode needs CPython >= 3.13 (PyRefTracer); "
                         "use --observable on older interpreters")
    G = {"__builtins__": builtins, "__name__": "__gcviz__", "gc": gc, "weakref": weakref,
         "__rt_begin__": rt.begin, "__rt_tick__": rt.tick, "__rt_end__": rt.end,
         "__rt_fin__": rt.fin, "__rt_collect__": rt.collect,
         "__rt_collect_top__": rt.collect_top, "__rt_unfreeze__": rt.unfreeze}
    exec(code, G)
    types = [G[c] for c in cnames] + [list, tuple, dict, weakref.ref]
    names = [json.dumps(c) for c in cnames] + ['"list"', '"tuple"', '"dict"', '"weakref"']
    prefixes = ['{"step": %d, "stmt": %s, ' % (k, json.dumps(t)) for k, t in enumerate(texts)]
    rt.configure(types, names, prefixes, gc.collect, observable)
    rt.make_sentinel()
    scenario = G["__scenario__"]
    err_texts = texts
    sys.unraisablehook = rt.unraisable
    gc.disable()
    gc.set_threshold(*THRESHOLDS[ver])
    sys.stdout.flush()
    gc.collect()
    gc.freeze()
    rt.place_sentinel()
    gc.collect()
    gc.enable()
    rt.start()
    failed = None
    try:
        scenario()
    except BaseException as e:  # noqa: BLE001 - the scenario's own exception
        failed = e
    rt.stop()
    gc.disable()
    if failed is not None:
        k = rt.current_step()
        msg = "%s: %s" % (type(failed).__name__, failed)
        failed = None
        rt.emit(json.dumps({"step": k, "stmt": err_texts[k], "error": msg}) + "\n")
    unraisable, internal, imsg, hidden, suppressed = rt.status()
    if unraisable or internal:
        sys.stderr.write("oracle: %s: inexact run (%d unraisable exception(s)%s)\n" % (
            path, unraisable, ("; " + imsg) if internal else ""))
        os._exit(4)
    sys.stdout.flush()
    os._exit(0)   # no interpreter teardown: nothing more may be printed


# --------------------------------------------------------------- .py programs
def probe(attr):
    return ast.Expr(ast.Attribute(ast.Name("__rt__", ast.Load()), attr, ast.Load()))


def source_steps(src, path):
    """-> (module AST with the probe around each step, step texts, no-id flags,
    class names, flags of steps whose value is gc.collect(...))"""
    try:
        tree = ast.parse(src, filename=path)
    except SyntaxError as e:
        raise ScenarioError("%s:%s: syntax error: %s" % (path, e.lineno, e.msg))
    body = list(tree.body)
    out = []
    if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)):
        out.append(body.pop(0))        # the docstring: the title, not a step
    if not body:
        raise ScenarioError("%s: no statements" % path)
    texts, noid, classes, collects = [], [], [], []
    lines = src.splitlines()
    for st in body:
        # the trace contract: the first physical line from the statement's
        # column, trailing blanks removed (a trailing comment stays)
        texts.append(lines[st.lineno - 1][st.col_offset:].rstrip())
        noid.append(isinstance(st, (ast.Import, ast.ImportFrom, ast.ClassDef, ast.FunctionDef)))
        classes.append((st.name, json.dumps(st.name)) if isinstance(st, ast.ClassDef) else None)
        val = st.value if isinstance(st, (ast.Expr, ast.Assign)) else None
        collects.append(val is not None and is_gc_call(val, "collect"))
        out += [ast.copy_location(probe("b"), st), st, ast.copy_location(probe("e"), st)]
    tree.body = out
    ast.fix_missing_locations(tree)
    return tree, texts, noid, classes, collects


def source_of(path):
    """The program of a .py file, or of a JSON scenario's "source" (None if
    the JSON scenario has none)."""
    with open(path, encoding="utf-8") as f:
        if not path.endswith(".json"):
            return f.read()
        try:
            scn = json.load(f)
        except ValueError:
            return None
    src = scn.get("source") if isinstance(scn, dict) else None
    return src if isinstance(src, str) else None


def run_source(path, expect_stdout):
    """Trace of a .py program (or a JSON scenario's "source") on CPython 3.13
    itself (see SOURCE PROGRAMS)."""
    import marshal
    import tempfile
    if sys.version_info[:2] != (3, 13):
        raise SystemExit("oracle: .py programs are traced on CPython 3.13 (PyRefTracer)")
    path = os.path.abspath(path)
    src = source_of(path)
    tree, texts, noid, classes, collects = source_steps(src, path)
    code = compile(tree, path, "exec", dont_inherit=True)
    load_extension()                   # builds it into the cache if needed
    tag = "%s-%s-%s" % (sys.implementation.cache_tag, sys.version.split()[0], ext_digest())
    extdir = os.path.join(ext_cache(), tag)
    prefixes = ['{"step": %d, "stmt": %s, ' % (k, json.dumps(t)) for k, t in enumerate(texts)]
    with tempfile.TemporaryDirectory(prefix="gcviz-oracle-") as tmp:
        trace = os.path.join(tmp, "trace")
        data = os.path.join(tmp, "data")
        with open(data, "wb") as f:
            marshal.dump({"code": marshal.dumps(code), "prefixes": prefixes, "noid": noid,
                          "classes": classes, "collects": collects, "trace": trace, "extdir": extdir, "path": path,
                          "dir": os.path.dirname(path)}, f)
        env = dict(os.environ)
        for k in list(env):
            if k.startswith("PYTHON"):
                del env[k]
        r = subprocess.run([sys.executable, os.path.join(HERE, "py_runner.py"), data],
                           cwd=os.path.dirname(path), env=env, stdin=subprocess.DEVNULL,
                           capture_output=True)
        if r.returncode not in (0, 1):
            sys.stderr.write(r.stderr.decode("utf-8", "replace"))
            raise ScenarioError("%s: the traced run failed (exit %d)" % (path, r.returncode))
        with open(trace, encoding="utf-8") as f:
            lines = f.read()
    if os.environ.get("GCVIZ_ORACLE_SHOW"):
        sys.stderr.write(lines + r.stderr.decode("utf-8", "replace"))
    for line in lines.splitlines():
        if line.startswith('{"oracle_error"'):
            sys.stderr.write("oracle: %s: inexact run: %s\n" % (path, line))
            return 4
    if expect_stdout is not None:
        with open(expect_stdout, "rb") as f:
            want = f.read()
        if r.stdout != want:
            a, b = want.decode("utf-8", "replace").splitlines(), \
                r.stdout.decode("utf-8", "replace").splitlines()
            i = next((i for i in range(max(len(a), len(b)))
                      if (a[i] if i < len(a) else None) != (b[i] if i < len(b) else None)), 0)
            sys.stderr.write("oracle: %s: the traced run printed something else than the plain "
                             "run, line %d:\n  plain:  %s\n  traced: %s\n" % (
                                 path, i + 1, a[i] if i < len(a) else "<missing>",
                                 b[i] if i < len(b) else "<missing>"))
            return 4
    sys.stdout.write(lines)
    sys.stdout.flush()
    return 0


# --------------------------------------------------------------- cross-check
def project(trace_lines):
    """trace -> observable view, normalised"""
    res = []
    for line in trace_lines:
        d = json.loads(line)
        if "error" in d:
            res.append(d)
            continue
        gmap = {"permanent": 3}
        tracked = sorted([o["type"], o["refcount"], gmap.get(o["gen"], o["gen"])]
                         for o in d["objects"] if o["gen"] is not None)
        sums = [[0, 0, 0] for _ in range(3)]
        for c in d["collections"]:
            s = sums[c["gen"]]
            s[0] += 1
            s[1] += c["collected"]
            s[2] += c["uncollectable"]
        e = {"step": d["step"], "stmt": d["stmt"], "tracked": tracked,
             "finalized": len(d["finalized"]), "gen_sums": sums, "count0": d["count"][0],
             "count12": d["count"][1:]}
        if "collected" in d:
            e["collected"] = d["collected"]
        res.append(e)
    return res


def normalise_observable(lines):
    res = []
    for line in lines:
        d = json.loads(line)
        if "tracked" in d:
            d["tracked"] = sorted([t, rc, 3 if g == "permanent" else g]
                                  for t, rc, g in d["tracked"])
        res.append(d)
    return res


def crosscheck(path):
    me = os.path.abspath(__file__)
    outs = {}
    for label, py, obs in (("3.13-trace", "3.13", False), ("3.13-observable", "3.13", True),
                           ("3.12-observable", "3.12", True)):
        cmd = [find_python(py), me, path, "--python", py, "--no-reexec"] + (
            ["--observable"] if obs else [])
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode not in (0,):
            sys.stderr.write("%s: %s failed (%d): %s\n" % (path, label, r.returncode, r.stderr))
            return 1
        outs[label] = r.stdout.splitlines()
    a = project(outs["3.13-trace"])
    b = normalise_observable(outs["3.13-observable"])
    c = normalise_observable(outs["3.12-observable"])
    bad = 0

    def strip0(lines):
        return [dict((k, v) for k, v in d.items() if k != "count0") for d in lines]

    # The golden (3.13 trace, with the 3.12 corrections of reftracer.c) must
    # match 3.12 on everything observable except count[0], which is only a note
    # (tests do not compare it).  A difference between the corrected trace and
    # the plain 3.13 run is a note too (3.13-only behaviour that was corrected).
    pairs = ((("3.13-trace", strip0(a)), ("3.12-observable", strip0(c))),)
    for (la, x), (lb, y), what in (((("3.13-trace", a), ("3.12-observable", c), "count[0]")),
                                   ((("3.13-trace", a), ("3.13-observable", b), "3.13 itself"))):
        if x != y and strip0(x) == strip0(y) or (what != "count[0]" and x != y):
            for i, (p, q) in enumerate(zip(x, y)):
                if p != q:
                    sys.stderr.write("%s: note: %s vs %s (%s) differ from step %s\n" % (
                        path, la, lb, what, p.get("step")))
                    break
    for (la, x), (lb, y) in pairs:
        if x != y:
            bad = 1
            for i in range(max(len(x), len(y))):
                xi = x[i] if i < len(x) else None
                yi = y[i] if i < len(y) else None
                if xi != yi:
                    sys.stderr.write("%s: %s vs %s differ at line %d:\n  %s\n  %s\n" % (
                        path, la, lb, i, json.dumps(xi), json.dumps(yi)))
                    break
    return bad


# --------------------------------------------------------------- main
def main(argv):
    args = list(argv)
    if not args or "-h" in args or "--help" in args:
        sys.stdout.write(__doc__)
        return 0 if args else 2
    py = "3.13"
    expect = None
    if "--expect-stdout" in args:
        i = args.index("--expect-stdout")
        if i + 1 >= len(args):
            sys.stderr.write("oracle: --expect-stdout needs a file\n")
            return 2
        expect = args[i + 1]
        del args[i:i + 2]
    observable = "--observable" in args
    check = "--crosscheck" in args
    noreexec = "--no-reexec" in args
    args = [a for a in args if a not in ("--observable", "--crosscheck", "--no-reexec")]
    if "--python" in args:
        i = args.index("--python")
        if i + 1 >= len(args):
            sys.stderr.write("oracle: --python needs a value\n")
            return 2
        py = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        sys.stderr.write("usage: cpython_trace.py SCENARIO.json [--python 3.13|3.12|PATH] "
                         "[--observable] [--crosscheck]\n")
        return 2
    path = args[0]
    if path.endswith(".py") or (path.endswith(".json") and os.path.exists(path)
                                and source_of(path) is not None):
        if py != "3.13" or observable or check:
            sys.stderr.write("oracle: .py programs: only --python 3.13 (the trace of CPython "
                             "3.13.0 itself)\n")
            return 2
        interp = find_python(py)
        if not noreexec and not same_interpreter(interp):
            cmd = [interp, os.path.abspath(__file__), path, "--python", py, "--no-reexec"]
            if expect:
                cmd += ["--expect-stdout", expect]
            os.execv(interp, cmd)
        try:
            return run_source(path, expect)
        except ScenarioError as e:
            sys.stderr.write("oracle: %s\n" % e)
            return 1
    if check:
        return crosscheck(path)
    interp = find_python(py)
    if not noreexec and not same_interpreter(interp):
        cmd = [interp, os.path.abspath(__file__), path, "--python", py, "--no-reexec"]
        if observable:
            cmd.append("--observable")
        os.execv(interp, cmd)
    if py == "3.12" or sys.version_info < (3, 13):
        observable = True
    try:
        run(path, observable)
    except ScenarioError as e:
        sys.stderr.write("oracle: %s: %s\n" % (path, e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
