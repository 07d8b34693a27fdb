"""Every box a learner types into: a line (`TextField`) or several (`TextBox`).

Both stop at their limit quietly: a key past it is dropped without a bell (100,000 bells froze a
session), and a paste longer than the room left is cut to fit, with a short note, instead of
being dropped whole. No blinking cursor (an idle session sends nothing), and moving into a box
puts the cursor at the end of what is there instead of selecting it (a key would replace it all).
"""

from __future__ import annotations

from textual import events
from textual.document._document import Location
from textual.document._edit import EditResult
from textual.widgets import Input, TextArea

from bleep_tui.i18n import _

# Control characters (a pasted ESC) would otherwise be drawn straight to the terminal.
NO_CONTROL_CHARACTERS = r"[^\x00-\x1f\x7f-\x9f]*"
DEFAULT_MAX_LENGTH = 200
BOX_MAX_LENGTH = 2000  # an email body, a cover letter


def cut_note(kept: int) -> str:
    return _("Only the first {count} characters fit here: the rest was left out.").format(count=kept)


def full_note(limit: int) -> str:
    return _("This box is full: it takes {count} characters at most.").format(count=limit)


class TextField(Input):
    def __init__(self, value: str | None = None, *, max_length: int = DEFAULT_MAX_LENGTH,
                 restrict: str | None = NO_CONTROL_CHARACTERS, **options) -> None:
        super().__init__(value, max_length=max_length, restrict=restrict, select_on_focus=False, **options)
        self.cursor_blink = False

    def restricted(self) -> None:
        """A key past the limit or not allowed here: no bell; a note when the box is full."""
        if len(self.value) >= self.max_length:
            self.app.notify(full_note(self.max_length), markup=False)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own paste handler would insert it whole (or not at all)
        lines = event.text.splitlines()
        if not lines:
            return
        start, end = sorted(self.selection)
        room = self.max_length - (len(self.value) - (end - start))
        line = lines[0][:room]
        if line:
            self.replace(line, start, end)
        if len(lines[0]) > room:
            self.app.notify(cut_note(len(line)), markup=False)


class TextBox(TextArea):
    def __init__(self, text: str = "", *, max_length: int = BOX_MAX_LENGTH, **options) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, **options)
        self.max_length = max_length
        self.cursor_blink = False

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        """Every typed key and paste comes through here: cut what would go past the limit."""
        room = self.max_length - (len(self.text) - len(self.get_text_range(*sorted((start, end)))))
        if len(insert) > room:
            if len(insert) > 1:  # a paste, not a key
                self.app.notify(cut_note(max(room, 0)), markup=False)
            elif room <= 0:
                self.app.notify(full_note(self.max_length), markup=False)
            insert = insert[:max(room, 0)]
            if not insert and start == end:
                return None
        return super()._replace_via_keyboard(insert, start, end)
