"""`bleep export --format xlsx`: written by XlsxWriter, read back here by openpyxl, another library, as a spreadsheet would."""

from __future__ import annotations

import stat
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from bleep_tui.core.events import Event
from bleep_tui.core.reports import LearnerData, LessonInfo
from bleep_tui.core.text import FORMULA_STARTS
from bleep_tui.export.workbook import StreakClock, write_workbook
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore

from .test_exports import LEVELS, bleep, finished_run

LESSONS = {
    "pay": LessonInfo("pay", "Pay by card", "Money", (("s1", "Which card?"), ("s2", "Type the PIN"))),
    "atm": LessonInfo("atm", "Take cash", "Money"),
    "mail": LessonInfo("mail", "Reply to an email", "Communication"),
}
CLOCK = StreakClock(datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc), timezone.utc)


def workbook(learners: list[LearnerData], lessons: dict[str, LessonInfo] = LESSONS, *, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "class.xlsx"
    path.write_bytes(write_workbook(learners, lessons, LEVELS, CLOCK))
    return openpyxl.load_workbook(path)


def rows(sheet) -> list[tuple]:
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=2)]


@pytest.fixture
def ana() -> LearnerData:
    started, wrong, finished = finished_run("pay", "r1", "2026-03-02", 80, 2, 30)
    events = [
        started, wrong,
        Event("hint_shown", "2026-03-02T10:02:00+00:00", lesson="pay", run="r1", step="s1", hints=1),
        Event("answered", "2026-03-02T10:03:00+00:00", lesson="pay", run="r1", step="s2", correct=True, try_number=1),
        finished,
        Event("lesson_started", "2026-03-03T09:00:00+00:00", lesson="atm", run="r2"),
    ]
    return LearnerData("ana", "Ana Lopez", tuple(events), groups=("Wing B", "Maths"))


def test_the_learners_sheet_has_one_typed_row_per_learner(ana: LearnerData, tmp_path: Path) -> None:
    book = workbook([ana, LearnerData("bob", "Bob")], tmp_path=tmp_path)
    assert book.sheetnames == ["Learners", "Lessons", "Difficulty", "Modules"]
    sheet = book["Learners"]
    assert [cell.value for cell in sheet[1]][:3] == ["Code", "Name", "Groups"]
    [ana_row, bob_row] = rows(sheet)
    assert ana_row[:8] == ("ana", "Ana Lopez", "Wing B; Maths", 1, "Newcomer", 30, 1, 2)
    assert ana_row[8] == datetime(2026, 3, 3, 9, 0) and sheet["I2"].is_date  # last active: a real date
    assert ana_row[9] == 1  # a lesson finished in this week of CLOCK: a streak of 1
    assert ana_row[10] == timedelta(minutes=4) and sheet["K2"].number_format == "[h]:mm"  # a real duration
    assert bob_row[:8] == ("bob", "Bob", None, 1, "Newcomer", 0, 0, 0) and bob_row[8] is None


def test_the_lessons_sheet_tells_finished_from_in_progress_with_percentages_and_dates(ana: LearnerData, tmp_path: Path) -> None:
    sheet = workbook([ana], tmp_path=tmp_path)["Lessons"]
    finished, in_progress = rows(sheet)
    assert finished[:9] == ("ana", "Ana Lopez", "Money", "Pay by card", "finished", 1, 0.8, 2, 30)
    assert sheet["G2"].number_format == "0%"
    assert finished[9] == datetime(2026, 3, 2, 10, 4) and sheet["J2"].is_date
    assert finished[11] == 1  # the hint
    assert in_progress[:9] == ("ana", "Ana Lopez", "Money", "Take cash", "in progress", 1, None, None, None)


def test_the_difficulty_sheet_shows_each_steps_tries_first_try_right_and_hints(ana: LearnerData, tmp_path: Path) -> None:
    bob = LearnerData("bob", "Bob", (Event("answered", "2026-03-02T11:00:00+00:00", lesson="pay", run="b1", step="s1", correct=True, try_number=1),))
    sheet = workbook([ana, bob], tmp_path=tmp_path)["Difficulty"]
    assert rows(sheet) == [
        ("Money", "Pay by card", "Which card?", 2, 2, 0.5, 1),  # ana wrong, bob right at the first try; ana's hint
        ("Money", "Pay by card", "Type the PIN", 1, 1, 1.0, 0),
    ]
    assert sheet["F2"].number_format == "0%"


def test_every_sheet_keeps_its_header_in_view_and_can_be_filtered_and_each_module_has_a_bar_chart(ana: LearnerData, tmp_path: Path) -> None:
    book = workbook([ana], tmp_path=tmp_path)
    for sheet in book:
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith("2")
        assert sheet.auto_filter.ref.startswith("A1:")
    modules = book["Modules"]
    assert rows(modules) == [("Money", "Pay by card", 1, 1, 0.8), ("Money", "Take cash", 1, 0, None), ("Communication", "Reply to an email", 0, 0, None)]
    charts = modules._charts
    assert [chart.tagname for chart in charts] == ["barChart", "barChart"]
    assert [chart.title.tx.rich.p[0].r[0].t for chart in charts] == ["Money", "Communication"]
    money = charts[0].series[0]
    assert money.cat.strRef.f == "Modules!$B$2:$B$3" and money.val.numRef.f == "Modules!$C$2:$C$3"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_no_cell_holds_a_formula_whatever_a_learner_typed(start: str, tmp_path: Path) -> None:
    payload = start + "HYPERLINK(\"http://evil.example\",\"click\")"
    learner = LearnerData(payload, payload, tuple(finished_run("x", "r", "2026-03-02", 50, 1, 10)), groups=(payload,))
    lessons = {"x": LessonInfo("x", payload, payload, (("s1", payload),))}
    path = tmp_path / "class.xlsx"
    path.write_bytes(write_workbook([learner], lessons, LEVELS, CLOCK))
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    texts = 0
    for sheet in openpyxl.load_workbook(path):
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    texts += 1
                    assert not cell.value.startswith(FORMULA_STARTS)
    assert texts > 10


@pytest.fixture
def wing(data_dir: Path) -> Path:
    accounts = AccountStore(data_dir)
    accounts.add("A1024", "Ana", "1234", groups=["Wing B"])
    accounts.add("A1025", "Bob", "1234")
    for event in finished_run("safety-one-time-codes", "r1", "2026-03-02", 75, 2, 30):
        LearnerStore(data_dir, "A1024").record(event)
    return data_dir


def test_export_cli_writes_a_private_spreadsheet_of_one_group(wing: Path, tmp_path: Path) -> None:
    out = tmp_path / "wing-b.xlsx"
    result = bleep("--data-dir", str(wing), "export", "--format", "xlsx", "--group", "Wing B", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    book = openpyxl.load_workbook(out)
    assert [row[0] for row in rows(book["Learners"])] == ["A1024"]
    assert [(row[3], row[6]) for row in rows(book["Lessons"])] == [("Never share a one-time code", 0.75)]
    assert len(book["Modules"]._charts) == 7


def test_export_cli_says_a_spreadsheet_needs_a_file(wing: Path) -> None:
    result = bleep("--data-dir", str(wing), "export", "--format", "xlsx")
    assert result.returncode == 2 and "--out FILE.xlsx" in result.stderr and not result.stdout


def test_neither_the_learners_app_nor_the_other_exports_load_the_spreadsheet_libraries() -> None:
    code = (
        "import sys, bleep_tui.ui.app, bleep_tui.cli, bleep_tui.commands.export, bleep_tui.export.render\n"
        "print(sorted(m for m in sys.modules if m.startswith(('xlsxwriter', 'openpyxl'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
