names = ["a", "b"]
pairs = enumerate(names)
