class Node
gc.disable()
keep = []
for i in range(200):
 keep.append(Node())
gc.collect()
gc.set_threshold(30, 10, 10)
gc.enable()
for i in range(150):
 temp = Node()
 temp.me = temp
gc.collect()
