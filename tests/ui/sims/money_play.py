"""Playing a shipped simulation lesson with the keys a learner presses, at 80x24."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from bleep_tui.store.learner import LearnerStore

from ..screen import screen_text
from ..test_lesson_player import choose_right, create_learner, open_lesson

SIZE = (80, 24)


async def start_lesson(pilot: Pilot, lesson_id: str) -> None:
    """Create a learner, open `lesson_id` from the home screen, and read its first (info) step."""
    await create_learner(pilot)
    await open_lesson(pilot, lesson_id)
    await pilot.press("enter")  # the info step's Continue
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> str:
    """Press `keys` (key names such as `a`, `enter`, `backspace`) and return the screen."""
    await pilot.press(*keys)
    await pilot.pause()
    return screen_text(pilot.app)


async def type_text(pilot: Pilot, text: str) -> str:
    """Type `text` character by character, as a learner would, and return the screen."""
    return await press(pilot, *("space" if char == " " else char for char in text))


async def finish_with_the_right_choice(pilot: Pilot) -> str:
    """Continue after the debrief, answer the closing choice right, and finish."""
    await press(pilot, "enter")  # Continue after the debrief
    await choose_right(pilot)
    assert "Right!" in screen_text(pilot.app)
    return await press(pilot, "enter")


def finished_events(data_dir) -> list:
    return [event for event in LearnerStore(data_dir).events() if event.kind == "lesson_finished"]


def sim_answers(data_dir, step: str) -> list:
    return [event for event in LearnerStore(data_dir).events() if event.kind == "answered" and event.step == step]


def debrief(pilot: Pilot) -> str:
    """The whole debrief under the task, also the part a learner scrolls down to read."""
    return str(pilot.app.screen.query_one("#feedback", Static).content)


def shown(pilot: Pilot, selector: str) -> str:
    """The text of one part of a machine (e.g. the phone's text messages), before it is wrapped to the screen."""
    return " ".join(str(pilot.app.screen.query_one(selector, Static).content).split())
