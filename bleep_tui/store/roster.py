"""Every learner on this server, account and events together, for the dashboard and the exports."""

from __future__ import annotations

from pathlib import Path

from bleep_tui.core.reports import LearnerData
from bleep_tui.store.accounts import Account, AccountStore
from bleep_tui.store.files import DamagedFile
from bleep_tui.store.learner import LearnerStore, stored_codes


def _file_only_codes(data_dir: Path, known: set[str]) -> list[str]:
    """Codes with a progress file but no account (the personal learner `me`)."""
    return [code for code in stored_codes(data_dir) if code not in known]


def learner_codes(data_dir: Path) -> list[str]:
    codes = [account.code for account in AccountStore(data_dir).accounts()]
    return codes + _file_only_codes(data_dir, {code.casefold() for code in codes})


def _learner(data_dir: Path, code: str, account: Account | None) -> LearnerData:
    """One learner; a damaged record is marked as such (with no events) so everyone else is still listed."""
    store = LearnerStore(data_dir, code)
    try:
        profile = store.profile()
        events = tuple(store.events())
    except DamagedFile as error:
        profile, events, damaged = None, (), error.what
    else:
        damaged = ""
    if account is not None:
        return LearnerData(
            account.code, account.name, events, account.active, account.locked, account.created, damaged, account.groups, account.id_number,
        )
    return LearnerData(code, profile.name if profile else code, events, created=profile.created if profile else "", damaged=damaged)


def load_learner(data_dir: Path, code: str) -> LearnerData:
    account = AccountStore(data_dir).get(code)
    return _learner(data_dir, account.code if account else code, account)


def load_learners(data_dir: Path) -> list[LearnerData]:
    accounts = AccountStore(data_dir).accounts()
    learners = [_learner(data_dir, account.code, account) for account in accounts]
    known = {account.code.casefold() for account in accounts}
    return learners + [_learner(data_dir, code, None) for code in _file_only_codes(data_dir, known)]
