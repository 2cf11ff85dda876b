import gc
gc.collect()


# CPython 3.12's str has no vectorcall: the first time a call site runs
# str(x), _PyObject_MakeTpCall packs x in a 1-tuple (a new one when the free
# list of 1-tuples is empty, as at start and after a full collection), and
# from the second time on the site is specialized and makes none.  3.13's
# str is called without a tuple.
class A:
    pass


c0 = gc.get_count()
s = str(A())
c1 = gc.get_count()
s = str(5)
c2 = gc.get_count()
print(c0, c1, c2, s)


def show(x):
    return "<" + str(x) + ">"


counts = []
for i in range(4):
    gc.collect()
    c0 = gc.get_count()
    s = show(i)
    counts.append((c0, gc.get_count(), s))
print(counts)
gc.collect()
c0 = gc.get_count()
s = str([1, 2])
print(c0, gc.get_count(), s)
gc.collect()
c0 = gc.get_count()
s = str((1, 2)) + str(None)
print(c0, gc.get_count(), s)
gc.collect()
c0 = gc.get_count()
print(str(7), gc.get_count())
print(c0, gc.get_count())
