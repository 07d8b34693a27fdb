"""A list of choices to tick, whose state is drawn as text ([x] / [ ]), so it reads without colour too."""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bleep_tui.i18n import N_, _
from bleep_tui.ui.widgets.sparing import SparingOptionList

Value = TypeVar("Value")


class TickList(SparingOptionList, Generic[Value]):
    """Arrows move, Space ticks or unticks; a click ticks too. `ticked` holds the ticked values in list order."""

    BINDINGS = [Binding("space", "tick", N_("Tick / untick"))]

    def __init__(self, choices: list[tuple[str, Value]], classes: str | None = None) -> None:
        super().__init__(markup=False, classes=classes)
        self.choices = choices
        self._ticked: set[int] = set()

    @property
    def ticked(self) -> list[Value]:
        return [value for index, (_label, value) in enumerate(self.choices) if index in self._ticked]

    def on_mount(self) -> None:
        self._redraw(0)

    def _redraw(self, highlight: int) -> None:
        self.clear_options()
        for index, (label, _value) in enumerate(self.choices):
            mark = "[x] " if index in self._ticked else "[ ] "
            self.add_option(Option(self.spaced(Text(mark, style="bold") + Text(label))))
        self.highlighted = highlight

    def action_tick(self) -> None:
        index = self.highlighted or 0
        self._ticked ^= {index}
        self._redraw(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._redraw(event.option_index)
        self.action_tick()
