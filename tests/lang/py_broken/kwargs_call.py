words = ["a", "bb"]
print(len(words, key=1))
