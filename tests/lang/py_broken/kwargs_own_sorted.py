def sorted(x, key):
    return x


print(sorted([1], key=None))
