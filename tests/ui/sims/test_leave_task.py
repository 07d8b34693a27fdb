"""Leaving in the middle of a simulated task asks first, because the task itself is not kept."""

from pathlib import Path

from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.lesson import LessonScreen

from ..screen import screen_text
from .money_play import SIZE, press, start_lesson


async def test_escape_in_a_task_asks_before_leaving_and_no_keeps_the_learner_in_it(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, "money-sim-atm-withdraw")
        await press(pilot, "i")  # the card goes in
        screen = await press(pilot, "escape")
        assert "Leave this task?" in screen and "starts again" in screen
        await press(pilot, "n")
        assert isinstance(app.screen, LessonScreen)
        assert "Please choose your language." in screen_text(app)  # still where the learner was
        await press(pilot, "escape")
        await press(pilot, "y")
        assert isinstance(app.screen, HomeScreen)
