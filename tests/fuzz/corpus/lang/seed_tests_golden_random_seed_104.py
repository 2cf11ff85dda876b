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
log.clear()
gc.set_threshold(3, 3, 3)
churn()
b = mk(None)
b = weakref.ref(b)
gc.collect(2)
x = B()
a = B()
link(x, a)
del a, x
gc.disable()
gc.freeze()
del b
gc.collect(0)
