"""A spreadsheet (xlsx) for a facilitator: learners, lessons, the hardest steps, and a bar chart per module.

Dates are real dates, scores real percentages, times real durations, so a spreadsheet sorts and sums them.
Every text cell is written as text (XlsxWriter's write_string: a string cell, never a formula) and starts with a `'`
where a spreadsheet could read it as a formula (export/spreadsheet.py), so a learner's name stays harmless even
after the file is saved again as CSV. XlsxWriter is imported here only, when this export is asked for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from bleep_tui.core.levels import Level
from bleep_tui.core.progress import lesson_records
from bleep_tui.core.reports import LearnerData, LessonInfo, lesson_stats, step_difficulty, summarise
from bleep_tui.core.streaks import weekly_streak
from bleep_tui.export.spreadsheet import neutralise
from bleep_tui.i18n import _

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

SECONDS_PER_DAY = 86400  # a spreadsheet counts time in days
CHART_ROWS = 16  # rows each module's chart takes on the Modules sheet


@dataclass(frozen=True)
class StreakClock:
    """What a weekly streak is counted against: the moment, the server's time zone, the paused weeks of settings.toml."""

    now: datetime
    zone: tzinfo
    paused_weeks: tuple[str, ...] = ()


def moment(at: str) -> datetime | None:
    """An event time as a spreadsheet date: UTC, without a zone (spreadsheets have none)."""
    try:
        parsed = datetime.fromisoformat(at)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


class Sheet:
    """One worksheet written row by row, each value with its type."""

    def __init__(self, book: Workbook, formats: dict[str, Format], name: str, header: Sequence[tuple[str, float]]):
        self.sheet: Worksheet = book.add_worksheet(name)
        self.formats = formats
        self.row = 0
        self.columns = len(header)
        for column, (title, width) in enumerate(header):
            self.sheet.set_column(column, column, width)
            self.sheet.write_string(0, column, title, formats["header"])

    def add(self, *cells: str | int | float | datetime | None, formats: Sequence[str | None] = ()) -> None:
        self.row += 1
        for column, value in enumerate(cells):
            style = self.formats.get(formats[column] or "") if column < len(formats) else None
            if value is None or value == "":
                self.sheet.write_blank(self.row, column, None, style)
            elif isinstance(value, str):
                self.sheet.write_string(self.row, column, str(neutralise(value)), style)
            elif isinstance(value, datetime):
                self.sheet.write_datetime(self.row, column, value, style)
            else:
                self.sheet.write_number(self.row, column, value, style)

    def finish(self, frozen_columns: int = 0) -> None:
        """Headers stay in view, and every column can be filtered."""
        self.sheet.freeze_panes(1, frozen_columns)
        self.sheet.autofilter(0, 0, max(self.row, 1), self.columns - 1)


def write_workbook(
    learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo], levels: tuple[Level, ...], clock: StreakClock,
) -> bytes:
    import xlsxwriter

    learners = list(learners)
    out = io.BytesIO()
    # No string is ever turned into a formula, a link or a number behind our back.
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    formats = {
        "header": book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "percent": book.add_format({"num_format": "0%"}),
        "duration": book.add_format({"num_format": "[h]:mm"}),
    }
    _learners_sheet(book, formats, learners, levels, clock)
    _lessons_sheet(book, formats, learners, lessons)
    _difficulty_sheet(book, formats, learners, lessons)
    _modules_sheet(book, formats, learners, lessons)
    book.close()
    return out.getvalue()


def _learners_sheet(book: Workbook, formats: dict[str, Format], learners: list[LearnerData], levels: tuple[Level, ...], clock: StreakClock) -> None:
    sheet = Sheet(book, formats, _("Learners"), [
        (_("Code"), 12), (_("Name"), 22), (_("Groups"), 18), (_("Level"), 7), (_("Level name"), 14), (_("XP"), 7),
        (_("Lessons finished"), 10), (_("Stars"), 7), (_("Last active (UTC)"), 17), (_("Weekly streak"), 9),
        (_("Time in finished lessons"), 11),
    ])
    for learner in learners:
        summary = summarise(learner, levels)
        finished_at = [event.at for event in learner.events if event.kind == "lesson_finished"]
        streak = weekly_streak(finished_at, clock.now, clock.zone, clock.paused_weeks)
        sheet.add(
            learner.code, learner.name, "; ".join(learner.groups), summary.level.number, summary.level.name, summary.xp,
            summary.lessons_done, sum(record.best_stars for record in summary.records.values()), moment(summary.last_active),
            streak.current, summary.seconds / SECONDS_PER_DAY,
            formats=[None] * 8 + ["date", None, "duration"],
        )
    sheet.finish(frozen_columns=2)


def _lessons_sheet(book: Workbook, formats: dict[str, Format], learners: list[LearnerData], lessons: Mapping[str, LessonInfo]) -> None:
    sheet = Sheet(book, formats, _("Lessons"), [
        (_("Code"), 12), (_("Name"), 22), (_("Module"), 16), (_("Lesson"), 34), (_("Status"), 11), (_("Attempts"), 9),
        (_("Best score"), 8), (_("Stars"), 7), (_("XP"), 7), (_("First finished (UTC)"), 17), (_("Time"), 8), (_("Hints"), 7),
    ])
    for learner in learners:
        for lesson_id, record in lesson_records(list(learner.events)).items():
            info = lessons.get(lesson_id, LessonInfo(lesson_id, lesson_id, ""))
            finished = record.completions > 0
            sheet.add(
                learner.code, learner.name, info.module, info.title, _("finished") if finished else _("in progress"), record.attempts,
                record.best_percent / 100 if finished else None, record.best_stars if finished else None,
                record.best_xp if finished else None, moment(record.completed_at) if finished else None,
                record.seconds / SECONDS_PER_DAY, record.hints,
                formats=[None] * 6 + ["percent", None, None, "date", "duration"],
            )
    sheet.finish(frozen_columns=2)


def _difficulty_sheet(book: Workbook, formats: dict[str, Format], learners: list[LearnerData], lessons: Mapping[str, LessonInfo]) -> None:
    """Every step anyone answered, in the lessons' order, so the hardest can be found by sorting."""
    sheet = Sheet(book, formats, _("Difficulty"), [
        (_("Module"), 16), (_("Lesson"), 30), (_("Step"), 40), (_("Learners"), 9), (_("Answers"), 9),
        (_("Right at the first try"), 10), (_("Hints used"), 8),
    ])
    difficulty = step_difficulty(learners)
    for lesson_id, info in lessons.items():
        steps = dict(info.steps)
        in_lesson = [entry for (lesson, _step), entry in difficulty.items() if lesson == lesson_id]
        for entry in sorted(in_lesson, key=lambda entry: list(steps).index(entry.step) if entry.step in steps else len(steps)):
            sheet.add(
                info.module, info.title, steps.get(entry.step, entry.step), entry.learners, entry.answers,
                entry.first_try_share, entry.hints,
                formats=[None] * 5 + ["percent"],
            )
    sheet.finish(frozen_columns=3)


def _modules_sheet(book: Workbook, formats: dict[str, Format], learners: list[LearnerData], lessons: Mapping[str, LessonInfo]) -> None:
    """Per lesson: learners who started and finished it, their average best score; beside it a bar chart per module."""
    sheet = Sheet(book, formats, _("Modules"), [
        (_("Module"), 16), (_("Lesson"), 34), (_("Started"), 9), (_("Finished"), 9), (_("Average best score"), 10),
    ])
    modules: dict[str, list[int]] = {}
    for lesson_id, info in lessons.items():
        stats = lesson_stats(learners, lesson_id)
        sheet.add(
            info.module, info.title, stats.started, stats.completed,
            None if stats.average_percent is None else stats.average_percent / 100,
            formats=[None] * 4 + ["percent"],
        )
        modules.setdefault(info.module, []).append(sheet.row)
    sheet.finish()
    name = sheet.sheet.get_name()
    for number, (module, rows) in enumerate(modules.items()):
        chart = book.add_chart({"type": "bar"})
        for column, title in ((2, _("Started")), (3, _("Finished"))):
            chart.add_series({
                "name": title,
                "categories": [name, rows[0], 1, rows[-1], 1],
                "values": [name, rows[0], column, rows[-1], column],
            })
        chart.set_title({"name": str(neutralise(module))})
        chart.set_x_axis({"name": _("Learners"), "min": 0})
        chart.set_y_axis({"reverse": True})  # the first lesson at the top, as in the table
        sheet.sheet.insert_chart(1 + number * CHART_ROWS, 6, chart, {"x_scale": 1.4, "y_scale": 1.05})
