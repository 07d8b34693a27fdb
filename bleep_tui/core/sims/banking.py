"""A mobile banking app: log in, look at the account, pay someone safely, and spot a scam.

States (`BankingModel.state`):
  login       type the login code (masked); three wrong codes lock the app
  locked      the app is locked; the screen says what to do
  overview    balance and recent payments
  messages    the phone's text messages
  call        an incoming phone call (the "bank" scam)
  payee_name, iban, amount, reference   the new-payment form, one field at a time
  payee_check the name check did not match: go on anyway, change the name, or cancel
  review      check everything, then confirm
  otp         type the one-time code from the text message
"""

from __future__ import annotations

from dataclasses import dataclass

from bleep_tui.core.answers import amount_in_cents, iban_problem, normalise
from bleep_tui.core.sims.base import GoalType, ScenarioReader, SimModel, Simulation, Trace, events_named, happened
from bleep_tui.core.sims.money import MAX_CENTS, read_choice, read_money, read_pin, typed_digits
from bleep_tui.i18n import N_

LOGIN_TRIES = 3
CODE_TRIES = 3
SCAMS = ("none", "relative", "bank")
TEXT_STATES = ("payee_name", "iban", "amount", "reference")
DIGIT_STATES = ("login", "otp")
FIELD_LIMITS = {"payee_name": 40, "iban": 42, "amount": 10, "reference": 35}
PAYMENT_STATES = frozenset(TEXT_STATES + ("payee_check", "review", "otp"))


def compact_iban(text: str) -> str:
    return "".join(text.split()).upper()


@dataclass(frozen=True)
class Payee:
    iban: str  # compact, upper case
    name: str  # the account holder, as the receiving bank knows them


@dataclass(frozen=True)
class Message:
    """A text on the phone: the scammer's words (`text`, from the lesson), or the bank's code for a payment
    or for a login, which the screen words in the learner's language."""

    sender: str
    text: str = ""
    scam: bool = False
    code: str = ""
    cents: int = 0  # the payment the code confirms; 0: a code nobody asked for
    payee: str = ""


@dataclass(frozen=True)
class Entry:
    """A line of the statement: `what` it was (a label the screen translates) or the `payee` the learner typed, and the amount."""

    cents: int
    what: str = ""
    payee: str = ""


@dataclass(frozen=True)
class BankingScenario:
    holder: str = "Sam Rivers"
    bank: str = "Northway Bank"
    login_code: str = "24680"
    balance: int = 120_000
    history: tuple[Entry, ...] = (Entry(-2340, N_("Supermarket")), Entry(145000, N_("Salary")), Entry(-1999, N_("Phone bill")))
    code: str = "482913"  # the one-time code the bank texts to confirm a payment
    payees: tuple[Payee, ...] = ()  # accounts the payee-name check knows
    scam: str = "none"
    scam_from: str = ""
    scam_message: str = ""
    scam_iban: str = ""
    timeout_seconds: int = 180


def _read_iban(reader: ScenarioReader, key: str, required: bool) -> str:
    text = reader.text(key, required=required)
    if not text:
        return ""
    problem = iban_problem(text)
    if problem:
        reader.error(key, f"`{key}` is not a valid IBAN ({IBAN_PROBLEMS[problem]}): `{text}`")
    return compact_iban(text)


IBAN_PROBLEMS = {
    "empty": "it is empty",
    "characters": "only letters and digits are allowed",
    "country": "it must start with a known country code and two digits",
    "length": "wrong length for its country",
    "checksum": "the mod-97 check fails",
}


def _read_history(reader: ScenarioReader) -> list[Entry]:
    """`history:` a list of `what` + `amount` (negative when money went out), newest first."""
    entries = []
    for line in reader.mappings("history", required=False):
        entries.append(Entry(read_money(line, "amount", 0, low=-MAX_CENTS, required=True), line.text("what")))
        line.reject_unknown()
    return entries


def read_scenario(reader: ScenarioReader) -> BankingScenario:
    base = BankingScenario()
    payees = []
    for payee in reader.mappings("payees", required=False):
        payees.append(Payee(_read_iban(payee, "iban", True), payee.text("name")))
        payee.reject_unknown()
    scam = read_choice(reader, "scam", SCAMS, "none")
    has_scam = scam != "none"
    return BankingScenario(
        holder=reader.text("holder", required=False, default=base.holder),
        bank=reader.text("bank", required=False, default=base.bank),
        login_code=read_pin(reader, "login_code", base.login_code),
        balance=read_money(reader, "balance", base.balance),
        history=tuple(_read_history(reader)) or base.history,
        code=read_pin(reader, "code", base.code, digits=(6, 6)),
        payees=tuple(payees),
        scam=scam,
        scam_from=reader.text("scam_from", required=has_scam),
        scam_message=reader.text("scam_message", required=has_scam),
        scam_iban=_read_iban(reader, "scam_iban", required=scam == "relative"),
        timeout_seconds=reader.integer("timeout_seconds", 10, 3600, required=False, default=base.timeout_seconds),
    )


def payee_result(payees: tuple[Payee, ...], iban: str, name: str) -> tuple[str, str]:
    """The payee-name check: (`match`, `close`, `no_match` or `unknown`, the holder's name)."""
    holder = next((payee.name for payee in payees if payee.iban == iban), None)
    if holder is None:
        return "unknown", ""
    typed, real = normalise(name).replace(".", ""), normalise(holder).replace(".", "")
    if typed == real:
        return "match", holder
    typed_words, real_words = typed.split(), real.split()
    # "K Novak" for "Karin Novak", or one name right and the other missing: close, as real checks say.
    if typed_words and real_words and typed_words[-1] == real_words[-1]:
        return "close", holder
    if set(typed_words) & set(real_words):
        return "close", holder
    return "no_match", holder


class BankingModel(SimModel):
    def __init__(self, scenario: BankingScenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.state = "login"
        self.notice = ""
        self.balance = scenario.balance
        self.history = list(scenario.history)
        self.typed = ""
        self.login_fails = 0
        self.code_fails = 0
        self.messages: list[Message] = []
        self.unread = 0
        self.draft: dict[str, str] = {}
        self.amount = 0
        self.check = ("unknown", "")
        self.scam_started = False
        self.reported = False

    @property
    def logged_in(self) -> bool:
        return self.state not in ("login", "locked")

    @property
    def text_entry(self) -> bool:
        """The keyboard types into a field (so letters are text, not commands)."""
        return self.state in TEXT_STATES

    @property
    def timeout_due(self) -> int | None:
        if self.finished or not self.logged_in or self.state == "call":
            return None
        return self.scenario.timeout_seconds

    @property
    def can_report(self) -> bool:
        return self.scam_started and not self.reported and self.state in ("overview", "messages")

    # --- typing ----------------------------------------------------------------
    def type(self, text: str) -> None:
        """Printable characters typed on the phone's keyboard."""
        if self.finished:
            return
        if self.state in DIGIT_STATES:
            for char in text:
                self.typed = typed_digits(self.typed, char, 6)
        elif self.state in TEXT_STATES:
            self.typed = (self.typed + text)[: FIELD_LIMITS[self.state]]
            self.notice = ""

    def backspace(self) -> None:
        if self.state in DIGIT_STATES + TEXT_STATES:
            self.typed = self.typed[:-1]

    def enter(self) -> None:
        if self.finished:
            return
        handler = {
            "login": self._login,
            "payee_name": self._payee_name,
            "iban": self._iban,
            "payee_check": self._continue_anyway,
            "amount": self._amount,
            "reference": self._reference,
            "review": self._confirm,
            "otp": self._code,
        }.get(self.state)
        if handler:
            handler()

    # --- buttons -----------------------------------------------------------
    def new_payment(self) -> None:
        if self.state == "overview":
            self.draft, self.typed, self.notice = {}, "", ""
            self.state = "payee_name"
            self.log("payment_started")

    def open_messages(self) -> None:
        if self.state == "overview":
            self.state, self.notice, self.unread = "messages", "", 0
            self.log("messages_opened")

    def back(self) -> None:
        """Back to the overview from the messages; in the form, back one field."""
        order = ("payee_name", "iban", "amount", "reference", "review")
        if self.state == "messages":
            self.state = "overview"
        elif self.state == "payee_check":
            self.state, self.typed = "payee_name", self.draft.get("payee_name", "")
        elif self.state in order[1:]:
            previous = order[order.index(self.state) - 1]
            self.state, self.typed, self.notice = previous, self.draft.get(previous, ""), ""

    def cancel_payment(self) -> None:
        if self.state in PAYMENT_STATES:
            self.log("payment_cancelled", state=self.state)
            self.state, self.notice, self.typed, self.draft = "overview", "payment_cancelled", "", {}

    def report_scam(self) -> None:
        if not self.can_report:
            return
        self.reported = True
        self.log("scam_reported", scam=self.scenario.scam)
        self.messages = [m for m in self.messages if not m.scam]
        self.notice = "reported"

    def call_relative(self) -> None:
        """Call the relative on the number already saved in the phone, not the new one."""
        if self.state == "messages" and self.scenario.scam == "relative" and self.scam_started:
            self.log("verified_by_call")
            self.notice = "relative_safe"

    def hang_up(self) -> None:
        if self.state == "call":
            self.log("hung_up")
            self.state, self.notice = "overview", "hung_up"

    def tell_code(self) -> None:
        """Read the one-time code to the caller: the caller uses it to empty the account."""
        if self.state != "call":
            return
        self.log("code_shared", to="caller")
        stolen = self.balance
        self.balance = 0
        self.history.insert(0, Entry(-stolen, N_("Unknown payee")))
        self.log("scam_payment", amount=stolen)
        self.state, self.notice = "overview", "robbed"

    def leave(self) -> None:
        """Log out (from the overview), or close the app when not logged in. Ends the task."""
        if self.finished or self.state not in ("overview", "login", "locked"):
            return
        self.log("logged_out" if self.state == "overview" else "app_closed")
        self.finish()

    def timeout(self) -> None:
        if self.timeout_due is None:
            return
        self.log("timed_out", state=self.state)
        if self.state in PAYMENT_STATES:
            self.log("payment_cancelled", state=self.state)
        self.state, self.notice, self.typed, self.draft = "login", "timed_out", "", {}

    # --- inside the app ------------------------------------------------------
    def _login(self) -> None:
        if not self.typed:
            return
        correct = self.typed == self.scenario.login_code
        self.typed = ""
        if not correct:
            self.login_fails += 1
            self.log("login_failed")
            if self.login_fails >= LOGIN_TRIES:
                self.log("app_locked")
                self.state, self.notice = "locked", ""
            else:
                self.notice = "wrong_code"
            return
        self.log("logged_in")
        self.state, self.notice = "overview", ""
        self._start_scam()

    def _start_scam(self) -> None:
        if self.scam_started or self.scenario.scam == "none":
            return
        self.scam_started = True
        self.log("scam_started", scam=self.scenario.scam)
        self._text(Message(self.scenario.scam_from, self.scenario.scam_message, scam=True))
        if self.scenario.scam == "bank":
            # The caller starts a payment in the learner's name, so the real bank texts a real code.
            self._text(Message(self.scenario.bank, code=self.scenario.code))
            self.state = "call"

    def _text(self, message: Message) -> None:
        self.messages.insert(0, message)
        self.unread += 1
        self.log("text_received", sender=message.sender, scam=message.scam)

    def _payee_name(self) -> None:
        name = " ".join(self.typed.split())
        if not name:
            self.notice = "name_empty"
            return
        self.draft["payee_name"] = name
        self.state, self.typed, self.notice = "iban", self.draft.get("iban", ""), ""

    def _iban(self) -> None:
        iban = compact_iban(self.typed)
        problem = iban_problem(iban)
        if problem:
            self.log("iban_rejected", iban=iban, reason=problem)
            self.notice = f"iban_{problem}"
            return
        self.draft["iban"] = iban
        self.check = payee_result(self.scenario.payees, iban, self.draft["payee_name"])
        self.log("payee_checked", result=self.check[0], name=self.draft["payee_name"], iban=iban)
        if self.check[0] == "match":
            self._to_amount("name_match")
        else:
            self.state, self.typed, self.notice = "payee_check", "", ""

    def _continue_anyway(self) -> None:
        if self.check[0] != "unknown":
            self.log("payee_warning_ignored", result=self.check[0])
        self._to_amount("")

    def _to_amount(self, notice: str) -> None:
        self.state, self.typed, self.notice = "amount", self.draft.get("amount", ""), notice

    def _amount(self) -> None:
        cents = amount_in_cents(self.typed)
        reason = ""
        if cents is None:
            reason = "not_amount"
        elif cents == 0:
            reason = "zero"
        elif cents > self.balance:
            reason = "insufficient_funds"
        if reason:
            self.log("amount_refused", typed=self.typed, reason=reason)
            self.notice = f"amount_{reason}"
            return
        assert cents is not None
        self.amount = cents
        self.draft["amount"] = self.typed.strip()
        self.state, self.typed, self.notice = "reference", self.draft.get("reference", ""), ""

    def _reference(self) -> None:
        self.draft["reference"] = " ".join(self.typed.split())
        self.state, self.typed, self.notice = "review", "", ""

    def _confirm(self) -> None:
        self.log("payment_confirmed", amount=self.amount, iban=self.draft["iban"])
        self._text(Message(self.scenario.bank, code=self.scenario.code, cents=self.amount, payee=self.draft["payee_name"]))
        self.code_fails = 0
        self.state, self.typed, self.notice = "otp", "", ""

    def _code(self) -> None:
        if not self.typed:
            return
        if self.typed != self.scenario.code:
            self.code_fails += 1
            self.log("code_wrong")
            self.typed = ""
            if self.code_fails >= CODE_TRIES:
                self.log("payment_cancelled", state="otp")
                self.state, self.notice, self.draft = "overview", "code_blocked", {}
            else:
                self.notice = "code_wrong"
            return
        draft = self.draft
        self.balance -= self.amount
        self.history.insert(0, Entry(-self.amount, payee=draft["payee_name"]))
        self.log(
            "payment_sent",
            name=draft["payee_name"],
            iban=draft["iban"],
            amount=self.amount,
            reference=draft["reference"],
            payee=self.check[0],
            scam=bool(self.scenario.scam_iban) and draft["iban"] == self.scenario.scam_iban,
        )
        self.state, self.typed, self.notice, self.draft = "overview", "", "sent", {}


# --- goals: each reads only the trace -----------------------------------------
def _sent(trace: Trace) -> list:
    return events_named(trace, "payment_sent")


def _paid(trace: Trace) -> int:
    return sum(int(entry.data.get("amount", 0)) for entry in _sent(trace))


def _scam_paid(trace: Trace) -> bool:
    return happened(trace, "scam_payment") or any(entry.data.get("scam") for entry in _sent(trace))


def _flag(name: str):
    return lambda trace, value: happened(trace, name) == value


GOALS: dict[str, GoalType] = {
    "logged_in": GoalType("bool", _flag("logged_in"), "the learner logged in with the right code"),
    "paid": GoalType("money", lambda trace, value: _paid(trace) == value, "the total the learner sent in payments, in euro (0 for none)"),
    "paid_to": GoalType("text", lambda trace, value: any(e.data.get("iban") == compact_iban(value) for e in _sent(trace)), "a payment was sent to this IBAN"),
    "reference": GoalType("text", lambda trace, value: any(normalise(value) in normalise(str(e.data.get("reference", ""))) for e in _sent(trace)), "a payment was sent with a reference containing this text"),
    "payee_match": GoalType("bool", lambda trace, value: (bool(_sent(trace)) and all(e.data.get("payee") == "match" for e in _sent(trace))) == value, "every payment went to a name that matched the account holder"),
    "payee_warning_ignored": GoalType("bool", _flag("payee_warning_ignored"), "the learner went on although the name check did not match"),
    "payments": GoalType("int", lambda trace, value: len(_sent(trace)) == value, "how many payments the learner sent"),
    "code_shared": GoalType("bool", _flag("code_shared"), "the learner told a one-time code to a caller"),
    "scam_paid": GoalType("bool", lambda trace, value: _scam_paid(trace) == value, "money went to the scammer"),
    "scam_reported": GoalType("bool", _flag("scam_reported"), "the learner reported the scam to the bank"),
    "verified": GoalType("bool", _flag("verified_by_call"), "the learner called the relative on the number they already had"),
    "hung_up": GoalType("bool", _flag("hung_up"), "the learner hung up on the caller"),
    "logged_out": GoalType("bool", _flag("logged_out"), "the learner logged out at the end"),
}

SIMULATION = Simulation(
    name="banking",
    title="Mobile banking",
    read_scenario=read_scenario,
    new_model=BankingModel,
    goals=GOALS,
    trace_events=frozenset({
        "amount_refused",
        "app_locked",
        "code_shared",
        "code_wrong",
        "finished",
        "hung_up",
        "iban_rejected",
        "logged_in",
        "logged_out",
        "login_failed",
        "messages_opened",
        "payee_checked",
        "payee_warning_ignored",
        "payment_cancelled",
        "payment_confirmed",
        "payment_started",
        "scam_payment",
        "scam_reported",
        "scam_started",
        "text_received",
        "timed_out",
        "verified_by_call",
    }),
)
