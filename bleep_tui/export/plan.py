"""A learner's plan for after release as a printable document (see printable.py)."""

from __future__ import annotations

from bleep_tui.core.plan import Plan
from bleep_tui.export.printable import Entry, Printable, Section

AREA_TITLES = {
    "housing": "Housing",
    "money": "Money and debts",
    "work": "Work and training",
    "id": "ID and papers",
    "health": "Health",
    "skills": "Skills",
}


def plan_document(plan: Plan) -> Printable:
    under_name = tuple(line for line, value in (
        (f"Release day: {plan.release_date}", plan.release_date),
        (f"Check this plan again on: {plan.check_date}", plan.check_date),
        (f"Written on: {plan.made_at[:10]}", plan.made_at),
    ) if value)
    sections = []
    for goal in plan.goals:
        lines = [f"{label:<12} {value}" for label, value in (
            ("By when:", goal.by_when), ("First step:", goal.first_step), ("Who helps:", goal.who_helps),
        ) if value]
        lines.append("Done?        yes / not yet / changed")  # ticked on paper at each meeting
        sections.append(Section(AREA_TITLES[goal.area], (Entry(goal.goal, text="\n".join(lines)),)))
    return Printable("My plan", plan.name or "My plan", under_name, tuple(sections))

