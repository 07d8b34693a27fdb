"""Moving a learner: `bleep learners export-record` on one installation, `import-record` on another."""

from __future__ import annotations

import json
from pathlib import Path

from bleep_tui.core.cv import latest_cv
from bleep_tui.core.events import Event, now_iso
from bleep_tui.core.plan import latest_plan
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore

from tests.test_learners_cli import bleep, no_traceback

CV_ANSWER = [{"event": "submitted", "cv": True, "fields": [{"id": "name", "value": "Ana Lima"}, {"id": "skills", "value": "- cooking\n- forklift"}]}]
PLAN_ANSWER = [{"event": "submitted", "keeps": "plan", "fields": [{"id": "name", "value": "Ana Lima"}, {"id": "release-date", "value": "May 2026"}]}]


def learners(data_dir: Path, *args: str):
    result = bleep("--data-dir", str(data_dir), "learners", *args)
    no_traceback(result)
    return result


def a_learner_with_a_cv_and_a_badge(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "settings.toml").write_text('mode = "shared"\n')
    AccountStore(data_dir).add("Ana", "Ana Lima", "1234")
    store = LearnerStore(data_dir, "Ana")
    store.record(Event("answered", "2026-03-01T10:00:00+00:00", lesson="cv", run="r1", step="form", answer=CV_ANSWER, correct=True, points=10))
    store.record(Event("answered", "2026-03-01T10:01:00+00:00", lesson="atm", run="r2", step="pin", answer="1234", correct=False))
    store.record(Event("answered", "2026-03-01T10:01:00+00:00", lesson="atm", run="r2", step="pin", answer="1234", correct=False))
    store.record(Event("answered", "2026-03-01T10:01:30+00:00", lesson="plan", run="r3", step="form", answer=PLAN_ANSWER, correct=True))
    store.record(Event("achievement_earned", "2026-03-01T10:02:00+00:00", achievement="first-steps", points=5))


def records(data_dir: Path, code: str) -> list[dict]:
    return LearnerStore(data_dir, code).event_records()


def test_a_learners_whole_record_moves_to_another_installation(tmp_path: Path) -> None:
    here, there, file = tmp_path / "here", tmp_path / "there", tmp_path / "ana.bleep-record.json"
    a_learner_with_a_cv_and_a_badge(here)
    exported = learners(here, "export-record", "ana", "--out", str(file))  # the code in any case
    assert exported.returncode == 0 and "5 events" in exported.stdout
    document = json.loads(file.read_text())
    assert document["code"] == "Ana" and document["profile"]["name"] == "Ana Lima"
    assert document["cv"]["name"] == "Ana Lima" and document["cv"]["skills"] == ["cooking", "forklift"]
    assert document["plan"]["release_date"] == "May 2026"
    assert document["badges"] == [{"id": "first-steps", "at": "2026-03-01T10:02:00+00:00", "points": 5}]
    assert "pin" not in json.dumps(document["profile"]) and "hash" not in file.read_text()
    assert file.stat().st_mode & 0o777 == 0o600

    (there).mkdir()
    (there / "settings.toml").write_text('mode = "shared"\n')
    imported = learners(there, "import-record", str(file))
    assert imported.returncode == 0, imported.stderr
    assert "added Ana (Ana Lima) with 5 events" in imported.stdout
    assert "has no account here" in imported.stdout  # and how to give one
    assert records(there, "ana") == records(here, "ana")
    assert latest_cv(LearnerStore(there, "ana").events()) == latest_cv(LearnerStore(here, "ana").events())
    assert latest_plan(LearnerStore(there, "ana").events()) == latest_plan(LearnerStore(here, "ana").events())
    assert learners(there, "add", "ANA", "--name", "Ana Lima", "--pin", "2468").returncode == 0
    assert LearnerStore(there, "ana").profile().name == "Ana Lima" and len(records(there, "ana")) == 5


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    here, there, file = tmp_path / "here", tmp_path / "there", tmp_path / "ana.json"
    a_learner_with_a_cv_and_a_badge(here)
    learners(here, "export-record", "Ana", "--out", str(file))
    learners(there, "import-record", str(file))
    journal = there / "learners" / "ana.events"
    before = journal.read_bytes()
    again = learners(there, "import-record", str(file))
    assert again.returncode == 0 and "nothing new" in again.stdout
    assert journal.read_bytes() == before
    assert len(records(there, "ana")) == 5  # the two alike wrong PINs are both still there, once each


def test_importing_onto_a_learner_with_a_history_keeps_both_without_duplicates(tmp_path: Path) -> None:
    here, there, file = tmp_path / "here", tmp_path / "there", tmp_path / "ana.json"
    a_learner_with_a_cv_and_a_badge(here)
    LearnerStore(here, "ana").record(Event("answered", "2026-03-02T09:00:00+00:00", lesson="bank", step="pay", answer="40"))
    learners(here, "export-record", "Ana", "--out", str(file))
    a_learner_with_a_cv_and_a_badge(there)  # the same history, copied here earlier...
    LearnerStore(there, "ana").record(Event("answered", "2026-03-01T12:00:00+00:00", lesson="mail", step="reply", answer="ok"))
    LearnerStore(there, "ana").record(Event("lesson_started", now_iso(), lesson="scams"))  # ...and more of its own
    ours = records(there, "ana")
    result = learners(there, "import-record", str(file))
    assert result.returncode == 0, result.stderr
    assert "1 event added, 5 were here already" in result.stdout
    merged = records(there, "ana")
    assert len(merged) == 8 and all(event in merged for event in ours)
    assert [r["at"] for r in merged] == sorted(r["at"] for r in merged)
    assert merged.count(ours[1]) == merged.count(ours[2]) == 2  # the two alike wrong PINs
    again = learners(there, "import-record", str(file))
    assert "nothing new" in again.stdout and records(there, "ana") == merged


def test_a_damaged_or_altered_record_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    here, there, file = tmp_path / "here", tmp_path / "there", tmp_path / "ana.json"
    a_learner_with_a_cv_and_a_badge(here)
    learners(here, "export-record", "Ana", "--out", str(file))
    good = file.read_text()
    for text, why in (
        (good.replace('"answer": "1234"', '"answer": "4321"', 1), "checksum does not match"),
        (good[: len(good) // 2], "is not a learner record"),
        ("", "is not a learner record"),
        ('{"bleep_learner_record": 9}', "another version of bleep"),
    ):
        file.write_text(text)
        result = learners(there, "import-record", str(file))
        assert result.returncode == 1 and why in result.stderr, result.stderr
        assert not (there / "learners").exists() or not list((there / "learners").glob("*.*"))
    assert learners(there, "import-record", str(tmp_path / "missing.json")).returncode == 1


def test_a_record_of_another_person_with_the_same_code_is_not_merged_by_mistake(tmp_path: Path) -> None:
    here, there, file = tmp_path / "here", tmp_path / "there", tmp_path / "ana.json"
    a_learner_with_a_cv_and_a_badge(here)
    learners(here, "export-record", "Ana", "--out", str(file))
    there.mkdir()
    AccountStore(there).add("ana", "Ana Costa", "1357")
    before = records(there, "ana")
    refused = learners(there, "import-record", str(file))
    assert refused.returncode == 1 and "'Ana Costa'" in refused.stderr and "--as CODE" in refused.stderr
    assert records(there, "ana") == before
    moved = learners(there, "import-record", str(file), "--as", "ana2")
    assert moved.returncode == 0 and "added ana2" in moved.stdout
    assert len(records(there, "ana2")) == 5
    assert learners(there, "import-record", str(file), "--merge").returncode == 0
    assert len(records(there, "ana")) == len(before) + 5


def test_exporting_an_unknown_or_damaged_learner_says_so(tmp_path: Path) -> None:
    here = tmp_path / "here"
    a_learner_with_a_cv_and_a_badge(here)
    assert "no learner with the code 'zed'" in learners(here, "export-record", "zed", "--out", str(tmp_path / "z.json")).stderr
    (here / "learners" / "ana.events").write_text("garbage\n")
    result = learners(here, "export-record", "ana", "--out", str(tmp_path / "a.json"))
    assert result.returncode == 1 and "damaged" in result.stderr and "bleep doctor" in result.stderr
    assert not (tmp_path / "a.json").exists()
    inside = learners(here, "export-record", "ana", "--out", str(here / "accounts.json"))
    assert inside.returncode == 1 and "inside the data folder" in inside.stderr
