"""What the collector tracks, version by version

3.14 and later track every dict from birth and leave a tuple of plain values
untracked; a function's local passed to sys.getrefcount is borrowed.
"""
import gc
import sys


class A:
    pass


def main():
    d = {}
    print("empty dict tracked:", gc.is_tracked(d))
    d["k"] = 1
    print("dict of ints tracked:", gc.is_tracked(d))
    x = 5
    t = (x, 1)
    print("tuple of ints tracked:", gc.is_tracked(t))
    a = A()
    u = (a, x)
    print("tuple holding an instance tracked:", gc.is_tracked(u))
    print("refcount of a local:", sys.getrefcount(a))
    gc.collect()
    print("after a full collection:", gc.is_tracked(d), gc.is_tracked(t), gc.is_tracked(u))


main()
