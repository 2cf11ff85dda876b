a = 200
b = a + 0
print(a is b, a is not b)
x = 1000
y = x + 0
print(x == y, x is not 7)
print(x is y)
