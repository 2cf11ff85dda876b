"""Exception classes of your own

A class derived from Exception is an exception: raise it, catch it by
its class or a base class; its args tuple, and a __dict__ made by the
first attribute its __init__ sets."""
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class AppError(Exception):
    """Something in the app went wrong."""

    code = 1


class NodeError(AppError):
    code = 2

    def __init__(self, msg, node):
        AppError.__init__(self, msg)
        self.node = node

    def describe(self):
        return "node " + self.node.name


class MissingKey(KeyError):
    pass


gc.collect()
print(gc.get_count())
# say: An exception object: tracked, holding its args tuple.
e = AppError("plain")
print(gc.get_count(), gc.is_tracked(e), sys.getrefcount(e), e.args, e, e.code)
print(gc.get_referents(e))
del e
print(gc.get_count())
# say: Setting an attribute makes the exception's __dict__.
n = Node("a")
e = NodeError("bad node", n)
print(gc.get_count(), e.args, e.code, e.describe(), sys.getrefcount(n))
print(len(gc.get_referents(e)), isinstance(e, AppError), isinstance(e, Exception))
del n
# pause
del e
print(gc.get_count())
try:
    raise NodeError("boom", Node("b"))
except AppError as err:
    print("caught", err, type(err).__name__, err.code, gc.get_count())
print(gc.get_count())
try:
    raise MissingKey("k")
except LookupError as err:
    print("lookup", err, err.args, [err])
try:
    raise AppError
except Exception as err:
    print([err], err.args, gc.get_count())
try:
    raise NodeError("not caught here", Node("c"))
except (ValueError, MissingKey):
    print("no")
except NodeError as err:
    print("second clause", err.node.name)
print(gc.get_count())
