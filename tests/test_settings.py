"""A mistake in settings.toml is reported, never silently ignored; the defaults keep the app going."""

import subprocess
import sys
from pathlib import Path

import pytest

from bleep_tui.store.settings import Settings, load_settings
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


def settings_from(data_dir: Path, text: str) -> Settings:
    write_settings(data_dir, text)
    return load_settings(data_dir)


def test_every_setting_is_read_at_the_edges_of_what_it_allows(data_dir: Path) -> None:
    settings = settings_from(data_dir, 'mode = "shared"\nidle_minutes = 1\npaused_weeks = ["2026-W47"]\nclass_board = true\n')
    assert settings == Settings("shared", 1, ("2026-W47",), True) and settings.problems == () and not settings.unusable
    assert settings_from(data_dir, "idle_minutes = 1440\n").idle_minutes == 24 * 60


@pytest.mark.parametrize(
    ("line", "named"),
    [("idle_minutes = 0", "`idle_minutes` has a wrong value: 0"), ("idle_minutes = 1441", "`idle_minutes` has a wrong value: 1441"),
     ('idle_minutes = "15"', "`idle_minutes` has a wrong value: '15'"), ("idle_minutes = true", "`idle_minutes` has a wrong value: True"),
     ('paused_weeks = ["2026-W54"]', "`paused_weeks` has a wrong value: ('2026-W54',)"),
     ("paused_weeks = [47]", "`paused_weeks` has a wrong value: (47,)"),
     ('paused_weeks = "2026-W47"', "`paused_weeks` has a wrong value: '2026-W47'"), ('class_board = "yes"', "`class_board` has a wrong value: 'yes'"),
     ('installation_url = "learn.example.org"', "`installation_url` has a wrong value: 'learn.example.org'"),
     ('installation_url = "https://learn.example.org/?who=me"', "`installation_url` has a wrong value: 'https://learn.example.org/?who=me'"),
     ('activity_base = "ftp://learn.example.org/xapi"', "`activity_base` has a wrong value: 'ftp://learn.example.org/xapi'"),
     ("pass_stars = 4", "`pass_stars` has a wrong value: 4")],
)
def test_a_wrong_value_is_named_and_its_default_kept(data_dir: Path, line: str, named: str) -> None:
    settings = settings_from(data_dir, line + "\n")
    assert settings == Settings() and not settings.unusable
    assert settings.problems == (f"{data_dir / 'settings.toml'}: {named}",)


def test_the_address_that_names_learners_outside_and_the_pass_mark_are_read(data_dir: Path) -> None:
    settings = settings_from(data_dir, 'installation_url = "https://learn.example.org"\npass_stars = 3\n')
    assert (settings.installation_url, settings.activity_base, settings.pass_stars) == ("https://learn.example.org", "", 3)
    assert settings.problems == ()


def test_an_unknown_setting_is_named_and_the_known_ones_are_not(data_dir: Path) -> None:
    settings = settings_from(data_dir, 'mode = "personal"\nidle_minutes = 5\npaused_weeks = []\nclass_board = false\nidle_minute = 3\n')
    assert settings.problems == (f"{data_dir / 'settings.toml'}: unknown setting `idle_minute`",)
    assert settings.idle_minutes == 5


@pytest.mark.parametrize(
    ("text", "reason"),
    [("  \n", "the file is empty (delete it to use the defaults)"), ('mode = "kiosk"\n', '`mode` must be "personal" or "shared"'),
     ("mode = \n", "Invalid value (at line 1, column 8)")],
)
def test_a_file_whose_mode_cannot_be_known_is_unusable_and_says_why(data_dir: Path, text: str, reason: str) -> None:
    settings = settings_from(data_dir, text)
    assert settings.unusable == f"{data_dir / 'settings.toml'}: {reason}"
    assert settings.mode == "personal"  # never used: the app stops on `unusable`
