"""Every construct of the .py language

One program with each statement and expression gcviz takes."""
import gc
import sys
import weakref

gc.collect()


class Node:
    count = 0
    kind = ("node", 1)

    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt
        Node.count += 1

    def __del__(self):
        print("del", self.value)

    def show(self, prefix="->"):
        print(prefix, f"Node({self.value})", sys.getrefcount(self))
        return self.value


class Special(Node):
    def __init__(self, value):
        Node.__init__(self, value)
        self.tag = "s"


def double(k, m=2):
    return k * m


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


total = 0


def add(v):
    global total
    total += v


# say: build a chain
a = Node(1)
b = Node(2, a)
print(a.show(), b.show("=>"), Node.count, Node.kind, a.kind)
print(sys.getrefcount(a), isinstance(b, Node), len([1, 2, 3]), len("abc"), len({1: 2}))
s = Special(3)
print(s.tag, s.value, isinstance(s, Node), isinstance(a, Special))
items = [a, b, s]
for n in items:
    add(n.value)
print("total", total, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 * -3, double(4), double(4, 3), fact(10))
d = {"x": 1, "y": [1, 2], 3: None}
print(d, (1, 'a', None), [True, "q", "it's"], str(42) + "!", d["x"], d.get("z", 0), 3 in d)
for k in d:
    print("key", k, end=" ")
print()
for i in range(2, 10, 3):
    print(i, sep="", end=",")
print()
for x in (1, 2):
    print(x * 10)
x, y = 1, 2
x, y = y, x
p, q = [5, 6]
print(x, y, p, q, x < y < 3, 1 == 1 and 2 or 3, not [], None is None, a is not b)
i = 0
while True:
    i += 1
    if i == 2:
        continue
    elif i == 5:
        break
    else:
        pass
    print("i", i, sep="=")
L = [3, 1, 2]
L.append(4)
L.insert(0, 9)
L.remove(1)
L.extend([7, 8])
print(L, L.index(2), L.pop(), L.pop(0), 7 in L, 100 not in L)
L[0] += 10
L[1] = "two"
del L[2]
print(L)
d["x"] *= 5
d.pop(3)
print(d, d.pop("nope", "missing"))
w = weakref.ref(a)
print(w is weakref.ref(a), w() is a, gc.is_tracked(a), gc.isenabled())
del a
del items
c = Node(4)
c.next = c
del c
print("collected", gc.collect())
e = f = Node(5)
del e.next
del f
print(e.value, str(e.value) + "!", "ab" * 2)
print("end")
