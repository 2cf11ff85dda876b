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
log.clear()
gc.collect(0)
c = mk(None)
gc.disable()
churn()
d = churn()
gc.set_threshold(4, 4, 3)
b = d[0]
d.append(None)
c.p = b
d[0] = None
b.q = d
x = weakref.ref(c)
gc.enable()
y = weakref.ref(b)
a = B()
gc.set_threshold(5, 3, 4)
link(c, a)
d.append(c)
y = churn()
y = c
c.q = c
del d
y.q = x
a = [c]
e = b.me
del b
gc.set_threshold(5, 1, 4)
del e
gc.disable()
del y
x = F()
c.p = a
a[0] = x
for i in range(6):
 t = (i, A())
a.pop(0)
x = [c, c]
c.me = x
