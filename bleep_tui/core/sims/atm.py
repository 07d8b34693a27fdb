"""A cash machine (ATM): card, language, PIN, menu, cash, card and cash taken back in time.

States the machine can be in (`AtmModel.state`):
  insert     waiting for a card
  language   choose a language
  pin        type the PIN (masked); three wrong PINs keep the card
  menu       withdraw cash, balance, mini-statement, exit
  amounts    fixed amounts, "other amount", back
  other      type an amount
  fee        another bank's machine: accept the fee or cancel
  receipt    receipt yes or no
  balance    the balance on screen
  statement  the mini-statement on screen
  take_card  the card sticks out of the slot (kept if not taken in time)
  take_cash  the cash is in the tray (taken back if not collected in time)
  card_kept  the machine has kept the card; the screen says what to do next
"""

from __future__ import annotations

from dataclasses import dataclass

from bleep_tui.core.sims.base import (
    GoalType,
    ScenarioReader,
    SimModel,
    Simulation,
    Trace,
    events_named,
    happened,
)
from bleep_tui.core.sims.money import read_money, read_pin, typed_digits

PIN_TRIES = 3
NOTES = (5, 10, 20, 50)
MAX_TYPED_AMOUNT = 4  # digits
SESSION_STATES = frozenset({"language", "pin", "menu", "amounts", "other", "fee", "receipt", "balance", "statement"})
DEFAULT_STATEMENT = (
    "02/05  Corner shop          -12.40",
    "01/05  Salary            +1,120.00",
    "30/04  Cash machine         -40.00",
    "28/04  Phone top-up         -15.00",
)


@dataclass(frozen=True)
class AtmScenario:
    pin: str = "1234"
    balance: int = 20_000  # cents
    bank: str = "Northway Bank"  # whose machine this is
    own_bank: bool = True  # False: another bank's machine, which charges `fee`
    fee: int = 250  # cents
    daily_limit: int = 500  # euro a day
    withdrawn_today: int = 0  # euro already taken today
    smallest_note: int = 10  # euro
    amounts: tuple[int, ...] = (20, 40, 50, 100, 200)
    languages: tuple[str, ...] = ("English", "Deutsch", "Français", "Español")
    statement: tuple[str, ...] = DEFAULT_STATEMENT
    stranger: bool = False  # a "helpful" stranger offers to type the PIN
    timeout_seconds: int = 30


def read_scenario(reader: ScenarioReader) -> AtmScenario:
    base = AtmScenario()
    smallest = reader.integer("smallest_note", 5, 50, required=False, default=base.smallest_note)
    if smallest not in NOTES:
        reader.error("smallest_note", f"`smallest_note` must be one of {', '.join(map(str, NOTES))} (got {smallest})")
        smallest = base.smallest_note
    amounts = base.amounts
    texts = reader.text_list("amounts", required=False)
    if texts:
        if all(text.isdigit() and int(text) > 0 and int(text) % smallest == 0 for text in texts) and 1 <= len(texts) <= 6:
            amounts = tuple(int(text) for text in texts)
        else:
            reader.error("amounts", f"`amounts` must be 1 to 6 whole euro amounts, each a multiple of {smallest}")
    languages = tuple(reader.text_list("languages", required=False)) or base.languages
    if len(languages) > 4:
        reader.error("languages", "`languages` can have at most 4 languages (one per side button)")
        languages = languages[:4]
    return AtmScenario(
        pin=read_pin(reader, "pin", base.pin),
        balance=read_money(reader, "balance", base.balance),
        bank=reader.text("bank", required=False, default=base.bank),
        own_bank=reader.boolean("own_bank", default=True),
        fee=read_money(reader, "fee", base.fee, high=2_000),
        daily_limit=reader.integer("daily_limit", 10, 5000, required=False, default=base.daily_limit),
        withdrawn_today=reader.integer("withdrawn_today", 0, 5000, required=False, default=0),
        smallest_note=smallest,
        amounts=amounts,
        languages=languages,
        statement=tuple(reader.text_list("statement", required=False)) or base.statement,
        stranger=reader.boolean("stranger"),
        timeout_seconds=reader.integer("timeout_seconds", 5, 600, required=False, default=base.timeout_seconds),
    )


class AtmModel(SimModel):
    def __init__(self, scenario: AtmScenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.state = "insert"
        self.notice = ""  # a one-off reason shown on the screen: "wrong_pin", "daily_limit", ...
        self.balance = scenario.balance
        self.withdrawn_today = scenario.withdrawn_today
        self.card = "wallet"  # wallet, machine, slot (sticking out), kept
        self.typed = ""
        self.wrong_pins = 0
        self.covered = False  # the learner's hand covers the keypad
        self.stranger = "waiting" if scenario.stranger else "none"  # waiting, offering, gone
        self.amount = 0  # euro chosen for this withdrawal
        self.cash_out = 0  # euro in the cash tray
        self.receipt_wanted = False
        self.receipt_out = False  # a printed receipt waits in its slot
        self.language = ""

    # What the screen offers on its side buttons, in order.
    @property
    def options(self) -> tuple[str, ...]:
        if self.stranger == "offering":
            return ()
        if self.state == "language":
            return tuple(f"language:{name}" for name in self.scenario.languages)
        if self.state == "menu":
            return ("withdraw", "balance", "statement", "exit")
        if self.state == "amounts":
            return tuple(f"amount:{a}" for a in self.scenario.amounts) + ("other", "back")
        if self.state == "fee":
            return ("accept", "cancel")
        if self.state == "receipt":
            return ("yes", "no")
        if self.state in ("balance", "statement"):
            return ("back", "exit")
        return ()

    @property
    def timeout_due(self) -> int | None:
        """Seconds until the machine gives up waiting, or None when it is not waiting for anything."""
        if self.finished or self.state not in SESSION_STATES | {"take_card", "take_cash"}:
            return None
        return self.scenario.timeout_seconds

    @property
    def fee(self) -> int:
        return 0 if self.scenario.own_bank else self.scenario.fee

    # --- the learner's hands -------------------------------------------------
    def insert_card(self) -> None:
        if self.finished or self.state != "insert" or self.card != "wallet":
            return
        self.card = "machine"
        self.notice = ""
        self.log("card_inserted")
        if len(self.scenario.languages) > 1:
            self.state = "language"
        else:
            self._to_pin()

    def cover_keypad(self) -> None:
        if self.finished:
            return
        self.covered = not self.covered
        self.log("keypad_covered" if self.covered else "keypad_uncovered")

    def take_card(self) -> None:
        if self.finished or self.card != "slot":
            return
        self.card = "wallet"
        self.log("card_taken")
        if self.amount:
            self._present_cash()
        else:
            self._end_session("thank_you")

    def take_cash(self) -> None:
        if self.finished or not self.cash_out:
            return
        self.log("cash_taken", amount=self.cash_out)
        self.cash_out = 0
        self._end_session("thank_you")

    def take_receipt(self) -> None:
        if self.finished or not self.receipt_out:
            return
        self.receipt_out = False
        self.log("receipt_taken")

    def decline_help(self) -> None:
        if self.stranger == "offering":
            self.stranger = "gone"
            self.log("stranger_declined")

    def accept_help(self) -> None:
        if self.stranger != "offering":
            return
        self.stranger = "gone"
        self.log("stranger_accepted")
        self.log("pin_shared")
        self.log("pin_entered", correct=True, covered=False, by="stranger")
        self.typed = ""
        self.state = "menu"

    def walk_away(self) -> None:
        if self.finished:
            return
        left = self.card in ("machine", "slot")
        self.log("walked_away", card_left=left, cash_left=bool(self.cash_out), receipt_left=self.receipt_out)
        if left:
            self.card = "kept"
            self.log("card_kept", reason="left")
        if self.cash_out:
            self._retract_cash()
        self.finish()

    # --- the machine's keys --------------------------------------------------
    def choose(self, index: int) -> None:
        if self.finished or not 0 <= index < len(self.options):
            return
        option = self.options[index]
        self.notice = ""
        if self.state == "language":
            self.language = option.split(":", 1)[1]
            self.log("language_chosen", language=self.language)
            self._to_pin()
        elif self.state == "menu":
            self._menu(option)
        elif self.state == "amounts":
            if option == "other":
                self.state, self.typed = "other", ""
            elif option == "back":
                self.state = "menu"
            else:
                self._try_amount(int(option.split(":", 1)[1]))
        elif self.state == "fee":
            if option == "accept":
                self.log("fee_accepted", fee=self.fee)
                self.state = "receipt"
            else:
                self.log("fee_declined", fee=self.fee)
                self.amount = 0
                self.state, self.notice = "menu", "cancelled"
        elif self.state == "receipt":
            self.receipt_wanted = option == "yes"
            self.log("receipt_chosen", wanted=self.receipt_wanted)
            self._return_card()
        elif self.state in ("balance", "statement"):
            self._menu("exit" if option == "exit" else "back")

    def key(self, key: str) -> None:
        """A digit or `backspace` on the keypad."""
        if self.finished or self.stranger == "offering" or self.state not in ("pin", "other"):
            return
        limit = len(self.scenario.pin) if self.state == "pin" else MAX_TYPED_AMOUNT
        self.typed = typed_digits(self.typed, key, limit)

    def enter(self) -> None:
        if self.finished or self.stranger == "offering":
            return
        if self.state == "pin" and self.typed:
            self._check_pin()
        elif self.state == "other" and self.typed:
            self._try_amount(int(self.typed))

    def cancel(self) -> None:
        if self.finished or self.stranger == "offering" or self.state not in SESSION_STATES:
            return
        if self.state == "other":  # Cancel on an amount goes back to the amounts, as on real machines
            self.state, self.typed = "amounts", ""
            return
        self.log("cancelled", state=self.state)
        self.amount = 0
        self._return_card()

    def timeout(self) -> None:
        """The machine waited too long for the learner."""
        if self.finished:
            return
        if self.state == "take_card":
            self.log("timed_out", waiting_for="card")
            self.card = "kept"
            self.log("card_kept", reason="not_taken")
            self.amount = 0
            self.state, self.notice = "card_kept", "not_taken"
        elif self.state == "take_cash":
            self.log("timed_out", waiting_for="cash")
            self._retract_cash()
            self._end_session("cash_retracted")
        elif self.state in SESSION_STATES:
            self.log("timed_out", waiting_for="you")
            self.stranger = "gone" if self.stranger == "offering" else self.stranger
            self.amount = 0
            self._return_card()
            self.notice = "timed_out"

    # --- inside the machine --------------------------------------------------
    def _to_pin(self) -> None:
        self.state, self.typed = "pin", ""
        if self.stranger == "waiting":
            self.stranger = "offering"
            self.log("stranger_offered_help")

    def _check_pin(self) -> None:
        correct = self.typed == self.scenario.pin
        self.log("pin_entered", correct=correct, covered=self.covered, by="you")
        self.typed = ""
        if correct:
            self.state = "menu"
            return
        self.wrong_pins += 1
        if self.wrong_pins >= PIN_TRIES:
            self.card = "kept"
            self.log("card_kept", reason="wrong_pin")
            self.state, self.notice = "card_kept", "wrong_pin"
        else:
            self.notice = "wrong_pin"

    def _menu(self, option: str) -> None:
        if option == "withdraw":
            self.state = "amounts"
        elif option == "balance":
            self.log("balance_viewed", balance=self.balance)
            self.state = "balance"
        elif option == "statement":
            self.log("statement_viewed")
            self.state = "statement"
        elif option == "back":
            self.state = "menu"
        else:
            self.log("exit_chosen")
            self._return_card()

    def _try_amount(self, amount: int) -> None:
        reason = ""
        if amount <= 0 or amount % self.scenario.smallest_note:
            reason = "not_multiple"
        elif self.withdrawn_today + amount > self.scenario.daily_limit:
            reason = "daily_limit"
        elif amount * 100 + self.fee > self.balance:
            reason = "insufficient_funds"
        self.typed = ""
        if reason:
            self.log("amount_refused", amount=amount, reason=reason)
            self.notice = reason
            return
        self.amount = amount
        self.log("amount_chosen", amount=amount)
        if self.fee:
            self.log("fee_shown", fee=self.fee)
            self.state = "fee"
        else:
            self.state = "receipt"

    def _return_card(self) -> None:
        """Cards come back before cash, so nobody walks away without theirs."""
        self.card = "slot"
        self.typed = ""
        self.state = "take_card"
        self.log("card_returned")

    def _present_cash(self) -> None:
        self.balance -= self.amount * 100 + self.fee
        self.withdrawn_today += self.amount
        self.cash_out, self.amount = self.amount, 0
        self.log("cash_dispensed", amount=self.cash_out, fee=self.fee)
        if self.receipt_wanted:
            self.receipt_out = True
            self.log("receipt_printed")
        self.state = "take_cash"

    def _retract_cash(self) -> None:
        self.log("cash_retracted", amount=self.cash_out)
        self.balance += self.cash_out * 100 + self.fee
        self.withdrawn_today -= self.cash_out
        self.cash_out = 0

    def _end_session(self, notice: str) -> None:
        self.state, self.notice = "insert", notice
        self.typed, self.wrong_pins, self.receipt_wanted = "", 0, False


# --- goals: each reads only the trace -----------------------------------------
def _withdrew(trace: Trace) -> int:
    return sum(int(entry.data.get("amount", 0)) for entry in events_named(trace, "cash_taken"))


def _card_back(trace: Trace) -> bool:
    card_events = [entry.event for entry in trace if entry.event in ("card_inserted", "card_taken", "card_kept")]
    return not card_events or card_events[-1] == "card_taken"


def _pin_covered(trace: Trace) -> bool:
    typed = [entry for entry in events_named(trace, "pin_entered") if entry.data.get("by") == "you"]
    return bool(typed) and all(entry.data.get("covered") for entry in typed) and not happened(trace, "pin_shared")


def _receipt_left(trace: Trace) -> bool:
    return any(entry.data.get("receipt_left") for entry in events_named(trace, "walked_away"))


def _cash_left(trace: Trace) -> bool:
    return happened(trace, "cash_retracted")


def _language(trace: Trace, value: str) -> bool:
    chosen = events_named(trace, "language_chosen")
    return bool(chosen) and str(chosen[-1].data.get("language", "")).casefold() == value.casefold()


def _flag(name: str):
    return lambda trace, value: happened(trace, name) == value


GOALS: dict[str, GoalType] = {
    "withdrew": GoalType("int", lambda trace, value: _withdrew(trace) == value, "the cash the learner took out of the tray, in euro"),
    "card_taken": GoalType("bool", lambda trace, value: _card_back(trace) == value, "the learner has the card back at the end"),
    "card_kept": GoalType("bool", _flag("card_kept"), "the machine kept the card (three wrong PINs, not taken in time, or left behind)"),
    "cash_left": GoalType("bool", lambda trace, value: _cash_left(trace) == value, "cash was left in the tray and taken back by the machine"),
    "pin_covered": GoalType("bool", lambda trace, value: _pin_covered(trace) == value, "every PIN the learner typed was typed with the keypad covered"),
    "pin_shared": GoalType("bool", _flag("pin_shared"), "the learner let a stranger type (and see) the PIN"),
    "stranger_declined": GoalType("bool", _flag("stranger_declined"), "the learner said no to the stranger's offer of help"),
    "balance_checked": GoalType("bool", _flag("balance_viewed"), "the learner looked at the balance"),
    "statement_viewed": GoalType("bool", _flag("statement_viewed"), "the learner looked at the mini-statement"),
    "fee_accepted": GoalType("bool", _flag("fee_accepted"), "the learner accepted another bank's fee"),
    "receipt": GoalType("bool", lambda trace, value: any(e.data.get("wanted") for e in events_named(trace, "receipt_chosen")) == value, "the learner asked for a receipt"),
    "receipt_left": GoalType("bool", lambda trace, value: _receipt_left(trace) == value, "a printed receipt was left in the machine"),
    "language": GoalType("text", _language, "the language the learner chose last"),
    "timed_out": GoalType("bool", _flag("timed_out"), "the machine gave up waiting for the learner at least once"),
}

SIMULATION = Simulation(
    name="atm",
    title="Cash machine",
    read_scenario=read_scenario,
    new_model=AtmModel,
    goals=GOALS,
    trace_events=frozenset({
        "amount_chosen",
        "amount_refused",
        "balance_viewed",
        "cancelled",
        "card_inserted",
        "card_kept",
        "card_returned",
        "card_taken",
        "cash_dispensed",
        "cash_retracted",
        "cash_taken",
        "exit_chosen",
        "fee_accepted",
        "fee_declined",
        "fee_shown",
        "finished",
        "keypad_covered",
        "language_chosen",
        "pin_entered",
        "pin_shared",
        "receipt_chosen",
        "receipt_printed",
        "receipt_taken",
        "statement_viewed",
        "stranger_accepted",
        "stranger_declined",
        "stranger_offered_help",
        "timed_out",
        "walked_away",
    }),
)
