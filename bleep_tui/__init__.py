"""bleep_tui: practise everyday digital tasks in a safe terminal simulation."""

__version__ = "0.1.0"
