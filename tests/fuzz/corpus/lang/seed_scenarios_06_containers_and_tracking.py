class Node
gc.disable()
node = Node()
items = [node]
pair = (node, items)
scores = {"ann": 1, "bob": 2}
scores["best"] = node
shape = (scores["ann"], "cm")
gc.collect()
