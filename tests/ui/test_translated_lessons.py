"""A Dutch learner gets the lessons that are translated into Dutch in Dutch, the others in English with a
mark on Home, and answers a translated lesson in Dutch; an English learner on the same data folder does not."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen

from .screen import screen_text
from .test_lesson_player import choose_right, open_lesson

SIZE = (80, 24)
SEARCH = "information-search-the-web"


async def test_a_dutch_learner_sees_the_translated_lesson_in_dutch_and_the_others_marked_english(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Sanne", language="nl")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#lessons", OptionList)
        while menu.get_option_at_index(menu.highlighted).id != SEARCH:
            await pilot.press("down")
        rows = screen_text(app).splitlines()
        assert any("Zoeken op internet" in row and "(in het Engels)" not in row for row in rows)
        assert any("(in het Engels)" in row for row in rows)  # the information module's other lessons
        await open_lesson(pilot, SEARCH)
        assert "Wat is een zoekmachine?" in screen_text(app)
        while app.screen.step.id != "council-address":
            if app.screen.step.type == "choice":
                await choose_right(pilot)
            await pilot.press("enter")
            await pilot.pause()
        assert "Typ het adres van de site van de gemeente" in screen_text(app)
        await pilot.press(*"www.riverton.gov.example", "enter")  # one of the translator's accepted answers
        await pilot.pause()
        assert "Goed!" in screen_text(app)
    answered = [event for event in LearnerStore(data_dir).events() if event.step == "council-address"]
    assert [event.correct for event in answered] == [True]


async def test_an_english_learner_sees_no_mark_and_the_english_lesson(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "(in English)" not in screen_text(app)
        await open_lesson(pilot, SEARCH)
        assert "What is a search engine?" in screen_text(app)
