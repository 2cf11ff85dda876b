class Node
gc.disable()
a = Node()
b = Node()
a.peer = b
b.peer = a
del a, b
me = Node()
me.myself = me
del me
loop = []
loop.append(loop)
del loop
gc.collect()
