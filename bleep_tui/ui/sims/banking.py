"""The mobile banking app on a phone: the app's screen, the phone's text messages, and the keys."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from bleep_tui.core.answers import IBAN_LENGTHS
from bleep_tui.core.sims.banking import DIGIT_STATES, BankingModel, Entry, Message
from bleep_tui.formats import amount, money
from bleep_tui.i18n import _
from bleep_tui.ui.sims.machine import MESSAGE_LINE, screen_text
from bleep_tui.ui.sims.timed import TimedSimWidget, keys_line

SCREEN_WIDTH = 40
SCREEN_HEIGHT = 11


def grouped_iban(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


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
            screen_text(model.scenario.bank, self._paragraphs(), SCREEN_WIDTH, SCREEN_HEIGHT, centre=False)
        )
        self.query_one("#phone-texts", Static).update(self._texts())
        self.query_one("#phone-keys", Static).update(self._keys())

    def _notice(self) -> list[tuple[str, str]]:
        model = self.model
        typed_iban = "".join(model.typed.split()).upper()
        country = typed_iban[:2]
        notices = {
            "wrong_code": _("Wrong code. You have {n} tries left.").format(n=3 - model.login_fails),
            "timed_out": _("You were logged out because you did nothing for a while."),
            "sent": _("Payment sent."),
            "payment_cancelled": _("Payment cancelled. No money was sent."),
            "code_blocked": _("Wrong code 3 times: the payment was cancelled."),
            "code_wrong": _("Wrong code. Look at the text message again."),
            "reported": _("Thank you. The bank's fraud team has your report."),
            "hung_up": _("You hung up. If you are worried, call your bank on the number on your card."),
            "robbed": _("The caller used your code to send all your money to an unknown account."),
            "relative_safe": _("You called on the number you already had. They are fine, and never sent that message."),
            "name_empty": _("Type the name of the person or company."),
            "iban_empty": _("Type the IBAN."),
            "iban_characters": _("Use only letters and digits in an IBAN."),
            "iban_country": _("An IBAN starts with 2 letters for the country, like NL or DE, then 2 digits."),
            "iban_length": _("An IBAN from {country} has {n} characters. You typed {m}. Look for a missing or extra character.").format(
                country=country, n=IBAN_LENGTHS.get(country, 0), m=len(typed_iban)
            ),
            "iban_checksum": _("This IBAN is not correct: a character is wrong, or two are swapped. Check it again, letter by letter."),
            "name_match": self.app.glyphs.right + " " + _("The name matches the account holder."),
            "amount_not_amount": _("Type an amount like {example}.").format(example=amount(2550)),
            "amount_zero": _("The amount must be more than 0."),
            "amount_insufficient_funds": _("Not enough money: your balance is {balance}.").format(balance=money(model.balance, self.currency)),
        }
        return [(notices[model.notice], "bold")] if model.notice in notices else []

    def _paragraphs(self) -> list[tuple[str, str]]:
        model, scenario = self.model, self.model.scenario
        state, notice = model.state, self._notice()
        field = (model.typed + "_", "bold")
        if state == "login":
            return [(_("Welcome, {name}.").format(name=scenario.holder), ""), (_("Enter your login code:"), ""),
                    ("* " * len(model.typed) + "_", "bold")] + notice
        if state == "locked":
            return [(_("The app is locked after 3 wrong codes."), "bold"),
                    (_("Call your bank on the number on the back of your card to unlock it."), "")]
        if state == "overview":
            lines = [(_("Current account: {balance}").format(balance=money(model.balance, self.currency)), "bold"), (_("Recent:"), "")]
            lines += [(self._entry(entry), "") for entry in model.history[:3]]
            return lines + notice
        if state == "messages":
            return [(_("Text messages are on the right."), "")] + notice
        if state == "call":
            return [(_("Incoming call: {caller}").format(caller=scenario.scam_from), "bold"), (f'"{scenario.scam_message}"', "")]
        title = [(_("New payment"), "bold")]
        if state == "payee_name":
            return title + [(_("Who do you want to pay? Their name:"), ""), field] + notice
        if state == "iban":
            return title + [(_("IBAN of {name}:").format(name=model.draft["payee_name"]), ""), field] + notice
        if state == "payee_check":
            result, holder = model.check
            checks = {
                "close": _("Close match. The account holder is called {holder}. Is this who you want to pay?").format(holder=holder),
                "no_match": _("No match! The name does not match the account holder. If you pay, the money may go to the "
                              "wrong person and you may not get it back."),
                "unknown": _("The name could not be checked. Make sure the IBAN is right."),
            }
            return title + [(checks[result], "bold")]
        if state == "amount":
            return title + notice + [(_("Amount in {currency}:").format(currency=self.currency), ""), field]
        if state == "reference":
            return title + [(_("Reference (what it is for, like: Rent May):"), ""), field]
        if state == "review":
            draft = model.draft
            return [(_("Check, then confirm"), "bold"), (_("To: {name}").format(name=draft["payee_name"]), ""),
                    (grouped_iban(draft["iban"]), ""), (_("Amount: {amount}").format(amount=money(model.amount, self.currency)), "bold"),
                    (_("Reference: {reference}").format(reference=draft["reference"] or "-"), "")]
        if state == "otp":
            return [(_("Confirm the payment"), "bold"), (_("We sent you a code by text message. Type it here:"), ""),
                    (model.typed + "_", "bold")] + notice
        return []

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
            text.append(self._message_text(message) + "\n")
        return text

    def _entry(self, entry: Entry) -> str:
        """`Supermarket  -€23.40`: the label in the learner's language, or the name as the learner typed it."""
        sign = "+" if entry.cents > 0 else "-"
        return f"{(_(entry.what) if entry.what else entry.payee)[:20]:<20} {sign}{money(abs(entry.cents), self.currency)}"

    def _message_text(self, message: Message) -> str:
        if not message.code:
            return message.text
        if message.cents:
            return _("Your code is {code} to pay {amount} to {name}. Never share this code with anyone, not even with us.").format(
                code=message.code, amount=money(message.cents, self.currency), name=message.payee)
        return _("Your code is {code}. Never share this code with anyone, not even with us.").format(code=message.code)

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
