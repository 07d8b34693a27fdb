"""What a newcomer meets at 80x24: notes that cover nothing, keys that fit, boxes that behave, screens that start at the top."""

from pathlib import Path

from textual import events
from textual.widgets import Input, OptionList

from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.widgets.key_bar import KeyBar
from bleep_tui.ui.widgets.text_field import TextBox

from .screen import key_bar_note, screen_text
from .sims.office_play import start_sim
from .sims.test_forms_ui import CV_LESSON, fill, next_page
from .test_lesson_player import SIZE, create_learner

EMAIL_LESSON = "communication-sim-email-job-centre"


def bottom_line(app: BleepApp) -> str:
    return screen_text(app).splitlines()[-1]


def all_keys_fit(app: BleepApp) -> bool:
    bar = app.screen.query_one(KeyBar)
    return bar.fits(SIZE[0]) and len(bar.spans) == len(bar.keys)


async def test_a_note_shows_on_the_bottom_line_instead_of_over_the_text_and_goes_with_the_next_key(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        before = screen_text(app).splitlines()[:-1]
        await pilot.press("c")  # save my CV: there is none yet
        await pilot.pause()
        assert "You have no CV yet." in bottom_line(app)
        assert screen_text(app).splitlines()[:-1] == before  # nothing above it is covered
        assert not app.query("Toast")
        await pilot.press("down")
        await pilot.pause()
        assert key_bar_note(app) == "" and "Quit" in bottom_line(app)


async def test_the_inbox_opens_with_its_first_message_chosen_so_enter_opens_it(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, EMAIL_LESSON)
        assert app.screen.query_one("#messages", OptionList).highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert "From:" in screen_text(app) and "Choose a message" not in screen_text(app)


async def test_a_reply_starts_in_the_body_and_tab_into_a_box_puts_the_cursor_at_its_end(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, EMAIL_LESSON)
        await pilot.press("enter", "r")
        await pilot.pause()
        assert app.focused.id == "body"
        to, subject = app.screen.query_one("#to", Input), app.screen.query_one("#subject", Input)
        assert to.value and subject.value.startswith("Re: ")
        await pilot.press(*"Dear Ms Hofmann")
        assert app.screen.query_one("#body", TextBox).text.startswith("Dear Ms Hofmann")
        await pilot.press("shift+tab")  # back into Subject: nothing selected, a key adds to it
        assert app.focused is subject and subject.selection.is_empty and subject.cursor_position == len(subject.value)
        await pilot.press("!")
        assert subject.value.startswith("Re: ") and subject.value.endswith("!")


async def test_every_key_of_the_mail_program_fits_whole_on_the_bottom_line(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, EMAIL_LESSON)
        assert all_keys_fit(app) and bottom_line(app).rstrip().endswith("^q Quit")
        await pilot.press("enter", "r")
        await pilot.pause()
        assert all_keys_fit(app) and "^s Send" in bottom_line(app)


async def test_the_cv_builder_opens_at_its_task_and_its_last_page_keys_fit(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, CV_LESSON)
        await pilot.pause()
        assert "Write your own CV." in screen_text(app)  # the first line of the task, not scrolled past
        await fill(pilot, "Sam", "06 1234 5678", "sam@postbox.eu", "Rivertown")
        await next_page(pilot)
        assert "Write your own CV." in screen_text(app) and "Page 2 of 5" in screen_text(app)
        await pilot.press(*"Reliable cook.")
        for _ in range(3):
            await next_page(pilot)
        assert "Page 5 of 5" in screen_text(app)
        assert all_keys_fit(app) and "^s Send form" in bottom_line(app) and "^q Quit" in bottom_line(app)


async def test_keys_left_out_for_lack_of_room_are_left_out_whole(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_sim(pilot, EMAIL_LESSON)
        bar = app.screen.query_one(KeyBar)
        bar.styles.width = 30
        await pilot.pause()
        shown = bottom_line(app)[:30].rstrip()
        assert 0 < len(bar.spans) < len(bar.keys)
        assert all(f"{key.label} {key.description}" in shown for *_, key in bar.spans)
        assert shown.endswith(bar.spans[-1][2].description)  # and nothing after the last whole key


async def test_a_paste_longer_than_a_box_is_cut_to_fit_with_a_note(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#name", Input)
        name.post_message(events.Paste("Sam" * 30))
        await pilot.pause()
        assert name.value == ("Sam" * 30)[:40]
        assert key_bar_note(app) == "Only the first 40 characters fit here: the rest was left out."


async def test_a_key_past_a_full_box_is_dropped_with_a_note_and_no_bell(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    bells = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"x" * 45)
        assert app.screen.query_one("#name", Input).value == "x" * 40
        assert key_bar_note(app) == "This box is full: it takes 40 characters at most." and not bells


async def test_the_log_in_screen_has_the_welcome_screens_margins(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text('mode = "shared"\n')
    app = BleepApp(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].strip() == "" and lines[1].startswith("  BLEEP: log in")
