"""Text that a person typed, made safe to keep and to show on a terminal."""

from __future__ import annotations

import unicodedata

# OWASP CSV injection: a spreadsheet may run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "|", "%")


def clean_name(typed: str) -> str:
    """The name as typed, without control characters or surrounding spaces."""
    return "".join(ch for ch in typed if unicodedata.category(ch)[0] != "C").strip()


def clean_text(typed: str) -> str:
    """Longer typed text (a CV profile, duties): line breaks and tabs kept, every other control character dropped."""
    return "".join(ch for ch in typed if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def shown(text: str) -> str:
    """`text` with every control character made visible (`^[` for ESC), so none reaches the terminal.

    Rich strips only a few control characters; an ESC in a learner's answer would otherwise
    be sent to the facilitator's terminal as the start of an escape sequence.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20:
            out.append("^" + chr(code + 0x40))
        elif code == 0x7F:
            out.append("^?")
        elif unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
