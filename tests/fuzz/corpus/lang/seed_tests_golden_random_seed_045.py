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
a = A()
gc.set_threshold(12, 1, 1)
gc.enable()
x = R()
del x
a.me = a
n = gc.collect()
log.clear()
gc.disable()
c = (a, 1)
for i in range(6):
 churn()
for i in range(11):
 t = (i, A())
del c
grave.clear()
d = a
a = F()
d = weakref.ref(d, cb)
del d
e = {"k": a}
for i in range(2):
 churn()
for i in range(8):
 t = mk(None)
 t.peer = t
gc.collect()
gc.unfreeze()
y = e
del a, e
log.clear()
gc.collect()
gc.collect(1)
gc.enable()
