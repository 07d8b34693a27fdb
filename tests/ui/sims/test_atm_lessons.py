"""A learner uses the practice cash machine by keyboard: a perfect run, and the classic mistakes."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.sims.atm import AtmWidget

from ..screen import screen_text
from .money_play import SIZE, debrief, finish_with_the_right_choice, finished_events, press, sim_answers, start_lesson

LESSON = "money-sim-atm-withdraw"


async def test_taking_40_euro_safely_scores_every_goal_and_the_lesson_is_saved(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, LESSON)
        screen = screen_text(app)
        assert "Welcome. Please insert your card." in screen and "insert card" in screen and "Keypad" in screen
        assert "Please choose your language." in await press(pilot, "i")
        await press(pilot, "a", "p")
        screen = await press(pilot, "4", "0", "7")
        assert "* * *" in screen and "4071" not in screen.split("PIN is 4071")[-1]  # the PIN is masked
        assert "Withdraw cash" in await press(pilot, "1", "enter")
        await press(pilot, "a", "b")  # Withdraw cash, 40 euro
        assert "Please take your card." in await press(pilot, "b")  # no receipt: the card comes first
        assert "Please take your cash: €40." in await press(pilot, "t")
        await press(pilot, "m")
        debrief = await press(pilot, "w")
        assert "Task finished: 5 of 5 goals met. +48 points (with a first-try bonus of 8)" in debrief
        result = await finish_with_the_right_choice(pilot)
        assert "You gained 60 XP" in result
    assert [(e.lesson, e.points, e.percent) for e in finished_events(data_dir)] == [(LESSON, 60, 100)]


async def test_forgetting_to_cover_the_pin_and_leaving_the_cash_misses_those_goals(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, LESSON)
        await press(pilot, "i", "a", "4", "0", "7", "1", "enter")
        await press(pilot, "a", "c", "b")  # 50 euro, not 40
        screen = await press(pilot, "t")
        assert "Cash: €50 in the tray" in screen
        assert "Task finished: 2 of 5 goals met. +15 points" in await press(pilot, "w")  # leaving the cash; no receipt left
        told = debrief(pilot)
        assert "Press P to cover the keypad before you type the PIN." in told
        assert "Take the cash (M) as soon as it comes out." in told
    answer = sim_answers(data_dir, "take-40")[-1]
    assert (answer.points, answer.correct) == (15, False)


async def test_the_machine_runs_a_timer_only_while_it_waits_for_the_learner(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, LESSON)
        machine = app.screen.query_one(AtmWidget)
        assert machine.timer is None  # waiting for a card costs nothing
        await press(pilot, "i")
        assert machine.timer is not None
        await press(pilot, "x")  # cancel: the card comes back
        await press(pilot, "t")
        assert machine.timer is None
