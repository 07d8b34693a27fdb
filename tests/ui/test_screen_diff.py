"""ScreenDiff sends fewer bytes, and a terminal shows exactly what Textual's own output would show."""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st

from bleep_tui.ui.screen_diff import ScreenDiff

COLUMNS, ROWS = 12, 5  # small, so that writes overlap often

STYLES = [
    "\x1b[0m", "\x1b[m", "\x1b[1m", "\x1b[31m", "\x1b[38;2;1;120;212m", "\x1b[48;5;200m", "\x1b[7m", "\x1b[1;31;42m",
    # as Textual writes them: whole styles, one differing from the next in an attribute or a colour
    "\x1b[38;2;224;224;224;48;2;39;39;39m", "\x1b[1;38;2;224;224;224;48;2;39;39;39m", "\x1b[1;3;38;2;224;224;224;48;2;1;120;212m",
    "\x1b[2;4;9;38;5;12m", "\x1b[22m", "\x1b[39;49m", "\x1b[3;94;104m", "\x1b[6;31m",
]
TEXT = st.text(alphabet="ab  ▔█é☆", min_size=1, max_size=8)
# Wide characters and combining marks, placed away from the right edge, as Textual places them:
# at the edge a terminal's handling of them differs from one terminal to the next.
WIDE = st.builds(
    lambda y, x, text: f"\x1b[{y};{x}H{text}",
    st.integers(1, ROWS), st.integers(1, COLUMNS - 6), st.text(alphabet="a你\u0301", min_size=1, max_size=3),
)
TOKEN = st.one_of(
    st.builds(lambda y, x: f"\x1b[{y};{x}H", st.integers(1, ROWS), st.integers(1, COLUMNS)),
    st.sampled_from(STYLES),
    TEXT,
    WIDE,
    st.sampled_from(["\r", "\n", "\r\n", "\x1b[?25l", "\x1b[?2026h", "\x1b[?2026l", "\x1b]22;default\x07", "\x1b]2;BLEEP\x1b\\"]),
    st.sampled_from(["\x1b[2J", "\x1b[K", "\x1b[3C", "\b"]),  # not followed: sent as written
)
WRITES = st.lists(st.lists(TOKEN, max_size=12).map("".join), min_size=1, max_size=12)


class Terminal:
    """What a terminal shows, with line wrap off as Textual sets it."""

    def __init__(self, columns: int = COLUMNS, rows: int = ROWS) -> None:
        self.columns, self.rows = columns, rows
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)
        self.stream.feed("\x1b[?7l")

    def feed(self, data: str) -> None:
        self.stream.feed(data)

    def shown(self) -> list[list[tuple]]:
        buffer = self.screen.buffer
        return [
            [(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse, c.strikethrough) for c in (buffer[y][x] for x in range(self.columns))]
            for y in range(self.rows)
        ]


@settings(max_examples=400, deadline=None)
@given(WRITES)
def test_the_terminal_shows_the_same_after_every_write(writes: list[str]) -> None:
    direct, diffed, diff = Terminal(), Terminal(), ScreenDiff(COLUMNS, ROWS)
    for data in writes:
        direct.feed(data)
        diffed.feed(diff.filter(data))
        assert diffed.shown() == direct.shown(), repr(data)


TALL = 10  # rows of the screen for scrolling: room for a list and rows above and below it
ROW_TEXT = st.text(alphabet="ab x", min_size=COLUMNS, max_size=COLUMNS)


@st.composite
def scrolling_writes(draw: st.DrawFn) -> list[str]:
    """A screen of whole rows, then repaints of bands of rows showing what rows above or below showed
    (as a list does when it scrolls), some with a changed cell, a changed style or other writes after."""
    rows = {y: (draw(st.sampled_from(STYLES)), draw(ROW_TEXT)) for y in range(1, TALL + 1)}
    writes = ["".join(f"\x1b[{y};1H{style}{text}\x1b[0m" for y, (style, text) in rows.items())]
    for _ in range(draw(st.integers(1, 6))):
        top = draw(st.integers(1, TALL - 3))
        bottom = draw(st.integers(top + 3, TALL))
        lines = draw(st.sampled_from([1, 2, 3, 4, -1, -2, -3, -4]))
        repainted = {}
        for y in range(top, bottom + 1):
            if top <= y + lines <= bottom and draw(st.integers(0, 5)):
                style, text = rows[y + lines]
                if not draw(st.integers(0, 3)):  # the highlight or the scrollbar moved: one cell differs
                    x = draw(st.integers(0, COLUMNS - 1))
                    text = text[:x] + "█" + text[x + 1:]
                repainted[y] = (style, text)
            else:
                repainted[y] = (draw(st.sampled_from(STYLES)), draw(ROW_TEXT))
        kept = draw(st.integers(0, 2))  # columns at the right the repaint leaves alone, as Textual may
        repainted = {y: (style, text[: COLUMNS - kept] + rows[y][1][COLUMNS - kept:]) for y, (style, text) in repainted.items()}
        write = "".join(f"\x1b[{y};1H{style}{text[: COLUMNS - kept]}\x1b[0m" for y, (style, text) in repainted.items())
        rows.update(repainted)
        writes.append(write + "".join(draw(st.lists(TOKEN, max_size=3))))
    return writes


@settings(max_examples=300, deadline=None)
@given(scrolling_writes())
def test_a_scrolled_list_shows_the_same_as_textuals_own_output(writes: list[str]) -> None:
    direct, diffed, diff = Terminal(COLUMNS, TALL), Terminal(COLUMNS, TALL), ScreenDiff(COLUMNS, TALL)
    for data in writes:
        direct.feed(data)
        diffed.feed(diff.filter(data))
        assert diffed.shown() == direct.shown(), repr(data)


def test_a_list_scrolled_by_a_line_is_scrolled_by_the_terminal_and_only_the_new_line_sent() -> None:
    diff = ScreenDiff(80, 24)
    lessons = [(f"Lesson number {n}: " + "practice " * (n % 5)).ljust(80) for n in range(40)]
    diff.filter(frame({y: lessons[y] for y in range(1, 25)}))
    sent = diff.filter(frame({y: lessons[y + 1] for y in range(3, 21)} | {1: lessons[1], 2: lessons[2]}))
    assert "\x1b[3;20r" in sent and "\x1bD" in sent  # rows 4-20 moved up by the terminal itself
    assert "Lesson number 21" in sent
    assert "Lesson number 5" not in sent


def frame(text_by_row: dict[int, str], style: str = "\x1b[38;2;224;224;224;48;2;39;39;39m") -> str:
    """Rows as Textual paints them: placed, styled, reset."""
    return "".join(f"\x1b[{y};1H{style}{text}\x1b[0m" for y, text in text_by_row.items())


def test_a_repaint_of_the_same_rows_sends_no_cell_again() -> None:
    diff = ScreenDiff(80, 24)
    rows = {y: f"Row {y}".ljust(80) for y in range(1, 25)}
    first = diff.filter(frame(rows))
    again = diff.filter(frame(rows) + "\x1b[12;10H")
    assert len(first) > 80 * 24
    assert again == "\x1b[12;10H"  # only where the cursor goes


def test_one_changed_character_sends_that_character_with_its_style() -> None:
    diff = ScreenDiff(80, 24)
    rows = {y: "x" * 80 for y in range(1, 25)}
    diff.filter(frame(rows))
    rows[7] = "x" * 40 + "y" + "x" * 39
    sent = diff.filter(frame(rows))
    assert sent.count("y") == 1 and "x" not in sent
    assert sent.startswith("\x1b[7;41H\x1b[0m\x1b[38;2;224;224;224;48;2;39;39;39my")


def test_what_it_cannot_follow_goes_out_as_written_and_it_starts_afresh() -> None:
    diff = ScreenDiff(80, 24)
    rows = {1: "a" * 80}
    diff.filter(frame(rows))
    sent = diff.filter("\x1b[2J")
    assert sent.endswith("\x1b[2J")
    assert "a" * 80 in diff.filter(frame(rows))  # after a clear, nothing is assumed to be on the screen


def test_a_change_of_bold_alone_sends_only_the_switch_not_the_whole_style() -> None:
    diff = ScreenDiff(80, 24)
    plain, bold = "\x1b[38;2;224;224;224;48;2;39;39;39m", "\x1b[1;38;2;224;224;224;48;2;39;39;39m"
    diff.filter(frame({1: "x" * 80}))
    sent = diff.filter(f"\x1b[1;1H{plain}ab\x1b[0m{bold}cd\x1b[0m{plain}ef\x1b[0m")
    assert sent == f"\x1b[1;1H\x1b[0m{plain}ab\x1b[1mcd\x1b[22mef\x1b[1;7H\x1b[0m"
