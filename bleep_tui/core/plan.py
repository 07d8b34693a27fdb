"""The learner's plan for after release: written in the plan lesson (a `plan` form), kept in their events.

Like the CV, it is the learner's own text: never parsed as markup, cleaned of escape sequences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bleep_tui.core.events import Event
from bleep_tui.core.kept import latest_kept
from bleep_tui.core.text import clean_text

# The parts of life a plan has a goal for, in the order the plan is printed.
PLAN_AREAS = ("housing", "money", "work", "id", "health", "skills")
GOAL_PARTS = ("goal", "date", "step", "help")
# Every field id a `plan` form may use; each names the part of the plan it fills.
PLAN_FIELDS: tuple[str, ...] = (
    "name",
    "release-date",
    *(f"{area}-{part}" for area in PLAN_AREAS for part in GOAL_PARTS),
    "check-date",
)


@dataclass(frozen=True)
class PlanGoal:
    area: str  # one of PLAN_AREAS
    goal: str
    by_when: str = ""
    first_step: str = ""
    who_helps: str = ""


@dataclass(frozen=True)
class Plan:
    name: str = ""
    release_date: str = ""
    goals: tuple[PlanGoal, ...] = ()
    check_date: str = ""  # when the learner looks at the plan again
    made_at: str = ""  # when the learner sent the plan form (ISO time)


def plan_from_values(values: dict[str, str], made_at: str = "") -> Plan:
    """A plan from the `plan` form's values by field id; an area with nothing written is left out."""
    def get(key: str) -> str:
        # A plan is printed on a facilitator's terminal and in HTML: no escape sequence may survive in it.
        return clean_text(str(values.get(key, ""))).strip()

    goals = tuple(
        PlanGoal(area, get(f"{area}-goal"), get(f"{area}-date"), get(f"{area}-step"), get(f"{area}-help"))
        for area in PLAN_AREAS
        if any(get(f"{area}-{part}") for part in GOAL_PARTS)
    )
    return Plan(get("name"), get("release-date"), goals, get("check-date"), made_at)


def latest_plan(events: Iterable[Event]) -> Plan | None:
    """The plan the learner sent last; None if they never wrote one."""
    kept = latest_kept(events, "plan")
    return plan_from_values(kept.values, kept.made_at) if kept else None
