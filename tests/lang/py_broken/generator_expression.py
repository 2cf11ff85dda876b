xs = [1, 2]
print(len(x for x in xs))
