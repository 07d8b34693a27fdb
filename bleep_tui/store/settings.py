"""Settings of one installation, from `settings.toml` in the data folder (see docs/facilitator.md)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from bleep_tui.core.streaks import parse_week
from bleep_tui.core.display import CHOICES as DISPLAYS
from bleep_tui.core.time_limits import CHOICES
from bleep_tui.i18n import _

SETTINGS_FILE = "settings.toml"


@dataclass(frozen=True)
class Settings:
    mode: str = "personal"  # "personal": one local learner; "shared": learners log in with code and PIN
    idle_minutes: int = 15  # shared mode: log out after this long without a key
    paused_weeks: tuple[str, ...] = ()  # ISO weeks ("2026-W47") of lockdown or transfer: a streak pauses
    class_board: bool = False  # a board of pseudonyms only; off unless turned on
    time_limits: str = "standard"  # "standard", "longer" (x3), "much-longer" (x10) or "off"; a learner may choose their own
    display: str = "standard"  # "standard", "high-contrast", "spacious" or both ("high-contrast+spacious"); a learner may choose their own
    show_cursor: bool = False  # show the terminal's cursor (it is always on the focused item, for screen readers)
    backup_days: int = 14  # daily backups kept: the newest this many days on which BLEEP was used
    # xAPI and badges (docs/lrs.md): the installation's URL names its learners' accounts outside it;
    # activity IRIs start with activity_base (default: installation_url + "/xapi").
    installation_url: str = ""
    activity_base: str = ""
    pass_stars: int = 2  # a finished lesson with at least this many stars is passed
    problems: tuple[str, ...] = field(default=(), compare=False)  # what was wrong in the file, to show
    # Set when the file is there but its mode cannot be known: guessing "personal" could open a shared
    # server's every login as one learner, with no PIN, so the app refuses to start instead.
    unusable: str = field(default="", compare=False)


def load_settings(data_dir: Path) -> Settings:
    """The settings; a missing file means the defaults, a wrong value is reported and its default kept."""
    path = Path(data_dir) / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        return _unusable(path, str(error))
    if not text.strip():
        return _unusable(path, _("the file is empty (delete it to use the defaults)"))
    import tomllib  # only when there is a file: a start-up without one reads less code

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _unusable(path, str(error))
    problems: list[str] = []
    defaults = Settings()

    def take(key: str, kind: type, check=lambda v: True):
        value = raw.get(key, getattr(defaults, key))
        if isinstance(value, list) and kind is tuple:
            value = tuple(value)
        if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool) or not check(value):
            problems.append(f"{path}: `{key}` has a wrong value: {value!r}")
            return getattr(defaults, key)
        return value

    settings = Settings(
        mode=take("mode", str, lambda v: v in ("personal", "shared")),
        idle_minutes=take("idle_minutes", int, lambda v: 1 <= v <= 24 * 60),
        paused_weeks=take("paused_weeks", tuple, lambda v: all(isinstance(w, str) and parse_week(w) for w in v)),
        class_board=take("class_board", bool),
        time_limits=take("time_limits", str, lambda v: v in CHOICES),
        display=take("display", str, lambda v: v in DISPLAYS),
        show_cursor=take("show_cursor", bool),
        backup_days=take("backup_days", int, lambda v: 1 <= v <= 366),
        installation_url=take("installation_url", str, lambda v: v == "" or _is_web_address(v)),
        activity_base=take("activity_base", str, lambda v: v == "" or _is_web_address(v)),
        pass_stars=take("pass_stars", int, lambda v: 0 <= v <= 3),
        problems=(),
    )
    unknown = sorted(set(raw) - {field.name for field in fields(Settings)} - {"problems", "unusable"})
    problems += [f"{path}: unknown setting `{key}`" for key in unknown]
    unusable = "" if raw.get("mode", defaults.mode) == settings.mode else _("`mode` must be \"personal\" or \"shared\"")
    return replace(settings, problems=tuple(problems), unusable=f"{path}: {unusable}" if unusable else "")


def _is_web_address(text: str) -> bool:
    """An http(s) address with a host and nothing a learner code could be confused with (no query, no fragment)."""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query and not parts.fragment and " " not in text


def _unusable(path: Path, reason: str) -> Settings:
    return Settings(problems=(f"{path}: {reason}",), unusable=f"{path}: {reason}")
