"""Across the shipped lessons, the length of an option says nothing about whether it is right.

The validator warns about one step whose right option is much longer than the others
(test_giveaways.py); these tests look at all the steps together, where "always pick the longest"
would still win if the right option were a little longer most of the time.
"""

from __future__ import annotations

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.model import ChoiceStep, Option

# Chance over the shipped steps (3 to 5 options each) is about 27 %.
MOST_OFTEN = 0.40


def shipped_choice_steps(multiple: bool) -> list[tuple[str, ChoiceStep]]:
    return [
        (f"{lesson.id}/{step.id}", step)
        for lesson in load_catalog().lessons.values()
        for step in lesson.steps
        if isinstance(step, ChoiceStep) and step.multiple == multiple
    ]


def length(option: Option) -> int:
    return len(option.text.strip())


def place_by_length(step: ChoiceStep) -> int:
    """0 where the right option is the longest, 1 where one option is longer, ...; a tie shares the place."""
    [right] = [option for option in step.options if option.correct]
    return sum(length(option) > length(right) for option in step.options)


def is_longest(step: ChoiceStep) -> bool:
    """The right option is longer than every wrong one (a tie does not count)."""
    [right] = [option for option in step.options if option.correct]
    return all(length(right) > length(option) for option in step.options if not option.correct)


def describe(name: str, step: ChoiceStep) -> str:
    lengths = ", ".join(f"{length(o)}{'*' if o.correct else ''}" for o in step.options)
    return f"{name} ({lengths})"


def test_a_tie_is_not_the_longest_and_shares_its_place() -> None:
    def step(*lengths: int) -> ChoiceStep:
        options = tuple(Option("x" * n, index == 0, "" if index == 0 else "Because.") for index, n in enumerate(lengths))
        return ChoiceStep(id="s", type="choice", prompt="?", options=options)

    assert is_longest(step(30, 29, 10))
    assert not is_longest(step(30, 30, 10))
    assert not is_longest(step(30, 31, 10))
    assert [place_by_length(step(30, 31, 32)), place_by_length(step(30, 30, 10))] == [2, 0]


def test_in_single_answer_steps_the_right_option_is_the_longest_at_most_40_percent_of_the_time() -> None:
    steps = shipped_choice_steps(multiple=False)
    longest = [describe(name, step) for name, step in steps if is_longest(step)]
    assert len(longest) <= MOST_OFTEN * len(steps), (
        f"the right option is the longest in {len(longest)} of {len(steps)} single-answer steps, so picking the longest "
        "wins too often; give these steps wrong options as full as the right one (lengths, * = right):\n"
        + "\n".join(longest)
    )


def test_no_place_in_length_order_gives_the_right_option_away() -> None:
    """Making every right option the second longest would only move the giveaway."""
    steps = shipped_choice_steps(multiple=False)
    places: dict[int, list[str]] = {}
    for name, step in steps:
        places.setdefault(place_by_length(step), []).append(describe(name, step))
    for place, names in sorted(places.items()):
        assert len(names) <= MOST_OFTEN * len(steps), (
            f"the right option has {place} longer options beside it in {len(names)} of {len(steps)} single-answer steps "
            "(lengths, * = right):\n" + "\n".join(names)
        )


def test_in_multiple_answer_steps_ticking_the_longest_or_the_shortest_options_rarely_wins() -> None:
    steps = shipped_choice_steps(multiple=True)
    by_length = []
    for name, step in steps:
        right = [length(o) for o in step.options if o.correct]
        wrong = [length(o) for o in step.options if not o.correct]
        if wrong and (min(right) > max(wrong) or max(right) < min(wrong)):
            by_length.append(describe(name, step))
    assert len(by_length) <= len(steps) / 5, (
        f"in {len(by_length)} of {len(steps)} multiple-answer steps every right option is longer, or every one shorter, "
        "than every wrong one (lengths, * = right):\n" + "\n".join(by_length)
    )
