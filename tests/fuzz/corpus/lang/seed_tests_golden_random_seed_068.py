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
a = mk(None)
gc.collect()
for i in range(11):
 t = F()
 t.p = t
churn()
gc.disable()
gc.enable()
for i in range(9):
 t = chain(2)
a.q = None
gc.collect(1)
del a
grave.clear()
log.clear()
grave.clear()
c = B()
churn()
gc.unfreeze()
x = R()
grave.clear()
x = R()
b = R()
gc.disable()
e = c
del b
gc.enable()
a = [x, c]
a[0] = x
e.q = a
a.append(None)
n = gc.collect()
a.clear()
for i in range(2):
 t = {"k": B()}
b = [e]
b.append(b)
y = weakref.ref(x, cb)
for i in range(8):
 t = mk(None)
 t.peer = t
 b.append(t)
churn()
for i in range(9):
 t = (i, A())
 a.append(t)
gc.collect(2)
for i in range(9):
 t = F()
 t.p = t
a = a
a = y()
x = weakref.ref(e)
