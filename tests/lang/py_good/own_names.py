"""Names Python has built in, defined by the program itself

A program may define its own max, a method called sort or keys, and run
its lesson under `if __name__ == "__main__":` as scripts do."""
import gc


def max(a, b):
    if a > b:
        return a
    return b


class Deck:
    def __init__(self):
        self.cards = [3, 1, 2]
        self.items = 0

    def sort(self):
        self.cards = [1, 2, 3]
        return self

    def keys(self):
        return len(self.cards)


def main():
    gc.collect()
    d = Deck()
    print(max(2, 5), d.sort().cards, d.keys(), d.items)
    print(__name__)


if __name__ == "__main__":
    main()
