while False:
    pass
else:
    pass
