"""Reference counts, one name at a time

sys.getrefcount shows ob_refcnt plus one for its own argument."""
import gc
import sys

gc.collect()


class Box:
    pass


# say: One object, one name: getrefcount says 2 (its argument adds one).
a = Box()
print("a:", sys.getrefcount(a))
# say: A second name for the same object.
b = a
print("a and b:", sys.getrefcount(a))
# say: A list slot is a reference too.
holder = [a, a, a]
print("in a list three times:", sys.getrefcount(a))
holder.pop()
print("after pop:", sys.getrefcount(a))
del b
print("after del b:", sys.getrefcount(a))
holder.clear()
print("after clear:", sys.getrefcount(a), len(holder))
c = Box()
a.other = c
print("c via a.other:", sys.getrefcount(c))
del a
# pause
print("a deleted, c now:", sys.getrefcount(c))
print("end")
