rows = [[2, 1]]
out = [sorted(r, key=lambda v: v) for r in rows]
