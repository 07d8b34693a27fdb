"""The simulation framework: models are plain state machines with an append-only trace.

A lesson's `sim` step names a simulation, gives its starting scenario, and lists
goals. Goals are checked against the trace only, so a finished run can be
re-scored, exported, and counted by achievements from the stored events alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol


@dataclass(frozen=True)
class TraceEntry:
    """One thing the learner did, or one thing the machine did in reply."""

    event: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        return {"event": self.event, **self.data}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> TraceEntry:
        data = dict(record)
        return cls(str(data.pop("event", "")), data)


Trace = tuple[TraceEntry, ...]


class ScenarioReader(Protocol):
    """How a simulation reads its scenario from a lesson file (content/ supplies it, with line numbers)."""

    def text(self, key: str, required: bool = True, default: str = "") -> str: ...
    def integer(self, key: str, low: int, high: int, required: bool = True, default: int = 0) -> int: ...
    def boolean(self, key: str, default: bool = False) -> bool: ...
    def text_list(self, key: str, required: bool = True) -> list[str]: ...
    def mappings(self, key: str, required: bool = True) -> list[ScenarioReader]: ...
    def error(self, key: str, message: str) -> None: ...
    def reject_unknown(self) -> None: ...


class SimModel:
    """Base of every simulation model: actions in, state out, and the trace of what happened."""

    def __init__(self) -> None:
        self.trace: list[TraceEntry] = []
        self.finished = False

    def log(self, event: str, **data: Any) -> None:
        self.trace.append(TraceEntry(event, data))

    def finish(self) -> None:
        if not self.finished:
            self.finished = True
            self.log("finished")

    def task_draft(self) -> dict[str, Any] | None:
        """What to keep of an unfinished task, so it goes on after a break or a dropped line.

        A new object only at the model's own checkpoints (e.g. a form's page change): the
        lesson saves each one. None, the default: an interrupted task starts again.
        """
        return None

    def resume_task(self, draft: dict[str, Any]) -> None:
        """Go on from a `task_draft()` this kind of model made."""


# A goal's value is typed by its kind: "int" (a whole number), "money" (euro like 3.40, given to
# the check in cents), "bool", "text", or "none".
GoalKind = str


@dataclass(frozen=True)
class GoalType:
    """A check a lesson can ask for, e.g. `withdrew: 40` or `card_taken: true`."""

    kind: GoalKind
    check: Callable[[Trace, Any], bool]
    describe: str  # for authors: what the goal means (docs/authoring.md lists them)
    # Optional: (value, scenario) -> a problem for the lesson author, e.g. a message id the inbox lacks.
    check_value: Callable[[Any, Any], str | None] | None = None


@dataclass(frozen=True)
class Simulation:
    name: str
    title: str
    read_scenario: Callable[[ScenarioReader], Any]  # returns the sim's typed scenario
    new_model: Callable[[Any], SimModel]
    goals: dict[str, GoalType]
    trace_events: frozenset[str] = frozenset()  # every event name its model logs: achievement rules are checked against it


def events_named(trace: Trace, name: str) -> list[TraceEntry]:
    return [entry for entry in trace if entry.event == name]


def happened(trace: Trace, name: str) -> bool:
    return any(entry.event == name for entry in trace)
