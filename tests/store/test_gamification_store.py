"""What the streak and the class board read from the data folder."""

from pathlib import Path

from bleep_tui.store.board import board_secret
from bleep_tui.store.learner import stored_codes as learner_codes
from bleep_tui.store.learner import LearnerStore
from bleep_tui.store.settings import load_settings


def test_a_facilitators_paused_weeks_are_read_and_a_misspelt_week_is_reported(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text('paused_weeks = ["2026-W47", "2026-W48"]\n', encoding="utf-8")
    assert load_settings(data_dir).paused_weeks == ("2026-W47", "2026-W48")
    (data_dir / "settings.toml").write_text('paused_weeks = ["2026-W47", "week 48"]\n', encoding="utf-8")
    settings = load_settings(data_dir)
    assert settings.paused_weeks == () and "paused_weeks" in settings.problems[0]


def test_the_class_board_secret_is_made_once_private_and_then_kept(data_dir: Path) -> None:
    secret = board_secret(data_dir)
    assert len(secret) == 32 and board_secret(data_dir) == secret
    assert (data_dir / "board-secret").stat().st_mode & 0o777 == 0o600


def test_the_board_finds_every_learner_file_and_nothing_else(data_dir: Path) -> None:
    assert learner_codes(data_dir) == []
    LearnerStore(data_dir, "B2").create("Bo")
    LearnerStore(data_dir, "A1").create("Al")
    (data_dir / "learners" / "notes.txt").write_text("x")
    assert learner_codes(data_dir) == ["a1", "b2"]
