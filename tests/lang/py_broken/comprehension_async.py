r = [1]
x = [a async for a in r]
