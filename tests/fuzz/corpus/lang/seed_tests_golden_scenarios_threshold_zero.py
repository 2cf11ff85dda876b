class Node
gc.set_threshold(0)
for i in range(50):
 t = Node()
 t.me = t
gc.collect()
