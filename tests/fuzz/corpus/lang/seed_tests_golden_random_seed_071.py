class A
class B
class F:
 self.a = None
class R:
 grave.append(self)
def mk(x):
 o = A()
 o.peer = x
 return o
def link(a, b):
 a.next = b
 b.prev = a
def chain(n):
 h = None
 for i in range(n):
  nd = B()
  nd.next = h
  h = nd
 return h
def churn():
 t = A()
 t.me = t
 keep = [t]
 t = None
 return keep
def cb(r):
 log.append(r)
grave = []
log = []
b = A()
del b
log.clear()
a = A()
gc.set_threshold(10, 3, 3)
c = 1
a.p = c
for i in range(11):
 t = {"k": B()}
y = a.p
del y
a.q = c
gc.collect(1)
del a.q
x = weakref.ref(a, cb)
gc.disable()
del x, a
gc.enable()
for i in range(9):
 t = A()
 t.me = t
for i in range(7):
 t = chain(2)
gc.set_threshold(12, 3, 3)
y = F()
e = chain(4)
x = weakref.ref(y)
del x
for i in range(6):
 t = chain(2)
a = c
y.p = y
c = B()
log.clear()
del e, a
e = weakref.ref(y)
grave.clear()
for i in range(3):
 t = (i, A())
