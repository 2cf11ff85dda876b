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
b = R()
gc.set_threshold(4, 2, 2)
for i in range(5):
 t = B()
 u = [t]
 t.q = u
for i in range(7):
 t = F()
 t.p = t
gc.unfreeze()
log.clear()
x = F()
y = x
for i in range(7):
 t = mk(None)
 t.peer = t
y = b
c = weakref.ref(b, cb)
for i in range(9):
 t = mk(None)
 t.peer = t
grave.clear()
log.clear()
y.q = x
del y, b
y = R()
e = F()
y.q = x
link(x, y)
