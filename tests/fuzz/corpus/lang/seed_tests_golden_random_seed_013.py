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
log.clear()
b = B()
gc.enable()
gc.collect(1)
y = weakref.ref(b, cb)
b.q = b
e = [b]
b.me = None
del y, b
e.append(None)
a = e[0]
a.q = e
gc.collect(1)
log.clear()
for i in range(4):
 t = F()
 t.p = t
del a
churn()
a = []
a.append(a)
gc.set_threshold(6, 1, 1)
gc.collect(0)
grave.clear()
a.append(None)
x = e.pop()
gc.collect(2)
x = B()
del a
x.p = None
