"""Options and items are shown in an order of their own in each run; answers name options, not places."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.events import Event
from bleep_tui.core.model import ChoiceStep
from bleep_tui.core.scoring import score_answer, unanswered
from bleep_tui.core.shuffle import item_order, option_order, step_seed

from .test_scoring import AMOUNT, COVER_PIN, ORDER, SAFE_HABITS

RUNS = [f"run-{n}" for n in range(200)]
CHOICES = [
    pytest.param(step, id=f"{lesson.id}/{step.id}")
    for lesson in load_catalog().lessons.values()
    for step in lesson.steps
    if isinstance(step, ChoiceStep)
]


@pytest.mark.parametrize("step", CHOICES)
def test_over_200_runs_a_right_option_is_shown_in_every_place_a_pinned_option_does_not_hold(step: ChoiceStep) -> None:
    free_places = {place for place, option in enumerate(step.options) if not option.pinned}
    places_of_right = {
        place
        for run in RUNS
        for place, option in enumerate(option_order(step, step_seed(run, step.id)))
        if step.options[option].correct
    }
    assert free_places <= places_of_right


@pytest.mark.parametrize("step", CHOICES)
def test_a_pinned_option_is_always_shown_at_its_written_place(step: ChoiceStep) -> None:
    for run in RUNS[:20]:
        order = option_order(step, step_seed(run, step.id))
        assert sorted(order) == list(range(len(step.options)))
        assert all(order[place] == place for place, option in enumerate(step.options) if option.pinned)


def test_the_shipped_lessons_pin_the_option_that_speaks_of_the_list_itself() -> None:
    lesson = load_catalog().lessons["information-search-the-web"]
    step = lesson.steps[lesson.step_index("which-to-open") or 0]
    assert isinstance(step, ChoiceStep)
    assert [option.text for option in step.options if option.pinned] == ["The first result, because the first one is always the best"]
    assert step.options[-1].pinned


def test_a_run_shows_the_same_order_every_time_and_other_runs_other_orders() -> None:
    assert option_order(SAFE_HABITS, step_seed("a1b2c3", SAFE_HABITS.id)) == option_order(SAFE_HABITS, step_seed("a1b2c3", SAFE_HABITS.id))
    assert item_order(ORDER, step_seed("a1b2c3", ORDER.id)) == item_order(ORDER, step_seed("a1b2c3", ORDER.id))
    assert len({option_order(SAFE_HABITS, step_seed(run, SAFE_HABITS.id)) for run in RUNS}) > 50
    assert len({item_order(ORDER, step_seed(run, ORDER.id)) for run in RUNS}) > 50


def test_an_order_step_is_never_shown_already_right() -> None:
    two = replace(ORDER, items=("First", "Second"))
    assert all(item_order(two, step_seed(run, two.id)) == (1, 0) for run in RUNS)


@pytest.mark.parametrize("items", [2, 3, 4])
def test_an_order_step_never_starts_in_the_right_order_and_is_not_a_rotation(items: int) -> None:
    """Every start is a fair one (for two items the only wrong order is the pair turned round), and each fair one happens."""
    step = replace(ORDER, items=tuple(f"item {n}" for n in range(items)))
    right = tuple(range(items))
    too_easy = {right[turn:] + right[:turn] for turn in range(items)} if items >= 3 else {right}
    assert {item_order(step, step_seed(run, step.id)) for run in RUNS} == set(itertools.permutations(right)) - too_easy


def test_an_answer_stored_before_options_were_shuffled_still_scores_right() -> None:
    """Until options were shuffled they were shown as written, so the place stored was the option's place in the file."""
    stored = Event.from_record({"kind": "answered", "at": "2025-11-02T09:00:00+00:00", "lesson": "atm", "run": "old",
                                "step": "cover-pin", "answer": [0], "correct": True, "points": 12, "bonus": 2,
                                "try_number": 1, "finished": True})
    outcome = score_answer(COVER_PIN, stored.answer, stored.try_number, stored.hints)
    assert (outcome.correct, outcome.points, outcome.bonus) == (stored.correct, stored.points, stored.bonus)


def test_the_option_chosen_scores_the_same_wherever_a_run_showed_it() -> None:
    for run in RUNS[:50]:
        order = option_order(SAFE_HABITS, step_seed(run, SAFE_HABITS.id))
        places = [place for place, option in enumerate(order) if SAFE_HABITS.options[option].correct]
        ticked = [order[place] for place in places]  # what the learner ticked, named as the answer names it
        assert score_answer(SAFE_HABITS, ticked, 1, 0).correct


def test_nothing_typed_ticked_chosen_or_moved_is_not_an_answer() -> None:
    assert unanswered(AMOUNT, "") and unanswered(AMOUNT, "   ")
    assert not unanswered(AMOUNT, "0")
    assert unanswered(COVER_PIN, ()) and unanswered(SAFE_HABITS, [])
    assert not unanswered(SAFE_HABITS, [2])
    shown = item_order(ORDER, "run/atm-order")
    assert unanswered(ORDER, list(shown), shown)
    assert not unanswered(ORDER, [0, 1, 2, 3, 4], shown)
