class Node
gc.disable()
d = {"k": Node()}
x = d["q"]
