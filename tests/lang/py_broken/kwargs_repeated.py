xs = [3, 1]
xs.sort(key=None, key=None)
