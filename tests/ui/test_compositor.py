"""Screens render only the rows an update changes (bleep_tui/ui/compositor.py), through two private parts
of Textual: if either changes, every update silently goes back to rendering whole widgets. Fail loudly instead.
That what the terminal shows stays right is tested in a real terminal: tests/e2e/test_pty_home.py."""

from __future__ import annotations

import inspect
from pathlib import Path

import textual.screen
from textual._compositor import Compositor

from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.compositor import RowCroppedCompositor

from .test_lesson_player import SIZE, create_learner


def test_textual_still_renders_an_update_through_get_renders() -> None:
    assert list(inspect.signature(Compositor._get_renders).parameters) == ["self", "crop"]
    assert "self._get_renders(crop)" in inspect.getsource(Compositor._render_chops)
    assert "Compositor()" in inspect.getsource(textual.screen.Screen.__init__)


async def test_every_screen_of_the_app_renders_with_the_row_cropped_compositor(tmp_path: Path) -> None:
    app = BleepApp(data_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await pilot.press("p")  # a screen pushed later, too
        await pilot.pause()
        assert all(isinstance(screen._compositor, RowCroppedCompositor) for screen in app.screen_stack)
        assert len(app.screen_stack) > 1
