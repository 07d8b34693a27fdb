"""Every writer keeps a daily copy of what it is about to change: whole files only, a few days back."""

import json
from datetime import date, timedelta
from pathlib import Path

from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.audit import record_audit
from bleep_tui.store.daily import DAILY_FOLDER, day_folders
from bleep_tui.store.learner import LearnerStore
from bleep_tui.store.settings import load_settings


def answered(step: str) -> Event:
    return Event("answered", now_iso(), lesson="l", step=step, answer=step)


def today_folder(data_dir: Path) -> Path:
    return data_dir / DAILY_FOLDER / date.today().isoformat()


def make_it_an_earlier_day(data_dir: Path, days_ago: int = 1) -> str:
    """Today's copies become those of an earlier day, as if the server had run then."""
    earlier = (date.today() - timedelta(days=days_ago)).isoformat()
    today_folder(data_dir).rename(data_dir / DAILY_FOLDER / earlier)
    return earlier


def journal_steps(path: Path) -> list[str]:
    return [json.loads(line)["step"] for line in path.read_text().splitlines()]


def test_the_first_write_of_a_session_on_a_new_day_copies_the_learners_files_as_they_were(data_dir: Path) -> None:
    store = LearnerStore(data_dir, "Ana")
    store.create("Ana")
    store.record(answered("one"))
    LearnerStore(data_dir, "ana").record(answered("two"))  # the next session copies ["one"]
    make_it_an_earlier_day(data_dir)
    store = LearnerStore(data_dir, "ana")  # a session on the next day
    store.record(answered("three"))
    store.record(answered("four"))
    LearnerStore(data_dir, "ANA").record(answered("five"))  # the day's copy is made once
    copy = today_folder(data_dir) / "learners"
    assert journal_steps(copy / "ana.events") == ["one", "two"]
    assert json.loads((copy / "ana.json").read_text())["meta"]["1"]["name"] == "Ana"
    assert (copy / "ana.json").stat().st_mode & 0o777 == 0o600
    assert today_folder(data_dir).stat().st_mode & 0o777 == 0o700


def test_a_damaged_file_is_never_copied_so_the_last_good_copy_stays_newest(data_dir: Path) -> None:
    store = LearnerStore(data_dir, "ana")
    store.create("Ana")
    store.record(answered("one"))
    LearnerStore(data_dir, "ana").record(answered("two"))
    earlier = make_it_an_earlier_day(data_dir)
    with store.journal_path.open("a") as journal:
        journal.write("not a record\n")
    LearnerStore(data_dir, "ana").record(answered("three"))  # an answer is still saved; the damaged journal is not copied
    assert (today_folder(data_dir) / "learners" / "ana.json").exists()
    assert not (today_folder(data_dir) / "learners" / "ana.events").exists()
    assert journal_steps(data_dir / DAILY_FOLDER / earlier / "learners" / "ana.events") == ["one"]


def test_the_accounts_pepper_settings_and_audit_log_are_copied_on_the_first_accounts_write(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    AccountStore(data_dir).add("ana", "Ana", "1234")
    record_audit(data_dir, "export", "tty1")
    AccountStore(data_dir).login("ana", "1234")
    copy = today_folder(data_dir)
    assert sorted(path.name for path in copy.iterdir() if path.is_file()) == ["accounts.json", "audit.events", "pepper", "settings.toml"]
    assert (copy / "pepper").read_text() == (data_dir / "pepper").read_text()
    assert json.loads((copy / "accounts.json").read_text())["learners"]["1"]["code"] == "ana"


def test_only_the_newest_backup_days_are_kept(data_dir: Path) -> None:
    LearnerStore(data_dir, "ana").record(answered("first"))
    for days_ago in range(6, 0, -1):
        LearnerStore(data_dir, "ana").record(answered(f"day-{days_ago}"))
        make_it_an_earlier_day(data_dir, days_ago)
    assert len(day_folders(data_dir)) == 6
    (data_dir / "settings.toml").write_text("backup_days = 3\n")
    LearnerStore(data_dir, "ana").record(answered("today"))  # a new day: the old ones go
    assert [day.name for day in day_folders(data_dir)] == [(date.today() - timedelta(days=n)).isoformat() for n in (0, 1, 2)]


def test_backup_days_is_checked_like_the_other_settings(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "settings.toml").write_text("backup_days = 0\n")
    settings = load_settings(data_dir)
    assert settings.backup_days == 14
    assert any("backup_days" in problem for problem in settings.problems)
    (data_dir / "settings.toml").write_text("backup_days = 30\n")
    assert load_settings(data_dir).backup_days == 30 and not load_settings(data_dir).problems
