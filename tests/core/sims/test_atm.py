"""The cash machine behaves like a real one: card back before cash, three PIN tries, limits, fees, timeouts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bleep_tui.core.sims.atm import GOALS, AtmModel, AtmScenario

SCENARIO = AtmScenario(pin="4071", balance=31_250)


def events(model: AtmModel) -> list[str]:
    return [entry.event for entry in model.trace]


def goal(model: AtmModel, name: str, value: object) -> bool:
    return GOALS[name].check(tuple(model.trace), value)


def at_menu(scenario: AtmScenario = SCENARIO, covered: bool = True) -> AtmModel:
    model = AtmModel(scenario)
    model.insert_card()
    model.choose(0)
    if covered:
        model.cover_keypad()
    for digit in scenario.pin:
        model.key(digit)
    model.enter()
    assert model.state == "menu"
    return model


def withdraw(model: AtmModel, button: int, receipt: bool = False) -> None:
    model.choose(0)  # Withdraw cash
    model.choose(button)
    if model.state == "fee":
        model.choose(0)
    model.choose(0 if receipt else 1)


def test_a_perfect_withdrawal_gives_the_card_back_before_the_cash_and_meets_every_goal() -> None:
    model = at_menu()
    withdraw(model, 1)  # 40 euro
    assert model.state == "take_card" and model.cash_out == 0
    model.take_card()
    assert model.state == "take_cash" and model.cash_out == 40
    model.take_cash()
    model.walk_away()
    assert model.finished and model.balance == 27_250
    assert events(model).index("card_taken") < events(model).index("cash_taken")
    assert goal(model, "withdrew", 40) and goal(model, "card_taken", True) and goal(model, "pin_covered", True)
    assert goal(model, "cash_left", False) and goal(model, "language", "english")


def test_the_pin_is_kept_as_typed_digits_and_backspace_clears_one() -> None:
    model = AtmModel(SCENARIO)
    model.insert_card()
    model.choose(1)
    for key in ("4", "0", "9", "backspace", "7", "1", "5"):
        model.key(key)
    assert model.typed == "4071"  # the fifth digit does not fit a 4-digit PIN
    assert goal(model, "language", "Deutsch")


def test_a_wrong_pin_says_how_many_tries_are_left_and_the_third_keeps_the_card() -> None:
    model = AtmModel(SCENARIO)
    model.insert_card()
    model.choose(0)
    for attempt in range(1, 4):
        for digit in "1111":
            model.key(digit)
        model.enter()
        if attempt < 3:
            assert model.state == "pin" and model.notice == "wrong_pin" and model.wrong_pins == attempt
    assert model.state == "card_kept" and model.card == "kept" and model.notice == "wrong_pin"
    assert model.timeout_due is None  # nothing left to wait for
    model.walk_away()
    assert goal(model, "card_kept", True) and goal(model, "card_taken", False)


def test_cancelling_after_two_wrong_pins_gives_the_card_back() -> None:
    model = AtmModel(SCENARIO)
    model.insert_card()
    model.choose(0)
    for _ in range(2):
        for digit in "1357":
            model.key(digit)
        model.enter()
    model.cancel()
    assert model.state == "take_card"
    model.take_card()
    model.walk_away()
    assert goal(model, "card_kept", False) and goal(model, "card_taken", True) and goal(model, "withdrew", 0)


def test_a_card_not_taken_in_time_is_kept_and_its_cash_never_comes_out() -> None:
    model = at_menu()
    withdraw(model, 1)
    model.timeout()
    assert model.state == "card_kept" and model.notice == "not_taken" and model.cash_out == 0
    assert model.balance == SCENARIO.balance
    assert goal(model, "card_kept", True) and goal(model, "timed_out", True)


def test_cash_not_collected_in_time_is_taken_back_and_the_money_returned() -> None:
    model = at_menu()
    withdraw(model, 1)
    model.take_card()
    model.timeout()
    assert model.state == "insert" and model.notice == "cash_retracted"
    assert model.balance == SCENARIO.balance and model.cash_out == 0
    model.walk_away()
    assert goal(model, "cash_left", True) and goal(model, "withdrew", 0) and goal(model, "card_taken", True)


def test_a_session_left_alone_times_out_and_returns_the_card() -> None:
    model = at_menu()
    assert model.timeout_due == SCENARIO.timeout_seconds
    model.timeout()
    assert model.state == "take_card" and model.notice == "timed_out"


def last_records(model: AtmModel, count: int) -> list[dict[str, object]]:
    return [entry.to_record() for entry in model.trace[-count:]]


def test_each_timeout_is_kept_in_the_trace_with_what_the_machine_waited_for() -> None:
    """The debrief and the export name what went wrong: the card, the cash, or the learner at the keypad."""
    model = at_menu()
    withdraw(model, 1)
    model.timeout()
    assert last_records(model, 2) == [{"event": "timed_out", "waiting_for": "card"}, {"event": "card_kept", "reason": "not_taken"}]
    assert model.amount == 0

    model = at_menu()
    withdraw(model, 1)
    model.take_card()
    model.timeout()
    assert [entry.event for entry in model.trace].count("timed_out") == 1
    assert {"event": "timed_out", "waiting_for": "cash"} in [entry.to_record() for entry in model.trace]

    model = AtmModel(replace(SCENARIO, stranger=True))
    model.insert_card()
    model.choose(0)
    assert model.stranger == "offering"
    model.timeout()
    assert {"event": "timed_out", "waiting_for": "you"} in [entry.to_record() for entry in model.trace]
    assert model.stranger == "gone" and model.amount == 0 and model.state == "take_card"


def test_an_idle_machine_waits_without_a_timer() -> None:
    model = AtmModel(SCENARIO)
    assert model.timeout_due is None
    model.timeout()
    assert events(model) == []


def test_walking_away_with_the_card_in_the_machine_loses_it() -> None:
    model = at_menu()
    model.walk_away()
    assert goal(model, "card_taken", False) and goal(model, "card_kept", True)


def test_other_amount_must_be_a_multiple_of_the_smallest_note() -> None:
    model = at_menu()
    model.choose(0)
    model.choose(5)  # Other amount
    assert model.state == "other"
    for digit in "35":
        model.key(digit)
    model.enter()
    assert model.state == "other" and model.notice == "not_multiple" and model.typed == ""
    for digit in "30":
        model.key(digit)
    model.enter()
    assert model.state == "receipt" and model.amount == 30


def test_cancel_on_other_amount_goes_back_to_the_amounts() -> None:
    model = at_menu()
    model.choose(0)
    model.choose(5)
    model.cancel()
    assert model.state == "amounts"
    model.choose(6)  # Back
    assert model.state == "menu"


def test_the_daily_limit_and_the_balance_stop_a_withdrawal() -> None:
    model = at_menu(replace(SCENARIO, withdrawn_today=480))
    model.choose(0)
    model.choose(1)  # 40 euro: over the 500 limit
    assert model.notice == "daily_limit" and model.state == "amounts"
    poor = at_menu(replace(SCENARIO, balance=3_500))
    poor.choose(0)
    poor.choose(1)
    assert poor.notice == "insufficient_funds"
    assert [e.data["reason"] for e in poor.trace if e.event == "amount_refused"] == ["insufficient_funds"]


def test_another_banks_machine_shows_the_fee_first_and_cancel_takes_nothing() -> None:
    other = replace(SCENARIO, own_bank=False, fee=250)
    model = at_menu(other)
    model.choose(0)
    model.choose(0)  # 20 euro
    assert model.state == "fee"
    model.choose(1)  # cancel
    assert model.state == "menu" and model.notice == "cancelled" and model.balance == other.balance
    assert goal(model, "fee_accepted", False)
    withdraw(model, 0, receipt=True)
    model.take_card()
    model.take_cash()
    assert model.balance == other.balance - 2_000 - 250
    assert goal(model, "fee_accepted", True) and goal(model, "receipt", True)


def test_cash_left_at_another_banks_machine_is_taken_back_with_its_fee_and_the_daily_limit() -> None:
    other = replace(SCENARIO, own_bank=False, fee=250, withdrawn_today=460)
    model = at_menu(other)
    withdraw(model, 0)  # 20 euro and the fee
    model.take_card()
    model.timeout()
    assert model.balance == other.balance and model.notice == "cash_retracted"
    assert {"event": "cash_retracted", "amount": 20} in [entry.to_record() for entry in model.trace]
    model.insert_card()
    model.choose(0)
    for digit in other.pin:
        model.key(digit)
    model.enter()
    withdraw(model, 1)  # 40 euro: allowed again, as the 20 never left the machine (460 + 40 = 500)
    assert model.state == "take_card" and model.notice != "daily_limit"


def test_taking_the_cash_and_the_receipt_is_traced_once_each() -> None:
    model = at_menu()
    withdraw(model, 1, receipt=True)
    model.take_card()
    model.take_cash()
    model.take_cash()
    model.take_receipt()
    model.take_receipt()
    records = [entry.to_record() for entry in model.trace]
    assert records.count({"event": "cash_taken", "amount": 40}) == 1 and records.count({"event": "receipt_taken"}) == 1
    assert model.notice == "thank_you" and not model.receipt_out


def test_cancel_is_traced_with_the_screen_it_was_pressed_on() -> None:
    model = at_menu()
    model.choose(0)  # the amounts
    model.cancel()
    assert {"event": "cancelled", "state": "amounts"} in [entry.to_record() for entry in model.trace]
    assert model.state == "take_card" and model.amount == 0


def test_the_language_goal_is_the_last_language_chosen_whatever_its_case_and_none_when_never_asked() -> None:
    model = at_menu()
    assert goal(model, "language", "ENGLISH") and not goal(model, "language", "Deutsch")
    model.cancel()
    model.take_card()
    model.insert_card()
    model.choose(1)  # Deutsch, the second time round
    assert goal(model, "language", "deutsch") and not goal(model, "language", "English")
    one_language = AtmModel(replace(SCENARIO, languages=("English",)))
    one_language.insert_card()
    assert one_language.state == "pin" and not goal(one_language, "language", "english")


def test_a_receipt_left_in_the_slot_counts_as_left_behind() -> None:
    model = at_menu()
    withdraw(model, 0, receipt=True)
    model.take_card()
    model.take_cash()
    assert model.receipt_out
    model.walk_away()
    assert goal(model, "receipt_left", True)
    tidy = at_menu()
    withdraw(tidy, 0, receipt=True)
    tidy.take_card()
    tidy.take_cash()
    tidy.take_receipt()
    tidy.walk_away()
    assert goal(tidy, "receipt_left", False)


def test_balance_and_mini_statement_are_recorded_and_exit_returns_the_card() -> None:
    model = at_menu()
    model.choose(1)
    assert model.state == "balance"
    model.choose(0)  # back
    model.choose(2)
    assert model.state == "statement"
    model.choose(1)  # exit
    assert model.state == "take_card"
    model.take_card()
    assert model.state == "insert" and model.notice == "thank_you"
    assert goal(model, "balance_checked", True) and goal(model, "statement_viewed", True)


def test_a_pin_typed_without_covering_the_keypad_misses_the_goal() -> None:
    model = at_menu(covered=False)
    assert goal(model, "pin_covered", False)


def test_the_stranger_must_be_answered_and_declining_keeps_the_pin_secret() -> None:
    model = AtmModel(replace(SCENARIO, stranger=True))
    model.insert_card()
    model.choose(0)
    assert model.stranger == "offering" and model.options == ()
    model.key("4")
    model.cancel()
    assert model.typed == "" and model.state == "pin"  # he is talking to you: the machine waits
    model.decline_help()
    model.key("4")
    assert model.typed == "4"
    assert goal(model, "stranger_declined", True) and goal(model, "pin_shared", False)


def test_accepting_the_strangers_help_shares_the_pin() -> None:
    model = AtmModel(replace(SCENARIO, stranger=True))
    model.insert_card()
    model.choose(0)
    model.accept_help()
    assert model.state == "menu"
    assert goal(model, "pin_shared", True) and goal(model, "stranger_declined", False) and goal(model, "pin_covered", False)


def test_the_trace_of_accepted_help_says_the_stranger_typed_the_pin_and_he_is_gone() -> None:
    model = AtmModel(replace(SCENARIO, stranger=True))
    model.insert_card()
    model.choose(0)
    model.key("4")
    model.accept_help()
    assert last_records(model, 3) == [
        {"event": "stranger_accepted"},
        {"event": "pin_shared"},
        {"event": "pin_entered", "correct": True, "covered": False, "by": "stranger"},
    ]
    assert model.stranger == "gone" and model.typed == ""
    before = list(model.trace)
    model.accept_help()  # he has gone: nothing more happens
    assert model.trace == before


def test_help_can_be_accepted_only_while_the_stranger_offers_it() -> None:
    model = at_menu()
    before = list(model.trace)
    model.accept_help()
    assert model.trace == before and model.state == "menu"


def test_a_finished_machine_ignores_every_action() -> None:
    model = at_menu()
    model.walk_away()
    before = list(model.trace)
    for action in (model.insert_card, model.take_card, model.take_cash, model.enter, model.cancel, model.timeout, model.walk_away):
        action()
    assert model.trace == before


@given(st.lists(st.sampled_from([*"0123456789", "backspace"]), max_size=30))
def test_any_keys_on_the_amount_screen_never_show_more_than_four_digits(keys: list[str]) -> None:
    model = at_menu()
    model.choose(0)
    model.choose(5)
    for key in keys:
        model.key(key)
    assert len(model.typed) <= 4 and (model.typed == "" or model.typed.isdigit())


@given(st.integers(min_value=0, max_value=9999))
def test_any_typed_amount_is_paid_out_only_when_it_fits_the_notes_the_limit_and_the_balance(amount: int) -> None:
    model = at_menu()
    model.choose(0)
    model.choose(5)
    for digit in str(amount):
        model.key(digit)
    model.enter()
    fits = amount > 0 and amount % 10 == 0 and amount <= 500 and amount * 100 <= SCENARIO.balance
    assert (model.state == "receipt") == fits
    if not fits:
        assert model.state == "other" and model.notice in ("not_multiple", "daily_limit", "insufficient_funds")


@pytest.mark.parametrize("name", sorted(GOALS))
def test_every_goal_is_described_for_authors(name: str) -> None:
    assert GOALS[name].describe and GOALS[name].kind in ("int", "bool", "text", "money")
