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
log.clear()
x = A()
n = gc.collect()
churn()
for i in range(7):
 t = B()
 u = [t]
 t.q = u
y = F()
gc.set_threshold(12, 1, 1)
gc.enable()
gc.set_threshold(2, 4, 3)
y.me = y
del y
churn()
log.clear()
b = chain(3)
for i in range(6):
 t = B()
 u = [t]
 t.q = u
log.clear()
churn()
x.q = None
link(b, x)
b.p = b
b.p = x
b.q = None
c = {"k": b}
del x
b.me = None
del b.p
gc.collect()
del b.q
b.q = b
c = weakref.ref(b)
b.p = None
c = weakref.ref(b)
gc.collect(2)
b.me = c
b.p = b
a = F()
link(b, a)
d = A()
b.p = c
y = c()
e = weakref.ref(d)
log.clear()
for i in range(9):
 t = mk(None)
 t.peer = t
d.p = d
y = c
d = A()
del y
gc.disable()
