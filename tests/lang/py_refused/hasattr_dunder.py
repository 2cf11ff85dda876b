class A:
    pass


print(hasattr(A(), "__init__"))
