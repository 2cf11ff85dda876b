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
d = mk(None)
c = A()
e = weakref.ref(c, cb)
e = F()
y = weakref.ref(e)
d = weakref.ref(c, cb)
b = weakref.ref(e, cb)
del y, d
churn()
c.me = c
e.me = b
del c
b = 1
log.clear()
e.me = None
a = [e, b, e]
y = weakref.ref(e, cb)
gc.set_threshold(12, 3, 3)
del e.me
b = y()
del e
grave.clear()
c = chain(4)
