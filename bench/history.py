"""A returning learner's history, written through the real store (LearnerStore.record), one event at a time.

The learner plays every shipped lesson in turn, over and over, as a year or more of sessions would:
a login per session, a few wrong tries and hints, now and then a lesson left half way and finished
later, the badges their results earn. It stops at the number of events asked for.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bleep_tui.content.shipped import Content
from bleep_tui.core.achievements import earned_badges, earned_event, learner_facts
from bleep_tui.core.curriculum import Curriculum
from bleep_tui.core.events import Event
from bleep_tui.core.model import MAX_TRIES, ChoiceStep, Lesson, OrderStep, SimStep, TextStep
from bleep_tui.core.scoring import lesson_result, score_answer
from bleep_tui.store.learner import LearnerStore

LESSONS_PER_SESSION = 3
DAYS_PER_1000_EVENTS = 75  # a session every one to four days, three lessons a session


class History:
    """Writes `events` events for one learner; `plays` and `days` say what they stand for."""

    def __init__(self, store: LearnerStore, content: Content, seed: int = 20):
        self.store, self.content = store, content
        self.curriculum = Curriculum.of(content.catalog.lessons.values())
        self.random = random.Random(seed)
        self.first_day = self.clock = datetime.now(timezone.utc).replace(hour=9, minute=0, second=0, microsecond=0)
        self.written = self.plays = 0
        self.limit = 0

    def write(self, events: int) -> None:
        self.limit = events
        self.first_day = self.clock = self.clock - timedelta(days=events * DAYS_PER_1000_EVENTS // 1000)  # ends about today
        if self.store.profile() is None:
            self.store.create("Sam")
        lessons = list(self.content.catalog.lessons.values())
        while self.written < self.limit:
            self._session()
            for _ in range(LESSONS_PER_SESSION):
                self._play(lessons[self.plays % len(lessons)])
                self.plays += 1
                if self.plays % len(lessons) == 0:
                    self._award_badges()

    @property
    def days(self) -> int:
        return (self.clock - self.first_day).days

    def _record(self, kind: str, **fields: object) -> None:
        if self.written >= self.limit:
            return
        self.clock += timedelta(seconds=self.random.randint(5, 90))
        self.store.record(Event(kind, self.clock.isoformat(timespec="seconds"), **fields))  # type: ignore[arg-type]
        self.written += 1

    def _session(self) -> None:
        self.clock += timedelta(days=self.random.choice((1, 2, 3, 4)))
        self._record("login")

    def _award_badges(self) -> None:
        """As the lesson player does after each lesson (here after each round of all lessons, to keep it quick)."""
        facts = learner_facts(self.store.progress(), self.curriculum, self.clock, timezone.utc)
        for badge in earned_badges(self.content.achievements, facts, self.clock.isoformat(timespec="seconds")):
            if badge.new and self.written < self.limit:
                self.store.record(earned_event(badge))
                self.written += 1

    def _play(self, lesson: Lesson) -> None:
        run = f"{self.plays:012x}"
        self._record("lesson_started", lesson=lesson.id, run=run)
        earned: dict[str, tuple[int, int]] = {}
        for step in lesson.steps:
            where = {"lesson": lesson.id, "run": run, "step": step.id}
            if not step.scored:
                self._record("step_read", **where)
                continue
            hints = 1 if step.hints and self.random.random() < 0.15 else 0
            if hints:
                self._record("hint_shown", hints=1, **where)
            for try_number in range(1, MAX_TRIES + 1):
                right = self.random.random() < 0.75 or try_number == MAX_TRIES
                answer = _answer(step, right)
                if isinstance(step, SimStep):
                    self._record("sim_draft", answer={"page": 1}, **where)
                outcome = score_answer(step, answer, try_number, hints)
                self._record(
                    "answered", answer=answer if isinstance(answer, str) else list(answer), correct=outcome.correct,
                    points=outcome.points, bonus=outcome.bonus, try_number=try_number, hints=hints,
                    finished=outcome.finished, **where,
                )
                if outcome.finished:
                    earned[step.id] = (outcome.points, outcome.bonus)
                    break
        result = lesson_result(lesson, earned)
        self._record(
            "lesson_finished", lesson=lesson.id, run=run, points=result.xp, bonus=result.bonus,
            percent=result.percent, stars=result.stars,
        )


def _answer(step, right: bool):
    """An answer of the kind the lesson player records: right, or plausibly wrong."""
    if isinstance(step, ChoiceStep):
        chosen = sorted(step.correct_indexes) if right else [i for i in range(len(step.options)) if i not in step.correct_indexes][:1]
        return chosen
    if isinstance(step, TextStep):
        return (step.accept[0] if step.accept else "a plausible answer") if right else "not sure"
    if isinstance(step, OrderStep):
        order = list(range(len(step.items)))
        return order if right else order[1:] + order[:1]
    assert isinstance(step, SimStep)
    return [{"event": "task_started"}, {"event": "screen", "name": "menu"}, {"event": "task_done", "right": right}]


def write_history(data_dir: Path, content: Content, events: int) -> History:
    history = History(LearnerStore(data_dir), content)
    history.write(events)
    return history


if __name__ == "__main__":
    import sys

    from bleep_tui.content.shipped import load_content

    write_history(Path(sys.argv[1]), load_content(), int(sys.argv[2]))
