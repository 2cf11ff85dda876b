class A:
    def m(self):
        return 1


print(hasattr(A(), "m"))
