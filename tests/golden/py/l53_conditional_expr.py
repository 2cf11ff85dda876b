"""Conditional expressions

x if c else y: the test runs first and is released before the one branch
that runs; the other branch is never evaluated."""
import gc
import sys

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name
        print("made", name)

    def __del__(self):
        print("freed", self.name)


def noisy(name, value):
    print("evaluated", name)
    return value


a = Obj("a")
b = Obj("b")
# say: Only the branch chosen by the test is evaluated.
pick = a if noisy("test", True) else noisy("never", b)
print(pick.name, sys.getrefcount(a), sys.getrefcount(b))
pick = noisy("yes", a) if noisy("test", 0) else noisy("no", b)
print(pick.name, sys.getrefcount(a), sys.getrefcount(b))
# say: The test's object dies before the branch runs.
c = Obj("then") if Obj("test") else Obj("else")
print(c.name)
c = Obj("then2") if not Obj("test2") else Obj("else2")
print(c.name)
del pick
n = 5
print("big" if n > 3 else "small", "even" if n % 2 == 0 else "odd")
print("neg" if n < 0 else "zero" if n == 0 else "pos")
items = [1, 2]
print("empty" if not items else f"{len(items)} items")
x = a if a is b else b if b is not None else None
print(x.name, sys.getrefcount(b))
print(sys.getrefcount(a if n else b), sys.getrefcount(a))
d = {"k": a} if n and items else {}
print(len(d), sys.getrefcount(a))
d = None
t = (a, b) if 1 < n < 10 else ()
print(len(t), sys.getrefcount(a), sys.getrefcount(b))


def choose(flag, p, q):
    r = p if flag else q
    print("inside", sys.getrefcount(p), sys.getrefcount(q))
    return r if r is not None else Obj("fallback")


print(choose(True, a, b).name, choose(False, a, b).name)
print(choose(False, a, None).name)
del t, x
print(sys.getrefcount(a), sys.getrefcount(b))
ring = Obj("ring")
ring.me = ring if n else None
del ring
print("collected", gc.collect())
y = [Obj("in-list")] if n else []
y = y[0] if y else None
print(y.name, sys.getrefcount(y))
del a, b, c, y
print("end")
