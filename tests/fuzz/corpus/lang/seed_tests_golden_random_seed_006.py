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
a = R()
for i in range(9):
 t = (i, A())
churn()
grave.clear()
c = [a]
x = [c]
churn()
x.append(None)
x.append(None)
c[0] = None
x = churn()
c = (c, 1)
gc.collect(0)
churn()
a.me = c
for i in range(12):
 t = B()
 u = [t]
 t.q = u
 x.append(t)
log.clear()
n = gc.collect()
gc.set_threshold(10, 3, 3)
b = B()
a.q = a
link(b, a)
a.q = a
e = 1
gc.set_threshold(9, 4, 2)
d = a.me
a.q = d
for i in range(11):
 t = F()
 t.p = t
gc.collect(0)
churn()
n = gc.collect()
gc.disable()
x.append(d)
a.me = x
c = weakref.ref(b)
b.p = e
c = R()
c = []
x = {"k": x}
link(b, a)
a.me = b
e = []
d = d[0]
e = weakref.ref(a, cb)
d = F()
link(d, a)
c.append(c)
y = x["k"]
c.clear()
