"""The optional class board: pseudonyms, levels, XP, badges and streaks. Off unless settings turn it on."""

from __future__ import annotations

from datetime import datetime, timezone

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bleep_tui.core.classboard import board_entry, pseudonym, ranked
from bleep_tui.i18n import N_, _
from bleep_tui.store.board import board_secret
from bleep_tui.store.learner import file_key, stored_codes
from bleep_tui.store.files import DamagedFile, StoreError
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.gamification import local_zone
from bleep_tui.ui.widgets.key_bar import KeyBar


class ClassBoardScreen(Screen[None]):
    CSS_PATH = "gamification.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Class board (pseudonyms only)"), style="bold"), id="board-header")
        with VerticalScroll(id="board"):
            yield Static("", id="board-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.app.settings.class_board:
            self.app.pop_screen()
            return
        self.query_one("#board-text", Static).update(self._text())
        self.query_one("#board", VerticalScroll).focus()

    def _text(self) -> Text:
        data_dir = self.app.store.folder.parent
        settings = self.app.settings
        now, zone = datetime.now(timezone.utc), local_zone()
        entries = []
        try:
            secret = board_secret(data_dir)
            mine = file_key(self.app.store.code)
            for code in stored_codes(data_dir):
                try:
                    events = LearnerStore(data_dir, code).events()
                except DamagedFile:
                    continue  # one damaged file hides that learner only; `bleep doctor` names it
                entries.append(board_entry(
                    pseudonym(code, secret), events, self.app.levels, now, zone, settings.paused_weeks, me=code == mine,
                ))
        except (StoreError, OSError) as error:
            return Text(_("The class board cannot be shown: {reason}").format(reason=error))
        text = Text(_("You are shown as: {name}").format(name=next((e.pseudonym for e in entries if e.me), "-")) + "\n\n")
        # Translated outside the f-string: the extractor does not look inside f-strings (Python 3.11).
        learner, level, xp, badges, streak, you = _("Learner"), _("Level"), _("XP"), _("Badges"), _("Streak"), _("(you)")
        text.append(f"{'#':>3}  {learner:<20} {level:<16} {xp:>6} {badges:>7} {streak:>7}\n", style="bold")
        for row in ranked(entries):
            entry = row.entry
            line = f"{row.rank:>3}  {entry.pseudonym:<20} {entry.level[:16]:<16} {entry.xp:>6} {entry.badges:>7} {entry.streak:>7}"
            text.append(line + (f"  {you}" if entry.me else "") + "\n", style="bold" if entry.me else "")
        return text
