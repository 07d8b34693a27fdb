"""Weekly streaks: a week counts when a lesson was finished in it, in the learner's local time."""

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bleep_tui.core.streaks import parse_week, week_of, weekly_streak

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


def monday(week: int, year: int = 2026) -> datetime:
    """Noon UTC on the Monday of an ISO week."""
    return datetime.fromisocalendar(year, week, 1).replace(hour=12, tzinfo=UTC)


def done_in(*weeks: int) -> list[str]:
    return [monday(week).isoformat() for week in weeks]


def test_three_weeks_in_a_row_make_a_streak_of_three() -> None:
    streak = weekly_streak(done_in(10, 11, 12), monday(12), UTC)
    assert (streak.current, streak.best, streak.this_week_done) == (3, 3, True)


def test_several_lessons_in_one_week_count_as_one_week() -> None:
    times = done_in(10, 10, 10) + [(monday(10) + timedelta(days=3)).isoformat()]
    assert weekly_streak(times, monday(10), UTC).current == 1


def test_a_missed_week_resets_the_streak_but_the_best_is_remembered() -> None:
    streak = weekly_streak(done_in(10, 11, 12, 14), monday(14), UTC)
    assert (streak.current, streak.best) == (1, 3)


def test_the_current_week_not_yet_done_does_not_break_the_streak() -> None:
    streak = weekly_streak(done_in(10, 11), monday(12) + timedelta(days=5), UTC)
    assert (streak.current, streak.this_week_done) == (2, False)


def test_a_whole_week_missed_after_the_streak_breaks_it() -> None:
    assert weekly_streak(done_in(10, 11), monday(13), UTC).current == 0


def test_a_paused_lockdown_week_pauses_the_streak_instead_of_breaking_it() -> None:
    paused = ["2026-W12"]
    streak = weekly_streak(done_in(10, 11, 13), monday(13), UTC, paused)
    assert streak.current == 3  # W12 neither adds nor breaks
    assert weekly_streak(done_in(10, 11, 13), monday(13), UTC).current == 1


def test_several_paused_weeks_in_a_row_and_a_paused_current_week() -> None:
    paused = ["2026-W12", "2026-W13", "2026-W14"]
    streak = weekly_streak(done_in(10, 11), monday(14), UTC, paused)
    assert (streak.current, streak.this_week_paused) == (2, True)


def test_a_lesson_done_in_a_paused_week_still_counts() -> None:
    assert weekly_streak(done_in(10, 11), monday(11), UTC, ["2026-W11"]).current == 2


def test_sunday_night_and_monday_morning_are_different_weeks() -> None:
    sunday_late = datetime(2026, 3, 8, 23, 59, 59, tzinfo=UTC)  # Sunday of W10
    monday_early = datetime(2026, 3, 9, 0, 0, 0, tzinfo=UTC)  # Monday of W11
    streak = weekly_streak([sunday_late.isoformat(), monday_early.isoformat()], monday_early, UTC)
    assert (streak.current, streak.best) == (2, 2)
    assert weekly_streak([sunday_late.isoformat()], monday_early, UTC).this_week_done is False


def test_the_week_is_the_learners_local_week_not_utc() -> None:
    # 23:30 UTC on Sunday is already Monday 00:30 in Berlin (winter time): the next week there.
    late = datetime(2026, 3, 8, 23, 30, tzinfo=UTC).isoformat()
    monday_w11 = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
    assert weekly_streak([late], monday_w11, UTC).this_week_done is False
    assert weekly_streak([late], monday_w11, BERLIN).this_week_done is True


def test_a_streak_across_the_new_year_uses_iso_weeks() -> None:
    times = [datetime(2026, 12, 23, tzinfo=UTC).isoformat(), datetime(2026, 12, 30, tzinfo=UTC).isoformat(),
             datetime(2027, 1, 6, tzinfo=UTC).isoformat()]  # 2026-W52, 2026-W53, 2027-W01
    assert weekly_streak(times, datetime(2027, 1, 6, tzinfo=UTC), UTC).current == 3


def test_no_lessons_means_no_streak_and_bad_times_are_skipped() -> None:
    assert weekly_streak([], monday(10), UTC).best == 0
    assert weekly_streak(["yesterday", *done_in(10)], monday(10), UTC).current == 1


def test_week_names_are_read_strictly() -> None:
    assert parse_week("2026-W47") == (2026, 47)
    assert parse_week(" 2026-W1 ") == (2026, 1)
    assert parse_week("2026-W54") is None
    assert parse_week("week 47") is None


def test_this_week_is_the_learners_local_week_at_a_sunday_midnight_in_utc() -> None:
    """Sunday 23:30 in UTC is already Monday in Helsinki: a lesson finished then counts for the new week there."""
    helsinki = ZoneInfo("Europe/Helsinki")
    now = datetime(2026, 3, 8, 23, 30, tzinfo=timezone.utc)  # a Sunday
    streak = weekly_streak([(now - timedelta(minutes=10)).isoformat()], now, helsinki)
    assert streak.this_week_done and streak.current == 1
    assert weekly_streak([(now - timedelta(hours=2)).isoformat()], now, helsinki).this_week_done is False


def test_a_time_stored_without_an_offset_is_utc_and_one_with_an_offset_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")  # the server's own clock: a time without an offset is still UTC
    time.tzset()
    try:
        sunday_utc = datetime(2026, 3, 8, 23, 30)  # no offset: 23:30 UTC on a Sunday, not 23:30 in New York
        assert week_of(sunday_utc, timezone.utc) == (2026, 10)
        assert week_of(datetime(2026, 3, 9, 0, 30, tzinfo=timezone(timedelta(hours=2))), timezone.utc) == (2026, 10)  # 22:30 UTC Sunday
    finally:
        monkeypatch.undo()
        time.tzset()
