"""The installed `bleep` in a real 80x24 terminal: after every key the terminal's cursor is on the focused item,
where BRLTTY, Speakup or NVDA with PuTTY read. The emulator (pyte) is the reference: it follows the bytes as a
terminal does, so these tests check what a braille display would be shown, not what the app believes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .play import lesson, open_lesson
from .ptyterm import PtyTerminal
from .test_pty_lesson import installed, terminal_env

pytestmark = pytest.mark.slow


def start(tmp_path: Path, *options: str) -> PtyTerminal:
    term = PtyTerminal([installed("bleep"), "--data-dir", str(tmp_path / "data"), *options], terminal_env(tmp_path))
    term.wait_for("What should we call you?")
    term.type("Sam")
    term.press("enter")
    term.wait_for("XP")
    return term


def cursor_row(term: PtyTerminal) -> str:
    return term.screen.display[term.screen.cursor.y]


def wait_cursor_on(term: PtyTerminal, text: str) -> None:
    """Read until the cursor is on a row showing `text` (a frame can arrive in several writes)."""
    term.wait_for(lambda _screen: text in cursor_row(term))


def on_highlight(term: PtyTerminal) -> bool:
    """Whether the cursor is in the highlight of a list: a band of one or two rows whose background, where the
    cursor is, differs from the rows just above and below it."""
    buffer, cursor = term.screen.buffer, term.screen.cursor
    colour = buffer[cursor.y][cursor.x].bg
    band = [y for y in range(cursor.y - 2, cursor.y + 3) if 0 <= y < term.lines and buffer[y][cursor.x].bg == colour]
    top, bottom = min(band), max(band)
    return bottom - top < 2 and all(buffer[y][cursor.x].bg != colour for y in (top - 1, bottom + 1) if 0 <= y < term.lines)


def test_in_the_lesson_list_the_cursor_is_on_the_highlighted_lesson_and_can_be_shown(tmp_path: Path) -> None:
    with start(tmp_path, "--show-cursor") as term:
        assert not term.screen.cursor.hidden  # --show-cursor: a sighted helper sees where the reader is
        assert "NEXT FOR YOU" in cursor_row(term) and on_highlight(term)
        rows = []
        for _ in range(4):
            term.press("down")
            assert on_highlight(term), term.text()
            rows.append(term.screen.cursor.y)
        assert rows == sorted(set(rows))  # it moved down with every key
        assert "Pay in a shop by card" in term.screen.display[rows[1]]
        term.press("up")
        assert term.screen.cursor.y == rows[2] and on_highlight(term)


def test_in_a_choice_step_the_cursor_follows_the_arrows(tmp_path: Path) -> None:
    with start(tmp_path) as term:
        assert term.screen.cursor.hidden  # hidden unless asked for: the reader follows it all the same
        open_lesson(term)
        term.wait_for("Step 1 of 4")
        term.press("enter")
        term.wait_for("Step 2 of 4")
        options = [option.text[:30] for option in lesson().steps[1].options]
        # Nothing highlighted yet: on the first option (once the step has the focus).
        term.wait_for(lambda _screen: any(option in cursor_row(term) for option in options))
        term.press("down")
        first = term.screen.cursor.y
        assert on_highlight(term), term.text()
        term.press("down")
        assert term.screen.cursor.y > first and on_highlight(term)
        term.press("up")
        assert term.screen.cursor.y == first and on_highlight(term)


def test_in_a_form_the_cursor_is_in_the_field_that_has_the_focus(tmp_path: Path) -> None:
    with start(tmp_path) as term:
        open_lesson(term, "services-sim-form-appointment")
        term.press("enter")
        term.wait_for("What is the appointment for?")
        wait_cursor_on(term, "Choose...")
        term.press("tab")
        wait_cursor_on(term, "DD/MM/YYYY")
        term.type("10/04")
        wait_cursor_on(term, "10/04")
        assert term.screen.cursor.x == cursor_row(term).index("10/04") + len("10/04")  # after what was typed
        term.press("tab")
        wait_cursor_on(term, "09:00")
        term.press("down")
        wait_cursor_on(term, "13:30")


def test_at_the_cash_machine_the_cursor_is_on_what_its_screen_says(tmp_path: Path) -> None:
    with start(tmp_path) as term:
        open_lesson(term, "money-sim-atm-balance")
        term.press("enter")
        wait_cursor_on(term, "Welcome. Please insert your card.")
        assert "Northway Bank" in term.screen.display[term.screen.cursor.y - 1]  # the machine's name above
        term.press("i")
        wait_cursor_on(term, "Please choose your language.")
