"""A mistake in settings.toml is reported, never silently ignored; the defaults keep the app going."""

import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.store.settings import load_settings
from bleep_tui.ui.app import BleepApp

from .ui.screen import key_bar_note, screen_text


def write_settings(data_dir: Path, text: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(text)


def test_bleep_settings_shows_what_is_in_force_and_each_mistake(data_dir: Path) -> None:
    write_settings(data_dir, 'mode = "shared"\nidle_minutes = "ten"\npaused_weeks = ["2026-W99"]\ncolour = 1\n')
    result = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "settings"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "mode = 'shared'" in result.stdout and "idle_minutes = 15" in result.stdout
    for mistake in ("idle_minutes", "paused_weeks", "unknown setting `colour`"):
        assert mistake in result.stdout
    assert "Traceback" not in result.stderr


def test_good_settings_check_clean(data_dir: Path) -> None:
    write_settings(data_dir, 'mode = "personal"\npaused_weeks = ["2026-W47"]\n')
    result = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "settings"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert load_settings(data_dir).paused_weeks == ("2026-W47",)


async def test_the_app_warns_about_a_wrong_value_and_starts_with_its_default(data_dir: Path) -> None:
    write_settings(data_dir, 'idle_minutes = "ten"\n')
    app = BleepApp(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "What should we call you?" in screen_text(app)
        note = key_bar_note(app)
        assert "settings.toml" in note and "Defaults are used" in note


@pytest.mark.parametrize("damage", [b"mode = [unclosed\n", b"", b"mode = \"sharde\"\n", b"\xff\xfemode", b"mode = 1\n"])
async def test_a_settings_file_whose_mode_cannot_be_known_stops_the_app_instead_of_guessing(data_dir: Path, damage: bytes) -> None:
    """Guessing "personal" on a shared server would let every login in as one learner, with no PIN."""
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_bytes(damage)
    app = BleepApp(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    assert not (data_dir / "learners").exists()
    result = subprocess.run([sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data_dir), "settings"], capture_output=True, text=True)
    assert result.returncode == 1 and "will not start" in result.stderr and "Traceback" not in result.stderr
