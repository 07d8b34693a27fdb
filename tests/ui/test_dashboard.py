"""The facilitator's dashboard at 80x24, by keyboard: who is where, what to teach next, and account actions."""

from __future__ import annotations

import csv
import itertools
import re
import time
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from bleep_tui.core.events import Event
from bleep_tui.core.reports import Selection
from bleep_tui.export.spreadsheet import HEADER
import bleep_tui.store.accounts as accounts_module
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.facilitator import FacilitatorApp
from bleep_tui.ui.screens.dashboard import DashboardScreen, LearnerScreen, LessonsScreen

from .injections import INJECTIONS
from .screen import screen_text
from ..store.test_accounts import from_terminals
from .test_lesson_player import LESSON

SIZE = (80, 24)


def play(store: LearnerStore, run: str, percent: int, stars: int, xp: int, wrong: dict[str, str]) -> None:
    """A finished run of the one-time-codes lesson, with a wrong answer first at each step in `wrong`."""
    store.record(Event("lesson_started", "2026-03-02T10:00:00+00:00", lesson=LESSON, run=run))
    for step, answer in wrong.items():
        store.record(Event("answered", "2026-03-02T10:01:00+00:00", lesson=LESSON, run=run, step=step, answer=answer, try_number=1))
    store.record(Event("hint_shown", "2026-03-02T10:02:00+00:00", lesson=LESSON, run=run, step="type-the-rule", hints=1))
    store.record(Event("lesson_finished", "2026-03-02T10:06:00+00:00", lesson=LESSON, run=run, points=xp, percent=percent, stars=stars))


@pytest.fixture
def classroom(data_dir: Path) -> Path:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana Lopez", "1234")
    accounts.add("bob", "Bob Smith", "5678")
    accounts.add("cy", "Cy Jones", "4321")
    play(LearnerStore(data_dir, "ana"), "r1", 80, 2, 30, {"type-the-rule": "the bank", "caller-asks": "[1]"})
    play(LearnerStore(data_dir, "bob"), "r2", 60, 1, 20, {"type-the-rule": "the bank"})
    LearnerStore(data_dir, "cy").record(Event("lesson_started", "2026-03-03T09:00:00+00:00", lesson=LESSON, run="r3"))
    from_terminals(accounts, "bob", "0000", 5)
    return data_dir


def table_row(app: FacilitatorApp, code: str) -> str:
    return next(line for line in screen_text(app).splitlines() if line.startswith(f" {code} "))


async def move_to(pilot, key: str) -> None:
    """Up or down the table by keyboard until the row `key` has the cursor (and so is in view)."""
    table = pilot.app.screen.query_one(DataTable)
    steps = table.get_row_index(key) - table.cursor_row
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps))
    assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == key


async def test_the_table_shows_each_learner_with_level_xp_lessons_and_lock(classroom: Path) -> None:
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_text(app)
        assert "3 learners" in screen
        assert re.search(r"ana\s+Ana Lopez\s+quiet\s+1\s+30\s+1\s+\S+ \S+\s+6m", table_row(app, "ana"))  # quiet: March 2026 is long ago
        assert "LOCKED" in table_row(app, "bob")
        assert re.search(r"Cy Jones\s+quiet\s+1\s+0\s+0", table_row(app, "cy"))
        footer = screen.splitlines()[-1]
        for key in ("Details", "Lessons", "Unlock", "New PIN", "(De)activate", "Export", "Quit"):
            assert key in footer


async def test_a_learners_detail_lists_their_lessons(classroom: Path) -> None:
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await move_to(pilot, "ana")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        screen = screen_text(app)
        assert "Ana Lopez (ana)" in screen
        assert re.search(r"Never share a one-time code\s+1\s+80%\s+★★☆\s+6m\s+1", screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_the_lesson_view_shows_completion_average_and_the_steps_most_often_wrong(classroom: Path) -> None:
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        await move_to(pilot, LESSON)
        screen = screen_text(app)
        assert re.search(r"Never share a one-time code\s+3\s+67%\s+70%", screen)
        missed = screen[screen.index("Steps most often got wrong"):]
        assert missed.index("Fill in the word") < missed.index("Your phone rings")
        assert "2 wrong answers, 2 learners" in missed and "often answered: the bank" in missed


async def test_unlock_new_pin_and_deactivate_by_keyboard(classroom: Path) -> None:
    accounts = AccountStore(classroom)
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await move_to(pilot, "bob")
        await pilot.press("u")
        await pilot.pause()
        assert "Unlocked bob" in screen_text(app) and "LOCKED" not in table_row(app, "bob")
        assert accounts.login("bob", "5678").status == "ok"

        await pilot.press("n")
        await pilot.pause()
        assert "Give bob a new PIN?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        new_pin = re.search(r"New PIN for bob: (\d{6})", screen_text(app)).group(1)
        await pilot.press("enter")
        await pilot.pause()
        assert new_pin not in screen_text(app)
        assert accounts.login("bob", "5678").reason == "wrong_pin"
        assert accounts.login("bob", new_pin).status == "ok"

        await pilot.press("n", "n")  # asked, and refused
        await pilot.pause()
        assert accounts.login("bob", new_pin).status == "ok"

        await pilot.press("d", "y")
        await pilot.pause()
        assert "off" in table_row(app, "bob")
        assert accounts.login("bob", new_pin).reason == "inactive"


async def test_export_writes_a_csv_into_the_data_folder_and_says_where(classroom: Path) -> None:
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        [written] = [path for path in (classroom / "exports").glob("*.csv") if not path.stem.endswith("-totals")]
        assert "Exported 3 learner(s) to" in screen_text(app)
        assert str(written) in re.sub(r"\s*\n\s*", "", screen_text(app))
        await pilot.press("e", "ctrl+u", *"class.csv", "enter")
        await pilot.pause()
    rows = list(csv.reader((classroom / "exports" / "class.csv").open(encoding="utf-8-sig", newline="")))
    assert [row[0] for row in rows[1:]] == ["ana", "bob", "cy"]


async def test_r_shows_progress_made_while_the_dashboard_was_open(classroom: Path) -> None:
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert re.search(r"Cy Jones\s+quiet\s+1\s+0\s+0", table_row(app, "cy"))
        await move_to(pilot, "cy")
        play(LearnerStore(classroom, "cy"), "r4", 100, 3, 36, {})  # Cy finishes the lesson in another session
        AccountStore(classroom).add("dee", "Dee New", "1234")
        assert re.search(r"Cy Jones\s+quiet\s+1\s+0\s+0", table_row(app, "cy"))  # not read again by itself
        await pilot.press("r")
        await pilot.pause()
        assert re.search(r"Cy Jones\s+quiet\s+1\s+36\s+1", table_row(app, "cy"))
        assert "4 learners" in screen_text(app) and "Dee New" in table_row(app, "dee")
        table = app.screen.query_one(DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "cy"  # the cursor stays put


# What the dashboard shows for each name in INJECTIONS: control characters are dropped from names,
# the rest is shown as typed, never as markup (the Name column is 16 wide).
SHOWN_NAMES = {
    "\x1b[31mred\x1b[0m": "[31mred[0m",
    "\x1b]8;;file:///etc/passwd\x1b\\x\x1b]8;;\x1b\\": "]8;;file:///etc/passwd\\x]8;;\\",
    "\x1b[2J\x1b[H": "[2J[H",
    "bell\x07here": "bellhere",
}


async def test_injected_names_and_answers_show_literally_on_the_dashboard(data_dir: Path) -> None:
    accounts = AccountStore(data_dir)
    for number, text in enumerate(INJECTIONS):
        code = f"k{number:02d}"
        accounts.add(code, text, "1234")
        play(LearnerStore(data_dir, code), "r", 50, 1, 10, {f"step-{number:02d}": text})
    app = FacilitatorApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for number, text in enumerate(INJECTIONS):
            await move_to(pilot, f"k{number:02d}")
            row = table_row(app, f"k{number:02d}")
            assert row[13:].startswith(SHOWN_NAMES.get(text, text)[:15]), text
        for number, text in enumerate(INJECTIONS[:4]):
            await move_to(pilot, f"k{number:02d}")
            await pilot.press("enter")
            await pilot.pause()
            assert screen_text(app).splitlines()[0].startswith(" " + SHOWN_NAMES.get(text, text) + f" (k{number:02d})"), text
            await pilot.press("escape")
        await pilot.press("l")
        await pilot.pause()
        await move_to(pilot, LESSON)
        screen = screen_text(app)
        assert "\x1b" not in screen and "\x07" not in screen
        assert "often answered: [@click=app.screenshot()]x[/]" in screen
        assert app.is_running


async def test_a_damaged_record_is_listed_and_marked_while_everyone_else_is_shown(classroom: Path) -> None:
    LearnerStore(classroom, "bob").journal_path.write_text("{half a line\n")
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "3 learners" in screen_text(app) and "1 DAMAGED record: run `bleep doctor`" in screen_text(app)
        assert "DAMAG" in table_row(app, "bob")
        assert re.search(r"ana\s+Ana Lopez\s+quiet\s+1\s+30\s+1", table_row(app, "ana"))


async def test_the_access_log_shows_exports_facilitator_logins_and_bursts_of_failed_logins(classroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count(time.time() - 600, 61)  # a try a minute: past each wait, within the last 15 minutes
    monkeypatch.setattr(accounts_module, "wall_clock", lambda: next(ticks))
    accounts = AccountStore(classroom)
    accounts.set_passphrase("a long passphrase")
    accounts.check_passphrase("not the one", source="ssh 10.9.8.7")
    for n in range(6):
        accounts.login(f"guess{n}", "0000", source="ssh 10.6.6.6")
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "enter")  # export to the suggested file
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = screen_text(app)
        assert "ssh 10.6.6.6: 6" in screen
        lines = screen.splitlines()
        assert any("export" in line for line in lines)
        assert any("WRONG passphrase" in line and "ssh 10.9.8.7" in line for line in lines)


async def test_a_typed_answer_with_terminal_escapes_shows_them_as_visible_characters(data_dir: Path) -> None:
    for code in ("ana", "bob"):
        AccountStore(data_dir).add(code, code.title(), "1234")
        play(LearnerStore(data_dir, code), "r", 50, 1, 10, {"type-the-rule": "\x1b[31mred\x1b[0m bell\x07"})
    app = FacilitatorApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await move_to(pilot, LESSON)
        screen = screen_text(app)
        assert "often answered: ^[[31mred^[[0m bell^G" in screen
        assert "\x1b" not in screen and "\x07" not in screen


async def test_the_dashboard_shows_one_group_and_g_goes_through_the_groups_and_back_to_everyone(classroom: Path) -> None:
    accounts = AccountStore(classroom)
    accounts.join_group("Wing B", ["ana", "cy"])
    accounts.join_group("Maths", ["bob"])
    app = FacilitatorApp(classroom, selection=Selection(group="wing b"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert list(app.screen.query_one(DataTable).rows) == ["ana", "cy"]
        assert "2 learners" in screen_text(app) and "group wing b" in screen_text(app)
        await pilot.press("g")  # after Wing B comes everyone (Maths sorts first)
        await pilot.pause()
        assert list(app.screen.query_one(DataTable).rows) == ["ana", "bob", "cy"]
        await pilot.press("g")
        await pilot.pause()
        assert list(app.screen.query_one(DataTable).rows) == ["bob"]
        assert "Showing the group Maths" in screen_text(app)
        await pilot.press("e", "ctrl+u", *"maths.csv", "enter")
        await pilot.pause()
    rows = list(csv.reader((classroom / "exports" / "maths.csv").open(encoding="utf-8-sig", newline="")))
    assert [row[0] for row in rows[1:]] == ["bob"] and rows[1][HEADER.index("groups")] == "Maths"


async def test_the_dashboard_counts_only_what_was_done_between_since_and_until(classroom: Path) -> None:
    app = FacilitatorApp(classroom, selection=Selection(since=date(2026, 3, 3), until=date(2026, 3, 31)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "2026-03-03 to 2026-03-31" in screen_text(app)
        assert table_row(app, "ana").split()[-4:-2] == ["0", "0"]  # XP and lessons done: ana finished on 2 March
        await pilot.press("l")
        await pilot.pause()
        stats = app.screen.stats[LESSON]
        assert (stats.started, stats.completed) == (1, 0)  # only cy's start, on 3 March


async def test_the_export_key_writes_the_format_the_file_name_asks_for(classroom: Path) -> None:
    import openpyxl

    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in ("class.xlsx", "report.html", "grades-moodle.csv", "all.json"):
            await pilot.press("e", "ctrl+u", *name, "enter")
            await pilot.pause()
    exports = classroom / "exports"
    assert [row[0].value for row in openpyxl.load_workbook(exports / "class.xlsx")["Learners"].iter_rows(min_row=2)] == ["ana", "bob", "cy"]
    assert "<h1>Class report</h1>" in (exports / "report.html").read_text(encoding="utf-8")
    assert (exports / "grades-moodle.csv").read_text(encoding="utf-8-sig").startswith("username,")
    assert (exports / "all.json").read_text(encoding="utf-8").startswith("[")


async def test_s_puts_the_learners_who_may_need_help_first_and_marks_them(classroom: Path) -> None:
    app = FacilitatorApp(classroom)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # by last activity: cy began a lesson on 3 March, ana and bob played on 2 March
        await pilot.pause()
        assert list(app.screen.query_one(DataTable).rows)[0] == "cy"
        await pilot.press("s")
        await pilot.pause()
        assert "Those who may need help first" in screen_text(app)
        assert "quiet" in table_row(app, "ana")  # nothing done for 14 days: every fixture learner played in March 2026
        assert "LOCKED" in table_row(app, "bob")  # a lock says more than "quiet"


async def test_m_shows_each_modules_progress_as_a_bar_in_ascii_too(classroom: Path) -> None:
    app = FacilitatorApp(classroom, ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        staying_safe = next(line for line in screen_text(app).splitlines() if "Staying safe" in line)
        assert "#" in staying_safe and "-" in staying_safe and "2 of 21" in staying_safe  # ana and bob finished 1 lesson of 7
        assert "10%" in staying_safe
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


@pytest.fixture
def dutch_facilitator(monkeypatch: pytest.MonkeyPatch):
    """The facilitator's locale is Dutch (LANGUAGE=nl), as `bleep facilitator` reads it."""
    from bleep_tui import i18n

    monkeypatch.setenv("LANGUAGE", "nl")
    i18n.catalogue.cache_clear()
    yield
    i18n.catalogue.cache_clear()


async def test_a_dutch_facilitator_sees_the_dashboard_headings_levels_and_lessons_in_dutch(data_dir: Path, dutch_facilitator) -> None:
    from bleep_tui import i18n

    i18n.speak(i18n.Language())
    AccountStore(data_dir).add("ana", "Ana Lopez", "1234")
    LearnerStore(data_dir, "ana").create("Ana Lopez")
    app = FacilitatorApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Laatst" in screen_text(app) and "Klaar " in screen_text(app)  # a heading widened to its word, whole
        await pilot.press("enter")
        await pilot.pause()
        assert "Niveau 1: Nieuwkomer" in screen_text(app) and "Pogingen" in screen_text(app)
        await pilot.press("escape", "l")
        await pilot.pause()
        assert "Neem geld op bij een geldautomaat" in screen_text(app)
