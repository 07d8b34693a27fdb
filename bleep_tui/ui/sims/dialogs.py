"""Small dialogs the simulations share: confirm, pick one, tick several, read a text."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bleep_tui.i18n import N_, _
from bleep_tui.ui.widgets.sparing import SparingOptionList
from bleep_tui.ui.widgets.ticklist import TickList
from bleep_tui.ui.widgets.key_bar import KeyBar

DIALOG_CSS = """
.dialog-box {
    width: 70;
    max-height: 20;
    height: auto;
    border: round $primary;
    background: $surface;
    padding: 0 1;
}
.dialog-box > Static { margin: 0 0 1 0; }
.dialog-box OptionList { height: auto; max-height: 10; border: none; }
.dialog-box VerticalScroll { height: auto; max-height: 14; }
"""


class Confirm(ModalScreen[bool]):
    DEFAULT_CSS = "Confirm { align: center middle; }" + DIALOG_CSS
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.question), markup=False)
            yield Static(Text(_("Press y for yes, n for no.")), markup=False)
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PickOne(ModalScreen["str | None"]):
    """Choose one item from a list (e.g. a file in My documents); Escape cancels."""

    DEFAULT_CSS = "PickOne { align: center middle; }" + DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, items: list[str]) -> None:
        super().__init__()
        self.title_text, self.items = title, items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), markup=False)
            yield SparingOptionList(*(Option(Text(item)) for item in self.items), markup=False)
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.items[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class TickSeveral(ModalScreen["list[str] | None"]):
    """Tick any of the choices with Space, confirm with Enter; Escape cancels."""

    DEFAULT_CSS = "TickSeveral { align: center middle; }" + DIALOG_CSS
    BINDINGS = [
        Binding("enter", "confirm", N_("Confirm"), priority=True),  # not the list's own Enter (tick)
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, title: str, note: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.note, self.choices = title, note, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), markup=False)
            yield Static(Text(self.note), markup=False)
            yield TickList([(label, key) for key, label in self.choices])
        yield KeyBar()

    def action_confirm(self) -> None:
        self.dismiss(self.query_one(TickList).ticked)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReadText(ModalScreen[None]):
    """A text to read (small print, a document); Escape or Enter closes it."""

    DEFAULT_CSS = "ReadText { align: center middle; }" + DIALOG_CSS
    BINDINGS = [Binding("escape,enter", "close", N_("Close"))]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), markup=False)
            with VerticalScroll():
                yield Static(Text(self.text.strip()), markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
