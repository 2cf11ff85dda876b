class C(Exception):
    pass
