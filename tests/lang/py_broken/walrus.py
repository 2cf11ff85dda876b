if (n := 3):
    pass
