"""What a terminal can throw at the installed `bleep`: any bytes, a flood of keys, going away without a word."""

from __future__ import annotations

import re
import signal
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .ptyterm import WAIT, PtyTerminal
from .test_pty_lesson import installed, terminal_env

pytestmark = pytest.mark.slow

NAME_LIMIT = 40  # the welcome screen's name box (ui/screens/welcome.py)
# Keys that would leave the name box (Tab, Enter, an escape sequence) or quit (Ctrl+Q): the
# property is about the bytes, so every example must find the app where the last one left it.
LEAVING = b"\t\r\n\x1b\x11"
CLEAR_BOX = b"\x01\x0b"  # Ctrl+A, Ctrl+K: to the start, delete all to the right


def welcome(tmp_path: Path, **options: object) -> PtyTerminal:
    term = PtyTerminal([installed("bleep"), "--data-dir", str(tmp_path / "data")], terminal_env(tmp_path), **options)
    term.wait_for("What should we call you?")
    return term


def ended_within(term: PtyTerminal, seconds: float) -> int | None:
    try:
        return term.process.wait(seconds)
    except subprocess.TimeoutExpired:
        return None


def test_any_bytes_typed_leave_the_app_running_and_answering_keys(tmp_path: Path) -> None:
    with welcome(tmp_path) as term:

        @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.binary(min_size=1, max_size=48).map(lambda typed: typed.translate(None, LEAVING)))
        @example(b"\xe9")  # a Latin-1 terminal's e-acute
        @example(b"\xff")
        @example(b"\x80")  # a lone continuation byte
        @example(b"\xc0\xaf")  # an overlong "/"
        @example(b"\xe2\x82")  # a sequence cut short
        @example(b"\xed\xa0\x80")  # a UTF-16 surrogate
        @example(b"\xf4\x90\x80\x80")  # past U+10FFFF
        def typing(typed: bytes) -> None:
            term.send(typed)
            term.wait_idle()
            term.send(CLEAR_BOX)
            term.wait_idle()
            term.send(b"Probe")
            screen = term.wait_for("Probe")
            assert term.process.poll() is None and "Traceback" not in screen, screen

        typing()


def test_a_byte_that_is_not_utf8_shows_as_a_replacement_character(tmp_path: Path) -> None:
    with welcome(tmp_path) as term:
        term.send(b"Zo\xe9")
        assert "Zo\N{REPLACEMENT CHARACTER}" in term.wait_for("Zo\N{REPLACEMENT CHARACTER}")
        term.send(b"\xff!")
        term.wait_for("Zo\N{REPLACEMENT CHARACTER}\N{REPLACEMENT CHARACTER}!")


def bells(output: bytes) -> int:
    """BEL characters that ring: not the ones that end an operating system command (a window title)."""
    return re.sub(rb"\x1b\][^\x07\x1b]*\x07", b"", output).count(b"\x07")


def test_a_flood_of_keys_into_a_full_box_rings_no_bell_holds_no_memory_and_the_next_key_works(tmp_path: Path) -> None:
    with welcome(tmp_path) as term:
        term.settle(quiet=1.0)  # the lessons are loaded just after the first screen: count them in
        peak_before = term.peak_memory_kb()
        term.send(b"a" * 100_000)
        # Not settled: each refused key takes the note away and puts it back, and a busy machine can show the moment between.
        screen = term.wait_for(lambda shown: "a" * NAME_LIMIT in shown and "This box is full: it takes 40 characters at most." in shown, settle=False)
        assert "a" * (NAME_LIMIT + 1) not in screen
        assert bells(bytes(term.output)) == 0
        term.press("backspace", settle=False)  # any normal key: within the usual wait, after 100,000
        screen = term.wait_for(lambda shown: "a" * (NAME_LIMIT - 1) in shown and "a" * NAME_LIMIT not in shown)
        assert "This box is full" not in screen  # the note goes with the next key
        assert term.peak_memory_kb() <= peak_before * 1.10


def test_a_terminal_closed_without_a_hang_up_ends_the_app(tmp_path: Path) -> None:
    """Not its controlling terminal: closing it sends no SIGHUP, only the end of its input."""
    term = welcome(tmp_path)
    term.hang_up()
    try:
        assert ended_within(term, WAIT) == 0, "the app still runs with no terminal"
    finally:
        term.close()


def test_a_hang_up_ends_the_app(tmp_path: Path) -> None:
    term = welcome(tmp_path, controlling=True)
    term.hang_up()
    try:
        assert ended_within(term, WAIT) == -signal.SIGHUP
    finally:
        term.close()
