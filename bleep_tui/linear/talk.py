"""The conversation of linear mode: plain lines out, one typed line in.

Everything said is plain text, printed once, in reading order: no escape sequences, no colours,
no cursor movement, no box drawing and no Markdown symbols, so a screen reader or a braille
display reads it as it comes, and a pipe gets clean text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO

from bleep_tui.content.markdown import HEADING, INLINE, ITEM
from bleep_tui.core.text import clean_text, shown
from bleep_tui.i18n import _

# Box drawing and block characters (a receipt or statement drawn in a lesson), read aloud as nothing useful.
DRAWING = re.compile(r"[\u2500-\u259f]")
ONLY_RULES = re.compile(r"[\s\-=_+|.:~*]*")
REPEAT, HINT, LEAVE = "r", "?", "q"


def plain_line(text: str) -> str:
    """One line made safe and quiet: control characters shown as `^[`, drawing characters made spaces."""
    return shown(DRAWING.sub(" ", text)).rstrip()


def _inline(source: str) -> str:
    def words(match: re.Match[str]) -> str:
        if match.group("link"):
            return f"{match.group('link')} ({match.group('url')})"
        return next(group for group in match.groups() if group)

    return INLINE.sub(words, source)


def plain_markdown(source: str) -> list[str]:
    """A lesson's Markdown as plain lines: emphasis marks dropped, list items on their own lines, a blank line between blocks."""
    lines: list[str] = []
    fence = False
    joins = False  # the line before is a paragraph's or a list item's, which the next line may go on
    for line in source.strip().splitlines():
        if line.strip().startswith("```"):
            fence, joins = not fence, False
            continue
        if fence:
            quiet = plain_line(line)
            if not ONLY_RULES.fullmatch(quiet):  # a line of dashes says nothing to a listener
                lines.append(quiet.strip())
        elif not line.strip():
            if lines and lines[-1]:
                lines.append("")
            joins = False
        elif item := ITEM.fullmatch(line.rstrip()):
            marker = item.group("marker")
            lines.append((marker + " " if marker[0].isdigit() else "") + _inline(item.group("text")))
            joins = True
        elif heading := HEADING.fullmatch(line.strip()):
            lines.append(_inline(heading.group("text")))
            joins = False
        elif joins:
            lines[-1] += " " + _inline(line.strip())  # one line per paragraph: read without a break
        else:
            lines.append(_inline(line.strip()))
            joins = True
    return [plain_line(line) for line in lines]


def numbers(typed: str) -> list[int] | None:
    """`3`, `1 3` or `1, 3` as numbers; None when it is not only numbers."""
    parts = typed.replace(",", " ").split()
    if not parts or not all(part.isdigit() for part in parts):
        return None
    return [int(part) for part in parts]


def stars_in_words(count: int, out_of: int = 3) -> str:
    return _("{n} of {total} stars").format(n=count, total=out_of)


class Conversation:
    """Says lines and asks questions on two text streams (a terminal, a pipe, a screen reader's console)."""

    def __init__(self, reader: TextIO, writer: TextIO) -> None:
        self.reader = reader
        self.writer = writer

    def say(self, *texts: str) -> None:
        for text in texts:
            for line in text.split("\n"):
                self.writer.write(plain_line(line) + "\n")
        self.writer.flush()

    def blank(self) -> None:
        self.writer.write("\n")

    def ask(self, prompt: str) -> str | None:
        """The line typed after `prompt`, without control characters; None when the input has ended."""
        self.writer.write(plain_line(prompt) + " ")
        self.writer.flush()
        line = self.reader.readline()
        typed = clean_text(line.rstrip("\r\n")) if not _only_spaces(line) else ""
        # A terminal shows what was typed; on a pipe it is written out, so the transcript reads as the conversation it was.
        if not line or not self.reader.isatty():
            self.writer.write(typed + "\n")
            self.writer.flush()
        return typed if line else None

    def ask_lines(self, prompt: str) -> str | None:
        """Several lines, ended by a line with only a full stop (an email's body)."""
        self.say(prompt, _("End with a line with only a full stop (.)."))
        lines: list[str] = []
        while True:
            line = self.ask(">")
            if line is None:
                return None
            if line == ".":
                return "\n".join(lines)
            lines.append(line)

    def yes(self, question: str) -> bool:
        """A yes or no question: `y` (or the word in the learner's language) is yes, anything else no."""
        typed = self.ask(question + " " + _("(y = yes, n = no)"))
        return typed is not None and typed.strip().lower() in ("y", _("y"), _("yes"))


def _only_spaces(line: str) -> bool:
    return all(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in line)
