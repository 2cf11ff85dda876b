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
c = A()
for i in range(9):
 t = mk(None)
 t.peer = t
del c
c = mk(None)
c = chain(2)
del c
a = mk(None)
log.clear()
a.q = a
gc.collect(1)
d = A()
del a.q
x = weakref.ref(a, cb)
log.clear()
gc.unfreeze()
d.me = x
y = weakref.ref(d, cb)
a.p = x
a.q = d
d.p = d
for i in range(5):
 t = F()
 t.p = t
a.p = None
gc.enable()
e = weakref.ref(a)
gc.disable()
for i in range(5):
 t = A()
 t.me = t
del x
del a
gc.set_threshold(7, 2, 3)
y = chain(3)
d = d.p
d.p = d
gc.collect()
for i in range(3):
 t = (i, A())
for i in range(2):
 t = (i, A())
d.q = e
b = {}
gc.collect()
d = []
gc.unfreeze()
d.append(y)
d.pop(0)
for i in range(4):
 t = (i, A())
 d.append(t)
