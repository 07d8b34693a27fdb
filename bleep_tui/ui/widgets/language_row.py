"""The installed languages on one line, each named in itself, the one in use between brackets."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from bleep_tui.i18n import N_, _, installed_languages, language_name

NEXT_LANGUAGE_KEY = Binding("f3", "next_language", N_("Language"))


def next_language(shown: str) -> str:
    """The language after `shown` in the row, round to the first: F3 pressed until the learner can read it."""
    languages = installed_languages()
    return languages[(languages.index(shown) + 1) % len(languages)] if shown in languages else languages[0]


async def show_next_language(screen: Screen, field_id: str) -> str:
    """The screen again in the next language, keeping what was typed in its field; returns the language."""
    typed = screen.query_one(field_id, Input).value
    language = next_language(screen.app.language.shown)
    screen.app.language.switch(language)
    await screen.recompose()
    field = screen.query_one(field_id, Input)
    field.value = typed
    field.focus()
    return language


def several_languages() -> bool:
    return len(installed_languages()) > 1


def language_row(shown: str) -> Text:
    text = Text(_("Language (F3):") + " ", no_wrap=True, overflow="ellipsis")
    for code in installed_languages():
        if code == shown:
            text.append(f"[{language_name(code)}]", style="bold")
        else:
            text.append(f" {language_name(code)} ")
        text.append(" ")
    return text


class LanguageRow(Static):
    def render(self) -> Text:
        return language_row(self.app.language.shown)
