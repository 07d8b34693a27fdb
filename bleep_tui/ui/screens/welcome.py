"""First run: ask the learner what to call them, and create their local profile."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from bleep_tui.core.text import clean_name
from bleep_tui.i18n import _
from bleep_tui.store.files import StoreError
from bleep_tui.ui.widgets.framed import Framed
from bleep_tui.ui.widgets.key_bar import KeyBar
from bleep_tui.ui.widgets.language_row import NEXT_LANGUAGE_KEY, LanguageRow, several_languages, show_next_language
from bleep_tui.ui.widgets.text_field import TextField

MAX_NAME_LENGTH = 40


class WelcomeScreen(Screen[None]):
    BINDINGS = [NEXT_LANGUAGE_KEY]

    def __init__(self) -> None:
        super().__init__()
        self.chosen_language = ""  # kept in the new profile; "" follows the installation's language

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return several_languages() if action == "next_language" else True

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(_("Welcome to BLEEP"), id="welcome-title", markup=False)
            if several_languages():
                yield LanguageRow(id="language-row")
            yield Static(
                _(
                    "Here you practise everyday digital tasks: cash machines, card payments, "
                    "email, forms and more. Everything is a safe practice: no real money, "
                    "no internet. Mistakes only cost points, and your progress is saved "
                    "after every answer."
                ),
                markup=False,
            )
            yield Static(_("What should we call you? (a first name or a nickname)"), markup=False)
            yield Framed(TextField(placeholder=_("your name"), max_length=MAX_NAME_LENGTH, id="name"))
            yield Static("", id="welcome-error", markup=False)
        yield KeyBar()

    async def action_next_language(self) -> None:
        self.chosen_language = await show_next_language(self, "#name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from bleep_tui.ui.screens.home import HomeScreen

        name = clean_name(event.value)
        error = self.query_one("#welcome-error", Static)
        if not name:
            error.update(_("Please type a name, then press Enter."))
            return
        try:
            self.app.learner_profile = self.app.store.create(name, self.chosen_language)
        except StoreError as problem:
            error.update(_("Your name could not be saved: {reason}").format(reason=problem))
            return
        self.app.switch_screen(HomeScreen())
