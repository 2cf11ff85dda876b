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
gc.disable()
y = churn()
a = y
log.clear()
c = a
log.clear()
a = A()
y.pop()
for i in range(6):
 t = A()
 t.me = t
 y.append(t)
y = a
gc.set_threshold(4, 1, 4)
b = A()
b = None
gc.collect(2)
gc.freeze()
a.me = None
y = weakref.ref(y, cb)
del c
e = B()
d = B()
d = y()
log.clear()
for i in range(2):
 t = F()
 t.p = t
del d
b = weakref.ref(a)
