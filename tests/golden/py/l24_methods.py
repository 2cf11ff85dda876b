"""Methods calling methods, class attributes as counters"""
import gc
import sys

gc.collect()


class Account:
    opened = 0
    rate = 2

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def withdraw(self, amount):
        if amount > self.balance:
            return False
        self.deposit(-amount)
        return True

    def interest(self):
        return self.balance * self.rate // 100


acc = Account("ann", 100)
acc.deposit(50)
print(acc.withdraw(500), acc.withdraw(30), acc.balance)
print(acc.history, acc.interest(), Account.rate)
Account.opened += 1
print(Account.opened, acc.opened)
print("refcount of the history list:", sys.getrefcount(acc.history))
other = Account("bob")
print(other.balance, len(other.history))
