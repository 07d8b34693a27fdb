"""The end of a lesson: points, stars, and a level-up when there is one."""

from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from bleep_tui.core.achievements import Achievement
from bleep_tui.core.model import Lesson
from bleep_tui.core.progress import Snapshot
from bleep_tui.core.scoring import LessonResult
from bleep_tui.i18n import _, ngettext
from bleep_tui.ui.gamification import badge_line
from bleep_tui.ui.glyphs import stars
from bleep_tui.ui.widgets.key_bar import KeyBar

BADGES_SHOWN = 3  # the rest are on the profile, so the screen fits 80x24


class ResultScreen(Screen[None]):
    def __init__(self, lesson: Lesson, result: LessonResult, before: Snapshot, after: Snapshot, badges: Sequence[Achievement] = ()) -> None:
        super().__init__()
        self.lesson, self.result, self.before, self.after = lesson, result, before, after
        self.badges = badges  # earned by this lesson, shown here once

    def compose(self) -> ComposeResult:
        glyphs = self.app.glyphs
        result = self.result
        text = Text()
        text.append(_("Lesson complete: ") + self.lesson.title + "\n\n", style="bold")
        text.append(f"{stars(glyphs, result.stars)}   ", style="bold")
        text.append(_("{percent} of the points").format(percent=f"{result.percent}%") + "\n\n")
        text.append(_("Points: {points} of {max}").format(points=result.points, max=result.max_points) + "\n")
        if result.bonus:
            text.append(_("First-try bonus: +{bonus}").format(bonus=result.bonus) + "\n")
        gained = self.after.xp - self.before.xp
        if gained > 0:
            text.append(_("You gained {xp} XP. Total: {total} XP").format(xp=gained, total=self.after.xp) + "\n")
        else:
            text.append(_("No new XP: your best result on this lesson still counts. Total: {total} XP").format(total=self.after.xp) + "\n")
        if self.after.level.number > self.before.level.number:
            text.append("\n" + _("LEVEL UP! You are now level {number}: {name}").format(
                number=self.after.level.number, name=self.after.level.name) + "\n", style="bold reverse")
        if self.badges:
            text.append("\n" + ngettext("NEW BADGE!", "NEW BADGES!", len(self.badges)) + "\n", style="bold reverse")
            for achievement in self.badges[:BADGES_SHOWN]:
                text.append(f"  {badge_line(self.app, achievement)}  +{achievement.points}\n", style="bold")
            if len(self.badges) > BADGES_SHOWN:
                more = len(self.badges) - BADGES_SHOWN
                text.append("  " + ngettext("and {n} more: press p on the lesson list to see them all", "and {n} more: press p on the lesson list to see them all", more).format(n=more) + "\n")
        if result.stars < 3:
            text.append("\n" + _("You can replay this lesson any time to improve your stars."), style="dim")
        with Vertical(id="result"):
            yield Static(text, id="result-text")
            yield Button(_("Back to lessons"), id="home", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#home", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.app.pop_screen()
