class Node
gc.disable()
a = Node()
a.me = a
b = [a]
gc.freeze()
del a, b
gc.collect()
c = Node()
c.me = c
del c
gc.unfreeze()
gc.collect(1)
gc.collect()
