"""Groups (a class, a wing, a course) and ID numbers in accounts.json: kept under the same lock, checked on every read,
and an accounts file written before groups existed still reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.store.accounts import AccountError, AccountStore
from bleep_tui.store.files import DamagedFile

# Another facilitator's process: waits for "go", then puts every learner in its group, one command per learner.
JOIN = """
import sys
from pathlib import Path
from bleep_tui.store.accounts import AccountStore
store = AccountStore(Path(sys.argv[1]))
sys.stdin.readline()
for code in sys.argv[3:]:
    store.join_group(sys.argv[2], [code])
"""


@pytest.fixture
def accounts(data_dir: Path) -> AccountStore:
    store = AccountStore(data_dir)
    for code in ("ana", "bob", "cy"):
        store.add(code, code.title(), "1234")
    return store


def groups_of(accounts: AccountStore) -> dict[str, tuple[str, ...]]:
    return {account.code: account.groups for account in accounts.accounts()}


def test_a_learner_is_in_the_groups_given_when_added_joined_and_left_whatever_the_case(data_dir: Path) -> None:
    accounts = AccountStore(data_dir)
    accounts.add("ana", "Ana", "1234", groups=["Wing  B", "Maths", "maths"])
    accounts.add("bob", "Bob", "1234", groups=["wing b"])
    assert groups_of(accounts) == {"ana": ("Wing B", "Maths"), "bob": ("Wing B",)}  # one spelling per group
    assert accounts.join_group("MATHS", ["bob", "ana"]) == ("Maths", ["bob"])
    assert accounts.leave_group("wing B", ["ana", "ana"]) == ("Wing B", ["ana"])
    assert groups_of(accounts) == {"ana": ("Maths",), "bob": ("Wing B", "Maths")}
    assert accounts.groups() == {"Maths": ["ana", "bob"], "Wing B": ["bob"]}
    assert accounts.known_group("wing b") == "Wing B"
    with pytest.raises(AccountError, match="no group 'Wing C'; the groups are: Maths, Wing B"):
        accounts.known_group("Wing C")


def test_an_unknown_code_refuses_the_whole_group_command_and_changes_nothing(accounts: AccountStore) -> None:
    before = accounts.path.read_bytes()
    with pytest.raises(AccountError, match="no learner with the code 'nobody'"):
        accounts.join_group("Wing B", ["ana", "nobody", "bob"])
    with pytest.raises(AccountError, match="no learner"):
        accounts.leave_group("Wing B", ["nobody"])
    assert accounts.path.read_bytes() == before


@pytest.mark.parametrize("group", ["", "   ", "=cmd", "-x", "Wing;B", "a|b", "a,b", "x" * 41, "\x1b[31m"])
def test_a_group_name_that_could_not_be_told_apart_in_a_file_is_refused(accounts: AccountStore, group: str) -> None:
    with pytest.raises(AccountError, match="group"):
        accounts.join_group(group, ["ana"])
    with pytest.raises(AccountError, match="group"):
        accounts.add("dan", "Dan", "1234", groups=[group])
    assert accounts.get("dan") is None and accounts.groups() == {}


def test_an_accounts_file_from_before_groups_reads_as_no_groups_and_takes_them(accounts: AccountStore) -> None:
    data = json.loads(accounts.path.read_text())
    for doc in data["learners"].values():
        del doc["groups"], doc["id_number"]
    accounts.path.write_text(json.dumps(data))
    assert groups_of(accounts) == {"ana": (), "bob": (), "cy": ()}
    assert accounts.login("ana", "1234").status == "ok"
    accounts.join_group("Wing B", ["bob"])
    assert groups_of(accounts) == {"ana": (), "bob": ("Wing B",), "cy": ()}


@pytest.mark.parametrize(
    ("field", "value"),
    [("groups", "Wing B"), ("groups", [1]), ("groups", [""]), ("groups", {"1": "Wing B"}), ("groups", None), ("id_number", 7)],
)
def test_a_wrong_groups_or_id_number_field_is_named_damage_never_a_traceback(accounts: AccountStore, field: str, value: object) -> None:
    data = json.loads(accounts.path.read_text())
    data["learners"]["2"][field] = value
    accounts.path.write_text(json.dumps(data))
    with pytest.raises(DamagedFile, match=rf"accounts.json is damaged.*learner 2 has a wrong '{field}'"):
        accounts.accounts()
    with pytest.raises(DamagedFile):
        accounts.join_group("Wing B", ["ana"])


def test_groups_given_from_several_processes_at_once_are_all_kept(accounts: AccountStore) -> None:
    codes = ["ana", "bob", "cy"]
    children = [
        subprocess.Popen([sys.executable, "-c", JOIN, str(accounts.data_dir), group, *codes], stdin=subprocess.PIPE, text=True)
        for group in ("Wing B", "Maths", "Course 1")
    ]
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        child.communicate(timeout=120)
        assert child.returncode == 0
    assert {code: sorted(groups) for code, groups in groups_of(accounts).items()} == {code: ["Course 1", "Maths", "Wing B"] for code in codes}


def test_an_id_number_is_kept_checked_and_never_shared(accounts: AccountStore) -> None:
    assert accounts.set_id_number("ana", " S-1024 ").id_number == "S-1024"
    with pytest.raises(AccountError, match="ana already has the ID number 'S-1024'"):
        accounts.set_id_number("bob", "S-1024")
    with pytest.raises(AccountError, match="already has the ID number"):
        accounts.add("dan", "Dan", "1234", id_number="S-1024")
    for bad in ("=1+1", "@x", "a\tb", "x" * 101):
        with pytest.raises(AccountError, match="ID number"):
            accounts.set_id_number("bob", bad)
    assert accounts.set_id_number("ANA", "S-1024").id_number == "S-1024"  # their own number again is fine
    assert accounts.set_id_number("ana", "").id_number == ""
    assert accounts.set_id_number("bob", "S-1024").id_number == "S-1024"
    assert {account.code: account.id_number for account in accounts.accounts()} == {"ana": "", "bob": "S-1024", "cy": ""}
