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
gc.set_threshold(5, 3, 1)
d = mk(None)
d.p = None
y = {}
a = 1
d = a
del a
gc.collect(0)
n = gc.collect()
e = d
x = (d, 1)
gc.set_threshold(5, 1, 4)
log.clear()
grave.clear()
y["j"] = y
b = R()
for i in range(3):
 t = F()
 t.p = t
gc.collect(0)
gc.collect(1)
b = weakref.ref(b, cb)
for i in range(4):
 churn()
x = b()
del e
for i in range(5):
 t = (i, A())
y["k"] = b
n = gc.collect()
del y
gc.collect(1)
del d, x
del b
n = gc.collect()
for i in range(5):
 churn()
d = A()
gc.freeze()
c = weakref.ref(d)
for i in range(9):
 t = A()
 t.me = t
del d
del c
d = F()
e = mk(d)
del e
for i in range(7):
 churn()
x = weakref.ref(d, cb)
d.me = x
gc.freeze()
d.p = d
gc.disable()
for i in range(11):
 t = chain(2)
d = d.p
d.q = None
del x
del d.q
