"""Shared-terminal accounts: learner codes, names, PIN hashes, lockout, and the facilitator's passphrase.

One small TinyDB file (accounts.json) in the data folder, written atomically under one flock held
across every read-modify-write, so a failed-login counter cannot be reset by reconnecting or by
racing another process. Secrets are stored only as scrypt hashes with a per-secret random salt and a
server-side pepper (data_dir/pepper, 0600) that is not in the accounts file.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import re
import secrets
import string
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

from tinydb import Query, TinyDB

from bleep_tui.core.events import Event, now_iso
from bleep_tui.core.guessing import KEPT_FAILURES, Failure, facilitator_wait, login_wait
from bleep_tui.core.text import FORMULA_STARTS, clean_name
from bleep_tui.i18n import _
from bleep_tui.store.audit import record_audit
from bleep_tui.store.daily import back_up_installation
from bleep_tui.store.files import (
    AtomicJSONStorage,
    DamagedFile,
    StoreError,
    atomic_write,
    ensure_private_dir,
    exclusive_lock,
    plain_reason,
    read_document,
    remove_stray_temp_files,
)
from bleep_tui.store.learner import CODE_PATTERN, LearnerStore
from bleep_tui.store.shapes import check_accounts_file, table

ACCOUNTS_FILE = "accounts.json"
PEPPER_FILE = "pepper"
SCHEMA_VERSION = 1
PIN_PATTERN = re.compile(r"[0-9]{4,8}")
NEW_PIN_DIGITS = 6
MAX_FAILED_LOGINS = 5
MIN_PASSPHRASE_LENGTH = 10
MAX_NAME_LENGTH = 40
# A group (a class, a wing, a course): starts with a letter or digit; no `,` `;` `|`, which separate groups in a file.
GROUP_PATTERN = re.compile(r"[^\W_][\w .-]{0,39}")
MAX_ID_NUMBER_LENGTH = 100  # Moodle's user field idnumber holds 255; a prison's numbers are far shorter
# scrypt cost: 16 MiB and tens of milliseconds per check; maxmem leaves room above 128*n*r.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_MAXMEM, SCRYPT_LENGTH = 2**14, 8, 1, 64 * 1024 * 1024, 32

# What a login attempt shows: "ok", "refused" (the same for an unknown code, a wrong PIN, a locked and a
# deactivated account, so the screen tells a guesser nothing), or "wait" (too many failures from here).
LoginStatus = Literal["ok", "refused", "wait"]
# Why it was refused: kept for the facilitator's record and the tests, never shown at the login.
RefusalReason = Literal["", "unknown", "wrong_pin", "locked", "inactive"]


def wall_clock() -> float:
    """Seconds since the epoch; tests replace it to play out waits without sleeping."""
    return time.time()


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
    groups: tuple[str, ...] = ()
    id_number: str = ""  # what another system (a Moodle site) knows the learner by; "" when not set


@dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    reason: RefusalReason = ""
    wait: float = 0.0  # wait: seconds before the next try is checked
    code: str = ""  # ok: the learner's code as stored (what they typed may differ in case)


def login_message(result: LoginResult) -> str:
    """What a refused login is told, on the start screen and in linear mode."""
    # One answer for an unknown code, a wrong PIN, a locked and a deactivated account: the start screen
    # never tells which codes exist, nor whether a guessed PIN was right.
    if result.status == "wait":
        return _("Too many tries that did not work. Wait {seconds} seconds, then try again.").format(seconds=math.ceil(result.wait))
    return _("That code and PIN did not work. Check both and try again.\nIf it keeps happening, ask your facilitator: after 5 wrong PINs an account locks.")


@dataclass(frozen=True)
class PassphraseResult:
    ok: bool
    wait: float = 0.0  # seconds before the passphrase may be tried again


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


def check_group(group: str) -> str:
    cleaned = " ".join(group.split())
    if not GROUP_PATTERN.fullmatch(cleaned):
        raise AccountError(_("group {group!r} must be 1 to 40 letters, digits, spaces, '-', '_' or '.', starting with a letter or digit").format(group=group))
    return cleaned


def check_id_number(id_number: str) -> str:
    cleaned = id_number.strip()
    if len(cleaned) > MAX_ID_NUMBER_LENGTH or not cleaned.isprintable() or cleaned.startswith(FORMULA_STARTS):
        raise AccountError(_("an ID number must be at most {n} printable characters, not starting with = + - @ | or %").format(n=MAX_ID_NUMBER_LENGTH))
    return cleaned


def same_group(groups: list[str] | tuple[str, ...], group: str) -> str | None:
    """The stored spelling of `group` among `groups`: group names match whatever their case."""
    wanted = group.casefold()
    return next((known for known in groups if known.casefold() == wanted), None)


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


# What an unknown code is checked against: a real scrypt at the real cost, compared with a hash nothing has.
DECOY = {"scheme": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": "00" * 16, "hash": "00" * SCRYPT_LENGTH}


def _account(doc: dict[str, Any]) -> Account:
    return Account(
        doc["code"], doc["name"], doc["active"], doc["locked"], doc["failed_logins"], doc.get("created", ""),
        tuple(doc.get("groups", ())), doc.get("id_number", ""),
    )


def _spelled(learners: list[dict[str, Any]], groups: list[str]) -> list[str]:
    """`groups` without repeats, each spelled as a learner's group already is (group names match whatever their case)."""
    known = [group for doc in learners for group in doc.get("groups", [])]
    spelled: list[str] = []
    for group in groups:
        group = same_group(known, group) or same_group(spelled, group) or group
        if group not in spelled:
            spelled.append(group)
    return spelled


def check_accounts(path: Path, data: dict[str, Any]) -> None:
    check_accounts_file(path, data, SCHEMA_VERSION)


def _find(learners: list[dict[str, Any]], code: str) -> dict[str, Any] | None:
    """Codes match whatever their case, so `Ana` and `ana` are one learner (and one file, on any disk)."""
    wanted = code.casefold()
    return next((doc for doc in learners if doc["code"].casefold() == wanted), None)


class AccountStore:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / ACCOUNTS_FILE
        self.lock_path = self.data_dir / ".accounts.lock"
        self.pepper_path = self.data_dir / PEPPER_FILE
        self._backed_up_on = ""

    def _read(self) -> dict[str, Any]:
        """The accounts as they are on disk, read without the lock (works on a read-only copy); {} when none."""
        try:
            return read_document(self.path, check_accounts) or {}
        except OSError as error:
            raise StoreError(_("could not read accounts in {folder}: {reason}").format(folder=self.data_dir, reason=plain_reason(error))) from error

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """The accounts database, read fresh, under the exclusive lock; every write inside is atomic."""
        try:
            ensure_private_dir(self.data_dir)
            with exclusive_lock(self.lock_path):
                remove_stray_temp_files(self.path)
                self._backed_up_on = back_up_installation(self.data_dir, check_accounts, self._backed_up_on)
                db = TinyDB(self.path, storage=AtomicJSONStorage, check=check_accounts)
                meta = db.table("meta")
                if not meta.contains(doc_id=1):
                    meta.insert({"schema": SCHEMA_VERSION})
                yield db
        except OSError as error:
            raise StoreError(_("could not read or save accounts in {folder}: {reason}").format(folder=self.data_dir, reason=plain_reason(error))) from error

    def _pepper(self, *, create: bool) -> bytes:
        """The server-side secret mixed into every hash. Call only inside a transaction."""
        try:
            pepper = bytes.fromhex(self.pepper_path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            if not create:
                raise StoreError(
                    f"{self.pepper_path} is missing, so no PIN or passphrase can be checked; "
                    "restore it from a backup (`bleep doctor --repair`), or set new PINs with `bleep learners reset-pin`"
                ) from None
        except (ValueError, UnicodeDecodeError):
            raise DamagedFile(self.pepper_path, "not a stored secret") from None
        else:
            if len(pepper) < 16:
                raise DamagedFile(self.pepper_path, "too short to be the stored secret")
            return pepper
        pepper = secrets.token_bytes(32)
        atomic_write(self.pepper_path, pepper.hex() + "\n")
        return pepper

    def _existing(self, db: TinyDB, code: str) -> dict[str, Any]:
        doc = _find(db.table("learners").all(), check_learner_code(code))
        if doc is None:
            raise AccountError(_("there is no learner with the code {code!r}").format(code=code))
        return doc

    def _each_existing(self, db: TinyDB, codes: Iterable[str]) -> list[dict[str, Any]]:
        """The accounts of `codes`, each once however often (and in whatever case) it was named."""
        return list({doc.doc_id: doc for doc in (self._existing(db, code) for code in codes)}.values())

    def _update(self, db: TinyDB, code: str, **fields: Any) -> Account:
        doc = self._existing(db, code)
        db.table("learners").update(fields, doc_ids=[doc.doc_id])
        return _account({**doc, **fields})

    def add(self, code: str, name: str, pin: str, groups: Iterable[str] = (), id_number: str = "") -> Account:
        check_learner_code(code)
        name = check_name(name)
        check_pin(pin)
        groups = [check_group(group) for group in groups]
        id_number = check_id_number(id_number)
        with self.transaction() as db:
            learners = db.table("learners").all()
            if _find(learners, code) is not None:
                raise AccountError(_("a learner with the code {code!r} already exists").format(code=code))
            self._check_id_number_free(learners, code, id_number)
            doc = {
                "code": code, "name": name, "active": True, "locked": False, "failed_logins": 0,
                "created": now_iso(), "pin": hash_secret(pin, self._pepper(create=True)),
                "groups": _spelled(learners, groups), "id_number": id_number,
            }
            db.table("learners").insert(doc)
        learner = LearnerStore(self.data_dir, code)
        if learner.profile() is None:  # an imported or older record keeps its own profile
            learner.create(name)
        return _account(doc)

    def join_group(self, group: str, codes: Iterable[str]) -> tuple[str, list[str]]:
        """Put learners in a group: the group as spelled here, and the codes that were not in it yet.

        An unknown code refuses the whole command, and the change is one write: never half a class in a group."""
        group = check_group(group)
        with self.transaction() as db:
            docs = self._each_existing(db, codes)
            [group] = _spelled(db.table("learners").all(), [group])
            joining = [doc for doc in docs if same_group(doc.get("groups", []), group) is None]
            db.table("learners").update(lambda doc: doc.update(groups=[*doc.get("groups", []), group]), doc_ids=[doc.doc_id for doc in joining])
        return group, [doc["code"] for doc in joining]

    def leave_group(self, group: str, codes: Iterable[str]) -> tuple[str, list[str]]:
        """Take learners out of a group (in one write): the group as spelled here, and the codes that were in it."""
        group = check_group(group)
        with self.transaction() as db:
            docs = self._each_existing(db, codes)
            leaving = [doc for doc in docs if same_group(doc.get("groups", []), group) is not None]
            group = same_group(leaving[0]["groups"], group) if leaving else group
            db.table("learners").update(
                lambda doc: doc.update(groups=[kept for kept in doc["groups"] if kept.casefold() != group.casefold()]),
                doc_ids=[doc.doc_id for doc in leaving],
            )
        return group, [doc["code"] for doc in leaving]

    def groups(self) -> dict[str, list[str]]:
        """Each group and the codes of its learners, both sorted."""
        members: dict[str, list[str]] = {}
        for account in self.accounts():
            for group in account.groups:
                members.setdefault(same_group(list(members), group) or group, []).append(account.code)
        return dict(sorted(members.items(), key=lambda item: item[0].casefold()))

    def known_group(self, group: str) -> str:
        """The group as spelled here; a group nobody is in is refused, naming the groups there are."""
        groups = list(self.groups())
        spelled = same_group(groups, group)
        if spelled is None:
            raise AccountError(_("there is no group {group!r}; the groups are: {groups}").format(
                group=group, groups=", ".join(groups) or _("none yet (`bleep learners group add`)")))
        return spelled

    def set_id_number(self, code: str, id_number: str) -> Account:
        """The learner's ID number in another system ("" takes it away); two learners cannot share one."""
        id_number = check_id_number(id_number)
        with self.transaction() as db:
            self._check_id_number_free(db.table("learners").all(), code, id_number)
            return self._update(db, code, id_number=id_number)

    @staticmethod
    def _check_id_number_free(learners: list[dict[str, Any]], code: str, id_number: str) -> None:
        holder = next((doc["code"] for doc in learners if id_number and doc.get("id_number") == id_number), None)
        if holder is not None and holder.casefold() != code.casefold():
            raise AccountError(_("{holder} already has the ID number {id_number!r}").format(holder=holder, id_number=id_number))

    def accounts(self) -> list[Account]:
        learners = table(self.path, self._read(), "learners").values()
        return sorted((_account(doc) for doc in learners), key=lambda a: a.code.lower())

    def get(self, code: str) -> Account | None:
        if not CODE_PATTERN.fullmatch(code):
            return None
        doc = _find(list(table(self.path, self._read(), "learners").values()), code)
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

    def failures(self) -> list[Failure]:
        """The latest failed logins, oldest first (for the dashboard)."""
        return [Failure(doc["at"], doc["source"]) for doc in table(self.path, self._read(), "failures").values()]

    def login(self, code: str, pin: str, source: str = "local") -> LoginResult:
        """Check a learner's code and PIN. Every refusal looks and costs the same (one scrypt, one write).

        A wrong PIN counts towards the lock whatever the account's state; a locked or deactivated account
        refuses the right PIN as it does a wrong one, until a facilitator acts. Too many failures from
        one source (or from everywhere) make the next try wait, whatever code it names.
        """
        now = wall_clock()
        with self.transaction() as db:
            # The stored data is changed as one dict and written once, so every outcome costs one write.
            data = db.storage.read() or {}
            failures = data.setdefault("failures", {})
            wait = login_wait([Failure(f["at"], f["source"]) for f in failures.values()], source, now)
            if wait > 0:
                return LoginResult("wait", wait=wait)
            doc = _find(list(data.get("learners", {}).values()), code) if CODE_PATTERN.fullmatch(code) else None
            reason = self._refusal(doc, pin)
            if reason:
                next_id = max((int(key) for key in failures), default=0) + 1
                failures[str(next_id)] = {"at": now, "source": source, "code": doc["code"] if doc else ""}
                for stale in sorted(failures, key=int)[:-KEPT_FAILURES]:
                    del failures[stale]
            db.storage.write(data)
        if reason:
            return LoginResult("refused", reason=reason)
        learner = LearnerStore(self.data_dir, doc["code"])
        learner.event_records()  # a damaged record raises here: that learner waits for a facilitator, untouched
        if learner.profile() is None:
            learner.create(doc["name"])
        learner.record(Event("login", now_iso()))
        return LoginResult("ok", code=doc["code"])

    def _refusal(self, doc: dict[str, Any] | None, pin: str) -> RefusalReason:
        """Why this login is refused ("" when it is not); counts a wrong PIN in `doc`, resets it on a right one."""
        if doc is None:
            secret_matches(pin, DECOY, self._pepper(create=False))  # as long as a real check: timing does not tell which codes exist
            return "unknown"
        if not secret_matches(pin, doc["pin"], self._pepper(create=False)):
            doc["failed_logins"] += 1
            doc["locked"] = doc["locked"] or doc["failed_logins"] >= MAX_FAILED_LOGINS
            return "wrong_pin"
        if doc["locked"]:
            return "locked"
        if not doc["active"]:
            return "inactive"
        doc["failed_logins"] = 0
        return ""

    def set_passphrase(self, passphrase: str) -> None:
        if len(passphrase) < MIN_PASSPHRASE_LENGTH:
            raise AccountError(_("the passphrase needs at least {n} characters").format(n=MIN_PASSPHRASE_LENGTH))
        with self.transaction() as db:
            record = {"passphrase": hash_secret(passphrase, self._pepper(create=True)), "failures": 0, "last_failure": 0}
            facilitator = db.table("facilitator")
            if facilitator.contains(doc_id=1):
                facilitator.update(record, doc_ids=[1])
            else:
                facilitator.insert(record)
        record_audit(self.data_dir, "passphrase_set")

    def has_passphrase(self) -> bool:
        doc = table(self.path, self._read(), "facilitator").get("1")
        return doc is not None and "passphrase" in doc

    def check_passphrase(self, passphrase: str, source: str = "local") -> PassphraseResult:
        """The facilitator's passphrase: each failure doubles the wait before the next try (kept on disk),
        and every try is in the audit log."""
        if not os.access(self.data_dir, os.W_OK):  # a read-only copy: nothing to count in, nothing to change
            doc = table(self.path, self._read(), "facilitator").get("1")
            ok = doc is not None and "passphrase" in doc and secret_matches(passphrase, doc["passphrase"], self._pepper(create=False))
            return PassphraseResult(ok)
        now = wall_clock()
        with self.transaction() as db:
            doc = db.table("facilitator").get(doc_id=1)
            if doc is None or "passphrase" not in doc:
                return PassphraseResult(False)
            failures, last = doc.get("failures", 0), doc.get("last_failure", 0)
            wait = facilitator_wait(failures, last, now)
            if wait > 0:
                return PassphraseResult(False, wait)
            ok = secret_matches(passphrase, doc["passphrase"], self._pepper(create=False))
            db.table("facilitator").update({"failures": 0 if ok else failures + 1, "last_failure": 0 if ok else now}, doc_ids=[1])
        record_audit(self.data_dir, "facilitator_login" if ok else "facilitator_login_failed", source)
        return PassphraseResult(ok)
