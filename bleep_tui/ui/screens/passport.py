"""The skills passport: mastery of each DigComp competence, with bars, to show an employer later."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bleep_tui.core.curriculum import COMPETENCE_NAMES
from bleep_tui.core.mastery import ATTEMPTED, FAMILIAR, MASTERED, MASTERY_THRESHOLDS, PROFICIENT, CompetenceMastery
from bleep_tui.i18n import N_, _
from bleep_tui.ui.gamification import standing
from bleep_tui.ui.glyphs import Glyphs, bar
from bleep_tui.ui.widgets.key_bar import KeyBar

PASSPORT_BAR_WIDTH = 10

NAME_WIDTH = 41
LEVEL_WIDTH = 12
MASTERY_NAMES = {ATTEMPTED: N_("Attempted"), FAMILIAR: N_("Familiar"), PROFICIENT: N_("Proficient"), MASTERED: N_("Mastered")}


def mastery_name(level: str) -> str:
    return _(MASTERY_NAMES[level]) if level in MASTERY_NAMES else _("Not started")


def level_name(mastery: CompetenceMastery) -> str:
    return mastery_name(mastery.level)


def passport_text(glyphs: Glyphs, passport: dict[str, CompetenceMastery], details: bool = False) -> Text:
    """One line per competence: code, name, mastery level, bar, score; with `details`, the lessons finished."""
    text = Text()
    for code, mastery in passport.items():
        name = _(COMPETENCE_NAMES[code]) if code in COMPETENCE_NAMES else ""
        level = level_name(mastery)
        if cell_len(name) > NAME_WIDTH or cell_len(level) >= LEVEL_WIDTH:
            # A longer language: the whole name on its line, the level and bar under it, never cut.
            text.append(f"{code} {name}\n    ")
            level += " "
        else:
            text.append(f"{code} {name:<{NAME_WIDTH}} ")
        text.append(f"{level:<{LEVEL_WIDTH}}", style="bold" if mastery.level else "dim")
        text.append(f"{bar(glyphs, mastery.score / 100, PASSPORT_BAR_WIDTH)} {mastery.score:>3}%\n")
        if details:
            # The % sign goes in with the number: "{average}% on" would look like a %-format to gettext.
            finished = _("{done} of {total} lessons finished, {average} on average").format(
                done=mastery.completed, total=mastery.lessons, average=f"{mastery.average}%")
            text.append(f"    {finished}\n", style="dim")
    return text


class PassportScreen(Screen[None]):
    CSS_PATH = "gamification.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

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
            lessons = _("at least one of its lessons") if share == 0 else _("all its lessons") if share == 100 else _("{share} of its lessons").format(share=f"{share}%")
            text.append(_("{level}: you finished {lessons}, with {average} or more on average.").format(
                level=mastery_name(name), lessons=lessons, average=f"{average}%") + "\n")
        self.query_one("#passport-text", Static).update(text)
        self.query_one("#passport", VerticalScroll).focus()
