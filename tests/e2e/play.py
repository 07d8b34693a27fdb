"""A learner's keystrokes in a real terminal: open a lesson, play `safety-one-time-codes`."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.model import ChoiceStep, Lesson, OrderStep
from bleep_tui.core.shuffle import item_order, option_order, step_seed
from bleep_tui.store.learner import PERSONAL_CODE, LearnerStore

from .ptyterm import PtyTerminal, ScreenTimeout

LESSON = "safety-one-time-codes"


def lesson(lesson_id: str = LESSON) -> Lesson:
    return load_catalog().lessons[lesson_id]


def open_lesson(term: PtyTerminal, lesson_id: str = LESSON) -> None:
    """Move down the lesson list until Home describes the lesson below it, then press Enter."""
    summary = " ".join(lesson(lesson_id).summary.split())[:30]
    for _ in range(60):
        if summary in " ".join(term.text().split()):
            term.press("enter")
            return
        before = len(term.output)
        term.press("down", settle=False)
        try:  # decide on the next screen only, however slow the machine; a move can change only the highlight
            term.wait_for(lambda _screen: len(term.output) != before, timeout=10)
        except ScreenTimeout:
            break  # the end of the list
        term.settle()
    raise AssertionError(f"lesson {lesson_id} not found on Home:\n{term.text()}")


def started_run(data_dir: Path, code: str = PERSONAL_CODE, lesson_id: str = LESSON) -> str:
    """The run the learner last started: it seeds the order the options and items are shown in."""
    events = LearnerStore(data_dir, code).events()
    return [e.run for e in events if e.kind == "lesson_started" and e.lesson == lesson_id][-1]


def choice_keys(step: ChoiceStep, run: str) -> list[str]:
    """The keys that answer a single-answer choice right, where the run shows its right option."""
    (right,) = step.correct_indexes
    return ["home"] + ["down"] * option_order(step, step_seed(run, step.id)).index(right) + ["enter"]


def order_keys(step: OrderStep, run: str) -> list[str]:
    """The keys that put a shuffled order step right: as tests/ui/test_lesson_player.py does."""
    order = list(item_order(step, step_seed(run, step.id)))
    keys = ["home"]
    cursor = 0
    for target in range(len(order)):
        position = order.index(target)
        keys += ["down"] * (position - cursor) if position > cursor else ["up"] * (cursor - position)
        keys += ["u"] * (position - target)
        order.insert(target, order.pop(position))
        cursor = target
    return keys + ["enter"]


def lesson_keys(run: str) -> list[tuple[str, ...]]:
    """Every keystroke of a perfect `safety-one-time-codes` in `run`, from its first step to its result."""
    steps = lesson().steps
    assert isinstance(steps[1], ChoiceStep) and isinstance(steps[3], OrderStep)
    return [
        ("enter",),  # step 1: Continue
        tuple(choice_keys(steps[1], run)),  # step 2
        ("enter",),  # Continue
        tuple("Nobody") + ("enter",),  # step 3
        ("enter",),  # Continue
        tuple(order_keys(steps[3], run)),  # step 4
        ("enter",),  # Continue: the result
    ]
