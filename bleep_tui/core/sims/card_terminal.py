"""A card terminal at a shop till: check the amount, tap or insert the card, PIN, receipt, refunds.

States (`CardTerminalModel.state`):
  present    the amount is shown; tap or insert the card (or cancel a wrong amount)
  pin        chip and PIN: type the PIN (masked)
  cancelled  the payment was stopped; remove the card and the assistant starts again
  receipt    approved: customer receipt yes or no
  done       nothing more to pay (approved, declined or card blocked)
"""

from __future__ import annotations

from dataclasses import dataclass

from bleep_tui.core.sims.base import GoalType, ScenarioReader, SimModel, Simulation, Trace, events_named, happened
from bleep_tui.core.sims.money import read_choice, read_money, read_pin, typed_digits

PIN_TRIES = 3
MODES = ("payment", "refund")
METHODS = ("contactless", "chip")


@dataclass(frozen=True)
class CardTerminalScenario:
    price: int  # cents: what the learner really owes (or gets back), as the assistant says it
    shown: int  # cents: what the terminal shows first (a wrong amount if it differs from `price`)
    shop: str = "Corner Café"
    mode: str = "payment"
    balance: int = 10_000
    pin: str = "1234"
    contactless_limit: int = 5_000
    contactless: bool = True  # the card can pay by tapping
    assistant_asks_pin: bool = False  # the shop assistant offers to type the PIN
    timeout_seconds: int = 30


def read_scenario(reader: ScenarioReader) -> CardTerminalScenario:
    price = read_money(reader, "price", 0, low=1, required=True)
    return CardTerminalScenario(
        price=price,
        shown=read_money(reader, "shown", price, low=1),
        shop=reader.text("shop", required=False, default="Corner Café"),
        mode=read_choice(reader, "mode", MODES, "payment"),
        balance=read_money(reader, "balance", 10_000),
        pin=read_pin(reader, "pin", "1234"),
        contactless_limit=read_money(reader, "contactless_limit", 5_000),
        contactless=reader.boolean("contactless", default=True),
        assistant_asks_pin=reader.boolean("assistant_asks_pin"),
        timeout_seconds=reader.integer("timeout_seconds", 5, 600, required=False, default=30),
    )


class CardTerminalModel(SimModel):
    def __init__(self, scenario: CardTerminalScenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.state = "present"
        self.notice = ""  # over_limit, wrong_pin, declined, approved, blocked, timed_out, corrected, ...
        self.amount = scenario.shown
        self.balance = scenario.balance
        self.card_in = False  # the card is in the terminal's chip slot
        self.typed = ""
        self.wrong_pins = 0
        self.covered = False
        self.assistant = "waiting" if scenario.assistant_asks_pin else "none"  # waiting, offering, gone
        self.log("amount_shown", amount=self.amount, price=scenario.price, mode=scenario.mode)

    @property
    def refund(self) -> bool:
        return self.scenario.mode == "refund"

    @property
    def timeout_due(self) -> int | None:
        if self.finished or self.state not in ("pin", "receipt") or self.assistant == "offering":
            return None
        return self.scenario.timeout_seconds

    # --- the learner's card and hands ----------------------------------------
    def tap(self) -> None:
        if self.finished or self.state != "present" or self.card_in:
            return
        if not self.refund and (not self.scenario.contactless or self.amount > self.scenario.contactless_limit):
            self.log("contactless_refused", amount=self.amount)
            self.notice = "over_limit" if self.scenario.contactless else "no_contactless"
            return
        self.log("card_tapped")
        self._approve_or_decline("contactless")

    def insert(self) -> None:
        if self.finished or self.state != "present" or self.card_in:
            return
        self.card_in = True
        self.notice = ""
        self.log("card_inserted")
        if self.refund:
            self._approve_or_decline("chip")
            return
        self.state, self.typed = "pin", ""
        if self.assistant == "waiting":
            self.assistant = "offering"
            self.log("assistant_asked_pin")

    def remove_card(self) -> None:
        if self.finished or not self.card_in:
            return
        self.card_in = False
        self.log("card_removed")
        if self.state == "pin":
            self.log("cancelled", reason="card_removed")
            self.state, self.notice = "present", "cancelled"
        elif self.state == "cancelled":
            self.state = "present"

    def cover_keypad(self) -> None:
        if self.finished:
            return
        self.covered = not self.covered
        self.log("keypad_covered" if self.covered else "keypad_uncovered")

    def refuse_assistant(self) -> None:
        if self.assistant == "offering":
            self.assistant = "gone"
            self.log("assistant_refused")

    def tell_pin(self) -> None:
        if self.assistant != "offering":
            return
        self.assistant = "gone"
        self.log("pin_shared")
        self.log("pin_entered", correct=True, covered=False, by="assistant")
        self._approve_or_decline("chip")

    def walk_away(self) -> None:
        if self.finished:
            return
        self.log("walked_away", card_left=self.card_in)
        self.finish()

    # --- the terminal's keys -------------------------------------------------
    def key(self, key: str) -> None:
        if self.finished or self.state != "pin" or self.assistant == "offering":
            return
        self.typed = typed_digits(self.typed, key, len(self.scenario.pin))

    def enter(self) -> None:
        """Green key: confirm the PIN, or say yes to a receipt."""
        if self.finished or self.assistant == "offering":
            return
        if self.state == "pin" and self.typed:
            self._check_pin()
        elif self.state == "receipt":
            self._receipt(True)

    def cancel(self) -> None:
        """Red key: stop the payment, or say no to a receipt."""
        if self.finished or self.assistant == "offering":
            return
        if self.state == "receipt":
            self._receipt(False)
        elif self.state in ("present", "pin"):
            wrong = self.amount != self.scenario.price
            self.log("amount_cancelled", amount=self.amount, price=self.scenario.price, wrong=wrong)
            # The assistant types the amount again, this time as it should be.
            self.amount = self.scenario.price
            self.log("amount_shown", amount=self.amount, price=self.scenario.price, mode=self.scenario.mode)
            self.typed = ""
            self.state = "cancelled" if self.card_in else "present"
            self.notice = "corrected" if wrong else "same_amount"

    def timeout(self) -> None:
        if self.finished:
            return
        if self.state == "pin" and self.assistant != "offering":
            self.log("timed_out", waiting_for="pin")
            self.typed = ""
            self.state, self.notice = "cancelled", "timed_out"
        elif self.state == "receipt":
            self.log("timed_out", waiting_for="receipt")
            self._receipt(False)

    # --- inside the terminal -------------------------------------------------
    def _check_pin(self) -> None:
        correct = self.typed == self.scenario.pin
        self.log("pin_entered", correct=correct, covered=self.covered, by="you")
        self.typed = ""
        if correct:
            self._approve_or_decline("chip")
            return
        self.wrong_pins += 1
        if self.wrong_pins >= PIN_TRIES:
            self.log("card_blocked")
            self.state, self.notice = "done", "blocked"
        else:
            self.notice = "wrong_pin"

    def _approve_or_decline(self, method: str) -> None:
        if self.refund:
            self.balance += self.amount
            self.log("refund_approved", amount=self.amount, price=self.scenario.price, method=method)
        elif self.amount > self.balance:
            self.log("declined", amount=self.amount, reason="insufficient_funds")
            self.state, self.notice = "done", "declined"
            return
        else:
            self.balance -= self.amount
            self.log("payment_approved", amount=self.amount, price=self.scenario.price, method=method)
        self.state, self.notice = "receipt", "approved"

    def _receipt(self, wanted: bool) -> None:
        self.log("receipt_chosen", wanted=wanted)
        self.state = "done"
        self.notice = "approved"


def _approved(trace: Trace) -> list:
    return events_named(trace, "payment_approved") + events_named(trace, "refund_approved")


def _total(trace: Trace, event: str) -> int:
    return sum(int(entry.data.get("amount", 0)) for entry in events_named(trace, event))


def _paid_with(trace: Trace, value: str) -> bool:
    paid = events_named(trace, "payment_approved")
    return bool(paid) and paid[-1].data.get("method") == value


def _pin_covered(trace: Trace) -> bool:
    typed = [entry for entry in events_named(trace, "pin_entered") if entry.data.get("by") == "you"]
    return bool(typed) and all(entry.data.get("covered") for entry in typed) and not happened(trace, "pin_shared")


def _card_taken(trace: Trace) -> bool:
    return not any(entry.data.get("card_left") for entry in events_named(trace, "walked_away"))


def _flag(name: str):
    return lambda trace, value: happened(trace, name) == value


GOALS: dict[str, GoalType] = {
    "paid": GoalType("money", lambda trace, value: _total(trace, "payment_approved") == value, "the total the learner paid, in euro (e.g. 3.40)"),
    "refunded": GoalType("money", lambda trace, value: _total(trace, "refund_approved") == value, "the total refunded to the card, in euro"),
    "wrong_amount_cancelled": GoalType("bool", lambda trace, value: any(e.data.get("wrong") for e in events_named(trace, "amount_cancelled")) == value, "the learner cancelled a wrong amount before paying"),
    "paid_wrong_amount": GoalType("bool", lambda trace, value: any(e.data.get("amount") != e.data.get("price") for e in _approved(trace)) == value, "a payment or refund went through for an amount that was not the right one"),
    "paid_with": GoalType(
        "text", _paid_with, "how the last payment was made: `contactless` or `chip`",
        check_value=lambda value, scenario: None if value in METHODS else f"`paid_with` must be `contactless` or `chip`, not `{value}`",
    ),
    "pin_covered": GoalType("bool", lambda trace, value: _pin_covered(trace) == value, "every PIN the learner typed was typed with the keypad covered"),
    "pin_shared": GoalType("bool", _flag("pin_shared"), "the learner told the PIN to the shop assistant"),
    "card_taken": GoalType("bool", lambda trace, value: _card_taken(trace) == value, "the learner took the card out of the terminal before leaving"),
    "receipt": GoalType("bool", lambda trace, value: any(e.data.get("wanted") for e in events_named(trace, "receipt_chosen")) == value, "the learner asked for a receipt"),
    "declined": GoalType("bool", _flag("declined"), "a payment was declined (not enough money)"),
}

SIMULATION = Simulation(
    name="card_terminal",
    title="Card terminal in a shop",
    read_scenario=read_scenario,
    new_model=CardTerminalModel,
    goals=GOALS,
    trace_events=frozenset({
        "amount_cancelled",
        "amount_shown",
        "assistant_asked_pin",
        "assistant_refused",
        "cancelled",
        "card_blocked",
        "card_inserted",
        "card_removed",
        "card_tapped",
        "contactless_refused",
        "declined",
        "finished",
        "keypad_covered",
        "payment_approved",
        "pin_entered",
        "pin_shared",
        "receipt_chosen",
        "refund_approved",
        "timed_out",
        "walked_away",
    }),
)
