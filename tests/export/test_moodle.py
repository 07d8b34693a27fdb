"""`bleep export --format moodle`: a file Moodle's CSV grade import takes as it is, read here the way that importer reads it."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from pathlib import Path

import pytest

from bleep_tui.core.events import Event
from bleep_tui.core.reports import LearnerData, LessonInfo
from bleep_tui.core.text import FORMULA_STARTS
from bleep_tui.export.render import render
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore

from .test_exports import LEVELS, bleep, finished_run

LESSONS = {
    "pay": LessonInfo("pay", "Pay by card", "Money"),
    "atm": LessonInfo("atm", "Take cash, \"safely\"", "Money"),
    "mail": LessonInfo("mail", "Reply to an email", "Communication"),
}


class MoodleRefused(Exception):
    """Where Moodle's import would stop, with the message it would give."""


def moodle_import(data: bytes, users: set[str]) -> dict[str, dict[str, float | None]]:
    """Read `data` as Moodle's CSV grade import does (lib/csvlib.class.php, grade/import/csv/classes/load_data.php),
    with the first column mapped to a user field whose values are `users`: each user's grade per column (None: no grade)."""
    text = data.decode("utf-8")  # the import's encoding is UTF-8; anything else would be garbled
    text = text.removeprefix("\ufeff")  # core_text::trim_utf8_bom
    text = re.sub(r"\r\n?", "\n", text).strip()
    assert "\\" not in text  # PHP's fgetcsv treats a backslash before a quote as an escape; Python's csv does not
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=",", quotechar='"') if row]
    if not rows:
        raise MoodleRefused("csvemptyfile")
    header = [name.strip() for name in rows[0]]
    if any(len(row) != len(header) for row in rows):
        raise MoodleRefused("csvweirdcolumns")
    grades: dict[str, dict[str, float | None]] = {}
    for row in rows[1:]:
        user = row[0]
        if not user:
            continue  # "Skip invalid row with blank user field"
        if user not in users:
            raise MoodleRefused(f"usermappingerror: {user}")
        grades[user] = {}
        for name, value in zip(header[1:], row[1:]):
            if value == "-":  # no grade, in an existing grade item and in a new one alike
                grades[user][name] = None
                continue
            if value == "":  # "no grade" only in an existing grade item: a new one would take it as a grade
                raise MoodleRefused(f"an empty cell in {name!r}")
            try:
                grade = float(value)  # unformat_float
            except ValueError:
                raise MoodleRefused(f"badgrade: {value!r} in {name!r}") from None
            if not 0 <= grade <= 100:
                raise MoodleRefused(f"gradevaluetoobig: {value}")
            grades[user][name] = grade
    return grades


def started_only(lesson: str, run: str, day: str) -> list[Event]:
    return [Event("lesson_started", f"{day}T09:00:00+00:00", lesson=lesson, run=run)]


def test_moodle_reads_one_row_per_learner_with_a_grade_per_lesson_and_module() -> None:
    ana = LearnerData("Ana", "Ana", tuple(finished_run("pay", "r1", "2026-03-02", 80, 2, 30) + started_only("atm", "r2", "2026-03-03")))
    bob = LearnerData("bob", "Bob")
    data = render("moodle", [ana, bob], LESSONS, LEVELS).encode("utf-8")
    assert moodle_import(data, {"ana", "bob"}) == {
        "ana": {"Pay by card": 80, "Take cash, \"safely\"": None, "Reply to an email": None, "Money (module)": 40, "Communication (module)": None},
        "bob": {"Pay by card": None, "Take cash, \"safely\"": None, "Reply to an email": None, "Money (module)": None, "Communication (module)": None},
    }
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[0] == "username"  # Moodle keeps usernames in lower case: "Ana" is written "ana"


def test_a_learner_moodle_does_not_know_would_stop_the_import_so_id_numbers_leave_out_those_without() -> None:
    ana = LearnerData("ana", "Ana", tuple(finished_run("pay", "r1", "2026-03-02", 100, 3, 40)), id_number="S-1024")
    bob = LearnerData("bob", "Bob")
    with pytest.raises(MoodleRefused, match="usermappingerror: bob"):
        moodle_import(render("moodle", [ana, bob], LESSONS, LEVELS).encode("utf-8"), {"ana"})
    data = render("moodle", [ana, bob], LESSONS, LEVELS, identifier="id_number").encode("utf-8")
    assert moodle_import(data, {"S-1024"}) == {"S-1024": {
        "Pay by card": 100, "Take cash, \"safely\"": None, "Reply to an email": None, "Money (module)": 50, "Communication (module)": None,
    }}
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[0] == "idnumber"
    assert len(data.decode("utf-8").splitlines()) == 2  # the header and ana: no row without an identifier


def test_the_best_finished_run_counts_and_two_lessons_of_one_title_are_told_apart() -> None:
    lessons = {"a": LessonInfo("a", "Practice", "Money"), "b": LessonInfo("b", "Practice", "Money")}
    events = finished_run("a", "r1", "2026-03-02", 60, 1, 20) + finished_run("a", "r2", "2026-03-03", 90, 3, 35) + finished_run("b", "r3", "2026-03-04", 0, 0, 0)
    data = render("moodle", [LearnerData("ana", "Ana", tuple(events))], lessons, LEVELS).encode("utf-8")
    assert moodle_import(data, {"ana"}) == {"ana": {"Practice (a)": 90, "Practice (b)": 0, "Money (module)": 45}}


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_no_cell_of_the_moodle_file_starts_like_a_formula(start: str) -> None:
    lessons = {"x": LessonInfo("x", start + "HYPERLINK(\"http://evil\")", start + "cmd|' /C calc'!A0")}
    learner = LearnerData("-code", start + "SUM(1+1)", tuple(finished_run("x", "r", "2026-03-02", 50, 1, 10)))
    text = render("moodle", [learner], lessons, LEVELS).removeprefix("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert all(cell == "-" or not cell.startswith(FORMULA_STARTS) for cell in cells)
    assert cells[1] == "'" + start + "HYPERLINK(\"http://evil\")"
    assert cells[3] == "'-code"
    assert "SUM" not in text  # names never go into the Moodle file


@pytest.fixture
def wing(data_dir: Path) -> Path:
    accounts = AccountStore(data_dir)
    accounts.add("A1024", "Ana", "1234", groups=["Wing B"], id_number="S-1024")
    accounts.add("A1025", "Bob", "1234", groups=["Wing B"])
    accounts.add("A1026", "Cy", "1234")
    for event in finished_run("safety-one-time-codes", "r1", "2026-03-02", 75, 2, 30):
        LearnerStore(data_dir, "A1024").record(event)
    return data_dir


def test_export_cli_writes_the_groups_moodle_file_privately(wing: Path, tmp_path: Path) -> None:
    out = tmp_path / "wing-b-moodle.csv"
    result = bleep("--data-dir", str(wing), "export", "--format", "moodle", "--group", "Wing B", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    grades = moodle_import(out.read_bytes(), {"a1024", "a1025"})
    assert sorted(grades) == ["a1024", "a1025"]
    assert grades["a1024"]["Never share a one-time code"] == 75
    assert grades["a1025"]["Never share a one-time code"] is None
    assert len(grades["a1024"]) == len(json.loads(bleep("lessons", "list", "--json").stdout)) + 7  # every lesson and module


def test_export_cli_with_id_numbers_names_the_learners_left_out(wing: Path) -> None:
    result = bleep("--data-dir", str(wing), "export", "--format", "moodle", "--identifier", "id_number")
    assert result.returncode == 0
    assert "left out A1025: no ID number" in result.stderr and "left out A1026" in result.stderr
    assert sorted(moodle_import(result.stdout.encode("utf-8"), {"S-1024"})) == ["S-1024"]
