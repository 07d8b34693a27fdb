"""Every learner on a server as the dashboard and the exports read them: accounts, progress, damage."""

from pathlib import Path

import pytest

from bleep_tui.core.events import Event
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.files import DamagedFile
from bleep_tui.store.learner import LearnerStore
from bleep_tui.store.roster import learner_codes, load_learner, load_learners

FINISHED = Event("lesson_finished", "2026-03-02T10:06:00+00:00", lesson="l", run="r", points=30, percent=80, stars=2)


def test_account_holders_come_with_their_details_and_events_then_learners_with_only_a_file(data_dir: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("bob", "Bob Smith", "1234")
    accounts.add("Ana", "Ana Lopez", "5678")
    accounts.deactivate("bob")
    LearnerStore(data_dir, "Ana").record(FINISHED)
    LearnerStore(data_dir).create("Sam")  # the personal learner of this computer, with no account
    learners = load_learners(data_dir)
    assert [(l.code, l.name, l.active, l.locked, l.damaged) for l in learners] == [
        ("Ana", "Ana Lopez", True, False, ""),
        ("bob", "Bob Smith", False, False, ""),
        ("me", "Sam", True, False, ""),
    ]
    ana, bob, sam = learners
    assert ana.events == (FINISHED,) and bob.events == ()
    assert ana.created == accounts.get("ana").created != "" and sam.created == LearnerStore(data_dir).profile().created
    assert learner_codes(data_dir) == ["Ana", "bob", "me"]  # Ana's file, named ana, is not listed twice


def test_a_damaged_record_is_marked_with_no_events_and_everyone_else_is_still_read(data_dir: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana Lopez", "1234")
    accounts.add("bob", "Bob Smith", "1234")
    LearnerStore(data_dir, "ana").record(FINISHED)
    LearnerStore(data_dir, "bob").record(FINISHED)
    LearnerStore(data_dir, "bob").journal_path.write_text("{half a line\n")
    ana, bob = load_learners(data_dir)
    assert (ana.damaged, ana.events) == ("", (FINISHED,))
    assert (bob.name, bob.events, bob.damaged) == ("Bob Smith", (), "line 1 is not a whole record")
    with pytest.raises(DamagedFile) as damaged:
        LearnerStore(data_dir, "bob").events()
    assert damaged.value.path == LearnerStore(data_dir, "bob").journal_path
    assert str(damaged.value) == (
        f"{damaged.value.path} is damaged (line 1 is not a whole record); it was left untouched. "
        "Ask a facilitator to run `bleep doctor` (and `bleep doctor --repair` to restore it from a backup)"
    )


def test_one_learner_is_found_by_a_code_typed_in_another_case_or_by_their_file_alone(data_dir: Path) -> None:
    AccountStore(data_dir).add("Ana", "Ana Lopez", "1234")
    LearnerStore(data_dir, "Ana").record(FINISHED)
    ana = load_learner(data_dir, "ANA")
    assert (ana.code, ana.name, ana.events) == ("Ana", "Ana Lopez", (FINISHED,))
    LearnerStore(data_dir, "solo").create("Solo Learner")
    solo = load_learner(data_dir, "solo")
    assert (solo.code, solo.name, solo.active) == ("solo", "Solo Learner", True)
    nobody = load_learner(data_dir, "nobody")
    assert (nobody.code, nobody.name, nobody.events, nobody.created) == ("nobody", "nobody", (), "")


def test_one_learner_loaded_alone_keeps_their_account_state_and_a_learner_with_only_a_file_their_events(data_dir: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("Ana", "Ana Lopez", "1234")
    accounts.deactivate("Ana")
    ana = load_learner(data_dir, "ana")
    assert (ana.code, ana.name, ana.active) == ("Ana", "Ana Lopez", False)
    solo = LearnerStore(data_dir, "solo")
    solo.record(FINISHED)
    assert load_learner(data_dir, "solo").events == (FINISHED,)
    solo.journal_path.write_text("{half a line\n")
    assert load_learner(data_dir, "solo").damaged == "line 1 is not a whole record"
