"""The optional class board: pseudonyms only, ranked by XP."""

from datetime import datetime, timedelta, timezone

from bleep_tui.core.classboard import ADJECTIVES, ANIMALS, BoardEntry, board_entry, pseudonym, ranked
from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level

LEVELS = (Level(0, "Newcomer"), Level(50, "Starter"))


def test_a_pseudonym_is_stable_and_never_shows_the_code() -> None:
    name = pseudonym("A1234", "secret")
    assert name == pseudonym("A1234", "secret")
    assert "A1234" not in name

def test_the_same_codes_get_other_pseudonyms_under_another_installations_secret() -> None:
    """So a pseudonym cannot be worked out from the code alone: it takes the installation's secret."""
    codes = [f"code{n}" for n in range(20)]
    changed = sum(pseudonym(code, "secret one") != pseudonym(code, "secret two") for code in codes)
    assert changed >= 18


def test_a_pseudonym_stays_the_same_across_versions_of_bleep() -> None:
    """Written down once: a learner known on the board as Happy Wren 57 stays Happy Wren 57 after an update."""
    assert pseudonym("A1234", "secret") == "Happy Wren 57"
    assert pseudonym("ana", "prison-7f3a") == "Keen Bison 14"
    assert pseudonym("B-77_x", "s") == "Noble Panda 31"


def test_pseudonyms_use_every_word_and_every_two_digit_number() -> None:
    names = [pseudonym(f"learner{n}", "s").split() for n in range(3000)]
    assert {adjective for adjective, _animal, _number in names} == set(ADJECTIVES)
    assert {animal for _adjective, animal, _number in names} == set(ANIMALS)
    assert {int(number) for _adjective, _animal, number in names} == set(range(10, 100))


def test_different_learners_mostly_get_different_pseudonyms() -> None:
    names = {pseudonym(f"learner{n}", "s") for n in range(50)}
    assert len(names) >= 48


def test_the_board_ranks_by_xp_then_badges_and_equal_learners_share_a_rank() -> None:
    rows = ranked([
        BoardEntry("Calm Otter 11", 40, "Newcomer", 1, 0),
        BoardEntry("Bold Fox 22", 90, "Starter", 3, 2, me=True),
        BoardEntry("Amber Owl 33", 40, "Newcomer", 1, 1),
        BoardEntry("Keen Hare 44", 40, "Newcomer", 5, 0),
    ])
    assert [(r.rank, r.entry.pseudonym) for r in rows] == [
        (1, "Bold Fox 22"), (2, "Keen Hare 44"), (3, "Amber Owl 33"), (3, "Calm Otter 11"),
    ]


def test_a_board_entry_is_derived_from_the_learners_events() -> None:
    now = datetime(2026, 3, 11, tzinfo=timezone.utc)
    events = [
        Event("lesson_started", now.isoformat(), lesson="a", run="1"),
        Event("lesson_finished", now.isoformat(), lesson="a", run="1", points=60, percent=100, stars=3),
        Event("achievement_earned", now.isoformat(), achievement="first", points=10),
    ]
    entry = board_entry("Calm Otter 11", events, LEVELS, now, timezone.utc)
    assert (entry.pseudonym, entry.xp, entry.level, entry.badges, entry.streak) == ("Calm Otter 11", 60, "Starter", 1, 1)
    assert not entry.me and board_entry("Calm Otter 11", events, LEVELS, now, timezone.utc, me=True).me


def test_on_the_board_a_badge_earned_twice_counts_once_and_a_paused_week_keeps_the_streak() -> None:
    now = datetime(2026, 3, 11, tzinfo=timezone.utc)  # a Wednesday of 2026-W11
    two_weeks_ago = datetime(2026, 2, 25, tzinfo=timezone.utc)  # 2026-W09
    events = [
        Event("lesson_finished", two_weeks_ago.isoformat(), lesson="a", run="1", points=20, percent=100, stars=3),
        Event("achievement_earned", two_weeks_ago.isoformat(), achievement="first", points=10),
        Event("achievement_earned", now.isoformat(), achievement="first", points=10),  # recomputed after a rule change
    ]
    assert board_entry("x", events, LEVELS, now, timezone.utc).badges == 1
    assert board_entry("x", events, LEVELS, now, timezone.utc).streak == 0  # 2026-W10 had no lesson
    assert board_entry("x", events, LEVELS, now, timezone.utc, paused_weeks=["2026-W10"]).streak == 1


def test_on_the_board_only_badges_count_as_badges_and_only_finished_lessons_keep_a_streak() -> None:
    now = datetime(2026, 3, 11, tzinfo=timezone.utc)
    last_week = datetime(2026, 3, 4, tzinfo=timezone.utc).isoformat()
    events = [
        Event("lesson_started", last_week, lesson="a", run="1"),
        Event("answered", last_week, lesson="a", run="1", step="s", correct=True),
        Event("login", now.isoformat()),
        Event("achievement_earned", last_week, achievement="first", points=10),
        Event("achievement_earned", last_week, achievement="second", points=10),
    ]
    entry = board_entry("Calm Otter 11", events, LEVELS, now, timezone.utc)
    assert (entry.badges, entry.streak) == (2, 0)


def test_on_the_board_the_streak_is_counted_in_the_learners_own_week() -> None:
    from zoneinfo import ZoneInfo

    now = datetime(2026, 3, 8, 23, 30, tzinfo=timezone.utc)  # a Sunday in UTC, already Monday in Helsinki
    last_week = (now - timedelta(days=7, hours=2)).isoformat()  # a Sunday evening in Helsinki too
    events = [Event("lesson_started", last_week, lesson="a", run="1"), Event("lesson_finished", last_week, lesson="a", run="1", points=10)]
    assert board_entry("Calm Otter 11", events, LEVELS, now, ZoneInfo("Europe/Helsinki")).streak == 0  # two weeks ago there: broken
