"""Exports a facilitator opens in a spreadsheet or feeds to another system: complete, and never a formula."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level
from bleep_tui.core.reports import LearnerData, LessonInfo
from bleep_tui.export.full import write_json
from bleep_tui.export.render import BOM, render
from bleep_tui.export.spreadsheet import FORMULA_STARTS, HEADER, TOTALS_HEADER
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore

LEVELS = (Level(0, "Newcomer"), Level(50, "Explorer"))
LESSONS = {"pay": LessonInfo("pay", "Pay by card", "Money")}


def finished_run(lesson: str, run: str, day: str, percent: int, stars: int, xp: int) -> list[Event]:
    return [
        Event("lesson_started", f"{day}T10:00:00+00:00", lesson=lesson, run=run),
        Event("answered", f"{day}T10:01:00+00:00", lesson=lesson, run=run, step="s1", answer="=1+1", correct=False, try_number=1),
        Event("lesson_finished", f"{day}T10:04:00+00:00", lesson=lesson, run=run, points=xp, percent=percent, stars=stars),
    ]


def csv_rows(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


def test_csv_has_a_header_a_row_per_lesson_and_a_row_for_a_learner_without_progress() -> None:
    ana = LearnerData("ana", "Ana", tuple(finished_run("pay", "r1", "2026-03-02", 80, 2, 30)), groups=("Wing B", "Maths"))
    bob = LearnerData("bob", "Bob", groups=("Maths",))
    rows = csv_rows(render("csv", [ana, bob], LESSONS, LEVELS))
    assert rows[0] == list(HEADER)
    assert rows[1] == ["ana", "Ana", "Money", "pay", "Pay by card", "1", "80", "2", "30", "2026-03-02T10:04:00+00:00", "240", "Wing B; Maths", "finished"]
    assert rows[2] == ["bob", "Bob"] + [""] * (len(HEADER) - 4) + ["Maths", ""]
    assert len(rows) == 3


def test_a_lesson_begun_and_not_finished_says_in_progress_not_a_score_of_0() -> None:
    started, wrong, _finished = finished_run("pay", "r1", "2026-03-02", 0, 0, 0)
    zero = LearnerData("zoe", "Zoe", tuple(finished_run("pay", "r1", "2026-03-02", 0, 0, 0)))
    halfway = LearnerData("hal", "Hal", (started, wrong))
    rows = csv_rows(render("csv", [zero, halfway], LESSONS, LEVELS))
    assert [(row[0], row[6], row[-1]) for row in rows[1:]] == [("zoe", "0", "finished"), ("hal", "0", "in progress")]


def test_the_totals_have_one_row_per_learner_with_level_xp_and_lessons_finished() -> None:
    ana = LearnerData("ana", "=Ana", tuple(
        finished_run("pay", "r1", "2026-03-02", 80, 2, 30) + finished_run("atm", "r2", "2026-03-03", 100, 3, 40)
        + finished_run("mail", "r3", "2026-03-04", 0, 0, 0)[:2]
    ), groups=("Wing B",))
    rows = csv_rows(render("totals", [ana, LearnerData("bob", "Bob")], LESSONS, LEVELS))
    assert rows == [
        list(TOTALS_HEADER),
        ["ana", "'=Ana", "Wing B", "2", "Explorer", "70", "2", "1", "5", "2026-03-04T10:01:00+00:00", "480"],
        ["bob", "Bob", "", "1", "Newcomer", "0", "0", "0", "0", "", "0"],
    ]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_name_starting_like_a_formula_is_neutralised(start: str) -> None:
    name = start + "HYPERLINK(\"http://evil\",\"x\")"
    rows = csv_rows(render("csv", [LearnerData("-code", name)], LESSONS, LEVELS))
    assert rows[1][1] == "'" + name
    assert rows[1][0] == "'-code"


def test_every_dangerous_leading_character_of_owasp_is_covered() -> None:
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r", "\n", "\0", "|", "%"}


def test_numbers_stay_numbers_and_safe_text_is_unchanged() -> None:
    ana = LearnerData("ana", "Zoë O'Brien", tuple(finished_run("pay", "r1", "2026-03-02", 100, 3, 40)))
    row = csv_rows(render("csv", [ana], LESSONS, LEVELS))[1]
    assert row[1] == "Zoë O'Brien"
    assert [row[5], row[6], row[7], row[8]] == ["1", "100", "3", "40"]


def test_json_has_the_full_record_with_events_and_no_secret() -> None:
    ana = LearnerData("ana", "Ana [b]", tuple(finished_run("pay", "r1", "2026-03-02", 80, 2, 60)), locked=True)
    [record] = json.loads(render("json", [ana], LESSONS, LEVELS))
    assert record["name"] == "Ana [b]" and record["locked"] is True
    assert record["xp"] == 60 and record["level"] == {"number": 2, "name": "Explorer"}
    assert [e["kind"] for e in record["events"]] == ["lesson_started", "answered", "lesson_finished"]
    assert record["events"][1]["answer"] == "=1+1"
    assert record["lessons"][0]["best_percent"] == 80


def bleep(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BLEEP_", "TEXTUAL"))}
    return subprocess.run([sys.executable, "-m", "bleep_tui.cli", *args], env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def class_of_two(data_dir: Path) -> Path:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "=Ana", "1234")
    accounts.add("bob", "Bob", "1234")
    store = LearnerStore(data_dir, "ana")
    for event in finished_run("safety-one-time-codes", "old", "2026-01-05", 50, 1, 20) + finished_run(
        "safety-one-time-codes", "new", "2026-03-02", 100, 3, 36
    ):
        store.record(event)
    return data_dir


def test_export_cli_writes_csv_to_a_file_for_everyone(class_of_two: Path, tmp_path: Path) -> None:
    out = tmp_path / "progress.csv"
    result = bleep("--data-dir", str(class_of_two), "export", "--format", "csv", "--out", str(out))
    assert result.returncode == 0 and str(out) in result.stderr
    rows = csv_rows(out.read_text(encoding="utf-8"))
    assert [(r[0], r[1], r[3], r[5], r[6]) for r in rows[1:]] == [
        ("ana", "'=Ana", "safety-one-time-codes", "2", "100"),
        ("bob", "Bob", "", "", ""),
    ]
    assert rows[1][4] == "Never share a one-time code"
    totals = csv_rows((tmp_path / "progress-totals.csv").read_text(encoding="utf-8"))
    assert [(row[0], row[6]) for row in totals] == [("code", "lessons_finished"), ("ana", "1"), ("bob", "0")]


def test_export_cli_for_one_learner_leaves_out_the_runs_before_since_as_json_on_stdout(class_of_two: Path) -> None:
    result = bleep("--data-dir", str(class_of_two), "export", "--format", "json", "--learner", "ana", "--since", "2026-03-01")
    assert result.returncode == 0
    [record] = json.loads(result.stdout)
    assert record["code"] == "ana"
    assert {e["run"] for e in record["events"] if "run" in e} == {"new"}
    assert [(r["attempts"], r["best_percent"]) for r in record["lessons"]] == [(1, 100)]


def test_since_keeps_the_start_of_a_run_that_goes_on_after_midnight(data_dir: Path) -> None:
    """A lesson begun late on the last day before --since and finished after it is one whole run, not a finish from nowhere."""
    store = LearnerStore(data_dir, "ana")
    store.create("Ana")
    store.record(Event("lesson_started", "2026-02-28T23:50:00+00:00", lesson="safety-one-time-codes", run="late"))
    store.record(Event("answered", "2026-02-28T23:55:00+00:00", lesson="safety-one-time-codes", run="late", step="s1", answer="x", correct=False, try_number=1))
    store.record(Event("lesson_finished", "2026-03-01T00:10:00+00:00", lesson="safety-one-time-codes", run="late", points=30, percent=80, stars=2))
    result = bleep("--data-dir", str(data_dir), "export", "--format", "json", "--since", "2026-03-01")
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert [(e["kind"], e["at"][:10]) for e in record["events"]] == [("lesson_started", "2026-02-28"), ("lesson_finished", "2026-03-01")]
    assert [(r["attempts"], r["seconds"]) for r in record["lessons"]] == [(1, 20 * 60)]


def test_until_and_group_keep_one_groups_work_up_to_that_day(class_of_two: Path) -> None:
    AccountStore(class_of_two).join_group("Wing B", ["ana"])
    result = bleep("--data-dir", str(class_of_two), "export", "--format", "json", "--group", "wing b", "--until", "2026-03-01")
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert record["code"] == "ana" and record["groups"] == ["Wing B"]
    assert {e["run"] for e in record["events"] if "run" in e} == {"old"}
    assert [r["best_percent"] for r in record["lessons"]] == [50]


def test_a_damaged_record_outside_the_group_is_not_named_nor_counted(class_of_two: Path) -> None:
    AccountStore(class_of_two).join_group("Wing B", ["ana"])
    (class_of_two / "learners" / "bob.events").write_text("not json\n")
    in_group = bleep("--data-dir", str(class_of_two), "export", "--group", "Wing B")
    assert in_group.returncode == 0 and "bob" not in in_group.stderr
    everyone = bleep("--data-dir", str(class_of_two), "export")
    assert everyone.returncode == 3 and "left out bob" in everyone.stderr


def test_an_export_file_is_0600_and_never_half_written(class_of_two: Path, tmp_path: Path) -> None:
    """Written whole under a new name, then put in place: a spreadsheet that had the old export open still reads it whole."""
    out = tmp_path / "shared-folder" / "progress.csv"
    out.parent.mkdir()
    out.write_text("the export of last week\n")
    out.chmod(0o644)
    with out.open() as opened_before:
        result = bleep("--data-dir", str(class_of_two), "export", "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert opened_before.read() == "the export of last week\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert csv_rows(out.read_text(encoding="utf-8"))[0] == list(HEADER)
    assert sorted(p.name for p in out.parent.iterdir()) == ["progress-totals.csv", "progress.csv"]  # no temp file left beside them


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--since", "2026-02-30"], 2, "not a date"),
        (["--since", "yesterday"], 2, "not a date"),
        (["--until", "2026-13-01"], 2, "not a date"),
        (["--group", "Wing C"], 1, "no group 'Wing C'"),
        (["--learner", "nobody"], 1, "no learner with the code 'nobody'"),
        (["--format", "pdf"], 2, "invalid choice"),
        (["--out", "/nonexistent-folder/x.csv"], 1, "cannot write"),
    ],
)
def test_export_cli_refuses_bad_input_clearly(class_of_two: Path, args: list[str], code: int, message: str) -> None:
    result = bleep("--data-dir", str(class_of_two), "export", *args)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_export_writers_load_no_textual_and_nothing_from_ui() -> None:
    code = "import sys, bleep_tui.export.render, bleep_tui.commands.export\nprint(sorted(m for m in sys.modules if m.startswith(('textual', 'bleep_tui.ui'))))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_bleep_export_offers_every_format_the_exports_can_write() -> None:
    from bleep_tui.commands.export import FORMATS as OFFERED
    from bleep_tui.export.render import FORMATS

    assert OFFERED == FORMATS


def test_the_json_export_names_every_field_a_facilitators_script_reads() -> None:
    learner = LearnerData("ana", "Ana Müller", tuple(finished_run("money-atm", "r1", "2026-03-02", 100, 3, 60)), active=False, locked=True,
                          created="2026-03-01T09:00:00+00:00", groups=("wing b",), id_number="4711")
    out = io.StringIO()
    write_json([learner], LEVELS, out)
    [record] = json.loads(out.getvalue())
    lessons, events = record.pop("lessons"), record.pop("events")
    assert record == {
        "code": "ana", "name": "Ana Müller", "active": False, "locked": True, "created": "2026-03-01T09:00:00+00:00",
        "groups": ["wing b"], "id_number": "4711", "xp": 60, "level": {"number": 2, "name": "Explorer"},
        "lessons_done": 1, "last_active": "2026-03-02T10:04:00+00:00", "time_spent_seconds": 240,
    }
    assert [lesson["lesson"] for lesson in lessons] == ["money-atm"] and [event["kind"] for event in events] == ["lesson_started", "answered", "lesson_finished"]
    assert "Ana Müller" in out.getvalue() and out.getvalue().endswith("]\n")  # readable as typed, one line end
