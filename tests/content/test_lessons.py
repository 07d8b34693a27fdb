"""Lesson files: a good one loads as typed steps, a broken one says FILE:LINE: what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bleep_tui.content.catalog import load_catalog
from bleep_tui.content.lessons import load_lesson
from bleep_tui.content.problems import ContentError, Problem
from bleep_tui.core.model import ChoiceStep, InfoStep, OrderStep, TextStep

REPO = Path(__file__).resolve().parents[2]
MODULES_YAML = REPO / "lessons" / "modules.yaml"
MODULE_IDS = frozenset({"money", "communication", "work", "services", "safety", "information", "release"})

GOOD = """\
format: 1
id: money-pay-bill
title: Pay a bill
module: money
summary: Practise paying a bill.
competences: ["2.1", "4.2"]
level: 1
minutes: 5
steps:
  - id: welcome
    type: info
    title: Before you start
    text: |
      A bill says **how much** and **to whom**.
  - id: pick
    type: choice
    prompt: Which one is safe?
    options:
      - text: Right one
        correct: true
        feedback: Yes.
      - text: Wrong one
        feedback: No, because it is not safe.
    hints:
      - Think about it.
    explanation: Because it is safe.
  - id: typed
    type: text
    prompt: Type 40
    accept: ["40"]
    feedback: Not that.
    explanation: Because 40.
  - id: order
    type: order
    prompt: Put them in order
    items:
      - First
      - Second
    feedback: Wrong order.
    explanation: First comes first.
"""


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the lesson"
    return text.replace(old, new)


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line containing `fragment`."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return found[occurrence - 1]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_lesson(path, MODULE_IDS)
    problems = caught.value.problems
    assert problems, "a ContentError must say what is wrong"
    for problem in problems:
        assert problem.file == path
    return problems


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def find(problems: list[Problem], fragment: str) -> Problem:
    matching = [p for p in problems if fragment in p.message]
    assert matching, f"no problem mentions {fragment!r}: {[str(p) for p in problems]}"
    return matching[0]


def lessons_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(MODULES_YAML, folder / "modules.yaml")
    return folder


# --- a good lesson ----------------------------------------------------------------


def test_a_good_lesson_loads_with_every_field_as_written(tmp_path):
    lesson = load_lesson(write(tmp_path, "good.yaml", GOOD), MODULE_IDS)
    assert lesson.id == "money-pay-bill"
    assert lesson.title == "Pay a bill"
    assert lesson.module == "money"
    assert lesson.summary == "Practise paying a bill."
    assert lesson.competences == ("2.1", "4.2")
    assert (lesson.level, lesson.minutes) == (1, 5)
    assert [s.id for s in lesson.steps] == ["welcome", "pick", "typed", "order"]
    assert lesson.step_types == ["info", "choice", "text", "order"]
    welcome, pick, typed, order = lesson.steps
    assert isinstance(welcome, InfoStep) and "**how much**" in welcome.text and welcome.points == 0
    assert isinstance(pick, ChoiceStep) and not pick.multiple
    assert [o.text for o in pick.options] == ["Right one", "Wrong one"]
    assert pick.correct_indexes == frozenset({0})
    assert pick.hints == ("Think about it.",)
    assert isinstance(typed, TextStep) and typed.accept == ("40",)
    assert isinstance(order, OrderStep) and order.items == ("First", "Second")


def test_a_step_without_points_is_worth_ten_and_a_hint_costs_a_quarter(tmp_path):
    lesson = load_lesson(write(tmp_path, "good.yaml", GOOD), MODULE_IDS)
    pick = lesson.steps[1]
    assert pick.points == 10
    assert pick.hint_cost == 2
    assert lesson.max_points == 30


def test_points_and_hint_cost_are_read_as_written(tmp_path):
    text = edit("    prompt: Which one is safe?\n", "    prompt: Which one is safe?\n    points: 3\n    hint_cost: 0\n")
    pick = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[1]
    assert pick.points == 3
    assert pick.hint_cost == 0


def test_a_cheap_step_still_costs_at_least_one_point_per_hint(tmp_path):
    text = edit("    prompt: Which one is safe?\n", "    prompt: Which one is safe?\n    points: 3\n")
    assert load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[1].hint_cost == 1


def test_a_multiple_choice_may_have_several_right_options(tmp_path):
    text = edit("    options:\n", "    multiple: true\n    options:\n")
    text = edit("        feedback: No, because it is not safe.\n", "        correct: true\n", text)
    step = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[1]
    assert step.multiple
    assert step.correct_indexes == frozenset({0, 1})


def test_yes_and_no_are_understood_where_a_yes_no_is_expected(tmp_path):
    text = edit("        correct: true\n", "        correct: yes\n")
    text = edit("    options:\n", "    multiple: no\n    options:\n", text)
    step = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[1]
    assert step.correct_indexes == frozenset({0})
    assert step.multiple is False


# --- YAML's surprises do not apply: text stays text --------------------------------


def test_no_on_yes_and_1_10_stay_text_in_accept_lists(tmp_path):
    text = edit('    accept: ["40"]\n', "    accept: [no, on, yes, 1.10, off, 0123, ~]\n")
    step = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[2]
    assert step.accept == ("no", "on", "yes", "1.10", "off", "0123", "~")


def test_no_stays_text_in_a_block_accept_list_and_in_wrong_answers(tmp_path):
    text = edit(
        '    accept: ["40"]\n',
        "    accept:\n      - No\n      - NO\n    wrong_answers:\n      - answer: yes\n        feedback: Think again.\n",
    )
    step = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[2]
    assert step.accept == ("No", "NO")
    assert step.wrong_answers[0].answer == "yes"


def test_option_text_yes_and_no_stay_words(tmp_path):
    text = edit("      - text: Right one\n", "      - text: yes\n")
    text = edit("      - text: Wrong one\n", "      - text: no\n", text)
    step = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[1]
    assert [o.text for o in step.options] == ["yes", "no"]


def test_titles_summary_and_order_items_that_look_like_numbers_or_booleans_stay_as_written(tmp_path):
    text = edit("title: Pay a bill\n", "title: 1.10\n")
    text = edit("summary: Practise paying a bill.\n", "summary: on\n", text)
    text = edit("    title: Before you start\n", "    title: no\n", text)
    text = edit("      - First\n      - Second\n", "      - yes\n      - 1.50\n", text)
    lesson = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS)
    assert lesson.title == "1.10"
    assert lesson.summary == "on"
    assert lesson.steps[0].title == "no"
    assert lesson.steps[3].items == ("yes", "1.50")


# --- problems, each with its line -------------------------------------------------


def test_a_yaml_syntax_error_names_the_line_it_is_on(tmp_path):
    text = edit("    prompt: Type 40\n", "    prompt: Type: 40\n")
    path = write(tmp_path, "l.yaml", text)
    problem = only_problem(path)
    assert problem.line == line_of(text, "prompt: Type: 40")
    assert "YAML syntax error" in problem.message
    assert str(problem) == f"{path}:{problem.line}: {problem.message}"


def test_a_tab_used_for_indent_is_a_syntax_error_on_its_line(tmp_path):
    text = edit("    feedback: Not that.\n", "\tfeedback: Not that.\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.line == line_of(text, "\tfeedback")
    assert "YAML syntax error" in problem.message


def test_an_unclosed_quote_points_at_the_line_where_the_quote_opened(tmp_path):
    text = edit("    prompt: Type 40\n", "    prompt: 'Type 40\n")
    problem = problems_of(write(tmp_path, "l.yaml", text))[0]
    opened = line_of(text, "prompt: 'Type 40")
    assert problem.line == opened or f"line {opened}" in problem.message


def test_a_missing_lesson_field_is_named(tmp_path):
    text = edit("summary: Practise paying a bill.\n", "")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "missing field `summary`"
    assert problem.line == 1


def test_a_missing_step_field_names_the_step_and_points_at_it(tmp_path):
    text = edit("    explanation: Because 40.\n", "")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "missing field `steps[2].explanation`"
    assert problem.line == line_of(text, "- id: typed")


def test_points_written_as_a_word_must_be_a_whole_number(tmp_path):
    text = edit("    prompt: Which one is safe?\n", "    prompt: Which one is safe?\n    points: ten\n")
    path = write(tmp_path, "l.yaml", text)
    problem = only_problem(path)
    assert "`steps[1].points` must be a whole number" in problem.message
    assert problem.line == line_of(text, "points: ten")
    assert str(problem) == f"{path}:{problem.line}: `steps[1].points` must be a whole number"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("level: 1\n", "level: 9\n", "`level` must be between 1 and 8, not 9"),
        ("minutes: 5\n", "minutes: 0\n", "`minutes` must be between 1 and 120, not 0"),
        ("minutes: 5\n", "minutes: 5.5\n", "`minutes` must be a whole number"),
        ("format: 1\n", "format: 2\n", "unknown lesson format 2"),
        ("        correct: true\n", "        correct: maybe\n", "`steps[1].options[0].correct` must be true or false"),
        ("title: Pay a bill\n", "title: [Pay, a, bill]\n", "`title` must be text"),
        ('competences: ["2.1", "4.2"]\n', "competences: 2.1\n", "`competences` must be a list"),
        ("    hints:\n      - Think about it.\n", "    hints:\n      - \"\"\n", "`steps[1].hints[0]` must be non-empty text"),
        ("id: money-pay-bill\n", "id: Money_Pay_Bill\n", "`id` must be lower-case letters, digits and `-`"),
        ("  - id: typed\n", "  - id: Typed Answer\n", "`steps[2].id` must be lower-case letters"),
        ("title: Pay a bill\n", "title: ''\n", "`title` must not be empty"),
    ],
)
def test_a_value_of_the_wrong_kind_is_reported_on_its_line(tmp_path, old, new, message):
    text = edit(old, new)
    problem = find(problems_of(write(tmp_path, "l.yaml", text)), message)
    assert problem.line == line_of(text, new.splitlines()[-1])


def test_an_unknown_step_type_lists_the_known_ones(tmp_path):
    text = edit("    type: order\n", "    type: video\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message.startswith("unknown step type `video`; use one of: info, choice, text, order")
    assert problem.line == line_of(text, "type: video")


def test_a_misspelt_field_is_reported_as_unknown_on_its_line(tmp_path):
    text = edit("    explanation: Because 40.\n", "    explanaton: Because 40.\n")
    problems = problems_of(write(tmp_path, "l.yaml", text))
    unknown = find(problems, "unknown field `steps[2].explanaton`")
    assert unknown.line == line_of(text, "explanaton")
    find(problems, "missing field `steps[2].explanation`")


def test_a_misspelt_lesson_field_is_reported_as_unknown(tmp_path):
    text = edit("minutes: 5\n", "minutes: 5\nauthor: Sam\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "unknown field `author`"
    assert problem.line == line_of(text, "author: Sam")


def test_a_misspelt_option_field_is_reported_as_unknown(tmp_path):
    text = edit("        feedback: Yes.\n", "        feedbak: Yes.\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "unknown field `steps[1].options[0].feedbak`"


def test_a_field_given_twice_is_reported_on_the_second(tmp_path):
    text = edit("minutes: 5\n", "minutes: 5\nminutes: 6\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "field `minutes` is given twice"
    assert problem.line == line_of(text, "minutes: 6")


def test_a_step_id_used_twice_is_reported_on_the_second_use(tmp_path):
    text = edit("  - id: order\n", "  - id: typed\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "step id `typed` is used twice"
    assert problem.line == line_of(text, "- id: typed", occurrence=2)


def test_a_choice_with_no_right_option_is_reported(tmp_path):
    text = edit("        correct: true\n", "")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert "mark exactly one option `correct: true` (found 0)" in problem.message
    assert problem.line in (line_of(text, "    options:"), line_of(text, "    options:") + 1)


def test_a_single_choice_with_two_right_options_suggests_multiple(tmp_path):
    text = edit("        feedback: No, because it is not safe.\n", "        correct: true\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert "(found 2), or set `multiple: true`" in problem.message


def test_a_multiple_choice_with_no_right_option_is_reported(tmp_path):
    text = edit("        correct: true\n", "")
    text = edit("    options:\n", "    multiple: true\n    options:\n", text)
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "mark at least one option `correct: true`"


def test_a_wrong_option_without_feedback_is_reported_but_a_right_one_may_have_none(tmp_path):
    text = edit("        feedback: No, because it is not safe.\n", "")
    path = write(tmp_path, "l.yaml", text)
    problem = only_problem(path)
    assert problem.message == "missing field `steps[1].options[1].feedback`"
    assert problem.line == line_of(text, "- text: Wrong one")

    right_without = edit("        feedback: Yes.\n", "")
    assert load_lesson(write(tmp_path, "ok.yaml", right_without), MODULE_IDS).steps[1].options[0].feedback == ""


def test_a_choice_with_one_option_is_reported(tmp_path):
    text = edit("      - text: Wrong one\n        feedback: No, because it is not safe.\n", "")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "a choice needs 2 to 8 options, not 1"


def test_a_choice_with_nine_options_is_reported(tmp_path):
    extra = "".join(f"      - text: Wrong {n}\n        feedback: No {n}.\n" for n in range(8))
    text = edit("    hints:\n", extra + "    hints:\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "a choice needs 2 to 8 options, not 10"


def test_a_text_step_with_no_way_to_know_a_right_answer_is_reported(tmp_path):
    text = edit('    accept: ["40"]\n', "")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "steps[2] needs `accept`, `pattern` or `validator` to know a right answer"
    assert problem.line == line_of(text, "- id: typed")


@pytest.mark.parametrize("extra", ["    pattern: '[0-9]+'\n", "    validator: amount\n"])
def test_a_text_step_may_use_a_pattern_or_validator_instead_of_accept(tmp_path, extra):
    text = edit('    accept: ["40"]\n', extra)
    step = load_lesson(write(tmp_path, "l.yaml", text), MODULE_IDS).steps[2]
    assert step.accept == ()
    assert step.pattern == "[0-9]+" or step.validator == "amount"


def test_a_bad_regular_expression_is_reported_on_its_line(tmp_path):
    text = edit('    accept: ["40"]\n', "    pattern: '([0-9]+'\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message.startswith("`steps[2].pattern` is not a valid regular expression:")
    assert problem.line == line_of(text, "pattern:")


def test_an_unknown_validator_lists_the_known_ones(tmp_path):
    text = edit('    accept: ["40"]\n', "    validator: postcode\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message.startswith("unknown validator `postcode`; use one of: ")
    for name in ("iban", "email", "phone", "date", "amount", "passphrase"):
        assert name in problem.message
    assert problem.line == line_of(text, "validator: postcode")


def test_an_order_step_with_the_same_item_twice_is_ambiguous(tmp_path):
    text = edit("      - Second\n", "      - First\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "every item must be different, or the right order is ambiguous"
    assert problem.line in (line_of(text, "    items:"), line_of(text, "    items:") + 1)


def test_an_order_step_with_one_item_is_reported(tmp_path):
    text = edit("      - Second\n", "")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "an order step needs 2 to 8 items, not 1"


def test_an_unknown_module_lists_the_real_ones(tmp_path):
    text = edit("module: money\n", "module: banking\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message.startswith("unknown module `banking`; use one of: ")
    assert "money" in problem.message and "safety" in problem.message
    assert problem.line == line_of(text, "module: banking")


@pytest.mark.parametrize("code", ["6.1", "2.7", "1.4", "5.5", "2", "two.one"])
def test_a_code_that_is_not_a_digcomp_competence_is_reported(tmp_path, code):
    text = edit('competences: ["2.1", "4.2"]\n', f'competences:\n  - "2.1"\n  - "{code}"\n')
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == f"`{code}` is not a DigComp 2.2 competence code (1.1 to 5.4)"
    assert problem.line == line_of(text, f'- "{code}"')


def test_an_empty_competence_list_is_reported(tmp_path):
    text = edit('competences: ["2.1", "4.2"]\n', "competences: []\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "name at least one DigComp competence"


def test_a_lesson_with_only_info_steps_is_reported(tmp_path):
    text = GOOD[: GOOD.index("  - id: pick\n")]
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert "at least one step that asks something" in problem.message


def test_a_lesson_with_an_empty_step_list_is_reported(tmp_path):
    text = GOOD[: GOOD.index("steps:\n")] + "steps: []\n"
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert problem.message == "a lesson needs at least one step"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    text = edit("module: money\n", "module: banking\n")
    text = edit("    prompt: Which one is safe?\n", "    prompt: Which one is safe?\n    points: ten\n", text)
    text = edit('    accept: ["40"]\n', "    validator: postcode\n", text)
    problems = problems_of(write(tmp_path, "l.yaml", text))
    assert len(problems) == 3
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_an_empty_file_says_it_is_empty(tmp_path):
    problem = only_problem(write(tmp_path, "l.yaml", "# nothing yet\n"))
    assert problem.message == "the file is empty"


def test_a_file_that_is_a_list_instead_of_fields_is_reported(tmp_path):
    problem = only_problem(write(tmp_path, "l.yaml", "- one\n- two\n"))
    assert problem.message == "the file must be a set of `name: value` fields"
    assert problem.line == 1


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "l.yaml"
    path.write_bytes(GOOD.replace("Pay a bill", "Payer la facture \xe0 temps").encode("latin-1"))
    assert only_problem(path).message == "not UTF-8 text"


def test_a_missing_file_is_reported_not_raised(tmp_path):
    problem = only_problem(tmp_path / "nowhere.yaml")
    assert problem.message.startswith("cannot read the file")


@pytest.mark.parametrize("typo", ["--5", "²"])
def test_a_mistyped_number_is_a_problem_not_a_crash(tmp_path, typo):
    text = edit("minutes: 5\n", f"minutes: {typo}\n")
    problem = only_problem(write(tmp_path, "l.yaml", text))
    assert "`minutes` must be a whole number" in problem.message


# --- Problem as printed -----------------------------------------------------------


def test_a_problem_prints_as_file_line_message():
    assert str(Problem(Path("lessons/money/x.yaml"), "missing field `id`", 7)) == "lessons/money/x.yaml:7: missing field `id`"


def test_a_problem_without_a_line_still_names_the_file():
    assert str(Problem(Path("x.yaml"), "the file is empty")) == "x.yaml: the file is empty"
    assert str(Problem(Path("x.yaml"), "already used", field="id")) == "x.yaml: id: already used"


def test_content_error_message_lists_every_problem():
    error = ContentError([Problem(Path("a.yaml"), "one", 1), Problem(Path("a.yaml"), "two", 2)])
    assert str(error) == "a.yaml:1: one\na.yaml:2: two"


# --- the catalog: many files ------------------------------------------------------


def test_a_broken_file_does_not_stop_the_others_loading(tmp_path):
    folder = lessons_folder(tmp_path)
    good = write(folder, "money/good.yaml", GOOD)
    text = edit("    prompt: Type 40\n", "    prompt: Type 40\n    points: ten\n", edit("id: money-pay-bill\n", "id: money-broken\n"))
    broken = write(folder, "money/broken.yaml", text)
    catalog = load_catalog(folder=folder)
    assert list(catalog.lessons) == ["money-pay-bill"]
    assert [b.path for b in catalog.broken] == [broken]
    assert "`steps[2].points` must be a whole number" in catalog.broken[0].reason
    assert good not in [b.path for b in catalog.broken]
    assert [str(p) for p in catalog.problems] == [str(p) for p in catalog.broken[0].problems]


def test_a_file_with_a_syntax_error_is_listed_as_broken_with_its_line(tmp_path):
    folder = lessons_folder(tmp_path)
    write(folder, "money/good.yaml", GOOD)
    text = edit("    prompt: Type 40\n", "    prompt: Type: 40\n", edit("id: money-pay-bill\n", "id: other\n"))
    broken = write(folder, "safety/bad.yaml", text)
    catalog = load_catalog(folder=folder)
    assert set(catalog.lessons) == {"money-pay-bill"}
    assert len(catalog.broken) == 1
    assert catalog.broken[0].path == broken
    assert catalog.broken[0].reason.startswith("YAML syntax error")
    assert str(catalog.problems[0]).startswith(f"{broken}:{line_of(text, 'Type: 40')}: ")


def test_the_same_lesson_id_in_two_files_keeps_the_first_and_reports_the_second(tmp_path):
    folder = lessons_folder(tmp_path)
    first = write(folder, "money/a-first.yaml", GOOD)
    second = write(folder, "money/b-second.yaml", edit("title: Pay a bill\n", "title: Pay another bill\n"))
    catalog = load_catalog(folder=folder)
    assert catalog.lessons["money-pay-bill"].title == "Pay a bill"
    assert [b.path for b in catalog.broken] == [second]
    reason = catalog.broken[0].reason
    assert "lesson id `money-pay-bill` is already used by" in reason
    assert str(first) in reason


def test_the_same_lesson_id_in_two_files_points_at_the_id_line(tmp_path):
    folder = lessons_folder(tmp_path)
    write(folder, "money/a-first.yaml", GOOD)
    second = write(folder, "money/b-second.yaml", GOOD)
    problem = load_catalog(folder=folder).problems[0]
    assert str(problem).startswith(f"{second}:{line_of(GOOD, 'id: money-pay-bill')}: ")


def test_the_catalog_ignores_the_module_list_and_finds_lessons_in_subfolders(tmp_path):
    folder = lessons_folder(tmp_path)
    write(folder, "money/deep/nested/good.yaml", GOOD)
    catalog = load_catalog(folder=folder)
    assert list(catalog.lessons) == ["money-pay-bill"]
    assert catalog.broken == []
    assert [m.id for m in catalog.modules][:2] == ["money", "communication"]


def test_lessons_are_listed_by_module_order_then_level(tmp_path):
    folder = lessons_folder(tmp_path)
    write(folder, "a.yaml", edit("module: money\n", "module: safety\n", edit("id: money-pay-bill\n", "id: safety-one\n")))
    write(folder, "b.yaml", edit("level: 1\n", "level: 3\n", edit("id: money-pay-bill\n", "id: money-hard\n")))
    write(folder, "c.yaml", GOOD)
    catalog = load_catalog(folder=folder)
    assert list(catalog.lessons) == ["money-pay-bill", "money-hard", "safety-one"]
    assert [lesson.id for lesson in catalog.in_module("money")] == ["money-pay-bill", "money-hard"]
    assert catalog.in_module("work") == []


def test_a_module_not_in_the_folders_module_list_is_rejected(tmp_path):
    folder = tmp_path / "lessons"
    write(folder, "modules.yaml", "modules:\n  - id: money\n    title: Money\n")
    write(folder, "x.yaml", edit("module: money\n", "module: safety\n"))
    catalog = load_catalog(folder=folder)
    assert catalog.lessons == {}
    assert catalog.broken[0].reason == "unknown module `safety`; use one of: money"


def test_a_broken_module_list_is_an_error_for_the_whole_catalog(tmp_path):
    folder = tmp_path / "lessons"
    write(folder, "modules.yaml", "modules:\n  - id: money\n    titel: Money\n")
    with pytest.raises(ContentError) as caught:
        load_catalog(folder=folder)
    messages = [p.message for p in caught.value.problems]
    assert "missing field `modules[0].title`" in messages
    assert "unknown field `modules[0].titel`" in messages


def test_every_shipped_lesson_loads_without_problems():
    catalog = load_catalog()
    assert catalog.broken == []
    shipped = sorted(p for p in (REPO / "lessons").rglob("*.yaml") if p.name != "modules.yaml")
    assert len(catalog.lessons) == len(shipped) > 0
    for lesson in catalog.lessons.values():
        assert any(step.scored for step in lesson.steps)


def test_a_mistyped_number_in_one_file_does_not_stop_the_others_loading(tmp_path):
    folder = lessons_folder(tmp_path)
    write(folder, "money/good.yaml", GOOD)
    broken = write(folder, "money/typo.yaml", edit("minutes: 5\n", "minutes: --5\n", edit("id: money-pay-bill\n", "id: money-typo\n")))
    catalog = load_catalog(folder=folder)
    assert list(catalog.lessons) == ["money-pay-bill"]
    assert [b.path for b in catalog.broken] == [broken]
