"""The SSH ForceCommand program and the sshd_config block that starts it (the real thing: tests/e2e/test_ssh.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bleep_tui.commands.ssh_config import ssh_config
from bleep_tui.session import DEFAULT_TERM, session_command, session_environment

LOGIN = {
    "HOME": "/home/bleep", "USER": "bleep", "LOGNAME": "bleep", "PATH": "/home/bleep/bin:/usr/bin",
    "TERM": "xterm-256color", "LANG": "de_DE.UTF-8", "SHELL": "/bin/sh",
    "TEXTUAL_SCREENSHOT": "1", "TEXTUAL_LOG": "/tmp/log", "TEXTUAL_DRIVER": "evil:Driver", "TEXTUAL": "devtools",
    "PYTHONPATH": "/tmp/evil", "PYTHONSTARTUP": "/tmp/evil.py", "PYTHONINSPECT": "1",
    "LD_PRELOAD": "/tmp/evil.so", "LD_LIBRARY_PATH": "/tmp", "BASH_ENV": "/tmp/evil.sh", "TERMINFO": "/tmp/ti",
    "SSH_ORIGINAL_COMMAND": "/bin/sh", "BLEEP_DATA_DIR": "/tmp/other", "TZ": ":/tmp/zone",
}


def test_the_app_gets_only_harmless_variables_and_a_fixed_path() -> None:
    env = session_environment(LOGIN)
    assert env == {
        "HOME": "/home/bleep", "USER": "bleep", "LOGNAME": "bleep", "PATH": "/usr/local/bin:/usr/bin:/bin",
        "TERM": "xterm-256color", "LANG": "de_DE.UTF-8",
    }


def test_no_textual_python_or_loader_variable_gets_through() -> None:
    env = session_environment(LOGIN)
    assert not [name for name in env if name.startswith(("TEXTUAL", "PYTHON", "LD_", "BASH", "SSH_"))]


def test_the_ssh_clients_address_gets_through_only_in_sshds_own_form() -> None:
    """The login screen names where failed logins came from; nothing else may ride in on the variable."""
    assert session_environment({"SSH_CLIENT": "10.1.2.3 51234 22"})["SSH_CLIENT"] == "10.1.2.3 51234 22"
    assert session_environment({"SSH_CLIENT": "fe80::1 51234 22"})["SSH_CLIENT"] == "fe80::1 51234 22"
    for forged in ("10.1.2.3 51234 22\x1b[2J", "$(id) 1 2", "10.1.2.3", ""):
        assert "SSH_CLIENT" not in session_environment({"SSH_CLIENT": forged})


def test_a_client_with_no_terminal_name_or_dumb_gets_a_known_one() -> None:
    assert session_environment({})["TERM"] == DEFAULT_TERM
    assert session_environment({"TERM": "dumb"})["TERM"] == DEFAULT_TERM
    assert session_environment({"TERM": "../../etc/x"})["TERM"] == DEFAULT_TERM
    assert session_environment({"TERM": "linux"})["TERM"] == "linux"


def test_locale_names_that_could_reach_other_files_are_dropped() -> None:
    env = session_environment({"LANG": "../../tmp/evil", "LANGUAGE": "nl:../x", "LC_ALL": "C", "LC_CTYPE": "en_GB.UTF-8"})
    assert "LANG" not in env and "LANGUAGE" not in env
    assert env["LC_ALL"] == "C" and env["LC_CTYPE"] == "en_GB.UTF-8"
    assert session_environment({"LANGUAGE": "nl_BE:nl:en"})["LANGUAGE"] == "nl_BE:nl:en"


def test_colour_wishes_of_the_terminal_are_kept() -> None:
    env = session_environment({"NO_COLOR": "", "COLORTERM": "truecolor"})
    assert env["NO_COLOR"] == "1" and env["COLORTERM"] == "truecolor"


def test_the_app_is_started_by_python_in_isolated_mode_and_never_by_a_shell() -> None:
    command = session_command({"TERM": "xterm"}, Path("/srv/bleep/data"), ascii=False, no_mouse=True, python="/opt/bleep/bin/python")
    assert command == ["/opt/bleep/bin/python", "-I", "-m", "bleep_tui.cli", "--data-dir", "/srv/bleep/data", "--no-mouse"]


def test_a_client_that_names_no_terminal_gets_ascii() -> None:
    assert "--ascii" in session_command({}, Path("/d"), ascii=False, no_mouse=False, python="py")
    assert "--ascii" not in session_command({"TERM": "xterm"}, Path("/d"), ascii=False, no_mouse=False, python="py")


def test_a_dumb_terminal_gets_linear_mode() -> None:
    assert "--linear" in session_command({"TERM": "dumb"}, Path("/d"), ascii=False, no_mouse=False, python="py")
    assert "--linear" not in session_command({"TERM": "xterm"}, Path("/d"), ascii=False, no_mouse=False, python="py")


def test_the_session_program_refuses_to_start_without_a_data_folder() -> None:
    run = subprocess.run([sys.executable, "-m", "bleep_tui.session"], capture_output=True, text=True)
    assert run.returncode == 2 and "--data-dir" in run.stderr


def test_ssh_config_forces_the_session_program_and_closes_every_way_out() -> None:
    block = ssh_config("learner", Path("/opt/bleep/venv/bin/bleep-session"), Path("/srv/bleep data"), no_mouse=True)
    lines = [line.strip() for line in block.splitlines() if not line.startswith("#")]
    assert lines[0] == "Match User learner"
    assert lines[1] == "ForceCommand /opt/bleep/venv/bin/bleep-session --data-dir '/srv/bleep data' --no-mouse"
    for setting in (
        "PermitTTY yes", "DisableForwarding yes", "AllowTcpForwarding no", "AllowStreamLocalForwarding no",
        "AllowAgentForwarding no", "X11Forwarding no", "PermitTunnel no", "PermitUserRC no",
    ):
        assert setting in lines


def test_bleep_ssh_config_prints_this_installations_paths(tmp_path: Path) -> None:
    bleep = Path(sys.executable).parent / "bleep"
    run = subprocess.run([str(bleep), "ssh-config", "--user", "learners", "--data-dir", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Match User learners" in run.stdout
    assert f"ForceCommand {Path(sys.executable).parent / 'bleep-session'} --data-dir {tmp_path}" in run.stdout


def test_bleep_ssh_config_refuses_a_user_name_that_would_change_the_config() -> None:
    bleep = Path(sys.executable).parent / "bleep"
    run = subprocess.run([str(bleep), "ssh-config", "--user", "x\nForceCommand /bin/sh"], capture_output=True, text=True)
    assert run.returncode == 2 and "Match" not in run.stdout


def test_without_a_terminal_the_session_program_says_so_in_one_line_and_starts_no_app(tmp_path: Path) -> None:
    """`ssh host command`, `ssh -T`, sftp and scp give bleep-session pipes, not a terminal."""
    started_textual = "import atexit, sys; atexit.register(lambda: print('textual' in sys.modules))"
    run = subprocess.run(
        [sys.executable, "-c", f"{started_textual}; from bleep_tui.session import main; main(['--data-dir', {str(tmp_path)!r}])"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    assert run.returncode == 1
    assert run.stderr.splitlines() == ["BLEEP needs a terminal: connect with `ssh -t`, without a command (no sftp, no scp)."]
    assert run.stdout == "False\n"  # nothing drawn, and Textual never even imported


def test_bleep_without_a_terminal_starts_linear_mode_and_its_commands_work_on_pipes(tmp_path: Path) -> None:
    app = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(tmp_path)],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert app.returncode == 0 and app.stderr == ""
    assert "BLEEP in linear mode" in app.stdout and "What should we call you?" in app.stdout
    listed = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "lessons", "list"], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert listed.returncode == 0 and "safety-one-time-codes" in listed.stdout
