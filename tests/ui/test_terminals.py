"""Small windows, consoles without Unicode, 16 colours or none, and a session that does nothing when idle."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App

from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.terminal import ANSI_THEME, ascii_text, detect

from .screen import screen_text, settled
from .sims.office_play import ONE_LESSON_PER_SIMULATION, start_sim
from .test_lesson_player import (
    LESSON, SIZE, choose_right, choose_wrong, create_learner, open_lesson, play_one_time_codes_perfectly, put_in_order,
)


async def test_a_window_below_80x24_asks_to_be_enlarged_and_the_app_comes_back_when_it_is(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = screen_text(app)
        assert "Please enlarge your window to at least 80x24." in screen
        assert "It is 60x20 now." in screen
        assert "What should we call you?" not in screen
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "What should we call you?" in screen_text(app)
        await create_learner(pilot)  # the name field has the keyboard again
        assert "Sam" in screen_text(app)


async def test_shrinking_the_window_mid_lesson_covers_it_and_enlarging_it_goes_on_at_the_same_step(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.resize_terminal(80, 23)
        await pilot.pause()
        assert "It is 80x23 now." in screen_text(app)
        await pilot.press("enter")  # keys do not reach the hidden lesson
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        screen = screen_text(app)
        assert "Step 2 of 4" in screen and "Right!" not in screen


def non_ascii(screen: str) -> set[str]:
    return {char for char in screen if not char.isascii()}


async def test_ascii_mode_draws_welcome_home_each_kind_of_question_its_feedback_and_the_result_in_ascii(data_dir: Path) -> None:
    """Info, a choice with its feedback and a hint, a typed answer, an order step with an item picked up, the result."""
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert non_ascii(screen_text(app)) == set(), screen_text(app)
        await create_learner(pilot)
        assert non_ascii(screen_text(app)) == set(), screen_text(app)
        await open_lesson(pilot, LESSON)
        screens = []
        for act in (pilot.press("enter"), choose_wrong(pilot), pilot.press("h"), choose_right(pilot), pilot.press("enter")):
            screens.append(screen_text(app))
            await act
            await pilot.pause()
        screens.append(screen_text(app))  # a typed answer
        for screen in screens:
            assert non_ascii(screen) == set(), screen
        await pilot.press(*"Nobody", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("space")  # an order step with an item picked up
        await pilot.pause()
        assert non_ascii(screen_text(app)) == set(), screen_text(app)
        await pilot.press("space")
        await put_in_order(pilot)
        assert non_ascii(screen_text(app)) == set(), screen_text(app)  # the debrief of a right answer
        await pilot.press("enter")
        await pilot.pause()
        result = screen_text(app)
        assert "Lesson complete" in result
        assert non_ascii(result) == set(), result


@pytest.mark.parametrize("lesson_id", ONE_LESSON_PER_SIMULATION)
async def test_every_simulation_screen_and_its_leave_dialog_are_ascii_in_ascii_mode(data_dir: Path, lesson_id: str) -> None:
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, lesson_id)
        screen = screen_text(app)
        assert non_ascii(screen) == set(), screen
        await pilot.press("escape")  # a simulated task asks before it is left
        await pilot.pause()
        screen = screen_text(app)
        assert app.screen.is_modal and non_ascii(screen) == set(), screen


async def test_a_perfect_lesson_in_ascii_mode_shows_ascii_stars(data_dir: Path) -> None:
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await play_one_time_codes_perfectly(pilot)
        assert "***   100% of the points" in screen_text(app)
        assert non_ascii(screen_text(app)) == set(), screen_text(app)


def test_what_ascii_mode_sends_for_unicode_keeps_every_line_its_width() -> None:
    for text in ("Zoë paid €20 … ✔ ★★☆", "╭─┬─╮│▁▂█░", "名前 🙂 ok"):
        assert ascii_text(text).isascii()
        assert cell_len(ascii_text(text)) == cell_len(text), text
    assert ascii_text("Zoë paid €20") == "Zoe paid E20"


@pytest.mark.parametrize(
    ("environ", "ascii", "ansi"),
    [
        ({"TERM": "xterm-256color", "LANG": "en_GB.UTF-8"}, False, False),
        ({"TERM": "xterm-256color", "LANG": "en_GB.UTF-8", "NO_COLOR": ""}, False, True),
        ({"TERM": "xterm", "LANG": "C.UTF-8"}, False, True),
        ({"TERM": "linux", "LANG": "C"}, True, True),
        ({"TERM": "linux", "LANG": "C", "LC_CTYPE": "C.UTF-8"}, True, True),  # Python's own coercion of C
        ({"TERM": "linux", "LC_ALL": "nl_BE.UTF-8", "LANG": "C"}, False, True),
        ({"TERM": "vt100", "LANG": "en_US.UTF-8"}, True, True),
        ({"TERM": "dumb", "LANG": "en_US.UTF-8"}, True, True),
        ({}, True, True),
        ({"TERM": "xterm", "COLORTERM": "truecolor", "LANG": "en_US.utf8"}, False, False),
    ],
)
def test_the_terminal_is_read_from_the_environment(environ: dict[str, str], ascii: bool, ansi: bool) -> None:
    terminal = detect(environ, platform="linux")
    assert (terminal.ascii, terminal.ansi_colours) == (ascii, ansi)


async def test_16_colour_and_no_colour_terminals_get_the_ansi_theme(data_dir: Path) -> None:
    app = BleepApp(data_dir, ansi_colours=True)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        assert app.theme == ANSI_THEME
        assert app.current_theme.ansi
        assert "Sam" in screen_text(app)
    assert BleepApp(data_dir).theme != ANSI_THEME


def ticking_timers(app: App) -> list[str]:
    """Timers that will wake the app (Textual's own private bookkeeping: paused timers do not count)."""
    nodes = [app, *app.screen_stack]
    for screen in app.screen_stack:
        nodes += list(screen.walk_children(with_self=False))
    return [
        f"{type(node).__name__}:{timer.name}"
        for node in nodes
        for timer in node._timers
        if timer._task is not None and not timer._task.done() and timer._active.is_set()
    ]


async def test_an_idle_session_on_a_text_field_runs_no_timer(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "What should we call you?" in screen_text(app)
        assert ticking_timers(app) == []  # the welcome screen's name field
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await choose_right(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert "Step 3 of 4" in screen_text(app)  # a typed answer, with the cursor in it
        assert ticking_timers(app) == []


async def test_ascii_mode_frames_fields_with_plus_minus_and_bar(data_dir: Path) -> None:
    """Not only no Unicode (the output filter would see to that) but frames a console draws well."""
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        frame = [line.strip() for line in lines if line.strip().startswith("+--")]
        assert len(frame) == 2 and all(line.endswith("--+") for line in frame), "\n".join(lines)
        assert any(line.strip().startswith("|") and line.strip().endswith("|") for line in lines)


def underlined_rows(app: App) -> list[int]:
    """The rows of the screen with underlined text: what marks the highlight without colour."""
    strips = app.screen._compositor.render_strips()
    return [y for y, strip in enumerate(strips) if any(s.style and s.style.underline and s.text.strip() for s in strip)]


async def test_without_colour_the_highlighted_lesson_and_answer_are_underlined_and_nothing_else(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under NO_COLOR bold alone marked the highlight, as bold as the module headings: a learner could not see where they were."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = BleepApp(data_dir, ansi_colours=True)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        assert underlined_rows(app) == [app.cursor_position.y]
        assert "Pay in a shop by card" in screen_text(app).splitlines()[app.cursor_position.y]
        await open_lesson(pilot, LESSON)
        await pilot.press("enter", "down", "down")
        await pilot.pause()
        assert underlined_rows(app) == [app.cursor_position.y]


class MarkedHighlight:
    """On each screen: where a list, table or set of radio buttons has the focus, the line the cursor is on
    (the highlighted item: ui/focus_cursor.py) is underlined or reversed, so it shows without colour."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked = 0

    def check(self, app: App, where: str) -> None:
        from textual.widgets import DataTable, OptionList, RadioSet

        if not isinstance(app.focused, (OptionList, DataTable, RadioSet)):
            return
        if isinstance(app.focused, OptionList) and app.focused.highlighted is None:
            return  # an empty list (a folder with no files): nothing is highlighted
        row = app.cursor_position.y
        strip = app.screen._compositor.render_strips()[row]
        self.checked += 1
        if not any(s.style and (s.style.underline or s.style.reverse) and s.text.strip() for s in strip):
            self.problems.append(f"{where}: the highlighted line {strip.text.strip()[:50]!r} is not marked")


async def test_without_colour_every_screens_highlight_is_marked(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_pseudo_locale import walk_every_learner_screen

    monkeypatch.setenv("NO_COLOR", "1")
    walk = MarkedHighlight()
    app = BleepApp(data_dir, ansi_colours=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await walk_every_learner_screen(pilot, walk)
    assert walk.checked >= 5 and not walk.problems, "\n".join(walk.problems)
