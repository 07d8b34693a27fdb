"""Sending a terminal only the cells that changed.

Textual paints whole regions, and while a new screen settles (first layout, resize, focus, the
footer's keys) it often paints the same rows several times over. On a thin client at the end of
a slow SSH line every repeat costs. `ScreenDiff` keeps a copy of what the terminal shows, cell by
cell, and sends only the cells that differ, as curses does. Anything it does not understand is
sent as it is and makes it forget the copy, so the worst case is Textual's own output, never a
wrong screen.

When a write repaints whole rows with what other rows showed (a list that scrolled by a line), it
first has the terminal move those rows itself: a scrolling region (DECSTBM) and index or reverse
index, which every VT100 has. Then only what really changed goes out, not the whole list again.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from operator import ne

from rich.cells import get_character_cell_size
from textual.drivers.linux_driver import LinuxDriver

TOKEN = re.compile(r"\x1b\[[0-9;:?$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b|[\r\n]|[^\x1b\r\n]+")
CURSOR_TO = re.compile(r"\x1b\[(\d+);(\d+)H")
STYLE = re.compile(r"\x1b\[[0-9;:]*m")
RESETS = ("\x1b[m", "\x1b[0m")
# What changes nothing on the screen: hiding the cursor, synchronised output, the mouse pointer's shape
# and the window title (operating system commands).
HARMLESS = re.compile(r"\x1b\[\?(?:25|2026)[hl]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")

Cell = tuple[str, str]  # the character(s) drawn in a cell, and the style sequences in force
Row = list["Cell | None"]  # indexed by column, 1-based (index 0 unused)
MIN_SCROLL_ROWS = 4  # a scrolling region smaller than this saves too little to be worth it
MAX_SCROLL = 4  # lines moved at once: an arrow key moves a list by one or two
SCROLL_COST = 12  # cells' worth of bytes that setting a region and scrolling it costs
GAP_CELLS = 5  # unchanged cells sent again rather than moving the cursor over them (a move costs 6-8 bytes)


class ScreenDiff:
    def __init__(self, columns: int, rows: int) -> None:
        self.columns, self.rows = columns, rows
        self.cells: list[list[Cell | None]] = []
        self.wide_rows: set[int] = set()  # rows holding a double-width character: always sent whole
        self.forget()
        self.y, self.x = 1, 1  # where the program's output has put the cursor (1-based)
        self.style = ""  # the style in force in the program's output

    def forget(self) -> None:
        """From now on, assume nothing about what the terminal shows."""
        self.cells = [[None] * (self.columns + 1) for _ in range(self.rows + 1)]
        self.wide_rows.clear()

    def filter(self, data: str) -> str:
        """What to send instead of `data` for the terminal to show the same."""
        out = _Output()
        moved = False
        if len(data) >= self.columns * MIN_SCROLL_ROWS and (written := self._rows_written(data)):
            moved = self._scroll(written, out)
        for match in TOKEN.finditer(data):
            token = match.group()
            if token.startswith("\x1b"):
                if cursor := CURSOR_TO.fullmatch(token):
                    self.y, self.x = int(cursor.group(1)), int(cursor.group(2))
                    moved = True
                elif STYLE.fullmatch(token):
                    self.style = "" if token in RESETS else self.style + token
                elif HARMLESS.fullmatch(token):
                    out.send_raw(token)
                else:
                    return self._give_up(out, data[match.start():])
            elif not self.y:  # where the cursor is, is not known: the terminal alone can follow it
                return self._give_up(out, data[match.start():])
            elif token == "\r":
                self.x, moved = 1, True
            elif token == "\n":
                if self.y >= self.rows:
                    return self._give_up(out, data[match.start():])  # the terminal would scroll
                self.y, moved = self.y + 1, True
            elif (drawn := self._draw(token, out)) < len(token):
                return self._give_up(out, data[match.start() + drawn:])
        if out.sent_cells or moved:
            out.send_raw(f"\x1b[{self.y};{self.x}H")  # the cursor ends where the program left it
        return out.finish()

    def _rows_written(self, data: str) -> dict[int, Row] | None:
        """The cells `data` writes, row by row (None where it writes nothing); None when it holds anything
        but placed, styled text of single-width characters (then no scroll is tried)."""
        rows: dict[int, Row] = {}
        y, x, style = self.y, self.x, self.style
        for match in TOKEN.finditer(data):
            token = match.group()
            if token.startswith("\x1b"):
                if cursor := CURSOR_TO.fullmatch(token):
                    y, x = int(cursor.group(1)), int(cursor.group(2))
                elif STYLE.fullmatch(token):
                    style = "" if token in RESETS else style + token
                elif not HARMLESS.fullmatch(token):
                    return None
            elif token == "\r":
                x = 1
            elif token == "\n":
                y += 1
            else:
                if not 1 <= y <= self.rows or x + len(token) - 1 > self.columns:
                    return None
                row = rows.get(y)
                if row is None:
                    row = rows[y] = [None] * (self.columns + 1)
                if not _narrow(token):
                    return None
                row[x:x + len(token)] = [(character, style) for character in token]
                x += len(token)
        return rows

    def _scroll(self, written: dict[int, Row], out: _Output) -> bool:
        """Scroll a region of the terminal when that makes the `written` rows cheaper to draw; whether it did.

        A region holds only rows this write draws on, whose every cell is known after it: the cells
        written, and the others as the terminal shows them now. Those others are sent again where the
        scroll moved something else onto them.
        """
        after: dict[int, Row] = {}  # each row as the terminal must show it after this write
        for y, row in written.items():
            if y not in self.wide_rows:
                now = self.cells[y]
                row = [cell if cell is not None else shown for cell, shown in zip(row, now)]
                if None not in row[1:]:
                    after[y] = row
        best = (0, 0, 0, 0)  # cells saved, top, bottom, lines (up > 0, down < 0)
        top = None
        for y in range(1, self.rows + 2):
            if y in after:
                top = y if top is None else top
                continue
            if top is not None and y - top >= MIN_SCROLL_ROWS:
                best = max(best, self._best_region(after, top, y - 1))
            top = None
        saved, top, bottom, lines = best
        if saved <= 0:
            return False
        out.send_raw(f"\x1b[0m\x1b[{top};{bottom}r")
        if lines > 0:
            out.send_raw(f"\x1b[{bottom};1H" + "\x1bD" * lines + "\x1b[r")  # index at the bottom margin
            moving = range(top, bottom - lines + 1)
            self.cells[top:bottom + 1] = [self.cells[y + lines] for y in moving] + [self._blank_row() for _ in range(lines)]
        else:
            out.send_raw(f"\x1b[{top};1H" + "\x1bM" * -lines + "\x1b[r")  # reverse index at the top margin
            moving = range(top, bottom + lines + 1)
            self.cells[top:bottom + 1] = [self._blank_row() for _ in range(-lines)] + [self.cells[y] for y in moving]
        for y in range(top, bottom + 1):  # cells this write leaves alone must show what they showed
            row, model, wanted = written[y], self.cells[y], after[y]
            for x in range(1, self.columns + 1):
                if row[x] is None and model[x] != wanted[x]:
                    out.send_cell(y, x, *wanted[x])  # type: ignore[misc]
                    model[x] = wanted[x]
        return True

    def _best_region(self, rows: dict[int, Row], first: int, last: int) -> tuple[int, int, int, int]:
        """The region within rows first..last and the lines to scroll it by that save the most cells."""
        cells = self.cells
        span = range(first, last + 1)
        same = _running_total([sum(map(ne, rows[y], cells[y])) for y in span])  # cells to send without a scroll
        best = (0, 0, 0, 0)
        for lines in (*range(1, MAX_SCROLL + 1), *range(-1, -MAX_SCROLL - 1, -1)):
            # cells to send if row y shows what row y + lines shows now
            moved = _running_total([sum(map(ne, rows[y], cells[y + lines])) if first <= y + lines <= last else 0 for y in span])
            for top in span:
                for bottom in range(top + max(MIN_SCROLL_ROWS, abs(lines) + 1) - 1, last + 1):
                    kept_top, kept_bottom = (top, bottom - lines) if lines > 0 else (top - lines, bottom)
                    cost = moved[kept_bottom - first + 1] - moved[kept_top - first] + abs(lines) * self.columns + SCROLL_COST
                    saved = same[bottom - first + 1] - same[top - first] - cost
                    if saved > best[0]:
                        best = (saved, top, bottom, lines)
        return best

    def _blank_row(self) -> Row:
        return [None] * (self.columns + 1)

    def _draw(self, text: str, out: _Output) -> int:
        """Record `text` at the cursor and send the cells that differ; how many characters it could follow."""
        y = self.y
        if not 1 <= y <= self.rows:
            return 0
        row = self.cells[y]
        x, style, end = self.x, self.style, self.x + len(text)
        if end - 1 <= self.columns and y not in self.wide_rows and _narrow(text):
            # Every character one cell wide: compare the run at once (most of what Textual writes).
            cells = [(character, style) for character in text]
            if row[x:end] == cells:
                out.skip_cells(y, x, text, style)
            else:
                for character, cell in zip(text, cells):
                    if row[x] != cell:
                        out.send_cell(y, x, character, style)
                        row[x] = cell
                    else:
                        out.skip_cells(y, x, character, style)
                    x += 1
            self.x = end
            return len(text)
        for done, character in enumerate(text):
            if not character.isprintable():
                return done
            width = get_character_cell_size(character)
            style = self.style
            if width == 0:  # a combining mark joins the character before, in its style
                before = row[self.x - 1] if 1 < self.x <= self.columns + 1 else None
                if before is None or get_character_cell_size(before[0][0]) != 1:
                    return done
                row[self.x - 1] = None
                self.x -= 1
                character, style, width = before[0] + character, before[1], 1
            if self.x == self.columns + 1 and width == 1:
                self.x = self.columns  # with line wrap off, a character after the last column replaces it
            if self.x + width - 1 > self.columns:
                return done  # a wide character at the edge: left to the terminal
            if width == 2:
                self.wide_rows.add(y)
            cell = (character, style)
            if y in self.wide_rows or row[self.x] != cell:
                out.send_cell(y, self.x, character, style)
                row[self.x] = cell
                if width == 2:
                    row[self.x + 1] = None
            else:
                out.skip_cell(y, self.x, character, style)
            self.x += width
        return len(text)

    def _give_up(self, out: _Output, rest: str) -> str:
        """Send `rest` as the program wrote it, and forget what the terminal shows."""
        if self.y and self.x > self.columns:
            self._redraw_last_cell(out)  # so the cursor waits at the edge, as after the program's own output
        elif self.y:
            out.send_raw(f"\x1b[{self.y};{self.x}H")
        out.send_raw("\x1b[0m" + self.style)  # the terminal as the program left it, before the rest
        out.send_raw(rest)
        for style in STYLE.finditer(rest):
            self.style = "" if style.group() in RESETS else self.style + style.group()
        self.forget()
        self.y = self.x = 0  # unknown: until the program moves the cursor, everything goes out as it is
        return "".join(out.parts)

    def _redraw_last_cell(self, out: _Output) -> None:
        row = self.cells[self.y]
        for x in (self.columns, self.columns - 1):
            if (cell := row[x]) is not None and x + get_character_cell_size(cell[0][0]) - 1 == self.columns:
                out.send_raw(f"\x1b[{self.y};{x}H\x1b[0m{cell[1]}{cell[0]}")
                return
        out.send_raw(f"\x1b[{self.y};{self.columns}H")

_NARROW: set[str] = set()  # printable characters one cell wide, as met


def _narrow(text: str) -> bool:
    """Whether every character of `text` is printable and one cell wide."""
    if _NARROW.issuperset(text):
        return True
    for character in set(text) - _NARROW:
        if not character.isprintable() or get_character_cell_size(character) != 1:
            return False
        _NARROW.add(character)
    return True


# SGR codes that switch an attribute on, and the code that switches it off (22 ends both bold and dim).
ATTRIBUTE_ON = {"1": "22", "2": "22", "3": "23", "4": "24", "5": "25", "7": "27", "8": "28", "9": "29"}
ATTRIBUTE_OFF = {"22": ("1", "2"), "23": ("3",), "24": ("4",), "25": ("5",), "27": ("7",), "28": ("8",), "29": ("9",)}


@lru_cache(maxsize=512)
def _style_change(old: str | None, new: str) -> str:
    """What to send to go from style `old` (None: not known) to `new`: only the attributes and colours
    that differ ("\x1b[22m" to end bold) when that is shorter than a reset and the whole style."""
    whole = new if old == "" else "\x1b[0m" + new
    before, after = _sgr_state(old or ""), _sgr_state(new)
    if old is None or before is None or after is None:
        return whole
    codes = []
    for off, attributes in ATTRIBUTE_OFF.items():
        if any(a in before and a not in after for a in attributes):
            codes.append(off)
            for attribute in attributes:
                before.pop(attribute, None)
    for colour, default in (("fg", "39"), ("bg", "49")):
        if colour in before and colour not in after:
            codes.append(default)
            del before[colour]
    codes += [value for key, value in after.items() if before.get(key) != value]
    change = f"\x1b[{';'.join(codes)}m" if codes else ""
    return change if len(change) < len(whole) else whole


def _sgr_state(style: str) -> dict[str, str] | None:
    """The attributes ("1": bold ...) and colours ("fg", "bg": their codes) a run of SGR sequences
    leaves in force after a reset; None when it holds a code this does not follow."""
    state: dict[str, str] = {}
    for sequence in STYLE.findall(style):
        codes = sequence[2:-1].split(";")
        index = 0
        while index < len(codes):
            code = codes[index] or "0"
            index += 1
            if code == "0":
                state.clear()
            elif code in ATTRIBUTE_ON:
                state[code] = code
            elif code in ATTRIBUTE_OFF:
                for attribute in ATTRIBUTE_OFF[code]:
                    state.pop(attribute, None)
            elif code in ("38", "48"):
                size = {"5": 2, "2": 4}.get(codes[index] if index < len(codes) else "")
                if size is None or index + size > len(codes):
                    return None
                state["fg" if code == "38" else "bg"] = ";".join(codes[index - 1:index + size])
                index += size
            elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
                state["fg"] = code
            elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
                state["bg"] = code
            elif code in ("39", "49"):
                state.pop("fg" if code == "39" else "bg", None)
            else:
                return None
    return state


def _running_total(values: list[int]) -> list[int]:
    """totals[i] is the sum of values[:i], so any range of them adds up in one subtraction."""
    totals = [0]
    for value in values:
        totals.append(totals[-1] + value)
    return totals


class _Output:
    """The bytes to send: runs of changed cells, each placed once, each style set once."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.at: tuple[int, int] | None = None  # where the terminal's cursor is after what we sent
        self.style: str | None = None  # what we last set; None: not known, so the first cell resets
        self.sent_cells = False
        self.gap: list[str] = []  # unchanged cells of the last style right after the cursor, in order

    def skip_cell(self, y: int, x: int, character: str, style: str) -> None:
        """A cell the terminal already shows. A short run of them between changed cells is sent again,
        as that costs fewer bytes than moving the cursor over it."""
        if self.at is not None and self.at == (y, x - len(self.gap)) and style == self.style and len(self.gap) < GAP_CELLS:
            if get_character_cell_size(character[0]) == 1:
                self.gap.append(character)
                return
        self.gap.clear()

    def skip_cells(self, y: int, x: int, text: str, style: str) -> None:
        """Cells of one-cell-wide characters the terminal already shows: `skip_cell` for each, at once."""
        if self.at is not None and self.at == (y, x - len(self.gap)) and style == self.style and len(self.gap) + len(text) <= GAP_CELLS:
            self.gap.extend(text)
        else:
            self.gap.clear()

    def send_cell(self, y: int, x: int, character: str, style: str) -> None:
        if self.gap and self.at == (y, x - len(self.gap)):
            self.parts.append("".join(self.gap))
            self.at = (y, x)
        self.gap.clear()
        if self.at != (y, x):
            self.parts.append(f"\x1b[{y};{x}H")
        if style != self.style:
            self.parts.append(_style_change(self.style, style))
            self.style = style
        self.parts.append(character)
        self.at = (y, x + get_character_cell_size(character[0]))
        self.sent_cells = True

    def send_raw(self, text: str) -> None:
        self.parts.append(text)
        self.at = None
        self.gap.clear()

    def finish(self) -> str:
        if self.style:
            self.parts.append("\x1b[0m")
        return "".join(self.parts)


class DiffingDriver(LinuxDriver):
    """Textual's Linux driver, writing through a ScreenDiff. A new terminal size starts it afresh."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._diff: ScreenDiff | None = None

    def write(self, data: str) -> None:
        try:
            size = os.get_terminal_size(sys.__stderr__.fileno())  # where Textual writes
        except (OSError, AttributeError, ValueError):
            super().write(data)
            self._diff = None
            return
        if self._diff is None or (self._diff.columns, self._diff.rows) != (size.columns, size.lines):
            self._diff = ScreenDiff(size.columns, size.lines)  # a resized terminal may have moved or cleared anything
        super().write(self._diff.filter(data))
