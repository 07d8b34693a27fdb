"""Home: the learner's level and XP, the lesson suggested next, and every lesson by module with its stars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bleep_tui.i18n import N_, _, ngettext
from bleep_tui.ui.widgets.sparing import SparingOptionList
from bleep_tui.ui.glyphs import bar, stars
from bleep_tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from bleep_tui.core.model import Lesson
    from bleep_tui.core.next_lesson import Suggestion
    from bleep_tui.core.progress import LessonRecord, Snapshot

XP_BAR_WIDTH = 20
STATUS_PADDING = 2  # #status in app.tcss: one cell each side
NEXT = "next:"  # the suggested lesson's option id is NEXT + its lesson id (ids are unique in a list)


class LessonMenu(SparingOptionList):
    """The lesson list, with Enter named in the footer (the list's own Enter binding is hidden)."""

    BINDINGS = [Binding("enter", "select", N_("Start lesson"))]


class HomeScreen(Screen[None]):
    _shown = False

    BINDINGS = [
        Binding("p", "profile", N_("My profile")),
        Binding("b", "class_board", N_("Class board")),
        Binding("c", "save_mine('cv')", N_("Save my CV")),
        Binding("m", "save_mine('plan')", N_("Save my plan")),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "class_board":
            return self.app.settings.class_board  # off unless a facilitator turned it on
        return True

    def action_profile(self) -> None:
        from bleep_tui.ui.screens.profile import ProfileScreen

        self.app.push_screen(ProfileScreen())

    def action_save_mine(self, kind: str) -> None:
        from bleep_tui.ui.printouts import save_mine

        save_mine(self.app, kind)

    def action_class_board(self) -> None:
        from bleep_tui.ui.screens.classboard import ClassBoardScreen

        if self.app.settings.class_board:
            self.app.push_screen(ClassBoardScreen())

    def compose(self) -> ComposeResult:
        yield Static(_("Loading your lessons..."), id="status", markup=False)
        yield LessonMenu(id="lessons", markup=False)
        yield Static("", id="summary", markup=False)
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # Also sent when Home is first shown: every look at Home, first or later, comes through here.
        if self.app.content_ready:
            self.refresh_progress()
        if self._shown:  # back from a lesson or the profile: what it used goes back to the server
            from bleep_tui.ui.render_cache import give_back_freed_memory

            self.call_after_refresh(give_back_freed_memory)
        self._shown = True

    def on_content_ready(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Show the learner's progress now, changing only what changed (a finished lesson, a new level)."""
        from bleep_tui.ui.gamification import streak, streak_text

        progress = self.app.progress()
        one_line_each = Text("\n", no_wrap=True, overflow="ellipsis")
        width = self.app.size.width - STATUS_PADDING
        status = one_line_each.join([*self._status_lines(progress), streak_text(streak(self.app, progress.finished_at), width)])
        shown = self.query_one("#status", Static)
        if shown.content != status:
            shown.update(status)
        lessons = self.query_one("#lessons", OptionList)
        options = self._options(progress)
        if [option.prompt for option in options] != [lessons.get_option_at_index(i).prompt for i in range(lessons.option_count)]:
            highlighted = lessons.highlighted
            lessons.clear_options()
            lessons.add_options(options)
            if highlighted is not None and highlighted < lessons.option_count:
                lessons.highlighted = highlighted
        if lessons.highlighted is None:
            lessons.action_first()
        lessons.focus()

    def _status_lines(self, progress: Snapshot) -> list[Text]:
        """The learner's name and level, then the XP bar: a name (at most 40 characters) never pushes out progress."""
        glyphs = self.app.glyphs
        level = progress.level
        profile = self.app.learner_profile
        first = Text(profile.name if profile else "", style="bold")
        first.append(f"  {glyphs.bullet}  ")
        first.append(_("Level {number}: {name}").format(number=level.number, name=level.name), style="bold")
        second = Text(bar(glyphs, level.fraction, XP_BAR_WIDTH) + "  ")
        if level.next_at is None:
            second.append(_("{xp} XP (top level)").format(xp=progress.xp))
        else:
            second.append(_("{xp} XP, {left} to the next level").format(xp=progress.xp, left=level.to_next))
        return [first, second]

    def _options(self, progress: Snapshot) -> list[Option]:
        from bleep_tui.core.next_lesson import next_lesson

        catalog = self.app.catalog
        options: list[Option] = []
        suggestion = next_lesson(list(catalog.lessons.values()), progress.records)
        if suggestion:
            options.append(Option(self._suggestion_lines(suggestion), id=NEXT + suggestion.lesson.id))
        for module in catalog.modules:
            lessons = catalog.in_module(module.id)
            if not lessons:
                continue
            heading = Text(module.title.upper(), style="bold")
            done = sum(1 for lesson in lessons if (record := progress.records.get(lesson.id)) and record.completions)
            heading.append("  " + _("{done} of {total}").format(done=done, total=len(lessons)), style="dim")
            options.append(Option(heading, disabled=True))
            for lesson in lessons:
                options.append(Option(self._lesson_line(lesson, progress.records.get(lesson.id)), id=lesson.id))
        if catalog.broken:
            options.append(Option(Text(_("UNAVAILABLE"), style="bold"), disabled=True))
            for broken in catalog.broken:
                line = Text(f"  {broken.path.name}: {broken.reason}")
                options.append(Option(line, disabled=True))
        return options

    def _suggestion_lines(self, suggestion: Suggestion) -> Text:
        from bleep_tui.core.next_lesson import why

        lesson = suggestion.lesson
        reason = why(suggestion, self.app.catalog.modules)
        lines = Text("\n", no_wrap=True, overflow="ellipsis")
        first = Text(_("NEXT FOR YOU") + "  ", style="bold")
        first.append(lesson.title)
        return lines.join([first, Text("  " + reason, style="italic")])

    def _lesson_line(self, lesson: Lesson, record: LessonRecord | None) -> Text:
        glyphs = self.app.glyphs
        line = Text("  ")
        if record and record.completions:
            line.append(stars(glyphs, record.best_stars), style="bold")
            line.append(f" {record.best_percent:>3}%  ")
        else:
            line.append(stars(glyphs, 0) + "       ", style="dim")
        line.append(lesson.title)
        if lesson.id in self.app.catalog.in_english:
            line.append("  " + _("(in English)"), style="dim")
        if record and record.in_progress:
            line.append("  " + _("(in progress)"), style="italic")
        return line

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        lesson = self.app.catalog.lessons.get((event.option_id or "").removeprefix(NEXT))
        summary = self.query_one("#summary", Static)
        # The summary's height is fixed (app.tcss): a new text needs no new layout of the whole screen.
        if lesson is None:
            summary.update("", layout=False)
            return
        details = _("{minutes} min {bullet} DigComp {codes}").format(
            minutes=lesson.minutes, bullet=self.app.glyphs.bullet, codes=", ".join(lesson.competences)
        )
        summary.update(Text(f"{lesson.summary}\n", style="") + Text(details, style="dim"), layout=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open((event.option_id or "").removeprefix(NEXT))

    def _open(self, lesson_id: str | None) -> None:
        from bleep_tui.ui.screens.lesson import LessonScreen

        lesson = self.app.catalog.lessons.get(lesson_id or "")
        if lesson is not None:
            self.app.push_screen(LessonScreen(lesson))
