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
for i in range(12):
 t = mk(None)
 t.peer = t
grave.clear()
gc.collect(1)
gc.collect(0)
e = A()
c = [e]
e.me = None
c.append(e)
churn()
log.clear()
n = gc.collect()
gc.set_threshold(12, 2, 3)
c.append(None)
c[0] = None
c.clear()
c.append(c)
e.me = c
a = c
c.pop(0)
e.q = c
gc.collect(0)
del e
del c
gc.collect(2)
del a
d = B()
y = weakref.ref(d, cb)
b = {}
gc.collect()
b["j"] = d
z = {}["k"]
