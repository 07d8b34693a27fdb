"""Shared mode's start screen: a learner types their code and PIN. There is no way to register here."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from bleep_tui.i18n import N_, _
from bleep_tui.store.accounts import AccountStore, login_message
from bleep_tui.store.audit import where_from
from bleep_tui.store.files import DamagedFile, StoreError
from bleep_tui.ui.widgets.framed import Framed
from bleep_tui.ui.widgets.key_bar import KeyBar
from bleep_tui.ui.widgets.language_row import NEXT_LANGUAGE_KEY, LanguageRow, several_languages, show_next_language
from bleep_tui.ui.widgets.text_field import TextField


class PinField(TextField):
    """The PIN box names its Enter on the key bar."""

    BINDINGS = [Binding("enter", "submit", N_("Log in"))]


class LoginScreen(Screen[None]):
    BINDINGS = [
        Binding("tab", "app.focus_next", N_("Next field"), show=True),
        NEXT_LANGUAGE_KEY,
        # Enter in the code field: a priority binding runs as the app takes the key, before the keys typed
        # behind it are handed to a field. Input's own Enter posts a message that comes after them, so a
        # quick "code Enter PIN" (or a terminal that sends a line at once) would put the PIN in the code field.
        Binding("enter", "to_pin", N_("Next: your PIN"), priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.notice = ""
        self.chosen_language = ""  # picked here for this login, and kept in the learner's profile
        self.composed_in = ""

    def compose(self) -> ComposeResult:
        self.composed_in = self.app.language.shown
        with Vertical(id="login"):
            yield Static(_("BLEEP: log in"), id="login-title", markup=False)
            if several_languages():
                yield LanguageRow(id="language-row")
            yield Static(
                _("Type your learner code, press Enter, then your PIN and Enter. "
                  "Your facilitator gives you both."),
                markup=False,
            )
            yield Static(_("Learner code"), markup=False)
            yield Framed(TextField(placeholder=_("your code"), max_length=32, restrict=r"[A-Za-z0-9_-]*", id="code"))
            yield Static(_("PIN"), markup=False)
            yield Framed(PinField(placeholder=_("4 to 8 digits"), password=True, max_length=8, restrict=r"[0-9]*", id="pin"))
            yield Static("", id="login-message", markup=False)
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.chosen_language = ""
        if self.composed_in == self.app.language.shown:
            self.clear()
        else:  # drawn in the last learner's language: again in the installation's
            self.call_next(self._redraw_and_clear)

    async def _redraw_and_clear(self) -> None:
        await self.recompose()
        self.clear()

    def clear(self) -> None:
        """Empty both fields, so nothing of the last learner stays on the shared terminal."""
        self.query_one("#code", Input).value = ""
        self.query_one("#pin", Input).value = ""
        self.say(self.notice)
        self.notice = ""
        self.query_one("#code", Input).focus()

    def say(self, message: str) -> None:
        self.query_one("#login-message", Static).update(message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_language":
            return several_languages()
        if action == "to_pin":  # in the PIN field, Enter is the field's own: after the digits typed before it
            return self.focused is not None and self.focused.id == "code"
        return True

    async def action_next_language(self) -> None:
        self.chosen_language = await show_next_language(self, "#code")

    def action_to_pin(self) -> None:
        self.set_focus(self.query_one("#pin", Input))  # now, not later as Widget.focus() would

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = self.query_one("#code", Input).value
        pin = self.query_one("#pin", Input)
        if not code or not pin.value:
            self.say(_("Type your learner code and your PIN."))
            self.query_one("#code" if not code else "#pin", Input).focus()
            return
        try:
            result = AccountStore(self.app.data_dir).login(code, pin.value, where_from())
        except DamagedFile:
            pin.value = ""
            self.say(_("Logging in is not possible right now: a file BLEEP keeps is damaged. Nothing was changed.\n"
                       "Please tell your facilitator: `bleep doctor` shows what is wrong."))
            return
        except StoreError as error:
            self.say(_("Logging in is not possible right now: {reason}. Please tell your facilitator.").format(reason=error))
            return
        pin.value = ""
        if result.status == "ok":
            self.app.start_session(result.code, self.chosen_language)
            return
        self.say(login_message(result))
        pin.focus()
