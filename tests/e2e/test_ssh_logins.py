"""Failed logins over a real OpenSSH server are counted per SSH client, as the facilitator's guide says."""

from __future__ import annotations

from pathlib import Path

import pytest

from bleep_tui.store.accounts import AccountStore

from .test_ssh import CODE, Server, ssh, sshd  # noqa: F401  (sshd is a fixture)

pytestmark = pytest.mark.slow


def test_a_wrong_pin_over_ssh_is_recorded_with_the_clients_address_and_answers_like_an_unknown_code(sshd: Server, tmp_path: Path) -> None:
    screens = []
    for code in (CODE, "nobody"):
        with ssh(sshd, tmp_path, TERM="xterm-256color", LANG="C.UTF-8") as term:
            term.wait_for("BLEEP: log in")
            term.type(code)
            term.wait_for(code)
            term.press("enter")
            term.type("0000")
            term.press("enter")
            screens.append(term.wait_for("did not work").replace(code, " " * len(code)))
    assert [failure.source for failure in AccountStore(sshd.data).failures()] == ["ssh 127.0.0.1"] * 2
    assert screens[0] == screens[1]
