"""One learner's record: a small profile file (TinyDB) and an append-only journal of their events.

    learners/CODE.json     the profile: {"meta": {"1": {"schema": 2, "name": ..., "created": ..., "language": ..., "time_limits": ...}}}
    learners/CODE.events   the events, one JSON object a line, only ever appended to
    learners/.CODE.lock    the flock every writer holds

An event is on disk (fsynced) when `record` returns, and recording costs the same at 20,000 earlier
events as at 10: it appends one line and never reads or rewrites the history. Codes are matched
whatever their case: the files are named by the code in lower case.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from tinydb import TinyDB

from bleep_tui.core.events import Event, now_iso
from bleep_tui.store.daily import back_up_learner
from bleep_tui.store.files import (
    AtomicJSONStorage,
    StoreError,
    append_to_journal,
    ensure_private_dir,
    exclusive_lock,
    plain_reason,
    read_document,
    read_journal,
    remove_stray_temp_files,
    write_journal,
)
from bleep_tui.store.shapes import check_journal_event, check_learner_file, table

# 1: events inside the profile file (rewritten whole per answer); 2: events in the journal.
SCHEMA_VERSION = 2
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")
PERSONAL_CODE = "me"
PROFILE_SUFFIX, JOURNAL_SUFFIX = ".json", ".events"

# Kept for the modules that still import it from here.
_plain_reason = plain_reason


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    created: str
    language: str = ""  # the interface language the learner chose ("nl"); "" until they choose
    time_limits: str = ""  # the learner's own choice (core/time_limits.py); "" for the installation's


def check_code(code: str) -> str:
    """A learner code becomes a file name, so only letters, digits, `-` and `_` pass."""
    if not CODE_PATTERN.fullmatch(code):
        raise ValueError(f"learner code {code!r} must be 1 to 32 letters, digits, '-' or '_'")
    return code


def file_key(code: str) -> str:
    """The one name a code's files have, whatever case it was typed in (`A1` and `a1` are one learner)."""
    return check_code(code).lower()


def stored_codes(data_dir: Path) -> list[str]:
    """Every learner with files in the data folder, by file name (the code in lower case)."""
    folder = Path(data_dir) / "learners"
    if not folder.is_dir():
        return []
    names = {p.stem.lower() for suffix in (PROFILE_SUFFIX, JOURNAL_SUFFIX) for p in folder.glob(f"*{suffix}")}
    return sorted(name for name in names if CODE_PATTERN.fullmatch(name))


def check_profile(path: Path, data: dict[str, Any]) -> None:
    check_learner_file(path, data, SCHEMA_VERSION)


class LearnerStore:
    def __init__(self, data_dir: Path, code: str = PERSONAL_CODE):
        self.code = check_code(code)
        self.folder = Path(data_dir) / "learners"
        key = file_key(code)
        self.path = self.folder / f"{key}{PROFILE_SUFFIX}"
        self.journal_path = self.folder / f"{key}{JOURNAL_SUFFIX}"
        self.lock_path = self.folder / f".{key}.lock"
        self._cleaned = False
        self._backed_up_on = ""

    # Reading: no lock, no write; works on a read-only copy.

    def _document(self) -> dict[str, Any] | None:
        try:
            return read_document(self._readable_path(), check_profile)
        except OSError as error:
            raise StoreError(f"could not read progress in {self.folder}: {plain_reason(error)}") from error

    def _readable_path(self) -> Path:
        """The profile file; one written by an older BLEEP under the code's own case still counts."""
        if self.path.exists() or not self.folder.is_dir():
            return self.path
        return _case_variant(self.path) or self.path

    def exists(self) -> bool:
        return self._readable_path().exists()

    def profile(self) -> Profile | None:
        data = self._document()
        if data is None:
            return None
        meta = table(self.path, data, "meta")["1"]
        return Profile(self.code, meta["name"], meta.get("created", ""), meta.get("language", ""), meta.get("time_limits", ""))

    def events(self) -> list[Event]:
        return [Event.from_record(record) for record in self.event_records()]

    def event_records(self) -> list[dict[str, Any]]:
        """The learner's events as stored, oldest first."""
        data = self._document()
        if data is not None and table(self.path, data, "meta")["1"]["schema"] == 1:
            return list(table(self.path, data, "events").values())
        try:
            return read_journal(_readable_journal(self.journal_path), check_journal_event)
        except OSError as error:
            raise StoreError(f"could not read progress in {self.folder}: {plain_reason(error)}") from error

    # Writing: under the lock, after bringing the files up to this version.

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """The learner's profile database, read fresh, under the exclusive lock; every write inside is atomic."""
        try:
            ensure_private_dir(self.folder.parent)
            ensure_private_dir(self.folder)
            with exclusive_lock(self.lock_path):
                if not self._cleaned:
                    remove_stray_temp_files(self.path)
                    remove_stray_temp_files(self.journal_path)
                    self._cleaned = True
                self._adopt_case_variant()
                self._backed_up_on = back_up_learner(self.folder.parent, self.path, self.journal_path, check_profile, self._backed_up_on)
                db = TinyDB(self.path, storage=AtomicJSONStorage, check=check_profile)
                self._migrate(db)
                yield db
        except OSError as error:
            raise StoreError(f"could not save or read progress in {self.folder}: {plain_reason(error)}") from error

    def _adopt_case_variant(self) -> None:
        """Files an older BLEEP named `A1.json` become `a1.json`, so every spelling of the code finds them."""
        if self.path.exists():
            return
        for path in (self.path, self.journal_path):
            variant = _case_variant(path)
            if variant is not None:
                variant.rename(path)

    def _migrate(self, db: TinyDB) -> None:
        """Schema 1 kept the events in the profile: they move to the journal, the journal first.

        A crash between the two steps leaves schema 1 with its events, and the next write does it again.
        """
        meta = db.table("meta")
        if not meta.contains(doc_id=1) or meta.get(doc_id=1)["schema"] == SCHEMA_VERSION:
            return
        events = [dict(doc) for doc in db.table("events").all()]
        write_journal(self.journal_path, events)
        db.drop_table("events")
        meta.update({"schema": SCHEMA_VERSION}, doc_ids=[1])

    def create(self, name: str, language: str = "") -> Profile:
        profile = Profile(self.code, name, now_iso(), language)
        with self.transaction() as db:
            meta = db.table("meta")
            record = {"schema": SCHEMA_VERSION, "name": name, "created": profile.created}
            if language:
                record["language"] = language
            if meta.contains(doc_id=1):
                meta.update(record, doc_ids=[1])
            else:
                meta.insert(record)
        return profile

    def set_language(self, language: str) -> None:
        """Keep the learner's interface language; a learner with no profile yet gets one named by their code."""
        self._set_choice("language", language)

    def set_time_limits(self, limits: str) -> None:
        """Keep how long the learner wants BLEEP to wait for them (core/time_limits.py)."""
        self._set_choice("time_limits", limits)

    def _set_choice(self, key: str, value: str) -> None:
        with self.transaction() as db:
            meta = db.table("meta")
            if meta.contains(doc_id=1):
                meta.update({key: value}, doc_ids=[1])
            else:
                meta.insert({"schema": SCHEMA_VERSION, "name": self.code, "created": now_iso(), key: value})

    def record(self, event: Event) -> None:
        """Append `event`; it is on disk (fsynced) when this returns."""
        self.record_all([event.to_record()])

    def record_all(self, records: list[dict[str, Any]]) -> None:
        """Append stored event records in one write (imports, repairs)."""
        with self.transaction() as db:
            if not db.table("meta").contains(doc_id=1):
                db.table("meta").insert({"schema": SCHEMA_VERSION, "name": self.code, "created": now_iso()})
            append_to_journal(self.journal_path, records)


def _case_variant(path: Path) -> Path | None:
    wanted = path.name.lower()
    try:
        return next((p for p in path.parent.iterdir() if p.name.lower() == wanted and p.name != path.name), None)
    except OSError:
        return None


def _readable_journal(path: Path) -> Path:
    return path if path.exists() else (_case_variant(path) or path)
