d = {"a": 1}
ks = d.keys()
print(ks)
