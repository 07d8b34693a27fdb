"""The one translation function for every user-visible UI string.

Lessons are written in one source language (English); the interface speaks the
learner's language when a catalogue for it exists in bleep_tui/locale/.
"""

import gettext
from pathlib import Path

_LOCALE_DIR = Path(__file__).parent / "locale"
_translation: gettext.NullTranslations = gettext.translation(
    "bleep", localedir=_LOCALE_DIR, fallback=True
)


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)
