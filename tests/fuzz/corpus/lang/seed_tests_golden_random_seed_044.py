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
gc.set_threshold(6, 1, 2)
gc.set_threshold(4, 3, 4)
y = mk(None)
y.q = None
for i in range(9):
 t = (i, A())
del y
churn()
c = mk(None)
for i in range(2):
 t = {"k": B()}
gc.collect(2)
d = B()
d.q = c
d = F()
churn()
link(c, d)
x = [c]
for i in range(3):
 t = B()
 u = [t]
 t.q = u
 x.append(t)
c = None
x.append(d)
d.q = None
d = weakref.ref(d)
log.clear()
for i in range(8):
 t = B()
 u = [t]
 t.q = u
 x.append(t)
for i in range(5):
 t = A()
 t.me = t
 x.append(t)
for i in range(10):
 t = mk(None)
 t.peer = t
e = B()
e.q = x
e = weakref.ref(e)
x.append(None)
x.append(None)
for i in range(3):
 t = chain(2)
x[0] = d
grave.clear()
x = {"k": x}
grave.clear()
e = d()
b = d()
for i in range(5):
 t = chain(2)
del d
