"""Achievements: rules evaluated over a learner's events (see docs/achievements.md).

An achievement is earned when its rule holds over the learner's events. The
first time, an `achievement_earned` event is recorded with the date and the
points; from then on the badge is kept as recorded, even if its definition
later becomes harder or is removed. Badge points are a tally of their own:
they never add to XP, so levels depend on lessons alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Iterable

from bleep_tui.core.curriculum import Curriculum
from bleep_tui.core.events import Event
from bleep_tui.core.mastery import CompetenceMastery, level_rank, passport
from bleep_tui.core.progress import LessonRecord, lesson_records, runs, total_xp
from bleep_tui.core.streaks import Streak, weekly_streak

RULE_TYPES: tuple[str, ...] = (
    "lesson_completed",
    "module_completed",
    "lessons_completed",
    "perfect_lessons",
    "no_hints_lesson",
    "total_xp",
    "weekly_streak",
    "sim_trace",
    "competence_mastery",
)


@dataclass(frozen=True)
class Rule:
    type: str
    count: int = 1  # how many: lessons, XP, weeks, simulation tasks
    lesson: str = ""  # lesson_completed
    module: str = ""  # module_completed
    sim: str = ""  # sim_trace: the simulation's name
    event: str = ""  # sim_trace: the trace event's name
    where: tuple[tuple[str, str], ...] = ()  # sim_trace: (field, value) the trace event must also have, as text
    competence: str = ""  # competence_mastery: a DigComp code
    level: str = ""  # competence_mastery: Attempted, Familiar, Proficient or Mastered


@dataclass(frozen=True)
class Achievement:
    id: str
    title: str
    description: str  # how to earn it, shown on locked badges too
    symbol: str
    ascii_symbol: str  # for consoles that cannot show Unicode
    rule: Rule
    points: int


@dataclass(frozen=True)
class Facts:
    """Everything the rules look at, derived once from the learner's events."""

    records: dict[str, LessonRecord]
    xp: int
    no_hint_lessons: frozenset[str]  # lessons finished in a run where no hint was shown
    streak: Streak
    trace: dict[str, tuple[tuple[dict, ...], ...]]  # simulation -> the trace of each task done on it
    passport: dict[str, CompetenceMastery]
    curriculum: Curriculum

    @property
    def completed(self) -> set[str]:
        return {lesson for lesson, record in self.records.items() if record.completions}


def learner_facts(events: list[Event], curriculum: Curriculum, now: datetime, tz: tzinfo, paused_weeks: Iterable[str] = ()) -> Facts:
    records = lesson_records(events)
    finished_runs = [run for run in runs(events).values() if run.finished]
    no_hints = frozenset(run.lesson for run in finished_runs if not any(step.hints for step in run.steps.values()))
    finished_at = [event.at for event in events if event.kind == "lesson_finished"]
    return Facts(
        records=records,
        xp=total_xp(records),
        no_hint_lessons=no_hints,
        streak=weekly_streak(finished_at, now, tz, paused_weeks),
        trace=_traces(events, curriculum),
        passport=passport(curriculum, records),
        curriculum=curriculum,
    )


def _traces(events: list[Event], curriculum: Curriculum) -> dict[str, tuple[tuple[dict, ...], ...]]:
    """Each try and each replay of a simulation task counts, as practice does."""
    traces: dict[str, list[tuple[dict, ...]]] = {}
    for event in events:
        sim = curriculum.sim_steps.get((event.lesson, event.step))
        if event.kind == "answered" and sim is not None and isinstance(event.answer, list):
            traces.setdefault(sim, []).append(tuple(entry for entry in event.answer if isinstance(entry, dict)))
    return {sim: tuple(tasks) for sim, tasks in traces.items()}


def as_text(value: object) -> str:
    """How a rule's `where` compares a trace value: true/false for yes/no, else the plain text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def trace_count(rule: Rule, facts: Facts) -> int:
    """The tasks in which the event happened: doing it five times in one task still counts once."""
    return sum(
        1
        for task in facts.trace.get(rule.sim, ())
        if any(
            entry.get("event") == rule.event and all(key in entry and as_text(entry[key]) == want for key, want in rule.where)
            for entry in task
        )
    )


def rule_progress(rule: Rule, facts: Facts) -> tuple[int, int]:
    """(how far the learner is, what the rule needs); the rule holds when the first reaches the second."""
    kind = rule.type
    if kind == "lesson_completed":
        return int(rule.lesson in facts.completed), 1
    if kind == "module_completed":
        lessons = facts.curriculum.modules.get(rule.module, ())
        return len(facts.completed & set(lessons)), max(1, len(lessons))  # an empty module is never complete
    if kind == "lessons_completed":
        return len(facts.completed), rule.count
    if kind == "perfect_lessons":
        return sum(1 for record in facts.records.values() if record.best_percent == 100), rule.count
    if kind == "no_hints_lesson":
        return len(facts.no_hint_lessons), rule.count
    if kind == "total_xp":
        return facts.xp, rule.count
    if kind == "weekly_streak":
        return facts.streak.best, rule.count
    if kind == "sim_trace":
        return trace_count(rule, facts), rule.count
    if kind == "competence_mastery":
        mastery = facts.passport.get(rule.competence)
        return (mastery.rank if mastery else 0), level_rank(rule.level)
    raise ValueError(f"unknown rule type {kind!r}")


def rule_met(rule: Rule, facts: Facts) -> bool:
    have, need = rule_progress(rule, facts)
    return have >= need


@dataclass(frozen=True)
class Earned:
    id: str
    at: str  # when it was earned (ISO time)
    points: int
    achievement: Achievement | None  # None when its definition was removed since
    new: bool = False  # met now and not yet recorded


def earned_badges(definitions: Iterable[Achievement], events: list[Event], facts: Facts, now_iso: str) -> list[Earned]:
    """Badges recorded earlier (kept as recorded), then those whose rule holds now for the first time."""
    by_id = {achievement.id: achievement for achievement in definitions}
    earned: dict[str, Earned] = {}
    for event in events:
        if event.kind == "achievement_earned" and event.achievement not in earned:
            earned[event.achievement] = Earned(event.achievement, event.at, event.points, by_id.get(event.achievement))
    for achievement in by_id.values():
        if achievement.id not in earned and rule_met(achievement.rule, facts):
            earned[achievement.id] = Earned(achievement.id, now_iso, achievement.points, achievement, new=True)
    return list(earned.values())


def earned_event(badge: Earned) -> Event:
    return Event("achievement_earned", badge.at, achievement=badge.id, points=badge.points)


def badge_points(earned: Iterable[Earned]) -> int:
    return sum(badge.points for badge in earned)
