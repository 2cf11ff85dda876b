# list.count, list.copy (a new list, as a[:]), tuple.count and tuple.index
# (a constant tuple too), and the ValueError of a missing item.
import gc

gc.collect()


class Node:
    pass


n = Node()
a = [1, 2, n, 2, n]
t = (1, 2, 2, 3)
u = (n, n, 1)
print(a.count(2), a.count(n), a.count(7), t.count(2), u.count(n), t.index(3), u.index(1))
c0 = gc.get_count()[0]
b = a.copy()
c1 = gc.get_count()[0]
print(len(b), b is a, b[2] is n, c1 - c0)
print(t.index(9))
