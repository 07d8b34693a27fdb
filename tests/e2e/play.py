"""A learner's keystrokes in a real terminal: open a lesson, play `safety-one-time-codes`."""

from __future__ import annotations

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.model import Lesson, OrderStep
from bleep_tui.ui.widgets.steps import shuffled_order

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
        before = term.text()
        term.press("down", settle=False)
        try:  # decide on the next screen only, however slow the machine
            term.wait_for(lambda screen: screen != before, timeout=10)
        except ScreenTimeout:
            break  # the end of the list
        term.settle()
    raise AssertionError(f"lesson {lesson_id} not found on Home:\n{term.text()}")


def order_keys(step: OrderStep, seed: str) -> list[str]:
    """The keys that put a shuffled order step right: as tests/ui/test_lesson_player.py does."""
    order = shuffled_order(step, seed)
    keys = ["home"]
    cursor = 0
    for target in range(len(order)):
        position = order.index(target)
        keys += ["down"] * (position - cursor) if position > cursor else ["up"] * (cursor - position)
        keys += ["u"] * (position - target)
        order.insert(target, order.pop(position))
        cursor = target
    return keys + ["enter"]


def lesson_keys() -> list[tuple[str, ...]]:
    """Every keystroke of a perfect `safety-one-time-codes`, from its first step to its result."""
    steps = lesson().steps
    assert isinstance(steps[3], OrderStep)
    return [
        ("enter",),  # step 1: Continue
        ("enter",),  # step 2: the first option is right
        ("enter",),  # Continue
        tuple("Nobody") + ("enter",),  # step 3
        ("enter",),  # Continue
        tuple(order_keys(steps[3], f"{LESSON}/{steps[3].id}")),  # step 4
        ("enter",),  # Continue: the result
    ]
