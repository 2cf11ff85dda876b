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
a = {}
gc.freeze()
log.clear()
b = (a, 1)
a = b[0]
gc.collect(1)
del b, a
churn()
gc.collect(0)
for i in range(7):
 t = (i, A())
e = None
e = {}
churn()
a = {"k": e}
log.clear()
del e
x = churn()
for i in range(7):
 t = mk(None)
 t.peer = t
 x.append(t)
churn()
x.append(a)
d = {"k": a}
x = B()
gc.set_threshold(3, 4, 4)
c = (a, d)
x.p = a
del c
grave.clear()
gc.collect(1)
y = x
e = weakref.ref(x)
log.clear()
gc.disable()
gc.collect(0)
del x
y.me = d
del y.p
y = y.me
del d, e
gc.set_threshold(9, 1, 2)
gc.enable()
churn()
del a
d = y
for i in range(11):
 churn()
