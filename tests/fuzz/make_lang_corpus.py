#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_lang (corpus/lang/seed_*.py) from scenario
files: each scenario in the indented notation fuzz_lang.c reads.

usage: tests/fuzz/make_lang_corpus.py   (from anywhere; rewrites the seeds)
"""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def block(steps, indent, out):
    for st in steps:
        if isinstance(st, dict) and "for" in st:
            out.append(" " * indent + "for " + str(st["for"]) + ":")
            block(st.get("body", []), indent + 1, out)
        elif isinstance(st, dict):
            out.append(" " * indent + str(st.get("do", "pass")))
        else:
            out.append(" " * indent + str(st))


def convert(sc):
    out = []
    if sc.get("python") == "3.13":
        out.append("#3.13")
    elif sc.get("collector") in ("refcount", "mark-sweep"):
        out.append("#" + sc["collector"])
    for name, c in (sc.get("classes") or {}).items():
        if isinstance(c, dict) and c.get("__del__"):
            out.append("class %s:" % name)
            block(c["__del__"], 1, out)
        else:
            out.append("class %s" % name)
    for name, f in (sc.get("functions") or {}).items():
        out.append("def %s(%s):" % (name, ", ".join(f.get("params", []))))
        block(f.get("body", []), 1, out)
    block(sc.get("steps", []), 0, out)
    return "\n".join(out) + "\n"


def main():
    dst = os.path.join(HERE, "corpus", "lang")
    os.makedirs(dst, exist_ok=True)
    for old in glob.glob(os.path.join(dst, "seed_*")):
        os.remove(old)
    files = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.json")) +
                   glob.glob(os.path.join(ROOT, "tests", "golden", "**", "*.json"), recursive=True) +
                   glob.glob(os.path.join(ROOT, "tests", "scenario", "good", "*.json")))
    n = 0
    for f in files:
        try:
            sc = json.load(open(f, encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(sc, dict) or os.path.basename(f) == "index.json":
            continue
        rel = os.path.relpath(f, ROOT).replace(os.sep, "_").replace(".json", "")
        with open(os.path.join(dst, "seed_" + rel + ".py"), "w", encoding="utf-8") as o:
            o.write(convert(sc))
        n += 1
    print("wrote %d seeds to %s" % (n, os.path.relpath(dst, ROOT)))


if __name__ == "__main__":
    main()
