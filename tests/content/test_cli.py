"""The `bleep` command as an author runs it: validate and list lessons, version, help."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

import bleep_tui

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "lessons"
SHIPPED_FILES = sorted(p for p in SHIPPED.rglob("*.yaml") if p.name != "modules.yaml")
STEP_TYPES = {"info", "choice", "text", "order", "sim"}

GOOD = """\
format: 1
id: money-pay-bill
title: Pay a bill
module: money
summary: Practise paying a bill.
competences: ["2.1"]
level: 1
minutes: 5
steps:
  - id: typed
    type: text
    prompt: Type 40
    accept: ["40"]
    feedback: Not that.
    explanation: Because 40.
"""


def bleep(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BLEEP_", "TEXTUAL"))}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "bleep_tui.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def problem_lines(result: subprocess.CompletedProcess[str], path: Path) -> list[tuple[int, str]]:
    """Every stdout line as (line, message); each must be FILE:LINE: message for `path`."""
    found = []
    for printed in result.stdout.splitlines():
        match = re.fullmatch(rf"{re.escape(str(path))}:(\d+): (.+)", printed)
        assert match, f"not FILE:LINE: message: {printed!r}"
        found.append((int(match[1]), match[2]))
    return found


# --- validate ---------------------------------------------------------------------


def test_validating_every_shipped_lesson_passes_with_a_one_line_summary(tmp_path):
    result = bleep("lessons", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    match = re.match(r"(\d+) lessons valid", lines[0])
    assert match, lines[0]
    assert int(match[1]) == len(SHIPPED_FILES) > 0
    assert result.stderr == ""


def test_validating_one_good_file_passes(tmp_path):
    path = write(tmp_path / "mine.yaml", GOOD)
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["1 lesson valid"]


def test_validating_a_broken_file_prints_file_line_message_and_fails(tmp_path):
    text = GOOD.replace("module: money\n", "module: banking\n").replace(
        "    prompt: Type 40\n", "    prompt: Type 40\n    points: ten\n"
    )
    path = write(tmp_path / "broken.yaml", text)
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    problems = problem_lines(result, path)
    assert problems[0][0] == line_of(text, "module: banking")
    assert problems[0][1].startswith("unknown module `banking`")
    assert (line_of(text, "points: ten"), "`steps[0].points` must be a whole number") in problems
    assert "2 problem(s) found" in result.stderr


def test_validating_a_file_with_a_yaml_syntax_error_names_its_line(tmp_path):
    text = GOOD.replace("    prompt: Type 40\n", "    prompt: Type: 40\n")
    path = write(tmp_path / "syntax.yaml", text)
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    [(line, message)] = problem_lines(result, path)
    assert line == line_of(text, "Type: 40")
    assert message.startswith("YAML syntax error")


def test_validating_a_file_that_is_not_utf8_fails_cleanly(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(GOOD.replace("Pay a bill", "Payer \xe0 temps").encode("latin-1"))
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stdout.splitlines() == [f"{path}: not UTF-8 text"]


def test_validating_a_folder_checks_every_lesson_in_it(tmp_path):
    folder = tmp_path / "mine"
    write(folder / "money" / "a.yaml", GOOD)
    write(folder / "money" / "b.yaml", GOOD.replace("id: money-pay-bill", "id: money-pay-rent"))
    result = bleep("lessons", "validate", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["2 lessons valid"]


def test_validating_a_folder_reports_only_the_broken_file(tmp_path):
    folder = tmp_path / "mine"
    write(folder / "good.yaml", GOOD)
    text = GOOD.replace("id: money-pay-bill", "id: money-broken").replace('accept: ["40"]', "validator: postcode")
    broken = write(folder / "sub" / "broken.yaml", text)
    result = bleep("lessons", "validate", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    [(line, message)] = problem_lines(result, broken)
    assert line == line_of(text, "validator: postcode")
    assert message.startswith("unknown validator `postcode`")


def test_validating_two_files_with_the_same_lesson_id_fails(tmp_path):
    first = write(tmp_path / "a.yaml", GOOD)
    second = write(tmp_path / "b.yaml", GOOD)
    result = bleep("lessons", "validate", str(first), str(second), cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert str(second) in result.stdout
    assert "lesson id `money-pay-bill` is already used by" in result.stdout


def test_validating_a_path_that_does_not_exist_fails_with_a_message(tmp_path):
    missing = tmp_path / "no-such-lesson.yaml"
    result = bleep("lessons", "validate", str(missing), cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert str(missing) in result.stdout + result.stderr
    assert "no such file or folder" in result.stdout + result.stderr


def test_validating_a_file_with_a_mistyped_number_fails_without_a_traceback(tmp_path):
    text = GOOD.replace("minutes: 5\n", "minutes: --5\n")
    path = write(tmp_path / "typo.yaml", text)
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert problem_lines(result, path)[0][0] == line_of(text, "minutes: --5")


# --- list -------------------------------------------------------------------------


def test_listing_lessons_as_json_describes_every_shipped_lesson(tmp_path):
    result = bleep("lessons", "list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows) == len(SHIPPED_FILES)
    for path in SHIPPED_FILES:
        written = yaml.safe_load(path.read_text(encoding="utf-8"))
        row = by_id[written["id"]]
        assert row["title"] == written["title"]
        assert row["module"] == written["module"] == path.parent.name
        assert row["competences"] == [str(c) for c in written["competences"]]
        assert all(isinstance(code, str) for code in row["competences"])
        written_types = {step["type"] for step in written["steps"]}
        assert set(row["step_types"]) == written_types
        assert set(row["step_types"]) <= STEP_TYPES
        assert row["steps"] == len(written["steps"])


def test_listing_lessons_as_text_shows_every_lesson_id(tmp_path):
    result = bleep("lessons", "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for path in SHIPPED_FILES:
        lesson_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
        assert lesson_id in result.stdout


# --- version and help -------------------------------------------------------------


def test_version_prints_the_program_version(tmp_path):
    result = bleep("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"bleep {bleep_tui.__version__}"


def test_help_describes_the_command_without_starting_the_app(tmp_path):
    result = bleep("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: bleep")
    assert "lessons" in result.stdout
    assert "--data-dir" in result.stdout


def test_lessons_help_lists_validate_and_list(tmp_path):
    result = bleep("lessons", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "validate" in result.stdout and "list" in result.stdout


def test_lessons_without_an_action_shows_usage_not_a_traceback(tmp_path):
    result = bleep("lessons", cwd=tmp_path)
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "usage:" in result.stderr


def test_a_missing_path_is_reported_and_the_other_files_are_still_checked(tmp_path):
    broken = write(tmp_path / "broken.yaml", GOOD.replace("level: 1", "level: ten"))
    result = bleep("lessons", "validate", str(tmp_path / "missing.yaml"), str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "missing.yaml: no such file or folder" in result.stdout
    assert f"{broken}:" in result.stdout and "whole number" in result.stdout
