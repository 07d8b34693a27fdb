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


def shown_order(screen: str, step: OrderStep) -> list[int]:
    """The order step's items as the terminal shows them, top to bottom, as indexes into the right order."""
    rows = screen.splitlines()
    row_of = {n: next(i for i, row in enumerate(rows) if item[:40] in row) for n, item in enumerate(step.items)}
    return sorted(row_of, key=row_of.__getitem__)


def order_keys(start: list[int]) -> list[str]:
    """The keys that put an order step right from `start`, the order it shows: as tests/ui/test_lesson_player.py does."""
    order = list(start)
    keys = ["home"]
    cursor = 0
    for target in range(len(order)):
        position = order.index(target)
        keys += ["down"] * (position - cursor) if position > cursor else ["up"] * (cursor - position)
        keys += ["u"] * (position - target)
        order.insert(target, order.pop(position))
        cursor = target
    return keys + ["enter"]


def play_lesson(term: PtyTerminal, data_dir: Path) -> str:
    """A perfect `safety-one-time-codes` from its first step, each key once the screen it is for is shown; the result screen."""
    steps = lesson().steps
    assert isinstance(steps[1], ChoiceStep) and isinstance(steps[3], OrderStep)
    term.wait_for("Step 1 of 4")
    term.press("enter")  # Continue
    term.wait_for("Step 2 of 4")
    term.press(*choice_keys(steps[1], started_run(data_dir)))
    term.wait_for("Right!")
    term.press("enter")  # Continue
    term.wait_for("Step 3 of 4")
    term.type("Nobody")
    term.press("enter")
    term.wait_for("Right!")
    term.press("enter")
    screen = term.wait_for(lambda shown: "Step 4 of 4" in shown and steps[3].items[0][:40] in shown)
    term.press(*order_keys(shown_order(screen, steps[3])))
    term.wait_for("Right!")
    term.press("enter")  # Continue: the result
    return term.wait_for("Lesson complete")


def lesson_keys(run: str) -> list[tuple[str, ...]]:
    """Every keystroke of a perfect `safety-one-time-codes` in `run`, typed ahead without looking (for bench/run.py)."""
    steps = lesson().steps
    assert isinstance(steps[1], ChoiceStep) and isinstance(steps[3], OrderStep)
    return [
        ("enter",),  # step 1: Continue
        tuple(choice_keys(steps[1], run)),  # step 2
        ("enter",),  # Continue
        tuple("Nobody") + ("enter",),  # step 3
        ("enter",),  # Continue
        tuple(order_keys(list(item_order(steps[3], step_seed(run, steps[3].id))))),  # step 4
        ("enter",),  # Continue: the result
    ]
