"""Lessons and steps as typed, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

StepType = Literal["info", "choice", "text", "order", "sim"]
STEP_TYPES: tuple[str, ...] = ("info", "choice", "text", "order", "sim")
MAX_TRIES = 3
EURO = "EUR"


@dataclass(frozen=True)
class Module:
    id: str
    title: str


@dataclass(frozen=True)
class Option:
    """One answer of a choice. Answers name it by its place in the file, whatever place it is shown at."""

    text: str
    correct: bool = False
    feedback: str = ""
    pinned: bool = False  # shown at its written place, where order means something ("None of these" last)


@dataclass(frozen=True)
class WrongAnswer:
    answer: str
    feedback: str


@dataclass(frozen=True)
class Step:
    id: str
    type: StepType
    title: str = ""
    points: int = 0
    hints: tuple[str, ...] = ()
    hint_cost: int = 0
    explanation: str = ""

    @property
    def scored(self) -> bool:
        return self.type != "info"

    @property
    def label(self) -> str:
        """What a facilitator knows the step by: its title, else its question or task, else its id."""
        return self.title or getattr(self, "prompt", "") or getattr(self, "task", "") or self.id


@dataclass(frozen=True)
class InfoStep(Step):
    text: str = ""


@dataclass(frozen=True)
class ChoiceStep(Step):
    prompt: str = ""
    multiple: bool = False
    options: tuple[Option, ...] = ()

    @property
    def correct_indexes(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


@dataclass(frozen=True)
class TextStep(Step):
    prompt: str = ""
    placeholder: str = ""
    accept: tuple[str, ...] = ()
    pattern: str = ""
    validator: str = ""
    case_sensitive: bool = False
    wrong_answers: tuple[WrongAnswer, ...] = ()
    feedback: str = ""


@dataclass(frozen=True)
class OrderStep(Step):
    prompt: str = ""
    items: tuple[str, ...] = ()
    feedback: str = ""


@dataclass(frozen=True)
class Goal:
    """One thing a simulation task asks for, checked against the trace (e.g. `withdrew: 40`)."""

    check: str
    value: Any
    points: int
    label: str  # what the goal is, shown in the debrief: "Took out 40 euro"
    feedback: str  # shown when the goal was missed: why it matters, what to do
    praise: str = ""  # shown when it was met


@dataclass(frozen=True)
class SimStep(Step):
    """A task on a simulated machine (ATM, card terminal, banking app, ...)."""

    sim: str = ""
    task: str = ""
    scenario: Any = None  # the simulation's own typed scenario
    goals: tuple[Goal, ...] = ()


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    module: str
    summary: str
    competences: tuple[str, ...]
    level: int
    minutes: int
    steps: tuple[Step, ...] = field(default=())
    after: tuple[str, ...] = ()  # ids of lessons this one builds on: suggested first, never a lock
    currency: str = EURO  # the money of its simulations (ISO 4217): a translation's scenario overlay may change it

    @property
    def step_types(self) -> list[str]:
        return [t for t in STEP_TYPES if any(step.type == t for step in self.steps)]

    @property
    def max_points(self) -> int:
        return sum(step.points for step in self.steps)

    def step_index(self, step_id: str) -> int | None:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        return None
