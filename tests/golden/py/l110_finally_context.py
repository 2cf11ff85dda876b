"""An exception raised in finally

It gets the exception that was going through as __context__; uncaught,
both tracebacks are printed."""
import gc


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def close(n):
    try:
        raise ValueError("while working on " + n.name)
    finally:
        print("closing", n.name)
        raise RuntimeError("close failed")


gc.collect()
try:
    close(Node("a"))
except RuntimeError as e:
    print(e, type(e.__context__).__name__, e.__context__, gc.get_count())
print(gc.get_count())
try:
    close(Node("b"))
finally:
    print("last finally", gc.get_count())
