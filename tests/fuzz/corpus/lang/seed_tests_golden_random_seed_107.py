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
churn()
gc.collect(1)
c = A()
b = weakref.ref(c)
gc.set_threshold(5, 3, 4)
y = F()
log.clear()
for i in range(8):
 t = B()
 u = [t]
 t.q = u
n = gc.collect()
grave.clear()
gc.collect(0)
gc.collect()
gc.unfreeze()
c = F()
y.me = None
del c
del y.me
n = gc.collect()
log.clear()
y.q = y
del b
y.p = y
y.p = None
x = y
del x
gc.freeze()
a = weakref.ref(y)
churn()
