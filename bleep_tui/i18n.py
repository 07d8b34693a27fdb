"""The one translation function for every user-visible UI string.

Lessons are written in one source language (English); the interface speaks the
learner's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) when a catalogue for it
exists in bleep_tui/locale/, or in $BLEEP_LOCALE_DIR while a translator tries
one out. See docs/translating.md.
"""

import gettext
import os
from pathlib import Path

_LOCALE_DIR = os.environ.get("BLEEP_LOCALE_DIR") or Path(__file__).parent / "locale"
try:
    _translation: gettext.NullTranslations = gettext.translation("bleep", localedir=_LOCALE_DIR, fallback=True)
except (OSError, ValueError, UnicodeError, LookupError):  # a damaged catalogue must not stop the app
    _translation = gettext.NullTranslations()


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)
