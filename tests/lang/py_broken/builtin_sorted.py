l = [3, 1, 2]
r = sorted(l, cmp=None)
