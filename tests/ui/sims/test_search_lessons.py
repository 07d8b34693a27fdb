"""A learner searches a job site at 80x24 with the keyboard: a perfect run, and the classic mistakes."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.ui.app import BleepApp

from ..screen import key_bar_note, screen_text
from ..test_lesson_player import choose_right
from .office_play import SIZE, debrief, events_of, finish_lesson, start_sim

LESSON = "work-sim-search-jobs"


async def keys(pilot, *pressed: str) -> str:
    await pilot.press(*pressed)
    await pilot.pause()
    return screen_text(pilot.app)


async def filter_near_part_time(pilot) -> None:
    """Show only part-time jobs up to 5 km from home."""
    await keys(pilot, "f", "down", "down", "enter", "down", "down", "enter")  # Hours: part-time
    await keys(pilot, "f", "down", "enter", "down", "enter")  # Distance: up to 5 km


async def test_searching_filtering_applying_for_the_real_job_and_reporting_the_fake_scores_every_goal(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        assert "Type your search words in the box above and press Enter." in screen_text(app)
        screen = await keys(pilot, *"kitchen", "enter")
        assert " Ad  Earn 3,000 euro a week" in screen and "Riverton - 2 km - part-time" in screen
        await filter_near_part_time(pilot)
        screen = screen_text(app)
        assert "Filters (f): any place - up to 5 km - part-time" in screen
        assert "Cook's assistant" not in screen and "Hotel Linden" not in screen  # full-time, and 9 km away
        screen = await keys(pilot, "down", "enter")  # the kitchen porter job
        assert "Address: findwell.example/jobs/41872" in screen and "a apply" in screen
        assert "Press Enter to send your application" in await keys(pilot, "a")
        await keys(pilot, "enter")
        assert key_bar_note(app) == "Your application was sent."
        await keys(pilot, "b")  # back to the results, on the job just opened
        await keys(pilot, "down", "r")  # the fake listing below it
        assert "Report \"Kitchen helper - start tomorrow" in screen_text(app)
        screen = await keys(pilot, "y")
        assert "Kitchen helper" not in screen and key_bar_note(app) == "Reported as fake. It is gone from the results."
        await keys(pilot, "e", "y")
        assert "Task finished: 8 of 8 goals met. +66 points (with a first-try bonus of 11)" in debrief(pilot)
        await keys(pilot, "enter")  # Continue after the debrief
        await choose_right(pilot)
        result = await finish_lesson(pilot)
        assert "Lesson complete" in result
    answered = [e for e in events_of(data_dir, "answered") if e.step == "find-a-job"]
    assert (answered[0].points, answered[0].correct) == (66, True)


async def test_opening_the_advert_and_paying_the_fake_jobs_fee_show_what_happened_and_miss_those_goals(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        await keys(pilot, *"jobs", "enter")
        screen = await keys(pilot, "enter")  # the first result: the advert
        assert "This page is an advert: a company paid to be shown at the top." in screen
        assert "a apply" not in screen  # an advert is no job to apply for
        await keys(pilot, "b", "down", "down", "enter")  # the fake kitchen helper job
        screen = await keys(pilot, "a")
        assert "To apply, pay the fee for training and your uniform: €45.00" in screen
        screen = await keys(pilot, "enter")
        assert "Simulation: what just happened" in screen and "block the card" in screen
        await keys(pilot, "escape")  # closes the explanation, not the lesson
        assert app.screen.query(".sim")
        await keys(pilot, "e", "y")
        told = debrief(pilot)
        assert "Task finished: 1 of 8 goals met." in told  # only "reported no real job"
        assert "A real employer never asks you to pay." in told
        assert "The result marked Ad is an advert, not a job." in told
        assert "Press f and choose Hours, then part-time." in told
    trace = [e for e in events_of(data_dir, "answered") if e.step == "find-a-job"][0].answer
    assert {"event": "money_taken", "id": "fake-helper", "cents": 4500} in trace


async def test_reporting_a_real_job_as_fake_and_never_searching_are_told_apart(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        await keys(pilot, "tab")  # nothing to choose before a search: the search box keeps the keys
        assert app.focused.id == "query"
        await keys(pilot, *"kitchen", "enter", "tab")
        assert app.focused.id == "query"  # Tab goes between the box and the results, never out of the site
        await keys(pilot, "tab", "down", "r", "y")  # the real kitchen porter job
        assert "Kitchen porter" not in screen_text(app)
        await keys(pilot, "e", "y")
        told = debrief(pilot)
        assert "Only report a listing with the signs of a fake." in told
        assert "Open it and press a." in told


async def test_in_ascii_mode_the_results_a_filter_dialog_a_page_and_an_application_are_ascii_and_the_search_box_is_one_line(
    data_dir: Path,
) -> None:
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        screens = [await keys(pilot, *"kitchen", "enter")]
        assert "Findwell Jobs  Search: kitchen" in screens[0]  # not a box drawn three lines high
        screens.append(await keys(pilot, "f"))
        screens.append(await keys(pilot, "escape", "down", "enter"))
        screens.append(await keys(pilot, "a"))
        for screen in screens:
            assert {char for char in screen if not char.isascii()} == set(), screen


STORY = "information-sim-search-check-a-story"


async def test_checking_a_story_at_the_council_and_reporting_the_fake_news_site_scores_every_goal(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, STORY)
        screen = await keys(pilot, *"Riverton", "space", *"buses", "space", *"free", "enter")
        assert "Filters (f)" not in screen and "f filters" not in screen and "save job" not in screen  # a search engine
        screen = await keys(pilot, "down", "down", "enter")  # the council's page
        assert "From 1 June 2026, buses are free for people over 67" in screen and "a apply" not in screen
        await keys(pilot, "b", "up", "r", "y")  # the fake news site, just above
        assert "riverton-news24" not in screen_text(app)
        await keys(pilot, "e", "y")
        assert "Task finished: 5 of 5 goals met. +42 points (with a first-try bonus of 7)" in debrief(pilot)
        await keys(pilot, "enter")
        await choose_right(pilot)
        assert "Lesson complete" in await finish_lesson(pilot)


async def test_believing_the_fake_site_and_reporting_the_newspaper_miss_those_goals_with_what_to_look_for(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, STORY)
        await keys(pilot, *"buses", "enter", "down", "enter")  # the fake news site, opened: no harm yet
        assert "(No writer's name. No date. No link to the council.)" in screen_text(app)
        await keys(pilot, "b", "down", "down", "r", "y")  # the newspaper reported as fake
        await keys(pilot, "e", "y")
        told = debrief(pilot)
        assert "Task finished: 1 of 5 goals met." in told  # only "no advert opened": "buses" alone is not the story
        assert "The council decides the bus fares." in told
        assert "no writer, no date" in told
        assert "The council and the newspaper name who wrote it and when." in told
