"""How long a login must wait after failed tries: the brake on guessing codes and PINs.

Pure rules over the times of earlier failures (seconds since the epoch), so the terminal, the web
front end and the tests share them. The same wait applies whatever code was typed, so waiting
tells a guesser nothing about which codes exist.
"""

from __future__ import annotations

from dataclasses import dataclass

WINDOW_SECONDS = 15 * 60  # failures older than this are forgotten
FREE_TRIES_PER_SOURCE = 3  # a learner's own typos cost nothing
MAX_SOURCE_WAIT = 60.0
INSTALLATION_FREE_TRIES = 30  # failures from every terminal together, before everyone waits a little
MAX_INSTALLATION_WAIT = 10.0  # kept short: a guesser must not be able to keep a whole class out
FACILITATOR_FREE_TRIES = 1
MAX_FACILITATOR_WAIT = 300.0
KEPT_FAILURES = 200  # the store keeps this many of the latest failures


@dataclass(frozen=True)
class Failure:
    at: float
    source: str  # the SSH client's address, or the terminal, or "local"


def _growing(count: int, free: int, cap: float) -> float:
    """0 for the free tries, then 1, 2, 4, ... seconds, never more than `cap`."""
    return 0.0 if count < free else min(float(2 ** (count - free)), cap)


def login_wait(failures: list[Failure], source: str, now: float) -> float:
    """Seconds this source must still wait before its next login try is checked."""
    recent = [f for f in failures if now - f.at < WINDOW_SECONDS]
    mine = [f for f in recent if f.source == source]
    return max(
        _wait_after(mine, _growing(len(mine), FREE_TRIES_PER_SOURCE, MAX_SOURCE_WAIT), now),
        _wait_after(recent, _growing(len(recent), INSTALLATION_FREE_TRIES, MAX_INSTALLATION_WAIT), now),
    )


def _wait_after(failures: list[Failure], delay: float, now: float) -> float:
    """What is left of `delay` after the last of `failures`; never more than `delay` (a clock set back)."""
    if not failures or delay <= 0:
        return 0.0
    return min(delay, max(0.0, max(f.at for f in failures) + delay - now))


def facilitator_wait(failures_in_a_row: int, last_failure: float, now: float) -> float:
    """Seconds before the facilitator's passphrase may be tried again (1, 2, 4, ... up to 5 minutes)."""
    delay = _growing(failures_in_a_row, FACILITATOR_FREE_TRIES, MAX_FACILITATOR_WAIT)
    return min(delay, max(0.0, last_failure + delay - now))


def bursts(failures: list[Failure], now: float, threshold: int = FREE_TRIES_PER_SOURCE + 2) -> dict[str, int]:
    """Sources with at least `threshold` failed logins in the window: what a facilitator should look at."""
    counts: dict[str, int] = {}
    for failure in failures:
        if now - failure.at < WINDOW_SECONDS:
            counts[failure.source] = counts.get(failure.source, 0) + 1
    return {source: count for source, count in sorted(counts.items()) if count >= threshold}
