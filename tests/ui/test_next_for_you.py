"""Home at 80x24 names one lesson to do next and why, Enter opens it, and each module shows how far the learner got."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp

from .screen import screen_text, settled
from .test_lesson_player import SIZE, create_learner


def finished(store: LearnerStore, lesson: str, stars: int, percent: int) -> None:
    run = f"run-{lesson}"
    store.record(Event("lesson_started", "2026-03-02T10:00:00+00:00", lesson=lesson, run=run))
    store.record(Event("lesson_finished", "2026-03-02T10:09:00+00:00", lesson=lesson, run=run, percent=percent, stars=stars))


def returning_learner(data_dir: Path) -> None:
    """Sam has done the first cash machine lesson well and the bank statement poorly."""
    store = LearnerStore(data_dir)
    store.create("Sam")
    finished(store, "money-atm-withdraw", 3, 100)
    finished(store, "money-bank-statement", 1, 45)


async def test_a_new_learner_is_told_where_to_start_and_enter_starts_it(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        lines = screen_text(app).splitlines()
        first = next(n for n, line in enumerate(lines) if "NEXT FOR YOU" in line)
        assert lines[first].strip() == "NEXT FOR YOU  Take cash from a cash machine"
        assert lines[first + 1].strip() == "You have not started Money yet"
        assert lines[first + 2].strip() == "MONEY  0 of 15"  # above the module list
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.lesson.id == "money-atm-withdraw"
        assert "Take cash from a cash machine" in screen_text(app)


async def test_a_weak_lesson_is_offered_again_with_its_stars_and_enter_opens_it(data_dir: Path) -> None:
    returning_learner(data_dir)
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        home = screen_text(app)
        assert "NEXT FOR YOU  Read a bank statement" in home
        assert "Your best is 1 star: practise again" in home
        assert "MONEY  2 of 15" in home
        await pilot.press("down", "down", "home", "enter")  # away and back: Home's first line is the suggestion
        await pilot.pause()
        assert app.screen.lesson.id == "money-bank-statement"
        assert "Read a bank statement" in screen_text(app)


async def test_a_lesson_that_builds_on_another_sends_the_learner_there_first(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    finished(store, "work-gaps-and-convictions", 3, 100)  # Work begun; its next new lesson builds on the job advert
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        home = screen_text(app)
        assert "NEXT FOR YOU  Read a job advert" in home
        assert "Do this before Write a cover letter" in home
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.lesson.id == "work-read-job-advert"


async def test_module_headings_count_the_lessons_done_in_each_module(data_dir: Path) -> None:
    returning_learner(data_dir)
    finished(LearnerStore(data_dir), "communication-netiquette", 3, 100)
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        menu = app.screen.query_one("#lessons", OptionList)
        headings = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count) if menu.get_option_at_index(i).disabled]
        assert headings[:3] == ["MONEY  2 of 15", "COMMUNICATION  1 of 7", "WORK  0 of 8"]
        await pilot.press("end")
        await pilot.pause()
        assert "PREPARING FOR RELEASE  0 of 3" in screen_text(app)


async def test_in_ascii_mode_the_suggestion_and_the_headings_are_plain_ascii(data_dir: Path) -> None:
    returning_learner(data_dir)
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        home = screen_text(app)
        assert "NEXT FOR YOU  Read a bank statement" in home and "MONEY  2 of 15" in home
        assert home.isascii(), home
