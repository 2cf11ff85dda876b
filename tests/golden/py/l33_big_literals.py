"""Int literals beyond 59 bits

A literal may be as large as Python allows (up to 4,300 digits): the largest
gcviz stores as a small value, the first beyond it, with '_' separators,
negated, in a constant tuple, as a dict key and as a default argument."""
import gc

gc.collect()
x = 288230376151711743
print(x, x + 1, x - 1)
z = 288_230_376_151_711_744
print(z, -z, z - 1, z - x)
w = -288230376151711744
print(w, w + 1, w == -z)
t = (1, 100000000000000000000000, -100000000000000000000000)
print(t)
d = {100000000000000000000: 1}
print(d, d[100000000000000000000])


def f(a=123456789012345678901234567890):
    return a + 1


print(f(), -(-123456789012345678901234567890))
print(gc.get_count()[0] >= 0)
