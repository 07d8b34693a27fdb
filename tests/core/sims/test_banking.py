"""The banking app: login, IBAN errors a person can act on, the payee-name check, codes, and scams."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from bleep_tui.core.answers import IBAN_LENGTHS, iban_problem
from bleep_tui.core.sims.banking import GOALS, BankingModel, BankingScenario, Entry, Message, Payee, payee_result

LANDLORD = "NL35RVSB0123456789"
SCAMMER = "NL37QUKB5551234567"
SCENARIO = BankingScenario(login_code="24680", balance=124_075, code="731904", payees=(Payee(LANDLORD, "Karin Novak"),))
RELATIVE = replace(SCENARIO, scam="relative", scam_from="+31 6 4410 2297", scam_message="Hi Mum, send 480 now", scam_iban=SCAMMER)
BANK_CALL = replace(SCENARIO, scam="bank", scam_from="Safety Team", scam_message="Read me the code")


def goal(model: BankingModel, name: str, value: object) -> bool:
    return GOALS[name].check(tuple(model.trace), value)


def logged_in(scenario: BankingScenario = SCENARIO) -> BankingModel:
    model = BankingModel(scenario)
    model.type(scenario.login_code)
    model.enter()
    return model


def fill(model: BankingModel, *fields: str) -> None:
    for text in fields:
        model.type(text)
        model.enter()


def pay(model: BankingModel, name: str, iban: str, amount: str, reference: str, code: str = "731904") -> None:
    model.new_payment()
    fill(model, name, iban)
    if model.state == "payee_check":
        model.enter()
    fill(model, amount, reference)
    model.enter()  # confirm on the review screen
    fill(model, code)


def test_a_rent_payment_with_a_matching_name_and_the_texted_code_is_sent() -> None:
    model = logged_in()
    assert model.state == "overview"
    pay(model, "Karin Novak", "NL35 RVSB 0123 4567 89", "650", "Rent May")
    assert model.state == "overview" and model.notice == "sent" and model.balance == 59_075
    assert model.messages[0] == Message("Northway Bank", code="731904", cents=65000, payee="Karin Novak")
    model.leave()
    assert model.finished
    for name, value in [("paid", 65_000), ("paid_to", "nl35 rvsb 0123 4567 89"), ("reference", "rent may"),
                        ("payee_match", True), ("payments", 1), ("logged_out", True), ("scam_paid", False)]:
        assert goal(model, name, value), name


def test_a_wrong_login_code_three_times_locks_the_app() -> None:
    model = BankingModel(SCENARIO)
    for attempt in range(1, 4):
        fill(model, "11111")
        if attempt < 3:
            assert model.state == "login" and model.notice == "wrong_code"
    assert model.state == "locked" and model.timeout_due is None
    model.leave()
    assert model.finished and goal(model, "logged_in", False)


def test_the_login_code_takes_digits_only() -> None:
    model = BankingModel(SCENARIO)
    model.type("2a4-6")
    assert model.typed == "246"
    model.backspace()
    assert model.typed == "24"


def test_each_kind_of_bad_iban_gets_its_own_clear_reason_and_the_form_waits() -> None:
    model = logged_in()
    model.new_payment()
    fill(model, "Karin Novak")
    for typed, reason in [("NL35RVSB012345678", "length"), ("XX35RVSB0123456789", "country"), ("35NL", "country"),
                          ("NL35RVSB0123456798", "checksum"), ("NL35-RVSB", "characters")]:
        model.typed = ""
        fill(model, typed)
        assert model.state == "iban" and model.notice == f"iban_{reason}", typed
    assert [e.data["reason"] for e in model.trace if e.event == "iban_rejected"] == ["length", "country", "country", "checksum", "characters"]


def test_a_name_that_does_not_match_warns_and_going_on_is_recorded() -> None:
    model = logged_in()
    model.new_payment()
    fill(model, "Peter Smith", LANDLORD)
    assert model.state == "payee_check" and model.check == ("no_match", "Karin Novak")
    model.back()
    assert model.state == "payee_name" and model.typed == "Peter Smith"
    model.typed = ""
    fill(model, "K. Novak")
    assert model.typed == LANDLORD  # the IBAN typed before is kept
    model.enter()
    assert model.check[0] == "close"
    model.enter()
    assert model.state == "amount"
    assert goal(model, "payee_warning_ignored", True)


def test_an_account_the_check_does_not_know_cannot_be_checked() -> None:
    assert payee_result(SCENARIO.payees, SCAMMER, "Mia") == ("unknown", "")
    assert payee_result(SCENARIO.payees, LANDLORD, " karin   NOVAK ")[0] == "match"
    assert payee_result(SCENARIO.payees, LANDLORD, "Karin")[0] == "close"


def test_an_amount_must_be_money_more_than_zero_and_not_more_than_the_balance() -> None:
    model = logged_in()
    model.new_payment()
    fill(model, "Karin Novak", LANDLORD)
    for typed, reason in [("six", "not_amount"), ("0", "zero"), ("5000", "insufficient_funds")]:
        model.typed = ""
        fill(model, typed)
        assert model.state == "amount" and model.notice == f"amount_{reason}"
    model.typed = ""
    fill(model, "650,50")
    assert model.state == "reference" and model.amount == 65_050


def test_back_walks_through_the_form_and_keeps_what_was_typed() -> None:
    model = logged_in()
    model.new_payment()
    fill(model, "Karin Novak", LANDLORD, "650", "Rent")
    assert model.state == "review"
    model.back()
    assert model.state == "reference" and model.typed == "Rent"
    model.back()
    assert model.state == "amount" and model.typed == "650"


def test_cancel_drops_the_payment_and_sends_nothing() -> None:
    model = logged_in()
    model.new_payment()
    fill(model, "Karin Novak")
    model.cancel_payment()
    assert model.state == "overview" and model.notice == "payment_cancelled" and model.balance == SCENARIO.balance
    assert goal(model, "payments", 0) and goal(model, "paid", 0)


def test_the_kept_answer_says_the_learner_read_the_messages_and_where_a_payment_was_cancelled() -> None:
    """The trace is what the lesson keeps as the learner's answer (and what the facilitator's record shows)."""
    model = logged_in()
    model.open_messages()
    model.back()
    model.new_payment()
    fill(model, "Karin Novak")
    model.cancel_payment()
    kept = [entry.to_record() for entry in model.trace]
    assert kept[-3:] == [{"event": "messages_opened"}, {"event": "payment_started"}, {"event": "payment_cancelled", "state": "iban"}]


def test_three_wrong_texted_codes_cancel_the_payment() -> None:
    model = logged_in()
    model.new_payment()
    fill(model, "Karin Novak", LANDLORD, "650", "Rent")
    model.enter()
    assert model.state == "otp"
    for _ in range(3):
        fill(model, "111111")
    assert model.state == "overview" and model.notice == "code_blocked" and goal(model, "payments", 0)


def test_doing_nothing_logs_the_learner_out_and_drops_the_draft() -> None:
    model = logged_in()
    model.new_payment()
    assert model.timeout_due == SCENARIO.timeout_seconds
    model.timeout()
    assert model.state == "login" and model.notice == "timed_out" and model.draft == {}
    assert model.timeout_due is None


def test_a_timeout_is_traced_with_where_it_happened_and_a_payment_left_half_done_is_cancelled() -> None:
    model = logged_in()
    model.new_payment()
    model.type("Kar")
    state = model.state
    model.timeout()
    records = [entry.to_record() for entry in model.trace[-2:]]
    assert records == [{"event": "timed_out", "state": state}, {"event": "payment_cancelled", "state": state}]
    assert model.typed == ""
    idle = logged_in()
    idle.timeout()
    assert idle.trace[-1].to_record() == {"event": "timed_out", "state": "overview"}  # no payment to cancel


def test_the_relative_scam_arrives_by_text_and_checking_and_reporting_is_recorded() -> None:
    model = logged_in(RELATIVE)
    assert model.unread == 1 and model.messages[0].scam
    model.open_messages()
    model.call_relative()
    assert model.notice == "relative_safe"
    model.report_scam()
    assert not model.can_report and all(not m.scam for m in model.messages)
    model.back()
    model.leave()
    assert goal(model, "verified", True) and goal(model, "scam_reported", True) and goal(model, "scam_paid", False)


def test_paying_the_relatives_new_account_is_paying_the_scammer() -> None:
    model = logged_in(RELATIVE)
    pay(model, "Mia", SCAMMER, "480", "bill")
    assert goal(model, "scam_paid", True) and goal(model, "payee_warning_ignored", False)  # an unknown account cannot warn


def test_the_fake_bank_call_comes_with_a_real_code_and_hanging_up_keeps_the_money() -> None:
    model = logged_in(BANK_CALL)
    assert model.state == "call" and model.timeout_due is None
    assert any(m.code == SCENARIO.code and not m.cents for m in model.messages)
    model.new_payment()
    assert model.state == "call"  # the phone is ringing: answer it first
    model.hang_up()
    assert model.state == "overview" and model.can_report
    model.report_scam()
    assert goal(model, "hung_up", True) and goal(model, "code_shared", False) and goal(model, "scam_reported", True)


def test_telling_the_caller_the_code_empties_the_account() -> None:
    model = logged_in(BANK_CALL)
    balance = model.balance
    model.tell_code()
    assert model.balance == 0 and model.notice == "robbed" and model.state == "overview"
    assert [entry.to_record() for entry in model.trace[-2:]] == [
        {"event": "code_shared", "to": "caller"}, {"event": "scam_payment", "amount": balance},
    ]
    assert model.history[0] == Entry(-124075, "Unknown payee")  # the statement shows where the money went
    model.tell_code()  # the call is over: nothing more to tell
    assert [entry.event for entry in model.trace].count("code_shared") == 1
    assert goal(model, "code_shared", True) and goal(model, "scam_paid", True)


def test_letters_are_commands_only_outside_a_field() -> None:
    model = logged_in()
    model.new_payment()
    assert model.text_entry
    model.type("Novak")
    assert model.typed == "Novak"
    model.cancel_payment()
    assert not model.text_entry


alphabet = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -")


@given(st.text(alphabet, max_size=40))
def test_any_typed_iban_is_accepted_exactly_when_the_mod_97_check_passes(typed: str) -> None:
    model = logged_in()
    model.new_payment()
    fill(model, "Karin Novak", typed)
    accepted = model.state != "iban"
    assert accepted == (iban_problem(typed) is None)
    if not accepted:
        assert model.notice.removeprefix("iban_") == iban_problem(typed)


@given(st.sampled_from(sorted(IBAN_LENGTHS)), st.integers(min_value=0, max_value=9), st.data())
def test_changing_one_digit_of_a_valid_iban_is_always_caught(country: str, new_digit: int, data: st.DataObject) -> None:
    length = IBAN_LENGTHS[country]
    bban = data.draw(st.text("0123456789", min_size=length - 4, max_size=length - 4))
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    iban = f"{country}{98 - int(digits) % 97:02d}{bban}"
    assert iban_problem(iban) is None
    position = data.draw(st.integers(min_value=4, max_value=length - 1))
    changed = iban[:position] + str(new_digit) + iban[position + 1 :]
    assert (iban_problem(changed) is None) == (changed == iban)


@given(st.text(st.sampled_from("0123456789.,€ ab-"), max_size=12))
def test_any_typed_amount_goes_through_only_when_it_is_money_within_the_balance(typed: str) -> None:
    from bleep_tui.core.answers import amount_in_cents

    model = logged_in()
    model.new_payment()
    fill(model, "Karin Novak", LANDLORD, typed)
    cents = amount_in_cents(typed)
    ok = cents is not None and 0 < cents <= SCENARIO.balance
    assert (model.state == "reference") == ok
    if ok:
        assert model.amount == cents
