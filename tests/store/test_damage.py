"""Damaged files: a clear, named error for that file alone; never a traceback, never "new", never written over."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bleep_tui.core.events import Event, now_iso
from bleep_tui.store import files as files_module
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.files import DamagedFile, StoreError, exclusive_lock
from bleep_tui.store.learner import SCHEMA_VERSION, LearnerStore

FIXTURES = Path(__file__).parent / "fixtures"
EVENT = '{"kind":"answered","at":"2026-11-20T09:01:00+00:00","lesson":"l","step":"s","answer":"b"}'

# What someone or something might leave in a learner's profile file, by name.
DAMAGED_PROFILES = {
    "zero bytes": b"",
    "blank": b"  \n",
    "null": b"null",
    "a list": b"[]",
    "a string": b'"hello"',
    "invalid UTF-8": b'{"meta": {"1": {"schema": 2, "name": "\xe9"}}}',
    "cut short": b'{"meta": {',
    "no schema": b'{"meta": {"1": {"name": "Sam"}}}',
    "schema is text": b'{"meta": {"1": {"schema": "2", "name": "Sam"}}}',
    "schema 0": b'{"meta": {"1": {"schema": 0, "name": "Sam"}}}',
    "no name": b'{"meta": {"1": {"schema": 2}}}',
    "meta is a list": b'{"meta": [1, 2]}',
    "v1 event without at": b'{"meta": {"1": {"schema": 1, "name": "Sam"}}, "events": {"1": {"kind": "answered"}}}',
    "v1 events as a list": b'{"meta": {"1": {"schema": 1, "name": "Sam"}}, "events": [{"kind": "answered"}]}',
    "v1 event with text points": (
        b'{"meta": {"1": {"schema": 1, "name": "Sam"}}, "events": {"1": {"kind": "answered", "at": "2026-11-20T09:01:00+00:00", "points": "9"}}}'
    ),
}

DAMAGED_JOURNALS = {
    "a line that is not JSON": f"{EVENT}\nnot json\n{EVENT}\n",
    "a list on a line": f"{EVENT}\n[1]\n",
    "an event without at": '{"kind":"answered"}\n',
    "a date that is not a date": '{"kind":"answered","at":"yesterday"}\n',
    "correct as text": '{"kind":"answered","at":"2026-11-20T09:01:00+00:00","correct":"yes"}\n',
}


def sam(data_dir: Path) -> LearnerStore:
    store = LearnerStore(data_dir, "sam")
    store.create("Sam")
    store.record(Event("answered", now_iso(), lesson="l", step="s", answer="a"))
    return store


@pytest.mark.parametrize("kind", DAMAGED_PROFILES)
def test_a_damaged_profile_is_a_named_error_and_is_never_written_over(data_dir: Path, kind: str) -> None:
    store = sam(data_dir)
    store.path.write_bytes(DAMAGED_PROFILES[kind])
    for read in (store.profile, store.events):
        with pytest.raises(DamagedFile, match="sam.json is damaged"):
            read()
    for write in (lambda: store.record(Event("answered", now_iso())), lambda: store.create("Someone new")):
        with pytest.raises(StoreError):
            write()
    assert store.path.read_bytes() == DAMAGED_PROFILES[kind]
    assert LearnerStore(data_dir, "other").profile() is None  # everyone else carries on
    LearnerStore(data_dir, "other").create("Other")


@pytest.mark.parametrize("kind", DAMAGED_JOURNALS)
def test_a_damaged_journal_is_a_named_error_and_answers_are_not_added_to_it_silently(data_dir: Path, kind: str) -> None:
    store = sam(data_dir)
    store.journal_path.write_text(DAMAGED_JOURNALS[kind])
    with pytest.raises(DamagedFile, match=r"sam.events is damaged \(line"):
        store.events()
    assert store.journal_path.read_text() == DAMAGED_JOURNALS[kind]


def test_a_journal_cut_in_the_middle_of_its_last_line_loses_only_that_unacknowledged_line(data_dir: Path) -> None:
    store = sam(data_dir)
    with store.journal_path.open("a") as journal:
        journal.write(EVENT[:30])  # a writer killed mid-line
    assert [e.answer for e in store.events()] == ["a"]
    store.record(Event("answered", now_iso(), answer="c"))
    assert [e.answer for e in store.events()] == ["a", "c"]


def test_a_journal_that_is_only_a_torn_line_keeps_the_next_answer_alone(data_dir: Path) -> None:
    store = LearnerStore(data_dir, "sam")
    store.create("Sam")
    store.journal_path.write_text(EVENT[:30])  # the very first answer, cut mid-line
    store.record(Event("answered", now_iso(), answer="c"))
    assert [e.answer for e in store.events()] == ["c"]
    assert store.journal_path.read_text().count("\n") == 1


def test_a_torn_line_longer_than_the_tail_an_answer_reads_back_is_left_whole_for_bleep_doctor(data_dir: Path) -> None:
    """An answer looks back 64 KiB for the last line break; past that it cannot tell a torn line from a
    long one, so it cuts nothing: the journal is then named as damaged instead of losing what may be whole."""
    store = sam(data_dir)
    long_line = '{"kind":"answered","answer":"' + "x" * files_module.JOURNAL_TAIL_BYTES
    with store.journal_path.open("a") as journal:
        journal.write(long_line)
    store.record(Event("answered", now_iso(), answer="c"))
    assert long_line in store.journal_path.read_text()
    with pytest.raises(DamagedFile, match="line 2 is not a whole record"):
        store.events()


def test_a_file_written_by_the_previous_release_is_migrated_on_the_first_answer(data_dir: Path) -> None:
    folder = data_dir / "learners"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "v1-A1024.json", folder / "A1024.json")
    before = LearnerStore(data_dir, "A1024").events()  # read as it is, without writing
    assert [e.kind for e in before] == ["lesson_started", "answered", "answered", "lesson_finished"]
    assert before[2].answer == "Ana [b]x[/b]" and before[3].stars == 2
    assert not (folder / "a1024.events").exists()

    store = LearnerStore(data_dir, "a1024")  # another case: the same learner
    store.record(Event("answered", now_iso(), answer="new"))
    assert [e.answer for e in store.events() if e.kind == "answered"] == [0, "Ana [b]x[/b]", "new"]
    assert store.events()[:4] == before
    profile = json.loads((folder / "a1024.json").read_text())
    assert profile["meta"]["1"]["schema"] == SCHEMA_VERSION and "events" not in profile
    assert store.profile().name == "Sam Jones"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["a1024.events", "a1024.json", "a1024.summary"]


def test_learner_codes_in_any_case_are_one_learner(data_dir: Path) -> None:
    LearnerStore(data_dir, "A1").create("Al")
    LearnerStore(data_dir, "a1").record(Event("answered", now_iso(), answer="x"))
    assert [e.answer for e in LearnerStore(data_dir, "A1").events()] == ["x"]
    assert LearnerStore(data_dir, "a1").profile().name == "Al"


def test_a_newer_file_is_refused_with_please_update_and_left_alone(data_dir: Path) -> None:
    store = sam(data_dir)
    newer = json.loads(store.path.read_text())
    newer["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    store.path.write_text(json.dumps(newer))
    with pytest.raises(StoreError, match="newer version"):
        store.profile()


DAMAGED_ACCOUNTS = {
    "zero bytes": b"",
    "null": b"null",
    "a list": b"[]",
    "invalid UTF-8": b"\xff\xfe",
    "no schema": b'{"learners": {}}',
    "an account without failed_logins": (
        b'{"meta": {"1": {"schema": 1}}, "learners": {"1": {"code": "ana", "name": "Ana", "active": true, "locked": false,'
        b' "pin": {"scheme": "scrypt", "n": 2, "r": 1, "p": 1, "salt": "00", "hash": "00"}}}}'
    ),
    "an account without locked": (
        b'{"meta": {"1": {"schema": 1}}, "learners": {"1": {"code": "ana", "name": "Ana", "active": true, "failed_logins": 0,'
        b' "pin": {"scheme": "scrypt", "n": 2, "r": 1, "p": 1, "salt": "00", "hash": "00"}}}}'
    ),
    "a PIN hash that is not hex": (
        b'{"meta": {"1": {"schema": 1}}, "learners": {"1": {"code": "ana", "name": "Ana", "active": true, "locked": false,'
        b' "failed_logins": 0, "pin": {"scheme": "scrypt", "n": 2, "r": 1, "p": 1, "salt": "zz", "hash": "00"}}}}'
    ),
}


@pytest.mark.parametrize("kind", DAMAGED_ACCOUNTS)
def test_damaged_accounts_refuse_every_login_and_every_change_and_stay_as_they_are(data_dir: Path, kind: str) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana", "1234")
    accounts.path.write_bytes(DAMAGED_ACCOUNTS[kind])
    for act in (accounts.accounts, lambda: accounts.login("ana", "1234"), lambda: accounts.add("bob", "Bob", "5678"), lambda: accounts.get("ana")):
        with pytest.raises(DamagedFile, match="accounts.json is damaged"):
            act()
    assert accounts.path.read_bytes() == DAMAGED_ACCOUNTS[kind]


def test_a_damaged_pepper_is_named(data_dir: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana", "1234")
    accounts.pepper_path.write_text("not hex\n")
    with pytest.raises(DamagedFile, match="pepper is damaged"):
        accounts.login("ana", "1234")


READ_ONLY_COPY = """
import json, sys
from pathlib import Path
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore
copy = Path(sys.argv[1])
print(json.dumps({
    "accounts": [a.code for a in AccountStore(copy).accounts()],
    "answers": [e.answer for e in LearnerStore(copy, "ana").events()],
    "passphrase": AccountStore(copy).check_passphrase("a long passphrase").ok,
}))
"""


def test_reads_work_on_a_read_only_copy_and_change_nothing_there(data_dir: Path, tmp_path: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana", "1234")
    accounts.set_passphrase("a long passphrase")
    LearnerStore(data_dir, "ana").record(Event("answered", now_iso(), answer="x"))
    copy = tmp_path / "snapshot"
    shutil.copytree(data_dir, copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(0o500 if path.is_dir() else 0o400)
    # Root may write anywhere: the reader runs without the capabilities that let it.
    as_reader = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
    try:
        modes = {p: p.stat().st_mode for p in [copy, *copy.rglob("*")]}
        result = subprocess.run([*as_reader, sys.executable, "-c", READ_ONLY_COPY, str(copy)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == {"accounts": ["ana"], "answers": ["x"], "passphrase": True}
        assert {p: p.stat().st_mode for p in [copy, *copy.rglob("*")]} == modes
        assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in data_dir.iterdir())
    finally:
        for path in [copy, *copy.rglob("*")]:
            path.chmod(0o700 if path.is_dir() else 0o600)


def test_reading_takes_no_lock_and_changes_no_mode(data_dir: Path) -> None:
    store = sam(data_dir)
    data_dir.chmod(0o755)  # an administrator's choice is not changed by a read
    with exclusive_lock(store.lock_path):  # a writer holds the lock: readers are not held up
        assert [e.answer for e in LearnerStore(data_dir, "sam").events()] == ["a"]
        assert AccountStore(data_dir).accounts() == []
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o755


HOLD_LOCK = """
import os, signal, sys
from pathlib import Path
from bleep_tui.store.files import exclusive_lock
with exclusive_lock(Path(sys.argv[1])):
    print("holding", flush=True)
    os.kill(os.getpid(), signal.SIGSTOP)
"""


def test_a_lock_held_by_a_stopped_process_gives_a_message_in_bounded_time(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = sam(data_dir)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(store.lock_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        monkeypatch.setattr(files_module, "LOCK_WAIT_SECONDS", 0.5)
        started = time.monotonic()
        with pytest.raises(StoreError, match="another session is saving"):
            store.record(Event("answered", now_iso(), answer="b"))
        assert time.monotonic() - started < 30  # bounded: it does not wait for the stopped process
        assert [e.answer for e in store.events()] == ["a"]  # and reading is not held up at all
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    store.record(Event("answered", now_iso(), answer="b"))
    assert [e.answer for e in store.events()] == ["a", "b"]


def test_recording_an_answer_never_reads_the_history(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = sam(data_dir)

    def no_reading(*args: object) -> None:
        raise AssertionError("record() read the journal")

    monkeypatch.setattr("bleep_tui.store.learner.read_journal", no_reading)
    store.record(Event("answered", now_iso(), answer="b"))
    monkeypatch.undo()
    assert [e.answer for e in store.events()] == ["a", "b"]
