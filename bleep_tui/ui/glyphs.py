"""Symbols drawn on screen, with an ASCII set for consoles that cannot show Unicode."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Glyphs:
    star: str
    no_star: str
    bar_full: str
    bar_empty: str
    right: str
    wrong: str
    bullet: str  # between facts on one line
    item: str  # before each item of a list
    moving: str


UNICODE = Glyphs(star="★", no_star="☆", bar_full="█", bar_empty="░", right="✔", wrong="✘", bullet="·", item="•", moving="↕")
ASCII = Glyphs(star="*", no_star=".", bar_full="#", bar_empty="-", right="+", wrong="x", bullet="-", item="-", moving="<>")


def stars(glyphs: Glyphs, count: int, out_of: int = 3) -> str:
    return glyphs.star * count + glyphs.no_star * (out_of - count)


def bar(glyphs: Glyphs, fraction: float, width: int) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return glyphs.bar_full * filled + glyphs.bar_empty * (width - filled)
