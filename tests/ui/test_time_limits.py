"""No time pressure unless wanted: the idle logout and the machines' timeouts warn first, and a learner or an
installation can make them longer or switch them off. The app's clock is the test's: no real wait decides."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.focus_cursor import focus_point
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.login import LoginScreen
from bleep_tui.ui.sims.atm import AtmWidget

from .screen import key_bar_note, screen_text
from .sims.money_play import press, start_lesson
from .test_shared_mode import SIZE, Clock, log_in, shared_dir  # noqa: F401 (a fixture)

MINUTE = 60


async def test_before_the_idle_logout_a_warning_says_a_key_keeps_the_learner_in(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    app.clock = clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        clock.now += 15 * MINUTE - 15
        app.log_out_if_idle()
        await pilot.pause()
        assert "you will be logged out in 15 seconds. Press any key to stay." in key_bar_note(app)
        rows = screen_text(app).splitlines()
        assert "No key for a while" in rows[app.cursor_position.y]  # a braille display shows the warning
        warned_at = app.cursor_position
        await pilot.press("down")
        await pilot.pause()
        assert key_bar_note(app) == ""
        assert app.cursor_position == focus_point(app.focused) != warned_at  # back on the lesson list
        clock.now += 15
        app.log_out_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the key gave the full 15 minutes again
        clock.now += 15 * MINUTE
        app.log_out_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)


async def test_an_installation_can_switch_the_idle_logout_off(shared_dir: Path) -> None:
    (shared_dir / "settings.toml").write_text('mode = "shared"\ntime_limits = "off"\n')
    app = BleepApp(shared_dir)
    app.clock = clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        clock.now += 10 * 60 * MINUTE
        app.log_out_if_idle()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and key_bar_note(app) == ""
        assert app._idle_timer is None  # nothing wakes an idle session up


async def test_a_learner_who_chooses_much_longer_in_the_profile_gets_ten_times_the_idle_time(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    app.clock = clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await log_in(pilot, "ana", "1234")
        await pilot.press("p")
        await pilot.pause()
        assert "t Time limits" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert key_bar_note(app) == "Time limits: longer (3 times the standard)"
        await pilot.press("t")
        await pilot.pause()
        assert key_bar_note(app) == "Time limits: much longer (10 times the standard)"
        clock.now += 150 * MINUTE - 1
        app.log_out_if_idle()
        await pilot.pause()
        assert app.store is not None
        clock.now += 1
        app.log_out_if_idle()
        await pilot.pause()
        assert "You were logged out after 150 minutes without a key." in screen_text(app)
        await log_in(pilot, "ana", "1234")  # the choice is kept
        assert app.time_limits == "much-longer"
    assert LearnerStore(shared_dir, "ana").profile().time_limits == "much-longer"


def timed_out(machine: AtmWidget) -> bool:
    return any(entry.event == "timed_out" for entry in machine.model.trace)


async def test_the_cash_machine_warns_before_it_stops_waiting_and_any_key_gives_more_time(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    app.clock = clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, "money-sim-atm-withdraw")
        machine = app.screen.query_one(AtmWidget)
        await press(pilot, "i")  # the card is in: the machine waits 30 seconds for a language
        clock.now += 16
        machine.check_time()
        await pilot.pause()
        assert "This stops waiting for you in 14 seconds. Press any key for more time." in key_bar_note(app)
        await press(pilot, "z")  # no key of the machine: it still counts
        clock.now += 29
        machine.check_time()
        assert not timed_out(machine)
        clock.now += 1
        machine.check_time()
        await pilot.pause()
        assert timed_out(machine)


async def test_with_time_limits_off_the_cash_machine_waits_for_the_learner(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    app.clock = clock = Clock()
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, "money-sim-atm-withdraw")
        app.set_time_limits("off")
        machine = app.screen.query_one(AtmWidget)
        await press(pilot, "i")
        assert machine.timer is None  # no timer at all
        clock.now += 60 * MINUTE
        machine.check_time()
        await pilot.pause()
        assert not timed_out(machine) and key_bar_note(app) == ""


async def test_a_profile_with_an_unknown_choice_gets_the_installations_time_limits(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    store.set_time_limits("forever")  # written by a newer BLEEP, or by hand
    (data_dir / "settings.toml").write_text('time_limits = "longer"\n')
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.time_limits == "longer"
        assert "t Time limits" in screen_text(app)
