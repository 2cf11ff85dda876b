"""Comprehensions: what is released first at the end

The compiler's peephole pass moves a local store (3.12 and 3.13) or an
expression statement's pop (3.13 only) before the variables are restored."""
import gc

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


[o for o in (Obj("p1"), Obj("p2"))]
print("--")
([o for o in (Obj("q1"), Obj("q2"))])
print("--")
(
    [o for o in (Obj("r1"), Obj("r2"))])
print("--")


def f():
    res = Obj("old res")
    res = [a.name for a, b, c in [(Obj("a1"), Obj("b1"), Obj("c1"))]]
    print("f1", res)
    res = (
        [a.name for a, b, c in [(Obj("a2"), Obj("b2"), Obj("c2"))]])
    print("f2", res)
    res = [a.name
           for a, b, c in [(Obj("a3"), Obj("b3"), Obj("c3"))]]
    [a for a in (Obj("s1"), Obj("s2"))]
    print("f3")
    x = [Obj("nest") for _ in [[a for a in (Obj("t1"),)]]]
    print("f4")
    return res


print(f())
y = [o for o in (Obj("m1"), Obj("m2"))]
print("end")
