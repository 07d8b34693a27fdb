"""Achievement rules name trace events; a name no simulation records is an error, not a badge nobody can earn."""

import re
from pathlib import Path

import bleep_tui.core.sims as sims_package
from bleep_tui.content.achievements import load_achievements
from bleep_tui.core.sims import registry

RULE = """\
format: 1
achievements:
  - id: card-habit
    title: Card in pocket
    description: Took the card back.
    symbol: "*"
    ascii: "*"
    points: 10
    rule:
      type: sim_trace
      sim: atm
      event: {event}
      count: 1
"""


def test_every_event_a_simulation_logs_is_declared_for_the_checks() -> None:
    folder = Path(sims_package.__file__).parent
    for sim in registry().values():
        module = folder / f"{sim.new_model.__module__.rsplit('.', 1)[-1]}.py"
        logged = set(re.findall(r'log\("([a-z_]+)"', module.read_text())) | {"finished"}
        assert logged <= sim.trace_events, (sim.name, logged - sim.trace_events)


def test_a_misspelt_trace_event_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(RULE.format(event="card_takn"))
    problems = load_achievements(files=[path]).problems
    assert [p.line for p in problems] == [12]
    assert "never records `card_takn`" in problems[0].message


def test_a_real_trace_event_passes(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(RULE.format(event="card_taken"))
    result = load_achievements(files=[path])
    assert not result.problems and "card-habit" in result.achievements
