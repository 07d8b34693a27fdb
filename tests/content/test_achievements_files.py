"""Achievement files as an author checks them: `bleep achievements validate|list`, FILE:LINE problems."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bleep_tui.content.achievements import load_achievements
from bleep_tui.core.achievements import RULE_TYPES

REPO = Path(__file__).resolve().parents[2]

GOOD = """\
format: 1
achievements:
  - id: first-lesson
    title: First steps
    description: Finish your first lesson.
    symbol: "✦"
    ascii: "+"
    points: 10
    rule:
      type: lessons_completed
      count: 1
"""


def bleep(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BLEEP_", "TEXTUAL"))}
    return subprocess.run([sys.executable, "-m", "bleep_tui.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def problems(result: subprocess.CompletedProcess[str], path: Path) -> dict[int, str]:
    """stdout as {line: message}; every line must be FILE:LINE: message."""
    found = {}
    for printed in result.stdout.splitlines():
        match = re.fullmatch(rf"{re.escape(str(path))}:(\d+): (.+)", printed)
        assert match, f"not FILE:LINE: message: {printed!r}"
        found[int(match[1])] = match[2]
    return found


def test_every_shipped_achievement_file_validates_with_a_one_line_summary(tmp_path: Path) -> None:
    result = bleep("achievements", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"\d+ achievements valid\n", result.stdout)
    assert int(result.stdout.split()[0]) >= 20


def test_the_shipped_achievements_use_every_rule_type_and_have_unique_ids() -> None:
    loaded = load_achievements()
    assert loaded.problems == []
    assert {a.rule.type for a in loaded.achievements.values()} == set(RULE_TYPES)
    files = sorted((REPO / "achievements").glob("*.yaml"))
    written_ids = [line.split(":", 1)[1].strip() for f in files for line in f.read_text().splitlines() if line.startswith("  - id:")]
    assert sorted(written_ids) == sorted(loaded.achievements)


def test_list_json_prints_id_title_and_rule_type(tmp_path: Path) -> None:
    result = bleep("achievements", "list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"id": "first-lesson", "title": "First steps", "rule": "lessons_completed"}.items() <= rows[0].items()
    assert len(rows) == len(load_achievements().achievements)


def test_a_good_file_given_by_path_validates(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", GOOD)
    result = bleep("achievements", "validate", str(path), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 achievement valid\n")


def test_each_mistake_is_reported_on_its_own_line_without_a_traceback(tmp_path: Path) -> None:
    text = GOOD.replace("id: first-lesson", "id: First_Lesson").replace("count: 1", "count: lots") + """\
  - id: broken-rule
    title: Broken
    description: Its rule is wrong.
    symbol: "★★★★"
    ascii: "é"
    points: 5
    colour: red
    rule:
      type: lesson_completed
      lesson: no-such-lesson
  - id: sims
    title: Sims
    description: A sim rule with mistakes.
    symbol: "*"
    ascii: "*"
    points: 5
    rule:
      type: sim_trace
      sim: spaceship
      event: Card Taken
      count: 0
  - id: skills
    title: Skills
    description: A mastery rule with mistakes.
    symbol: "*"
    ascii: "*"
    points: 5
    rule:
      type: competence_mastery
      competence: "9.9"
      level: Guru
  - id: teleport
    title: Teleport
    description: No such rule.
    symbol: "*"
    ascii: "*"
    points: 5
    rule:
      type: teleport
"""
    path = write(tmp_path / "broken.yaml", text)
    result = bleep("achievements", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    found = problems(result, path)
    expected = {
        "id: First_Lesson": "must be lower-case letters",
        "count: lots": "must be a whole number",
        'symbol: "★★★★"': "at most 3 characters wide",
        'ascii: "é"': "plain ASCII",
        "colour: red": "unknown field",
        "lesson: no-such-lesson": "unknown lesson `no-such-lesson`",
        "sim: spaceship": "unknown simulation `spaceship`",
        "event: Card Taken": "trace event name",
        "count: 0": "between 1 and",
        'competence: "9.9"': "not a DigComp 2.2 competence",
        "level: Guru": "unknown mastery level `Guru`",
        "type: teleport": "unknown rule type `teleport`",
    }
    for fragment, message in expected.items():
        line = line_of(text, fragment)
        assert message in found.get(line, ""), (fragment, line, found)


def test_a_yaml_syntax_error_and_a_duplicate_id_give_file_and_line(tmp_path: Path) -> None:
    syntax = write(tmp_path / "syntax.yaml", "format: 1\nachievements:\n  - id: [oops\n")
    result = bleep("achievements", "validate", str(syntax), cwd=tmp_path)
    assert result.returncode == 1 and "YAML syntax error" in problems(result, syntax)[3]

    twice = write(tmp_path / "twice.yaml", GOOD + GOOD.split("achievements:\n", 1)[1])
    result = bleep("achievements", "validate", str(twice), cwd=tmp_path)
    second_id_line = len(GOOD.splitlines()) + 1
    assert problems(result, twice) == {second_id_line: f"achievement id `first-lesson` is already used by {twice}"}


def test_a_missing_path_is_a_clear_message(tmp_path: Path) -> None:
    result = bleep("achievements", "validate", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip() == "nowhere.yaml: no such file or folder"


def test_a_broken_achievement_is_left_out_and_the_others_still_load(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.yaml", GOOD + """\
  - id: broken
    title: Broken
    description: No rule.
    symbol: "*"
    ascii: "*"
    points: 5
""")
    loaded = load_achievements(files=[path])
    assert list(loaded.achievements) == ["first-lesson"]
    assert [(p.line, p.message) for p in loaded.problems] == [(line_of(path.read_text(), "id: broken"), "missing field `achievements[1].rule`")]
