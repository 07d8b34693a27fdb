"""Checking typed answers: normalisation and the named validators lessons can use."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Callable


def normalise(text: str, case_sensitive: bool = False) -> str:
    """Trim, collapse runs of white space to one space, and unless told not to, fold case and accents.

    People often type without accents (on a keyboard of another country, or in a hurry): `cafe`
    matches `café`, `Sanatate` matches `Sănătate`, `Istanbul` and `ISTANBUL` match `İstanbul`, and
    `Isik` matches Turkish `Işık`. Turkish capitals do not fold as elsewhere (`I` is `ı`, `İ` is
    `i`), so the dotted and dotless i are one letter here, whichever case and keyboard were used.
    """
    collapsed = " ".join(text.split())
    return collapsed if case_sensitive else without_accents(collapsed.casefold())


def without_accents(text: str) -> str:
    """`text` without accents, and with the Turkish dotless ı as i."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def iban_problem(text: str) -> str | None:
    """Why `text` is not a valid IBAN, or None when it is one (mod-97 checked)."""
    iban = "".join(text.split()).upper()
    if not iban:
        return "empty"
    if not re.fullmatch(r"[A-Z0-9]+", iban):
        return "characters"
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}", iban[:4]):
        return "country"
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is None:
        return "country"
    if len(iban) != expected:
        return "length"
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        return "checksum"
    return None


# The SEPA countries' IBAN lengths (ISO 13616 registry).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24,
    "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22,
    "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "VA": 22,
}


def is_iban(text: str) -> bool:
    return iban_problem(text) is None


def is_email(text: str) -> bool:
    return re.fullmatch(
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", text.strip()
    ) is not None and ".." not in text


def is_phone(text: str) -> bool:
    compact = re.sub(r"[ \-()/.]", "", text.strip())
    return re.fullmatch(r"\+?[0-9]{8,15}", compact) is not None


def parse_date(text: str) -> date | None:
    """A real calendar date written DD/MM/YYYY (also with - or .) or YYYY-MM-DD."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    local = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if local:
            return date(int(local[3]), int(local[2]), int(local[1]))
    except ValueError:
        return None
    return None


def is_date(text: str) -> bool:
    return parse_date(text) is not None


# A currency written before or after an amount: the euro, the Romanian leu, the Turkish lira.
CURRENCY_MARKS = re.compile(r"^(€|eur|euro|lei|ron|₺|tl|try)\s*|\s*(€|eur|euro|lei|ron|₺|tl|try)$", re.IGNORECASE)
# Whole units, grouped by threes or not, then cents: `1234`, `1.234,56` (Dutch), `1,234.56` (English), `1 234,56`.
AMOUNT = re.compile(r"(?P<units>[0-9]{1,7}|[0-9]{1,3}(?P<group>[.,'\s])[0-9]{3}(?:(?P=group)[0-9]{3})*)(?:(?P<decimal>[.,])(?P<cents>[0-9]{2}))?")


def amount_in_cents(text: str) -> int | None:
    """An amount such as `12`, `12.50`, `€12,50`, `1.234,56` or `1,234.56 lei` in cents, or None when it is not one.

    Either mark may separate the cents, as people write it in their language; the other may group the
    thousands when the cents are written too.
    """
    compact = CURRENCY_MARKS.sub("", text.strip().replace("\u00a0", " ").replace("\u202f", " "))
    match = AMOUNT.fullmatch(compact)
    if match is None or (match["group"] and match["group"] == match["decimal"]):
        return None
    if match["group"] in (".", ",") and not match["decimal"]:
        return None  # `12.505`: twelve thousand in Dutch, a mistyped twelve in English; asked again rather than guessed
    return int(re.sub(r"\D", "", match["units"])) * 100 + int(match["cents"] or 0)


def is_amount(text: str) -> bool:
    return amount_in_cents(text) is not None


def is_passphrase(text: str) -> bool:
    return len(text.split()) >= 4 or len(text.strip()) >= 15


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "iban": is_iban,
    "email": is_email,
    "phone": is_phone,
    "date": is_date,
    "amount": is_amount,
    "passphrase": is_passphrase,
}
