"""`bleep doctor` finds each kind of damage in plain words; `--repair` puts it back from the backups and says what."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import pytest

from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.audit import record_audit
from bleep_tui.store.backup import create_backup
from bleep_tui.store.daily import DAILY_FOLDER
from bleep_tui.store.learner import LearnerStore

from tests.test_learners_cli import bleep, no_traceback

PINS = {"ana": "1234", "bob": "5678"}


def answered(step: str) -> Event:
    return Event("answered", now_iso(), lesson="l", step=step, answer=step)


def steps(data_dir: Path, code: str) -> list[str]:
    return [event.step or event.kind for event in LearnerStore(data_dir, code).events()]


def a_class_backed_up_yesterday(data_dir: Path) -> str:
    """Ana and Bob, three answers each, and yesterday's backups of all of it; each then logged in today."""
    data_dir.mkdir()
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    for code, pin in PINS.items():
        AccountStore(data_dir).add(code, code.title(), pin)
        for n in range(3):
            LearnerStore(data_dir, code).record(answered(f"{code}-{n}"))
    record_audit(data_dir, "export", "tty1")
    today = data_dir / DAILY_FOLDER / date.today().isoformat()
    shutil.rmtree(today)
    for code, pin in PINS.items():
        assert AccountStore(data_dir).login(code, pin).status == "ok"  # copies everything as it was before
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    today.rename(today.with_name(yesterday))
    return yesterday


def doctor(data_dir: Path, *options: str):
    result = bleep("--data-dir", str(data_dir), "doctor", *options)
    no_traceback(result)
    return result


def files(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def test_a_healthy_folder_is_all_well(data_dir: Path) -> None:
    a_class_backed_up_yesterday(data_dir)
    result = doctor(data_dir)
    assert result.returncode == 0, result.stdout
    assert "all is well" in result.stdout


def write(name: str, text: str) -> Callable[[Path], None]:
    return lambda data_dir: (data_dir / name).write_text(text)


def replace_line(name: str, number: int, text: str) -> Callable[[Path], None]:
    def damage(data_dir: Path) -> None:
        lines = (data_dir / name).read_text().splitlines(keepends=True)
        lines[number - 1] = text + "\n"
        (data_dir / name).write_text("".join(lines))
    return damage


def yesterdays(name: str, text: str) -> Callable[[Path], None]:
    def damage(data_dir: Path) -> None:
        (data_dir / DAILY_FOLDER / (date.today() - timedelta(days=1)).isoformat() / name).write_text(text)
    return damage


def damaged_archive(data_dir: Path) -> None:
    archive = create_backup(data_dir).path
    archive.write_bytes(archive.read_bytes()[:-100])


def stray_temp_file(data_dir: Path) -> None:
    stray = data_dir / "learners" / ".ana.json.4242-deadbeef.tmp"
    stray.write_text("{")
    os.utime(stray, (time.time() - 3600, time.time() - 3600))


def twin(data_dir: Path) -> None:
    shutil.copy(data_dir / "learners" / "ana.events", data_dir / "learners" / "ANA.events")


@pytest.mark.parametrize(
    ("damage", "name", "words"),
    [
        (write("learners/ana.json", ""), "learners/ana.json", "it is empty"),
        (write("learners/ana.json", "null"), "learners/ana.json", "not a record"),
        (write("learners/ana.json", "{"), "learners/ana.json", "not valid JSON"),
        (write("learners/ana.json", '{"meta": {"1": {"name": "Ana"}}}'), "learners/ana.json", "no schema version"),
        (lambda d: (d / "learners/ana.json").write_bytes(b'{"meta": \xff}'), "learners/ana.json", "not text"),
        (lambda d: (d / "learners/ana.json").unlink(), "learners/ana.events", "profile file is missing"),
        (replace_line("learners/ana.events", 2, '{"kind": "answ'), "learners/ana.events", "line 2 is not a whole record"),
        (replace_line("learners/ana.events", 1, '{"kind": "answered"}'), "learners/ana.events", "line 1 has no 'at'"),
        (twin, "learners/ANA.events", "two spellings"),
        (write("accounts.json", ""), "accounts.json", "it is empty"),
        (write("accounts.json", '{"meta": {"1": {"schema": 1}}, "learners": {"1": {"code": "ana"}}}'), "accounts.json", "has no"),
        (lambda d: (d / "accounts.json").unlink(), "accounts.json", "missing: no learner can log in"),
        (write("pepper", "not hex\n"), "pepper", "not a stored secret"),
        (lambda d: (d / "pepper").unlink(), "pepper", "missing: no PIN"),
        (write("settings.toml", "backup_days = 'many'\n"), "settings.toml", "backup_days"),
        (write("settings.toml", "mode = [\n"), "settings.toml", "settings.toml"),
        (replace_line("audit.events", 1, "[]"), "audit.events", "line 1 is not a record"),
        (lambda d: (d / "cache").mkdir() or (d / "cache/content.json").write_text('{"fingerprint": 1}'), "cache/content.json", "damaged"),
        (yesterdays("learners/bob.json", ""), "learners/bob.json", "damaged backup copy"),
        (damaged_archive, "backups/full/bleep-backup-", "damaged backup"),
        (stray_temp_file, "learners/.ana.json.4242-deadbeef.tmp", "cut off while saving"),
        (lambda d: (d / "learners/bob.json").chmod(0o644), "learners/bob.json", "other accounts on this computer can read it"),
    ],
)
def test_doctor_names_each_kind_of_damage_and_changes_nothing(data_dir: Path, damage, name: str, words: str) -> None:
    a_class_backed_up_yesterday(data_dir)
    damage(data_dir)
    before = files(data_dir)
    result = doctor(data_dir)
    assert result.returncode == 1
    line = next((line for line in result.stdout.splitlines() if name in line), "")
    assert words in line, result.stdout
    assert "problem" in result.stderr
    assert files(data_dir) == before


def test_repair_puts_a_damaged_journal_back_from_the_backup_and_says_what_is_lost(data_dir: Path) -> None:
    yesterday = a_class_backed_up_yesterday(data_dir)
    journal = data_dir / "learners" / "ana.events"
    assert steps(data_dir, "ana") == ["ana-0", "ana-1", "ana-2", "login"]
    replace_line("learners/ana.events", 2, "garbage")(data_dir)  # ana-1: in yesterday's backup
    replace_line("learners/ana.events", 4, '{"kind": ')(data_dir)  # today's login: in no backup
    damaged = journal.read_bytes()
    result = doctor(data_dir, "--repair")
    assert result.returncode == 0, result.stdout + result.stderr
    report = next(line for line in result.stdout.splitlines() if "learners/ana.events:" in line and "kept" in line)
    assert "2 damaged lines set aside" in report
    assert f"1 event back from the backup of {yesterday}" in report
    assert "at most 1 event is lost" in report
    assert steps(data_dir, "ana") == ["ana-0", "ana-1", "ana-2"]
    kept = list((data_dir / "damaged").rglob("ana.events"))
    assert [path.read_bytes() for path in kept] == [damaged]
    assert str(kept[0]) in report
    assert doctor(data_dir).returncode == 0


def test_repair_without_a_backup_keeps_every_readable_line(data_dir: Path) -> None:
    a_class_backed_up_yesterday(data_dir)
    shutil.rmtree(data_dir / "backups")
    replace_line("learners/bob.events", 1, "garbage")(data_dir)
    result = doctor(data_dir, "--repair")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no backup to take lost events from" in result.stdout and "at most 1 event is lost" in result.stdout
    assert steps(data_dir, "bob") == ["bob-1", "bob-2", "login"]


def test_repair_restores_a_damaged_profile_from_the_backup(data_dir: Path) -> None:
    yesterday = a_class_backed_up_yesterday(data_dir)
    (data_dir / "learners" / "ana.json").write_text("")
    result = doctor(data_dir, "--repair")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"learners/ana.json: restored from the backup of {yesterday} (name: Ana)" in result.stdout
    assert LearnerStore(data_dir, "ana").profile().name == "Ana"
    assert steps(data_dir, "ana")[-1] == "login"
    assert [p.read_text() for p in (data_dir / "damaged").rglob("ana.json")] == [""]


def test_repair_restores_accounts_and_names_who_was_added_since(data_dir: Path) -> None:
    a_class_backed_up_yesterday(data_dir)
    AccountStore(data_dir).add("cy", "Cy", "4321")  # today's first change to the accounts: copied as they were before it
    (data_dir / "accounts.json").write_text("")
    result = doctor(data_dir, "--repair")
    assert result.returncode == 0, result.stdout + result.stderr
    repairs = result.stdout.split("repairing:")[1]
    report = next(line for line in repairs.splitlines() if line.strip().startswith("accounts.json:"))
    assert f"restored from the backup of {date.today().isoformat()}" in report
    assert "progress but no account now: cy" in report
    assert AccountStore(data_dir).login("ana", "1234").status == "ok"
    assert bleep("--data-dir", str(data_dir), "learners", "add", "cy", "--name", "Cy", "--pin", "4321").returncode == 0


def test_repair_restores_a_damaged_pepper_so_pins_work_again(data_dir: Path) -> None:
    a_class_backed_up_yesterday(data_dir)
    (data_dir / "pepper").write_text("0000\n")
    result = doctor(data_dir, "--repair")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pepper: restored from the backup" in result.stdout
    assert AccountStore(data_dir).login("bob", "5678").status == "ok"


def test_repair_makes_two_spellings_of_one_code_one_learner_again(data_dir: Path) -> None:
    a_class_backed_up_yesterday(data_dir)
    twin = data_dir / "learners" / "ANA.events"
    shutil.copy(data_dir / "learners" / "ana.events", twin)
    with twin.open("a") as journal:
        journal.write(json.dumps(answered("only-in-ANA").to_record()) + "\n")
    result = doctor(data_dir, "--repair")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "two spellings of the code are one again" in result.stdout
    assert steps(data_dir, "ana") == ["ana-0", "ana-1", "ana-2", "login", "only-in-ANA"]
    assert not twin.exists() and list((data_dir / "damaged").rglob("ANA.events"))


def test_repair_tidies_what_is_not_a_record_and_leaves_settings_to_a_person(data_dir: Path) -> None:
    a_class_backed_up_yesterday(data_dir)
    stray_temp_file(data_dir)
    (data_dir / "cache").mkdir()
    (data_dir / "cache" / "content.json").write_text("{")
    yesterdays("learners/bob.json", "")(data_dir)
    (data_dir / "learners" / "bob.json").chmod(0o644)
    (data_dir / "settings.toml").write_text('mode = "shared"\nbackup_days = -1\n')
    result = doctor(data_dir, "--repair")
    assert result.returncode == 1
    assert "still to put right by hand" in result.stderr and "settings.toml" in result.stderr and "backup_days" in result.stderr
    assert not (data_dir / "cache" / "content.json").exists()
    assert not (data_dir / "learners" / ".ana.json.4242-deadbeef.tmp").exists()
    assert (data_dir / "learners" / "bob.json").stat().st_mode & 0o777 == 0o600
    assert [p.read_text() for p in (data_dir / "damaged").rglob("bob.json")] == [""]
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    assert doctor(data_dir).returncode == 0
