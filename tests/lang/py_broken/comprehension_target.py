class P:
    pass


p = P()
x = [p.v for p.v in range(3)]
