"""BLEEP behind a real OpenSSH server, set up as docs/deploy-ssh.md says: ForceCommand, a dropped line, a Linux console."""

from __future__ import annotations

import getpass
import os
import pwd
import shutil
import select
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bleep_tui.store.learner import LearnerStore

from .play import choice_keys, lesson, open_lesson, started_run
from .ptyterm import WAIT, PtyTerminal
from .test_pty_lesson import installed

pytestmark = pytest.mark.slow

SSHD = Path("/usr/sbin/sshd")
CODE, PIN = "s01", "2468"


@dataclass(frozen=True)
class Server:
    port: int
    user: str
    client_key: Path
    data: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sshd(keys: Path) -> tuple[subprocess.Popen[bytes], int]:
    """sshd on a free port, once it says it listens there; another port if something took that one meanwhile."""
    for _attempt in range(5):
        port = free_port()
        (keys / "sshd_config").write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host_key'}\nPidFile {keys / 'sshd.pid'}\n"
            f"AuthorizedKeysFile {keys / 'authorized_keys'}\nStrictModes no\nUsePAM no\n"
            "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
            "AcceptEnv LANG LC_*\nLogLevel INFO\n"
            "Subsystem sftp internal-sftp\n"  # as every distribution's sshd_config has: ForceCommand must win over it
            f"Include {keys / 'bleep.conf'}\n"
        )
        server = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(keys / "sshd_config")], stderr=subprocess.PIPE)
        assert server.stderr is not None
        log, said = server.stderr.fileno(), b""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if not select.select([log], [], [], 0.5)[0]:
                continue
            chunk = os.read(log, 4096)
            said += chunk
            if f"listening on 127.0.0.1 port {port}".encode() in said:
                threading.Thread(target=server.stderr.read, daemon=True).start()  # the log must never fill its pipe
                return server, port
            if not chunk:  # sshd ended: the port was taken, or the setup is wrong
                break
        server.kill()
        server.wait(10)
    pytest.fail(f"sshd did not start: {said.decode(errors='replace')}")


def keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Server]:
    if not SSHD.exists() or not shutil.which("ssh"):
        pytest.skip("OpenSSH server or client is not installed (.ci/run installs openssh-server)")
    user = getpass.getuser()
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation folder
    keys = tmp_path / "ssh"
    keys.mkdir()
    keygen(keys / "host_key")
    keygen(keys / "client_key")
    (keys / "authorized_keys").write_text((keys / "client_key.pub").read_text())
    data = tmp_path / "data"
    # Shared mode, as on a prison server: learners log in with a code and PIN from their facilitator.
    data.mkdir(mode=0o700)
    (data / "settings.toml").write_text('mode = "shared"\n')
    subprocess.run([installed("bleep"), "learners", "add", CODE, "--name", "Sam", "--pin", PIN, "--data-dir", str(data)],
                   check=True, capture_output=True)
    # The Match block exactly as an administrator would install it.
    block = subprocess.run(
        [installed("bleep"), "ssh-config", "--user", user, "--data-dir", str(data)],
        check=True, capture_output=True, text=True,
    ).stdout
    (keys / "bleep.conf").write_text(block)
    server, port = start_sshd(keys)
    try:
        yield Server(port, user, keys / "client_key", data)
    finally:
        server.terminate()
        server.wait(10)


def client_options(server: Server) -> list[str]:
    return [
        "-F", "/dev/null", "-i", str(server.client_key),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
        "-o", "LogLevel=ERROR", "-o", "SendEnv=LANG LC_*", "-o", f"Port={server.port}",
    ]


def ssh(server: Server, tmp_path: Path, **env: str) -> PtyTerminal:
    command = ["ssh", "-tt", *client_options(server), f"{server.user}@127.0.0.1", "echo this must never run"]
    return PtyTerminal(command, {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), **env})


def log_in(term: PtyTerminal) -> str:
    term.wait_for("BLEEP: log in")
    term.type(CODE)
    term.press("enter")
    term.type(PIN)
    term.press("enter")
    return term.wait_for("XP")


def session_processes(data: Path) -> list[int]:
    """Every process serving `data`: bleep-session, the app, a shell that started them (their command lines name it)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if str(data).encode() in command and entry.name.isdigit():
            found.append(int(entry.name))
    return found


def gone_within(seconds: float, data: Path) -> bool:
    deadline = time.monotonic() + seconds
    while session_processes(data) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not session_processes(data)


def app_processes(data: Path) -> list[int]:
    """The app processes serving `data` on this machine (their command line names the data folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"bleep_tui.cli" in command and str(data).encode() in command:
            found.append(int(entry.name))
    return found


def test_an_ssh_drop_mid_lesson_loses_nothing_and_the_learner_resumes_at_the_same_step(sshd: Server, tmp_path: Path) -> None:
    utf8 = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}
    with ssh(sshd, tmp_path, **utf8) as term:
        term.wait_for("BLEEP: log in")
        assert "this must never run" not in term.text()
        assert app_processes(sshd.data), "the app runs from the ForceCommand, exec'd by bleep-session"
        assert "Sam" in log_in(term)
        open_lesson(term)
        term.wait_for("Step 1 of 4")
        term.press("enter")  # read the introduction
        term.press(*choice_keys(lesson().steps[1], started_run(sshd.data, CODE)))  # answer step 2
        term.wait_for("Right!")
        term.press("enter")
        term.wait_for("Step 3 of 4")
        term.process.kill()  # the thin client dies: no goodbye to the server
        term.process.wait()

    deadline = time.monotonic() + WAIT
    while app_processes(sshd.data) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not app_processes(sshd.data), "the app ends once its connection is gone (SIGHUP)"
    answered = [(e.step, e.correct) for e in LearnerStore(sshd.data, CODE).events() if e.kind == "answered"]
    assert answered == [("caller-asks", True)]

    with ssh(sshd, tmp_path, **utf8) as term:
        log_in(term)
        open_lesson(term)
        assert "Welcome back" not in term.wait_for("Step 3 of 4")  # step 3 had no try yet
        term.press("ctrl+q")  # shared mode: logs out, back to the start screen
        term.wait_for("BLEEP: log in")


def test_a_linux_console_in_the_c_locale_over_ssh_sees_only_ascii(sshd: Server, tmp_path: Path) -> None:
    with ssh(sshd, tmp_path, TERM="linux", LANG="C") as term:
        screens = [term.wait_for("BLEEP: log in"), log_in(term)]
        open_lesson(term)
        term.wait_for("Step 1 of 4")
        term.press("enter")
        screens.append(term.wait_for("Step 2 of 4"))
        for screen in screens:
            assert screen.isascii(), screen
        assert bytes(term.output).isascii()
        term.press("ctrl+q")  # shared mode: logs out, back to the start screen
        term.wait_for("BLEEP: log in")


def test_bytes_that_are_not_utf8_mid_lesson_do_not_end_the_session(sshd: Server, tmp_path: Path) -> None:
    with ssh(sshd, tmp_path, TERM="xterm-256color", LANG="C.UTF-8") as term:
        log_in(term)
        open_lesson(term)
        term.wait_for("Step 1 of 4")
        term.press("enter")
        term.press(*choice_keys(lesson().steps[1], started_run(sshd.data, CODE)))
        term.wait_for("Right!")
        term.press("enter")
        term.wait_for("Step 3 of 4")
        term.send(b"\xe9\xff")  # a Latin-1 e-acute, and a byte no UTF-8 text has
        term.wait_for("\N{REPLACEMENT CHARACTER}\N{REPLACEMENT CHARACTER}")
        term.press("backspace", "backspace", *"Nobody", "enter")
        term.wait_for("Right!")
        term.press("enter")
        term.wait_for("Step 4 of 4")
    assert [(e.step, e.correct) for e in LearnerStore(sshd.data, CODE).events() if e.kind == "answered"][-1][1]


NO_TERMINAL = "BLEEP needs a terminal"
COPIED = "bleep-test-copied.txt"


def run_client(command: list[str], tmp_path: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    return subprocess.run(command, input=stdin.decode(), capture_output=True, text=True, env=env, timeout=WAIT)


def test_a_command_over_ssh_gets_one_line_and_leaves_no_process(sshd: Server, tmp_path: Path) -> None:
    run = run_client(["ssh", *client_options(sshd), f"{sshd.user}@127.0.0.1", "id"], tmp_path)
    assert run.returncode != 0 and "uid=" not in run.stdout
    assert run.stderr.strip().splitlines() == [line for line in run.stderr.strip().splitlines() if NO_TERMINAL in line] != []
    assert gone_within(10, sshd.data), "a session without a terminal must not stay behind"


def test_ssh_without_a_terminal_ends_at_once_even_with_its_input_open(sshd: Server, tmp_path: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    client = subprocess.Popen(["ssh", "-T", *client_options(sshd), f"{sshd.user}@127.0.0.1"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        ended = client.wait(timeout=WAIT)  # its input stays open: only the server can end it
    except subprocess.TimeoutExpired:
        ended = None
    finally:
        client.kill()
        _out, err = client.communicate()
    assert ended is not None and ended != 0, "the session waited for input that never ends"
    assert NO_TERMINAL in err.decode()
    assert gone_within(10, sshd.data)


def test_sftp_and_scp_get_nothing_and_leave_no_process(sshd: Server, tmp_path: Path) -> None:
    sent = tmp_path / "sent.txt"
    sent.write_text("x")
    sftp = run_client(["sftp", "-b", "-", *client_options(sshd), f"{sshd.user}@127.0.0.1"], tmp_path, stdin=b"ls\n")
    assert sftp.returncode != 0 and "Connection closed" in sftp.stderr  # the sftp client does not show the server's line
    assert gone_within(10, sshd.data)
    for legacy in ([], ["-O"]):  # the SFTP protocol (the default), and the old scp protocol
        scp = run_client(["scp", *legacy, *client_options(sshd), str(sent), f"{sshd.user}@127.0.0.1:{COPIED}"], tmp_path)
        assert scp.returncode != 0
        assert not (Path(pwd.getpwnam(sshd.user).pw_dir) / COPIED).exists()
        assert gone_within(10, sshd.data)


def test_port_forwarding_either_way_is_refused_and_reaches_nothing(sshd: Server, tmp_path: Path) -> None:
    """A learner's SSH client asks the server to connect on to another machine (-W, as -L does for each
    connection) or to listen for the outside (-R): both refused, and the service behind is never reached."""
    reached: list[str] = []
    with socket.socket() as service:  # a service on the server that only the server itself should reach
        service.bind(("127.0.0.1", 0))
        service.listen()
        service.settimeout(0.2)
        target = f"127.0.0.1:{service.getsockname()[1]}"

        def try_to_reach(command: list[str]) -> int | None:
            client = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)})
            deadline = time.monotonic() + WAIT
            while client.poll() is None and time.monotonic() < deadline:
                try:
                    connection, _address = service.accept()
                except TimeoutError:
                    continue
                reached.append(" ".join(command))
                connection.close()
            client.kill()
            client.communicate()
            return client.returncode

        through = try_to_reach(["ssh", "-N", "-W", target, *client_options(sshd), f"{sshd.user}@127.0.0.1"])
        outside = try_to_reach(["ssh", "-N", "-o", "ExitOnForwardFailure=yes", "-R", f"0:{target}",
                                *client_options(sshd), f"{sshd.user}@127.0.0.1"])
    assert reached == []
    assert through == outside == 255  # the client gave up: the server said no (a kill would be -9)
    assert gone_within(10, sshd.data)
