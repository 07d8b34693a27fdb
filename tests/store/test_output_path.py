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
