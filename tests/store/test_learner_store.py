"""The store keeps every answer: atomic, locked, private, and it survives being killed."""

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.files import StoreError, atomic_write
from bleep_tui.store.learner import SCHEMA_VERSION, LearnerStore, check_code
from bleep_tui.store.paths import data_dir as resolve_data_dir

# A child process that records answers and prints one line per answer the store acknowledged.
RECORDER = """
import sys
from pathlib import Path
from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.learner import LearnerStore
store = LearnerStore(Path(sys.argv[1]))
tag, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    store.record(Event("answered", now_iso(), lesson="l", run=tag, step=f"s{i}", answer=f"{tag}-{i}"))
    print(f"{tag}-{i}", flush=True)
"""


def answers(store: LearnerStore) -> list[str]:
    return [e.answer for e in store.events() if e.kind == "answered"]


def test_an_answer_is_on_disk_when_record_returns(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.record(Event("answered", now_iso(), lesson="l", step="s", answer="no"))
    on_disk = [json.loads(line) for line in store.journal_path.read_text().splitlines()]
    assert [e["answer"] for e in on_disk] == ["no"]
    assert json.loads(store.path.read_text())["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_a_new_store_is_read_back_by_another_instance(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Ana [b]x[/b]")
    assert LearnerStore(data_dir).profile().name == "Ana [b]x[/b]"


def test_data_folder_is_private_and_files_are_owner_only(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    for folder in (data_dir, data_dir / "learners"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.lock_path.stat().st_mode) == 0o600


def test_stray_temp_files_from_a_killed_writer_are_removed(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    stray = store.path.with_name(f".{store.path.name}.999-dead.tmp")
    stray.write_text("{half a file")
    again = LearnerStore(data_dir)
    assert again.profile().name == "Sam"
    again.record(Event("answered", now_iso()))
    assert not stray.exists()


@pytest.mark.parametrize("code", ["", "../evil", "a/b", "x" * 33, "name with space", "é", ".hidden"])
def test_a_learner_code_that_could_escape_the_folder_is_refused(code: str) -> None:
    with pytest.raises(ValueError):
        check_code(code)


def test_a_damaged_file_gives_a_clear_error_and_is_left_untouched(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    store.path.write_text('{"meta": {')
    with pytest.raises(StoreError, match="damaged"):
        store.events()
    assert store.path.read_text() == '{"meta": {'


def test_a_file_from_a_newer_version_is_not_overwritten(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    newer = json.loads(store.path.read_text())
    newer["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    store.path.write_text(json.dumps(newer))
    with pytest.raises(StoreError, match="newer version"):
        store.record(Event("answered", now_iso()))
    assert json.loads(store.path.read_text()) == newer


def test_a_data_folder_that_cannot_be_made_gives_a_plain_error(tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    with pytest.raises(StoreError, match="could not save or read progress"):
        LearnerStore(blocked).record(Event("answered", now_iso()))
    assert blocked.read_text() == "a file where the data folder should be"


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    atomic_write(target, '{"old": 1}')

    class Boom(Exception):
        pass

    original = os.fsync

    def failing_fsync(fd: int) -> None:
        raise Boom

    os.fsync = failing_fsync
    try:
        with pytest.raises(Boom):
            atomic_write(target, '{"new": 2}')
    finally:
        os.fsync = original
    assert json.loads(target.read_text()) == {"old": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_a_replace_reaches_the_disk_in_order_write_fsync_file_replace_fsync_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash of the machine cannot be staged here, so the system calls are recorded in their order instead."""
    target = tmp_path / "f.json"
    target.write_text('{"old": 1}')
    calls: list[tuple[str, ...]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def recording_fsync(fd: int) -> None:
        path = Path(os.readlink(f"/proc/self/fd/{fd}"))
        calls.append(("fsync", "folder" if path.is_dir() else path.read_text()))
        real_fsync(fd)

    def recording_replace(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> None:
        calls.append(("replace", Path(destination).name, "from " + Path(source).parent.name))
        real_replace(source, destination)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    monkeypatch.setattr(os, "replace", recording_replace)
    atomic_write(target, '{"new": 2}')
    assert calls == [
        ("fsync", '{"new": 2}'),  # the whole new text is written and on disk before it takes the old one's name
        ("replace", "f.json", "from " + tmp_path.name),
        ("fsync", "folder"),  # then the folder, so that the new name itself survives a power cut
    ]


def test_data_dir_option_beats_environment_beats_platform_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLEEP_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("BLEEP_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None) == tmp_path / "xdg" / "bleep"


def run_recorder(data_dir: Path, tag: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", RECORDER, str(data_dir), tag, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_eight_processes_writing_to_one_learner_lose_no_update(data_dir: Path) -> None:
    per_process = 25
    children = [run_recorder(data_dir, f"p{n}", per_process) for n in range(8)]
    for child in children:
        child.communicate(timeout=120)
        assert child.returncode == 0
    saved = answers(LearnerStore(data_dir))
    expected = {f"p{n}-{i}" for n in range(8) for i in range(per_process)}
    assert len(saved) == len(expected)
    assert set(saved) == expected


@pytest.mark.stress
def test_killing_the_writer_at_random_moments_never_loses_an_acknowledged_answer(data_dir: Path) -> None:
    rng = random.Random(20261122)
    acknowledged: list[str] = []
    kills = 200
    for round_number in range(kills):
        child = run_recorder(data_dir, f"r{round_number}", 1000)
        assert child.stdout is not None
        acknowledged.append(child.stdout.readline().strip())  # wait until it is writing
        time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        acknowledged.extend(line for line in rest.splitlines() if line)
        assert child.returncode == -signal.SIGKILL
        saved = set(answers(LearnerStore(data_dir)))  # loadable after every kill
        missing = [a for a in acknowledged if a not in saved]
        assert not missing, f"round {round_number}: acknowledged but lost: {missing[:5]}"
    assert len(acknowledged) >= kills


def test_a_learners_first_answer_also_syncs_the_folder_and_later_answers_only_their_journal(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal's name must survive a power cut once; after that an answer costs one fsync, not two."""
    store = LearnerStore(data_dir)
    store.create("Sam")
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        path = Path(os.readlink(f"/proc/self/fd/{fd}"))
        synced.append("folder" if path.is_dir() else path.name)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    journal = store.journal_path.name
    store.record(Event("answered", now_iso(), lesson="l", step="s", answer="a"))
    assert synced == [journal, "folder"]
    synced.clear()
    store.record(Event("answered", now_iso(), lesson="l", step="s", answer="b"))
    assert synced == [journal]


def test_a_learners_language_is_kept_in_their_profile_and_a_learner_without_one_gets_a_profile_named_by_code(data_dir: Path) -> None:
    store = LearnerStore(data_dir, "ana")
    store.create("Ana Lopez")
    store.set_language("nl")
    assert (store.profile().name, store.profile().language) == ("Ana Lopez", "nl")
    fresh = LearnerStore(data_dir, "bob")
    fresh.set_language("nl")
    profile = fresh.profile()
    assert (profile.name, profile.language, profile.created != "") == ("bob", "nl", True)
    assert json.loads(fresh.path.read_text())["meta"]["1"]["schema"] == SCHEMA_VERSION
