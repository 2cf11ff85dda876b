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
d = A()
del d
x = R()
log.clear()
e = weakref.ref(x, cb)
x.me = None
x.p = x
x.me = x
gc.collect(2)
gc.collect(2)
b = [e, x]
d = weakref.ref(x)
a = x
x.p = d
for i in range(11):
 t = {"k": B()}
churn()
b = churn()
gc.collect(2)
c = mk(a)
for i in range(10):
 t = F()
 t.p = t
 b.append(t)
del d
del a.p
b.append(None)
y = e
e = b[0]
a = y()
b.append(y)
e.q = y
d = e
c.me = b
gc.collect(1)
x = chain(1)
churn()
a = mk(b)
b[0] = e
log.clear()
grave.clear()
churn()
churn()
b.append(c)
grave.clear()
del x
a.p = d
