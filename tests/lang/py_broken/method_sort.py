scores = [3, 1, 2]
scores.sort()
print(scores)
