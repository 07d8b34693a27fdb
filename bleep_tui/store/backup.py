"""Whole-folder backups a facilitator can carry away: `bleep backup create|list|restore`.

A backup is one file, `bleep-backup-2026-12-03-141502.tar.gz` (0600: it holds the pepper, the PIN
hashes and the badge signing key). Inside, under `bleep-data/`, are the learners' files, accounts.json,
pepper, settings.toml, audit.events, the badge issuer (issuer/), the LRS settings and cursors (lrs.toml,
lrs/), and last `bleep-data/backup-manifest.json` with each file's size and SHA-256. `tar xzf`
opens it into a data folder BLEEP can read (`bleep export --data-dir bleep-data`).

Each learner's two files are read together under that learner's lock, accounts and pepper under the
accounts lock, so every file in a backup is a version BLEEP wrote; the archive is written to a temp
file and renamed, so a backup killed half-way leaves no file that looks like a backup. A restore
checks every checksum before it changes anything, then replaces the records file by file under the
same locks, moving what it replaces to `replaced/DATE-TIME/`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import zlib
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ContextManager

from bleep_tui import __version__
from bleep_tui.core.events import now_iso
from bleep_tui.i18n import _, ngettext
from bleep_tui.store.audit import AUDIT_FILE
from bleep_tui.store.checks import LEARNER_FILE, LRS_CURSOR, SETUP_FILES, SETUP_FOLDERS, SHARED_FILES, damage, is_backed_up
from bleep_tui.store.files import (
    StoreError,
    ensure_private_dir,
    exclusive_lock,
    fsync_dir,
    plain_reason,
    temp_name,
)
from bleep_tui.store.learner import JOURNAL_SUFFIX

ARCHIVE_FOLDER = Path("backups") / "full"
ARCHIVE_PATTERN = re.compile(r"bleep-backup-\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?\.tar\.gz")
PREFIX = "bleep-data"
MANIFEST = "backup-manifest.json"
REPLACED_FOLDER = "replaced"
CHUNK = 1 << 16


class BadArchive(StoreError):
    """Not a backup BLEEP wrote, or one damaged since: nothing is restored from it."""


@dataclass(frozen=True)
class Created:
    path: Path
    files: int
    learners: int
    damaged: tuple[str, ...]  # files copied as they are, though they do not read back whole


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str = ""
    learners: int = 0
    problem: str = ""  # "" when every checksum matches


@dataclass(frozen=True)
class Restored:
    files: int
    learners: int
    replaced_in: Path | None  # where what was there before now is
    damaged: tuple[str, ...]


def stamp() -> str:
    return datetime.now().strftime("%Y-%m-%d-%H%M%S")


def learner_count(names: list[str] | set[str]) -> int:
    return len({name.removeprefix("learners/").rsplit(".", 1)[0].lower() for name in names if name.startswith("learners/")})


def _locked(lock_path: Path) -> ContextManager[object]:
    """The writers' lock, when there can be writers: a read-only copy is read as it is."""
    return exclusive_lock(lock_path) if os.access(lock_path.parent, os.W_OK) else nullcontext()


def _groups(data_dir: Path, names: set[str]) -> list[tuple[Path | None, list[str]]]:
    """`names` sorted by the lock their writers hold: a learner's files together, accounts with pepper."""
    by_lock: dict[Path | None, list[str]] = defaultdict(list)
    for name in sorted(names):
        if name.startswith("learners/"):
            key = name.removeprefix("learners/").rsplit(".", 1)[0].lower()
            by_lock[data_dir / "learners" / f".{key}.lock"].append(name)
        elif name == AUDIT_FILE:
            by_lock[data_dir / ".audit.lock"].append(name)
        elif name == "settings.toml" or name in SETUP_FILES or LRS_CURSOR.fullmatch(name):
            by_lock[None].append(name)  # written by a person, or by a facilitator's command, each file atomically
        else:
            by_lock[data_dir / ".accounts.lock"].append(name)
    return list(by_lock.items())


def record_files(data_dir: Path) -> set[str]:
    """The names of the files a backup holds that are in a data folder (see the module's doc)."""
    names = {name for name in SHARED_FILES + SETUP_FILES if (data_dir / name).is_file()}
    for folder, pattern in (("learners", LEARNER_FILE), ("lrs", LRS_CURSOR)):
        if (data_dir / folder).is_dir():
            names |= {f"{folder}/{p.name}" for p in (data_dir / folder).iterdir() if pattern.fullmatch(f"{folder}/{p.name}") and p.is_file()}
    return names


def aside_path(data_dir: Path, root: Path, name: str) -> Path:
    """Where the file `name` goes when it is set aside in `root` (replaced/… or damaged/…); its folders are made private."""
    target = root / name
    for folder in reversed(target.relative_to(data_dir).parents[:-1]):
        ensure_private_dir(data_dir / folder)
    return target


def _snapshot(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if path.name.endswith(JOURNAL_SUFFIX):
        return data[: data.rfind(b"\n") + 1]  # a torn last line was never saved
    return data


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(f"{PREFIX}/{name}")
    info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def create_backup(data_dir: Path, out_dir: Path | None = None) -> Created:
    data_dir = Path(data_dir)
    names = record_files(data_dir) if data_dir.is_dir() else set()
    if not names:
        raise StoreError(_("there is nothing to back up in {folder}").format(folder=data_dir))
    if out_dir is None:
        out_dir = ensure_private_dir(data_dir / ARCHIVE_FOLDER)
    elif not Path(out_dir).is_dir():
        raise StoreError(_("{folder} is not a folder: give a folder that exists (a USB stick must be mounted first)").format(folder=out_dir))
    target = Path(out_dir) / f"bleep-backup-{stamp()}.tar.gz"
    suffix = 1
    while target.exists():
        suffix += 1
        target = target.with_name(f"bleep-backup-{stamp()}-{suffix}.tar.gz")
    manifest: dict[str, dict[str, object]] = {}
    temp = temp_name(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            with tarfile.open(fileobj=handle, mode="w:gz") as archive:
                for lock, group in _groups(data_dir, names):
                    with _locked(lock) if lock else nullcontext():
                        contents = {name: _snapshot(data_dir / name) for name in group}
                    for name, data in contents.items():
                        if data is not None:
                            _add(archive, name, data)
                            manifest[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                about = {"format": 1, "created": now_iso(), "bleep": __version__, "files": manifest}
                _add(archive, MANIFEST, json.dumps(about, indent=1, sort_keys=True).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise StoreError(_("could not write the backup to {folder}: {reason}").format(folder=out_dir, reason=plain_reason(error))) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    damaged = tuple(name for name in sorted(manifest) if damage(data_dir / name, name))
    return Created(target, len(manifest), learner_count(set(manifest)), damaged)


def _member_name(member: tarfile.TarInfo, seen: set[str]) -> str:
    name = member.name.removeprefix(f"{PREFIX}/")
    if not member.isfile() or not member.name.startswith(f"{PREFIX}/") or not (name == MANIFEST or is_backed_up(name)) or name in seen:
        raise BadArchive(_("it holds {name!r}, which no BLEEP backup holds").format(name=member.name))
    seen.add(name)
    return name


def read_archive(path: Path, into: Path | None = None) -> dict[str, object]:
    """The manifest of a backup whose every file matches its checksum; each file is written into `into` when given.

    BadArchive saying why when it is not whole.
    """
    found: dict[str, tuple[int, str]] = {}
    about_bytes = b""
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                name = _member_name(member, set(found))
                source = archive.extractfile(member)
                digest, size = hashlib.sha256(), 0
                target = open(os.open(into / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") if into and name != MANIFEST else None
                with target or nullcontext():
                    for chunk in iter(lambda: source.read(CHUNK), b""):
                        digest.update(chunk)
                        size += len(chunk)
                        if target:
                            target.write(chunk)
                        elif name == MANIFEST:
                            about_bytes += chunk
                    if target:
                        target.flush()
                        os.fsync(target.fileno())
                found[name] = (size, digest.hexdigest())
    except FileNotFoundError:
        raise BadArchive(_("{path}: no such file").format(path=path)) from None
    except (tarfile.TarError, EOFError, zlib.error, OSError, UnicodeError):
        raise BadArchive(_("it cannot be read to the end: the copy is damaged or incomplete")) from None
    if MANIFEST not in found:
        raise BadArchive(_("it has no list of checksums: the copy is incomplete, or not a BLEEP backup"))
    try:
        about = json.loads(about_bytes)
        listed = {name: (entry["size"], entry["sha256"]) for name, entry in about["files"].items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        raise BadArchive(_("its list of checksums is damaged")) from None
    del found[MANIFEST]
    changed = sorted(name for name in listed.keys() | found.keys() if listed.get(name) != found.get(name))
    if changed:
        raise BadArchive(_("{name} does not match its checksum: the backup is damaged").format(name=changed[0]))
    return about


def inspect(path: Path) -> BackupInfo:
    try:
        about = read_archive(path)
    except BadArchive as error:
        return BackupInfo(path, problem=str(error))
    return BackupInfo(path, str(about.get("created", "")), learner_count(set(about["files"])))


def backups_in(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, oldest first, each checked."""
    if not folder.is_dir():
        return []
    return [inspect(path) for path in sorted(folder.iterdir()) if ARCHIVE_PATTERN.fullmatch(path.name)]


def archive_named(data_dir: Path, name: str) -> Path:
    """A backup by its path, or by its name in the data folder's own backups."""
    path = Path(name).expanduser()
    if path.is_file():
        return path
    for candidate in (data_dir / ARCHIVE_FOLDER / name, data_dir / ARCHIVE_FOLDER / f"{name}.tar.gz"):
        if candidate.is_file():
            return candidate
    raise StoreError(_("there is no backup {name!r}: give the path of the file, or a name `bleep backup list` shows").format(name=name))


def restore_backup(data_dir: Path, archive: Path, force: bool = False) -> Restored:
    data_dir = Path(data_dir)
    present = record_files(data_dir) if data_dir.is_dir() else set()
    if present and not force:
        held = sorted(name for name in present if not name.startswith(("learners/", "lrs/")))
        count = learner_count(present)
        if count:
            held.append(ngettext("the files of {n} learner", "the files of {n} learners", count).format(n=count))
        raise StoreError(_(
            "{folder} already holds records ({held}); nothing was changed. "
            "Add --force to replace them: what is there now is kept in {folder}/{replaced}/"
        ).format(folder=data_dir, held=", ".join(held), replaced=REPLACED_FOLDER))
    ensure_private_dir(data_dir)
    for folder in ("learners", *SETUP_FOLDERS):
        ensure_private_dir(data_dir / folder)
    staging = temp_name(data_dir / "restore")
    staging.mkdir(mode=0o700)
    try:
        for folder in ("learners", *SETUP_FOLDERS):
            (staging / folder).mkdir(mode=0o700)
        about = read_archive(archive, into=staging)
        restored = set(about["files"])
        aside = data_dir / REPLACED_FOLDER / stamp()
        for lock, group in _groups(data_dir, restored | present):
            with exclusive_lock(lock) if lock else nullcontext():
                for name in group:
                    if (data_dir / name).exists():
                        os.replace(data_dir / name, aside_path(data_dir, aside, name))
                    if name in restored:
                        os.replace(staging / name, data_dir / name)
        for folder in ("", "learners", *SETUP_FOLDERS):
            fsync_dir(data_dir / folder)
    except OSError as error:
        raise StoreError(_("could not restore into {folder}: {reason}").format(folder=data_dir, reason=plain_reason(error))) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    damaged = tuple(name for name in sorted(restored) if damage(data_dir / name, name))
    return Restored(len(restored), learner_count(restored), aside if present else None, damaged)
