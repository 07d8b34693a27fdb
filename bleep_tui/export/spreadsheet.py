"""CSV: one row per learner and lesson, safe to open in a spreadsheet.

Exports start with a UTF-8 byte-order mark (export/render.py): without it Excel reads the file
as the local 8-bit code page and garbles accented names; LibreOffice and Python's "utf-8-sig" accept it.
"""

from __future__ import annotations

import csv
from typing import Iterable, Mapping, TextIO

from bleep_tui.content.catalog import Catalog
from bleep_tui.core.progress import lesson_records
from bleep_tui.core.levels import Level
from bleep_tui.core.reports import LearnerData, LessonInfo, summarise
from bleep_tui.core.text import FORMULA_STARTS

HEADER = (
    "code", "name", "module", "lesson_id", "lesson_title", "attempts",
    "best_score_percent", "stars", "xp", "completed_at", "time_spent_seconds", "groups", "status",
)
TOTALS_HEADER = (
    "code", "name", "groups", "level", "level_name", "xp", "lessons_finished", "lessons_in_progress", "stars",
    "last_active", "time_spent_seconds",
)
FINISHED, IN_PROGRESS = "finished", "in progress"  # a lesson begun and not finished yet scores 0 until it is
GROUP_SEPARATOR = "; "  # the roster import splits a groups cell at `;`, `,` or `|`

Cell = str | int


def neutralise(cell: Cell) -> Cell:
    """Text that a spreadsheet could read as a formula gets a leading `'`; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def lesson_infos(catalog: Catalog) -> dict[str, LessonInfo]:
    modules = {module.id: module.title for module in catalog.modules}
    return {
        lesson.id: LessonInfo(
            lesson.id, lesson.title, modules.get(lesson.module, lesson.module), tuple((step.id, step.label) for step in lesson.steps),
        )
        for lesson in catalog.lessons.values()
    }


def progress_rows(learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo]) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for learner in learners:
        records = lesson_records(list(learner.events))
        groups = GROUP_SEPARATOR.join(learner.groups)
        if not records:
            rows.append((learner.code, learner.name) + ("",) * (len(HEADER) - 4) + (groups, ""))
        for lesson_id, record in records.items():
            info = lessons.get(lesson_id, LessonInfo(lesson_id, "", ""))
            rows.append((
                learner.code, learner.name, info.module, lesson_id, info.title, record.attempts,
                record.best_percent, record.best_stars, record.best_xp, record.completed_at, record.seconds, groups,
                FINISHED if record.completions else IN_PROGRESS,
            ))
    return rows


def write_csv(learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo], out: TextIO) -> None:
    """Write the header and rows to `out`, opened with newline="" (the csv module writes CRLF)."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in progress_rows(learners, lessons):
        writer.writerow([neutralise(cell) for cell in row])


def write_totals_csv(learners: Iterable[LearnerData], levels: tuple[Level, ...], out: TextIO) -> None:
    """One row per learner with the totals a facilitator would otherwise add up from the progress CSV."""
    writer = csv.writer(out)
    writer.writerow(TOTALS_HEADER)
    for learner in learners:
        summary = summarise(learner, levels)
        in_progress = sum(1 for record in summary.records.values() if not record.completions)
        row: tuple[Cell, ...] = (
            learner.code, learner.name, GROUP_SEPARATOR.join(learner.groups), summary.level.number, summary.level.name, summary.xp,
            summary.lessons_done, in_progress, sum(record.best_stars for record in summary.records.values()), summary.last_active, summary.seconds,
        )
        writer.writerow([neutralise(cell) for cell in row])
