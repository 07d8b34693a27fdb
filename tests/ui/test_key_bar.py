"""The bottom line of every screen: the keys that work there, and a click on one does what the key does."""

from pathlib import Path

from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.widgets.key_bar import KeyBar

from .screen import screen_text
from .test_lesson_player import LESSON, SIZE, choose_right, create_learner, open_lesson


def column_of(bar: KeyBar, description: str) -> int:
    for start, _end, shown in bar.spans:
        if shown.description == description:
            return start
    raise AssertionError(f"{description!r} is not on the bar: {[shown.description for *_, shown in bar.spans]}")


async def test_clicking_hint_on_the_bar_shows_the_hint_and_saves_it(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(column_of(bar, "Hint") + 1, 0))
        await pilot.pause()
        assert "Hint 1: Who needs the code to make a payment?" in screen_text(app)
        assert "Hint" not in screen_text(app).splitlines()[-1]  # the only hint is shown: the key goes
    assert [e.step for e in LearnerStore(data_dir).events() if e.kind == "hint_shown"] == ["caller-asks"]


async def test_clicking_save_and_leave_goes_back_to_the_lessons(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(column_of(bar, "Save and leave"), 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_when_the_keys_do_not_fit_roomily_every_key_still_shows(data_dir: Path) -> None:
    """ASCII mode names Enter in full, so the order step's five keys need the compact layout at 80 columns."""
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await choose_right(pilot)
        await pilot.press("enter", *"Nobody", "enter", "enter")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for shown in ("Enter Check", "space Pick up/put down", "u/d Move up/down", "esc Save and leave", "^q Quit"):
            assert shown in footer, footer


async def test_the_bar_follows_the_focus(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        assert "Answer" in screen_text(app).splitlines()[-1]  # the choice list has the focus
        app.screen.set_focus(None)
        await pilot.pause()
        assert "Answer" not in screen_text(app).splitlines()[-1]
