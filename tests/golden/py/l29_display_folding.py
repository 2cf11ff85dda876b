"""Lists the compiler never makes

CPython's compiler turns a list display that a for loop iterates, or that is
the right operand of `in` / `not in`, into a tuple: a constant one when its
items are constants (no object is made at all), else a new tuple. The
operands of a comparison are released left first."""
import gc


class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


gc.collect()
a = 1
x = [1]
print("start", gc.get_count())
for word in ["alpha", "beta"]:
    print(word, gc.get_count())
for v in [a, x]:
    print(v, gc.get_count())
print(5 in [a, x], 2 not in [1, 2], (1, 2) in [(1, 2), 3], gc.get_count())
print("b" in ["a", "b"], [1] in [[1], x], None in [None], gc.get_count())
print(Item("left") is Item("right"))
print(Item("one") == Item("two"), Item("p") in [Item("q")])
print("end", gc.get_count())
