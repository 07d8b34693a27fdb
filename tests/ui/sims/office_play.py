"""Getting a learner to the simulation step of a communication or work lesson, and reading what they earned."""

from pathlib import Path

from textual import events
from textual.pilot import Pilot

from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore

from ..screen import screen_text
from textual.widgets import OptionList

from ..test_lesson_player import choose_right, create_learner

SIZE = (80, 24)
# One shipped lesson for each kind of simulation, for tests that go through them all.
ONE_LESSON_PER_SIMULATION = [
    "money-sim-atm-withdraw",
    "money-sim-card-contactless",
    "money-sim-banking-rent",
    "communication-sim-email-job-centre",
    "safety-sim-sms-scams",
    "services-sim-form-appointment",
    "work-sim-cv-builder",
    "work-sim-search-jobs",
    "information-sim-files-organise",
]


async def start_sim(pilot: Pilot, lesson_id: str, name: str = "Sam") -> None:
    """Create a learner, open the lesson, and get past the steps before the simulation.

    Info steps are continued; a choice step is answered right.
    """
    await create_learner(pilot, name)
    menu = pilot.app.screen.query_one("#lessons", OptionList)
    menu.highlighted = menu.get_option_index(lesson_id)  # as if scrolled there with the arrow keys
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(8):
        if pilot.app.screen.query(".sim"):
            break
        if pilot.app.screen.query("#continue"):
            await pilot.press("enter")
            await pilot.pause()
            continue
        if pilot.app.screen.query(".answer"):
            await choose_right(pilot)
            await pilot.pause()
            continue
        break
    assert pilot.app.screen.query(".sim"), screen_text(pilot.app)
    await pilot.pause()


async def finish_lesson(pilot: Pilot) -> str:
    """Continue after the debrief through any remaining steps; the result screen's text."""
    for _ in range(6):
        if "Lesson complete" in screen_text(pilot.app):
            break
        await pilot.press("enter")
        await pilot.pause()
    return screen_text(pilot.app)


def debrief(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#feedback").render())


def events_of(data_dir: Path, kind: str) -> list[Event]:
    return [e for e in LearnerStore(data_dir).events() if e.kind == kind]


async def paste(pilot: Pilot, text: str) -> None:
    """Put `text` into the focused box the way a terminal delivers a paste: one event, not a key per letter."""
    focused = pilot.app.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()
