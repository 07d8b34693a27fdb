"""Progress derived from events: runs in progress, best results per lesson, XP."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable

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


def _moment(at: str) -> datetime:
    """A stored time; one without a time zone is UTC, as BLEEP stores them. ValueError when it is no time."""
    moment = datetime.fromisoformat(at)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def seconds_between(start: str, end: str) -> int:
    try:
        return max(0, int((_moment(end) - _moment(start)).total_seconds()))
    except ValueError:
        return 0


# Bump when a rule of Progress changes: progress summaries kept by an older BLEEP are then derived again.
PROGRESS_RULES = 1
QUARTER_HOUR = 15 * 60  # every time zone's offset is a whole number of quarter hours


class _RunSoFar:
    """A run not finished yet, as Progress keeps it."""

    __slots__ = ("lesson", "started_at", "hints")

    def __init__(self, lesson: str, started_at: str, hints: dict[str, int] | None = None) -> None:
        self.lesson, self.started_at = lesson, started_at
        self.hints: dict[str, int] = {} if hints is None else hints  # step -> hints shown


class _LessonSoFar:
    __slots__ = ("attempts", "completions", "best_percent", "best_stars", "best_xp", "completed_at", "seconds", "hints")

    def __init__(self) -> None:
        self.attempts = self.completions = self.best_percent = self.best_stars = self.best_xp = self.seconds = self.hints = 0
        self.completed_at = ""


def _quarter_hour(at: str) -> int | None:
    """The UTC quarter hour a time falls in: a week starts on a quarter hour in every time zone, so the
    weekly streak counts the same from these as from the times themselves, in fewer numbers."""
    try:
        return int(_moment(at).timestamp()) // QUARTER_HOUR
    except ValueError:
        return None


class Progress:
    """What Home, the profile and the badges show, folded from the events one at a time.

    A run counts once: events of a run after its `lesson_finished` change nothing. The store keeps
    this beside the learner's journal and adds each new event to it, so a look at Home does not
    read the whole history (store/learner.py); `Progress.of(events)` derives it from the start.
    """

    def __init__(self) -> None:
        self.lessons: dict[str, _LessonSoFar] = {}
        self.open_runs: dict[str, _RunSoFar] = {}  # run -> what is known of it until it is finished
        self.finished: set[int] = set()  # quarter hours in which a lesson was finished (the streak's weeks)
        self.no_hint_lessons: set[str] = set()  # lessons finished in a run with no hint shown
        self.traces: dict[tuple[str, str], dict[str, int]] = {}  # (lesson, step) -> a task's trace entries (JSON) -> how often
        self.badges: dict[str, tuple[str, int]] = {}  # achievement -> (when, points), as first recorded

    @classmethod
    def of(cls, events: Iterable[Event]) -> Progress:
        progress = cls()
        for event in events:
            progress.add(event)
        return progress

    def _lesson(self, lesson: str) -> _LessonSoFar:
        return self.lessons.get(lesson) or self.lessons.setdefault(lesson, _LessonSoFar())

    def add(self, event: Event) -> None:
        kind = event.kind
        if kind == "lesson_started":
            self.open_runs.pop(event.run, None)  # started again: now the latest
            self.open_runs[event.run] = _RunSoFar(event.lesson, event.at)
            self._lesson(event.lesson).attempts += 1
        elif kind == "hint_shown":
            run = self.open_runs.get(event.run)
            if run is not None and event.hints > run.hints.get(event.step, 0):
                run.hints[event.step] = event.hints
        elif kind == "lesson_finished":
            slot = _quarter_hour(event.at)
            if slot is not None:
                self.finished.add(slot)
            run = self.open_runs.pop(event.run, None)
            if run is None:
                return
            so_far = self._lesson(event.lesson)
            so_far.completions += 1
            so_far.best_percent = max(so_far.best_percent, event.percent)
            so_far.best_stars = max(so_far.best_stars, event.stars)
            so_far.best_xp = max(so_far.best_xp, event.points)
            so_far.completed_at = so_far.completed_at or event.at
            so_far.seconds += seconds_between(run.started_at, event.at)
            so_far.hints += sum(run.hints.values())
            if not any(hints for step, hints in run.hints.items() if step):
                self.no_hint_lessons.add(run.lesson)
        elif kind == "answered" and isinstance(event.answer, list):
            # A simulation task's trace; a task counts once for each trace event in it (achievements.trace_count).
            entries = sorted({json.dumps(entry, sort_keys=True) for entry in event.answer if isinstance(entry, dict)})
            if entries:
                tasks = self.traces.setdefault((event.lesson, event.step), {})
                task = "[" + ",".join(entries) + "]"
                tasks[task] = tasks.get(task, 0) + 1
        elif kind == "achievement_earned" and event.achievement not in self.badges:
            self.badges[event.achievement] = (event.at, event.points)

    def open_run_of(self, lesson: str) -> str | None:
        """The latest run of a lesson not finished yet: the lesson player goes on with it."""
        return next((run_id for run_id, run in reversed(self.open_runs.items()) if run.lesson == lesson), None)

    def records(self) -> dict[str, LessonRecord]:
        unfinished = {run.lesson for run in self.open_runs.values()}
        return {
            lesson: LessonRecord(
                lesson, so_far.attempts, so_far.completions, so_far.best_percent, so_far.best_stars, so_far.best_xp,
                so_far.completed_at, so_far.seconds, so_far.hints, lesson in unfinished,
            )
            for lesson, so_far in self.lessons.items()
        }

    def finished_at(self) -> tuple[str, ...]:
        """A time in each quarter hour in which a lesson was finished, oldest first: what the streak counts."""
        return tuple(datetime.fromtimestamp(slot * QUARTER_HOUR, timezone.utc).isoformat() for slot in sorted(self.finished))

    def snapshot(self, levels: tuple[Level, ...]) -> Snapshot:
        records = self.records()
        xp = total_xp(records)
        return Snapshot(records, xp, level_for(levels, xp), self.finished_at())

    def to_json(self) -> dict[str, Any]:
        return {
            "lessons": {
                lesson: [s.attempts, s.completions, s.best_percent, s.best_stars, s.best_xp, s.completed_at, s.seconds, s.hints]
                for lesson, s in self.lessons.items()
            },
            "open_runs": {run_id: [run.lesson, run.started_at, run.hints] for run_id, run in self.open_runs.items()},
            "finished": sorted(self.finished),
            "no_hint_lessons": sorted(self.no_hint_lessons),
            "traces": [[lesson, step, tasks] for (lesson, step), tasks in self.traces.items()],
            "badges": {badge: [at, points] for badge, (at, points) in self.badges.items()},
        }

    @classmethod
    def from_json(cls, data: Any) -> Progress:
        """Progress as `to_json` wrote it; ValueError when anything in it has another shape."""
        try:
            progress = cls()
            for lesson, fields in _items(data["lessons"]):
                so_far = progress.lessons[lesson] = _LessonSoFar()
                (so_far.attempts, so_far.completions, so_far.best_percent, so_far.best_stars, so_far.best_xp,
                 so_far.completed_at, so_far.seconds, so_far.hints) = _shaped(fields, (int, int, int, int, int, str, int, int))
            for run_id, fields in _items(data["open_runs"]):
                lesson, started_at, hints = _shaped(fields, (str, str, dict))
                progress.open_runs[run_id] = _RunSoFar(lesson, started_at, dict(_items(hints, int)))
            progress.finished = set(_shaped(data["finished"], (int,) * len(data["finished"])))
            progress.no_hint_lessons = set(_shaped(data["no_hint_lessons"], (str,) * len(data["no_hint_lessons"])))
            for fields in data["traces"]:
                lesson, step, tasks = _shaped(fields, (str, str, dict))
                progress.traces[(lesson, step)] = dict(_items(tasks, int))
            for badge, fields in _items(data["badges"]):
                progress.badges[badge] = _shaped(fields, (str, int))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"progress of another shape: {error!r}") from None
        return progress


def _items(value: Any, kind: type = list) -> list[tuple[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(item, kind) and not isinstance(item, bool) for item in value.values()):
        raise ValueError("not a mapping of the right kind")
    return list(value.items())


def _shaped(value: Any, kinds: tuple[type, ...]) -> tuple[Any, ...]:
    if not isinstance(value, list) or len(value) != len(kinds):
        raise ValueError("a list of another length")
    if not all(isinstance(item, kind) and (kind is bool or not isinstance(item, bool)) for item, kind in zip(value, kinds)):
        raise ValueError("a value of another type")
    return tuple(value)


def lesson_records(events: Iterable[Event]) -> dict[str, LessonRecord]:
    """Every lesson's history, in one pass over the events."""
    return Progress.of(events).records()


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


def snapshot(events: Iterable[Event], levels: tuple[Level, ...]) -> Snapshot:
    return Progress.of(events).snapshot(levels)
