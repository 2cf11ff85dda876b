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
x = B()
x.p = x
del x
churn()
churn()
d = mk(None)
b = F()
b.q = d
e = [d, b]
link(b, d)
e.pop(0)
del e
for i in range(3):
 t = {"k": B()}
for i in range(2):
 t = {"k": B()}
d.p = None
gc.collect(2)
y = weakref.ref(d)
del d.p
del d
del b.q
a = y
