"""A facilitator sets a learner's language (`bleep learners add --language nl`); it is kept in their profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bleep_tui.store.files import DamagedFile
from bleep_tui.store.learner import LearnerStore

from tests.test_learners_cli import bleep, no_traceback


def test_a_learner_added_with_a_language_has_it_in_their_profile(data_dir: Path) -> None:
    result = bleep("learners", "add", "ana", "--name", "Ana", "--pin", "1234", "--language", "nl", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert LearnerStore(data_dir, "ana").profile().language == "nl"
    changed = bleep("learners", "set-language", "ana", "en", "--data-dir", str(data_dir))
    assert changed.returncode == 0 and "ana now sees BLEEP in English" in changed.stdout
    assert LearnerStore(data_dir, "ana").profile().language == "en"


def test_a_language_that_is_not_installed_is_refused_and_no_account_is_made(data_dir: Path) -> None:
    result = bleep("learners", "add", "ana", "--name", "Ana", "--pin", "1234", "--language", "xx", "--data-dir", str(data_dir))
    no_traceback(result)
    assert result.returncode == 1
    assert "no language 'xx'" in result.stderr and "the installed ones are: en, " in result.stderr and "nl" in result.stderr
    assert LearnerStore(data_dir, "ana").profile() is None
    unknown = bleep("learners", "set-language", "zed", "nl", "--data-dir", str(data_dir))
    assert unknown.returncode == 1 and "no learner with the code 'zed'" in unknown.stderr


def test_a_profile_whose_language_is_not_text_is_a_damaged_file(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam", "nl")
    data = json.loads(store.path.read_text())
    data["meta"]["1"]["language"] = 31
    store.path.write_text(json.dumps(data))
    with pytest.raises(DamagedFile, match="language"):
        store.profile()


def test_a_facilitator_gives_a_learner_more_time_and_it_is_kept_in_their_profile(data_dir: Path) -> None:
    bleep("learners", "add", "ana", "--name", "Ana", "--pin", "1234", "--data-dir", str(data_dir))
    changed = bleep("learners", "set-time-limits", "ana", "much-longer", "--data-dir", str(data_dir))
    assert changed.returncode == 0 and "ana's time limits are now: much-longer" in changed.stdout
    assert LearnerStore(data_dir, "ana").profile().time_limits == "much-longer"
    wrong = bleep("learners", "set-time-limits", "ana", "forever", "--data-dir", str(data_dir))
    no_traceback(wrong)
    assert wrong.returncode != 0 and "invalid choice: 'forever'" in wrong.stderr and "'much-longer'" in wrong.stderr
