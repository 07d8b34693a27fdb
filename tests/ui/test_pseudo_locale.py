"""Layouts survive longer words: every screen at 80x24 in the pseudo-locale (tools/pseudo_locale.py: each
string about 40 % longer, accented, between ⟦ and ⟧) shows the end of every string it starts, and
nothing is drawn over the key bar."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import ModalScreen
from textual.widget import Widget

import bleep_tui.i18n as i18n
import bleep_tui.store.compiled as compiled
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.facilitator import FacilitatorApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.sims.dialogs import Confirm
from bleep_tui.ui.widgets.key_bar import KeyBar

from .screen import screen_text
from .test_lesson_player import open_lesson

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
from pseudo_locale import CODE, END, START, pseudo, write  # noqa: E402

SIZE = (80, 24)
ELLIPSIS = "…"


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("locale")
    write(folder)
    return folder


@pytest.fixture
def in_pseudo_locale(pseudo_locale: Path, monkeypatch: pytest.MonkeyPatch):
    """The app reads its catalogues from the pseudo-locale's folder, as with BLEEP_LOCALE_DIR."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", pseudo_locale)
    monkeypatch.setattr(compiled, "LOCALE_DIR", pseudo_locale)
    i18n.catalogue.cache_clear()
    yield
    i18n.catalogue.cache_clear()


def test_the_pseudo_locale_lengthens_accents_and_marks_but_keeps_placeholders_and_markup() -> None:
    made = pseudo("Your balance: {balance} [b]now[/b]\n")
    assert made.startswith(START) and made.endswith(END + "\n")
    assert "{balance}" in made and "[b]" in made and "[/b]" in made and "Ýõür" in made
    assert len(made) >= len("Your balance: {balance} [b]now[/b]") * 1.35


def cut_strings(app: App) -> list[str]:
    """The start of each string on the screen whose end marker is not there: cut off by the layout.

    Strings nest (a level's name inside "Level {n}: {name}"): each end marker closes the latest start.
    A string may be cut where it shows that it is (`…`, a mail's subject in the list: it is whole when
    the mail is opened), and the last string in view of a list or page that scrolls on may go on below
    it: a learner scrolls to it. Over a dialog, only the dialog is read: the screen under it is hidden.
    """
    lines = own_text(app)
    places = [(row, column) for row, line in enumerate(lines) for column, char in enumerate(line) if char in (START, END)]
    open_at: list[tuple[int, int]] = []
    for row, column in places:
        if lines[row][column] == START:
            open_at.append((row, column))
        elif open_at:
            open_at.pop()
    cut = []
    for row, column in open_at:
        rest_of_line = lines[row][column + 1:].split(START)[0]
        if ELLIPSIS in rest_of_line:
            continue
        scroller = scrolls_on_below(app, row, column)
        after = [place for place in places if place > (row, column) and scroller is not None and scroller.contains(place[1], place[0])]
        if scroller is None or after:
            cut.append(lines[row][column:].strip()[:40])
    return cut


def own_text(app: App) -> list[str]:
    """The screen's lines, blank where the top screen draws nothing of its own (under a dialog)."""
    lines = screen_text(app).split("\n")
    if not isinstance(app.screen, ModalScreen):
        return lines
    regions = [region.intersection(clip) for widget, (region, clip) in app.screen._compositor.visible_widgets.items()
               if widget is not app.screen]
    return ["".join(char if any(region.contains(column, row) for region in regions) else " " for column, char in enumerate(line))
            for row, line in enumerate(lines)]


def scrolls_on_below(app: App, row: int, column: int):
    """The visible region of the scrolling widget at (row, column) that has more below, if there is one."""
    for widget, (region, clip) in app.screen._compositor.visible_widgets.items():
        shown = region.intersection(clip)
        if widget.is_scrollable and widget.scroll_y < widget.max_scroll_y and shown.contains(column, row):
            return shown
    return None


def over_the_key_bar(app: App) -> list[str]:
    """The widgets drawn on the key bar's lines, as the screen is composed (scrolled, clipped)."""
    visible = app.screen._compositor.visible_widgets
    bar = next((region.intersection(clip) for widget, (region, clip) in visible.items() if isinstance(widget, KeyBar)), None)
    if bar is None:
        return []
    return [
        f"{type(widget).__name__}#{widget.id}"
        for widget, (region, clip) in visible.items()
        if not isinstance(widget, KeyBar) and not widget.children and region.intersection(clip).overlaps(bar)
    ]


class Walk:
    def __init__(self, keys_whole: bool = False) -> None:
        self.problems: list[str] = []
        self.keys_whole = keys_whole

    def check(self, app: App, where: str) -> None:
        if self.keys_whole:
            for bar in app.screen.query(KeyBar):
                if not bar.fits(SIZE[0]):
                    self.problems.append(f"{where}: keys cut: {[f'{key.label} {key.description}' for key in bar.keys]}")
        for start in cut_strings(app):
            self.problems.append(f"{where}: cut off: {start}")
        for widget in over_the_key_bar(app):
            self.problems.append(f"{where}: {widget} is drawn over the key bar")


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_every_learner_screen_keeps_the_end_of_every_string_at_80x24(data_dir: Path, in_pseudo_locale) -> None:
    walk = Walk()
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")  # English, then the pseudo-locale
        await settle(pilot)
        await walk_every_learner_screen(pilot, walk)
    assert not walk.problems, "\n".join(walk.problems)


@pytest.mark.parametrize("language", i18n.installed_languages())
async def test_every_learner_screen_in_each_shipped_language_shows_every_key_whole_at_80x24(data_dir: Path, language: str) -> None:
    """The pseudo-locale walk cannot see a key left out for lack of room: each shipped language is walked for that."""
    walk = Walk(keys_whole=True)
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(10):  # F3 goes round the installed languages
            if app.language.shown == language:
                break
            await pilot.press("f3")
            await settle(pilot)
        assert app.language.shown == language
        await walk_every_learner_screen(pilot, walk)
    assert not walk.problems, "\n".join(walk.problems)


async def walk_every_learner_screen(pilot, walk: Walk) -> None:
    """From the welcome screen: Home, the profile, the passport, every step type and every simulation."""
    app = pilot.app
    walk.check(app, "welcome")
    await pilot.press(*"Sam", "enter")
    await settle(pilot)
    walk.check(app, "home")
    await pilot.press("p")
    await settle(pilot)
    walk.check(app, "profile")
    await pilot.press("s")
    await settle(pilot)
    walk.check(app, "passport")
    await pilot.press("escape", "escape")
    await settle(pilot)
    await play_every_step_type(pilot, walk)
    for lesson, keys in SIMULATIONS:
        await open_lesson(pilot, lesson)
        await pilot.press("enter")  # the info step before the task
        await settle(pilot)
        walk.check(app, lesson)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
            walk.check(app, f"{lesson} after {key}")
        for _ in range(5):  # save and leave, through any dialog on the way (a draft to throw away)
            if isinstance(app.screen, HomeScreen):
                break
            if isinstance(app.screen, Confirm):
                walk.check(app, f"{lesson}: a question")
            await pilot.press("y" if isinstance(app.screen, Confirm) else "escape")
            await settle(pilot)
        assert isinstance(app.screen, HomeScreen), lesson


# Each simulation, and keys that take it to its other screens.
SIMULATIONS = [
    ("money-sim-atm-withdraw", ["i", "a", "p", "4", "0", "7", "1", "enter", "a"]),
    ("money-sim-card-contactless", ["t"]),
    ("money-sim-banking-rent", ["2", "4", "6", "8", "0", "enter", "n"]),
    ("communication-sim-email-job-centre", ["enter", "r"]),
    ("services-sim-form-appointment", []),
    ("work-sim-cv-builder", []),
    ("safety-sim-sms-scams", ["enter"]),
    ("work-sim-search-jobs", ["enter", "k", "enter", "enter", "b", "down", "enter", "a", "escape", "b", "f"]),
    ("information-sim-files-organise", ["w", "down", "enter", "escape", "r", "escape", "tab", "end", "tab"]),
]


async def play_every_step_type(pilot, walk: Walk) -> None:
    """The one-time-codes lesson: an info, a choice, a typed answer and an order step, each answered
    wrong first (the feedback), then the result."""
    from .test_lesson_player import choose_right, choose_wrong, put_in_order

    app = pilot.app
    await open_lesson(pilot, "safety-one-time-codes")
    walk.check(app, "info step")
    await pilot.press("enter")
    await settle(pilot)
    walk.check(app, "choice step")
    await choose_wrong(pilot)
    walk.check(app, "choice step, wrong")
    await pilot.press("f2")
    await settle(pilot)
    walk.check(app, "choice step, hint")
    await choose_right(pilot)
    await pilot.press("enter")
    await settle(pilot)
    walk.check(app, "text step")
    await pilot.press(*"x", "enter")
    await settle(pilot)
    walk.check(app, "text step, wrong")
    await pilot.press(*"x", "enter", *"x", "enter")  # three tries: the right answer is shown
    await settle(pilot)
    walk.check(app, "text step, answer shown")
    await pilot.press("enter")
    await settle(pilot)
    walk.check(app, "order step")
    await put_in_order(pilot)
    walk.check(app, "order step, answered")
    await pilot.press("enter")
    await settle(pilot)
    walk.check(app, "result")
    await pilot.press("enter")
    await settle(pilot)


async def test_the_shared_login_screen_keeps_the_end_of_every_string(data_dir: Path, in_pseudo_locale) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    AccountStore(data_dir).add("ana", "Ana", "1234")
    walk = Walk()
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        walk.check(app, "login")
        await pilot.press(*"ana", "enter", *"0000", "enter")  # a wrong PIN: the message
        await settle(pilot)
        walk.check(app, "login, wrong PIN")
    assert not walk.problems, "\n".join(walk.problems)


async def test_the_facilitators_dashboard_keeps_the_end_of_every_string(data_dir: Path, in_pseudo_locale, monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", CODE)  # the dashboard speaks the facilitator's locale
    i18n.speak(i18n.Language())
    AccountStore(data_dir).add("ana", "Ana Lopez", "1234")
    LearnerStore(data_dir, "ana").create("Ana Lopez")
    walk = Walk()
    app = FacilitatorApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert START in screen_text(app)  # in the pseudo-locale indeed
        walk.check(app, "dashboard")
        await pilot.press("enter")
        await settle(pilot)
        walk.check(app, "a learner's details")
        await pilot.press("escape", "l")
        await settle(pilot)
        walk.check(app, "lessons")
    assert not walk.problems, "\n".join(walk.problems)
