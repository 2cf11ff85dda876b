"""A pin that names nothing

gcviz check reports it with its line."""
a = [1]
# pin: a 0 0
# pin: nosuch 384 0
