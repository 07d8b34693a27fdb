"""Money and dates as each language writes them (Babel's locale data), in the session's language."""

from __future__ import annotations

from datetime import date

import pytest

from bleep_tui import formats
from bleep_tui.i18n import Language, speak


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("language", "currency", "money", "whole", "day"),
    [
        ("en", "EUR", "€1,234.56", "€40", "12 Mar 2026"),
        ("nl", "EUR", "€ 1.234,56", "€ 40", "12 mrt 2026"),
        ("pt", "EUR", "1 234,56 €", "40 €", "12/03/2026"),
        ("it", "EUR", "1.234,56 €", "40 €", "12 mar 2026"),
        ("ro", "RON", "1.234,56 RON", "40 RON", "12 mar. 2026"),
        ("tr", "TRY", "₺1.234,56", "₺40", "12 Mar 2026"),
    ],
)
def test_each_language_writes_money_and_dates_its_own_way(language, currency, money, whole, day) -> None:
    speak(Language(language))
    try:
        assert plain(formats.money(123456, currency)) == money
        assert plain(formats.whole_money(40, currency)) == whole
        assert formats.day(date(2026, 3, 12)) == day
    finally:
        speak(Language())


def test_a_card_terminal_shows_the_currency_code_before_the_amount() -> None:
    speak(Language("nl"))
    try:
        assert formats.machine_amount(340) == "EUR 3,40"
    finally:
        speak(Language())
