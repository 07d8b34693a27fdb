"""Progress derived from events: runs in progress, best results per lesson, XP."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level, LevelStatus, level_for
from bleep_tui.core.model import Lesson


@dataclass
class StepState:
    tries: int = 0
    hints: int = 0
    done: bool = False
    correct: bool = False
    points: int = 0
    bonus: int = 0
    last_answer: object = None
    draft: object = None  # a simulation task's last checkpoint, to go on from


@dataclass
class RunState:
    """One attempt at a lesson, rebuilt from its events (so it survives a dropped session)."""

    run: str
    lesson: str
    started_at: str
    steps: dict[str, StepState] = field(default_factory=dict)
    finished: bool = False

    def step(self, step_id: str) -> StepState:
        return self.steps.setdefault(step_id, StepState())

    def current_index(self, lesson: Lesson) -> int:
        """The first step not yet done; len(steps) when all are done."""
        for index, step in enumerate(lesson.steps):
            if not self.step(step.id).done:
                return index
        return len(lesson.steps)

    def earned(self) -> dict[str, tuple[int, int]]:
        return {sid: (s.points, s.bonus) for sid, s in self.steps.items() if s.done}


def apply(state: RunState, event: Event) -> None:
    """Fold one event of this run into its state."""
    step = state.step(event.step) if event.step else None
    if event.kind == "hint_shown" and step:
        step.hints = max(step.hints, event.hints)
    elif event.kind == "step_read" and step:
        step.done = True
    elif event.kind == "sim_draft" and step:
        step.draft = event.answer
    elif event.kind == "answered" and step and not step.done:
        step.tries = max(step.tries, event.try_number)
        step.last_answer = event.answer
        if event.finished:
            step.done, step.correct = True, event.correct
            step.points, step.bonus = event.points, event.bonus
    elif event.kind == "lesson_finished":
        state.finished = True


def runs(events: Iterable[Event]) -> dict[str, RunState]:
    states: dict[str, RunState] = {}
    for event in events:
        if event.kind == "lesson_started":
            states[event.run] = RunState(event.run, event.lesson, event.at)
        elif event.run in states:
            apply(states[event.run], event)
    return states


def open_run(events: Iterable[Event], lesson_id: str) -> RunState | None:
    """The latest unfinished run of a lesson, to resume where the learner left."""
    candidates = [r for r in runs(events).values() if r.lesson == lesson_id and not r.finished]
    return candidates[-1] if candidates else None


@dataclass(frozen=True)
class LessonRecord:
    """A learner's history with one lesson."""

    lesson: str
    attempts: int = 0  # runs started
    completions: int = 0
    best_percent: int = 0
    best_stars: int = 0
    best_xp: int = 0
    completed_at: str = ""  # first completion
    seconds: int = 0  # time spent in finished runs
    hints: int = 0
    in_progress: bool = False


def _seconds_between(start: str, end: str) -> int:
    try:
        return max(0, int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()))
    except ValueError:
        return 0


class _RunSoFar:
    """What lesson_records keeps of a run while it reads the events."""

    __slots__ = ("lesson", "started_at", "hints", "finished")

    def __init__(self, lesson: str, started_at: str) -> None:
        self.lesson, self.started_at = lesson, started_at
        self.hints: dict[str, int] = {}  # step -> hints shown
        self.finished = False


class _LessonSoFar:
    __slots__ = ("attempts", "completions", "best_percent", "best_stars", "best_xp", "completed_at", "seconds", "hints")

    def __init__(self) -> None:
        self.attempts = self.completions = self.best_percent = self.best_stars = self.best_xp = self.seconds = self.hints = 0
        self.completed_at = ""


def lesson_records(events: Iterable[Event]) -> dict[str, LessonRecord]:
    """Every lesson's history, in one pass over the events: Home reads this for every look at it,
    whatever the length of the learner's history."""
    started: dict[str, _RunSoFar] = {}
    lessons: dict[str, _LessonSoFar] = {}
    for event in events:
        kind = event.kind
        if kind == "lesson_started":
            started[event.run] = _RunSoFar(event.lesson, event.at)
            so_far = lessons.get(event.lesson) or lessons.setdefault(event.lesson, _LessonSoFar())
            so_far.attempts += 1
        elif kind == "hint_shown":
            run = started.get(event.run)
            if run is not None and event.hints > run.hints.get(event.step, 0):
                run.hints[event.step] = event.hints
        elif kind == "lesson_finished":
            run = started.get(event.run)
            if run is None:
                continue
            run.finished = True
            so_far = lessons.get(event.lesson) or lessons.setdefault(event.lesson, _LessonSoFar())
            so_far.completions += 1
            so_far.best_percent = max(so_far.best_percent, event.percent)
            so_far.best_stars = max(so_far.best_stars, event.stars)
            so_far.best_xp = max(so_far.best_xp, event.points)
            so_far.completed_at = so_far.completed_at or event.at
            so_far.seconds += _seconds_between(run.started_at, event.at)
            so_far.hints += sum(run.hints.values())
    unfinished = {run.lesson for run in started.values() if not run.finished}
    return {
        lesson: LessonRecord(
            lesson, so_far.attempts, so_far.completions, so_far.best_percent, so_far.best_stars, so_far.best_xp,
            so_far.completed_at, so_far.seconds, so_far.hints, lesson in unfinished,
        )
        for lesson, so_far in lessons.items()
    }


def total_xp(records: dict[str, LessonRecord]) -> int:
    """XP counts each lesson's best run, so replaying improves a score but cannot farm XP."""
    return sum(record.best_xp for record in records.values())


@dataclass(frozen=True)
class Snapshot:
    """What a learner has achieved so far, as the home screen shows it."""

    records: dict[str, LessonRecord]
    xp: int
    level: LevelStatus
    finished_at: tuple[str, ...] = ()  # when each lesson was finished (ISO time): the weekly streak counts these


def snapshot(events: list[Event], levels: tuple[Level, ...]) -> Snapshot:
    records = lesson_records(events)
    xp = total_xp(records)
    finished_at = tuple(event.at for event in events if event.kind == "lesson_finished")
    return Snapshot(records, xp, level_for(levels, xp), finished_at)
