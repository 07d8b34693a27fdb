"""One learner's record: a small profile file (TinyDB) and an append-only journal of their events.

    learners/CODE.json     the profile: {"meta": {"1": {"schema": 2, "name": ..., "created": ..., "language": ..., "time_limits": ..., "display": ...}}}
    learners/CODE.events   the events, one JSON object a line, only ever appended to
    learners/.CODE.lock    the flock every writer holds
    learners/CODE.summary  the learner's progress derived from the journal (derived; deletable)

An event is on disk (fsynced) when `record` returns, and recording costs the same at 20,000 earlier
events as at 10: it appends one line and never reads or rewrites the history. Codes are matched
whatever their case: the files are named by the code in lower case.

The summary is what Home and the profile show, kept current as events are recorded, so a look at
them does not read the whole history. Its first line names the part of the journal it was derived
from (bytes, lines, CRC-32) and holds the CRC-32 of the second line, which holds the progress
(core.progress.Progress) and where each unfinished run starts in the journal. It is used only when
both checksums match: lines added since (a session killed before writing it, another session) are
added to it; anything else (no summary, a damaged one, a replaced journal, other rules) derives it
from the events again (docs/storage.md).
"""

from __future__ import annotations

import json
import os
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from tinydb import TinyDB

from bleep_tui.core.events import Event, now_iso
from bleep_tui.core.progress import PROGRESS_RULES, Progress
from bleep_tui.i18n import _
from bleep_tui.store.daily import back_up_learner
from bleep_tui.store.files import (
    AtomicJSONStorage,
    DamagedFile,
    StoreError,
    append_to_journal,
    atomic_write,
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
PROFILE_SUFFIX, JOURNAL_SUFFIX, SUMMARY_SUFFIX = ".json", ".events", ".summary"
SUMMARY_SCHEMA = 1
READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    created: str
    language: str = ""  # the interface language the learner chose ("nl"); "" until they choose
    time_limits: str = ""  # the learner's own choice (core/time_limits.py); "" for the installation's
    display: str = ""  # the learner's own choice (core/display.py); "" for the installation's


@dataclass
class _Summary:
    """A learner's progress and the part of their journal it was derived from."""

    progress: Progress
    size: int  # bytes: whole lines only
    lines: int
    crc: int  # zlib.crc32 of those bytes
    run_starts: dict[str, int]  # where each run not finished yet starts in the journal (bytes)
    seen: tuple[int, int, int] = (0, 0, 0)  # the journal's (inode, size, mtime) when this was last checked against it


def check_code(code: str) -> str:
    """A learner code becomes a file name, so only letters, digits, `-` and `_` pass."""
    if not CODE_PATTERN.fullmatch(code):
        raise ValueError(_("learner code {code!r} must be 1 to 32 letters, digits, '-' or '_'").format(code=code))
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
        self.summary_path = self.folder / f"{key}{SUMMARY_SUFFIX}"
        self._summary: _Summary | None = None  # the progress as last read or written by this store
        self._cleaned = False
        self._backed_up_on = ""

    # Reading: no lock, no write; works on a read-only copy.

    def _document(self) -> dict[str, Any] | None:
        try:
            return read_document(self._readable_path(), check_profile)
        except OSError as error:
            raise StoreError(_("could not read progress in {folder}: {reason}").format(folder=self.folder, reason=plain_reason(error))) from error

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
        return Profile(self.code, meta["name"], meta.get("created", ""), meta.get("language", ""),
                       meta.get("time_limits", ""), meta.get("display", ""))

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
            raise StoreError(_("could not read progress in {folder}: {reason}").format(folder=self.folder, reason=plain_reason(error))) from error

    def progress(self) -> Progress:
        """The learner's progress, without reading the whole journal when the summary matches it.

        The result is shared with later calls: read it, never change it. A summary that was missing
        or behind is written again (if the disk allows and no writer holds the lock).
        """
        data = self._document()
        if data is not None and table(self.path, data, "meta")["1"]["schema"] == 1:
            return Progress.of(self.events())
        try:
            summary, changed = self._current_summary()
            if changed:
                with exclusive_lock(self.lock_path, wait=0):
                    if self._journal_seen() == summary.seen:
                        self._write_summary(summary)
        except StoreError:
            if self._summary is None:
                raise  # a damaged journal; a busy lock only delays the summary to the next look
        except OSError as error:
            if self._summary is None:
                raise StoreError(_("could not read progress in {folder}: {reason}").format(folder=self.folder, reason=plain_reason(error))) from error
        assert self._summary is not None
        return self._summary.progress

    def run_events(self, run: str) -> list[Event]:
        """The events of one run not finished yet, read from where it starts in the journal, not from the beginning."""
        self.progress()
        start = self._summary.run_starts.get(run) if self._summary is not None else None
        if start is None:
            return [event for event in self.events() if event.run == run]
        try:
            with open(_readable_journal(self.journal_path), "rb") as handle:
                handle.seek(start)
                lines = handle.read(self._summary.size - start).split(b"\n")[:-1]
        except OSError as error:
            raise StoreError(_("could not read progress in {folder}: {reason}").format(folder=self.folder, reason=plain_reason(error))) from error
        events = (Event.from_record(json.loads(line)) for line in lines)  # checked when they were added to the summary
        return [event for event in events if event.run == run]

    def _journal_seen(self) -> tuple[int, int, int]:
        try:
            found = os.stat(_readable_journal(self.journal_path))
        except FileNotFoundError:
            return (0, 0, 0)
        return (found.st_ino, found.st_size, found.st_mtime_ns)

    def _current_summary(self) -> tuple[_Summary, bool]:
        """The summary matching the journal now, and whether it differs from the one on disk."""
        seen = self._journal_seen()
        kept, self._summary = self._summary, None
        if kept is not None and kept.seen == seen:
            self._summary = kept
            return kept, False
        journal = _readable_journal(self.journal_path)
        changed = False
        # The journal is only appended to, or replaced whole (a new inode): what this store saw of the same file is still there.
        if kept is None or kept.seen[0] != seen[0] or kept.size > seen[1]:
            kept = self._read_summary(journal, seen[1])
        if kept is None:
            kept, changed = _Summary(Progress(), 0, 0, 0, {}), bool(seen[0])  # no journal, no summary
        if seen[0]:
            with open(journal, "rb") as handle:
                handle.seek(kept.size)
                tail = handle.read()
            changed = self._add_lines(kept, journal, tail[: tail.rfind(b"\n") + 1]) or changed
        kept.seen = seen
        self._summary = kept
        return kept, changed

    def _read_summary(self, journal: Path, journal_size: int) -> _Summary | None:
        """The summary on disk if it matches the start of the journal, else None."""
        try:
            header_line, payload = self.summary_path.read_bytes().split(b"\n", 1)
            header = json.loads(header_line)
            size, lines, crc = header["journal_bytes"], header["journal_lines"], header["journal_crc32"]
            if (header["schema"], header["rules"]) != (SUMMARY_SCHEMA, PROGRESS_RULES) or header["crc32"] != zlib.crc32(payload):
                return None
            if not (isinstance(size, int) and isinstance(lines, int) and 0 <= size <= journal_size) or _crc_of(journal, size) != crc:
                return None
            kept = json.loads(payload)
            progress, run_starts = Progress.from_json(kept["progress"]), kept["run_starts"]
            if not isinstance(run_starts, dict) or set(run_starts) != set(progress.open_runs) or not all(
                isinstance(start, int) and 0 <= start < size for start in run_starts.values()
            ):
                return None
            return _Summary(progress, size, lines, crc, run_starts)
        except (OSError, ValueError, KeyError, TypeError):  # missing, damaged or of another shape: derived again
            return None

    def _add_lines(self, summary: _Summary, journal: Path, lines: bytes) -> bool:
        """Add whole journal lines to the summary, or none: DamagedFile for a line that is not an event."""
        if not lines:
            return False
        events, starts = [], []
        start = summary.size
        for number, line in enumerate(lines.split(b"\n")[:-1], start=summary.lines + 1):
            starts.append(start)
            start += len(line) + 1
            try:
                record = json.loads(line.decode("utf-8"))
            except (json.JSONDecodeError, RecursionError, UnicodeDecodeError):
                raise DamagedFile(journal, f"line {number} is not a whole record") from None
            if not isinstance(record, dict):
                raise DamagedFile(journal, f"line {number} is not a record")
            check_journal_event(journal, number, record)
            events.append(Event.from_record(record))
        progress, run_starts = summary.progress, summary.run_starts
        for event, start in zip(events, starts):
            progress.add(event)
            if event.kind == "lesson_started":
                run_starts[event.run] = start
            elif event.kind == "lesson_finished" and event.run not in progress.open_runs:
                run_starts.pop(event.run, None)
        summary.lines += len(events)
        summary.size += len(lines)
        summary.crc = zlib.crc32(lines, summary.crc)
        return True

    def _write_summary(self, summary: _Summary) -> None:
        """Only while holding the lock. Not flushed to disk: a summary lost in a crash is derived again."""
        kept = {"progress": summary.progress.to_json(), "run_starts": summary.run_starts}
        payload = json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = {
            "schema": SUMMARY_SCHEMA, "rules": PROGRESS_RULES, "journal_bytes": summary.size,
            "journal_lines": summary.lines, "journal_crc32": summary.crc, "crc32": zlib.crc32(payload),
        }
        atomic_write(self.summary_path, json.dumps(header) + "\n" + payload.decode("utf-8"), durable=False)

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
                    remove_stray_temp_files(self.summary_path)
                    self._cleaned = True
                self._adopt_case_variant()
                self._backed_up_on = back_up_learner(self.folder.parent, self.path, self.journal_path, check_profile, self._backed_up_on)
                db = TinyDB(self.path, storage=AtomicJSONStorage, check=check_profile)
                self._migrate(db)
                yield db
        except OSError as error:
            raise StoreError(_("could not save or read progress in {folder}: {reason}").format(folder=self.folder, reason=plain_reason(error))) from error

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

    def set_display(self, choice: str) -> None:
        """Keep how the learner wants the screens to look (core/display.py)."""
        self._set_choice("display", choice)

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
            start, lines = append_to_journal(self.journal_path, records)
            self._summarise(start, lines)

    def _summarise(self, start: int, lines: bytes) -> None:
        """Bring the summary up to the lines just appended, under the writer's lock. The answer is saved
        already: when the summary cannot be written, the next look derives it again."""
        kept = self._summary
        try:
            if kept is not None and kept.size == start and kept.seen[0] == self._journal_seen()[0]:
                self._add_lines(kept, self.journal_path, lines)
                kept.seen = self._journal_seen()
            else:
                kept, _changed = self._current_summary()
            self._write_summary(kept)
        except (StoreError, OSError):
            self._summary = None


def _case_variant(path: Path) -> Path | None:
    wanted = path.name.lower()
    try:
        return next((p for p in path.parent.iterdir() if p.name.lower() == wanted and p.name != path.name), None)
    except OSError:
        return None


def _crc_of(path: Path, size: int) -> int | None:
    """The CRC-32 of the first `size` bytes of a file, read a piece at a time; None if it is shorter."""
    crc = 0
    with open(path, "rb") as handle:
        while size > 0:
            piece = handle.read(min(size, READ_CHUNK))
            if not piece:
                return None
            crc = zlib.crc32(piece, crc)
            size -= len(piece)
    return crc


def _readable_journal(path: Path) -> Path:
    return path if path.exists() else (_case_variant(path) or path)
