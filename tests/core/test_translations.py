"""`bleep translations status`: how much of a part is translated, counted by hand here."""

from __future__ import annotations

from bleep_tui.core.translations import FUZZY, MISSING, TRANSLATED, coverage

HELLO, BYE, PIN = (None, "Hello"), (None, "Goodbye"), ("atm/pin/prompt", "Type your PIN")


def test_each_message_is_counted_once_as_translated_fuzzy_or_missing() -> None:
    states = {HELLO: TRANSLATED, BYE: FUZZY, PIN: MISSING}
    counted = coverage("interface", [HELLO, BYE, PIN], states)
    assert (counted.part, counted.translated, counted.fuzzy, counted.missing, counted.total) == ("interface", 1, 1, 1, 3)


def test_a_message_the_catalogue_does_not_have_counts_as_missing() -> None:
    counted = coverage("Money", [HELLO, PIN], {HELLO: TRANSLATED})
    assert (counted.translated, counted.fuzzy, counted.missing) == (1, 0, 1)


def test_a_message_asked_for_twice_is_one_message_to_translate() -> None:
    counted = coverage("Money", [HELLO, HELLO, BYE], {HELLO: TRANSLATED, BYE: TRANSLATED})
    assert (counted.translated, counted.total) == (2, 2)


def test_the_same_english_in_another_context_is_another_message() -> None:
    counted = coverage("Money", [PIN, (None, "Type your PIN")], {PIN: TRANSLATED})
    assert (counted.translated, counted.missing) == (1, 1)


def test_a_part_is_complete_only_with_nothing_fuzzy_and_nothing_missing() -> None:
    assert coverage("Money", [HELLO, BYE], {HELLO: TRANSLATED, BYE: TRANSLATED}).complete
    assert not coverage("Money", [HELLO, BYE], {HELLO: TRANSLATED, BYE: FUZZY}).complete
    assert not coverage("Money", [HELLO, BYE], {HELLO: TRANSLATED}).complete
    assert coverage("Money", [], {}).complete
