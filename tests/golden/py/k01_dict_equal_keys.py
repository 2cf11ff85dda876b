"""Dict keys compare with ==: True is 1 and False is 0 (equal hashes).

A store to a key equal to one already there keeps the key object that was
there first and replaces the value; a lookup, a del, pop and get find the
equal key, in every way a dict is written or read."""
import gc

gc.collect()


class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


d = {1: "a"}
d[True] = "b"
print(d)
print(d[True], d[1], True in d, 1 in d)
d[False] = "z"
print(d[0], d)
del d[True]
print(d)
print(d.pop(0), d)
d = {1: "x", True: "y", 0: "p", False: "q"}
print(d)
print(d.get(True), d.get(False), d.pop(True, "none"), d.pop(True, "none"))
e = {True: "x"}
e[1] += "!"
print(e)
print({1: 2} == {True: 2}, {0: 1} == {False: 1}, {True: [1]} == {1: [1]})
f = {}
for k in [1, True, 0, False]:
    f[k] = k * 2
print(f)
big = {0: "a", 1: "b", 2: "c", 3: "d", 4: "e", 5: "f", 6: "g", 7: "h", 8: "i",
       9: "j", 10: "k", 11: "l", 12: "m", 13: "n", 14: "o", 15: "p", 16: "q",
       True: "T", False: "F"}
print(len(big), big[0], big[1])
g = {1: V(1)}
g[True] = V(2)
print("stored")
del g[True]
print("deleted", g)
g = {False: V(3)}
g[0] = V(4)
print(g.pop(0).n)
h = {True: V(5), 1: V(6)}
print("displayed", len(h), h[1].n)
del h
print("end")
