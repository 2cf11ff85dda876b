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
grave.clear()
y = R()
gc.freeze()
x = weakref.ref(y, cb)
y.me = x
b = weakref.ref(y, cb)
y = B()
y.q = x
y.q = None
gc.collect(1)
for i in range(2):
 churn()
a = B()
e = weakref.ref(a, cb)
del y.q
y = e()
c = x
log.clear()
a.p = None
grave.clear()
gc.collect(1)
gc.unfreeze()
gc.enable()
gc.collect(0)
log.clear()
e = weakref.ref(a)
e = mk(b)
c = weakref.ref(a, cb)
link(a, e)
gc.collect()
e.p = y
e = b()
for i in range(6):
 t = B()
 u = [t]
 t.q = u
del x
del a.p
a = weakref.ref(a)
del y
a = c()
grave.clear()
a = F()
del e
y = c
a = b()
del y
c = b()
gc.collect(1)
b = (b, b)
del a, c
for i in range(3):
 t = mk(None)
 t.peer = t
del b
for i in range(8):
 t = mk(None)
 t.peer = t
churn()
gc.set_threshold(2, 1, 3)
gc.collect(1)
gc.disable()
churn()
c = R()
x = (c, 1)
