"""The app as `bleep serve` starts it for a learner who logged in on the web page (bleep_tui/web/child.py)."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.store.accounts import AccountStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen

from ..ui.screen import screen_text
from ..ui.test_shared_mode import shared_dir  # noqa: F401  (a fixture)


async def test_a_web_session_opens_on_its_learners_home_and_logging_out_ends_it(shared_dir: Path) -> None:
    AccountStore(shared_dir).login("bob", "5678", "web 127.0.0.1")  # what the web page did
    app = BleepApp(shared_dir, web_learner="bob")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.store.code == "bob"
        assert "Bob" in screen_text(app) and "Ana" not in screen_text(app)
        assert not app.check_action("switch_mode", ())  # as locked down as a shared terminal
        await pilot.press("ctrl+q")  # not a browser here: the terminal's key
        await pilot.pause()
        assert app.return_code == 0  # the app ended: no login screen for the next person: the page logs in
