"""An export as one piece of text, in the format asked for."""

from __future__ import annotations

import io
from typing import Iterable, Literal, Mapping

from bleep_tui.core.levels import Level
from bleep_tui.core.reports import LearnerData, LessonInfo
from bleep_tui.export.full import write_json
from bleep_tui.export.moodle import Identifier, write_moodle
from bleep_tui.export.spreadsheet import write_csv, write_totals_csv

Format = Literal["csv", "totals", "json", "moodle"]
FORMATS: tuple[Format, ...] = ("csv", "totals", "json", "moodle")
BOM = "\ufeff"  # see export/spreadsheet.py: spreadsheets need it to read UTF-8 (Moodle's import drops it)


def render(
    fmt: Format, learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo], levels: tuple[Level, ...],
    identifier: Identifier = "code",
) -> str:
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
