"""The documents a learner writes and keeps, by kind: "cv" (Build your own CV) and "plan" (Write my plan)."""

from __future__ import annotations

from typing import Iterable

from bleep_tui.core.cv import latest_cv
from bleep_tui.core.events import Event
from bleep_tui.core.plan import latest_plan
from bleep_tui.export.cv import cv_document
from bleep_tui.export.plan import plan_document
from bleep_tui.export.printable import Printable


def latest_document(events: Iterable[Event], kind: str) -> Printable | None:
    """The learner's newest CV (kind "cv") or plan ("plan"), ready to print; None if they have not written one."""
    if kind == "cv":
        cv = latest_cv(events)
        return cv_document(cv) if cv else None
    plan = latest_plan(events)
    return plan_document(plan) if plan else None
