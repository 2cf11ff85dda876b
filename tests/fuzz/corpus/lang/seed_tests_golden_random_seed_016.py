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
gc.collect(0)
for i in range(6):
 t = mk(None)
 t.peer = t
grave.clear()
n = gc.collect()
for i in range(9):
 t = {"k": B()}
grave.clear()
churn()
gc.collect()
b = F()
gc.freeze()
del b
x = R()
for i in range(12):
 t = chain(2)
x.me = x
for i in range(3):
 t = A()
 t.me = t
del x
d = R()
for i in range(2):
 t = (i, A())
c = d
gc.collect(0)
del c
d = weakref.ref(d)
a = mk(d)
x = A()
x = a
for i in range(7):
 t = {"k": B()}
log.clear()
a = (a, d)
x.p = d
d = B()
link(d, x)
log.clear()
log.clear()
del x.p
gc.collect(0)
