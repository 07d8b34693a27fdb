"""What each stored file must hold. Anything else is a DamagedFile naming the file: never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bleep_tui.i18n import _
from bleep_tui.store.files import DamagedFile, StoreError

# The event fields and their types; an event may leave out any but `kind` and `at`.
EVENT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "kind": str, "at": str, "lesson": str, "run": str, "step": str, "correct": bool, "points": int, "bonus": int,
    "try_number": int, "hints": int, "finished": bool, "percent": int, "stars": int, "achievement": str,
}
HASH_FIELDS: dict[str, type] = {"scheme": str, "n": int, "r": int, "p": int, "salt": str, "hash": str}
ACCOUNT_FIELDS: dict[str, type] = {"code": str, "name": str, "active": bool, "locked": bool, "failed_logins": int}
# Added in December 2026; an older accounts file has neither and reads as "no groups, no ID number".
LATER_ACCOUNT_FIELDS: dict[str, type] = {"groups": list, "id_number": str}


def _typed(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int in Python; a count must not be `true`.
    return isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)


def check_fields(path: Path, where: str, record: Any, fields: dict[str, Any], required: tuple[str, ...]) -> None:
    if not isinstance(record, dict):
        raise DamagedFile(path, f"{where} is not a record")
    for name in required:
        if name not in record:
            raise DamagedFile(path, f"{where} has no {name!r}")
    for name, kind in fields.items():
        if name in record and not _typed(record[name], kind):
            raise DamagedFile(path, f"{where} has a wrong {name!r}")


def check_event(path: Path, where: str, record: Any) -> None:
    check_fields(path, where, record, EVENT_FIELDS, ("kind", "at"))
    if len(record["at"]) < 19 or record["at"][4] != "-":
        raise DamagedFile(path, f"{where} has a wrong date")


def check_journal_event(path: Path, line: int, record: Any) -> None:
    check_event(path, f"line {line}", record)


def table(path: Path, data: dict[str, Any], name: str) -> dict[str, Any]:
    """A TinyDB table: {id: record}; an absent table is empty."""
    found = data.get(name, {})
    if not isinstance(found, dict):
        raise DamagedFile(path, f"its {name!r} part is not a table")
    return found


def check_schema(path: Path, data: dict[str, Any], newest: int) -> int:
    meta = table(path, data, "meta").get("1")
    if not isinstance(meta, dict) or not _typed(meta.get("schema"), int) or meta["schema"] < 1:
        raise DamagedFile(path, "it has no schema version")
    if meta["schema"] > newest:
        raise StoreError(_("{path} was written by a newer version of bleep (schema {schema}); please update bleep").format(path=path, schema=meta["schema"]))
    return meta["schema"]


def check_learner_file(path: Path, data: dict[str, Any], newest: int) -> None:
    schema = check_schema(path, data, newest)
    meta = table(path, data, "meta")["1"]
    check_fields(path, "its profile", meta, {"name": str, "created": str, "language": str, "time_limits": str, "display": str}, ("name",))
    if schema == 1:
        for doc_id, event in table(path, data, "events").items():
            check_event(path, f"event {doc_id}", event)
    for name in data:
        if name not in ("meta", "events", "summary"):
            table(path, data, name)


def check_hash(path: Path, where: str, record: Any) -> None:
    check_fields(path, where, record, HASH_FIELDS, tuple(HASH_FIELDS))
    try:
        bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"])
    except ValueError:
        raise DamagedFile(path, f"{where} is not a stored secret") from None


def check_accounts_file(path: Path, data: dict[str, Any], newest: int) -> None:
    check_schema(path, data, newest)
    for doc_id, account in table(path, data, "learners").items():
        where = f"learner {doc_id}"
        check_fields(path, where, account, ACCOUNT_FIELDS | LATER_ACCOUNT_FIELDS, (*ACCOUNT_FIELDS, "pin"))
        if not all(isinstance(group, str) and group for group in account.get("groups", [])):
            raise DamagedFile(path, f"{where} has a wrong 'groups'")
        check_hash(path, f"{where}'s PIN", account["pin"])
    facilitator = table(path, data, "facilitator").get("1")
    if facilitator is not None:
        check_fields(path, "the facilitator", facilitator, {"failures": int, "last_failure": (int, float)}, ())
        if "passphrase" in facilitator:
            check_hash(path, "the facilitator's passphrase", facilitator["passphrase"])
    for doc_id, failure in table(path, data, "failures").items():
        check_fields(path, f"failed login {doc_id}", failure, {"at": (int, float), "source": str}, ("at", "source"))
