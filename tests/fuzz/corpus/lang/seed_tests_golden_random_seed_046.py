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
gc.collect(0)
log.clear()
gc.enable()
x = A()
c = weakref.ref(x, cb)
gc.collect(0)
e = mk(x)
x = c
e.me = None
e.q = x
for i in range(2):
 t = mk(None)
 t.peer = t
gc.collect()
for i in range(12):
 t = (i, A())
for i in range(6):
 t = F()
 t.p = t
a = {"k": x}
x = x()
