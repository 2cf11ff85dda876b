"""Strings, f-strings and print"""
import gc

gc.collect()
name = "gc"
n = 3
print("hello " + name + " " + str(n))
print(f"{name} has {n} generations")
print(f"{n * 2} {n - 5} {n // 2} {n % 2} {-n}")
print("a", "b", "c", sep="-")
print("no newline", end="")
print(" ... continued")
print("x", 1, None, True, False, sep="|", end="!\n")
print([1, "two", None, (3,), {"k": "v"}])
print(("a",), (), [], {})
print('quote\'s', "dq\"s", "tab\there")
print(["it's", 'say "hi"'])
s = ""
for i in range(5):
    s += str(i)
print(s, len(s), s == "01234", s != "x")
print(f"{(1, 2)} {None} {True}")
print(str(-42) + "!", "ab" + "cd")
print(len("hello"), "ell" in "hello", "z" not in "hello")
print(10 > 3, 3 >= 3, 2 < 1, 1 <= 0, 5 == 5, 5 != 5)
print(1 < 2 < 3, 3 > 2 > 2)
