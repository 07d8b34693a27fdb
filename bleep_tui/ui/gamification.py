"""The learner's badges, streak and skills passport as the screens show them; new badges recorded once.

Weeks for the streak are counted in the local time zone of the machine the app
runs on (the prison's or the learner's own), which is the learner's local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from rich.cells import cell_len
from rich.text import Text
from textual.app import App

from bleep_tui.core.achievements import Achievement, Earned, Facts, badges_now, earned_event
from bleep_tui.core.streaks import Streak, local_zone, weekly_streak
from bleep_tui.i18n import _, ngettext
from bleep_tui.ui.glyphs import ASCII


@dataclass(frozen=True)
class Standing:
    facts: Facts
    earned: list[Earned]  # recorded first, then the ones met now for the first time
    locked: list[Achievement]


def streak(app: App, finished_at: tuple[str, ...]) -> Streak:
    """The weekly streak now, from when the learner finished lessons."""
    return weekly_streak(finished_at, datetime.now(timezone.utc), local_zone(), app.settings.paused_weeks)


def standing(app: App) -> Standing:
    facts, earned = badges_now(app.achievements, app.learner_progress(), app.catalog.lessons.values(),
                               datetime.now(timezone.utc), local_zone(), app.settings.paused_weeks)
    have = {badge.id for badge in earned}
    return Standing(facts, earned, [a for a in app.achievements if a.id not in have])


def award_new_badges(app: App) -> list[Achievement]:
    """Record every badge whose rule holds for the first time; the ones saved are returned to celebrate."""
    saved = []
    for badge in standing(app).earned:
        if badge.new and badge.achievement and app.record(earned_event(badge)):
            saved.append(badge.achievement)
    return saved


def symbol(app: App, achievement: Achievement) -> str:
    return achievement.ascii_symbol if app.glyphs is ASCII else achievement.symbol


def badge_line(app: App, achievement: Achievement) -> str:
    return f"{symbol(app, achievement)} {achievement.title}"


def streak_text(streak: Streak, width: int | None = None) -> Text:
    """One line on the weekly streak, encouraging and never scolding; within `width` cells, the note
    in brackets is left out rather than cut (a longer language on Home's one line)."""
    text = Text()
    weeks = ngettext("{n} week", "{n} weeks", streak.current).format(n=streak.current)
    text.append(_("Weekly streak: {weeks}").format(weeks=weeks), style="bold")
    if streak.this_week_paused and not streak.this_week_done:
        note = _("(paused this week: it will wait for you)")
    elif streak.this_week_done:
        note = _("(this week done)")
    elif streak.current:
        note = _("(finish a lesson this week to keep it)")
    else:
        note = _("(finish a lesson this week to start one)")
    if width is None or text.cell_len + 2 + cell_len(note) <= width:
        text.append("  " + note)
    return text
