"""What a facilitator's export keeps with --since: the days asked for, and whole runs."""

from datetime import date

from bleep_tui.core.events import Event
from bleep_tui.core.reports import events_since

SINCE = date(2026, 3, 1)


def kinds_and_runs(events: tuple[Event, ...]) -> list[tuple[str, str]]:
    return [(event.kind, event.run) for event in events]


def test_events_on_the_day_itself_are_kept_and_the_day_before_left_out() -> None:
    events = [
        Event("login", "2026-02-28T23:59:59+00:00"),
        Event("login", "2026-03-01T00:00:00+00:00"),
        Event("login", "2026-03-02T08:00:00+00:00"),
    ]
    assert [event.at[:10] for event in events_since(events, SINCE)] == ["2026-03-01", "2026-03-02"]


def test_the_day_is_counted_in_utc_whatever_the_clock_of_the_server() -> None:
    events = [
        Event("login", "2026-03-01T00:30:00+01:00"),  # 23:30 UTC on 28 February
        Event("login", "2026-02-28T23:30:00-01:00"),  # 00:30 UTC on 1 March
    ]
    assert [event.at for event in events_since(events, SINCE)] == ["2026-02-28T23:30:00-01:00"]


def test_the_start_of_a_run_that_goes_on_after_the_day_is_kept_and_other_old_runs_are_not() -> None:
    events = [
        Event("lesson_started", "2026-02-27T10:00:00+00:00", lesson="l", run="old"),
        Event("lesson_finished", "2026-02-27T10:05:00+00:00", lesson="l", run="old", points=10),
        Event("lesson_started", "2026-02-28T23:50:00+00:00", lesson="l", run="late"),
        Event("answered", "2026-02-28T23:55:00+00:00", lesson="l", run="late", step="s"),
        Event("lesson_finished", "2026-03-01T00:10:00+00:00", lesson="l", run="late", points=20),
        Event("login", "2026-03-01T09:00:00+00:00"),
    ]
    assert kinds_and_runs(events_since(events, SINCE)) == [("lesson_started", "late"), ("lesson_finished", "late"), ("login", "")]


def test_events_without_a_run_never_bring_back_old_starts_without_a_run() -> None:
    events = [
        Event("lesson_started", "2026-02-27T10:00:00+00:00", lesson="l"),
        Event("login", "2026-03-02T09:00:00+00:00"),
    ]
    assert kinds_and_runs(events_since(events, SINCE)) == [("login", "")]


def test_an_event_with_a_time_that_cannot_be_read_counts_as_old() -> None:
    events = [Event("login", "yesterday"), Event("login", "2026-03-02T09:00:00")]
    assert [event.at for event in events_since(events, SINCE)] == ["2026-03-02T09:00:00"]
