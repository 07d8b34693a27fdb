"""`bleep lrs push` and `bleep lrs export` against a real LRS (Ralph) on 127.0.0.1.

A learner plays in the real program in a terminal; the statements reach the LRS once, however often
the push runs, and nothing is lost while the LRS is down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore

from .play import open_lesson, play_lesson
from .ptyterm import PtyTerminal
from .ralph_lrs import PASSWORD, USERNAME, RalphLrs
from .test_pty_lesson import installed, terminal_env

pytestmark = pytest.mark.slow

HOME_PAGE = "https://learn.hmp-example.org"


def configured(data: Path, lrs: RalphLrs) -> Path:
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.toml").write_text(f'installation_url = "{HOME_PAGE}"\n')
    config = data / "lrs.toml"
    config.write_text(f'endpoint = "{lrs.endpoint}"\nusername = "{USERNAME}"\npassword = "{PASSWORD}"\ntimeout_seconds = 5\n')
    config.chmod(0o600)
    return data


def bleep(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(data.parent), "LANG": "C.UTF-8"}  # no proxy settings
    return subprocess.run([installed("bleep"), "--data-dir", str(data), *args], capture_output=True, text=True, env=env, timeout=120)


def play_a_lesson(data: Path, home: Path, first_time: bool) -> None:
    with PtyTerminal([installed("bleep"), "--data-dir", str(data)], terminal_env(home)) as term:
        if first_time:
            term.wait_for("What should we call you?")
            term.type("Sam")
            term.press("enter")
        term.wait_for("XP")
        open_lesson(term)
        play_lesson(term, data)
        term.press("ctrl+q")
        assert term.wait_exit() == 0


def exported(data: Path) -> dict[str, dict]:
    result = bleep(data, "lrs", "export")
    assert result.returncode == 0, result.stderr
    statements = [json.loads(line) for line in result.stdout.splitlines()]
    return {s["id"]: s for s in statements}


def what_was_said(statement: dict) -> tuple:
    """What a statement says, as the LRS gives it back (the LRS adds `stored` and `authority`)."""
    return (
        statement["actor"]["account"]["homePage"], statement["actor"]["account"]["name"], statement["verb"]["id"],
        statement["object"]["id"], json.dumps(statement.get("result"), sort_keys=True),
        json.dumps(statement.get("context", {}).get("contextActivities"), sort_keys=True),
    )


def test_a_push_delivers_every_statement_once_and_an_lrs_outage_loses_nothing(tmp_path: Path) -> None:
    lrs = RalphLrs(tmp_path / "lrs").start()
    try:
        data = configured(tmp_path / "data", lrs)
        play_a_lesson(data, tmp_path, first_time=True)

        first = bleep(data, "lrs", "push")
        assert first.returncode == 0, first.stderr
        ours = exported(data)
        assert len(ours) == 1 + 3 + 2 + len([e for e in LearnerStore(data).events() if e.kind == "achievement_earned"])
        assert f"sent {len(ours)} statements of 1 learner(s)" in first.stderr and "nothing waits" in first.stderr
        at_lrs = {s["id"]: s for s in lrs.statements()}
        assert at_lrs.keys() == ours.keys()
        assert {i: what_was_said(s) for i, s in at_lrs.items()} == {i: what_was_said(s) for i, s in ours.items()}
        assert all(s["actor"]["account"]["name"] == "me" for s in at_lrs.values())

        again = bleep(data, "lrs", "push")
        assert again.returncode == 0 and "sent 0 statements" in again.stderr
        assert len(lrs.statements()) == len(ours)

        lrs.stop()
        play_a_lesson(data, tmp_path, first_time=False)
        down = bleep(data, "lrs", "push")
        assert down.returncode == 2
        assert "cannot be reached" in down.stderr
        waiting = len(exported(data)) - len(ours)
        assert waiting > 0 and f"{waiting} statements wait" in down.stderr

        lrs.start()
        back = bleep(data, "lrs", "push")
        assert back.returncode == 0, back.stderr
        assert f"sent {waiting} statements" in back.stderr
        everything = exported(data)
        at_lrs = {s["id"]: s for s in lrs.statements()}
        assert at_lrs.keys() == everything.keys() and len(lrs.statements()) == len(everything)
    finally:
        lrs.stop()


def record_a_finished_lesson(data: Path, code: str, run: str) -> None:
    store = LearnerStore(data, code)
    store.record(Event("lesson_started", "2026-11-02T09:00:00+00:00", lesson="safety-one-time-codes", run=run))
    store.record(Event("answered", "2026-11-02T09:01:00+00:00", lesson="safety-one-time-codes", run=run, step="caller-asks",
                       answer=[0], correct=True, points=12, bonus=2, try_number=1, finished=True))
    store.record(Event("lesson_finished", "2026-11-02T09:05:00+00:00", lesson="safety-one-time-codes", run=run, points=12, bonus=2, percent=33))


def test_a_statement_the_lrs_has_under_our_id_counts_as_delivered_and_the_rest_still_go(tmp_path: Path) -> None:
    lrs = RalphLrs(tmp_path / "lrs").start()
    try:
        data = configured(tmp_path / "data", lrs)
        record_a_finished_lesson(data, "me", "r1")
        ours = list(exported(data).values())
        # The LRS already holds the first one, said differently (sent once before a change of settings).
        changed = {**ours[0], "timestamp": "2026-11-02T08:00:00+00:00"}
        lrs.put(changed)

        result = bleep(data, "lrs", "push")
        assert result.returncode == 0, result.stderr
        assert f"sent {len(ours) - 1} statements" in result.stderr and "1 were there already" in result.stderr
        assert {s["id"] for s in lrs.statements()} == {s["id"] for s in ours}
    finally:
        lrs.stop()


def test_statements_carried_on_a_usb_stick_go_into_an_lrs_with_ralph_write(tmp_path: Path) -> None:
    lrs = RalphLrs(tmp_path / "lrs").start()
    try:
        data = configured(tmp_path / "data", lrs)
        (data / "lrs.toml").unlink()  # an air-gapped prison: no link to the LRS at all
        record_a_finished_lesson(data, "me", "r1")
        stick = tmp_path / "stick" / "statements.jsonl"
        stick.parent.mkdir()
        written = bleep(data, "lrs", "export", "--out", str(stick))
        assert written.returncode == 0, written.stderr
        ours = [json.loads(line) for line in stick.read_text().splitlines()]
        assert f"wrote {len(ours)} statements" in written.stderr

        ralph = [str(Path(sys.executable).parent / "ralph"), "write", "-b", "lrs", "--lrs-base-url", lrs.endpoint.removesuffix("xAPI/"),
                 "--lrs-username", USERNAME, "--lrs-password", PASSWORD]
        with stick.open("rb") as carried:
            subprocess.run(ralph, stdin=carried, check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
        assert {s["id"] for s in lrs.statements()} == {s["id"] for s in ours}
    finally:
        lrs.stop()


def test_nothing_is_sent_until_a_facilitator_configures_an_lrs_and_its_password_file_must_be_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    record_a_finished_lesson(data, "me", "r1")
    (data / "settings.toml").write_text(f'installation_url = "{HOME_PAGE}"\n')
    nothing = bleep(data, "lrs", "push")
    assert nothing.returncode == 1 and "no LRS is configured" in nothing.stderr
    (data / "lrs.toml").write_text('endpoint = "http://127.0.0.1:9/xAPI/"\nusername = "u"\npassword = "p"\n')
    (data / "lrs.toml").chmod(0o644)
    shared = bleep(data, "lrs", "push")
    assert shared.returncode == 1 and "chmod 600" in shared.stderr
    (data / "lrs.toml").chmod(0o600)
    (data / "settings.toml").unlink()
    unnamed = bleep(data, "lrs", "push")
    assert unnamed.returncode == 1 and "installation_url" in unnamed.stderr
    assert "Traceback" not in nothing.stderr + shared.stderr + unnamed.stderr
