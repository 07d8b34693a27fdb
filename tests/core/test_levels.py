"""Which level a learner's XP reaches, and how far it is to the next one."""

from __future__ import annotations

import pytest

from bleep_tui.core.levels import Level, level_for

LEVELS = (
    Level(0, "Newcomer"),
    Level(50, "Starter"),
    Level(150, "Explorer"),
    Level(300, "Practitioner"),
)


def test_a_new_learner_is_at_the_first_level():
    status = level_for(LEVELS, 0)
    assert status.number == 1
    assert status.name == "Newcomer"
    assert status.floor == 0
    assert status.next_at == 50
    assert status.to_next == 50
    assert status.fraction == 0.0


@pytest.mark.parametrize(
    "xp, number, name",
    [(49, 1, "Newcomer"), (50, 2, "Starter"), (149, 2, "Starter"), (150, 3, "Explorer"),
     (299, 3, "Explorer"), (300, 4, "Practitioner")],
)
def test_a_level_is_reached_exactly_at_its_threshold(xp, number, name):
    status = level_for(LEVELS, xp)
    assert (status.number, status.name) == (number, name)


def test_progress_towards_the_next_level_is_a_fraction_of_the_gap():
    status = level_for(LEVELS, 100)
    assert status.floor == 50
    assert status.next_at == 150
    assert status.to_next == 50
    assert status.fraction == pytest.approx(0.5)
    assert level_for(LEVELS, 75).fraction == pytest.approx(0.25)


def test_just_below_a_threshold_is_almost_full():
    status = level_for(LEVELS, 149)
    assert status.to_next == 1
    assert status.fraction == pytest.approx(99 / 100)


def test_the_top_level_has_no_next_level_and_a_full_bar():
    status = level_for(LEVELS, 10_000)
    assert status.number == 4
    assert status.name == "Practitioner"
    assert status.next_at is None
    assert status.to_next == 0
    assert status.fraction == 1.0


def test_reaching_the_top_level_exactly_shows_a_full_bar():
    assert level_for(LEVELS, 300).fraction == 1.0


def test_xp_keeps_counting_at_the_top_level():
    assert level_for(LEVELS, 12_345).xp == 12_345


def test_a_single_level_ladder_is_always_the_top():
    status = level_for((Level(0, "Learner"),), 0)
    assert status.number == 1 and status.next_at is None and status.fraction == 1.0


def test_the_fraction_never_leaves_zero_to_one_across_the_ladder():
    for xp in range(0, 400):
        status = level_for(LEVELS, xp)
        assert 0.0 <= status.fraction <= 1.0
        assert status.floor <= xp
        assert status.next_at is None or xp < status.next_at


def test_the_level_below_the_top_shows_the_xp_of_the_top_level_and_the_top_shows_none() -> None:
    assert level_for(LEVELS, 200).next_at == 300
    assert level_for(LEVELS, 300).next_at is None
