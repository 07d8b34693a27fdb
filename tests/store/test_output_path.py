"""An export or a CV can never be written over the accounts, the PIN secret or a learner's progress."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.files import StoreError, output_path


@pytest.mark.parametrize("inside", ["accounts.json", "pepper", "learners/ana.json", "settings.toml", "."])
def test_a_path_inside_the_data_folder_is_refused(data_dir: Path, inside: str) -> None:
    data_dir.mkdir()
    with pytest.raises(StoreError):
        output_path(data_dir / inside, data_dir)


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_file_name_is_refused(data_dir: Path, typed: str) -> None:
    with pytest.raises(StoreError, match="name of a file"):
        output_path(typed, data_dir)


@pytest.mark.parametrize("typed", [".", "..", "/", "~/.."])
def test_a_name_that_is_no_file_asks_for_a_file_name(data_dir: Path, typed: str) -> None:
    with pytest.raises(StoreError, match="^give the name of a file to write$"):
        output_path(typed, data_dir)


def test_a_refusal_says_what_is_wrong_and_where_to_write_instead(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir()
    with pytest.raises(StoreError) as inside:
        output_path(data_dir / "accounts.json", data_dir)
    assert str(inside.value) == (
        f"{data_dir / 'accounts.json'} is inside the data folder, where it could replace learners' progress; "
        f"write it elsewhere, or into {data_dir.resolve() / 'exports'}"
    )
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(StoreError, match="a-folder is a folder; give a file name"):
        output_path(tmp_path / "a-folder", data_dir)


def test_the_exports_folder_is_allowed_and_made_private(data_dir: Path) -> None:
    data_dir.mkdir()
    path = output_path(data_dir / "exports" / "scores.csv", data_dir)
    assert path.parent.is_dir() and oct(path.parent.stat().st_mode)[-3:] == "700"


def test_exporting_over_the_accounts_file_is_refused_and_the_accounts_survive(data_dir: Path) -> None:
    AccountStore(data_dir).add("ana", "Ana", "1234")
    before = (data_dir / "accounts.json").read_text()
    result = subprocess.run(
        [sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "export", "--format", "csv", "--out", str(data_dir / "accounts.json")],
        capture_output=True, text=True,
    )
    assert result.returncode == 1 and "inside the data folder" in result.stderr and "Traceback" not in result.stderr
    assert (data_dir / "accounts.json").read_text() == before
    json.loads(before)
