"""Drawing a machine's little screen: centred message lines, side-button options, a keypad."""

from __future__ import annotations

import textwrap

from rich.text import Text

from bleep_tui.i18n import _

MESSAGE_LINE = 1  # of a machine's screen: the title above, what the machine says from here
SIDE_KEYS = "abcdefgh"  # A-D beside the left edge of the screen, E-H beside the right edge


def screen_text(
    title: str, paragraphs: list[tuple[str, str]], width: int, height: int, options: list[str] | None = None, centre: bool = True
) -> Text:
    """A machine screen `width` x `height`: the title, the paragraphs (centred), then options by side key."""
    lines: list[Text] = [Text(title.center(width)[:width], style="bold")]
    option_rows = 4 if options else 0
    for paragraph, style in paragraphs:
        for line in textwrap.wrap(paragraph, width) or [""]:
            lines.append(Text(line.center(width) if centre else line, style=style))
    lines = lines[: height - option_rows]
    lines += [Text("")] * (height - option_rows - len(lines))
    for row in range(option_rows):
        left = _option(options, row, SIDE_KEYS[row].upper(), left=True)
        right = _option(options, row + 4, SIDE_KEYS[row + 4].upper(), left=False)
        line = Text()
        line.append_text(left)
        line.append(" " * max(1, width - left.cell_len - right.cell_len))
        line.append_text(right)
        lines.append(line)
    return Text("\n").join(lines)


def _option(options: list[str], index: int, key: str, left: bool) -> Text:
    if index >= len(options):
        return Text("")
    text = Text()
    if left:
        text.append(f" {key} ", style="bold reverse")
        text.append(f" {options[index]}")
    else:
        text.append(f"{options[index]} ")
        text.append(f" {key} ", style="bold reverse")
    return text


def keypad_text(cancel_key: str = "X") -> Text:
    """The number pad and its three coloured keys, with the computer keys that press them."""
    text = Text()
    text.append(_("Keypad") + "\n", style="bold")
    rows = (("1 2 3", "Enter", _("OK")), ("4 5 6", "Backspace", _("Clear")), ("7 8 9", cancel_key, _("Cancel")), ("  0  ", "", ""))
    for digits, key, label in rows:
        text.append(f" {digits}  ")
        if key:
            text.append(f" {key} ", style="bold reverse")
            text.append(f" {label}")
        text.append("\n")
    return text
