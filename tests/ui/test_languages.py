"""Each learner sees BLEEP in their own language: chosen with F3 on the first screen, kept in the profile,
and not shared with the other learners served by the same program."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from bleep_tui.i18n import installed_languages
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.profile import ProfileScreen

from .screen import screen_text

SIZE = (80, 24)


async def settle(*pilots: Pilot) -> None:
    for pilot in pilots:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def choose(pilot: Pilot, language: str) -> None:
    """F3 goes round the installed languages (English, then A to Z): press it until `language` shows."""
    for _ in installed_languages():
        if pilot.app.language.shown == language:
            return
        await pilot.press("f3")
        await settle(pilot)
    assert pilot.app.language.shown == language


async def test_a_dutch_and_an_english_learner_on_one_shared_server_each_see_their_own_language(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana", "1234")
    accounts.add("bob", "Bob", "5678")
    dutch, english = BleepApp(data_dir), BleepApp(data_dir)
    async with dutch.run_test(size=SIZE) as nl, english.run_test(size=SIZE) as en:
        await settle(nl, en)
        assert "Nederlands" in screen_text(dutch)  # the first screen offers each language in its own name
        await choose(nl, "nl")
        assert "BLEEP: inloggen" in screen_text(dutch) and "[Nederlands]" in screen_text(dutch)
        assert "BLEEP: log in" in screen_text(english)
        await nl.press(*"ana", "enter", *"1234", "enter")
        await en.press(*"bob", "enter", *"5678", "enter")
        await settle(nl, en)
        assert isinstance(dutch.screen, HomeScreen) and isinstance(english.screen, HomeScreen)
        home_nl, home_en = screen_text(dutch), screen_text(english)
        assert "Les starten" in home_nl and "Mijn profiel" in home_nl and "Start lesson" not in home_nl
        assert "Start lesson" in home_en and "My profile" in home_en and "Les starten" not in home_en
    assert LearnerStore(data_dir, "ana").profile().language == "nl"  # kept for her next login
    assert LearnerStore(data_dir, "bob").profile().language == ""


async def test_a_learner_logs_in_to_their_own_language_and_the_next_learner_gets_the_installations(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    AccountStore(data_dir).add("ana", "Ana", "1234")
    LearnerStore(data_dir, "ana").set_language("nl")  # as `bleep learners add --language nl` does
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"ana", "enter", *"1234", "enter")
        await settle(pilot)
        assert "Les starten" in screen_text(app)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert "BLEEP: log in" in screen_text(app)  # the start screen is not left in her language


async def test_the_language_chosen_on_the_first_screen_stays_from_home_to_the_next_start(data_dir: Path) -> None:
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Welcome to BLEEP" in screen_text(app)
        await pilot.press(*"Sa")
        await choose(pilot, "nl")  # a name half typed when the language changes is kept
        await pilot.press("m")
        await settle(pilot)
        assert "Welkom bij BLEEP" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Les starten" in screen_text(app)
    assert LearnerStore(data_dir).profile().name == "Sam"
    again = BleepApp(data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Les starten" in screen_text(again)


async def test_a_learner_changes_language_in_the_profile_and_home_follows(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "[English]" in screen_text(app)
        await choose(pilot, "nl")
        assert isinstance(app.screen, ProfileScreen)
        assert "Mijn profiel" in screen_text(app) and "[Nederlands]" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and "Les starten" in screen_text(app)
    assert LearnerStore(data_dir).profile().language == "nl"
