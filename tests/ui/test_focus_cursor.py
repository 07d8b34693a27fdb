"""The terminal's cursor is on the focused item after every key: a braille display or screen reader reads the right line."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, OptionList, RadioButton, RadioSet

from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.focus_cursor import CursorFollowsFocus

from .screen import screen_text
from .sims.office_play import ONE_LESSON_PER_SIMULATION, start_sim
from .test_lesson_player import LESSON, SIZE, create_learner, open_lesson


def cursor_row(app: App) -> str:
    """The row of the screen the terminal's cursor is on, as the learner sees it."""
    return screen_text(app).splitlines()[app.cursor_position.y]


def test_textual_still_moves_the_cursor_to_app_cursor_position_in_display() -> None:
    """CursorFollowsFocus sets the position in App._display, a private method: if Textual renames it or stops
    reading `cursor_position` there, the cursor silently stays put for every blind learner. Fail loudly instead."""
    assert list(inspect.signature(App._display).parameters) == ["self", "screen", "renderable"]
    source = inspect.getsource(App._display)
    assert "self.cursor_position" in source and "move_to" in source
    assert CursorFollowsFocus._display is not App._display


class Widgets(CursorFollowsFocus[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(*(f"option {n}" for n in range(30)), id="options")
        yield RadioSet(*(RadioButton(f"radio {n}") for n in range(4)))
        yield DataTable(cursor_type="row")
        yield Input("typed", id="field")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("name", "points")
        table.add_rows([(f"learner {n}", str(n)) for n in range(5)])


async def test_the_cursor_is_on_the_highlighted_line_of_lists_radio_buttons_tables_and_in_text_boxes() -> None:
    app = Widgets()
    async with app.run_test(size=SIZE) as pilot:
        options = app.query_one(OptionList)
        options.styles.height = 8
        options.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        assert "option 2" in cursor_row(app)
        await pilot.press(*["down"] * 12)  # past the bottom: the list scrolls
        await pilot.pause()
        assert options.scroll_offset.y > 0
        assert "option 14" in cursor_row(app)

        await pilot.press("tab", "down", "down")
        await pilot.pause()
        assert "radio 2" in cursor_row(app)  # where the arrows are, before anything is pressed
        await pilot.press("enter", "up")
        await pilot.pause()
        assert "radio 1" in cursor_row(app)

        await pilot.press("tab", "down", "down", "down")
        await pilot.pause()
        assert "learner 3" in cursor_row(app)

        await pilot.press("tab", "end")
        await pilot.pause()
        start = cursor_row(app).index("typed")
        assert app.cursor_position.x == start + len("typed")  # right after the text
        await pilot.press("left")
        await pilot.pause()
        assert app.cursor_position.x == start + len("type")  # on its last letter

        await pilot.press("shift+tab")  # back to a list: the cursor leaves the text box
        await pilot.pause()
        assert "learner 3" in cursor_row(app)


async def test_in_the_lesson_list_and_a_choice_step_the_cursor_follows_the_arrows(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        menu = app.screen.query_one("#lessons", OptionList)
        for _ in range(5):
            await pilot.press("down")
            await pilot.pause()
            prompt = str(menu.get_option_at_index(menu.highlighted).prompt).split("\n")[0].strip()
            assert prompt[:30] in cursor_row(app), (prompt, cursor_row(app))

        await open_lesson(pilot, LESSON)
        await pilot.press("enter")  # past the first, reading step, to a choice
        await pilot.pause()
        answer = app.screen.query_one(".answer", OptionList)
        assert app.focused is answer
        for key in ("down", "down", "up"):
            await pilot.press(key)
            await pilot.pause()
            prompt = str(answer.get_option_at_index(answer.highlighted).prompt).split("\n")[0].strip()
            assert prompt[:30] in cursor_row(app), (prompt, cursor_row(app))


def on_the_focus(app: App) -> bool:
    """Whether the cursor is inside the focused widget (or, with nothing focused, in the corner)."""
    focused = app.focused
    if focused is None:
        return app.cursor_position == (0, 0)
    return focused.region.contains_point(app.cursor_position)


@pytest.mark.parametrize("lesson_id", ONE_LESSON_PER_SIMULATION)
async def test_in_every_simulation_and_its_dialogs_the_cursor_stays_on_what_has_the_focus(data_dir: Path, lesson_id: str) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, lesson_id)
        assert app.focused is not None and on_the_focus(app)
        for key in ("tab", "down", "down", "tab", "up", "escape"):  # the last one asks before the task is left
            await pilot.press(key)
            await pilot.pause()
            assert on_the_focus(app), (key, app.focused, app.cursor_position, screen_text(app))
        assert app.screen.is_modal
