import gc
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []


# The built-ins len and abs as values: key=len sorts by length, calling
# the built-in on each item (CALL_BUILTIN_O: no argument tuple, nothing
# counted in gc.get_count()).
root = Node("root")
for i in range(4):
    child = Node("c" + str(i))
    for j in range(i % 3):
        child.children.append(Node("leaf"))
    root.children.append(child)
groups = [c.children for c in root.children]
print([len(g) for g in groups], gc.get_count())
by_size = sorted(groups, key=len)
print([len(g) for g in by_size], gc.get_count())
groups.sort(key=len, reverse=True)
print([len(g) for g in groups], gc.get_count())
size = len
print(size(root.children), size, type(size).__name__, size is len)
print(sorted([5, -9, 2, -1], key=abs))
kinds = {len: "length", abs: "magnitude"}
print(kinds[size], gc.is_tracked(kinds), gc.get_count())
del root, child, groups, by_size
print(gc.collect(), gc.get_count())
print(sorted(["ab", 3, "c"], key=len))
