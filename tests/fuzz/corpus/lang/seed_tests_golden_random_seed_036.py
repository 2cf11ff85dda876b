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
gc.collect()
gc.freeze()
c = mk(None)
d = weakref.ref(c)
e = R()
gc.collect()
e = A()
log.clear()
for i in range(2):
 churn()
grave.clear()
gc.enable()
d = B()
a = [d, e]
link(d, c)
e.q = c
gc.set_threshold(10, 4, 3)
y = weakref.ref(d)
for i in range(6):
 t = F()
 t.p = t
x = weakref.ref(d)
gc.freeze()
d.me = c
d.q = x
x = {}
e.p = None
x["j"] = d
del x
del d.me
y = a.pop()
y.p = a
churn()
del d
for i in range(5):
 t = F()
 t.p = t
z = missing_name
