"""One learner's whole record in one file, to move them to another installation (`bleep learners export-record`).

The file is JSON: the code, the profile (name, created), every event, and, for a person reading it,
the CV, plan for after release and badges derived from those events, with a SHA-256 checksum of all of it. Importing checks
the checksum and every event, then merges the events into the learner's journal: importing the same
file twice adds nothing, and a learner who already has a history here keeps it, with the imported
events woven in by time. The checksum finds damage and edits; it is not a signature.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bleep_tui.core.cv import latest_cv
from bleep_tui.core.events import Event, now_iso
from bleep_tui.core.plan import latest_plan
from bleep_tui.core.histories import merged, missing_events
from bleep_tui.core.text import shown
from bleep_tui.i18n import _
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.files import DamagedFile, StoreError, atomic_write, write_journal
from bleep_tui.store.learner import CODE_PATTERN, SCHEMA_VERSION, LearnerStore
from bleep_tui.store.settings import load_settings
from bleep_tui.store.shapes import check_event

RECORD_FORMAT = 1
FORMAT_FIELD = "bleep_learner_record"


@dataclass(frozen=True)
class LearnerRecord:
    code: str
    name: str
    created: str
    events: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Imported:
    code: str
    added: int  # events that were not here yet
    already: int  # events of the file that were here already
    new_learner: bool
    needs_account: bool  # shared terminals here, and no account: the learner cannot log in until a facilitator adds one


def checksum(document: dict[str, Any]) -> str:
    body = {key: value for key, value in document.items() if key != "sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def learner_record(data_dir: Path, code: str) -> LearnerRecord:
    """The learner's whole record as stored here; StoreError when there is none or it is damaged."""
    store = LearnerStore(data_dir, code)
    account = AccountStore(data_dir).get(code)
    profile = store.profile()
    events = store.event_records()
    if profile is None and account is None and not events:
        raise StoreError(_("there is no learner with the code {code!r}").format(code=code))
    name = account.name if account else profile.name if profile else code
    created = profile.created if profile and profile.created else account.created if account else ""
    return LearnerRecord(account.code if account else code, name, created, tuple(events))


def record_document(record: LearnerRecord) -> dict[str, Any]:
    events = [Event.from_record(event) for event in record.events]
    cv, plan = latest_cv(events), latest_plan(events)
    document = {
        FORMAT_FIELD: RECORD_FORMAT,
        "exported": now_iso(),
        "code": record.code,
        "profile": {"name": record.name, "created": record.created},
        "events": list(record.events),
        "cv": asdict(cv) if cv else None,
        "plan": asdict(plan) if plan else None,
        "badges": [{"id": e.achievement, "at": e.at, "points": e.points} for e in events if e.kind == "achievement_earned"],
    }
    return {**document, "sha256": checksum(document)}


def write_record(data_dir: Path, code: str, out: Path) -> LearnerRecord:
    record = learner_record(data_dir, code)
    atomic_write(out, json.dumps(record_document(record), ensure_ascii=False, indent=1) + "\n")
    return record


def read_record(path: Path) -> LearnerRecord:
    """The record in a file written by `write_record`; StoreError saying why when it is not one, or was changed."""
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise StoreError(_("{path}: no such file").format(path=path)) from None
    except OSError as error:
        raise StoreError(_("cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        document = None
    if not isinstance(document, dict) or document.get(FORMAT_FIELD) is None:
        raise StoreError(_("{path} is not a learner record written by `bleep learners export-record`").format(path=path))
    if document.get(FORMAT_FIELD) != RECORD_FORMAT:
        raise StoreError(_("{path} was written by another version of bleep; update bleep on both computers").format(path=path))
    if document.get("sha256") != checksum(document):
        raise StoreError(_(
            "{path} is damaged or was changed after it was exported (its checksum does not match); nothing was imported. "
            "Ask for a new copy made with `bleep learners export-record`"
        ).format(path=path))
    return _checked_record(path, document)


def _checked_record(path: Path, document: dict[str, Any]) -> LearnerRecord:
    """A record whose checksum matches can still be one no BLEEP wrote: every field is checked too."""
    code, profile, events = document.get("code"), document.get("profile"), document.get("events")
    try:
        if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
            raise DamagedFile(path, "its learner code is not valid")
        if not isinstance(profile, dict) or not isinstance(profile.get("name"), str) or not isinstance(profile.get("created", ""), str):
            raise DamagedFile(path, "its profile is not valid")
        if not isinstance(events, list):
            raise DamagedFile(path, "its events are not a list")
        for number, event in enumerate(events, start=1):
            check_event(path, f"event {number}", event)
    except DamagedFile as error:
        raise StoreError(_("{path} is not a valid learner record ({what}); nothing was imported").format(path=path, what=error.what)) from None
    return LearnerRecord(code, profile["name"], profile.get("created", ""), tuple(events))


def import_record(data_dir: Path, record: LearnerRecord, code: str | None = None, merge: bool = False) -> Imported:
    """Add the record's events to the learner `code` (the record's own code by default).

    A learner here under that code with another name is refused unless `merge`: two people must not
    end up with one history because they were given the same code in two places.
    """
    store = LearnerStore(data_dir, code or record.code)
    with store.transaction() as db:
        meta = db.table("meta")
        existing = meta.get(doc_id=1)
        if existing is not None and not merge and existing["name"].casefold() != record.name.casefold():
            raise StoreError(_(
                "{code} here is {here!r}, but the record is of {there!r}; import it under another code with --as CODE, "
                "or add --merge if they are the same person"
            ).format(code=store.code, here=shown(existing["name"]), there=shown(record.name)))
        ours = store.event_records()
        added = missing_events(ours, record.events)
        if existing is None:
            meta.insert({"schema": SCHEMA_VERSION, "name": record.name, "created": record.created or now_iso()})
        if added:
            write_journal(store.journal_path, merged(ours, added))
    accounts = AccountStore(data_dir)
    shared = accounts.path.exists() or load_settings(data_dir).mode == "shared"
    return Imported(store.code, len(added), len(record.events) - len(added), existing is None, shared and accounts.get(store.code) is None)
