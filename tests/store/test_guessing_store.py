"""Guessing is held on disk: waits that survive a new process, and a record of every facilitator login and export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import bleep_tui.store.accounts as accounts_module
from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.audit import audit_entries, where_from
from bleep_tui.store.learner import LearnerStore

from ..test_learners_cli import bleep

NOW = 1_800_000_000.0
CHECK_PASSPHRASE = """
import sys, bleep_tui.store.accounts as accounts
from pathlib import Path
accounts.wall_clock = lambda: float(sys.argv[3])
result = accounts.AccountStore(Path(sys.argv[1])).check_passphrase(sys.argv[2], source="ssh 10.0.0.5")
print(result.ok, result.wait)
"""


def check_in_a_new_process(data_dir: Path, passphrase: str, now: float) -> tuple[bool, float]:
    out = subprocess.run([sys.executable, "-c", CHECK_PASSPHRASE, str(data_dir), passphrase, str(now)], capture_output=True, text=True, check=True, timeout=60)
    ok, wait = out.stdout.split()
    return ok == "True", float(wait)


def test_the_passphrase_wait_doubles_and_survives_a_new_process(data_dir: Path) -> None:
    AccountStore(data_dir).set_passphrase("the right passphrase")
    assert check_in_a_new_process(data_dir, "wrong one!", NOW) == (False, 0)
    assert check_in_a_new_process(data_dir, "the right passphrase", NOW + 0.5) == (False, 0.5)  # not even checked
    assert check_in_a_new_process(data_dir, "wrong again", NOW + 1) == (False, 0)
    assert check_in_a_new_process(data_dir, "the right passphrase", NOW + 2) == (False, 1)
    assert check_in_a_new_process(data_dir, "the right passphrase", NOW + 3) == (True, 0)
    assert check_in_a_new_process(data_dir, "wrong one!", NOW + 3) == (False, 0)  # the count starts again
    whats = [(e.what, e.source) for e in audit_entries(data_dir)]
    assert whats == [("passphrase_set", where_from())] + [
        ("facilitator_login_failed", "ssh 10.0.0.5"), ("facilitator_login_failed", "ssh 10.0.0.5"),
        ("facilitator_login", "ssh 10.0.0.5"), ("facilitator_login_failed", "ssh 10.0.0.5"),
    ]


def test_login_failures_and_their_waits_survive_a_new_process(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts_module, "wall_clock", lambda: NOW)
    AccountStore(data_dir).add("ana", "Ana", "1234")
    for code in ("x1", "x2", "x3"):
        assert AccountStore(data_dir).login(code, "0000", source="ssh 10.0.0.8").status == "refused"
    again = AccountStore(data_dir).login("ana", "1234", source="ssh 10.0.0.8")
    assert (again.status, again.wait) == ("wait", 1)
    assert AccountStore(data_dir).login("ana", "1234", source="ssh 10.0.0.1").status == "ok"


def test_the_failures_kept_are_bounded(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(10**6))
    monkeypatch.setattr(accounts_module, "wall_clock", lambda: NOW + 120 * next(ticks))
    monkeypatch.setattr(accounts_module, "KEPT_FAILURES", 5)
    store = AccountStore(data_dir)
    store.add("ana", "Ana", "1234")
    for n in range(9):
        store.login(f"nobody{n}", "0000", source=f"t{n}")
    assert [f.source for f in store.failures()] == ["t4", "t5", "t6", "t7", "t8"]


def test_an_ssh_client_address_names_where_a_try_came_from() -> None:
    assert where_from({"SSH_CLIENT": "10.1.2.3 51234 22"}) == "ssh 10.1.2.3"


def test_export_is_recorded_and_a_damaged_learner_is_left_out_named_and_exit_3(data_dir: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana", "1234")
    accounts.add("bob", "Bob", "5678")
    LearnerStore(data_dir, "ana").record(Event("lesson_started", now_iso(), lesson="x", run="r"))
    LearnerStore(data_dir, "bob").journal_path.write_text("not a record\n")
    result = bleep("--data-dir", str(data_dir), "export", "--format", "json")
    assert result.returncode == 3
    assert "left out bob" in result.stderr and "bleep doctor" in result.stderr and "Traceback" not in result.stderr
    assert '"ana"' in result.stdout and '"bob"' not in result.stdout
    assert bleep("--data-dir", str(data_dir), "export", "--skip-damaged").returncode == 0
    assert [e.what for e in audit_entries(data_dir)].count("export") == 2
    assert LearnerStore(data_dir, "bob").journal_path.read_text() == "not a record\n"


def test_every_refusal_does_the_same_work_so_timing_tells_nothing(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One scrypt check and one write of accounts.json, whatever the reason: unknown, wrong, locked, deactivated."""
    store = AccountStore(data_dir)
    for code in ("ana", "bob", "cy"):
        store.add(code, code.title(), "1234")
    store.deactivate("bob")
    for n in range(5):
        store.login("cy", "0000", source=f"t{n}")
    assert store.get("cy").locked
    work: list[str] = []
    real_scrypt, real_write = accounts_module._scrypt, accounts_module.AtomicJSONStorage.write
    monkeypatch.setattr(accounts_module, "_scrypt", lambda *a: (work.append("scrypt"), real_scrypt(*a))[1])
    monkeypatch.setattr(accounts_module.AtomicJSONStorage, "write", lambda self, data: (work.append(f"write {self.path.name}"), real_write(self, data))[1])
    done = {}
    for label, code, pin in (("unknown", "nobody", "1234"), ("wrong", "ana", "0000"), ("locked", "cy", "1234"), ("deactivated", "bob", "1234")):
        work.clear()
        result = store.login(code, pin, source=f"src-{label}")
        done[label] = (result.status, result.wait, result.code, list(work))
    assert done["unknown"] == ("refused", 0.0, "", ["scrypt", "write accounts.json"])
    assert all(value == done["unknown"] for value in done.values()), done
