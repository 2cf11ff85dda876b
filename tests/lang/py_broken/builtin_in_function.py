def show():
    print(repr("x"))


show()
