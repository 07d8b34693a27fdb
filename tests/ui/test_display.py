"""Readable for low vision and dyslexia: a learner chooses high contrast or more space between lines in their
profile (or the installation does for everyone); the screens change at once and the choice is kept."""

from __future__ import annotations

from pathlib import Path

from rich.color import Color

from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp

from .screen import key_bar_note, screen_text
from .test_lesson_player import open_lesson
from .test_shared_mode import SIZE, log_in, shared_dir  # noqa: F401 (a fixture)

BLACK, WHITE, YELLOW = Color.parse("#000000"), Color.parse("#ffffff"), Color.parse("#ffff00")


def colours_on_screen(app: BleepApp) -> tuple[set[Color], set[Color]]:
    """The text and background colours of every cell drawn."""
    texts, backgrounds = set(), set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if segment.style and segment.text.strip():
                texts.add(segment.style.color)
            if segment.style:
                backgrounds.add(segment.style.bgcolor)
    return texts, backgrounds


def only(colours: set[Color], allowed: set[Color]) -> bool:
    """Every colour is one of `allowed`, give or take the rounding of a border's blend (#feff00 is yellow)."""
    return all(any(max(abs(a - b) for a, b in zip(c.triplet, ok.triplet)) <= 2 for ok in allowed) for c in colours)


def rows_between(screen: str, first: str, second: str) -> int:
    rows = screen.splitlines()
    return next(i for i, row in enumerate(rows) if second in row) - next(i for i, row in enumerate(rows) if first in row)


async def test_high_contrast_is_white_and_yellow_on_black_everywhere_and_is_kept(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        await pilot.press("p")
        await pilot.pause()
        assert "Display: standard  (v: change)" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert key_bar_note(app) == "Display: high contrast (white on black)"
        await pilot.press("escape")
        await pilot.pause()
        texts, backgrounds = colours_on_screen(app)
        assert only(backgrounds, {BLACK, YELLOW}) and only(texts, {WHITE, YELLOW, BLACK}), (texts, backgrounds)  # no grey
        await pilot.press("ctrl+c")  # log out: the next learner gets the installation's look
        await pilot.pause()
        assert app.theme != "bleep-high-contrast"
        await log_in(pilot, "ana", "1234")
        assert app.theme == "bleep-high-contrast"
    assert LearnerStore(shared_dir, "ana").profile().display == "high-contrast"


async def test_more_space_puts_a_blank_line_after_each_option_and_between_a_steps_parts(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("v", "v")
        await pilot.pause()
        assert key_bar_note(app) == "Display: more space between lines"
        assert app.theme != "bleep-high-contrast"
        await pilot.press("escape")
        await pilot.pause()
        await open_lesson(pilot, "money-atm-withdraw")
        await pilot.press("enter")
        await pilot.pause()
        step = app.screen.query_one("#step")
        options = [option.prompt for option in step.query_one("OptionList").options]
        screen = screen_text(app)
        assert rows_between(screen, str(options[0])[:30], str(options[1])[:30]) == 2, screen


async def test_an_installation_can_make_high_contrast_the_look_of_every_learner_who_has_not_chosen(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('display = "high-contrast+spacious"\n')
    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "bleep-high-contrast" and app.has_class("-spacious")


async def test_high_contrast_works_on_a_16_colour_ascii_console(data_dir: Path) -> None:
    """The 16-colour theme's CSS refers to variables the high-contrast theme must also give (it crashed once)."""
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('display = "high-contrast"\n')
    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir, ascii=True, ansi_colours=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == "bleep-high-contrast-ansi" and app.is_running
        assert "Sam" in screen_text(app)
