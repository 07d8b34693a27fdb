"""A learner pays at the practice card terminal by keyboard: a perfect run, and the classic mistakes."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.ui.app import BleepApp

from ..screen import screen_text
from .money_play import SIZE, debrief, finish_with_the_right_choice, finished_events, press, sim_answers, start_lesson


async def test_a_contactless_coffee_with_a_receipt_scores_every_goal_and_the_lesson_is_saved(data_dir: Path) -> None:
    lesson = "money-sim-card-contactless"
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, lesson)
        screen = screen_text(app)
        assert "PAY  EUR 3.40" in screen and "That is €3.40, please." in screen and "tap card" in screen
        assert "Customer receipt?" in await press(pilot, "t")
        await press(pilot, "enter")
        debrief = await press(pilot, "w")
        assert "Task finished: 4 of 4 goals met. +36 points (with a first-try bonus of 6)" in debrief
        result = await finish_with_the_right_choice(pilot)
        assert "You gained 48 XP" in result
    assert [(e.lesson, e.points, e.percent) for e in finished_events(data_dir)] == [(lesson, 48, 100)]


async def test_paying_a_wrong_amount_with_the_pin_told_to_the_assistant_misses_every_goal(data_dir: Path) -> None:
    lesson = "money-sim-card-wrong-amount"
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, lesson)
        assert "PAY  EUR 649.00" in screen_text(app)
        screen = await press(pilot, "i")
        assert "Just tell me your PIN" in screen
        assert "APPROVED  EUR 649.00" in await press(pilot, "y")
        await press(pilot, "x")  # no receipt
        assert "Task finished: 0 of 5 goals met. +0 points" in await press(pilot, "w")  # the card stays in
        told = debrief(pilot)
        assert "The terminal said 649.00, ten times the price." in told
        assert "Nobody, not even shop staff, needs to know your PIN." in told
        assert "Press R to take the card out before you leave." in told
    answer = sim_answers(data_dir, "shoes")[-1]
    assert (answer.points, answer.correct) == (0, False)


async def test_cancelling_the_wrong_amount_and_typing_the_pin_covered_pays_the_right_amount(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, "money-sim-card-wrong-amount")
        assert "PAY  EUR 64.90" in await press(pilot, "x")
        await press(pilot, "i", "n", "p")
        assert "* * * *" in await press(pilot, "3", "7", "0", "6")
        assert "APPROVED  EUR 64.90" in await press(pilot, "enter")
        await press(pilot, "enter", "r")
        debrief = await press(pilot, "w")
        assert "Task finished: 5 of 5 goals met." in debrief
