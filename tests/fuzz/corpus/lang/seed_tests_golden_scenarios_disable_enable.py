class Node
gc.set_threshold(3, 10, 10)
gc.disable()
for i in range(10):
 t = Node()
 t.me = t
n = gc.collect(0)
for i in range(10):
 t = Node()
 t.me = t
gc.enable()
for i in range(10):
 t = Node()
 t.me = t
