"""Shared-terminal accounts: learner codes, names, PIN hashes, lockout, and the facilitator's passphrase.

One small TinyDB file (accounts.json) in the data folder, written atomically under one flock held
across every read-modify-write, so a failed-login counter cannot be reset by reconnecting or by
racing another process. Secrets are stored only as scrypt hashes with a per-secret random salt and a
server-side pepper (data_dir/pepper, 0600) that is not in the accounts file.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
import string
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Literal

from tinydb import Query, TinyDB

from bleep_tui.core.events import Event, now_iso
from bleep_tui.core.text import clean_name
from bleep_tui.i18n import _
from bleep_tui.store.files import (
    AtomicJSONStorage,
    StoreError,
    atomic_write,
    ensure_private_dir,
    exclusive_lock,
    remove_stray_temp_files,
)
from bleep_tui.store.learner import CODE_PATTERN, LearnerStore, _plain_reason

ACCOUNTS_FILE = "accounts.json"
PEPPER_FILE = "pepper"
SCHEMA_VERSION = 1
PIN_PATTERN = re.compile(r"[0-9]{4,8}")
NEW_PIN_DIGITS = 6
MAX_FAILED_LOGINS = 5
MIN_PASSPHRASE_LENGTH = 10
MAX_NAME_LENGTH = 40
# scrypt cost: 16 MiB and tens of milliseconds per check; maxmem leaves room above 128*n*r.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_MAXMEM, SCRYPT_LENGTH = 2**14, 8, 1, 64 * 1024 * 1024, 32

LoginStatus = Literal["ok", "wrong_pin", "locked", "inactive", "unknown"]


class AccountError(ValueError):
    """Something a facilitator or learner typed cannot be used; the message says why."""


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    active: bool = True
    locked: bool = False
    failed_logins: int = 0
    created: str = ""


@dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    tries_left: int = 0  # wrong_pin: wrong PINs left before the account locks
    code: str = ""  # ok: the learner's code as stored (what they typed may differ in case)


def check_learner_code(code: str) -> str:
    if not CODE_PATTERN.fullmatch(code):
        raise AccountError(_("learner code {code!r} must be 1 to 32 letters, digits, '-' or '_'").format(code=code))
    return code


def check_pin(pin: str) -> str:
    if not PIN_PATTERN.fullmatch(pin):
        raise AccountError(_("a PIN must be 4 to 8 digits"))
    return pin


def check_name(name: str) -> str:
    cleaned = clean_name(name)
    if not cleaned:
        raise AccountError(_("a learner needs a name"))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise AccountError(_("a name can have at most {n} characters").format(n=MAX_NAME_LENGTH))
    return cleaned


def new_pin() -> str:
    return "".join(secrets.choice(string.digits) for _ in range(NEW_PIN_DIGITS))


def _scrypt(secret: str, pepper: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    peppered = hmac.new(pepper, secret.encode("utf-8"), hashlib.sha256).digest()
    return hashlib.scrypt(peppered, salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=SCRYPT_LENGTH)


def hash_secret(secret: str, pepper: bytes) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    digest = _scrypt(secret, pepper, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return {"scheme": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex(), "hash": digest.hex()}


def secret_matches(secret: str, stored: dict[str, Any], pepper: bytes) -> bool:
    digest = _scrypt(secret, pepper, bytes.fromhex(stored["salt"]), stored["n"], stored["r"], stored["p"])
    return hmac.compare_digest(digest, bytes.fromhex(stored["hash"]))


@functools.cache
def _decoy() -> dict[str, Any]:
    return hash_secret("decoy", b"")


def _unknown(pin: str) -> LoginResult:
    """An unknown code costs as long as a wrong PIN, so timing does not tell which codes exist."""
    secret_matches(pin, _decoy(), b"")
    return LoginResult("unknown")


def _account(doc: dict[str, Any]) -> Account:
    return Account(doc["code"], doc["name"], doc["active"], doc["locked"], doc["failed_logins"], doc.get("created", ""))


class AccountStore:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / ACCOUNTS_FILE
        self.lock_path = self.data_dir / ".accounts.lock"
        self.pepper_path = self.data_dir / PEPPER_FILE

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """The accounts database, read fresh, under the exclusive lock; every write inside is atomic."""
        try:
            ensure_private_dir(self.data_dir)
            with exclusive_lock(self.lock_path):
                remove_stray_temp_files(self.path)
                db = TinyDB(self.path, storage=AtomicJSONStorage)
                meta = db.table("meta")
                if not meta.contains(doc_id=1):
                    meta.insert({"schema": SCHEMA_VERSION})
                elif meta.get(doc_id=1)["schema"] > SCHEMA_VERSION:
                    raise StoreError(f"{self.path} was written by a newer version of bleep; please update bleep")
                yield db
        except OSError as error:
            raise StoreError(f"could not read or save accounts in {self.data_dir}: {_plain_reason(error)}") from error

    def _pepper(self, *, create: bool) -> bytes:
        """The server-side secret mixed into every hash. Call only inside a transaction."""
        try:
            return bytes.fromhex(self.pepper_path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            if not create:
                raise StoreError(
                    f"{self.pepper_path} is missing, so no PIN or passphrase can be checked; "
                    "restore it from a backup, or set new PINs with `bleep learners reset-pin`"
                ) from None
        except ValueError:
            raise StoreError(f"{self.pepper_path} is damaged; restore it from a backup") from None
        pepper = secrets.token_bytes(32)
        atomic_write(self.pepper_path, pepper.hex() + "\n")
        return pepper

    @staticmethod
    def _find(db: TinyDB, code: str) -> dict[str, Any] | None:
        """Codes match whatever their case, so `Ana` and `ana` are one learner (and one file, on any disk)."""
        wanted = code.casefold()
        return db.table("learners").get(Query().code.test(lambda stored: stored.casefold() == wanted))

    def _existing(self, db: TinyDB, code: str) -> dict[str, Any]:
        doc = self._find(db, check_learner_code(code))
        if doc is None:
            raise AccountError(_("there is no learner with the code {code!r}").format(code=code))
        return doc

    def _update(self, db: TinyDB, code: str, **fields: Any) -> Account:
        doc = self._existing(db, code)
        db.table("learners").update(fields, doc_ids=[doc.doc_id])
        return _account({**doc, **fields})

    def add(self, code: str, name: str, pin: str) -> Account:
        check_learner_code(code)
        name = check_name(name)
        check_pin(pin)
        with self.transaction() as db:
            if self._find(db, code) is not None:
                raise AccountError(_("a learner with the code {code!r} already exists").format(code=code))
            doc = {
                "code": code, "name": name, "active": True, "locked": False, "failed_logins": 0,
                "created": now_iso(), "pin": hash_secret(pin, self._pepper(create=True)),
            }
            db.table("learners").insert(doc)
        LearnerStore(self.data_dir, code).create(name)
        return _account(doc)

    def accounts(self) -> list[Account]:
        if not self.path.exists():
            return []
        with self.transaction() as db:
            return sorted((_account(doc) for doc in db.table("learners").all()), key=lambda a: a.code.lower())

    def get(self, code: str) -> Account | None:
        if not CODE_PATTERN.fullmatch(code) or not self.path.exists():
            return None
        with self.transaction() as db:
            doc = self._find(db, code)
        return _account(doc) if doc else None

    def reset_pin(self, code: str, pin: str) -> Account:
        """A new PIN also unlocks the account: the learner has just been given a way back in."""
        check_pin(pin)
        with self.transaction() as db:
            return self._update(db, code, pin=hash_secret(pin, self._pepper(create=True)), locked=False, failed_logins=0)

    def unlock(self, code: str) -> Account:
        with self.transaction() as db:
            return self._update(db, code, locked=False, failed_logins=0)

    def deactivate(self, code: str) -> Account:
        with self.transaction() as db:
            return self._update(db, code, active=False)

    def activate(self, code: str) -> Account:
        with self.transaction() as db:
            return self._update(db, code, active=True)

    def login(self, code: str, pin: str) -> LoginResult:
        """Check a learner's PIN; a wrong one counts towards the lock, the right one resets the count."""
        if not CODE_PATTERN.fullmatch(code) or not self.path.exists():
            return _unknown(pin)
        with self.transaction() as db:
            doc = self._find(db, code)
            if doc is None:
                return _unknown(pin)
            failed = doc["failed_logins"]
            if doc["locked"]:
                result = LoginResult("locked")
            elif not secret_matches(pin, doc["pin"], self._pepper(create=False)):
                if doc["active"]:
                    failed += 1
                    db.table("learners").update(
                        {"failed_logins": failed, "locked": failed >= MAX_FAILED_LOGINS}, doc_ids=[doc.doc_id]
                    )
                    status: LoginStatus = "locked" if failed >= MAX_FAILED_LOGINS else "wrong_pin"
                    result = LoginResult(status, tries_left=MAX_FAILED_LOGINS - failed)
                else:
                    # Whether a code was deactivated is told only to whoever knows its PIN.
                    result = LoginResult("unknown")
            elif not doc["active"]:
                result = LoginResult("inactive")
            else:
                failed = 0
                db.table("learners").update({"failed_logins": 0}, doc_ids=[doc.doc_id])
                result = LoginResult("ok", code=doc["code"])
        learner = LearnerStore(self.data_dir, doc["code"])
        if result.status == "ok":
            if learner.profile() is None:
                learner.create(doc["name"])
            learner.record(Event("login", now_iso()))
        else:
            learner.record(Event("login_failed", now_iso(), try_number=failed))
        return result

    def set_passphrase(self, passphrase: str) -> None:
        if len(passphrase) < MIN_PASSPHRASE_LENGTH:
            raise AccountError(_("the passphrase needs at least {n} characters").format(n=MIN_PASSPHRASE_LENGTH))
        with self.transaction() as db:
            record = {"passphrase": hash_secret(passphrase, self._pepper(create=True))}
            facilitator = db.table("facilitator")
            if facilitator.contains(doc_id=1):
                facilitator.update(record, doc_ids=[1])
            else:
                facilitator.insert(record)

    def has_passphrase(self) -> bool:
        if not self.path.exists():
            return False
        with self.transaction() as db:
            return db.table("facilitator").contains(doc_id=1)

    def check_passphrase(self, passphrase: str) -> bool:
        if not self.path.exists():
            return False
        with self.transaction() as db:
            doc = db.table("facilitator").get(doc_id=1)
            if doc is None:
                return False
            return secret_matches(passphrase, doc["passphrase"], self._pepper(create=False))
