"""Money, numbers and dates written as the session's language writes them, with Babel's locale data.

`€ 1.234,56` in Dutch, `1234,56 €` in Portuguese, `12 mrt 2026` in Dutch and `12 Mar 2026` in English.
Babel is imported the first time a screen shows an amount or a date, never when a session starts.
The currency is the lesson's (a scenario overlay may give lei or lira: content/translated.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from bleep_tui.i18n import shown_language

EURO = "EUR"
# The regional variant each language's money and dates are written in: English as Ireland writes the
# euro (sign first, day before month), Portuguese as Portugal writes it (sign after the amount).
LOCALES = {"en": "en_IE", "pt": "pt_PT"}
AMOUNT_PATTERN = "#,##0.00"


def locale_code() -> str:
    language = shown_language()
    return LOCALES.get(language, language)


def money(cents: int, currency: str = EURO) -> str:
    """`123456` -> `€1,234.56` (English), `€ 1.234,56` (Dutch), `1234,56 €` (Portuguese)."""
    from babel.numbers import format_currency

    return format_currency(Decimal(cents).scaleb(-2), currency, locale=_locale(locale_code()))


def whole_money(amount: int, currency: str = EURO) -> str:
    """A whole amount as cash machines show it, without cents: `€ 40` (Dutch), `40 €` (Portuguese)."""
    from babel.numbers import format_currency

    locale = _locale(locale_code())
    return format_currency(amount, currency, format=_without_cents(locale), locale=locale, currency_digits=False)


def amount(cents: int) -> str:
    """An amount without its currency, always with cents: `1,234.50` (English), `1.234,50` (Dutch)."""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(cents).scaleb(-2), format=AMOUNT_PATTERN, locale=_locale(locale_code()))


def machine_amount(cents: int, currency: str = EURO) -> str:
    """An amount as a card terminal's display shows it: `EUR 12,50` (Dutch)."""
    return f"{currency} {amount(cents)}"


def day(value: date) -> str:
    """A date as the language writes it: `12 Mar 2026` (English), `12 mrt 2026` (Dutch)."""
    from babel.dates import format_date

    return format_date(value, format="medium", locale=_locale(locale_code()))


@cache
def _locale(code: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):  # a language Babel does not know is written as English
        return Locale.parse(LOCALES["en"])


@cache
def _without_cents(locale) -> str:
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace(".00", "")
