"""Progress rebuilt from the learner's events: resuming a run, lesson history, XP."""

from __future__ import annotations

from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level
from bleep_tui.core.model import ChoiceStep, InfoStep, Lesson, Option, OrderStep, TextStep
from bleep_tui.core.progress import lesson_records, open_run, runs, snapshot, total_xp

LESSON = Lesson(
    id="money-atm-withdraw",
    title="Take cash from a cash machine",
    module="money",
    summary="Practise it.",
    competences=("2.1",),
    level=1,
    minutes=10,
    steps=(
        InfoStep(id="welcome", type="info", text="Hello"),
        ChoiceStep(id="cover-pin", type="choice", points=10, hint_cost=2, prompt="?",
                   options=(Option("Cover", True), Option("Bag", False, "No."))),
        TextStep(id="amount", type="text", points=10, hint_cost=2, prompt="?", accept=("40",), feedback="No."),
        InfoStep(id="card-back", type="info", text="Take your card"),
        OrderStep(id="order", type="order", points=10, hint_cost=2, prompt="?", items=("a", "b"), feedback="No."),
    ),
)
LID = LESSON.id


def at(minute: int, second: int = 0, day: int = 1) -> str:
    return f"2025-03-{day:02d}T10:{minute:02d}:{second:02d}+00:00"


def started(run: str, minute: int, lesson: str = LID, day: int = 1) -> Event:
    return Event("lesson_started", at(minute, day=day), lesson=lesson, run=run)


def read(run: str, step: str, minute: int, lesson: str = LID) -> Event:
    return Event("step_read", at(minute), lesson=lesson, run=run, step=step)


def hint(run: str, step: str, shown: int, minute: int) -> Event:
    return Event("hint_shown", at(minute), lesson=LID, run=run, step=step, hints=shown)


def answered(run: str, step: str, try_number: int, correct: bool, finished: bool, minute: int,
             points: int = 0, bonus: int = 0, answer: object = "x", hints: int = 0) -> Event:
    return Event("answered", at(minute), lesson=LID, run=run, step=step, answer=answer, correct=correct,
                 points=points, bonus=bonus, try_number=try_number, hints=hints, finished=finished)


def finished(run: str, minute: int, xp: int, percent: int, stars: int, lesson: str = LID,
             second: int = 0, day: int = 1) -> Event:
    return Event("lesson_finished", at(minute, second, day), lesson=lesson, run=run, points=xp,
                 percent=percent, stars=stars)


def whole_run(run: str, start: int, end: int, xp: int, percent: int, stars: int, lesson: str = LID) -> list[Event]:
    return [started(run, start, lesson), finished(run, end, xp, percent, stars, lesson)]


# --- resuming a run ---------------------------------------------------------------


def test_a_learner_who_never_started_has_nothing_to_resume():
    assert open_run([], LID) is None
    assert open_run(whole_run("r1", 0, 5, 30, 100, 3), LID) is None


def test_a_new_run_starts_at_the_first_step():
    run = open_run([started("r1", 0)], LID)
    assert run is not None
    assert run.run == "r1" and run.lesson == LID
    assert run.started_at == at(0)
    assert run.current_index(LESSON) == 0


def test_a_dropped_session_resumes_after_the_info_step_that_was_read():
    run = open_run([started("r1", 0), read("r1", "welcome", 1)], LID)
    assert run.current_index(LESSON) == 1


def test_a_wrong_answer_with_tries_left_keeps_the_learner_on_that_step():
    events = [started("r1", 0), read("r1", "welcome", 1), answered("r1", "cover-pin", 1, False, False, 2, answer=[1])]
    run = open_run(events, LID)
    assert run.current_index(LESSON) == 1
    state = run.step("cover-pin")
    assert state.tries == 1
    assert not state.done
    assert state.last_answer == [1]


def test_a_right_answer_moves_the_resume_point_to_the_next_step():
    events = [
        started("r1", 0), read("r1", "welcome", 1),
        answered("r1", "cover-pin", 1, False, False, 2),
        answered("r1", "cover-pin", 2, True, True, 3, points=5),
    ]
    run = open_run(events, LID)
    assert run.current_index(LESSON) == 2
    state = run.step("cover-pin")
    assert state.done and state.correct
    assert state.tries == 2
    assert run.earned() == {"welcome": (0, 0), "cover-pin": (5, 0)}


def test_running_out_of_tries_also_moves_on_but_earns_nothing():
    events = [started("r1", 0), read("r1", "welcome", 1)] + [
        answered("r1", "cover-pin", n, False, n == 3, 1 + n) for n in (1, 2, 3)
    ]
    run = open_run(events, LID)
    assert run.current_index(LESSON) == 2
    state = run.step("cover-pin")
    assert state.done and not state.correct
    assert state.tries == 3
    assert run.earned() == {"cover-pin": (0, 0), "welcome": (0, 0)}


def test_resume_point_stops_at_an_unread_info_step_in_the_middle():
    events = [
        started("r1", 0), read("r1", "welcome", 1),
        answered("r1", "cover-pin", 1, True, True, 2, points=12, bonus=2),
        answered("r1", "amount", 1, True, True, 3, points=12, bonus=2),
    ]
    assert open_run(events, LID).current_index(LESSON) == 3
    events.append(read("r1", "card-back", 4))
    assert open_run(events, LID).current_index(LESSON) == 4


def test_a_run_with_every_step_done_but_no_finish_resumes_at_the_end():
    events = [
        started("r1", 0), read("r1", "welcome", 1),
        answered("r1", "cover-pin", 1, True, True, 2, points=12, bonus=2),
        answered("r1", "amount", 1, True, True, 3, points=12, bonus=2),
        read("r1", "card-back", 4),
        answered("r1", "order", 1, True, True, 5, points=12, bonus=2),
    ]
    run = open_run(events, LID)
    assert run.current_index(LESSON) == len(LESSON.steps)


def test_hints_shown_are_remembered_after_a_dropped_session():
    events = [started("r1", 0), read("r1", "welcome", 1), hint("r1", "cover-pin", 1, 2), hint("r1", "cover-pin", 2, 3)]
    run = open_run(events, LID)
    assert run.step("cover-pin").hints == 2


def test_a_repeated_or_older_hint_event_never_lowers_the_hint_count():
    events = [started("r1", 0), hint("r1", "cover-pin", 2, 2), hint("r1", "cover-pin", 1, 3)]
    assert open_run(events, LID).step("cover-pin").hints == 2


def test_an_answer_recorded_after_the_step_was_over_changes_nothing():
    events = [
        started("r1", 0),
        answered("r1", "cover-pin", 1, True, True, 2, points=12, bonus=2, answer=[0]),
        answered("r1", "cover-pin", 2, False, False, 3, answer=[1]),
    ]
    state = open_run(events, LID).step("cover-pin")
    assert state.correct and state.points == 12 and state.bonus == 2
    assert state.tries == 1
    assert state.last_answer == [0]


def test_a_finished_run_is_not_resumed():
    events = [started("r1", 0), read("r1", "welcome", 1), finished("r1", 9, 30, 100, 3)]
    assert open_run(events, LID) is None


def test_the_latest_unfinished_run_is_resumed():
    events = [
        started("r1", 0), read("r1", "welcome", 1),
        started("r2", 10),
        answered("r1", "cover-pin", 1, False, False, 11),
    ]
    run = open_run(events, LID)
    assert run.run == "r2"
    assert run.current_index(LESSON) == 0


def test_the_latest_unfinished_run_is_resumed_even_after_a_later_finished_run():
    events = [started("r1", 0), read("r1", "welcome", 1)] + whole_run("r2", 10, 15, 30, 100, 3)
    run = open_run(events, LID)
    assert run.run == "r1"
    assert run.current_index(LESSON) == 1


def test_runs_of_another_lesson_are_not_resumed():
    events = [started("o1", 0, lesson="safety-one-time-codes"), started("r1", 1)]
    assert open_run(events, LID).run == "r1"
    assert open_run(events, "safety-one-time-codes").run == "o1"
    assert open_run(events, "no-such-lesson") is None


def test_events_of_a_run_that_never_started_are_ignored():
    events = [read("ghost", "welcome", 0), answered("ghost", "cover-pin", 1, True, True, 1, points=12)]
    assert runs(events) == {}
    assert open_run(events, LID) is None


def test_runs_keep_each_runs_events_apart():
    events = [
        started("r1", 0), started("r2", 1),
        read("r1", "welcome", 2),
        answered("r2", "cover-pin", 1, True, True, 3, points=12, bonus=2),
    ]
    all_runs = runs(events)
    assert set(all_runs) == {"r1", "r2"}
    assert all_runs["r1"].earned() == {"welcome": (0, 0)}
    assert all_runs["r2"].earned() == {"cover-pin": (12, 2)}


# --- lesson history ---------------------------------------------------------------


def test_starting_a_lesson_counts_an_attempt_and_marks_it_in_progress():
    records = lesson_records([started("r1", 0)])
    record = records[LID]
    assert record.attempts == 1
    assert record.completions == 0
    assert record.in_progress
    assert record.completed_at == ""
    assert record.best_xp == 0


def test_a_finished_run_records_its_result_and_time_spent():
    events = [started("r1", 0), finished("r1", 7, 34, 100, 3, second=30)]
    record = lesson_records(events)[LID]
    assert record.attempts == 1
    assert record.completions == 1
    assert record.best_percent == 100
    assert record.best_stars == 3
    assert record.best_xp == 34
    assert record.completed_at == at(7, 30)
    assert record.seconds == 7 * 60 + 30
    assert not record.in_progress


def test_best_results_are_kept_across_replays_and_first_completion_date_is_kept():
    events = (
        whole_run("r1", 0, 5, 20, 55, 1)
        + whole_run("r2", 10, 12, 36, 100, 3)
        + whole_run("r3", 20, 30, 10, 30, 0)
    )
    record = lesson_records(events)[LID]
    assert record.attempts == 3
    assert record.completions == 3
    assert record.best_percent == 100
    assert record.best_stars == 3
    assert record.best_xp == 36
    assert record.completed_at == at(5)
    assert record.seconds == (5 + 2 + 10) * 60


def test_an_abandoned_run_counts_as_an_attempt_but_not_time_or_completion():
    events = [started("r1", 0)] + whole_run("r2", 10, 14, 30, 90, 3)
    record = lesson_records(events)[LID]
    assert record.attempts == 2
    assert record.completions == 1
    assert record.seconds == 4 * 60
    assert record.in_progress


def test_hints_used_in_finished_runs_are_counted():
    events = [
        started("r1", 0), hint("r1", "cover-pin", 1, 1), hint("r1", "cover-pin", 2, 2), hint("r1", "amount", 1, 3),
        finished("r1", 5, 10, 40, 1),
        started("r2", 6), hint("r2", "cover-pin", 1, 7),  # not finished
    ]
    assert lesson_records(events)[LID].hints == 3


def test_a_finish_for_an_unknown_run_is_ignored():
    events = [started("r1", 0), finished("ghost", 5, 999, 100, 3)]
    record = lesson_records(events)[LID]
    assert record.completions == 0
    assert record.best_xp == 0


def test_a_run_finishing_across_midnight_counts_the_real_time():
    events = [
        Event("lesson_started", "2025-03-01T23:58:00+00:00", lesson=LID, run="r1"),
        Event("lesson_finished", "2025-03-02T00:03:00+00:00", lesson=LID, run="r1", points=10, percent=50, stars=1),
    ]
    assert lesson_records(events)[LID].seconds == 5 * 60


def test_an_unreadable_timestamp_counts_no_time_rather_than_crashing():
    events = [
        Event("lesson_started", "garbage", lesson=LID, run="r1"),
        Event("lesson_finished", at(5), lesson=LID, run="r1", points=10, percent=50, stars=1),
    ]
    record = lesson_records(events)[LID]
    assert record.seconds == 0
    assert record.completions == 1


def test_each_lesson_has_its_own_record():
    events = whole_run("r1", 0, 5, 30, 100, 3) + whole_run("o1", 6, 9, 12, 50, 1, lesson="safety-one-time-codes")
    records = lesson_records(events)
    assert set(records) == {LID, "safety-one-time-codes"}
    assert records["safety-one-time-codes"].best_xp == 12
    assert records[LID].best_xp == 30


# --- XP ---------------------------------------------------------------------------


def test_replaying_a_lesson_cannot_farm_xp():
    once = whole_run("r1", 0, 5, 30, 100, 3)
    many = once + whole_run("r2", 10, 15, 30, 100, 3) + whole_run("r3", 20, 25, 30, 100, 3)
    assert total_xp(lesson_records(once)) == 30
    assert total_xp(lesson_records(many)) == 30


def test_a_better_replay_raises_xp_to_the_best_run_only():
    events = whole_run("r1", 0, 5, 12, 40, 1) + whole_run("r2", 10, 15, 30, 100, 3)
    assert total_xp(lesson_records(events)) == 30


def test_a_worse_replay_never_lowers_xp():
    events = whole_run("r1", 0, 5, 30, 100, 3) + whole_run("r2", 10, 15, 5, 20, 0)
    assert total_xp(lesson_records(events)) == 30


def test_xp_adds_the_best_run_of_every_lesson():
    events = (
        whole_run("r1", 0, 5, 30, 100, 3)
        + whole_run("o1", 6, 9, 12, 50, 1, lesson="safety-one-time-codes")
        + whole_run("o2", 10, 12, 20, 80, 2, lesson="safety-one-time-codes")
    )
    assert total_xp(lesson_records(events)) == 50


def test_snapshot_shows_xp_and_the_level_it_reaches():
    levels = (Level(0, "Newcomer"), Level(50, "Starter"), Level(150, "Explorer"))
    events = whole_run("r1", 0, 5, 30, 100, 3) + whole_run("o1", 6, 9, 25, 80, 2, lesson="safety-one-time-codes")
    shot = snapshot(events, levels)
    assert shot.xp == 55
    assert shot.level.name == "Starter"
    assert shot.level.number == 2
    assert set(shot.records) == {LID, "safety-one-time-codes"}


def test_a_new_learner_has_no_xp_and_the_first_level():
    shot = snapshot([], (Level(0, "Newcomer"), Level(50, "Starter")))
    assert shot.xp == 0
    assert shot.level.name == "Newcomer"
    assert shot.records == {}


# --- events as stored records -----------------------------------------------------


def test_an_answer_event_survives_being_stored_and_read_back():
    event = answered("r1", "cover-pin", 2, True, True, 3, points=5, answer=[0, 2], hints=1)
    record = event.to_record()
    assert Event.from_record(record) == event


def test_a_stored_event_keeps_only_what_differs_from_the_defaults():
    record = started("r1", 0).to_record()
    assert record == {"kind": "lesson_started", "at": at(0), "lesson": LID, "run": "r1"}


def test_kind_and_time_are_always_stored_even_when_empty():
    assert Event("", "").to_record() == {"kind": "", "at": ""}


def test_a_typed_answer_survives_the_round_trip():
    event = answered("r1", "amount", 1, False, False, 2, answer="  Forty ")
    assert Event.from_record(event.to_record()).answer == "  Forty "


def test_a_stored_event_with_fields_from_a_newer_version_still_loads():
    record = {"kind": "answered", "at": at(1), "run": "r1", "step": "amount", "try_number": 1,
              "mood": "happy", "device": {"term": "vt100"}}
    event = Event.from_record(record)
    assert event.kind == "answered"
    assert event.try_number == 1
    assert event.step == "amount"
    assert not hasattr(event, "mood")


def test_events_read_back_from_storage_rebuild_the_same_progress():
    events = [
        started("r1", 0), read("r1", "welcome", 1), hint("r1", "cover-pin", 1, 2),
        answered("r1", "cover-pin", 1, True, True, 3, points=8, answer=[0], hints=1),
        finished("r1", 9, 8, 27, 0),
    ]
    stored = [Event.from_record(e.to_record()) for e in events]
    assert lesson_records(stored) == lesson_records(events)


def test_a_simulation_left_half_done_comes_back_with_its_last_checkpoint():
    checkpoint = [{"event": "card_inserted"}, {"event": "pin_entered"}]
    events = [
        started("r1", 0),
        Event("sim_draft", at(1), lesson=LID, run="r1", step="task", answer=[{"event": "card_inserted"}]),
        Event("sim_draft", at(2), lesson=LID, run="r1", step="task", answer=checkpoint),
    ]
    assert open_run(events, LID).step("task").draft == checkpoint


def test_the_weekly_streak_counts_only_the_times_lessons_were_finished():
    levels = (Level(0, "Newcomer"),)
    events = whole_run("r1", 0, 5, 30, 100, 3) + [started("r2", 20), read("r2", "welcome", 21)]
    assert snapshot(events, levels).finished_at == (at(0),)  # the quarter hour the lesson was finished in


def test_a_finish_or_a_hint_without_its_start_is_skipped_and_the_lessons_after_it_still_count():
    """An export cut with --since, or a start lost to damage: the rest of the history is read all the same."""
    events = [
        hint("lost", "cover-pin", 1, 0),
        finished("lost", 1, 30, 100, 3),
        *whole_run("o1", 2, 4, 20, 80, 2, lesson="safety-one-time-codes"),
    ]
    records = lesson_records(events)
    assert LID not in records
    assert records["safety-one-time-codes"].completions == 1 and total_xp(records) == 20


def test_hints_add_up_over_every_finished_run_and_a_run_in_the_same_second_took_no_time():
    events = [
        started("r1", 0), hint("r1", "cover-pin", 1, 1), hint("r1", "amount", 1, 2), hint("r1", "amount", 2, 3), finished("r1", 4, 10, 50, 1),
        started("r2", 5), hint("r2", "order", 1, 6), finished("r2", 7, 12, 60, 1),
        started("r3", 8), finished("r3", 8, 12, 60, 1),
    ]
    record = lesson_records(events)[LID]
    assert (record.lesson, record.hints, record.completions) == (LID, 4, 3)
    assert record.seconds == 4 * 60 + 2 * 60 + 0


def test_the_most_hints_shown_in_a_run_count_even_when_a_resumed_run_shows_fewer_again():
    events = [started("r1", 0), hint("r1", "amount", 2, 1), hint("r1", "amount", 1, 2), finished("r1", 3, 10, 50, 1)]
    assert lesson_records(events)[LID].hints == 2
