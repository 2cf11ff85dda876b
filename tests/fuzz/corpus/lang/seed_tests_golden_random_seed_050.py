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
x = mk(None)
churn()
x.p = None
d = mk(x)
x.q = None
x = {}
gc.collect()
for i in range(9):
 t = A()
 t.me = t
churn()
for i in range(12):
 t = mk(None)
 t.peer = t
for i in range(10):
 t = A()
 t.me = t
grave.clear()
gc.collect(2)
y = {"k": d}
d = chain(3)
c = [d]
gc.disable()
gc.enable()
d.p = c
d.p = d
x["j"] = d
for i in range(5):
 t = F()
 t.p = t
a = weakref.ref(d, cb)
d.q = d
gc.collect(2)
gc.disable()
gc.enable()
gc.unfreeze()
gc.collect(2)
del d.q
n = gc.collect()
d.p = y
d = a()
gc.disable()
d = y
log.clear()
gc.freeze()
del y
c.clear()
d = x["j"]
c.append(a)
gc.collect(0)
d.me = a
x["j"] = a
