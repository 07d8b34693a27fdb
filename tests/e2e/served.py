"""A real `bleep serve` on 127.0.0.1 for the tests, and a screen that reads what its sessions send (pyte)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyte

from bleep_tui.store.accounts import AccountStore

from .test_pty_lesson import installed, terminal_env

PINS = {"s01": "1234", "s02": "5678"}
NAMES = {"s01": "Sam Visser", "s02": "Noor Bakker"}


def shared_folder(data: Path) -> Path:
    """A shared installation with two learners, s01 and s02."""
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.toml").write_text('mode = "shared"\n')
    accounts = AccountStore(data)
    for code, pin in PINS.items():
        accounts.add(code, NAMES[code], pin)
    return data


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    first_lines: list[str]

    def session_processes(self) -> list[int]:
        """The app processes this server started (one per open session)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                    command = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                if parent == self.process.pid and b"bleep_tui.web.child" in command:
                    found.append(int(entry.name))
        return found


@contextmanager
def bleep_serve(data: Path, home: Path, *options: str) -> Iterator[Served]:
    port = free_port()
    process = subprocess.Popen(
        [installed("bleep"), "serve", "--data-dir", str(data), "--port", str(port), *options],
        env=terminal_env(home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        assert "is served on" in lines[0], lines
        if "token" in lines[1]:
            lines.append(process.stdout.readline())
        _wait_listening(port)
        yield Served(f"http://127.0.0.1:{port}", process, lines)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_listening(port: int) -> None:
    for _ in range(300):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        os.sched_yield()
        import time

        time.sleep(0.05)
    raise AssertionError("bleep serve did not start listening")


class Screen:
    """What a session's terminal shows, from the bytes the server sent, at the size the page asked for."""

    def __init__(self, columns: int = 80, rows: int = 24) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def sent(self, message: str) -> None:
        """A message the page sent: a resize changes the size the app draws at."""
        kind, *rest = json.loads(message)
        if kind == "resize":
            self.screen.resize(rest[0]["height"], rest[0]["width"])

    def text(self) -> str:
        return "\n".join(self.screen.display)
