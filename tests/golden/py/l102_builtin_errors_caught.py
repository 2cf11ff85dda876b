"""Catching the errors of gcviz's own operations

KeyError, IndexError, ZeroDivisionError, AttributeError, TypeError and
NameError, caught by their class, a base class, a tuple or a bare except."""
import gc


class Box:
    pass


def div(a, b):
    return a // b


gc.collect()
box = Box()
d = {"a": 1}
items = [1, 2]
for i in range(3):
    try:
        print(d["b"])
    except LookupError as e:
        print("lookup", e, gc.get_count())
    try:
        items[5]
    except IndexError as e:
        print("index", e)
    try:
        div(1, 0)
    except ArithmeticError as e:
        print("arith", e, gc.get_count())
    try:
        box.size
    except AttributeError as e:
        print("attr", e)
    try:
        len(5)
    except (ValueError, TypeError) as e:
        print("type", e)
    try:
        nothing
    except:
        print("bare")
    try:
        items.pop(7)
    except Exception as e:
        print(type(e).__name__, e, gc.get_count())
print(gc.get_count())
print("collected", gc.collect(), gc.get_count())
