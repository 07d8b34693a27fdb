"""The mobile banking app on a phone: the app's screen, the phone's text messages, and the keys."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from bleep_tui.core.sims.banking import DIGIT_STATES, BankingModel
from bleep_tui.core.sims.screens import banking_screen, message_text
from bleep_tui.i18n import _
from bleep_tui.ui.sims.machine import MESSAGE_LINE, screen_text
from bleep_tui.ui.sims.timed import TimedSimWidget, keys_line

SCREEN_WIDTH = 40
SCREEN_HEIGHT = 11


class BankingWidget(TimedSimWidget):
    DEFAULT_CSS = """
    BankingWidget { height: auto; }
    BankingWidget > Horizontal { height: auto; }
    BankingWidget #phone-screen {
        width: 44;
        height: auto;
        border: ascii $primary;
        background: $surface;
        padding: 0 1;
    }
    BankingWidget #phone-texts { width: 1fr; height: auto; padding: 0 1; }
    BankingWidget #phone-keys { height: auto; }
    BankingWidget:focus #phone-screen { border: ascii $accent; }
    """

    cursor_on = ("#phone-screen", MESSAGE_LINE)

    BINDINGS = [
        Binding("enter", "do('enter')", show=False),
        Binding("backspace", "do('backspace')", show=False),
        Binding("up", "do('back')", show=False),
        Binding("ctrl+x", "do('cancel_payment')", show=False),
        Binding("x", "do('cancel_payment')", show=False),
        Binding("n", "do('new_payment')", show=False),
        Binding("m", "do('open_messages')", show=False),
        Binding("b,e", "do('back')", show=False),
        Binding("r", "do('report_scam')", show=False),
        Binding("c", "do('call_relative')", show=False),
        Binding("h", "do('hang_up')", show=False),
        Binding("t", "do('tell_code')", show=False),
        Binding("l", "do('leave')", show=False),
    ]

    model: BankingModel

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="phone-screen", markup=False)
            yield Static(id="phone-texts", markup=False)
        yield Static(id="phone-keys", markup=False)

    def action_do(self, method: str) -> None:
        self.act(method)

    def on_key(self, event: events.Key) -> None:
        """In a field, every printable key is typing (so `n` is the letter n, not "new payment")."""
        character = event.character
        if not character or not character.isprintable() or self.model.finished:
            return
        if self.model.text_entry or (self.model.state in DIGIT_STATES and character.isdigit()):
            event.stop()
            event.prevent_default()
            self.act("type", character)

    def draw(self) -> None:
        model = self.model
        self.query_one("#phone-screen", Static).update(
            screen_text(model.scenario.bank, banking_screen(model, self.currency, self.app.glyphs.right), SCREEN_WIDTH, SCREEN_HEIGHT, centre=False)
        )
        self.query_one("#phone-texts", Static).update(self._texts())
        self.query_one("#phone-keys", Static).update(self._keys())

    def _texts(self) -> Text:
        model = self.model
        text = Text(_("Phone: text messages"), style="bold")
        if model.unread:
            text.append("  " + _("({n} new)").format(n=model.unread), style="reverse")
        text.append("\n")
        shown = model.messages[:2] if model.state in ("messages", "otp", "call") else model.messages[:1]
        if not shown:
            text.append(_("No messages."), style="dim")
        for message in shown:
            text.append(message.sender + ": ", style="bold")
            text.append(message_text(message, self.currency) + "\n")
        return text

    def _keys(self) -> Text:
        model = self.model
        state = model.state
        if model.text_entry:
            pairs = [("Enter", _("next")), ("Backspace", _("delete")), ("Up", _("back")), ("Ctrl+X", _("cancel payment"))]
        elif state == "login":
            pairs = [(_("digits"), _("code")), ("Enter", _("log in")), ("L", _("close the app: ends the task"))]
        elif state == "locked":
            pairs = [("L", _("close the app: ends the task"))]
        elif state == "overview":
            pairs = [("N", _("new payment")), ("M", _("messages"))]
            if model.can_report:
                pairs.append(("R", _("report a scam")))
            pairs.append(("L", _("log out: ends the task")))
        elif state == "messages":
            pairs = [("B", _("back"))]
            if model.can_report:
                pairs.append(("R", _("report as scam")))
            if model.scenario.scam == "relative" and model.scam_started:
                pairs.append(("C", _("call them on the number you already have")))
        elif state == "call":
            pairs = [("H", _("hang up")), ("T", _("tell the caller the code"))]
        elif state == "payee_check":
            pairs = [("Enter", _("pay anyway")), ("E", _("change the name")), ("X", _("cancel payment"))]
        elif state == "review":
            pairs = [("Enter", _("confirm")), ("Up", _("change")), ("X", _("cancel payment"))]
        elif state == "otp":
            pairs = [(_("digits"), _("code")), ("Enter", _("confirm")), ("X", _("cancel payment"))]
        else:
            pairs = []
        return keys_line(pairs)
