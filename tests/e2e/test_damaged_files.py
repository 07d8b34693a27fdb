"""The real `bleep` in a terminal, with damaged files: a plain message, no traceback, no secret, exit status 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore

from ..store.test_damage import DAMAGED_ACCOUNTS, DAMAGED_PROFILES
from .ptyterm import PtyTerminal
from .test_pty_lesson import installed, terminal_env

pytestmark = pytest.mark.slow
TRACEBACK_SIGNS = ("Traceback", "File \"", ".py", "locals", "Error:")


def no_traceback(screen: str) -> None:
    for sign in TRACEBACK_SIGNS:
        assert sign not in screen, screen


@pytest.mark.parametrize("kind", ["zero bytes", "null", "a list", "invalid UTF-8", "no schema", "v1 event without at"])
def test_a_damaged_profile_stops_the_app_with_a_plain_message_and_status_1(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    store = LearnerStore(data)
    store.create("Sam")
    store.path.write_bytes(DAMAGED_PROFILES[kind])
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(tmp_path)) as term:
        assert term.wait_exit() == 1
        screen = term.text()
    assert "BLEEP cannot start" in screen and "bleep doctor" in screen
    no_traceback(screen.replace("me.json", ""))
    assert store.path.read_bytes() == DAMAGED_PROFILES[kind]


def test_a_damaged_journal_stops_the_app_before_anything_is_added_to_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = LearnerStore(data)
    store.create("Sam")
    store.record(Event("answered", now_iso(), answer="a"))
    store.journal_path.write_text('{"kind": "answered"}\n')
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(tmp_path)) as term:
        assert term.wait_exit() == 1
        assert "BLEEP cannot start" in term.text()
    assert store.journal_path.read_text() == '{"kind": "answered"}\n'


@pytest.mark.parametrize("kind", list(DAMAGED_ACCOUNTS))
def test_at_the_shared_login_damaged_accounts_give_a_message_and_never_show_the_pin(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text('mode = "shared"\n')
    accounts = AccountStore(data)
    accounts.add("ana", "Ana", "1234")
    accounts.path.write_bytes(DAMAGED_ACCOUNTS[kind])
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(tmp_path)) as term:
        term.wait_for("Learner code")
        term.type("ana")
        term.wait_for("ana")
        term.press("enter")
        term.type("918273")
        term.wait_for("••••••")
        term.press("enter")
        screen = term.wait_for("is damaged")
        assert "bleep doctor" in screen and "918273" not in screen
        no_traceback(screen)
        term.press("ctrl+q")  # shared mode: the program goes on, on its start screen
        assert "Learner code" in term.wait_for("Learner code")
    assert accounts.path.read_bytes() == DAMAGED_ACCOUNTS[kind]
    for log in (data / "logs").glob("*"):
        assert "918273" not in log.read_text()
