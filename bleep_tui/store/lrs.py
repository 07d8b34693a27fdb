"""The xAPI outbox: which of a learner's statements an LRS has acknowledged, and where the LRS is.

    DATA/lrs.toml              endpoint, username, password: readable by the service account only
    DATA/lrs/CODE.cursor       {"events": N, "sha256": ...}: the learner's first N events are at the LRS

The cursor holds a checksum of those N events as they were: when the journal has changed before it
(an imported record woven in), the learner's statements are all sent again, which is harmless as
their ids are derived from their events and an LRS keeps one statement per id.
"""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from bleep_tui.core.xapi import Installation, Statement
from bleep_tui.i18n import _
from bleep_tui.store.files import StoreError, atomic_write, ensure_private_dir, journal_line, plain_reason, read_text
from bleep_tui.store.learner import file_key
from bleep_tui.store.settings import Settings

LRS_FILE = "lrs.toml"
CURSOR_FOLDER = "lrs"
DEFAULT_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class LrsConfig:
    endpoint: str  # the LRS's xAPI base, e.g. https://lrs.example.org/xAPI/ (statements are at endpoint + "statements")
    username: str
    password: str
    timeout: float = DEFAULT_TIMEOUT_SECONDS


@dataclass(frozen=True)
class Cursor:
    events: int = 0
    sha256: str = ""


def installation(settings: Settings) -> Installation:
    """This BLEEP as the statements name it; StoreError when settings.toml does not say its address."""
    if not settings.installation_url:
        raise StoreError(_(
            "set installation_url in settings.toml first (the address of this BLEEP or its education provider, "
            "e.g. \"https://learn.example.org\"): it names the learners' accounts outside the prison; see docs/lrs.md"
        ))
    base = settings.activity_base or settings.installation_url.rstrip("/") + "/xapi"
    return Installation(settings.installation_url, base.rstrip("/"), settings.pass_stars)


def load_lrs_config(data_dir: Path) -> LrsConfig:
    """The LRS a facilitator configured, or StoreError saying what is missing or unsafe."""
    path = Path(data_dir) / LRS_FILE
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise StoreError(_("no LRS is configured: nothing is sent until {path} says where (see docs/lrs.md)").format(path=path)) from None
    except OSError as error:
        raise StoreError(_("cannot read {path}: {reason}").format(path=path, reason=plain_reason(error))) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(_("{path} holds the LRS password and others can read it: run `chmod 600 {path}`").format(path=path))
    import tomllib

    try:
        raw = tomllib.loads(read_text(path) or "")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise StoreError(_("{path} cannot be read: {reason}").format(path=path, reason=error)) from None
    missing = [key for key in ("endpoint", "username", "password") if not isinstance(raw.get(key), str) or not raw[key]]
    if missing:
        raise StoreError(_("{path} needs {keys}").format(path=path, keys=", ".join(missing)))
    if not raw["endpoint"].startswith(("http://", "https://")):
        raise StoreError(_("{path}: endpoint must start with https:// (or http://)").format(path=path))
    timeout = raw.get("timeout_seconds", DEFAULT_TIMEOUT_SECONDS)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 1 <= timeout <= 300:
        raise StoreError(_("{path}: timeout_seconds must be a number of seconds from 1 to 300").format(path=path))
    return LrsConfig(raw["endpoint"], raw["username"], raw["password"], float(timeout))


def events_checksum(records: Sequence[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for record in records:
        digest.update(journal_line(record))
    return digest.hexdigest()


def cursor_path(data_dir: Path, code: str) -> Path:
    return Path(data_dir) / CURSOR_FOLDER / f"{file_key(code)}.cursor"


def read_cursor(data_dir: Path, code: str) -> Cursor:
    """Where sending stopped; an unreadable cursor counts as none (everything is sent again, harmlessly)."""
    try:
        data = json.loads(read_text(cursor_path(data_dir, code)) or "null")
        return Cursor(int(data["events"]), str(data["sha256"]))
    except (OSError, ValueError, TypeError, KeyError):
        return Cursor()


def write_cursor(data_dir: Path, code: str, records: Sequence[dict[str, Any]], events: int) -> None:
    """The learner's first `events` events are at the LRS."""
    ensure_private_dir(Path(data_dir) / CURSOR_FOLDER)
    atomic_write(cursor_path(data_dir, code), json.dumps({"events": events, "sha256": events_checksum(records[:events])}) + "\n")


def unsent_from(cursor: Cursor, records: Sequence[dict[str, Any]]) -> int:
    """The first event whose statements the LRS may not have: the cursor's, if the events before it are unchanged."""
    if 0 < cursor.events <= len(records) and events_checksum(records[: cursor.events]) == cursor.sha256:
        return cursor.events
    return 0


def pending(statements: Sequence[Statement], start: int) -> list[Statement]:
    return [statement for statement in statements if statement.event_index >= start]

