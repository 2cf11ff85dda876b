t = type([])
print(t())
