"""Which stored file is which, and whether it reads back whole: one check for the doctor, the backups and restores."""

from __future__ import annotations

import re
from pathlib import Path

from bleep_tui.store.accounts import ACCOUNTS_FILE, PEPPER_FILE, check_accounts
from bleep_tui.store.audit import AUDIT_FILE, check_entry
from bleep_tui.store.daily import read_pepper
from bleep_tui.store.files import DamagedFile, StoreError, plain_reason, read_document, read_journal
from bleep_tui.store.learner import JOURNAL_SUFFIX, check_profile
from bleep_tui.store.settings import SETTINGS_FILE, load_settings
from bleep_tui.store.shapes import check_journal_event

# The files that are the records of an installation, by their name inside the data folder.
SHARED_FILES = (ACCOUNTS_FILE, PEPPER_FILE, SETTINGS_FILE, AUDIT_FILE)
LEARNER_FILE = re.compile(r"learners/[A-Za-z0-9_-]{1,32}\.(json|events)")
# Not records, but a restored installation needs them: the badge issuer's key (the badges it signed
# are checked with it), the LRS settings, and how far each learner's statements reached the LRS.
SETUP_FILES = ("issuer/issuer.json", "issuer/key.pem", "issuer/did.json", "lrs.toml")
LRS_CURSOR = re.compile(r"lrs/[a-z0-9_-]{1,32}\.cursor")
SETUP_FOLDERS = ("issuer", "lrs")


def is_record(name: str) -> bool:
    return name in SHARED_FILES or LEARNER_FILE.fullmatch(name) is not None


def is_backed_up(name: str) -> bool:
    """A file a backup holds: the records and the set-up an installation cannot go on without."""
    return is_record(name) or name in SETUP_FILES or LRS_CURSOR.fullmatch(name) is not None


def read_record_file(path: Path, name: str) -> None:
    """Read `path`, the file called `name` in a data folder, as BLEEP does: DamagedFile (a StoreError) when it is not whole."""
    if name.startswith("learners/"):
        if name.endswith(JOURNAL_SUFFIX):
            read_journal(path, check_journal_event)
        else:
            read_document(path, check_profile)
    elif name == ACCOUNTS_FILE:
        read_document(path, check_accounts)
    elif name == PEPPER_FILE:
        read_pepper(path)
    elif name == AUDIT_FILE:
        read_journal(path, check_entry)
    elif name == SETTINGS_FILE and path.exists():
        problems = load_settings(path.parent).problems
        if problems:
            raise DamagedFile(path, "; ".join(problem.removeprefix(f"{path}: ") for problem in problems))


def damage(path: Path, name: str) -> str:
    """What is wrong with the file, in plain words; "" when it reads back whole (or is not there)."""
    try:
        read_record_file(path, name)
    except DamagedFile as error:
        return error.what
    except StoreError as error:
        return str(error)
    except OSError as error:
        return plain_reason(error)
    return ""
