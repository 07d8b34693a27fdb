"""Crash-safe file writes, append-only journals, and the lock that serialises every read-modify-write.

Reads take no lock: every file is either replaced whole (atomic_write) or only appended to (a
journal, whose torn last line a reader skips), so a reader always sees a whole version. That is what
lets a facilitator read a read-only backup, and keeps one stopped process from freezing everyone.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from tinydb.storages import Storage

from bleep_tui.i18n import _

TEMP_SUFFIX = ".tmp"
# How long a writer waits for another session's lock before it says so instead of freezing the screen.
LOCK_WAIT_SECONDS = 5.0
LOCK_POLL_SECONDS = 0.02
# How far back from the end a journal append looks for the last whole line.
JOURNAL_TAIL_BYTES = 1 << 16


class StoreError(Exception):
    """Progress could not be read or written; the message says why, in plain words."""


class DamagedFile(StoreError):
    """A file is there but does not hold what BLEEP wrote; it is never written over."""

    def __init__(self, path: Path, what: str):
        super().__init__(
            f"{path} is damaged ({what}); it was left untouched. "
            "Ask a facilitator to run `bleep doctor` (and `bleep doctor --repair` to restore it from a backup)"
        )
        self.path = path
        self.what = what


def plain_reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return _("the disk is full")
    if error.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied")
    if error.errno == errno.EROFS:
        return _("the disk is read-only")
    return error.strerror or str(error)


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}")


def atomic_write(path: Path, content: str | bytes, durable: bool = True) -> None:
    """Replace `path` with `content` (text is written as UTF-8) so that a crash at any moment leaves the old or the new file whole.

    Not `durable`: no fsync, for a file derived from others and checked against them when read (a
    crash may then leave the old file, or none), which saves two disk flushes.
    """
    temp = temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


# Inside the data folder, exports, CVs and plans may only go to these subfolders: never over accounts, pepper or progress.
OUTPUT_FOLDERS = ("exports", "cv", "plan", "passport")


def output_path(typed: str | os.PathLike[str], data_dir: Path) -> Path:
    """Where a facilitator asked to write an export or a CV, or StoreError saying why it is refused."""
    path = Path(typed).expanduser()
    if not str(typed).strip() or path.name in ("", ".", ".."):
        raise StoreError(_("give the name of a file to write"))
    resolved, data = path.resolve(), Path(data_dir).expanduser().resolve()
    if resolved.is_relative_to(data) and not any(resolved.is_relative_to(data / folder) for folder in OUTPUT_FOLDERS):
        raise StoreError(_("{path} is inside the data folder, where it could replace learners' progress; write it elsewhere, or into {exports}").format(path=path, exports=data / "exports"))
    if resolved.is_dir():
        raise StoreError(_("{path} is a folder; give a file name").format(path=path))
    if resolved.parent in [data / folder for folder in OUTPUT_FOLDERS]:
        ensure_private_dir(resolved.parent)
    return path


def remove_stray_temp_files(path: Path) -> None:
    """Remove temp files a killed writer left beside `path`. Call only while holding its lock."""
    for stray in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        stray.unlink(missing_ok=True)


@contextmanager
def exclusive_lock(lock_path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive flock on a lock file that is never replaced, so every process sees the same lock.

    Waits at most `wait` seconds (LOCK_WAIT_SECONDS by default), then raises StoreError: a stopped
    process holding the lock gives a message, never a frozen screen.
    """
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(_("another session is saving to the same file; try again in a moment")) from None
                time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_text(path: Path) -> str | None:
    """The file's text, None when there is no file; DamagedFile when it is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DamagedFile(path, f"not text: a bad byte at position {error.start}") from None


def read_document(path: Path, check: Callable[[Path, Any], None]) -> dict[str, Any] | None:
    """A JSON document that `check` accepts, None when there is no file. Empty, `null` or odd: DamagedFile."""
    text = read_text(path)
    if text is None:
        return None
    if not text.strip():
        raise DamagedFile(path, "it is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DamagedFile(path, f"not valid JSON at line {error.lineno}") from None
    except RecursionError:
        raise DamagedFile(path, "nested too deeply") from None
    if not isinstance(data, dict):
        raise DamagedFile(path, f"it holds a {type(data).__name__}, not a record")
    check(path, data)
    return data


def read_journal(path: Path, check: Callable[[Path, int, Any], None]) -> list[dict[str, Any]]:
    """The records of a journal (one JSON object a line). A torn last line (a writer killed mid-line) was
    never acknowledged and is skipped; any other bad line is DamagedFile."""
    text = read_text(path)
    if not text:
        return []
    lines = text.split("\n")
    lines.pop()  # "" after the last newline, or a torn line
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            raise DamagedFile(path, f"line {number} is not a whole record") from None
        if not isinstance(record, dict):
            raise DamagedFile(path, f"line {number} is not a record")
        check(path, number, record)
        records.append(record)
    return records


def journal_line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def append_to_journal(path: Path, records: list[dict[str, Any]]) -> tuple[int, bytes]:
    """Append `records`; they are on disk (fsynced) when this returns. Call only while holding the lock.

    Costs the same whatever the journal's length: the file is never read whole nor rewritten.
    Returns where the new lines start in the file, and the lines.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    lines = b"".join(journal_line(record) for record in records)
    try:
        size = os.fstat(fd).st_size
        created = size == 0
        if size:
            size = _cut_torn_line(fd, size)
        os.write(fd, lines)
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)
    return size, lines


def _cut_torn_line(fd: int, size: int) -> int:
    """A writer killed mid-line left a line without its newline: cut it, or the next record would join it.
    Returns the size after the cut."""
    start = max(0, size - JOURNAL_TAIL_BYTES)
    tail = os.pread(fd, size - start, start)
    if tail.endswith(b"\n"):
        return size
    last = tail.rfind(b"\n")
    if last < 0 and start > 0:
        return size  # a line longer than the tail: leave it for `bleep doctor`, never cut what may be whole
    os.ftruncate(fd, start + last + 1)
    return start + last + 1


def write_journal(path: Path, records: list[dict[str, Any]]) -> None:
    """Replace a whole journal at once (migrations, repairs, imports)."""
    atomic_write(path, b"".join(journal_line(record) for record in records).decode("utf-8"))


class AtomicJSONStorage(Storage):
    """TinyDB storage that never rewrites the file in place, and checks what it reads with `check`."""

    def __init__(self, path: Path, check: Callable[[Path, Any], None] = lambda path, data: None):
        self.path = Path(path)
        self.check = check

    def read(self) -> dict[str, Any] | None:
        return read_document(self.path, self.check)

    def write(self, data: dict[str, Any]) -> None:
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def close(self) -> None:
        pass
