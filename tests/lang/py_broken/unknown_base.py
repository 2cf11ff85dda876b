class C(OSError):
    pass
