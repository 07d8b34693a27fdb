"""A learner tidies files in the file manager at 80x24 with the keyboard: a perfect run, and the classic mistakes."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.ui.app import BleepApp

from ..screen import key_bar_note, screen_text
from ..test_lesson_player import choose_right
from .office_play import SIZE, debrief, events_of, finish_lesson, start_sim

LESSON = "information-sim-files-organise"


async def keys(pilot, *pressed: str) -> str:
    await pilot.press(*pressed)
    await pilot.pause()
    return screen_text(pilot.app)


async def type_in(pilot, text: str) -> str:
    return await keys(pilot, *("space" if char == " " else char for char in text))


async def to_folder(pilot, steps_down: int) -> None:
    """Go to the folder `steps_down` below Downloads in the list on the left, and back to its files."""
    await keys(pilot, "left", "home", *["down"] * steps_down, "right")


async def tidy_downloads(pilot) -> None:
    """The first task, done right: the letter saved in Housing, the CV renamed and moved, the payslip moved."""
    assert "An email attachment waits: letter.pdf (120 KB). Press w to save it." in screen_text(pilot.app)
    assert "Document1(3).docx            Text document    24 KB" in screen_text(pilot.app)
    await keys(pilot, "w", "down", "down", "enter")  # Documents/Housing
    await type_in(pilot, " Riverside Homes")
    await keys(pilot, "enter")
    assert "letter Riverside Homes.pdf" in screen_text(pilot.app) and "Folder: Documents/Housing" in screen_text(pilot.app)
    await to_folder(pilot, 0)
    await keys(pilot, "r", "ctrl+u")  # the cursor waits before .docx, which stays
    await type_in(pilot, "CV Nadia Hale 2026-03")
    assert "CV Nadia Hale 2026-03.docx" in await keys(pilot, "enter")
    await keys(pilot, "m", "down", "down", "down", "enter")  # Documents/Work
    screen = await keys(pilot, "down", "enter")  # open scan0042.pdf to see what it is
    assert "Greenway Bakery - payslip for March 2026" in screen
    await keys(pilot, "escape", "m", "down", "down", "enter")  # Documents/Money
    await keys(pilot, "e", "y")


async def test_tidying_downloads_and_rescuing_a_letter_from_the_bin_score_every_goal(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        await tidy_downloads(pilot)
        assert "Task finished: 4 of 4 goals met. +48 points (with a first-try bonus of 8)" in debrief(pilot)
        await keys(pilot, "enter")  # Continue: the Bin and the USB stick
        await to_folder(pilot, 5)  # the Bin
        assert "Probation appointment 2026-04-02.pdf  -  PDF document  -  95 KB" in screen_text(app)  # whole below the list
        await keys(pilot, "u")
        assert key_bar_note(app) == "Restored: it is back where it was."
        await to_folder(pilot, 1)  # Documents
        screen = await keys(pilot, "n")
        assert "New folder in Documents: type its name" in screen
        await type_in(pilot, "Probation")
        await keys(pilot, "enter")
        await keys(pilot, "m", "down", "down", "down", "down", "enter")  # Documents/Probation, below Work
        await to_folder(pilot, 4)  # Work
        await keys(pilot, "c", *["down"] * 5, "enter")  # the USB stick, last in the list
        assert key_bar_note(app) == "Copied to USB stick."
        await keys(pilot, "t")
        assert key_bar_note(app) == "You can take out the USB stick safely now."
        assert "  USB stick  " not in screen_text(app)  # gone from the folders
        await keys(pilot, "e", "y")
        assert "Task finished: 5 of 5 goals met. +54 points (with a first-try bonus of 9)" in debrief(pilot)
        await keys(pilot, "enter")
        await choose_right(pilot)
        assert "Lesson complete" in await finish_lesson(pilot)
    finished = events_of(data_dir, "lesson_finished")
    assert [(e.lesson, e.percent) for e in finished] == [(LESSON, 100)]


async def test_a_name_without_its_ending_or_with_a_slash_is_explained_in_the_box_and_can_be_fixed(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        await keys(pilot, "r", "ctrl+u")
        await type_in(pilot, "CV Nadia")
        await keys(pilot, "end", "backspace", "backspace", "backspace", "backspace")
        await type_in(pilot, "txt")  # CV Nadia.txt
        screen = await keys(pilot, "enter")
        assert "Keep the ending of the name (like .pdf)" in screen
        await keys(pilot, "ctrl+u")
        await type_in(pilot, "CV 03/2026.docx")
        assert "A name cannot have any of these" in await keys(pilot, "enter")
        await keys(pilot, "escape")
        assert "Document1(3).docx" in screen_text(app)  # nothing was renamed


async def test_leaving_files_in_downloads_emptying_the_bin_and_pulling_the_stick_out_miss_those_goals(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        await keys(pilot, "w", "enter")  # the letter saved in Downloads, as it is
        await keys(pilot, "enter")
        await keys(pilot, "e", "y")
        told = debrief(pilot)
        assert "Task finished: 0 of 4 goals met." in told
        assert "Letters about your flat belong in Housing, not in Downloads." in told
        await keys(pilot, "enter")
        await to_folder(pilot, 5)  # the Bin
        screen = await keys(pilot, "x")
        assert "Empty the Bin? Everything in it is deleted for good." in screen
        await keys(pilot, "y")
        assert "(this folder is empty)" in screen_text(app)
        await to_folder(pilot, 6)  # the USB stick
        await keys(pilot, "e", "y")  # ends with the stick still in
        told = debrief(pilot)
        assert "Task finished: 0 of 5 goals met." in told
        assert "Do not empty the Bin first - then the letter is gone for good." in told
        assert "Press t to eject the USB stick before you take it out." in told
    trace = [e for e in events_of(data_dir, "answered") if e.step == "bin-and-stick"][0].answer
    assert any(entry["event"] == "usb_pulled_out" for entry in trace)
    assert any(entry["event"] == "bin_emptied" for entry in trace)


async def test_in_ascii_mode_the_files_the_dialogs_and_a_name_box_are_ascii(data_dir: Path) -> None:
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, LESSON)
        screens = [screen_text(app), await keys(pilot, "w"), await keys(pilot, "enter")]
        screens.append(await keys(pilot, "escape", "r"))
        for screen in screens:
            assert {char for char in screen if not char.isascii()} == set(), screen
