"""raise ... from: the cause of an exception

raise X from Y sets X.__cause__ (and __suppress_context__); from None
hides the exception being handled.  The cause is held by the new
exception, and with it its traceback and the frames it passed."""
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class ConfigError(Exception):
    pass


def load(d, key):
    node = Node("local " + key)
    try:
        return d[key]
    except KeyError as err:
        raise ConfigError("missing " + key) from err


gc.collect()
print(gc.get_count())
# say: The KeyError becomes the ConfigError's __cause__ (and its __context__).
try:
    load({"a": 1}, "b")
except ConfigError as e:
    print(gc.get_count(), e, [e.__cause__], e.__cause__ is e.__context__)
    print(e.__suppress_context__, len(gc.get_referents(e)), sys.getrefcount(e.__cause__))
    saved = e.__cause__
print(gc.get_count())
# pause
del saved
print(gc.get_count())
# say: from None: no cause, the context suppressed (but still there).
try:
    try:
        1 // 0
    except ZeroDivisionError:
        raise ValueError("no") from None
except ValueError as e:
    print(e.__cause__, [e.__context__], e.__suppress_context__, gc.get_count())
print(gc.get_count())
cause = KeyError("k")
try:
    raise ValueError("v") from cause
except ValueError as e:
    print(e.__cause__ is cause, e.__context__, e.__suppress_context__, sys.getrefcount(cause))
print(sys.getrefcount(cause), cause.__traceback__, gc.get_count())
# say: A class as the cause is called: KeyError().
try:
    raise ValueError("v") from KeyError
except ValueError as e:
    print([e.__cause__], e.__cause__.__traceback__, e.__context__, gc.get_count())
print(gc.get_count())
e = ValueError("x")
print(e.__cause__, e.__suppress_context__, e.__context__)
try:
    raise ValueError("w") from 5
except TypeError as t:
    print(t, t.__context__, t.__cause__, gc.get_count())
try:
    raise ConfigError from ConfigError("inner")
except Exception as err:
    print([err], [err.__cause__], gc.get_count())
del e, cause
print(gc.collect(), gc.get_count())
