"""Control flow

if/elif/else, while, for over range, list, tuple and dict, break and continue."""
import gc

gc.collect()


def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"


for n in range(-2, 3):
    print(n, classify(n))
for n in range(10, 0, -3):
    print(n, end=" ")
print()
i = 0
total = 0
while True:
    i += 1
    if i % 3 == 0:
        continue
    if i > 10:
        break
    total += i
print("total", total, "i", i)
for word in ["alpha", "beta", "gamma"]:
    if word == "beta":
        continue
    print(word)
for x in (1, 2, 3):
    print(x * x, end=",")
print("")
ages = {"ann": 31, "bob": 27}
for name in ages:
    print(name, ages[name])
found = None
for k in range(100):
    if k * k > 50:
        found = k
        break
print("found", found)
print(not found, found and 5, None or "default", 0 or 0)
