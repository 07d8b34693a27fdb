"""Playing a lesson: the answer flow every front end shares (the full-screen app and linear mode).

One run of a lesson, step by step: an answer is checked, scored for its try and the hints
shown, and saved the moment it is given; a step is over when right or out of tries. Saving
is the front end's (a callable that writes an event and says whether it could), so this stays
free of I/O and both front ends keep exactly the same rules.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Callable, Iterable

from bleep_tui.core.events import Event, now_iso
from bleep_tui.core.model import MAX_TRIES, ChoiceStep, InfoStep, Lesson, OrderStep, Step, TextStep
from bleep_tui.core.progress import RunState, StepState, apply, open_run
from bleep_tui.core.scoring import Answer, LessonResult, Outcome, lesson_result, score_answer, unanswered
from bleep_tui.core.shuffle import item_order, option_order, step_seed
from bleep_tui.i18n import _

Save = Callable[[Event], bool]  # writes an event now; False when it could not (the front end has said why)


def right_answer(step: Step) -> str:
    """The right answer, said when a learner is out of tries."""
    if isinstance(step, ChoiceStep):
        return "; ".join(o.text for o in step.options if o.correct)
    if isinstance(step, TextStep):
        return step.accept[0] if step.accept else _("any valid answer of the kind asked")
    if isinstance(step, OrderStep):
        return "".join(f"\n  {n}. {item}" for n, item in enumerate(step.items, 1))  # one line each
    return ""


@dataclass(frozen=True)
class Answered:
    """What happened to one answer: `outcome` None when it was empty (no try taken), came after the step
    was over, or could not be saved."""

    outcome: Outcome | None
    tries_left: int  # after this answer
    empty: bool = False
    too_late: bool = False

    @property
    def unsaved(self) -> bool:
        return self.outcome is None and not self.empty and not self.too_late


class LessonPlay:
    """One run of `lesson`, rebuilt from its saved events when the learner comes back to it."""

    def __init__(self, lesson: Lesson, run: RunState, save: Save) -> None:
        self.lesson = lesson
        self.run = run
        self._save = save
        self.index = run.current_index(lesson)

    @classmethod
    def begin(cls, lesson: Lesson, open_events: Iterable[Event] | None, save: Save) -> LessonPlay | None:
        """Go on with the unfinished run whose events are given, else start a new one; None if it could not be saved."""
        run = None if open_events is None else open_run(open_events, lesson.id)
        if run is None:
            run = RunState(uuid.uuid4().hex[:12], lesson.id, now_iso())
            if not save(Event("lesson_started", run.started_at, lesson=lesson.id, run=run.run)):
                return None
        return cls(lesson, run, save)

    @property
    def over(self) -> bool:
        return self.index >= len(self.lesson.steps)

    @property
    def step(self) -> Step:
        return self.lesson.steps[self.index]

    @property
    def state(self) -> StepState:
        return self.run.step(self.step.id)

    def go_to(self, index: int) -> None:
        self.index = index

    def next_step(self) -> None:
        self.index += 1

    def save(self, kind: str, **fields: object) -> Event | None:
        """Record an event of this step and fold it into the run's state; None if it could not be saved."""
        event = Event(kind, now_iso(), lesson=self.lesson.id, run=self.run.run, step=self.step.id, **fields)
        if not self._save(event):
            return None
        apply(self.run, event)
        return event

    def seed(self) -> str:
        return step_seed(self.run.run, self.step.id)

    def option_order(self) -> tuple[int, ...]:
        """The order a choice step's options are shown in this run (the same when the learner comes back)."""
        assert isinstance(self.step, ChoiceStep)
        return option_order(self.step, self.seed())

    def item_order(self) -> tuple[int, ...]:
        """The mixed-up order an order step's items start in this run."""
        assert isinstance(self.step, OrderStep)
        return item_order(self.step, self.seed())

    def hint_allowed(self) -> bool:
        state = self.state
        return bool(self.step.scored and not state.done and state.hints < len(self.step.hints))

    def show_hint(self) -> str | None:
        """The next hint, once saved (it costs points); None when there is none left or it could not be saved."""
        if not self.hint_allowed():
            return None
        shown = self.state.hints + 1
        return self.step.hints[shown - 1] if self.save("hint_shown", hints=shown) else None

    def read(self) -> bool:
        """An info step was read: saved once; False if it could not be saved."""
        assert isinstance(self.step, InfoStep)
        return self.state.done or self.save("step_read") is not None

    def answer(self, given: Answer) -> Answered:
        """Check, score and save an answer to the current step (a simulation's answer is its trace's records)."""
        step, state = self.step, self.state
        shown = self.item_order() if isinstance(step, OrderStep) else ()
        if state.done:
            return Answered(None, 0, too_late=True)
        if unanswered(step, given, shown):
            return Answered(None, MAX_TRIES - state.tries, empty=True)
        outcome = score_answer(step, given, state.tries + 1, state.hints)
        saved = self.save(
            "answered",
            answer=given if isinstance(given, str) else list(given),
            correct=outcome.correct,
            points=outcome.points,
            bonus=outcome.bonus,
            try_number=state.tries + 1,
            hints=state.hints,
            finished=outcome.finished,
        )
        return Answered(outcome if saved is not None else None, MAX_TRIES - state.tries)

    def finish(self) -> LessonResult | None:
        """Record the end of the lesson; its result, or None if it could not be saved."""
        result = lesson_result(self.lesson, self.run.earned())
        event = Event(
            "lesson_finished", now_iso(), lesson=self.lesson.id, run=self.run.run,
            points=result.xp, bonus=result.bonus, percent=result.percent, stars=result.stars,
        )
        return result if self._save(event) else None
