"""Checking what a learner typed: normalisation and the named validators."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bleep_tui.core.answers import (
    IBAN_LENGTHS,
    amount_in_cents,
    VALIDATORS,
    iban_problem,
    is_amount,
    is_date,
    is_email,
    is_iban,
    is_passphrase,
    is_phone,
    normalise,
    parse_date,
)

# --- normalise --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("  No One  ", "no one"),
        ("no\t\tone", "no one"),
        ("NO\n one", "no one"),
        ("no\u00a0one", "no one"),  # a non-breaking space pasted from elsewhere
        ("", ""),
        ("   ", ""),
        ("STRASSE", "strasse"),
    ],
)
def test_normalise_trims_collapses_spaces_and_ignores_case(typed, expected):
    assert normalise(typed) == expected


def test_normalise_keeps_capitals_when_case_matters():
    assert normalise("  My   PIN ", case_sensitive=True) == "My PIN"


def test_normalise_folds_german_sharp_s_like_its_capital_form():
    assert normalise("Straße") == normalise("STRASSE")


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("ISTANBUL", "İstanbul"),  # Turkish capitals: İ is the capital of i
        ("istanbul", "İstanbul"),
        ("IŞIK", "ışık"),  # ... and I the capital of ı
        ("Isik", "Işık"),  # typed on a keyboard without Turkish letters
        ("işik", "Işık"),
        ("sanatate", "Sănătate"),  # Romanian typed without diacritics, as most people do
        ("een", "één"),  # Dutch accents left out
        ("cafe", "café"),
        ("Sao Paulo", "São Paulo"),
        ("citta", "città"),
    ],
)
def test_an_answer_typed_without_accents_or_with_turkish_capitals_matches(typed, accepted):
    assert normalise(typed) == normalise(accepted)


def test_accents_still_count_when_case_matters():
    assert normalise("café", case_sensitive=True) != normalise("cafe", case_sensitive=True)


# --- IBAN: known good numbers ------------------------------------------------------

VALID_IBANS = [
    "DE89370400440532013000",
    "GB82WEST12345698765432",
    "NL91ABNA0417164300",
    "BE68539007547034",
    "FR1420041010050500013M02606",
    "NO9386011117947",
]


@pytest.mark.parametrize("iban", VALID_IBANS)
def test_a_real_iban_is_accepted(iban):
    assert iban_problem(iban) is None
    assert is_iban(iban)


@pytest.mark.parametrize(
    "typed",
    [
        "DE89 3704 0044 0532 0130 00",
        "de89370400440532013000",
        "de89 3704 0044 0532 0130 00",
        "  GB82 WEST 1234 5698 7654 32  ",
        "nl91abna0417164300",
        "BE68 5390 0754 7034",
        "BE68\t5390 0754\n7034",
    ],
)
def test_an_iban_typed_with_spaces_or_small_letters_is_accepted(typed):
    assert iban_problem(typed) is None


# --- IBAN: each kind of mistake ---------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "DE8937040044053201300",  # one digit short
        "DE893704004405320130000",  # one digit too many
        "NL91ABNA041716430",
        "BE685390075470",
    ],
)
def test_an_iban_of_the_wrong_length_for_its_country_says_length(typed):
    assert iban_problem(typed) == "length"
    assert not is_iban(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "XX89370400440532013000",  # no such country
        "US12345678901234567890",  # not a SEPA country
        "8937040044053201300000",  # no country letters
        "DEAB370400440532013000",  # letters where check digits belong
        "D",
    ],
)
def test_an_iban_without_a_known_country_code_says_country(typed):
    assert iban_problem(typed) == "country"


@pytest.mark.parametrize(
    "typed",
    [
        "DE89370400440532013001",  # last digit changed
        "DE98370400440532013000",  # check digits swapped
        "GB82WEST12345698765433",
        "NL91ABNB0417164300",  # a letter in the bank code changed
        "BE68539007547043",  # two digits swapped
    ],
)
def test_an_iban_with_a_typo_fails_the_checksum(typed):
    assert iban_problem(typed) == "checksum"


@pytest.mark.parametrize(
    "typed",
    [
        "DE89-3704-0044-0532-0130-00",
        "DE89370400440532013000!",
        "DE89.3704.0044.0532.0130.00",
        "DE8937040044053201300Ö",
    ],
)
def test_an_iban_with_punctuation_or_other_characters_says_characters(typed):
    assert iban_problem(typed) == "characters"


@pytest.mark.parametrize("typed", ["", "   ", "\n"])
def test_an_empty_iban_says_empty(typed):
    assert iban_problem(typed) == "empty"


# --- IBAN: properties -------------------------------------------------------------


def letter_to_digits(text: str) -> str:
    return "".join(str(int(ch, 36)) for ch in text)


def make_iban(country: str, bban: str) -> str:
    """An IBAN with check digits computed the ISO 7064 way, independently of the code under test."""
    remainder = int(letter_to_digits(bban + country + "00")) % 97
    return f"{country}{98 - remainder:02d}{bban}"


def test_make_iban_reproduces_the_published_examples():
    assert make_iban("DE", "370400440532013000") == "DE89370400440532013000"
    assert make_iban("GB", "WEST12345698765432") == "GB82WEST12345698765432"
    assert make_iban("BE", "539007547034") == "BE68539007547034"


@st.composite
def valid_ibans(draw):
    country = draw(st.sampled_from(sorted(IBAN_LENGTHS)))
    size = IBAN_LENGTHS[country] - 4
    bban = draw(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=size, max_size=size))
    return make_iban(country, bban)


@settings(max_examples=300)
@given(valid_ibans())
def test_any_iban_with_correct_check_digits_is_accepted(iban):
    assert iban_problem(iban) is None
    grouped = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    assert iban_problem(grouped.lower()) is None


@settings(max_examples=300)
@given(valid_ibans(), st.data())
def test_changing_any_one_digit_of_a_valid_iban_is_caught_by_the_checksum(iban, data):
    digit_positions = [i for i, ch in enumerate(iban) if ch.isdigit()]
    position = data.draw(st.sampled_from(digit_positions))
    new_digit = data.draw(st.sampled_from([d for d in "0123456789" if d != iban[position]]))
    typo = iban[:position] + new_digit + iban[position + 1 :]
    assert iban_problem(typo) == "checksum"


@settings(max_examples=200)
@given(valid_ibans(), st.data())
def test_dropping_a_character_of_a_valid_iban_is_caught(iban, data):
    position = data.draw(st.integers(min_value=4, max_value=len(iban) - 1))
    assert iban_problem(iban[:position] + iban[position + 1 :]) == "length"


# --- email ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["sam.jones@example.org", "SAM@EXAMPLE.ORG", "sam+bank@mail.example.co.uk", "  sam@example.nl  ", "s_j-1@a-b.eu"],
)
def test_a_well_formed_email_address_is_accepted(typed):
    assert is_email(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "sam",
        "sam@",
        "@example.org",
        "sam@example",
        "sam@@example.org",
        "sam jones@example.org",
        "sam..jones@example.org",
        "sam@example..org",
        "sam@example.o",
        "sam@example.org.",
        "sam(at)example.org",
    ],
)
def test_a_malformed_email_address_is_rejected(typed):
    assert not is_email(typed)


# --- phone ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["0612345678", "+31 6 1234 5678", "+44 (20) 7946-0958", "030/1234567", "020.123.4567", "12345678", "+123456789012345"],
)
def test_a_phone_number_of_8_to_15_digits_is_accepted(typed):
    assert is_phone(typed)


@pytest.mark.parametrize(
    "typed",
    ["", "1234567", "+1234567", "1234567890123456", "06-CALL-ME-NOW", "++31612345678", "0612+345678", "phone"],
)
def test_a_phone_number_too_short_too_long_or_with_letters_is_rejected(typed):
    assert not is_phone(typed)


# --- date -------------------------------------------------------------------------


def test_the_thirty_first_of_february_is_not_a_date():
    assert parse_date("31/02/2024") is None
    assert not is_date("31/02/2024")


def test_the_twenty_ninth_of_february_exists_only_in_a_leap_year():
    assert parse_date("29/02/2024") == date(2024, 2, 29)
    assert parse_date("29/02/2023") is None
    assert parse_date("29/02/1900") is None
    assert parse_date("29/02/2000") == date(2000, 2, 29)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2024-02-29", date(2024, 2, 29)),
        ("2024-3-1", date(2024, 3, 1)),
        ("01/03/2024", date(2024, 3, 1)),  # day first, as written in Europe
        ("1/3/2024", date(2024, 3, 1)),
        ("01.03.2024", date(2024, 3, 1)),
        ("01-03-2024", date(2024, 3, 1)),
        ("  15/08/2025 ", date(2025, 8, 15)),
    ],
)
def test_a_date_is_read_day_first_or_in_iso_form(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "tomorrow", "32/01/2024", "00/01/2024", "01/13/2024", "2024-13-01", "2024-02-30",
     "2024/02/29", "1/3/24", "01/03/02024", "0000-01-01"],
)
def test_something_that_is_not_a_real_date_is_rejected(typed):
    assert parse_date(typed) is None
    assert not is_date(typed)


# --- amount -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["12", "12.50", "12,50", "€12", "12€", "€ 12.50", "12,50 €", "0", " 40 ", "1234567.00"])
def test_a_euro_amount_is_accepted(typed):
    assert is_amount(typed)


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1.234,56", 123456),  # Dutch, Portuguese, Italian, Romanian, Turkish
        ("1,234.56", 123456),  # English
        ("1 234,56 €", 123456),  # Portuguese, with the space Babel writes
        ("1\u202f234,56", 123456),  # ... and its narrow no-break space, pasted
        ("650,00", 65000),
        ("€ 1.240,75", 124075),  # as a Dutch screen shows it
        ("1.234,56 lei", 123456),
        ("₺1.234,56", 123456),
        ("12,50 TL", 1250),
    ],
)
def test_an_amount_in_a_languages_own_way_of_writing_is_read(typed, cents):
    assert amount_in_cents(typed) == cents


@pytest.mark.parametrize("typed", ["", "12.5", "12.505", "-5", "twelve", "12 50", "12345678", "€", "1.000", "1.000,00.00", "1.234,567", "$12"])
def test_something_that_is_not_a_plain_euro_amount_is_rejected(typed):
    assert not is_amount(typed)


# --- passphrase -------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["green river lamp stone", "a b c d", "abcdefghijklmno", "Sunflower2Bicycle"])
def test_a_passphrase_of_four_words_or_fifteen_characters_is_accepted(typed):
    assert is_passphrase(typed)


@pytest.mark.parametrize("typed", ["", "password", "red sun lamp", "abcdefghijklmn", "   a b c   ", " abcdefghijklmn "])
def test_a_short_passphrase_is_rejected(typed):
    assert not is_passphrase(typed)


def test_every_validator_named_in_the_authoring_guide_exists():
    assert {"iban", "email", "phone", "date", "amount", "passphrase"} <= set(VALIDATORS)
