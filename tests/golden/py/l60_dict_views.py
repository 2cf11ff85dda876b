"""Dict views and enumerate

d.items(), d.keys(), d.values() and enumerate(x) in for loops and
comprehensions: a view or an enumerate object, an iterator, and for items()
and enumerate a result tuple that is reused while nothing else holds it."""
import gc
import sys

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


d = {"a": Obj("a"), "b": Obj("b"), "c": Obj("c")}
before = gc.get_count()
for k, v in d.items():
    rc_v = sys.getrefcount(v)
    rc_d = sys.getrefcount(d)
    during = gc.get_count()
after = gc.get_count()
print(before, during, after, rc_v, rc_d, k, v.name)
gc.collect()
# say: keys() and values() make no result tuple.
for k in d.keys():
    during = gc.get_count()
for v in d.values():
    rc_v = sys.getrefcount(v)
print(during, gc.get_count(), rc_v, v.name)
del k, v
# say: A loop variable holding the item: a new tuple each time.
kept = []
for item in d.items():
    kept.append(item)
print(len(kept), kept[0][0], kept[2][1].name, sys.getrefcount(kept[1]))
del item
kept.clear()
print("kept cleared", sys.getrefcount(d["a"]))
# say: Replacing a value in the loop: the old one lives on in v and the tuple.
for k, v in d.items():
    d[k] = Obj(k + "2")
    print("replaced", k)
print("after the loop", k, v.name)
del k, v
gc.collect()
nums = {1: 10, 2: 20, 3: 30}
for k, v in nums.items():
    n = gc.collect()
print("collected in the loop:", n, gc.get_count())
objs = [Obj("x"), Obj("y"), Obj("z")]
before = gc.get_count()
for i, o in enumerate(objs):
    rc_o = sys.getrefcount(o)
    rc_objs = sys.getrefcount(objs)
    during = gc.get_count()
after = gc.get_count()
print(before, during, after, rc_o, rc_objs, i, o.name)
for i, o in enumerate(objs, 10):
    if i == 11:
        objs.pop()
        print("popped at", i, o.name)
print("enumerate done", i, o.name, len(objs))
del i, o
gc.collect()
print([k for k, v in d.items()], [v.name for v in d.values()])
names = {k: v.name for k, v in d.items() if k != "b"}
print(names, [(i, k) for i, k in enumerate(d, 1)])
print([(i, o.name) for i, o in enumerate(objs)], gc.get_count())
for i, t in enumerate((5, 6)):
    for k, v in nums.items():
        last = (i, t, k, v)
print(last, sys.getrefcount(nums))
# say: Deleting a key while iterating: RuntimeError at the next step.
for k, v in d.items():
    if k == "b":
        del d[k]
        print("deleted", k)
print("not reached")
