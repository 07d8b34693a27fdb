"""The facilitator's app: only `bleep facilitator` starts it, after the passphrase; learners never reach it."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from bleep_tui.content.catalog import Catalog
from bleep_tui.content.problems import ContentError
from bleep_tui.core.levels import Level
from bleep_tui.core.reports import Selection
from bleep_tui.i18n import N_, _, shown_language
from bleep_tui.store.compiled import shipped_content
from bleep_tui.ui.app import DENIED_ACTIONS
from bleep_tui.ui.focus_cursor import CursorFollowsFocus
from bleep_tui.ui.glyphs import ASCII, UNICODE, Glyphs
from bleep_tui.ui.terminal import ASCII_CSS, AsciiOnly


class FacilitatorApp(CursorFollowsFocus[None]):
    CSS_PATH = ["app.tcss", "facilitator.tcss"]
    TITLE = "BLEEP facilitator"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", N_("Quit"), priority=True)]

    def __init__(self, data_dir: Path, *, ascii: bool = False, selection: Selection = Selection()):
        super().__init__(css_path=[*self.CSS_PATH, ASCII_CSS] if ascii else None)
        if ascii:
            self._filters.append(AsciiOnly())
        self.data_dir = Path(data_dir)
        self.glyphs: Glyphs = ASCII if ascii else UNICODE
        self._catalog: Catalog | None = None
        self.levels: tuple[Level, ...] = ()
        self.selection = selection  # the group and days the dashboard shows; `g` changes the group

    @property
    def catalog(self) -> Catalog:
        assert self._catalog is not None
        return self._catalog

    def on_mount(self) -> None:
        from bleep_tui.ui.screens.dashboard import DashboardScreen

        try:
            # The facilitator's language, as far as the lessons are translated into it; compiled as for the learners.
            content = shipped_content(self.data_dir, shown_language())
        except ContentError as error:
            self.exit(message=_("BLEEP cannot start: {reason}").format(reason=error))
            return
        self._catalog, self.levels = content.catalog, content.levels
        self.push_screen(DashboardScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in DENIED_ACTIONS

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """No browser or other program is ever started from here either."""
