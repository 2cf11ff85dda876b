"""gc.freeze: objects moved out of the collector's reach"""
import gc

gc.collect()
base = gc.get_freeze_count()


class Node:
    pass


a = Node()
a.me = a
b = Node()
b.me = b
gc.freeze()
# say: freeze() moves every tracked object, the interpreter's own too.
print("something frozen:", gc.get_freeze_count() > base)
del a
print("frozen cycle not collected:", gc.collect())
c = Node()
c.me = c
del c
print("young cycle collected:", gc.collect())
gc.unfreeze()
print("after unfreeze:", gc.get_freeze_count())
print("now the old cycle goes:", gc.collect())
print(gc.is_tracked(b))
