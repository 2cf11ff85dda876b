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
c = mk(None)
c.p = None
b = [c, c]
x = F()
c = mk(b)
b.append(None)
x.q = None
gc.disable()
c.p = b
b.append(c)
b = weakref.ref(x)
for i in range(10):
 t = (i, A())
churn()
del x, b
b = c.p
for i in range(10):
 t = F()
 t.p = t
c.me = None
gc.unfreeze()
b.append(b)
b.pop()
b.append(b)
grave.clear()
del b
d = R()
for i in range(5):
 t = chain(2)
del c, d
gc.collect(0)
a = A()
a.p = a
a.p = a
log.clear()
d = F()
a.q = d
d.me = a
gc.collect(1)
d = {"k": d}
d = {}
del d, a
a = A()
a.me = a
a.me = None
x = a.me
gc.unfreeze()
gc.collect()
b = A()
a = weakref.ref(b, cb)
del b, a
for i in range(12):
 t = A()
 t.me = t
gc.set_threshold(5, 4, 1)
gc.enable()
