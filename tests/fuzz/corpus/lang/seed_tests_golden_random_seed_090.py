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
grave.clear()
y = R()
del y
for i in range(10):
 t = {"k": B()}
b = R()
for i in range(12):
 t = F()
 t.p = t
del b
n = gc.collect()
e = A()
d = {}
e.me = None
n = gc.collect()
churn()
del e
del d
gc.set_threshold(12, 3, 4)
e = F()
del e
d = F()
y = weakref.ref(d, cb)
gc.collect(2)
grave.clear()
d = (y, d)
c = B()
a = weakref.ref(c, cb)
del y, a
