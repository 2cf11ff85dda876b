r = range(3)
x = {i for i in r}
