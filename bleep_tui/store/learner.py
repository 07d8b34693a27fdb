"""One learner's file: their profile and their events, each event durable when `record` returns."""

from __future__ import annotations

import errno
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tinydb import TinyDB

from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.files import (
    AtomicJSONStorage,
    StoreError,
    ensure_private_dir,
    exclusive_lock,
    remove_stray_temp_files,
)

SCHEMA_VERSION = 1
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")
PERSONAL_CODE = "me"

# Migrations from each older schema version to the next one: {old version: function(db)}.
MIGRATIONS: dict[int, Callable[[TinyDB], None]] = {}


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    created: str


def check_code(code: str) -> str:
    """A learner code becomes a file name, so only letters, digits, `-` and `_` pass."""
    if not CODE_PATTERN.fullmatch(code):
        raise ValueError(f"learner code {code!r} must be 1 to 32 letters, digits, '-' or '_'")
    return code


def _plain_reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    return error.strerror or str(error)


class LearnerStore:
    def __init__(self, data_dir: Path, code: str = PERSONAL_CODE):
        self.code = check_code(code)
        self.folder = Path(data_dir) / "learners"
        self.path = self.folder / f"{code}.json"
        self.lock_path = self.folder / f".{code}.lock"
        self._cleaned = False

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """The learner's database, read fresh, under the exclusive lock; every write inside is atomic."""
        try:
            ensure_private_dir(self.folder.parent)
            ensure_private_dir(self.folder)
            with exclusive_lock(self.lock_path):
                if not self._cleaned:
                    remove_stray_temp_files(self.path)
                    self._cleaned = True
                db = TinyDB(self.path, storage=AtomicJSONStorage)
                self._migrate(db)
                yield db
        except OSError as error:
            raise StoreError(f"could not save or read progress in {self.folder}: {_plain_reason(error)}") from error

    def _migrate(self, db: TinyDB) -> None:
        meta = db.table("meta")
        version = meta.get(doc_id=1)["schema"] if meta.contains(doc_id=1) else None
        if version is None:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer version of bleep (schema {version}); please update bleep")
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](db)
            version += 1
            meta.update({"schema": version}, doc_ids=[1])

    def exists(self) -> bool:
        return self.path.exists()

    def profile(self) -> Profile | None:
        if not self.exists():
            return None
        with self.transaction() as db:
            meta = db.table("meta").get(doc_id=1)
        if not meta or "name" not in meta:
            return None
        return Profile(self.code, meta["name"], meta.get("created", ""))

    def create(self, name: str) -> Profile:
        profile = Profile(self.code, name, now_iso())
        with self.transaction() as db:
            meta = db.table("meta")
            record = {"schema": SCHEMA_VERSION, "name": name, "created": profile.created}
            if meta.contains(doc_id=1):
                meta.update(record, doc_ids=[1])
            else:
                meta.insert(record)
        return profile

    def record(self, event: Event) -> None:
        """Append `event`; it is on disk (fsynced) when this returns."""
        with self.transaction() as db:
            if not db.table("meta").contains(doc_id=1):
                db.table("meta").insert({"schema": SCHEMA_VERSION, "name": self.code, "created": now_iso()})
            db.table("events").insert(event.to_record())

    def events(self) -> list[Event]:
        if not self.exists():
            return []
        with self.transaction() as db:
            return [Event.from_record(dict(doc)) for doc in db.table("events").all()]
