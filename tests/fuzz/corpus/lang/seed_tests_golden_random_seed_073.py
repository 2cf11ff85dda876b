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
c = mk(None)
d = weakref.ref(c, cb)
y = F()
y = d()
gc.collect(2)
gc.collect(1)
del y
del d
gc.collect(2)
for i in range(11):
 t = chain(2)
c.q = c
c = []
gc.collect(0)
del c
y = mk(None)
for i in range(10):
 t = B()
 u = [t]
 t.q = u
del y
b = A()
b.q = b
del b
gc.collect()
grave.clear()
e = mk(None)
b = mk(e)
y = {"k": e}
gc.collect()
e = y["k"]
log.clear()
n = gc.collect()
