"""Time limits a learner can stretch or switch off (WCAG 2.2.1), with a warning they can answer in time."""

from bleep_tui.core.time_limits import CHOICES, OFF, STANDARD, WARNING_SECONDS, next_choice, time_allowed, warning_before


def test_each_choice_stretches_the_standard_time_and_off_waits_for_ever() -> None:
    assert time_allowed(900, STANDARD) == 900
    assert time_allowed(900, "longer") == 2700
    assert time_allowed(30, "much-longer") == 300  # WCAG: at least ten times, or off
    assert time_allowed(30, OFF) is None
    assert time_allowed(30, "") == 30  # no choice: the standard


def test_the_warning_leaves_at_least_twenty_seconds_or_half_of_a_short_time() -> None:
    assert warning_before(900) == WARNING_SECONDS == 20
    assert warning_before(30) == 15


def test_one_key_steps_through_every_choice_and_back() -> None:
    seen = [STANDARD]
    while (following := next_choice(seen[-1])) != STANDARD:
        seen.append(following)
    assert tuple(seen) == CHOICES and OFF in seen
    assert next_choice("unknown") == STANDARD
