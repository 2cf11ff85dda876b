# Slices: a[i:j], a[i:j:k], a[:] (a new list: a GC allocation unless the
# list free list has one), t[i:j] (a new tuple; t[:] is t itself), s[i:j]
# (strings are not GC objects); a[i:j] = ..., a[::k] = ..., del a[i:j]
# (the items replaced are released after the list is changed: last first
# for a plain slice, first first for an extended one).
import gc


class Node:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def names(lst):
    out = ""
    for x in lst:
        out = out + str(x.n) + " "
    return out


gc.disable()
gc.collect()
a = []
for i in range(8):
    a.append(Node(i))
c0 = gc.get_count()[0]
b = a[:]
c1 = gc.get_count()[0]
print("copy:", len(b), b is a, "allocated", c1 - c0)
c0 = gc.get_count()[0]
c = a[2:5]
d = a[::3]
e = a[::-2]
c1 = gc.get_count()[0]
print("slices allocated", c1 - c0)
print(names(c), "|", names(d), "|", names(e))
print(len(a[5:2]), len(a[-3:]), len(a[:-10]), len(a[100:]), len(a[-100:3]))
del b, c, d, e
print("del a[1:3]")
del a[1:3]
print(names(a))
print("a[0:2] = three new")
a[0:2] = [Node(10), Node(11), Node(12)]
print(names(a))
print("a[::2] = four new")
a[::2] = [Node(20), Node(21), Node(22), Node(23)]
print(names(a))
print("del a[::-3]")
del a[::-3]
print(names(a))
c0 = gc.get_count()[0]
a[:] = a
c1 = gc.get_count()[0]
print("a[:] = a:", names(a), "allocated", c1 - c0)
a[1:1] = (Node(30), Node(31))
print(names(a))
a[-1:] = []
print(names(a))
print("a[:] = []")
a[:] = []
print("cleared", len(a))
t = (1, 2, 3, 4)
c0 = gc.get_count()[0]
u = t[1:3]
v = t[:]
w = t[3:1]
c1 = gc.get_count()[0]
print(u, v is t, w, "allocated", c1 - c0)
print(t[::-1], t[5:], len(t), t[0], t[-1], t[-2:][0])
s = "héllo wörld"
print(s[1:4], s[::-1], s[-3:], len(s), s[1], s[::2], s[20:] == "")
print(gc.collect())
