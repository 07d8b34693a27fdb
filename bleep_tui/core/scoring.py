"""Scoring: an answer in, an outcome out; a lesson's steps in, a result out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from bleep_tui.core.answers import VALIDATORS, normalise
from bleep_tui.core.model import (
    MAX_TRIES,
    ChoiceStep,
    Goal,
    Lesson,
    OrderStep,
    SimStep,
    Step,
    TextStep,
)

# A right answer on try 1, 2, 3 earns this share of the step's points.
TRY_SHARE: tuple[float, ...] = (1.0, 0.5, 0.25)
FIRST_TRY_BONUS_SHARE = 0.2
STAR_THRESHOLDS: tuple[int, ...] = (40, 70, 90)  # percent for 1, 2, 3 stars

# Text, a simulation's trace, or options chosen / items ordered named by their place in the lesson file,
# never by where a run showed them (core/shuffle.py): so answers stored before options were shuffled read the same.
Answer = str | Sequence[int] | Sequence[dict]


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    met: bool


@dataclass(frozen=True)
class Outcome:
    """What one answer to one step earned."""

    correct: bool
    points: int  # earned for this step, bonus included; 0 unless correct (a simulation earns per goal met)
    bonus: int
    feedback: tuple[str, ...]  # the lesson's feedback for what was chosen or typed
    missed: int = 0  # right options left unticked (multiple choice)
    finished: bool = False  # right, or out of tries: the step is over
    goals: tuple[GoalResult, ...] = ()  # simulations: each goal met or missed

    @property
    def out_of_tries(self) -> bool:
        return self.finished and not self.correct


def default_hint_cost(points: int) -> int:
    return max(1, points // 4)


def step_points(step: Step, try_number: int, hints_used: int) -> tuple[int, int]:
    """(points, bonus) for a right answer on `try_number` (1-based) after `hints_used` hints."""
    share = TRY_SHARE[min(try_number, len(TRY_SHARE)) - 1]
    points = max(0, int(step.points * share) - hints_used * step.hint_cost)
    bonus = round(step.points * FIRST_TRY_BONUS_SHARE) if try_number == 1 and hints_used == 0 else 0
    return points + bonus, bonus


def unanswered(step: Step, answer: Answer, shown: Sequence[int] = ()) -> bool:
    """Nothing typed, chosen or ticked, or the items left as they were `shown`: not an answer, so it costs no try."""
    if isinstance(step, TextStep):
        return not normalise(str(answer))
    if isinstance(step, ChoiceStep):
        return not list(answer)
    if isinstance(step, OrderStep):
        return list(answer) == list(shown)
    return False


def score_answer(step: Step, answer: Answer, try_number: int, hints_used: int) -> Outcome:
    """Judge `answer` as the learner's try number `try_number` (1-based) at `step`."""
    if isinstance(step, SimStep):
        return score_sim(step, answer, hints_used)  # type: ignore[arg-type]
    if isinstance(step, ChoiceStep):
        correct, feedback, missed = _judge_choice(step, answer)
    elif isinstance(step, TextStep):
        correct, feedback = _judge_text(step, str(answer))
        missed = 0
    elif isinstance(step, OrderStep):
        correct = list(answer) == list(range(len(step.items)))
        feedback = () if correct else (step.feedback,)
        missed = 0
    else:
        raise TypeError(f"step {step.id!r} of type {step.type!r} takes no answer")
    finished = correct or try_number >= MAX_TRIES
    if not correct:
        return Outcome(False, 0, 0, feedback, missed, finished)
    points, bonus = step_points(step, try_number, hints_used)
    return Outcome(True, points, bonus, feedback, 0, True)


def score_sim(step: SimStep, trace_records: Sequence[dict], hints_used: int) -> Outcome:
    """A simulation run is one try: each goal met earns its points; all met on no hints earns the bonus."""
    from bleep_tui.core.sims import registry
    from bleep_tui.core.sims.base import TraceEntry

    goal_types = registry()[step.sim].goals
    trace = tuple(TraceEntry.from_record(record) for record in trace_records)
    results = tuple(GoalResult(goal, bool(goal_types[goal.check].check(trace, goal.value))) for goal in step.goals)
    met_points = sum(r.goal.points for r in results if r.met)
    all_met = all(r.met for r in results)
    points = max(0, met_points - hints_used * step.hint_cost)
    bonus = round(step.points * FIRST_TRY_BONUS_SHARE) if all_met and hints_used == 0 else 0
    feedback = tuple((r.goal.praise if r.met else r.goal.feedback) for r in results)
    return Outcome(all_met, points + bonus, bonus, tuple(f for f in feedback if f), 0, True, results)


def _judge_choice(step: ChoiceStep, answer: Answer) -> tuple[bool, tuple[str, ...], int]:
    chosen = frozenset(int(i) for i in answer if 0 <= int(i) < len(step.options))
    right = step.correct_indexes
    wrong_picks = sorted(chosen - right)
    feedback = tuple(step.options[i].feedback for i in (wrong_picks or sorted(chosen)))
    missed = len(right - chosen) if step.multiple else 0
    return chosen == right, tuple(f for f in feedback if f), missed


def _judge_text(step: TextStep, answer: str) -> tuple[bool, tuple[str, ...]]:
    typed = normalise(answer, step.case_sensitive)
    if not typed:
        return False, (step.feedback,)
    if any(typed == normalise(a, step.case_sensitive) for a in step.accept):
        return True, ()
    # A mistake the author named stays a mistake even when the pattern would let it through (the lesson's
    # own example passphrase, in whatever language the lesson is translated into).
    for wrong in step.wrong_answers:
        if typed == normalise(wrong.answer, step.case_sensitive):
            return False, (wrong.feedback,)
    flags = 0 if step.case_sensitive else re.IGNORECASE
    # Matched before case folding, so a pattern with letters like ß still matches its own text.
    if step.pattern and re.fullmatch(step.pattern, normalise(answer, case_sensitive=True), flags):
        return True, ()
    if step.validator and VALIDATORS[step.validator](answer):
        return True, ()
    return False, (step.feedback,)


@dataclass(frozen=True)
class LessonResult:
    points: int  # without bonuses
    bonus: int
    max_points: int
    percent: int
    stars: int

    @property
    def xp(self) -> int:
        return self.points + self.bonus


def stars_for(percent: int) -> int:
    return sum(1 for threshold in STAR_THRESHOLDS if percent >= threshold)


def lesson_result(lesson: Lesson, earned: dict[str, tuple[int, int]]) -> LessonResult:
    """The result of a run, from {step id: (points incl. bonus, bonus)} of its finished steps."""
    known = {step.id for step in lesson.steps}
    points = sum(p - b for step_id, (p, b) in earned.items() if step_id in known)
    bonus = sum(b for step_id, (p, b) in earned.items() if step_id in known)
    max_points = lesson.max_points
    percent = 100 if max_points == 0 else min(100, round(100 * points / max_points))
    return LessonResult(points, bonus, max_points, percent, stars_for(percent))
