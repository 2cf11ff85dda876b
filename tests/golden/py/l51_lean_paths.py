"""Names, attributes, class calls and list.append as `gcviz run` takes them
in a lean run: what the results and every count must stay through rebinding,
deletion, shadowing and finalizers that run in the middle of a statement."""
import gc; gc.collect()
import sys


class Node:
    pass


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Base:
    kind = "base"


class Child(Base):
    pass


class Counted:
    def __init__(self):
        print("Counted.__init__")


class Sub(Counted):
    pass


class Bag:
    def append(self, x):
        print("Bag.append", x)


# names and instance attributes
a = Node()
a.x = 1
b = a.x
print("a.x", b, sys.getrefcount(a))
a.x = a
c = a.x
print("a.x is a", c is a, sys.getrefcount(a))
del c

# a class attribute, then an instance attribute that shadows it
ch = Child()
k = ch.kind
print("ch.kind", k)
ch.kind = "own"
k = ch.kind
print("ch.kind", k, "Child.kind", Child.kind)
del ch.kind
k = ch.kind
print("ch.kind again", k)

# a class whose __init__ is inherited, then a name rebound to other classes
s = Sub()
Maker = Node
m = Maker()
print("made", isinstance(m, Node), gc.get_count()[0] > 0)
Maker = Sub
m = Maker()
print("made", isinstance(m, Sub))
Maker = Loud
del m

# list.append of names: objects, an int, the list itself; and a Bag's append
lst = []
v = 7
lst.append(v)
lst.append(a)
lst.append(lst)
print("lst", len(lst), sys.getrefcount(lst), sys.getrefcount(a))
bag = Bag()
bag.append(v)
lst = bag
lst.append(v)


# a function: locals, a global store, a loop variable
def walk(count):
    global last
    head = Node()
    node = head
    for i in range(count):
        node.next = Node()
        node = node.next
        node.i = i
    last = node
    j = last.i
    return j


print("walk", walk(5), last.i)


# a finalizer that unbinds the owner while its attribute is replaced: the
# store still holds the owner, which dies after the store
class Unbinder:
    def __del__(self):
        global holder
        print("Unbinder.__del__ deletes holder")
        del holder
        print("Unbinder.__del__ done")


holder = Loud("holder")
holder.slot = Unbinder()
holder.slot = 1
print("after the store")


# a finalizer that rebinds the target while the value is being made
class Rebinder:
    def __del__(self):
        global target
        print("Rebinder.__del__ rebinds target")
        target = Loud("from Rebinder")


target = Rebinder()
target = Node()
print("target is a Node", isinstance(target, Node))

# more attributes than the shared keys hold: the instance gets a dict
w = Node()
w.a00 = 0
w.a01 = 1
w.a02 = 2
w.a03 = 3
w.a04 = 4
w.a05 = 5
w.a06 = 6
w.a07 = 7
w.a08 = 8
w.a09 = 9
w.a10 = 10
w.a11 = 11
w.a12 = 12
w.a13 = 13
w.a14 = 14
w.a15 = 15
w.a16 = 16
w.a17 = 17
w.a18 = 18
w.a19 = 19
w.a20 = 20
w.a21 = 21
w.a22 = 22
w.a23 = 23
w.a24 = 24
w.a25 = 25
w.a26 = 26
w.a27 = 27
w.a28 = 28
w.a29 = 29
w.a30 = 30
w.a31 = 31
x = w.a31
y = w.a00
w.a00 = w
print("w", x, y, gc.get_count())

# automatic collections while a loop makes cycles
for i in range(3000):
    t = Node()
    t.me = t
print("loop", gc.get_count())

# a name deleted, then read for an attribute: NameError
del a
b = a.x
