class D:
 pass
gc.disable()
head = None
for i in range(80):
 n = D()
 n.next = head
 head = n
del n
del head
