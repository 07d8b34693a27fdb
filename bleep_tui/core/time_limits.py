"""How long BLEEP waits for a learner: every time limit can be made longer or switched off (WCAG 2.2.1).

Two things wait: the idle logout of a shared terminal, and a simulated machine (a cash machine, a card
terminal, a banking app) that gives up when nobody presses a key. A learner's choice in their profile, else
the installation's `time_limits` setting, stretches both; before either runs out the learner is warned and
any key gives the full time again.
"""

from __future__ import annotations

STANDARD = "standard"
OFF = "off"  # wait for the learner, however long
# Each choice, and how many times the standard time it allows (WCAG asks for at least ten times, or off).
FACTORS = {STANDARD: 1, "longer": 3, "much-longer": 10}
CHOICES = (*FACTORS, OFF)
WARNING_SECONDS = 20  # WCAG 2.2.1: at least 20 seconds to answer a warning with a simple action


def time_allowed(standard_seconds: float, limits: str) -> float | None:
    """How long to wait where the standard is `standard_seconds`; None: as long as the learner needs."""
    if limits == OFF:
        return None
    return standard_seconds * FACTORS.get(limits, 1)


def warning_before(allowed: float) -> float:
    """How long before the time is up the learner is warned: 20 seconds, or half the time when that is shorter."""
    return min(WARNING_SECONDS, allowed / 2)


def next_choice(limits: str) -> str:
    """The choice after `limits`, round the list: one key steps through them all."""
    return CHOICES[(CHOICES.index(limits) + 1) % len(CHOICES)] if limits in CHOICES else CHOICES[0]
