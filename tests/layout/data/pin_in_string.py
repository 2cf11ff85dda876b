"""Pins inside strings

The docstring shows how a card is pinned:
# pin: nosuch 5 5
gcviz reads only comment lines as pins."""
text = '''
    # pin: nosuch 7 7
'''
a = [1]
# pin: a 0 0
# pin: nosuch 384 0
