"""What a facilitator's export and dashboard keep with --group, --since and --until: the learners and days asked for, and whole runs."""

import time
from datetime import date, datetime, timezone

import pytest

from bleep_tui.core.events import Event
from bleep_tui.core.reports import LearnerData, Selection, events_between, needs_help, selected

SINCE = date(2026, 3, 1)


def kinds_and_runs(events: tuple[Event, ...]) -> list[tuple[str, str]]:
    return [(event.kind, event.run) for event in events]


def test_events_on_the_day_itself_are_kept_and_the_day_before_left_out() -> None:
    events = [
        Event("login", "2026-02-28T23:59:59+00:00"),
        Event("login", "2026-03-01T00:00:00+00:00"),
        Event("login", "2026-03-02T08:00:00+00:00"),
    ]
    assert [event.at[:10] for event in events_between(events, SINCE, None)] == ["2026-03-01", "2026-03-02"]


def test_the_day_is_counted_in_utc_whatever_the_clock_of_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")  # the server's own clock, 13 hours ahead of UTC in March
    time.tzset()
    try:
        events = [
            Event("login", "2026-03-01T00:30:00+01:00"),  # 23:30 UTC on 28 February
            Event("login", "2026-02-28T23:30:00-01:00"),  # 00:30 UTC on 1 March
        ]
        assert [event.at for event in events_between(events, SINCE, None)] == ["2026-02-28T23:30:00-01:00"]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_start_of_a_run_that_goes_on_after_the_day_is_kept_and_other_old_runs_are_not() -> None:
    events = [
        Event("lesson_started", "2026-02-27T10:00:00+00:00", lesson="l", run="old"),
        Event("lesson_finished", "2026-02-27T10:05:00+00:00", lesson="l", run="old", points=10),
        Event("lesson_started", "2026-02-28T23:50:00+00:00", lesson="l", run="late"),
        Event("answered", "2026-02-28T23:55:00+00:00", lesson="l", run="late", step="s"),
        Event("lesson_finished", "2026-03-01T00:10:00+00:00", lesson="l", run="late", points=20),
        Event("login", "2026-03-01T09:00:00+00:00"),
    ]
    assert kinds_and_runs(events_between(events, SINCE, None)) == [("lesson_started", "late"), ("lesson_finished", "late"), ("login", "")]


def test_events_without_a_run_never_bring_back_old_starts_without_a_run() -> None:
    events = [
        Event("lesson_started", "2026-02-27T10:00:00+00:00", lesson="l"),
        Event("login", "2026-03-02T09:00:00+00:00"),
    ]
    assert kinds_and_runs(events_between(events, SINCE, None)) == [("login", "")]


def test_an_event_with_a_time_that_cannot_be_read_is_left_out_of_any_range() -> None:
    events = [Event("login", "yesterday"), Event("login", "2026-03-02T09:00:00")]
    assert [event.at for event in events_between(events, SINCE, None)] == ["2026-03-02T09:00:00"]
    assert [event.at for event in events_between(events, None, date(2026, 3, 5))] == ["2026-03-02T09:00:00"]


def test_until_keeps_that_whole_day_in_utc_and_leaves_out_the_next() -> None:
    events = [
        Event("login", "2026-03-01T09:00:00+00:00"),
        Event("login", "2026-03-01T23:59:59+00:00"),
        Event("login", "2026-03-02T00:30:00+01:00"),  # 23:30 UTC on 1 March
        Event("login", "2026-03-02T00:00:00+00:00"),
    ]
    assert [event.at for event in events_between(events, None, SINCE)] == [event.at for event in events[:3]]


def test_a_run_finished_after_until_counts_as_unfinished_in_the_range() -> None:
    events = [
        Event("lesson_started", "2026-02-28T23:50:00+00:00", lesson="l", run="late"),
        Event("lesson_finished", "2026-03-01T00:10:00+00:00", lesson="l", run="late", points=20),
        Event("login", "2026-02-20T09:00:00+00:00"),
    ]
    kept = events_between(events, date(2026, 2, 21), date(2026, 2, 28))
    assert kinds_and_runs(kept) == [("lesson_started", "late")]


def test_selected_keeps_the_groups_learners_whatever_the_case_with_only_their_days() -> None:
    ana = LearnerData("ana", "Ana", (Event("login", "2026-02-01T09:00:00+00:00"), Event("login", "2026-03-03T09:00:00+00:00")), groups=("Wing B",))
    bob = LearnerData("bob", "Bob", (Event("login", "2026-03-03T09:00:00+00:00"),), groups=("Maths",))
    cem = LearnerData("cem", "Cem", groups=("Maths", "wing b"))
    chosen = selected([ana, bob, cem], Selection("WING B", SINCE, date(2026, 3, 31)))
    assert [learner.code for learner in chosen] == ["ana", "cem"]
    assert [event.at[:10] for event in chosen[0].events] == ["2026-03-03"]
    assert selected([ana, bob], Selection("Wing")) == []
    assert selected([ana, bob], Selection()) == [ana, bob]


NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)


def answers(*correct: bool, day: str = "2026-03-19") -> tuple[Event, ...]:
    return tuple(Event("answered", f"{day}T10:{n:02d}:00+00:00", lesson="l", run="r", step=f"s{n}", correct=right, try_number=1) for n, right in enumerate(correct))


def test_a_learner_with_nothing_done_for_14_days_or_ever_is_quiet() -> None:
    assert needs_help(LearnerData("a", "A"), NOW) == "quiet"
    assert needs_help(LearnerData("a", "A", (Event("login", "2026-03-06T12:00:00+00:00"),)), NOW) == "quiet"
    assert needs_help(LearnerData("a", "A", (Event("login", "2026-03-06T12:00:01+00:00"),)), NOW) == ""


def test_a_learner_wrong_at_the_first_try_half_the_time_lately_is_struggling() -> None:
    assert needs_help(LearnerData("a", "A", answers(True, False, True, False, True, False)), NOW) == "struggling"
    assert needs_help(LearnerData("a", "A", answers(True, False, True, True, True, False)), NOW) == ""
    assert needs_help(LearnerData("a", "A", answers(False, False, False, False, False)), NOW) == ""  # too few to judge
    old_mistakes = answers(*[False] * 10) + answers(*[True] * 20)
    assert needs_help(LearnerData("a", "A", old_mistakes), NOW) == ""  # only the latest 20 count


def test_a_learners_summary_has_their_details_lessons_done_time_spent_and_last_activity() -> None:
    """What the dashboard's table and the CSV export show for each learner."""
    from bleep_tui.core.levels import Level
    from bleep_tui.core.reports import summarise

    events = (
        Event("lesson_started", "2026-03-01T10:00:00+00:00", lesson="a", run="1"),
        Event("lesson_finished", "2026-03-01T10:06:00+00:00", lesson="a", run="1", points=40, percent=80, stars=2),
        Event("lesson_started", "2026-03-02T09:00:00+00:00", lesson="b", run="2"),
        Event("lesson_finished", "2026-03-02T09:01:30+00:00", lesson="b", run="2", points=20, percent=100, stars=3),
        Event("lesson_started", "2026-03-03T08:00:00+00:00", lesson="c", run="3"),
    )
    learner = LearnerData("ana", "Ana Lopez", events, active=False, locked=True)
    summary = summarise(learner, (Level(0, "Newcomer"), Level(50, "Starter")))
    assert (summary.code, summary.name, summary.xp, summary.level.name) == ("ana", "Ana Lopez", 60, "Starter")
    assert (summary.lessons_done, summary.seconds, summary.last_active) == (2, 6 * 60 + 90, "2026-03-03T08:00:00+00:00")
    assert (summary.active, summary.locked) == (False, True)
    assert summarise(LearnerData("new", "New"), (Level(0, "Newcomer"),)).last_active == ""


def test_a_lessons_view_counts_starters_finishers_their_average_and_the_steps_most_often_wrong() -> None:
    """What the dashboard's lesson view shows: the steps got wrong most first, with the wrong answer typed most."""
    from bleep_tui.core.reports import LearnerData, MissedStep, lesson_stats

    def run(run_id: str, *answers: tuple[str, bool, object], percent: int | None = None) -> list[Event]:
        events = [Event("lesson_started", "2026-03-01T10:00:00+00:00", lesson="l", run=run_id)]
        events += [Event("answered", "2026-03-01T10:01:00+00:00", lesson="l", run=run_id, step=step, correct=correct, answer=answer)
                   for step, correct, answer in answers]
        if percent is not None:
            events.append(Event("lesson_finished", "2026-03-01T10:02:00+00:00", lesson="l", run=run_id, percent=percent))
        return events

    learners = [
        LearnerData("dee", "Dee", (Event("login", "2026-03-01T09:00:00+00:00"),)),  # never started it
        LearnerData("ana", "Ana", tuple(
            run("a1", ("code", False, "1111"), ("amount", False, "4000"), ("amount", False, " 400 "), ("pick", False, [2]),
                ("pick", False, [3]), ("amount", True, "40"), percent=60)
            + run("a2", ("amount", True, "40"), percent=90))),
        LearnerData("bob", "Bob", tuple(run("b1", ("amount", False, "400"), ("code", False, "2222"), ("pick", False, [1]), ("pick", True, [0]), percent=70))),
        LearnerData("cy", "Cy", tuple(run("c1", ("pick", False, [3]), ("code", False, "3333")))),
    ]
    stats = lesson_stats(learners, "l")
    assert (stats.lesson, stats.started, stats.completed, stats.average_percent, stats.completion_percent) == ("l", 3, 2, 80, 67)
    # Most wrong answers first; the same number in the order of the steps' names.
    assert stats.missed == (MissedStep("pick", 4, 3, ""), MissedStep("amount", 3, 2, "400"), MissedStep("code", 3, 3, "1111"))
    nobody = lesson_stats(learners, "other")
    assert (nobody.started, nobody.average_percent, nobody.completion_percent, nobody.missed) == (0, None, None, ())
