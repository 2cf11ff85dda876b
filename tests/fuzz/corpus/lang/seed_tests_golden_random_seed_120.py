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
x = mk(None)
b = x
x.p = b
x.p = b
n = gc.collect()
del b.p
e = weakref.ref(b)
gc.collect(2)
del e
b = [b, b, b]
gc.collect(2)
b = b.pop()
gc.collect(0)
del b, x
d = mk(None)
log.clear()
d.me = d
del d.me
d.p = d
del d
gc.collect(1)
for i in range(12):
 t = F()
 t.p = t
gc.collect(0)
grave.clear()
d = mk(None)
for i in range(5):
 t = mk(None)
 t.peer = t
log.clear()
x = weakref.ref(d, cb)
e = weakref.ref(d)
d = e()
y = F()
d = e()
gc.collect(2)
b = x
d = b()
y.me = None
for i in range(3):
 t = mk(None)
 t.peer = t
d = A()
c = mk(y)
b = b()
gc.set_threshold(3, 1, 2)
gc.enable()
c.p = d
for i in range(5):
 t = F()
 t.p = t
