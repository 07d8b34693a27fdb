"""Two learners on one shared server at the same time, each in their own language: the real `bleep` in two terminals."""

from __future__ import annotations

from pathlib import Path

import pytest

from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore

from .ptyterm import PtyTerminal
from .test_pty_lesson import installed, terminal_env

pytestmark = pytest.mark.slow


def log_in(term: PtyTerminal, code: str, pin: str) -> None:
    term.wait_for("Learner code")
    term.type(code)
    term.wait_for(code)
    term.press("enter")
    term.type(pin)
    term.wait_for("•" * len(pin))
    term.press("enter")


def test_a_dutch_and_an_english_learner_logged_in_at_once_each_see_their_own_language(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text('mode = "shared"\n')
    accounts = AccountStore(data)
    accounts.add("ana", "Ana", "4821")
    accounts.add("ben", "Ben", "7316")
    LearnerStore(data, "ana").set_language("nl")  # as `bleep learners add --language nl` keeps it
    command = [installed("bleep"), "--data-dir", str(data)]
    with PtyTerminal(command, terminal_env(tmp_path)) as dutch, PtyTerminal(command, terminal_env(tmp_path)) as english:
        log_in(dutch, "ana", "4821")
        log_in(english, "ben", "7316")
        assert "Geld" in dutch.wait_for("Geld")  # the Money module's heading, in Dutch
        assert "Geld" not in english.wait_for("Money")
        dutch.press("p")
        english.press("p")
        assert "Mijn profiel" in dutch.wait_for("Mijn profiel")
        shown = english.wait_for("My profile")
        assert "Mijn profiel" not in shown and "Geld" not in shown
        dutch.press("escape")
        assert "Geld" in dutch.wait_for("Geld")  # and Dutch it stays after the English learner's screens
