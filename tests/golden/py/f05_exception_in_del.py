"""An exception ignored in __del__ keeps references until it is reported

An exception that leaves a __del__ (or a weakref callback) is reported by
PyErr_WriteUnraisable, on stderr, and then dropped.  Until then it keeps
references: an AttributeError holds the object whose attribute was
missing, and its traceback holds the frame objects of every function it
left, which took over their locals.  The temporaries of each frame die
first, as the exception leaves it."""
import gc
import weakref

gc.collect()
gc.disable()


class Owner:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


def fail(x):
    y = Owner("callee local")
    return x.missing


def deeper(x):
    z = Owner("middle local")
    return fail(x)


class Bad:
    def __init__(self, mode):
        self.mode = mode
        self.field = Owner("field")

    def __del__(self):
        print("Bad.__del__", self.mode)
        o = Owner("del local")
        if self.mode == 1:
            o.missing
        if self.mode == 2:
            fail(Owner("arg"))
        if self.mode == 3:
            [Owner("tmp"), fail(Owner("arg"))]
        if self.mode == 4:
            [Owner("tmp"), Owner("obj").missing]
        if self.mode == 5:
            [Owner("tmp"), deeper(Owner("arg"))]
        if self.mode == 6:
            x = [Owner("in list")][5]
        print("not reached")


def callback(w):
    print("callback")
    local = Owner("callback local")
    [Owner("callback tmp"), fail(Owner("callback arg"))]


for m in [1, 2, 3, 4, 5, 6]:
    b = Bad(m)
    del b
    print("after del", m)

p = Owner("target")
w = weakref.ref(p, callback)
del p
print("after the callback")

c = Bad(5)
c.me = c
del c
print("collected", gc.collect())
