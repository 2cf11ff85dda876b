"""An exception raised while handling another

The new exception's __context__ is the one being handled: the traceback
prints both."""
import gc

d = {}


def g(x):
    y = [x]
    return d[x]


def f():
    try:
        g("k")
    except KeyError as e:
        raise ValueError("bad key: " + str(e))


gc.collect()
try:
    f()
except ValueError as err:
    print(err, type(err.__context__).__name__, err.__context__)
print(gc.get_count())
try:
    f()
except IndexError:
    print("no")
