"""Events: the source of truth. Everything a learner sees is derived from them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from typing import Any, Literal

EventKind = Literal[
    "lesson_started", "hint_shown", "step_read", "sim_draft", "answered", "lesson_finished", "achievement_earned",
    "login", "login_failed",  # shared mode; login_failed's try_number is the count of wrong PINs in a row
]


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Event:
    kind: str
    at: str
    lesson: str = ""
    run: str = ""  # one attempt at a lesson, from start to finish
    step: str = ""
    answer: Any = None
    correct: bool = False
    points: int = 0  # answered: earned on this answer; lesson_finished: XP of the run; achievement_earned: badge points
    bonus: int = 0
    try_number: int = 0
    hints: int = 0  # hint_shown: how many hints are now shown
    finished: bool = False
    percent: int = 0
    stars: int = 0
    achievement: str = ""  # achievement_earned: the achievement's id

    def to_record(self) -> dict[str, Any]:
        defaults = Event(kind="", at="")
        return {
            key: value
            for key, value in asdict(self).items()
            if key in ("kind", "at") or value != getattr(defaults, key)
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Event:
        known = record if record.keys() <= EVENT_FIELDS else {key: value for key, value in record.items() if key in EVENT_FIELDS}
        if "kind" not in known or "at" not in known:
            return cls(**known)  # raises, naming what is missing
        # Filled in directly: a frozen dataclass's __init__ sets its 16 fields one by one, and Home reads
        # every event of the learner's history at each look.
        event = object.__new__(cls)
        event.__dict__.update(EVENT_DEFAULTS, **known)
        return event


EVENT_FIELDS = frozenset(f.name for f in fields(Event))
EVENT_DEFAULTS = {f.name: f.default for f in fields(Event) if f.name not in ("kind", "at")}
