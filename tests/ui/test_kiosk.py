"""On a shared terminal a learner cannot get out of the app, run actions, or reach what is not theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region
from textual.widgets import Input, OptionList, Static

from bleep_tui.core.text import clean_name
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.lesson import LessonScreen
from bleep_tui.ui.screens.login import LoginScreen

from .injections import INJECTIONS
from .screen import screen_text, settled
from .test_lesson_player import LESSON, choose_right

SIZE = (80, 24)


@pytest.fixture
def shared_dir(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # a screenshot, if one were taken, would land here
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    AccountStore(data_dir).add("k00", "Kim", "1234")
    return data_dir


def written_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name != "data"]


def test_the_corpus_has_at_least_twenty_injections() -> None:
    assert len(INJECTIONS) >= 20


async def test_injected_names_are_shown_literally_and_clicking_them_runs_nothing(shared_dir: Path, tmp_path: Path) -> None:
    accounts = AccountStore(shared_dir)
    for number, name in enumerate(INJECTIONS, 1):
        accounts.add(f"k{number:02d}", name, "1234")
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        for number, name in enumerate(INJECTIONS, 1):
            app.start_session(f"k{number:02d}")
            await settled(pilot)  # the lessons, read in a thread, may come after a loaded machine's first pause
            assert isinstance(app.screen, HomeScreen)
            assert screen_text(app).splitlines()[0].startswith(" " + clean_name(name)), name
            await pilot.click("#status", offset=(2, 0))  # where a [@click=...] in the name would act
            assert app.is_running and isinstance(app.screen, HomeScreen), name
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, LoginScreen)
    assert written_files(tmp_path) == []


async def test_injected_answers_are_kept_and_shown_literally_and_escapes_never_reach_the_screen(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session("k00")
        await pilot.pause()
        menu = app.screen.query_one("#lessons", OptionList)
        menu.highlighted = menu.get_option_index(LESSON)
        await pilot.press("enter")  # open the lesson
        await pilot.pause()
        await pilot.press("enter")  # the intro
        await pilot.pause()
        await choose_right(pilot)
        await pilot.press("enter")  # Continue
        await pilot.pause()
        answer = app.screen.query_one(".answer", Input)
        for text in INJECTIONS:
            answer.value = ""
            answer.post_message(events.Paste(text))  # as a terminal's bracketed paste delivers it
            await pilot.pause()
            shown = screen_text(app)
            assert "\x1b" not in shown and "\x07" not in shown
            if text.isprintable():
                assert answer.value == text
                assert text[:60] in shown, text
            else:
                assert answer.value == ""  # a paste with control characters is refused whole
        for text in INJECTIONS[:3]:
            answer.value = text
            await pilot.press("enter")
            await pilot.pause()
        assert app.is_running and isinstance(app.screen, LessonScreen)
        assert "The right answer: nobody" in screen_text(app)
    answers = [e.answer for e in LearnerStore(shared_dir, "k00").events() if e.kind == "answered"]
    assert answers[1:] == list(INJECTIONS[:3])


LEAVING_ACTIONS = (
    "screenshot", "suspend_process", "command_palette", "open_url('file:///etc/passwd')", "push_screen('dashboard')",
    "switch_screen('x')", "switch_mode('x')", "simulate_key('ctrl+q')", "toggle_class('Screen', 'x')", "change_theme",
    "toggle_dark", "quit", "pop_screen", "help_quit",
)


async def test_a_learner_session_refuses_actions_that_leave_the_app_or_change_screens(shared_dir: Path, tmp_path: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session("k00")
        await pilot.pause()
        for action in LEAVING_ACTIONS:
            assert await app.run_action(f"app.{action}") is False, action
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, HomeScreen), action
            assert app.store.code == "k00"
    assert written_files(tmp_path) == []


async def test_personal_mode_still_refuses_screenshots_and_suspending(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for action in ("screenshot", "suspend_process", "command_palette", "open_url('x')"):
            assert await app.run_action(f"app.{action}") is False, action
    assert written_files(tmp_path) == []


async def test_the_start_screen_cannot_be_popped_away(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await app.run_action("app.pop_screen") is False
        assert await app.run_action("app.back") is False
        await pilot.press("ctrl+p", "ctrl+q", "ctrl+c", "ctrl+z", "escape", "f1")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LoginScreen)


async def test_no_command_palette_and_no_dashboard_in_the_learner_app(shared_dir: Path) -> None:
    app = BleepApp(shared_dir)
    assert not app.ENABLE_COMMAND_PALETTE
    assert not app.SCREENS and not app.MODES
    async with app.run_test(size=SIZE) as pilot:
        app.start_session("k00")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any(type(screen).__module__.endswith("dashboard") for screen in app.screen_stack)


async def test_lesson_text_holds_no_link_to_click_and_opening_a_url_does_nothing(shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: opened.append(url))  # where Textual would send it
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session("k00")
        await pilot.pause()
        menu = app.screen.query_one("#lessons", OptionList)
        menu.highlighted = menu.get_option_index(LESSON)
        await pilot.press("enter")
        await pilot.pause()
        info = app.screen.query_one(".info-text", Static)
        strips = info.render_lines(Region(0, 0, info.size.width, info.size.height))
        segments = [segment for strip in strips for segment in strip]
        assert "".join(segment.text for segment in segments).strip()
        assert not any(segment.style and (segment.style.link or "@click" in segment.style.meta) for segment in segments)
        app.open_url("file:///etc/passwd")
        await pilot.pause()
        assert opened == [] and app.is_running


async def test_a_learner_store_reads_only_the_logged_in_learner(shared_dir: Path) -> None:
    AccountStore(shared_dir).add("k01", "Someone else", "1234")
    app = BleepApp(shared_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"k00", "enter", *"1234", "enter")
        await pilot.pause()
        assert app.store.path == shared_dir / "learners" / "k00.json"
        assert "Someone else" not in screen_text(app)
