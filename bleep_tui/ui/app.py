"""The BLEEP app: one learner's session, the screens, and what a learner may never do."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from bleep_tui.content.catalog import LEVELS_FILE, Catalog, load_catalog, load_levels, shipped_dir
from bleep_tui.content.problems import ContentError
from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level
from bleep_tui.core.progress import Snapshot, snapshot
from bleep_tui.i18n import _
from bleep_tui.store.files import StoreError
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.glyphs import ASCII, UNICODE, Glyphs

# Actions that could take a learner out of the app or write files: refused wherever they come from.
DENIED_ACTIONS = frozenset({"screenshot", "suspend_process", "command_palette", "open_url", "toggle_dark", "change_theme"})


class BleepApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "BLEEP"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", _("Quit"), priority=True)]

    def __init__(self, data_dir: Path, *, catalog: Catalog | None = None, ascii: bool = False):
        super().__init__()
        self.store = LearnerStore(data_dir)
        self.glyphs: Glyphs = ASCII if ascii else UNICODE
        self._catalog = catalog
        self.levels: tuple[Level, ...] = ()

    @property
    def catalog(self) -> Catalog:
        assert self._catalog is not None
        return self._catalog

    def on_mount(self) -> None:
        from bleep_tui.ui.screens.home import HomeScreen
        from bleep_tui.ui.screens.welcome import WelcomeScreen

        try:
            if self._catalog is None:
                self._catalog = load_catalog()
            self.levels = load_levels(shipped_dir("achievements") / LEVELS_FILE)
            profile = self.store.profile()
        except (ContentError, StoreError) as error:
            self.exit(message=_("BLEEP cannot start: {reason}").format(reason=error))
            return
        self.push_screen(HomeScreen() if profile else WelcomeScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in DENIED_ACTIONS

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """A learner's terminal must never open a browser or any other program."""

    def record(self, event: Event) -> bool:
        """Write `event` to disk now. On failure, tell the learner and return False; the app goes on."""
        try:
            self.store.record(event)
        except StoreError as error:
            self.notify(
                _("Your answer could not be saved: {reason}. Please tell your facilitator.").format(reason=error),
                severity="error",
                timeout=10,
                markup=False,
            )
            return False
        return True

    def progress(self) -> Snapshot:
        try:
            events = self.store.events()
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            events = []
        return snapshot(events, self.levels)
