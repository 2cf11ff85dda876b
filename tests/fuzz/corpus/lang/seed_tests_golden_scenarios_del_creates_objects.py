class Node
class Maker:
 keep.append([Node()])
gc.disable()
keep = []
a = Maker()
a.me = a
del a
gc.collect()
gc.collect(0)
