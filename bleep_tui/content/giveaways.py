"""Choice steps a learner could answer without knowing: what `bleep lessons validate` warns about.

A warning never stops a lesson: the author rewrites the step (docs/authoring.md, "Fair questions").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bleep_tui.core.model import ChoiceStep

MIN_OPTIONS = 3
# A right option "much longer" than every wrong one: more than half as long again as the longest
# wrong option, and at least this many characters longer (so "Yes" beside "No" is left alone).
LONGER_SHARE = 1.3
LONGER_CHARACTERS = 10

_MANY = r"(?:two|three|four|five|six|seven|eight|both|all|\d+)"
_COUNT = rf"(?:one|only\s+one|{_MANY})"
_OPTIONS = r"(?:answers?|options?|choices?|things?|lines?|items?|parts?|ones?|sentences?|boxes)"
# "Two answers are right", "Three right answers", "Three of the four are ...", "Two of them help", "Tick three".
COUNTING_HINT = re.compile(
    rf"\b{_COUNT}\s+(?:\w+\s+)?{_OPTIONS}\s+(?:are|is)\b"
    rf"|\b{_MANY}\s+(?:right|correct|true|wrong|good|bad)\s+{_OPTIONS}\b"
    rf"|\b{_MANY}\s+of\s+(?:them|these|those|the\s+\w+)\b"
    rf"|\b{_MANY}\s+(?:are|is)\s+(?:right|correct|true|wrong)\b"
    rf"|\b(?:tick|choose|pick|select|mark)\s+{_MANY}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Giveaway:
    message: str
    hint: int | None = None  # the hint it is in
    option: int | None = None  # the option it is about; neither: the options as a whole


def giveaways(step: ChoiceStep) -> list[Giveaway]:
    found = [
        Giveaway("this hint says how many answers are right; say what to look for instead", hint=index)
        for index, hint in enumerate(step.hints)
        if COUNTING_HINT.search(hint)
    ]
    if len(step.options) < MIN_OPTIONS:
        found.append(Giveaway(f"a choice with {len(step.options)} options is easy to guess; give at least {MIN_OPTIONS}"))
    wrong = [len(option.text.strip()) for option in step.options if not option.correct]
    if step.multiple and not wrong:
        found.append(Giveaway("every option is right, so ticking them all always wins; add a wrong option that teaches"))
    longest_wrong = max(wrong, default=0)
    for index, option in enumerate(step.options):
        length = len(option.text.strip())
        if option.correct and wrong and length > LONGER_SHARE * longest_wrong and length - longest_wrong >= LONGER_CHARACTERS:
            found.append(Giveaway(
                f"this right option is much longer than every wrong one ({length} characters; the longest wrong one "
                f"has {longest_wrong}), so it can be picked by its length: make the wrong ones as full",
                option=index,
            ))
    return found
