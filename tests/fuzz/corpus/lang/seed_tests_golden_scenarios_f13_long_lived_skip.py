class Node
gc.disable()
keep = []
for i in range(400):
 keep.append(Node())
gc.collect()
gc.set_threshold(10, 2, 2)
gc.enable()
for i in range(150):
 t = Node()
 t.me = t
for i in range(150):
 t = Node()
 t.me = t
more = []
for i in range(150):
 more.append(Node())
