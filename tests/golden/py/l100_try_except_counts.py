"""Raising and catching at the top level

An exception is an object: the exception, its args tuple, a traceback,
and the module's frame object the first traceback makes."""
import gc
import sys

gc.collect()
print(gc.get_count())
a = gc.get_count()
try:
    raise ValueError("x")
except ValueError:
    b = gc.get_count()
c = gc.get_count()
try:
    raise ValueError
except ValueError:
    d = gc.get_count()
e = gc.get_count()
try:
    raise ValueError("x")
except ValueError as err:
    f = gc.get_count()
    print(gc.is_tracked(err), sys.getrefcount(err), err, err.args, err.args[0])
    print(gc.is_tracked(err.args), gc.is_tracked(err.__traceback__))
    print(err.__traceback__.tb_next, err.__context__)
g = gc.get_count()
print(a, b, c, d, e, f, g)
try:
    print(err)
except NameError as missing:
    print("the name is gone:", missing)
try:
    raise KeyError("k", 2)
except (IndexError, KeyError) as err:
    print(err, err.args, isinstance(err, LookupError), isinstance(err, IndexError))
else:
    print("not here")
try:
    pass
except Exception:
    print("not here")
else:
    print("else runs", gc.get_count())
print(gc.get_count())
