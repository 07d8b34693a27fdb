"""The CV builder: a form (see forms.py) whose field ids name the parts of a CV, kept as the learner's CV."""

from __future__ import annotations

from dataclasses import replace

from bleep_tui.core.cv import CV_FIELDS
from bleep_tui.core.sims import forms
from bleep_tui.core.sims.base import ScenarioReader, Simulation


def read_scenario(reader: ScenarioReader) -> forms.FormScenario:
    scenario = forms.read_scenario(reader)
    for form_field in scenario.fields:
        if form_field.id and form_field.id not in CV_FIELDS:
            reader.error("pages", f"field id `{form_field.id}` is not a part of a CV; use: {', '.join(CV_FIELDS)}")
    if scenario.fields and scenario.field("name") is None:
        reader.error("pages", "a CV form needs a field with id `name`")
    return replace(scenario, saves_cv=True)


SIMULATION = Simulation(
    name="cv",
    title="CV builder",
    read_scenario=read_scenario,
    new_model=forms.FormModel,
    goals=forms.GOALS,
    trace_events=forms.SIMULATION.trace_events,
)
