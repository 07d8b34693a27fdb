"""Forms a learner keeps (their CV, their plan): the newest one they sent, found again in their events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bleep_tui.core.events import Event

KEPT_FORMS = ("cv", "plan")


@dataclass(frozen=True)
class KeptForm:
    values: dict[str, str]  # what the learner sent, by field id
    made_at: str  # when they sent it (ISO time)


def kept_kind(record: dict) -> str:
    """Which kept form a `submitted` trace record is: "cv", "plan", or "" for an ordinary form."""
    if record.get("cv") is True:  # written before plans were kept
        return "cv"
    kind = record.get("keeps", "")
    return kind if kind in KEPT_FORMS else ""


def latest_kept(events: Iterable[Event], kind: str) -> KeptForm | None:
    """The form of this kind the learner sent last, from any run of any lesson; None if they never sent one."""
    found: KeptForm | None = None
    for event in events:
        if event.kind != "answered" or not isinstance(event.answer, list):
            continue
        for record in event.answer:
            if isinstance(record, dict) and record.get("event") == "submitted" and kept_kind(record) == kind:
                values = {
                    str(f.get("id", "")): str(f.get("value", "")) for f in record.get("fields", []) if isinstance(f, dict)
                }
                found = KeptForm(values, event.at)
    return found
