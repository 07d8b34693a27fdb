"""The one translation function for every user-visible string, and the language each session speaks.

The interface is written in English; a compiled catalogue in bleep_tui/locale/ (or in
$BLEEP_LOCALE_DIR while a translator tries one out) makes it speak another language. The command
line and the facilitator's dashboard follow the facilitator's locale (LANGUAGE, LC_ALL, LC_MESSAGES,
LANG). The learner app gives each session a `Language` of its own, so that two learners served by
one process each see the language they chose. See docs/translating.md.
"""

import gettext
import os
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "bleep"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(os.environ.get("BLEEP_LOCALE_DIR") or Path(__file__).parent / "locale")
# Each language as a menu names it: in itself. Written here because Babel's locale data costs a
# learner's first screen about 100 ms to load; tests/test_translation.py checks them against Babel.
LANGUAGE_NAMES = {
    "en": "English", "nl": "Nederlands", "pt": "Português", "ro": "Română", "it": "Italiano", "tr": "Türkçe",
}


@cache
def catalogue(language: str | None) -> gettext.NullTranslations:
    """The interface in `language` (None: the facilitator's locale); English when there is no catalogue for it."""
    try:
        return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=None if language is None else [language], fallback=True)
    except (OSError, ValueError, UnicodeError, LookupError):  # a damaged catalogue must not stop the app
        return gettext.NullTranslations()


def installed_languages() -> tuple[str, ...]:
    """English, then every language with a compiled interface catalogue."""
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


class Language:
    """The language one session speaks. The learner app switches it when a learner's choice is known."""

    def __init__(self, code: str | None = None) -> None:
        self.switch(code)

    def switch(self, code: str | None) -> None:
        """Speak `code` from now on; None: the facilitator's locale."""
        self.code = code
        self.translation = catalogue(code)

    @property
    def shown(self) -> str:
        """The language the screens are in now: the chosen one, else the locale's when it has a catalogue."""
        return self.code or self.translation.info().get("language", "") or SOURCE_LANGUAGE


_speaking: ContextVar[Language] = ContextVar("bleep_language", default=Language())


def speak(language: Language) -> None:
    """From now on `_()` speaks `language` in this task and in every task it starts (a session's screens)."""
    _speaking.set(language)


def shown_language() -> str:
    """The language this session's screens are in now (`nl`), for formats and content."""
    return _speaking.get().shown


def _(message: str) -> str:
    return _speaking.get().translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _speaking.get().translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for translation where it is written (a key's label); `_()` translates it where it is shown."""
    return message
