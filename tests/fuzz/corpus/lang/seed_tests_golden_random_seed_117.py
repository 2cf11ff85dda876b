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
d = A()
del d
b = mk(None)
b.me = b
c = weakref.ref(b)
for i in range(9):
 t = mk(None)
 t.peer = t
for i in range(9):
 t = A()
 t.me = t
b.p = c
gc.set_threshold(12, 3, 3)
gc.enable()
e = c()
e = weakref.ref(b)
grave.clear()
b.q = None
c = b.p
gc.collect()
del b
gc.collect(1)
x = A()
del c
n = gc.collect()
gc.freeze()
c = e
e = e
b = R()
del c, e
