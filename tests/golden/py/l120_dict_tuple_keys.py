"""Built tuples as dict keys"""
import gc
import sys

gc.collect()

# say: A tuple built at run time is a heap object: the dict holds a reference to it.
x = 1
y = 2
k = (x, y)
print(gc.is_tracked(k), sys.getrefcount(k))
edges = {}
print(gc.is_tracked(edges))
edges[k] = "a-b"
print(gc.is_tracked(edges), sys.getrefcount(k))
# say: An equal tuple finds the same entry; the dict keeps its first key object.
edges[(x, y)] = "b-a"
print(edges, sys.getrefcount(k), len(edges))
print((1, 2) in edges, (2, 1) in edges, edges.get((x, y)), edges.get((y, x), "none"))
print(edges[(1, 2)])
# say: A collection untracks a tuple holding only ints, and a full one the dict.
gc.collect()
print(gc.is_tracked(k), gc.is_tracked(edges))
edges[(y, x)] = "c"
print(gc.is_tracked(edges), len(gc.get_referents(edges)))
grid = {}
for i in range(3):
    for j in range(2):
        grid[(i, j)] = i * j
print(grid)
print(gc.get_count()[0] > 0, gc.is_tracked(grid))
for key in grid:
    print(key, grid[key], sys.getrefcount(key))
for key, value in grid.items():
    if value:
        print(key, value)
del key, value
print(grid.pop((2, 1)), len(grid))
del grid[(0, 0)]
print(grid)
del k
print(sys.getrefcount(list(edges)[0]))
t = (1, "a", (2, None))
d = {t: 1, (1, "a", (2, None)): 2}
print(d, len(d), d[(x, "a", (y, None))])
print(gc.collect())
print(gc.is_tracked(t), gc.is_tracked(d))
