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
x = A()
gc.collect(0)
del x
grave.clear()
gc.disable()
grave.clear()
for i in range(9):
 t = {"k": B()}
gc.enable()
gc.collect(1)
churn()
a = A()
grave.clear()
d = churn()
del a
d.append(None)
d.append(None)
d[0] = d
for i in range(7):
 t = (i, A())
 d.append(t)
grave.clear()
log.clear()
churn()
d.pop()
for i in range(3):
 t = {"k": B()}
 d.append(t)
e = B()
del e
d.pop()
churn()
e = chain(4)
y = d[0]
e.me = e
y = weakref.ref(e, cb)
del d
for i in range(10):
 churn()
del e.me
e = (y, e)
for i in range(11):
 t = A()
 t.me = t
n = gc.collect()
d = y
d = (e, 1)
d = R()
d = weakref.ref(d)
c = 1
