"""How the screens look for a learner who reads them less easily: high contrast, more room between lines.

A learner steps through the choices with one key in their profile; the screens change at once and the
choice is kept. The installation's `display` setting is the choice of a learner who has not made one.
"""

from __future__ import annotations

STANDARD = "standard"
HIGH_CONTRAST = "high-contrast"
SPACIOUS = "spacious"  # a blank line after each option of a list and more space between a step's parts
CHOICES = (STANDARD, HIGH_CONTRAST, SPACIOUS, f"{HIGH_CONTRAST}+{SPACIOUS}")


def is_high_contrast(choice: str) -> bool:
    return HIGH_CONTRAST in choice.split("+")


def is_spacious(choice: str) -> bool:
    return SPACIOUS in choice.split("+")


def next_choice(choice: str) -> str:
    """The choice after `choice`, round the list."""
    return CHOICES[(CHOICES.index(choice) + 1) % len(CHOICES)] if choice in CHOICES else CHOICES[0]
