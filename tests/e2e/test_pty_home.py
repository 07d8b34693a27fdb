"""The installed `bleep` in a real 80x24 terminal: the lesson list scrolls right through, down and up.

The terminal scrolls the list's rows itself (bleep_tui/ui/screen_diff.py); a terminal emulator shows
what a learner would see, and every row must be the right lesson, in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bleep_tui.content.catalog import load_catalog
from bleep_tui.store.learner import LearnerStore

from .ptyterm import PtyTerminal
from .test_pty_lesson import installed, terminal_env

pytestmark = pytest.mark.slow
LIST_WIDTH = 76  # the list's text, left of its scrollbar


def every_list_line(suggested: list[str]) -> list[str]:
    """What a new learner's list holds, top to bottom: the `suggested` lesson's two lines, then each
    module's heading (none of its lessons done yet) and its lessons' titles."""
    catalog = load_catalog()
    lines = list(suggested)
    for module in catalog.modules:
        lessons = catalog.in_module(module.id)
        if lessons:
            lines += [f"{module.title.upper()}  0 of {len(lessons)}", *(lesson.title for lesson in lessons)]
    return lines


def shown_list_lines(screen: list[str]) -> list[str]:
    """The list's rows as the terminal shows them: below the three status rows, above the summary's rule."""
    rule = next(row for row, line in enumerate(screen) if line.startswith("─"))
    return [line[:LIST_WIDTH].strip() for line in screen[3:rule]]


def assert_a_run_of_the_list(shown: list[str], expected: list[str]) -> None:
    titles = [line.split("  ", 2)[-1].strip() if line.startswith(("☆", "★")) else line for line in shown]
    for start in range(len(expected) - len(titles) + 1):
        if expected[start:start + len(titles)] == titles:
            return
    raise AssertionError("the list shows rows out of order or wrong:\n" + "\n".join(shown))


def test_scrolling_the_lesson_list_down_and_up_shows_every_row_right(tmp_path: Path) -> None:
    data = tmp_path / "data"
    LearnerStore(data).create("Sam")
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(tmp_path)) as term:
        term.wait_for(lambda screen: "XP" in screen and "Loading" not in screen)
        term.settle(quiet=0.3)
        suggested = shown_list_lines(term.screen.display)[:2]  # "NEXT FOR YOU" and why: the same all along
        assert suggested[0].startswith("NEXT FOR YOU")
        expected = every_list_line(suggested)
        for key in ["down"] * (len(expected) + 2) + ["up"] * (len(expected) + 2):
            term.press(key)
            assert_a_run_of_the_list(shown_list_lines(term.screen.display), expected)
        assert shown_list_lines(term.screen.display)[0] == expected[0]  # back at the top
        first = load_catalog().in_module(load_catalog().modules[0].id)[0]
        assert " ".join(first.summary.split())[:40] in " ".join(term.text().split())  # and it is described below
        assert term.output.count(b"\x1bD") and term.output.count(b"\x1bM")  # the terminal scrolled, both ways
        term.press("ctrl+q")
        assert term.wait_exit() == 0


def shown_cells(term: PtyTerminal) -> list[list[tuple[str, str, str, bool, bool, bool]]]:
    """Every cell the terminal shows: its character, colours and attributes."""
    buffer = term.screen.buffer
    return [[(c.data, c.fg, c.bg, c.bold, c.italics, c.reverse) for c in (buffer[y][x] for x in range(term.columns))]
            for y in range(term.lines)]


def test_after_arrow_keys_the_screen_is_what_a_whole_redraw_shows(tmp_path: Path) -> None:
    """BLEEP draws only the rows an update changes (ui/compositor.py) and only the cells that differ
    (ui/screen_diff.py); what the terminal then shows must be, cell for cell, what drawing the whole
    screen afresh shows (a resize to another width and back makes BLEEP draw it all)."""
    data = tmp_path / "data"
    LearnerStore(data).create("Sam")
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(tmp_path)) as term:
        term.wait_for(lambda screen: "XP" in screen and "Loading" not in screen)
        term.settle(quiet=0.3)
        for keys in (["down"] * 3, ["down"] * 25, ["up"] * 9, ["up"] * 30):  # still, scrolling down, up, to the top
            for key in keys:
                term.press(key)
            term.settle(quiet=0.3)
            drawn = shown_cells(term)
            for columns in (81, 80):
                before = len(term.output)
                term.resize(columns, 24)
                term.wait_for(lambda _: len(term.output) > before + 80 * 20, settle=False)  # a whole redraw
                term.settle(quiet=0.5)
            assert shown_cells(term) == drawn, keys
        term.press("ctrl+q")
        assert term.wait_exit() == 0
