"""What the learner's terminal can show: Unicode or only ASCII, many colours or only its own 16.

Prison thin clients and Linux consoles often cannot draw Unicode or more than 16
colours. `detect` decides from the environment; `AsciiOnly` is the last guard of
ASCII mode, so that no character the terminal cannot draw ever reaches it.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.theme import Theme

NOT_DIM = Style(dim=False)
# Terminals that draw only ASCII whatever the locale says.
ASCII_ONLY_TERMS = frozenset({"dumb", "ansi", "vt52", "vt100", "vt102", "vt220", "vt320"})
# The theme that uses the terminal's own 16 colours (and nothing at all under NO_COLOR).
ANSI_THEME = "ansi-dark"
ASCII_CSS = "ascii.tcss"  # added to an app's CSS in ASCII mode only (see the file)


def _high_contrast(name: str, white: str, black: str, yellow: str, **colours: str) -> Theme:
    """White on black, the highlight and the cursor black on yellow, nothing greyed (core/display.py)."""
    return Theme(
        name=name, primary=yellow, secondary=white, accent=yellow, warning=yellow, foreground=white,
        background=black, surface=black, panel=black, boost=black, dark=True, text_alpha=1.0, **colours,  # type: ignore[arg-type]
        variables={
            "ansi-background": black, "ansi-foreground": white,  # what the ANSI theme's CSS refers to
            "text-muted": white, "text-disabled": white, "border": yellow, "border-blurred": white,
            "block-cursor-foreground": black, "block-cursor-background": yellow, "block-cursor-text-style": "bold",
            "block-cursor-blurred-foreground": black, "block-cursor-blurred-background": white,
            "input-cursor-foreground": black, "input-cursor-background": yellow,
            "footer-key-foreground": yellow,
            "scrollbar": yellow, "scrollbar-hover": yellow, "scrollbar-active": yellow, "scrollbar-background": black,
            "scrollbar-background-hover": black, "scrollbar-background-active": black, "scrollbar-corner-color": black,
        },
    )


HIGH_CONTRAST_THEMES = {
    False: _high_contrast("bleep-high-contrast", "#ffffff", "#000000", "#ffff00", error="#ff6060", success="#60ff60"),
    True: _high_contrast("bleep-high-contrast-ansi", "ansi_bright_white", "ansi_black", "ansi_bright_yellow",
                         error="ansi_bright_red", success="ansi_bright_green", ansi=True),  # by ansi_colours
}
# What Python sets LC_CTYPE to when it starts in the C locale (PEP 538): not the terminal's choice.
PYTHON_COERCED = ("C.UTF-8", "C.utf8", "UTF-8")
KEY_SEQUENCE = "\x1b[A\r"  # what the up arrow and Enter send
# The design size: below it the screens would hide controls.
MIN_WIDTH, MIN_HEIGHT = 80, 24


@dataclass(frozen=True)
class Terminal:
    ascii: bool  # draw ASCII characters only
    ansi_colours: bool  # use the terminal's own 16 colours (the ANSI theme)


def utf8_locale(environ: Mapping[str, str]) -> bool:
    """True when the locale in force (LC_ALL, else LC_CTYPE, else LANG) uses UTF-8."""
    if not environ.get("LC_ALL") and environ.get("LANG", "C") in ("C", "POSIX") and environ.get("LC_CTYPE") in PYTHON_COERCED:
        return False  # the C locale, which Python itself turned to UTF-8 at start (PEP 538)
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name, "").lower()
        if value:
            return "utf-8" in value or "utf8" in value
    return False


def input_encoding(environ: Mapping[str, str]) -> str:
    """The encoding the terminal types in: the locale's (LC_ALL, else LC_CTYPE, else LANG), else UTF-8."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        if value := environ.get(name, ""):
            codeset = value.partition(".")[2].partition("@")[0]
            try:
                known = codecs.lookup(codeset).name if codeset else "utf-8"
            except LookupError:
                return "utf-8"
            # Keys arrive as escape sequences in ASCII: an encoding that changes them would lose every key.
            return known if KEY_SEQUENCE.encode(known, "replace") == KEY_SEQUENCE.encode() else "utf-8"
    return "utf-8"


def detect(environ: Mapping[str, str], platform: str = sys.platform) -> Terminal:
    term = environ.get("TERM", "").lower()
    # Windows has no locale variables, and its terminals draw Unicode.
    unicode = platform == "win32" or utf8_locale(environ)
    many_colours = (
        environ.get("COLORTERM", "").lower() in ("truecolor", "24bit") or "256color" in term or "direct" in term
    )
    # As Textual does: NO_COLOR counts when set at all, even empty.
    return Terminal(
        ascii=term in ASCII_ONLY_TERMS or not unicode,
        ansi_colours="NO_COLOR" in environ or not many_colours,
    )


# Stand-ins of one cell for the wide-spread symbols; anything else falls back by its Unicode name.
ASCII_FALLBACKS = {
    "•": "*", "▪": "*", "‣": ">", "⭑": "*", "◦": "o", "★": "*", "☆": ".", "✔": "+", "✘": "x", "·": "-",
    "…": ".", "⏎": ">", "→": ">", "←": "<", "↑": "^", "↓": "v", "↕": "|", "⌫": "<",
    "“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "€": "E", "£": "L",
    "█": "#", "▓": "#", "▒": ":", "░": "-", "\u00a0": " ",
}


@lru_cache(maxsize=4096)
def ascii_char(char: str) -> str:
    """`char` as ASCII taking the same number of cells."""
    if char.isascii():
        return char
    if char in ASCII_FALLBACKS:
        return ASCII_FALLBACKS[char]
    width = cell_len(char)
    if width == 0:
        return ""
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"
    if "BLOCK" in name:  # the eighth blocks of scrollbars and tall borders
        return " " * width
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return plain if cell_len(plain) == width else "?" * width


@lru_cache(maxsize=4096)
def ascii_text(text: str) -> str:
    return text if text.isascii() else "".join(ascii_char(char) for char in text)


class AsciiOnly(LineFilter):
    """Replace every non-ASCII character on its way to the terminal, keeping each line's width."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment if segment.control or segment.text.isascii() else Segment(ascii_text(segment.text), segment.style)
            for segment in segments
        ]


# What the footer shows for keys whose usual names are symbols.
ASCII_KEY_NAMES = {"enter": "Enter", "up": "Up", "down": "Down", "left": "Left", "right": "Right", "backspace": "Bksp"}


class Undim(LineFilter):
    """High contrast (core/display.py) draws text that is dim elsewhere in full: nothing is greyed out."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, style + NOT_DIM, control) if style is not None and style.dim else Segment(text, style, control)
            for text, style, control in segments
        ]
