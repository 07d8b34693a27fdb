"""The optional class board: pseudonyms only, never names or learner codes.

A pseudonym is derived from the learner code and a secret of the installation,
so it stays the same from week to week but nobody can work out whose it is
from the code alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Iterable

from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level
from bleep_tui.core.progress import snapshot
from bleep_tui.core.streaks import weekly_streak

ADJECTIVES = (
    "Amber", "Brave", "Calm", "Clever", "Bright", "Swift", "Quiet", "Steady",
    "Bold", "Gentle", "Keen", "Lucky", "Merry", "Noble", "Proud", "Quick",
    "Silver", "Golden", "Sunny", "Wise", "Green", "Blue", "Red", "Kind",
    "Patient", "Honest", "Strong", "Cheerful", "Careful", "Busy", "Happy", "Sharp",
)
ANIMALS = (
    "Badger", "Heron", "Otter", "Falcon", "Fox", "Hare", "Owl", "Robin",
    "Wolf", "Bear", "Lynx", "Crane", "Deer", "Eagle", "Finch", "Beaver",
    "Hawk", "Moose", "Raven", "Seal", "Swan", "Tiger", "Whale", "Wren",
    "Bison", "Camel", "Dolphin", "Gecko", "Koala", "Lark", "Panda", "Puffin",
)


def pseudonym(code: str, secret: str) -> str:
    """A stable, readable pseudonym such as `Calm Otter 17`."""
    digest = hashlib.sha256(f"{secret}\0{code}".encode()).digest()
    return f"{ADJECTIVES[digest[0] % len(ADJECTIVES)]} {ANIMALS[digest[1] % len(ANIMALS)]} {digest[2] % 90 + 10}"


@dataclass(frozen=True)
class BoardEntry:
    pseudonym: str
    xp: int
    level: str
    badges: int
    streak: int  # current weekly streak
    me: bool = False


@dataclass(frozen=True)
class BoardRow:
    rank: int  # learners with the same XP and badges share a rank
    entry: BoardEntry


def ranked(entries: Iterable[BoardEntry]) -> list[BoardRow]:
    """Most XP first, then most badges; the order among equals is by pseudonym, so it never flickers."""
    ordered = sorted(entries, key=lambda e: (-e.xp, -e.badges, e.pseudonym))
    rows: list[BoardRow] = []
    for position, entry in enumerate(ordered, 1):
        tied = rows and (rows[-1].entry.xp, rows[-1].entry.badges) == (entry.xp, entry.badges)
        rows.append(BoardRow(rows[-1].rank if tied else position, entry))
    return rows


def board_entry(name: str, events: list[Event], levels: tuple[Level, ...], now: datetime, tz: tzinfo, paused_weeks: Iterable[str] = (), me: bool = False) -> BoardEntry:
    """One learner's line on the board, from their events; `name` is their pseudonym."""
    progress = snapshot(events, levels)
    badges = {event.achievement for event in events if event.kind == "achievement_earned"}
    finished_at = [event.at for event in events if event.kind == "lesson_finished"]
    streak = weekly_streak(finished_at, now, tz, paused_weeks)
    return BoardEntry(name, progress.xp, progress.level.name, len(badges), streak.current, me)
