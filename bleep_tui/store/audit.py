"""The facilitators' audit log: every facilitator login (right or wrong), passphrase change and export.

An append-only journal in the data folder (`audit.events`, 0600), written like a learner's events.
Each entry says when, what, which account on this computer ran it and from where (the SSH client's
address or the terminal), so a facilitator can see on the dashboard who looked at or took out records.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from bleep_tui.core.events import now_iso
from bleep_tui.i18n import _
from bleep_tui.store.files import (
    StoreError,
    append_to_journal,
    ensure_private_dir,
    exclusive_lock,
    plain_reason,
    read_journal,
)
from bleep_tui.store.shapes import check_fields

AUDIT_FILE = "audit.events"
FIELDS = {"at": str, "what": str, "user": str, "source": str, "detail": str}


@dataclass(frozen=True)
class AuditEntry:
    at: str
    what: str  # facilitator_login, facilitator_login_failed, passphrase_set, export, record_export, record_import, backup_create, backup_restore, repair
    user: str
    source: str
    detail: str = ""


def where_from(environ: Mapping[str, str] | None = None) -> str:
    """The SSH client's address when there is one, else the terminal's name, else "local"."""
    environ = os.environ if environ is None else environ
    client = environ.get("SSH_CLIENT", "").split(" ")[0]
    if client:
        return f"ssh {client}"
    try:
        return os.ttyname(0)
    except OSError:
        return "local"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def record_audit(data_dir: Path, what: str, source: str | None = None, detail: str = "") -> None:
    data_dir = Path(data_dir)
    if data_dir.is_dir() and not os.access(data_dir, os.W_OK):
        return  # a read-only copy (a backup, a snapshot): there is nowhere to record, and nothing to protect
    entry = {"at": now_iso(), "what": what, "user": _user(), "source": source or where_from(), "detail": detail}
    try:
        ensure_private_dir(data_dir)
        with exclusive_lock(data_dir / ".audit.lock"):
            append_to_journal(data_dir / AUDIT_FILE, [entry])
    except OSError as error:
        raise StoreError(_("could not write the audit log in {folder}: {reason}").format(folder=data_dir, reason=plain_reason(error))) from error


def check_entry(path: Path, line: int, record: Any) -> None:
    check_fields(path, f"line {line}", record, FIELDS, ("at", "what"))


def audit_entries(data_dir: Path) -> list[AuditEntry]:
    """Every entry, oldest first."""
    try:
        records = read_journal(Path(data_dir) / AUDIT_FILE, check_entry)
    except OSError as error:
        raise StoreError(_("could not read the audit log in {folder}: {reason}").format(folder=data_dir, reason=plain_reason(error))) from error
    return [AuditEntry(r["at"], r["what"], r.get("user", ""), r.get("source", ""), r.get("detail", "")) for r in records]
