"""Lessons name no real bank: an IBAN in a lesson file must not carry a real bank's code.

The list is short on purpose: the codes of the big banks in the countries whose IBANs
put four letters for the bank right after the check digits (the Netherlands, the United
Kingdom, Ireland), which are the IBANs lessons use. docs/authoring.md lists them.
"""

from __future__ import annotations

import re
from pathlib import Path

from bleep_tui.content.problems import Problem

REAL_BANK_CODES: dict[str, frozenset[str]] = {
    "NL": frozenset({
        "ABNA", "ADYB", "ASNB", "BNGH", "BUNQ", "FVLB", "INGB", "KNAB", "NNBA", "NWAB", "RABO", "RBRB", "REVO",
        "SNSB", "TRIO",
    }),
    "GB": frozenset({
        "ABBY", "BARC", "BUKB", "CPBK", "HBUK", "LOYD", "MIDL", "MONZ", "NAIA", "NWBK", "RBOS", "SRLG", "TSBS",
    }),
    "IE": frozenset({"AIBK", "BOFI", "IPBS", "ULSB"}),
}
# A country code, two check digits and the bank's four letters, with or without a space.
IBAN_BANK = re.compile(r"\b(NL|GB|IE)[0-9]{2} ?([A-Z]{4})", re.IGNORECASE)


def real_bank_code(iban: str) -> str | None:
    """The real bank code at the start of this IBAN, or None."""
    found = IBAN_BANK.match(iban.strip())
    if found is None:
        return None
    country, bank = found[1].upper(), found[2].upper()
    return bank if bank in REAL_BANK_CODES[country] else None


def real_bank_problems(path: Path, text: str) -> list[Problem]:
    """Every IBAN in the file's text that names a real bank, at its line."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for found in IBAN_BANK.finditer(line):
            bank = real_bank_code(found[0])
            if bank is not None:
                problems.append(Problem(path, (
                    f"`{found[0]}...` is an IBAN of a real bank ({bank}); lessons use invented banks: "
                    "change the four letters to a code no bank uses (see docs/authoring.md)"
                ), number))
    return problems
