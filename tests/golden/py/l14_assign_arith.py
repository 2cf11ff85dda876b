"""Assignment forms and int arithmetic"""
import gc

gc.collect()


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = 1
b = 2
a, b = b, a
print(a, b)
x, y, z = 1, 2, 3
print(x + y * z, (x + y) * z, 17 // 5, 17 % 5, -17 // 5, -17 % 5, 2 * -3)
p = P(3, 4)
p.x += 10
p.y -= 1
p.y *= 7
print(p.x, p.y)
nums = [1, 2, 3]
nums[0] += 100
nums[2] *= 3
nums[1] -= 5
print(nums)
t = (p, nums)
first, second = t
print(first is p, second is nums)
n = 5
n *= n
n -= 1
print(n)
big = 1
for i in range(70):
    big *= 2
print(big, big // 3, big % 7)
