"""Big dicts keep their insertion order

Dicts of a few hundred keys (ints, strings, None and bools) filled, read,
overwritten, deleted from the front, the middle and the end, filled again,
popped and cleared: the order of the keys is the order they were first
inserted in, a deleted key inserted again goes to the end, and the values
are objects whose counts show every reference the dicts hold. An instance
with more than thirty attributes keeps them in a dict of its own."""
import gc
import sys

gc.collect()


class Box:
    def __init__(self, n):
        self.n = n


class Wide:
    def __init__(self):
        self.a0 = 0
        self.a1 = 1
        self.a2 = 2
        self.a3 = 3
        self.a4 = 4
        self.a5 = 5
        self.a6 = 6
        self.a7 = 7
        self.a8 = 8
        self.a9 = 9
        self.b0 = 10
        self.b1 = 11
        self.b2 = 12
        self.b3 = 13
        self.b4 = 14
        self.b5 = 15
        self.b6 = 16
        self.b7 = 17
        self.b8 = 18
        self.b9 = 19
        self.c0 = 20
        self.c1 = 21
        self.c2 = 22
        self.c3 = 23
        self.c4 = 24
        self.c5 = 25
        self.c6 = 26
        self.c7 = 27
        self.c8 = 28
        self.c9 = 29
        self.d0 = 30
        self.d1 = 31
        self.d2 = 32
        self.d3 = 33
        self.d4 = 34


def head(keys, n):
    out = []
    for k in keys:
        if len(out) == n:
            break
        out.append(k)
    return out


def tail(keys, n):
    out = []
    for k in keys:
        out.append(k)
        if len(out) > n:
            out.pop(0)
    return out


d = {}
for i in range(300):
    d[i * 7919 % 1000] = i
print(len(d), d[0], d[7919 % 1000], d[299 * 7919 % 1000], 5 in d, 919 in d, 1000 in d)
for i in range(0, 300, 3):
    del d[i * 7919 % 1000]
print(len(d), head(d, 6), tail(d, 3))
for i in range(0, 300, 6):
    d[i * 7919 % 1000] = -i
print(len(d), tail(d, 5), d.get(0), d.get(1, "none"), d.get(999))
total = 0
for k in d:
    total += d[k]
print("total:", total)
while len(d) > 10:
    first = head(d, 1)[0]
    del d[first]
print(d)
s = {}
for i in range(120):
    s["k" + str(i)] = Box(i)
b = s["k17"]
print(sys.getrefcount(b), s["k119"].n, "k5" in s, "x" in s, s.get("k64").n)
s["k17"] = Box(-17)
print(sys.getrefcount(b), s["k17"].n, head(s, 19).pop(), tail(s, 2))
gone = s.pop("k60")
print(gone.n, sys.getrefcount(gone), "k60" in s, len(s))
s["k60"] = gone
print(tail(s, 2), sys.getrefcount(gone))
del gone
for i in range(0, 120, 2):
    del s["k" + str(i)]
print(len(s), head(s, 4), s["k61"].n)
s.clear()
print(len(s), sys.getrefcount(b))
m = {}
for i in range(2, 40):
    m[i] = i
m[None] = "none"
m[True] = "one"
m[False] = "zero"
m["x"] = "str"
print(len(m), m[None], m[2], m[True], m["x"], 1 in m, 0 in m, 40 in m, None in m, m.get(1))
for i in range(2, 40):
    m[i] = m[i] * 2
print([m[2], m[3], m[39]], tail(m, 4))
w = Wide()
print(w.a0, w.b5, w.d4, w.c9)
w.d4 = Box(44)
w.e0 = "new"
del w.a3
print(w.d4.n, w.e0, w.a4, gc.is_tracked(w))
t = 0
for i in range(50):
    t += w.c0 + w.d3
print(t)
del w
print(gc.collect())
