"""A real pseudo-terminal with a VT100 emulator (pyte) on it: what a learner's terminal would show.

Used by the end-to-end tests and by bench/run.py.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyte

KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "space": b" ",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "home": b"\x1b[H",
    "backspace": b"\x7f",
    "tab": b"\t",
    "ctrl+q": b"\x11",
}
WAIT = 30.0  # seconds before a wait gives up: generous, as CI machines can be slow


class ScreenTimeout(AssertionError):
    pass



class PtyTerminal:
    """Runs `argv` on a pseudo-terminal of `size`; everything it writes is kept and drawn by pyte."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int] = (80, 24), cwd: Path | None = None,
                 controlling: bool = False):
        """With `controlling`, the terminal is the program's controlling terminal, as a login's is:
        closing it hangs the program up (SIGHUP). Without, closing it only ends the program's input."""
        self.columns, self.lines = size
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=dict(env), cwd=cwd,
            start_new_session=True, close_fds=True,
            preexec_fn=(lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0)) if controlling else None,
        )
        os.close(slave)
        self.fd = master
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.first_output_at: float | None = None

    # --- reading -----------------------------------------------------------------

    def read(self, timeout: float) -> int:
        """Read what arrives within `timeout` seconds (returns at the first chunk); the number of bytes."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return 0
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the program ended and the terminal closed
            data = b""
        if not data:
            raise EOFError
        if self.first_output_at is None:
            self.first_output_at = time.monotonic()
        self.output += data
        self.stream.feed(data)
        return len(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, wanted: str | Callable[[str], bool], timeout: float = WAIT, settle: bool = True) -> str:
        """Read until the screen shows `wanted` (text, or a test on the screen's text); the screen.

        With `settle`, the rest of the frame (which can arrive in several reads) lands before the screen is returned.
        """
        test = wanted if callable(wanted) else (lambda screen: wanted in screen)
        deadline = time.monotonic() + timeout
        while not test(self.text()):
            left = deadline - time.monotonic()
            if left <= 0:
                raise ScreenTimeout(f"the screen never showed {wanted!r}; it shows:\n{self.text()}")
            try:
                self.read(min(left, 0.5))
            except EOFError:
                raise ScreenTimeout(f"the program ended before showing {wanted!r}; last screen:\n{self.text()}") from None
        if settle:
            self.settle(quiet=0.1)
        return self.text()

    def settle(self, quiet: float = 0.2, timeout: float = WAIT) -> int:
        """Read until nothing arrives for `quiet` seconds; the number of bytes read."""
        total = 0
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                got = self.read(quiet)
            except EOFError:
                break
            if not got:
                break
            total += got
        return total

    def wait_idle(self, quiet: float = 0.3, timeout: float = WAIT) -> None:
        """Read until the program has used no CPU and written nothing for `quiet` seconds: every key sent is handled.

        (Textual runs a key's binding after the printable keys read with it: only an idle program has done both.)
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            used = self.cpu_ticks()
            if not self.settle(quiet) and self.cpu_ticks() == used:
                return
        raise ScreenTimeout(f"the program was still busy after {timeout} s")

    def cpu_ticks(self) -> int:
        """The CPU time the program has used so far, in clock ticks."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rpartition(")")[2].split()
        return int(fields[11]) + int(fields[12])  # utime, stime

    def bytes_within(self, seconds: float) -> int:
        """Everything the program writes in the next `seconds`, counted."""
        before = len(self.output)
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.read(left)
        return len(self.output) - before

    def quiet_for(self, seconds: float, timeout: float = WAIT) -> bool:
        """Whether, within `timeout`, the program sends nothing for `seconds` in a row (a blink or a timer never is)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.bytes_within(seconds) == 0:
                return True
        return False

    # --- typing ------------------------------------------------------------------

    def press(self, *keys: str, settle: bool = True) -> None:
        """Type keys by name (see KEYS) or single characters, letting the screen settle after each."""
        for key in keys:
            os.write(self.fd, KEYS.get(key, key.encode()))
            if settle or key == "escape":  # a lone ESC is told from a key sequence by a pause
                self.settle()

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())
        self.settle()

    def send(self, data: bytes) -> None:
        """Write all of `data` as raw bytes, reading what the program writes meanwhile (so neither side blocks)."""
        left = memoryview(data)
        while left:
            readable, writable, _ = select.select([self.fd], [self.fd], [], WAIT)
            if readable:
                self.read(0)
            if writable:
                left = left[os.write(self.fd, left[:4096]):]
            elif not readable:
                raise ScreenTimeout(f"the program took no input for {WAIT} s")

    def resize(self, columns: int, lines: int) -> None:
        """Give the terminal a new size, as a window resized: the program is told (SIGWINCH) and redraws."""
        self.settle()
        self.columns, self.lines = columns, lines
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.screen.resize(lines, columns)
        self.process.send_signal(signal.SIGWINCH)

    def hang_up(self) -> None:
        """Close the terminal as a dropped line does, without stopping the program."""
        os.close(self.fd)
        self.fd = -1

    def peak_memory_kb(self) -> int:
        """The most memory the program has held (its peak resident set, VmHWM), in KB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM in /proc: not Linux?")

    # --- ending ------------------------------------------------------------------

    def close(self) -> int | None:
        """Stop the program if it still runs (SIGTERM, then SIGKILL) and free the terminal."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        return self.process.returncode

    def wait_exit(self, timeout: float = WAIT) -> int:
        """Drain the terminal until the program ends; its exit status."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            try:
                self.read(0.2)
            except EOFError:
                break
        return self.process.wait(max(0.1, deadline - time.monotonic()))

    def __enter__(self) -> PtyTerminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
