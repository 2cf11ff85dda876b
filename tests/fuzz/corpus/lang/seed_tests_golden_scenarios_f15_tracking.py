class Node
gc.disable()
n = 5
e = {}
e1 = {"k": 1}
d = {"k": []}
t = (n, 1)
u = (n, Node())
e1["obj"] = Node()
gc.collect(0)
d["k"] = 1
gc.collect(1)
gc.collect(2)
del e1["obj"]
gc.collect()
