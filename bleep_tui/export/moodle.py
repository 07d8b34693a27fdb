"""Grades for a Moodle course: one row per learner, the identifier Moodle maps to a user, then 0-100 per lesson and module.

Written for Moodle's CSV grade import (grade/import/csv), which reads the first line as the column names, refuses a file
whose rows differ in length, and stops the whole import at an identifier it does not know: so only learners with an
identifier are written. "-" is "no grade" both for an existing grade item and for a new one (there an empty cell would
be taken as a grade). Learners' names are not in it: the file leaves the prison, the code-to-person list does not.
"""

from __future__ import annotations

import csv
from typing import Iterable, Literal, Mapping, TextIO

from bleep_tui.core.progress import lesson_records
from bleep_tui.core.reports import LearnerData, LessonInfo
from bleep_tui.export.spreadsheet import Cell, neutralise

Identifier = Literal["code", "id_number"]
IDENTIFIERS: tuple[Identifier, ...] = ("code", "id_number")
# Named after the Moodle user field each is mapped to, so the mapping form reads "username -> username".
IDENTIFIER_HEADERS: dict[Identifier, str] = {"code": "username", "id_number": "idnumber"}
NO_GRADE = "-"


def identifier_of(learner: LearnerData, identifier: Identifier) -> str:
    """Moodle keeps usernames in lower case; learner codes match whatever their case."""
    return learner.code.lower() if identifier == "code" else learner.id_number


def grade_header(lessons: Mapping[str, LessonInfo], identifier: Identifier) -> list[str]:
    """The identifier, every lesson (by title, its id added when two share a title), then every module."""
    titles = [info.title for info in lessons.values()]
    header = [IDENTIFIER_HEADERS[identifier]]
    header += [info.title if titles.count(info.title) == 1 else f"{info.title} ({lesson_id})" for lesson_id, info in lessons.items()]
    header += [f"{module} (module)" for module in dict.fromkeys(info.module for info in lessons.values())]
    return header


def grade_row(learner: LearnerData, lessons: Mapping[str, LessonInfo], identifier: Identifier) -> list[Cell]:
    """Best percent of each finished lesson; a module's grade is the mean over all its lessons, unfinished ones as 0."""
    records = lesson_records(list(learner.events))
    row: list[Cell] = [identifier_of(learner, identifier)]
    modules: dict[str, list[int]] = {}
    started: set[str] = set()
    for lesson_id, info in lessons.items():
        record = records.get(lesson_id)
        best = record.best_percent if record is not None and record.completions else None
        row.append(NO_GRADE if best is None else best)
        modules.setdefault(info.module, []).append(best or 0)
        if record is not None:
            started.add(info.module)
    row += [round(sum(grades) / len(grades)) if module in started else NO_GRADE for module, grades in modules.items()]
    return row


def write_moodle(learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo], identifier: Identifier, out: TextIO) -> None:
    """The header, then a row for each learner who has the identifier; `out` opened with newline=""."""
    writer = csv.writer(out)
    writer.writerow([neutralise(cell) for cell in grade_header(lessons, identifier)])
    for learner in learners:
        if identifier_of(learner, identifier):
            learner_id, *grades = grade_row(learner, lessons, identifier)
            writer.writerow([neutralise(learner_id), *grades])  # grades are numbers or a lone "-", never a formula
