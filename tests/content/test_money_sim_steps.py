"""Money simulation steps in lesson files: good ones load typed, bad ones say FILE:LINE: what is wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.content.lessons import load_lesson
from bleep_tui.content.problems import ContentError
from bleep_tui.core.model import SimStep
from bleep_tui.core.sims.atm import AtmScenario
from bleep_tui.core.sims.banking import BankingScenario, Entry, Payee
from bleep_tui.core.sims.card_terminal import CardTerminalScenario

MODULES = frozenset({"money"})
HEAD = """\
format: 1
id: money-test
title: Test
module: money
summary: A test.
competences: ["4.2"]
level: 1
minutes: 5
steps:
  - id: task
    type: sim
    sim: {sim}
    task: Do it.
    explanation: Because.
    scenario:
{scenario}
    goals:
{goals}
"""


def lesson_file(tmp_path: Path, sim: str, scenario: str, goals: str) -> Path:
    path = tmp_path / "lesson.yaml"
    path.write_text(HEAD.format(sim=sim, scenario=scenario, goals=goals))
    return path


def goal(check: str, value: str) -> str:
    return f"      - check: {check}\n        value: {value}\n        label: L\n        feedback: F"


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_lesson(path, MODULES)
    return [str(problem) for problem in caught.value.problems]


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_an_atm_step_loads_its_scenario_with_euro_amounts_in_cents(tmp_path: Path) -> None:
    path = lesson_file(tmp_path, "atm", "      pin: 0420\n      balance: 312.50\n      own_bank: no\n      fee: 1,95\n      amounts: [20, 60]",
                       goal("withdrew", "40"))
    step = load_lesson(path, MODULES).steps[0]
    assert isinstance(step, SimStep)
    assert step.scenario == AtmScenario(pin="0420", balance=31_250, own_bank=False, fee=195, amounts=(20, 60))
    assert step.goals[0].value == 40 and step.points == 10


def test_a_card_terminal_step_reads_money_goals_as_cents(tmp_path: Path) -> None:
    path = lesson_file(tmp_path, "card_terminal", "      price: 3.40\n      mode: refund", goal("refunded", "3.40"))
    step = load_lesson(path, MODULES).steps[0]
    assert step.scenario == CardTerminalScenario(price=340, shown=340, mode="refund")
    assert step.goals[0].value == 340


def test_a_banking_step_reads_its_payees(tmp_path: Path) -> None:
    scenario = "      payees:\n        - iban: NL35 RVSB 0123 4567 89\n          name: Karin Novak"
    path = lesson_file(tmp_path, "banking", scenario, goal("paid_to", "NL35RVSB0123456789"))
    step = load_lesson(path, MODULES).steps[0]
    assert step.scenario == BankingScenario(payees=(Payee("NL35RVSB0123456789", "Karin Novak"),))


def test_a_banking_step_reads_its_statement_lines_as_amounts_not_text(tmp_path: Path) -> None:
    scenario = "      history:\n        - what: Gym\n          amount: -29.90\n        - what: Wages\n          amount: 1,210.00"
    step = load_lesson(lesson_file(tmp_path, "banking", scenario, goal("paid", "0")), MODULES).steps[0]
    assert step.scenario.history == (Entry(-2990, "Gym"), Entry(121000, "Wages"))


@pytest.mark.parametrize(
    ("sim", "scenario", "bad_line", "message"),
    [
        ("atm", "      pin: 12ab", "pin:", "`pin` must be 4 to 6 digits"),
        ("atm", "      balance: lots", "balance:", "`balance` must be an amount in euro"),
        ("atm", "      smallest_note: 7", "smallest_note:", "`smallest_note` must be one of 5, 10, 20, 50"),
        ("atm", "      amounts: [20, 35]", "amounts:", "each a multiple of 10"),
        ("atm", "      stranger: maybe", "stranger:", "`steps[0].scenario.stranger` must be true or false"),
        ("atm", "      colour: red", "colour:", "unknown field `steps[0].scenario.colour`"),
        ("card_terminal", "      price: 3.40\n      mode: gift", "mode:", "`mode` must be one of: payment, refund"),
        ("card_terminal", "      shop: Corner", "shop:", "missing field `steps[0].scenario.price`"),
        ("banking", "      scam: relative\n      scam_from: Mia\n      scam_message: Hi\n      scam_iban: NL35RVSB0123456788",
         "scam_iban:", "`scam_iban` is not a valid IBAN (the mod-97 check fails)"),
        ("banking", "      payees:\n        - iban: NL35RVSB0123456789\n          nick: Kay", "nick:", "unknown field"),
        ("banking", "      code: 12345", "code:", "`code` must be 6 to 6 digits"),
    ],
)
def test_a_bad_scenario_value_is_reported_on_its_line(tmp_path: Path, sim: str, scenario: str, bad_line: str, message: str) -> None:
    path = lesson_file(tmp_path, sim, scenario, goal("card_taken" if sim != "banking" else "logged_in", "true"))
    found = problems(path)
    expected = f"{path}:{line_of(path, bad_line)}: "
    assert any(p.startswith(expected) and message in p for p in found), found


def test_an_unknown_simulation_is_reported_with_the_known_ones(tmp_path: Path) -> None:
    path = lesson_file(tmp_path, "cash_machine", "      pin: 1234", goal("withdrew", "40"))
    [found] = problems(path)
    assert found.startswith(f"{path}:{line_of(path, 'sim: cash_machine')}: unknown simulation `cash_machine`")
    assert "atm" in found and "banking" in found and "card_terminal" in found


def test_an_unknown_goal_is_reported_with_the_goals_the_simulation_knows(tmp_path: Path) -> None:
    path = lesson_file(tmp_path, "atm", "      pin: 1234", goal("took_money", "40"))
    [found] = problems(path)
    assert found.startswith(f"{path}:{line_of(path, 'check: took_money')}: unknown goal `took_money` for simulation `atm`")
    assert "withdrew" in found


@pytest.mark.parametrize(
    ("sim", "goal_text", "message"),
    [
        ("atm", goal("withdrew", "forty"), "must be a whole number"),
        ("atm", goal("card_taken", "sure"), "must be true or false"),
        ("card_terminal", goal("paid", "3.4.0"), "must be an amount in euro"),
        ("card_terminal", goal("paid_with", "cash"), "`paid_with` must be `contactless` or `chip`"),
    ],
)
def test_a_bad_goal_value_is_reported_on_its_line(tmp_path: Path, sim: str, goal_text: str, message: str) -> None:
    scenario = "      price: 3.40" if sim == "card_terminal" else "      pin: 1234"
    path = lesson_file(tmp_path, sim, scenario, goal_text)
    found = problems(path)
    assert any(p.startswith(f"{path}:{line_of(path, 'value:')}: ") and message in p for p in found), found


def test_a_sim_step_without_a_scenario_says_so_once(tmp_path: Path) -> None:
    path = tmp_path / "lesson.yaml"
    path.write_text(HEAD.format(sim="atm", scenario="", goals=goal("withdrew", "40")).replace("    scenario:\n\n", ""))
    assert problems(path) == [f"{path}:{line_of(path, '- id: task')}: missing field `steps[0].scenario`"]


def test_the_shipped_money_simulation_lessons_validate_from_the_command_line() -> None:
    lessons = sorted((Path(__file__).resolve().parents[2] / "lessons" / "money").glob("sim-*.yaml"))
    assert len([p for p in lessons if p.name.startswith(("sim-atm-", "sim-card-", "sim-banking-"))]) >= 9
    result = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "lessons", "validate", *map(str, lessons)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
