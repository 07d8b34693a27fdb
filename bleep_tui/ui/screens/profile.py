"""My profile: level, XP to the next level, badges earned and how to earn the rest, streak, passport."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bleep_tui.core.achievements import Achievement, Facts, badge_points, rule_progress
from bleep_tui.core.levels import level_for
from bleep_tui.core.display import next_choice as next_display
from bleep_tui.core.time_limits import next_choice
from bleep_tui.formats import day
from bleep_tui.i18n import N_, _, ngettext
from bleep_tui.ui.gamification import Standing, award_new_badges, badge_line, local_zone, standing, streak_text, symbol
from bleep_tui.ui.glyphs import bar
from bleep_tui.ui.screens.passport import mastery_name, passport_text
from bleep_tui.store.files import StoreError
from bleep_tui.ui.widgets.key_bar import KeyBar
from bleep_tui.ui.widgets.language_row import NEXT_LANGUAGE_KEY, language_row, next_language, several_languages

XP_BAR_WIDTH = 20


# How each choice of core/time_limits.py is named to the learner.
TIME_LIMIT_NAMES = {
    "standard": N_("standard"),
    "longer": N_("longer (3 times the standard)"),
    "much-longer": N_("much longer (10 times the standard)"),
    "off": N_("off: BLEEP waits for you"),
}
# How each choice of core/display.py is named to the learner.
DISPLAY_NAMES = {
    "standard": N_("standard"),
    "high-contrast": N_("high contrast (white on black)"),
    "spacious": N_("more space between lines"),
    "high-contrast+spacious": N_("high contrast and more space"),
}


def local_date(at: str) -> str:
    """The day of `at` as the learner's language writes it: `12 Mar 2026`, `12 mrt 2026`."""
    try:
        return day(datetime.fromisoformat(at).astimezone(local_zone()).date())
    except ValueError:
        return ""


def closeness(achievement: Achievement, facts: Facts) -> float:
    have, need = rule_progress(achievement.rule, facts)
    return min(have, need) / need


class ProfileScreen(Screen[None]):
    CSS_PATH = "gamification.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("s", "passport", N_("Skills passport")),
        Binding("w", "save_passport", N_("Save my passport")),
        Binding("t", "more_time", N_("Time limits")),
        Binding("v", "next_display", N_("Display"), show=False),  # named in the profile's text, beside its choice
        NEXT_LANGUAGE_KEY,
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return several_languages() if action == "next_language" else True

    def compose(self) -> ComposeResult:
        yield Static("", id="profile-header", markup=False)
        with VerticalScroll(id="profile"):
            yield Static("", id="profile-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        for achievement in award_new_badges(self.app):  # a definition may have changed since the last lesson
            self.app.notify(_("New badge: {badge}").format(badge=badge_line(self.app, achievement)), markup=False)

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, after on_mount has recorded any new badge.
        self.refresh_profile()

    def refresh_profile(self) -> None:
        now = standing(self.app)
        profile = self.app.learner_profile
        header = Text(_("My profile") + (f": {profile.name}" if profile else ""), style="bold", no_wrap=True, overflow="ellipsis")
        if several_languages():
            header.append("   ").append_text(language_row(self.app.language.shown))
        self.query_one("#profile-header", Static).update(header)
        self.query_one("#profile-text", Static).update(self._text(now))
        self.query_one("#profile", VerticalScroll).focus()

    def _text(self, now: Standing) -> Text:
        glyphs = self.app.glyphs
        facts = now.facts
        level = level_for(self.app.levels, facts.xp)
        text = Text()
        text.append(_("Level {number}: {name}").format(number=level.number, name=level.name), style="bold")
        text.append(f"  {bar(glyphs, level.fraction, XP_BAR_WIDTH)}  ")
        if level.next_at is None:
            text.append(_("{xp} XP (top level)").format(xp=facts.xp) + "\n")
        else:
            text.append(_("{xp} XP, {left} to the next level").format(xp=facts.xp, left=level.to_next) + "\n")
        text.append(_("Badges: {earned} of {total}, {points} badge points").format(
            earned=len(now.earned), total=len(now.earned) + len(now.locked), points=badge_points(now.earned)) + "\n")
        text.append_text(streak_text(facts.streak))
        weeks = ngettext("{n} week", "{n} weeks", facts.streak.best).format(n=facts.streak.best)
        text.append("  " + _("Best: {weeks}").format(weeks=weeks) + "\n")
        # The learner's own settings come first, where a learner who reads slowly or sees less well finds them.
        text.append(_("Time limits: {choice}").format(choice=_(TIME_LIMIT_NAMES[self.app.time_limits])), style="bold")
        text.append("  " + _("(t: change)") + "\n", style="dim")
        text.append(_("Display: {choice}").format(choice=_(DISPLAY_NAMES[self.app.display_choice])), style="bold")
        text.append("  " + _("(v: change)") + "\n", style="dim")
        text.append("\n" + _("SKILLS PASSPORT") + "  ", style="bold")
        text.append(_("(s: details)") + "\n", style="dim")
        text.append_text(passport_text(glyphs, facts.passport))
        text.append("\n" + _("BADGES EARNED") + "\n", style="bold")
        if not now.earned:
            text.append(_("None yet. Finish a lesson to earn your first badge.") + "\n", style="dim")
        for badge in now.earned:
            title = badge_line(self.app, badge.achievement) if badge.achievement else _("{id} (retired badge)").format(id=badge.id)
            text.append(f"{title:<42} {local_date(badge.at)}  +{badge.points}\n")
        text.append("\n" + _("BADGES TO EARN (closest first)") + "\n", style="bold")
        for achievement in sorted(now.locked, key=lambda a: -closeness(a, facts)):
            text.append(f"{symbol(self.app, achievement)} {achievement.title}", style="dim")
            text.append(f"  {achievement.description}  {self._progress(achievement, facts)}\n")
        return text

    def _progress(self, achievement: Achievement, facts: Facts) -> str:
        rule = achievement.rule
        have, need = rule_progress(rule, facts)
        if rule.type == "competence_mastery":
            mastery = facts.passport.get(rule.competence)
            return _("(now: {level})").format(level=mastery_name(mastery.level if mastery else ""))
        if need <= 1:
            return ""
        return _("({have} of {need})").format(have=min(have, need), need=need)

    def action_next_language(self) -> None:
        language = next_language(self.app.language.shown)
        try:
            self.app.store.set_language(language)
        except StoreError as error:
            self.app.notify(_("Your language could not be saved: {reason}").format(reason=error), severity="error", markup=False)
            return
        self.app.language.switch(language)
        self.app.show_in_new_language()

    def action_save_passport(self) -> None:
        from bleep_tui.ui.printouts import save_passport

        save_passport(self.app)

    def action_more_time(self) -> None:
        """The next choice of time limits, kept at once; the idle logout and the machines follow it."""
        choice = next_choice(self.app.time_limits)
        try:
            self.app.set_time_limits(choice)
        except StoreError as error:
            self.app.notify(_("Your choice could not be saved: {reason}").format(reason=error), severity="error", markup=False)
            return
        self.refresh_profile()
        self.app.notify(_("Time limits: {choice}").format(choice=_(TIME_LIMIT_NAMES[choice])), markup=False)

    def action_next_display(self) -> None:
        """The next look of the screens (high contrast, more space), shown and kept at once."""
        choice = next_display(self.app.display_choice)
        try:
            self.app.set_display(choice)
        except StoreError as error:
            self.app.notify(_("Your choice could not be saved: {reason}").format(reason=error), severity="error", markup=False)
            return
        self.refresh_profile()
        self.app.notify(_("Display: {choice}").format(choice=_(DISPLAY_NAMES[choice])), markup=False)

    def action_passport(self) -> None:
        from bleep_tui.ui.screens.passport import PassportScreen

        self.app.push_screen(PassportScreen())
