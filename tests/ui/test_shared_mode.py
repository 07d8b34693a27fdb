"""A shared terminal: learners log in with code and PIN, see only their own progress, and never end the program."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.login import LoginScreen

from .screen import screen_text
from .test_lesson_player import LESSON

SIZE = (80, 24)


@pytest.fixture
def shared_dir(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana Lopez", "1234")
    accounts.add("bob", "Bob Smith", "5678")
    return data_dir


async def open_lesson(pilot: Pilot, lesson_id: str) -> None:
    """Highlight the lesson at once (the lesson player's tests walk the menu key by key), then Enter."""
    menu = pilot.app.screen.query_one("#lessons", OptionList)
    menu.highlighted = menu.get_option_index(lesson_id)
    await pilot.press("enter")
    await pilot.pause()


async def log_in(pilot: Pilot, code: str, pin: str) -> None:
    await pilot.press(*code, "enter", *pin, "enter")
    await pilot.pause()


async def test_the_start_screen_asks_for_code_and_pin_and_masks_the_pin(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.store is None
        await pilot.press(*"ana", "enter", *"1234")
        await pilot.pause()
        assert app.screen.query_one("#pin", Input).password
        screen = screen_text(app)
        assert "Learner code" in screen and "1234" not in screen
        assert "Welcome" not in screen and "What should we call you" not in screen


async def test_a_learner_logs_in_and_sees_only_their_own_progress(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        assert isinstance(app.screen, HomeScreen)
        assert "Ana Lopez" in screen_text(app)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")  # read the intro: an event in Ana's file
        await pilot.pause()
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        await log_in(pilot, "bob", "5678")
        home = screen_text(app)
        assert "Bob Smith" in home and "Ana" not in home
        await open_lesson(pilot, LESSON)
        assert "Step 1 of 4" in screen_text(app)
        assert app.store.code == "bob"
    assert [e.kind for e in LearnerStore(shared_dir, "bob").events()] == ["login", "lesson_started"]
    assert "step_read" in [e.kind for e in LearnerStore(shared_dir, "ana").events()]


def message_lines(screen: str) -> list[str]:
    return [line.strip() for line in screen.splitlines() if "match" in line or "locks" in line]


async def test_a_wrong_pin_warns_about_the_lock_and_the_fifth_locks(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "nobody", "0000")
        unknown = message_lines(screen_text(app))
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "0000")
        assert message_lines(screen_text(app)) == unknown  # the screen does not tell which codes exist
        assert "After 5 wrong PINs in a row an account locks" in screen_text(app)
        for _ in range(3):
            await pilot.press(*"0000", "enter")  # the code stays typed after a wrong PIN
            await pilot.pause()
        assert AccountStore(shared_dir).get("ana").failed_logins == 4
        await pilot.press(*"0000", "enter")
        await pilot.pause()
        assert "locked after too many wrong PINs" in screen_text(app)
        await log_in(pilot, "ana", "1234")
        assert "locked after too many wrong PINs" in screen_text(app)
        assert isinstance(app.screen, LoginScreen)
    assert AccountStore(shared_dir).get("ana").locked


async def test_an_unknown_code_reads_like_a_wrong_pin_and_a_deactivated_one_is_named(shared_dir: Path) -> None:
    AccountStore(shared_dir).deactivate("bob")
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "nobody", "1234")
        unknown = message_lines(screen_text(app))
        assert unknown[0].startswith("That code and PIN do not match.")
        await log_in(pilot, "bob", "5678")
        assert "This account is not active. Ask your facilitator." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
    assert not (shared_dir / "learners" / "nobody.json").exists()


async def test_quitting_returns_to_the_start_screen_and_never_ends_the_program(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("ctrl+q", "ctrl+c"):
            await log_in(pilot, "ana", "1234")
            await open_lesson(pilot, LESSON)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, LoginScreen), key
            assert app.store is None
            assert app.screen.query_one("#code", Input).value == ""
        await pilot.press("ctrl+q", "ctrl+c", "escape", "ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LoginScreen)
        assert "Log out" not in screen_text(app)


async def test_the_footer_offers_log_out_instead_of_quit_to_a_learner(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        footer = screen_text(app).splitlines()[-1]
        assert "Log out" in footer and "Quit" not in footer


async def test_an_idle_learner_is_logged_out_with_progress_saved(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    app.idle_seconds = 1.5  # the timer is real, only shorter; each key below starts the wait again
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        await open_lesson(pilot, LESSON)
        await pilot.press("enter", "down", "enter")  # the intro, then a wrong answer
        await pilot.pause()
        for _ in range(200):
            if isinstance(app.screen, LoginScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, LoginScreen)
        assert "You were logged out after 15 minutes without a key. Your progress is saved." in screen_text(app)
        assert app.store is None
        await log_in(pilot, "ana", "1234")
        await open_lesson(pilot, LESSON)
        assert "Step 2 of 4" in screen_text(app) and "2 tries left" in screen_text(app)
    answered = [e for e in LearnerStore(shared_dir, "ana").events() if e.kind == "answered"]
    assert [(e.step, e.correct) for e in answered] == [("caller-asks", False)]


async def test_the_idle_logout_waits_for_the_configured_minutes(shared_dir: Path) -> None:
    (shared_dir / "settings.toml").write_text('mode = "shared"\nidle_minutes = 3\n')
    app = BleepApp(shared_dir)
    assert app.idle_seconds == 180


async def test_personal_mode_has_no_login_and_ctrl_q_still_quits(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "What should we call you?" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
