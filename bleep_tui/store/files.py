"""Crash-safe file writes and the lock that serialises every read-modify-write."""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"


class StoreError(Exception):
    """Progress could not be read or written; the message says why, in plain words."""


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
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


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash at any moment leaves the old or the new file whole."""
    temp = temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


# Inside the data folder, exports and CVs may only go to these subfolders: never over accounts, pepper or progress.
OUTPUT_FOLDERS = ("exports", "cv")


def output_path(typed: str | os.PathLike[str], data_dir: Path) -> Path:
    """Where a facilitator asked to write an export or a CV, or StoreError saying why it is refused."""
    path = Path(typed).expanduser()
    if not str(typed).strip() or path.name in ("", ".", ".."):
        raise StoreError("give the name of a file to write")
    resolved, data = path.resolve(), Path(data_dir).expanduser().resolve()
    if resolved.is_relative_to(data) and not any(resolved.is_relative_to(data / folder) for folder in OUTPUT_FOLDERS):
        raise StoreError(f"{path} is inside the data folder, where it could replace learners' progress; write it elsewhere, or into {data / 'exports'}")
    if resolved.is_dir():
        raise StoreError(f"{path} is a folder; give a file name")
    if resolved.parent in [data / folder for folder in OUTPUT_FOLDERS]:
        ensure_private_dir(resolved.parent)
    return path


def remove_stray_temp_files(path: Path) -> None:
    """Remove temp files a killed writer left beside `path`. Call only while holding its lock."""
    for stray in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        stray.unlink(missing_ok=True)


@contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive flock on a lock file that is never replaced, so every process sees the same lock."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class AtomicJSONStorage(Storage):
    """TinyDB storage that never rewrites the file in place."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise StoreError(f"{self.path} is damaged (not valid JSON at line {error.lineno}); it was left untouched") from None

    def write(self, data: dict[str, Any]) -> None:
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def close(self) -> None:
        pass
