"""A backup killed at any moment loses nothing: the records stay whole, and no half-made copy passes for a backup."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bleep_tui.core.events import Event
from bleep_tui.store.backup import backups_in, restore_backup
from bleep_tui.store.checks import damage
from bleep_tui.store.daily import DAILY_FOLDER
from bleep_tui.store.files import TEMP_SUFFIX, write_journal
from bleep_tui.store.learner import LearnerStore

from tests.test_backup_cli import records

# Records answers; before each one it removes the daily copies, so that every answer is a day's first
# write and makes the day's copy of the learner's files: most kills land in the middle of a copy.
COPYING_RECORDER = """
import shutil, sys
from pathlib import Path

import pytest
from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.daily import DAILY_FOLDER
from bleep_tui.store.learner import LearnerStore
data, tag = Path(sys.argv[1]), sys.argv[2]
for i in range(int(sys.argv[3])):
    shutil.rmtree(data / DAILY_FOLDER, ignore_errors=True)
    LearnerStore(data, "ana").record(Event("answered", now_iso(), lesson="l", run=tag, step=f"s{i}", answer=f"{tag}-{i}"))
    print(f"{tag}-{i}", flush=True)
"""


def a_long_history(data_dir: Path, code: str, count: int) -> None:
    """A learner who has been coming back for months: the copies take a while."""
    store = LearnerStore(data_dir, code)
    store.create(code.title())
    at = "2026-01-05T09:00:00+00:00"
    write_journal(store.journal_path, [Event("answered", at, lesson="l", step=f"old-{n}", answer="x" * 40).to_record() for n in range(count)])


def copies_read_whole(data_dir: Path) -> None:
    daily = data_dir / DAILY_FOLDER
    for path in daily.rglob("*") if daily.is_dir() else ():
        name = path.relative_to(path.parents[1] if path.parent.name == "learners" else path.parent).as_posix()
        if path.is_file() and not path.name.endswith(TEMP_SUFFIX):
            assert not damage(path, name), f"{path}: {damage(path, name)}"


@pytest.mark.stress
def test_killing_a_writer_while_it_makes_the_days_copy_loses_no_answer_and_leaves_no_half_copy(data_dir: Path) -> None:
    rng = random.Random(20261203)
    a_long_history(data_dir, "ana", 3000)
    acknowledged: list[str] = []
    kills = 40
    for round_number in range(kills):
        child = subprocess.Popen([sys.executable, "-c", COPYING_RECORDER, str(data_dir), f"r{round_number}", "1000"], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        acknowledged.append(child.stdout.readline().strip())
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        acknowledged.extend(line for line in rest.splitlines() if line)
        assert child.returncode == -signal.SIGKILL
        saved = {event.answer for event in LearnerStore(data_dir, "ana").events()}
        missing = [answer for answer in acknowledged if answer not in saved]
        assert not missing, f"round {round_number}: acknowledged but lost: {missing[:5]}"
        copies_read_whole(data_dir)
    assert len(acknowledged) >= kills


@pytest.mark.stress
def test_killing_bleep_backup_create_at_any_moment_changes_no_record_and_leaves_no_false_backup(tmp_path: Path) -> None:
    rng = random.Random(20261204)
    data_dir, usb = tmp_path / "data", tmp_path / "usb"
    for code in ("ana", "bob", "cy", "dee"):
        a_long_history(data_dir, code, 4000)
    usb.mkdir()
    before = records(data_dir)  # the backups themselves go in the audit log, but that is not there yet
    command = [sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "backup", "create", "--out", str(usb)]
    for _round in range(15):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.1, 0.8))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        assert {name: data for name, data in records(data_dir).items() if name != "audit.events"} == before
        for info in backups_in(usb):  # a backup that finished is whole; one that did not is not there
            assert not info.problem, f"{info.path.name}: {info.problem}"
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    newest = backups_in(usb)[-1].path
    restore_backup(tmp_path / "elsewhere", newest)
    assert {name: data for name, data in records(tmp_path / "elsewhere").items() if name != "audit.events"} == before
