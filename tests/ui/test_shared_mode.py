"""A shared terminal: learners log in with code and PIN, see only their own progress, and never end the program."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

import bleep_tui.store.accounts as accounts_module
from bleep_tui.store.accounts import MAX_FAILED_LOGINS, AccountStore
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.login import LoginScreen

from .screen import screen_text, settled
from ..store.test_accounts import from_terminals
from .test_lesson_player import LESSON, choose_wrong

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


@pytest.fixture
def two_minutes_between_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each login try comes two minutes after the last, so the wait after repeated failures stays out of it."""
    ticks = itertools.count(time.time(), 120)
    monkeypatch.setattr(accounts_module, "wall_clock", lambda: next(ticks))


async def login_screen_after(shared_dir: Path, code: str, pin: str) -> str:
    """What the start screen shows after one try, with the typed code blanked out."""
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, code, pin)
        assert isinstance(app.screen, LoginScreen)
        return re.sub(r" +", " ", screen_text(app).replace(code, "CODE"))


async def test_unknown_code_wrong_pin_locked_and_deactivated_accounts_show_identical_screens(shared_dir: Path, two_minutes_between_tries: None) -> None:
    accounts = AccountStore(shared_dir)
    accounts.add("cy", "Cy Jones", "4321")
    from_terminals(accounts, "ana", "0000", MAX_FAILED_LOGINS)
    accounts.deactivate("bob")
    screens = {
        "unknown code": await login_screen_after(shared_dir, "nobody", "1234"),
        "wrong PIN": await login_screen_after(shared_dir, "cy", "0000"),
        "locked, right PIN": await login_screen_after(shared_dir, "ana", "1234"),
        "deactivated, right PIN": await login_screen_after(shared_dir, "bob", "5678"),
    }
    assert "did not work" in screens["unknown code"]
    assert all(screen == screens["unknown code"] for screen in screens.values()), screens
    assert not (shared_dir / "learners" / "nobody.json").exists()


async def test_the_fifth_wrong_pin_locks_even_when_the_sixth_is_right(shared_dir: Path, two_minutes_between_tries: None) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "0000")
        for _ in range(MAX_FAILED_LOGINS - 1):
            await pilot.press(*"0000", "enter")  # the code stays typed after a wrong PIN
            await pilot.pause()
        assert AccountStore(shared_dir).get("ana").locked
        await pilot.press(*"1234", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen) and "did not work" in screen_text(app)


async def test_repeated_failures_from_one_terminal_make_it_wait_whatever_the_code(shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts_module, "wall_clock", lambda: 1_800_000_000.0)  # time stands still
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        for code in ("nobody", "ana", "bob"):  # three failures are free; the next try waits
            await log_in(pilot, code, "0000")
            await pilot.press(*["backspace"] * 8, "shift+tab", *["backspace"] * 8)
        await log_in(pilot, "ana", "1234")  # the right PIN, but this terminal must wait first
        assert "Wait" in screen_text(app) and isinstance(app.screen, LoginScreen)
    assert AccountStore(shared_dir).get("ana").failed_logins == 1  # the waiting try was not checked nor counted


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


class Clock:
    """The app's idle clock, moved on only by the test: no real wait decides a logout."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def wait_for_login_screen(pilot: Pilot) -> None:
    for _ in range(400):  # a bounded wait for the screen itself, not for a length of time
        if isinstance(pilot.app.screen, LoginScreen):
            return
        await pilot.pause(0.05)
    raise AssertionError(f"still not logged out:\n{screen_text(pilot.app)}")


async def test_an_idle_learner_is_logged_out_with_progress_saved(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    app.clock = clock = Clock()
    app.idle_seconds = 0.1  # the real timer only decides how often the app looks at its clock
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")  # the intro
        await choose_wrong(pilot)
        assert "2 tries left" in screen_text(app)
        clock.now += 1  # ten times the idle time without a key
        await wait_for_login_screen(pilot)
        assert "You were logged out after 15 minutes without a key. Your progress is saved." in screen_text(app)
        assert app.store is None
        await log_in(pilot, "ana", "1234")
        await open_lesson(pilot, LESSON)
        assert "Step 2 of 4" in screen_text(app) and "2 tries left" in screen_text(app)
    answered = [e for e in LearnerStore(shared_dir, "ana").events() if e.kind == "answered"]
    assert [(e.step, e.correct) for e in answered] == [("caller-asks", False)]


async def test_a_learner_who_keeps_typing_is_not_logged_out(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    app.clock = clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        await open_lesson(pilot, LESSON)
        for _ in range(3):  # 30 minutes in all, a key every 10
            clock.now += 10 * 60
            await pilot.press("tab")
            app.log_out_if_idle()
            await pilot.pause()
        assert "Step 1 of 4" in screen_text(app) and app.store.code == "ana"
        clock.now += 14 * 60  # nearly 15 minutes since the last key
        app.log_out_if_idle()
        await pilot.pause()
        assert not isinstance(app.screen, LoginScreen)
        clock.now += 60
        app.log_out_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen) and app.store is None


async def test_the_idle_logout_waits_for_the_configured_minutes(shared_dir: Path) -> None:
    (shared_dir / "settings.toml").write_text('mode = "shared"\nidle_minutes = 3\n')
    app = BleepApp(shared_dir)
    app.clock = clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        clock.now += 3 * 60 - 1
        app.log_out_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        clock.now += 1
        app.log_out_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert "You were logged out after 3 minutes without a key." in screen_text(app)


async def test_personal_mode_has_no_login_and_ctrl_q_still_quits(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "What should we call you?" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_a_crash_at_the_login_shows_a_plain_message_and_the_pin_is_nowhere(
    shared_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> bool:
        raise RuntimeError("a bug while checking")

    monkeypatch.setattr(accounts_module, "secret_matches", broken)  # AccountStore.login holds the typed PIN in its locals
    app = BleepApp(shared_dir)
    with pytest.raises(RuntimeError):  # under Pilot the bug is raised again, so tests fail loudly
        async with app.run_test(size=SIZE) as pilot:
            await log_in(pilot, "ana", "918273")
    assert app.return_code == 1
    shown = capsys.readouterr().err  # what is printed on the terminal once the app has left the screen
    assert "Something went wrong" in shown and "Your answers so far are saved" in shown
    assert "918273" not in shown and "Traceback" not in shown and str(shared_dir) not in shown
    log = (shared_dir / "logs" / "errors.log").read_text()
    assert "a bug while checking" in log and "RuntimeError" in log
    assert "918273" not in log
    assert (shared_dir / "logs" / "errors.log").stat().st_mode & 0o777 == 0o600


async def test_a_pin_typed_right_behind_the_codes_enter_goes_into_the_pin_field(shared_dir: Path) -> None:
    """Keys that arrive in one burst (a quick typist, a busy server, a thin client sending a line) stay in order."""
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in (*"ana", "enter", *"1234", "enter"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))  # queued together, as from a burst
        for _ in range(100):  # the login takes one scrypt check: wait for Home, but not for ever
            if isinstance(app.screen, HomeScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, HomeScreen), (app.screen.query_one("#code", Input).value, app.screen.query_one("#pin", Input).value)


async def test_the_login_key_bar_names_what_enter_does_in_each_field(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Next: your PIN" in screen_text(app).splitlines()[-1]
        await pilot.press(*"ana", "enter")
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert "Log in" in bar and "Next: your PIN" not in bar


async def test_the_start_screen_is_drawn_and_takes_a_login_before_the_lessons_are_loaded(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    app._content_lock.acquire()  # as if reading the lessons took a long time: the thread that reads them waits
    async with app.run_test(size=SIZE) as pilot:
        try:
            await pilot.pause(0.2)
            assert not app.content_ready
            assert "Learner code" in screen_text(app)
            await log_in(pilot, "ana", "1234")
            for _ in range(100):  # the login takes one scrypt check
                if isinstance(app.screen, HomeScreen):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, HomeScreen)
            assert "Loading your lessons" in screen_text(app)
        finally:
            app._content_lock.release()
        await settled(pilot)
        screen = screen_text(app)
        assert "Ana Lopez" in screen and "Take cash from a cash machine" in screen
