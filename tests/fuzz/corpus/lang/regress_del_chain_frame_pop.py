class P:
 x = P()
p = P()
del p
q = P()
