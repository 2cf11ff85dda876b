// pyodide_stdout.mjs - run .py programs in CPython 3.15.0rc1 (or 3.14.2) compiled to
// WebAssembly (the npm package pyodide, offline in Node) and write what they print.
//
//   node pyodide_stdout.mjs PYODIDE_DIR SUFFIX PROGRAM.py...
//
// For each PROGRAM.py whose output can be measured this way (see below) writes
// PROGRAM.SUFFIX, what it printed.  tests/oracle/pyodide_goldens.sh installs the
// pinned package and calls this.
//
// The program runs as __main__ under its bare file name.  Pyodide does not shut
// the interpreter down after it, so what CPython does at exit is done here:
// the __main__ dict is cleared as finalize_modules / _PyModule_ClearDict does
// (names starting with one underscore first, then the others but
// __builtins__, each set to None in dict order), then gc.collect().
import { readFileSync, writeFileSync } from "fs";
import { createRequire } from "module";
import { basename, dirname } from "path";

const [dir, suffix, ...programs] = process.argv.slice(2);
const require = createRequire(dir + "/package.json");
const { loadPyodide } = require("pyodide");
let out = "";
const driver = `
import sys, gc, types, traceback
__keep = []
def __gcviz_run(name, src, perturb, at_exit):
    # perturb: start with 137 more live tracked objects (a program whose output
    # changes is start-up dependent); at_exit: do what CPython does at exit.
    # The collector's settings are a fresh interpreter's again: the programs
    # run one after the other in one interpreter, and one that disables the
    # collector or sets thresholds must not change the next one's output.
    # sys.stdout as in 'python3 PROGRAM.py > FILE', as for the 3.12/3.13
    # goldens: block-buffered (pyodide's is line-buffered, so each newline
    # would free the TextIOWrapper's list of pending writes).
    sys.stdout.reconfigure(line_buffering=False)
    gc.enable()
    gc.set_threshold(2000, 10, 10)
    __keep[:] = []
    gc.collect()
    __keep[:] = [[] for i in range(137)] if perturb else []
    m = types.ModuleType("__main__")
    m.__dict__["__file__"] = name
    m.__dict__["__builtins__"] = __builtins__
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = m
    err = None
    try:
        exec(compile(src, name, "exec"), m.__dict__)
    except SystemExit:
        pass
    except BaseException as e:
        err = "".join(traceback.format_exception(e))
    sys.stdout.flush()
    if not at_exit:
        sys.modules["__main__"] = saved
        return err
    d = m.__dict__
    for k in list(d):
        if k.startswith("_") and not k.startswith("__"):
            d[k] = None
    for k in list(d):
        if k != "__builtins__":
            d[k] = None
    del m, d
    sys.modules["__main__"] = saved
    gc.collect()
    sys.stdout.flush()
    return err
`;
// Every run gets an interpreter of its own: CPython keeps state for the
// interpreter's life that a program's count[0] shows, e.g. the thread
// state's dict and its "Py_Repr" list, made by the first repr of a tuple,
// list or dict (Py_ReprEnter).  In an interpreter shared by the programs
// only the first one to print a tuple paid for them (l05_generations'
// count after its first print was 2 lower than a fresh interpreter's).
async function fresh() {
  const py = await loadPyodide();
  py.setStdout({ write: (buf) => { out += Buffer.from(buf).toString("utf8"); return buf.length; } });
  py.setStderr({ write: (buf) => { out += ""; return buf.length; } });
  py.runPython(driver);
  return py.globals.get("__gcviz_run");
}
// Each program runs three times: as is, with a perturbed start, and without the
// exit emulation.  Only a program that prints the same all three times, and
// ends without an exception, gets PROGRAM.SUFFIX: its output depends neither on
// pyodide's start-up heap (not a native one) nor on the emulated exit.
for (const p of programs) {
  const src = readFileSync(p, "utf8");
  const outs = [];
  let err = null;
  for (const [perturb, atExit] of [[false, true], [true, true], [false, false]]) {
    const run = await fresh();
    out = "";
    const e = run(basename(p), src, perturb, atExit);
    if (e !== undefined && e !== null) err = String(e);
    outs.push(out);
  }
  const robust = outs[0] === outs[1] && outs[0] === outs[2] && err === null;
  if (robust)
    writeFileSync(p.replace(/\.py$/, "." + suffix), outs[0]);
  console.log(basename(p) + ": " + (robust ? "written" : err ? "not written (exception)" :
              outs[0] !== outs[1] ? "not written (start-up dependent)" : "not written (prints at exit)"));
}
