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


def what_happened(kind: str, fee_cents: int = 0, name: str = "") -> tuple[str, str]:
    """The title and text that say what a mistake did, and what to do now (kind: login, payment, attachment)."""
    title = _("Simulation: what just happened")
    if kind == "payment":
        happened = _(
            "{amount} was taken from your card. The page was not the company's: it was the scammers' page. "
            "Now they also have your card number and security code, and they can take much more."
        ).format(amount=money(fee_cents))
        steps = [
            _("Call your bank on the number on the back of your card, and block the card."),
            _("Check your bank statement for payments you do not know, and tell the bank about them."),
            _("Report the message as a scam, then delete it."),
        ]
        safe = _("In this simulation no money was taken.")
    elif kind == "attachment":
        happened = _(
            "{name} was not what the message said. It was a harmful program, and opening it locked the files on this computer."
        ).format(name=name)
        steps = [
            _("Do not pay. Paying does not bring the files back."),
            _("Turn off the internet (Wi-Fi or cable) and tell the person who looks after the computer."),
            _("Get your files back from a back-up copy."),
            _("Report the message as phishing. From a safe device, change your passwords."),
        ]
        safe = _("In this simulation your files are safe.")
    else:
        happened = _(
            "Your card number and password went to the scammers, not to your bank. "
            "The page only looked like your bank's. With your password they can get into your account."
        )
        steps = [
            _("Change your bank password at once, in the bank's own app or site: type its address yourself."),
            _("Call your bank on the number on the back of your card, and tell them what happened."),
            _("Report the message as phishing, then delete it."),
        ]
        safe = _("In this simulation nothing was sent.")
    lines = [happened, "", _("What to do now:"), *(f"{number}. {step}" for number, step in enumerate(steps, 1)), "", safe]
    return title, "\n".join(lines)
