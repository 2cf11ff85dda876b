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
gc.freeze()
grave.clear()
log.clear()
del c
gc.set_threshold(6, 3, 2)
churn()
a = mk(None)
a.me = a
del a.me
del a
b = A()
gc.enable()
del b
c = F()
b = A()
del b, c
b = A()
x = R()
x = weakref.ref(x)
b.p = x
for i in range(7):
 t = (i, A())
c = x
churn()
for i in range(9):
 t = chain(2)
b.q = x
e = b.p
del e
b = c()
grave.clear()
b = (x, x)
a = chain(1)
a = b[0]
churn()
del x
grave.clear()
del c
log.clear()
del a, b
d = {}
n = gc.collect()
d["k"] = None
del d
x = A()
del x
grave.clear()
b = F()
log.clear()
del b
