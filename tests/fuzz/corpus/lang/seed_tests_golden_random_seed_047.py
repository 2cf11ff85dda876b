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
gc.collect(2)
x = A()
d = weakref.ref(x)
x.me = x
gc.collect(0)
c = x.me
c.me = c
e = d
del c, x
b = churn()
gc.enable()
a = e()
b = b.pop()
del a
del d
del b
gc.collect(0)
for i in range(3):
 t = {"k": B()}
c = e()
d = e()
c = e()
d = e()
n = gc.collect()
d = e()
del e
for i in range(9):
 churn()
x = R()
log.clear()
churn()
x.me = c
e = x
del d
a = B()
del e.me
