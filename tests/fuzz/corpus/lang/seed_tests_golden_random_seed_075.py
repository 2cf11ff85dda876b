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
y = mk(None)
a = chain(3)
churn()
a.p = a
churn()
y.q = None
y.me = a
a.q = y
gc.set_threshold(9, 4, 4)
d = A()
e = weakref.ref(y, cb)
b = mk(e)
y.me = e
a.me = y
gc.set_threshold(9, 2, 3)
b = [d, a]
gc.disable()
grave.clear()
x = A()
b.append(a)
c = weakref.ref(d, cb)
c = e()
d.me = y
d = b[0]
for i in range(11):
 t = {"k": B()}
 b.append(t)
d.q = b
for i in range(5):
 churn()
d = mk(b)
del d
x.me = x
b.append(c)
d = a.q
y = b.pop()
x = weakref.ref(d)
d.q = y
c = weakref.ref(y)
del y.me
for i in range(7):
 t = chain(2)
 b.append(t)
d = y.q
b.clear()
