class Node
gc.set_threshold(4, 3, 3)
keep = []
for i in range(20):
 t = (i, Node())
 l = [t]
 d = {"k": l}
 keep.append(d)
for i in range(20):
 x = [Node()]
 x.append(x)
gc.disable()
gc.collect()
