"""A long session stays flat: a screen opened and closed leaves nothing of its drawing behind."""

from __future__ import annotations

import gc
from pathlib import Path

from textual._styles_cache import StylesCache

from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.profile import ProfileScreen

SIZE = (80, 24)


def widgets_drawings_in_memory() -> int:
    """Each widget draws through its own StylesCache, which holds the lines it last drew."""
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, StylesCache))


async def test_opening_and_closing_the_profile_again_and_again_keeps_no_closed_screen_in_memory(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        while not app.content_ready:
            await pilot.pause(0.05)

        async def open_and_close_profile() -> None:
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, ProfileScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

        await open_and_close_profile()
        before = widgets_drawings_in_memory()
        for _ in range(5):
            await open_and_close_profile()
        assert widgets_drawings_in_memory() <= before
