"""Where learners' data lives: --data-dir, then BLEEP_DATA_DIR, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "BLEEP_DATA_DIR"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("bleep", appauthor=False)
