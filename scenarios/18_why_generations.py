"""A larger heap: why generations pay off

Most objects die young, while a few live long. Here 200 long-lived Nodes sit
in generation 2 while a loop makes 150 short-lived cycles: each automatic
young collection scans only about 30 objects and frees almost all of them,
never touching the 200."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self):
        self.me = None


# say: A list for the long-lived objects.
keep = []
# say: 200 long-lived Nodes.
for i in range(200):
    keep.append(Node())
# pause
# say: A full collection scans the list and its 200 Nodes, and frees nothing.
print(gc.collect())
# say: Collect generation 0 after 30 new objects.
gc.set_threshold(30, 10, 10)
# say: Automatic collection on.
gc.enable()
# pause
# say: Short-lived cycles: each gen-0 collection scans ~30 objects, not 200+.
for i in range(150):
    temp = Node()
    temp.me = temp
# pause
# say: A full collection frees the garbage the young collections left.
print(gc.collect())
