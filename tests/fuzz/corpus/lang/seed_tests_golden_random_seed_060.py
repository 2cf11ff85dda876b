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
churn()
for i in range(3):
 t = F()
 t.p = t
gc.set_threshold(12, 1, 4)
gc.freeze()
n = gc.collect()
grave.clear()
gc.collect(0)
n = gc.collect()
gc.set_threshold(9, 3, 4)
gc.enable()
a = A()
del a
log.clear()
gc.collect()
gc.collect()
x = mk(None)
x.me = x
gc.collect(0)
b = weakref.ref(x, cb)
del x.me
b = b()
b = chain(2)
gc.unfreeze()
gc.set_threshold(9, 3, 1)
e = b
x.q = b
b = []
del x
for i in range(10):
 t = chain(2)
 b.append(t)
e.me = b
b.append(b)
