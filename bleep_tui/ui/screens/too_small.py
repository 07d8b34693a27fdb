"""Shown over the app while the window is smaller than 80x24, so no control is ever hidden."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from bleep_tui.i18n import _
from bleep_tui.ui.browser_keys import keys_named
from bleep_tui.ui.terminal import MIN_HEIGHT, MIN_WIDTH


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("", id="too-small", markup=False)

    def on_mount(self) -> None:
        self._explain()

    def on_resize(self, event: events.Resize) -> None:
        self._explain()

    def _explain(self) -> None:
        size = self.app.size
        leaving = _("Press Ctrl+Q to log out.") if getattr(self.app, "shared", False) else _("Press Ctrl+Q to quit.")
        self.query_one("#too-small", Static).update(
            _(
                "Please enlarge your window to at least {min_width}x{min_height}.\n"
                "It is {width}x{height} now.\n\n"
                "Your progress is saved."
            ).format(min_width=MIN_WIDTH, min_height=MIN_HEIGHT, width=size.width, height=size.height)
            + " " + keys_named(self.app, leaving)
        )
