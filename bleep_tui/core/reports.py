"""What a facilitator sees about a group: each learner's totals and each lesson's weak spots.

Pure functions over learners' events; the dashboard and the exports both read these.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable

from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level, LevelStatus, level_for
from bleep_tui.core.progress import LessonRecord, lesson_records, total_xp


@dataclass(frozen=True)
class LearnerData:
    """One learner as stored: account details (if they have an account) and all their events."""

    code: str
    name: str
    events: tuple[Event, ...] = ()
    active: bool = True
    locked: bool = False
    created: str = ""
    damaged: str = ""  # what is wrong with their stored record, when it cannot be read (then no events)
    groups: tuple[str, ...] = ()
    id_number: str = ""  # what another system (a Moodle site) knows them by; "" when not set


@dataclass(frozen=True)
class LessonInfo:
    id: str
    title: str
    module: str  # the module's title
    steps: tuple[tuple[str, str], ...] = ()  # (id, label) of each step, in the lesson's order


@dataclass(frozen=True)
class LearnerSummary:
    code: str
    name: str
    level: LevelStatus
    xp: int
    lessons_done: int
    last_active: str  # time of the latest event, "" if none
    seconds: int  # time spent in finished lessons
    active: bool
    locked: bool
    records: dict[str, LessonRecord]


def summarise(learner: LearnerData, levels: tuple[Level, ...]) -> LearnerSummary:
    events = list(learner.events)
    records = lesson_records(events)
    xp = total_xp(records)
    return LearnerSummary(
        code=learner.code,
        name=learner.name,
        level=level_for(levels, xp),
        xp=xp,
        lessons_done=sum(1 for record in records.values() if record.completions),
        last_active=max((event.at for event in events), default=""),
        seconds=sum(record.seconds for record in records.values()),
        active=learner.active,
        locked=learner.locked,
        records=records,
    )


QUIET_DAYS = 14  # a learner with nothing done for this long may have lost heart, or lost access
RECENT_ANSWERS = 20  # the latest answers looked at for "many wrong"
MANY_WRONG_SHARE = 0.5  # half or more of them wrong at the first try
MIN_ANSWERS_JUDGED = 6  # fewer first tries than this say nothing yet


def needs_help(learner: LearnerData, now: datetime) -> str:
    """Why a facilitator should look in on this learner ("quiet", "struggling"), or "" when nothing stands out."""
    moments = [moment for moment in (_moment(event.at) for event in learner.events) if moment is not None]
    if not moments or now - max(moments) >= timedelta(days=QUIET_DAYS):
        return "quiet"
    first_tries = [event.correct for event in learner.events if event.kind == "answered" and event.try_number == 1][-RECENT_ANSWERS:]
    if len(first_tries) >= MIN_ANSWERS_JUDGED and first_tries.count(False) >= MANY_WRONG_SHARE * len(first_tries):
        return "struggling"
    return ""


def _moment(at: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _day(at: str) -> date | None:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.date()


def events_between(events: Iterable[Event], since: date | None, until: date | None) -> tuple[Event, ...]:
    """Events from `since` to `until` (UTC days, both included; None leaves that end open),
    with the start of any run that goes on within them."""
    events = list(events)
    days = [_day(event.at) for event in events]
    inside = [day is not None and (since or date.min) <= day <= (until or date.max) for day in days]  # an unreadable time is outside
    runs_kept = {event.run for event, keep in zip(events, inside) if keep and event.run}
    return tuple(
        event for event, keep in zip(events, inside)
        if keep or (event.kind == "lesson_started" and event.run in runs_kept)
    )


def in_group(learner: LearnerData, group: str) -> bool:
    """Group names match whatever their case, as learner codes do."""
    return any(joined.casefold() == group.casefold() for joined in learner.groups)


@dataclass(frozen=True)
class Selection:
    """Which learners (a group's, or everyone) and which days of what they did (None leaves that end open)."""

    group: str | None = None
    since: date | None = None
    until: date | None = None

    def as_of(self, now: datetime) -> datetime:
        """The moment the selection is seen from: now, or the end of the `until` day when that is earlier."""
        return now if self.until is None else min(now, datetime.combine(self.until, time.max, timezone.utc))


def selected(learners: Iterable[LearnerData], selection: Selection) -> list[LearnerData]:
    """The learners of the selection's group, each with only what they did on its days."""
    chosen = [learner for learner in learners if selection.group is None or in_group(learner, selection.group)]
    if selection.since is None and selection.until is None:
        return chosen
    return [replace(learner, events=events_between(learner.events, selection.since, selection.until)) for learner in chosen]


@dataclass(frozen=True)
class MissedStep:
    step: str
    wrong_answers: int  # wrong answers given, all learners together
    learners: int  # learners who got it wrong at least once
    common_answer: str  # the most frequent wrong typed answer, "" for choices and tasks


@dataclass(frozen=True)
class LessonStats:
    lesson: str
    started: int  # learners who started it
    completed: int  # learners who finished it at least once
    average_percent: int | None  # of the finishers' best scores
    missed: tuple[MissedStep, ...]  # most often got wrong first

    @property
    def completion_percent(self) -> int | None:
        return round(100 * self.completed / self.started) if self.started else None


def lesson_stats(learners: Iterable[LearnerData], lesson_id: str) -> LessonStats:
    started = completed = 0
    best_scores: list[int] = []
    wrong: Counter[str] = Counter()
    wrong_learners: Counter[str] = Counter()
    answers: dict[str, Counter[str]] = {}
    for learner in learners:
        record = lesson_records(list(learner.events)).get(lesson_id)
        if record is None:
            continue
        started += 1
        if record.completions:
            completed += 1
            best_scores.append(record.best_percent)
        missed_here = set()
        for event in learner.events:
            if event.kind == "answered" and event.lesson == lesson_id and not event.correct:
                wrong[event.step] += 1
                missed_here.add(event.step)
                if isinstance(event.answer, str) and event.answer.strip():
                    answers.setdefault(event.step, Counter())[event.answer.strip()] += 1
        wrong_learners.update(missed_here)
    missed = tuple(
        MissedStep(step, count, wrong_learners[step], answers[step].most_common(1)[0][0] if step in answers else "")
        for step, count in sorted(wrong.items(), key=lambda item: (-item[1], item[0]))
    )
    average = round(sum(best_scores) / len(best_scores)) if best_scores else None
    return LessonStats(lesson_id, started, completed, average, missed)


@dataclass(frozen=True)
class StepDifficulty:
    lesson: str
    step: str
    learners: int  # learners who answered it or asked for a hint
    answers: int  # answers given, all learners and tries together
    first_tries: int  # first answers given (one per run that reached the step)
    first_try_right: int  # of those, the right ones
    hints: int  # hints shown

    @property
    def first_try_share(self) -> float | None:
        """The share of first answers that were right, 0 to 1; None when nobody answered it."""
        return self.first_try_right / self.first_tries if self.first_tries else None


def step_difficulty(learners: Iterable[LearnerData]) -> dict[tuple[str, str], StepDifficulty]:
    """Per (lesson, step): how often it was answered, how often right on the first try, and the hints it took."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    who: dict[tuple[str, str], set[str]] = {}
    for learner in learners:
        for event in learner.events:
            if event.kind not in ("answered", "hint_shown") or not event.step:
                continue
            key = (event.lesson, event.step)
            count = counts.setdefault(key, Counter())
            who.setdefault(key, set()).add(learner.code)
            if event.kind == "hint_shown":
                count["hints"] += 1
                continue
            count["answers"] += 1
            if event.try_number == 1:
                count["first_tries"] += 1
                count["first_try_right"] += bool(event.correct)
    return {
        key: StepDifficulty(key[0], key[1], len(who[key]), count["answers"], count["first_tries"], count["first_try_right"], count["hints"])
        for key, count in counts.items()
    }
