"""What opening a link or an attachment shows: the real page, or a scam's page, and then what happened.

A scam's page is drawn as realistically as the terminal allows, inside a frame that
says it is simulated; the page's text comes from the lesson and is never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from bleep_tui.core.sims.email import Link
from bleep_tui.formats import money, whole_money
from bleep_tui.i18n import N_, _
from bleep_tui.ui.sims.dialogs import DIALOG_CSS
from bleep_tui.ui.widgets.key_bar import KeyBar


class SimulatedScreen(ModalScreen[bool]):
    """A web page or a program's window, in a frame titled as simulated.

    When `acts` (a scam's "Log in", "Pay", which the page's text names), Enter does it and the
    screen returns True; otherwise Enter closes it. Escape always closes it and returns False.
    """

    DEFAULT_CSS = "SimulatedScreen { align: center middle; }" + DIALOG_CSS + """
    SimulatedScreen .dialog-box { max-height: 21; }
    SimulatedScreen #address { background: $boost; margin: 0; }
    SimulatedScreen .alarm { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("enter", "act", N_("Go on")),
        Binding("escape", "close", N_("Close the page")),
    ]

    def __init__(self, frame: str, address: str, text: Text, acts: bool = False) -> None:
        super().__init__()
        self.frame, self.address, self.text, self.acts = frame, address, text, acts

    def compose(self) -> ComposeResult:
        box = Vertical(classes="dialog-box")
        box.border_title = self.frame
        with box:
            if self.address:
                yield Static(Text(_("Address: ") + self.address), id="address", markup=False)
            with VerticalScroll():
                yield Static(self.text, id="page", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_act(self) -> None:
        self.dismiss(self.acts)

    def action_close(self) -> None:
        self.dismiss(False)


def page_screen(link: Link, scam: bool) -> SimulatedScreen:
    """The page a link opens: the real page, or a scam's fake login or payment page."""
    text = Text(link.page.strip() + "\n\n" if link.page.strip() else "")
    if not scam:
        return SimulatedScreen(_("Web page (simulated)"), link.address, text)
    if link.opens == "payment":
        text.append(_("Amount to pay: {amount}").format(amount=money(link.fee)) + "\n", style="bold")
        text.append(_("Card number:    ____ ____ ____ ____") + "\n")
        text.append(_("Expiry date:    __/__      Security code: ___") + "\n\n")
        text.append(_("Press Enter to type your card details and pay."))
        return SimulatedScreen(_("Web page (simulated)"), link.address, text, acts=True)
    text.append(_("Card number:    ____ ____ ____ ____") + "\n")
    text.append(_("Password:       ____________") + "\n\n")
    text.append(_("Press Enter to type your details and log in."))
    return SimulatedScreen(_("Web page (simulated)"), link.address, text, acts=True)


def locked_screen(name: str) -> SimulatedScreen:
    """What a scam's attachment does when it is opened: a "your files are locked" demand."""
    text = Text(_("YOUR FILES ARE LOCKED") + "\n\n", style="bold")
    text.append(_("All your documents and photos on this computer are locked.") + "\n")
    text.append(_("Pay {amount} within 48 hours to get them back, or they will be deleted.").format(amount=whole_money(300)) + "\n\n")
    text.append(_("(This happened when you opened {name}.)").format(name=name), style="dim")
    return SimulatedScreen(_("{name} (simulated)").format(name=name), "", text)
