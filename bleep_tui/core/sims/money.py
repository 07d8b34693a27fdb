"""Money in the money simulations: whole cents inside, euro amounts like `12.50` in lesson files."""

from __future__ import annotations

from bleep_tui.core.answers import amount_in_cents
from bleep_tui.core.sims.base import ScenarioReader

MAX_CENTS = 100_000_000  # one million euro: more than any scenario needs


def euro(cents: int) -> str:
    """`1250` -> `12.50`, as machines show it."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def read_money(
    reader: ScenarioReader, key: str, default: int, low: int = 0, high: int = MAX_CENTS, required: bool = False
) -> int:
    """A scenario amount in cents, written `230`, `230.50` or `230,50`; a problem on its line if not."""
    text = reader.text(key, required=required, default="")
    if not text.strip():
        return default
    negative = low < 0 and text.strip().startswith("-")  # money going out, where the field allows it
    cents = amount_in_cents(text.strip().removeprefix("-") if negative else text)
    if cents is None:
        reader.error(key, f"`{key}` must be an amount in euro, like 25 or 12.50 (got `{text}`)")
        return default
    cents = -cents if negative else cents
    if not low <= cents <= high:
        reader.error(key, f"`{key}` must be between {euro(low)} and {euro(high)} euro, not {euro(cents)}")
        return default
    return cents


def read_pin(reader: ScenarioReader, key: str, default: str, digits: tuple[int, int] = (4, 6)) -> str:
    """A secret code of digits (a PIN, a login code), kept as text so `0420` keeps its zero."""
    text = reader.text(key, required=False, default=default).strip()
    low, high = digits
    if not (text.isdigit() and text.isascii() and low <= len(text) <= high):
        reader.error(key, f"`{key}` must be {low} to {high} digits, like {'4071395'[:low]} (got `{text}`)")
        return default
    return text


def read_choice(reader: ScenarioReader, key: str, choices: tuple[str, ...], default: str) -> str:
    text = reader.text(key, required=False, default=default).strip()
    if text not in choices:
        reader.error(key, f"`{key}` must be one of: {', '.join(choices)} (got `{text}`)")
        return default
    return text


def typed_digits(typed: str, key: str, limit: int) -> str:
    """The digits on a keypad display after `key` is pressed (a digit, or `backspace`)."""
    if key == "backspace":
        return typed[:-1]
    if key.isdigit() and len(key) == 1 and len(typed) < limit:
        return typed + key
    return typed
