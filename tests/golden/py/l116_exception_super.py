"""super().__init__ in exception classes

super() in a method gives the class a __class__ cell and the method a
closure; the first call through a super() site makes a super object and
a bound method (or method-wrapper), later calls make nothing extra."""
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code


class NodeError(AppError):
    def __init__(self, msg, node):
        super().__init__(msg, 2)
        self.node = node


class Empty(ValueError):
    def __init__(self):
        super().__init__()


class Pair(KeyError):
    def __init__(self, a, b):
        print("in", gc.get_count(), sys.getrefcount(self))
        super().__init__(a, b)
        print("out", gc.get_count(), sys.getrefcount(self))


class Base:
    def __init__(self, name):
        self.name = name

    def show(self):
        return "base " + self.name


class Child(Base):
    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra

    def show(self):
        return "child " + super().show()


gc.collect()
print(gc.get_count())
# say: A class whose method calls super(): a cell and a closure tuple more.
class Late(Exception):
    def __init__(self, msg):
        super().__init__(msg)


print(gc.get_count())
gc.collect()
# say: The first call through the site makes a super object and a method-wrapper.
for i in range(3):
    e = AppError("a" + str(i), i)
    print(gc.get_count(), e.args, e.code, sys.getrefcount(e))
del e
gc.collect()
for i in range(3):
    e = NodeError("n", Node(str(i)))
    print(gc.get_count(), e.args, e.code, e.node.name)
del e
gc.collect()
for i in range(3):
    e = Empty()
    print(gc.get_count(), e.args, [e])
gc.collect()
for i in range(3):
    e = Pair(i, "x")
    print(gc.get_count(), e.args, e)
gc.collect()
# say: super() in ordinary classes: a bound method the first time.
for i in range(3):
    c = Child("c", i)
    print(gc.get_count(), c.show(), c.extra, gc.get_count())
gc.collect()
for i in range(3):
    e = Late(i)
    print(gc.get_count(), e.args)
try:
    raise NodeError("bad", Node("t"))
except AppError as err:
    print("caught", err, err.code, err.node.name, gc.get_count())
print(gc.get_count())
del e, c
print(gc.collect(), gc.get_count())
