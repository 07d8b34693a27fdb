"""Achievements: rules evaluated over a learner's events (see docs/achievements.md).

An achievement is earned when its rule holds over the learner's events. The
first time, an `achievement_earned` event is recorded with the date and the
points; from then on the badge is kept as recorded, even if its definition
later becomes harder or is removed. Badge points are a tally of their own:
they never add to XP, so levels depend on lessons alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Iterable

from bleep_tui.core.curriculum import Curriculum
from bleep_tui.core.events import Event
from bleep_tui.core.model import Lesson
from bleep_tui.core.mastery import CompetenceMastery, level_rank, passport
from bleep_tui.core.progress import LessonRecord, Progress, total_xp
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
    trace: dict[str, tuple[tuple[tuple[dict, ...], int], ...]]  # simulation -> (a task's trace entries, how many tasks had them)
    passport: dict[str, CompetenceMastery]
    curriculum: Curriculum
    recorded_badges: dict[str, tuple[str, int]]  # achievement -> (when, points), as first recorded

    @property
    def completed(self) -> set[str]:
        return {lesson for lesson, record in self.records.items() if record.completions}


def learner_facts(progress: Progress, curriculum: Curriculum, now: datetime, tz: tzinfo, paused_weeks: Iterable[str] = ()) -> Facts:
    records = progress.records()
    return Facts(
        records=records,
        xp=total_xp(records),
        no_hint_lessons=frozenset(progress.no_hint_lessons),
        streak=weekly_streak(progress.finished_at(), now, tz, paused_weeks),
        trace=_traces(progress, curriculum),
        passport=passport(curriculum, records),
        curriculum=curriculum,
        recorded_badges=dict(progress.badges),
    )


def _traces(progress: Progress, curriculum: Curriculum) -> dict[str, tuple[tuple[tuple[dict, ...], int], ...]]:
    """Each try and each replay of a simulation task counts, as practice does."""
    traces: dict[str, list[tuple[tuple[dict, ...], int]]] = {}
    for (lesson, step), tasks in progress.traces.items():
        sim = curriculum.sim_steps.get((lesson, step))
        if sim is not None:
            traces.setdefault(sim, []).extend((tuple(json.loads(task)), times) for task, times in tasks.items())
    return {sim: tuple(tasks) for sim, tasks in traces.items()}


def as_text(value: object) -> str:
    """How a rule's `where` compares a trace value: true/false for yes/no, else the plain text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def trace_count(rule: Rule, facts: Facts) -> int:
    """The tasks in which the event happened: doing it five times in one task still counts once."""
    return sum(
        times
        for task, times in facts.trace.get(rule.sim, ())
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


def earned_badges(definitions: Iterable[Achievement], facts: Facts, now_iso: str) -> list[Earned]:
    """Badges recorded earlier (kept as recorded), then those whose rule holds now for the first time."""
    by_id = {achievement.id: achievement for achievement in definitions}
    earned = {badge: Earned(badge, at, points, by_id.get(badge)) for badge, (at, points) in facts.recorded_badges.items()}
    for achievement in by_id.values():
        if achievement.id not in earned and rule_met(achievement.rule, facts):
            earned[achievement.id] = Earned(achievement.id, now_iso, achievement.points, achievement, new=True)
    return list(earned.values())


def badges_now(definitions: Iterable[Achievement], progress: Progress, lessons: Iterable[Lesson], now: datetime, tz: tzinfo,
               paused_weeks: Iterable[str] = ()) -> tuple[Facts, list[Earned]]:
    """What a learner has done, and every badge they hold: recorded ones, then the ones met now for the first time."""
    facts = learner_facts(progress, Curriculum.of(lessons), now, tz, paused_weeks)
    return facts, earned_badges(definitions, facts, now.isoformat(timespec="seconds"))


def earned_event(badge: Earned) -> Event:
    return Event("achievement_earned", badge.at, achievement=badge.id, points=badge.points)


def badge_points(earned: Iterable[Earned]) -> int:
    return sum(badge.points for badge in earned)
