"""Daily copies of the stored files, taken by the writers themselves: what `bleep doctor --repair` restores from.

    backups/daily/2026-12-03/learners/a1.json, a1.events    a learner's files as they were before their first write that day
    backups/daily/2026-12-03/accounts.json, pepper,         the shared files, before the first accounts write that day
                             settings.toml, audit.events

A copy is made under the lock the writer already holds, with atomic writes, and only of a file that
reads back whole: a damaged file is never copied, so it cannot push out a good backup. It costs a
learner one copy a day; every other write only compares today's date with the one it remembers.
The newest `backup_days` day folders (settings.toml) are kept; older ones go when a new day starts.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any, Callable

from bleep_tui.store.files import (
    DamagedFile,
    StoreError,
    atomic_write,
    ensure_private_dir,
    read_document,
    read_journal,
    read_text,
    remove_stray_temp_files,
    write_journal,
)
from bleep_tui.store.shapes import check_journal_event

DAILY_FOLDER = Path("backups") / "daily"
DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_PEPPER_BYTES = 16

Check = Callable[[Path, Any], None]


def today() -> str:
    return date.today().isoformat()


def day_folders(data_dir: Path) -> list[Path]:
    """The daily backup folders, newest first."""
    daily = Path(data_dir) / DAILY_FOLDER
    if not daily.is_dir():
        return []
    return sorted((p for p in daily.iterdir() if p.is_dir() and DAY_PATTERN.fullmatch(p.name)), reverse=True)


def prune(data_dir: Path) -> None:
    """Keep the newest `backup_days` day folders. Counted in days BLEEP was used, so a server that was off
    for a month still has its last backups when it comes back."""
    from bleep_tui.store.settings import load_settings

    for old in day_folders(data_dir)[load_settings(data_dir).backup_days:]:
        shutil.rmtree(old, ignore_errors=True)  # another process may be removing it too


def _today_folder(data_dir: Path, day: str, *parts: str) -> Path:
    folder = Path(data_dir) / DAILY_FOLDER / day
    if not folder.is_dir():
        for path in (folder.parent.parent, folder.parent, folder):
            ensure_private_dir(path)
        prune(data_dir)
    for part in parts:
        folder = ensure_private_dir(folder / part)
    return folder


def read_pepper(path: Path) -> bytes | None:
    """The server-side secret, None when there is no file; DamagedFile when it is not one."""
    text = read_text(path)
    if text is None:
        return None
    try:
        pepper = bytes.fromhex(text.strip())
    except ValueError:
        raise DamagedFile(path, "not a stored secret") from None
    if len(pepper) < MIN_PEPPER_BYTES:
        raise DamagedFile(path, "too short to be the stored secret")
    return pepper


def copy_document(source: Path, target: Path, check: Check) -> bool:
    data = read_document(source, check)
    if data is None:
        return False
    atomic_write(target, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return True


def copy_journal(source: Path, target: Path, check: Callable[[Path, int, Any], None]) -> bool:
    if not source.exists():
        return False
    write_journal(target, read_journal(source, check))  # whole lines only: a torn last line stays behind
    return True


def copy_pepper(source: Path, target: Path) -> bool:
    pepper = read_pepper(source)
    if pepper is None:
        return False
    atomic_write(target, pepper.hex() + "\n")
    return True


def copy_settings(source: Path, target: Path) -> bool:
    from bleep_tui.store.settings import load_settings

    text = read_text(source)
    if text is None or load_settings(source.parent).problems:
        return False
    atomic_write(target, text)
    return True


def _copied(copy: Callable[[], bool]) -> bool:
    try:
        return copy()
    except StoreError:
        return False  # damaged: the last good copy stays the newest


def back_up_learner(data_dir: Path, profile: Path, journal: Path, check_profile: Check, done_on: str) -> str:
    """On a learner's first write of the day, copy their files to today's folder. Call under their lock.

    Returns the day it has done so, for the writer to remember (`done_on`).
    """
    day = today()
    if done_on == day or not (profile.exists() or journal.exists()):
        return day
    try:
        folder = _today_folder(data_dir, day, "learners")
        if (folder / profile.name).exists():
            return day
        remove_stray_temp_files(folder / profile.name)
        remove_stray_temp_files(folder / journal.name)
        # The profile last: its copy is the sign that today's copy is done.
        _copied(lambda: copy_journal(journal, folder / journal.name, check_journal_event))
        _copied(lambda: copy_document(profile, folder / profile.name, check_profile))
    except OSError:
        pass  # a backup never stops an answer from being saved; `bleep doctor` shows what has no backup
    return day


def back_up_installation(data_dir: Path, check_accounts: Check, done_on: str) -> str:
    """On the first accounts write of the day, copy accounts, pepper, settings and audit log. Call under the accounts lock."""
    from bleep_tui.store.audit import AUDIT_FILE, check_entry

    day = today()
    data_dir = Path(data_dir)
    if done_on == day or not (data_dir / "accounts.json").exists():
        return day
    try:
        folder = _today_folder(data_dir, day)
        if (folder / "accounts.json").exists():
            return day
        for name in ("accounts.json", "pepper", "settings.toml", AUDIT_FILE):
            remove_stray_temp_files(folder / name)
        _copied(lambda: copy_journal(data_dir / AUDIT_FILE, folder / AUDIT_FILE, check_entry))
        _copied(lambda: copy_settings(data_dir / "settings.toml", folder / "settings.toml"))
        _copied(lambda: copy_pepper(data_dir / "pepper", folder / "pepper"))
        _copied(lambda: copy_document(data_dir / "accounts.json", folder / "accounts.json", check_accounts))
    except OSError:
        pass
    return day
