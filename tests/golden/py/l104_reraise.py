"""Raising again

A bare raise in an except clause raises the exception being handled, with
the traceback it had; a clause that does not match lets it go on."""
import gc


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def inner():
    n = Node("inner")
    raise RuntimeError("deep")


def middle():
    m = Node("middle")
    try:
        inner()
    except ValueError:
        print("not here")


def outer():
    try:
        middle()
    except RuntimeError as e:
        print("outer saw", e, gc.get_count())
        raise


gc.collect()
try:
    outer()
except RuntimeError:
    print("top caught", gc.get_count())
print(gc.get_count())
outer()
