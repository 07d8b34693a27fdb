"""Persistence: one TinyDB file per learner, written atomically under an exclusive lock."""
