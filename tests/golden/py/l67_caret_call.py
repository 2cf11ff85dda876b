"""Carets under calls

An error inside a function shows each frame's call; 3.13 marks the
callee with '~' and the arguments with '^', and leaves the line of
'name = f(...)' and 'return f(...)' without carets."""
import gc
import sys

gc.collect()


class Stack:
    def __init__(self, name):
        self.name = name
        self.items = []

    def __del__(self):
        print("__del__", self.name)


def take(stack):
    return stack.items.pop()


def take_twice(stack):
    first = take(stack)
    return [first, take(stack)]


s = Stack("s")
s.items.append(Stack("inner"))
print(gc.get_count(), sys.getrefcount(s))
got = take_twice(s)
