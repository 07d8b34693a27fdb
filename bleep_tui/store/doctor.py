"""`bleep doctor`: every stored file checked, and with `--repair` put back from the daily backups.

What is checked: each learner's profile and journal, two files of one code spelt in different
cases, accounts.json, the pepper, settings.toml, the audit log, the content cache, the daily backup
copies and the whole-folder backups, temp files a killed writer left, and files other accounts on
the computer can read.

A repair never deletes a record: a damaged file is copied to `damaged/DATE-TIME/` before it is
replaced (or moved there when nothing replaces it), each under the lock its writers hold. A damaged
journal keeps every line that still reads whole, and gets back from the newest backup the events it
lacks; the report says what came back and how much, at most, is lost.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from bleep_tui.core.histories import merged, missing_events
from bleep_tui.i18n import _, ngettext
from bleep_tui.store.accounts import ACCOUNTS_FILE, PEPPER_FILE, AccountStore, check_accounts
from bleep_tui.store.audit import AUDIT_FILE, check_entry
from bleep_tui.store.backup import ARCHIVE_FOLDER, REPLACED_FOLDER, aside_path, backups_in, stamp
from bleep_tui.store.checks import LEARNER_FILE, damage, read_record_file
from bleep_tui.store.compiled import CACHE_FILE, load
from bleep_tui.store.daily import DAILY_FOLDER, day_folders, read_pepper
from bleep_tui.store.files import (
    TEMP_SUFFIX,
    DamagedFile,
    StoreError,
    atomic_write,
    exclusive_lock,
    read_document,
    read_journal,
    write_journal,
)
from bleep_tui.store.learner import JOURNAL_SUFFIX, PROFILE_SUFFIX, SCHEMA_VERSION, check_profile
from bleep_tui.store.settings import SETTINGS_FILE, load_settings
from bleep_tui.store.shapes import check_journal_event, table

DAMAGED_FOLDER = "damaged"
SET_ASIDE = (DAMAGED_FOLDER, REPLACED_FOLDER)  # what repairs and restores kept: not checked
# A temp file younger than this may be a writer's at work.
STRAY_AFTER_SECONDS = 60

# What --repair does about a finding ("" when it is for a person to do).
LEARNER, ACCOUNTS, AUDIT, CACHE, STRAY, BACKUP, PRIVATE = "learner", "accounts", "audit", "cache", "stray", "backup", "private"


@dataclass(frozen=True)
class Finding:
    name: str  # the file, inside the data folder
    problem: str  # in plain words
    fix: str = ""
    key: str = ""  # the learner's code in lower case, for their files


# Checking


def check_data(data_dir: Path) -> list[Finding]:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [Finding(str(data_dir), _("there is no data folder here"))]
    return [
        *_learner_findings(data_dir),
        *_shared_findings(data_dir),
        *_cache_findings(data_dir),
        *_backup_findings(data_dir),
        *_stray_findings(data_dir),
        *_private_findings(data_dir),
    ]


def learner_files(data_dir: Path) -> dict[str, list[str]]:
    """Each learner's file names in learners/, by code in lower case."""
    folder = data_dir / "learners"
    by_key: dict[str, list[str]] = defaultdict(list)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if LEARNER_FILE.fullmatch(f"learners/{path.name}") and path.is_file():
                by_key[path.stem.lower()].append(path.name)
    return by_key


def _damage_finding(data_dir: Path, name: str, fix: str, key: str = "") -> list[Finding]:
    try:
        read_record_file(data_dir / name, name)
    except DamagedFile as error:
        return [Finding(name, _("damaged: {what}").format(what=error.what), fix, key)]
    except (StoreError, OSError) as error:
        return [Finding(name, str(error))]
    return []


def _learner_findings(data_dir: Path) -> list[Finding]:
    findings = []
    for key, names in learner_files(data_dir).items():
        profiles = [n for n in names if n.endswith(PROFILE_SUFFIX)]
        journals = [n for n in names if n.endswith(JOURNAL_SUFFIX)]
        if len(profiles) > 1 or len(journals) > 1:
            findings.append(Finding(
                "learners/" + " learners/".join(names),
                _("one learner's files under two spellings of the code: BLEEP shows only one of them"), LEARNER, key,
            ))
        for name in names:
            findings += _damage_finding(data_dir, f"learners/{name}", LEARNER, key)
        if journals and not profiles:
            findings.append(Finding(f"learners/{journals[0]}", _("the learner's events are here but their profile file is missing"), LEARNER, key))
    return findings


def _shared_findings(data_dir: Path) -> list[Finding]:
    findings = _damage_finding(data_dir, ACCOUNTS_FILE, ACCOUNTS) + _damage_finding(data_dir, PEPPER_FILE, ACCOUNTS)
    findings += _damage_finding(data_dir, AUDIT_FILE, AUDIT)
    if (data_dir / SETTINGS_FILE).exists():
        findings += [Finding(SETTINGS_FILE, what, "") for what in _settings_problems(data_dir)]
    if not (data_dir / ACCOUNTS_FILE).exists() and _accounts_expected(data_dir):
        findings.append(Finding(ACCOUNTS_FILE, _("missing: no learner can log in"), ACCOUNTS))
    if not (data_dir / PEPPER_FILE).exists() and _needs_pepper(data_dir):
        findings.append(Finding(PEPPER_FILE, _("missing: no PIN and no passphrase can be checked"), ACCOUNTS))
    return findings


def _settings_problems(data_dir: Path) -> list[str]:
    prefix = f"{data_dir / SETTINGS_FILE}: "
    return [problem.removeprefix(prefix) for problem in load_settings(data_dir).problems]


def _needs_pepper(data_dir: Path) -> bool:
    try:
        data = read_document(data_dir / ACCOUNTS_FILE, check_accounts) or {}
    except StoreError:
        return False  # accounts.json is reported on its own
    return bool(table(data_dir, data, "learners")) or "passphrase" in table(data_dir, data, "facilitator").get("1", {})


def _cache_findings(data_dir: Path) -> list[Finding]:
    path = data_dir / CACHE_FILE
    if not path.exists():
        return []
    try:
        data = path.read_bytes()
        load(data, json.loads(data.partition(b"\n")[0])["fingerprint"])  # whole in itself, however old
    except Exception:  # whatever it holds: BLEEP reads the lesson files instead, and so the doctor says
        return [Finding(str(CACHE_FILE), _("damaged: BLEEP reads the lesson files instead and writes it again"), CACHE)]
    return []


def _backup_findings(data_dir: Path) -> list[Finding]:
    findings = []
    for day in day_folders(data_dir):
        for path in sorted(day.rglob("*")):
            name = path.relative_to(day).as_posix()
            if path.is_file() and not path.name.endswith(TEMP_SUFFIX):
                what = damage(path, name)
                if what:
                    findings.append(Finding(path.relative_to(data_dir).as_posix(), _("damaged backup copy ({what}); it is not used").format(what=what), BACKUP))
    for info in backups_in(data_dir / ARCHIVE_FOLDER):
        if info.problem:
            findings.append(Finding(info.path.relative_to(data_dir).as_posix(), _("damaged backup: {what}").format(what=info.problem), BACKUP))
    return findings


def _walk(data_dir: Path):
    """Every file and folder in the data folder but what repairs set aside: (path, is a folder)."""
    for folder, folders, files in os.walk(data_dir):
        if Path(folder) == data_dir:
            folders[:] = [f for f in folders if f not in SET_ASIDE]
        for name in folders:
            yield Path(folder) / name, True
        for name in files:
            yield Path(folder) / name, False


def _stray_findings(data_dir: Path) -> list[Finding]:
    old = time.time() - STRAY_AFTER_SECONDS
    return [
        Finding(path.relative_to(data_dir).as_posix(), _("left behind by a session that was cut off while saving"), STRAY)
        for path, _folder in _walk(data_dir)
        if path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX) and path.lstat().st_mtime < old
    ]


def _private_findings(data_dir: Path) -> list[Finding]:
    """What BLEEP writes is its owner's alone; settings.toml is a person's file and holds no secret."""
    return [
        Finding(path.relative_to(data_dir).as_posix() if path != data_dir else ".", _("other accounts on this computer can read it"), PRIVATE)
        for path in (data_dir, *(p for p, _folder in _walk(data_dir)))
        if path != data_dir / SETTINGS_FILE and not path.is_symlink() and stat.S_IMODE(path.lstat().st_mode) & 0o077
    ]


# Repairing


@dataclass(frozen=True)
class Repair:
    name: str
    what: str  # what was done, and what is lost, in plain words


def repair(data_dir: Path, findings: list[Finding]) -> list[Repair]:
    """Put right what `check_data` found; each Repair says what was done and what, if anything, is lost."""
    data_dir = Path(data_dir)
    now = stamp()
    aside, count = data_dir / DAMAGED_FOLDER / now, 1
    while aside.exists():  # a second repair within the same second
        count += 1
        aside = aside.with_name(f"{now}-{count}")
    fixes = {finding.fix for finding in findings}
    done: list[Repair] = []
    for key in sorted({f.key for f in findings if f.fix == LEARNER}):
        done += _repair_learner(data_dir, key, aside)
    if ACCOUNTS in fixes:
        done += _repair_accounts(data_dir, aside)
    if AUDIT in fixes:
        with exclusive_lock(data_dir / ".audit.lock"):
            done += _repair_journal(data_dir, AUDIT_FILE, check_entry, aside)
    for finding in findings:
        path = data_dir / finding.name
        if not path.exists():
            continue  # already put right: a stray temp file that was also readable by others
        if finding.fix == CACHE:
            path.unlink(missing_ok=True)
            done.append(Repair(finding.name, _("removed: BLEEP makes it again from the lesson files")))
        elif finding.fix == STRAY:
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
            done.append(Repair(finding.name, _("removed (it was never part of anyone's records)")))
        elif finding.fix == BACKUP:
            os.replace(path, aside_path(data_dir, aside, finding.name))
            done.append(Repair(finding.name, _("moved to {folder}").format(folder=aside / finding.name)))
        elif finding.fix == PRIVATE:
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
            done.append(Repair(finding.name, _("made private to this account")))
    return done


def _keep_aside(data_dir: Path, aside: Path, name: str) -> Path:
    """A copy of the damaged file in `aside`; the file itself is then replaced atomically, so no reader ever finds it gone."""
    target = aside_path(data_dir, aside, name)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write((data_dir / name).read_bytes())
        handle.flush()
        os.fsync(handle.fileno())
    return target


def readable_lines(path: Path, check: Callable[[Path, int, Any], None]) -> tuple[list[dict[str, Any]], list[bytes]]:
    """The records of a journal's lines that read whole, and the lines that do not (a torn last line was never saved)."""
    try:
        lines = path.read_bytes().split(b"\n")[:-1]
    except FileNotFoundError:
        return [], []
    records, bad = [], []
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line.decode("utf-8"))
            if not isinstance(record, dict):
                raise ValueError
            check(path, number, record)
        except (ValueError, RecursionError, DamagedFile):
            bad.append(line)
            continue
        records.append(record)
    return records, bad


def _newest_copy(data_dir: Path, name: str, read: Callable[[Path], Any] | None = None) -> tuple[str, Any]:
    """(day, what `read` made of it) of the newest daily copy of `name` that reads whole; ("", None) when there is none."""
    for day in day_folders(data_dir):
        path = day / name
        if path.is_file() and not damage(path, name):
            return day.name, read(path) if read else path
    return "", None


def _with_backup(readable: list[dict[str, Any]], copy: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A journal only grows, so its backup is where it began: the readable lines that came after it follow it."""
    return merged(copy, missing_events(copy, readable))


def _lost(bad: int, back: int) -> str:
    if bad <= back:
        return _("nothing is lost")
    return ngettext("at most {n} event is lost", "at most {n} events are lost", bad - back).format(n=bad - back)


def _repair_journal(data_dir: Path, name: str, check: Callable[[Path, int, Any], None], aside: Path) -> list[Repair]:
    """A damaged journal (audit log) again: its whole lines, plus what the newest backup has that they lack."""
    records, bad = readable_lines(data_dir / name, check)
    if not bad:
        return []
    day, copy = _newest_copy(data_dir, name, lambda path: read_journal(path, check))
    back = missing_events(records, copy or [])
    kept = _keep_aside(data_dir, aside, name)
    write_journal(data_dir / name, _with_backup(records, copy or []))
    return [Repair(name, _journal_report(len(records), len(bad), len(back), day, kept))]


def _journal_report(kept: int, bad: int, back: int, day: str, aside: Path) -> str:
    parts = [ngettext("{n} line kept", "{n} lines kept", kept).format(n=kept),
             ngettext("{n} damaged line set aside", "{n} damaged lines set aside", bad).format(n=bad)]
    if day:
        parts.append(ngettext("{n} event back from the backup of {day}", "{n} events back from the backup of {day}", back).format(n=back, day=day))
    else:
        parts.append(_("no backup to take lost events from"))
    parts.append(_lost(bad, back))
    return "; ".join(parts) + ". " + _("The damaged file is kept as {path}").format(path=aside)


def _repair_learner(data_dir: Path, key: str, aside: Path) -> list[Repair]:
    """One learner's files whole again, under their lock: one spelling, a whole profile, every readable event."""
    folder = data_dir / "learners"
    with exclusive_lock(folder / f".{key}.lock"):
        names = learner_files(data_dir).get(key, [])
        main_profile, main_journal = f"{key}{PROFILE_SUFFIX}", f"{key}{JOURNAL_SUFFIX}"
        # The files of the code's own spelling first: they are the ones BLEEP reads.
        journals = sorted((n for n in names if n.endswith(JOURNAL_SUFFIX)), key=lambda n: n != main_journal)
        profiles = sorted((n for n in names if n.endswith(PROFILE_SUFFIX)), key=lambda n: n != main_profile)
        twins = [n for n in names if n not in (main_profile, main_journal)]
        damaged: list[str] = []

        events: list[dict[str, Any]] = []
        main_events: list[dict[str, Any]] = []
        bad: set[bytes] = set()  # a line damaged alike in two spellings' files is one line
        for name in journals:
            records, bad_here = readable_lines(folder / name, check_journal_event)
            events = merged(events, missing_events(events, records))
            main_events = records if name == main_journal else main_events
            bad |= set(bad_here)
            damaged += [name] if bad_here else []
        profile = main_document = None
        for name in profiles:
            try:
                document = read_document(folder / name, check_profile)
            except DamagedFile:
                damaged.append(name)
                continue
            profile = profile or document
            main_document = document if name == main_profile else main_document
        profile_day = ""
        if profile is None:
            profile_day, profile = _newest_copy(data_dir, f"learners/{main_profile}", lambda path: read_document(path, check_profile))
        if profile is None:
            profile = {"meta": {"1": _new_meta(data_dir, key, events)}}
        if profile["meta"]["1"]["schema"] == 1:  # the events an older BLEEP kept in the profile join the journal
            events = merged(events, missing_events(events, list(table(folder, profile, "events").values())))
            profile = {name: part for name, part in profile.items() if name != "events"}
        profile["meta"]["1"]["schema"] = SCHEMA_VERSION
        journal_day, back = "", []
        if bad:
            journal_day, copy = _newest_copy(data_dir, f"learners/{main_journal}", lambda path: read_journal(path, check_journal_event))
            back = missing_events(events, copy or [])
            events = _with_backup(events, copy or [])

        kept = {name: _keep_aside(data_dir, aside, f"learners/{name}") for name in names if name in damaged or name in twins}
        if bad or events != main_events:
            write_journal(folder / main_journal, events)
        if profile != main_document:
            atomic_write(folder / main_profile, json.dumps(profile, ensure_ascii=False, separators=(",", ":")))
        for name in twins:
            (folder / name).unlink()

        done = []
        if len(journals) > 1 or len(profiles) > 1:
            done.append(Repair(f"learners/{main_journal}", _(
                "the files of one learner under two spellings of the code are one again ({names}); the others are kept in {folder}"
            ).format(names=", ".join(names), folder=aside / "learners")))
        if bad:
            first_damaged = next(name for name in journals if name in damaged)
            done.append(Repair(f"learners/{main_journal}", _journal_report(len(events) - len(back), len(bad), len(back), journal_day, kept[first_damaged])))
        damaged_profile = next((name for name in profiles if name in damaged), None)
        if damaged_profile or not profiles:
            name = profile["meta"]["1"]["name"]
            if profile_day:
                what = _("restored from the backup of {day} (name: {name}); a profile holds only the name and the first day, so nothing else is lost").format(day=profile_day, name=name)
            else:
                what = _("no backup of it: made again with the name {name!r}; check it with `bleep learners list`").format(name=name)
            if damaged_profile:
                what += ". " + _("The damaged file is kept as {path}").format(path=kept[damaged_profile])
            done.append(Repair(f"learners/{main_profile}", what))
        return done


def _new_meta(data_dir: Path, key: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    """A profile for a learner whose profile is lost and has no backup: their name from their account when they have one."""
    try:
        account = AccountStore(data_dir).get(key)
    except StoreError:
        account = None
    name = account.name if account else key
    return {"schema": SCHEMA_VERSION, "name": name, "created": events[0]["at"] if events else ""}


def _repair_accounts(data_dir: Path, aside: Path) -> list[Repair]:
    """accounts.json and the pepper from the newest backup, when damaged or missing; accounts first, for the pepper depends on them."""
    done = []
    with exclusive_lock(data_dir / ".accounts.lock"):
        for name, expected in ((ACCOUNTS_FILE, _accounts_expected), (PEPPER_FILE, _needs_pepper)):
            path = data_dir / name
            if not damage(path, name) and (path.exists() or not expected(data_dir)):
                continue
            day, copy = _newest_copy(data_dir, name)
            if copy is None:
                done.append(Repair(name, _no_backup(name)))
                continue
            kept = _keep_aside(data_dir, aside, name) if path.exists() else None
            atomic_write(path, copy.read_text(encoding="utf-8"))
            what = _("restored from the backup of {day}").format(day=day)
            if name == ACCOUNTS_FILE:
                what += "; " + _accounts_lost(data_dir, day)
            if kept:
                what += ". " + _("The damaged file is kept as {path}").format(path=kept)
            done.append(Repair(name, what))
    return done


def _accounts_expected(data_dir: Path) -> bool:
    """Shared mode, or accounts that were there on an earlier day."""
    return load_settings(data_dir).mode == "shared" or _newest_copy(data_dir, ACCOUNTS_FILE)[1] is not None


def _no_backup(name: str) -> str:
    if name == ACCOUNTS_FILE:
        return _("no backup of it: restore a whole-folder backup (`bleep backup restore`), or move it away and add the "
                 "learners again with `bleep learners add` (their progress is kept). It was left as it is")
    return _("no backup of it: move it away, then give every learner a new PIN (`bleep learners reset-pin CODE`) "
             "and set the passphrase again (`bleep facilitator set-passphrase`). It was left as it is")


def _accounts_lost(data_dir: Path, day: str) -> str:
    from bleep_tui.store.learner import stored_codes

    accounts = {account.code.casefold() for account in AccountStore(data_dir).accounts()}
    without = [code for code in stored_codes(data_dir) if code.casefold() not in accounts and code != "me"]
    lost = _("accounts added, new PINs, unlocks and deactivations since {day} are lost").format(day=day)
    if without:
        lost += "; " + _("these learners have progress but no account now: {codes}; add each again with "
                         "`bleep learners add CODE --name NAME` (their progress is kept)").format(codes=", ".join(without))
    return lost
