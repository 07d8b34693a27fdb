"""`after:`: a lesson names the lessons it builds on, and `bleep lessons validate` checks the names."""

from __future__ import annotations

from bleep_tui.content.catalog import load_catalog

from .test_cli import GOOD, assert_no_traceback, bleep, line_of, problem_lines, write


def with_after(after: str, lesson_id: str = "money-pay-bill") -> str:
    return GOOD.replace("id: money-pay-bill\n", f"id: {lesson_id}\n").replace("minutes: 5\n", f"minutes: 5\n{after}")


def test_a_lesson_builds_on_the_lessons_it_names_in_order(tmp_path):
    path = write(tmp_path / "mine.yaml", with_after("after: [money-atm-withdraw, money-card-payment]\n"))
    [lesson] = load_catalog(files=[path]).lessons.values()
    assert lesson.after == ("money-atm-withdraw", "money-card-payment")


def test_a_lesson_without_after_builds_on_nothing(tmp_path):
    [lesson] = load_catalog(files=[write(tmp_path / "mine.yaml", GOOD)]).lessons.values()
    assert lesson.after == ()


def test_a_file_checked_on_its_own_may_build_on_any_installed_lesson(tmp_path):
    path = write(tmp_path / "mine.yaml", with_after("after: [money-atm-withdraw]\n"))
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["1 lesson valid"]


def test_lessons_in_a_folder_may_build_on_each_other(tmp_path):
    write(tmp_path / "lessons" / "first.yaml", with_after("", "money-first"))
    write(tmp_path / "lessons" / "second.yaml", with_after("after: [money-first]\n", "money-second"))
    result = bleep("lessons", "validate", str(tmp_path / "lessons"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def problems_in(tmp_path, after: str) -> tuple[str, list[tuple[int, str]]]:
    """The lesson's text with `after`, and what `bleep lessons validate` says of it (it must fail, cleanly)."""
    text = with_after(after)
    path = write(tmp_path / "mine.yaml", text)
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    return text, problem_lines(result, path)


def test_an_unknown_lesson_in_after_is_named_on_its_own_line(tmp_path):
    text, problems = problems_in(tmp_path, "after:\n  - money-atm-withdraw\n  - money-atm-withdrwa\n")
    [(line, message)] = problems
    assert line == line_of(text, "money-atm-withdrwa")
    assert message.startswith("unknown lesson `money-atm-withdrwa` in `after`")


def test_a_lesson_that_comes_after_itself_is_reported(tmp_path):
    text, problems = problems_in(tmp_path, "after: [money-pay-bill]\n")
    [(line, message)] = problems
    assert line == line_of(text, "after:")
    assert message.startswith("a lesson cannot come after itself")


def test_after_must_be_a_list_of_lesson_ids(tmp_path):
    text, problems = problems_in(tmp_path, "after: money-atm-withdraw\n")
    assert problems == [(line_of(text, "after:"), "`after` must be a list")]


def test_shipped_lessons_name_only_shipped_lessons_in_after():
    catalog = load_catalog()
    named = {foundation for lesson in catalog.lessons.values() for foundation in lesson.after}
    assert named and named <= set(catalog.lessons)

