"""The plan a learner writes for after release is kept, filled in again next time, and printable like the CV."""

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from bleep_tui.ui.app import BleepApp

from ..screen import key_bar_note, screen_text
from ..test_lesson_player import create_learner, open_lesson
from .office_play import SIZE, debrief, finish_lesson
from .test_forms_ui import PLAN_LESSON, fill, next_page

NAME = "<script>alert(1)</script> [b]Sam[/b]"
GOAL = "A room of my own [red]by June[/red] & <b>safe</b>"


async def open_own_plan(pilot) -> None:
    await open_lesson(pilot, PLAN_LESSON)
    steps = [step.id for step in pilot.app.screen.lesson.steps]
    await pilot.app.screen.show_step(steps.index("your-own-plan"))  # as a learner coming back to it would
    await pilot.pause()


async def test_the_plan_is_kept_filled_in_again_and_saved_as_text_and_html_literally(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot, "Sam")
        await pilot.press("m")
        await pilot.pause()
        assert "You have no plan yet" in key_bar_note(app)
        await open_own_plan(pilot)
        assert "Page 1 of 8: About me" in screen_text(app)
        await fill(pilot, NAME, "June 2027")
        await next_page(pilot)
        await fill(pilot, GOAL, "30/06/2027", "Fill in the form for Elm Street House", "Jo, my resettlement worker")
        for _page in range(6):  # money, work, ID, health and skills stay empty; then the check date
            await next_page(pilot)
        assert "Page 8 of 8: Checking my plan" in screen_text(app)
        await fill(pilot, "At my next meeting")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "[red]by June[/red]" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Task finished: 2 of 2 goals met." in debrief(pilot)
        await finish_lesson(pilot)
        await pilot.press("enter")  # back to lessons
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert str(data_dir / "plan" / "me.html") in key_bar_note(app)
        await open_own_plan(pilot)  # coming back: the plan is there to read and change
        assert app.screen.query_one("#input-name", Input).value == NAME
        assert app.screen.query_one("#input-release-date", Input).value == "June 2027"
        await next_page(pilot)
        assert app.screen.query_one("#input-housing-goal", Input).value == GOAL
    text = (data_dir / "plan" / "me.txt").read_text(encoding="utf-8")
    html = (data_dir / "plan" / "me.html").read_text(encoding="utf-8")
    assert text.startswith(NAME + "\nRelease day: June 2027\nCheck this plan again on: At my next meeting\n")
    assert "HOUSING\n-------\n\n" + GOAL + "\nBy when:     30/06/2027\nFirst step:  Fill in the form" in text
    assert "MONEY" not in text  # an area left empty is left out
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; [b]Sam[/b]" in html
    assert "A room of my own [red]by June[/red] &amp; &lt;b&gt;safe&lt;/b&gt;" in html
    assert (data_dir / "plan" / "me.html").stat().st_mode & 0o777 == 0o600
    out = data_dir.parent / "printed-plan.html"
    command = [sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "learners", "plan", "me", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == html
    assert out.with_suffix(".txt").read_text(encoding="utf-8") == text
    shown = subprocess.run(command[:-2], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert shown.returncode == 0 and shown.stdout == text


def test_a_learner_with_no_plan_yet_is_told_which_lesson_makes_one(data_dir: Path) -> None:
    from bleep_tui.store.learner import LearnerStore

    LearnerStore(data_dir).create("Sam")
    command = [sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "learners", "plan", "me"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 1 and "has no plan yet" in done.stderr and "Write my plan for after release" in done.stderr
    assert done.stdout == ""
