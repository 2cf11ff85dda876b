words = "a b c".split()
