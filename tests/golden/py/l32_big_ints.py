"""Ints beyond 64 bits

Python ints have no size limit: products of 100 threes, 2**62 and their
quotients, remainders (signs as Python floors them), comparisons, dict keys
and text. They are values, not objects the collector tracks."""
import gc

gc.collect()
a = 1
b = 1
for i in range(100):
    b *= 3
c = -b
print(b, c, b // 7, b % 7, c // 7, c % 7, b // -7, b % -7, c // -7, c % -7)
print(b - b, b + c, b * c, b > c, c < 0, b == b * 1, b != c, b // b, c // b, b % b)
d = {b: "big"}
print(d[b * 1], b in d, b in [1, b], f"{b}", str(c), -c == b, [b], (c,), {c: 1})
x = 1
for i in range(62):
    x *= 2
print(x, x - 1, x // 2, x // 4, (x // 8) * 8 == x, x % 1000000007, -x // 3, x - x + 5)
print(b * b * b // (b * b), (b * b + 17) % b, (b * b * 12345 + 3) // (b * 7))
