def f():
    global y
    return [y * 2 for y in range(3)]


print(f())
