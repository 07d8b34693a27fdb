"""A long form (the CV) keeps every page the learner moved on from, across leaving and a restart."""

from pathlib import Path

from textual.widgets import Input

from bleep_tui.ui.app import BleepApp

from ..screen import screen_text
from .office_play import SIZE, events_of, start_sim
from .test_forms_ui import CV_LESSON, fill, next_page


async def test_the_cv_pages_already_done_are_there_after_leaving_and_restarting(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, CV_LESSON)
        await fill(pilot, "Sam Jones", "06 1234 5678", "sam@postbox.eu", "Rivertown")
        await next_page(pilot)
        assert "Page 2 of" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Leave this task?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    drafts = events_of(data_dir, "sim_draft")
    assert drafts and drafts[-1].answer["values"]["name"] == "Sam Jones"

    again = BleepApp(data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = again.screen.query_one("#lessons")
        menu.highlighted = menu.get_option_index(CV_LESSON)
        await pilot.press("enter")
        await pilot.pause()
        assert "Page 2 of" in screen_text(again)  # the task goes on where it was
        assert again.screen.query_one("#input-name", Input).value == "Sam Jones"
