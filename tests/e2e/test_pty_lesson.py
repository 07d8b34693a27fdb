"""The installed `bleep` in a real 80x24 terminal: a learner completes a lesson with keystrokes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.store.learner import LearnerStore

from .play import LESSON, choice_keys, lesson, open_lesson, play_lesson, started_run
from .ptyterm import WAIT, PtyTerminal

pytestmark = pytest.mark.slow


def installed(program: str) -> str:
    """The console script installed beside the Python running the tests, as `make test` installs it."""
    found = shutil.which(program, path=str(Path(sys.executable).parent))
    assert found, f"{program} is not installed beside {sys.executable}: run `make test`"
    return found


def terminal_env(home: Path, **extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8", **extra}


def test_a_learner_completes_a_lesson_by_keyboard_in_a_real_terminal_and_it_is_on_disk(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(tmp_path)) as term:
        term.wait_for("What should we call you?")
        # Idle on a text field: no cursor blink and no timer, so a quiet two seconds comes (the first
        # screen may still be settling: a window with output is not a failure, only never being quiet is).
        assert term.quiet_for(2.0)
        term.type("Sam")
        term.press("enter")
        assert "Sam" in term.wait_for("XP")
        open_lesson(term)
        screen = play_lesson(term, data)
        assert "Lesson complete: Never share a one-time code" in screen
        assert "★★★" in screen and "100% of the points" in screen
        assert "You gained 36 XP" in screen
        term.press("ctrl+q")
        assert term.wait_exit() == 0

    store = LearnerStore(data)
    assert store.profile().name == "Sam"
    finished = [e for e in store.events() if e.kind == "lesson_finished"]
    assert [(e.lesson, e.points, e.percent, e.stars) for e in finished] == [(LESSON, 36, 100, 3)]
    answered = [e.step for e in store.events() if e.kind == "answered"]
    assert len(answered) == 3  # one answer for each scored step: every one right first time


def test_a_linux_console_without_utf8_gets_ascii_only_and_the_terminals_own_colours(tmp_path: Path) -> None:
    env = terminal_env(tmp_path, TERM="linux", LANG="C")
    with PtyTerminal([installed("bleep"), "--data-dir", str(tmp_path / "data")], env) as term:
        term.wait_for("What should we call you?")
        term.type("Zoë")  # what a learner types may be Unicode: it still reaches the screen as ASCII
        term.press("enter")
        term.wait_for("XP")
        open_lesson(term)
        term.wait_for("Step 1 of 4")
        term.press("enter")
        screen = term.wait_for("Step 2 of 4")
        assert screen.isascii(), screen
        assert bytes(term.output).isascii()
        assert b"\x1b[38;2;" not in term.output  # no 24-bit colour: the 16 colours of the ANSI theme
        term.press("ctrl+q")
        assert term.wait_exit() == 0


def test_a_window_smaller_than_80x24_asks_to_be_enlarged(tmp_path: Path) -> None:
    with PtyTerminal([installed("bleep"), "--data-dir", str(tmp_path / "data")], terminal_env(tmp_path), size=(70, 20)) as term:
        screen = term.wait_for(lambda shown: "Please enlarge your window to at least 80x24." in shown and "It is 70x20 now." in shown)
        assert "Press Ctrl+Q to quit." in screen
        assert "What should we call you?" not in screen  # no half-hidden controls behind the message
        term.press("ctrl+q")
        assert term.wait_exit() == 0


def test_no_color_gets_no_colour_at_all(tmp_path: Path) -> None:
    env = terminal_env(tmp_path, NO_COLOR="1")
    with PtyTerminal([installed("bleep"), "--data-dir", str(tmp_path / "data")], env) as term:
        term.wait_for("What should we call you?")
        term.settle(quiet=0.5)
        parameters = re.findall(rb"\x1b\[([0-9;]*)m", bytes(term.output))
        colours = {int(p) for group in parameters for p in group.split(b";") if p}
        assert colours & {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)} == set()
        term.press("ctrl+q")
        assert term.wait_exit() == 0


MOUSE_REPORTING = (b"\x1b[?1000h", b"\x1b[?1003h", b"\x1b[?1006h")  # what asks a terminal to send mouse events


def test_no_mouse_never_asks_the_terminal_for_mouse_events_and_the_keyboard_does_everything(tmp_path: Path) -> None:
    with PtyTerminal([installed("bleep"), "--data-dir", str(tmp_path / "with-mouse")], terminal_env(tmp_path)) as term:
        term.wait_for("What should we call you?")
        assert any(request in term.output for request in MOUSE_REPORTING)  # without the option, it does
        term.press("ctrl+q")
        assert term.wait_exit() == 0
    with PtyTerminal([installed("bleep"), "--no-mouse", "--data-dir", str(tmp_path / "data")], terminal_env(tmp_path)) as term:
        term.wait_for("What should we call you?")
        term.type("Sam")
        term.press("enter")
        term.wait_for("XP")
        assert not any(request in term.output for request in MOUSE_REPORTING)
        term.press("ctrl+q")
        assert term.wait_exit() == 0
    assert LearnerStore(tmp_path / "data").profile().name == "Sam"


def test_a_hung_up_terminal_ends_the_app_and_loses_no_answer(tmp_path: Path) -> None:
    """What an SSH drop does to a learner mid-lesson, without sshd: the terminal hangs up and the app gets SIGHUP."""
    data = tmp_path / "data"
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(tmp_path), controlling=True) as term:
        term.wait_for("What should we call you?")
        term.type("Sam")
        term.press("enter")
        term.wait_for("XP")
        open_lesson(term)
        term.wait_for("Step 1 of 4")
        term.press("enter")
        term.wait_for("Step 2 of 4")
        term.press(*choice_keys(lesson().steps[1], started_run(data)))
        term.wait_for("Right!")
        term.hang_up()
        try:
            status = term.process.wait(WAIT)
        except subprocess.TimeoutExpired:
            raise AssertionError("the app goes on running after its terminal hung up") from None
        assert status != 0  # ended by the signal, with no chance to save anything more
    answered = [(e.step, e.correct) for e in LearnerStore(data).events() if e.kind == "answered"]
    assert answered == [("caller-asks", True)]
