"""A learner uses the practice banking app by keyboard: a perfect payment, an IBAN error, and a scam paid."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.ui.app import BleepApp

from ..screen import screen_text
from .money_play import SIZE, debrief, shown, finish_with_the_right_choice, finished_events, press, sim_answers, start_lesson, type_text


async def test_paying_the_rent_with_a_checked_name_and_the_texted_code_scores_every_goal(data_dir: Path) -> None:
    lesson = "money-sim-banking-rent"
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, lesson)
        assert "Enter your login code:" in screen_text(app)
        assert "* * * * *" in await type_text(pilot, "24680")
        assert "Current account: €1,240.75" in await press(pilot, "enter")
        await press(pilot, "n")
        await type_text(pilot, "Karin Novak")  # `n` and `a` are letters here, not commands
        assert "IBAN of Karin Novak:" in await press(pilot, "enter")
        await type_text(pilot, "NL35 RVSB 0123 4567 8")
        screen = await press(pilot, "enter")
        assert "An IBAN from NL has 18 characters. You" in screen and "typed 17." in screen
        await type_text(pilot, "9")
        assert "The name matches the account holder." in await press(pilot, "enter")
        await type_text(pilot, "650")
        await press(pilot, "enter")
        await type_text(pilot, "Rent May")
        screen = await press(pilot, "enter")
        assert "NL35 RVSB 0123 4567 89" in screen and "Amount: €650.00" in screen
        screen = await press(pilot, "enter")
        assert "Confirm the payment" in screen
        assert "Your code is 731904 to pay €650.00 to Karin Novak." in shown(pilot, "#phone-texts")
        await type_text(pilot, "731904")
        assert "Current account: €590.75" in await press(pilot, "enter")
        debrief = await press(pilot, "l")
        assert "Task finished: 5 of 5 goals met. +48 points (with a first-try bonus of 8)" in debrief
        result = await finish_with_the_right_choice(pilot)
        assert "You gained 60 XP" in result
    assert [(e.lesson, e.points, e.percent) for e in finished_events(data_dir)] == [(lesson, 60, 100)]


async def test_paying_the_fake_relative_without_checking_misses_the_safety_goals(data_dir: Path) -> None:
    lesson = "money-sim-banking-relative-scam"
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, lesson)
        await type_text(pilot, "13579")
        assert "(1 new)" in await press(pilot, "enter")
        await press(pilot, "m")
        assert "I dropped my phone in water" in shown(pilot, "#phone-texts")
        await press(pilot, "b", "n")
        await type_text(pilot, "Mia")
        await press(pilot, "enter")
        await type_text(pilot, "NL37QUKB5551234567")
        assert "The name could not be checked." in await press(pilot, "enter")
        await press(pilot, "enter")  # pay anyway
        await type_text(pilot, "480")
        await press(pilot, "enter")
        await type_text(pilot, "bill")
        await press(pilot, "enter", "enter")
        await type_text(pilot, "482913")
        assert "Current account: €432.40" in await press(pilot, "enter")
        assert "Task finished: 1 of 4 goals met. +5 points" in await press(pilot, "l")
        told = debrief(pilot)
        assert "Never pay to a new account because a message says" in told
        assert "press C to call Mia on the number you already have" in told
        assert "Press R to report the message." in told
    answer = sim_answers(data_dir, "mia")[-1]
    assert (answer.points, answer.correct) == (5, False)


async def test_hanging_up_on_the_fake_bank_and_reporting_it_meets_every_goal(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await start_lesson(pilot, "money-sim-banking-bank-call")
        await type_text(pilot, "80246")
        screen = await press(pilot, "enter")
        assert "Incoming call: Northway Bank Safety Team" in screen and "tell the caller the code" in screen
        assert "You hung up." in await press(pilot, "h")
        await press(pilot, "r")
        debrief = await press(pilot, "l")
        assert "Task finished: 4 of 4 goals met." in debrief
