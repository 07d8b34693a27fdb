"""Weekly streaks: a week counts when the learner finished any lesson in it.

Weeks are ISO weeks (Monday to Sunday) in the learner's local time zone, passed
in by the caller. A week a facilitator marked as paused (lockdown, transfer)
neither adds to a streak nor breaks it, and neither does the current week
before the learner has finished a lesson in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Iterable

Week = tuple[int, int]  # ISO (year, week number)
WEEK_PATTERN = re.compile(r"(\d{4})-W(\d{1,2})")


def local_zone() -> tzinfo:
    """The server's time zone, in which the app and the exports count weeks."""
    return datetime.now().astimezone().tzinfo or timezone.utc


@dataclass(frozen=True)
class Streak:
    current: int  # weeks in the streak that is still alive
    best: int  # the longest streak ever
    this_week_done: bool
    this_week_paused: bool


def parse_week(text: str) -> Week | None:
    """`2026-W47` as (2026, 47); None when it is not a real ISO week."""
    match = WEEK_PATTERN.fullmatch(text.strip())
    if not match:
        return None
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None
    return monday.isocalendar()[:2]


def week_of(moment: datetime, tz: tzinfo) -> Week:
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(tz).isocalendar()[:2]


def _next_week(week: Week) -> Week:
    return (date.fromisocalendar(week[0], week[1], 1) + timedelta(days=7)).isocalendar()[:2]


def weekly_streak(finished_at: Iterable[str], now: datetime, tz: tzinfo, paused_weeks: Iterable[str] = ()) -> Streak:
    """The streak from the times (ISO text) lessons were finished, as it stands at `now`."""
    done: set[Week] = set()
    for text in finished_at:
        try:
            done.add(week_of(datetime.fromisoformat(text), tz))
        except ValueError:
            continue
    paused = {week for week in map(parse_week, paused_weeks) if week}
    current_week = week_of(now, tz)
    run = best = 0
    if done:
        week, last = min(done), max(max(done), current_week)
        while week <= last:
            if week in done:
                run += 1
            elif week not in paused and week != current_week:
                run = 0
            best = max(best, run)
            week = _next_week(week)
    return Streak(run, best, current_week in done, current_week in paused)
