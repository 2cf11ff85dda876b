c = 1
x = 1 if c
