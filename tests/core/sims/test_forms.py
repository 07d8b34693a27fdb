"""The form engine: inline errors, pages, review and submit; goals decided from what was sent."""

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bleep_tui.core.sims.forms import (
    GOALS,
    TICKED,
    FormField,
    FormModel,
    FormScenario,
    Page,
    comparable,
    field_error,
)

SCENARIO = FormScenario(
    title="Housing",
    pages=(
        Page("You", (
            FormField("name", "Name", required=True),
            FormField("born", "Date of birth", "date", required=True),
            FormField("people", "People", "number", required=True, low=1, high=12),
        )),
        Page("Money", (
            FormField("iban", "IBAN", "iban", required=True),
            FormField("phone", "Phone", "phone"),
            FormField("size", "Size", "select", required=True, options=("1 bedroom", "2 bedrooms")),
            FormField("true", "It is true", "checkbox", required=True),
            FormField("offers", "Offers", "checkbox", value=TICKED, small_print="We sell your data."),
        )),
    ),
)


def met(m: FormModel, check: str, value=None) -> bool:
    return GOALS[check].check(tuple(m.trace), value)


def fill_all(m: FormModel) -> None:
    for key, value in {"name": " Dana  Novak ", "born": "3.9.1990", "people": "2", "iban": "nl91abna0417164300",
                       "size": "2 bedrooms", "true": TICKED}.items():
        m.set(key, value)


def test_a_page_with_errors_stays_and_shows_them_until_they_are_fixed() -> None:
    m = FormModel(SCENARIO)
    m.set("born", "31/02/1990")
    assert not m.next_page()
    assert m.page == 0 and {k: e.code for k, e in m.errors.items()} == {"name": "required", "born": "date", "people": "required"}
    m.set("born", "28/02/1990")
    assert "born" not in m.errors
    m.set("name", "Dana")
    m.set("people", "13")
    assert not m.next_page() and m.errors["people"].code == "high"
    m.set("people", "2")
    assert m.next_page() and m.page == 1


def test_a_learner_who_leaves_on_the_second_page_comes_back_there_with_the_first_page_as_typed() -> None:
    m = FormModel(SCENARIO)
    fill_all(m)
    assert m.next_page()
    m.set("phone", "06 1234 5678")  # typed on a page not yet done: not kept
    draft = json.loads(json.dumps(m.task_draft()))  # kept with the learner's events as JSON
    back = FormModel(SCENARIO)
    back.resume_task(draft)
    assert back.page == 1
    assert (back.values["name"], back.values["born"], back.values["people"], back.values["phone"]) == (" Dana  Novak ", "3.9.1990", "2", "")
    assert [entry.event for entry in back.trace] == ["form_opened", "page_opened", "resumed"] and back.trace[-1].data == {"page": 2}


def test_a_damaged_form_draft_keeps_only_what_makes_sense() -> None:
    back = FormModel(SCENARIO)
    back.resume_task({"values": {"name": "Dana", "people": 2, "nobody": "x"}, "page": 7, "trace": [{"event": "form_opened"}, "junk"]})
    assert back.page == 0 and back.values["name"] == "Dana" and back.values["people"] == "" and "nobody" not in back.values
    assert [entry.event for entry in back.trace] == ["form_opened", "resumed"] and back.trace[-1].data == {"page": 1}
    review = FormModel(SCENARIO)
    review.resume_task({"page": len(SCENARIO.pages)})
    assert review.reviewing


def test_an_iban_with_a_typing_mistake_is_refused_with_its_reason() -> None:
    form_field = SCENARIO.field("iban")
    assert form_field is not None
    assert field_error(form_field, "NL91 ABNA 0417 1643 01").code == "iban-checksum"  # type: ignore[union-attr]
    assert field_error(form_field, "NL91 ABNA 0417").code == "iban-length"  # type: ignore[union-attr]
    assert field_error(form_field, "NL91 ABNA 0417 1643 00") is None


def test_a_careful_learner_reviews_unticks_the_offers_and_sends() -> None:
    m = FormModel(SCENARIO)
    fill_all(m)
    assert m.read_small_print("offers") == "We sell your data."
    m.set("offers", "")
    assert m.review() and m.reviewing
    assert m.submit() and m.finished
    assert met(m, "submitted") and met(m, "required_filled") and met(m, "review_used") and met(m, "no_errors")
    assert met(m, "field", "name = dana novak") and met(m, "field", "born = 03/09/1990")
    assert met(m, "field", "iban = NL91 ABNA 0417 1643 00") and met(m, "field", "people = 02")
    assert met(m, "unticked", "offers") and met(m, "ticked", "true") and met(m, "read_small_print", "offers")


def test_sending_without_review_and_with_the_box_still_ticked_misses_those_goals() -> None:
    m = FormModel(SCENARIO)
    m.next_page()  # an error on the way
    fill_all(m)
    m.next_page()
    assert m.submit()
    assert not met(m, "review_used") and not met(m, "unticked", "offers") and not met(m, "no_errors")
    assert met(m, "errors_fixed")


def test_a_form_sent_with_errors_elsewhere_goes_back_to_the_page_with_the_error() -> None:
    m = FormModel(SCENARIO)
    fill_all(m)
    m.set("name", "")
    m.next_page()
    assert m.page == 0  # the name is missing on page 1
    assert not m.submit() and m.page == 0 and "name" in m.errors


def test_giving_up_ends_the_task_with_nothing_sent() -> None:
    m = FormModel(SCENARIO)
    m.give_up()
    assert m.finished and not met(m, "submitted") and not met(m, "required_filled") and not met(m, "answered", "name")
    fill_all(m := FormModel(SCENARIO))
    m.next_page()
    m.give_up()
    assert {"event": "gave_up", "page": 2} in [entry.to_record() for entry in m.trace]  # where the learner stopped


def test_back_and_change_open_the_page_asked_for_and_the_trace_names_it() -> None:
    m = FormModel(SCENARIO)
    opened = list(m.trace)
    m.back()  # on the first page there is nothing before it
    assert m.page == 0 and m.trace == opened
    fill_all(m)
    m.set("people", "13")
    assert not m.next_page()
    m.set("people", "2")
    assert m.next_page() and m.page == 1
    m.set("phone", "12")  # too short: an error on page 2
    m.next_page()
    assert m.errors
    m.back()
    assert m.page == 0 and m.errors == {}  # the errors of the page left behind are not shown on this one
    assert m.trace[-1].to_record() == {"event": "page_opened", "page": 1}
    m.set("phone", "")
    m.next_page()
    assert m.review()
    m.change("size")
    assert m.page == 1 and not m.reviewing
    assert m.trace[-1].to_record() == {"event": "page_opened", "page": 2}


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_real_date_is_accepted_in_both_ways_of_writing_and_compares_equal(day: date) -> None:
    form_field = FormField("d", "Date", "date", required=True)
    local = f"{day.day:02d}/{day.month:02d}/{day.year}"
    dotted = f"{day.day}.{day.month}.{day.year}"
    assert field_error(form_field, local) is None and field_error(form_field, day.isoformat()) is None
    assert comparable("date", local) == comparable("date", dotted) == comparable("date", day.isoformat())


@given(st.integers(min_value=1, max_value=31), st.integers(min_value=13, max_value=99), st.integers(min_value=1900, max_value=2100))
def test_a_month_that_does_not_exist_is_never_accepted(day: int, month: int, year: int) -> None:
    assert field_error(FormField("d", "Date", "date"), f"{day:02d}/{month:02d}/{year}").code == "date"  # type: ignore[union-attr]


@given(st.lists(st.integers(min_value=0, max_value=9), min_size=8, max_size=15), st.sampled_from(["", " ", "-"]))
def test_a_phone_number_of_8_to_15_digits_is_accepted_however_it_is_spaced(digits: list[int], separator: str) -> None:
    number = "".join(str(d) for d in digits)
    spaced = separator.join(number[i:i + 3] for i in range(0, len(number), 3))
    assert field_error(FormField("p", "Phone", "phone"), spaced) is None
    assert comparable("phone", spaced) == comparable("phone", number)


@given(st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=7))
def test_a_phone_number_with_too_few_digits_is_refused(digits: list[int]) -> None:
    assert field_error(FormField("p", "Phone", "phone"), "".join(map(str, digits))).code == "phone"  # type: ignore[union-attr]


@given(st.emails())
def test_email_fields_accept_ordinary_addresses_and_refuse_them_without_a_domain(address: str) -> None:
    form_field = FormField("e", "Email", "email")
    local = address.split("@")[0]
    assert field_error(form_field, local).code == "email"  # type: ignore[union-attr]
