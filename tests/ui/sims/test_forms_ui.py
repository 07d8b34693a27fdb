"""A learner fills in web forms at 80x24 with the keyboard: inline errors, review, documents, consent boxes."""

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import OptionList

from bleep_tui.ui.app import BleepApp

from ..screen import key_bar_note, screen_text
from ..test_lesson_player import create_learner, open_lesson
from .office_play import SIZE, debrief, events_of, finish_lesson, paste, start_sim

JOB_LESSON = "work-sim-form-job-application"
HOUSING_LESSON = "services-sim-form-housing"
APPOINTMENT_LESSON = "services-sim-form-appointment"
CV_LESSON = "work-sim-cv-builder"
PLAN_LESSON = "release-my-individual-plan"


async def fill(pilot, *values: str) -> None:
    """Clear each box, paste the value in, and move on with Tab."""
    for value in values:
        await pilot.press("ctrl+u")
        await paste(pilot, value)
        await pilot.press("tab")
    await pilot.pause()


async def next_page(pilot) -> None:
    await pilot.press("ctrl+n")
    await pilot.pause()


async def test_a_careful_job_application_from_the_papers_earns_every_goal(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, JOB_LESSON, "Jordan")
        assert "Page 1 of 3: About you" in screen_text(app) and "First name *" in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Given names:    Jordan" in screen_text(app)
        await pilot.press("ctrl+o")  # hide the papers again
        await fill(pilot, "Jordan", "Weber", "14.06.1988", "jordan.weber@postbox.eu", "06 4471 2290", "3512KD")
        await next_page(pilot)
        assert "Page 2 of 3: Work history" in screen_text(app)
        await fill(pilot, "Brightside Bakery", "Bakery assistant", "2015", "2019")
        await paste(pilot, "Since 2020 I did a forklift course.")
        await pilot.press("tab")
        await next_page(pilot)
        assert "Page 3 of 3" in screen_text(app) and "get advice locally" in screen_text(app).lower()
        await pilot.press("space", "tab")  # convictions: any answer is accepted
        await pilot.press("enter", "down", "enter", "tab")  # shifts: the first choice in the menu
        await pilot.press("space")  # I confirm the information is true
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = screen_text(app)
        assert "Check your answers" in review and "Brightside Bakery" in review
        answers = [str(option.prompt) for option in app.screen.query_one("#review", OptionList).options]
        assert any(line.startswith("Time since your last job (optional)") and "Since 2020 I did a forklift course." in line for line in answers), answers
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = debrief(pilot)
        assert "Task finished: 12 of 12 goals met." in text, text
        result = await finish_lesson(pilot)
        assert "100% of the points" in result
    assert [e.percent for e in events_of(data_dir, "lesson_finished")] == [100]


async def test_a_wrong_date_is_marked_in_red_and_copying_the_wrong_postcode_is_explained(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, JOB_LESSON, "Jordan")
        await fill(pilot, "Jordan", "Weber", "14th June", "jordan.weber@postbox", "12345", "3511 AB")
        await next_page(pilot)
        screen = screen_text(app)
        assert "Page 1 of 3" in screen
        assert "Type a real date as DD/MM/YYYY" in screen
        assert app.focused is not None and app.focused.id == "input-date-of-birth"
        await pilot.press("ctrl+u", *"14/06/1988", "tab")  # the cursor waits after the wrong date: cleared, then typed by hand
        await fill(pilot, "jordan.weber@postbox.eu", "06 4471 2290")
        await next_page(pilot)
        await fill(pilot, "Brightside Bakery", "Bakery assistant", "2015", "2019")
        await next_page(pilot)
        await pilot.press("space", "tab", "enter", "down", "enter", "tab", "space", "ctrl+s")
        await pilot.pause()
        text = debrief(pilot)
        assert "Task finished: 10 of 12 goals met." in text, text  # postcode and review missed
        assert "The job centre's postcode (3511 AB) is not yours" in text
        assert "time since your last job" not in text.casefold()  # an optional box left empty costs nothing
        assert "Check answers" in text
    answered = events_of(data_dir, "answered")[-1]
    assert any(r["event"] == "errors_shown" for r in answered.answer)


async def test_the_housing_form_hides_a_ticked_box_that_a_careful_learner_reads_and_unticks(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, HOUSING_LESSON, "Dana")
        await fill(pilot, "Dana", "Novak", "03/09/1990", "2")
        await next_page(pilot)
        await fill(pilot, "1620", "NL05 NWYB 0417 1643 01")
        await pilot.press("enter", "down", "down", "enter")
        await next_page(pilot)
        assert "This IBAN has a typing mistake" in screen_text(app)
        assert app.focused is not None and app.focused.id == "input-iban"
        await pilot.press("ctrl+u")
        await paste(pilot, "NL05 NWYB 0417 1643 00")
        await next_page(pilot)
        assert "Page 3 of 3" in screen_text(app)
        await pilot.press("space", "tab", "tab")  # tick "true"; to the small print button
        await pilot.press("enter")
        await pilot.pause()
        assert "sell" in screen_text(app).lower() or "partner companies" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("shift+tab", "space")  # untick the offers box
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = screen_text(app)
        assert "Yes, share my details with our partners for offers by phone and post." in review
        assert "not ticked" in review
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Task finished: 10 of 10 goals met." in debrief(pilot)


async def test_leaving_the_offers_box_ticked_and_ending_early_costs_points_with_reasons(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, HOUSING_LESSON, "Dana")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = debrief(pilot)
        assert "Task finished: 0 of 10 goals met." in text
        assert "untick it" in text
    answered = events_of(data_dir, "answered")[-1]
    assert answered.points == 0 and answered.finished


async def test_booking_an_appointment_with_the_menu_and_radio_buttons(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, APPOINTMENT_LESSON, "Chris")
        await pilot.press("enter", "down", "down", "enter", "tab")  # New ID card: the 2nd choice
        await fill(pilot, "10/04/2024")
        await pilot.press("space")  # 09:00 is the first time
        await next_page(pilot)
        await fill(pilot, "Chris Berg", "06 2150 7788", "chris.berg@postbox.eu")
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = screen_text(app)
        assert "New ID card" in screen and "09:00" in screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Task finished: 7 of 7 goals met." in debrief(pilot)


NAME = "<script>alert(1)</script> [b]Sam[/b]"


async def test_the_cv_a_learner_writes_is_kept_saved_as_files_and_shown_literally(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, CV_LESSON)
        await fill(pilot, NAME, "06 1234 5678", "sam@postbox.eu", "Rivertown")
        await next_page(pilot)
        await paste(pilot, "Reliable cook. [red]I like team work[/red].")
        await next_page(pilot)
        await fill(pilot, "Kitchen assistant", "Prison kitchen", "2021 - 2024")
        await paste(pilot, "Cooked for 200 people")
        await pilot.press("tab")
        await next_page(pilot)
        await fill(pilot, "Food hygiene certificate")
        await next_page(pilot)
        await pilot.press(*"Cooking", "enter")
        await paste(pilot, "Forklift licence")
        await pilot.press("tab")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "[b]Sam[/b]" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Task finished: 5 of 5 goals met." in debrief(pilot)
        await finish_lesson(pilot)
        await pilot.press("enter")  # back to lessons
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert str(data_dir / "cv" / "me.html") in key_bar_note(app)
    text = (data_dir / "cv" / "me.txt").read_text(encoding="utf-8")
    html = (data_dir / "cv" / "me.html").read_text(encoding="utf-8")
    assert text.startswith(NAME + "\n")
    assert "Reliable cook. [red]I like team work[/red]." in text
    assert "- Forklift licence" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [b]Sam[/b]" in html and "<script>" not in html
    assert (data_dir / "cv" / "me.html").stat().st_mode & 0o777 == 0o600
    out = data_dir.parent / "printed.html"
    command = [sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "learners", "cv", "me", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == html
    assert out.with_suffix(".txt").read_text(encoding="utf-8") == text  # a printable page and plain text, both


async def test_save_my_cv_before_writing_one_says_how_to_make_it(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Sam", "enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "Build your own CV" in key_bar_note(app)
    assert not (data_dir / "cv").exists()


async def test_a_menu_with_no_room_below_opens_above_and_leaves_the_keys_in_view(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot, "Marek")
        await open_lesson(pilot, PLAN_LESSON)
        steps = [step.id for step in app.screen.lesson.steps]
        await app.screen.show_step(steps.index("plan-form"))  # as a learner coming back to it would
        await pilot.pause()
        await fill(pilot, "Marek Horvat", "12/03/2027")
        await next_page(pilot)
        await fill(pilot, "A room of my own by my release day", "Fill in the form for Elm Street House with Jo", "26/02/2027")
        await pilot.press("enter")  # open "Who helps me with this?", the last box on the page
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("Nobody yet" in line for line in lines), "\n".join(lines)
        assert lines[-1].startswith("esc Dismiss menu"), "\n".join(lines)
