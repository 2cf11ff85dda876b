#3.13
class Node
d = {"k\"": None}
d["A"] = Node()
x = 1
