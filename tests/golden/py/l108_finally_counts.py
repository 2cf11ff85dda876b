"""finally always runs

After the body, after a handler, and when the exception goes on: then
the exception is handled while the clause runs, and raised again after."""
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def work(fail):
    n = Node("w" + str(fail))
    try:
        if fail:
            raise ValueError("failed " + str(fail))
        print("worked", gc.get_count())
        return n
    finally:
        print("finally", fail, gc.get_count(), sys.getrefcount(n))


gc.collect()
r = work(0)
print(r.name, gc.get_count())
del r
# say: The exception goes through finally, then to the caller's handler.
try:
    work(1)
except ValueError as e:
    print("caught", e, gc.get_count())
print(gc.get_count())
try:
    print("body")
except ValueError:
    print("no")
else:
    print("else")
finally:
    print("finally after else", gc.get_count())
try:
    raise IndexError("i")
except IndexError as e:
    print("handler", e)
finally:
    print("finally after handler", gc.get_count())
print(gc.get_count())
