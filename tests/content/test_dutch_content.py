"""The shipped Dutch content: the Money and Staying safe modules, module titles, achievements and levels
are whole in Dutch (issue 13), the catalogue says its review state, and the choices are as fair as the English.

These read the real catalogue in bleep_tui/locale/nl, as `bleep translations status` does.
"""

from __future__ import annotations

from dataclasses import replace

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bleep_tui.content.catalog import load_catalog
from bleep_tui.content.giveaways import giveaways
from bleep_tui.content.translations import ACHIEVEMENTS_AND_LEVELS, CONTENT_DOMAIN, REVIEW_PREFIX, content_messages, status
from bleep_tui.core.model import ChoiceStep
from bleep_tui.i18n import LOCALE_DIR

DUTCH = "nl"
# What issue 13 ships in Dutch so far; a part listed here may not lose a translation.
COMPLETE = ("Money", "Staying safe", ACHIEVEMENTS_AND_LEVELS)
MODULES = ("money", "safety")
# The lesson pane at 80 columns, less its padding and a scroll bar.
PANE_WIDTH = 74


def read_dutch() -> Catalog:
    with (LOCALE_DIR / DUTCH / "LC_MESSAGES" / f"{CONTENT_DOMAIN}.po").open("rb") as file:
        return read_po(file)


def dutch_catalogue() -> dict[str, str]:
    """Each translated, not fuzzy content message of the Dutch catalogue by its context."""
    return {message.context: message.string for message in read_dutch() if message.context and message.string and not message.fuzzy}


def test_money_staying_safe_achievements_and_levels_are_whole_in_dutch_and_the_catalogue_says_who_checked_it() -> None:
    found = status(DUTCH, set(), content_messages())
    parts = {part.part: part for part in found.parts}
    for name in COMPLETE:
        assert parts[name].complete and parts[name].translated > 0, parts[name]
    assert any(line.startswith(f"# {REVIEW_PREFIX} ") for line in read_dutch().header_comment.splitlines())


def test_every_module_title_is_in_dutch() -> None:
    catalogue = dutch_catalogue()
    for module in load_catalog().modules:
        assert catalogue.get(f"module/{module.id}/title"), module.id


def test_no_right_option_in_dutch_gives_itself_away_by_its_length() -> None:
    """The English options were written so that length says nothing; a translation must keep that."""
    catalogue = dutch_catalogue()
    unfair = []
    for lesson in load_catalog().lessons.values():
        if lesson.module not in MODULES:
            continue
        for step in lesson.steps:
            if not isinstance(step, ChoiceStep):
                continue
            where = f"{lesson.id}/{step.id}"
            options = tuple(replace(option, text=catalogue[f"{where}/options[{index}].text"]) for index, option in enumerate(step.options))
            unfair += [f"{where}: {found.message}" for found in giveaways(replace(step, options=options)) if found.option is not None]
    assert unfair == []


def test_no_line_of_a_dutch_prompt_runs_past_the_lesson_pane() -> None:
    """A prompt keeps its line breaks, so in a prompt of several lines a line longer than the pane leaves a word or
    two alone before the next break (a prompt of one line just wraps)."""
    too_long = [
        f"{context}: {line}"
        for context, text in dutch_catalogue().items()
        if context.startswith(MODULES) and context.endswith("/prompt") and len(text.splitlines()) > 1
        for line in text.splitlines()
        if len(line) > PANE_WIDTH
    ]
    assert too_long == []


def test_the_lessons_example_passphrase_is_refused_in_dutch_too_though_the_pattern_knows_only_the_english(tmp_path) -> None:
    from bleep_tui.core.scoring import score_answer
    from bleep_tui.store.compiled import shipped_content

    lesson = shipped_content(tmp_path, DUTCH).catalog.lessons["safety-strong-passphrases"]
    step = next(step for step in lesson.steps if step.id == "practise-passphrase")
    example = score_answer(step, "waterkoker ruimte viool", 1, 0)
    assert not example.correct and "Iedereen die de les doet" in " ".join(example.feedback)
    assert score_answer(step, "tulpen fiets wolken", 1, 0).correct  # three words of the learner's own
