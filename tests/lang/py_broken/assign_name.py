__name__ = "lesson"
