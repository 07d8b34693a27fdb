"""A learner plays lessons with the keyboard at 80x24; what they earn is on screen and on disk."""

import re
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from bleep_tui.content.catalog import load_catalog, shipped_dir
from bleep_tui.core.model import OrderStep
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.widgets.steps import MultipleChoice, OrderList, SingleChoice

from .screen import screen_text, settled

LESSON = "safety-one-time-codes"
SIZE = (80, 24)


async def create_learner(pilot: Pilot, name: str = "Sam") -> None:
    await pilot.press(*name, "enter")
    await settled(pilot)  # Home lists the lessons once the thread has read them: on a loaded machine, later


async def open_lesson(pilot: Pilot, lesson_id: str) -> None:
    menu = pilot.app.screen.query_one("#lessons", OptionList)
    menu.focus()
    menu.action_first()
    for _ in range(menu.option_count):
        if menu.get_option_at_index(menu.highlighted).id == lesson_id:
            break
        await pilot.press("down")
    assert menu.get_option_at_index(menu.highlighted).id == lesson_id
    await pilot.press("enter")
    await pilot.pause()


async def choose(pilot: Pilot, *options: int) -> None:
    """Choose `options` (by their place in the lesson file) where they are shown, with a learner's keys, and answer."""
    answer = pilot.app.screen.query_one(".answer")
    if isinstance(answer, SingleChoice):
        (option,) = options
        await pilot.press("home", *["down"] * answer.order.index(option), "enter")
    else:
        assert isinstance(answer, MultipleChoice)
        shown = [option for _text, option in answer.choices]
        await pilot.press("home")
        cursor = 0
        for position in sorted(shown.index(option) for option in options):
            await pilot.press(*["down"] * (position - cursor), "space")
            cursor = position
        await pilot.press("enter")
    await pilot.pause()


async def choose_right(pilot: Pilot) -> None:
    await choose(pilot, *sorted(pilot.app.screen.step.correct_indexes))


async def choose_wrong(pilot: Pilot) -> None:
    """The first wrong option as written in the file."""
    step = pilot.app.screen.step
    await choose(pilot, next(i for i, option in enumerate(step.options) if not option.correct))


async def arrange(pilot: Pilot, goal: list[int]) -> None:
    """Move the items (by their place in the lesson file) into the order `goal`, with the keys a learner would use."""
    order = list(pilot.app.screen.query_one(OrderList).order)
    await pilot.press("home")
    cursor = 0
    for target, wanted in enumerate(goal):
        position = order.index(wanted)
        await pilot.press(*(["down"] * (position - cursor) if position > cursor else ["up"] * (cursor - position)))
        await pilot.press(*(["u"] * (position - target)))
        order.insert(target, order.pop(position))
        cursor = target
    await pilot.pause()


async def put_in_order(pilot: Pilot) -> None:
    """Move each item to its place, from the order shown, and answer."""
    await arrange(pilot, sorted(pilot.app.screen.query_one(OrderList).order))
    await pilot.press("enter")
    await pilot.pause()


async def play_one_time_codes_perfectly(pilot: Pilot) -> None:
    await pilot.press("enter")  # info: Continue
    await pilot.pause()
    await choose_right(pilot)
    assert "Right!" in screen_text(pilot.app)
    await pilot.press("enter")  # Continue
    await pilot.pause()
    await pilot.press(*"Nobody ", "enter")
    await pilot.pause()
    assert "Right!" in screen_text(pilot.app)
    await pilot.press("enter")
    await pilot.pause()
    await put_in_order(pilot)
    assert "Right!" in screen_text(pilot.app)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_perfect_lesson_shows_three_stars_and_xp_on_screen_on_disk_and_after_restart(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await play_one_time_codes_perfectly(pilot)
        result = screen_text(app)
        assert "Lesson complete: Never share a one-time code" in result
        assert "★★★" in result and "100% of the points" in result
        assert "You gained 36 XP. Total: 36 XP" in result
        await pilot.press("enter")
        await pilot.pause()
        assert "36 XP" in screen_text(app)

    finished = [e for e in LearnerStore(data_dir).events() if e.kind == "lesson_finished"]
    assert [(e.lesson, e.points, e.percent, e.stars) for e in finished] == [(LESSON, 36, 100, 3)]

    again = BleepApp(data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = screen_text(again)
        assert "Sam" in home and "36 XP" in home
        menu = again.screen.query_one("#lessons", OptionList)
        for _ in range(menu.option_count):
            if menu.get_option_at_index(menu.highlighted).id == LESSON:
                break
            await pilot.press("down")
        assert "★★★ 100%  Never share a one-time code" in screen_text(again)


async def test_leaving_mid_lesson_and_coming_back_resumes_at_the_same_step(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")  # read the intro
        await choose_wrong(pilot)  # answer step 2 wrongly once
        assert "Try again: 2 tries left." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "(in progress)" in screen_text(app)

    again = BleepApp(data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_lesson(pilot, LESSON)
        screen = screen_text(again)
        assert "Step 2 of 4" in screen
        assert "Welcome back. You have 2 tries left." in screen


async def test_three_wrong_answers_show_the_right_answer_and_score_nothing(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        await choose_right(pilot)
        await pilot.press("enter")  # continue to the text step
        await pilot.pause()
        for wrong in ("bank", "my mum", "everyone"):
            await pilot.press(*wrong, "enter")
            await pilot.pause()
            for _ in wrong:
                await pilot.press("backspace")
        screen = screen_text(app)
        assert "The right answer: nobody" in screen
        assert "Not the bank, not the police" in screen  # the explanation
    answered = [e for e in LearnerStore(data_dir).events() if e.kind == "answered" and e.step == "type-the-rule"]
    assert [(e.answer, e.correct, e.points) for e in answered] == [("bank", False, 0), ("my mum", False, 0), ("everyone", False, 0)]
    assert answered[0].try_number == 1 and answered[-1].finished


async def test_a_wrong_answer_gets_the_feedback_written_for_it(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await choose(pilot, 2)  # "Read out only half of the code"
        assert "Even half a code helps a scammer." in screen_text(app)


async def test_a_hint_is_shown_on_a_key_and_costs_points(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert "Hint 1: Who needs the code to make a payment?" in screen_text(app)
        await choose_right(pilot)
        assert "+8 points" in screen_text(app)  # 10 points, less 2 for the hint, no first-try bonus
    hints = [e for e in LearnerStore(data_dir).events() if e.kind == "hint_shown"]
    assert [(e.step, e.hints) for e in hints] == [("caller-asks", 1)]


async def test_the_footer_shows_the_keys(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Hint" in footer and "Save and leave" in footer and "Quit" in footer


@pytest.mark.parametrize("name", ["[@click=app.screenshot()]x[/]", "[b]bold[/b]", "[/", "Zoë [red]O'Brien"])
async def test_a_name_with_markup_is_shown_exactly_as_typed(data_dir: Path, name: str) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot, name)
        assert screen_text(app).splitlines()[0].strip().startswith(name)
    assert LearnerStore(data_dir).profile().name == name


async def test_a_broken_lesson_is_shown_unavailable_and_the_others_still_work(tmp_path: Path, data_dir: Path) -> None:
    lessons = tmp_path / "lessons"
    (lessons / "safety").mkdir(parents=True)
    shutil.copy(shipped_dir("lessons") / "modules.yaml", lessons)
    shutil.copy(shipped_dir("lessons") / "safety" / "one-time-codes.yaml", lessons / "safety")
    (lessons / "safety" / "broken.yaml").write_text("format: 1\nid: broken\ntitle: [unclosed\n")
    app = BleepApp(data_dir, catalog=load_catalog(lessons))
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        screen = screen_text(app)
        assert "UNAVAILABLE" in screen
        assert "broken.yaml: YAML syntax error" in screen
        await open_lesson(pilot, LESSON)
        assert "Step 1 of 4" in screen_text(app)


async def test_when_an_answer_cannot_be_saved_the_learner_is_told_and_the_app_goes_on(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await pilot.pause()
        store = LearnerStore(data_dir)
        store.path.unlink()
        store.path.mkdir()  # the file can no longer be written: like a failing disk
        await choose_right(pilot)
        assert "✘ Your answer could not be saved" in screen_text(app)  # marked, not only red: it shows without colour
        assert "Right!" not in screen_text(app)
        store.path.rmdir()
        assert app.is_running


async def test_enter_goes_on_after_an_answer_even_before_continue_has_the_focus(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")  # info: Continue
        await pilot.pause()
        assert "Step 2 of 4" in screen_text(app)
        await choose_right(pilot)
        app.set_focus(None)  # as in the moment before the Continue button takes the focus
        await pilot.press("enter")
        await pilot.pause()
        assert "Step 3 of 4" in screen_text(app)
        await pilot.press("enter")  # a typed answer step: Enter with nothing typed never skips it
        await pilot.pause()
        assert "Step 3 of 4" in screen_text(app)


async def test_after_a_long_answer_continue_is_scrolled_into_view_and_has_the_focus(data_dir: Path) -> None:
    from textual.widgets import Button

    from bleep_tui.ui.screens.lesson import LessonScreen

    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lesson = app.catalog.lessons["information-search-the-web"]
        step_index = next(i for i, step in enumerate(lesson.steps) if step.id == "private-data")  # feedback taller than the screen
        screen = LessonScreen(lesson)
        app.push_screen(screen)
        await pilot.pause()
        await screen.show_step(step_index)
        await pilot.pause()
        await choose_right(pilot)
        await pilot.pause()
        button = screen.query_one("#continue", Button)
        body = screen.query_one("#step")
        assert app.focused is button
        assert button.region.height and body.region.contains_region(button.region)
        assert "Continue" in screen_text(app)


LONG_INFO_THEN_WIDE_OPTIONS = """\
format: 1
id: safety-wide-options
title: Wide options
module: safety
summary: A step taller than the screen, then options that fit on one line only without a scrollbar.
competences: ["4.2"]
level: 1
minutes: 2
steps:
  - id: tall
    type: info
    text: |
{tall}
  - id: wide
    type: choice
    prompt: Which one?
    options:
      - text: {wide}
        correct: true
        feedback: It is this one.
      - text: Not this one
        feedback: Not this one, because it is short.
      - text: Nor this one
        feedback: Nor this one, because it is short too.
      - text: The last option must show as well
        feedback: The last one is wrong too.
    explanation: The first option was right.
"""


async def test_an_option_list_after_a_tall_step_shows_every_option(tmp_path: Path, data_dir: Path) -> None:
    """The list is laid out while the step is still narrowed by the tall step's scrollbar: the
    width its options wrap at must not change with its own scrollbar, or its last option hides."""
    lessons = tmp_path / "lessons"
    (lessons / "safety").mkdir(parents=True)
    shutil.copy(shipped_dir("lessons") / "modules.yaml", lessons)
    tall = "\n\n".join(f"      Paragraph {n} of a step that is taller than the screen." for n in range(1, 16))
    wide = "This option fits on one line only when the list shows no scrollbar at all"
    assert len(wide) == 73  # 80 columns, less the step's padding, the frame and the option's padding
    (lessons / "safety" / "wide.yaml").write_text(LONG_INFO_THEN_WIDE_OPTIONS.format(tall=tall, wide=wide))
    app = BleepApp(data_dir, catalog=load_catalog(lessons))
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, "safety-wide-options")
        await pilot.press("enter")
        await pilot.pause()
        options = app.screen.query_one(".answer")
        assert options.size.height == options.virtual_size.height == 5  # the first option wraps: no line hidden, none blank
        assert "The last option must show as well" in screen_text(app)


async def test_after_three_wrong_orders_the_right_order_is_shown_one_item_a_line(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await choose_right(pilot)
        await pilot.press("enter", *"Nobody", "enter", "enter")
        await pilot.pause()
        shown = list(app.screen.query_one(OrderList).order)
        backwards = sorted(shown, reverse=True)
        await arrange(pilot, backwards if shown != backwards else backwards[1:] + backwards[:1])  # wrong, and moved
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
        lines = screen_text(app).splitlines()
        step = load_catalog().lessons[LESSON].steps[3]
        assert isinstance(step, OrderStep)
        for number, item in enumerate(step.items, 1):
            assert any(line.strip() == f"{number}. {item}" for line in lines), "\n".join(lines)


def shown_items(pilot: Pilot) -> list[str]:
    """The order step's items as its list shows them, top to bottom."""
    return [re.sub(r"^\S*\s*\d+\. ", "", str(option.prompt).strip()) for option in pilot.app.screen.query_one(OrderList).options]


async def test_arrows_move_a_picked_up_item_and_space_puts_it_down(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        await open_lesson(pilot, LESSON)
        await pilot.press("enter")
        await choose_right(pilot)
        await pilot.press("enter", *"Nobody", "enter", "enter")
        await pilot.pause()
        before = shown_items(pilot)
        await pilot.press("home", "space", "down", "down")  # pick up the top item and carry it down two places
        await pilot.pause()
        assert shown_items(pilot) == [before[1], before[2], before[0], before[3]]
        assert f"{app.glyphs.moving} 3. {before[0]}" in screen_text(app)
        await pilot.press("space", "up")  # put it down: the arrows move the cursor again, not the item
        await pilot.pause()
        assert shown_items(pilot) == [before[1], before[2], before[0], before[3]]
        assert app.glyphs.moving not in screen_text(app)
