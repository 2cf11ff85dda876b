"""What class and def statements cost the collector

A class statement allocates GC objects of the interpreter's own (the class,
its namespace, tuples, the functions of its methods): count[0] grows though
the program made no object of its own yet."""
import gc

gc.collect()
gc.disable()
n = gc.get_count()[0]


class Empty:
    pass


print("empty class:", gc.get_count()[0] - n)
n = gc.get_count()[0]


class OneMethod:
    def m(self):
        return 1


print("one method:", gc.get_count()[0] - n)
n = gc.get_count()[0]


class TwoMethods:
    kind = "two"

    def __init__(self):
        self.x = 1

    def m(self):
        return 2


print("class attribute and two methods:", gc.get_count()[0] - n)
n = gc.get_count()[0]


class Derived(OneMethod):
    pass


print("subclass:", gc.get_count()[0] - n)
n = gc.get_count()[0]


class DerivedMethod(TwoMethods):
    def m(self):
        return 3


print("subclass with a method:", gc.get_count()[0] - n)
n = gc.get_count()[0]


def f(a, b):
    return a + b


print("def:", gc.get_count()[0] - n)
n = gc.get_count()[0]


def g(a, b=1, c=None):
    return a


print("def with defaults:", gc.get_count()[0] - n)
n = gc.get_count()[0]
x = DerivedMethod()
print("an instance:", gc.get_count()[0] - n)
