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
gc.set_threshold(7, 3, 2)
gc.enable()
gc.set_threshold(6, 1, 3)
log.clear()
log.clear()
for i in range(3):
 t = chain(2)
for i in range(11):
 t = chain(2)
log.clear()
y = mk(None)
x = weakref.ref(y)
y.me = y
for i in range(8):
 churn()
gc.disable()
del y.me
grave.clear()
b = x()
c = F()
e = y
churn()
for i in range(12):
 churn()
e.q = e
link(c, y)
y.q = y
log.clear()
e = y.q
e.me = b
log.clear()
for i in range(3):
 t = A()
 t.me = t
a = [c]
a.append(x)
for i in range(9):
 t = (i, A())
a.append(b)
a[0] = y
a[0] = x
a.append(c)
e = x()
y.q = e
gc.collect(2)
del c
a[0] = e
del y.me
a.clear()
log.clear()
a = y.q
y.q = None
for i in range(6):
 t = F()
 t.p = t
y = weakref.ref(a, cb)
gc.set_threshold(9, 3, 1)
gc.enable()
del a
log.clear()
c = F()
c.me = y
x = weakref.ref(c)
gc.disable()
