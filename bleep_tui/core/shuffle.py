"""The order a run shows a step's options or items in: shuffled, and the same each time the run is shown.

Each run is seeded with its id (kept in its `lesson_started` event) and the step's id, so a learner
who leaves and comes back sees the same order, and the next run a new one. Answers never depend on
it: they name options and items by their place in the lesson file.
"""

from __future__ import annotations

import random

from bleep_tui.core.model import ChoiceStep, OrderStep


def step_seed(run: str, step_id: str) -> str:
    return f"{run}/{step_id}"


def option_order(step: ChoiceStep, seed: str) -> tuple[int, ...]:
    """The options as shown, by their place in the file: pinned ones at their own place, the others shuffled."""
    free = [index for index, option in enumerate(step.options) if not option.pinned]
    random.Random(seed).shuffle(free)
    shuffled = iter(free)
    return tuple(index if option.pinned else next(shuffled) for index, option in enumerate(step.options))


def item_order(step: OrderStep, seed: str) -> tuple[int, ...]:
    """The items as shown, by their place in the file (the right order); never already right.

    From three items on, never the right order turned round either (the last item on top, say),
    which one move would put right.
    """
    right = list(range(len(step.items)))
    too_easy = [right[turn:] + right[:turn] for turn in range(len(right))] if len(right) >= 3 else [right]
    order, rng = right[:], random.Random(seed)
    while order in too_easy:
        rng.shuffle(order)
    return tuple(order)
