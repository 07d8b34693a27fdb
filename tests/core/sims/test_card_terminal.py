"""The shop's card terminal: contactless under the limit, chip and PIN above, wrong amounts, declines, refunds."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from bleep_tui.core.sims.card_terminal import GOALS, CardTerminalModel, CardTerminalScenario

COFFEE = CardTerminalScenario(price=340, shown=340, balance=5_820)
SHOES = CardTerminalScenario(price=6_490, shown=64_900, balance=70_215, pin="3706")


def goal(model: CardTerminalModel, name: str, value: object) -> bool:
    return GOALS[name].check(tuple(model.trace), value)


def type_pin(model: CardTerminalModel, pin: str) -> None:
    for digit in pin:
        model.key(digit)
    model.enter()


def test_a_small_amount_is_paid_by_tapping_without_a_pin() -> None:
    model = CardTerminalModel(COFFEE)
    model.tap()
    assert model.state == "receipt" and model.balance == 5_480
    model.enter()
    assert model.state == "done" and model.timeout_due is None
    model.walk_away()
    assert goal(model, "paid", 340) and goal(model, "paid_with", "contactless") and goal(model, "receipt", True)
    assert goal(model, "card_taken", True) and goal(model, "paid_wrong_amount", False)


def test_over_the_contactless_limit_the_terminal_asks_for_chip_and_pin() -> None:
    model = CardTerminalModel(replace(SHOES, shown=6_490))
    model.tap()
    assert model.state == "present" and model.notice == "over_limit"
    model.insert()
    assert model.state == "pin" and model.timeout_due == 30
    model.cover_keypad()
    type_pin(model, "3706")
    assert model.state == "receipt"
    model.cancel()  # no receipt
    model.remove_card()
    model.walk_away()
    assert goal(model, "paid_with", "chip") and goal(model, "pin_covered", True) and goal(model, "receipt", False)


def test_a_card_without_contactless_must_be_inserted() -> None:
    model = CardTerminalModel(replace(COFFEE, contactless=False))
    model.tap()
    assert model.notice == "no_contactless" and model.state == "present"


def test_the_contactless_limit_itself_can_be_tapped_and_one_cent_more_cannot() -> None:
    at_limit = CardTerminalModel(replace(COFFEE, price=5_000, shown=5_000))
    at_limit.tap()
    assert at_limit.state == "receipt" and goal(at_limit, "paid_with", "contactless")
    over = CardTerminalModel(replace(COFFEE, price=5_001, shown=5_001))
    over.tap()
    assert over.state == "present" and over.notice == "over_limit" and over.balance == COFFEE.balance
    assert over.trace[-1].to_record() == {"event": "contactless_refused", "amount": 5_001}


def test_a_tap_with_the_card_already_inserted_or_after_paying_does_nothing() -> None:
    inserted = CardTerminalModel(SHOES)
    inserted.insert()
    inserted.tap()
    assert inserted.state == "pin" and "card_tapped" not in [entry.event for entry in inserted.trace]
    paid = CardTerminalModel(COFFEE)
    paid.tap()
    paid.tap()
    assert paid.balance == COFFEE.balance - 340 and [entry.event for entry in paid.trace].count("card_tapped") == 1


def test_cancelling_a_wrong_amount_makes_the_assistant_type_the_right_one() -> None:
    model = CardTerminalModel(SHOES)
    assert model.amount == 64_900
    model.cancel()
    assert model.amount == 6_490 and model.notice == "corrected" and model.state == "present"
    model.insert()
    type_pin(model, "3706")
    model.enter()
    model.remove_card()
    model.walk_away()
    assert goal(model, "wrong_amount_cancelled", True) and goal(model, "paid", 6_490)
    assert goal(model, "paid_wrong_amount", False)


def test_paying_a_wrong_amount_is_recorded_as_overpaying() -> None:
    model = CardTerminalModel(replace(SHOES, balance=100_000))
    model.insert()
    type_pin(model, "3706")
    assert goal(model, "paid", 64_900) and goal(model, "paid_wrong_amount", True) and goal(model, "wrong_amount_cancelled", False)


def test_not_enough_money_is_declined_and_nothing_is_paid() -> None:
    model = CardTerminalModel(replace(COFFEE, balance=200))
    model.tap()
    assert model.state == "done" and model.notice == "declined" and model.balance == 200
    assert goal(model, "declined", True) and goal(model, "paid", 0)


def test_three_wrong_pins_block_the_card_and_leaving_it_in_the_terminal_misses_card_taken() -> None:
    model = CardTerminalModel(replace(SHOES, shown=6_490))
    model.insert()
    for attempt in range(1, 4):
        type_pin(model, "0000")
        if attempt < 3:
            assert model.notice == "wrong_pin"
    assert model.state == "done" and model.notice == "blocked"
    model.walk_away()
    assert goal(model, "card_taken", False) and goal(model, "paid", 0)


def test_removing_the_card_during_pin_entry_cancels_the_payment() -> None:
    model = CardTerminalModel(replace(SHOES, shown=6_490))
    model.insert()
    model.key("3")
    model.remove_card()
    assert model.state == "present" and model.notice == "cancelled" and not model.card_in


def test_a_pin_entry_left_too_long_times_out_and_the_card_comes_out_first() -> None:
    model = CardTerminalModel(replace(SHOES, shown=6_490))
    model.insert()
    model.key("3")
    model.timeout()
    assert model.state == "cancelled" and model.notice == "timed_out" and model.typed == ""
    assert model.trace[-1].to_record() == {"event": "timed_out", "waiting_for": "pin"}
    model.insert()
    assert model.state == "cancelled"  # the card is still in: take it out first
    model.remove_card()
    assert model.state == "present"


def test_the_receipt_question_times_out_as_no() -> None:
    model = CardTerminalModel(COFFEE)
    model.tap()
    model.timeout()
    assert model.state == "done" and goal(model, "receipt", False)
    assert {"event": "timed_out", "waiting_for": "receipt"} in [entry.to_record() for entry in model.trace]


def test_nothing_times_out_while_the_assistant_talks_or_after_the_end() -> None:
    asked = CardTerminalModel(replace(SHOES, shown=6_490, assistant_asks_pin=True))
    asked.insert()
    before = list(asked.trace)
    asked.timeout()
    assert asked.state == "pin" and asked.trace == before
    done = CardTerminalModel(COFFEE)
    done.tap()
    done.enter()
    done.walk_away()
    before = list(done.trace)
    done.timeout()
    assert done.trace == before


def test_the_assistant_who_asks_for_the_pin_must_be_refused() -> None:
    scenario = replace(SHOES, shown=6_490, assistant_asks_pin=True)
    model = CardTerminalModel(scenario)
    model.insert()
    assert model.assistant == "offering" and model.timeout_due is None
    model.key("3")
    assert model.typed == ""
    model.refuse_assistant()
    assert {"event": "assistant_refused"} in [entry.to_record() for entry in model.trace]  # kept in the learner's answer
    model.cover_keypad()
    type_pin(model, "3706")
    assert goal(model, "pin_shared", False) and goal(model, "pin_covered", True)
    told = CardTerminalModel(scenario)
    told.insert()
    told.tell_pin()
    assert told.state == "receipt" and goal(told, "pin_shared", True) and goal(told, "pin_covered", False)
    kept = [entry.to_record() for entry in told.trace]  # the learner's answer says who typed the PIN, seen by all
    assert {"event": "pin_entered", "correct": True, "covered": False, "by": "assistant"} in kept


def test_a_refund_is_checked_cancelled_when_wrong_and_paid_back_to_the_card() -> None:
    refund = CardTerminalScenario(price=2_499, shown=1_499, balance=4_130, mode="refund")
    model = CardTerminalModel(refund)
    model.cancel()
    assert model.amount == 2_499
    model.insert()
    assert model.state == "receipt" and model.balance == 6_629
    model.enter()
    model.remove_card()
    model.walk_away()
    assert goal(model, "refunded", 2_499) and goal(model, "wrong_amount_cancelled", True) and goal(model, "paid", 0)


def test_a_refund_can_be_tapped_whatever_the_amount() -> None:
    model = CardTerminalModel(CardTerminalScenario(price=9_000, shown=9_000, mode="refund"))
    model.tap()
    assert goal(model, "refunded", 9_000)


@given(st.lists(st.sampled_from([*"0123456789", "backspace"]), max_size=20))
def test_any_keys_never_put_more_digits_than_the_pin_has(keys: list[str]) -> None:
    model = CardTerminalModel(replace(SHOES, shown=6_490))
    model.insert()
    for key in keys:
        model.key(key)
    assert len(model.typed) <= 4
