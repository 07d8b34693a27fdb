"""`bleep lessons coverage`: which DigComp competences the lessons train, at which proficiency level."""

from __future__ import annotations

from pathlib import Path

from tests.content.test_cli import assert_no_traceback, bleep, write

LESSON = """\
format: 1
id: {id}
title: A lesson
module: money
summary: Practise something.
competences: {competences}
level: {level}
minutes: 5
steps:
  - id: typed
    type: text
    prompt: Type 40
    accept: ["40"]
    feedback: Not that.
    explanation: Because 40.
"""


def lesson(folder: Path, lesson_id: str, competences: str, level: int) -> None:
    write(folder / f"{lesson_id}.yaml", LESSON.format(id=lesson_id, competences=competences, level=level))


def cells(line: str) -> list[str]:
    """A row's eight level cells and its total, after the competence's code and name."""
    return line.split()[-9:]


def row_of(output: str, start: str) -> str:
    [line] = [line for line in output.splitlines() if line.startswith(start)]
    return line


def test_the_table_counts_each_lesson_under_every_competence_it_claims_at_its_level(tmp_path):
    folder = tmp_path / "mine"
    lesson(folder, "money-one", '["2.1", "4.2"]', 1)
    lesson(folder, "money-two", '["2.1"]', 2)
    lesson(folder, "money-three", '["2.1", "1.2"]', 2)
    lesson(folder, "money-four", '["4.4", "4.4"]', 4)  # named twice, still one lesson

    result = bleep("lessons", "coverage", str(folder), cwd=tmp_path)

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "in 4 lessons" in out.splitlines()[0]
    assert cells(row_of(out, "2.1 Interacting")) == ["1", "2", "-", "-", "-", "-", "-", "-", "3"]
    assert cells(row_of(out, "4.2 Protecting personal data")) == ["1", "-", "-", "-", "-", "-", "-", "-", "1"]
    assert cells(row_of(out, "1.2 Judging")) == ["-", "1", "-", "-", "-", "-", "-", "-", "1"]
    assert cells(row_of(out, "4.4 Protecting the environment")) == ["-", "-", "-", "1", "-", "-", "-", "-", "1"]
    assert cells(row_of(out, "5.4 Finding your")) == ["-"] * 8 + ["0"]
    assert cells(row_of(out, "lessons at each level")) == ["1", "2", "-", "1", "-", "-", "-", "-", "4"]
    assert "4 of 21 competences claimed" in out
    missing = out.split("No lesson claims:")[1].split()
    assert [word for word in missing if word[0].isdigit()] == [
        "1.1", "1.3", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "4.1", "4.3", "5.1", "5.2", "5.3", "5.4",
    ]
    assert all(len(line) <= 80 for line in out.splitlines())


def test_a_broken_lesson_is_named_and_not_counted_and_a_missing_path_is_an_error(tmp_path):
    folder = tmp_path / "mine"
    lesson(folder, "money-one", '["2.1"]', 1)
    write(folder / "broken.yaml", LESSON.format(id="money-broken", competences='["2.1"]', level=9))

    result = bleep("lessons", "coverage", str(folder), cwd=tmp_path)

    assert_no_traceback(result)
    assert cells(row_of(result.stdout, "2.1 Interacting")) == ["1", "-", "-", "-", "-", "-", "-", "-", "1"]
    assert "unavailable:" in result.stderr and "broken.yaml" in result.stderr
    missing = bleep("lessons", "coverage", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert missing.returncode == 1
    assert "nowhere: no such file or folder" in missing.stdout
    assert_no_traceback(missing)


def test_the_installed_lessons_fill_the_table(tmp_path):
    result = bleep("lessons", "coverage", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "of 21 competences claimed" in result.stdout
