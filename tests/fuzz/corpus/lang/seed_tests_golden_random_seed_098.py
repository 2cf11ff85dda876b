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
x = A()
a = chain(3)
b = weakref.ref(a, cb)
gc.freeze()
for i in range(4):
 t = A()
 t.me = t
x = b()
for i in range(8):
 churn()
grave.clear()
a.me = None
x = [b]
del a.me
b = A()
log.clear()
e = []
gc.set_threshold(4, 4, 1)
e.clear()
for i in range(4):
 t = {"k": B()}
x = [x, a, x]
d = (a, x)
del x
e.append(d)
del b, d
e.clear()
del a, e
for i in range(3):
 t = F()
 t.p = t
c = R()
del c
gc.disable()
for i in range(6):
 churn()
grave.clear()
d = B()
log.clear()
gc.set_threshold(6, 4, 1)
gc.collect(5)
