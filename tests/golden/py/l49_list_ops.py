# + and * of lists and tuples (a new list: a GC allocation unless the free
# list has one; t + () and t * 1 are t itself, an empty result the empty
# tuple), += and *= on a list (the same list, extended, or cleared last
# first by *= 0), + and * of strings.
import gc


class Node:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


gc.disable()
gc.collect()
a = [Node(0), Node(1)]
b = [Node(2)]
c0 = gc.get_count()[0]
c = a + b
d = b * 3
e = 2 * b
f = a * 0
g = [None] * 5
c1 = gc.get_count()[0]
print(len(c), len(d), len(e), len(f), len(g), "allocated", c1 - c0)
t = (1, 2)
u = t + (3,)
v = t + ()
w = () + t
x = t * 1
y = t * 0
z = (Node(5),) * 2
print(u, v is t, w is t, x is t, y, len(z))
h = a
a += b
print(h is a, len(a))
a += (Node(3), Node(4))
print(len(a))
a *= 2
print(len(a), h is a)
del c, d, e, z
print("dropped")
a *= 0
print("emptied", len(a), h is a)
s = "ab" + "c"
print(s * 2, 3 * "x")
print(gc.collect())
