names = ["a", "b"]
for i, name in enumerate(names):
    print(i, name)
