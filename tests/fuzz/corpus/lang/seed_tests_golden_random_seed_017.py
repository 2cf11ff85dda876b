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
churn()
log.clear()
x = A()
x.me = x
for i in range(9):
 t = F()
 t.p = t
x.q = None
y = []
e = [y]
del x.q
gc.collect(1)
log.clear()
del x.me
e = A()
for i in range(9):
 t = mk(None)
 t.peer = t
gc.collect()
d = y
y = F()
d.append(y)
del x
y = B()
a = weakref.ref(y, cb)
y.p = a
c = a()
c = d
gc.set_threshold(3, 3, 4)
gc.enable()
y = (d, y)
d = 1
y = None
for i in range(2):
 churn()
 c.append(2)
c = a()
x = []
x.append(None)
x.pop()
grave.clear()
gc.set_threshold(4, 4, 2)
log.clear()
del a, d
d = R()
link(e, d)
log.clear()
churn()
d.p = e
gc.set_threshold(9, 2, 2)
d = B()
