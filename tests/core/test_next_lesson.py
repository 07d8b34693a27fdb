"""The lesson Home suggests next, and why, from the learner's own history of events."""

from __future__ import annotations

from bleep_tui.core.events import Event
from bleep_tui.core.model import Lesson, TextStep
from bleep_tui.core.next_lesson import (
    CARRY_ON,
    FOUNDATION,
    NEW_IN_MODULE,
    NEW_MODULE,
    PRACTISE,
    Suggestion,
    next_lesson,
)
from bleep_tui.core.progress import lesson_records


def lesson(lesson_id: str, module: str, after: tuple[str, ...] = ()) -> Lesson:
    step = TextStep(id="q", type="text", points=10, accept=("yes",))
    return Lesson(lesson_id, lesson_id.title(), module, "", ("1.1",), 1, 5, (step,), after)


# Two modules, in the order Home lists them.
CASH, CARD, STATEMENT = lesson("cash", "money"), lesson("card", "money"), lesson("statement", "money")
READ, REPLY = lesson("read", "communication"), lesson("reply", "communication")
LESSONS = [CASH, CARD, STATEMENT, READ, REPLY]


def history(*results: tuple[str, int | None]) -> list[Event]:
    """Each (lesson, stars) a run started, then finished with that many stars, or left halfway (None)."""
    events: list[Event] = []
    for number, (lesson_id, stars) in enumerate(results):
        run = f"run-{number}"
        events.append(Event("lesson_started", f"2026-01-01T10:{number:02d}:00", lesson=lesson_id, run=run))
        if stars is not None:
            percent = {0: 10, 1: 50, 2: 80, 3: 100}[stars]
            events.append(Event("lesson_finished", f"2026-01-01T10:{number:02d}:30", lesson=lesson_id, run=run, percent=percent, stars=stars))
    return events


def suggest(*results: tuple[str, int | None], lessons: list[Lesson] = LESSONS) -> Suggestion | None:
    return next_lesson(lessons, lesson_records(history(*results)))


def test_a_new_learner_is_offered_the_first_lesson_of_the_first_module() -> None:
    assert suggest() == Suggestion(CASH, NEW_MODULE)


def test_in_a_half_done_module_the_next_new_lesson_of_that_module_comes_next() -> None:
    assert suggest(("cash", 3)) == Suggestion(CARD, NEW_IN_MODULE)
    assert suggest(("cash", 3), ("statement", 2)) == Suggestion(CARD, NEW_IN_MODULE)


def test_a_module_already_begun_comes_before_one_earlier_on_the_list_that_is_not() -> None:
    assert suggest(("read", 3)) == Suggestion(REPLY, NEW_IN_MODULE)


def test_when_a_module_is_done_the_next_one_not_started_comes_next() -> None:
    assert suggest(("cash", 3), ("card", 2), ("statement", 3)) == Suggestion(READ, NEW_MODULE)


def test_a_lesson_with_one_star_or_none_is_practised_again_before_anything_new() -> None:
    assert suggest(("cash", 3), ("card", 1)) == Suggestion(CARD, PRACTISE, stars=1)
    assert suggest(("cash", 0)) == Suggestion(CASH, PRACTISE, stars=0)


def test_a_better_run_later_takes_a_lesson_off_the_practise_list() -> None:
    assert suggest(("cash", 1), ("cash", 2)) == Suggestion(CARD, NEW_IN_MODULE)


def test_a_lesson_left_halfway_comes_first() -> None:
    assert suggest(("card", 1), ("statement", None)) == Suggestion(STATEMENT, CARRY_ON)


def test_a_replay_left_halfway_of_a_finished_lesson_does_not_hold_up_new_lessons() -> None:
    assert suggest(("cash", 3), ("cash", None)) == Suggestion(CARD, NEW_IN_MODULE)


def test_when_every_lesson_is_done_the_one_with_the_lowest_score_short_of_full_stars_comes_back() -> None:
    done = [("cash", 3), ("card", 2), ("statement", 3), ("read", 2), ("reply", 3)]
    assert suggest(*done) == Suggestion(CARD, PRACTISE, stars=2)  # the first on the list among equal scores
    assert suggest(*done, ("card", 3)) == Suggestion(READ, PRACTISE, stars=2)


def test_when_every_lesson_has_full_stars_there_is_nothing_to_suggest() -> None:
    assert suggest(*[(lesson.id, 3) for lesson in LESSONS]) is None
    assert next_lesson([], {}) is None


def test_a_lesson_that_builds_on_others_sends_the_learner_to_the_foundations_first() -> None:
    reply = lesson("reply", "communication", after=("read",))
    lessons = [CASH, CARD, STATEMENT, lesson("write", "communication"), READ, reply]
    assert suggest(("write", 3), lessons=lessons) == Suggestion(READ, NEW_IN_MODULE)  # list order already right
    lessons = [CASH, CARD, STATEMENT, reply, READ]
    assert suggest(("cash", 3), ("card", 3), ("statement", 3), lessons=lessons) == Suggestion(READ, FOUNDATION, builds_on_it=reply)
    assert suggest(("cash", 3), ("card", 3), ("statement", 3), ("read", 2), lessons=lessons) == Suggestion(reply, NEW_IN_MODULE)


def test_foundations_are_followed_down_to_the_first_one_not_done_even_in_another_module() -> None:
    attach = lesson("attach", "communication", after=("reply",))
    reply = lesson("reply", "communication", after=("cv",))
    cv = lesson("cv", "work")
    lessons = [CASH, attach, reply, cv]
    assert suggest(("cash", 3), lessons=lessons) == Suggestion(cv, FOUNDATION, builds_on_it=reply)
    assert suggest(("cash", 3), ("cv", 3), lessons=lessons) == Suggestion(reply, FOUNDATION, builds_on_it=attach)


def test_a_foundation_is_a_suggestion_never_a_lock() -> None:
    reply = lesson("reply", "communication", after=("read",))
    lessons = [CASH, reply, READ]
    assert suggest(("cash", 3), ("reply", 1), lessons=lessons) == Suggestion(reply, PRACTISE, stars=1)
    assert suggest(("cash", 3), ("reply", None), lessons=lessons) == Suggestion(reply, CARRY_ON)


def test_unknown_foundations_and_circles_of_after_are_passed_over() -> None:
    one = lesson("one", "money", after=("two", "gone"))
    two = lesson("two", "money", after=("one",))
    assert suggest(lessons=[one, two]) == Suggestion(two, FOUNDATION, builds_on_it=one)
    assert suggest(lessons=[lesson("alone", "money", after=("gone",))]).reason == NEW_MODULE


def test_a_foundation_already_done_does_not_hide_the_next_one_not_done() -> None:
    reply = lesson("reply", "communication", after=("cash", "read"))
    lessons = [CASH, reply, READ]
    assert suggest(("cash", 3), lessons=lessons) == Suggestion(READ, FOUNDATION, builds_on_it=reply)


def test_a_circle_of_after_further_down_is_passed_over_too() -> None:
    one = lesson("one", "money", after=("two",))
    two = lesson("two", "money", after=("three",))
    three = lesson("three", "money", after=("two",))
    assert suggest(lessons=[one, two, three]) == Suggestion(three, FOUNDATION, builds_on_it=two)
