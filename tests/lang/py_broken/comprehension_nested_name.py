rows = [[1], [2]]
x = [[y for y in r] + [y] for r in rows]
