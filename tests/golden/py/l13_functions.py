"""Functions: defaults, return, global, recursion, refcounts in frames"""
import gc
import sys

gc.collect()
calls = 0


class Obj:
    pass


def count_refs(x):
    return sys.getrefcount(x)


def bump(step=1):
    global calls
    calls += step
    return calls


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def make_chain(n):
    head = None
    for i in range(n):
        node = Obj()
        node.next = head
        head = node
    return head


def length(node):
    if node is None:
        return 0
    return 1 + length(node.next)


o = Obj()
print("at top level:", sys.getrefcount(o))
print("inside a function:", count_refs(o))
bump()
bump(5)
print("calls:", bump(), calls)
print(fact(10))
chain = make_chain(6)
print("chain length", length(chain))
del chain
print("nothing to collect:", gc.collect())


def noop():
    pass


print(noop())
