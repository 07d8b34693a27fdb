"""A facilitator manages accounts with `bleep learners` and `bleep facilitator`: clear messages, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.core.events import Event
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.learner import LearnerStore

from tests.store.test_accounts import from_terminals


def bleep(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BLEEP_", "TEXTUAL"))}
    return subprocess.run(
        [sys.executable, "-m", "bleep_tui.cli", *args], input=stdin, env=env, capture_output=True, text=True, timeout=60
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_add_with_a_pin_then_the_learner_can_log_in(data_dir: Path) -> None:
    result = bleep("--data-dir", str(data_dir), "learners", "add", "ana", "--name", "Ana", "--pin", "1234")
    assert result.returncode == 0 and "added ana" in result.stdout
    assert "1234" not in result.stdout
    assert AccountStore(data_dir).login("ana", "1234").status == "ok"


def test_add_without_a_pin_prints_a_new_one_once_and_it_works(data_dir: Path) -> None:
    result = bleep("learners", "add", "bob", "--name", "Bob", "--data-dir", str(data_dir))
    assert result.returncode == 0
    pin = re.search(r"PIN for bob: (\d+)", result.stdout).group(1)
    assert AccountStore(data_dir).login("bob", pin).status == "ok"
    assert pin not in bleep("--data-dir", str(data_dir), "learners", "list").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "a b", "--name", "X", "--pin", "1234"], "must be 1 to 32 letters"),
        (["add", "../etc", "--name", "X", "--pin", "1234"], "must be 1 to 32 letters"),
        (["add", "x" * 33, "--name", "X", "--pin", "1234"], "must be 1 to 32 letters"),
        (["add", "ana", "--name", "Again", "--pin", "1234"], "already exists"),
        (["add", "zed", "--name", "Zed", "--pin", "12"], "4 to 8 digits"),
        (["add", "zed", "--name", "Zed", "--pin", "abcd"], "4 to 8 digits"),
        (["add", "zed", "--name", "   ", "--pin", "1234"], "needs a name"),
        (["reset-pin", "nobody", "--pin", "1234"], "no learner with the code 'nobody'"),
        (["reset-pin", "ana", "--pin", "1"], "4 to 8 digits"),
        (["unlock", "nobody"], "no learner"),
        (["deactivate", "nobody"], "no learner"),
        (["unlock", "bad code"], "must be 1 to 32 letters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_exit_code_1(data_dir: Path, args: list[str], message: str) -> None:
    AccountStore(data_dir).add("ana", "Ana", "1234")
    result = bleep("--data-dir", str(data_dir), "learners", *args)
    assert result.returncode == 1
    assert message in result.stderr
    no_traceback(result)


def test_list_shows_state_and_never_a_pin_or_hash(data_dir: Path) -> None:
    store = AccountStore(data_dir)
    store.add("ana", "Ana", "1234")
    store.add("bob", "Bob", "5678")
    store.add("cy", "Cy", "4321")
    from_terminals(store, "bob", "0000", 5)
    store.deactivate("cy")
    listing = bleep("--data-dir", str(data_dir), "learners", "list")
    lines = {line.split()[0]: line.split()[1] for line in listing.stdout.splitlines()}
    assert lines == {"ana": "active", "bob": "locked", "cy": "deactivated"}
    as_json = bleep("--data-dir", str(data_dir), "learners", "list", "--json").stdout
    rows = json.loads(as_json)
    assert [(r["code"], r["locked"], r["active"]) for r in rows] == [("ana", False, True), ("bob", True, True), ("cy", False, False)]
    for secret in ("pin", "hash", "salt", "1234", "scrypt"):
        assert secret not in as_json


def test_unlock_reset_pin_and_deactivate_change_what_the_learner_can_do(data_dir: Path) -> None:
    store = AccountStore(data_dir)
    store.add("ana", "Ana", "1234")
    from_terminals(store, "ana", "0000", 5)
    assert bleep("--data-dir", str(data_dir), "learners", "unlock", "ana").returncode == 0
    assert store.login("ana", "1234").status == "ok"
    reset = bleep("--data-dir", str(data_dir), "learners", "reset-pin", "ana")
    new_pin = re.search(r"PIN for ana: (\d+)", reset.stdout).group(1)
    assert store.login("ana", new_pin).status == "ok"
    assert bleep("--data-dir", str(data_dir), "learners", "reset-pin", "ana", "--pin", "9876").returncode == 0
    assert store.login("ana", "9876").status == "ok"
    assert bleep("--data-dir", str(data_dir), "learners", "deactivate", "ana").returncode == 0
    assert store.login("ana", "9876").reason == "inactive"


def test_activate_lets_a_deactivated_learner_log_in_again_with_their_progress(data_dir: Path) -> None:
    store = AccountStore(data_dir)
    store.add("ana", "Ana", "1234")
    LearnerStore(data_dir, "ana").record(Event("lesson_finished", "2026-03-02T10:00:00+00:00", lesson="l", run="r", points=30))
    bleep("--data-dir", str(data_dir), "learners", "deactivate", "ana")
    assert store.login("ana", "1234").reason == "inactive"
    result = bleep("--data-dir", str(data_dir), "learners", "activate", "ANA")  # a code in another case is the same learner
    assert (result.returncode, result.stdout.strip()) == (0, "activated ana")
    assert store.login("ana", "1234").status == "ok"
    assert "lesson_finished" in [e.kind for e in LearnerStore(data_dir, "ana").events()]
    missing = bleep("--data-dir", str(data_dir), "learners", "activate", "nobody")
    assert missing.returncode == 1 and "no learner" in missing.stderr and "Traceback" not in missing.stderr


def test_import_adds_the_good_rows_and_names_each_bad_row_by_line(tmp_path: Path, data_dir: Path) -> None:
    AccountStore(data_dir).add("old", "Already here", "1234")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "code,name,pin\n"  # 1: header
        "c1,Cee,1234\n"  # 2: good
        "c2,,1234\n"  # 3: no name
        "bad code,Bad,1234\n"  # 4: bad code
        "c4,Four\n"  # 5: good, PIN made up
        "\n"  # 6: blank, skipped
        "c1,Twice,1234\n"  # 7: duplicate in the file
        "old,Old,1234\n"  # 8: duplicate of an existing learner
        "c9,Nine,12x4\n"  # 9: bad PIN
        "x,y,1234,extra\n"  # 10: too many columns
        '"Zoë",Zoë Ü,87654321\n',  # 11: a letter outside a-z in the code
        encoding="utf-8",
    )
    result = bleep("--data-dir", str(data_dir), "learners", "import", str(roster))
    assert result.returncode == 1
    no_traceback(result)
    refused = {int(m.group(1)): m.group(2) for m in re.finditer(r"roster\.csv:(\d+): (.*)", result.stderr)}
    assert sorted(refused) == [3, 4, 7, 8, 9, 10, 11]
    assert "needs a name" in refused[3] and "already exists" in refused[7] and "4 to 8 digits" in refused[9]
    assert "2 learner(s) added, 7 row(s) refused" in result.stdout
    codes = [account.code for account in AccountStore(data_dir).accounts()]
    assert codes == ["c1", "c4", "old"]
    c4_pin = re.search(r"PIN for c4: (\d+)", result.stdout).group(1)
    assert AccountStore(data_dir).login("c4", c4_pin).status == "ok"


def test_import_of_a_missing_file_says_so(tmp_path: Path, data_dir: Path) -> None:
    result = bleep("--data-dir", str(data_dir), "learners", "import", str(tmp_path / "nope.csv"))
    assert result.returncode == 1 and "cannot read" in result.stderr
    no_traceback(result)


def test_import_reads_the_header_columns_in_any_order_and_semicolon_files(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "swapped.csv").write_text("name,code\nAna Lima,ana\n")
    (tmp_path / "semicolons.csv").write_text("code;name;pin\nbob;Bob Baker;1234\n")
    for roster in ("swapped.csv", "semicolons.csv"):
        result = bleep("--data-dir", str(data_dir), "learners", "import", str(tmp_path / roster))
        assert result.returncode == 0, result.stderr
    listed = json.loads(bleep("--data-dir", str(data_dir), "learners", "list", "--json").stdout)
    assert {(row["code"], row["name"]) for row in listed} == {("ana", "Ana Lima"), ("bob", "Bob Baker")}


def test_import_of_a_non_utf8_file_says_how_to_save_it(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "latin1.csv").write_bytes("code,name\nzoe,Zo\xeb\n".encode("latin-1"))
    result = bleep("--data-dir", str(data_dir), "learners", "import", str(tmp_path / "latin1.csv"))
    assert result.returncode == 1 and "CSV UTF-8" in result.stderr
    no_traceback(result)


def test_set_passphrase_from_stdin_then_a_wrong_one_does_not_open_the_dashboard(data_dir: Path) -> None:
    short = bleep("--data-dir", str(data_dir), "facilitator", "set-passphrase", stdin="too short\n")
    assert short.returncode == 1 and "at least 10" in short.stderr
    not_yet = bleep("--data-dir", str(data_dir), "facilitator", stdin="anything at all\n")
    assert not_yet.returncode == 1 and "set-passphrase" in not_yet.stderr
    assert bleep("facilitator", "set-passphrase", "--data-dir", str(data_dir), stdin="the right passphrase\n").returncode == 0
    assert AccountStore(data_dir).check_passphrase("the right passphrase").ok
    wrong = bleep("--data-dir", str(data_dir), "facilitator", stdin="the wrong passphrase\n")
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr
    no_traceback(wrong)


def test_the_dashboard_of_an_unknown_group_is_refused_and_names_the_groups_only_after_the_passphrase(data_dir: Path) -> None:
    AccountStore(data_dir).add("ana", "Ana", "1234", groups=["Wing B"])
    AccountStore(data_dir).set_passphrase("the right passphrase")
    right = bleep("--data-dir", str(data_dir), "facilitator", "--group", "Wing C", "--since", "2026-01-01", stdin="the right passphrase\n")
    assert right.returncode == 1 and "no group 'Wing C'; the groups are: Wing B" in right.stderr
    no_traceback(right)
    wrong = bleep("--data-dir", str(data_dir), "facilitator", "--group", "Wing C", stdin="the wrong passphrase\n")
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr and "Wing B" not in wrong.stderr
    bad_day = bleep("--data-dir", str(data_dir), "facilitator", "--until", "2026-02-30", stdin="the right passphrase\n")
    assert bad_day.returncode == 2 and "not a date" in bad_day.stderr


@pytest.mark.parametrize("kind", ["zero bytes", "null", "a list", "invalid UTF-8", "an account without locked"])
def test_every_learners_command_names_damaged_accounts_exits_1_and_writes_nothing(data_dir: Path, kind: str) -> None:
    from tests.store.test_damage import DAMAGED_ACCOUNTS

    AccountStore(data_dir).add("ana", "Ana", "1234")
    accounts = data_dir / "accounts.json"
    accounts.write_bytes(DAMAGED_ACCOUNTS[kind])
    for command in (["learners", "list"], ["learners", "add", "bob", "--name", "Bob"], ["learners", "unlock", "ana"], ["export"]):
        result = bleep("--data-dir", str(data_dir), *command)
        assert result.returncode == 1, (command, result.stderr)
        assert "accounts.json is damaged" in result.stderr and "bleep doctor" in result.stderr
        no_traceback(result)
    assert accounts.read_bytes() == DAMAGED_ACCOUNTS[kind]
    assert not (data_dir / "learners" / "bob.json").exists()


def test_an_unexpected_error_in_a_command_is_logged_not_shown(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A bug gives a plain line and exit 1; the traceback goes to the private log, without variable values."""
    from bleep_tui import cli
    from bleep_tui.commands import learners

    def buggy(args: object) -> int:
        secret_pin = "918273"  # noqa: F841 - a local a crash report with variables would show
        raise RuntimeError("a bug in a command")

    monkeypatch.setattr(learners, "list_learners", buggy)
    assert cli.main(["--data-dir", str(data_dir), "learners", "list"]) == 1
    err = capsys.readouterr().err
    assert "something went wrong" in err and "Traceback" not in err
    log = (data_dir / "logs" / "errors.log").read_text()
    assert "RuntimeError: a bug in a command" in log and "918273" not in log


def test_groups_by_command_add_and_import_show_in_the_list_and_every_export(tmp_path: Path, data_dir: Path) -> None:
    run = lambda *args: bleep("--data-dir", str(data_dir), "learners", *args)  # noqa: E731
    assert run("add", "ana", "--name", "Ana", "--pin", "1234", "--group", "Wing B", "--group", "Maths").returncode == 0
    roster = tmp_path / "roster.csv"
    roster.write_text('code;name;groups;id_number\nbob;Bob;"Wing B, Maths";S-2\ncy;Cy;;\ndan;Dan\n', encoding="utf-8")
    imported = run("import", str(roster), "--group", "Course 1")
    assert imported.returncode == 0, imported.stderr
    assert run("group", "add", "wing b", "cy", "ANA").stdout.splitlines() == ["added 1 learner to Wing B", "1 was in it already"]
    assert run("group", "remove", "Maths", "bob", "cy").stdout.splitlines() == ["took 1 learner out of Maths", "1 was not in it"]
    assert run("group", "list").stdout.splitlines() == [
        "Course 1: 3 learners: bob cy dan", "Maths: 1 learner: ana", "Wing B: 3 learners: ana bob cy",
    ]
    listed = json.loads(run("list", "--json", "--group", "course 1").stdout)
    assert [(row["code"], row["groups"], row["id_number"]) for row in listed] == [
        ("bob", ["Wing B", "Course 1"], "S-2"), ("cy", ["Course 1", "Wing B"], ""), ("dan", ["Course 1"], ""),
    ]
    assert "ana" in run("list").stdout and "(Wing B, Maths)" in run("list").stdout
    rows = list(csv.reader(io.StringIO(bleep("--data-dir", str(data_dir), "export", "--group", "WING B").stdout.lstrip("\ufeff"))))
    column = rows[0].index("groups")
    assert [(row[0], row[column]) for row in rows] == [("code", "groups"), ("ana", "Wing B; Maths"), ("bob", "Wing B; Course 1"), ("cy", "Course 1; Wing B")]
    records = json.loads(bleep("--data-dir", str(data_dir), "export", "--format", "json", "--group", "maths").stdout)
    assert [(record["code"], record["groups"]) for record in records] == [("ana", ["Wing B", "Maths"])]


def test_an_exported_csvs_groups_import_back_as_the_same_groups(tmp_path: Path, data_dir: Path) -> None:
    AccountStore(data_dir).add("ana", "Ana", "1234", groups=["Wing B", "Maths"])
    exported = bleep("--data-dir", str(data_dir), "export").stdout.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(exported)))
    roster = tmp_path / "roster.csv"
    roster.write_text(f"code,name,groups\nana2,Ana,\"{rows[1][rows[0].index('groups')]}\"\n", encoding="utf-8")
    assert bleep("--data-dir", str(data_dir), "learners", "import", str(roster)).returncode == 0
    assert AccountStore(data_dir).get("ana2").groups == ("Wing B", "Maths")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["group", "add", "=evil", "ana"], "group '=evil' must be"),
        (["group", "add", "Wing B", "nobody"], "no learner with the code 'nobody'"),
        (["list", "--group", "Wing C"], "no group 'Wing C'; the groups are: none yet"),
        (["set-id-number", "ana", "+1"], "ID number must be"),
        (["add", "bob", "--name", "Bob", "--group", "a;b"], "group 'a;b' must be"),
    ],
)
def test_a_bad_group_or_id_number_is_refused_clearly(data_dir: Path, args: list[str], message: str) -> None:
    AccountStore(data_dir).add("ana", "Ana", "1234")
    result = bleep("--data-dir", str(data_dir), "learners", *args)
    assert result.returncode == 1 and message in result.stderr
    no_traceback(result)
    assert AccountStore(data_dir).groups() == {} and AccountStore(data_dir).get("bob") is None


def test_a_roster_row_may_leave_out_its_empty_last_cells_but_not_have_too_many(tmp_path: Path, data_dir: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("code,name,pin,groups,id_number\nana,Ana\nbob,Bob,1234,Maths\ncy,Cy,1234,Maths,S-3,extra\n", encoding="utf-8")
    result = bleep("--data-dir", str(data_dir), "learners", "import", str(roster))
    assert result.returncode == 1
    assert "roster.csv:4: expected 2 to 5 columns (code,name,pin,groups,id_number) but found 6" in result.stderr
    assert [account.code for account in AccountStore(data_dir).accounts()] == ["ana", "bob"]
