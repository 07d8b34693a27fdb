"""Learner accounts on a shared server: PINs kept only as slow salted hashes, lockout that survives reconnecting."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import bleep_tui.store.accounts as accounts_module
from bleep_tui.store.accounts import AccountError, AccountStore, LoginResult, MAX_FAILED_LOGINS, PassphraseResult
from bleep_tui.store.audit import audit_entries
from bleep_tui.store.files import StoreError
from bleep_tui.store.learner import LearnerStore

# A separate process (another SSH session) trying PINs for one learner; prints each result's status.
TRY_PINS = """
import sys
from pathlib import Path
from bleep_tui.store.accounts import AccountStore
store = AccountStore(Path(sys.argv[1]))
for number, pin in enumerate(sys.argv[3:]):
    result = store.login(sys.argv[2], pin, source=f"{sys.argv[1]}-{number}")
    print(result.reason or result.status, flush=True)
"""


# Another facilitator's or learner's process: waits for "go" on stdin, so that all of them start at once.
AT_ONCE = """
import sys
from pathlib import Path
from bleep_tui.store.accounts import AccountStore
store = AccountStore(Path(sys.argv[1]))
action, args = sys.argv[2], sys.argv[3:]
sys.stdin.readline()
if action == "add":
    for code in args:
        store.add(code, "Learner " + code, "1234")
else:  # each try from its own terminal, so only the account's own count of wrong PINs applies
    for n, pin in enumerate(args[2:]):
        print(store.login(args[0], pin, source=f"{args[1]}-{n}").reason, flush=True)
"""


def at_once(data_dir: Path, *commands: list[str]) -> list[str]:
    """Run each command in its own process, all released together; what they printed."""
    children = [
        subprocess.Popen([sys.executable, "-c", AT_ONCE, str(data_dir), *command], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for command in commands
    ]
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = []
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0
        outputs += out.split()
    return outputs


def try_pins_in_a_new_process(data_dir: Path, code: str, *pins: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", TRY_PINS, str(data_dir), code, *pins], capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.split()


def login_kinds(data_dir: Path, code: str) -> list[str]:
    return [event.kind for event in LearnerStore(data_dir, code).events() if event.kind.startswith("login")]


def from_terminals(accounts: AccountStore, code: str, pin: str, count: int) -> list[LoginResult]:
    """`count` tries, each from its own terminal, so only the account's own lock counts them."""
    return [accounts.login(code, pin, source=f"tty{n}") for n in range(count)]


@pytest.fixture
def accounts(data_dir: Path) -> AccountStore:
    store = AccountStore(data_dir)
    store.add("ana", "Ana", "1234")
    return store


def test_a_pin_is_never_stored_and_the_same_pin_hashes_differently_for_two_learners(accounts: AccountStore, data_dir: Path) -> None:
    accounts.add("bob", "Bob", "1234")
    text = accounts.path.read_text()
    assert "1234" not in text
    learners = json.loads(text)["learners"].values()
    hashes = {learner["pin"]["hash"] for learner in learners}
    salts = {learner["pin"]["salt"] for learner in learners}
    assert len(hashes) == 2 and len(salts) == 2
    assert all(learner["pin"]["scheme"] == "scrypt" for learner in learners)


def test_accounts_and_pepper_files_are_owner_only(accounts: AccountStore, data_dir: Path) -> None:
    for path in (accounts.path, accounts.pepper_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert accounts.pepper_path.read_text().strip() not in accounts.path.read_text()


def test_the_right_pin_logs_in_and_is_recorded_as_an_event(accounts: AccountStore, data_dir: Path) -> None:
    result = accounts.login("ana", "1234")
    assert (result.status, result.code) == ("ok", "ana")
    assert login_kinds(data_dir, "ana") == ["login"]


def test_a_code_typed_in_another_case_is_the_same_learner(accounts: AccountStore) -> None:
    assert accounts.login("ANA", "1234").code == "ana"
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("Ana", "Another Ana", "9999")


def test_five_wrong_pins_lock_the_account_even_for_the_right_pin(accounts: AccountStore, data_dir: Path) -> None:
    results = from_terminals(accounts, "ana", "0000", MAX_FAILED_LOGINS)
    assert [r.status for r in results] == ["refused"] * MAX_FAILED_LOGINS
    assert accounts.get("ana").locked
    right = accounts.login("ana", "1234", source="elsewhere")
    assert (right.status, right.reason) == ("refused", "locked")
    assert login_kinds(data_dir, "ana") == []
    assert len(accounts.failures()) == MAX_FAILED_LOGINS + 1


def test_a_right_pin_resets_the_count_of_wrong_ones(accounts: AccountStore) -> None:
    from_terminals(accounts, "ana", "0000", MAX_FAILED_LOGINS - 1)
    assert accounts.login("ana", "1234", source="elsewhere").status == "ok"
    assert accounts.get("ana").failed_logins == 0
    from_terminals(accounts, "ana", "0000", MAX_FAILED_LOGINS - 1)
    assert not accounts.get("ana").locked


def test_unlock_and_a_new_pin_let_a_locked_learner_back_in(accounts: AccountStore) -> None:
    from_terminals(accounts, "ana", "0000", MAX_FAILED_LOGINS)
    accounts.unlock("ana")
    assert accounts.login("ana", "1234", source="a").status == "ok"
    from_terminals(accounts, "ana", "0000", MAX_FAILED_LOGINS)
    accounts.reset_pin("ana", "5678")
    assert accounts.login("ana", "1234", source="b").reason == "wrong_pin"
    assert accounts.login("ana", "5678", source="c").status == "ok"


def test_lockout_counts_across_processes_and_a_new_process_sees_the_lock(accounts: AccountStore, data_dir: Path) -> None:
    first = try_pins_in_a_new_process(data_dir, "ana", "0000", "0000", "0000")
    second = try_pins_in_a_new_process(data_dir, "ana", "0000", "0000")
    assert first == ["wrong_pin"] * 3
    assert second == ["wrong_pin", "wrong_pin"]
    assert try_pins_in_a_new_process(data_dir, "ana", "1234") == ["locked"]
    assert accounts.get("ana").locked


def test_two_facilitators_adding_learners_at_once_lose_none(data_dir: Path) -> None:
    AccountStore(data_dir).add("first", "First", "1234")  # the files exist, so every process starts by reading them
    batches = [[f"f{facilitator}-{n}" for n in range(8)] for facilitator in range(4)]
    at_once(data_dir, *(["add", *batch] for batch in batches))
    codes = {account.code for account in AccountStore(data_dir).accounts()}
    assert codes == {"first", *(code for batch in batches for code in batch)}
    for batch in batches:  # each PIN was kept too (a login hashes the PIN: one a facilitator is enough)
        assert AccountStore(data_dir).login(batch[-1], "1234").status == "ok"


def test_wrong_pins_typed_on_several_terminals_at_once_all_count(accounts: AccountStore) -> None:
    reasons = at_once(accounts.data_dir, *(["login", "ana", f"tty{n}", "0000", "0000"] for n in range(2)))
    assert reasons == ["wrong_pin"] * 4
    assert accounts.get("ana").failed_logins == 4
    accounts.login("ana", "0000", source="tty9")
    assert accounts.get("ana").locked


def test_an_unknown_or_path_like_code_is_refused_and_creates_no_file(accounts: AccountStore, data_dir: Path) -> None:
    for code in ("nobody", "../ana", "ana/../../x", ""):
        result = accounts.login(code, "1234", source=f"tty-{code}")
        assert (result.status, result.reason) == ("refused", "unknown")
    assert sorted(p.name for p in (data_dir / "learners").glob("*.json")) == ["ana.json"]


def test_a_deactivated_account_answers_a_right_pin_as_a_wrong_one_and_still_counts_guesses(accounts: AccountStore) -> None:
    accounts.deactivate("ana")
    wrong, right = accounts.login("ana", "0000", source="a"), accounts.login("ana", "1234", source="b")
    assert wrong.status == right.status == "refused" and (wrong.wait, wrong.code) == (right.wait, right.code)
    assert accounts.get("ana").failed_logins == 1
    from_terminals(accounts, "ana", "0000", MAX_FAILED_LOGINS)
    assert accounts.get("ana").locked
    accounts.activate("ana")
    assert accounts.login("ana", "1234", source="c").status == "refused"
    accounts.unlock("ana")
    assert accounts.login("ana", "1234", source="d").status == "ok"


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234", "１２３４"])
def test_a_pin_that_is_not_4_to_8_digits_is_refused(data_dir: Path, pin: str) -> None:
    with pytest.raises(AccountError, match="4 to 8 digits"):
        AccountStore(data_dir).add("ana", "Ana", pin)


def test_names_lose_control_characters_and_must_not_be_empty(data_dir: Path) -> None:
    store = AccountStore(data_dir)
    assert store.add("ana", " Ana\x1b[31m ", "1234").name == "Ana[31m"
    with pytest.raises(AccountError, match="needs a name"):
        store.add("bob", "\x07 ", "1234")


def test_the_facilitator_passphrase_needs_ten_characters_and_is_checked(data_dir: Path) -> None:
    store = AccountStore(data_dir)
    with pytest.raises(AccountError, match="at least 10"):
        store.set_passphrase("short")
    assert not store.has_passphrase()
    store.set_passphrase("a long passphrase")
    assert store.has_passphrase()
    assert store.check_passphrase("a long passphrase").ok
    assert not store.check_passphrase("a long passphrasE").ok
    assert "a long passphrase" not in store.path.read_text()


def test_a_lost_pepper_file_gives_a_clear_error_instead_of_wrong_pins(accounts: AccountStore) -> None:
    accounts.pepper_path.unlink()
    with pytest.raises(StoreError, match="pepper is missing"):
        accounts.login("ana", "1234")


def test_unlock_and_a_new_pin_start_the_count_of_wrong_pins_again(accounts: AccountStore) -> None:
    from_terminals(accounts, "ana", "0000", 3)
    assert accounts.get("ana").failed_logins == 3
    accounts.unlock("ana")
    assert accounts.get("ana").failed_logins == 0
    from_terminals(accounts, "ana", "0000", 2)
    accounts.reset_pin("ana", "5678")
    assert accounts.get("ana").failed_logins == 0


def test_after_a_lost_pepper_new_pins_let_learners_in_again_as_the_message_says(accounts: AccountStore) -> None:
    accounts.pepper_path.unlink()
    accounts.reset_pin("ana", "5678")
    assert accounts.login("ana", "5678").status == "ok"


def test_the_dashboard_gets_each_failed_login_with_its_time_and_terminal(accounts: AccountStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts_module, "wall_clock", lambda: 1_800_000_000.0)
    accounts.login("ana", "0000", source="tty7")
    accounts.login("nobody", "0000", source="ssh 10.1.2.3")
    assert [(failure.at, failure.source) for failure in accounts.failures()] == [(1_800_000_000.0, "tty7"), (1_800_000_000.0, "ssh 10.1.2.3")]


def test_each_wrong_passphrase_doubles_the_wait_and_a_new_passphrase_clears_it(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process, as the dashboard asks (tests/store/test_guessing_store.py checks the same across processes)."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(accounts_module, "wall_clock", lambda: now[0])
    store = AccountStore(data_dir)
    assert store.check_passphrase("anything at all") == PassphraseResult(False)  # none set yet
    store.set_passphrase("the right passphrase")

    def check(passphrase: str, at: float) -> tuple[bool, float]:
        now[0] = 1_800_000_000.0 + at
        result = store.check_passphrase(passphrase)
        return result.ok, result.wait

    assert check("wrong one!", 0) == (False, 0)
    assert check("the right passphrase", 0.5) == (False, 0.5)  # within the wait: not even checked
    assert check("wrong again", 1) == (False, 0)
    assert check("the right passphrase", 2) == (False, 1)
    assert check("the right passphrase", 3) == (True, 0)
    assert check("wrong one!", 3) == (False, 0)  # the count starts again after the right one
    assert check("wrong again", 3.5) == (False, 0.5)
    store.set_passphrase("a new passphrase")  # a facilitator who set a new one is not kept waiting
    assert check("a new passphrase", 3.5) == (True, 0)


def test_a_passphrase_of_exactly_ten_characters_is_enough(data_dir: Path) -> None:
    store = AccountStore(data_dir)
    with pytest.raises(AccountError, match="^the passphrase needs at least 10 characters$"):
        store.set_passphrase("123456789")
    store.set_passphrase("1234567890")
    assert store.check_passphrase("1234567890").ok


def test_each_passphrase_try_is_in_the_audit_log_with_where_it_came_from(data_dir: Path) -> None:
    store = AccountStore(data_dir)
    store.set_passphrase("the right passphrase")
    store.check_passphrase("the right passphrase", source="tty3")
    store.check_passphrase("a wrong passphrase", source="ssh 10.0.0.9")
    assert [(entry.what, entry.source) for entry in audit_entries(data_dir)][1:] == [
        ("facilitator_login", "tty3"), ("facilitator_login_failed", "ssh 10.0.0.9"),
    ]


def test_on_a_read_only_copy_the_passphrase_is_checked_and_nothing_is_counted(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AccountStore(data_dir)
    store.set_passphrase("the right passphrase")
    before = store.path.read_bytes()
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as a backup mounted read-only looks (root writes anywhere)
    assert store.check_passphrase("the right passphrase") == PassphraseResult(True)
    assert store.check_passphrase("a wrong passphrase") == PassphraseResult(False)
    assert store.check_passphrase("a wrong passphrase") == PassphraseResult(False)  # no wait: nothing was counted
    assert store.path.read_bytes() == before
    assert AccountStore(data_dir / "elsewhere").check_passphrase("the right passphrase") == PassphraseResult(False)


def test_a_pin_made_up_for_a_learner_is_six_random_digits_that_the_store_accepts() -> None:
    pins = {accounts_module.new_pin() for _ in range(20)}
    assert all(len(pin) == accounts_module.NEW_PIN_DIGITS and pin.isdigit() for pin in pins)
    assert all(accounts_module.check_pin(pin) == pin for pin in pins)
    assert len(pins) > 15  # random, not one PIN for everyone
