"""The terminal's cursor sits on what has the focus, so that a braille display or a screen reader follows it.

BRLTTY, Speakup and NVDA with PuTTY read the line the terminal's cursor is on. Textual hides the cursor and,
after every screen update, moves it to `App.cursor_position`, which only its text boxes set: in a list the
cursor stays wherever the last text box left it while the highlight moves. An app that inherits
`CursorFollowsFocus` sets that position before every update, from the focused widget: the highlighted line of
a list, the text cursor of a box, what a simulated machine's screen says (its `cursor_on`), else the widget's first
line. One place for every screen and widget.

Three of Textual's private parts are used, each in one function here: `App._display` (where the position
is read), `OptionList._index_to_line` (where each option's first line is) and the `-selected` class of the
radio button a RadioSet's arrows are on. tests/ui/test_focus_cursor.py fails when any of them changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from textual.app import App, ReturnType
from textual.geometry import Offset
from textual.widget import Widget
from textual.widgets import Input, OptionList

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.screen import Screen
    from textual.widgets import DataTable, RadioSet, TextArea

HOME = Offset(0, 0)


class CursorFollowsFocus(App[ReturnType]):
    """An app whose terminal cursor is on the focused item after every screen update."""

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        # Textual's own last step before it writes an update, which ends by moving the cursor to `cursor_position`.
        self.cursor_position = self.cursor_point()
        super()._display(screen, renderable)

    def cursor_point(self) -> Offset:
        """Where the cursor goes now: on the focused item (an app may put it on something more urgent)."""
        return focus_point(self.focused)


def focus_point(widget: Widget | None) -> Offset:
    """Where on the screen the focused `widget`'s current item is: its highlighted line, its text cursor,
    else its own first line; the top left corner when nothing has the focus."""
    if widget is None or not widget.is_mounted:
        return HOME
    if isinstance(widget, Input):
        # Not `cursor_screen_offset`: at the end of the text that is a cell further on, a blank for a reader.
        region = widget.content_region
        return Offset(region.x + cell_len(widget.value[:widget.cursor_position]) - widget.scroll_offset.x, region.y)
    if _is_a(widget, "TextArea"):
        return cast("TextArea", widget).cursor_screen_offset
    selector, line = getattr(widget, "cursor_on", ("", 0))
    if selector:  # a simulated machine: on what its screen says
        return widget.query_one(selector).content_region.offset + (0, line)
    region = widget.content_region
    line = _current_line(widget)
    if line is None:
        return region.offset
    y = region.y + line - widget.scroll_offset.y
    return Offset(region.x, y) if region.y <= y < region.bottom else region.offset


def _current_line(widget: Widget) -> int | None:
    """The line, counted from the top of `widget`'s content (scrolled or not), of its current item."""
    if isinstance(widget, OptionList):
        return None if widget.highlighted is None else option_line(widget, widget.highlighted)
    if _is_a(widget, "DataTable"):
        table = cast("DataTable", widget)
        return table.cursor_row + (1 if table.show_header else 0) if table.row_count else None
    if _is_a(widget, "RadioSet") and (button := radio_button_at(cast("RadioSet", widget))) is not None:
        return button.virtual_region.y
    return None


def _is_a(widget: Widget, name: str) -> bool:
    """Whether `widget` is one of Textual's widgets called `name`, or made from one. Asked by name, so that
    start-up does not import Textual's text area, table and radio buttons, which the first screens never show."""
    return any(kind.__name__ == name and kind.__module__.startswith("textual.widgets.") for kind in type(widget).__mro__)


def option_line(option_list: OptionList, index: int) -> int | None:
    """The first line of option `index`, counted from the top of the list's content (Textual's private map)."""
    return option_list._index_to_line.get(index)


def radio_button_at(radio_set: RadioSet) -> Widget | None:
    """The button a RadioSet's arrow keys are on (Textual marks it with its private `-selected` class), else the pressed one."""
    return next(iter(radio_set.query_children(".-selected")), radio_set.pressed_button)
