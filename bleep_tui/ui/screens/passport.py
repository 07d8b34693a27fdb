"""The skills passport: mastery of each DigComp competence, with bars, to show an employer later."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bleep_tui.core.mastery import MASTERY_THRESHOLDS, CompetenceMastery
from bleep_tui.i18n import _
from bleep_tui.ui.gamification import standing
from bleep_tui.ui.glyphs import Glyphs, bar
from bleep_tui.ui.widgets.key_bar import KeyBar

PASSPORT_BAR_WIDTH = 10

# DigComp 2.2 competence names, shortened to fit a line at 80 columns.
COMPETENCE_NAMES = {
    "1.1": _("Browsing and searching for information"),
    "1.2": _("Judging if information is reliable"),
    "1.3": _("Managing data and digital content"),
    "2.1": _("Interacting through digital technologies"),
    "2.2": _("Sharing through digital technologies"),
    "2.3": _("Taking part in society online"),
    "2.4": _("Collaborating through digital technologies"),
    "2.5": _("Netiquette"),
    "2.6": _("Managing your digital identity"),
    "3.1": _("Developing digital content"),
    "3.2": _("Reworking digital content"),
    "3.3": _("Copyright and licences"),
    "3.4": _("Programming"),
    "4.1": _("Protecting devices"),
    "4.2": _("Protecting personal data and privacy"),
    "4.3": _("Protecting health and well-being"),
    "4.4": _("Protecting the environment"),
    "5.1": _("Solving technical problems"),
    "5.2": _("Finding the right digital tool"),
    "5.3": _("Using digital technology creatively"),
    "5.4": _("Finding your digital skills gaps"),
}
NAME_WIDTH = 41


def level_name(mastery: CompetenceMastery) -> str:
    return _(mastery.level) if mastery.level else _("Not started")


def passport_text(glyphs: Glyphs, passport: dict[str, CompetenceMastery], details: bool = False) -> Text:
    """One line per competence: code, name, mastery level, bar, score; with `details`, the lessons finished."""
    text = Text()
    for code, mastery in passport.items():
        name = COMPETENCE_NAMES.get(code, "")
        if len(name) > NAME_WIDTH:
            name = name[: NAME_WIDTH - 1] + "."
        text.append(f"{code} {name:<{NAME_WIDTH}} ")
        text.append(f"{level_name(mastery):<12}", style="bold" if mastery.level else "dim")
        text.append(f"{bar(glyphs, mastery.score / 100, PASSPORT_BAR_WIDTH)} {mastery.score:>3}%\n")
        if details:
            finished = _("{done} of {total} lessons finished, {average}% on average").format(
                done=mastery.completed, total=mastery.lessons, average=mastery.average)
            text.append(f"    {finished}\n", style="dim")
    return text


class PassportScreen(Screen[None]):
    CSS_PATH = "gamification.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", _("Back"))]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("My skills passport (DigComp 2.2)"), style="bold"), id="passport-header")
        with VerticalScroll(id="passport"):
            yield Static("", id="passport-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        passport = standing(self.app).facts.passport
        text = passport_text(self.app.glyphs, passport, details=True)
        text.append("\n" + _("How mastery is measured") + "\n", style="bold")
        text.append(_("The bar is your best result on every lesson that trains the skill, added up.") + "\n")
        text.append(_("Attempted: you started a lesson for it.") + "\n")
        for name, share, average in MASTERY_THRESHOLDS:
            lessons = _("at least one of its lessons") if share == 0 else _("all its lessons") if share == 100 else _("{share}% of its lessons").format(share=share)
            text.append(_("{level}: you finished {lessons}, with {average}% or more on average.").format(
                level=_(name), lessons=lessons, average=average) + "\n")
        self.query_one("#passport-text", Static).update(text)
        self.query_one("#passport", VerticalScroll).focus()
