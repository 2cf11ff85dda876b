class Node
keep = []
gc.set_threshold(5, 2, 2)
for i in range(30):
 keep.append(Node())
for i in range(30):
 keep.append(Node())
for i in range(30):
 keep.append(Node())
