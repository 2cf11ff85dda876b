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
gc.collect()
y = mk(None)
gc.collect(0)
y.p = y
a = B()
c = a
c.p = y
gc.freeze()
link(y, c)
a.me = None
gc.freeze()
c = 1
y.me = a
log.clear()
y.me = None
del y.me
del y
log.clear()
a.me = c
gc.set_threshold(12, 1, 2)
gc.enable()
e = a.me
log.clear()
del a
gc.set_threshold(10, 2, 2)
log.clear()
gc.collect(2)
gc.disable()
grave.clear()
gc.enable()
gc.collect(0)
a = B()
x = weakref.ref(a)
del e
del a, x
x = {"k": c}
gc.collect(1)
n = gc.collect()
churn()
c = c
