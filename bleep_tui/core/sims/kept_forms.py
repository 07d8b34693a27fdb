"""Forms the learner keeps: the CV builder and the release plan.

Each is a form (see forms.py) whose field ids name the parts of what it builds; the
form sent last is kept as the learner's own, and fills the form again next time.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from bleep_tui.core.cv import CV_FIELDS
from bleep_tui.core.events import Event
from bleep_tui.core.kept import latest_kept
from bleep_tui.core.plan import PLAN_FIELDS
from bleep_tui.core.sims import forms
from bleep_tui.core.sims.base import ScenarioReader, Simulation


def _reader(keeps: str, allowed: tuple[str, ...]) -> Callable[[ScenarioReader], forms.FormScenario]:
    what = {"cv": "a CV", "plan": "a plan"}[keeps]

    def read_scenario(reader: ScenarioReader) -> forms.FormScenario:
        scenario = forms.read_scenario(reader)
        for form_field in scenario.fields:
            if form_field.id and form_field.id not in allowed:
                reader.error("pages", f"field id `{form_field.id}` is not a part of {what}; use: {', '.join(allowed)}")
        if scenario.fields and scenario.field("name") is None:
            reader.error("pages", f"{what} form needs a field with id `name`")
        return replace(scenario, keeps=keeps)

    return read_scenario


def _simulation(name: str, title: str, allowed: tuple[str, ...]) -> Simulation:
    return Simulation(
        name=name,
        title=title,
        read_scenario=_reader(name, allowed),
        new_model=forms.FormModel,
        goals=forms.GOALS,
        trace_events=forms.SIMULATION.trace_events,
    )


CV = _simulation("cv", "CV builder", CV_FIELDS)
PLAN = _simulation("plan", "My plan", PLAN_FIELDS)


def with_kept_values(scenario: forms.FormScenario, events: Iterable[Event]) -> forms.FormScenario:
    """A kept form starts from what the learner sent last: their CV or plan, to read again and change."""
    kept = latest_kept(events, scenario.keeps)
    if kept is None:
        return scenario
    pages = tuple(
        replace(page, fields=tuple(replace(f, value=kept.values[f.id]) if f.id in kept.values else f for f in page.fields))
        for page in scenario.pages
    )
    return replace(scenario, pages=pages)
