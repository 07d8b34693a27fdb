"""The lessons of Curriculum v2 that use the question steps, played by a learner at 80x24.

Each is played to a perfect score with the keys a learner uses; on every screen the whole question,
every option, and the feedback and explanation after the answer are on screen, nothing cut off.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.model import ChoiceStep, InfoStep, OrderStep, TextStep
from bleep_tui.ui.app import BleepApp

from .screen import screen_text
from .test_lesson_player import SIZE, choose, choose_right, create_learner, open_lesson, put_in_order

LESSONS = [
    "information-false-news-deepfakes",
    "work-digital-footprint",
    "safety-protect-your-device",
    "safety-old-phones",
]


def words(text: str) -> str:
    """Text as a reader sees it, wherever the lines wrap: words only, one space between them."""
    without_markdown = re.sub(r"[*`]", "", text)
    return " ".join(re.sub(r"[•│┃▏▕▊▎]", " ", without_markdown).split())


def assert_shown(app: App, *texts: str) -> None:
    on_screen = words(screen_text(app))
    for text in texts:
        assert words(text) in on_screen, f"not (all) on screen at 80x24: {text!r}\n{screen_text(app)}"


async def answer_right(pilot: Pilot, step: ChoiceStep | TextStep | OrderStep) -> None:
    if isinstance(step, ChoiceStep):
        await choose_right(pilot)
    elif isinstance(step, TextStep):
        await pilot.press(*step.accept[0], "enter")
        await pilot.pause()
    else:
        await put_in_order(pilot)


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_a_learner_finishes_the_lesson_perfectly_and_sees_every_word_at_80x24(data_dir: Path, lesson_id: str) -> None:
    lesson = load_catalog().lessons[lesson_id]
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, lesson_id)
        for step in lesson.steps:
            if isinstance(step, InfoStep):
                assert_shown(app, step.title, re.sub(r"(?m)^\s*[-*] ", "", step.text))
                await pilot.press("enter")
                await pilot.pause()
                continue
            assert_shown(app, step.prompt)
            if isinstance(step, ChoiceStep):
                assert_shown(app, *(option.text for option in step.options))
            await answer_right(pilot, step)
            # The question stays on screen above its answer: nothing has scrolled away.
            assert_shown(app, step.title or step.prompt, "Right!", step.explanation, "Continue")
            if isinstance(step, ChoiceStep) and not step.multiple:
                assert_shown(app, *(option.feedback for option in step.options if option.correct))
            await pilot.press("enter")
            await pilot.pause()
        result = screen_text(app)
        assert f"Lesson complete: {lesson.title}" in result
        assert "100% of the points" in result


@pytest.mark.parametrize("lesson_id", LESSONS)
async def test_each_wrong_option_s_feedback_is_shown_whole(data_dir: Path, lesson_id: str) -> None:
    """Two wrong tries at each single-answer question: the learner reads what was wrong, then answers right."""
    lesson = load_catalog().lessons[lesson_id]
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, lesson_id)
        for step in lesson.steps:
            if isinstance(step, InfoStep):
                await pilot.press("enter")
                await pilot.pause()
                continue
            if isinstance(step, ChoiceStep) and not step.multiple:
                wrong = [index for index, option in enumerate(step.options) if not option.correct]
                for index in wrong[:2]:
                    await choose(pilot, index)
                    assert_shown(app, step.options[index].feedback)
            elif isinstance(step, ChoiceStep):
                for index in [index for index, option in enumerate(step.options) if not option.correct][:2]:
                    await choose(pilot, *sorted(step.correct_indexes), index)
                    assert_shown(app, step.options[index].feedback)
                    await choose(pilot, *sorted(step.correct_indexes), index)  # untick them again
            await answer_right(pilot, step)
            await pilot.press("enter")
            await pilot.pause()
        assert f"Lesson complete: {lesson.title}" in screen_text(app)
