class A:
    print(1)
