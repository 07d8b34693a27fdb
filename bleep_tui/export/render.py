"""An export in the format asked for, and the files it makes; the same for `bleep export` and the dashboard."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Iterable, Literal, Mapping, get_args

from bleep_tui.core.levels import Level
from bleep_tui.core.reports import LearnerData, LessonInfo, Selection
from bleep_tui.export.class_report import class_report_html
from bleep_tui.export.full import write_json
from bleep_tui.export.moodle import Identifier, write_moodle
from bleep_tui.export.spreadsheet import write_csv, write_totals_csv
from bleep_tui.export.workbook import StreakClock, write_workbook

Format = Literal["csv", "totals", "json", "moodle", "xlsx", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)
BOM = "\ufeff"  # see export/spreadsheet.py: spreadsheets need it to read UTF-8 (Moodle's import drops it)
ENDINGS: dict[str, Format] = {".json": "json", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}


def render(
    fmt: Format, learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo], levels: tuple[Level, ...], *,
    identifier: Identifier = "code", selection: Selection = Selection(), clock: StreakClock | None = None,
) -> str | bytes:
    """The export as text, or as bytes for xlsx (which needs `clock`, for the weekly streaks)."""
    if fmt == "xlsx":
        assert clock is not None, "the spreadsheet's streaks need a clock"
        return write_workbook(learners, lessons, levels, clock)
    if fmt == "html":
        return class_report_html(learners, lessons, levels, selection, date.today())
    out = io.StringIO(newline="")
    if fmt == "csv":
        out.write(BOM)
        write_csv(learners, lessons, out)
    elif fmt == "totals":
        out.write(BOM)
        write_totals_csv(learners, levels, out)
    elif fmt == "moodle":
        out.write(BOM)
        write_moodle(learners, lessons, identifier, out)
    else:
        write_json(learners, levels, out)
    return out.getvalue()


def export_files(
    fmt: Format, out: Path, learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo], levels: tuple[Level, ...], *,
    identifier: Identifier = "code", selection: Selection = Selection(), clock: StreakClock | None = None,
) -> list[tuple[Path, str | bytes]]:
    """Each file an export to `out` makes: with the progress CSV comes OUT-totals.csv, so nobody adds it up by hand."""
    learners = list(learners)
    files = [(out, render(fmt, learners, lessons, levels, identifier=identifier, selection=selection, clock=clock))]
    if fmt == "csv":
        files.append((out.with_name(f"{out.stem}-totals{out.suffix or '.csv'}"), render("totals", learners, lessons, levels)))
    return files


def format_for(path: Path) -> Format:
    """The export a file name asks for: by its ending, and a CSV whose name ends in "moodle" is grades for Moodle."""
    if path.suffix.lower() in ENDINGS:
        return ENDINGS[path.suffix.lower()]
    return "moodle" if path.stem.lower().endswith("moodle") else "csv"
