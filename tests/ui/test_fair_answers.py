"""Options in a fair order, and Enter on an empty answer costs nothing: what a learner sees at 80x24."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from bleep_tui.content.catalog import load_catalog, shipped_dir
from bleep_tui.core.events import Event
from bleep_tui.core.model import ChoiceStep
from bleep_tui.core.scoring import score_answer
from bleep_tui.core.shuffle import option_order, step_seed
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.widgets.steps import MultipleChoice, SingleChoice

from .screen import screen_text
from .test_lesson_player import LESSON, SIZE, choose_right, create_learner, open_lesson, put_in_order

EVERY_KIND = """\
format: 1
id: safety-every-kind
title: Every kind of question
module: safety
summary: One question of each kind, to press Enter on before answering.
competences: ["4.2"]
level: 1
minutes: 2
steps:
  - id: one
    type: choice
    prompt: Which one keeps your PIN safe?
    options:
      - text: Cover the keypad with your hand
        correct: true
        feedback: Yes.
      - text: Say the PIN out loud to the cashier
        feedback: Anyone near can hear it.
      - text: Write the PIN on the back of the card
        feedback: Whoever finds the card has the PIN too.
    explanation: Cover the keypad.
  - id: several
    type: choice
    multiple: true
    prompt: Which of these are safe?
    options:
      - text: Cover the keypad with your hand
        correct: true
        feedback: Yes.
      - text: Take your card back at once
        correct: true
        feedback: Yes.
      - text: Let a stranger help you at the machine
        feedback: A stranger may watch your PIN or swap your card.
    explanation: Cover the keypad and take the card back.
  - id: typed
    type: text
    prompt: Who do you tell your PIN to? (one word)
    accept: [nobody]
    feedback: Think again about who should know it.
    explanation: Nobody.
  - id: ordered
    type: order
    prompt: Put these in order.
    items: [Card in, Type the PIN, Take the card back, Take the cash]
    feedback: The card comes back before the cash.
    explanation: Card in, PIN, card back, cash.
"""


@pytest.fixture
def every_kind(tmp_path: Path):
    lessons = tmp_path / "lessons"
    (lessons / "safety").mkdir(parents=True)
    shutil.copy(shipped_dir("lessons") / "modules.yaml", lessons)
    (lessons / "safety" / "every-kind.yaml").write_text(EVERY_KIND)
    return load_catalog(lessons)


async def type_nothing(pilot: Pilot) -> None:
    await pilot.press("space", "space", "enter")  # only spaces in a text box; ticked and unticked in a list


async def answer_right(pilot: Pilot, step_id: str) -> None:
    if step_id == "typed":
        await pilot.press(*"nobody", "enter")
    elif step_id == "ordered":
        await put_in_order(pilot)
    else:
        await choose_right(pilot)
    await pilot.pause()


@pytest.mark.parametrize(("step_id", "what_to_do"), [
    ("one", "Choose an answer first: move to it with the arrow keys, then press Enter."),
    ("several", "Tick at least one answer with Space first, then press Enter."),
    ("typed", "Type your answer first, then press Enter."),
    ("ordered", "Put the items in order first: Space picks one up, the arrow keys move it. Then press Enter."),
])
async def test_enter_on_an_empty_answer_says_what_to_do_and_costs_no_try_and_no_points(
    data_dir: Path, every_kind, step_id: str, what_to_do: str,
) -> None:
    app = BleepApp(data_dir, catalog=every_kind)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, "safety-every-kind")
        while app.screen.step.id != step_id:
            await answer_right(pilot, app.screen.step.id)
            await pilot.press("enter")  # Continue
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        if step_id in ("several", "typed"):
            await type_nothing(pilot)
            await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert what_to_do in shown
        assert "Not quite" not in shown and "tries left" not in shown
        assert not [e for e in LearnerStore(data_dir).events() if e.kind == "answered" and e.step == step_id]

        await answer_right(pilot, step_id)
        assert "with a first-try bonus" in screen_text(app)  # all the points: nothing was lost
    answered = [e for e in LearnerStore(data_dir).events() if e.kind == "answered" and e.step == step_id]
    assert [(e.try_number, e.correct) for e in answered] == [(1, True)]


def shown_options(app: BleepApp) -> list[str]:
    answer = app.screen.query_one(".answer")
    assert isinstance(answer, (SingleChoice, MultipleChoice))
    step = app.screen.step
    order = answer.order if isinstance(answer, SingleChoice) else [option for _text, option in answer.choices]
    return [step.options[option].text for option in order]


async def test_leaving_with_esc_and_coming_back_shows_the_options_in_the_same_order(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        before = shown_options(app)
        on_screen = [line for line in screen_text(app).splitlines() if any(text in line for text in before)]
        assert [next(text for text in before if text in line) for line in on_screen] == before  # drawn in that order
        await pilot.press("escape")
        await pilot.pause()
        await open_lesson(pilot, LESSON)
        assert shown_options(app) == before

    again = BleepApp(data_dir)  # a new session: the order comes from the run, not from memory
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_lesson(pilot, LESSON)
        assert "Step 2 of 4" in screen_text(again)
        assert shown_options(again) == before


def a_run_showing_the_right_option_last(step: ChoiceStep) -> str:
    return next(
        run for run in (f"run{n}" for n in range(100))
        if step.options[option_order(step, step_seed(run, step.id))[-1]].correct
    )


async def test_the_answer_stored_is_the_option_chosen_not_the_place_it_was_shown_at(data_dir: Path) -> None:
    intro, step = load_catalog().lessons[LESSON].steps[:2]
    assert isinstance(step, ChoiceStep)
    (right,) = step.correct_indexes
    run = a_run_showing_the_right_option_last(step)
    store = LearnerStore(data_dir)
    store.create("Sam")
    store.record(Event("lesson_started", "2026-01-05T10:00:00+00:00", lesson=LESSON, run=run))
    store.record(Event("step_read", "2026-01-05T10:00:10+00:00", lesson=LESSON, run=run, step=intro.id))
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_lesson(pilot, LESSON)
        assert "Step 2 of 4" in screen_text(app)
        assert shown_options(app)[-1] == step.options[right].text
        await choose_right(pilot)
        assert "Right!" in screen_text(app)
    (answered,) = [e for e in LearnerStore(data_dir).events() if e.kind == "answered"]
    assert answered.answer == [right] != [len(step.options) - 1]
    assert score_answer(step, answered.answer, 1, 0).correct
