"""Weak references

A weak reference does not keep its object alive."""
import gc
import sys
import weakref

gc.collect()


class Thing:
    def __init__(self, n):
        self.n = n


def gone(ref):
    print("callback: the referent is gone")


t = Thing(1)
r = weakref.ref(t)
print(r() is t, r().n, sys.getrefcount(t))
# say: Without a callback, weakref.ref(x) returns the same object again.
r2 = weakref.ref(t)
print("shared:", r is r2)
w = weakref.ref(t, gone)
print("with a callback, new object:", w is r)
del t
print(r() is None, w() is None)
u = Thing(2)
u.self = u
wu = weakref.ref(u, gone)
del u
print("cycle still there:", wu() is not None)
print("collect:", gc.collect())
print(wu() is None)
