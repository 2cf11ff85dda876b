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
b = mk(None)
del b
y = B()
gc.disable()
gc.set_threshold(2, 4, 1)
y.p = None
a = R()
y = weakref.ref(a)
gc.collect(0)
b = y()
y = y
churn()
a = B()
d = mk(a)
d.me = b
x = {"k": d}
a.me = None
