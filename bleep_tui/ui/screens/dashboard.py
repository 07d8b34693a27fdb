"""The facilitator's dashboard: every learner at a glance, one learner's lessons, each lesson's weak spots.

Every name, code and answer here was typed by someone, so each cell is a rich Text of `shown(...)`,
never markup, and control characters cannot reach the terminal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Static

from bleep_tui.core.model import Lesson
from bleep_tui.core.progress import lesson_records
from bleep_tui.core.reports import LearnerData, LearnerSummary, LessonStats, lesson_stats, needs_help, selected, summarise
from bleep_tui.core.text import shown
from bleep_tui.i18n import N_, _, ngettext
from bleep_tui.store.accounts import AccountError, AccountStore, new_pin, same_group
from bleep_tui.store.audit import record_audit
from bleep_tui.store.files import StoreError, atomic_write, output_path
from bleep_tui.store.roster import load_learners
from bleep_tui.ui.glyphs import bar, stars
from bleep_tui.ui.widgets.key_bar import KeyBar
from bleep_tui.ui.widgets.text_field import TextField


MISSED_SHOWN = 3  # steps listed under the lessons table; more would not fit at 80x24


def cell(text: str, style: str = "") -> Text:
    return Text(shown(text), style=style, no_wrap=True, overflow="ellipsis")


def number(value: int | str) -> Text:
    return Text(str(value), justify="right", no_wrap=True)


def duration(seconds: int) -> str:
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}h{minutes:02d}" if hours else f"{minutes}m"


def moment(at: str) -> str:
    """An event time as the facilitator's local month-day and time."""
    if not at:
        return "-"
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%m-%d %H:%M")
    except ValueError:
        return "?"


def default_export_path(data_dir: Path) -> Path:
    return data_dir / "exports" / f"progress-{datetime.now().strftime('%Y%m%d-%H%M%S')}.csv"


KEYS_ABOVE_FOOTER = N_("Arrows choose a learner. g: one group, s: sort, m: modules; the keys below act on the learner.")
ORDERS = ("code", "active", "help")
ORDER_NOTES = {
    "code": N_("Sorted by code; s sorts by last activity."),
    "active": N_("Sorted by last activity, the latest first; s puts those who may need help first."),
    "help": N_("Those who may need help first: \"quiet\" did nothing for 14 days, \"stuck\" got half their latest answers wrong. s sorts by code."),
}
HELP_STATES = {"quiet": N_("quiet"), "struggling": N_("stuck")}



def headed_table(console: Console, columns: list[tuple[str, int, str]]) -> DataTable[Text]:
    """The dashboard's table with `columns` (heading, width, key), as wide as in English.

    In a language longer than English a column widens to its heading's longest word and the widest
    column (a name, a lesson) gives up that room; a heading still longer than its column goes on over
    a second line rather than being cut.
    """
    widths = [max(width, *(cell_len(word) for word in heading.split())) for heading, width, _key in columns]
    widest = max(range(len(columns)), key=lambda index: columns[index][1])
    given_up = sum(widths) - sum(width for _heading, width, _key in columns)
    widths[widest] = max(columns[widest][1] // 2, widths[widest] - given_up)
    table: DataTable[Text] = DataTable(id="dash-table", cursor_type="row")
    for (heading, _width, key), width in zip(columns, widths):
        table.add_column(heading, width=width, key=key)
    table.header_height = max(len(Text(heading).wrap(console, width)) for (heading, _width, _key), width in zip(columns, widths))
    return table


class DashboardScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "details", N_("Details"), priority=True),
        Binding("l", "lessons", N_("Lessons")),
        Binding("u", "unlock", N_("Unlock")),
        Binding("n", "new_pin", N_("New PIN")),
        Binding("d", "deactivate", N_("(De)activate")),
        Binding("e", "export", N_("Export")),
        Binding("a", "access", N_("Log")),
        # The footer is full at 80 columns: the line above it names these.
        Binding("g", "next_group", N_("Group"), show=False),
        Binding("s", "next_order", N_("Sort"), show=False),
        Binding("m", "modules", N_("Modules"), show=False),
        Binding("r", "refresh", N_("Refresh"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.learners: dict[str, LearnerData] = {}
        self.order = ORDERS[0]

    def compose(self) -> ComposeResult:
        yield Static("", id="dash-header", markup=False)
        table = headed_table(self.app.console, [
            (_("Code"), 10, "code"),
            (_("Name"), 16, "name"),
            (_("State"), 6, "state"),
            (_("Lvl"), 3, "level"),
            (_("XP"), 5, "xp"),
            (_("Done"), 4, "done"),
            (_("Last active"), 11, "last"),
            (_("Time"), 5, "time"),
        ])
        yield table
        yield Static(_(KEYS_ABOVE_FOOTER), id="dash-message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.action_refresh()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def say(self, message: str | Text) -> None:
        self.query_one("#dash-message", Static).update(message)

    def action_refresh(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        try:
            learners = selected(load_learners(self.app.data_dir), self.app.selection)
        except StoreError as error:
            self.say(_("Could not read the learners: {reason}").format(reason=error))
            return
        self.learners = {learner.code: learner for learner in learners}
        now = self.app.selection.as_of(datetime.now(timezone.utc))
        shown_rows = [(learner, summarise(learner, self.app.levels), needs_help(learner, now)) for learner in learners]
        if self.order == "active":
            shown_rows.sort(key=lambda row: row[1].last_active, reverse=True)
        elif self.order == "help":  # those to look in on first, the longest quiet at the top
            shown_rows.sort(key=lambda row: (not row[2], row[1].last_active))
        row = table.cursor_row
        table.clear()
        for learner, summary, help_reason in shown_rows:
            table.add_row(*self._row(summary, learner.damaged, help_reason), key=learner.code)
        if learners:
            table.move_cursor(row=min(row, len(learners) - 1))
        active = sum(1 for learner in learners if learner.active)
        damaged = sum(1 for learner in learners if learner.damaged)
        header = (
            ngettext("{n} learner", "{n} learners", len(learners)).format(n=len(learners))
            + "  " + self.app.glyphs.bullet + "  " + _("{n} active").format(n=active)
        )
        if damaged:
            header += "  " + self.app.glyphs.bullet + "  " + ngettext(
                "{n} DAMAGED record: run `bleep doctor`", "{n} DAMAGED records: run `bleep doctor`", damaged
            ).format(n=damaged)
        self.query_one("#dash-header", Static).update(Text(header + self._selection_label()))

    def _selection_label(self) -> str:
        """The group and days shown, when not everyone and every day."""
        selection, bullet = self.app.selection, "  " + self.app.glyphs.bullet + "  "
        label = bullet + _("group {group}").format(group=shown(selection.group)) if selection.group else ""
        if selection.since or selection.until:
            label += bullet + _("{since} to {until}").format(
                since=selection.since or "...", until=selection.until or _("today"))
        return label

    def action_next_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.action_refresh()
        self.say(_(ORDER_NOTES[self.order]))

    def action_modules(self) -> None:
        self.app.push_screen(ModulesScreen(list(self.learners.values())))

    def action_next_group(self) -> None:
        """Everyone, then each group in turn, then everyone again."""
        try:
            groups = [None, *AccountStore(self.app.data_dir).groups()]
        except StoreError as error:
            self.say(Text(shown(str(error))))
            return
        shown_now = same_group(groups[1:], self.app.selection.group or "")
        current = groups.index(shown_now) if shown_now else 0
        group = groups[(current + 1) % len(groups)]
        self.app.selection = replace(self.app.selection, group=group)
        self.action_refresh()
        self.say(_("Showing the group {group}; g shows the next one.").format(group=shown(group)) if group
                 else _("Showing everyone; g shows the first group."))

    def _row(self, summary: LearnerSummary, damaged: str, help_reason: str) -> list[Text]:
        state = _("DAMAGED") if damaged else _("off") if not summary.active else _("LOCKED") if summary.locked else _(HELP_STATES[help_reason]) if help_reason else ""
        return [
            cell(summary.code),
            cell(summary.name),
            cell(state, "bold" if summary.locked or damaged else ""),
            number(summary.level.number),
            number(summary.xp),
            number(summary.lessons_done),
            cell(moment(summary.last_active)),
            number(duration(summary.seconds)),
        ]

    def selected(self) -> LearnerData | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            self.say(_("There are no learners yet: add them with `bleep learners add` or `bleep learners import`."))
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.learners.get(key or "")

    def action_details(self) -> None:
        learner = self.selected()
        if learner is not None:
            self.app.push_screen(LearnerScreen(learner))

    def action_lessons(self) -> None:
        self.app.push_screen(LessonsScreen(list(self.learners.values())))

    def action_access(self) -> None:
        self.app.push_screen(AccessScreen())

    def _act(self, done: str, act: Callable[[AccountStore, str], object]) -> bool:
        learner = self.selected()
        if learner is None:
            return False
        try:
            act(AccountStore(self.app.data_dir), learner.code)
        except (AccountError, StoreError) as error:
            self.say(Text(shown(str(error))))
            return False
        self.action_refresh()
        self.say(Text(done.format(code=shown(learner.code))))
        return True

    def action_unlock(self) -> None:
        self._act(_("Unlocked {code}: they can log in again."), AccountStore.unlock)

    def action_new_pin(self) -> None:
        learner = self.selected()
        if learner is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.say(_("The PIN was not changed."))
                return
            pin = new_pin()
            if not self._act(_("New PIN set for {code}."), lambda accounts, code: accounts.reset_pin(code, pin)):
                return
            self.app.push_screen(ShownOnceScreen(
                _("New PIN for {code}: {pin}").format(code=shown(learner.code), pin=pin),
                _("Give it to the learner now: it is not shown again. The account is unlocked."),
            ))

        self.app.push_screen(ConfirmScreen(_("Give {code} a new PIN? Their old PIN stops working.").format(code=shown(learner.code))), answered)

    def action_deactivate(self) -> None:
        learner = self.selected()
        if learner is None:
            return
        code = shown(learner.code)
        if learner.active:
            question = _("Deactivate {code}? They cannot log in until activated again; their progress is kept.").format(code=code)
            done, act = _("Deactivated {code}."), AccountStore.deactivate
        else:
            question = _("Activate {code} again, so they can log in?").format(code=code)
            done, act = _("Activated {code}."), AccountStore.activate

        def answered(yes: bool | None) -> None:
            if yes:
                self._act(done, act)
            else:
                self.say(_("Nothing was changed."))

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_export(self) -> None:
        def written(path: Path | None) -> None:
            if path is not None:
                self.say(_("Exported {n} learner(s) to {path}").format(n=len(self.learners), path=path))

        self.app.push_screen(ExportScreen(list(self.learners.values())), written)


class LearnerScreen(Screen[None]):
    """One learner: each lesson they tried, with attempts, best score, stars, time and hints."""

    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def __init__(self, learner: LearnerData) -> None:
        super().__init__()
        self.learner = learner

    def compose(self) -> ComposeResult:
        yield Static("", id="dash-header", markup=False)
        table = headed_table(self.app.console, [
            (_("Lesson"), 34, "lesson"),
            (_("Tries"), 5, "tries"),
            (_("Best"), 4, "best"),
            (_("Stars"), 5, "stars"),
            (_("Time"), 5, "time"),
            (_("Hints"), 5, "hints"),
        ])
        yield table
        yield Static("", id="dash-message", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        summary = summarise(self.learner, self.app.levels)
        header = Text()
        header.append(shown(summary.name), style="bold")
        header.append(f" ({shown(summary.code)})  {self.app.glyphs.bullet}  ")
        header.append(_("Level {number}: {name}, {xp} XP").format(number=summary.level.number, name=summary.level.name, xp=summary.xp))
        self.query_one("#dash-header", Static).update(header)
        table: DataTable[Text] = self.query_one(DataTable)
        lessons = self.app.catalog.lessons
        for lesson_id, record in summary.records.items():
            lesson = lessons.get(lesson_id)
            title = lesson.title if lesson else lesson_id
            done = record.completions > 0
            table.add_row(
                cell(title + ("" if done else "  " + _("(not finished)"))),
                number(record.attempts),
                number(f"{record.best_percent}%" if done else "-"),
                cell(stars(self.app.glyphs, record.best_stars) if done else ""),
                number(duration(record.seconds)),
                number(record.hints),
                key=lesson_id,
            )
        message = _("Last active: {when}. Time in finished lessons: {time}.").format(
            when=moment(summary.last_active), time=duration(summary.seconds))
        if not summary.records:
            message = _("No lessons started yet.") + " " + message
        self.query_one("#dash-message", Static).update(message)
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()


class AccessScreen(Screen[None]):
    """Who opened the dashboard or took records out, and bursts of failed learner logins."""

    BINDINGS = [Binding("escape", "back", N_("Back"))]
    SHOWN = 200  # the latest entries; the whole log is DATA/audit.events

    def compose(self) -> ComposeResult:
        yield Static("", id="dash-header", markup=False)
        table = headed_table(self.app.console, [
            (_("When"), 11, "when"),
            (_("What"), 24, "what"),
            (_("User"), 10, "user"),
            (_("From"), 26, "from"),
        ])
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        import time

        from bleep_tui.core.guessing import bursts
        from bleep_tui.store.audit import audit_entries

        what = {
            "facilitator_login": _("dashboard opened"),
            "facilitator_login_failed": _("WRONG passphrase"),
            "passphrase_set": _("passphrase changed"),
            "export": _("export"),
        }
        table: DataTable[Text] = self.query_one(DataTable)
        header = Text()
        try:
            entries = audit_entries(self.app.data_dir)[-self.SHOWN:]
            failed = bursts(AccountStore(self.app.data_dir).failures(), time.time())
        except StoreError as error:
            self.query_one("#dash-header", Static).update(Text(str(error)))
            return
        for entry in reversed(entries):
            label = what.get(entry.what, entry.what) + (f" ({entry.detail})" if entry.detail else "")
            table.add_row(cell(moment(entry.at)), cell(label), cell(entry.user), cell(entry.source))
        if failed:
            header.append(_("Many failed learner logins in the last 15 minutes:") + " ", style="bold")
            header.append(", ".join(f"{shown(source)}: {count}" for source, count in failed.items()))
        else:
            header.append(_("No bursts of failed learner logins in the last 15 minutes."))
        self.query_one("#dash-header", Static).update(header)
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()


class LessonsScreen(Screen[None]):
    """Each lesson across all learners: how many finish, how well, and which steps they get wrong."""

    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def __init__(self, learners: list[LearnerData]) -> None:
        super().__init__()
        self.learners = learners
        self.stats: dict[str, LessonStats] = {}

    def compose(self) -> ComposeResult:
        yield Static(_("Lessons: started, finished and average best score"), id="dash-header", markup=False)
        table = headed_table(self.app.console, [
            (_("Lesson"), 38, "lesson"),
            (_("Started"), 7, "started"),
            (_("Finished"), 8, "finished"),
            (_("Avg"), 4, "average"),
        ])
        yield table
        yield Static("", id="lesson-missed", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        for lesson in self.app.catalog.lessons.values():
            stats = lesson_stats(self.learners, lesson.id)
            self.stats[lesson.id] = stats
            finished = "-" if stats.completion_percent is None else f"{stats.completion_percent}%"
            average = "-" if stats.average_percent is None else f"{stats.average_percent}%"
            table.add_row(cell(lesson.title), number(stats.started), number(finished), number(average), key=lesson.id)
        table.focus()
        self.show_missed()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_missed()

    def show_missed(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return
        lesson_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        lesson: Lesson = self.app.catalog.lessons[lesson_id]
        missed = self.stats[lesson_id].missed
        text = Text()
        if not missed:
            text.append(_("No wrong answers yet in this lesson."))
        else:
            text.append(_("Steps most often got wrong:") + "\n", style="bold")
        steps = {step.id: step for step in lesson.steps}
        for entry in missed[:MISSED_SHOWN]:
            label = steps[entry.step].label if entry.step in steps else entry.step
            text.append(shown(label[:44]))
            text.append("  " + ngettext("{n} wrong answer", "{n} wrong answers", entry.wrong_answers).format(n=entry.wrong_answers))
            text.append(", " + ngettext("{n} learner", "{n} learners", entry.learners).format(n=entry.learners) + "\n")
            if entry.common_answer:
                text.append("    " + _("often answered: "))
                text.append(shown(entry.common_answer[:50]) + "\n", style="italic")
        text.rstrip()
        self.query_one("#lesson-missed", Static).update(text)

    def action_back(self) -> None:
        self.app.pop_screen()


class ModulesScreen(Screen[None]):
    """Each module: how much of it the learners shown have finished, as a bar."""

    BINDINGS = [Binding("escape", "back", N_("Back"))]
    BAR_WIDTH = 24

    def __init__(self, learners: list[LearnerData]) -> None:
        super().__init__()
        self.learners = learners

    def compose(self) -> ComposeResult:
        yield Static(_("Modules: the share of their lessons finished, all learners shown together"), id="dash-header", markup=False)
        table = headed_table(self.app.console, [
            (_("Module"), 22, "module"),
            (_("Progress"), self.BAR_WIDTH, "bar"),
            (_("Done"), 4, "percent"),
            (_("Lessons finished"), 16, "finished"),
        ])
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        finished = [
            {lesson for lesson, record in lesson_records(list(learner.events)).items() if record.completions}
            for learner in self.learners if not learner.damaged
        ]
        for module in self.app.catalog.modules:
            lessons = {lesson.id for lesson in self.app.catalog.in_module(module.id)}
            done, possible = sum(len(mine & lessons) for mine in finished), len(lessons) * len(finished)
            share = done / possible if possible else 0.0
            table.add_row(
                cell(module.title), Text(bar(self.app.glyphs, share, self.BAR_WIDTH)), number(f"{round(100 * share)}%"),
                number(_("{done} of {possible}").format(done=done, possible=possible)), key=module.id,
            )
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n", "answer(False)", N_("No")),
        Binding("escape", "answer(False)", N_("Cancel")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Static(_("Press y for yes, n for no."), markup=False)
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ShownOnceScreen(ModalScreen[None]):
    """A secret shown once (a new PIN); it is gone when this closes."""

    BINDINGS = [Binding("enter", "close", N_("Close")), Binding("escape", "close", N_("Close"), show=False)]

    def __init__(self, secret_line: str, advice: str) -> None:
        super().__init__()
        self.secret_line, self.advice = secret_line, advice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.secret_line, style="bold"))
            yield Static(self.advice, markup=False)
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[Path | None]):
    """Write the learners shown in the format the file name asks for; the path is offered and can be changed."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, learners: list[LearnerData]) -> None:
        super().__init__()
        self.learners = learners

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_(
                "Export the learners shown. The file's ending says what to write: .csv progress for a spreadsheet "
                "(with its totals), .xlsx a spreadsheet with charts, .html a class report to print, .json everything; "
                "a name ending in moodle.csv gives grades for Moodle. Enter writes it."
            ), markup=False)
            yield TextField(str(default_export_path(self.app.data_dir)), max_length=4096, id="export-path")
            yield Static("", id="export-error", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from bleep_tui.core.streaks import local_zone
        from bleep_tui.export.render import export_files, format_for
        from bleep_tui.export.spreadsheet import lesson_infos
        from bleep_tui.export.workbook import StreakClock
        from bleep_tui.store.settings import load_settings

        typed = event.value.strip()
        if not typed:
            self.query_one("#export-error", Static).update(_("Type a file name."))
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self.app.data_dir / "exports" / path
        fmt = format_for(path)
        selection = self.app.selection
        clock = StreakClock(selection.as_of(datetime.now(timezone.utc)), local_zone(), load_settings(self.app.data_dir).paused_weeks)
        try:
            path = output_path(path, self.app.data_dir)
            readable = [learner for learner in self.learners if not learner.damaged]
            for written, content in export_files(fmt, path, readable, lesson_infos(self.app.catalog), self.app.levels, selection=selection, clock=clock):
                atomic_write(output_path(written, self.app.data_dir), content)
            group = selection.group
            record_audit(self.app.data_dir, "export", detail=f"{fmt}: {len(readable)} learner(s)" + (f" of group {group}" if group else "") + f" to {path}")
        except StoreError as error:
            self.query_one("#export-error", Static).update(str(error))
            return
        except OSError as error:
            self.query_one("#export-error", Static).update(
                _("Could not write {path}: {reason}").format(path=path, reason=error.strerror or error))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
