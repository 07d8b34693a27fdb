"""`bleep lessons validate` warns where a learner could answer a choice without knowing the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bleep_tui.content.catalog import load_catalog
from bleep_tui.content.giveaways import COUNTING_HINT, giveaways
from bleep_tui.content.problems import Problem
from bleep_tui.core.model import ChoiceStep, Option

from .test_cli import bleep, line_of, write

FAIR = ChoiceStep(
    id="safe", type="choice", points=10, prompt="Which of these keep your PIN safe?", multiple=True,
    hints=("Who could see the keypad?",),
    options=(
        Option("Cover the keypad with your other hand", True),
        Option("Say the PIN quietly to the cashier", False, "Anyone near can hear it."),
        Option("Stand so nobody behind you sees the keys", True),
        Option("Write the PIN on the back of your card", False, "Whoever finds the card has the PIN."),
    ),
    explanation="Hide the keypad.",
)


def test_a_fair_step_gives_no_warning() -> None:
    assert giveaways(FAIR) == []


@pytest.mark.parametrize("hint", [
    "Two answers are right.",
    "Four things are right.",
    "Three lines are right.",
    "Three of the four parts are warning signs.",
    "Two of them help Ray stop.",
    "There are three right answers.",
    "Only one option is wrong.",
    "Tick three.",
    "Both are right.",
])
def test_a_hint_that_counts_the_right_answers_is_warned_about_at_its_own_line(hint: str) -> None:
    step = ChoiceStep(**{**FAIR.__dict__, "hints": ("Who could see the keypad?", hint)})
    [found] = giveaways(step)
    assert found.hint == 1 and "how many answers are right" in found.message


@pytest.mark.parametrize("hint", [
    "Think of the five warning signs. Which of them do you see here?",
    "A good name answers two questions. What is it? When is it from?",
    "Ask two questions. Is it about work? Is it a good time to send it?",
    "Work done inside, courses and qualifications all count.",
    "Which one has nothing to do with Marek?",
])
def test_a_hint_that_teaches_without_counting_is_left_alone(hint: str) -> None:
    assert not COUNTING_HINT.search(hint)


def with_lengths(right: int, *wrong: int) -> ChoiceStep:
    """A single-answer step whose right option has `right` characters and its wrong ones `wrong`."""
    options = (Option("r" * right, True),) + tuple(Option("w" * length, False, "Because.") for length in wrong)
    return ChoiceStep(**{**FAIR.__dict__, "multiple": False, "options": options})


def test_a_right_option_much_longer_than_every_wrong_one_is_warned_about_at_its_own_line() -> None:
    [found] = giveaways(with_lengths(53, 40, 12))  # more than 1.3 times the longest wrong one
    assert found.option == 0 and "much longer than every wrong one" in found.message
    assert "(53 characters; the longest wrong one has 40)" in found.message


def test_a_right_option_a_little_longer_or_only_a_few_letters_longer_is_not_a_giveaway() -> None:
    assert giveaways(with_lengths(52, 40, 12)) == []  # 1.3 times: not more
    assert giveaways(with_lengths(29, 20, 5)) == []  # 1.45 times, but only 9 characters longer: "Yes" beside "No"
    assert giveaways(with_lengths(30, 20, 5)) != []


def test_in_a_multiple_answer_step_each_right_option_is_measured_against_the_longest_wrong_one() -> None:
    step = ChoiceStep(**{**FAIR.__dict__, "options": (
        Option("r" * 30, True), Option("w" * 40, False, "Because."), Option("r" * 60, True), Option("w" * 10, False, "Because."),
    )})
    assert [found.option for found in giveaways(step)] == [2]


def test_a_multiple_answer_step_with_no_wrong_option_is_warned_about() -> None:
    step = ChoiceStep(**{**FAIR.__dict__, "options": tuple(o for o in FAIR.options if o.correct) + (Option("Take the card back", True),)})
    [found] = giveaways(step)
    assert "every option is right" in found.message and found.option is found.hint is None


def test_a_choice_of_two_is_warned_about() -> None:
    step = ChoiceStep(**{**FAIR.__dict__, "multiple": False, "options": FAIR.options[:2]})
    [found] = giveaways(step)
    assert "2 options" in found.message and "at least 3" in found.message


GIVEAWAYS = """\
format: 1
id: money-giveaways
title: Giveaways
module: money
summary: Every giveaway at once.
competences: ["2.1"]
level: 1
minutes: 5
steps:
  - id: two-options
    type: choice
    prompt: Cover the keypad?
    options:
      - text: Yes, with my other hand
        correct: true
        feedback: Right.
      - text: No
        feedback: A camera may film it.
    hints:
      - Only one answer is right.
    explanation: Cover it.
  - id: all-right
    type: choice
    multiple: true
    prompt: Which are safe?
    options:
      - text: Cover the keypad
        correct: true
      - text: Take the card back
        correct: true
      - text: Count the cash
        correct: true
    explanation: All of them.
"""


def test_validate_prints_each_warning_as_file_line_warning_and_still_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path / "giveaways.yaml", GIVEAWAYS)
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    printed = result.stdout.splitlines()
    assert printed[-1] == "1 lesson valid"
    warnings = [re.fullmatch(rf"{re.escape(str(path))}:(\d+): warning: (.+)", line) for line in printed[:-1]]
    assert all(warnings), printed
    found = [(int(m[1]), m[2].split(";")[0].split(",")[0]) for m in warnings if m]
    first_options, second_options = (n for n, line in enumerate(GIVEAWAYS.splitlines(), 1) if line == "    options:")
    assert found == [
        (first_options, "a choice with 2 options is easy to guess"),
        (line_of(GIVEAWAYS, "Yes, with my other hand"), "this right option is much longer than every wrong one (23 characters"),
        (line_of(GIVEAWAYS, "Only one answer is right."), "this hint says how many answers are right"),
        (second_options, "every option is right"),
    ]
    assert "4 warnings" in result.stderr


def test_warnings_do_not_hide_a_problem_and_the_problem_still_fails_validation(tmp_path: Path) -> None:
    path = write(tmp_path / "giveaways.yaml", GIVEAWAYS.replace("module: money", "module: banking"))
    result = bleep("lessons", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert "warning: this hint says how many answers are right" in result.stdout
    assert "unknown module `banking`" in result.stdout


def test_the_shipped_lessons_give_no_warning() -> None:
    warnings: list[Problem] = []
    load_catalog(warnings=warnings)
    assert [str(w) for w in warnings] == []
