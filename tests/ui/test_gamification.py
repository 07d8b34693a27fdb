"""Badges, streaks, the profile and the class board as a learner sees them at 80x24, keyboard only."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from babel.dates import format_date

from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp

from .screen import screen_text, settled
from .test_lesson_player import LESSON, SIZE, create_learner, open_lesson, play_one_time_codes_perfectly


async def press(pilot, *keys: str) -> str:
    await pilot.press(*keys)
    await pilot.pause()
    return screen_text(pilot.app)


async def whole_scroll(pilot) -> str:
    """Every line of a scrolling screen, paging down with the keyboard."""
    seen = [screen_text(pilot.app)]
    for _ in range(10):
        seen.append(await press(pilot, "pagedown"))
    return "\n".join(seen)


def finished_lesson(store: LearnerStore, lesson: str, at: datetime, run: str) -> None:
    store.record(Event("lesson_started", at.isoformat(), lesson=lesson, run=run))
    store.record(Event("lesson_finished", at.isoformat(), lesson=lesson, run=run, points=20, percent=80, stars=2))


async def test_a_first_perfect_lesson_celebrates_new_badges_once_and_the_profile_shows_them(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await create_learner(pilot)
        assert "Weekly streak: 0 weeks" in screen_text(app)
        await open_lesson(pilot, LESSON)
        await play_one_time_codes_perfectly(pilot)
        result = screen_text(app)
        assert "NEW BADGES!" in result
        assert "✦ First steps  +10" in result
        assert "more: press p on the lesson list to see them all" in result  # the screen stays within 80x24

        home = await press(pilot, "enter")
        assert "Weekly streak: 1 week  (this week done)" in home
        assert "p My profile" in home

        profile = await press(pilot, "p")
        assert "My profile: Sam" in profile
        assert "Level 1: Newcomer" in profile and "36 XP, 14 to the next level" in profile
        earned = [e for e in LearnerStore(data_dir).events() if e.kind == "achievement_earned"]
        assert f"Badges: {len(earned)} of {len(app.achievements)}" in profile
        [first_steps] = [e for e in LearnerStore(data_dir).events() if e.achievement == "first-lesson"]
        earned_day = datetime.fromisoformat(first_steps.at).astimezone().date()  # the learner's local day
        earned_on = f"{earned_day.day} {format_date(earned_day, 'MMM', locale='en_IE')} {earned_day.year}"  # 3 Dec 2026
        assert "4.2 Protecting personal data and privacy" in profile and "Familiar" in profile
        whole = await whole_scroll(pilot)  # the badges come after the passport, a page down
        assert "✦ First steps" in whole and earned_on in whole
        assert "Never share" not in whole  # lesson titles are not badges
        assert "③ Getting going  Finish 3 different lessons.  (1 of 3)" in whole

        assert "My skills passport" in await press(pilot, "s")
        passport = await whole_scroll(pilot)
        privacy = sum("4.2" in lesson.competences for lesson in app.catalog.lessons.values())
        assert f"1 of {privacy} lessons finished" in passport
        await press(pilot, "escape", "escape")

        await open_lesson(pilot, LESSON)
        await play_one_time_codes_perfectly(pilot)
        assert "NEW BADGE" not in screen_text(app)  # each badge is celebrated once

    earned = [e for e in LearnerStore(data_dir).events() if e.kind == "achievement_earned"]
    assert {"code-keeper", "first-lesson", "first-perfect", "no-hints"} <= {e.achievement for e in earned}
    assert len(earned) == len({e.achievement for e in earned})  # each recorded once
    assert {e.achievement: e.points for e in earned}["first-lesson"] == 10


async def test_the_result_screen_says_level_up_once_and_a_replay_says_no_new_xp(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    finished_lesson(store, "money-atm-withdraw", datetime.now(timezone.utc) - timedelta(days=1), "r0")  # 20 XP
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        starter = app.levels[1]
        assert 20 < starter.xp <= 20 + 36  # this lesson played perfectly (36 XP) crosses into level 2
        await open_lesson(pilot, LESSON)
        await play_one_time_codes_perfectly(pilot)
        result = screen_text(app)
        assert result.count("LEVEL UP!") == 1
        assert f"LEVEL UP! You are now level 2: {starter.name}" in result
        assert "You gained 36 XP. Total: 56 XP" in result

        await press(pilot, "enter")
        await open_lesson(pilot, LESSON)
        await play_one_time_codes_perfectly(pilot)
        replay = screen_text(app)
        assert "LEVEL UP!" not in replay
        assert "No new XP: your best result on this lesson still counts. Total: 56 XP" in replay


async def test_in_ascii_mode_the_profile_shows_the_ascii_symbols(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    finished_lesson(store, LESSON, datetime.now(timezone.utc), "r1")
    app = BleepApp(data_dir, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        profile = await press(pilot, "p")
        assert "+ First steps" in profile and "✦" not in profile


async def test_a_badge_already_deserved_is_recorded_and_announced_when_the_profile_opens(data_dir: Path) -> None:
    """Events from before a badge existed (or before its rule was made easier) earn it on recomputation."""
    store = LearnerStore(data_dir)
    store.create("Sam")
    finished_lesson(store, LESSON, datetime.now(timezone.utc) - timedelta(days=1), "r1")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        profile = await press(pilot, "p")
        assert "New badge: ✦ First steps" in profile
    assert "first-lesson" in {e.achievement for e in LearnerStore(data_dir).events() if e.kind == "achievement_earned"}


async def test_w_in_the_profile_saves_the_skills_passport_to_print_and_says_where(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam [b]<i>")
    finished_lesson(store, LESSON, datetime.now(timezone.utc) - timedelta(days=1), "r1")
    async with BleepApp(data_dir).run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        await press(pilot, "p")  # new badges are announced where the keys are, until the next key
        assert "w Save my passport" in await press(pilot, "down")
        saved = await press(pilot, "w")
        assert "Your skills passport is saved" in saved
    page = (data_dir / "passport" / "me.html").read_text()
    assert "Skills passport: Sam [b]&lt;i&gt;" in page and "Never share a one-time code" in page
    assert oct((data_dir / "passport" / "me.html").stat().st_mode & 0o777) == "0o600"


async def test_a_lockdown_week_in_settings_pauses_the_streak_shown_on_home(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    now = datetime.now(timezone.utc)
    for weeks_ago in (4, 3, 1):
        finished_lesson(store, LESSON, now - timedelta(weeks=weeks_ago), f"r{weeks_ago}")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        assert "Weekly streak: 1 week  (finish a lesson this week to keep it)" in screen_text(app)

    year, week, _day = (now - timedelta(weeks=2)).astimezone().isocalendar()
    (data_dir / "settings.toml").write_text(f'paused_weeks = ["{year}-W{week:02d}"]\n', encoding="utf-8")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        assert "Weekly streak: 3 weeks" in screen_text(app)


async def test_the_class_board_is_unreachable_unless_a_facilitator_turns_it_on(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        home = screen_text(app)
        assert "Class board" not in home
        assert "Class board" not in await press(pilot, "b")
        assert type(app.screen).__name__ == "HomeScreen"
    assert not (data_dir / "board-secret").exists()


async def test_the_class_board_shows_pseudonyms_only_and_marks_you(data_dir: Path) -> None:
    me = LearnerStore(data_dir)
    me.create("Sam Smith")
    finished_lesson(me, LESSON, datetime.now(timezone.utc), "r1")
    other = LearnerStore(data_dir, "A1234")
    other.create("Jo Bloggs")
    (data_dir / "settings.toml").write_text("class_board = true\n", encoding="utf-8")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)  # the lessons are read in a thread
        assert "b Class board" in screen_text(app)
        board = await press(pilot, "b")
        assert "Class board (pseudonyms only)" in board
        assert "(you)" in board
        for private in ("Sam", "Smith", "Jo", "Bloggs", "A1234"):
            assert private not in board.replace("Class board", "")
        rows = [line for line in board.splitlines() if line.strip()[:1].isdigit()]
        assert len(rows) == 2 and "(you)" in rows[0] and " 20 " in rows[0]
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "HomeScreen"
    assert LearnerStore(data_dir, "A1234").events() == []  # read, never written
