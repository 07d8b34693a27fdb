"""How much of a text is translated: a translation counts only when it is there and not fuzzy.

A fuzzy translation is one whose English changed since it was written (`pybabel update` marks it);
it is not shown until a translator checks it, so it does not count as done.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TRANSLATED, FUZZY, MISSING = "translated", "fuzzy", "missing"
# A message as gettext knows it: (context or None, the English).
MessageKey = tuple[str | None, str]


@dataclass(frozen=True)
class Coverage:
    part: str  # "interface", a module's title, "achievements and levels"
    translated: int
    fuzzy: int
    missing: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.missing

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.missing == 0


def coverage(part: str, wanted: Iterable[MessageKey], states: Mapping[MessageKey, str]) -> Coverage:
    """How many of the messages `wanted` now are translated, fuzzy or missing in a catalogue's `states`."""
    counts = {TRANSLATED: 0, FUZZY: 0, MISSING: 0}
    for key in set(wanted):
        counts[states.get(key, MISSING)] += 1
    return Coverage(part, counts[TRANSLATED], counts[FUZZY], counts[MISSING])
