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
a = mk(None)
for i in range(2):
 t = B()
 u = [t]
 t.q = u
churn()
y = weakref.ref(a)
a.me = a
grave.clear()
del a, y
gc.enable()
a = B()
gc.set_threshold(4, 1, 4)
b = B()
a = weakref.ref(b, cb)
x = B()
del b
gc.collect()
c = weakref.ref(x)
a = mk(x)
x.me = a
grave.clear()
x.me = x
a.q = c
a = F()
d = c()
for i in range(2):
 t = {"k": B()}
e = c()
churn()
gc.disable()
churn()
for i in range(9):
 t = (i, A())
n = gc.collect()
del a, d
d = mk(x)
link(d, x)
log.clear()
grave.clear()
x = F()
for i in range(12):
 t = (i, A())
gc.collect(1)
d.p = None
del e
log.clear()
for i in range(2):
 t = chain(2)
y = c()
d.q = None
c = weakref.ref(d)
del x, y
c = c()
