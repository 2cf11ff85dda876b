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
gc.collect()
churn()
y = A()
d = weakref.ref(y)
y.me = y
y.p = None
for i in range(8):
 churn()
y.p = None
for i in range(2):
 t = F()
 t.p = t
y.me = d
a = (d, d)
d = B()
c = F()
a = c
for i in range(2):
 t = {"k": B()}
gc.collect()
y = weakref.ref(c, cb)
for i in range(2):
 t = B()
 u = [t]
 t.q = u
a.q = a
y = R()
del c
link(a, d)
n = gc.collect()
gc.set_threshold(9, 1, 4)
del y
