"""The installed `bleep` through a pipe, as a screen reader's user or a script meets it: linear mode end to end."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bleep_tui.content.shipped import load_content
from bleep_tui.core.model import ChoiceStep, Lesson, OrderStep, TextStep
from bleep_tui.store.learner import LearnerStore

from .ptyterm import WAIT, PtyTerminal
from .test_pty_lesson import installed, terminal_env

pytestmark = pytest.mark.slow

ESCAPE = re.compile(r"[\x1b\x9b\x07\x08\x0d]")  # ESC, CSI, bell, backspace, carriage return: none may reach a listener
NUMBERED = re.compile(r"^(\d+)\. (.*)$", re.MULTILINE)


class Piped:
    """`bleep` with a pipe for its input and one for its output, like `bleep < answers.txt | espeak-ng`."""

    def __init__(self, data: Path, home: Path, *options: str) -> None:
        env = terminal_env(home)
        self.process = subprocess.Popen([installed("bleep"), "--data-dir", str(data), *options], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.output = b""
        self.read_to = 0

    def wait_for(self, text: str) -> str:
        """The output from the last question answered up to `text`."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + WAIT
        while text.encode() not in self.output[self.read_to:]:
            left = deadline - time.monotonic()
            assert left > 0, f"never said {text!r}; last said:\n{self.output[-1500:].decode()}"
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                assert chunk, f"bleep ended before saying {text!r}:\n{self.output[-1500:].decode()}"
                self.output += chunk
        said = self.output[self.read_to:].decode()
        self.read_to = len(self.output)
        return said

    def answer(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        code = self.process.wait(WAIT)
        assert self.process.stdout is not None
        self.output += self.process.stdout.read()
        return code


def number_of(said: str, label: str) -> str:
    """The number a list just said puts before the line that contains `label`."""
    found = [number for number, line in NUMBERED.findall(said) if label in line]
    assert found, f"no {label!r} in:\n{said}"
    return found[-1]


def answer_right(piped: Piped, lesson: Lesson) -> None:
    """Every question of a lesson without simulations, answered right from what the lesson file says."""
    for step in lesson.steps:
        if isinstance(step, ChoiceStep):
            said = piped.wait_for("(? hint, r again, q leave)")
            piped.answer(" ".join(number_of(said, option.text) for option in step.options if option.correct))
        elif isinstance(step, OrderStep):
            said = piped.wait_for("(? hint, r again, q leave)")
            piped.answer(" ".join(number_of(said, item) for item in step.items))
        elif isinstance(step, TextStep):
            piped.wait_for("(? hint, r again, q leave)")
            piped.answer(step.accept[0])
        piped.wait_for("Press Enter to go on")
        piped.answer("")


def do(piped: Piped, label: str) -> str:
    """Choose what a simulated machine offers by what it says; the output up to that list."""
    said = piped.wait_for("Type a number (? hint, r again, q leave)")
    piped.answer(number_of(said[said.rindex("What you can do:"):], label))
    return said


def test_linear_mode_through_a_pipe_plays_a_lesson_and_a_simulation_into_the_store_and_the_export(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lessons = load_content().catalog.lessons
    questions, machine = lessons["money-atm-withdraw"], lessons["money-sim-atm-withdraw"]
    assert set(questions.step_types) == {"info", "choice", "text", "order"}

    piped = Piped(data, tmp_path)  # no terminal at all: linear mode without being asked
    piped.wait_for("What should we call you?")
    piped.answer("Sam\x1b[2J\x1b[31m")  # what a learner types is written back on a pipe: never its escape sequences
    said = piped.wait_for("q to leave:")
    piped.answer(number_of(said, "Money"))
    said = piped.wait_for("q to go back:")
    piped.answer(number_of(said, questions.title))
    answer_right(piped, questions)
    result = piped.wait_for("Press Enter to go on")
    assert f"Lesson complete: {questions.title}" in result and "3 of 3 stars. 100% of the points." in result
    piped.answer("")

    said = piped.wait_for("q to leave:")
    piped.answer(number_of(said, "Money"))
    said = piped.wait_for("q to go back:")
    piped.answer(number_of(said, machine.title))
    piped.wait_for("Press Enter to go on")  # the info step
    piped.answer("")
    assert [step.type for step in machine.steps] == ["info", "sim", "choice"]
    assert "Welcome. Please insert your card." in do(piped, "insert card")
    do(piped, "English")
    do(piped, "cover keypad")
    piped.wait_for("Type a number")  # the keypad is covered: the list is said again
    piped.answer(number_of(piped.output.decode().rsplit("What you can do:", 1)[-1], "Type on the keypad"))
    piped.wait_for("Type the digits")
    piped.answer("4071")
    do(piped, "Withdraw cash")
    do(piped, "40")
    do(piped, "No")
    do(piped, "take card")
    do(piped, "take cash")
    debrief = do(piped, "walk away")
    assert "Hand: on the keypad" in debrief
    debrief = piped.wait_for("Press Enter to go on")
    assert "Task finished: 5 of 5 goals met." in debrief
    piped.answer("")
    answer_right(piped, replace(machine, steps=machine.steps[2:]))
    piped.wait_for("Press Enter to go on")  # the result
    piped.answer("")
    piped.wait_for("q to leave:")
    piped.answer("q")
    assert piped.close() == 0
    assert piped.process.stderr is not None and piped.process.stderr.read() == b""

    transcript = piped.output.decode()
    assert not ESCAPE.search(transcript), "linear mode wrote a control character: " + repr(ESCAPE.search(transcript))
    assert "**" not in transcript and "★" not in transcript and not re.search(r"[\u2500-\u259f]", transcript)

    events = LearnerStore(data).events()
    finished = {e.lesson: e for e in events if e.kind == "lesson_finished"}
    assert finished[questions.id].stars == 3 and finished[questions.id].percent == 100
    assert finished[machine.id].percent == 100
    answered = {(e.lesson, e.step) for e in events if e.kind == "answered"}
    assert answered == {(lesson.id, step.id) for lesson in (questions, machine) for step in lesson.steps if step.scored}

    export = subprocess.run([installed("bleep"), "export", "--data-dir", str(data), "--format", "json"],
                            env=terminal_env(tmp_path), capture_output=True, text=True, check=True)
    [learner] = json.loads(export.stdout)
    lessons_done = {row["lesson"]: row for row in learner["lessons"]}
    assert lessons_done[questions.id]["best_stars"] == 3 and lessons_done[machine.id]["best_percent"] == 100
    exported = {(e["lesson"], e["step"]) for e in learner["events"] if e["kind"] == "answered"}
    assert exported == answered


@pytest.mark.parametrize(("term", "options"), [("dumb", ()), ("xterm-256color", ("--linear",))])
def test_in_a_real_terminal_linear_mode_comes_with_term_dumb_or_when_asked_and_draws_nothing(
        tmp_path: Path, term: str, options: tuple[str, ...]) -> None:
    data = tmp_path / "data"
    with PtyTerminal([installed("bleep"), "--data-dir", str(data), *options], terminal_env(tmp_path, TERM=term)) as terminal:
        terminal.wait_for("What should we call you?")
        terminal.type("Ana")
        terminal.press("enter")
        assert "1. Money" in terminal.wait_for("q to leave:")
        terminal.type("q")
        terminal.press("enter")
        assert terminal.wait_exit() == 0
        assert b"\x1b" not in terminal.output  # no screen drawn, no cursor moved, no colour: text only
    assert LearnerStore(data).profile().name == "Ana"
